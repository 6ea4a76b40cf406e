"""A short pilot vs non-pilot summary printed at the end of `make demo`."""

from __future__ import annotations

import os

from pilot_pipeline.resources import DEFAULT_WAREHOUSE_URL
from pilot_pipeline.resources.warehouse import WarehouseResource

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


def print_summary(url: str | None = None) -> None:
    warehouse = WarehouseResource(
        url=url or os.environ.get("PILOT_WAREHOUSE_URL", DEFAULT_WAREHOUSE_URL)
    )
    counts = warehouse.read_frame(PILOT_COUNTS)
    print("LAUSD schools by pilot status (warehouse.fct_school_pilot_status):")
    print(counts.to_markdown(index=False))
    print("\nPilot schools by level, 2021-22:")
    print(warehouse.read_frame(PILOT_LEVELS, {"school_year": 2022}).to_markdown(index=False))
    views = [v for v in warehouse.list_tables(["bi"])]
    for view in views:
        frame = warehouse.read_frame(f"SELECT * FROM {view}")  # noqa: S608 - catalog names
        print(f"\n{view} ({len(frame)} rows):")
        print(frame.head(12).to_markdown(index=False))
