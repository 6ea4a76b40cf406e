"""`meta/bi_access`: who may read the warehouse, applied as part of every reference refresh.

On PostgreSQL it (re)creates the read-only role `pilot_bi_reader` and its grants
(resources/bi_access.py), so a LOGIN member of the role reads `bi.*` and `warehouse.*` right
after the pipeline ran, and may write nothing. Idempotent and cheap: it runs every time rather
than being change-aware, because a DBA revoking a grant leaves no trace Dagster could see.
"""

import dagster as dg

from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.bi_access import BI_ROLE, BI_SCHEMAS, grant_bi_access
from pilot_pipeline.resources.warehouse import WarehouseResource

from .built_here import identity_metadata
from .change import WAREHOUSE_POOL
from .metadata import OWNERS

ALLOWED = "SELECT on every table and view of schemas bi and warehouse (and those created later)"
DENIED = "INSERT, UPDATE, DELETE, TRUNCATE, CREATE, DROP; schemas staging, meta, quarantine"


@dg.asset(
    key=["meta", "bi_access"],
    group_name="meta",
    kinds={"sql", warehouse_kind()},
    owners=OWNERS,
    pool=WAREHOUSE_POOL,
    description=(
        f"Read-only access for BI tools: on PostgreSQL the role `{BI_ROLE}` with {ALLOWED}; "
        "analysts log in as a LOGIN member of it (README, 'For analysts'). On DuckDB there are "
        "no roles: open the file read-only."
    ),
)
def bi_access(warehouse: WarehouseResource) -> dg.MaterializeResult:
    files = grant_bi_access(warehouse)
    if not files:
        return dg.MaterializeResult(
            metadata={
                "applied": False,
                "note": "DuckDB has no roles: analysts open the file read-only "
                "(`duckdb -readonly pilot_warehouse.duckdb`)",
                **identity_metadata(warehouse),
            }
        )
    return dg.MaterializeResult(
        metadata={
            "applied": True,
            "role": BI_ROLE,
            "schemas": ", ".join(BI_SCHEMAS),
            "allowed": ALLOWED,
            "denied": DENIED,
            "sql_files": ", ".join(files),
            **identity_metadata(warehouse),
        }
    )


access_assets = [bi_access]
