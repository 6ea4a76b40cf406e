"""CDE historical school enrollment by race/ethnicity, gender and grade (`enrYYYYYY-vN.txt`).

Multi-year bundles, one record per school x race/ethnicity x gender (x ENR_TYPE since 2015),
school rows only (no district or state rows). Columns: ACADEMIC_YEAR, CDS_CODE, COUNTY,
DISTRICT, SCHOOL (names), RACE_ETHNICITY, GENDER, ENR_TYPE, GR_KN, GR_1 .. GR_12, UNGR_ELM,
UNGR_SEC, ENR_TOTAL, ADULT. The legacy yearly files have no ACADEMIC_YEAR or ENR_TYPE, call the
race column ETHNIC and kindergarten KDGN; both layouts are read.

Bundle names give the FALL years they cover: enr202022 = 2020-21 .. 2022-23, enr201719 =
2017-18 .. 2019-20, enr201416 = 2014-15 .. 2016-17 (the bundles listed in docs/data_sources.md §3b
tile 1981-82 .. 2022-23 without gap only read this way). The same URL serves several school
years; the parser keeps the rows whose ACADEMIC_YEAR is the partition's year. From 2023-24 on,
use census_day instead. No real bytes of this family have been found
(pilot_pipeline_tests/fixtures/real/SOURCES.md): the layouts follow CDE's structure page.

ENR_TYPE: only 'C' (combined) rows are kept where the column is filled, so a school is never
counted twice. Race codes are CDE's (0 not reported .. 7 White, 9 two or more races; code
system `historical_ethnic`); gender codes M/F/X/Z (code system `historical_gender`).

Staging rows are all SUMS of the file's race x gender records, per grade:
- race groups: one race, summed over genders;
- gender groups: one gender, summed over races;
- `all`: summed over every race and gender (the file has no total row of its own).
A sum that includes a suppressed (`*`) cell is NULL and suppressed.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import in_scope, measure_columns, provenance, strip_text
from ..errors import SourceError
from ..layouts import Layout
from ..reading import read_delimited
from ..spec import ParseContext, SourceSpec, enrollment_load, measure_pairs, staging_columns
from ..student_groups import map_student_groups

_BASE = "https://www3.cde.ca.gov/demo-downloads/enrsch/"
_B1416 = _BASE + "enr201416-v2.txt"
_B1719 = _BASE + "enr201719-v2.txt"
_B2022 = _BASE + "enr202022-v2.txt"
# Every partition year mapped to its bundle explicitly (several years share one URL).
URLS: dict[str, str] = {
    "2016-17": _B1416,
    "2017-18": _B1719,
    "2018-19": _B1719,
    "2019-20": _B1719,
    "2020-21": _B2022,
    "2021-22": _B2022,
    "2022-23": _B2022,
}

_GRADES_1_12 = {f"GR_{g}": f"{g:02d}" for g in range(1, 13)}
_GRADES_TAIL = {"UNGR_ELM": "UE", "UNGR_SEC": "US", "ENR_TOTAL": "all", "ADULT": "AD"}
# File column -> staging grade label; 'all' is ENR_TOTAL (K-12 + ungraded, adults excluded).
GRADES: dict[str, str] = {
    "GR_TK": "TK",
    "GR_KN": "KN",
    "KDGN": "KN",
    **_GRADES_1_12,
    **_GRADES_TAIL,
}
_NAMES = ("CDS_CODE", "COUNTY", "DISTRICT", "SCHOOL")
LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "bundle",
        (
            "ACADEMIC_YEAR",
            *_NAMES,
            "RACE_ETHNICITY",
            "GENDER",
            "GR_KN",
            *_GRADES_1_12,
            *_GRADES_TAIL,
        ),
        optional=("ENR_TYPE", "GR_TK"),
    ),
    Layout("yearly", (*_NAMES, "ETHNIC", "GENDER", "KDGN", *_GRADES_1_12, *_GRADES_TAIL)),
)

COLUMNS: tuple[str, ...] = staging_columns(
    "student_group_code", "source_group_code", "grade", *measure_pairs("enrollment")
)


def _year_rows(raw: pd.DataFrame, ctx: ParseContext) -> pd.DataFrame:
    if "ACADEMIC_YEAR" not in raw:
        return raw  # legacy yearly file: one year per file, as the URL table says
    years = strip_text(raw["ACADEMIC_YEAR"])
    rows = raw[years.eq(ctx.school_year).fillna(False)]
    if rows.empty:
        found = sorted(years.dropna().unique())
        raise SourceError(
            f"{ctx.file_label}: column 'ACADEMIC_YEAR': no rows for {ctx.school_year} "
            f"(the file holds {found})"
        )
    if "ENR_TYPE" in rows:
        enr_type = strip_text(rows["ENR_TYPE"]).fillna("")
        if enr_type.ne("").any():  # years before ENR_TYPE existed leave it blank
            rows = rows[enr_type.eq("C")]
    return rows


def _school_records(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """The file's race x gender records of the year, in scope, typed and mapped."""
    raw, _layout = read_delimited(data, ctx.file_label, LAYOUTS)
    rows = _year_rows(raw, ctx)
    cds = strip_text(rows["CDS_CODE"]).str.zfill(14)
    bad = ~cds.str.fullmatch(r"\d{14}").fillna(False)
    if bad.any():
        line = int(rows.loc[bad, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column 'CDS_CODE', line {line}: "
            f"{cds[bad].iloc[0]!r} is not a CDS code"
        )
    rows, cds = rows[in_scope(cds, ctx.scope)], cds[in_scope(cds, ctx.scope)]
    race_column = "RACE_ETHNICITY" if "RACE_ETHNICITY" in rows else "ETHNIC"
    grades = {c: g for c, g in GRADES.items() if c in rows}
    out = pd.DataFrame({"cds_code": cds.astype("string")}, index=rows.index)
    out["race_code"] = strip_text(rows[race_column])
    out["race"] = map_student_groups(
        rows[race_column], "historical_ethnic", ctx.file_label, race_column
    )
    out["gender_code"] = strip_text(rows["GENDER"])
    out["gender"] = map_student_groups(
        rows["GENDER"], "historical_gender", ctx.file_label, "GENDER"
    )
    out["source_line"] = rows["source_line"]
    out = out.join(measure_columns(rows, grades, ctx.file_label, integer=grades.values()))
    repeated = out.duplicated(["cds_code", "race", "gender"])
    if repeated.any():
        first = out[repeated].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: line {first['source_line']}: school {first['cds_code']} race "
            f"{first['race_code']} gender {first['gender_code']} appears twice in {ctx.school_year}"
        )
    return out


def _sum_groups(records: pd.DataFrame, by: list[str], grades: list[str]) -> pd.DataFrame:
    """Long sums per group and grade; a suppressed part makes the sum NULL and suppressed."""
    grouped = records.groupby(by, sort=False, dropna=False)
    values = grouped[grades].sum(min_count=1)
    suppressed = grouped[[f"{g}_suppressed" for g in grades]].any()
    suppressed.columns = grades
    first_line = grouped["source_line"].min()
    long = values.stack(future_stack=True).rename("enrollment").to_frame()
    long["enrollment_suppressed"] = suppressed.stack(future_stack=True).astype(bool)
    long["enrollment"] = long["enrollment"].astype("Int64").mask(long["enrollment_suppressed"])
    long = long.rename_axis([*by, "grade"]).reset_index()
    return long.merge(first_line.reset_index(), on=by, how="left")


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Historical enrollment bytes -> one row per school x group x grade of ctx.school_year."""
    records = _school_records(data, ctx)
    grades = list(dict.fromkeys(g for g in GRADES.values() if g in records))
    # Derived sums (see module docstring): race over genders, gender over races, all over both.
    race = _sum_groups(records, ["cds_code", "race", "race_code"], grades).rename(
        columns={"race": "student_group_code", "race_code": "source_group_code"}
    )
    gender = _sum_groups(records, ["cds_code", "gender", "gender_code"], grades).rename(
        columns={"gender": "student_group_code", "gender_code": "source_group_code"}
    )
    total = _sum_groups(records, ["cds_code"], grades)
    total = total.assign(student_group_code="all", source_group_code=pd.NA)
    out = pd.concat([total, race, gender], ignore_index=True)
    out["school_year"] = spring_year(ctx.school_year)
    out["source_file_sha256"] = provenance(ctx, len(out))
    for column in ("cds_code", "student_group_code", "source_group_code", "grade"):
        out[column] = out[column].astype("string")
    out = out.sort_values(["cds_code", "student_group_code", "grade"], kind="stable")
    return out[list(COLUMNS)].reset_index(drop=True)


SOURCE = SourceSpec(
    name="historical_enrollment",
    title="CDE historical school enrollment by race/ethnicity, gender and grade",
    urls=URLS, layouts=LAYOUTS, parse_file=parse, description=__doc__ or "",
    facts=(enrollment_load("historical", "fct_enrollment__historical_enrollment.sql"),),
)  # fmt: skip
