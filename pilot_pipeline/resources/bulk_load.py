"""The bulk insert of one frame: typed Arrow columns, then DuckDB's Arrow scan or PostgreSQL's
COPY, in batches with a hook after each (fault injection in tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from .warehouse_sql import ARROW_TYPES, WarehouseError, arrow_to_copy_csv, column_to_arrow

# Stamped by the loader when a frame omits it, so reruns differ only here; checksum skips it.
LOADED_AT = "loaded_at"


def frame_to_arrow(
    frame: pd.DataFrame, kinds: Mapping[str, str], partition: Mapping[str, object], label: str
) -> pa.Table:
    """Typed Arrow columns; partition columns filled in or checked, loaded_at stamped."""
    frame = frame.reset_index(drop=True)
    arrays = {c: column_to_arrow(frame[c], kinds[c], f"{label}.{c}") for c in frame.columns}
    for col, value in partition.items():
        if col not in arrays:
            arrays[col] = pa.array([value] * len(frame), ARROW_TYPES.get(kinds[col]))
        elif set(arrays[col].to_pylist()) - {value}:
            raise WarehouseError(f"{label}: frame rows outside the partition {col}={value!r}")
    if LOADED_AT in kinds and LOADED_AT not in arrays:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        arrays[LOADED_AT] = pa.array([now] * len(frame), ARROW_TYPES["timestamp"])
    return pa.table(arrays)


def load_duckdb(
    conn: sa.Connection, qualified: str, cols: str, data: pa.Table, size: int, after: Callable
) -> None:
    raw = conn.connection.driver_connection
    view = "_pilot_load_frame"  # a fixed name; the frame's own names never reach SQL text
    for k, start in enumerate(range(0, data.num_rows, size), 1):
        raw.register(view, data.slice(start, size))
        try:
            insert = f"INSERT INTO {qualified} ({cols}) SELECT {cols} FROM {view}"  # noqa: S608
            conn.exec_driver_sql(insert)
        finally:
            raw.unregister(view)
        after(k, min(start + size, data.num_rows))


def load_postgres(
    conn: sa.Connection, qualified: str, cols: str, data: pa.Table, size: int, after: Callable
) -> None:
    raw = conn.connection.driver_connection
    # Arrow writes each batch as CSV in C++; row by row cost a Python call per value.
    bulk = arrow_to_copy_csv(data.slice(0, 0)) is not None
    options = " (FORMAT csv, ENCODING 'UTF8')" if bulk else ""
    with (
        raw.cursor() as cur,
        cur.copy(f"COPY {qualified} ({cols}) FROM STDIN{options}") as copy,
    ):
        for k, start in enumerate(range(0, data.num_rows, size), 1):
            batch = data.slice(start, size)
            if bulk:
                copy.write(arrow_to_copy_csv(batch) or b"")
            else:
                for row in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                    copy.write_row(row)
            after(k, start + batch.num_rows)
