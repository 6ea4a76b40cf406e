"""Real CDE bytes found in public repositories (fixtures/real/SOURCES.md): every file parses,
and the staged values are the file's cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pilot_pipeline.sources import acgr, frpm
from pilot_pipeline.sources.base import ParseContext
from pilot_pipeline.validation.filecheck import validate_file
from pilot_pipeline.validation.resource import GreatExpectationsResource

REAL = Path(__file__).parents[1] / "fixtures" / "real"
ACGR_2024 = REAL / "acgr" / "acgr24_excerpt.txt"
FRPM_BOOKS = sorted((REAL / "frpm").glob("frpm*.xlsx"))


def _year(book: Path) -> str:
    digits = book.stem[4:8]  # frpm1920 -> 2019-20
    return f"20{digits[:2]}-{digits[2:]}"


def _acgr_lines() -> list[list[str]]:
    return [line.split("\t") for line in ACGR_2024.read_text().splitlines()]


def test_acgr_2023_24_school_rows_carry_their_own_flags_and_load() -> None:
    header, *rows = _acgr_lines()
    ctx = ParseContext("acgr", "2023-24", ACGR_2024.name, "a" * 64, "statewide")
    frame = acgr.SOURCE.parse(ACGR_2024.read_bytes(), ctx)
    schools = [r for r in rows if r[1] == "S"]
    assert {r[8] for r in schools} <= {"Yes", "No "}  # never All at school level
    assert len(frame) == len(schools)
    staged = frame.set_index("source_line")
    for line_no, cells in enumerate(rows, start=2):
        if cells[1] != "S":
            continue
        row = dict(zip(header, cells, strict=True))
        got = staged.loc[line_no]
        assert got["cds_code"] == row["CountyCode"] + row["DistrictCode"] + row["SchoolCode"]
        for source, target in (
            ("CohortStudents", "cohort_students"),
            ("Regular HS Diploma Graduates (Count)", "regular_hs_diploma_graduates"),
            ("Met UC/CSU Grad Req's (Rate)", "met_uc_csu_rate"),
        ):
            cell = row[source]
            if cell == "*":
                assert pd.isna(got[target]) and got[f"{target}_suppressed"]
            else:
                assert float(got[target]) == float(cell) and not got[f"{target}_suppressed"]


def test_acgr_2023_24_lausd_scope_keeps_the_lausd_schools() -> None:
    ctx = ParseContext("acgr", "2023-24", ACGR_2024.name, "a" * 64, "lausd")
    frame = acgr.SOURCE.parse(ACGR_2024.read_bytes(), ctx)
    expected = {"19" + r[3] + r[4] for r in _acgr_lines()[1:] if r[1] == "S" and r[3] == "64733"}
    assert set(frame["cds_code"]) == expected and len(expected) == 5


@pytest.mark.parametrize("book", FRPM_BOOKS, ids=lambda p: p.name)
def test_every_real_frpm_workbook_stages_each_school_row_once(book: Path) -> None:
    sheet = next(
        s
        for s in openpyxl.load_workbook(book, read_only=True, data_only=True).worksheets
        if s.title.strip() == "FRPM School-Level Data"
    )
    codes = {
        f"{r[1]}{r[2]}{r[3]}"
        for r in sheet.iter_rows(min_row=3, values_only=True)
        if r[3] not in (None, "", "0000000", "0000001")
    }
    ctx = ParseContext("frpm", _year(book), book.name, "a" * 64, "statewide")
    report, _ = validate_file(GreatExpectationsResource(), book.read_bytes(), ctx, frpm.parse)
    assert report.parsed and report.frame is not None
    assert set(report.frame["cds_code"]) == codes and len(report.frame) == len(codes)
    blocking = [o for o in report.outcomes if not o.success and o.severity == "critical"]
    assert not blocking, [(o.check, o.column, o.values[:3]) for o in blocking]
    assert report.frame["is_charter"].notna().sum() > 0.9 * len(codes)
