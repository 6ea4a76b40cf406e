"""The grain of the statewide-size tables, checked per load instead of by an index.

Staging and fact tables declare their key as a PRIMARY KEY in sql/, but are created without it
(`warehouse_sql.without_primary_key`): an index every statewide insert paid for. Each load
checks instead that no two rows of the partition share that key, and fails (its transaction
rolls back) when two do.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd
import sqlalchemy as sa

from pilot_pipeline import SQL_DIR

from .ddl_include import ddl_files, read_ddl
from .warehouse_sql import WarehouseError, declared_key, split_sql

# Statewide-size tables: created without their primary-key index, their grain checked per
# load instead (see `warehouse_sql.without_primary_key`).
UNINDEXED = ("staging", "facts")


@cache
def grain_keys() -> dict[str, tuple[str, ...]]:
    """schema.table -> the key its DDL declares, for the tables created without the index."""
    keys = {}
    for path in (p for d in UNINDEXED for p in ddl_files(SQL_DIR / d)):
        for statement in split_sql(read_ddl(path)):
            if found := declared_key(statement):
                keys[found[0]] = found[1]
    return keys


def frame_grain_holds(frame: pd.DataFrame, partition: Mapping[str, object], label: str) -> bool:
    """Check the frame against the grain its table declares, before it is loaded (the frame
    is the whole partition; partition columns are constant). False when the frame lacks a key
    column: check the table then."""
    key = [k for k in grain_keys().get(label, ()) if k not in partition]
    if not key or not set(key) <= set(frame.columns):
        return not key
    repeated = frame.duplicated(subset=key, keep=False)  # factorised codes: little memory
    if repeated.any():
        first = frame.loc[repeated, key].iloc[0]
        raise WarehouseError(
            f"{label}: {int(repeated.sum())} rows share the key {first.to_dict()} "
            f"(grain {', '.join(grain_keys()[label])}); nothing was loaded"
        )
    return True


def assert_table_grain(
    conn: sa.Connection, qualified: str, label: str, clause: str, params: Mapping[str, Any]
) -> None:
    """Fail the load (its transaction rolls back) if two rows of the partition share the
    key the table's DDL declares: what the dropped primary-key index used to refuse."""
    key = grain_keys().get(label)
    if not key:
        return
    quote = conn.dialect.identifier_preparer.quote_identifier
    cols = ", ".join(quote(c) for c in key)
    repeat = (
        f"SELECT {cols}, count(*) AS n FROM {qualified}{clause} "  # noqa: S608 (DDL names)
        f"GROUP BY {cols} HAVING count(*) > 1 LIMIT 1"
    )
    row = conn.execute(sa.text(repeat), dict(params)).first()
    if row is not None:
        values = dict(zip(key, row[:-1], strict=True))
        raise WarehouseError(
            f"{label}: {row[-1]} rows share the key {values} (grain {', '.join(key)}); "
            "the load is rolled back"
        )
