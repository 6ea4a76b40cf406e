"""Reading the FRPM workbook: its data sheet, the header row, the certification column."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from ..errors import SourceError
from ..layouts import header_key, normalise_header
from ..spec import ParseContext

DATA_SHEET = "frpm school-level data"
CERTIFICATION = "CALPADS Fall 1 Certification Status"
_CERTIFICATION_RE = re.compile(r"^(\d{4}-\d{2}) " + re.escape(CERTIFICATION) + "$")
HEADER_SEARCH_ROWS = 10  # the header is looked for in the sheet's first rows
_HEADER_MARKERS = ("Academic Year", "County Code", "District Code", "School Code")


# calamine reads a statewide workbook about five times faster than openpyxl, cell for cell the
# same text (checked on every real FRPM workbook of 2017-18 to 2023-24); openpyxl stays second:
# it reads what calamine refuses, and names the broken XML part when neither can.
EXCEL_ENGINES = ("calamine", "openpyxl")


class _Unreadable(Exception):
    """One engine could not read the workbook (another may)."""


def read_sheet(data: bytes, ctx: ParseContext) -> tuple[pd.DataFrame, int]:
    """The data sheet as all-text cells under its header, and the header's Excel row."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError(f"{ctx.file_label}: not an xlsx workbook (not a zip archive)")
    failures = []
    for engine in EXCEL_ENGINES:
        try:
            cells = _sheet_cells(data, ctx, engine)
        except _Unreadable as exc:
            failures.append(str(exc))
            continue
        row = _header_row(cells, ctx)
        frame = cells.iloc[row + 1 :].reset_index(drop=True)
        frame.columns = [normalise_header(c) for c in cells.iloc[row]]
        return frame, row + 1
    raise SourceError(f"{ctx.file_label}: " + "; ".join(failures))


def _sheet_cells(data: bytes, ctx: ParseContext, engine: str) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine=engine)
    except Exception as exc:  # each engine raises its own types for broken workbooks
        raise _Unreadable(
            f"cannot open the workbook ({engine}: {type(exc).__name__}: {exc})"
        ) from exc
    sheets = [s for s in book.sheet_names if normalise_header(s).lower() == DATA_SHEET]
    if len(sheets) != 1:
        raise SourceError(
            f"{ctx.file_label}: expected one sheet named 'FRPM School-Level Data', "
            f"found sheets {book.sheet_names}"
        )
    try:
        return pd.read_excel(
            book, sheet_name=sheets[0], header=None, dtype=str, keep_default_na=False,
            na_filter=False,
        )  # fmt: skip
    except Exception as exc:  # a broken sheet XML surfaces only here (ParseError, KeyError, ...)
        raise _Unreadable(
            f"sheet {sheets[0]!r} cannot be read ({engine}: {type(exc).__name__}: {exc})"
        ) from exc


def _header_row(cells: pd.DataFrame, ctx: ParseContext) -> int:
    """The first of the top rows that names the key columns: CDE has put a title row above
    the header (row 2 in every workbook seen), and a workbook without it must still load."""
    wanted = {header_key(c) for c in _HEADER_MARKERS}
    for row in range(min(HEADER_SEARCH_ROWS, len(cells))):
        if wanted <= {header_key(c) for c in cells.iloc[row]}:
            return row
    raise SourceError(
        f"{ctx.file_label}: no header row naming {list(_HEADER_MARKERS)} in the first "
        f"{HEADER_SEARCH_ROWS} rows of the data sheet"
    )


def rename_certification(frame: pd.DataFrame, ctx: ParseContext) -> tuple[pd.DataFrame, str]:
    """The year-stamped certification column under its plain name, and what was checked."""
    stamped = [c for c in frame.columns if _CERTIFICATION_RE.match(c)]
    if len(stamped) > 1:
        raise SourceError(f"{ctx.file_label}: several certification-status columns {stamped}")
    if not stamped:
        return frame, (
            f"the '{CERTIFICATION}' column carries no year: its "
            "year check was skipped; 'Academic Year' was checked on every row"
        )
    year = _CERTIFICATION_RE.match(stamped[0]).group(1)  # type: ignore[union-attr]
    if year != ctx.school_year:
        raise SourceError(
            f"{ctx.file_label}: column '{stamped[0]}' is for {year} but the file was "
            f"loaded for {ctx.school_year}"
        )
    return frame.rename(columns={stamped[0]: CERTIFICATION}), f"'{stamped[0]}' matches the year"
