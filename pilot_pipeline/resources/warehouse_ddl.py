"""Bring a warehouse's tables and views in line with the sql/ tree (idempotent DDL).

The whole tree runs in one transaction, and is skipped when `meta.ddl_applied` holds the digest
of this very tree and every table and view it creates exists: a run whose sql/ did not change
spends no time here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa

from pilot_pipeline import SQL_DIR

from .ddl_include import ddl_files, read_ddl
from .grain import UNINDEXED
from .warehouse_catalog import objects_missing
from .warehouse_sql import (
    WarehouseError,
    created_objects,
    run_ddl_statement,
    split_sql,
    without_primary_key,
)

DDL_FOLDERS = ("schemas", "meta", "staging", "quarantine", "dimensions", "facts", "views")
DDL_RECORD = "meta.ddl_applied"
ROLES_FOLDER = "roles"


class DdlTree(NamedTuple):
    """The sql/ files to run, in order, with their text and the digest of the whole tree."""

    texts: dict[Path, str]
    digest: str

    @property
    def files(self) -> list[str]:
        return [str(path.relative_to(SQL_DIR)) for path in self.texts]


def read_ddl_tree(dialect: str, include_roles: bool = False) -> DdlTree:
    """Read the DDL folders (the roles too, on PostgreSQL, when asked) and digest them.

    Args:
        dialect: "duckdb" or "postgresql"; part of the digest, as the statements run differ.
        include_roles: Also the BI role and its grants (PostgreSQL only).

    Returns:
        The files in the order they run.
    """
    roles = include_roles and dialect == "postgresql"
    folders = DDL_FOLDERS + ((ROLES_FOLDER,) if roles else ())
    files = [f for d in folders for f in ddl_files(SQL_DIR / d)]
    texts = {f: read_ddl(f) for f in files}
    digest = hashlib.sha256(dialect.encode())
    for path, text in texts.items():
        digest.update(f"\0{path.relative_to(SQL_DIR)}\0{text}".encode())
    return DdlTree(texts, digest.hexdigest())


def apply_ddl_tree(conn: sa.Connection, dialect: str, tree: DdlTree) -> None:
    """Run every statement of the tree on `conn` unless the warehouse already matches it.

    Args:
        conn: A connection inside the transaction the whole tree runs in.
        dialect: "duckdb" or "postgresql".
        tree: From ``read_ddl_tree``.
    """
    # The DB-API cursor without parameters, so `%I` in a format() call stays literal.
    cursor = conn.connection.cursor()
    if dialect == "postgresql":  # parallel step processes: one DDL pass at a time
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('pilot_pipeline.ddl'))")
    if _ddl_is_current(conn, tree):
        return
    for path, text in tree.texts.items():
        unindexed = path.parent.name in UNINDEXED
        for statement in split_sql(text):
            statement = without_primary_key(statement) if unindexed else statement
            try:
                run_ddl_statement(cursor, statement, dialect)
            except Exception as exc:
                raise WarehouseError(f"{path.relative_to(SQL_DIR)}: {exc}") from exc
    if objects_missing(conn, [DDL_RECORD]) == {DDL_RECORD}:
        return  # a tree without meta/
    conn.execute(sa.text(f"DELETE FROM {DDL_RECORD}"))  # noqa: S608 (a constant)
    conn.execute(
        sa.text(f"INSERT INTO {DDL_RECORD} VALUES (:d, :t)"),  # noqa: S608 (a constant)
        {"d": tree.digest, "t": dt.datetime.now(dt.UTC).replace(tzinfo=None)},
    )


def _ddl_is_current(conn: sa.Connection, tree: DdlTree) -> bool:
    created = [n for text in tree.texts.values() for n in created_objects(text)]
    if DDL_RECORD not in created or objects_missing(conn, created):
        return False
    recorded = conn.execute(sa.text(f"SELECT ddl_digest FROM {DDL_RECORD}")).scalars()  # noqa: S608
    return list(recorded) == [tree.digest]
