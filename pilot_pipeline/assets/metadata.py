"""Metadata every table-producing asset attaches: row count, schema, preview, suppression."""

import dagster as dg
import pandas as pd

from pilot_pipeline.resources.warehouse import WarehouseResource

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
    }
    if frame is not None:
        metadata["preview"] = dg.MetadataValue.md(preview_markdown(frame))
        metadata["suppressed_cells"] = dg.MetadataValue.int(suppressed_cells(frame))
    return metadata
