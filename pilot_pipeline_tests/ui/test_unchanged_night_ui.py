"""The UI after two runs over an unchanged mirror (the README's "run it twice"): the staging
checks show their last real result, Passed, not Skipped; the runs carry their job names."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from pilot_pipeline import REPO_DIR
from pilot_pipeline.definitions import defs
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import run_pipeline

from .conftest import BuiltPipeline, Webserver, require_chromium
from .test_dagster_ui import page_has, shoot, wait_for

DIRECTORY_CHECKS = "/assets/staging/stg_cde_school_directory?view=checks"


@pytest.fixture(scope="module")
def built_pipeline(tmp_path_factory: pytest.TempPathFactory) -> BuiltPipeline:
    """Overrides conftest's: the pipeline twice, the second time with every file unchanged."""
    require_chromium()
    root = tmp_path_factory.mktemp("ui_twice")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    warehouse_url = f"duckdb:///{root / 'pilot_ui.duckdb'}"
    with MirrorServer() as mirror, dg.DagsterInstance.from_config(str(home)) as instance:
        resources = {
            **defs.resources,
            "warehouse": WarehouseResource(url=warehouse_url),
            "downloader": SourceDownloader(archive_dir=str(root / "raw"), mirror=mirror.url),
        }
        for _ in range(2):
            run = run_pipeline(resources, {"2021-22": ["acgr", "frpm"]}, instance=instance,
                               final=False, launched_by="ui test")  # fmt: skip
            assert run.success
        checks = [k for k in defs.resolve_asset_graph().asset_check_keys
                  if k.asset_key.path[-1] == "stg_cde_school_directory"]  # fmt: skip
        statuses = {
            (rec := instance.get_latest_asset_check_evaluation_record(k)) and rec.status.value
            for k in checks
        }
        assert statuses == {"SUCCEEDED"}, statuses
        jobs = {r.job_name for r in instance.get_runs()}
        assert jobs == {"reference_refresh", "yearly_refresh"}, jobs
    return BuiltPipeline(home, warehouse_url, root / "reports", 0)


def test_staging_checks_show_passed_after_an_unchanged_run(
    browser: WebDriver, webserver: Webserver, artifacts: Path
) -> None:
    browser.get(f"{webserver.url}{DIRECTORY_CHECKS}")
    wait_for(
        browser, artifacts, "ui-unchanged-night-checks", "the directory's checks, Passed",
        page_has("file_parses", "key_unique", "Passed", "carried_over_from_run"),
    )  # fmt: skip
    body = browser.find_element(By.TAG_NAME, "body").text
    shot = shoot(browser, artifacts, "ui-unchanged-night-checks")
    assert "Skipped" not in body, f"a check shows Skipped ({shot})"
    assert shot.stat().st_size > 20_000


def test_runs_carry_their_job_names(
    browser: WebDriver, webserver: Webserver, artifacts: Path
) -> None:
    browser.get(f"{webserver.url}/runs")
    wait_for(
        browser, artifacts, "ui-runs-job-names", "runs named by their jobs",
        page_has("yearly_refresh", "reference_refresh"),
    )  # fmt: skip
    body = browser.find_element(By.TAG_NAME, "body").text
    shoot(browser, artifacts, "ui-runs-job-names")
    assert "__ephemeral_asset_job__" not in body
