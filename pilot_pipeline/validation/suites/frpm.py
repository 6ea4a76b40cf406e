"""FRPM: one row per school; percents are stored 0-100 and equal count / enrollment."""

from pilot_pipeline.validation.spec import RateRule, SuiteSpec

from .common import HEAD, TAIL, measures

COUNTS = (
    "enrollment_k12", "free_meal_count_k12", "frpm_count_k12",
    "enrollment_ages_5_17", "free_meal_count_ages_5_17", "frpm_count_ages_5_17",
)  # fmt: skip
RATES = {
    "percent_eligible_free_k12": ("free_meal_count_k12", "enrollment_k12"),
    "percent_eligible_frpm_k12": ("frpm_count_k12", "enrollment_k12"),
    "percent_eligible_free_ages_5_17": ("free_meal_count_ages_5_17", "enrollment_ages_5_17"),
    "percent_eligible_frpm_ages_5_17": ("frpm_count_ages_5_17", "enrollment_ages_5_17"),
}
# CDE's NSLP provision values (every one seen in the real 2019-20 workbook); a new one is
# reported (WARN), not quarantined.
NSLP_STATUSES = frozenset(
    {"CEP", "Provision 1", "Provision 2", "Provision 3", "Lunch Provision 2",
     "Breakfast Provision 2", "Not Participating"}
)  # fmt: skip

SUITES = (
    SuiteSpec(
        source="frpm",
        layout=None,
        columns={
            **HEAD,
            "is_charter": "bool",
            "nslp_provision_status": "text",
            **{
                c: k
                for n in ("k12", "ages_5_17")
                for c, k in {
                    **measures(
                        f"enrollment_{n}", f"free_meal_count_{n}", f"frpm_count_{n}", kind="int"
                    ),
                    **measures(
                        f"percent_eligible_free_{n}", f"percent_eligible_frpm_{n}", kind="float"
                    ),
                }.items()
            },
            **TAIL,
        },
        key=("cds_code",),
        counts=COUNTS,
        rates=tuple(RATES),
        rate_rules=tuple(RateRule(r, c, d) for r, (c, d) in RATES.items()),
        warn_code_sets={"nslp_provision_status": NSLP_STATUSES},
    ),
)
