"""A view whose columns changed in sql/ is rebuilt on an existing warehouse, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

import pilot_pipeline.resources.warehouse_ddl as warehouse_ddl
from pilot_pipeline.resources.warehouse import WarehouseResource


@pytest.fixture
def sql_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private sql/ tree with one schema and one view, so the test can change the view."""
    root = tmp_path / "sql"
    (root / "schemas").mkdir(parents=True)
    (root / "views").mkdir()
    (root / "schemas" / "bi.sql").write_text("CREATE SCHEMA IF NOT EXISTS bi;\n")
    monkeypatch.setattr(warehouse_ddl, "SQL_DIR", root)
    monkeypatch.setattr(warehouse_ddl, "DDL_FOLDERS", ("schemas", "views"))
    return root


def test_renamed_view_column_is_rebuilt(warehouse_url: str, sql_tree: Path) -> None:
    warehouse = WarehouseResource(url=warehouse_url, apply_ddl_on_setup=False)
    view = sql_tree / "views" / "vw_probe.sql"
    view.write_text("CREATE OR REPLACE VIEW bi.vw_probe AS SELECT 1 AS old_name;\n")
    warehouse.apply_ddl()
    view.write_text("CREATE OR REPLACE VIEW bi.vw_probe AS SELECT 'x' AS new_name, 2 AS n;\n")
    warehouse.apply_ddl()
    frame = warehouse.read_frame("SELECT * FROM bi.vw_probe")
    assert list(frame.columns) == ["new_name", "n"]
    assert frame.iloc[0].tolist() == ["x", 2]


def test_a_broken_view_still_fails_naming_the_file(warehouse_url: str, sql_tree: Path) -> None:
    warehouse = WarehouseResource(url=warehouse_url, apply_ddl_on_setup=False)
    (sql_tree / "views" / "vw_broken.sql").write_text(
        "CREATE OR REPLACE VIEW bi.vw_broken AS SELECT * FROM bi.no_such_table;\n"
    )
    with pytest.raises(Exception, match="vw_broken.sql"):
        warehouse.apply_ddl()
