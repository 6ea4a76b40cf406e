"""The nightly schedule's run requests, and the real `dagster` CLI over the code location."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from pilot_pipeline import REPO_DIR
from pilot_pipeline.jobs import REFERENCE_KEYS, WAREHOUSE_WRITER_TAG, YEARLY_KEYS
from pilot_pipeline.partitions import SCHOOL_YEARS, school_year_of
from pilot_pipeline.schedules import nightly_refresh

LA = ZoneInfo("America/Los_Angeles")
DAGSTER = str(Path(sys.executable).with_name("dagster"))


def requests_at(when: dt.datetime) -> list[dg.RunRequest]:
    context = dg.build_schedule_context(scheduled_execution_time=when)
    return list(nightly_refresh(context))


def test_nightly_refreshes_current_and_previous_school_year() -> None:
    requests = requests_at(dt.datetime(2026, 11, 25, 3, 0, tzinfo=LA))
    assert [r.partition_key for r in requests] == [None, "2025-26", "2026-27", None]
    assert set(requests[0].asset_selection) == set(REFERENCE_KEYS)
    assert set(requests[1].asset_selection) == set(YEARLY_KEYS)
    assert all(r.tags[WAREHOUSE_WRITER_TAG] == "true" for r in requests)
    # One request per night and year: a re-evaluated tick launches nothing twice.
    assert len({r.run_key for r in requests}) == 4


def test_july_first_starts_a_new_school_year() -> None:
    june = requests_at(dt.datetime(2026, 6, 30, 3, 0, tzinfo=LA))
    july = requests_at(dt.datetime(2026, 7, 1, 3, 0, tzinfo=LA))
    assert [r.partition_key for r in june][1:3] == ["2024-25", "2025-26"]
    assert [r.partition_key for r in july][1:3] == ["2025-26", "2026-27"]


def test_schedule_definition() -> None:
    assert nightly_refresh.cron_schedule == "0 3 * * *"
    assert nightly_refresh.execution_timezone == "America/Los_Angeles"
    assert school_year_of(dt.date.today()) == SCHOOL_YEARS[-1]


@pytest.fixture(scope="module")
def dagster_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    return {**os.environ, "DAGSTER_HOME": str(home)}


def dagster(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [DAGSTER, *args], cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, f"dagster {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def test_definitions_validate(dagster_home: dict[str, str]) -> None:
    out = dagster(dagster_home, "definitions", "validate", "-m", "pilot_pipeline.definitions")
    assert "All code locations passed validation" in out


def test_cli_lists_schedule_and_sensors(dagster_home: dict[str, str]) -> None:
    schedules = dagster(dagster_home, "schedule", "list", "-w", "workspace.yaml")
    assert "Schedule: nightly_refresh" in schedules
    assert "0 3 * * *" in schedules
    sensors = dagster(dagster_home, "sensor", "list", "-m", "pilot_pipeline.definitions")
    assert "Sensor: " in sensors
