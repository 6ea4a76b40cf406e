"""LAUSD Norm Day enrollment: one row per school x student group; a group <= its school."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import HEAD, measures, student_groups
from .lausd_early_literacy import LAUSD_TAIL

COUNTS = ("enrollment", "total_enrollment")

SUITES = (
    SuiteSpec(
        source="lausd_norm_day",
        layout=None,
        columns={
            **HEAD,
            "student_group_code": "text",
            "source_group_code": "text",
            **measures(*COUNTS, kind="int"),
            **LAUSD_TAIL,
        },
        key=("cds_code", "student_group_code"),
        counts=COUNTS,
        code_sets={"student_group_code": student_groups()},
        count_totals=(("enrollment", "total_enrollment"),),
    ),
)
