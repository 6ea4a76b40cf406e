"""BI access is part of the pipeline: materializing `meta/bi_access` (in reference_refresh)
is all it takes for a LOGIN member of pilot_bi_reader to read bi.* and be denied writes."""

from __future__ import annotations

import uuid

import dagster as dg
import psycopg
import pytest
from psycopg import sql

from pilot_pipeline.assets.access import bi_access
from pilot_pipeline.jobs import REFERENCE_KEYS
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_tests.fixtures.warehouse import _conninfo


def test_bi_access_is_in_the_reference_refresh() -> None:
    assert bi_access.key in REFERENCE_KEYS


def test_a_login_member_reads_bi_right_after_a_run(postgres_database: str) -> None:
    warehouse = WarehouseResource(url=postgres_database)
    result = dg.materialize([bi_access], resources={"warehouse": warehouse})
    assert result.success
    metadata = result.asset_materializations_for_node("meta__bi_access")[0].metadata
    assert metadata["role"].value == "pilot_bi_reader"
    analyst = f"pilot_bi_analyst_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_conninfo(postgres_database), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE pilot_bi_reader").format(
            sql.Identifier(analyst)))  # fmt: skip
    try:
        conninfo = _conninfo(postgres_database).replace("//root@", f"//{analyst}@")
        conninfo = conninfo.replace("//postgres@", f"//{analyst}@")
        with psycopg.connect(conninfo, autocommit=True) as conn:
            assert conn.execute("SELECT current_user").fetchone() == (analyst,)
            assert conn.execute("SELECT count(*) FROM bi.vw_pilot_school_counts").fetchone()
            for denied in (
                "INSERT INTO warehouse.dim_school_year (school_year) VALUES (2030)",
                "DROP VIEW bi.vw_pilot_school_counts",
                "DROP TABLE warehouse.fct_frpm",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(denied)
    finally:
        with psycopg.connect(_conninfo(postgres_database), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(analyst)))
