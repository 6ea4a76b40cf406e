"""Beyond one machine: PostgreSQL instance storage (deploy/dagster.postgres.yaml) running part
of the reference job on the multiprocess executor, with the warehouse on PostgreSQL too.

Two steps only: each child process imports the code location, which takes seconds."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest
from sqlalchemy.engine import make_url

from pilot_pipeline import REPO_DIR
from pilot_pipeline.resources.warehouse import WarehouseResource

DIMENSIONS = [dg.AssetKey(["warehouse", n]) for n in ("dim_school_year", "dim_student_group")]


def reference_job() -> dg.JobDefinition:
    from pilot_pipeline.definitions import defs

    return defs.resolve_job_def("reference_refresh")


def test_reference_job_on_postgres_instance_storage(
    postgres_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_DIR / "deploy" / "dagster.postgres.yaml", home / "dagster.yaml")
    # dagster-postgres speaks psycopg2; the warehouse uses psycopg (3) on the same database.
    instance_url = make_url(postgres_database).set(drivername="postgresql+psycopg2")
    monkeypatch.setenv("DAGSTER_PG_URL", instance_url.render_as_string(hide_password=False))
    monkeypatch.setenv("PILOT_WAREHOUSE_URL", postgres_database)
    monkeypatch.setenv("PILOT_RAW_ARCHIVE", str(tmp_path / "raw"))
    # Schemas first, as a deployment does: concurrent first-time CREATE SCHEMA IF NOT EXISTS
    # from several step processes races on PostgreSQL (reported; see docs/operating.md).
    WarehouseResource(url=postgres_database).apply_ddl()
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        result = dg.execute_job(
            dg.reconstructable(reference_job), instance=instance, asset_selection=DIMENSIONS
        )
        assert result.success
        steps = {e.step_key for e in result.all_events if e.is_step_success}
        assert steps == {"warehouse__dim_school_year", "warehouse__dim_student_group"}
        # The multiprocess executor ran steps in child processes.
        pids = {e.pid for e in result.all_events if e.is_step_start}
        assert len(pids) > 1
        record = instance.get_latest_materialization_event(
            dg.AssetKey(["warehouse", "dim_school_year"])
        )
        assert record is not None
    finally:
        instance.dispose()
    rows = WarehouseResource(url=postgres_database).row_count("warehouse.dim_school_year")
    assert rows > 1
