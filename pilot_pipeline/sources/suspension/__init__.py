"""CDE suspension data (`suspensionYY.txt`).

Tab-delimited, latin-1/cp1252 (public code reads it as ISO-8859-1), one row per entity
(T/C/D/S) x `CharterYN` (All/Y/N; note: not `CharterSchool` as in ACGR and chronic
absenteeism) x ReportingCategory (the ACGR code system; grade-span categories are not kept).
`YY` is the spring year: suspension21.txt is 2020-21. Counts and rates are suppressed (`*`) for
groups of 10 or fewer students. The suspension rate is a published percentage (0-100, one
decimal): unduplicated students suspended / cumulative enrollment.

One known layout (docs/data_sources.md §7, third-party, 2021-22): 21 columns. The six
`SuspensionCount…` reason columns count suspensions (not students) by most severe offense.
No real bytes seen (fixtures/real/SOURCES.md). Third-party readers of 2023-24+ files use spaced
headers (`Academic Year`, `Charter School`): headers are matched by `base.header_key`, and
`Charter School` is accepted as the `CharterYN` column. Flags may be `Y`/`Yes`/`No `; a
school row without an All roll-up is the school (`rollup.one_row_per_entity`).
"""

from __future__ import annotations

from ..chronic_absenteeism import GRADE_SPAN_CATEGORIES
from ..layouts import Layout
from ..rollup import ReportingCategoryFile
from ..spec import Fact, measure_pairs, staging_columns
from ..urls import yearly_urls

_BASE = "https://www3.cde.ca.gov/demo-downloads/discipline/"
URLS: dict[str, str] = yearly_urls(
    _BASE, "suspension{yy}.txt", range(2019, 2026),
    {"2021-22": "suspension22-v2.txt", "2024-25": "suspension25-v2.txt"},
)  # fmt: skip

_MEASURES = {
    "CumulativeEnrollment": "cumulative_enrollment",
    "TotalSuspensions": "total_suspensions",
    "UnduplicatedCountStudentsSuspendedTotal": "unduplicated_students_suspended",
    "UnduplicatedCountStudentsSuspendedDefianceOnly": "students_suspended_defiance_only",
    "SuspensionRateTotal": "suspension_rate",
    "SuspensionCountViolentIncidentInjury": "suspensions_violent_injury",
    "SuspensionCountViolentIncidentNoInjury": "suspensions_violent_no_injury",
    "SuspensionCountWeaponsPossession": "suspensions_weapons_possession",
    "SuspensionCountIllicitDrugRelated": "suspensions_illicit_drug_related",
    "SuspensionCountDefianceOnly": "suspensions_defiance_only",
    "SuspensionCountOtherReasons": "suspensions_other_reasons",
}
_ID = (
    "AcademicYear", "AggregateLevel", "CountyCode", "DistrictCode", "SchoolCode", "CountyName",
    "DistrictName", "SchoolName", "CharterYN", "ReportingCategory",
)  # fmt: skip
LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "suspension_21",
        (*_ID, *_MEASURES),
        ("DASS",),  # as chronic absenteeism gained it in 2021-22; kept out of the count
        {"CharterYN": ("Charter School",)},  # also matches `CharterSchool`
    ),
)

COUNTS = tuple(v for v in _MEASURES.values() if v != "suspension_rate")
COLUMNS: tuple[str, ...] = staging_columns(
    "student_group_code", *measure_pairs(*_MEASURES.values())
)
_FILE = ReportingCategoryFile(LAYOUTS, _MEASURES, COUNTS, COLUMNS, GRADE_SPAN_CATEGORIES)


GRAIN = "school x school year x student group"  # of the fact it feeds
SOURCE = _FILE.source(
    "suspension", "CDE suspension data", URLS, Fact("fct_suspension", GRAIN), __doc__ or ""
)
