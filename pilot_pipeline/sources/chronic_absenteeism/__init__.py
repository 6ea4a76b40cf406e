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

from ..layouts import Layout
from ..rollup import ReportingCategoryFile
from ..spec import Fact, measure_pairs, staging_columns
from ..urls import yearly_urls

_BASE = "https://www3.cde.ca.gov/demo-downloads/attendance/"
URLS: dict[str, str] = yearly_urls(
    _BASE, "chronicabsenteeism{yy}.txt", range(2021, 2026),
    {"2021-22": "chronicabsenteeism22-v3.txt", "2024-25": "chronicabsenteeism25-v2.txt"},
)  # fmt: skip

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
COUNTS = ("eligible_cumulative_enrollment", "chronic_absenteeism_count")
COLUMNS: tuple[str, ...] = staging_columns(
    "student_group_code", *measure_pairs(*_MEASURES.values())
)
_FILE = ReportingCategoryFile(LAYOUTS, _MEASURES, COUNTS, COLUMNS, GRADE_SPAN_CATEGORIES)


GRAIN = "school x school year x student group"  # of the fact it feeds
SOURCE = _FILE.source(
    "chronic_absenteeism",
    "CDE chronic absenteeism data",
    URLS,
    Fact("fct_chronic_absenteeism", GRAIN),
    __doc__ or "",
)
