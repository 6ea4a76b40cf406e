"""What a suite says about one source's staging frame, and how it becomes a GX suite.

A `SuiteSpec` (`sources/expectations.py`) is the reviewed statement (columns and kinds, key,
counts, rates, code sets, ...) kept in `sources/<source>/suite.py`; `build_suite` expands it
into a Great Expectations `ExpectationSuite`. Every expectation carries, in `meta`, the Dagster
check it reports to (`check`), the staged column it is about (`column`) and whether a failing
row is quarantined (`row_level`); its GX `severity` (critical / warning) becomes the check's
ERROR / WARN.
"""

from __future__ import annotations

from dataclasses import dataclass

import great_expectations as gx
import great_expectations.expectations as gxe

from pilot_pipeline.sources.expectations import SuiteSpec

CDS_REGEX = r"^\d{14}$"
# A rate published with one decimal is within 0.05 of the exact ratio; the rest is float noise.
RATE_TOLERANCE = 0.05 + 1e-6
# Fewer rows than this share of the previous load of the same partition means a cut-off file.
MIN_ROW_RATIO = 0.6

# GX's pandas type names that match the staged dtypes (nullable Int64/Float64, string, bool).
GX_TYPES: dict[str, list[str]] = {
    "text": ["StringDtype"],
    "int": ["Int64Dtype", "int64"],
    "float": ["Float64Dtype", "float64"],
    "bool": ["bool", "BooleanDtype"],
}

CRITICAL, WARNING = "critical", "warning"


@dataclass(frozen=True)
class CheckGroup:
    """One Dagster asset check: a group of expectations."""

    name: str
    description: str
    file_level: bool  # True: a failure rejects the whole file (nothing staged)


CHECKS: dict[str, CheckGroup] = {
    g.name: g
    for g in (
        CheckGroup("file_parses", "The file parses as a known layout of its source.", True),
        CheckGroup(
            "layout_drift",
            "Columns the file has beyond its known layout (the file loads; each new column is "
            "named with sample values and kept in the raw archive).",
            False,
        ),
        CheckGroup(
            "expected_columns_and_types",
            "The staged frame has exactly the suite's columns, each of its kind.",
            True,
        ),
        CheckGroup("cds_code_format", "Every CDS code is 14 digits (`^\\d{14}$`).", False),
        CheckGroup(
            "numbers_well_formed",
            "Every measure cell is a number as the source writes them (`1,234`; a `%` only where "
            "the source publishes one); a row with a cell that is not (`1,8`, `inf`, `nan`) is "
            "quarantined, the cell quoted as the file has it.",
            False,
        ),
        CheckGroup(
            "codes_in_known_sets",
            "Student-group, grade, test and other codes are in their reviewed sets.",
            False,
        ),
        CheckGroup("counts_non_negative", "Every count is >= 0.", False),
        CheckGroup(
            "counts_within_totals",
            "Each count is at most its total (at benchmark <= assessed, a group <= its school).",
            False,
        ),
        CheckGroup("rates_within_0_100", "Every published rate/percent is within 0-100.", False),
        CheckGroup(
            "rates_consistent_with_counts",
            "Each published rate equals 100 x count / denominator within rounding (0.05).",
            False,
        ),
        CheckGroup("key_unique", "Each key (school x group x ...) appears once.", True),
        CheckGroup(
            "school_rows_within_district_total",
            "Per group, the school rows sum to no more than their district's row.",
            False,
        ),
        CheckGroup(
            "schools_in_directory",
            "Every school CDS code is in the CDE directory (staging.stg_cde_school_directory).",
            False,
        ),
        CheckGroup(
            "schools_not_missing",
            "Schools of the previous load of this partition missing from the file: WARN above "
            "PILOT_MISSING_SCHOOLS_WARN (1 %), ERROR above PILOT_MISSING_SCHOOLS_ERROR (10 %).",
            True,
        ),
        CheckGroup(
            "row_count_not_collapsed",
            f"At least {MIN_ROW_RATIO:.0%} of the rows of the previous load of this partition.",
            True,
        ),
    )
}


def rate_gap_column(rate: str) -> str:
    """The derived column `runner` adds: |rate - 100 x count / denominator|."""
    return f"__gap__{rate}"


def range_column(column: str) -> str:
    """The derived numpy float64 copy of a count or rate that `runner` adds for range checks:
    GX compares numpy columns vectorised but nullable Int64/Float64 ones value by value."""
    return f"__range__{column}"


def directory_column(column: str = "cds_code") -> str:
    """The derived flag `runner` adds: is the row's CDS code in the directory (NULL code: NA).

    GX re-serialises an expectation's configuration several times while planning its metrics;
    with the ~18,000 directory codes as the value set that cost seconds per file, with a
    boolean flag it costs nothing."""
    return f"__in_directory__{column}"


# Provenance the pipeline adds itself (the same value on every row): not the file's content,
# and a 64-character text column that GX would copy on every row filter of every expectation.
PROVENANCE = ("source_file_sha256",)


def validated_columns(spec: SuiteSpec) -> dict[str, str]:
    """The staged columns GX sees (provenance left out), with their kinds."""
    return {c: k for c, k in spec.columns.items() if c not in PROVENANCE}


def derived_columns(spec: SuiteSpec) -> list[str]:
    """The columns the validation view adds to the staged frame (see `runner._view`)."""
    ranged = dict.fromkeys([*spec.counts, *spec.rates])
    derived = [*(rate_gap_column(r.rate) for r in spec.rate_rules), *map(range_column, ranged)]
    return derived + ([directory_column()] if spec.in_directory else [])


def _meta(check: str, column: str | None, row_level: bool) -> dict[str, object]:
    return {"check": check, "column": column, "row_level": row_level}


def build_suite(spec: SuiteSpec) -> gx.ExpectationSuite:
    """The GX suite of a spec; runtime values are `$PARAMETER`s (see runner.validate_frame)."""
    exps: list[gxe.Expectation] = [
        gxe.ExpectTableRowCountToBeBetween(
            min_value={"$PARAMETER": "min_row_count"},
            meta=_meta("row_count_not_collapsed", None, False),
        ),
    ]
    if spec.columns:
        exps.append(
            gxe.ExpectTableColumnsToMatchSet(
                column_set=[*validated_columns(spec), *derived_columns(spec)],
                exact_match=True,
                meta=_meta("expected_columns_and_types", ", ".join(spec.columns), False),
            )
        )
    exps += [
        gxe.ExpectColumnValuesToBeInTypeList(
            column=col,
            type_list=GX_TYPES[kind],
            meta=_meta("expected_columns_and_types", col, False),
        )
        for col, kind in validated_columns(spec).items()
        # `<measure>_suppressed` flags are built as bool beside their measure (sources.base);
        # skipping them keeps GX's per-expectation overhead down (the loader types them too).
        if kind in GX_TYPES and not col.endswith("_suppressed")
    ]
    if "cds_code" in spec.columns or not spec.columns:
        exps.append(
            gxe.ExpectColumnValuesToMatchRegex(
                column="cds_code", regex=CDS_REGEX, meta=_meta("cds_code_format", "cds_code", True)
            )
        )
    if spec.in_directory:
        exps.append(
            gxe.ExpectColumnValuesToBeInSet(
                column=directory_column(),
                value_set=[True],
                severity=WARNING,
                meta=_meta("schools_in_directory", "cds_code", False),
            )
        )
    for codes, severity in ((spec.code_sets, CRITICAL), (spec.warn_code_sets, WARNING)):
        exps += [
            gxe.ExpectColumnValuesToBeInSet(
                column=col,
                value_set=sorted(values),
                severity=severity,
                meta=_meta("codes_in_known_sets", col, severity == CRITICAL),
            )
            for col, values in codes.items()
        ]
    exps += [
        gxe.ExpectColumnValuesToBeBetween(
            column=range_column(col), min_value=0, meta=_meta("counts_non_negative", col, True)
        )
        for col in spec.counts
    ]
    exps += [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=total,
            column_B=count,
            or_equal=True,
            ignore_row_if="either_value_is_missing",
            meta=_meta("counts_within_totals", count, True),
        )
        for count, total in spec.count_totals
    ]
    exps += [
        gxe.ExpectColumnValuesToBeBetween(
            column=range_column(col),
            min_value=0,
            max_value=100,
            meta=_meta("rates_within_0_100", col, True),
        )
        for col in spec.rates
    ]
    exps += [
        gxe.ExpectColumnValuesToBeNull(
            column=col, meta=_meta("expected_columns_and_types", col, False)
        )
        for col in spec.always_null
    ]
    exps += [
        gxe.ExpectColumnValuesToBeBetween(
            column=rate_gap_column(rule.rate),
            min_value=0,
            max_value=RATE_TOLERANCE,
            meta=_meta("rates_consistent_with_counts", rule.rate, True)
            | {"count": rule.count, "denominator": rule.denominator},
        )
        for rule in spec.rate_rules
    ]
    if not spec.key:
        return gx.ExpectationSuite(name=spec.name, expectations=exps)
    exps.append(
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=list(spec.key), meta=_meta("key_unique", ", ".join(spec.key), False)
        )
        if len(spec.key) > 1
        else gxe.ExpectColumnValuesToBeUnique(
            column=spec.key[0], meta=_meta("key_unique", spec.key[0], False)
        )
    )
    return gx.ExpectationSuite(name=spec.name, expectations=exps)


def build_district_suite(spec: SuiteSpec) -> gx.ExpectationSuite:
    """Over the frame `runner.district_comparison` builds: district value >= school sum."""
    return gx.ExpectationSuite(
        name=f"{spec.name}.district_totals",
        expectations=[
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="district_value",
                column_B="school_sum",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                severity=WARNING,
                meta=_meta(
                    "school_rows_within_district_total", ", ".join(spec.district_sums), False
                ),
            )
        ],
    )


def check_groups(spec: SuiteSpec) -> list[CheckGroup]:
    """The checks a spec feeds (always `file_parses`), in a stable order."""
    used = {"file_parses", "layout_drift", "row_count_not_collapsed", "cds_code_format"}
    used |= {"expected_columns_and_types"} if spec.columns else set()
    used |= {"key_unique"} if spec.key else set()
    used |= {"schools_not_missing"} if "cds_code" in spec.key else set()
    used |= {"schools_in_directory"} if spec.in_directory else set()
    used |= {"codes_in_known_sets"} if spec.code_sets or spec.warn_code_sets else set()
    numeric = any(kind in ("int", "float") for kind in spec.columns.values())
    used |= {"numbers_well_formed"} if numeric or spec.counts or spec.rates else set()
    used |= {"counts_non_negative"} if spec.counts else set()
    used |= {"counts_within_totals"} if spec.count_totals else set()
    used |= {"rates_within_0_100"} if spec.rates else set()
    used |= {"rates_consistent_with_counts"} if spec.rate_rules else set()
    used |= {"school_rows_within_district_total"} if spec.district_sums else set()
    return [g for name, g in CHECKS.items() if name in used]


def group_severity(spec: SuiteSpec, check: str) -> str:
    """critical if any expectation of the check is (parse and file checks always are)."""
    if check in (
        "file_parses",
        "key_unique",
        "row_count_not_collapsed",
        "schools_not_missing",
        "numbers_well_formed",
    ):
        return CRITICAL
    if check in ("school_rows_within_district_total", "layout_drift"):
        return WARNING
    severities = {
        e.severity.value
        for e in build_suite(spec).expectations
        if (e.meta or {}).get("check") == check
    }
    return CRITICAL if CRITICAL in severities or not severities else WARNING
