"""Historical enrollment by race/gender and grade (no district rows in these files)."""

from pilot_pipeline.sources import historical_enrollment as source
from pilot_pipeline.validation.spec import SuiteSpec

from .common import GRADES_1_12, column_kinds, source_group_codes, student_groups

SUITES = (
    SuiteSpec(
        source="historical_enrollment",
        layout=None,
        columns=column_kinds(source.COLUMNS, ints=("enrollment",)),
        key=("cds_code", "student_group_code", "grade"),
        counts=("enrollment",),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("historical_ethnic", "historical_gender")
            | {"all"},
            "grade": GRADES_1_12 | {"all", "KN", "UE", "US", "AD"},
        },
    ),
)
