"""California School Dashboard census enrollment rates (`censusenrollratesdownloadYYYY.txt`).

Tab-delimited, one row per entity (`rtype` S school, D district, X state) x student group, with
`totalenrollment` (the entity's whole Census Day enrollment), `subgrouptotal` (the group's
count) and `rate` (subgrouptotal / totalenrollment x 100). Columns: cds, rtype, schoolname,
districtname, countyname, studentgroup, totalenrollment, subgrouptotal, rate, reportingyear.
Two CDE pages disagree on the column order (censusenroll22.asp vs dbcensusenroll.asp), so
columns are chosen by name and either order parses. No grades: staging grade is 'all'.
No real bytes of this family have been found (pilot_pipeline_tests/fixtures/real/SOURCES.md).

Year mapping: `YYYY` and `reportingyear` are the Dashboard release year, and a Dashboard
reports the school year that ends in that spring (the 2022 Dashboard shows Census Day
October 2021, i.e. 2021-22). So censusenrollratesdownload2021.txt is 2020-21, not 2021-22;
the parser checks `reportingyear` == spring year of the partition and fails otherwise.

The file may have no ALL row; the whole-school count is then `totalenrollment`, so an `all`
row is derived from it (subgroup_enrollment = total_enrollment; rate and source_group_code
NULL, since CDE published neither). Every group row of a school must carry the same totalenrollment.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import check_one_row_per_group, in_scope, measure_columns, provenance, strip_text
from ..errors import SourceError
from ..layouts import Layout
from ..reading import read_delimited
from ..spec import ParseContext, SourceSpec, enrollment_load, measure_pairs, staging_columns
from ..student_groups import map_student_groups
from ..urls import yearly_urls

_BASE = "https://www3.cde.ca.gov/researchfiles/cadashboard/"
# School year -> the Dashboard release of the spring that ends it (see module docstring).
URLS: dict[str, str] = yearly_urls(
    _BASE, "censusenrollratesdownload{spring}.txt", range(2018, 2026)
)

COLUMNS_BY_NAME = (
    "cds", "rtype", "schoolname", "districtname", "countyname", "studentgroup",
    "totalenrollment", "subgrouptotal", "rate", "reportingyear",
)  # fmt: skip
# One layout: the column set is the same on both CDE pages, only the order differs.
LAYOUTS: tuple[Layout, ...] = (Layout("censusenrollrates", COLUMNS_BY_NAME),)

COLUMNS: tuple[str, ...] = staging_columns(
    "student_group_code",
    "source_group_code",
    *measure_pairs("total_enrollment", "subgroup_enrollment", "rate"),
)


def _check_year(raw: pd.DataFrame, ctx: ParseContext) -> None:
    expected = str(spring_year(ctx.school_year))
    years = strip_text(raw["reportingyear"])
    wrong = years.ne(expected).fillna(True)
    if wrong.any():
        line = int(raw.loc[wrong, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column 'reportingyear', line {line}: reporting year "
            f"{years[wrong].iloc[0]!r}, but {ctx.school_year} needs {expected} (the Dashboard "
            f"year is the spring year of the school year it reports)"
        )


def _read(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    raw, _layout = read_delimited(data, ctx.file_label, LAYOUTS)
    _check_year(raw, ctx)
    return raw


def _parse_level(raw: pd.DataFrame, ctx: ParseContext, rtype: str) -> pd.DataFrame:
    rows = raw[strip_text(raw["rtype"]).eq(rtype).fillna(False)]
    # Spreadsheet round trips drop the leading zero of county 01-09.
    cds = strip_text(rows["cds"]).str.zfill(14)
    bad = ~cds.str.fullmatch(r"\d{14}").fillna(False)
    if bad.any():
        line = int(rows.loc[bad, "source_line"].iloc[0])
        raise SourceError(f"{ctx.file_label}: column 'cds', line {line}: {cds[bad].iloc[0]!r}")
    rows, cds = rows[in_scope(cds, ctx.scope)], cds[in_scope(cds, ctx.scope)]
    out = pd.DataFrame({"cds_code": cds.astype("string")}, index=rows.index)
    out["school_year"] = spring_year(ctx.school_year)
    out["student_group_code"] = map_student_groups(
        rows["studentgroup"], "dashboard", ctx.file_label, "studentgroup"
    )
    out["source_group_code"] = strip_text(rows["studentgroup"])
    mapping = {
        "totalenrollment": "total_enrollment",
        "subgrouptotal": "subgroup_enrollment",
        "rate": "rate",
    }
    out = out.join(
        measure_columns(
            rows, mapping, ctx.file_label, integer=("total_enrollment", "subgroup_enrollment")
        )
    )
    out["source_line"] = rows["source_line"]
    out["source_file_sha256"] = provenance(ctx, len(out))
    _check_unique(out, ctx)
    return _with_all_rows(out, ctx)[list(COLUMNS)].reset_index(drop=True)


def _check_unique(out: pd.DataFrame, ctx: ParseContext) -> None:
    check_one_row_per_group(out, ctx, "entity")
    totals = out.groupby("cds_code")["total_enrollment"].nunique()
    if (totals > 1).any():
        cds = totals[totals > 1].index[0]
        raise SourceError(
            f"{ctx.file_label}: column 'totalenrollment': entity {cds} has different totals "
            f"on its group rows"
        )


def _with_all_rows(out: pd.DataFrame, ctx: ParseContext) -> pd.DataFrame:
    """Derive the `all` row from totalenrollment for entities the file gives no ALL row."""
    has_all = set(out.loc[out["student_group_code"].eq("all"), "cds_code"])
    missing = out[~out["cds_code"].isin(has_all)].drop_duplicates("cds_code")
    if missing.empty:
        return out
    derived = missing.assign(
        student_group_code="all",
        source_group_code=pd.NA,
        subgroup_enrollment=missing["total_enrollment"],
        subgroup_enrollment_suppressed=missing["total_enrollment_suppressed"],
        rate=pd.array([pd.NA] * len(missing), dtype="Float64"),
        rate_suppressed=False,
    )
    combined = pd.concat([derived, out], ignore_index=True)
    for column in ("student_group_code", "source_group_code"):
        combined[column] = combined[column].astype("string")
    return combined.sort_values(["source_line"], kind="stable")


SOURCE = SourceSpec(
    name="dashboard_enrollment", title="California School Dashboard census enrollment rates",
    urls=URLS, layouts=LAYOUTS, read=_read, parse_level=_parse_level, description=__doc__ or "",
    facts=(enrollment_load("dashboard", "fct_enrollment__dashboard_enrollment.sql"),),
)  # fmt: skip
