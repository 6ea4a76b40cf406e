"""Census Day enrollment: school x group x grade counts, LAUSD district row as the ceiling."""

from pilot_pipeline.sources import census_day
from pilot_pipeline.sources.suite_helpers import enrollment_suite, source_group_codes

SUITES = (
    enrollment_suite(
        "census_day",
        census_day.COLUMNS,
        source_group_codes("census_day"),
        frozenset(census_day.GRADES.values()),
        district_sums=("enrollment",),
    ),
)
