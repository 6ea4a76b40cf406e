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

from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.server import mirror_path_for


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
    from pilot_pipeline.partitions import SCHOOL_YEARS
    from pilot_pipeline.sources import yearly_sources
    from pilot_pipeline.sources.lausd_inbox import inbox_location, inbox_sources_by_year

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
    """The phases for `years` (school year -> its sources); `final=False` skips the report
    (`reports/*`), not the tables that read every year."""
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
    # What reads every year (the matched group) always runs; the report only when `final`.
    late = [k for k in late if final or k.path[0] != "reports"]
    if late:
        phases.append(Phase("whole warehouse" if not final else "reports", late))
    return phases


def run_pipeline(
    resources: Mapping[str, Any] | None = None,
    years: Mapping[str, Sequence[str]] | None = None,
    *,
    instance: dg.DagsterInstance | None = None,
    final: bool = True,
    log: Callable[[str], None] | None = None,
    run_config: Mapping[str, Any] | None = None,
    launched_by: str = "pilot_pipeline_dev.pipeline_run",
) -> PipelineRun:
    """Materialize every phase with real Dagster runs; stop at the first failed phase.

    `resources` default to the code location's; `years` to what the sample mirror holds;
    `instance` to an ephemeral one; `run_config` applies to every phase (loggers only: the
    phases select different ops). Each phase runs as the named jobs that select its assets
    (`reference_refresh`, `lausd_refresh`, `yearly_refresh`, `report_refresh`), so the UI's
    job pages hold the runs; `launched_by` is tagged on every run.
    """
    from pilot_pipeline.definitions import defs

    definitions = [*(defs.assets or []), *(defs.asset_checks or [])]
    # One instance for every phase, so later phases see the earlier materializations.
    instance = instance or dg.DagsterInstance.ephemeral()
    years = mirror_sources_by_year() if years is None else years
    run = PipelineRun()
    bound = dict(resources or defs.resources)
    # The code location's jobs with these resources (a job refuses resources passed at launch
    # that differ from the ones its assets were defined with).
    located = dg.Definitions(
        assets=defs.assets, asset_checks=defs.asset_checks, jobs=defs.jobs, resources=bound
    )
    for phase in plan_phases(defs, years, final=final):
        if log:
            log(f"materializing {len(phase.selection)} assets: {phase.label}")
        started = time.monotonic()
        success = True
        for job_name, keys in job_runs(defs, phase.selection):
            kwargs: dict[str, Any] = dict(
                instance=instance, partition_key=phase.partition, raise_on_error=False,
                run_config=dict(run_config or {}),  # e.g. the demo's quieter console logger
                tags={LAUNCHED_BY: launched_by},
            )  # fmt: skip
            if job_name is None:  # assets no named job selects: an ad-hoc run
                result = dg.materialize(definitions, selection=keys, resources=bound, **kwargs)
            else:  # the job's name on the run, as when the schedule or the UI launches it
                job = located.resolve_job_def(job_name)
                result = job.execute_in_process(asset_selection=keys, **kwargs)
            success = success and result.success
            if not success:
                break
        run.phases.append((phase, success, time.monotonic() - started))
        if not success:
            run.failed = phase
            break
    return run


LAUNCHED_BY = "pilot_pipeline/launched_by"


def job_runs(
    defs: dg.Definitions, selection: Sequence[dg.AssetKey]
) -> list[tuple[str | None, list[dg.AssetKey]]]:
    """`selection` split over the named jobs that select it, in dependency-safe order (LAUSD
    drops before the yearly run whose facts read them); keys no job selects go to one ad-hoc
    run at the end."""
    from pilot_pipeline.jobs import JOB_KEYS

    left = list(selection)
    runs: list[tuple[str | None, list[dg.AssetKey]]] = []
    for name, keys in JOB_KEYS.items():
        mine = [k for k in left if k in keys]
        if mine:
            runs.append((name, mine))
            left = [k for k in left if k not in keys]
    if left:
        runs.append((None, left))
    return runs
