"""Chart builders for the CDE-sourced views: school counts, demographics, graduation and A-G.

Each builder takes the view's rows and the focus school year (spring year) and returns its
charts; the numbers drawn travel with the chart (`Chart.data`) into the HTML page and the
Dagster metadata, so a reader can check every bar.
"""

from __future__ import annotations

import math

import pandas as pd

from pilot_pipeline.partitions import year_label

from .model import Chart, Exclusions
from .style import COLORS, GROUPS, finish, grouped_bars, grouped_hbars, new_figure

LEVELS = ("Elementary", "Middle", "High", "Span", "Other")
ALL_STUDENTS = "all"

SCHOOL_COUNTS_COLUMNS = (
    "school_year",
    "comparison_group",
    "school_level",
    "schools",
    "schools_in_comparison_group",
    "schools_excluded_independent_charter",
    "schools_excluded_charter_unknown_funding",
)
DEMOGRAPHICS_COLUMNS = (
    "school_year",
    "comparison_group",
    "student_group_code",
    "student_group_name",
    "student_group_category",
    "share_of_students_pct",
    "is_preferred_source",
    "schools_excluded_suppressed",
    "schools_excluded_missing",
    "students_excluded_suppressed",
)
# The report's comparison: race/ethnicity on one panel, need and language on the other.
PROGRAM_GROUPS = ("sed", "frpm", "el", "ltel", "swd")
GRADUATION_COLUMNS = (
    "school_year",
    "school_year_label",
    "comparison_group",
    "student_group_code",
    "cohort_students",
    "schools_excluded_suppressed",
    "schools_excluded_missing",
    "students_excluded_suppressed",
    "graduation_rate_pct",
    "ag_rate_among_graduates_pct",
    "ag_rate_among_cohort_pct",
)


def number(value: object) -> float | None:
    """A plottable number, or None for NULL/NaN (suppressed or not computable)."""
    if value is None or value is pd.NA:
        return None
    f = float(value)  # type: ignore[arg-type]
    return None if math.isnan(f) else f


def total(frame: pd.DataFrame, *columns: str) -> int:
    return int(sum(pd.to_numeric(frame[c], errors="coerce").fillna(0).sum() for c in columns))


def pick_year(frame: pd.DataFrame, focus_year: int) -> int:
    """The focus year when the view has it, else the latest year it has."""
    years = set(pd.to_numeric(frame["school_year"]).astype(int))
    return focus_year if focus_year in years else max(years)


def school_counts(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """Figure 1: pilot schools by level, and each group's mix of levels, in one school year."""
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year]
    counts = rows.pivot_table(
        index="school_level", columns="comparison_group", values="schools", aggfunc="sum"
    )
    counts = counts.reindex(columns=list(GROUPS)).fillna(0).astype(int)
    levels = [lvl for lvl in LEVELS if lvl in counts.index and counts.loc[lvl].sum() > 0]
    counts = counts.reindex(levels)
    totals = counts.sum()
    shares = counts.div(totals.where(totals > 0)).mul(100)

    fig, (left, right) = new_figure(ncols=2, width=9)
    grouped_bars(left, levels, {"pilot": counts["pilot"].tolist()}, value_format="{:.0f}")
    left.set_title(f"Pilot schools ({int(totals['pilot'])})", fontsize=9)
    left.set_ylabel("schools")
    grouped_bars(
        right, levels, {g: [number(v) for v in shares[g]] for g in GROUPS}, value_format="{:.0f}%"
    )
    right.set_title("Share of each group's schools by level", fontsize=9)
    right.set_ylabel("% of schools")
    label = year_label(year)
    finish(fig, f"Pilot schools by level, {label}")
    data = pd.DataFrame(
        {
            "school_level": levels,
            "pilot_schools": counts["pilot"].tolist(),
            "non_pilot_schools": counts["non-pilot"].tolist(),
            "pilot_pct": shares["pilot"].round(1).tolist(),
            "non_pilot_pct": shares["non-pilot"].round(1).tolist(),
        }
    )
    excluded = total(
        rows, "schools_excluded_independent_charter", "schools_excluded_charter_unknown_funding"
    )
    return [
        Chart(
            slug="pilot_schools_by_level",
            title=f"Pilot schools by level, {label}",
            view="bi.vw_pilot_school_counts",
            figure=fig,
            data=data,
            exclusions=Exclusions(
                excluded, None, label, reason="governance (independent or unknown-funding charters)"
            ),
            note="Counts of schools are never suppressed.",
        )
    ]


def demographics(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """Share of students by race/ethnicity and by need/language, pilot vs non-pilot."""
    year = pick_year(frame, focus_year)
    rows = frame[(frame["school_year"] == year) & frame["is_preferred_source"].fillna(False)]
    if rows.empty:
        return []
    wide = rows.pivot_table(
        index=["student_group_code", "student_group_name", "student_group_category"],
        columns="comparison_group",
        values="share_of_students_pct",
        aggfunc="first",
    ).reindex(columns=list(GROUPS))
    wide = wide.reset_index().set_index("student_group_code")
    race = wide[wide["student_group_category"] == "race_ethnicity"].sort_values(
        "pilot", ascending=False
    )
    programs = wide.reindex([c for c in PROGRAM_GROUPS if c in wide.index])

    fig, (left, right) = new_figure(ncols=2, width=10)
    for ax, part, title in ((left, race, "Race/ethnicity"), (right, programs, "Need and language")):
        series = {g: [number(v) for v in part[g]] for g in GROUPS}
        grouped_hbars(ax, part["student_group_name"].tolist(), series)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("% of students")
    label = year_label(year)
    finish(fig, f"Students served, pilot vs non-pilot, {label}")
    shown = rows[rows["student_group_code"].isin([*race.index, *programs.index])]
    worst = shown.assign(
        schools=shown["schools_excluded_suppressed"].fillna(0)
        + shown["schools_excluded_missing"].fillna(0)
    ).sort_values("schools", ascending=False)
    data = shown[
        [
            "student_group_name",
            "comparison_group",
            "share_of_students_pct",
            "schools_excluded_suppressed",
            "students_excluded_suppressed",
        ]
    ].sort_values(["student_group_name", "comparison_group"])
    return [
        Chart(
            slug="demographics",
            title=f"Students served, pilot vs non-pilot, {label}",
            view="bi.vw_pilot_demographics",
            figure=fig,
            data=data,
            exclusions=Exclusions(
                int(worst["schools"].iloc[0]) if len(worst) else 0,
                total(worst.head(1), "students_excluded_suppressed"),
                f"{label}, the most-affected group and comparison group shown; "
                "the figures table lists every group",
            ),
            note="Weighted by students; one preferred source per group and year.",
        )
    ]


NO_DATA = "(no data)"


def by_year(rows: pd.DataFrame, column: str) -> tuple[list[str], dict[str, list[float | None]]]:
    """Year labels and one value list per comparison group, for grouped bars. A year between
    the first and the last without rows stays on the axis, marked, so a gap is never hidden."""
    wide = rows.pivot_table(
        index="school_year", columns="comparison_group", values=column, aggfunc="first"
    )
    years = pd.to_numeric(wide.index).astype(int)
    every = range(int(years.min()), int(years.max()) + 1) if len(years) else range(0)
    wide = wide.reindex(list(every))
    labels = [year_label(y) if y in set(years) else f"{year_label(y)}\n{NO_DATA}" for y in every]
    return labels, {g: [number(v) for v in wide.get(g, [None] * len(wide))] for g in GROUPS}


def missing_years(labels: list[str]) -> str:
    """A caption sentence naming the years the axis shows without data ('' when none)."""
    gaps = [label.split("\n")[0] for label in labels if label.endswith(NO_DATA)]
    return f" No data for {', '.join(gaps)} (not published or not loaded)." if gaps else ""


def _graduation_exclusions(rows: pd.DataFrame) -> Exclusions:
    years = sorted(set(rows["school_year_label"]))
    scope = f"summed over cohort years {years[0]} to {years[-1]}" if years else "no years"
    return Exclusions(
        total(rows, "schools_excluded_suppressed", "schools_excluded_missing"),
        total(rows, "students_excluded_suppressed"),
        scope,
    )


def graduation(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """4-year cohort graduation rate, and A-G rates, by cohort year, all students."""
    rows = frame[frame["student_group_code"] == ALL_STUDENTS]
    if rows.empty:
        return []
    excluded = _graduation_exclusions(rows)
    view = "bi.vw_pilot_graduation"
    columns = ["school_year_label", "comparison_group", "cohort_students"]

    years, series = by_year(rows, "graduation_rate_pct")
    fig, (ax,) = new_figure()
    grouped_bars(ax, years, series)
    ax.set_ylabel("% of cohort graduating in 4 years")
    ax.set_xlabel("cohort graduation year")
    finish(fig, "Four-year cohort graduation rate")
    grad = Chart(
        slug="graduation_rate",
        title="Four-year cohort graduation rate",
        view=view,
        figure=fig,
        data=rows[[*columns, "graduation_rate_pct"]].sort_values(columns[:2]),
        exclusions=excluded,
        note="Weighted by students: graduates / cohort over the schools with all counts known."
        + missing_years(years),
    )

    fig, (among_grads, among_cohort) = new_figure(ncols=2, width=9)
    years, series = by_year(rows, "ag_rate_among_graduates_pct")
    grouped_bars(among_grads, years, series)
    among_grads.set_title("among graduates (CDE definition)", fontsize=9)
    among_grads.set_ylabel("% meeting UC/CSU (A-G)")
    years, series = by_year(rows, "ag_rate_among_cohort_pct")
    grouped_bars(among_cohort, years, series)
    among_cohort.set_title("among the whole cohort", fontsize=9)
    finish(fig, "A-G (met UC/CSU requirements) rate")
    ag = Chart(
        slug="ag_rate",
        title="A-G (met UC/CSU requirements) rate",
        view=view,
        figure=fig,
        data=rows[
            [*columns, "ag_rate_among_graduates_pct", "ag_rate_among_cohort_pct"]
        ].sort_values(columns[:2]),
        exclusions=excluded,
    )
    return [grad, ag]


__all__ = ["COLORS", "by_year", "demographics", "graduation", "missing_years", "school_counts"]
