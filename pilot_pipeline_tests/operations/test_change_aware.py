"""Change-aware runs: the whole pipeline twice over an unchanged loopback mirror.

The second pass gets a 304 for every file, so it must rebuild no warehouse table, say why in
the event log, and take a small fraction of the first pass's time. A forced run rebuilds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from pilot_pipeline.assets.change import FORCE_TAG
from pilot_pipeline.definitions import defs
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import mirror_sources_by_year, plan_phases

YEAR = "2021-22"  # a year the sample mirror holds these sources for
SOURCES = ("frpm", "acgr", "historical_enrollment", "dashboard_enrollment")


@dataclass
class Pass:
    results: list[dg.ExecuteInProcessResult]
    seconds: float

    def materialized(self, layer: str) -> list[dg.AssetKey]:
        return [
            event.asset_key
            for result in self.results
            for event in result.get_asset_materialization_events()
            if event.asset_key.path[0] == layer
        ]

    def skipped_steps(self) -> set[str]:
        return {
            event.step_key
            for result in self.results
            for event in result.all_events
            if event.event_type == dg.DagsterEventType.STEP_SKIPPED
        }

    def observations(self) -> list[dg.AssetObservation]:
        return [
            event.event_specific_data.asset_observation
            for result in self.results
            for event in result.all_events
            if event.event_type == dg.DagsterEventType.ASSET_OBSERVATION
        ]


def run_all(resources: dict, instance: dg.DagsterInstance, tags: dict | None = None) -> Pass:
    definitions = [*(defs.assets or []), *(defs.asset_checks or [])]
    years = {YEAR: [s for s in mirror_sources_by_year()[YEAR] if s in SOURCES]}
    results = []
    started = time.monotonic()
    for phase in plan_phases(defs, years, final=False):
        result = dg.materialize(
            definitions, selection=phase.selection, partition_key=phase.partition,
            instance=instance, resources=resources, tags=tags,
        )  # fmt: skip
        results.append(result)
    return Pass(results, time.monotonic() - started)


def table_checksums(warehouse: WarehouseResource) -> dict[str, str]:
    """Every staging and warehouse table's content checksum (loaded_at excluded)."""
    tables = [t for t in warehouse.list_tables(["staging", "warehouse"]) if not t.startswith("bi.")]
    return {table: warehouse.checksum(table) for table in tables}


@pytest.fixture(scope="module")
def passes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Pass, Pass, Pass]]:
    tmp: Path = tmp_path_factory.mktemp("change_aware")
    with MirrorServer() as mirror:
        resources = {
            **defs.resources,
            "warehouse": WarehouseResource(url=f"duckdb:///{tmp / 'pilot_test.duckdb'}"),
            "downloader": SourceDownloader(archive_dir=str(tmp / "raw"), mirror=mirror.url),
        }
        instance = dg.DagsterInstance.ephemeral()
        first = run_all(resources, instance)
        checksums_first = table_checksums(resources["warehouse"])
        statuses_before = len(mirror.state.statuses())
        second = run_all(resources, instance)
        checksums_second = table_checksums(resources["warehouse"])
        second_statuses = mirror.state.statuses()[statuses_before:]
        # Skips leave observations behind: they must not read as changes the night after.
        third = run_all(resources, instance)
        forced = run_all(resources, instance, tags={FORCE_TAG: "true"})
    assert second_statuses and set(second_statuses) == {304}, second_statuses
    assert third.materialized("warehouse") == [] and third.materialized("staging") == (
        second.materialized("staging")
    )
    assert checksums_first == checksums_second
    yield first, second, forced


def test_first_pass_builds_the_warehouse(passes: tuple[Pass, Pass, Pass]) -> None:
    first, _, _ = passes
    built = {key.path[1] for key in first.materialized("warehouse")}
    assert {"dim_school", "dim_school_year", "fct_school_pilot_status", "fct_frpm"} <= built


def test_second_pass_rebuilds_no_warehouse_table(passes: tuple[Pass, Pass, Pass]) -> None:
    first, second, _ = passes
    assert second.materialized("warehouse") == []
    # Nothing is staged again either: not the public files, the directory or the roster files.
    assert second.materialized("staging") == []
    assert "staging__stg_cde_school_directory" in second.skipped_steps()
    # The public files' staging tables are skipped by Dagster, not rebuilt and then ignored.
    assert "staging__stg_frpm" in second.skipped_steps()
    assert "warehouse__fct_frpm" in second.skipped_steps()
    # How much faster the unchanged night is: benchmarks/run.py (`no-change / full`), not here.


def test_second_pass_says_why(passes: tuple[Pass, Pass, Pass]) -> None:
    _, second, _ = passes
    reasons = {
        obs.asset_key.to_user_string(): obs.metadata["reason"].value
        for obs in second.observations()
        if "skipped" in obs.metadata
    }
    assert reasons["raw/frpm"].startswith("unchanged (not_modified)")
    assert "up to date" in reasons["warehouse/fct_school_pilot_status"]
    assert "up to date" in reasons["warehouse/dim_school_year"]


def test_force_rebuild_tag_rebuilds(passes: tuple[Pass, Pass, Pass]) -> None:
    first, _, forced = passes
    assert sorted(forced.materialized("warehouse")) == sorted(first.materialized("warehouse"))


def test_table_assets_report_rows_schema_preview_and_suppression(
    passes: tuple[Pass, Pass, Pass],
) -> None:
    first, _, _ = passes
    for result in first.results:
        for event in result.get_asset_materialization_events():
            key = event.asset_key
            if key.path[0] not in ("staging", "warehouse"):
                continue
            metadata = event.materialization.metadata
            for entry in ("dagster/row_count", "dagster/column_schema", "preview"):
                assert entry in metadata, f"{key.to_user_string()} lacks {entry}"
            if key.path[1].startswith("fct_"):
                assert "suppressed_cells" in metadata, key.to_user_string()


def test_every_asset_is_described_grouped_kinded_and_owned() -> None:
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        name = key.to_user_string()
        assert node.group_name in {"raw", "staging", "warehouse", "reports", "meta"}, name
        # The report is a document and meta/bi_access a set of grants, not tables.
        if node.group_name not in ("reports", "meta"):
            assert node.description and "grain" in node.description.lower(), name
        assert node.kinds and node.owners, name
        if key.path[0] == "warehouse":
            assert node.freshness_policy is not None, name
