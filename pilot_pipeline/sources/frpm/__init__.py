"""CDE Free or Reduced-Price Meal (FRPM) workbooks (`frpmYYZZ.xlsx`).

An Excel workbook with three sheets: a title page, "FRPM School-Level Data" (2021-22: with a
trailing space, so the sheet is found by its normalised name) and "Data Field Descriptions".
The header is on row 2 in every workbook seen (a title row above it); it is found as the first
row naming the key columns. Header cells hold embedded line breaks ("Enrollment \\n(K-12)"),
normalised to single spaces. The last column carries the year in some years
("2020-21 CALPADS Fall 1 Certification Status", real 2017-18) and not in others (real 2019-20:
plain "CALPADS Fall 1 Certification Status"); a stamped year must be the partition's, an
unstamped column is noted on the `layout_drift` check. `Academic Year` is written `2020-2021`
and is checked on every row.

One row per school, plus pseudo-rows that are not schools and are dropped: school code 0000001
("Nonpublic, Nonsectarian Schools", one per district) and 0000000 (district/LEA-level rows).
The workbook has no district-total row, so "counted once" means each CDS code at most once.

Percentages: the xlsx stores fractions (0.6905829596); CDE's CSV export shows `64.8%`. Both are
stored as a 0-100 percent (fraction x 100, rounded to 6 decimals). A bare number above 1 is
ambiguous (a percent without `%`) and fails the parse. `Charter School (Y/N)` is
Yes / "No " / N/A -> TRUE / FALSE / NULL.
"""

from __future__ import annotations

import re

import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import MISSING_SENTINELS, build_cds, in_scope, measure_columns, provenance, strip_text
from ..errors import SourceError
from ..layouts import (
    Layout,
    match_header,
    normalise_flag,
    record_layout,
)
from ..rollup import check_academic_year
from ..spec import Fact, FactLoad, ParseContext, SourceSpec
from ..urls import yearly_urls
from .workbook import CERTIFICATION, read_sheet, rename_certification

_BASE = "https://www.cde.ca.gov/ds/ad/documents/"
URLS: dict[str, str] = yearly_urls(
    _BASE, "frpm{fall_yy}{yy}.xlsx", range(2019, 2026), {"2021-22": "frpm2122_v2.xlsx"}
)
NON_SCHOOL_CODES = frozenset({"0000000", "0000001"})

_MEASURES = {
    "Enrollment (K-12)": "enrollment_k12",
    "Free Meal Count (K-12)": "free_meal_count_k12",
    "FRPM Count (K-12)": "frpm_count_k12",
    "Percent (%) Eligible Free (K-12)": "percent_eligible_free_k12",
    "Percent (%) Eligible FRPM (K-12)": "percent_eligible_frpm_k12",
    "Enrollment (Ages 5-17)": "enrollment_ages_5_17",
    "Free Meal Count (Ages 5-17)": "free_meal_count_ages_5_17",
    "FRPM Count (Ages 5-17)": "frpm_count_ages_5_17",
    "Percent (%) Eligible Free (Ages 5-17)": "percent_eligible_free_ages_5_17",
    "Percent (%) Eligible FRPM (Ages 5-17)": "percent_eligible_frpm_ages_5_17",
}
PERCENTS = tuple(v for v in _MEASURES.values() if v.startswith("percent_"))
COUNTS = tuple(v for v in _MEASURES.values() if v not in PERCENTS)

LAYOUTS: tuple[Layout, ...] = (
    # 28 columns, real 2017-18 .. 2022-23 workbooks, 27 in 2023-24 (no NSLP Provision Status);
    # 2017-18's year-stamped last column is renamed to CERTIFICATION.
    Layout(
        "frpm_28",
        (
            "Academic Year", "County Code", "District Code", "School Code", "County Name",
            "District Name", "School Name", "District Type", "School Type",
            "Educational Option Type", "Charter School (Y/N)",
            "Charter School Number", "Charter Funding Type", "IRC", "Low Grade", "High Grade",
            "Enrollment (K-12)", "Free Meal Count (K-12)", "Percent (%) Eligible Free (K-12)",
            "FRPM Count (K-12)", "Percent (%) Eligible FRPM (K-12)", "Enrollment (Ages 5-17)",
            "Free Meal Count (Ages 5-17)", "Percent (%) Eligible Free (Ages 5-17)",
            "FRPM Count (Ages 5-17)", "Percent (%) Eligible FRPM (Ages 5-17)", CERTIFICATION,
        ),
        ("NSLP Provision Status",),  # real 2023-24 workbook: gone (27 columns)
    ),
)  # fmt: skip

COLUMNS: tuple[str, ...] = (
    "cds_code",
    "school_year",
    "is_charter",
    "nslp_provision_status",
    *(c for m in _MEASURES.values() for c in (m, f"{m}_suppressed")),
    "source_line",
    "source_file_sha256",
)


def _academic_year_label(value: str) -> str:
    """'2020-2021' -> '2020-21'; anything else is returned unchanged (and will mismatch)."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", value)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return value
    return f"{match.group(1)}-{match.group(2)[2:]}"


def _code_text(series: pd.Series) -> pd.Series:
    # Codes stored as numbers come back as '19' or '19.0'; build_cds re-pads them.
    return strip_text(series).str.replace(r"\.0$", "", regex=True)


def _percent_text(frame: pd.DataFrame, column: str, ctx: ParseContext) -> pd.Series:
    """Fractions (xlsx) and '64.8%' strings (CSV export) -> percent text for to_measure."""
    text = strip_text(frame[column])
    is_percent = text.str.endswith("%").fillna(False)
    plain = text.mask(is_percent | text.isin(MISSING_SENTINELS) | text.eq("*"))
    numbers = pd.to_numeric(plain, errors="coerce")
    bad = plain.notna() & numbers.isna()
    too_big = numbers.gt(1).fillna(False)
    if bad.any() or too_big.any():
        mask = bad | too_big
        line = int(frame.loc[mask, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column '{column}', line {line}: {text[mask].iloc[0]!r} is "
            "neither a fraction (0-1) nor a percent string"
        )
    as_percent = (numbers * 100).round(6).astype("string")
    return text.where(~plain.notna(), as_percent)


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Workbook bytes -> one row per school in scope (pseudo-rows dropped)."""
    frame, header_row = read_sheet(data, ctx)
    frame, certification = rename_certification(frame, ctx)
    match = match_header(list(frame.columns), LAYOUTS, ctx.file_label)
    match.notes.append(certification)
    frame.columns = match.names
    frame.insert(0, "source_line", range(header_row + 1, header_row + 1 + len(frame)))
    record_layout(match, frame)
    # Trailing empty rows (formatting left in the sheet) are not records.
    frame = frame[strip_text(frame["School Code"]).fillna("").ne("")]
    check_academic_year(frame, "Academic Year", ctx, _academic_year_label)
    school = _code_text(frame["School Code"]).str.zfill(7)
    frame = frame[~school.isin(NON_SCHOOL_CODES)]
    cds = build_cds(
        _code_text(frame["County Code"]),
        _code_text(frame["District Code"]),
        _code_text(frame["School Code"]),
    )
    keep = in_scope(cds, ctx.scope)
    frame, cds = frame[keep].copy(), cds[keep]
    for column, target in _MEASURES.items():
        if target in PERCENTS:
            frame[column] = _percent_text(frame, column, ctx)
    out = pd.DataFrame({"cds_code": cds.astype("string")}, index=frame.index)
    out["school_year"] = spring_year(ctx.school_year)
    charter = normalise_flag(frame["Charter School (Y/N)"])
    unknown = ~charter.isin(["Y", "N", "N/A", ""]).fillna(True)
    if unknown.any():
        line = int(frame.loc[unknown, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column 'Charter School (Y/N)', line {line}: unknown value "
            f"{frame.loc[unknown, 'Charter School (Y/N)'].iloc[0]!r}"
        )
    out["is_charter"] = charter.map({"Y": True, "N": False}).astype("boolean")
    nslp = strip_text(frame.get("NSLP Provision Status", pd.Series(pd.NA, index=frame.index)))
    out["nslp_provision_status"] = nslp.mask(nslp.isin(MISSING_SENTINELS))
    out = out.join(
        measure_columns(frame, _MEASURES, ctx.file_label, integer=COUNTS, percent=PERCENTS)
    )
    out["source_line"] = frame["source_line"].astype("int64")
    out["source_file_sha256"] = provenance(ctx, len(out))
    duplicated = out["cds_code"].duplicated()
    if duplicated.any():
        first = out[duplicated].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: line {first['source_line']}: school {first['cds_code']} "
            "appears more than once"
        )
    return out[list(COLUMNS)].reset_index(drop=True)


SOURCE = SourceSpec(
    name="frpm", title="CDE Free or Reduced-Price Meal (FRPM) school-level data",
    urls=URLS, layouts=LAYOUTS, parse_file=parse, description=__doc__ or "",
    facts=(FactLoad(Fact("fct_frpm", "school x school year")),),
)  # fmt: skip
