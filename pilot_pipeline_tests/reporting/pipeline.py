"""Run the real pipeline over the loopback sample mirror into a throwaway warehouse.

Shared by the report tests and the UI test: the directory, roster and dimensions, then the
given school years (only the sources the mirror has a file for), then the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from pilot_pipeline.assets.report import pilot_report
from pilot_pipeline.demo import mirror_sources_by_year
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource

REPORT_STEP = "reports__pilot_report"


def report_run_config(output_dir: Path, school_year: str = "2021-22") -> dict:
    return {
        "ops": {
            REPORT_STEP: {"config": {"output_dir": str(output_dir), "school_year": school_year}}
        }
    }


def run_pipeline(
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
    definitions = [*(defs.assets or []), *(defs.asset_checks or [])]
    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    unpartitioned = [k for k in keys if not graph.get(k).is_partitioned and k != pilot_report.key]
    facts = [k for k in keys if graph.get(k).is_partitioned and k.path[0] == "warehouse"]
    by_year = mirror_sources_by_year()
    runs: list[tuple[list[dg.AssetKey], str | None]] = [(unpartitioned, None)]
    for year in years:
        sources = by_year.get(year, [])
        layers = [
            dg.AssetKey([lay, n])
            for s in sources
            for lay, n in (("raw", s), ("staging", f"stg_{s}"))
        ]
        runs.append((layers + facts, year))
    for selection, partition in runs:
        result = dg.materialize(
            definitions,
            selection=selection,
            partition_key=partition,
            instance=instance,
            resources=resources,
        )
        assert result.success, f"pipeline run for {partition or 'unpartitioned'} failed"
    return dg.materialize(
        definitions,
        selection=[pilot_report.key],
        instance=instance,
        resources=resources,
        run_config=report_run_config(report_dir),
    )
