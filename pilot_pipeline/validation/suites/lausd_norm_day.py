"""LAUSD Norm Day enrollment: one row per school x student group; a group <= its school."""

from pilot_pipeline.sources import lausd_norm_day as source
from pilot_pipeline.validation.spec import SuiteSpec

from .common import column_kinds, student_groups

COUNTS = tuple(source.MEASURES.values())

SUITES = (
    SuiteSpec(
        source="lausd_norm_day",
        layout=None,
        columns=column_kinds(source.COLUMNS, ints=COUNTS),
        key=("cds_code", "student_group_code"),
        counts=COUNTS,
        code_sets={"student_group_code": student_groups()},
        count_totals=(("enrollment", "total_enrollment"),),
    ),
)
