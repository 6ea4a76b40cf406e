"""A short pilot vs non-pilot summary printed at the end of `make demo`: schools by status per
year, pilot schools by level in 2021-22, and a few headline figures per bi view (the report and
the views hold the rest)."""

from __future__ import annotations

import os

import pandas as pd

from pilot_pipeline.resources import DEFAULT_WAREHOUSE_URL
from pilot_pipeline.resources.warehouse import WarehouseResource

FOCUS_YEAR = 2022  # 2021-22, the report's year

PILOT_COUNTS = """
SELECT
    status.school_year_label AS school_year,
    sum(CASE WHEN status.is_pilot THEN 1 ELSE 0 END) AS pilot_schools,
    sum(CASE WHEN status.is_pilot THEN 0 ELSE 1 END) AS non_pilot_schools
FROM warehouse.fct_school_pilot_status AS status
GROUP BY status.school_year_label
ORDER BY status.school_year_label
"""

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


def print_summary(url: str | None = None) -> None:
    warehouse = WarehouseResource(
        url=url or os.environ.get("PILOT_WAREHOUSE_URL", DEFAULT_WAREHOUSE_URL)
    )
    print("LAUSD schools by pilot status (warehouse.fct_school_pilot_status):")
    print(warehouse.read_frame(PILOT_COUNTS).to_markdown(index=False))
    print("\nPilot schools by level, 2021-22:")
    levels = warehouse.read_frame(PILOT_LEVELS, {"school_year": FOCUS_YEAR})
    print(levels.to_markdown(index=False))
    print("\nHeadline figures, pilot vs non-pilot (%, or items; the report has the rest):")
    print(headlines(warehouse).to_markdown(index=False, missingval="-"))
