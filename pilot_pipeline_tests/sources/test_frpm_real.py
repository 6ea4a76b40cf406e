"""The real 2019-20 FRPM workbook, complete and unedited (fixtures/real/SOURCES.md)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd

from pilot_pipeline.sources import frpm
from pilot_pipeline.sources.base import ParseContext
from pilot_pipeline.validation.filecheck import validate_file
from pilot_pipeline.validation.resource import GreatExpectationsResource

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "frpm" / "frpm1920.xlsx"


def _ctx(scope: str) -> ParseContext:
    return ParseContext("frpm", "2019-20", "frpm1920.xlsx", "a" * 64, scope)


@cache
def _cells() -> list[tuple[object, ...]]:
    """The data sheet's rows below the header, read by openpyxl, not by the parser."""
    book = openpyxl.load_workbook(REAL, read_only=True, data_only=True)
    sheet = next(s for s in book.worksheets if s.title.strip() == "FRPM School-Level Data")
    return list(sheet.iter_rows(min_row=3, values_only=True))


def _school_rows(district: str | None = None) -> list[tuple[object, ...]]:
    rows = [r for r in _cells() if r[3] not in (None, "", "0000000", "0000001")]
    return [r for r in rows if district is None or (r[1], r[2]) == ("19", district)]


def test_lausd_scope_holds_every_lausd_school_row_once() -> None:
    frame = frpm.parse(REAL.read_bytes(), _ctx("lausd"))
    expected = {f"{r[1]}{r[2]}{r[3]}" for r in _school_rows("64733")}
    assert len(frame) == 1008 == len(expected)
    assert set(frame["cds_code"]) == expected


def test_statewide_scope_holds_every_school_row_of_the_workbook() -> None:
    frame = frpm.parse(REAL.read_bytes(), _ctx("statewide"))
    assert len(frame) == len(_school_rows())


def test_a_row_matches_its_cells() -> None:
    frame = frpm.parse(REAL.read_bytes(), _ctx("lausd")).set_index("cds_code")
    row = next(r for r in _school_rows("64733") if r[17] not in (None, "", 0))
    staged = frame.loc[f"{row[1]}{row[2]}{row[3]}"]
    assert staged["enrollment_k12"] == int(row[17])
    assert staged["frpm_count_k12"] == int(row[20])
    assert abs(staged["percent_eligible_frpm_k12"] - 100 * float(row[21])) < 1e-6
    assert staged["is_charter"] == (str(row[11]).strip() == "Yes")
    status = staged["nslp_provision_status"]
    assert pd.isna(status) if row[10] in (None, "") else status == str(row[10]).strip()


def test_real_statuses_pass_the_suite_and_the_unstamped_year_is_noted() -> None:
    report, _ = validate_file(
        GreatExpectationsResource(), REAL.read_bytes(), _ctx("lausd"), frpm.parse
    )
    assert report.parsed
    codes = report.by_check("codes_in_known_sets")
    assert codes and all(o.success for o in codes), [o.values for o in codes]
    drift = report.by_check("layout_drift")[0]
    assert drift.success and "carries no year" in drift.detail


def test_a_workbook_without_the_title_row_loads_the_same() -> None:
    book = openpyxl.load_workbook(REAL)
    sheet = next(s for s in book.worksheets if s.title.strip() == "FRPM School-Level Data")
    sheet.delete_rows(1)
    buffer = io.BytesIO()
    book.save(buffer)
    moved = frpm.parse(buffer.getvalue(), _ctx("lausd"))
    original = frpm.parse(REAL.read_bytes(), _ctx("lausd"))
    # openpyxl keeps the percent formulas but not their cached values: compare the rest.
    kept = [c for c in original.columns if not c.startswith("percent_") and c != "source_line"]
    pd.testing.assert_frame_equal(moved[kept], original[kept])
    assert (moved["source_line"] == original["source_line"] - 1).all()
