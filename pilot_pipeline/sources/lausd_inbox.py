"""The LAUSD inbox: where drops are, which drop is which source and year, archiving a drop.

LAUSD's open-data portal publishes dashboards, not file endpoints, so a district data team
receives early literacy, SES and Norm Day as exports and drops them in an inbox
(`PILOT_LAUSD_INBOX`: a local folder, or any prefix fsspec can list, such as `s3://bucket/lausd/`
with s3fs installed) or serves them at a configured URL (`PILOT_LAUSD_URLS`).
`docs/lausd_input_contracts.md` is the contract.

A drop is named `<prefix>_<YYYY-YY>.csv` (`early_literacy_2021-22.csv`, `ses_2021-2022.csv`,
`norm_day_2020-21_final.csv`); a name without a year takes the one school year of the file's
`School Year` column. Hidden files and partial uploads (`.part`, `.tmp`) are skipped. Archived
drops join the CDE files in the raw archive (same content-addressed layout, same manifest), so
a run reads exactly the bytes the sensor saw even if the inbox file is replaced meanwhile.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

from pilot_pipeline.partitions import SCHOOL_YEARS
from pilot_pipeline.resources.downloader import RawFile, SourceDownloader

from . import drop_sources
from .base import SourceError, decode_bytes
from .lausd_parsing import year_label

INBOX_ENV = "PILOT_LAUSD_INBOX"
# Like the raw archive's `data/raw`: a folder of the working directory unless configured. The
# synthetic sample drops are the dev kit's (`pilot_pipeline_dev.SAMPLE_INBOX`), never a default.
DEFAULT_INBOX = "data/lausd_inbox"
URLS_ENV = "PILOT_LAUSD_URLS"  # JSON {"lausd_norm_day/2022-23": "https://opendata.lausd.org/…"}


def inbox_location() -> str:
    """The inbox folder or fsspec URL (`s3://bucket/lausd/`), from the environment."""
    return os.environ.get(INBOX_ENV) or DEFAULT_INBOX


def configured_urls() -> dict[str, str]:
    """`source/school-year` -> URL, from PILOT_LAUSD_URLS (exports served over HTTP)."""
    text = os.environ.get(URLS_ENV, "")
    return json.loads(text) if text else {}


_YEAR = re.compile(r"(20\d\d)-(\d\d)(\d\d)?(?!\d)")
_SKIPPED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


class InboxError(ValueError):
    """A drop the pipeline cannot place (unknown name or year); the message names the file."""


@dataclass(frozen=True)
class InboxFile:
    """One drop: where it is, what it is, and the sha256 of its bytes."""

    url: str  # fsspec URL or local path, as listed
    source: str
    school_year: str
    sha256: str
    size: int


def _year_from_content(name: str, data: bytes) -> str:
    text = decode_bytes(data, name)
    rows = csv.DictReader(io.StringIO(text))
    years = {year_label(r.get("School Year") or "") for r in rows}
    if len(years) != 1 or "" in years:
        raise InboxError(
            f"{name}: no school year in the name and {sorted(years)} in column 'School Year'; "
            "name the file <prefix>_<YYYY-YY>.csv"
        )
    return years.pop()


def drop_prefixes() -> dict[str, str]:
    """Drop file-name prefix -> source name, from each drop source's `file_prefix`."""
    return {spec.file_prefix: spec.name for spec in drop_sources()}


def identify(name: str, data: bytes) -> tuple[str, str]:
    """(source, school-year label) of a drop, from its name (or its School Year column)."""
    base = os.path.basename(name).lower()
    prefixes = drop_prefixes()
    # Longest first, so that a prefix that starts another one never takes its drops.
    prefix = next((p for p in sorted(prefixes, key=len, reverse=True) if base.startswith(p)), None)
    if prefix is None:
        raise InboxError(f"{name}: not a LAUSD drop; names start with {sorted(prefixes)}")
    match = _YEAR.search(base[len(prefix) :])
    if match:
        start, end, long_end = match.groups()  # 2021-22 or 2021-2022
        year = f"{start}-{long_end or end}"
    else:
        year = _year_from_content(name, data)
    if year not in SCHOOL_YEARS:
        raise InboxError(f"{name}: school year {year!r} is not one of {SCHOOL_YEARS}")
    return prefixes[prefix], year


def list_drops(location: str) -> list[str]:
    """Every candidate drop under `location` (recursively), sorted; skips partial uploads."""
    fs, root = fsspec.core.url_to_fs(location)
    if not fs.exists(root):
        return []
    paths = [p for p in fs.find(root) if not fs.isdir(p)]
    keep = [
        p for p in paths
        if not os.path.basename(p).startswith(".") and not p.endswith(_SKIPPED_SUFFIXES)
    ]  # fmt: skip
    if isinstance(fs, LocalFileSystem):
        return sorted(keep)
    return sorted(fs.unstrip_protocol(p) for p in keep)


def read_drop(url: str) -> bytes:
    with fsspec.open(url, "rb") as handle:
        return handle.read()


def scan(location: str) -> tuple[list[InboxFile], list[str]]:
    """The identified drops and, separately, a message per file that is not a LAUSD drop."""
    found: list[InboxFile] = []
    problems: list[str] = []
    for url in list_drops(location):
        data = read_drop(url)
        try:
            source, year = identify(url, data)
        except (InboxError, ValueError) as exc:
            problems.append(str(exc))
            continue
        sha = hashlib.sha256(data).hexdigest()
        found.append(InboxFile(url, source, year, sha, len(data)))
    return found, problems


def archive_drop(
    data: bytes, *, downloader: SourceDownloader, url: str, source: str, school_year: str
) -> RawFile:
    """Put a drop's bytes in the raw archive (content-addressed) and log it in the manifest."""
    sha = hashlib.sha256(data).hexdigest()
    target = Path(downloader.archive_dir) / sha[:2] / sha
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{sha}.{os.getpid()}.part")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # never a half-written file under the final name
    return downloader.record_archived(
        downloader.manifest.latest(url), source=source, school_year=school_year, url=url,
        fetched_url=url, http_status=0, sha256=sha, size=len(data),  # 0: an inbox drop, not HTTP
    )  # fmt: skip


def inbox_sources_by_year(location: str) -> dict[str, list[str]]:
    """School year -> the LAUSD sources with a drop for it in the inbox (for whole-pipeline
    runs such as `make demo`, which have no sensor)."""
    by_year: dict[str, list[str]] = {}
    for drop in scan(location)[0]:
        by_year.setdefault(drop.school_year, [])
        if drop.source not in by_year[drop.school_year]:
            by_year[drop.school_year].append(drop.source)
    return by_year


def inbox_drop(source: str, year: str) -> tuple[str, bytes] | None:
    """(url, bytes) of the one drop of `source` for `year` in the inbox, or None."""
    drops = [f for f in scan(inbox_location())[0] if (f.source, f.school_year) == (source, year)]
    if len(drops) > 1:
        raise SourceError(
            f"{source} {year}: {len(drops)} drops in the inbox "
            f"({', '.join(d.url for d in drops)}); remove all but one"
        )
    return (drops[0].url, read_drop(drops[0].url)) if drops else None
