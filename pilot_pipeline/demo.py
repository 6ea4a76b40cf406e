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
import time
from pathlib import Path

from pilot_pipeline import MIRROR_FILES_DIR, REPO_DIR
from pilot_pipeline.mirror.server import MirrorServer, mirror_path_for


def mirror_file_exists(url: str) -> bool:
    return (MIRROR_FILES_DIR / mirror_path_for("/" + url.split("://", 1)[1])).is_file()


def mirror_sources_by_year() -> dict[str, list[str]]:
    """School year -> the yearly sources whose file for that year the mirror holds."""
    from pilot_pipeline.partitions import SCHOOL_YEARS
    from pilot_pipeline.sources import yearly_sources

    by_year: dict[str, list[str]] = {}
    for year in SCHOOL_YEARS:
        names = [
            s.name for s in yearly_sources() if (u := s.url_for(year)) and mirror_file_exists(u)
        ]
        if names:
            by_year[year] = names
    return by_year


def prepare_instance(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    os.environ["DAGSTER_HOME"] = str(home)


def run() -> int:
    import dagster as dg

    from pilot_pipeline.definitions import defs
    from pilot_pipeline.summary import print_summary

    graph = defs.resolve_asset_graph()
    unpartitioned = [k for k in graph.get_all_asset_keys() if not graph.get(k).is_partitioned]
    facts = [
        k for k in graph.get_all_asset_keys()
        if graph.get(k).is_partitioned and k.path[0] == "warehouse"
    ]  # fmt: skip
    instance = dg.DagsterInstance.get()
    definitions = [*(defs.assets or []), *(defs.asset_checks or [])]
    started = time.monotonic()
    runs = [("directory, roster and dimensions", unpartitioned, None)]
    for year, sources in mirror_sources_by_year().items():
        # Only the sources the mirror has a file for this year: the others would 404.
        keys = [dg.AssetKey([layer, name]) for s in sources for layer, name in
                (("raw", s), ("staging", f"stg_{s}"))]  # fmt: skip
        runs.append((f"{year} ({', '.join(sources)})", keys + facts, year))
    for label, selection, partition in runs:
        print(f"materializing {len(selection)} assets: {label}", flush=True)
        result = dg.materialize(
            definitions, selection=selection, partition_key=partition, instance=instance,
            resources=defs.resources, raise_on_error=False,
        )  # fmt: skip
        if not result.success:
            print(f"demo: the run for {label} failed; `make dev` shows its logs", file=sys.stderr)
            return 1
    print(f"\npipeline finished in {time.monotonic() - started:.1f} s\n")
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
