"""The file probe: what an engineer runs when CDE changes a file.

    python -m pilot_pipeline.probe PATH --source SOURCE [--school-year 2021-22]

Parses and validates one file exactly as the nightly staging step does (same parser, same
Great Expectations suite, statewide scope), without a warehouse or a download, and prints one
JSON object on stdout: source, school_year, layout, rows, columns_missing, columns_extra,
suppressed_cells, ok, error. Exit status 0 iff `ok` (parsed, and every blocking expectation
passed). Without a warehouse, the checks that compare with earlier loads or the directory
(row count, schools in the directory) have nothing to compare with and pass.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from pilot_pipeline.partitions import school_year_partitions
from pilot_pipeline.sources import drop_sources, school_directory, yearly_sources
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceSpec
from pilot_pipeline.validation.filecheck import validate_file
from pilot_pipeline.validation.resource import GreatExpectationsResource
from pilot_pipeline.validation.runner import CRITICAL, ValidationReport

DIRECTORY = "cde_school_directory"
SNAPSHOT_YEAR = "current"  # the directory is one snapshot, not a school year


def sources() -> dict[str, SourceSpec]:
    """Every source the pipeline stages, by its asset name without prefix."""
    found = {spec.name: spec for spec in (*yearly_sources(), *drop_sources())}
    return {DIRECTORY: school_directory.SOURCE, **found}


def _file_name(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).name


def infer_school_year(spec: SourceSpec, path: Path) -> str | None:
    """The year whose published URL has this file's name (CDE names are not a pattern)."""
    years = [year for year, url in spec.urls.items() if _file_name(url) == path.name]
    return years[0] if len(years) == 1 else None


def probe(path: Path, source: str, school_year: str | None = None) -> dict[str, Any]:
    """The probe's verdict on one file, as the JSON object it prints."""
    result: dict[str, Any] = {
        "source": source,
        "school_year": school_year,
        "file": str(path),
        "layout": None,
        "rows": 0,
        "columns_missing": [],
        "columns_extra": [],
        "suppressed_cells": 0,
        "notes": [],
        "ok": False,
        "error": None,
    }
    known = sources()
    if source not in known:
        result["error"] = f"unknown source {source!r}; known: {sorted(known)}"
        return result
    spec = known[source]
    if source == DIRECTORY:
        school_year = SNAPSHOT_YEAR
    elif school_year is None:
        school_year = infer_school_year(spec, path)
        if school_year is None:
            result["error"] = f"{path}: give --school-year (the file name is in no URL of {source})"
            return result
    elif school_year not in school_year_partitions.get_partition_keys():
        result["error"] = f"unknown school year {school_year!r} (expected e.g. 2021-22)"
        return result
    result["school_year"] = school_year
    try:
        data = path.read_bytes()
    except OSError as exc:
        result["error"] = f"{path}: cannot read the file: {exc.strerror or exc}"
        return result
    ctx = ParseContext(
        source, school_year, str(path), hashlib.sha256(data).hexdigest(), scope="statewide"
    )
    levels = spec.parse_levels if spec.has_district_rows else None
    report, _seconds = validate_file(GreatExpectationsResource(), data, ctx, spec.parse, levels)
    return result | _verdict(report)


def _verdict(report: ValidationReport) -> dict[str, Any]:
    frame = report.frame
    layouts = report.layouts
    cause = report.failure_cause
    failed = [o for o in report.outcomes if not o.success and o.severity == CRITICAL]
    flags = [c for c in frame.columns if c.endswith("_suppressed")] if frame is not None else []
    return {
        "layout": cause.closest
        if isinstance(cause, LayoutError)
        else ", ".join(dict.fromkeys(m.layout.name for m in layouts)) or None,
        "rows": 0 if frame is None else len(frame),
        "columns_missing": cause.missing if isinstance(cause, LayoutError) else [],
        "columns_extra": cause.extra
        if isinstance(cause, LayoutError)
        else list(dict.fromkeys(c for m in layouts for c in m.extra)),
        "suppressed_cells": int(frame[flags].sum().sum()) if flags else 0,
        "notes": list(dict.fromkeys(n for m in layouts for n in m.notes)),
        "ok": report.parsed and not failed,
        "error": "; ".join(dict.fromkeys(_message(o) for o in failed)) or None,
    }


def _message(outcome: Any) -> str:
    if outcome.detail:
        return outcome.detail
    return (
        f"{outcome.check}: {outcome.expectation} failed on column {outcome.column!r} "
        f"({outcome.unexpected_count} rows, e.g. {outcome.values[:3]})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pilot_pipeline.probe",
        description="Parse and validate one file as the pipeline would (statewide, no warehouse).",
    )
    parser.add_argument("path", type=Path, help="the file as published (or a zip's member)")
    parser.add_argument("--source", required=True, help=f"one of: {', '.join(sorted(sources()))}")
    parser.add_argument("--school-year", help="e.g. 2021-22 (inferred from a published file name)")
    args = parser.parse_args(argv)
    result = probe(args.path, args.source, args.school_year)
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    raise SystemExit(main())
