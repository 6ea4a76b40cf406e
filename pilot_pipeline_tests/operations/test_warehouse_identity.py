"""Change detection per warehouse: one Dagster instance, two warehouses.

A pass into DuckDB, then the same unchanged mirror into a new PostgreSQL database with the
same instance: the instance remembers everything as built, yet the new warehouse must be
filled. Then a table dropped by hand is rebuilt on the next pass, though no file changed.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pilot_pipeline.assets.built_here import warehouse_identity
from pilot_pipeline.definitions import defs
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_tests.operations.test_change_aware import Pass, run_all


def test_identity_drops_credentials_and_resolves_files(tmp_path: Path) -> None:
    pg = warehouse_identity("postgresql+psycopg://bi:s3cret@db.internal:5433/pilot")
    assert pg == "postgresql://db.internal:5433/pilot"
    assert "s3cret" not in pg and "bi@" not in pg
    relative = warehouse_identity("duckdb:///pilot_warehouse.duckdb")
    assert relative == f"duckdb://{Path('pilot_warehouse.duckdb').resolve()}"


def test_new_warehouse_and_dropped_table_are_rebuilt(
    tmp_path: Path, postgres_database: str
) -> None:
    with MirrorServer() as mirror:
        base = {
            **defs.resources,
            "downloader": SourceDownloader(archive_dir=str(tmp_path / "raw"), mirror=mirror.url),
        }
        duck = WarehouseResource(url=f"duckdb:///{tmp_path / 'pilot_test.duckdb'}")
        postgres = WarehouseResource(url=postgres_database)
        instance = dg.DagsterInstance.ephemeral()
        first = run_all({**base, "warehouse": duck}, instance)
        again = run_all({**base, "warehouse": duck}, instance)
        moved = run_all({**base, "warehouse": postgres}, instance)
        postgres.execute("DROP TABLE warehouse.fct_frpm CASCADE")  # and the bi views on it
        repaired = run_all({**base, "warehouse": postgres}, instance)
    assert again.materialized("warehouse") == []  # same warehouse: nothing to do
    built: Pass
    for built in (first, moved):
        assert {k.path[1] for k in built.materialized("warehouse")} >= {
            "dim_school", "dim_school_year", "fct_school_pilot_status", "fct_frpm"}  # fmt: skip
    assert postgres.row_count("warehouse.fct_frpm") == duck.row_count("warehouse.fct_frpm") > 0
    assert postgres.row_count("bi.vw_pilot_school_counts") > 0
    # Only the dropped table's chain comes back, and the event log says why.
    assert [k.path[1] for k in repaired.materialized("warehouse")] == ["fct_frpm"]
    assert postgres.row_count("warehouse.fct_frpm") == duck.row_count("warehouse.fct_frpm")
    reasons = [str(o.metadata.get("reason")) for o in moved.observations()]
    assert not any("already built" in r for r in reasons), reasons
