"""What a report section produces: charts with captions, or a "no data yet" note."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from matplotlib.figure import Figure


class ReportError(ValueError):
    """A view the report reads does not match what its section expects."""


@dataclass(frozen=True)
class Exclusions:
    """Schools and students a chart leaves out for suppression or missing data."""

    schools: int | None
    students: int | None
    scope: str  # e.g. "2021-22" or "cohort years 2020-2022"
    reason: str = "suppression or missing data"
    people: str = "student"  # what `students` counts, e.g. "respondent"

    def sentence(self) -> str:
        parts = []
        if self.schools is not None:
            parts.append(f"{self.schools:,} school{'s' if self.schools != 1 else ''}")
        if self.students is not None:
            parts.append(f"{self.students:,} {self.people}{'s' if self.students != 1 else ''}")
        if not parts:
            return f"The view does not count what it excludes for {self.reason} ({self.scope})."
        return f"Excluded for {self.reason} ({self.scope}): {' and '.join(parts)}."


@dataclass(frozen=True)
class Chart:
    """One figure: its PNG file stem, title, source view, exclusions and the numbers drawn."""

    slug: str
    title: str
    view: str
    figure: Figure
    data: pd.DataFrame
    exclusions: Exclusions
    note: str = ""

    @property
    def caption(self) -> str:
        note = f" {self.note}" if self.note else ""
        return f"Source: {self.view}.{note} {self.exclusions.sentence()}"


@dataclass(frozen=True)
class SectionResult:
    """A rendered section: its charts, or why it has none yet."""

    key: str
    title: str
    view: str
    charts: list[Chart] = field(default_factory=list)
    missing: str = ""  # non-empty: the "no data yet" sentence shown instead of charts
