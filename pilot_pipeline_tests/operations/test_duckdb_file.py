"""The DuckDB warehouse file as analysts meet it: the DuckDB CLI of the 1.x line opens it, and
a run that finds it held by another process says so, naming the file, while it waits."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pilot_pipeline.resources.connect import WarehouseBusyError, log
from pilot_pipeline.resources.warehouse import WarehouseResource


def duckdb_cli() -> str:
    """The `duckdb` CLI of the dev dependencies (duckdb-cli 1.5.x), next to this Python."""
    found = shutil.which("duckdb", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("duckdb CLI missing: `make install` installs duckdb-cli (dev dependency)")
    return found


def test_cli_1_5_reads_a_new_warehouse_file(tmp_path: Path) -> None:
    path = tmp_path / "pilot_test.duckdb"
    warehouse = WarehouseResource(url=f"duckdb:///{path}")
    warehouse.apply_ddl()
    version = subprocess.run(
        [duckdb_cli(), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.startswith("v1."), version
    result = subprocess.run(
        [duckdb_cli(), "-readonly", "-csv", str(path), "-c",
         "SELECT count(*) AS n FROM bi.vw_pilot_school_counts"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["n", "0"]


class Said(logging.Handler):
    """Keeps what the warehouse logger says, whichever handlers pytest or dagster add."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_held_file_is_named_while_the_run_waits(tmp_path: Path) -> None:
    path = tmp_path / "pilot_test.duckdb"
    said = Said()
    log().addHandler(said)
    WarehouseResource(url=f"duckdb:///{path}").apply_ddl()
    # An analyst's session: another process holding the file open.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('open', flush=True);"
         " time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        waiting = WarehouseResource(url=f"duckdb:///{path}", lock_wait_seconds=2)
        started = time.monotonic()
        with pytest.raises(WarehouseBusyError, match="in use by another process"):
            waiting.list_tables()
        assert time.monotonic() - started >= 2
    finally:
        log().removeHandler(said)
        holder.kill()
        holder.wait()
    locked = [m for m in said.messages if "is locked by another process" in m]
    assert len(locked) == 1, said.messages  # said once, not per retry
    assert f"warehouse file {path} is locked by another process" in locked[0]
    assert "waiting up to 2 s" in locked[0]
