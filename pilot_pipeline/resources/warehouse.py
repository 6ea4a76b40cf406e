"""The warehouse: one SQLAlchemy URL, DuckDB by default, PostgreSQL in production.

Every method opens its own short-lived connection (NullPool, engine disposed on return) so
DuckDB's single-writer file lock is held only while a call runs, unless the caller groups its
calls in `session()`: one asset's load, counts, schema and preview then share one connection
(opening a DuckDB file reads its whole catalog: tens of milliseconds, a dozen times an asset).
Loads are atomic: the delete of a partition and the bulk insert of its replacement share one
transaction, so a failure at any point leaves the previous rows in place (`warehouse_load.py`).

Identifiers never come from data by string formatting: table and column names are looked up in
the catalog (`warehouse_catalog.py`) and quoted with the dialect's identifier preparer; values
travel only as bound parameters, an Arrow scan (DuckDB) or COPY (PostgreSQL). The DDL of sql/
is applied by `warehouse_ddl.py`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import dagster as dg
import pandas as pd
import sqlalchemy as sa
from pydantic import Field, PrivateAttr

from .bulk_load import LOADED_AT
from .connect import WarehouseBusyError, connect_waiting, make_engine, safe_url
from .masking import mask_text
from .partition_lock import lock_in_transaction, partition_key, process_lock
from .warehouse_catalog import (
    all_tables,
    columns,
    comments,
    load_kinds,
    resolve,
    table_label,
    where_clause,
)
from .warehouse_ddl import apply_ddl_tree, read_ddl_tree
from .warehouse_load import (
    BatchHook,
    LoadResult,
    load_frame,
    load_hooks,
    load_query,
    single_select,
)
from .warehouse_sql import WarehouseError, portable_type, render_value


class WarehouseResource(dg.ConfigurableResource):
    """The pipeline's warehouse: DuckDB file by default, PostgreSQL via its SQLAlchemy URL."""

    url: str = Field(
        default="duckdb:///pilot_warehouse.duckdb",
        description="SQLAlchemy URL: duckdb:///file.duckdb or postgresql+psycopg://u@h:5432/db",
    )
    batch_size: int | None = Field(
        default=None,
        description="Rows per insert batch / COPY chunk (default: 50,000 on PostgreSQL, "
        "10,000,000 on DuckDB, where a batch is one columnar insert)",
    )
    apply_ddl_on_setup: bool = Field(
        default=True, description="Apply sql/ (idempotent) when a run first uses the warehouse"
    )
    lock_wait_seconds: float = Field(default=120.0, description="Wait for DuckDB's file lock")

    _session: sa.Connection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Every run starts from a warehouse whose tables and views match sql/.
        if self.apply_ddl_on_setup:
            self.apply_ddl()

    @property
    def _default_batch_size(self) -> int:
        return self.batch_size or (10_000_000 if self.dialect == "duckdb" else 50_000)

    @property
    def dialect(self) -> Literal["duckdb", "postgresql"]:
        """Which backend the URL points at."""
        name = sa.engine.make_url(self.url).get_backend_name()
        if name not in ("duckdb", "postgresql"):
            raise WarehouseError(f"unsupported warehouse backend {name!r} in {safe_url(self.url)}")
        return name  # type: ignore[return-value]

    @contextmanager
    def session(self) -> Iterator[None]:
        """Calls made inside share one connection; each still runs in its own transaction, so
        a load stays atomic and a failed call leaves the earlier ones committed. Re-entrant."""
        if self._session is not None:
            yield
            return
        engine = make_engine(self.url)
        try:
            with self._connect(engine) as conn:
                self._session = conn
                try:
                    yield
                finally:
                    self._session = None
        finally:
            engine.dispose()

    @contextmanager
    def _begin(self) -> Iterator[sa.Connection]:
        if self._session is not None:
            with self._session.begin():
                yield self._session
            return
        # NullPool + dispose: the connection (and DuckDB's file lock) ends with the call.
        engine = make_engine(self.url)
        try:
            with self._connect(engine) as conn, conn.begin():
                yield conn
        finally:
            engine.dispose()

    def _connect(self, engine: sa.Engine) -> sa.Connection:
        """A connection, or a WarehouseError whose text holds no piece of the password: a
        driver quotes a misparsed URL's host (the tail of a password with a raw `@`)."""
        failure = None
        try:
            return connect_waiting(engine, self.lock_wait_seconds)
        except WarehouseBusyError:
            raise
        except Exception as exc:  # noqa: BLE001 - any driver error may quote the URL
            failure = f"{type(exc).__name__}: {mask_text(str(exc), self.url)}"
        # Raised outside the handler: no chained original to carry the unmasked text.
        raise WarehouseError(f"cannot connect to the warehouse {safe_url(self.url)}: {failure}")

    @contextmanager
    def _begin_load(self, table: str, where: Mapping[str, object]) -> Iterator[sa.Connection]:
        """A load transaction that holds the partition's lock (`partition_lock.py`): two
        loads of one partition never overlap, so neither can double it."""
        key = partition_key(table_label(table), where)
        with process_lock(self.url, self.dialect, key), self._begin() as conn:
            lock_in_transaction(conn, key)
            yield conn

    def list_tables(self, schemas: Sequence[str] | None = None) -> list[str]:
        """`schema.name` of every table and view in the given (default: all user) schemas."""
        with self._begin() as conn:
            rows = all_tables(conn)
        return [f"{s}.{t}" for s, t in rows if schemas is None or s in schemas]

    def table_schema(self, table: str) -> dg.TableSchema:
        """Column names, portable types, nullability and COMMENTs from the catalog."""
        with self._begin() as conn:
            found = resolve(conn, table)
            notes = comments(conn, self.dialect, found)
            types = columns(conn, found)
        return dg.TableSchema(
            columns=[
                dg.TableColumn(
                    col, portable_type(t), notes.get(col), dg.TableColumnConstraints(nullable=n)
                )
                for col, (t, n) in types.items()
            ]
        )

    def table_description(self, table: str) -> str | None:
        """The table's COMMENT (its meaning and grain)."""
        with self._begin() as conn:
            return comments(conn, self.dialect, resolve(conn, table)).get(None)

    def apply_ddl(self, include_roles: bool = False) -> list[str]:
        """Run every sql/ file (idempotent DDL) in one transaction; return the files run.

        Skipped when `meta.ddl_applied` holds the digest of this very tree and every table and
        view it creates exists (a run whose sql/ did not change spends no time here).
        """
        tree = read_ddl_tree(self.dialect, include_roles)
        with self._begin() as conn:
            apply_ddl_tree(conn, self.dialect, tree)
        return tree.files

    def read_frame(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a query (`:name` parameters) and return its rows as a DataFrame."""
        with self._begin() as conn:
            result = conn.execute(sa.text(sql), dict(params or {}))
            return pd.DataFrame.from_records(result.fetchall(), columns=list(result.keys()))

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run one statement in its own transaction; return the affected row count."""
        with self._begin() as conn:
            return conn.execute(sa.text(sql), dict(params or {})).rowcount

    def row_count(self, table: str, where: Mapping[str, object] | None = None) -> int:
        """Rows in a table or view, optionally only those equal to `where`."""
        with self._begin() as conn:
            found = resolve(conn, table)
            kinds = load_kinds(conn, found)
            clause, params = where_clause(conn, kinds, where or {}, found.label)
            count = f"SELECT count(*) FROM {found.qualified}{clause}"  # noqa: S608 (catalog names)
            return int(conn.execute(sa.text(count), params).scalar())

    def checksum(self, table: str, exclude: Sequence[str] = (LOADED_AT,)) -> str:
        """sha256 over the sorted, canonically rendered rows; load-time columns excluded."""
        with self._begin() as conn:
            found = resolve(conn, table)
            quote = conn.dialect.identifier_preparer.quote_identifier
            cols = [c for c in columns(conn, found) if c not in exclude]
            select = ", ".join(quote(c) for c in cols)
            rows = conn.exec_driver_sql(f"SELECT {select} FROM {found.qualified}").fetchall()  # noqa: S608
        # Render in Python so NULL ordering and float text are the same on both backends.
        digest = hashlib.sha256("\x1f".join(cols).encode())
        for line in sorted("\x1f".join(map(render_value, r)) for r in rows):
            digest.update(b"\n" + line.encode())
        return digest.hexdigest()

    def replace_table(self, table: str, frame: pd.DataFrame, **kwargs: Any) -> LoadResult:
        """Atomically replace every row of `table` with `frame`."""
        return self.replace_partition(table, frame, where={}, **kwargs)

    def replace_partition(
        self,
        table: str,
        frame: pd.DataFrame,
        *,
        where: Mapping[str, object],
        batch_size: int | None = None,
        on_batch: BatchHook | None = None,
    ) -> LoadResult:
        """Delete the rows equal to `where` and bulk-insert `frame`, in one transaction.

        Columns match by name; table columns the frame lacks load as NULL (`loaded_at` gets
        the load time); `where` columns the frame lacks are filled with their value, and frame
        rows outside the partition are an error, so a rerun replaces exactly what it wrote.
        """
        size = batch_size or self._default_batch_size
        hooks = load_hooks(on_batch)
        with self._begin_load(table, where) as conn:
            return load_frame(conn, self.dialect, table, frame, where, size, hooks)

    def replace_partition_from_query(
        self,
        table: str,
        select_sql: str,
        params: Mapping[str, Any] | None = None,
        *,
        where: Mapping[str, object],
        batch_size: int | None = None,
        on_batch: BatchHook | None = None,
    ) -> LoadResult:
        """Delete the rows equal to `where` and insert the rows of one SELECT, in one transaction.

        The rows never leave the database: the query (`:name` parameters) runs once into a
        numbered temporary table, which is copied into `table` by `INSERT … SELECT` in batches
        of `batch_size` rows (the batch hooks run between them). Column rules as in
        `replace_partition`: output columns match table columns by name, `where` columns the
        query lacks get their value, rows outside the partition are an error.
        """
        select = single_select(table, select_sql)
        size = batch_size or self._default_batch_size
        hooks = load_hooks(on_batch)
        with self._begin_load(table, where) as conn:
            return load_query(conn, self.dialect, table, select, params, where, size, hooks)


__all__ = ["LoadResult", "WarehouseError", "WarehouseResource"]
