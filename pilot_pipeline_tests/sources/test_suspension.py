"""Suspension-specific checks; the shared code path is tested in test_chronic_absenteeism.py."""

from __future__ import annotations

import pandas as pd
import pytest

from pilot_pipeline.sources import suspension
from pilot_pipeline.sources.base import ParseContext
from pilot_pipeline_dev import MIRROR_FILES_DIR

HOST = MIRROR_FILES_DIR / "www3.cde.ca.gov" / "demo-downloads" / "discipline"
SAMPLES = [("2020-21", "suspension21.txt"), ("2021-22", "suspension22-v2.txt")]
REASONS = [
    c for c in suspension.COLUMNS if c.startswith("suspensions_") and not c.endswith("_suppressed")
]


def _parse(year: str, name: str, scope: str = "lausd") -> pd.DataFrame:
    ctx = ParseContext("suspension", year, name, "0" * 64, scope)
    return suspension.SOURCE.parse((HOST / name).read_bytes(), ctx)


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_reason_counts_add_up_to_total_suspensions(year: str, name: str) -> None:
    frame = _parse(year, name)
    shown = frame[~frame["total_suspensions_suppressed"]]
    assert (shown[REASONS].sum(axis=1) == shown["total_suspensions"]).all()


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_rate_is_published_percent_of_students_suspended(year: str, name: str) -> None:
    frame = _parse(year, name)
    shown = frame[~frame["suspension_rate_suppressed"] & frame["cumulative_enrollment"].gt(0)]
    expected = (
        shown["unduplicated_students_suspended"] / shown["cumulative_enrollment"] * 100
    ).round(1)
    assert (shown["suspension_rate"] - expected).abs().max() <= 0.051
    assert shown["suspension_rate"].between(0, 100).all()


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_every_school_has_a_total_row_once(year: str, name: str) -> None:
    frame = _parse(year, name, "statewide")
    totals = frame[frame["student_group_code"] == "all"]
    assert totals["cds_code"].is_unique
    assert len(totals) == frame["cds_code"].nunique()


def test_url_table_is_explicit() -> None:
    assert suspension.URLS["2024-25"].endswith("/discipline/suspension25-v2.txt")
    assert suspension.URLS["2018-19"].endswith("/discipline/suspension19.txt")
    assert len(set(suspension.URLS.values())) == len(suspension.URLS)
