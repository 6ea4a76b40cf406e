"""`make demo`: the whole pipeline, offline, against the sample mirror on loopback.

Starts the mirror on a free 127.0.0.1 port, points every source at it, materializes every
asset (the directory and dimensions once, then each school year the mirror holds) into
`./pilot_warehouse.duckdb` (or `PILOT_WAREHOUSE_URL`) with a persistent Dagster instance in
`PILOT_DEMO_HOME` (default `./.dagster_home`, so `make dev` shows the runs), and prints a short
pilot vs non-pilot summary. `DAGSTER_HOME` is left alone: it is production's (`make serve`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
from pathlib import Path

from pilot_pipeline import REPO_DIR
from pilot_pipeline_dev import use_sample_inbox
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import mirror_sources_by_year, run_pipeline

__all__ = ["main", "mirror_sources_by_year", "run"]


DEMO_HOME_ENV = "PILOT_DEMO_HOME"


def demo_home() -> Path:
    """The demo's own instance folder: `PILOT_DEMO_HOME`, default `./.dagster_home`. Never
    `DAGSTER_HOME`, which belongs to the production instance (`make serve`)."""
    return Path(os.environ.get(DEMO_HOME_ENV) or REPO_DIR / ".dagster_home").resolve()


def prepare_instance(home: Path) -> None:
    """Point this process at `home`; give it the repo's dagster.yaml only if it has none (an
    instance config someone put there is theirs: never overwritten)."""
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    os.environ["DAGSTER_HOME"] = str(home)


# Only warnings and errors from Dagster reach the terminal; every run still records all its
# events in the instance, so `dagster dev` shows the full logs.
QUIET_CONSOLE = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def _materialized_since(instance: object, started: float) -> int:
    """Materializations recorded by the runs this demo launched."""
    import dagster as dg

    after = dt.datetime.fromtimestamp(started, dt.UTC)
    runs = instance.get_runs(filters=dg.RunsFilter(created_after=after))  # type: ignore[attr-defined]
    kind = dg.DagsterEventType.ASSET_MATERIALIZATION
    return sum(len(instance.all_logs(r.run_id, of_type=kind)) for r in runs)  # type: ignore[attr-defined]


def run() -> int:
    import time

    import dagster as dg

    from pilot_pipeline_dev.summary import print_summary

    instance = dg.DagsterInstance.get()
    started = time.time()
    phase = iter(range(1, 1000))
    result = run_pipeline(
        instance=instance,
        log=lambda m: print(f"[{next(phase)}] {m}", flush=True),
        run_config=QUIET_CONSOLE,
        launched_by="make demo",
    )
    if not result.success:
        label = result.failed.label if result.failed else "?"
        print(f"demo: the run for {label} failed; `make dev` shows its logs", file=sys.stderr)
        return 1
    built = _materialized_since(instance, started)
    print(
        f"\npipeline finished in {result.seconds:.1f} s: {len(result.phases)} phases, "
        f"{built} materializations (unchanged inputs are skipped)\n"
    )
    print_summary(synthetic=True, report=_report_path(instance))
    return 0


def _report_path(instance: object) -> str | None:
    """Where the report asset last wrote its HTML page (its materialization says)."""
    import dagster as dg

    event = instance.get_latest_materialization_event(dg.AssetKey(["reports", "pilot_report"]))  # type: ignore[attr-defined]
    if event is None or event.asset_materialization is None:
        return None
    html = event.asset_materialization.metadata.get("html")
    return str(html.value) if html is not None else None


def quiet_warnings() -> None:
    """Dagster's beta/preview notices say nothing a demo user can act on."""
    import warnings

    from dagster import BetaWarning, PreviewWarning

    warnings.filterwarnings("ignore", category=BetaWarning)
    warnings.filterwarnings("ignore", category=PreviewWarning)
    # A step skipped because its file is unchanged has, by design, no check results; Dagster
    # warns once per check and downstream step, which buries the phase lines.
    logging.getLogger("dagster._core.execution.plan.active").setLevel(logging.ERROR)


def main() -> None:
    quiet_warnings()
    prepare_instance(demo_home())
    os.environ.setdefault("PILOT_RAW_ARCHIVE", str(REPO_DIR / "data" / "raw"))
    use_sample_inbox()
    with MirrorServer() as mirror:
        os.environ["PILOT_SOURCE_MIRROR"] = mirror.url
        print(f"sample mirror serving on {mirror.url}", flush=True)
        code = run()
        statuses = mirror.state.statuses()
        print(
            f"\nmirror: {len(statuses)} requests, {statuses.count(200)} downloads, "
            f"{statuses.count(304)} not modified (304), "
            f"{len(statuses) - statuses.count(200) - statuses.count(304)} other"
        )
    sys.exit(code)


if __name__ == "__main__":
    main()
