"""The SELECT that fills a fact partition: one template for every fact.

A fact's rows come from its staging table as they are, or, where a fact reshapes them (claim
areas, enrollment shares, pilot status), from a query in `sql/facts/load/` that returns the
codes (`cds_code`, `student_group_code`) instead of keys. Either way the dimension keys are
looked up here and nowhere else: a code the dimension lacks gets the unknown member, -1.
"""

from __future__ import annotations

from collections.abc import Sequence

from pilot_pipeline import SQL_DIR

from .warehouse_sql import WarehouseError, split_sql

LOAD_DIR = SQL_DIR / "facts" / "load"

# key column -> (dimension, the code column the staged rows and the dimension share)
KEY_LOOKUPS: dict[str, tuple[str, str]] = {
    "school_key": ("warehouse.dim_school", "cds_code"),
    "student_group_key": ("warehouse.dim_student_group", "student_group_code"),
}
UNKNOWN_MEMBER = -1


def staged_rows_sql(source: str) -> str:
    """One school year (`:school_year`) of a source's staging table, every column."""
    return f"SELECT * FROM staging.stg_{source} WHERE school_year = :school_year"  # noqa: S608


def rows_sql(source: str | None, query_file: str | None) -> str:
    """The rows of one load: the query file's SELECT when there is one, else the staged rows."""
    if query_file is not None:
        statements = split_sql((LOAD_DIR / query_file).read_text(encoding="utf-8"))
        if len(statements) != 1:
            raise WarehouseError(f"facts/load/{query_file}: expected one SELECT")
        return statements[0]
    if source is None:
        raise WarehouseError("a fact load needs its source or a query file")
    return staged_rows_sql(source)


def keyed_load_sql(fact_columns: Sequence[str], rows: str) -> str:
    """A SELECT of `fact_columns`, in that order, from `rows` with the keys looked up.

    `fact_columns` are the fact table's columns the load writes (not `loaded_at`); every one
    that is not a key must be a column of `rows`.
    """
    select, joins = [], []
    for column in fact_columns:
        if column not in KEY_LOOKUPS:
            select.append(f"staged.{column}")
            continue
        dimension, code = KEY_LOOKUPS[column]
        alias = f"lookup_{column}"
        select.append(f"coalesce({alias}.{column}, {UNKNOWN_MEMBER}) AS {column}")
        joins.append(f"LEFT JOIN {dimension} AS {alias} ON staged.{code} = {alias}.{code}")
    return "\n".join(
        [f"SELECT {', '.join(select)}", f"FROM (\n{rows}\n) AS staged", *joins]  # noqa: S608
    )
