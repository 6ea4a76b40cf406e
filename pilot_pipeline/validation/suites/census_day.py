"""Census Day enrollment: school x group x grade counts, LAUSD district row as the ceiling."""

from pilot_pipeline.sources import census_day
from pilot_pipeline.validation.spec import SuiteSpec

from .common import column_kinds, source_group_codes, student_groups

SUITES = (
    SuiteSpec(
        source="census_day",
        layout=None,
        columns=column_kinds(census_day.COLUMNS, ints=("enrollment",)),
        key=("cds_code", "student_group_code", "grade"),
        counts=("enrollment",),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("census_day"),
            "grade": frozenset(census_day.GRADES.values()),
        },
        district_sums=("enrollment",),
    ),
)
