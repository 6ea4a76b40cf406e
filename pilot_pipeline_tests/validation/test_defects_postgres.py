"""Two defects (a row-level one and a file-level one) again on PostgreSQL, as in production."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_tests.fixtures.warehouse import _conninfo, _skip_or_fail_without_postgres

from .support import (
    FACT,
    FACT_TABLE,
    ORIGINAL,
    URL,
    Pipeline,
    check,
    edit_lines,
    lausd_school_row,
    materialized,
    set_cell,
)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for the module, dropped afterwards."""
    admin = _skip_or_fail_without_postgres()
    name = f"pilot_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_conninfo(admin), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_conninfo(admin), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def pipeline(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    tmp: Path = tmp_path_factory.mktemp("validation_pg")
    with MirrorServer() as mirror:
        built = Pipeline(
            mirror, WarehouseResource(url=pg_url), tmp / "raw", dg.DagsterInstance.ephemeral()
        )
        built.good_run = built.build()
        yield built


def test_negative_count_on_postgres(pipeline: Pipeline) -> None:
    before = pipeline.warehouse.checksum(FACT_TABLE)
    result = pipeline.run_with_file(edit_lines(ORIGINAL, set_cell("Dropout (Count)", "-3")))
    evaluation = check(result, "counts_non_negative")
    assert not evaluation.passed and URL in (evaluation.description or "")
    assert "dropouts" in (evaluation.description or "")
    assert FACT not in materialized(result)
    assert pipeline.warehouse.checksum(FACT_TABLE) == before
    rejected = pipeline.warehouse.read_frame(
        "SELECT source_line, column_name, failing_value FROM quarantine.rejected_rows "
        "WHERE check_name = 'counts_non_negative'"
    )
    assert rejected["failing_value"].tolist() == ["-3"]
    assert rejected["column_name"].tolist() == ["dropouts"]


def test_duplicate_key_on_postgres(pipeline: Pipeline) -> None:
    before = pipeline.warehouse.checksum(FACT_TABLE)
    staged = pipeline.warehouse.checksum("staging.stg_acgr")

    def edit(rows: list[list[str]]) -> list[list[str]]:
        i = lausd_school_row(rows, nth=2)
        return [*rows[: i + 1], list(rows[i]), *rows[i + 1 :]]

    result = pipeline.run_with_file(edit_lines(ORIGINAL, edit))
    evaluation = check(result, "key_unique")
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
    assert URL in (evaluation.description or "")
    assert "cds_code, student_group_code" in (evaluation.description or "")
    assert FACT not in materialized(result)
    assert pipeline.warehouse.checksum(FACT_TABLE) == before
    assert pipeline.warehouse.checksum("staging.stg_acgr") == staged
