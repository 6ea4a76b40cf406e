"""`make demo` as a new user runs it: DuckDB first, then the same with PILOT_WAREHOUSE_URL on a
new PostgreSQL database, one instance (PILOT_DEMO_HOME) for both, a production DAGSTER_HOME
beside it. The new database is filled, a LOGIN member of the BI role reads it at once, the
DuckDB CLI opens the DuckDB file, and the production instance config is untouched."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pilot_pipeline import REPO_DIR
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_tests.fixtures.warehouse import _conninfo
from pilot_pipeline_tests.operations.test_duckdb_file import duckdb_cli

PG_INSTANCE = (REPO_DIR / "deploy" / "dagster.postgres.yaml").read_text()
BI_VIEWS = ["vw_school_pilot_status", "vw_pilot_school_counts", "vw_pilot_demographics",
            "vw_pilot_graduation", "vw_pilot_early_literacy", "vw_pilot_survey",
            "vw_pilot_survey_summary"]  # fmt: skip


def demo(tmp: Path, warehouse_url: str) -> str:
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp / "production_home"),
        "PILOT_DEMO_HOME": str(tmp / "demo_home"),
        "PILOT_RAW_ARCHIVE": str(tmp / "raw"),
        "PILOT_WAREHOUSE_URL": warehouse_url,
        # The dev kit is not installed: it runs from the repository (here, from elsewhere).
        "PYTHONPATH": str(REPO_DIR),
    }
    env.pop("PILOT_SOURCE_MIRROR", None)
    result = subprocess.run(
        [sys.executable, "-m", "pilot_pipeline_dev.demo"], cwd=tmp, env=env,
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_demo_then_a_new_postgres_database(tmp_path: Path, postgres_database: str) -> None:
    (tmp_path / "production_home").mkdir()
    (tmp_path / "production_home" / "dagster.yaml").write_text(PG_INSTANCE)
    duck_file = tmp_path / "pilot_warehouse.duckdb"
    first = demo(tmp_path, f"duckdb:///{duck_file}")
    second = demo(tmp_path, postgres_database)

    # The summary says what it compares, that the data is synthetic, and where the report is.
    assert "SYNTHETIC" in first and "non_pilot_compared" in first
    assert "independent charter" in first
    assert f"report: {tmp_path / 'reports' / 'pilot_report' / 'index.html'}" in first
    assert " 0 materializations" not in second and "24 not modified (304)" in second

    postgres = WarehouseResource(url=postgres_database)
    pilots = postgres.read_frame(
        "SELECT count(*) AS n FROM warehouse.fct_school_pilot_status "
        "WHERE is_pilot AND school_year = 2022"
    )
    assert int(pilots["n"].iloc[0]) == 40
    for view in BI_VIEWS:
        assert postgres.row_count(f"bi.{view}") > 0, view

    analyst = f"pilot_bi_analyst_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_conninfo(postgres_database), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE pilot_bi_reader").format(
            sql.Identifier(analyst)))  # fmt: skip
    try:
        user = postgres_database.split("//", 1)[1].split("@", 1)[0]
        conninfo = _conninfo(postgres_database).replace(f"//{user}@", f"//{analyst}@")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            counted = conn.execute("SELECT count(*) FROM bi.vw_pilot_school_counts").fetchone()
            assert counted is not None and counted[0] > 0
            for denied in ("INSERT INTO warehouse.dim_school_year (school_year) VALUES (2030)",
                           "DROP VIEW bi.vw_pilot_graduation"):  # fmt: skip
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(denied)
    finally:
        with psycopg.connect(_conninfo(postgres_database), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(analyst)))

    cli = subprocess.run(
        [duckdb_cli(), "-readonly", "-csv", str(duck_file), "-c",
         "SELECT count(*) AS n FROM bi.vw_pilot_school_counts"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    assert int(cli.stdout.split()[1]) > 0

    assert (tmp_path / "production_home" / "dagster.yaml").read_text() == PG_INSTANCE
    assert (tmp_path / "demo_home" / "dagster.yaml").exists()
