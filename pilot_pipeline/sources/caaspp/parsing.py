"""Parsing a CAASPP research file: one streamed read gives its school and district rows."""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import build_cds, in_scope, measure_columns, provenance, strip_text
from ..errors import SourceError
from ..layouts import Layout
from ..reading import read_delimited
from ..rollup import mask_to_line
from ..spec import SCHOOL, ParseContext
from ..streaming import read_chunks
from ..student_groups import map_student_groups
from ..zipfiles import read_member
from .file_format import (
    AREA_MEASURES,
    COLUMNS,
    DATA_MEMBER,
    DISTRICT_TYPE_ID,
    ENTITIES_MEMBER,
    ENTITY_LAYOUTS,
    GRADES,
    IGNORED_GROUP_IDS,
    KEYS,
    LAYOUTS,
    MEASURES,
    SCHOOL_TYPE_IDS,
    TESTS,
)

_MEASURES_INT = ("students_enrolled", "students_tested")
_USED_COLUMNS = frozenset({
    *KEYS, "Student Group ID", "Subgroup ID", "Test Type", "Grade", "Test ID", "Type ID",
    *MEASURES, *AREA_MEASURES,
})  # fmt: skip
SEPS = ("^", ",")  # caret from 2018-19 on; 2017-18 is a quoted comma CSV


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
    out = out.join(measure_columns(rows, MEASURES, ctx.file_label, integer=_MEASURES_INT))
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


def parse_levels(data: bytes, ctx: ParseContext) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
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
    out, _districts, typed = parse_levels(data, ctx)
    if entities is not None and not typed:
        _check_entities(out, entities, ctx)
    return out


def pick_level(
    levels: tuple[pd.DataFrame, pd.DataFrame, bool], _ctx: ParseContext, level: str
) -> pd.DataFrame:
    return levels[0] if level == SCHOOL else levels[1]
