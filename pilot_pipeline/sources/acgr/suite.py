"""ACGR: one suite per layout. The 34-column files (to 2022-23) have no local-requirements
exemption pair, so those columns must stay NULL; the 36-column files fill them."""

from pilot_pipeline.sources import acgr
from pilot_pipeline.sources.expectations import RateRule, SuiteSpec
from pilot_pipeline.sources.suite_helpers import column_kinds, source_group_codes, student_groups

COUNTS = acgr.COUNT_MEASURES
# Rate -> (count, denominator). Met UC/CSU, biliteracy, Golden State and the local-requirements
# exemption are published over regular-diploma graduates; the others over the cohort.
_GRADUATES = "regular_hs_diploma_graduates"
RATES = {
    "graduation_rate": (_GRADUATES, "cohort_students"),
    "met_uc_csu_rate": ("met_uc_csu_grad_reqs", _GRADUATES),
    "seal_of_biliteracy_rate": ("seal_of_biliteracy", _GRADUATES),
    "golden_state_seal_rate": ("golden_state_seal", _GRADUATES),
    "local_requirements_exemption_rate": ("local_requirements_exemption", _GRADUATES),
    "chspe_cpp_completer_rate": ("chspe_cpp_completers", "cohort_students"),
    "adult_ed_hs_diploma_rate": ("adult_ed_hs_diploma", "cohort_students"),
    "sped_certificate_rate": ("sped_certificates", "cohort_students"),
    "ged_completer_rate": ("ged_completers", "cohort_students"),
    "other_transfer_rate": ("other_transfers", "cohort_students"),
    "dropout_rate": ("dropouts", "cohort_students"),
    "still_enrolled_rate": ("still_enrolled", "cohort_students"),
}
EXEMPTION = ("local_requirements_exemption", "local_requirements_exemption_rate")
COLUMNS = column_kinds(acgr.COLUMNS, ints=COUNTS, floats=RATES)


def _suite(layout: str, exemption: bool) -> SuiteSpec:
    def kept(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if exemption or n not in EXEMPTION)

    return SuiteSpec(
        source="acgr",
        layout=layout,
        columns=COLUMNS,
        key=("cds_code", "student_group_code"),
        counts=kept(COUNTS),
        rates=kept(tuple(RATES)),
        rate_rules=tuple(RateRule(rate, *RATES[rate]) for rate in kept(tuple(RATES))),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("acgr"),
        },
        always_null=() if exemption else EXEMPTION,
        district_sums=kept(COUNTS),
    )


SUITES = (_suite("acgr_34", exemption=False), _suite("acgr_36", exemption=True))
