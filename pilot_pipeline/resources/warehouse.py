"""The warehouse: one SQLAlchemy URL, DuckDB by default, PostgreSQL in production.

Every method opens its own short-lived connection (NullPool, engine disposed on return) so
DuckDB's single-writer file lock is held only while a call runs. Loads are atomic: the delete
of a partition and the bulk insert of its replacement share one transaction, so a failure at
any point leaves the previous rows in place.

Identifiers never come from data by string formatting: table and column names are looked up in
the catalog (information_schema) and quoted with the dialect's identifier preparer; values
travel only as bound parameters, an Arrow scan (DuckDB) or COPY (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, Literal, NamedTuple

import dagster as dg
import pandas as pd
import sqlalchemy as sa
from pydantic import Field

from pilot_pipeline import SQL_DIR

from .bulk_load import LOADED_AT, frame_to_arrow, load_duckdb, load_postgres
from .connect import WarehouseBusyError, connect_waiting, make_engine, safe_url
from .ddl_include import read_ddl
from .grain import UNINDEXED, assert_table_grain, frame_grain_holds
from .masking import mask_text
from .partition_lock import (
    lock_in_transaction,
    partition_key,
    process_lock,
    verify_partition_rows,
)
from .warehouse_sql import (
    COLUMNS_SQL,
    COMMENTS_SQL,
    TABLE_TYPE_SQL,
    TABLES_SQL,
    WarehouseError,
    column_to_arrow,
    created_objects,
    load_kind,
    portable_type,
    render_value,
    run_ddl_statement,
    split_sql,
    without_primary_key,
)

DDL_FOLDERS = ("schemas", "meta", "staging", "quarantine", "dimensions", "facts", "views")
DDL_RECORD = "meta.ddl_applied"
ROLES_FOLDER = "roles"
DEFAULT_SCHEMA = "warehouse"

# The numbered temporary copy of a load query's rows (replace_partition_from_query).
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


def _run_hooks(hooks: Sequence[BatchHook], table: str, batch: int, rows: int) -> None:
    for hook in hooks:
        hook(table, batch, rows)


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
    def _begin(self) -> Iterator[sa.Connection]:
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
        label = table if "." in table else f"{DEFAULT_SCHEMA}.{table}"
        key = partition_key(label, where)
        with process_lock(self.url, self.dialect, key), self._begin() as conn:
            lock_in_transaction(conn, key)
            yield conn

    def _resolve(self, conn: sa.Connection, table: str, views: bool = True) -> tuple[str, ...]:
        """Check `schema.table` against the catalog; return (schema, name, quoted name)."""
        schema, _, name = table.rpartition(".")
        schema = schema or DEFAULT_SCHEMA
        kinds = ("BASE TABLE", "VIEW") if views else ("BASE TABLE",)
        found = conn.execute(sa.text(TABLE_TYPE_SQL), {"s": schema, "t": name}).scalar()
        if found not in kinds:
            raise WarehouseError(f"no {' or '.join(kinds).lower()} {schema}.{name} in warehouse")
        prep = conn.dialect.identifier_preparer
        return schema, name, f"{prep.quote_identifier(schema)}.{prep.quote_identifier(name)}"

    def _columns(self, conn: sa.Connection, schema: str, name: str) -> dict[str, tuple[str, bool]]:
        rows = conn.execute(sa.text(COLUMNS_SQL), {"s": schema, "t": name}).all()
        return {r[0]: (r[1], r[2] == "YES") for r in rows}

    def _comments(self, conn: sa.Connection, schema: str, name: str) -> dict[str | None, str]:
        """Column comments by column name; the table's own comment under key None."""
        rows = conn.execute(sa.text(COMMENTS_SQL[self.dialect]), {"s": schema, "t": name}).all()
        return {k: v for k, v in rows if v is not None}

    def list_tables(self, schemas: Sequence[str] | None = None) -> list[str]:
        """`schema.name` of every table and view in the given (default: all user) schemas."""
        with self._begin() as conn:
            rows = conn.execute(sa.text(TABLES_SQL)).all()
        return [f"{s}.{t}" for s, t in rows if schemas is None or s in schemas]

    def table_schema(self, table: str) -> dg.TableSchema:
        """Column names, portable types, nullability and COMMENTs from the catalog."""
        with self._begin() as conn:
            schema, name, _ = self._resolve(conn, table)
            comments = self._comments(conn, schema, name)
            columns = self._columns(conn, schema, name)
        return dg.TableSchema(
            columns=[
                dg.TableColumn(
                    col, portable_type(t), comments.get(col), dg.TableColumnConstraints(nullable=n)
                )
                for col, (t, n) in columns.items()
            ]
        )

    def table_description(self, table: str) -> str | None:
        """The table's COMMENT (its meaning and grain)."""
        with self._begin() as conn:
            schema, name, _ = self._resolve(conn, table)
            return self._comments(conn, schema, name).get(None)

    def apply_ddl(self, include_roles: bool = False) -> list[str]:
        """Run every sql/ file (idempotent DDL) in one transaction; return the files run.

        Skipped when `meta.ddl_applied` holds the digest of this very tree and every table and
        view it creates exists (a run whose sql/ did not change spends no time here).
        """
        roles = include_roles and self.dialect == "postgresql"
        folders = DDL_FOLDERS + ((ROLES_FOLDER,) if roles else ())
        files = [f for d in folders for f in sorted((SQL_DIR / d).glob("*.sql"))]
        texts = {f: read_ddl(f) for f in files}
        digest = hashlib.sha256(self.dialect.encode())
        for path, text in texts.items():
            digest.update(f"\0{path.relative_to(SQL_DIR)}\0{text}".encode())
        with self._begin() as conn:
            # The DB-API cursor without parameters, so `%I` in a format() call stays literal.
            cursor = conn.connection.cursor()
            if self.dialect == "postgresql":  # parallel step processes: one DDL pass at a time
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('pilot_pipeline.ddl'))")
            if self._ddl_is_current(conn, digest.hexdigest(), texts.values()):
                return [str(f.relative_to(SQL_DIR)) for f in files]
            for path, text in texts.items():
                unindexed = path.parent.name in UNINDEXED
                for statement in split_sql(text):
                    statement = without_primary_key(statement) if unindexed else statement
                    try:
                        run_ddl_statement(cursor, statement, self.dialect)
                    except Exception as exc:
                        raise WarehouseError(f"{path.relative_to(SQL_DIR)}: {exc}") from exc
            if self._objects_missing(conn, [DDL_RECORD]) == {DDL_RECORD}:
                return [str(f.relative_to(SQL_DIR)) for f in files]  # a tree without meta/
            conn.execute(sa.text(f"DELETE FROM {DDL_RECORD}"))  # noqa: S608 (a constant)
            conn.execute(
                sa.text(f"INSERT INTO {DDL_RECORD} VALUES (:d, :t)"),  # noqa: S608 (a constant)
                {"d": digest.hexdigest(), "t": dt.datetime.now(dt.UTC).replace(tzinfo=None)},
            )
        return [str(f.relative_to(SQL_DIR)) for f in files]

    def _objects_missing(self, conn: sa.Connection, names: Iterable[str]) -> set[str]:
        present = {f"{s}.{t}" for s, t in conn.execute(sa.text(TABLES_SQL)).all()}
        return {n for n in names if n not in present}

    def _ddl_is_current(self, conn: sa.Connection, digest: str, texts: Iterable[str]) -> bool:
        created = [n for text in texts for n in created_objects(text)]
        if DDL_RECORD not in created or self._objects_missing(conn, created):
            return False
        recorded = conn.execute(sa.text(f"SELECT ddl_digest FROM {DDL_RECORD}")).scalars()  # noqa: S608
        return list(recorded) == [digest]

    def read_frame(self, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Run a query (`:name` parameters) and return its rows as a DataFrame."""
        with self._begin() as conn:
            result = conn.execute(sa.text(sql), dict(params or {}))
            return pd.DataFrame.from_records(result.fetchall(), columns=list(result.keys()))

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        """Run one statement in its own transaction; return the affected row count."""
        with self._begin() as conn:
            return conn.execute(sa.text(sql), dict(params or {})).rowcount

    @staticmethod
    def _where_sql(
        conn: sa.Connection, kinds: Mapping[str, str], where: Mapping[str, object], label: str
    ) -> tuple[str, dict[str, object]]:
        """`WHERE "col" = :w0 AND …` with values coerced to the column types (numpy → python)."""
        unknown = sorted(set(where) - set(kinds))
        if unknown or any(v is None for v in where.values()):
            raise WarehouseError(f"{label}: where needs known columns, non-NULL values: {unknown}")
        quote = conn.dialect.identifier_preparer.quote_identifier
        terms = [f"{quote(c)} = :w{i}" for i, c in enumerate(where)]
        params = {
            f"w{i}": column_to_arrow(pd.Series([v]), kinds[c], f"{label}.{c}")[0].as_py()
            for i, (c, v) in enumerate(where.items())
        }
        return (" WHERE " + " AND ".join(terms)) if terms else "", params

    def row_count(self, table: str, where: Mapping[str, object] | None = None) -> int:
        """Rows in a table or view, optionally only those equal to `where`."""
        with self._begin() as conn:
            schema, name, qualified = self._resolve(conn, table)
            kinds = {c: load_kind(t) for c, (t, _) in self._columns(conn, schema, name).items()}
            clause, params = self._where_sql(conn, kinds, where or {}, f"{schema}.{name}")
            count = f"SELECT count(*) FROM {qualified}{clause}"  # noqa: S608 (catalog names)
            return int(conn.execute(sa.text(count), params).scalar())

    def checksum(self, table: str, exclude: Sequence[str] = (LOADED_AT,)) -> str:
        """sha256 over the sorted, canonically rendered rows; load-time columns excluded."""
        with self._begin() as conn:
            schema, name, qualified = self._resolve(conn, table)
            quote = conn.dialect.identifier_preparer.quote_identifier
            cols = [c for c in self._columns(conn, schema, name) if c not in exclude]
            select = ", ".join(quote(c) for c in cols)
            rows = conn.exec_driver_sql(f"SELECT {select} FROM {qualified}").fetchall()  # noqa: S608
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
        hooks = [h for h in (on_batch, _batch_hook) if h is not None]
        with self._begin_load(table, where) as conn:
            schema, name, qualified = self._resolve(conn, table, views=False)
            catalog = {c: load_kind(t) for c, (t, _) in self._columns(conn, schema, name).items()}
            label = f"{schema}.{name}"
            bad = [str(c) for c in frame.columns if c not in catalog]
            bad += [f"{c} (repeated)" for c in frame.columns[frame.columns.duplicated()]]
            if bad:
                raise WarehouseError(f"{label}: frame columns not in the table: {bad}")
            clause, params = self._where_sql(conn, catalog, where, label)
            partition = dict(zip(where, params.values(), strict=True))
            data = frame_to_arrow(frame, catalog, partition, label)
            delete = f"DELETE FROM {qualified}{clause}"  # noqa: S608 (catalog names, bound values)
            deleted = conn.execute(sa.text(delete), params).rowcount
            quote = conn.dialect.identifier_preparer.quote_identifier
            cols = ", ".join(quote(c) for c in data.column_names)
            if data.num_columns and data.num_rows:
                load = load_duckdb if self.dialect == "duckdb" else load_postgres
                # PostgreSQL groups millions of rows in seconds, pandas in one: check the frame.
                # DuckDB groups its own columns faster still: check the table.
                checked = self.dialect == "postgresql" and frame_grain_holds(
                    frame, partition, label
                )
                load(conn, qualified, cols, data, size, partial(_run_hooks, hooks, label))
                if not checked:
                    assert_table_grain(conn, qualified, label, clause, params)
            verify_partition_rows(conn, qualified, label, clause, params, data.num_rows)
        return LoadResult(label, max(deleted, 0), data.num_rows)

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
        statements = split_sql(select_sql)
        if len(statements) != 1:
            raise WarehouseError(f"{table}: expected one SELECT, got {len(statements)} statements")
        size = batch_size or self._default_batch_size
        hooks = [h for h in (on_batch, _batch_hook) if h is not None]
        duck = self.dialect == "duckdb"
        with self._begin_load(table, where) as conn:
            schema, name, qualified = self._resolve(conn, table, views=False)
            columns = self._columns(conn, schema, name)
            catalog = {c: load_kind(t) for c, (t, _) in columns.items()}
            label = f"{schema}.{name}"
            clause, wparams = self._where_sql(conn, catalog, where, label)
            quote = conn.dialect.identifier_preparer.quote_identifier
            # A fixed name: neither the query nor the data ever name SQL objects.
            # DuckDB scans a table in insertion order, so LIMIT/OFFSET batches need no row
            # number (row_number() OVER () would funnel the whole query through one window).
            number = "" if duck else f"row_number() OVER () AS {_ROW}, "
            stage = f"CREATE TEMPORARY TABLE {_STAGE} AS SELECT {number}"
            stage += f"q.* FROM (\n{statements[0]}\n) AS q"  # noqa: S608 (sql/ text, bound values)
            conn.execute(sa.text(stage), dict(params or {}))
            cols = [c for c in conn.execute(sa.text(_STAGE_SAMPLE)).keys() if c != _ROW]
            bad = [c for c in cols if c not in catalog]
            if bad:
                raise WarehouseError(f"{label}: query columns not in the table: {bad}")
            select = [quote(c) for c in cols]
            for i, col in enumerate(where):
                if col in cols:
                    outside = f"{_STAGE_COUNT} WHERE {quote(col)} IS NULL OR {quote(col)} <> :w{i}"
                    if conn.execute(sa.text(outside), wparams).scalar():
                        raise WarehouseError(
                            f"{label}: query rows outside the partition {col}={where[col]!r}"
                        )
                else:
                    cols.append(col)
                    select.append(f"CAST(:w{i} AS {portable_type(columns[col][0])})")
            if LOADED_AT in catalog and LOADED_AT not in cols:
                cols.append(LOADED_AT)
                select.append("CAST(:loaded_at AS TIMESTAMP)")
                wparams["loaded_at"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            rows = int(conn.execute(sa.text(_STAGE_COUNT)).scalar())
            if rows > size and not duck:
                # Each batch is a range of row numbers: without an index every batch would scan
                # the whole stage (DuckDB's zone maps already skip the other ranges).
                conn.execute(sa.text(_STAGE_INDEX))
            delete = f"DELETE FROM {qualified}{clause}"  # noqa: S608 (catalog names, bound values)
            deleted = conn.execute(sa.text(delete), wparams).rowcount
            insert = (
                f"INSERT INTO {qualified} ({', '.join(quote(c) for c in cols)}) "  # noqa: S608
                f"SELECT {', '.join(select)} FROM {_STAGE} "
                + ("LIMIT :size OFFSET :lo" if duck else f"WHERE {_ROW} > :lo AND {_ROW} <= :hi")
            )
            for k, lo in enumerate(range(0, rows, size), 1):
                conn.execute(sa.text(insert), {**wparams, "lo": lo, "hi": lo + size, "size": size})
                _run_hooks(hooks, label, k, min(lo + size, rows))
            conn.execute(sa.text(f"DROP TABLE {_STAGE}"))
            assert_table_grain(conn, qualified, label, clause, wparams)
            verify_partition_rows(conn, qualified, label, clause, wparams, rows)
        return LoadResult(label, max(deleted, 0), rows)


__all__ = [
    "BatchHook",
    "LoadResult",
    "WarehouseError",
    "WarehouseResource",
    "batch_hook",
    "portable_type",
    "split_sql",
]
