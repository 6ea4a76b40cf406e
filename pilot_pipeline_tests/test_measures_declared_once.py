"""A measure is declared once, in its staging table's declaration (sql/staging/stg_<source>.yml);
every other place that names it is checked against that list here:

- the expectation suite: the same columns, in the same order, of the matching kind (the per-source
  tests already hold the parser's `COLUMNS` to the same DDL);
- the fact DDL: a fact column that is not a key or load time is a staging column of the same type
  when the fact loads the staged columns as they are (no query in sql/facts/load/), and keeps the
  staging type wherever a column of the same name exists;
- the load: the generated query returns exactly the fact's columns, in the fact's order.
"""

from __future__ import annotations

import duckdb
import pytest

from pilot_pipeline import SQL_DIR
from pilot_pipeline.assets.facts import FACTS
from pilot_pipeline.resources.bulk_load import LOADED_AT
from pilot_pipeline.resources.ddl_include import ddl_files, read_ddl
from pilot_pipeline.resources.fact_load import KEY_LOOKUPS, keyed_load_sql, rows_sql
from pilot_pipeline.validation.suites import suites

# DuckDB's name of each suite kind's column type.
DUCKDB_TYPE = {"text": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN"}
LOADS = [(spec.table, load) for spec in FACTS for load in spec.loads]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return {row[0]: row[1] for row in con.execute(f"DESCRIBE {table}").fetchall()}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    """Every staging, dimension and fact table of sql/, empty, in one DuckDB."""
    con = duckdb.connect()
    for schema in ("staging", "warehouse"):
        con.execute(f"CREATE SCHEMA {schema}")
    for folder in ("staging", "dimensions", "facts"):
        for path in ddl_files(SQL_DIR / folder):
            con.execute(read_ddl(path))
    return con


@pytest.mark.parametrize("source", sorted({load.source for _, load in LOADS}))
def test_the_suite_declares_the_staging_columns(
    con: duckdb.DuckDBPyConnection, source: str
) -> None:
    staged = _columns(con, f"staging.stg_{source}")
    for suite in suites(source):
        declared = {column: DUCKDB_TYPE[kind] for column, kind in suite.columns.items()}
        assert list(declared) == list(staged), (source, suite.layout)
        assert declared == staged, (source, suite.layout)


@pytest.mark.parametrize(("fact", "load"), LOADS, ids=[f"{t}-{x.source}" for t, x in LOADS])
def test_the_fact_keeps_the_staging_columns(
    con: duckdb.DuckDBPyConnection, fact: str, load: object
) -> None:
    staged = _columns(con, f"staging.stg_{load.source}")
    facts = _columns(con, f"warehouse.{fact}")
    measures = {c: t for c, t in facts.items() if c not in KEY_LOOKUPS and c != LOADED_AT}
    if load.query_file is None:
        assert measures == {c: staged.get(c) for c in measures}
    shared = {c: t for c, t in measures.items() if c in staged}
    assert shared == {c: staged[c] for c in shared}


@pytest.mark.parametrize(("fact", "load"), LOADS, ids=[f"{t}-{x.source}" for t, x in LOADS])
def test_the_load_returns_the_fact_columns(
    con: duckdb.DuckDBPyConnection, fact: str, load: object
) -> None:
    columns = [c for c in _columns(con, f"warehouse.{fact}") if c != LOADED_AT]
    query = keyed_load_sql(columns, rows_sql(load.source, load.query_file))
    result = con.execute(query.replace(":school_year", "$school_year"), {"school_year": 2022})
    assert [d[0] for d in result.description] == columns
