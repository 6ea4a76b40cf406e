"""CDE Adjusted Cohort Graduation Rate (ACGR) and outcome data (`acgrYY.txt`).

Tab-delimited, one row per entity (T state, C county, D district, S school) x CharterSchool
(All/Y/N) x DASS (All/Y/N) x ReportingCategory. State, county and district rows come as the
All/All roll-up plus its Y/N splits: the roll-up is kept. A school row carries only its own
flags (real 2023-24 file: `Yes`/`No ` with a trailing space, never All), so its single row is
the school (`rollup.one_row_per_entity`; older files that also wrote All/All school rows keep
those). Flags are read as Y/N/All whatever the spelling. Only
schools with a four-year cohort (grade 12) have rows. `YY` is the spring year of the cohort's
on-time graduation: acgr21.txt is the class of 2020-21.

Two layouts: 34 columns (2016-17 .. 2022-23) and 36 columns (2023-24 on), which inserts the
`Graduates Meeting Local Requirements Exemption (Count)/(Rate)` pair after Golden State and
renames `CHSPE Completer` to `CPP Completer`. Both keep CDE's header typo
`Golden State Seal Merit Diploma (Rate` (no closing parenthesis); a corrected spelling is
accepted too so a silent fix by CDE does not break the load.

Rates are published percentages (0-100, one decimal) and are kept as published: the graduation
rate is over CohortStudents; Met UC/CSU, Seal of Biliteracy and Golden State are published over
graduates (docs/data_sources.md §2), which is why the counts are kept as well.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import check_one_row_per_group, level_rows, measure_columns, provenance, strip_text
from ..layouts import Layout
from ..reading import read_delimited
from ..rollup import check_academic_year, one_row_per_entity
from ..spec import Fact, FactLoad, ParseContext, SourceSpec, measure_pairs, staging_columns
from ..student_groups import map_student_groups
from ..urls import yearly_urls

_BASE = "https://www3.cde.ca.gov/demo-downloads/acgr/"
# Spring year of the cohort's on-time graduation -> file; suffixes as CDE re-issued them.
URLS: dict[str, str] = yearly_urls(
    _BASE, "acgr{yy}.txt", range(2017, 2026),
    {"2021-22": "acgr22-v3.txt", "2022-23": "acgr23-v2.txt"},  # -v2 / acgr23.txt superseded
)  # fmt: skip

_ID = (
    "AcademicYear", "AggregateLevel", "CountyCode", "DistrictCode", "SchoolCode", "CountyName",
    "DistrictName", "SchoolName", "CharterSchool", "DASS", "ReportingCategory", "CohortStudents",
)  # fmt: skip
GOLDEN_RATE_TYPO = "Golden State Seal Merit Diploma (Rate"
GOLDEN_RATE_FIXED = "Golden State Seal Merit Diploma (Rate)"


def _pair(name: str) -> tuple[str, str]:
    return f"{name} (Count)", f"{name} (Rate)"


def _columns(*, golden_rate: str, exemption: bool, completer: str) -> tuple[str, ...]:
    return (
        *_ID,
        *_pair("Regular HS Diploma Graduates"),
        *_pair("Met UC/CSU Grad Req's"),
        *_pair("Seal of Biliteracy"),
        "Golden State Seal Merit Diploma (Count)",
        golden_rate,
        *(_pair("Graduates Meeting Local Requirements Exemption") if exemption else ()),
        *_pair(completer),
        *_pair("Adult Ed. HS Diploma"),
        *_pair("SPED Certificate"),
        *_pair("GED Completer"),
        *_pair("Other Transfer"),
        *_pair("Dropout"),
        *_pair("Still Enrolled"),
    )


_34 = {"exemption": False, "completer": "CHSPE Completer"}
_36 = {"exemption": True, "completer": "CPP Completer"}
LAYOUTS: tuple[Layout, ...] = (
    Layout("acgr_34", _columns(golden_rate=GOLDEN_RATE_TYPO, **_34)),
    Layout("acgr_36", _columns(golden_rate=GOLDEN_RATE_TYPO, **_36)),
    # Not seen yet: the same layouts with CDE's typo corrected.
    Layout("acgr_34_fixed", _columns(golden_rate=GOLDEN_RATE_FIXED, **_34)),
    Layout("acgr_36_fixed", _columns(golden_rate=GOLDEN_RATE_FIXED, **_36)),
)

# Measure stem (source name) -> (count column, rate column); None where the file has no such cell.
_MEASURES: dict[str, tuple[str | None, str]] = {
    "Regular HS Diploma Graduates": ("regular_hs_diploma_graduates", "graduation_rate"),
    "Met UC/CSU Grad Req's": ("met_uc_csu_grad_reqs", "met_uc_csu_rate"),
    "Seal of Biliteracy": ("seal_of_biliteracy", "seal_of_biliteracy_rate"),
    "Golden State Seal Merit Diploma": ("golden_state_seal", "golden_state_seal_rate"),
    "Graduates Meeting Local Requirements Exemption": (
        "local_requirements_exemption",
        "local_requirements_exemption_rate",
    ),
    "CHSPE Completer": ("chspe_cpp_completers", "chspe_cpp_completer_rate"),
    "CPP Completer": ("chspe_cpp_completers", "chspe_cpp_completer_rate"),
    "Adult Ed. HS Diploma": ("adult_ed_hs_diploma", "adult_ed_hs_diploma_rate"),
    "SPED Certificate": ("sped_certificates", "sped_certificate_rate"),
    "GED Completer": ("ged_completers", "ged_completer_rate"),
    "Other Transfer": ("other_transfers", "other_transfer_rate"),
    "Dropout": ("dropouts", "dropout_rate"),
    "Still Enrolled": ("still_enrolled", "still_enrolled_rate"),
}
COUNT_MEASURES: tuple[str, ...] = ("cohort_students",) + tuple(
    dict.fromkeys(count for count, _ in _MEASURES.values() if count)
)
RATE_MEASURES: tuple[str, ...] = tuple(dict.fromkeys(rate for _, rate in _MEASURES.values()))

COLUMNS: tuple[str, ...] = staging_columns(
    "student_group_code", "source_group_code", *measure_pairs(*COUNT_MEASURES, *RATE_MEASURES)
)


def _measure_mapping(header: list[str]) -> dict[str, str]:
    mapping = {"CohortStudents": "cohort_students"}
    for stem, (count, rate) in _MEASURES.items():
        if f"{stem} (Count)" in header:
            mapping[f"{stem} (Count)"] = count
        for rate_header in (f"{stem} (Rate)", f"{stem} (Rate"):
            if rate_header in header:
                mapping[rate_header] = rate
    return mapping


def _read(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    raw, _layout = read_delimited(data, ctx.file_label, LAYOUTS)
    check_academic_year(raw, "AcademicYear", ctx)
    return raw


def _parse_level(raw: pd.DataFrame, ctx: ParseContext, level: str) -> pd.DataFrame:
    # Each entity once: its All/All roll-up where it has one (district and state rows); a
    # school row carries only its own flags (real 2023-24: `No `/`Yes`, never All).
    rows = level_rows(raw, ctx, level)
    rows["group_key"] = strip_text(rows["ReportingCategory"])
    rollups = [c for c in ("CharterSchool", "DASS") if c in rows.columns]
    rows = one_row_per_entity(rows, ["cds_code", "group_key"], rollups, ctx)
    cds = rows["cds_code"]
    out = pd.DataFrame({"cds_code": cds.astype("string")}, index=rows.index)
    out["school_year"] = spring_year(ctx.school_year)
    out["student_group_code"] = map_student_groups(
        rows["ReportingCategory"], "acgr", ctx.file_label, "ReportingCategory"
    )
    out["source_group_code"] = strip_text(rows["ReportingCategory"])
    measures = measure_columns(
        rows, _measure_mapping(list(raw.columns)), ctx.file_label, integer=COUNT_MEASURES
    )
    out = out.join(measures)
    for measure in (*COUNT_MEASURES, *RATE_MEASURES):
        if measure not in out:  # e.g. the exemption pair before 2023-24: no cell, not suppressed
            out[measure] = pd.array(
                [pd.NA] * len(out), dtype="Int64" if measure in COUNT_MEASURES else "Float64"
            )
            out[f"{measure}_suppressed"] = False
    out["source_line"] = rows["source_line"]
    out["source_file_sha256"] = provenance(ctx, len(out))
    check_one_row_per_group(out, ctx, "school")
    return out[list(COLUMNS)].reset_index(drop=True)


GRAIN = "school x cohort year x student group (CDE ACGR, 4-year cohort)"  # of the fact it feeds
SOURCE = SourceSpec(
    name="acgr", title="CDE Adjusted Cohort Graduation Rate and outcome data",
    urls=URLS, layouts=LAYOUTS, read=_read, parse_level=_parse_level, description=__doc__ or "",
    facts=(FactLoad(Fact("fct_graduation", GRAIN)),),
)  # fmt: skip
