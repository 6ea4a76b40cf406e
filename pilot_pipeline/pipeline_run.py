"""Run the whole pipeline in-process, phase by phase: what `make demo` and the end-to-end
tests share.

Phases: the unpartitioned assets that need no yearly data (directory, roster, dimensions),
then each school year with only the sources that have a file for it (plus every warehouse
fact), then the unpartitioned assets downstream of yearly data (the report). A failed phase
stops the run, so later phases never read half-built inputs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import dagster as dg

from pilot_pipeline import MIRROR_FILES_DIR
from pilot_pipeline.mirror.server import mirror_path_for


@dataclass(frozen=True)
class Phase:
    label: str
    selection: list[dg.AssetKey]
    partition: str | None = None


@dataclass
class PipelineRun:
    """What ran: each phase with its success and duration; `failed` names the first failure."""

    phases: list[tuple[Phase, bool, float]] = field(default_factory=list)
    failed: Phase | None = None

    @property
    def success(self) -> bool:
        return self.failed is None

    @property
    def seconds(self) -> float:
        return sum(seconds for _, _, seconds in self.phases)


def mirror_file_exists(url: str) -> bool:
    return (MIRROR_FILES_DIR / mirror_path_for("/" + url.split("://", 1)[1])).is_file()


def mirror_sources_by_year() -> dict[str, list[str]]:
    """School year -> the yearly sources whose file for that year the mirror holds."""
    from pilot_pipeline.lausd import inbox_location
    from pilot_pipeline.lausd.inbox import inbox_sources_by_year
    from pilot_pipeline.partitions import SCHOOL_YEARS
    from pilot_pipeline.sources import yearly_sources

    by_year: dict[str, list[str]] = {}
    for year in SCHOOL_YEARS:
        names = [
            s.name for s in yearly_sources() if (u := s.url_for(year)) and mirror_file_exists(u)
        ]
        names += inbox_sources_by_year(inbox_location()).get(year, [])  # LAUSD drops
        if names:
            by_year[year] = names
    return by_year


def plan_phases(
    defs: dg.Definitions, years: Mapping[str, Sequence[str]], *, final: bool = True
) -> list[Phase]:
    """The phases for `years` (school year -> its sources); `final=False` skips the report."""
    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    partitioned = {k for k in keys if graph.get(k).is_partitioned}

    def needs_yearly_data(key: dg.AssetKey, seen: frozenset = frozenset()) -> bool:
        parents = set(graph.get(key).parent_keys) - seen
        return bool(parents & partitioned) or any(
            needs_yearly_data(p, seen | {key}) for p in parents if p in keys
        )

    unpartitioned = sorted(keys - partitioned)
    late = [k for k in unpartitioned if needs_yearly_data(k)]
    facts = sorted(k for k in partitioned if k.path[0] == "warehouse")
    phases = [
        Phase("directory, roster and dimensions", [k for k in unpartitioned if k not in late])
    ]
    for year, sources in years.items():
        # Only the sources with a file this year: the others would 404 on the mirror.
        raw = [dg.AssetKey([layer, f"{p}{s}"]) for s in sources for layer, p in
               (("raw", ""), ("staging", "stg_"))]  # fmt: skip
        phases.append(Phase(f"{year} ({', '.join(sources)})", raw + facts, year))
    if final and late:
        phases.append(Phase("reports", late))
    return phases


def run_pipeline(
    resources: Mapping[str, Any] | None = None,
    years: Mapping[str, Sequence[str]] | None = None,
    *,
    instance: dg.DagsterInstance | None = None,
    final: bool = True,
    log: Callable[[str], None] | None = None,
    run_config: Mapping[str, Any] | None = None,
) -> PipelineRun:
    """Materialize every phase with real Dagster runs; stop at the first failed phase.

    `resources` default to the code location's; `years` to what the sample mirror holds;
    `instance` to an ephemeral one; `run_config` applies to every phase (loggers only: the
    phases select different ops).
    """
    from pilot_pipeline.definitions import defs

    definitions = [*(defs.assets or []), *(defs.asset_checks or [])]
    # One instance for every phase, so later phases see the earlier materializations.
    instance = instance or dg.DagsterInstance.ephemeral()
    years = mirror_sources_by_year() if years is None else years
    run = PipelineRun()
    for phase in plan_phases(defs, years, final=final):
        if log:
            log(f"materializing {len(phase.selection)} assets: {phase.label}")
        started = time.monotonic()
        result = dg.materialize(
            definitions, selection=phase.selection, partition_key=phase.partition,
            instance=instance, resources=dict(resources or defs.resources), raise_on_error=False,
            run_config=dict(run_config or {}),  # e.g. the demo's quieter console logger
        )  # fmt: skip
        run.phases.append((phase, result.success, time.monotonic() - started))
        if not result.success:
            run.failed = phase
            break
    return run
