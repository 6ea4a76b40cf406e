"""Suspension: unduplicated students suspended over cumulative enrollment, counts by reason."""

from pilot_pipeline.sources import suspension
from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import column_kinds, student_groups

RATE = RateRule("suspension_rate", "unduplicated_students_suspended", "cumulative_enrollment")

SUITES = (
    SuiteSpec(
        source="suspension",
        layout=None,
        columns=column_kinds(suspension.COLUMNS, ints=suspension.COUNTS, floats=(RATE.rate,)),
        key=("cds_code", "student_group_code"),
        counts=suspension.COUNTS,
        rates=(RATE.rate,),
        rate_rules=(RATE,),
        code_sets={"student_group_code": student_groups()},
        district_sums=suspension.COUNTS,
    ),
)
