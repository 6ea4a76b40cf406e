"""Killed processes, concurrent runs and full disks: the warehouse and the raw archive only
ever show a complete old state or a complete new one, and the next run completes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from pilot_pipeline import REPO_DIR
from pilot_pipeline.resources.downloader import DownloadError, SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.resources.warehouse_load import batch_hook
from pilot_pipeline.sources import acgr
from pilot_pipeline_dev.mirror.server import Fault, MirrorServer

from .support import (
    ACGR_BYTES,
    ACGR_PATH,
    ACGR_URL,
    PILOT,
    acgr_ctx,
    archive_state,
    materialize_acgr,
    pilot_frame,
    run_errors,
)

WHERE = {"school_year": 2022}
# A load in a child process: after batch 1 it writes `marker`, then holds its transaction
# open until the parent creates `release` (or is killed).
LOADER = """
import json, sys, time
from pathlib import Path
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_tests.reliability.support import pilot_frame
args = json.loads(sys.argv[1])
marker = Path(args["marker"])
def hook(table, batch, rows):
    if batch == 1:
        marker.write_text(str(rows))
        deadline = time.monotonic() + 60
        while not Path(str(marker) + ".release").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
wh = WarehouseResource(url=args["url"], lock_wait_seconds=args["wait"])
frame = pilot_frame(2022, n=args["rows"], district=args["district"])
Path(str(marker) + ".release").write_text("") if args["free"] else None
while args.get("after") and not Path(args["after"]).exists():  # start after another load
    time.sleep(0.02)
Path(str(marker) + ".ready").write_text("")
started = time.monotonic()
wh.replace_partition(
    "warehouse.fct_school_pilot_status", frame, where={"school_year": 2022},
    batch_size=100, on_batch=hook,
)
print(json.dumps({"seconds": time.monotonic() - started}))
"""
FETCHER = """
import json, resource, signal, sys
from pilot_pipeline.resources.downloader import SourceDownloader
args = json.loads(sys.argv[1])
if args.get("fsize"):
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # turn the signal into EFBIG on write
    resource.setrlimit(resource.RLIMIT_FSIZE, (args["fsize"], args["fsize"]))
dl = SourceDownloader(archive_dir=args["archive"], mirror=args["mirror"], retries=0)
dl.fetch(args["url"], source="acgr", school_year="2020-21")
"""


def child(script: str, **args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, json.dumps(args)],
        cwd=REPO_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.communicate()[1][-2000:]}")
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_sigkill_mid_load_keeps_previous_rows_and_next_run_completes(
    warehouse: WarehouseResource, tmp_path: Path
) -> None:
    warehouse.replace_partition(PILOT, pilot_frame(2022, n=50), where=WHERE)
    before = warehouse.checksum(PILOT)
    marker = tmp_path / "batch1"
    proc = child(
        LOADER, url=warehouse.url, marker=str(marker), free=False, wait=10, rows=1000, district="W"
    )
    wait_for(marker, proc)
    assert marker.read_text() == "100"  # 100 new rows were inside the open transaction
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert warehouse.checksum(PILOT) == before, "a killed load must leave the old rows"
    assert warehouse.row_count(PILOT) == 50
    result = warehouse.replace_partition(
        PILOT, pilot_frame(2022, n=1000, district="W"), where=WHERE
    )
    assert (result.rows_deleted, result.rows_inserted) == (50, 1000)
    assert warehouse.row_count(PILOT, {"local_district": "W"}) == 1000


def expected_checksum(tmp_path: Path, district: str, rows: int) -> str:
    wh = WarehouseResource(url=f"duckdb:///{tmp_path / f'expected_{district}.duckdb'}")
    wh.apply_ddl()
    wh.replace_partition(PILOT, pilot_frame(2022, n=rows, district=district), where=WHERE)
    return wh.checksum(PILOT)


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_two_runs_on_one_duckdb_file_take_turns(
    warehouse: WarehouseResource, tmp_path: Path
) -> None:
    # Both start together (imports overlap); the second loads once the first holds the file.
    first = child(
        LOADER, url=warehouse.url, marker=str(tmp_path / "a"), free=False, wait=60, rows=300,
        district="A",
    )  # fmt: skip
    second = child(
        LOADER, url=warehouse.url, marker=str(tmp_path / "b"), free=True, wait=60, rows=400,
        district="B", after=str(tmp_path / "a"),
    )  # fmt: skip
    wait_for(tmp_path / "a", first)
    wait_for(tmp_path / "b.ready", second)
    time.sleep(1.5)  # the second run is now blocked on the first one's lock
    assert second.poll() is None and not (tmp_path / "b").exists()
    (tmp_path / "a.release").write_text("")
    out_a, err_a = first.communicate(timeout=90)
    out_b, err_b = second.communicate(timeout=90)
    assert first.returncode == 0, err_a[-2000:]
    assert second.returncode == 0, err_b[-2000:]
    assert json.loads(out_b)["seconds"] > 1.4, "the second run waited for the first"
    assert warehouse.checksum(PILOT) == expected_checksum(tmp_path, "B", 400)


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_second_duckdb_run_that_cannot_wait_fails_clearly(
    warehouse: WarehouseResource, tmp_path: Path
) -> None:
    # Both start together (imports overlap); the second loads once the first holds the file.
    first = child(
        LOADER, url=warehouse.url, marker=str(tmp_path / "a"), free=False, wait=60, rows=300,
        district="A",
    )  # fmt: skip
    second = child(
        LOADER, url=warehouse.url, marker=str(tmp_path / "b"), free=True, wait=0.5, rows=400,
        district="B", after=str(tmp_path / "a"),
    )  # fmt: skip
    wait_for(tmp_path / "a", first)
    _, err_b = second.communicate(timeout=60)
    (tmp_path / "a.release").write_text("")
    assert first.wait(timeout=60) == 0
    assert second.returncode != 0
    path = make_url(warehouse.url).database
    assert f"WarehouseBusyError: warehouse duckdb:///{path} is in use by another process" in err_b
    assert warehouse.checksum(PILOT) == expected_checksum(tmp_path, "A", 300)
    assert not (tmp_path / "b").exists(), "the refused run wrote nothing"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs: writes past it fail with ENOSPC, like a full archive disk."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:  # not root: the RLIMIT_FSIZE case below still covers a full disk
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_while_archiving_promotes_nothing(tiny_disk: Path, mirror: MirrorServer) -> None:
    downloader = SourceDownloader(archive_dir=str(tiny_disk / "raw"), mirror=mirror.url, retries=0)
    mirror.state.serve_bytes(ACGR_PATH, ACGR_BYTES * 5)  # ~2.2 MB into 1 MB
    with pytest.raises(DownloadError, match=rf"{ACGR_URL}: cannot write to the raw archive.*"):
        downloader.fetch(ACGR_URL, source="acgr", school_year="2020-21")
    state = archive_state(downloader)
    assert state.files == frozenset({"manifest.sqlite"} & state.files) or not state.files
    assert state.part_files == () and state.manifest_rows == 0
    mirror.state.serve_bytes(ACGR_PATH, ACGR_BYTES)  # space for the real file: next run works
    raw = downloader.fetch(ACGR_URL, source="acgr", school_year="2020-21")
    assert Path(raw.path).read_bytes() == ACGR_BYTES


def test_file_size_limit_while_archiving_promotes_nothing(
    mirror: MirrorServer, tmp_path: Path
) -> None:
    archive = tmp_path / "raw"
    mirror.state.serve_bytes(ACGR_PATH, ACGR_BYTES * 5)
    proc = child(FETCHER, archive=str(archive), mirror=mirror.url, url=ACGR_URL, fsize=1_000_000)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert f"DownloadError: {ACGR_URL}: cannot write to the raw archive" in err
    assert "File too large" in err
    downloader = SourceDownloader(archive_dir=str(archive), mirror=mirror.url)
    state = archive_state(downloader)
    assert state.part_files == () and state.manifest_rows == 0
    assert not [p for p in archive.glob("*/*") if p.parent.name != "tmp"]


def test_sigkill_mid_download_promotes_nothing_and_next_fetch_completes(
    mirror: MirrorServer, tmp_path: Path
) -> None:
    archive = tmp_path / "raw"
    mirror.state.add_fault(ACGR_PATH, Fault("drip", seconds=0.001))
    proc = child(FETCHER, archive=str(archive), mirror=mirror.url, url=ACGR_URL)
    deadline = time.monotonic() + 60
    while not list((archive / "tmp").glob("*.part")):
        assert proc.poll() is None and time.monotonic() < deadline, "no download started"
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    downloader = SourceDownloader(archive_dir=str(archive), mirror=mirror.url)
    state = archive_state(downloader)
    assert state.manifest_rows == 0
    assert not [p for p in archive.glob("*/*") if p.parent.name not in ("tmp",)]
    raw = downloader.fetch(ACGR_URL, source="acgr", school_year="2020-21")
    assert Path(raw.path).read_bytes() == ACGR_BYTES and raw.outcome == "downloaded"
    assert archive_state(downloader).manifest_rows == 1


def _pg(pg_bin: Path, *args: str) -> list[str]:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return [*prefix, str(pg_bin / args[0]), *args[1:]]


@pytest.fixture
def private_postgres() -> Iterator[tuple[str, Callable[[], None]]]:
    """A throw-away PostgreSQL cluster on a free port: restarting it disturbs no other test."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries missing on CI", pytrace=False)
        pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    pg_bin = found[-1].parent
    # Not under pytest's tmp dir: that is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="pilot_private_pg_"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data = root / "data"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run(
        _pg(pg_bin, "initdb", "-D", str(data), "-A", "trust", "-U", "root", "--no-sync"),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = ["-D", str(data), "-l", str(root / "log"), "-o", options, "-w"]
    subprocess.run(_pg(pg_bin, "pg_ctl", *ctl, "start"), check=True, capture_output=True)

    def restart() -> None:
        subprocess.run(_pg(pg_bin, "pg_ctl", *ctl, "-m", "fast", "restart"), check=True)

    try:
        yield f"postgresql+psycopg://root:unused@127.0.0.1:{port}/postgres", restart
    finally:
        subprocess.run(_pg(pg_bin, "pg_ctl", *ctl, "-m", "immediate", "stop"), check=False)
        shutil.rmtree(root, ignore_errors=True)


def test_postgres_restart_mid_run_fails_clearly_then_retry_succeeds(
    private_postgres: tuple[str, Callable[[], None]], mirror: MirrorServer, tmp_path: Path
) -> None:
    url, restart = private_postgres
    warehouse = WarehouseResource(url=url, batch_size=200)
    downloader = SourceDownloader(archive_dir=str(tmp_path / "raw"), mirror=mirror.url)
    warehouse.apply_ddl()  # last night's rows, loaded directly to keep the test short
    staged = acgr.SOURCE.parse(ACGR_BYTES, acgr_ctx())
    warehouse.replace_partition("staging.stg_acgr", staged, where={"school_year": 2021})
    before = warehouse.checksum("staging.stg_acgr")
    rows = warehouse.row_count("staging.stg_acgr")
    assert rows > 200, "the load needs several batches for a restart to land mid-load"
    restarted: list[int] = []

    def restart_once(table: str, batch: int, done: int) -> None:
        if table == "staging.stg_acgr" and not restarted:
            restarted.append(done)
            restart()

    with batch_hook(restart_once):
        failed = materialize_acgr({"warehouse": warehouse, "downloader": downloader})
    assert restarted == [200]
    assert not failed.success
    errors = run_errors(failed)
    assert "terminat" in errors.lower() or "connection" in errors.lower(), errors[:2000]
    assert warehouse.checksum("staging.stg_acgr") == before
    retried = materialize_acgr({"warehouse": warehouse, "downloader": downloader})
    assert retried.success, run_errors(retried)[:2000]
    assert warehouse.row_count("staging.stg_acgr") == rows
