"""The production path next to the demo: `make serve`'s commands, the image's entry points, the
compose file, and `make dev` leaving a production DAGSTER_HOME alone."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pilot_pipeline import REPO_DIR
from pilot_pipeline.serve import commands, problems

PG_INSTANCE = (REPO_DIR / "deploy" / "dagster.postgres.yaml").read_text()


def compose_command() -> list[str]:
    """`docker compose` (plugin) or `docker-compose` (Debian's package, .ci/run installs it)."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if os.environ.get("CI"):
        pytest.fail("no docker compose on CI: .ci/run installs Debian's docker-compose")
    pytest.skip("docker compose not installed (apt-get install docker-compose)")


def test_compose_file_is_valid_and_wires_postgres() -> None:
    env = {**os.environ, "POSTGRES_PASSWORD": "not-a-secret"}
    run = [*compose_command(), "-f", str(REPO_DIR / "docker-compose.yml")]
    result = subprocess.run([*run, "config"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    services = subprocess.run([*run, "config", "--services"], capture_output=True, text=True,
                              env=env, check=True).stdout.split()  # fmt: skip
    assert sorted(services) == ["daemon", "postgres", "webserver"]
    config = result.stdout
    assert "dagster-daemon" in config and "dagster-webserver" in config
    assert "postgresql+psycopg2://pilot:not-a-secret@postgres:5432/dagster" in config
    assert "postgresql+psycopg://pilot:not-a-secret@postgres:5432/pilot_warehouse" in config
    # Without the password the file refuses to render rather than run with an empty one.
    bare = {k: v for k, v in os.environ.items() if k != "POSTGRES_PASSWORD"}
    refused = subprocess.run([*run, "config"], capture_output=True, text=True, env=bare)
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr


def test_image_entry_points_exist_and_run() -> None:
    dockerfile = (REPO_DIR / "Dockerfile").read_text()
    for copied in ("pyproject.toml", "workspace.yaml", "pilot_pipeline", "sql", "deploy"):
        assert f" {copied}" in dockerfile and (REPO_DIR / copied).exists(), copied
    assert "dagster-k8s==0.29.27" in dockerfile  # what deploy/dagster.k8s.yaml needs
    bindir = Path(sys.executable).parent
    for cmd in (["dagster-webserver", "--help"], ["dagster-daemon", "run", "--help"],
                ["dagster", "code-server", "start", "--help"]):  # fmt: skip
        result = subprocess.run([str(bindir / cmd[0]), *cmd[1:]], capture_output=True, timeout=60)
        assert result.returncode == 0, (cmd, result.stderr[-2000:])
    cmds = commands("0.0.0.0", 3000)
    assert Path(cmds["webserver"][0]).name == "dagster-webserver"
    assert cmds["daemon"][1:3] == ["run", "-w"]


def test_serve_refuses_a_demo_environment(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    assert any("DAGSTER_HOME" in p for p in problems({}))
    assert any("dagster.yaml is missing" in p for p in problems({"DAGSTER_HOME": str(home)}))
    (home / "dagster.yaml").write_text(PG_INSTANCE)
    env = {"DAGSTER_HOME": str(home), "PILOT_WAREHOUSE_URL": "postgresql+psycopg://h/db"}
    assert problems(env) == []
    assert problems({**env, "PILOT_SOURCE_MIRROR": "http://127.0.0.1:1"})
    result = subprocess.run(
        [sys.executable, "-m", "pilot_pipeline.serve", "--print"],
        env={**os.environ, **env, "PILOT_SOURCE_MIRROR": "http://127.0.0.1:1"},
        capture_output=True, text=True, cwd=REPO_DIR,
    )  # fmt: skip
    assert result.returncode == 2 and "real public hosts" in result.stderr
    assert (home / "dagster.yaml").read_text() == PG_INSTANCE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_dev_leaves_a_postgres_dagster_home_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    production = tmp_path / "production_home"
    production.mkdir()
    (production / "dagster.yaml").write_text(PG_INSTANCE)
    demo = tmp_path / "demo_home"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(production),
        "PILOT_DEMO_HOME": str(demo),
        "PILOT_MIRROR_PORT": str(free_port()),
        "PILOT_RAW_ARCHIVE": str(tmp_path / "raw"),
    }
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "dev"], cwd=REPO_DIR, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "sample mirror serving" in line:
                break
        else:
            pytest.fail(f"make dev exited ({proc.wait()}) before serving the mirror")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert (production / "dagster.yaml").read_text() == PG_INSTANCE
    assert (demo / "dagster.yaml").read_text() == (REPO_DIR / "dagster.yaml").read_text()
    # An instance config already in the demo home is not replaced either.
    (demo / "dagster.yaml").write_text(PG_INSTANCE)
    from pilot_pipeline_dev.demo import prepare_instance

    monkeypatch.setenv("DAGSTER_HOME", str(production))  # restored after the test
    prepare_instance(demo)
    assert (demo / "dagster.yaml").read_text() == PG_INSTANCE
