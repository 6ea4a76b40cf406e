"""Chronic absenteeism: count over eligible cumulative enrollment, rate as published."""

from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import HEAD, TAIL, measures, student_groups

COUNTS = ("eligible_cumulative_enrollment", "chronic_absenteeism_count")

SUITES = (
    SuiteSpec(
        source="chronic_absenteeism",
        layout=None,
        columns={
            **HEAD,
            "student_group_code": "text",
            **measures(*COUNTS, kind="int"),
            **measures("chronic_absenteeism_rate", kind="float"),
            **TAIL,
        },
        key=("cds_code", "student_group_code"),
        counts=COUNTS,
        rates=("chronic_absenteeism_rate",),
        rate_rules=(
            RateRule(
                "chronic_absenteeism_rate",
                "chronic_absenteeism_count",
                "eligible_cumulative_enrollment",
            ),
        ),
        code_sets={"student_group_code": student_groups()},
        district_sums=COUNTS,
    ),
)
