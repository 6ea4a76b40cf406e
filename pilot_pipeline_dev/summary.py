"""A short pilot vs non-pilot summary printed at the end of `make demo`: schools by status per
year, pilot schools by level in 2021-22, and a few headline figures per bi view (the report and
the views hold the rest)."""

from __future__ import annotations

import os

import pandas as pd

from pilot_pipeline.resources import DEFAULT_WAREHOUSE_URL
from pilot_pipeline.resources.warehouse import WarehouseResource

FOCUS_YEAR = 2022  # 2021-22, the report's year

# Group sizes as the bi views compare them: non-pilot excludes the schools the views do not
# compare (independent charters), which fct_school_pilot_status still lists.
PILOT_COUNTS = """
SELECT
    school_year_label AS school_year,
    sum(CASE WHEN comparison_group = 'pilot' THEN 1 ELSE 0 END) AS pilot_compared,
    sum(CASE WHEN comparison_group = 'non-pilot' THEN 1 ELSE 0 END) AS non_pilot_compared,
    sum(CASE WHEN comparison_group IS NULL THEN 1 ELSE 0 END) AS not_compared
FROM bi.vw_school_pilot_status
GROUP BY school_year_label
ORDER BY school_year_label
"""

EXCLUSIONS = """
SELECT exclusion_reason, count(*) AS schools
FROM bi.vw_school_pilot_status
WHERE comparison_group IS NULL AND school_year = :school_year
GROUP BY exclusion_reason
ORDER BY exclusion_reason
"""

SYNTHETIC_NOTE = (
    "NOTE: the sample mirror's figures are SYNTHETIC (only the CDE directory rows are real):\n"
    "they show that the pipeline works, not how pilot schools compare. Real figures come from\n"
    "a run against the public hosts (docs/operating.md)."
)

PILOT_LEVELS = """
SELECT school.school_level, count(*) AS pilot_schools
FROM warehouse.fct_school_pilot_status AS status
INNER JOIN warehouse.dim_school AS school ON status.school_key = school.school_key
WHERE status.is_pilot AND status.school_year = :school_year
GROUP BY school.school_level
ORDER BY school.school_level
"""

# One headline per view: (view, query returning figure, comparison_group, value).
HEADLINES: tuple[tuple[str, str], ...] = (
    (
        "bi.vw_pilot_demographics",
        "SELECT student_group_name || ' share, ' || school_year_label AS figure, "
        "comparison_group, share_of_students_pct AS value FROM bi.vw_pilot_demographics "
        "WHERE school_year = :y AND is_preferred_source "
        "AND student_group_code IN ('sed', 'el', 'swd')",
    ),
    (
        "bi.vw_pilot_graduation",
        "SELECT 'graduation rate, class of ' || school_year_label AS figure, comparison_group, "
        "graduation_rate_pct AS value FROM bi.vw_pilot_graduation "
        "WHERE student_group_code = 'all'",
    ),
    (
        "bi.vw_pilot_early_literacy",
        "SELECT 'at benchmark, grade ' || grade || ', ' || school_year_label AS figure, "
        "comparison_group, at_or_above_benchmark_pct AS value FROM bi.vw_pilot_early_literacy "
        "WHERE school_year = :y",
    ),
    (
        "bi.vw_pilot_survey_summary",
        "SELECT respondent_group || ' items agreed more, ' || school_year_label AS figure, "
        "comparison_group, items_higher AS value FROM bi.vw_pilot_survey_summary "
        "WHERE school_year = :y",
    ),
)


def headlines(warehouse: WarehouseResource, year: int = FOCUS_YEAR) -> pd.DataFrame:
    """view x figure -> pilot, non-pilot (a view not built yet or empty says so)."""
    existing = set(warehouse.list_tables(["bi"]))
    frames = []
    for view, query in HEADLINES:
        rows = warehouse.read_frame(query, {"y": year}) if view in existing else pd.DataFrame()
        if rows.empty:
            frames.append(pd.DataFrame([{"view": view, "figure": "no data yet"}]))
            continue
        wide = rows.pivot_table(
            index="figure", columns="comparison_group", values="value", aggfunc="first"
        )
        frames.append(wide.reset_index().assign(view=view))
    table = pd.concat(frames, ignore_index=True)
    columns = ["view", "figure", *(g for g in ("pilot", "non-pilot") if g in table.columns)]
    return table[columns].round(1)


def print_summary(
    url: str | None = None, *, synthetic: bool = False, report: str | None = None
) -> None:
    """Print the summary; `synthetic` when the data came from the sample mirror, `report` the
    path of the HTML report the run wrote."""
    warehouse = WarehouseResource(
        url=url or os.environ.get("PILOT_WAREHOUSE_URL", DEFAULT_WAREHOUSE_URL)
    )
    if synthetic:
        print(SYNTHETIC_NOTE + "\n")
    print("LAUSD schools per comparison group (bi.vw_school_pilot_status; the bi views compare")
    print("pilot with non-pilot = district schools and affiliated charters):")
    print(warehouse.read_frame(PILOT_COUNTS).to_markdown(index=False))
    excluded = warehouse.read_frame(EXCLUSIONS, {"school_year": FOCUS_YEAR})
    if not excluded.empty:
        print("\nNot compared in 2021-22 (counted in the warehouse, left out of the bi views):")
        print(excluded.to_markdown(index=False))
    print("\nPilot schools by level, 2021-22:")
    levels = warehouse.read_frame(PILOT_LEVELS, {"school_year": FOCUS_YEAR})
    print(levels.to_markdown(index=False))
    print("\nHeadline figures, pilot vs non-pilot (%, or items; the report has the rest):")
    print(headlines(warehouse).to_markdown(index=False, missingval="-"))
    if report:
        print(f"\nreport: {report}")
