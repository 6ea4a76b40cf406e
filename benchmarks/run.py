"""Benchmarks at statewide scale: the pipeline against the floor and against the naive approach.

`python benchmarks/run.py` (full size, several minutes), `--quick` (reduced, < 2 minutes),
`--smoke` (tiny, what CI runs). One invocation generates the files (cached), serves them on a
loopback `MirrorServer`, runs each scenario in its own process and prints one table (wall
seconds, peak RSS, rows per second) and the ratios against their targets:

  ours      the pipeline end to end, scope statewide, into DuckDB and into PostgreSQL
  floor     DuckDB read_csv / PostgreSQL COPY of the same raw files, no validation
  naive     pandas.read_csv + GX on the whole frame + DataFrame.to_sql, into each backend;
            stopped once it has taken `--naive-cap` times ours (the ratio is then a bound)
  no-change the DuckDB pipeline again on the same archive, instance and warehouse: every
            source answers 304
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import DEFAULT_OUT, DEFAULT_SEED, generate  # noqa: E402
from benchmarks.pgdb import scratch_database  # noqa: E402
from benchmarks.report import Measured, print_report  # noqa: E402
from benchmarks.scenario import YEAR  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SCALES = {"full": 1.0, "quick": 0.04, "smoke": 0.002}


@dataclass
class Bench:
    out: Path
    files: list[dict[str, Any]]
    mirror_url: str
    mirror: Any
    profile: bool
    results: list[Measured] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(f["rows"] for f in self.files)

    def child(self, label: str, backend: str, name: str, cfg: dict[str, Any],
              timeout: float | None = None) -> Measured:  # fmt: skip
        """Run one scenario in a fresh process; its own peak RSS comes from wait4."""
        logs = self.out / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        slug = f"{label}_{backend}".replace(" ", "_").replace("-", "_")
        if self.profile:
            cfg = {**cfg, "profile": str(logs / f"{slug}.profile.txt")}
        first_request = len(self.mirror.state.requests)
        with (logs / f"{slug}.out").open("w") as out, (logs / f"{slug}.err").open("w") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.scenario", name, json.dumps(cfg)],
                cwd=REPO, stdout=out, stderr=err,
            )  # fmt: skip
            deadline = time.monotonic() + timeout if timeout else None
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.monotonic() > deadline:
                    proc.kill()
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.1)
            proc.returncode = os.waitstatus_to_exitcode(status)
        statuses = [s for _, _, s in self.mirror.state.requests[first_request:]]
        text = (logs / f"{slug}.out").read_text().strip().splitlines()
        result = json.loads(text[-1]) if text and proc.returncode == 0 else {}
        measured = Measured(
            label=label, backend=backend, seconds=result.get("seconds"),
            rss_mb=usage.ru_maxrss / 1024, rows=self.rows, ok=bool(result.get("ok")),
            capped_at=timeout if not result else None, detail=result,
            http={code: statuses.count(code) for code in sorted(set(statuses))},
        )  # fmt: skip
        if not result and not measured.capped_at:
            print(f"{slug} failed; see {logs / (slug + '.err')}", file=sys.stderr)
        self.results.append(measured)
        return measured


def _pipeline_cfg(bench: Bench, work: Path, warehouse_url: str) -> dict[str, Any]:
    return {
        "warehouse_url": warehouse_url, "mirror": bench.mirror_url,
        "archive": str(work / "archive"), "home": str(work / "home"),
        "sources": [f["source"] for f in bench.files if f["source"] != "cde_school_directory"],
    }  # fmt: skip


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    shutil.copyfile(REPO / "dagster.yaml", path / "dagster.yaml")
    return path


def run_all(bench: Bench, naive_cap: float, naive_max: float, backend: str = "both") -> None:
    """Every scenario; with one `backend`, only its floor and ours (and DuckDB's no-change
    run), no naive: the quick loop while working on one backend's speed."""
    work = bench.out / "work"
    shutil.rmtree(work, ignore_errors=True)
    base = {"root": str(bench.out / "files"), "files": bench.files}
    if backend in ("both", "duckdb"):
        bench.child("floor", "duckdb", "floor_duckdb", {**base, "scratch": str(work / "floor"),
                    "duckdb_path": str(_fresh(work / "floor") / "floor.duckdb")})  # fmt: skip
    if backend in ("both", "postgres"):
        with scratch_database("floor") as (_url, dsn):
            bench.child("floor", "postgres", "floor_copy", {**base, "pg_dsn": dsn})
    if backend in ("both", "duckdb"):
        home = _fresh(work / "ours_duckdb" / "home")
        # Not `warehouse.duckdb`: DuckDB would name the catalog like the `warehouse` schema.
        duck = f"duckdb:///{home.parent / 'pilot_warehouse.duckdb'}"
        ours_duck = bench.child("ours", "duckdb", "pipeline",
                                _pipeline_cfg(bench, home.parent, duck))  # fmt: skip
        bench.child("no-change", "duckdb", "pipeline", _pipeline_cfg(bench, home.parent, duck))
    if backend in ("both", "postgres"):
        with scratch_database("ours") as (url, _dsn):
            _fresh(work / "ours_pg" / "home")
            ours_pg = bench.child("ours", "postgres", "pipeline",
                                  _pipeline_cfg(bench, work / "ours_pg", url))  # fmt: skip
    if backend != "both":
        return
    naive_duck = f"duckdb:///{_fresh(work / 'naive') / 'naive.duckdb'}"
    bench.child("naive", "duckdb", "naive", {**base, "warehouse_url": naive_duck},
                timeout=_cap(ours_duck, naive_cap, naive_max))  # fmt: skip
    with scratch_database("naive") as (url, _dsn):
        bench.child("naive", "postgres", "naive", {**base, "warehouse_url": url},
                    timeout=_cap(ours_pg, naive_cap, naive_max))  # fmt: skip


def _cap(ours: Measured, multiple: float, most: float) -> float:
    """How long naive may run: `multiple` x ours, within [5 s, `most`]."""
    return min(most, max(5.0, ours.seconds * multiple)) if ours.seconds and ours.ok else most


def main() -> None:
    parser = argparse.ArgumentParser(description="Statewide benchmarks (prints one table).")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="reduced size, under 2 minutes")
    size.add_argument("--smoke", action="store_true", help="tiny size, for CI")
    size.add_argument("--scale", type=float, help="1.0 = statewide (the default)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--naive-cap",
        type=float,
        default=None,
        help="stop naive after this many times ours (ratio becomes >=); "
        "default 12, 5 with --quick, 1.5 with --smoke",
    )
    parser.add_argument(
        "--naive-max",
        type=float,
        default=900.0,
        help="never let naive run longer than this many seconds",
    )
    parser.add_argument("--profile", action="store_true", help="pyinstrument each scenario")
    parser.add_argument(
        "--backend",
        choices=("both", "duckdb", "postgres"),
        default="both",
        help="one backend: its floor and ours only (no naive; the full-size table is not saved)",
    )
    args = parser.parse_args()
    kind = "quick" if args.quick else "smoke" if args.smoke else "full"
    scale = args.scale if args.scale is not None else SCALES[kind]
    out = args.out / (kind if args.scale is None else f"scale_{scale:g}")
    started = time.monotonic()
    files = generate(out, scale, args.seed)
    print(f"files: scale {scale:g}, school year {YEAR}, "
          f"{sum(f.rows for f in files):,} rows (generated/cached in "
          f"{time.monotonic() - started:.0f} s) under {out / 'files'}", flush=True)  # fmt: skip
    from pilot_pipeline_dev.mirror.server import MirrorServer

    with MirrorServer(root=out / "files") as mirror:
        bench = Bench(out, [_described(f, out) for f in files], mirror.url, mirror, args.profile)
        # --quick must finish in under 2 minutes: naive (row-by-row to_sql into DuckDB) gets
        # 5x ours (35 s at most) there and its ratio prints as a bound; the full size gives it 12x.
        cap = args.naive_cap or (1.5 if args.smoke else 5.0 if args.quick else 12.0)
        most = min(args.naive_max, 35.0) if args.quick else args.naive_max
        run_all(bench, cap, most, args.backend)
    print_report(bench.results, files, scale, full=scale == 1.0 and args.backend == "both")
    if not all(m.ok or m.capped_at for m in bench.results):
        sys.exit(1)


def _described(f: Any, out: Path) -> dict[str, Any]:
    """The manifest entry plus its header (the floor's COPY tables need the column count)."""
    from benchmarks.generate import GeneratedFile

    assert isinstance(f, GeneratedFile)
    return {**f.__dict__, "header": _header(out / "files" / f.path, f)}


def _header(path: Path, f: Any) -> list[str]:
    import zipfile

    if f.zip_member:
        with zipfile.ZipFile(path) as archive, archive.open(f.zip_member) as src:
            line = src.readline()
    else:
        with path.open("rb") as src:
            line = src.readline()
    return line.decode(f.encoding).strip("\r\n").split(f.sep)


if __name__ == "__main__":
    main()
