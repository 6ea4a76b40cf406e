"""Historical enrollment by race/gender and grade (no district rows in these files)."""

from pilot_pipeline.sources import historical_enrollment as source
from pilot_pipeline.sources.suite_helpers import GRADES_1_12, enrollment_suite, source_group_codes

SUITES = (
    enrollment_suite(
        "historical_enrollment",
        source.COLUMNS,
        source_group_codes("historical_ethnic", "historical_gender") | {"all"},
        GRADES_1_12 | {"all", "KN", "UE", "US", "AD"},
    ),
)
