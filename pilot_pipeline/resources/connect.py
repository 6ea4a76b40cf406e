"""Opening a warehouse connection without leaking its password or tripping over another run.

DuckDB lets one process hold a file at a time: a second run that opens the file while the
first is inside a call gets "Could not set lock". Every warehouse call is short, so the second
run waits its turn (bounded) instead of failing the night; if it gives up, the error names the
warehouse, never the password in its URL.
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from sqlalchemy.engine import make_url


class WarehouseBusyError(RuntimeError):
    """Another process held the warehouse for longer than this run would wait."""


def safe_url(url: str) -> str:
    """The URL as errors and logs may show it: password masked as ***."""
    return make_url(url).render_as_string(hide_password=True)


def connect_waiting(engine: sa.Engine, wait_seconds: float) -> sa.Connection:
    """`engine.connect()`, retried while another process holds DuckDB's file lock."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return engine.connect()
        except sa.exc.OperationalError as exc:
            if "could not set lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"warehouse {safe_url(str(engine.url))} is in use by another process; "
                    f"gave up after waiting {wait_seconds:.0f} s ({exc.orig})"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
