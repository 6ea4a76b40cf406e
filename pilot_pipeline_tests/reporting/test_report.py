"""The pilot report: its charts from the real bi views, and how it degrades and fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
from matplotlib.figure import Figure

from pilot_pipeline import REPO_DIR
from pilot_pipeline.reporting import SECTIONS, Section, build_sections, render_report
from pilot_pipeline.reporting.model import Chart, Exclusions, ReportError, SectionResult
from pilot_pipeline.reporting.sections import build_section
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer

from .pipeline import build_warehouse_and_report

FOCUS_YEAR = 2022


def test_empty_and_missing_views_make_no_data_sections(
    warehouse: WarehouseResource, tmp_path: Path
) -> None:
    """All DDL applied, no rows: every section says so, and a view not created says that."""
    ghost = Section("ghost", "Not built", "bi.vw_pilot_ghost", (), lambda f, y: [])
    sections = build_sections(warehouse, FOCUS_YEAR, [*SECTIONS, ghost])
    assert [s.charts for s in sections] == [[]] * len(sections)
    assert all(s.missing.endswith("has no rows yet.") for s in sections[:-1])
    assert sections[-1].missing == "No data yet: bi.vw_pilot_ghost does not exist yet."

    report = render_report(sections, tmp_path, focus_label="2021-22")
    html = report.html_path.read_text()
    assert report.chart_paths == [] and report.figures.empty
    assert html.count('class="no-data"') == len(sections)
    assert "bi.vw_pilot_graduation has no rows yet" in report.markdown


def test_a_view_without_a_needed_column_is_an_error_naming_it() -> None:
    counts = next(s for s in SECTIONS if s.key == "school_counts")
    frame = pd.DataFrame({"school_year": [2022], "comparison_group": ["pilot"]})
    with pytest.raises(ReportError, match=r"bi\.vw_pilot_school_counts lacks .*'school_level'"):
        build_section(counts, frame, FOCUS_YEAR)


class BrokenFigure(Figure):
    def savefig(self, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")


def test_a_failed_render_leaves_the_previous_report_whole(tmp_path: Path) -> None:
    previous = tmp_path / "pilot_report"
    previous.mkdir()
    (previous / "index.html").write_text("previous report")
    chart = Chart(
        "broken", "Broken", "bi.vw_pilot_graduation", BrokenFigure(), pd.DataFrame(),
        Exclusions(0, 0, "2021-22"),
    )  # fmt: skip
    section = SectionResult("graduation", "Graduation", "bi.vw_pilot_graduation", [chart])
    with pytest.raises(OSError, match="disk full"):
        render_report([section], tmp_path, focus_label="2021-22")
    assert (previous / "index.html").read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pilot_report"]  # no half folder


# Counts, demographics, graduation + A-G, assessment, absenteeism, suspension, English
# learners, matched comparison, early literacy, survey.
CHARTS = 11


def test_report_from_the_real_pipeline_on_postgresql(
    postgres_database: str, tmp_path: Path
) -> None:
    """The pipeline over the loopback mirror into PostgreSQL, then the report asset."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO_DIR / "dagster.yaml", home / "dagster.yaml")
    with MirrorServer() as mirror, dg.DagsterInstance.from_config(str(home)) as instance:
        result = build_warehouse_and_report(
            instance=instance, warehouse_url=postgres_database, mirror_url=mirror.url,
            archive_dir=tmp_path / "raw", report_dir=tmp_path / "reports", years=["2021-22"],
        )  # fmt: skip
    metadata = result.asset_materializations_for_node("reports__pilot_report")[0].metadata
    folder = tmp_path / "reports" / "pilot_report"
    pngs = sorted(p.name for p in folder.glob("*.png"))
    html = (folder / "index.html").read_text()

    assert metadata["charts"].value == len(pngs) == CHARTS
    assert metadata["sections_without_data"].value == 0
    assert metadata["html"].value == str((folder / "index.html").resolve())
    assert all(f'src="{name}"' in html for name in pngs)
    assert all((folder / name).read_bytes().startswith(b"\x89PNG") for name in pngs)
    for view in (
        "school_counts", "demographics", "graduation", "early_literacy", "survey", "assessment",
        "chronic_absenteeism", "suspension", "english_learners", "matched_comparison",
    ):  # fmt: skip
        assert f"Source: bi.vw_pilot_{view}." in html
    # Every caption states what it excluded, or that its view does not count it.
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert len(captions) == CHARTS
    assert all("Excluded for" in c or "does not count" in c for c in captions)
    # The report's Figure 1: 7 elementary, 2 middle, 28 high, 3 span pilot schools in 2021-22.
    assert re.search(r"Elementary</td>\s*<td>7</td>", html)
    assert re.search(r"Middle</td>\s*<td>2</td>", html)
    assert re.search(r"High</td>\s*<td>28</td>", html)
    assert re.search(r"Span</td>\s*<td>3</td>", html)
    # The UI shows the charts: each one is inline in the markdown as a PNG data URI.
    assert metadata["report"].value.count("](data:image/png;base64,iVBORw0KGgo") == CHARTS
    assert "bi.vw_pilot_survey" in metadata["figures"].value
