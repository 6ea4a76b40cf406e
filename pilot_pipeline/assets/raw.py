"""Raw layer: each public file fetched into the content-addressed archive.

An asset per source. Yearly sources are partitioned by school year and look their URL up in
the source's explicit table; a year the source never published materializes as "not
published" rather than failing, so a backfill across years runs clean.
"""

import dagster as dg

from pilot_pipeline.partitions import school_year_partitions
from pilot_pipeline.resources.downloader import RawFile, SourceDownloader
from pilot_pipeline.sources import school_directory, yearly_sources
from pilot_pipeline.sources.base import SourceSpec

from .metadata import OWNERS

DOWNLOAD_RETRY = dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL)


def raw_metadata(raw: RawFile) -> dict[str, object]:
    return {
        "url": dg.MetadataValue.url(raw.url),
        "fetched_url": dg.MetadataValue.text(raw.fetched_url),
        "sha256": dg.MetadataValue.text(raw.sha256),
        "bytes": dg.MetadataValue.int(raw.bytes),
        "outcome": dg.MetadataValue.text(raw.outcome),
        "etag": dg.MetadataValue.text(raw.etag or ""),
        "last_modified": dg.MetadataValue.text(raw.last_modified or ""),
        "archive_path": dg.MetadataValue.path(raw.path),
    }


def _output(raw: RawFile) -> dg.Output[RawFile]:
    # The file's hash is its data version: downstream assets see "unchanged" when it repeats.
    return dg.Output(raw, metadata=raw_metadata(raw), data_version=dg.DataVersion(raw.sha256))


@dg.asset(
    key=["raw", "cde_school_directory"],
    group_name="raw",
    kinds={"http", "file"},
    owners=OWNERS,
    retry_policy=DOWNLOAD_RETRY,
    description=(
        "CDE public schools directory export (tab-delimited, all statuses), archived by sha256. "
        "Grain: one file per fetch; the URL serves the current snapshot, not one per year."
    ),
)
def raw_cde_school_directory(downloader: SourceDownloader) -> dg.Output[RawFile]:
    return _output(downloader.fetch(school_directory.URL, source="cde_school_directory"))


def build_raw_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    """The raw asset of one yearly source."""

    @dg.asset(
        key=["raw", spec.name],
        group_name="raw",
        kinds={"http", "file"},
        owners=OWNERS,
        partitions_def=school_year_partitions,
        retry_policy=DOWNLOAD_RETRY,
        description=(
            f"{spec.title}: the public file of one school year, archived by sha256. "
            "Grain: one file per school year (a multi-year bundle serves several)."
        ),
    )
    def _raw(context: dg.AssetExecutionContext, downloader: SourceDownloader) -> dg.Output:
        url = spec.url_for(context.partition_key)
        if url is None:
            return dg.Output(
                None,
                metadata={"published": False, "note": f"no {spec.name} file for this year"},
                data_version=dg.DataVersion("not-published"),
            )
        raw = downloader.fetch(url, source=spec.name, school_year=context.partition_key)
        return _output(raw)

    return _raw


raw_assets = [raw_cde_school_directory, *(build_raw_asset(spec) for spec in yearly_sources())]
