"""A fresh PostgreSQL database per measured run, dropped afterwards.

The server defaults to the local test server (trust auth); `PILOT_BENCH_PG_ADMIN` overrides the
libpq connection string of the maintenance database used to create and drop it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

ADMIN_DSN = os.environ.get(
    "PILOT_BENCH_PG_ADMIN", "host=127.0.0.1 port=5432 user=root dbname=postgres"
)


@contextmanager
def scratch_database(label: str) -> Iterator[tuple[str, str]]:
    """Create `bench_<label>_<pid>`; yield (SQLAlchemy URL, libpq DSN); drop it on exit."""
    name = f"bench_{label}_{os.getpid()}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    params = psycopg.conninfo.conninfo_to_dict(ADMIN_DSN) | {"dbname": name}
    dsn = psycopg.conninfo.make_conninfo(**params)
    url = (
        f"postgresql+psycopg://{params.get('user', 'root')}@{params.get('host', '127.0.0.1')}:"
        f"{params.get('port', 5432)}/{name}"
    )
    try:
        yield url, dsn
    finally:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
