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


def column_to_arrow(series: pd.Series, kind: str, where: str) -> pa.Array:
    """Coerce one frame column to its table column's type; NaN, None, pd.NA and NaT -> NULL."""
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


def render_value(value: object) -> str:
    """Canonical text of a fetched value for checksums: the same on both backends."""
    return "\\N" if value is None else repr(value) if isinstance(value, float) else str(value)
