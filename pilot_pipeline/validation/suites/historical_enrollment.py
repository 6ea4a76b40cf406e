"""Historical enrollment by race/gender and grade (no district rows in these files)."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import GRADES_1_12, HEAD, TAIL, measures, source_group_codes, student_groups

SUITES = (
    SuiteSpec(
        source="historical_enrollment",
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
            "source_group_code": source_group_codes("historical_ethnic", "historical_gender")
            | {"all"},
            "grade": GRADES_1_12 | {"all", "KN", "UE", "US", "AD"},
        },
    ),
)
