"""Atomic partition replacement: delete a partition's rows and insert their replacement in the
caller's transaction, from a DataFrame or from one SELECT whose rows never leave the database.

Columns match the table's by name; table columns the data lacks load as NULL (`loaded_at` gets
the load time); `where` columns the data lacks are filled with their value, and rows outside
the partition are an error, so a rerun replaces exactly what it wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, NamedTuple

import pandas as pd
import sqlalchemy as sa

from .bulk_load import LOADED_AT, frame_to_arrow, load_duckdb, load_postgres
from .grain import assert_table_grain, frame_grain_holds
from .partition_lock import verify_partition_rows
from .warehouse_catalog import columns, resolve, where_clause
from .warehouse_sql import WarehouseError, load_kind, portable_type, split_sql

# The numbered temporary copy of a load query's rows (load_query).
_STAGE, _ROW = "_pilot_load_rows", "_pilot_load_row"
_STAGE_SAMPLE = "SELECT * FROM _pilot_load_rows LIMIT 0"
_STAGE_COUNT = "SELECT count(*) FROM _pilot_load_rows"
_STAGE_INDEX = "CREATE INDEX ON _pilot_load_rows (_pilot_load_row)"

BatchHook = Callable[[str, int, int], None]
"""Called after each batch inside the load transaction with (table, batch number, rows so far)."""
_batch_hook: BatchHook | None = None


class LoadResult(NamedTuple):
    table: str
    rows_deleted: int
    rows_inserted: int


@contextmanager
def batch_hook(hook: BatchHook) -> Iterator[None]:
    """Install a process-wide hook between load batches (fault injection in tests)."""
    global _batch_hook
    previous, _batch_hook = _batch_hook, hook
    try:
        yield
    finally:
        _batch_hook = previous


def load_hooks(on_batch: BatchHook | None) -> list[BatchHook]:
    """The load's own hook and the process-wide one, as installed when the load is asked for."""
    return [h for h in (on_batch, _batch_hook) if h is not None]


def _run_hooks(hooks: Sequence[BatchHook], table: str, batch: int, rows: int) -> None:
    for hook in hooks:
        hook(table, batch, rows)


class _Partition(NamedTuple):
    """The table a load replaces rows of, and the clause that selects its partition."""

    label: str
    qualified: str
    columns: dict[str, tuple[str, bool]]
    kinds: dict[str, str]
    clause: str
    params: dict[str, object]


def _partition(conn: sa.Connection, table: str, where: Mapping[str, object]) -> _Partition:
    found = resolve(conn, table, views=False)
    cols = columns(conn, found)
    kinds = {c: load_kind(t) for c, (t, _) in cols.items()}
    clause, params = where_clause(conn, kinds, where, found.label)
    return _Partition(found.label, found.qualified, cols, kinds, clause, params)


def load_frame(
    conn: sa.Connection,
    dialect: str,
    table: str,
    frame: pd.DataFrame,
    where: Mapping[str, object],
    batch_size: int,
    hooks: Sequence[BatchHook],
) -> LoadResult:
    """Delete the rows equal to `where` and bulk-insert `frame` (DuckDB: Arrow scan;
    PostgreSQL: COPY), checking the partition's grain and row count before the commit."""
    target = _partition(conn, table, where)
    label, qualified, catalog = target.label, target.qualified, target.kinds
    bad = [str(c) for c in frame.columns if c not in catalog]
    bad += [f"{c} (repeated)" for c in frame.columns[frame.columns.duplicated()]]
    if bad:
        raise WarehouseError(f"{label}: frame columns not in the table: {bad}")
    clause, params = target.clause, target.params
    partition = dict(zip(where, params.values(), strict=True))
    data = frame_to_arrow(frame, catalog, partition, label)
    delete = f"DELETE FROM {qualified}{clause}"  # noqa: S608 (catalog names, bound values)
    deleted = conn.execute(sa.text(delete), params).rowcount
    quote = conn.dialect.identifier_preparer.quote_identifier
    cols = ", ".join(quote(c) for c in data.column_names)
    if data.num_columns and data.num_rows:
        load = load_duckdb if dialect == "duckdb" else load_postgres
        # PostgreSQL groups millions of rows in seconds, pandas in one: check the frame.
        # DuckDB groups its own columns faster still: check the table.
        checked = dialect == "postgresql" and frame_grain_holds(frame, partition, label)
        load(conn, qualified, cols, data, batch_size, partial(_run_hooks, hooks, label))
        if not checked:
            assert_table_grain(conn, qualified, label, clause, params)
    verify_partition_rows(conn, qualified, label, clause, params, data.num_rows)
    return LoadResult(label, max(deleted, 0), data.num_rows)


def single_select(table: str, select_sql: str) -> str:
    """The one statement of a load query; more than one is an error naming the table."""
    statements = split_sql(select_sql)
    if len(statements) != 1:
        raise WarehouseError(f"{table}: expected one SELECT, got {len(statements)} statements")
    return statements[0]


def load_query(
    conn: sa.Connection,
    dialect: str,
    table: str,
    select: str,
    params: Mapping[str, Any] | None,
    where: Mapping[str, object],
    batch_size: int,
    hooks: Sequence[BatchHook],
) -> LoadResult:
    """Delete the rows equal to `where` and insert the rows of one SELECT (`:name` parameters).

    The query runs once into a numbered temporary table, which is copied into `table` by
    `INSERT … SELECT` in batches of `batch_size` rows (the hooks run between them).
    """
    duck = dialect == "duckdb"
    target = _partition(conn, table, where)
    label, qualified, catalog = target.label, target.qualified, target.kinds
    clause, wparams = target.clause, target.params
    quote = conn.dialect.identifier_preparer.quote_identifier
    # A fixed name: neither the query nor the data ever name SQL objects.
    # DuckDB scans a table in insertion order, so LIMIT/OFFSET batches need no row
    # number (row_number() OVER () would funnel the whole query through one window).
    number = "" if duck else f"row_number() OVER () AS {_ROW}, "
    stage = f"CREATE TEMPORARY TABLE {_STAGE} AS SELECT {number}"
    stage += f"q.* FROM (\n{select}\n) AS q"  # noqa: S608 (sql/ text, bound values)
    conn.execute(sa.text(stage), dict(params or {}))
    cols = [c for c in conn.execute(sa.text(_STAGE_SAMPLE)).keys() if c != _ROW]
    bad = [c for c in cols if c not in catalog]
    if bad:
        raise WarehouseError(f"{label}: query columns not in the table: {bad}")
    selected = [quote(c) for c in cols]
    for i, col in enumerate(where):
        if col in cols:
            outside = f"{_STAGE_COUNT} WHERE {quote(col)} IS NULL OR {quote(col)} <> :w{i}"
            if conn.execute(sa.text(outside), wparams).scalar():
                raise WarehouseError(
                    f"{label}: query rows outside the partition {col}={where[col]!r}"
                )
        else:
            cols.append(col)
            selected.append(f"CAST(:w{i} AS {portable_type(target.columns[col][0])})")
    if LOADED_AT in catalog and LOADED_AT not in cols:
        cols.append(LOADED_AT)
        selected.append("CAST(:loaded_at AS TIMESTAMP)")
        wparams["loaded_at"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = int(conn.execute(sa.text(_STAGE_COUNT)).scalar())
    if rows > batch_size and not duck:
        # Each batch is a range of row numbers: without an index every batch would scan
        # the whole stage (DuckDB's zone maps already skip the other ranges).
        conn.execute(sa.text(_STAGE_INDEX))
    delete = f"DELETE FROM {qualified}{clause}"  # noqa: S608 (catalog names, bound values)
    deleted = conn.execute(sa.text(delete), wparams).rowcount
    insert = (
        f"INSERT INTO {qualified} ({', '.join(quote(c) for c in cols)}) "  # noqa: S608
        f"SELECT {', '.join(selected)} FROM {_STAGE} "
        + ("LIMIT :size OFFSET :lo" if duck else f"WHERE {_ROW} > :lo AND {_ROW} <= :hi")
    )
    size = batch_size
    for k, lo in enumerate(range(0, rows, size), 1):
        conn.execute(sa.text(insert), {**wparams, "lo": lo, "hi": lo + size, "size": size})
        _run_hooks(hooks, label, k, min(lo + size, rows))
    conn.execute(sa.text(f"DROP TABLE {_STAGE}"))
    assert_table_grain(conn, qualified, label, clause, wparams)
    verify_partition_rows(conn, qualified, label, clause, wparams, rows)
    return LoadResult(label, max(deleted, 0), rows)
