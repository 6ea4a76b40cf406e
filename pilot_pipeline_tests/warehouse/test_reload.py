"""Atomic, idempotent fact loads through real Dagster materializations.

A fault injected between two load batches (the resource's process-wide `batch_hook`, small
`batch_size`) fails the run and leaves every warehouse table as it was; the next run succeeds;
running the partition again changes no table's checksum (loaded_at aside).
"""

from __future__ import annotations

import dagster as dg

from pilot_pipeline.assets.change import FORCE_TAG
from pilot_pipeline.resources.warehouse_load import batch_hook
from pilot_pipeline_tests.warehouse.conftest import Built

PARTITION = "2021-22"
GRADUATION = dg.AssetKey(["warehouse", "fct_graduation"])


def checksums(built: Built) -> dict[str, str]:
    wh = built.warehouse
    return {t: wh.checksum(t) for t in wh.list_tables(["warehouse"])}


def materialize(
    built: Built, keys: list[dg.AssetKey], **options: object
) -> dg.ExecuteInProcessResult:
    from pilot_pipeline.definitions import defs

    return dg.materialize(
        [*(defs.assets or []), *(defs.asset_checks or [])],
        selection=keys,
        partition_key=PARTITION,
        resources=built.resources(**options),
        # A fresh instance sees nothing built yet; the tag keeps it so if that ever changes.
        tags={FORCE_TAG: "true"},
        raise_on_error=False,
    )


def test_fault_between_batches_keeps_previous_rows_and_rerun_is_identical(built: Built) -> None:
    wh = built.warehouse
    before = checksums(built)
    partition_rows = wh.row_count("warehouse.fct_graduation", {"school_year": 2022})
    assert partition_rows > 400, "the partition must span several batches of 200"
    batches: list[int] = []

    def explode(table: str, batch: int, rows: int) -> None:
        batches.append(batch)
        if batch == 2:
            raise RuntimeError(f"injected fault after {rows} rows of {table}")

    with batch_hook(explode):
        failed = materialize(built, [GRADUATION], batch_size=200)
    assert not failed.success
    errors = [e for e in failed.all_events if e.event_type_value == "STEP_FAILURE"]
    assert errors and "injected fault after 400 rows" in str(errors[0].event_specific_data)
    assert batches == [1, 2]
    assert checksums(built) == before, "a failed load must leave every table as it was"
    assert wh.row_count("warehouse.fct_graduation", {"school_year": 2022}) == partition_rows

    again = materialize(built, [GRADUATION], batch_size=200)
    assert again.success
    assert checksums(built) == before


def test_every_fact_of_a_partition_reloads_to_identical_checksums(built: Built) -> None:
    from pilot_pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    facts = sorted(
        k
        for k in graph.get_all_asset_keys()
        if k.path[0] == "warehouse" and graph.get(k).is_partitioned
    )
    assert len(facts) >= 7
    before = checksums(built)
    for _ in range(2):
        assert materialize(built, facts).success
        assert checksums(built) == before
