"""Real pipeline runs for the validation tests: loopback mirror, real warehouse, real Dagster.

`Pipeline` materializes the directory and dimensions once, then raw + staging + fact of ACGR
for one school year; a defect test serves a modified copy of the ACGR file through the mirror
(`MirrorState.serve_bytes`) and runs the same selection again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import acgr
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.server import MirrorServer, mirror_path_for

YEAR = "2021-22"
URL = acgr.URLS[YEAR]
MIRROR_PATH = mirror_path_for("/" + URL.split("://", 1)[1])
ORIGINAL = (MIRROR_FILES_DIR / MIRROR_PATH).read_bytes()
STAGING = dg.AssetKey(["staging", "stg_acgr"])
FACT = dg.AssetKey(["warehouse", "fct_graduation"])
FACT_TABLE = "warehouse.fct_graduation"
SETUP = [
    dg.AssetKey(["raw", "cde_school_directory"]),
    dg.AssetKey(["staging", "stg_cde_school_directory"]),
    dg.AssetKey(["warehouse", "dim_school"]),
    dg.AssetKey(["warehouse", "dim_school_year"]),
    dg.AssetKey(["warehouse", "dim_student_group"]),
]
YEAR_RUN = [dg.AssetKey(["raw", "acgr"]), STAGING, FACT]


@dataclass
class Pipeline:
    mirror: MirrorServer
    warehouse: WarehouseResource
    archive: Path
    instance: dg.DagsterInstance
    good_run: dg.ExecuteInProcessResult | None = None

    def resources(self) -> dict[str, object]:
        return {
            "warehouse": self.warehouse,
            "downloader": SourceDownloader(archive_dir=str(self.archive), mirror=self.mirror.url),
            "settings": PipelineSettings(),
        }

    def run(self, selection: list[dg.AssetKey], partition: str | None) -> dg.ExecuteInProcessResult:
        from pilot_pipeline.definitions import defs

        return dg.materialize(
            [*(defs.assets or []), *(defs.asset_checks or [])],
            selection=selection,
            partition_key=partition,
            instance=self.instance,
            resources=self.resources(),
            raise_on_error=False,
        )

    def build(self) -> dg.ExecuteInProcessResult:
        """The good runs; returns the year's."""
        for selection, partition in ((SETUP, None), (YEAR_RUN, YEAR)):
            result = self.run(selection, partition)
            assert result.success, f"the good run of {partition or 'setup'} failed"
        return result

    def run_with_file(self, data: bytes) -> dg.ExecuteInProcessResult:
        """The year's run with `data` served as the ACGR file; the original is restored after."""
        self.mirror.state.serve_bytes(MIRROR_PATH, data)
        try:
            return self.run(YEAR_RUN, YEAR)
        finally:
            with self.mirror.state.lock:
                self.mirror.state.overrides.pop(MIRROR_PATH, None)


def edit_lines(data: bytes, edit: Callable[[list[list[str]]], list[list[str]]]) -> bytes:
    """Apply `edit` to the tab-separated rows (header first) of a CRLF, latin-1 CDE file."""
    text = data.decode("latin-1")
    rows = [line.split("\t") for line in text.rstrip("\r\n").split("\r\n")]
    return ("\r\n".join("\t".join(r) for r in edit(rows)) + "\r\n").encode("latin-1")


def lausd_school_row(rows: list[list[str]], group: str = "TA", nth: int = 0) -> int:
    """Index of the nth LAUSD school All/All row of a reporting category (staged rows)."""
    h = rows[0]
    col = {name: h.index(name) for name in h}
    hits = [
        i
        for i, r in enumerate(rows[1:], start=1)
        if r[col["AggregateLevel"]] == "S"
        and r[col["DistrictCode"]] == "64733"
        and r[col["CharterSchool"]] == "All"
        and r[col["DASS"]] == "All"
        and r[col["ReportingCategory"]] == group
        and r[col["CohortStudents"]] not in ("*", "0")
    ]
    return hits[nth]


def set_cell(column: str, value: str, nth: int = 0) -> Callable[[list[list[str]]], list[list[str]]]:
    def edit(rows: list[list[str]]) -> list[list[str]]:
        i = lausd_school_row(rows, nth=nth)
        rows[i][rows[0].index(column)] = value
        return rows

    return edit


def check(result: dg.ExecuteInProcessResult, name: str) -> dg.AssetCheckEvaluation:
    (evaluation,) = [
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key == STAGING and e.check_name == name
    ]
    return evaluation


def materialized(result: dg.ExecuteInProcessResult) -> set[dg.AssetKey]:
    return {e.asset_key for e in result.get_asset_materialization_events()}
