"""A run whose process is killed (kill -9) is marked FAILURE by the real daemon's run monitor,
and the run queued behind it (one warehouse writer at a time) then starts and completes.

Everything is real: `dagster-daemon run` over workspace.yaml with the repository's
dagster.yaml (poll interval shortened), `dagster job launch` of the night's first job
(reference_refresh) through the run queue, the
loopback mirror (its directory download stalls, so the run is mid-step when killed), a DuckDB
warehouse file. The code server that started the run notices its process is gone and fails the
run; the short `dagster/max_runtime` tag is the backstop dagster.yaml sets at 4 h for every run.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
import yaml

from pilot_pipeline import REPO_DIR
from pilot_pipeline.jobs import WAREHOUSE_WRITER_TAG
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import Fault, MirrorServer

BIN = Path(sys.executable).parent
DEAD_RUN_LIMIT_SECONDS = 45  # above the test's own steps, below the stalled read's 60 s
DIRECTORY_PATH = "www.cde.ca.gov/schooldirectory/report__rid=dl1&tp=txt"
PID_EVENT = re.compile(r"Started process for run \(pid: (\d+)\)")


def descendants_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        for child in map(int, text.split()):
            found += [child, *descendants_of(child)]
    return found


def step_started(instance: dg.DagsterInstance, run_id: str, step: str) -> bool:
    return any(
        entry.dagster_event_type == dg.DagsterEventType.STEP_START and entry.step_key == step
        for entry in instance.all_logs(run_id)
    )


@pytest.fixture
def daemon_env(mirror: MirrorServer, tmp_path: Path) -> Iterator[dict[str, str]]:
    home = tmp_path / "dagster_home"
    home.mkdir()
    config = yaml.safe_load((REPO_DIR / "dagster.yaml").read_text())
    # The shipped 60 s poll and 60 s before a dead run's pool slots are freed, shortened.
    config["run_monitoring"]["poll_interval_seconds"] = 1
    config["run_monitoring"]["free_slots_after_run_end_seconds"] = 1
    (home / "dagster.yaml").write_text(yaml.safe_dump(config))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "PILOT_SOURCE_MIRROR": mirror.url,
        "PILOT_WAREHOUSE_URL": f"duckdb:///{tmp_path / 'pilot_test.duckdb'}",
        "PILOT_RAW_ARCHIVE": str(tmp_path / "raw"),
    }
    daemon = subprocess.Popen(
        [str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"],
        cwd=REPO_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        yield env
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()


def launch(env: dict[str, str], tags: dict[str, str]) -> str:
    run_id = str(uuid.uuid4())
    done = subprocess.run(
        [str(BIN / "dagster"), "job", "launch", "-w", "workspace.yaml", "-j", "reference_refresh",
         "--run-id", run_id, "--tags", json.dumps(tags)],
        cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return run_id


def wait_until(what: str, seconds: float, condition) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"{what} not seen within {seconds:.0f} s")


def run_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    for entry in instance.all_logs(run_id):
        match = PID_EVENT.search(entry.message or "")
        if match:
            return int(match.group(1))
    return None


def test_killed_run_is_marked_failed_and_the_queued_run_then_completes(
    daemon_env: dict[str, str], mirror: MirrorServer
) -> None:
    home = daemon_env["DAGSTER_HOME"]
    # The directory download hangs, so the run is still working when its process is killed.
    mirror.state.add_fault(DIRECTORY_PATH, Fault("stall", seconds=600))
    with dg.DagsterInstance.from_config(home) as instance:
        assert instance.run_monitoring_enabled
        dead = launch(daemon_env, {"dagster/max_runtime": str(DEAD_RUN_LIMIT_SECONDS)})
        pid = wait_until("the run's process", 180, lambda: run_pid(instance, dead))
        # Once the stalled download's step is running, the executor has forked its steps.
        wait_until(
            "the directory step started",
            120,
            lambda: step_started(instance, dead, "raw__cde_school_directory"),
        )
        assert instance.get_run_by_id(dead).status == dg.DagsterRunStatus.STARTED
        # The next night's run, launched while the dead-to-be run holds the writer slot.
        queued = launch(daemon_env, {})
        assert instance.get_run_by_id(queued).tags[WAREHOUSE_WRITER_TAG] == "true"
        time.sleep(3)  # several ticks of the daemon's run queue
        assert instance.get_run_by_id(queued).status == dg.DagsterRunStatus.QUEUED, (
            "the second run must wait for the writer slot"
        )
        os.kill(pid, signal.SIGSTOP)  # frozen, it forks no step while its children are listed
        orphans = descendants_of(pid)  # step processes outlive their parent
        os.kill(pid, signal.SIGKILL)  # the run's parent process, as an OOM kill would
        try:
            wait_until(
                "the dead run marked FAILURE",
                DEAD_RUN_LIMIT_SECONDS + 60,
                lambda: instance.get_run_by_id(dead).status == dg.DagsterRunStatus.FAILURE,
            )
        finally:
            for orphan in orphans:
                try:
                    os.kill(orphan, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        messages = " ".join(entry.message or "" for entry in instance.all_logs(dead))
        # The code server that launched the run sees its process die and fails it at once; the
        # runtime limit (here the tag's 45 s) is the backstop when nothing is left to see it.
        assert "terminated by signal 9" in messages or "maximum runtime" in messages
        wait_until(
            "the queued run finished",
            300,
            lambda: (
                instance.get_run_by_id(queued).status
                in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE)
            ),
        )
        assert instance.get_run_by_id(queued).status == dg.DagsterRunStatus.SUCCESS
        dead_end = instance.get_run_record_by_id(dead).end_time
        assert instance.get_run_record_by_id(queued).start_time >= dead_end
    # The warehouse the next run left: every school once, the roster's pilots among them.
    warehouse = WarehouseResource(url=daemon_env["PILOT_WAREHOUSE_URL"])
    counts = warehouse.read_frame(
        "SELECT count(*) AS n, count(DISTINCT cds_code) AS schools"
        " FROM warehouse.dim_school WHERE cds_code IS NOT NULL"
    )
    assert counts["n"].iloc[0] > 0
    assert counts["n"].iloc[0] == counts["schools"].iloc[0]
