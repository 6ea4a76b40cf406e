"""One load of a partition at a time, and proof afterwards that it holds exactly the load.

Staging and fact tables carry no primary-key index (`grain.py`), so nothing in the database
stops two transactions that replace the same partition from both deleting the (still empty,
for each other) partition and both inserting: the partition ends doubled. The loader takes a
lock first, inside the load transaction, so the second load waits for the first to commit
and then deletes what it wrote:

- PostgreSQL: `pg_advisory_xact_lock` on a 64-bit hash of table and partition, released by the
  commit or rollback itself (a killed process cannot leave it behind). Any number of steps or
  runs, whatever the pool limits, serialise on it; other partitions and tables do not wait.
- DuckDB: one writer process holds the file anyway (`connect.py`); threads of that process
  (in-process runs) share one `threading.Lock` per warehouse file, table and partition.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from .warehouse_sql import WarehouseError

_LOCKS: dict[tuple[str, int], threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def partition_key(label: str, partition: Mapping[str, object]) -> int:
    """A signed 64-bit key for `schema.table` + partition values (stable across processes,
    unlike Python's `hash`; `str` so 2021 and numpy's 2021 are one partition)."""
    text = label + "\x1f" + "\x1f".join(f"{k}={v}" for k, v in sorted(partition.items()))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)


@contextmanager
def process_lock(url: str, dialect: str, key: int) -> Iterator[None]:
    """DuckDB: the threads of this process that load one partition, one at a time (taken
    before the transaction begins, released after it ends). PostgreSQL: nothing, the
    advisory lock does it for every process."""
    if dialect != "duckdb":
        yield
        return
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault((url, key), threading.Lock())
    with lock:
        yield


def lock_in_transaction(conn: sa.Connection, key: int) -> None:
    """PostgreSQL: wait for, then hold until commit or rollback, the partition's advisory lock
    (a killed process cannot leave it behind)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def verify_partition_rows(
    conn: sa.Connection,
    qualified: str,
    label: str,
    clause: str,
    params: Mapping[str, Any],
    expected: int,
) -> None:
    """Fail the load (it rolls back) unless the partition holds exactly the rows just loaded."""
    count = f"SELECT count(*) FROM {qualified}{clause}"  # noqa: S608 (catalog names, bound values)
    found = int(conn.execute(sa.text(count), dict(params)).scalar() or 0)
    if found != expected:
        raise WarehouseError(
            f"{label}: the partition holds {found} rows after loading {expected}; "
            "another writer got in, the load is rolled back"
        )
