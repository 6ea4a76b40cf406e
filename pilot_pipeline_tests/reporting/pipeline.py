"""Run the real pipeline over the loopback sample mirror into a throwaway warehouse.

Shared by the report tests and the UI test: `pilot_pipeline_dev.pipeline_run` for the directory,
roster, dimensions and the given school years, then the report with its output folder set to
a temp folder (the default `./reports` would write into the working tree).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from pilot_pipeline.assets.report import pilot_report
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.pipeline_run import mirror_sources_by_year, run_pipeline

REPORT_STEP = "reports__pilot_report"
# The sources under the report's views; the others (tests, attendance, discipline) would only
# add minutes to these tests.
REPORT_SOURCES = {
    "acgr",
    "historical_enrollment",
    "census_day",
    "dashboard_enrollment",
    "frpm",
    "ltel",
    "lausd_early_literacy",
    "lausd_survey",
    "caaspp",
    "chronic_absenteeism",
    "suspension",
}


def report_run_config(output_dir: Path, school_year: str = "2021-22") -> dict:
    config = {"output_dir": str(output_dir), "school_year": school_year}
    return {"ops": {REPORT_STEP: {"config": config}}}


def build_warehouse_and_report(
    *,
    instance: dg.DagsterInstance,
    warehouse_url: str,
    mirror_url: str,
    archive_dir: Path,
    report_dir: Path,
    years: Sequence[str],
) -> dg.ExecuteInProcessResult:
    """Materialize everything the report needs for `years`; returns the report's run."""
    from pilot_pipeline.definitions import defs

    resources = {
        **defs.resources,
        "warehouse": WarehouseResource(url=warehouse_url),
        "downloader": SourceDownloader(archive_dir=str(archive_dir), mirror=mirror_url),
    }
    available = mirror_sources_by_year()
    chosen = {y: [s for s in available[y] if s in REPORT_SOURCES] for y in years}
    run = run_pipeline(resources, chosen, instance=instance, final=False)
    assert run.success, f"pipeline phase failed: {run.failed}"
    return dg.materialize(
        [*(defs.assets or []), *(defs.asset_checks or [])],
        selection=[pilot_report.key],
        instance=instance,
        resources=resources,
        run_config=report_run_config(report_dir),
    )
