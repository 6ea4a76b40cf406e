"""Chronic absenteeism: count over eligible cumulative enrollment, rate as published."""

from pilot_pipeline.sources import chronic_absenteeism as source
from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import column_kinds, student_groups

RATE = RateRule(
    "chronic_absenteeism_rate", "chronic_absenteeism_count", "eligible_cumulative_enrollment"
)

SUITES = (
    SuiteSpec(
        source="chronic_absenteeism",
        layout=None,
        columns=column_kinds(source.COLUMNS, ints=source.COUNTS, floats=(RATE.rate,)),
        key=("cds_code", "student_group_code"),
        counts=source.COUNTS,
        rates=(RATE.rate,),
        rate_rules=(RATE,),
        code_sets={"student_group_code": student_groups()},
        district_sums=source.COUNTS,
    ),
)
