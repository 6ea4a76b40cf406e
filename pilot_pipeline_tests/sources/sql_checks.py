"""DuckDB helpers for the source tests: staging DDL columns and fact load queries."""

from __future__ import annotations

import duckdb
import pandas as pd

from pilot_pipeline import SQL_DIR
from pilot_pipeline.resources.ddl_include import read_ddl, table_source
from pilot_pipeline.resources.fact_load import keyed_load_sql, rows_sql
from pilot_pipeline.sources.student_groups import canonical_groups


def ddl_columns(relative_path: str) -> list[str]:
    """Column names of the one table a DDL file creates, as DuckDB sees them (`x/name.sql`
    names the table's declaration `x/name.yml` where there is one)."""
    con = duckdb.connect()
    for schema in ("staging", "warehouse"):
        con.execute(f"CREATE SCHEMA {schema}")
    path = SQL_DIR / relative_path
    con.execute(read_ddl(table_source(path.parent, path.stem)))
    table = con.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables"
    ).fetchone()[0]
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def load_fact(
    source: str,
    fact: str,
    staged: pd.DataFrame,
    school_year: int,
    query_file: str | None = None,
) -> pd.DataFrame:
    """Create staging + dimensions + fact in DuckDB, run the fact's load query for one year
    (the staged rows, or `query_file` of sql/facts/load/, keys looked up as the pipeline does).

    Inserts the load query's rows into the fact (adding loaded_at) so column names, order and
    the primary key are all exercised; returns the fact table.
    """
    con = duckdb.connect()
    for schema in ("staging", "warehouse"):
        con.execute(f"CREATE SCHEMA {schema}")
    for folder, name in (
        ("staging", f"stg_{source}"),
        ("dimensions", "dim_school"),
        ("dimensions", "dim_student_group"),
        ("facts", fact),
    ):
        con.execute(read_ddl(table_source(SQL_DIR / folder, name)))
    con.register("staged", staged)
    con.execute(f"INSERT INTO staging.stg_{source} BY NAME SELECT * FROM staged")
    first = staged["cds_code"].iloc[0]
    con.execute("INSERT INTO warehouse.dim_school (school_key, cds_code) VALUES (7, ?)", [first])
    groups = canonical_groups()
    for key, code in enumerate(groups["student_group_code"], start=1):
        con.execute(
            "INSERT INTO warehouse.dim_student_group (student_group_key, student_group_code) "
            "VALUES (?, ?)",
            [key, code],
        )
    fact_columns = [r[0] for r in con.execute(f"DESCRIBE warehouse.{fact}").fetchall()]
    loaded = [c for c in fact_columns if c != "loaded_at"]
    query = keyed_load_sql(loaded, rows_sql(source, query_file))
    query = query.replace(":school_year", "$school_year")
    params = {"school_year": school_year}
    names = [d[0] for d in con.execute(query, params).description]
    assert names == loaded, (names, fact_columns)
    con.execute(
        f"INSERT INTO warehouse.{fact} ({', '.join(names)}, loaded_at) "
        f"SELECT *, now() FROM (\n{query}\n)",
        params,
    )
    return con.execute(f"SELECT * FROM warehouse.{fact}").df()
