"""The read-only BI role, as a BI tool would use it: the real `psql` binary logging in as a
LOGIN member of `pilot_bi_reader` on the pipeline-built PostgreSQL warehouse."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from pilot_pipeline_tests.fixtures.warehouse import _conninfo
from pilot_pipeline_tests.warehouse.conftest import Built

DENIED = [
    "INSERT INTO warehouse.fct_graduation (school_year, cds_code, student_group_code)"
    " VALUES (2030, '19647330000000', 'all')",
    "UPDATE warehouse.fct_graduation SET cohort_students = 0",
    "DELETE FROM warehouse.fct_graduation",
    "TRUNCATE warehouse.fct_school_pilot_status",
    "UPDATE warehouse.dim_school SET school_name = 'x'",
    "CREATE TABLE warehouse.evil (x INTEGER)",
    "CREATE VIEW bi.evil AS SELECT 1 AS x",
    "CREATE TABLE public.evil (x INTEGER)",
    "CREATE SCHEMA evil",
    "SELECT count(*) FROM staging.stg_acgr",
]


@pytest.fixture
def analyst(postgres_built: Built) -> Iterator[list[str]]:
    """`psql` arguments for a fresh LOGIN role that is only a member of pilot_bi_reader."""
    if shutil.which("psql") is None:
        pytest.fail("the psql client is needed for the BI role test")
    url = make_url(postgres_built.warehouse.url)
    role = f"pilot_bi_analyst_{uuid.uuid4().hex[:8]}"  # roles are cluster-wide
    with psycopg.connect(_conninfo(postgres_built.warehouse.url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE pilot_bi_reader").format(
            sql.Identifier(role)))  # fmt: skip
    try:
        yield ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", url.host or "127.0.0.1",
               "-p", str(url.port or 5432), "-U", role, "-d", url.database or ""]  # fmt: skip
    finally:
        with psycopg.connect(_conninfo(postgres_built.warehouse.url), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def psql(args: list[str], statement: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*args, "-c", statement], capture_output=True, text=True, timeout=30)


def test_bi_role_reads_bi_and_warehouse(postgres_built: Built, analyst: list[str]) -> None:
    views = postgres_built.warehouse.list_tables(["bi"])
    assert "bi.vw_pilot_graduation" in views
    for table in [*views, "warehouse.fct_graduation", "warehouse.dim_school"]:
        result = psql(analyst, f"SELECT count(*) FROM {table}")
        assert result.returncode == 0, f"{table}: {result.stderr}"
        assert int(result.stdout.strip()) > 0, table
    who = psql(analyst, "SELECT pg_has_role(current_user, 'pilot_bi_reader', 'USAGE')")
    assert who.stdout.strip() == "t"


@pytest.mark.parametrize("statement", DENIED)
def test_bi_role_cannot_write_or_create(
    postgres_built: Built, analyst: list[str], statement: str
) -> None:
    result = psql(analyst, statement)
    assert result.returncode != 0, f"allowed: {statement}"
    assert "permission denied" in result.stderr, result.stderr
    assert postgres_built.warehouse.row_count("warehouse.fct_graduation") > 0
