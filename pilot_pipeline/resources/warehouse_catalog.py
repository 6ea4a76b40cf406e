"""Tables and columns as the warehouse's catalog (information_schema) knows them.

Every name the warehouse resource puts into SQL text comes from here: looked up in the catalog,
then quoted with the dialect's identifier preparer. Values travel only as bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd
import sqlalchemy as sa

from .warehouse_sql import (
    COLUMNS_SQL,
    COMMENTS_SQL,
    TABLE_TYPE_SQL,
    TABLES_SQL,
    WarehouseError,
    column_to_arrow,
    load_kind,
)

DEFAULT_SCHEMA = "warehouse"


def table_label(table: str) -> str:
    """`schema.table`, with the default schema where the name has none."""
    return table if "." in table else f"{DEFAULT_SCHEMA}.{table}"


class CatalogTable(NamedTuple):
    """A table or view found in the catalog."""

    schema: str
    name: str
    qualified: str
    """`"schema"."name"`, quoted for the connection's dialect."""

    @property
    def label(self) -> str:
        return f"{self.schema}.{self.name}"


def resolve(conn: sa.Connection, table: str, views: bool = True) -> CatalogTable:
    """Check `schema.table` against the catalog (tables, and views unless `views` is False)."""
    schema, _, name = table.rpartition(".")
    schema = schema or DEFAULT_SCHEMA
    kinds = ("BASE TABLE", "VIEW") if views else ("BASE TABLE",)
    found = conn.execute(sa.text(TABLE_TYPE_SQL), {"s": schema, "t": name}).scalar()
    if found not in kinds:
        raise WarehouseError(f"no {' or '.join(kinds).lower()} {schema}.{name} in warehouse")
    prep = conn.dialect.identifier_preparer
    return CatalogTable(
        schema, name, f"{prep.quote_identifier(schema)}.{prep.quote_identifier(name)}"
    )


def columns(conn: sa.Connection, table: CatalogTable) -> dict[str, tuple[str, bool]]:
    """Catalog type and nullability of each column, in table order."""
    rows = conn.execute(sa.text(COLUMNS_SQL), {"s": table.schema, "t": table.name}).all()
    return {r[0]: (r[1], r[2] == "YES") for r in rows}


def load_kinds(conn: sa.Connection, table: CatalogTable) -> dict[str, str]:
    """The load kind (`warehouse_sql.load_kind`) of each column, in table order."""
    return {c: load_kind(t) for c, (t, _) in columns(conn, table).items()}


def comments(conn: sa.Connection, dialect: str, table: CatalogTable) -> dict[str | None, str]:
    """Column comments by column name; the table's own comment under key None."""
    params = {"s": table.schema, "t": table.name}
    rows = conn.execute(sa.text(COMMENTS_SQL[dialect]), params).all()
    return {k: v for k, v in rows if v is not None}


def all_tables(conn: sa.Connection) -> list[tuple[str, str]]:
    """(schema, name) of every table and view in the user schemas."""
    return [(s, t) for s, t in conn.execute(sa.text(TABLES_SQL)).all()]


def objects_missing(conn: sa.Connection, names: Iterable[str]) -> set[str]:
    """Those of the `schema.name` names that are neither a table nor a view."""
    present = {f"{s}.{t}" for s, t in all_tables(conn)}
    return {n for n in names if n not in present}


def where_clause(
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
