"""Helpers shared by the reliability suite; fixtures come from pilot_pipeline_tests/fixtures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pandas as pd

from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.sources.base import ParseContext
from pilot_pipeline_dev import MIRROR_FILES_DIR

ACGR_PATH = "www3.cde.ca.gov/demo-downloads/acgr/acgr21.txt"
ACGR_URL = "https://" + ACGR_PATH
ACGR_BYTES = (MIRROR_FILES_DIR / ACGR_PATH).read_bytes()
ACGR_YEAR = "2020-21"
PILOT = "warehouse.fct_school_pilot_status"


def acgr_ctx(label: str = ACGR_URL, year: str = ACGR_YEAR) -> ParseContext:
    return ParseContext("acgr", year, label, "ab" * 32)


@dataclass(frozen=True)
class ArchiveState:
    """What a reader of the raw archive can see: promoted files, manifest rows, temp files."""

    files: frozenset[str]
    manifest_rows: int
    part_files: tuple[str, ...]


def archive_state(downloader: SourceDownloader) -> ArchiveState:
    root = Path(downloader.archive_dir)
    files = frozenset(
        str(p.relative_to(root)) for p in root.glob("*/*") if p.parent.name != "tmp" and p.is_file()
    )
    parts = tuple(sorted(str(p) for p in (root / "tmp").glob("*")))
    rows = len(downloader.manifest.rows()) if (root / "manifest.sqlite").exists() else 0
    return ArchiveState(files, rows, parts)


def pilot_frame(year: int, n: int = 5, district: str = "East") -> pd.DataFrame:
    """Rows for warehouse.fct_school_pilot_status (a small table with a primary key)."""
    return pd.DataFrame(
        {
            "school_year": year,
            "school_year_label": f"{year - 1}-{year % 100:02d}",
            "cds_code": [f"196473300{i:05d}" for i in range(n)],
            "school_key": range(1, n + 1),
            "is_pilot": [i % 2 == 0 for i in range(n)],
            "local_district": district,
            "source_file_sha256": "ab" * 32,
        }
    )


def materialize_acgr(
    resources: dict[str, object], instance: dg.DagsterInstance | None = None
) -> dg.ExecuteInProcessResult:
    """A real run of raw/acgr + staging/stg_acgr for 2020-21, as the pipeline runs it;
    `resources` override the code location's (warehouse, downloader, ...)."""
    from pilot_pipeline.definitions import defs

    return dg.materialize(
        [*(defs.assets or []), *(defs.asset_checks or [])],
        selection=[dg.AssetKey(["raw", "acgr"]), dg.AssetKey(["staging", "stg_acgr"])],
        partition_key=ACGR_YEAR,
        instance=instance or dg.DagsterInstance.ephemeral(),
        resources={**defs.resources, "settings": PipelineSettings(), **resources},
        raise_on_error=False,
    )


def run_errors(result: dg.ExecuteInProcessResult) -> str:
    """Every step-failure message of a run, with its causes, as one text."""
    texts = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data.error is not None:
            error = event.step_failure_data.error
            while error is not None:
                texts.append(error.message)
                error = error.cause
    return "\n".join(texts)
