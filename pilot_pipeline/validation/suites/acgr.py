"""ACGR: one suite per layout. The 34-column files (to 2022-23) have no local-requirements
exemption pair, so those columns must stay NULL; the 36-column files fill them."""

from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import HEAD, TAIL, measures, source_group_codes, student_groups

COUNTS = (
    "cohort_students", "regular_hs_diploma_graduates", "met_uc_csu_grad_reqs",
    "seal_of_biliteracy", "golden_state_seal", "local_requirements_exemption",
    "chspe_cpp_completers", "adult_ed_hs_diploma", "sped_certificates", "ged_completers",
    "other_transfers", "dropouts", "still_enrolled",
)  # fmt: skip
# Rate -> (count, denominator). Met UC/CSU, biliteracy, Golden State and the local-requirements
# exemption are published over regular-diploma graduates; the others over the cohort.
RATES = {
    "graduation_rate": ("regular_hs_diploma_graduates", "cohort_students"),
    "met_uc_csu_rate": ("met_uc_csu_grad_reqs", "regular_hs_diploma_graduates"),
    "seal_of_biliteracy_rate": ("seal_of_biliteracy", "regular_hs_diploma_graduates"),
    "golden_state_seal_rate": ("golden_state_seal", "regular_hs_diploma_graduates"),
    "local_requirements_exemption_rate": (
        "local_requirements_exemption",
        "regular_hs_diploma_graduates",
    ),
    "chspe_cpp_completer_rate": ("chspe_cpp_completers", "cohort_students"),
    "adult_ed_hs_diploma_rate": ("adult_ed_hs_diploma", "cohort_students"),
    "sped_certificate_rate": ("sped_certificates", "cohort_students"),
    "ged_completer_rate": ("ged_completers", "cohort_students"),
    "other_transfer_rate": ("other_transfers", "cohort_students"),
    "dropout_rate": ("dropouts", "cohort_students"),
    "still_enrolled_rate": ("still_enrolled", "cohort_students"),
}
EXEMPTION = ("local_requirements_exemption", "local_requirements_exemption_rate")
COLUMNS = {
    **HEAD,
    "student_group_code": "text",
    "source_group_code": "text",
    **measures(*COUNTS, kind="int"),
    **measures(*RATES, kind="float"),
    **TAIL,
}


def _suite(layout: str, exemption: bool) -> SuiteSpec:
    return SuiteSpec(
        source="acgr",
        layout=layout,
        columns=COLUMNS,
        key=("cds_code", "student_group_code"),
        counts=COUNTS if exemption else tuple(c for c in COUNTS if c not in EXEMPTION),
        rates=tuple(r for r in RATES if exemption or r not in EXEMPTION),
        rate_rules=tuple(
            RateRule(rate, count, den)
            for rate, (count, den) in RATES.items()
            if exemption or rate not in EXEMPTION
        ),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_group_codes("acgr"),
        },
        always_null=() if exemption else EXEMPTION,
        district_sums=tuple(c for c in COUNTS if exemption or c not in EXEMPTION),
    )


SUITES = (_suite("acgr_34", exemption=False), _suite("acgr_36", exemption=True))
