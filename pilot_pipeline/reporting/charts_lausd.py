"""Chart builders for the LAUSD-sourced views: early literacy (K-2) and the survey."""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import year_label

from .charts import number, pick_year, total
from .model import Chart, Exclusions
from .style import GROUPS, finish, grouped_bars, new_figure

GRADES = ("K", "1", "2")
EARLY_LITERACY_COLUMNS = (
    "school_year",
    "comparison_group",
    "grade",
    "pct_at_or_above_benchmark",
    "schools_excluded_suppressed",
    "schools_excluded_missing",
    "students_excluded_suppressed",
)
SURVEY_COLUMNS = (
    "school_year",
    "respondent_group",
    "item",
    "higher_group",
)


def early_literacy(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """% of students at or above the benchmark, by grade K, 1, 2, pilot vs non-pilot."""
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year].copy()
    rows["grade"] = rows["grade"].astype(str)
    rows = rows[rows["grade"].isin(GRADES)]
    if rows.empty:
        return []
    wide = rows.pivot_table(
        index="grade", columns="comparison_group", values="pct_at_or_above_benchmark"
    ).reindex(index=[g for g in GRADES if g in set(rows["grade"])], columns=list(GROUPS))
    fig, (ax,) = new_figure()
    grouped_bars(
        ax, [f"grade {g}" for g in wide.index], {g: [number(v) for v in wide[g]] for g in GROUPS}
    )
    ax.set_ylabel("% at or above benchmark")
    label = year_label(year)
    finish(fig, f"Early literacy: at or above benchmark, {label}")
    return [
        Chart(
            slug="early_literacy",
            title=f"Early literacy: at or above benchmark, {label}",
            view="bi.vw_pilot_early_literacy",
            figure=fig,
            data=rows[["grade", "comparison_group", "pct_at_or_above_benchmark"]],
            exclusions=Exclusions(
                total(rows, "schools_excluded_suppressed", "schools_excluded_missing"),
                total(rows, "students_excluded_suppressed"),
                f"{label}, grades K-2 summed",
            ),
            note="Weighted by students assessed.",
        )
    ]


def survey(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """How many survey items each group agrees with more, by respondent group."""
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year]
    if rows.empty:
        return []
    counts = (
        rows.groupby(["respondent_group", "higher_group"]).size().unstack(fill_value=0)
    ).reindex(columns=list(GROUPS), fill_value=0)
    fig, (ax,) = new_figure()
    grouped_bars(
        ax,
        counts.index.tolist(),
        {f"{g} higher": counts[g].tolist() for g in GROUPS},
        value_format="{:.0f}",
        colors={"pilot higher": "#1b6ca8", "non-pilot higher": "#a0a0a0"},
    )
    ax.set_ylabel("survey items")
    label = year_label(year)
    finish(fig, f"Survey items where each group agrees more, {label}")
    return [
        Chart(
            slug="survey",
            title=f"Survey items where each group agrees more, {label}",
            view="bi.vw_pilot_survey",
            figure=fig,
            data=counts.reset_index(),
            exclusions=Exclusions(None, None, label),
        )
    ]
