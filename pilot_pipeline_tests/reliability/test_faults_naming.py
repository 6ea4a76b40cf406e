"""Faults whose error used to name nothing, or too much: each is a real Dagster run against the
loopback mirror; the message names the file, line and archive, never the password, and the
warehouse keeps (or gets exactly) its rows."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import psycopg
import pytest
import yaml
from sqlalchemy.engine import make_url

from pilot_pipeline import REPO_DIR
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources.base import decode_bytes
from pilot_pipeline_dev.mirror.server import MirrorServer

from .support import ACGR_BYTES, ACGR_PATH, ACGR_URL, materialize_acgr, run_errors
from .test_faults import LINES, STG, check, join, kept_lines
from .test_security import assert_secret_nowhere


@pytest.fixture
def loaded(
    tmp_path: Path, downloader: SourceDownloader
) -> tuple[WarehouseResource, dict[str, object], str]:
    """A DuckDB warehouse holding a good ACGR 2020-21 load: (warehouse, resources, checksum)."""
    warehouse = WarehouseResource(url=f"duckdb:///{tmp_path / 'pilot_test.duckdb'}")
    resources: dict[str, object] = {"warehouse": warehouse, "downloader": downloader}
    first = materialize_acgr(resources)
    assert first.success, run_errors(first)
    return warehouse, resources, warehouse.checksum(STG)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` as a read-only bind mount (root ignores file modes, not a read-only mount)."""
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _retries(result: dg.ExecuteInProcessResult) -> int:
    return sum(e.event_type_value == "STEP_UP_FOR_RETRY" for e in result.all_events)


def test_read_only_raw_archive_fails_at_once_naming_the_archive(
    loaded: tuple[WarehouseResource, dict[str, object], str], downloader: SourceDownloader
) -> None:
    warehouse, resources, before = loaded
    archive = Path(downloader.archive_dir)
    with read_only(archive):
        started = time.monotonic()
        result = materialize_acgr(resources)
        seconds = time.monotonic() - started
    assert not result.success and _retries(result) == 0 and seconds < 30, seconds
    errors = run_errors(result)
    assert f"{ACGR_URL}: the raw archive {archive}" in errors, errors[:2000]
    assert "manifest.sqlite" in errors and "not retried" in errors
    assert warehouse.checksum(STG) == before


def test_corrupt_manifest_fails_at_once_naming_it(
    loaded: tuple[WarehouseResource, dict[str, object], str], downloader: SourceDownloader
) -> None:
    warehouse, resources, before = loaded
    manifest = Path(downloader.archive_dir) / "manifest.sqlite"
    for extra in manifest.parent.glob("manifest.sqlite-*"):
        extra.unlink()
    manifest.write_bytes(b"this is not a database " * 200)
    result = materialize_acgr(resources)
    assert not result.success and _retries(result) == 0
    errors = run_errors(result)
    assert f"(manifest {manifest})" in errors and "DatabaseError" in errors, errors[:2000]
    assert warehouse.checksum(STG) == before


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_loads_the_same_rows(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer, codec: str
) -> None:
    warehouse, resources, _ = loaded
    # The UTF-8 load as reference; the file's own sha256 differs by nature.
    provenance = ("loaded_at", "source_file_sha256")
    reference = warehouse.checksum(STG, exclude=provenance)
    mirror.state.serve_bytes(ACGR_PATH, decode_bytes(ACGR_BYTES, "acgr").encode(codec))
    result = materialize_acgr(resources)
    assert result.success, run_errors(result)
    assert warehouse.checksum(STG, exclude=provenance) == reference
    sha = warehouse.read_frame(f"SELECT DISTINCT source_file_sha256 FROM {STG}")  # noqa: S608
    assert len(sha) == 1  # one file's rows only, not both


def test_truncated_utf16_file_is_named_as_utf16(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer
) -> None:
    warehouse, resources, before = loaded
    mirror.state.serve_bytes(ACGR_PATH, decode_bytes(ACGR_BYTES, "a").encode("utf-16-le")[:-1])
    result = materialize_acgr(resources)
    parses = check(result, "file_parses")
    assert not parses.passed and "UTF-16 text (utf-16-le)" in (parses.description or "")
    assert "binary content" not in (parses.description or "")
    assert warehouse.checksum(STG) == before


def test_field_count_error_names_the_line(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer
) -> None:
    warehouse, resources, before = loaded
    position = kept_lines()[5]
    lines = list(LINES)
    lines[position] += b"\tsurplus"
    mirror.state.serve_bytes(ACGR_PATH, join(lines))
    result = materialize_acgr(resources)
    parses = check(result, "file_parses")
    text = parses.description or ""
    assert not parses.passed and f"line {position + 1}: Expected 34 fields, saw 35" in text, text
    assert f"{ACGR_URL} (sha256 " in text
    assert warehouse.checksum(STG) == before


SECRET_HEAD, SECRET_TAIL = "Sup3rPilot", "cret7f3a91"


def test_password_with_a_raw_at_sign_never_shows(
    postgres_database: str,
    mirror: MirrorServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from . import test_security

    url = make_url(postgres_database)
    raw = (
        f"postgresql+psycopg://{url.username}:{SECRET_HEAD}@{SECRET_TAIL}"
        f"@{url.host}:{url.port}/{url.database}"
    )
    monkeypatch.setattr(test_security, "SECRET", SECRET_TAIL)
    result, home = test_security.secret_run(raw, mirror, tmp_path, monkeypatch)
    assert not result.success
    errors = "\n".join(
        e.event_specific_data.error.to_string()
        for e in result.all_events
        if e.event_specific_data is not None and getattr(e.event_specific_data, "error", None)
    )
    assert f"{url.username}:***@{url.host}" in errors and "***@" in errors, errors[:2000]
    out, err = capfd.readouterr()
    for secret in (SECRET_HEAD, SECRET_TAIL):
        monkeypatch.setattr(test_security, "SECRET", secret)
        assert_secret_nowhere(home, out, err, errors)
    # Nothing reached the warehouse: no DDL ran, no table exists.
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        found = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'staging'"
        ).fetchone()
    assert found is not None and found[0] == 0


@pytest.mark.parametrize(
    "config",
    ["dagster.yaml", "deploy/dagster.postgres.yaml", "deploy/dagster.celery.yaml",
     "deploy/dagster.k8s.yaml"],
)  # fmt: skip
def test_run_monitoring_marks_dead_runs_failed(config: str, tmp_path: Path) -> None:
    settings = yaml.safe_load((REPO_DIR / config).read_text())
    assert settings["run_monitoring"]["enabled"] is True
    assert settings["run_monitoring"]["max_resume_run_attempts"] == 0
    # Where nothing sees a dead process, the runtime limit ends it before the next night, and
    # the pool slot its steps held comes back (test_dead_run.py shows a killed run live).
    assert 3600 <= settings["run_monitoring"]["max_runtime_seconds"] < 24 * 3600
    assert 0 < settings["run_monitoring"]["free_slots_after_run_end_seconds"] <= 600
    if config != "dagster.yaml":
        return
    (tmp_path / "dagster.yaml").write_text((REPO_DIR / config).read_text())
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        assert instance.run_monitoring_enabled
        assert instance.run_monitoring_start_timeout_seconds == 180
        assert instance.run_monitoring_max_runtime_seconds == 14400
        assert instance.run_monitoring_settings["free_slots_after_run_end_seconds"] == 60
