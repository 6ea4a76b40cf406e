"""Change detection (assets/change.py, staleness.py) through real Dagster runs on a real
instance: a small raw file -> yearly fact chain built with the package's own change-aware
helpers, and the real pilot report over stand-ins of the facts it reads."""

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dagster as dg
import pytest

from pilot_pipeline.assets.change import (
    FORCE_TAG,
    observe,
    skip_when_up_to_date,
    unchanged_source_reason,
)
from pilot_pipeline.assets.report import pilot_report
from pilot_pipeline.resources.warehouse import WarehouseResource

YEARS = dg.StaticPartitionsDefinition(["2021-22", "2022-23"])
RAW = dg.AssetKey(["raw", "toy_file"])
FACT = dg.AssetKey(["warehouse", "fct_toy"])


def file_version(folder: Path, year: str) -> str:
    return hashlib.sha256((folder / f"{year}.csv").read_bytes()).hexdigest()


def toy_chain(folder: Path, code_version: str = "1") -> list[dg.AssetsDefinition]:
    """A raw asset reading `<folder>/<year>.csv`, skipped when its sha256 is already built
    into everything downstream, and a fact that skips itself when up to date."""

    @dg.asset(key=RAW, partitions_def=YEARS, output_required=False)
    def raw(context: dg.AssetExecutionContext) -> Iterator[dg.Output]:
        version = file_version(folder, context.partition_key)
        reason = unchanged_source_reason(context, version, lambda _key: None)
        if reason is not None:
            observe(context, f"unchanged: {reason}")
            return
        yield dg.Output(None, data_version=dg.DataVersion(version))

    @dg.asset(
        key=FACT,
        partitions_def=YEARS,
        deps=[RAW],
        code_version=code_version,
        output_required=False,
    )
    @skip_when_up_to_date
    def fact() -> dg.MaterializeResult:
        return dg.MaterializeResult()

    return [raw, fact]


def built(result: dg.ExecuteInProcessResult) -> set[dg.AssetKey]:
    return {event.asset_key for event in result.get_asset_materialization_events()}


def skip_reasons(result: dg.ExecuteInProcessResult) -> dict[dg.AssetKey, str]:
    return {
        event.asset_key: str(observation.metadata["reason"].value)
        for event in result.all_events
        if event.event_type == dg.DagsterEventType.ASSET_OBSERVATION
        and "skipped" in (observation := event.event_specific_data.asset_observation).metadata
    }


@pytest.fixture
def files(tmp_path: Path) -> Path:
    for year in YEARS.get_partition_keys():
        (tmp_path / f"{year}.csv").write_text(f"school,value\n1,{year}\n")
    return tmp_path


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as instance:
        yield instance


def run(
    assets: list[dg.AssetsDefinition],
    instance: dg.DagsterInstance,
    year: str = "2021-22",
    **kwargs: object,
) -> dg.ExecuteInProcessResult:
    return dg.materialize(assets, instance=instance, partition_key=year, **kwargs)


def test_a_second_run_with_nothing_changed_skips(files: Path, instance: dg.DagsterInstance) -> None:
    assert built(run(toy_chain(files), instance)) == {RAW, FACT}
    second = run(toy_chain(files), instance)
    assert built(second) == set()
    assert "already built into the 1 assets downstream" in skip_reasons(second)[RAW]
    # Dagster skipped the fact's step: its only input yielded nothing.
    assert any(e.event_type == dg.DagsterEventType.STEP_SKIPPED for e in second.all_events)
    # The skip left an observation, not a materialization: it is no change the night after.
    assert built(run(toy_chain(files), instance)) == set()


def test_the_fact_alone_skips_itself_when_up_to_date(
    files: Path, instance: dg.DagsterInstance
) -> None:
    run(toy_chain(files), instance)
    alone = run(toy_chain(files), instance, selection=[FACT])
    assert built(alone) == set()
    assert skip_reasons(alone)[FACT].startswith("up to date")


def test_a_changed_input_file_rebuilds_its_year_only(
    files: Path, instance: dg.DagsterInstance
) -> None:
    for year in YEARS.get_partition_keys():
        run(toy_chain(files), instance, year)
    (files / "2022-23.csv").write_text("school,value\n1,changed\n")
    assert built(run(toy_chain(files), instance, "2021-22")) == set()
    assert built(run(toy_chain(files), instance, "2022-23")) == {RAW, FACT}
    assert built(run(toy_chain(files), instance, "2022-23")) == set()


def test_a_new_code_version_rebuilds(files: Path, instance: dg.DagsterInstance) -> None:
    run(toy_chain(files, code_version="1"), instance)
    rebuilt = run(toy_chain(files, code_version="2"), instance)
    assert built(rebuilt) == {RAW, FACT}
    alone = run(toy_chain(files, code_version="3"), instance, selection=[FACT])
    assert built(alone) == {FACT}
    assert built(run(toy_chain(files, code_version="3"), instance)) == set()


def test_the_force_tag_rebuilds_what_is_up_to_date(
    files: Path, instance: dg.DagsterInstance
) -> None:
    run(toy_chain(files), instance)
    assert built(run(toy_chain(files), instance, tags={FORCE_TAG: "true"})) == {RAW, FACT}


# The real report, over stand-ins of the dimensions and facts it reads: each stand-in records
# a materialization under the real key (a new data version each time, as the real facts do).
REPORT_INPUTS = sorted(pilot_report.asset_deps[pilot_report.key], key=str)


def stand_in(key: dg.AssetKey) -> dg.AssetsDefinition:
    yearly = key.path[-1].startswith("fct_")

    @dg.asset(key=key, partitions_def=YEARS if yearly else None)
    def _stand_in() -> None:
        return None

    return _stand_in


@pytest.fixture
def report_materialize(tmp_path: Path, instance: dg.DagsterInstance) -> Callable[..., Any]:
    """`materialize(selection, partition_key=None)` over the report and its stand-ins."""
    assets = [*(stand_in(key) for key in REPORT_INPUTS), pilot_report]
    warehouse = WarehouseResource(url=f"duckdb:///{tmp_path / 'report.duckdb'}")
    config = {"ops": {"reports__pilot_report": {"config": {"output_dir": str(tmp_path)}}}}

    def materialize(selection: list[dg.AssetKey], **kwargs: Any) -> dg.ExecuteInProcessResult:
        return dg.materialize(
            assets,
            instance=instance,
            selection=selection,
            resources={"warehouse": warehouse},
            run_config=config if pilot_report.key in selection else None,
            **kwargs,
        )

    return materialize


def test_a_rebuilt_fact_partition_redraws_the_report(
    report_materialize: Callable[..., dg.ExecuteInProcessResult],
) -> None:
    facts = [key for key in REPORT_INPUTS if key.path[-1].startswith("fct_")]
    assert facts, REPORT_INPUTS
    for year in YEARS.get_partition_keys():
        report_materialize(facts, partition_key=year)
    report_materialize([key for key in REPORT_INPUTS if key not in facts])
    assert built(report_materialize([pilot_report.key])) == {pilot_report.key}
    again = report_materialize([pilot_report.key])
    assert built(again) == set()
    assert skip_reasons(again)[pilot_report.key].startswith("up to date")
    report_materialize(facts[:1], partition_key="2022-23")
    assert built(report_materialize([pilot_report.key])) == {pilot_report.key}
    assert built(report_materialize([pilot_report.key])) == set()
