"""`make demo`: the whole pipeline, offline, against the sample mirror on loopback.

Starts the mirror on a free 127.0.0.1 port, points every source at it, materializes every
asset (the directory and dimensions once, then each school year the mirror holds) into
`./pilot_warehouse.duckdb` with a persistent Dagster instance in `./.dagster_home` (so
`dagster dev` shows the runs), and prints a short pilot vs non-pilot summary.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from pilot_pipeline import REPO_DIR
from pilot_pipeline.mirror.server import MirrorServer
from pilot_pipeline.pipeline_run import mirror_sources_by_year, run_pipeline

__all__ = ["main", "mirror_sources_by_year", "run"]


def prepare_instance(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    os.environ["DAGSTER_HOME"] = str(home)


def run() -> int:
    import dagster as dg

    from pilot_pipeline.summary import print_summary

    result = run_pipeline(instance=dg.DagsterInstance.get(), log=lambda m: print(m, flush=True))
    if not result.success:
        label = result.failed.label if result.failed else "?"
        print(f"demo: the run for {label} failed; `make dev` shows its logs", file=sys.stderr)
        return 1
    print(f"\npipeline finished in {result.seconds:.1f} s\n")
    print_summary()
    return 0


def main() -> None:
    prepare_instance(Path(os.environ.get("DAGSTER_HOME", REPO_DIR / ".dagster_home")))
    os.environ.setdefault("PILOT_RAW_ARCHIVE", str(REPO_DIR / "data" / "raw"))
    with MirrorServer() as mirror:
        os.environ["PILOT_SOURCE_MIRROR"] = mirror.url
        print(f"sample mirror serving on {mirror.url}", flush=True)
        code = run()
        statuses = mirror.state.statuses()
        print(
            f"\nmirror: {len(statuses)} requests, {statuses.count(200)} downloads, "
            f"{statuses.count(304)} not modified (304)"
        )
    sys.exit(code)


if __name__ == "__main__":
    main()
