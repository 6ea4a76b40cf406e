"""A real Dagster UI over a freshly built pipeline, driven by headless Chromium.

Module-scoped: the pipeline runs once (directory, roster, dimensions, 2021-22, report) into a
temp DuckDB warehouse and a temp DAGSTER_HOME, then `dagster-webserver` serves that instance on
a free 127.0.0.1 port in its own process group, stopped by its PID at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

from pilot_pipeline import REPO_DIR
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_tests.reporting.pipeline import build_warehouse_and_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # Tall enough that the report's lineage graph fits at full-detail zoom.
    "--window-size=1600,3600",
)
ARTIFACTS = REPO_DIR / "test-artifacts"
SERVER_START_TIMEOUT = 90


@dataclass(frozen=True)
class BuiltPipeline:
    home: Path
    warehouse_url: str
    report_dir: Path
    charts: int


@dataclass(frozen=True)
class Webserver:
    url: str
    log: Path


def require_chromium() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    reason = f"{', '.join(missing)} missing (Debian packages chromium and chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run installs them, so on CI this is a failure", pytrace=False)
    pytest.skip(f"{reason}; `apt-get install -y chromium chromium-driver` to run the UI test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def built_pipeline(tmp_path_factory: pytest.TempPathFactory) -> BuiltPipeline:
    require_chromium()  # before the minute of pipeline work, not after
    root = tmp_path_factory.mktemp("ui")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    warehouse_url = f"duckdb:///{root / 'pilot_ui.duckdb'}"
    with MirrorServer() as mirror, dg.DagsterInstance.from_config(str(home)) as instance:
        result = build_warehouse_and_report(
            instance=instance,
            warehouse_url=warehouse_url,
            mirror_url=mirror.url,
            archive_dir=root / "raw",
            report_dir=root / "reports",
            years=["2021-22"],
        )
    metadata = result.asset_materializations_for_node("reports__pilot_report")[0].metadata
    return BuiltPipeline(home, warehouse_url, root / "reports", int(metadata["charts"].value))


@pytest.fixture(scope="module")
def webserver(built_pipeline: BuiltPipeline) -> Iterator[Webserver]:
    port = free_port()
    log = built_pipeline.home / "webserver.log"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(built_pipeline.home),
        "PILOT_WAREHOUSE_URL": built_pipeline.warehouse_url,
    }
    command = [str(Path(sys.executable).parent / "dagster-webserver")]
    command += ["-m", "pilot_pipeline.definitions", "-h", "127.0.0.1", "-p", str(port)]
    with log.open("wb") as out:
        # Own process group: the webserver's code-server child is stopped with it.
        proc = subprocess.Popen(
            command, cwd=REPO_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"dagster-webserver exited ({proc.returncode}):\n{log.read_text()}")
            try:
                if requests.get(f"{url}/server_info", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"dagster-webserver not up after {SERVER_START_TIMEOUT}s:\n{log.read_text()}"
                )
            time.sleep(0.5)
        yield Webserver(url, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


@pytest.fixture(scope="module")
def browser(webserver: Webserver) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        # Dismiss the first-visit community dialog for this origin so it covers nothing.
        driver.get(f"{webserver.url}/server_info")
        driver.execute_script("window.localStorage.setItem('communityNux', JSON.stringify('1'))")
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
