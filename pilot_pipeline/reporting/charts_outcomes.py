"""Chart builders for the outcome views: assessment, attendance, discipline, English learners,
and the like-for-like (matched) comparison beside the blunt one."""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import year_label

from .charts import ALL_STUDENTS, by_year, missing_years, number, pick_year, total
from .model import Chart, Exclusions
from .style import GROUPS, finish, grouped_bars, grouped_hbars, new_figure

COVERAGE = (
    "schools_excluded_suppressed",
    "schools_excluded_missing",
    "students_excluded_suppressed",
)
ASSESSMENT_COLUMNS = (
    "school_year",
    "school_year_label",
    "comparison_group",
    "test",
    "grade_band",
    "student_group_code",
    "students_tested",
    "met_or_exceeded_pct",
    *COVERAGE,
)
CHRONIC_ABSENTEEISM_COLUMNS = (
    "school_year",
    "school_year_label",
    "comparison_group",
    "student_group_code",
    "chronic_absenteeism_rate_pct",
    *COVERAGE,
)
SUSPENSION_COLUMNS = (
    "school_year",
    "school_year_label",
    "comparison_group",
    "student_group_code",
    "suspension_rate_pct",
    *COVERAGE,
)
ENGLISH_LEARNER_COLUMNS = (
    "school_year",
    "comparison_group",
    "measure",
    "source",
    "share_of",
    "share_pct",
    *COVERAGE,
)
MATCHED_COLUMNS = (
    "school_year",
    "measure",
    "pilots_in_comparison_group",
    "pilots_matched",
    "all_pilot_pct",
    "matched_pilot_pct",
    "matched_non_pilot_pct",
    "all_non_pilot_pct",
)
EL_MEASURES = {
    "el": "English learners",
    "rfep": "Reclassified (RFEP)",
    "newcomer": "Newcomers",
    "ltel": "Long-term EL (of ELs)",
    "at_risk_ltel": "At risk of LTEL (of ELs)",
}
MATCHED_MEASURES = {
    "sed_pct": "Socioecon. disadvantaged (balance)",
    "el_pct": "English learners (balance)",
    "swd_pct": "With disabilities (balance)",
    "graduation_rate_pct": "Graduation rate",
    "ag_rate_among_cohort_pct": "A-G rate (cohort)",
    "ela_met_or_exceeded_pct": "ELA met or exceeded",
    "math_met_or_exceeded_pct": "Math met or exceeded",
    "chronic_absenteeism_rate_pct": "Chronic absenteeism",
    "suspension_rate_pct": "Suspension rate",
}
MATCHED_SERIES = {
    "all pilots": ("all_pilot_pct", "#7fb0d6"),
    "matched pilots": ("matched_pilot_pct", "#1b6ca8"),
    "matched non-pilots": ("matched_non_pilot_pct", "#5a5a5a"),
    "all non-pilots": ("all_non_pilot_pct", "#a0a0a0"),
}


def _exclusions(rows: pd.DataFrame, scope: str) -> Exclusions:
    return Exclusions(
        total(rows, "schools_excluded_suppressed", "schools_excluded_missing"),
        total(rows, "students_excluded_suppressed"),
        scope,
    )


def _scope(rows: pd.DataFrame) -> str:
    years = sorted(set(pd.to_numeric(rows["school_year"]).astype(int)))
    return f"summed over {year_label(years[0])} to {year_label(years[-1])}" if years else ""


def _rate_by_year(
    frame: pd.DataFrame, column: str, *, slug: str, title: str, view: str, ylabel: str, note: str
) -> list[Chart]:
    rows = frame[frame["student_group_code"] == ALL_STUDENTS]
    if rows.empty:
        return []
    years, series = by_year(rows, column)
    fig, (ax,) = new_figure()
    grouped_bars(ax, years, series)
    ax.set_ylabel(ylabel)
    finish(fig, title)
    data = rows[["school_year_label", "comparison_group", column]].sort_values(
        ["school_year_label", "comparison_group"]
    )
    return [
        Chart(
            slug,
            title,
            view,
            fig,
            data,
            _exclusions(rows, _scope(rows)),
            note + missing_years(years),
        )
    ]


def assessment(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """Share meeting or exceeding the standard, ELA and mathematics, all grades, by year."""
    rows = frame[(frame["student_group_code"] == ALL_STUDENTS) & (frame["grade_band"] == "all")]
    if rows.empty:
        return []
    fig, axes = new_figure(ncols=2, width=10)
    labels: list[str] = []
    for ax, test, name in zip(axes, ("ela", "math"), ("ELA", "Mathematics"), strict=True):
        part = rows[rows["test"] == test]
        if part.empty:
            continue
        labels, series = by_year(part, "met_or_exceeded_pct")
        grouped_bars(ax, labels, series)
        ax.set_title(name, fontsize=9)
        ax.set_ylabel("% met or exceeded standard")
    title = "CAASPP: students meeting or exceeding the standard"
    finish(fig, title)
    data = rows[
        ["school_year_label", "test", "comparison_group", "students_tested", "met_or_exceeded_pct"]
    ].sort_values(["school_year_label", "test", "comparison_group"])
    note = "All grades tested, weighted by students tested." + missing_years(labels)
    return [
        Chart(
            "assessment",
            title,
            "bi.vw_pilot_assessment",
            fig,
            data,
            _exclusions(rows, _scope(rows)),
            note,
        )
    ]


def chronic_absenteeism(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    return _rate_by_year(
        frame,
        "chronic_absenteeism_rate_pct",
        slug="chronic_absenteeism",
        title="Chronic absenteeism rate",
        view="bi.vw_pilot_chronic_absenteeism",
        ylabel="% of eligible students",
        note="Weighted by students: chronically absent / eligible enrollment.",
    )


def suspension(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    return _rate_by_year(
        frame,
        "suspension_rate_pct",
        slug="suspension",
        title="Suspension rate",
        view="bi.vw_pilot_suspension",
        ylabel="% of students suspended at least once",
        note="Weighted by students: students suspended / cumulative enrollment.",
    )


def english_learners(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """English learner, reclassified, newcomer and LTEL shares in one school year."""
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year]
    wide = rows.pivot_table(
        index="measure", columns="comparison_group", values="share_pct", aggfunc="first"
    ).reindex(columns=list(GROUPS))
    shown = [m for m in EL_MEASURES if m in wide.index]
    if not shown:
        return []
    fig, (ax,) = new_figure(width=8)
    series = {g: [number(v) for v in wide.loc[shown, g]] for g in GROUPS}
    grouped_hbars(ax, [EL_MEASURES[m] for m in shown], series)
    ax.set_xlabel("% of students (LTEL and at-risk: % of English learners)")
    label = year_label(year)
    title = f"English learners, {label}"
    finish(fig, title)
    data = rows[["measure", "source", "share_of", "comparison_group", "share_pct"]].sort_values(
        ["measure", "comparison_group"]
    )
    return [
        Chart(
            "english_learners",
            title,
            "bi.vw_pilot_english_learners",
            fig,
            data,
            _exclusions(rows, label),
            "No ingested file publishes an annual reclassification rate; RFEP is the share "
            "of students already reclassified.",
        )
    ]


def matched_comparison(frame: pd.DataFrame, focus_year: int) -> list[Chart]:
    """Pilots beside their like-for-like group and beside all non-pilots, one school year."""
    year = pick_year(frame, focus_year)
    rows = frame[frame["school_year"] == year].set_index("measure")
    shown = [m for m in MATCHED_MEASURES if m in rows.index]
    if not shown or not rows["pilots_matched"].fillna(0).max():
        return []
    fig, (ax,) = new_figure(width=9)
    series = {
        name: [number(rows.loc[m, col]) for m in shown] for name, (col, _) in MATCHED_SERIES.items()
    }
    colors = {name: color for name, (_, color) in MATCHED_SERIES.items()}
    grouped_hbars(ax, [MATCHED_MEASURES[m] for m in shown], series, colors=colors)
    ax.set_xlabel("%")
    label = year_label(year)
    title = f"Like-for-like: pilots vs matched non-pilots, {label}"
    finish(fig, title)
    pilots = int(rows["pilots_matched"].max())
    data = rows.loc[shown, [c for c, _ in MATCHED_SERIES.values()]].reset_index()
    return [
        Chart(
            "matched_comparison",
            title,
            "bi.vw_pilot_matched_comparison",
            fig,
            data,
            Exclusions(
                int(rows["pilots_in_comparison_group"].max()) - pilots,
                None,
                label,
                reason="no non-pilot school of their level near enough (pilot schools)",
            ),
            f"{pilots} pilot schools matched to non-pilot schools of the same level with the "
            "nearest demographic shares (docs/matched_comparison.md); the first three rows show "
            "the balance the matching achieved. A gap describes, it does not prove an effect.",
        )
    ]
