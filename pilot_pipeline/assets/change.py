"""Change-aware runs: skip the work whose inputs have not changed since it last ran.

Dagster records, on every materialization, the data versions of the inputs it was built from;
staleness.py compares them with the inputs' current versions and the asset's code version
(what the UI shows as "Unsynced"), through public APIs only. We ask it inside the run:

- A raw asset whose file is unchanged (304, or the same sha256) yields no output, so Dagster
  skips every step downstream of it in the run, but only when every downstream asset of this
  run is already up to date and no other raw file feeding the same tables changed (a step with
  one skipped input is skipped whole, which would otherwise lose the other input's change).
- Any other asset decorated with `skip_when_up_to_date` (facts, dimensions) that has nothing
  upstream in its run yields no output when Dagster calls it fresh.
Both log an `AssetObservation` saying why, which the asset's page in the UI lists.
A run tagged `pilot_pipeline/force_rebuild=true` recomputes everything it selects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import dagster as dg

from .built_here import not_built_here
from .carried_checks import carry_over
from .staleness import DATA_VERSION_TAG, NEVER_BUILT, EventLog, stale_causes

FORCE_TAG = "pilot_pipeline/force_rebuild"


def forced(context: dg.AssetExecutionContext) -> bool:
    return context.run.tags.get(FORCE_TAG, "").lower() in ("true", "1", "yes")


def asset_graph(context: dg.AssetExecutionContext) -> Any:
    """The run's asset graph: which assets and checks it holds, their inputs, partitions and
    code versions. Read from the job definition (no import of Dagster internals needed)."""
    return context.job_def.asset_layer.asset_graph


def partition_of(context: dg.AssetExecutionContext, key: dg.AssetKey) -> str | None:
    """The partition of `key` this run works on (None for an unpartitioned asset)."""
    node = asset_graph(context).get(key)
    return context.partition_key if node.is_partitioned and context.has_partition_key else None


def run_selection(context: dg.AssetExecutionContext) -> set[dg.AssetKey]:
    selection = context.run.asset_selection
    return set(selection) if selection else set(context.job_def.asset_layer.selected_asset_keys)


def stale_reason(context: dg.AssetExecutionContext, key: dg.AssetKey) -> str | None:
    """Why `key` (in this run's partition) must be rebuilt, or None when it is up to date.

    Up to date means both: staleness.py finds it fresh, and it was built into the warehouse this
    run writes, whose table still exists (built_here.py).
    """
    partition = partition_of(context, key)
    # Asked afresh each time: steps earlier in this run may have changed the answer.
    causes = stale_causes(context.instance, asset_graph(context), key, partition)
    if not causes:
        # Assets that read or write the warehouse take it as a resource; raw assets too, so
        # that a 304 on a new or emptied warehouse still rebuilds it.
        warehouse = getattr(context.resources, "warehouse", None)
        return not_built_here(context.instance, warehouse, key, partition)
    if causes[0].reason == NEVER_BUILT:
        return str(causes[0])
    return f"{key.to_user_string()}: " + "; ".join(str(c) for c in causes[:3])


def in_run_entities(context: dg.AssetExecutionContext) -> set[dg.EntityKey]:
    """The assets and asset checks this run executes."""
    assets = run_selection(context)
    checks = context.run.asset_check_selection
    if checks is None:
        graph = asset_graph(context)
        checks = {c for c in graph.asset_check_keys if c.asset_key in assets}
    return {*assets, *checks}


def _walk(context: dg.AssetExecutionContext, start: dg.EntityKey, up: bool) -> set[dg.EntityKey]:
    """The entities of this run reachable from `start`, downstream (or upstream if `up`)."""
    graph = asset_graph(context)
    within = in_run_entities(context)
    # From the parents' side: a check's `additional_deps` are not listed as their children.
    parents = {entity: set(graph.get(entity).parent_entity_keys) for entity in within | {start}}
    found: set[dg.EntityKey] = set()
    frontier = [start]
    while frontier:
        current = frontier.pop()
        step = parents[current] if up else {e for e in within if current in parents[e]}
        for nxt in step:
            if nxt in within and nxt not in found:
                found.add(nxt)
                frontier.append(nxt)
    return found


def latest_data_version(context: dg.AssetExecutionContext, key: dg.AssetKey) -> str | None:
    """The data version `key` (in this run's partition) was last built with; None if never."""
    partition = partition_of(context, key)
    latest = EventLog(context.instance).latest(key, partition)
    materialization = latest.asset_materialization if latest else None
    return (materialization.tags or {}).get(DATA_VERSION_TAG) if materialization else None


def observe(context: dg.AssetExecutionContext, reason: str, **metadata: Any) -> None:
    """Say in the asset's event log (and so in the UI) why it was not rebuilt; the checks this
    skip leaves without a result show their last real one instead (carried_checks.py)."""
    key = context.asset_key
    checks = {e for e in _walk(context, key, up=False) if isinstance(e, dg.AssetCheckKey)}
    checks |= {
        e
        for e in in_run_entities(context)
        if isinstance(e, dg.AssetCheckKey) and e.asset_key == key
    }
    carried = carry_over(context, checks, partition_of)
    if carried:
        metadata["checks_carried_over"] = dg.MetadataValue.int(carried)
    context.log.info(f"{context.asset_key.to_user_string()} not rebuilt: {reason}")
    context.log_event(
        dg.AssetObservation(
            asset_key=context.asset_key,
            partition=context.partition_key if context.has_partition_key else None,
            metadata={"skipped": dg.MetadataValue.text("unchanged"), "reason": reason, **metadata},
        )
    )


def unchanged_source_reason(
    context: dg.AssetExecutionContext,
    version: str,
    sibling_versions: Callable[[dg.AssetKey], str | None],
) -> str | None:
    """For an asset that reads the outside world (a raw file): why this run may skip it and
    everything downstream of it, or None when it must yield its output.

    `version` is its current data version (the file's sha256); `sibling_versions(key)` gives
    the current version of another such asset, fetching its file if need be.
    """
    if forced(context):
        return None
    with warehouse_session(context):
        return _unchanged_source_reason(context, version, sibling_versions)


def warehouse_session(context: dg.AssetExecutionContext) -> contextlib.AbstractContextManager:
    """One warehouse connection for a skip decision: it asks every downstream table whether
    it still exists and still has rows."""
    warehouse = getattr(context.resources, "warehouse", None)
    return warehouse.session() if warehouse is not None else contextlib.nullcontext()


def _unchanged_source_reason(
    context: dg.AssetExecutionContext,
    version: str,
    sibling_versions: Callable[[dg.AssetKey], str | None],
) -> str | None:
    key = context.asset_key
    if latest_data_version(context, key) != version:
        return None
    warehouse = getattr(context.resources, "warehouse", None)
    if not_built_here(context.instance, warehouse, key, partition_of(context, key)):
        return None  # an entry asset that is itself a table (the reviewed roster files)
    downstream = _walk(context, key, up=False)
    for child in sorted(k for k in downstream if isinstance(k, dg.AssetKey)):
        if stale_reason(context, child) is not None:
            return None
    # Other entry points of this run into the same downstream steps: skipping here skips
    # those steps whole, so it is safe only if they are unchanged too.
    others = {
        entry
        for child in downstream
        for entry in _walk(context, child, up=True)
        if entry != key and not _walk(context, entry, up=True)
    }
    for other in sorted(others, key=str):
        current = sibling_versions(other) if isinstance(other, dg.AssetKey) else None
        if current is None or current != latest_data_version(context, other):
            return None
    assets = sum(isinstance(k, dg.AssetKey) for k in downstream)
    return f"data version {version[:16]} is already built into the {assets} assets downstream"


def skip_when_up_to_date(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Let an asset (declared with `output_required=False`) skip itself when Dagster calls it
    fresh: built before, same code version, every input at the data version it was built from.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        context = dg.AssetExecutionContext.get()
        with warehouse_session(context):
            stale = forced(context) or stale_reason(context, context.asset_key) is not None
        if stale:
            yield fn(*args, **kwargs)
            return
        observe(
            context, "up to date: same code version, every input at the version it was built from"
        )

    return wrapper


def content_version(*values: object) -> str:
    """A short, stable version of some reference values (a dimension built from code), used as
    its `code_version` so that editing the values makes the asset (and what reads it) stale."""
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


WAREHOUSE_POOL = "warehouse"
"""Steps that write the warehouse share this pool; dagster.yaml gives it one slot, because
DuckDB has a single writer (a PostgreSQL deployment raises the limit, deploy/)."""

# A table is "fresh" when it holds its sources' latest files: change-aware runs rebuild it
# only when a source changes, and CDE publishes each file once or twice a year, so a
# materialization older than a school year (plus slack) means a source or the nightly stopped.
WAREHOUSE_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=dt.timedelta(days=400), warn_window=dt.timedelta(days=380)
)

WAREHOUSE_ASSET = {
    "output_required": False,
    "freshness_policy": WAREHOUSE_FRESHNESS,
    "pool": WAREHOUSE_POOL,
}
"""`@dg.asset(**WAREHOUSE_ASSET, ...)` + `@skip_when_up_to_date`: a change-aware table."""
