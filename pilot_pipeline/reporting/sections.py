"""The report's sections, in order: one `bi` view each, drawn by a builder in `charts*.py`.

A view that does not exist yet (its SQL not written, or the warehouse not set up) or that has
no rows makes its section a "no data yet" note; a view that exists but lacks a column a
builder needs is an error naming the view and the columns, because that is a broken contract,
not missing data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from pilot_pipeline.resources.warehouse import WarehouseResource

from . import charts, charts_lausd, charts_outcomes
from .model import Chart, ReportError, SectionResult

Builder = Callable[[pd.DataFrame, int], list[Chart]]

__all__ = ["SECTIONS", "ReportError", "Section", "build_sections"]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    view: str
    required: tuple[str, ...]  # columns the builder reads
    build: Builder


SECTIONS: tuple[Section, ...] = (
    Section(
        "school_counts",
        "Pilot schools by level",
        "bi.vw_pilot_school_counts",
        charts.SCHOOL_COUNTS_COLUMNS,
        charts.school_counts,
    ),
    Section(
        "demographics",
        "Students: pilot vs non-pilot",
        "bi.vw_pilot_demographics",
        charts.DEMOGRAPHICS_COLUMNS,
        charts.demographics,
    ),
    Section(
        "graduation",
        "Graduation and A-G",
        "bi.vw_pilot_graduation",
        charts.GRADUATION_COLUMNS,
        charts.graduation,
    ),
    Section(
        "assessment",
        "CAASPP: ELA and mathematics",
        "bi.vw_pilot_assessment",
        charts_outcomes.ASSESSMENT_COLUMNS,
        charts_outcomes.assessment,
    ),
    Section(
        "chronic_absenteeism",
        "Chronic absenteeism",
        "bi.vw_pilot_chronic_absenteeism",
        charts_outcomes.CHRONIC_ABSENTEEISM_COLUMNS,
        charts_outcomes.chronic_absenteeism,
    ),
    Section(
        "suspension",
        "Suspension",
        "bi.vw_pilot_suspension",
        charts_outcomes.SUSPENSION_COLUMNS,
        charts_outcomes.suspension,
    ),
    Section(
        "english_learners",
        "English learners",
        "bi.vw_pilot_english_learners",
        charts_outcomes.ENGLISH_LEARNER_COLUMNS,
        charts_outcomes.english_learners,
    ),
    Section(
        "matched_comparison",
        "Like for like: matched comparison",
        "bi.vw_pilot_matched_comparison",
        charts_outcomes.MATCHED_COLUMNS,
        charts_outcomes.matched_comparison,
    ),
    Section(
        "early_literacy",
        "Early literacy (K-2)",
        "bi.vw_pilot_early_literacy",
        charts_lausd.EARLY_LITERACY_COLUMNS,
        charts_lausd.early_literacy,
    ),
    Section(
        "survey",
        "School Experience Survey",
        "bi.vw_pilot_survey",
        charts_lausd.SURVEY_COLUMNS,
        charts_lausd.survey,
    ),
)


def read_view(warehouse: WarehouseResource, view: str, existing: set[str]) -> pd.DataFrame | None:
    """All rows of a `bi` view, or None when the view does not exist."""
    if view not in existing:
        return None
    # `view` is one of the fixed names above and was just found in the catalog.
    return warehouse.read_frame(f"SELECT * FROM {view}")  # noqa: S608


def build_section(section: Section, frame: pd.DataFrame | None, focus_year: int) -> SectionResult:
    """Draw one section from its view's rows (None: the view does not exist)."""
    if frame is None or frame.empty:
        state = "does not exist yet" if frame is None else "has no rows yet"
        return SectionResult(
            section.key,
            section.title,
            section.view,
            missing=f"No data yet: {section.view} {state}.",
        )
    missing = [c for c in section.required if c not in frame.columns]
    if missing:
        raise ReportError(
            f"{section.view} lacks the columns {missing} that the '{section.title}' section "
            f"reads; it has {sorted(frame.columns)}"
        )
    charts_ = section.build(frame, focus_year)
    if not charts_:
        return SectionResult(
            section.key,
            section.title,
            section.view,
            missing=f"No data yet: {section.view} has no rows to compare pilot and non-pilot.",
        )
    return SectionResult(section.key, section.title, section.view, charts=charts_)


def build_sections(
    warehouse: WarehouseResource, focus_year: int, sections: Sequence[Section] = SECTIONS
) -> list[SectionResult]:
    """Every section, in report order."""
    existing = set(warehouse.list_tables(["bi"]))
    return [build_section(s, read_view(warehouse, s.view, existing), focus_year) for s in sections]
