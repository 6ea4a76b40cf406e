"""The change gate of the entry assets (raw files, LAUSD drops, reviewed roster files).

An entry asset knows its new version (a file's sha256, or "not-published"); `gated` yields its
output only when some asset downstream in the run is not yet built from that version. To decide,
change.py asks for the version every other entry asset would have now: `current_version`, one
place for all kinds of entry asset, so no asset module needs another's.
"""

import hashlib
from collections.abc import Iterator

import dagster as dg

from pilot_pipeline.resources.downloader import RawFile, SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.sources import drop_sources, school_directory, yearly_sources
from pilot_pipeline.sources.lausd_inbox import configured_urls, inbox_drop

from .change import observe, unchanged_source_reason
from .reviewed import ROSTER_FILES, reviewed_file_version

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


NOT_PUBLISHED = "not-published"
YEARLY_SPECS = {spec.name: spec for spec in yearly_sources()}
LAUSD_SPECS = {spec.name: spec for spec in drop_sources()}


def current_lausd_version(downloader: SourceDownloader, name: str, year: str | None) -> str | None:
    """The data version `raw/<LAUSD source>` would have now: the configured URL's or the inbox
    drop's sha256, else not-published; None (unknown) without a school year."""
    if year is None:
        return None
    url = configured_urls().get(f"{name}/{year}", "")
    if url:
        return downloader.fetch(url, source=name, school_year=year).sha256
    drop = inbox_drop(name, year)
    return hashlib.sha256(drop[1]).hexdigest() if drop else NOT_PUBLISHED


def current_version(
    downloader: SourceDownloader,
    key: dg.AssetKey,
    year: str | None,
    settings: PipelineSettings | None = None,
) -> str | None:
    """The data version an entry asset would have now: a raw file's sha256 (a conditional
    GET) or "not-published", a reviewed roster file's sha256 (with `settings`); None when
    unknown, which counts as changed."""
    name = key.path[-1]
    if name in ROSTER_FILES:
        return reviewed_file_version(settings, name) if settings else None
    if name == "cde_school_directory":
        return downloader.fetch(school_directory.URL, source=name).sha256
    if name in LAUSD_SPECS:
        return current_lausd_version(downloader, name, year)
    if name not in YEARLY_SPECS:
        return None  # unknown: treated as changed, so nothing is skipped on a guess
    url = YEARLY_SPECS[name].url_for(year) if year else None
    return downloader.fetch(url, source=name, school_year=year).sha256 if url else NOT_PUBLISHED


def gated(
    context: dg.AssetExecutionContext,
    downloader: SourceDownloader,
    version: str,
    output: dg.Output,
    settings: PipelineSettings | None = None,
) -> Iterator[dg.Output]:
    """Yield `output`, unless this version is already built into everything downstream."""
    year = context.partition_key if context.has_partition_key else None
    reason = unchanged_source_reason(
        context, version, lambda key: current_version(downloader, key, year, settings)
    )
    if reason is None:
        yield output
        return
    outcome = output.metadata.get("outcome")
    observe(
        context,
        f"unchanged ({outcome.value if outcome else version}): {reason}",
        **{k: v for k, v in output.metadata.items() if k in ("url", "sha256", "outcome", "etag")},
    )
