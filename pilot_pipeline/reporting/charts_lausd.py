"""Chart builders for the LAUSD-sourced views: early literacy (K-2) and the survey.

Both views follow sql/views/README.md: `comparison_group` 'pilot' / 'non-pilot', the coverage
counts, and student-weighted `_pct` rates.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import year_label

from .charts import number, pick_year, total
from .model import Chart, Exclusions
from .style import COLORS, GROUPS, finish, grouped_bars, new_figure

# Source grade codes -> the report's labels, in report order.
GRADES = {"KN": "K", "K": "K", "TK": None, "01": "1", "1": "1", "02": "2", "2": "2"}
GRADE_ORDER = ("K", "1", "2")
COVERAGE = (
    "schools_excluded_suppressed",
    "schools_excluded_missing",
    "students_excluded_suppressed",
)
EARLY_LITERACY_COLUMNS = (
    "school_year", "comparison_group", "grade", "students_assessed", "at_or_above_benchmark",
    "at_or_above_benchmark_pct", *COVERAGE,
)  # fmt: skip
SURVEY_COLUMNS = (
    "school_year", "comparison_group", "respondent_group", "item_id", "higher_group", *COVERAGE,
)  # fmt: skip


def early_literacy(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """% of students at or above the benchmark, by grade K, 1, 2, pilot vs non-pilot."""
    view = "bi.vw_pilot_early_literacy"
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year].assign(
        group=lambda f: f["comparison_group"].astype("string"),
        grade_label=lambda f: f["grade"].astype("string").str.upper().map(GRADES),
    )
    rows = rows[rows["grade_label"].isin(GRADE_ORDER) & rows["group"].isin(GROUPS)]
    if rows.empty:
        return []
    wide = rows.pivot_table(
        index="grade_label", columns="group", values="at_or_above_benchmark_pct", aggfunc="first"
    ).reindex(index=[g for g in GRADE_ORDER if g in set(rows["grade_label"])], columns=GROUPS)
    fig, (ax,) = new_figure()
    series = {g: [number(v) for v in wide[g]] for g in GROUPS}
    grouped_bars(ax, [f"grade {g}" for g in wide.index], series)
    ax.set_ylabel("% at or above benchmark")
    label = year_label(year)
    finish(fig, f"Early literacy: at or above benchmark, {label}")
    schools = total(rows, "schools_excluded_suppressed", "schools_excluded_missing")
    students = total(rows, "students_excluded_suppressed")
    measures = ["students_assessed", "at_or_above_benchmark", "at_or_above_benchmark_pct"]
    data = rows[["grade_label", "group", *measures]]
    return [
        Chart(
            slug="early_literacy",
            title=f"Early literacy: at or above benchmark, {label}",
            view=view,
            figure=fig,
            data=data.sort_values(["grade_label", "group"]),
            exclusions=Exclusions(schools, students, f"{label}, school-grade rows, K-2 summed"),
            note="Weighted by students assessed.",
        )
    ]


def survey(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """How many survey items each group agrees with more, by respondent group."""
    view = "bi.vw_pilot_survey"
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year]
    if rows.empty:
        return []
    # One row per comparison group and item: each item's verdict is counted once.
    items = rows.drop_duplicates(["respondent_group", "item_id"]).assign(
        higher=lambda f: f["higher_group"].astype("string").str.replace("_", "-", regex=False)
    )
    counts = items.groupby(["respondent_group", "higher"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[*GROUPS, "tie", "not-comparable"], fill_value=0)
    fig, (ax,) = new_figure()
    grouped_bars(
        ax,
        counts.index.tolist(),
        {f"{g} higher": counts[g].tolist() for g in GROUPS},
        value_format="{:.0f}",
        colors={f"{g} higher": COLORS[g] for g in GROUPS},
    )
    ax.set_ylabel("survey items")
    ax.set_xlabel("respondent group")
    label = year_label(year)
    finish(fig, f"Survey items on which each group agreed more, {label}")
    unmatched = int(counts["tie"].sum() + counts["not-comparable"].sum())
    data = counts.reset_index().rename(columns=lambda c: str(c).replace("-", "_"))
    # Rows are school x item: the item that lost most, per respondent group and comparison
    # group, counts schools (and respondents) once instead of once per item.
    keys = ["respondent_group", "comparison_group"]
    worst = (
        rows.assign(
            excluded=pd.to_numeric(rows["schools_excluded_suppressed"]).fillna(0)
            + pd.to_numeric(rows["schools_excluded_missing"]).fillna(0),
            people=pd.to_numeric(rows["students_excluded_suppressed"]).fillna(0),
        )
        .groupby(keys)[["excluded", "people"]]
        .max()
    )
    schools, respondents = int(worst["excluded"].sum()), int(worst["people"].sum())
    return [
        Chart(
            slug="survey",
            title=f"Survey items on which each group agreed more, {label}",
            view=view,
            figure=fig,
            data=data,
            exclusions=Exclusions(
                schools,
                respondents,
                f"{label}, at the item that lost most, per respondent and comparison group",
                people="respondent",
            ),
            note=f"Agree rates weighted by responses; {unmatched} tied or not comparable "
            "item(s) are in neither bar.",
        )
    ]
