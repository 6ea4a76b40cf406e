"""BI access on a PostgreSQL warehouse: the read-only role `pilot_bi_reader` and its grants.

Run by the `meta/bi_access` asset on every reference refresh and by `make grant-bi`, so a LOGIN
member of the role can read `bi` and `warehouse` as soon as the pipeline has built them, with
no step remembered by hand. The SQL is `sql/roles/` (idempotent; roles are cluster-wide).
DuckDB has no roles: analysts open the file read-only instead (`duckdb -readonly file`).
"""

from __future__ import annotations

from pilot_pipeline import SQL_DIR

from .connect import connect_waiting, make_engine, safe_url
from .warehouse import WarehouseResource
from .warehouse_sql import WarehouseError, run_ddl_statement, split_sql

BI_ROLE = "pilot_bi_reader"
BI_SCHEMAS = ("bi", "warehouse")
ROLES_DIR = SQL_DIR / "roles"


def grant_bi_access(warehouse: WarehouseResource) -> list[str]:
    """Create the BI role if missing and grant it read access; return the files run.

    An empty list on DuckDB. Creating the role needs CREATEROLE; a pipeline user without it
    gets an error saying what a DBA must run once (the grants themselves need only ownership
    of the schemas, which the pipeline's user has).
    """
    if warehouse.dialect != "postgresql":
        return []
    files = sorted(ROLES_DIR.glob("*.sql"))
    engine = make_engine(warehouse.url)
    try:
        with connect_waiting(engine, warehouse.lock_wait_seconds) as conn, conn.begin():
            # The DB-API cursor without parameters, so `%I` in a format() call stays literal.
            cursor = conn.connection.cursor()
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('pilot_pipeline.ddl'))")
            for path in files:
                for statement in split_sql(path.read_text(encoding="utf-8")):
                    try:
                        run_ddl_statement(cursor, statement, "postgresql")
                    except Exception as exc:
                        raise WarehouseError(
                            f"{path.relative_to(SQL_DIR)} on {safe_url(warehouse.url)}: {exc}. "
                            f"If the pipeline's user may not create roles, have a DBA run "
                            f"`CREATE ROLE {BI_ROLE} NOLOGIN` once."
                        ) from exc
    finally:
        engine.dispose()
    return [str(f.relative_to(SQL_DIR)) for f in files]
