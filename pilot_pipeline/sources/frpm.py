"""CDE Free or Reduced-Price Meal (FRPM) workbooks (`frpmYYZZ.xlsx`).

An Excel workbook with three sheets: a title page, "FRPM School-Level Data" (2021-22: with a
trailing space, so the sheet is found by its normalised name) and "Data Field Descriptions".
The data header is on row 2; header cells hold embedded line breaks ("Enrollment \\n(K-12)"),
normalised to single spaces. The last column carries the year
("2020-21 CALPADS Fall 1 Certification Status"); it is matched by pattern and its year must be
the partition's. `Academic Year` is written `2020-2021`.

One row per school, plus pseudo-rows that are not schools and are dropped: school code 0000001
("Nonpublic, Nonsectarian Schools", one per district) and 0000000 (district/LEA-level rows).
The workbook has no district-total row, so "counted once" means each CDS code at most once.

Percentages: the xlsx stores fractions (0.6905829596); CDE's CSV export shows `64.8%`. Both are
stored as a 0-100 percent (fraction x 100, rounded to 6 decimals). A bare number above 1 is
ambiguous (a percent without `%`) and fails the parse. `Charter School (Y/N)` is
Yes / "No " / N/A -> TRUE / FALSE / NULL.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from pilot_pipeline.partitions import spring_year

from .base import (
    MISSING_SENTINELS,
    Layout,
    ParseContext,
    SourceError,
    SourceSpec,
    build_cds,
    in_scope,
    match_layout,
    measure_columns,
    normalise_header,
    provenance,
    strip_text,
)
from .rollup import check_academic_year

_BASE = "https://www.cde.ca.gov/ds/ad/documents/"
URLS: dict[str, str] = {
    "2018-19": _BASE + "frpm1819.xlsx",
    "2019-20": _BASE + "frpm1920.xlsx",
    "2020-21": _BASE + "frpm2021.xlsx",
    "2021-22": _BASE + "frpm2122_v2.xlsx",
    "2022-23": _BASE + "frpm2223.xlsx",
    "2023-24": _BASE + "frpm2324.xlsx",
    "2024-25": _BASE + "frpm2425.xlsx",
}

DATA_SHEET = "frpm school-level data"
CERTIFICATION = "CALPADS Fall 1 Certification Status"
_CERTIFICATION_RE = re.compile(r"^(\d{4}-\d{2}) " + re.escape(CERTIFICATION) + "$")
NON_SCHOOL_CODES = frozenset({"0000000", "0000001"})
HEADER_ROW = 2  # Excel row of the header; data starts on row 3

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
_PERCENTS = tuple(v for v in _MEASURES.values() if v.startswith("percent_"))
_COUNTS = tuple(v for v in _MEASURES.values() if v not in _PERCENTS)

LAYOUTS: tuple[Layout, ...] = (
    # 28 columns, real 2017-18 file; the year-stamped last column is renamed to CERTIFICATION.
    Layout(
        "frpm_28",
        (
            "Academic Year", "County Code", "District Code", "School Code", "County Name",
            "District Name", "School Name", "District Type", "School Type",
            "Educational Option Type", "NSLP Provision Status", "Charter School (Y/N)",
            "Charter School Number", "Charter Funding Type", "IRC", "Low Grade", "High Grade",
            "Enrollment (K-12)", "Free Meal Count (K-12)", "Percent (%) Eligible Free (K-12)",
            "FRPM Count (K-12)", "Percent (%) Eligible FRPM (K-12)", "Enrollment (Ages 5-17)",
            "Free Meal Count (Ages 5-17)", "Percent (%) Eligible Free (Ages 5-17)",
            "FRPM Count (Ages 5-17)", "Percent (%) Eligible FRPM (Ages 5-17)", CERTIFICATION,
        ),
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


def _read_sheet(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError(f"{ctx.file_label}: not an xlsx workbook (not a zip archive)")
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise SourceError(f"{ctx.file_label}: cannot open the workbook: {exc}") from exc
    sheets = [s for s in book.sheet_names if normalise_header(s).lower() == DATA_SHEET]
    if len(sheets) != 1:
        raise SourceError(
            f"{ctx.file_label}: expected one sheet named 'FRPM School-Level Data', "
            f"found sheets {book.sheet_names}"
        )
    frame = book.parse(
        sheets[0], header=HEADER_ROW - 1, dtype=str, keep_default_na=False, na_filter=False
    )
    frame.columns = [normalise_header(c) for c in frame.columns]
    return frame


def _rename_certification(frame: pd.DataFrame, ctx: ParseContext) -> pd.DataFrame:
    stamped = [c for c in frame.columns if _CERTIFICATION_RE.match(c)]
    if len(stamped) > 1:
        raise SourceError(f"{ctx.file_label}: several certification-status columns {stamped}")
    if stamped:
        year = _CERTIFICATION_RE.match(stamped[0]).group(1)  # type: ignore[union-attr]
        if year != ctx.school_year:
            raise SourceError(
                f"{ctx.file_label}: column '{stamped[0]}' is for {year} but the file was "
                f"loaded for {ctx.school_year}"
            )
        frame = frame.rename(columns={stamped[0]: CERTIFICATION})
    return frame


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
    frame = _rename_certification(_read_sheet(data, ctx), ctx)
    match_layout(list(frame.columns), LAYOUTS, ctx.file_label)
    frame.insert(0, "source_line", range(HEADER_ROW + 1, HEADER_ROW + 1 + len(frame)))
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
        if target in _PERCENTS:
            frame[column] = _percent_text(frame, column, ctx)
    out = pd.DataFrame({"cds_code": cds.astype("string")}, index=frame.index)
    out["school_year"] = spring_year(ctx.school_year)
    charter = strip_text(frame["Charter School (Y/N)"])
    unknown = ~charter.isin(["Yes", "No", "Y", "N", "N/A", ""]).fillna(True)
    if unknown.any():
        line = int(frame.loc[unknown, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column 'Charter School (Y/N)', line {line}: unknown value "
            f"{frame.loc[unknown, 'Charter School (Y/N)'].iloc[0]!r}"
        )
    out["is_charter"] = charter.map({"Yes": True, "Y": True, "No": False, "N": False}).astype(
        "boolean"
    )
    nslp = strip_text(frame["NSLP Provision Status"])
    out["nslp_provision_status"] = nslp.mask(nslp.isin(MISSING_SENTINELS))
    out = out.join(measure_columns(frame, _MEASURES, ctx.file_label, integer=_COUNTS))
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
    name="frpm",
    title="CDE Free or Reduced-Price Meal (FRPM) school-level data",
    urls=URLS,
    layouts=LAYOUTS,
    parse=parse,
    description=__doc__ or "",
)
