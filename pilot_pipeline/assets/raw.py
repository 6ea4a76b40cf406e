"""Raw layer: each public file fetched into the content-addressed archive.

An asset per source. Yearly sources are partitioned by school year and look their URL up in
the source's explicit table; a year the source never published materializes as "not
published" rather than failing, so a backfill across years runs clean.

Change-aware (see change.py): a file that comes back unchanged (304, or the same sha256) yields
no output when everything downstream of it in the run is already built from it, so Dagster
skips those steps; the asset's event log records the observation that says so.
"""

from collections.abc import Iterator

import dagster as dg

from pilot_pipeline.partitions import school_year_partitions
from pilot_pipeline.resources.downloader import RawFile, SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import school_directory, yearly_sources
from pilot_pipeline.sources.base import SourceSpec

from .gate import DOWNLOAD_RETRY, NOT_PUBLISHED, gated, raw_metadata
from .metadata import OWNERS


def _output(raw: RawFile) -> dg.Output[RawFile]:
    # The file's hash is its data version: downstream assets see "unchanged" when it repeats.
    return dg.Output(raw, metadata=raw_metadata(raw), data_version=dg.DataVersion(raw.sha256))


@dg.asset(
    key=["raw", "cde_school_directory"],
    group_name="raw",
    kinds={"http", "file"},
    owners=OWNERS,
    retry_policy=DOWNLOAD_RETRY,
    output_required=False,
    description=(
        "CDE public schools directory export (tab-delimited, all statuses), archived by sha256. "
        "Grain: one file per fetch; the URL serves the current snapshot, not one per year."
    ),
)
def raw_cde_school_directory(
    context: dg.AssetExecutionContext,
    downloader: SourceDownloader,
    settings: PipelineSettings,
    warehouse: WarehouseResource,  # change detection asks what this warehouse holds
) -> Iterator[dg.Output[RawFile]]:
    raw = downloader.fetch(school_directory.URL, source="cde_school_directory")
    # The roster files enter the same run: `settings` says whether they changed too.
    yield from gated(context, downloader, raw.sha256, _output(raw), settings)


def build_raw_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    """The raw asset of one yearly source."""

    @dg.asset(
        key=["raw", spec.name],
        group_name="raw",
        kinds={"http", "file"},
        owners=OWNERS,
        partitions_def=school_year_partitions,
        retry_policy=DOWNLOAD_RETRY,
        output_required=False,
        description=(
            f"{spec.title}: the public file of one school year, archived by sha256. "
            "Grain: one file per school year (a multi-year bundle serves several)."
        ),
    )
    def _raw(
        context: dg.AssetExecutionContext,
        downloader: SourceDownloader,
        warehouse: WarehouseResource,  # change detection asks what this warehouse holds
    ) -> Iterator[dg.Output]:
        url = spec.url_for(context.partition_key)
        if url is None:
            output = dg.Output(
                None,
                metadata={"published": False, "note": f"no {spec.name} file for this year"},
                data_version=dg.DataVersion(NOT_PUBLISHED),
            )
            yield from gated(context, downloader, NOT_PUBLISHED, output)
            return
        raw = downloader.fetch(url, source=spec.name, school_year=context.partition_key)
        yield from gated(context, downloader, raw.sha256, _output(raw))

    return _raw


SPECS = {spec.name: spec for spec in yearly_sources()}
raw_assets = [raw_cde_school_directory, *(build_raw_asset(spec) for spec in SPECS.values())]
