"""Building blocks the suites (`sources/<source>/suite.py`) share: column kinds, code sets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .expectations import RateRule, SuiteSpec
from .student_groups import canonical_groups, source_codes

GRADES_1_12 = frozenset(f"{g:02d}" for g in range(1, 13))
# Integer columns of every staging table: the year and the provenance counters.
STAGING_INTS = ("school_year", "source_line", "source_rows")


def column_kinds(
    columns: Sequence[str],
    *,
    ints: Iterable[str] = (),
    floats: Iterable[str] = (),
    bools: Iterable[str] = (),
) -> dict[str, str]:
    """The kind of each staged column, in the source's order (its `COLUMNS`): `ints` and the
    staging counters int, `floats` float, `bools` and each `_suppressed` flag bool, the rest
    text."""
    kinds = (
        dict.fromkeys((*STAGING_INTS, *ints), "int")
        | dict.fromkeys(floats, "float")
        | dict.fromkeys(bools, "bool")
    )
    return {c: "bool" if c.endswith("_suppressed") else kinds.get(c, "text") for c in columns}


def student_groups() -> frozenset[str]:
    """The canonical student-group codes (pilot_pipeline/data/student_groups.csv)."""
    return frozenset(canonical_groups()["student_group_code"])


def source_group_codes(*systems: str) -> frozenset[str]:
    """The source codes of some code systems (data/student_group_source_codes.csv)."""
    frame = source_codes()
    return frozenset(frame.loc[frame["source"].isin(systems), "source_code"])


def counts_suite(
    source: str,
    columns: Sequence[str],
    key: tuple[str, ...],
    counts: tuple[str, ...],
    *,
    rate: RateRule | None = None,
    **rules: Any,
) -> SuiteSpec:
    """The suite of a source whose measures are `counts` (and at most one published `rate`,
    checked against its count): the column kinds follow from them; `rules` adds the rest of
    `SuiteSpec` (code sets, district sums, count totals)."""
    rates = (rate.rate,) if rate else ()
    return SuiteSpec(
        source=source,
        columns=column_kinds(columns, ints=counts, floats=rates),
        key=key,
        counts=counts,
        rates=rates,
        rate_rules=(rate,) if rate else (),
        **rules,
    )


def reporting_category_suite(
    source: str, columns: Sequence[str], counts: tuple[str, ...], rate: RateRule
) -> SuiteSpec:
    """A ReportingCategory file (chronic absenteeism, suspension): one row per school x
    canonical student group, each count capped by the district row, one published rate."""
    return counts_suite(
        source, columns, ("cds_code", "student_group_code"), counts, rate=rate,
        code_sets={"student_group_code": student_groups()}, district_sums=counts,
    )  # fmt: skip


def enrollment_suite(
    source: str,
    columns: Sequence[str],
    source_groups: frozenset[str],
    grades: frozenset[str],
    **rules: Any,
) -> SuiteSpec:
    """An enrollment file staged at the enrollment fact's grain (school x student group x grade),
    its source group codes and grades from reviewed sets."""
    return counts_suite(
        source, columns, ("cds_code", "student_group_code", "grade"), ("enrollment",),
        code_sets={
            "student_group_code": student_groups(),
            "source_group_code": source_groups,
            "grade": grades,
        },
        **rules,
    )  # fmt: skip
