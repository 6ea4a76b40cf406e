"""Metadata every table-producing asset attaches: row count, schema, preview, suppression."""

import re

import dagster as dg
import pandas as pd

from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.validation.suites import suites

from .built_here import identity_metadata

OWNERS = ["team:data-engineering"]
PREVIEW_ROWS = 5


def preview_markdown(frame: pd.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """A small markdown table; wide frames keep their first columns so the UI stays readable."""
    if frame.empty:
        return "_no rows_"
    head = frame.head(rows).iloc[:, :12].astype("string").fillna("NULL")
    return head.to_markdown(index=False)


def suppressed_cells(frame: pd.DataFrame) -> int:
    """How many measure cells the source suppressed (`*`); they are NULL, never 0."""
    flags = [c for c in frame.columns if c.endswith("_suppressed") or c == "is_suppressed"]
    return int(frame[flags].fillna(False).astype(bool).to_numpy().sum()) if flags else 0


def table_metadata(
    warehouse: WarehouseResource,
    table: str,
    frame: pd.DataFrame | None = None,
    *,
    where: dict[str, object] | None = None,
) -> dict[str, object]:
    """Row count (of the partition when `where` is given), schema, preview and suppression."""
    metadata: dict[str, object] = {
        "table": dg.MetadataValue.text(table),
        "dagster/row_count": dg.MetadataValue.int(warehouse.row_count(table, where)),
        "dagster/column_schema": warehouse.table_schema(table),
        "dagster/table_name": dg.MetadataValue.text(table),
        **identity_metadata(warehouse),  # which warehouse holds it: change detection asks
    }
    if frame is not None:
        metadata["preview"] = dg.MetadataValue.md(preview_markdown(frame))
        metadata["suppressed_cells"] = dg.MetadataValue.int(suppressed_cells(frame))
    else:
        # Tables filled by SQL (facts): the preview and the count come from the table itself.
        columns = [c.name for c in metadata["dagster/column_schema"].columns]  # type: ignore[attr-defined]
        metadata.update(sql_preview_and_suppression(warehouse, table, columns, where or {}))
    return metadata


_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def sql_preview_and_suppression(
    warehouse: WarehouseResource, table: str, columns: list[str], where: dict[str, object]
) -> dict[str, object]:
    """A preview and the suppressed-cell count of (a partition of) a warehouse table."""
    names = [table, *columns, *where]
    if not all(_IDENTIFIER.match(part) for name in names for part in name.split(".")):
        raise ValueError(f"{table}: unexpected identifier among {names}")
    clause = " AND ".join(f'"{c}" = :w_{c}' for c in where) or "TRUE"
    params = {f"w_{c}": v for c, v in where.items()}
    flags = [c for c in columns if c.endswith("_suppressed") or c == "is_suppressed"]
    counted = " + ".join(f'coalesce(sum(CASE WHEN "{c}" THEN 1 ELSE 0 END), 0)' for c in flags)
    suppressed = 0
    if flags:
        # Identifiers checked above and taken from the catalog; values are bound parameters.
        sql = f"SELECT {counted} AS n FROM {table} WHERE {clause}"  # noqa: S608
        suppressed = int(warehouse.read_frame(sql, params)["n"].iloc[0])
    head = warehouse.read_frame(
        f"SELECT * FROM {table} WHERE {clause} LIMIT {PREVIEW_ROWS}",  # noqa: S608
        params,
    )
    return {
        "preview": dg.MetadataValue.md(preview_markdown(head)),
        "suppressed_cells": dg.MetadataValue.int(suppressed),
    }


def staging_grain(source: str) -> str:
    """ "Grain: one row per …" of a staging table, from the key its reviewed suite checks."""
    keys = sorted({spec.key for spec in suites(source) if spec.key}, key=len)
    if not keys:
        return "Grain: one row per school per school year and the source's breakdowns."
    key = [*keys[0], *(["school_year"] if "school_year" not in keys[0] else [])]
    return f"Grain: one row per {' x '.join(key)}."
