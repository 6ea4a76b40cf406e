"""LAUSD Norm Day enrollment: one row per school x student group; a group <= its school."""

from pilot_pipeline.sources import lausd_norm_day as source
from pilot_pipeline.sources.suite_helpers import counts_suite, student_groups

COUNTS = tuple(source.MEASURES.values())

SUITES = (
    counts_suite(
        "lausd_norm_day", source.COLUMNS, ("cds_code", "student_group_code"), COUNTS,
        code_sets={"student_group_code": student_groups()},
        count_totals=(("enrollment", "total_enrollment"),),
    ),
)  # fmt: skip
