"""Dashboard census enrollment rates: subgroup count, total and the published percent."""

from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import HEAD, TAIL, measures, source_group_codes, student_groups

SUITES = (
    SuiteSpec(
        source="dashboard_enrollment",
        layout=None,
        columns={
            **HEAD,
            "student_group_code": "text",
            "source_group_code": "text",
            **measures("total_enrollment", "subgroup_enrollment", kind="int"),
            **measures("rate", kind="float"),
            **TAIL,
        },
        key=("cds_code", "student_group_code"),
        counts=("total_enrollment", "subgroup_enrollment"),
        rates=("rate",),
        rate_rules=(RateRule("rate", "subgroup_enrollment", "total_enrollment"),),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("dashboard"),
        },
        district_sums=("subgroup_enrollment",),
    ),
)
