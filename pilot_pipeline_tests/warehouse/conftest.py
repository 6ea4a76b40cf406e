"""The whole pipeline over the loopback sample mirror, once into DuckDB and once into a fresh
PostgreSQL database, shared by every test of this package (package scope: two full runs).

`built` is parametrized over both backends for tests of one warehouse; `duckdb_built` and
`postgres_built` serve tests that compare the two.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import mirror_sources_by_year, run_pipeline
from pilot_pipeline_tests.fixtures.warehouse import _conninfo, _skip_or_fail_without_postgres


@dataclass(frozen=True)
class Built:
    """A warehouse the pipeline filled, and how to run more of the pipeline against it."""

    warehouse: WarehouseResource
    mirror_url: str
    archive_dir: Path
    seconds: float

    def resources(self, **warehouse_options: object) -> dict[str, object]:
        from pilot_pipeline.definitions import defs

        return {
            **defs.resources,
            "warehouse": WarehouseResource(url=self.warehouse.url, **warehouse_options),
            "downloader": SourceDownloader(
                archive_dir=str(self.archive_dir), mirror=self.mirror_url
            ),
        }


@pytest.fixture(scope="package")
def package_mirror() -> Iterator[MirrorServer]:
    with MirrorServer() as server:
        yield server


def _build(url: str, mirror: MirrorServer, archive: Path) -> Built:
    resource = WarehouseResource(url=url)
    resource.apply_ddl(include_roles=True)
    started = time.monotonic()
    built = Built(resource, mirror.url, archive, 0.0)
    run = run_pipeline(built.resources(), mirror_sources_by_year(), final=False)
    assert run.success, f"pipeline phase {run.failed} failed on {resource.dialect}"
    return Built(resource, mirror.url, archive, time.monotonic() - started)


@pytest.fixture(scope="package")
def duckdb_built(package_mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("duckdb_pipeline")
    return _build(f"duckdb:///{folder / 'pilot_test.duckdb'}", package_mirror, folder / "raw")


@pytest.fixture(scope="package")
def postgres_built(
    package_mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    admin_url = _skip_or_fail_without_postgres()
    name = f"pilot_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_conninfo(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield _build(url, package_mirror, tmp_path_factory.mktemp("postgres_pipeline") / "raw")
    finally:
        with psycopg.connect(_conninfo(admin_url), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture(params=["duckdb", "postgresql"])
def built(request: pytest.FixtureRequest) -> Built:
    """The pipeline-built warehouse of each backend in turn."""
    name = "duckdb_built" if request.param == "duckdb" else "postgres_built"
    return request.getfixturevalue(name)
