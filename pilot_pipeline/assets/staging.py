"""Staging layer: each raw file parsed by its source module into a tidy, typed table.

`staging.stg_<source>` holds one school year per partition (the directory holds its one
snapshot). Tables are replaced per partition in one transaction, so a parse failure leaves the
previous rows; every row carries the sha256 of the file it came from.
"""

import dagster as dg
import pandas as pd

from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.downloader import RawFile
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import school_directory, yearly_sources
from pilot_pipeline.sources.base import ParseContext, SourceSpec

from .metadata import OWNERS, table_metadata

KINDS = {"pandas", warehouse_kind()}


@dg.asset(
    key=["staging", "stg_cde_school_directory"],
    ins={"raw": dg.AssetIn(key=["raw", "cde_school_directory"])},
    group_name="staging",
    kinds=KINDS,
    owners=OWNERS,
    description=(
        "The CDE directory parsed: columns chosen by header name, `No Data` as NULL, CDS code "
        "as 14-character text, dates parsed. Grain: one row per CDS code in scope."
    ),
)
def stg_cde_school_directory(
    raw: RawFile, warehouse: WarehouseResource, settings: PipelineSettings
) -> dg.MaterializeResult:
    ctx = ParseContext("cde_school_directory", "current", raw.label, raw.sha256, settings.scope)
    frame = school_directory.parse(raw.read_bytes(), ctx)
    table = "staging.stg_cde_school_directory"
    warehouse.replace_table(table, frame)
    return dg.MaterializeResult(
        metadata=table_metadata(warehouse, table, frame),
        data_version=dg.DataVersion(f"{raw.sha256}:{settings.scope}"),
    )


def build_staging_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    """The staging asset of one yearly source."""
    table = f"staging.stg_{spec.name}"

    @dg.asset(
        key=["staging", f"stg_{spec.name}"],
        ins={"raw": dg.AssetIn(key=["raw", spec.name])},
        group_name="staging",
        kinds=KINDS,
        owners=OWNERS,
        partitions_def=school_year_partitions,
        description=(
            f"{spec.title}, parsed into `{table}`: school rows only, each school once, "
            "suppressed cells NULL with a flag. " + (spec.description or "").strip()
        ),
    )
    def _staging(
        context: dg.AssetExecutionContext,
        raw: RawFile | None,
        warehouse: WarehouseResource,
        settings: PipelineSettings,
    ) -> dg.MaterializeResult:
        year = context.partition_key
        where = {"school_year": spring_year(year)}
        if raw is None:
            warehouse.replace_partition(table, pd.DataFrame(), where=where)
            return dg.MaterializeResult(
                metadata={"published": False, **table_metadata(warehouse, table, where=where)},
                data_version=dg.DataVersion("not-published"),
            )
        ctx = ParseContext(spec.name, year, raw.label, raw.sha256, settings.scope)
        frame = spec.parse(raw.read_bytes(), ctx)
        warehouse.replace_partition(table, frame, where=where)
        return dg.MaterializeResult(
            metadata=table_metadata(warehouse, table, frame, where=where),
            data_version=dg.DataVersion(f"{raw.sha256}:{settings.scope}"),
        )

    return _staging


staging_assets = [stg_cde_school_directory, *(build_staging_asset(s) for s in yearly_sources())]
