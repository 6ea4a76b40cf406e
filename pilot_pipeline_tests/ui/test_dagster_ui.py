"""The Dagster UI shows the pipeline: asset graph, the report and its charts, the check.

Waits on elements (the UI is a React app that renders after its GraphQL answers), never on
fixed sleeps; every page leaves a screenshot in test-artifacts/ at the repo root.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from .conftest import BuiltPipeline, Webserver

WAIT_SECONDS = 30


def shoot(driver: WebDriver, artifacts: Path, name: str) -> Path:
    path = artifacts / f"{name}.png"
    assert driver.save_screenshot(str(path)), f"no screenshot written to {path}"
    print(f"screenshot: {path}")
    return path


def wait_for(
    driver: WebDriver,
    artifacts: Path,
    name: str,
    what: str,
    condition: Callable[[WebDriver], object],
) -> object:
    """Wait for `condition`; on timeout keep a screenshot and show the page text."""
    try:
        return WebDriverWait(driver, WAIT_SECONDS).until(condition)
    except TimeoutException:
        shot = shoot(driver, artifacts, f"{name}-timeout")
        body = driver.find_element(By.TAG_NAME, "body").text[:6000]
        pytest.fail(
            f"{what} not visible after {WAIT_SECONDS}s at {driver.current_url} ({shot}):\n{body}"
        )


def page_has(*texts: str) -> Callable[[WebDriver], bool]:
    return lambda d: all(t in d.find_element(By.TAG_NAME, "body").text for t in texts)


def graph_node(driver: WebDriver, asset_name: str) -> WebElement | None:
    """The full-detail asset node in a lineage graph (its name box carries the full name)."""
    found = driver.find_elements(
        By.XPATH,
        f"//div[@data-tooltip='{asset_name}']/ancestor::div[contains(@class, 'assetNodeBox')][1]",
    )
    return found[0] if found else None


def test_asset_graph_shows_report_and_its_upstream_assets(
    browser: WebDriver, webserver: Webserver, artifacts: Path
) -> None:
    browser.get(f"{webserver.url}/asset-groups")
    wait_for(
        browser,
        artifacts,
        "ui-asset-groups",
        "asset groups",
        page_has("Global asset lineage", "warehouse", "reports", "staging"),
    )
    shoot(browser, artifacts, "ui-asset-groups")

    browser.get(
        f"{webserver.url}/assets/reports/pilot_report?view=lineage&lineageScope=upstream"
        "&lineageDepth=1"
    )
    wait_for(
        browser,
        artifacts,
        "ui-asset-graph",
        "report node marked Materialized",
        lambda d: (n := graph_node(d, "pilot_report")) and "Materialized" in n.text,
    )
    for upstream in ("fct_school_pilot_status", "fct_graduation", "dim_school"):
        assert graph_node(browser, upstream) is not None, f"{upstream} missing from the graph"
    shot = shoot(browser, artifacts, "ui-asset-graph")
    assert shot.stat().st_size > 20_000, "the asset graph screenshot looks blank"


def test_report_page_shows_latest_materialization_and_charts(
    browser: WebDriver, webserver: Webserver, built_pipeline: BuiltPipeline, artifacts: Path
) -> None:
    assert built_pipeline.charts >= 5, "the report drew fewer than five charts"
    browser.get(f"{webserver.url}/assets/reports/pilot_report")
    html = str(built_pipeline.report_dir / "pilot_report" / "index.html")
    wait_for(
        browser,
        artifacts,
        "ui-pilot-report",
        "latest materialization and its metadata",
        page_has("Latest materialization", "charts", "figures", html),
    )
    shoot(browser, artifacts, "ui-pilot-report")

    # The report markdown opens in a dialog; its charts are inline PNGs, rendered by the UI.
    browser.find_element(
        By.XPATH,
        "//tr[td[normalize-space()='report']]//*[normalize-space(text())='[Show Markdown]']",
    ).click()

    def charts_rendered(d: WebDriver) -> list[WebElement] | bool:
        found = d.find_elements(By.CSS_SELECTOR, "[role=dialog] img[src^='data:image/png;base64,']")
        return found if len(found) >= built_pipeline.charts else False

    images = wait_for(browser, artifacts, "ui-pilot-report-charts", "the charts", charts_rendered)
    assert len(images) == built_pipeline.charts
    assert all(img.get_property("naturalWidth") > 300 for img in images), "a chart did not decode"
    shoot(browser, artifacts, "ui-pilot-report-charts")


def test_crosswalk_check_shows_passed(
    browser: WebDriver, webserver: Webserver, artifacts: Path
) -> None:
    browser.get(f"{webserver.url}/assets/staging/stg_pilot_roster_crosswalk?view=checks")
    wait_for(
        browser,
        artifacts,
        "ui-crosswalk-check",
        "the passed crosswalk check",
        page_has("crosswalk_resolves_every_roster_entry", "Passed", "roster_entries"),
    )
    shoot(browser, artifacts, "ui-crosswalk-check")
