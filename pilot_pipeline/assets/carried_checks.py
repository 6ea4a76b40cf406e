"""Checks on an unchanged night: their last real result, carried over, not "Skipped".

When a raw file is unchanged the run skips the staging step and its checks, and Dagster would
show every such check as Skipped, though the table still holds rows that passed them. The step
that decides to skip re-reports, for each check of this run downstream of it (and its own), the
latest evaluation that actually ran, as a run-less `AssetCheckEvaluation` noting where it came
from; the UI then shows that result.
"""

from __future__ import annotations

import dagster as dg

REAL_RESULTS = {"SUCCEEDED", "FAILED"}
HISTORY = 25  # executions looked back through: a skip leaves one record per night


def _same_partition(
    instance: dg.DagsterInstance,
    run_id: str,
    evaluation: dg.AssetCheckEvaluation,
    partition: str | None,
) -> bool:
    """Checks of a partitioned asset are not partitioned themselves: the run says which year
    an evaluation was for, so one year's skip never shows another year's result."""
    if evaluation.partition is not None or partition is None:
        return evaluation.partition == partition
    run = instance.get_run_by_id(run_id)
    return run is not None and run.tags.get("dagster/partition") == partition


def last_real_evaluation(
    instance: dg.DagsterInstance, check: dg.AssetCheckKey, partition: str | None
) -> dg.AssetCheckEvaluation | None:
    """The latest evaluation of `check` (for `partition`) that a step really computed."""
    history = instance.event_log_storage.get_asset_check_execution_history(check, limit=HISTORY)
    for record in history:
        if record.status.value not in REAL_RESULTS or record.event is None:
            continue
        evaluation = record.event.asset_check_evaluation
        if evaluation is None or not _same_partition(
            instance, record.run_id, evaluation, partition
        ):
            continue
        if "carried_over_from_run" in evaluation.metadata:
            return evaluation  # already a carried result: carry it again as it is
        return evaluation.with_metadata(
            {**evaluation.metadata, "carried_over_from_run": dg.MetadataValue.text(record.run_id)}
        )
    return None


def carry_over(
    context: dg.AssetExecutionContext, checks: set[dg.AssetCheckKey], partition_of: object
) -> int:
    """Re-report the last real result of each check; return how many were carried."""
    carried = 0
    for check in sorted(checks, key=str):
        partition = partition_of(context, check.asset_key)  # type: ignore[operator]
        evaluation = last_real_evaluation(context.instance, check, partition)
        if evaluation is not None:
            context.instance.report_runless_asset_event(evaluation)
            carried += 1
    return carried
