"""CDE chronic absenteeism data (`chronicabsenteeismYY.txt`).

Tab-delimited, latin-1/cp1252 (public code reads it as ISO-8859-1), one row per entity
(T/C/D/S) x CharterSchool (All/Y/N) [x DASS (All/Y/N) from 2022-23] x ReportingCategory (the
ACGR code system: TA, RB … SH; the grade-span categories GRK … GRUG are not kept). `YY` is the
spring year: chronicabsenteeism21.txt is 2020-21; there is no 2019-20 file. Counts and the rate
are suppressed (`*`) when the eligible cumulative enrollment is 10 or less. The rate is a
published percentage (0-100, one decimal) over the eligible cumulative enrollment.

Layouts: 13 columns and 14 columns with `DASS` after CharterSchool (CDE's file-structure page,
fsabd.asp: DASS "New Beginning 2021-22"). The same page says Charter = All "is not applicable
for Aggregate Level = S" from 2020-21: a school row carries only its own Y/N flags, so a school
is counted once as its All roll-up where one exists, else its single row
(`rollup.one_row_per_entity`). Third-party readers of 2023-24+ files use spaced headers
(`Academic Year`, `Charter School`, `Reporting Category`) and `Yes`/`No` flags: headers are
matched by `base.header_key` and flags by `base.normalise_flag`, so both spellings load. No
real bytes seen yet (fixtures/real/SOURCES.md).
"""

from __future__ import annotations

import pandas as pd

from .base import Layout, ParseContext, SourceSpec, district_in_scope
from .rollup import parse_reporting_category_levels

_BASE = "https://www3.cde.ca.gov/demo-downloads/attendance/"
URLS: dict[str, str] = {
    "2020-21": _BASE + "chronicabsenteeism21.txt",
    "2021-22": _BASE + "chronicabsenteeism22-v3.txt",
    "2022-23": _BASE + "chronicabsenteeism23.txt",
    "2023-24": _BASE + "chronicabsenteeism24.txt",
    "2024-25": _BASE + "chronicabsenteeism25-v2.txt",
}

_ID = (
    "AcademicYear", "AggregateLevel", "CountyCode", "DistrictCode", "SchoolCode", "CountyName",
    "DistrictName", "SchoolName", "CharterSchool",
)  # fmt: skip
_MEASURE_HEADERS = (
    "ReportingCategory",
    "ChronicAbsenteeismEligibleCumulativeEnrollment",
    "ChronicAbsenteeismCount",
    "ChronicAbsenteeismRate",
)
LAYOUTS: tuple[Layout, ...] = (
    Layout("chronic_absenteeism_13", (*_ID, *_MEASURE_HEADERS)),
    Layout("chronic_absenteeism_14_dass", (*_ID, "DASS", *_MEASURE_HEADERS)),
)

# Grade-span reporting categories listed on CDE's file-structure page (fsabd.asp); the
# warehouse keeps student groups only.
GRADE_SPAN_CATEGORIES = frozenset(
    {"GRK", "GRKN", "GRTKKN", "GR13", "GR46", "GR78", "GRK8", "GRTK8", "GR912", "GRUG"}
)

_MEASURES = {
    "ChronicAbsenteeismEligibleCumulativeEnrollment": "eligible_cumulative_enrollment",
    "ChronicAbsenteeismCount": "chronic_absenteeism_count",
    "ChronicAbsenteeismRate": "chronic_absenteeism_rate",
}
_COUNTS = ("eligible_cumulative_enrollment", "chronic_absenteeism_count")
COLUMNS: tuple[str, ...] = (
    "cds_code",
    "school_year",
    "student_group_code",
    *(c for m in _MEASURES.values() for c in (m, f"{m}_suppressed")),
    "source_line",
    "source_file_sha256",
)


def _parse(data: bytes, ctx: ParseContext, *levels: str) -> list[pd.DataFrame]:
    return parse_reporting_category_levels(
        data,
        ctx,
        layouts=LAYOUTS,
        measures=_MEASURES,
        integer=_COUNTS,
        columns=COLUMNS,
        levels=levels,
        ignore_groups=GRADE_SPAN_CATEGORIES,
    )


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """File bytes -> one row per school x student group in scope, counted once."""
    return _parse(data, ctx, "S")[0]


def parse_district_totals(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """The district ('D') rows in the staging shape; LAUSD only under the default scope."""
    return district_in_scope(_parse(data, ctx, "D")[0], ctx.scope)


def parse_levels(data: bytes, ctx: ParseContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`parse`, `parse_district_totals`) from one read of the file."""
    schools, districts = _parse(data, ctx, "S", "D")
    return schools, district_in_scope(districts, ctx.scope)


SOURCE = SourceSpec(
    name="chronic_absenteeism",
    title="CDE chronic absenteeism data",
    urls=URLS,
    layouts=LAYOUTS,
    parse=parse,
    description=__doc__ or "",
    extra={"parse_district_totals": parse_district_totals, "parse_levels": parse_levels},
)
