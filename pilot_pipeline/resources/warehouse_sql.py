"""SQL text and value helpers of the warehouse resource: catalog queries, the statement
splitter, catalog type names, and the coercion of frame columns to typed Arrow arrays.

Nothing here opens a connection; `warehouse.py` holds the resource that does.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv


class WarehouseError(ValueError):
    """A load or lookup the warehouse refuses; the message names the table and columns."""


# Catalog lookups; `current_database()` keeps an ATTACHed DuckDB file out of the answers.
TABLE_TYPE_SQL = """SELECT table_type FROM information_schema.tables
    WHERE table_catalog = current_database() AND table_schema = :s AND table_name = :t"""
COLUMNS_SQL = """SELECT column_name, data_type, is_nullable FROM information_schema.columns
    WHERE table_catalog = current_database() AND table_schema = :s AND table_name = :t
    ORDER BY ordinal_position"""
TABLES_SQL = """SELECT table_schema, table_name FROM information_schema.tables
    WHERE table_catalog = current_database()
    AND table_schema NOT IN ('information_schema', 'pg_catalog', 'main', 'public')
    ORDER BY table_schema, table_name"""
COMMENTS_SQL = {  # column comments, plus the table's own under a NULL column name
    "duckdb": """SELECT column_name, comment FROM duckdb_columns()
        WHERE database_name = current_database() AND schema_name = :s AND table_name = :t
        UNION ALL SELECT NULL, comment FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = :s AND table_name = :t
        UNION ALL SELECT NULL, comment FROM duckdb_views()
        WHERE database_name = current_database() AND schema_name = :s AND view_name = :t""",
    "postgresql": """SELECT a.attname, col_description(c.oid, a.attnum) FROM pg_class AS c
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = :s AND c.relname = :t
        UNION ALL SELECT NULL, obj_description(c.oid, 'pg_class') FROM pg_class AS c
        JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relname = :t""",
}

# Comments, quoted strings/names and $tag$ bodies are one token: a `;` in them ends nothing.
_TOKEN = re.compile(
    r"""--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|"(?:[^"]|"")*"|(\$\w*\$).*?\1|;|[^-/'"$;]+|.""", re.S
)


def split_sql(text: str) -> list[str]:
    """Split a SQL file into statements on top-level `;`, dropping comments."""
    statements, buf = [], []
    for match in _TOKEN.finditer(text + ";"):
        token = match.group()
        if token == ";":
            statement = "".join(buf).strip()
            statements += [statement] if statement else []
            buf = []
        elif not token.startswith(("--", "/*")):
            buf.append(token)
    return statements


def load_kind(data_type: str) -> str:
    """Collapse a catalog type name (DuckDB or PostgreSQL spelling) to a load kind."""
    t = data_type.lower()
    if t in {"tinyint", "smallint", "integer", "int", "bigint", "hugeint", "int2", "int4", "int8"}:
        return "int"
    if t.startswith(("double", "real", "float", "numeric", "decimal")):
        return "float"
    if t.startswith(("varchar", "character", "text", "char")):
        return "text"
    if t.startswith("timestamp"):
        return "timestamp"
    return t if t in {"boolean", "date"} else "other"


def portable_type(data_type: str) -> str:
    """The DDL spelling of a catalog type, identical on both backends."""
    names = {"VARCHAR": "TEXT", "DOUBLE": "DOUBLE PRECISION", "CHARACTER VARYING": "TEXT"}
    t = data_type.upper().replace(" WITHOUT TIME ZONE", "")
    return names.get(t, t)


ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "boolean": pa.bool_()}
ARROW_TYPES |= {"date": pa.date32(), "timestamp": pa.timestamp("us"), "text": pa.string()}
_NULLABLE = {"int": "Int64", "float": "Float64", "boolean": "boolean"}


def _typed_column_to_arrow(series: pd.Series, kind: str, where: str) -> pa.Array | None:
    """A column whose dtype already rules out the wrong values, converted without a per-value
    Python check (statewide frames hold millions of rows); None for any other column."""
    dtype = series.dtype
    if kind == "text" and isinstance(dtype, pd.StringDtype):  # only str or NA inside
        return pa.array(series.array).cast(pa.string())
    if kind == "text" and isinstance(dtype, pd.CategoricalDtype) and _str_categories(dtype):
        # A column with a few distinct texts (a file's sha256 on every row) stays dictionary-
        # encoded: both loaders read it as text without a string per row.
        coded = pa.array(series)
        return pa.DictionaryArray.from_arrays(coded.indices, coded.dictionary.cast(pa.string()))
    numeric = pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
    if kind in _NULLABLE and not pd.api.types.is_object_dtype(dtype) and numeric:
        try:
            typed = series.astype(_NULLABLE[kind]).array
        except (TypeError, ValueError) as exc:
            raise WarehouseError(f"{where} cannot be loaded as {kind}: {exc}") from exc
        return pa.array(typed, ARROW_TYPES[kind])
    return None


def _str_categories(dtype: pd.CategoricalDtype) -> bool:
    return all(isinstance(c, str) for c in dtype.categories)


def column_to_arrow(series: pd.Series, kind: str, where: str) -> pa.Array:
    """Coerce one frame column to its table column's type; NaN, None, pd.NA and NaT -> NULL."""
    typed = _typed_column_to_arrow(series, kind, where)
    if typed is not None:
        return typed
    mask = series.notna().to_numpy()
    values = series[mask]
    if kind == "text":
        if not all(isinstance(v, str) for v in values):
            raise WarehouseError(f"{where} is text but holds non-string values ({series.dtype})")
        return pa.array(series.astype(object).where(mask, None).tolist(), pa.string())
    if kind in _NULLABLE:
        if any(isinstance(v, str) for v in values):
            raise WarehouseError(f"{where} is {kind} but holds strings")
        try:
            arr = pd.array(series.astype(object).where(mask, None), dtype=_NULLABLE[kind])
        except (TypeError, ValueError) as exc:
            raise WarehouseError(f"{where} cannot be loaded as {kind}: {exc}") from exc
        return pa.array(arr, ARROW_TYPES[kind])
    if kind in ("date", "timestamp"):
        if pd.api.types.is_datetime64_any_dtype(series):
            stamps = series.dt.tz_convert("UTC") if series.dt.tz is not None else series
            values = stamps.dt.tz_localize(None)[mask]
        if not all(isinstance(v, dt.date) for v in values):
            raise WarehouseError(f"{where} is {kind} but holds non-date values ({series.dtype})")
        out: list[Any] = [None] * len(series)
        for pos, v in zip(mask.nonzero()[0], values, strict=True):
            if isinstance(v, dt.datetime) and v.tzinfo is not None:  # pd.Timestamp too
                v = v.astimezone(dt.UTC).replace(tzinfo=None)
            out[pos] = (v.date() if isinstance(v, dt.datetime) else v) if kind == "date" else v
        return pa.array(out, ARROW_TYPES[kind])
    return pa.array(series.astype(object).where(mask, None).tolist(), from_pandas=True)


_CSV_TYPES = (
    pa.types.is_string, pa.types.is_large_string, pa.types.is_boolean, pa.types.is_integer,
    pa.types.is_floating, pa.types.is_date, pa.types.is_timestamp, pa.types.is_null,
    pa.types.is_dictionary,
)  # fmt: skip
# Text is always quoted, NULL never: COPY's CSV format then reads "" as '' and nothing as NULL.
_CSV_OPTIONS = pa_csv.WriteOptions(include_header=False, quoting_style="needed")


def arrow_to_copy_csv(batch: pa.Table) -> bytes | None:
    """One batch as UTF-8 CSV for `COPY … FROM STDIN (FORMAT csv)`, written by Arrow in C++;
    None when a column type has no exact CSV text (the caller then copies row by row)."""
    if not all(any(test(f.type) for test in _CSV_TYPES) for f in batch.schema):
        return None
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(batch, sink, _CSV_OPTIONS)
    return sink.getvalue().to_pybytes()


def render_value(value: object) -> str:
    """Canonical text of a fetched value for checksums: the same on both backends."""
    return "\\N" if value is None else repr(value) if isinstance(value, float) else str(value)


_PRIMARY_KEY = re.compile(r",\s*PRIMARY KEY\s*\(([^)]*)\)", re.IGNORECASE)
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w.]+)", re.I)


_CREATED = re.compile(
    r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w]+\.[\w]+)",
    re.IGNORECASE | re.MULTILINE,
)


def created_objects(ddl: str) -> list[str]:
    """`schema.name` of every table and view a DDL text creates."""
    return [name.lower() for name in _CREATED.findall(ddl)]


def declared_key(statement: str) -> tuple[str, tuple[str, ...]] | None:
    """(table, key columns) of a CREATE TABLE with a PRIMARY KEY clause, else None."""
    table, key = _CREATE_TABLE.match(statement), _PRIMARY_KEY.search(statement)
    if not (table and key):
        return None
    return table.group(1), tuple(c.strip() for c in key.group(1).split(","))


def without_primary_key(statement: str) -> str:
    """A CREATE TABLE without its PRIMARY KEY clause (other statements unchanged).

    A primary key is an index that every insert maintains: on a statewide fact it was most of
    the load (3.8M rows of fct_enrollment: DuckDB 15 s with its ART key, 1 s without;
    PostgreSQL 23 s with its B-tree, 3 s without). Staging and fact tables are therefore
    created without one, and each load checks its partition's grain instead
    (`WarehouseResource`, one GROUP BY); dimensions keep theirs.
    """
    return _PRIMARY_KEY.sub("", statement, count=1) if _CREATE_TABLE.match(statement) else statement


_VIEW_NAME = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+VIEW\s+([\w.]+)", re.IGNORECASE)


def run_ddl_statement(cursor: Any, statement: str, dialect: str) -> None:
    """Execute one DDL statement; on PostgreSQL a view whose columns changed is rebuilt.

    PostgreSQL's CREATE OR REPLACE VIEW cannot rename, drop or retype a column, so a changed
    view would block every later run. Views hold no data: drop it (and, by CASCADE, views built
    on it, which come later in the DDL order and are recreated in the same pass) and create it.
    """
    view = _VIEW_NAME.match(statement)
    if dialect != "postgresql" or view is None:
        cursor.execute(statement)
        return
    cursor.execute("SAVEPOINT pilot_view_ddl")
    try:
        cursor.execute(statement)
    except Exception:  # noqa: BLE001 - any failure gets one rebuild attempt, then raises
        cursor.execute("ROLLBACK TO SAVEPOINT pilot_view_ddl")
        cursor.execute(f"DROP VIEW IF EXISTS {view.group(1)} CASCADE")
        cursor.execute(statement)
    cursor.execute("RELEASE SAVEPOINT pilot_view_ddl")
