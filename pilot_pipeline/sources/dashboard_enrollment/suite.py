"""Dashboard census enrollment rates: subgroup count, total and the published percent."""

from pilot_pipeline.sources import dashboard_enrollment
from pilot_pipeline.sources.expectations import RateRule, SuiteSpec
from pilot_pipeline.sources.suite_helpers import column_kinds, source_group_codes, student_groups

COUNTS = ("total_enrollment", "subgroup_enrollment")

SUITES = (
    SuiteSpec(
        source="dashboard_enrollment",
        columns=column_kinds(dashboard_enrollment.COLUMNS, ints=COUNTS, floats=("rate",)),
        key=("cds_code", "student_group_code"),
        counts=COUNTS,
        rates=("rate",),
        rate_rules=(RateRule("rate", "subgroup_enrollment", "total_enrollment"),),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("dashboard"),
        },
        district_sums=("subgroup_enrollment",),
    ),
)
