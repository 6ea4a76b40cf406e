"""The file probe as an operator runs it: a real process on real CDE bytes, one JSON object."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REAL = Path(__file__).parent / "fixtures" / "real"
CAASPP_2023 = REAL / "caaspp" / "sb_ca2023_studentgroup1_excerpt.txt"
CAASPP_2018 = REAL / "caaspp" / "sb_ca2018_1_csv_v3_excerpt.txt"  # quoted comma CSV
FRPM_1920 = REAL / "frpm" / "frpm1920.xlsx"
DIRECTORY = REAL / "cde_school_directory" / "pubschls_lausd_excerpt_2026.txt"
KEYS = {
    "source", "school_year", "layout", "rows", "columns_missing", "columns_extra",
    "suppressed_cells", "ok", "error",
}  # fmt: skip


def run_probe(path: Path, source: str, *year: str) -> tuple[int, dict]:
    args = [sys.executable, "-m", "pilot_pipeline.probe", str(path), "--source", source]
    if year:
        args += ["--school-year", year[0]]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert len(lines) == 1, f"stdout must be one JSON object: {done.stdout!r} {done.stderr[-2000:]}"
    return done.returncode, json.loads(lines[0])


def workbook_school_rows(path: Path) -> tuple[int, int]:
    """(statewide, LAUSD) school rows of an FRPM workbook, counted straight from the cells."""
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = next(s for s in book.worksheets if s.title.strip() == "FRPM School-Level Data")
    rows = sheet.iter_rows(min_row=3, values_only=True)
    schools = [r for r in rows if r[3] not in (None, "", "0000000", "0000001")]
    lausd = [r for r in schools if str(r[1]) == "19" and str(r[2]) == "64733"]
    return len(schools), len(lausd)


@pytest.mark.parametrize(
    ("path", "source", "year", "layout"),
    [
        (CAASPP_2023, "caaspp", "2022-23", "sb_student_group_type_id"),
        (CAASPP_2018, "caaspp", "2017-18", "sb_subgroup"),
        (FRPM_1920, "frpm", "2019-20", "frpm_28"),
        (DIRECTORY, "cde_school_directory", None, "pubschls_2026"),
    ],
)
def test_real_files_pass_the_probe(path: Path, source: str, year: str | None, layout: str) -> None:
    code, result = run_probe(path, source, *([year] if year else []))
    assert KEYS <= set(result)
    assert code == 0 and result["ok"] is True and result["error"] is None, result
    assert result["rows"] > 0 and result["layout"] == layout
    assert result["columns_missing"] == [] and result["columns_extra"] == []


def test_frpm_statewide_rows_equal_the_workbook_school_rows() -> None:
    statewide, _lausd = workbook_school_rows(FRPM_1920)
    code, result = run_probe(FRPM_1920, "frpm", "2019-20")
    assert code == 0 and result["rows"] == statewide
    assert any("carries no year" in note for note in result["notes"])


def test_the_year_is_inferred_from_a_published_file_name(tmp_path: Path) -> None:
    published = tmp_path / "frpm1920.xlsx"
    published.write_bytes(FRPM_1920.read_bytes())
    code, result = run_probe(published, "frpm")
    assert code == 0 and result["school_year"] == "2019-20"


def test_an_added_column_loads_and_is_named(tmp_path: Path) -> None:
    lines = DIRECTORY.read_bytes().split(b"\n")
    drifted = [
        lines[0].rstrip(b"\r") + b"\tBroadband" + (b"\r" if lines[0].endswith(b"\r") else b"")
    ]
    drifted += [
        line.rstrip(b"\r") + b"\tYes" + b"\r" * line.endswith(b"\r") for line in lines[1:] if line
    ]
    path = tmp_path / "pubschls.txt"
    path.write_bytes(b"\n".join(drifted) + b"\n")
    code, result = run_probe(path, "cde_school_directory")
    assert code == 0 and result["ok"] is True
    assert result["columns_extra"] == ["Broadband"] and result["rows"] == 10


def test_a_missing_required_column_fails_naming_it(tmp_path: Path) -> None:
    text = CAASPP_2023.read_bytes().replace(b"^Mean Scale Score^", b"^Mean Score^", 1)
    path = tmp_path / "sb_ca2023_all_csv_v1.txt"
    path.write_bytes(text)
    code, result = run_probe(path, "caaspp", "2022-23")
    assert code == 1 and result["ok"] is False
    assert result["columns_missing"] == ["Mean Scale Score"]
    assert "Mean Score" in result["columns_extra"]
    assert str(path) in result["error"] and "Mean Scale Score" in result["error"]


def test_a_file_for_another_year_fails(tmp_path: Path) -> None:
    code, result = run_probe(CAASPP_2023, "caaspp", "2021-22")
    assert code == 1 and "Test Year" in result["error"] and result["rows"] == 0


def test_an_unknown_source_fails_listing_the_known_ones() -> None:
    code, result = run_probe(DIRECTORY, "pubschls")
    assert code == 1 and "cde_school_directory" in result["error"]
