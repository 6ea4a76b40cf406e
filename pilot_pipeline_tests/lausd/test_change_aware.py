"""Change-aware LAUSD runs: a LAUSD school year and the report, twice over unchanged files.

The second pass finds every drop and public file unchanged, so it must materialize no
staging, warehouse or report asset, leave the observation saying why on the LAUSD raw asset,
and take clearly less time than the first.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from pilot_pipeline.definitions import defs
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import plan_phases

YEAR = "2021-22"
# The LAUSD drops of the sample inbox, plus a public file feeding fct_enrollment beside
# Norm Day (so the skip must also agree with the other source of a shared fact).
SOURCES = ["lausd_early_literacy", "lausd_survey", "lausd_norm_day", "census_day"]
BUILT_LAYERS = ("staging", "warehouse", "reports")


@dataclass
class Pass:
    results: list[dg.ExecuteInProcessResult]
    seconds: float

    def materialized(self, first_phase: int = 0) -> set[str]:
        return {
            event.asset_key.to_user_string()
            for result in self.results[first_phase:]
            for event in result.get_asset_materialization_events()
            if event.asset_key.path[0] in BUILT_LAYERS
        }

    def reasons(self) -> dict[str, str]:
        return {
            event.asset_key.to_user_string(): str(obs.metadata["reason"].value)
            for result in self.results
            for event in result.all_events
            if event.event_type == dg.DagsterEventType.ASSET_OBSERVATION
            and "skipped" in (obs := event.event_specific_data.asset_observation).metadata
        }


def run_twice(tmp: Path) -> Iterator[Pass]:
    with MirrorServer() as mirror:
        resources = {
            **defs.resources,
            "warehouse": WarehouseResource(url=f"duckdb:///{tmp / 'pilot_test.duckdb'}"),
            "downloader": SourceDownloader(archive_dir=str(tmp / "raw"), mirror=mirror.url),
        }
        definitions = [*(defs.assets or []), *(defs.asset_checks or [])]
        config = {"ops": {"reports__pilot_report": {"config": {"output_dir": str(tmp)}}}}
        instance = dg.DagsterInstance.ephemeral()
        for _ in range(2):
            results, started = [], time.monotonic()
            for phase in plan_phases(defs, {YEAR: SOURCES}):
                results.append(
                    dg.materialize(
                        definitions,
                        selection=phase.selection,
                        partition_key=phase.partition,
                        instance=instance,
                        resources=resources,
                        run_config=config if phase.label == "reports" else None,
                    )  # fmt: skip
                )
            yield Pass(results, time.monotonic() - started)


@pytest.fixture(scope="module")
def passes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pass, Pass]:
    first, second = run_twice(tmp_path_factory.mktemp("lausd_change_aware"))
    return first, second


def test_first_pass_builds_the_lausd_chain_and_the_report(passes: tuple[Pass, Pass]) -> None:
    first, _ = passes
    assert {
        "staging/stg_lausd_early_literacy", "staging/stg_lausd_survey",
        "staging/stg_lausd_norm_day", "warehouse/fct_early_literacy",
        "warehouse/fct_survey_response", "warehouse/fct_enrollment", "reports/pilot_report",
    } <= first.materialized()  # fmt: skip


def test_second_pass_materializes_nothing_downstream_and_says_why(
    passes: tuple[Pass, Pass],
) -> None:
    first, second = passes
    # Phases after the first: the LAUSD school year and the report.
    assert second.materialized(first_phase=1) == set()
    reasons = second.reasons()
    for source in ("lausd_early_literacy", "lausd_survey", "lausd_norm_day"):
        assert reasons[f"raw/{source}"].startswith("unchanged ("), reasons
    assert reasons["reports/pilot_report"].startswith("up to date"), reasons
    ratio = second.seconds / first.seconds
    print(f"\nfirst pass {first.seconds:.1f} s, second {second.seconds:.1f} s, ratio {ratio:.2f}")
    assert ratio < 0.6
