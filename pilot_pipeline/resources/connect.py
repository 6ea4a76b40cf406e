"""Opening a warehouse connection without leaking its password or tripping over another run.

DuckDB lets one process hold a file at a time: a second run that opens the file while the
first is inside a call gets "Could not set lock". Every warehouse call is short, so the second
run waits its turn (bounded) instead of failing the night, and says once, naming the file,
that it is waiting (an analyst's open DuckDB session holds the lock until it closes); if it
gives up, the error names the warehouse, never the password in its URL.

A DuckDB file is created in the storage format of DuckDB `DUCKDB_STORAGE_VERSION`, not the
newest one of the library writing it, so the DuckDB CLI and BI tools of the current 1.x
releases open it (they refuse "version number 69" files written by DuckDB 2.x).
"""

from __future__ import annotations

import logging
import time

import dagster as dg
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from . import masking

DUCKDB_STORAGE_VERSION = "v1.4.0"
"""Oldest DuckDB release that must read the warehouse file: 1.4 (LTS) and 1.5 do."""


def log() -> logging.Logger:
    return dg.get_dagster_logger("pilot_pipeline.warehouse")


class WarehouseBusyError(RuntimeError):
    """Another process held the warehouse for longer than this run would wait."""


def safe_url(url: str) -> str:
    """The URL as errors and logs may show it: password masked as *** (`masking.py`)."""
    return masking.safe_url(url)


def make_engine(url: str) -> sa.Engine:
    """An engine whose connections end with each call (NullPool: DuckDB's lock goes with
    them); a DuckDB file it creates is written in `DUCKDB_STORAGE_VERSION`'s format."""
    connect_args: dict[str, object] = {}
    if make_url(url).get_backend_name() == "duckdb":
        # Only takes effect when the file is created; an older file keeps its format.
        connect_args["config"] = {"storage_compatibility_version": DUCKDB_STORAGE_VERSION}
    return sa.create_engine(url, poolclass=NullPool, connect_args=connect_args)


def waiting_message(url: str, wait_seconds: float, error: BaseException) -> str:
    """What a run says while another process holds the DuckDB file."""
    database = make_url(url).database or safe_url(url)
    holder = str(error).strip().splitlines()[0]
    return (
        f"warehouse file {database} is locked by another process; waiting up to "
        f"{wait_seconds:.0f} s for it to be closed (close any DuckDB CLI, notebook or BI "
        f"connection to it). DuckDB says: {holder}"
    )


def connect_waiting(engine: sa.Engine, wait_seconds: float) -> sa.Connection:
    """`engine.connect()`, retried while another process holds DuckDB's file lock."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    announced = False
    while True:
        try:
            return engine.connect()
        except sa.exc.OperationalError as exc:
            if "could not set lock" not in str(exc).lower():
                raise
            if not announced:
                # In a run: the run's event log (and the demo's console); outside: stderr.
                log().warning(waiting_message(str(engine.url), wait_seconds, exc.orig or exc))
                announced = True
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"warehouse {safe_url(str(engine.url))} is in use by another process; "
                    f"gave up after waiting {wait_seconds:.0f} s ({exc.orig})"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
