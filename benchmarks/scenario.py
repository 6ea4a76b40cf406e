"""One benchmark scenario, run alone in its own process so its peak RSS is its own.

`python -m benchmarks.scenario NAME CONFIG_JSON` prints one JSON line: the wall seconds of the
measured work (imports and interpreter start-up excluded, the same for every scenario) and
what it did. `run.py` starts these and reads the child's peak RSS from `os.wait4`.

Scenarios: `pipeline` (the real pipeline via `pilot_pipeline_dev.pipeline_run.run_pipeline`,
scope statewide, files fetched from the mirror), `floor_duckdb` (DuckDB `read_csv` of the raw
files into all-text tables), `floor_copy` (PostgreSQL `COPY` of them), `naive` (pandas
`read_csv` + GX on the whole frame + `DataFrame.to_sql`).
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

YEAR = "2023-24"
PG_ENCODINGS = {"utf-8": "UTF8", "utf-8-sig": "UTF8", "cp1252": "WIN1252", "latin-1": "LATIN1"}


def _timed(cfg: dict[str, Any], work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run `work` (imports already done), timed; under pyinstrument when asked for a profile."""
    profiler = None
    if cfg.get("profile"):
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.01)
        profiler.start()
    started = time.perf_counter()
    try:
        result = work()
    finally:
        seconds = time.perf_counter() - started
        if profiler is not None:
            profiler.stop()
            Path(cfg["profile"]).write_text(profiler.output_text(unicode=False, show_all=False))
    return {"seconds": round(seconds, 3), **result}


def pipeline(cfg: dict[str, Any]) -> dict[str, Any]:
    """The pipeline end to end (every phase but the report), resources from the environment."""
    os.environ.update({
        "PILOT_WAREHOUSE_URL": cfg["warehouse_url"], "PILOT_SOURCE_MIRROR": cfg["mirror"],
        "PILOT_RAW_ARCHIVE": cfg["archive"], "PILOT_SCOPE": "statewide",
        "DAGSTER_HOME": cfg["home"],
    })  # fmt: skip
    import dagster as dg

    from pilot_pipeline.definitions import defs  # noqa: F401 - import before the clock starts
    from pilot_pipeline_dev.pipeline_run import run_pipeline

    instance = dg.DagsterInstance.get()

    def work() -> dict[str, Any]:
        run = run_pipeline(years={YEAR: cfg["sources"]}, instance=instance, final=False,
                           log=lambda m: print(m, file=sys.stderr, flush=True))  # fmt: skip
        return {
            "ok": run.success,
            "failed": run.failed.label if run.failed else None,
            "phases": [(p.label, ok, round(s, 2)) for p, ok, s in run.phases],
        }

    return _timed(cfg, work)


def _text_file(f: dict[str, Any], root: Path, scratch: Path) -> Path:
    """The file's text: itself, or its zip member extracted (the extraction is timed)."""
    path = root / f["path"]
    if not f["zip_member"]:
        return path
    target = scratch / f["zip_member"]
    with zipfile.ZipFile(path) as archive, archive.open(f["zip_member"]) as src:
        with target.open("wb") as dest:
            while chunk := src.read(1 << 22):
                dest.write(chunk)
    return target


def floor_duckdb(cfg: dict[str, Any]) -> dict[str, Any]:
    import duckdb

    root, scratch = Path(cfg["root"]), Path(cfg["scratch"])
    scratch.mkdir(parents=True, exist_ok=True)
    return _timed(
        cfg, lambda: _floor_duckdb(cfg, duckdb.connect(cfg["duckdb_path"]), root, scratch)
    )


def _floor_duckdb(cfg: dict[str, Any], con: Any, root: Path, scratch: Path) -> dict[str, Any]:
    rows = 0
    for i, f in enumerate(cfg["files"]):
        text = _text_file(f, root, scratch)
        encoding = "latin-1" if f["encoding"] in ("latin-1", "cp1252") else "utf-8"
        con.execute(
            f"CREATE TABLE raw_{i} AS SELECT * FROM read_csv('{text}', delim='{f['sep']}', "  # noqa: S608
            f"header=true, all_varchar=true, quote='', escape='', encoding='{encoding}')"
        )
        rows += con.execute(f"SELECT count(*) FROM raw_{i}").fetchone()[0]  # noqa: S608
        if text.parent == scratch:
            text.unlink()
    con.close()
    return {"ok": True, "rows_loaded": rows}


def floor_copy(cfg: dict[str, Any]) -> dict[str, Any]:
    import psycopg

    return _timed(cfg, lambda: _floor_copy(cfg, psycopg))


def _floor_copy(cfg: dict[str, Any], psycopg: Any) -> dict[str, Any]:
    root = Path(cfg["root"])
    rows = 0
    with psycopg.connect(cfg["pg_dsn"], autocommit=True) as conn:
        for i, f in enumerate(cfg["files"]):
            columns = ", ".join(f'"c{k}" TEXT' for k in range(len(f["header"])))
            conn.execute(f"CREATE TABLE raw_{i} ({columns})")
            sep = "E'\\t'" if f["sep"] == "\t" else f"'{f['sep']}'"
            copy = (
                f"COPY raw_{i} FROM STDIN (FORMAT csv, DELIMITER {sep}, HEADER true, "
                f"QUOTE E'\\x01', ENCODING '{PG_ENCODINGS[f['encoding']]}')"
            )
            with conn.cursor() as cur, cur.copy(copy) as sink:
                if f["zip_member"]:
                    with zipfile.ZipFile(root / f["path"]) as archive:
                        with archive.open(f["zip_member"]) as src:
                            while chunk := src.read(1 << 20):
                                sink.write(chunk)
                else:
                    with (root / f["path"]).open("rb") as src:
                        while chunk := src.read(1 << 20):
                            sink.write(chunk)
            rows += conn.execute(f"SELECT count(*) FROM raw_{i}").fetchone()[0]  # noqa: S608
    return {"ok": True, "rows_loaded": rows}


def naive(cfg: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd
    import sqlalchemy as sa

    from benchmarks.naive_gx import validate_whole_frame

    return _timed(cfg, lambda: _naive(cfg, pd, sa, validate_whole_frame))


def _naive(cfg: dict[str, Any], pd: Any, sa: Any, validate_whole_frame: Callable) -> dict:
    root = Path(cfg["root"])
    engine = sa.create_engine(cfg["warehouse_url"])
    rows, failed = 0, []
    for i, f in enumerate(cfg["files"]):
        frame = pd.read_csv(root / f["path"], sep=f["sep"], encoding=f["encoding"], dtype=str)
        if not validate_whole_frame(frame, f["source"]):
            failed.append(f["source"])
        # chunksize: without it to_sql builds one statement list of every row in memory.
        frame.to_sql(f"raw_{i}", engine, if_exists="replace", index=False, chunksize=10_000)
        rows += len(frame)
        del frame
    engine.dispose()
    return {"ok": True, "rows_loaded": rows, "gx_failed": failed}


SCENARIOS = {"pipeline": pipeline, "floor_duckdb": floor_duckdb, "floor_copy": floor_copy,
             "naive": naive}  # fmt: skip


def main() -> None:
    name, cfg = sys.argv[1], json.loads(sys.argv[2])
    started = time.perf_counter()
    result = SCENARIOS[name](cfg)
    result["total_seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
