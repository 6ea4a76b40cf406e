"""Census Day enrollment: school x group x grade counts, LAUSD district row as the ceiling."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import GRADES_1_12, HEAD, TAIL, measures, source_group_codes, student_groups

SUITES = (
    SuiteSpec(
        source="census_day",
        layout=None,
        columns={
            **HEAD,
            "student_group_code": "text",
            "source_group_code": "text",
            "grade": "text",
            **measures("enrollment", kind="int"),
            **TAIL,
        },
        key=("cds_code", "student_group_code", "grade"),
        counts=("enrollment",),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("census_day"),
            "grade": GRADES_1_12 | {"all", "TK", "KN"},
        },
        district_sums=("enrollment",),
    ),
)
