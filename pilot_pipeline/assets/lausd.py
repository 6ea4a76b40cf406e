"""LAUSD file drops: raw and staging assets for early literacy, SES and Norm Day.

`raw/<source>` takes, for one school year, the drop the sensor archived (run config), else a
URL configured for that source and year (fetched by `SourceDownloader` like a CDE file), else
the one matching drop in the inbox; none of them is "not published". Like the CDE raw assets it
is change-aware (change.py): an unchanged drop already built downstream yields nothing, so the
run skips its staging and fact steps. `staging/stg_<source>` parses it and validates it with
its Great Expectations suite (`sources/<source>/suite.py`), exactly as the CDE staging
assets do: blocking ERROR checks (`file_parses`, `key_unique`, `counts_within_totals`, ...),
failing rows quarantined in `quarantine.rejected_rows`, and a file-level failure stages nothing
(the partition keeps its previous rows), fails the step and so stops the fact downstream.
"""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pandas as pd
from pydantic import Field

from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.downloader import RawFile, SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import drop_sources, source_named
from pilot_pipeline.sources.base import ParseContext, SourceError, SourceSpec
from pilot_pipeline.sources.lausd_inbox import archive_drop, configured_urls, inbox_drop
from pilot_pipeline.validation.checks import check_specs, groups_of
from pilot_pipeline.validation.resource import GreatExpectationsResource

from .change import WAREHOUSE_POOL
from .gate import DOWNLOAD_RETRY, NOT_PUBLISHED, gated, raw_metadata
from .metadata import OWNERS, table_metadata
from .staging import GX, validated_load


class LausdDropConfig(dg.Config):
    """Set by the inbox sensor: the archived drop this run must load, and where it came from."""

    archived_path: str = Field(default="", description="Raw-archive path of the drop.")
    sha256: str = Field(default="", description="sha256 the sensor saw; the file must match.")
    inbox_url: str = Field(default="", description="Where the drop was found.")
    url: str = Field(default="", description="Fetch this URL instead (overrides the inbox).")


def asset_keys(source: str) -> list[dg.AssetKey]:
    """The assets a new drop of `source` refreshes: raw, staging and its fact."""
    return [
        dg.AssetKey(["raw", source]),
        dg.AssetKey(["staging", f"stg_{source}"]),
        *(dg.AssetKey(["warehouse", load.fact.table]) for load in source_named(source).facts),
    ]


def _fetch(
    spec: SourceSpec, year: str, config: LausdDropConfig, downloader: SourceDownloader
) -> RawFile | None:
    """The drop this run loads: the sensor's archived file, a configured URL, or the inbox."""
    url = config.url or configured_urls().get(f"{spec.name}/{year}", "")
    if config.archived_path:
        data = Path(config.archived_path).read_bytes()
        if hashlib.sha256(data).hexdigest() != config.sha256:
            raise SourceError(f"{config.archived_path}: archived drop does not match its sha256")
        origin = config.inbox_url or config.archived_path
        return archive_drop(
            data, downloader=downloader, url=origin, source=spec.name, school_year=year
        )
    if url:
        return downloader.fetch(url, source=spec.name, school_year=year)
    drop = inbox_drop(spec.name, year)
    if drop is None:
        return None
    return archive_drop(drop[1], downloader=downloader, url=drop[0], source=spec.name,
                        school_year=year)  # fmt: skip


def build_lausd_raw_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", spec.name],
        group_name="raw",
        kinds={"file"},
        owners=OWNERS,
        partitions_def=school_year_partitions,
        retry_policy=DOWNLOAD_RETRY,
        output_required=False,
        description=f"{spec.title}: the drop of one school year (inbox or configured URL), "
        "archived by sha256. Grain: one file per school year.",
    )
    def _raw(
        context: dg.AssetExecutionContext,
        config: LausdDropConfig,
        downloader: SourceDownloader,
        warehouse: WarehouseResource,  # change detection asks what this warehouse holds
    ) -> Iterator[dg.Output]:
        year = context.partition_key
        raw = _fetch(spec, year, config, downloader)
        if raw is None:
            output = dg.Output(
                None,
                metadata={"published": False, "note": f"no {spec.name} drop for {year}"},
                data_version=dg.DataVersion(NOT_PUBLISHED),
            )
            yield from gated(context, downloader, NOT_PUBLISHED, output)
            return
        output = dg.Output(raw, metadata=raw_metadata(raw), data_version=dg.DataVersion(raw.sha256))
        # Same gate as the CDE files: an unchanged drop already built downstream yields nothing.
        yield from gated(context, downloader, raw.sha256, output)

    return _raw


def build_lausd_staging_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    table = f"staging.stg_{spec.name}"
    key = dg.AssetKey(["staging", f"stg_{spec.name}"])

    @dg.asset(
        key=key,
        ins={"raw": dg.AssetIn(key=["raw", spec.name])},
        group_name="staging",
        kinds={"pandas", warehouse_kind()},
        owners=OWNERS,
        pool=WAREHOUSE_POOL,
        partitions_def=school_year_partitions,
        resource_defs=GX,
        check_specs=check_specs(spec.name, key),
        description=f"{spec.title}, parsed into `{table}`: location codes resolved to CDS, "
        "program rows rolled up to their school; validated by its Great Expectations suite "
        f"(`sources/{spec.name}/suite.py`). " + (spec.description or "").strip(),
    )
    def _staging(
        context: dg.AssetExecutionContext,
        raw: RawFile | None,
        warehouse: WarehouseResource,
        great_expectations: GreatExpectationsResource,
    ) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
        year = context.partition_key
        where: dict[str, object] = {"school_year": spring_year(year)}
        if raw is None:
            warehouse.replace_partition(table, pd.DataFrame(), where=where)
            yield dg.MaterializeResult(
                metadata={"published": False, **table_metadata(warehouse, table, where=where)},
                data_version=dg.DataVersion(NOT_PUBLISHED),
            )
            for group in groups_of(spec.name):
                yield dg.AssetCheckResult(
                    check_name=group.name, passed=True, description=f"no drop for {year}"
                )
            return
        # The CDE files' path: parse, GX suite, quarantine failing rows, load the rest; a
        # file-level failure stages nothing and fails the step after recording the checks.
        yield from validated_load(
            context,
            raw=raw,
            ctx=ParseContext(spec.name, year, raw.label, raw.sha256),
            table=table,
            where=where,
            parse=spec.parse,
            levels_parse=None,
            warehouse=warehouse,
            gx=great_expectations,
            data_version=raw.sha256,
        )

    return _staging


lausd_assets = [
    asset
    for spec in drop_sources()
    for asset in (build_lausd_raw_asset(spec), build_lausd_staging_asset(spec))
]
