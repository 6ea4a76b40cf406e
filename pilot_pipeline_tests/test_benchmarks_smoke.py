"""Keeps the statewide benchmarks working: `benchmarks/run.py --smoke` end to end, tiny size.

Benchmarks are not tests: nothing here judges speed. It runs every scenario (the pipeline into
DuckDB and PostgreSQL over a loopback mirror, the floors, the naive approach, the no-change run)
in a subprocess and checks that the table and every ratio come out, and that the no-change run
really got 304s from the mirror.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pilot_pipeline_tests.fixtures.warehouse import _skip_or_fail_without_postgres

REPO = Path(__file__).resolve().parents[1]
RATIOS = (
    "ours / floor (DuckDB read_csv)",
    "ours / floor (PostgreSQL COPY)",
    "naive / ours (DuckDB)",
    "naive / ours (PostgreSQL)",
    "no-change / full (DuckDB)",
    "peak RSS of ours (MB)",
)
SCENARIOS = [("floor", "duckdb"), ("floor", "postgres"), ("ours", "duckdb"),
             ("no-change", "duckdb"), ("ours", "postgres"), ("naive", "duckdb"),
             ("naive", "postgres")]  # fmt: skip


@pytest.fixture(scope="module")
def smoke_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    _skip_or_fail_without_postgres()
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--smoke", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, f"run.py --smoke failed:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _row(output: str, *cells: str) -> list[str]:
    for line in output.splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if parts[: len(cells)] == list(cells):
            return parts
    raise AssertionError(f"no table row starting {cells} in:\n{output}")


def test_every_scenario_has_a_measured_row(smoke_output: str) -> None:
    for label, backend in SCENARIOS:
        row = _row(smoke_output, label, backend)
        assert re.fullmatch(r"(>= )?\d+(\.\d+)?", row[2]), f"wall seconds of {label} {backend}"
        assert float(row[3].replace(",", "")) > 0, f"peak RSS of {label} {backend}"
        assert "FAILED" not in row[5], row


def test_every_ratio_is_printed_with_a_value_and_status(smoke_output: str) -> None:
    for ratio in RATIOS:
        row = _row(smoke_output, ratio)
        assert re.fullmatch(r"(>= )?\d+(\.\d+)?", row[1]), f"{ratio}: {row}"
        assert row[3] in ("met", "MISSED"), row


def test_no_change_run_is_served_304s_only(smoke_output: str) -> None:
    full, again = _row(smoke_output, "ours", "duckdb"), _row(smoke_output, "no-change", "duckdb")
    assert full[5] == "6x200", full  # directory + five yearly files, downloaded
    # The same six, not modified (the directory may be asked twice: the roster files enter
    # the same run and check whether it changed too); nothing downloaded.
    assert re.fullmatch(r"[67]x304", again[5]), again


def test_one_backend_runs_its_floor_and_ours_only(tmp_path: Path) -> None:
    _skip_or_fail_without_postgres()
    proc = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--smoke", "--backend", "postgres",
         "--out", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr[-3000:]}"
    for label in ("floor", "ours"):
        assert float(_row(proc.stdout, label, "postgres")[3].replace(",", "")) > 0
    ratio = _row(proc.stdout, "ours / floor (PostgreSQL COPY)")
    assert re.fullmatch(r"\d+(\.\d+)?", ratio[1]) and ratio[2] == "<= 3", ratio
    measured = proc.stdout.split("Closing note")[0]  # then the saved full-size table follows
    for absent in (("naive",), ("ours", "duckdb"), ("naive / ours (PostgreSQL)",)):
        with pytest.raises(AssertionError):
            _row(measured, *absent)
