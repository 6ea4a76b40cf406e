"""Which warehouse an asset was built into: change detection per warehouse, not per instance.

The Dagster instance remembers what was built, but not where: one `.dagster_home` serves a
DuckDB demo and a PostgreSQL warehouse alike, and a table dropped by hand is still "built" in
its records. Every table-producing materialization therefore records the warehouse it wrote
(`WAREHOUSE_METADATA`, the URL without credentials), and a skip is allowed only when the
latest materialization went into the warehouse this run writes and its table still has rows.
Switching warehouses back and forth rebuilds each time: the safe side of a cheap check.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from sqlalchemy.engine import make_url

from pilot_pipeline.resources.warehouse import WarehouseResource

WAREHOUSE_METADATA = "pilot_pipeline/warehouse"
TABLE_METADATA = "dagster/table_name"
ROWS_METADATA = "dagster/row_count"


def warehouse_identity(url: str) -> str:
    """The warehouse as change detection knows it: backend, host, port, database; no user or
    password (they may change, the data does not), a DuckDB file as its absolute path."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "duckdb":
        database = parsed.database or ":memory:"
        if database != ":memory:":
            database = str(Path(database).expanduser().resolve())
        return f"duckdb://{database}"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{backend}://{host}{port}/{parsed.database or ''}"


def identity_metadata(warehouse: WarehouseResource) -> dict[str, dg.MetadataValue]:
    return {WAREHOUSE_METADATA: dg.MetadataValue.text(warehouse_identity(warehouse.url))}


def _latest_materialization(
    instance: dg.DagsterInstance, key: dg.AssetKey, partition: str | None
) -> dg.AssetMaterialization | None:
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=key, asset_partitions=[partition] if partition else None),
        limit=1,
    ).records
    return records[0].asset_materialization if records else None


def not_built_here(
    instance: dg.DagsterInstance,
    warehouse: WarehouseResource | None,
    key: dg.AssetKey,
    partition: str | None,
    tables: set[str] | None = None,
) -> str | None:
    """Why `key` must be rebuilt in this warehouse whatever the instance says, or None.

    Assets that write no table (raw files, the report) are never held back here. `tables`
    (the warehouse's `schema.name` list) may be passed to spare a catalog query per asset.
    A table that had rows when it was built and has none now (dropped, truncated, a new
    database) counts as not built.
    """
    latest = _latest_materialization(instance, key, partition)
    if latest is None or warehouse is None:
        return None  # never built: the stale-status check already says so
    table = latest.metadata.get(TABLE_METADATA)
    if table is None:
        return None
    here = warehouse_identity(warehouse.url)
    recorded = latest.metadata.get(WAREHOUSE_METADATA)
    name = key.to_user_string()
    if recorded is None or recorded.value != here:
        where = recorded.value if recorded is not None else "an unrecorded warehouse"
        return f"{name} was last built into {where}, not {here}"
    present = tables if tables is not None else set(warehouse.list_tables())
    if table.value not in present:
        return f"{name}: table {table.value} is missing from {here}"
    # A dropped table comes back empty from the DDL pass at run start: rows, not presence.
    recorded_rows = latest.metadata.get(ROWS_METADATA)
    if recorded_rows is not None and recorded_rows.value and not warehouse.row_count(table.value):
        return f"{name}: table {table.value} is empty in {here} (it had {recorded_rows.value} rows)"
    return None
