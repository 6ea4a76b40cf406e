"""Suspension: unduplicated students suspended over cumulative enrollment, counts by reason."""

from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import HEAD, TAIL, measures, student_groups

COUNTS = (
    "cumulative_enrollment", "total_suspensions", "unduplicated_students_suspended",
    "students_suspended_defiance_only", "suspensions_violent_injury",
    "suspensions_violent_no_injury", "suspensions_weapons_possession",
    "suspensions_illicit_drug_related", "suspensions_defiance_only", "suspensions_other_reasons",
)  # fmt: skip

SUITES = (
    SuiteSpec(
        source="suspension",
        layout=None,
        columns={
            **HEAD,
            "student_group_code": "text",
            **measures(*COUNTS[:4], kind="int"),
            **measures("suspension_rate", kind="float"),
            **measures(*COUNTS[4:], kind="int"),
            **TAIL,
        },
        key=("cds_code", "student_group_code"),
        counts=COUNTS,
        rates=("suspension_rate",),
        rate_rules=(
            RateRule("suspension_rate", "unduplicated_students_suspended", "cumulative_enrollment"),
        ),
        code_sets={"student_group_code": student_groups()},
        district_sums=COUNTS,
    ),
)
