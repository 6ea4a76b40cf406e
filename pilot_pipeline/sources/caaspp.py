"""CAASPP Smarter Balanced research files (`sb_caYYYY_all_csv_vN.zip`), ELA and math.

Each zip holds one `.txt` with one row per entity x Student Group ID x grade (03-08, 11,
13 = all grades) x test (1 ELA, 2 math). `YYYY` is the spring year (sb_ca2021 = 2020-21);
there is no 2020 file. From 2020-21 the member is caret (`^`) delimited with 33 columns (real
bytes, `fixtures/real/caaspp`): the results, 12 claim-area columns (`Area 1..4 Percentage
Above/Near/Below Standard`) and a last `Type ID`. The 2017-18 file is a quoted comma CSV
with the older names (`Subgroup ID`, `CAASPP Reported Enrollment`) and no `Type ID`. The
member (4M rows statewide) is streamed in chunks of only the columns used, with zip-slip and
zip-bomb guards (`streaming.read_chunks`).

Entities: `Type ID` (04 state, 05 county, 06 district, 07 school, 09/10 charter; written
unpadded, `7`) says which rows are schools and which the district row, and must agree with
the school code (0000000 only on district rows). A layout without it falls back on the
school code, and on the entities file (`sb_caYYYYentities_csv.zip`, URL table in
`ENTITIES_URLS`) when passed to `parse`: every school row is then checked against it.

Student Group ID is numeric (3 digits, zero-padded here): code system `caaspp` in
`student_group_source_codes.csv`, from CDE's CAASPP demographics table (castdemolayout.asp).
IDs the warehouse does not keep (parent education, ethnicity x economic status, EL time in
the US, "not" groups) are in `IGNORED_GROUP_IDS`; any other ID fails the parse until reviewed.
Mean scale score, percentages and claim-area percentages are `*` when the group is too small
to report: NULL with a `_suppressed` flag, never 0.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year

from .base import build_cds, in_scope, measure_columns, provenance, strip_text
from .errors import SourceError
from .layouts import Layout
from .reading import read_delimited
from .rollup import mask_to_line
from .spec import SCHOOL, Fact, FactLoad, ParseContext, SourceSpec
from .streaming import read_chunks
from .student_groups import map_student_groups
from .urls import yearly_urls
from .zipfiles import read_member

_BASE = "https://caaspp-elpac.ets.org/caaspp/researchfiles/"
# No 2017-18 entry: its layout is accepted (quoted CSV, probe it by hand) but the reference
# (data_sources.md section 6) gives no 2017-18 URL, and URLs are never guessed.
URLS: dict[str, str] = yearly_urls(
    _BASE, "sb_ca{spring}_all_csv_v1.zip", (2019, *range(2021, 2026)),
    {"2018-19": "sb_ca2019_all_csv_v4.zip", "2020-21": "sb_ca2021_all_csv_v2.zip"},
)  # fmt: skip
ENTITIES_URLS: dict[str, str] = {
    year: f"{_BASE}sb_ca{spring_year(year)}entities_csv.zip" for year in URLS
}
DATA_MEMBER = r"sb_ca\d{4}_(?:all|1)_csv_v\d+\.txt"  # _1_: the All Students file
ENTITIES_MEMBER = r"sb_ca\d{4}entities_csv\.txt"

_KEYS = ("County Code", "District Code", "School Code", "Test Year")
_RESULTS = (
    "Grade", "Test ID", "Students Enrolled", "Students Tested", "Mean Scale Score",
    "Percentage Standard Exceeded", "Percentage Standard Met",
    "Percentage Standard Met and Above", "Percentage Standard Nearly Met",
    "Percentage Standard Not Met",
)  # fmt: skip
_AREAS = tuple(
    f"Area {n} Percentage {level} Standard"
    for n in range(1, 5)
    for level in ("Above", "Near", "Below")
)
_COUNTS = tuple(
    f"Count Standard {level}"
    for level in ("Exceeded", "Met", "Met and Above", "Nearly Met", "Not Met")
)
_OPTIONAL = ("Filler", "Students with Scores", *_AREAS, *_COUNTS)
_GROUP_IDS = ("Student Group ID", "Test Type", "Total Tested at Reporting Level",
              "Total Tested with Scores at Reporting Level")  # fmt: skip
_SUBGROUP_IDS = ("Subgroup ID", "Test Type", "Total Tested at Entity Level",
                 "Total Tested with Scores")  # fmt: skip
LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "sb_student_group_type_id",  # 2020-21 on (real bytes 2020-21 .. 2022-23): 33 columns
        (*_KEYS, *_GROUP_IDS, *_RESULTS, "Students with Scores", *_AREAS, "Type ID"),
        ("Filler", *_COUNTS),
    ),
    Layout(
        "sb_student_group",  # 2018-19 (CAST/SB record definitions): no Type ID
        (*_KEYS, *_GROUP_IDS, *_RESULTS),
        _OPTIONAL,
    ),
    Layout(
        "sb_subgroup",  # 2017-18 and before: Subgroup ID, entity level; real 2017-18 is a
        # quoted comma CSV naming Students Enrolled `CAASPP Reported Enrollment`
        (*_KEYS, *_SUBGROUP_IDS, *_RESULTS),
        _OPTIONAL,
        aliases={"Students Enrolled": ("CAASPP Reported Enrollment",)},
    ),
)  # fmt: skip
ENTITY_LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "sb_entities",
        ("County Code", "District Code", "School Code", "Test Year", "Type ID", "County Name",
         "District Name", "School Name", "Zip Code"),
        ("Filler",),
    ),
)  # fmt: skip
SCHOOL_TYPE_IDS = frozenset({"07", "09", "10"})
DISTRICT_TYPE_ID = "06"

# Confirmed on CDE's demographics table but not kept by the warehouse.
IGNORED_GROUP_IDS = frozenset(
    {"006", "099", "111", "120", "142", "170", "090", "091", "092", "093", "094", "121"}
    | {f"{n:03d}" for n in range(200, 208)}
)
GRADES = {"03": "03", "04": "04", "05": "05", "06": "06", "07": "07", "08": "08", "11": "11",
          "13": "all"}  # fmt: skip
TESTS = {"1": "ela", "2": "math"}
_MEASURES = {
    "Students Enrolled": "students_enrolled",
    "Students Tested": "students_tested",
    "Mean Scale Score": "mean_scale_score",
    "Percentage Standard Exceeded": "pct_exceeded",
    "Percentage Standard Met": "pct_met",
    "Percentage Standard Met and Above": "pct_met_and_above",
    "Percentage Standard Nearly Met": "pct_nearly_met",
    "Percentage Standard Not Met": "pct_not_met",
}
# Claim areas as published: `Area 2 Percentage Near Standard` -> area2_pct_near. All 12 are
# staged; the claim-area fact leaves out math area 4 (always 0.00, * or empty in real files).
AREA_MEASURES = {
    f"Area {n} Percentage {level} Standard": f"area{n}_pct_{level.lower()}"
    for n in range(1, 5)
    for level in ("Above", "Near", "Below")
}
COLUMNS: tuple[str, ...] = (
    "cds_code",
    "school_year",
    "student_group_code",
    "grade",
    "test",
    *(c for m in _MEASURES.values() for c in (m, f"{m}_suppressed")),
    "source_line",
    "source_file_sha256",
    # Last, as `ALTER TABLE ... ADD COLUMN` puts them in warehouses staged before 2020-21's
    # layout was known.
    *(c for m in AREA_MEASURES.values() for c in (m, f"{m}_suppressed")),
)


def _text(data: bytes, label: str, member: str) -> bytes:
    """The zip's data member, or the bytes themselves when already extracted text."""
    return read_member(data, label, member)[1] if data[:4] == b"PK\x03\x04" else data


def _check_year(raw: pd.DataFrame, ctx: ParseContext) -> None:
    year = strip_text(raw["Test Year"])
    wrong = year.ne(str(spring_year(ctx.school_year))).fillna(True)
    if wrong.any():
        raise SourceError(
            f"{ctx.file_label}: column 'Test Year', line {mask_to_line(raw, wrong)}: "
            f"{year[wrong].iloc[0]!r} but the file was loaded for {ctx.school_year}"
        )


def _coded(rows: pd.DataFrame, column: str, codes: dict[str, str], ctx: ParseContext) -> pd.Series:
    text = strip_text(rows[column])
    text = text.str.lstrip("0") if column == "Test ID" else text.str.zfill(2)
    mapped = text.map(codes)
    if mapped.isna().any():
        bad = mapped.isna()
        raise SourceError(
            f"{ctx.file_label}: column '{column}', line {mask_to_line(rows, bad)}: unknown "
            f"code {rows.loc[bad, column].iloc[0]!r} (expected {sorted(codes)})"
        )
    return mapped.astype("string")


def parse_entities(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Entities file -> cds_code, type_id, school_name (all entities, all scopes)."""
    text = _text(data, ctx.file_label, ENTITIES_MEMBER)
    raw, _ = read_delimited(text, ctx.file_label, ENTITY_LAYOUTS, sep="^")
    return pd.DataFrame({
        "cds_code": build_cds(raw["County Code"], raw["District Code"], raw["School Code"]),
        "type_id": strip_text(raw["Type ID"]).str.zfill(2),
        "school_name": strip_text(raw["School Name"]),
    })  # fmt: skip


def _checked_rows(raw: pd.DataFrame, layout: Layout, ctx: ParseContext) -> pd.DataFrame:
    """One chunk's school and district rows in scope, checked, with cds_code and group."""
    _check_year(raw, ctx)
    test_type = strip_text(raw["Test Type"])
    if test_type.ne("B").fillna(True).any():
        bad = test_type.ne("B").fillna(True)
        raise SourceError(
            f"{ctx.file_label}: column 'Test Type', line {mask_to_line(raw, bad)}: "
            f"{raw.loc[bad, 'Test Type'].iloc[0]!r} is not Smarter Balanced ('B')"
        )
    district_code = strip_text(raw["District Code"]).str.zfill(5)
    rows = raw[district_code.ne("00000").fillna(False)].copy()
    rows["cds_code"] = build_cds(rows["County Code"], rows["District Code"], rows["School Code"])
    rows = rows[in_scope(rows["cds_code"], ctx.scope)]
    group_column = "Subgroup ID" if layout.name == "sb_subgroup" else "Student Group ID"
    groups = map_student_groups(
        strip_text(rows[group_column]).str.zfill(3), "caaspp", ctx.file_label, group_column,
        ignore=IGNORED_GROUP_IDS,
    )  # fmt: skip
    return rows.assign(student_group_code=groups)[groups.notna()]


def _at_school(rows: pd.DataFrame, ctx: ParseContext) -> pd.Series:
    """School rows (True) and district rows (False): by `Type ID` when the file has it, which
    must then agree with the school code; by the school code alone in older layouts."""
    no_school = strip_text(rows["School Code"]).str.zfill(7).eq("0000000").fillna(False)
    if "Type ID" not in rows.columns:
        return ~no_school
    types = strip_text(rows["Type ID"]).str.zfill(2)
    school = types.isin(SCHOOL_TYPE_IDS).fillna(False)
    district = types.eq(DISTRICT_TYPE_ID).fillna(False)
    bad = ~(school | district) | (school & no_school) | (district & ~no_school)
    if bad.any():
        first = rows[bad].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: column 'Type ID', line {first['source_line']}: "
            f"{first['Type ID']!r} on a row with school code {first['School Code']!r} "
            f"(expected {sorted(SCHOOL_TYPE_IDS)} for a school, {DISTRICT_TYPE_ID!r} for the "
            "district row, school code 0000000)"
        )
    return school


def _areas(rows: pd.DataFrame, ctx: ParseContext) -> pd.DataFrame:
    """The claim-area percentages; NULL and not suppressed when the layout has no such column."""
    present = {c: m for c, m in AREA_MEASURES.items() if c in rows.columns}
    out = measure_columns(rows, present, ctx.file_label)
    for column, measure in AREA_MEASURES.items():
        if column not in present:
            out[measure] = pd.array([None] * len(rows), dtype="Float64")
            out[f"{measure}_suppressed"] = False
    return out


def _staged(rows: pd.DataFrame, ctx: ParseContext) -> pd.DataFrame:
    """Checked rows -> the staging shape (index kept, for the repeat check's line numbers)."""
    out = pd.DataFrame({"cds_code": rows["cds_code"].astype("string")}, index=rows.index)
    out["school_year"] = spring_year(ctx.school_year)
    out["student_group_code"] = rows["student_group_code"]
    out["grade"] = _coded(rows, "Grade", GRADES, ctx)
    out["test"] = _coded(rows, "Test ID", TESTS, ctx)
    out = out.join(measure_columns(rows, _MEASURES, ctx.file_label, integer=_MEASURES_INT))
    out["source_line"] = rows["source_line"]
    out["source_file_sha256"] = provenance(ctx, len(out))
    out = out.join(_areas(rows, ctx))
    return out[list(COLUMNS)]


def _unique(parts: list[pd.DataFrame], ctx: ParseContext) -> pd.DataFrame:
    out = pd.concat(parts, ignore_index=True)
    duplicated = out.duplicated(["cds_code", "student_group_code", "grade", "test"])
    if duplicated.any():
        raise SourceError(
            f"{ctx.file_label}: line {mask_to_line(out, duplicated)}: entity, student group, "
            "grade and test repeat an earlier row"
        )
    return out


def _parse_levels(data: bytes, ctx: ParseContext) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """(school rows, district rows in scope, whether the file has `Type ID`) from one streamed
    read of the data member."""
    typed: list[bool] = []

    def levels(raw: pd.DataFrame, layout: Layout) -> tuple[pd.DataFrame, pd.DataFrame]:
        typed.append("Type ID" in raw.columns)
        rows = _checked_rows(raw, layout, ctx)
        at_school = _at_school(rows, ctx)
        return _staged(rows[at_school], ctx), _staged(rows[~at_school], ctx)

    parts = read_chunks(data, ctx.file_label, DATA_MEMBER, LAYOUTS, _USED_COLUMNS, levels, sep=SEPS)
    schools, districts = _unique([s for s, _ in parts], ctx), _unique([d for _, d in parts], ctx)
    return schools, districts, any(typed)


_MEASURES_INT = ("students_enrolled", "students_tested")
_USED_COLUMNS = frozenset({
    *_KEYS, "Student Group ID", "Subgroup ID", "Test Type", "Grade", "Test ID", "Type ID",
    *_MEASURES, *AREA_MEASURES,
})  # fmt: skip
SEPS = ("^", ",")  # caret from 2018-19 on; 2017-18 is a quoted comma CSV


def _check_entities(out: pd.DataFrame, entities: bytes, ctx: ParseContext) -> None:
    listed = parse_entities(entities, ctx).set_index("cds_code")["type_id"]
    types = out["cds_code"].map(listed)
    bad = ~types.isin(SCHOOL_TYPE_IDS).fillna(False)
    if bad.any():
        first = out[bad].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: line {first['source_line']}: school {first['cds_code']} has "
            f"entities Type ID {types[bad].iloc[0]!r}, expected one of {sorted(SCHOOL_TYPE_IDS)}"
        )


def parse(data: bytes, ctx: ParseContext, entities: bytes | None = None) -> pd.DataFrame:
    """Research zip (or its text) -> one row per school x group x grade x test in scope.

    Files with `Type ID` (2020-21 on) say themselves which rows are schools. For older layouts
    `entities` (the year's entities zip), when given, must list every school with a school or
    charter Type ID (07, 09, 10).
    """
    out, _districts, typed = _parse_levels(data, ctx)
    if entities is not None and not typed:
        _check_entities(out, entities, ctx)
    return out


def _level(
    levels: tuple[pd.DataFrame, pd.DataFrame, bool], _ctx: ParseContext, level: str
) -> pd.DataFrame:
    return levels[0] if level == SCHOOL else levels[1]


_GRAIN = "school x school year x student group x grade x test"
_AREA_GRAIN = f"{_GRAIN} x claim area (ELA areas 1-4, math 1-3)"
SOURCE = SourceSpec(
    name="caaspp", title="CAASPP Smarter Balanced research files (ELA, math)",
    urls=URLS, layouts=LAYOUTS, read=_parse_levels, parse_level=_level, description=__doc__ or "",
    facts=(
        FactLoad(Fact("fct_assessment", _GRAIN)),
        FactLoad(Fact("fct_assessment_claim_area", _AREA_GRAIN), "fct_assessment_claim_area.sql"),
    ),
)  # fmt: skip
