"""FRPM workbook parser: sheet lookup, header normalisation, percentages, pseudo-rows."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pilot_pipeline.sources import frpm
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import frpm as sample
from pilot_pipeline_dev.mirror.samples.common import all_sample_schools
from pilot_pipeline_tests.sources.sql_checks import ddl_columns, load_fact

DOCS = MIRROR_FILES_DIR / "www.cde.ca.gov" / "ds" / "ad" / "documents"
SAMPLES = [("2020-21", "frpm2021.xlsx"), ("2021-22", "frpm2122_v2.xlsx")]
SCHOOL = all_sample_schools()[0]


def _ctx(
    year: str = "2020-21", scope: str = "lausd", label: str = "frpm-test.xlsx"
) -> ParseContext:
    return ParseContext("frpm", year, label, "a" * 64, scope)


def _book(rows: list[list[object]], year: str = "2020-21", **kwargs: object) -> bytes:
    return sample.build_workbook(year, rows, **kwargs)  # type: ignore[arg-type]


REAL = Path(__file__).parents[1] / "fixtures" / "real" / "frpm"


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_mirror_serves_the_real_workbooks(year: str, name: str) -> None:
    assert (DOCS / name).read_bytes() == (REAL / name).read_bytes()


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_mirror_workbook_parses(year: str, name: str) -> None:
    frame = frpm.parse((DOCS / name).read_bytes(), _ctx(year, label=name))
    assert list(frame.columns) == list(frpm.COLUMNS)
    # Each LAUSD school exactly once; no 0000001 pseudo-row; the pilot schools are there.
    assert frame["cds_code"].str.startswith("1964733").all() and frame["cds_code"].is_unique
    assert len(frame) > 1000
    pilots = {s.cds_code for s in all_sample_schools() if s.is_pilot}
    assert len(pilots & set(frame["cds_code"])) >= len(pilots) - 2
    assert not frame["cds_code"].str.endswith("0000001").any()
    assert frame["percent_eligible_frpm_k12"].dropna().between(0, 100).all()
    assert frame["source_line"].min() > 3  # Excel rows: LAUSD is far down the sheet


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_statewide_scope_keeps_other_districts(year: str, name: str) -> None:
    frame = frpm.parse((DOCS / name).read_bytes(), _ctx(year, "statewide", name))
    assert frame["cds_code"].str[:2].nunique() == 58  # every county
    assert frame["cds_code"].is_unique


def test_trailing_space_sheet_name_is_really_in_the_2021_22_workbook() -> None:
    book = load_workbook(DOCS / "frpm2122_v2.xlsx", read_only=True)
    assert book.sheetnames == ["Title Page", "FRPM School-Level Data ", "Data Field Descriptions"]


def test_synthetic_workbooks_are_byte_stable() -> None:
    year = SAMPLES[0][0]
    first = sample.build_workbook(year, sample.sample_rows(year), "FRPM School-Level Data")
    assert first == sample.build_workbook(year, sample.sample_rows(year), "FRPM School-Level Data")
    assert frpm.parse(first, _ctx(year))["cds_code"].is_unique


def test_fractions_become_percent_and_counts_are_consistent() -> None:
    frame = frpm.parse(_book([sample.school_row(SCHOOL, "2020-21")]), _ctx())
    row = frame.iloc[0]
    assert row["percent_eligible_frpm_k12"] == pytest.approx(
        100 * row["frpm_count_k12"] / row["enrollment_k12"], abs=1e-5
    )


def test_percent_strings_are_kept_as_percent() -> None:
    row = sample.school_row(SCHOOL, "2020-21")
    row[19], row[21] = "64.8%", "N/A"
    frame = frpm.parse(_book([row]), _ctx())
    assert frame.loc[0, "percent_eligible_free_k12"] == 64.8
    assert pd.isna(frame.loc[0, "percent_eligible_frpm_k12"])
    assert not frame.loc[0, "percent_eligible_frpm_k12_suppressed"]


def test_bare_percent_above_one_is_ambiguous_and_fails() -> None:
    row = sample.school_row(SCHOOL, "2020-21")
    row[19] = 64.8
    with pytest.raises(
        SourceError, match=r"frpm-test.xlsx.*Percent \(%\) Eligible Free \(K-12\).*line 3"
    ):
        frpm.parse(_book([row]), _ctx())


def test_star_is_null_and_flagged_never_zero() -> None:
    row = sample.school_row(SCHOOL, "2020-21")
    row[18], row[19] = "*", "*"
    frame = frpm.parse(_book([row]), _ctx())
    assert (
        pd.isna(frame.loc[0, "free_meal_count_k12"])
        and frame.loc[0, "free_meal_count_k12_suppressed"]
    )
    assert pd.isna(frame.loc[0, "percent_eligible_free_k12"])
    assert frame.loc[0, "percent_eligible_free_k12_suppressed"]


@pytest.mark.parametrize(("value", "expected"), [("Yes", True), ("No ", False), ("N/A", None)])
def test_charter_flag_values(value: str, expected: bool | None) -> None:
    row = sample.school_row(SCHOOL, "2020-21")
    row[11] = value
    result = frpm.parse(_book([row]), _ctx()).loc[0, "is_charter"]
    assert (pd.isna(result) and expected is None) or result == expected


@pytest.mark.parametrize("school_code", ["0000000", "0000001"])
def test_district_pseudo_rows_are_not_schools(school_code: str) -> None:
    pseudo = sample.school_row(SCHOOL, "2020-21")
    pseudo[3] = school_code
    frame = frpm.parse(_book([pseudo, sample.school_row(SCHOOL, "2020-21")]), _ctx())
    assert list(frame["cds_code"]) == [SCHOOL.cds_code]


def test_duplicated_school_fails() -> None:
    row = sample.school_row(SCHOOL, "2020-21")
    with pytest.raises(SourceError, match="appears more than once"):
        frpm.parse(_book([row, row]), _ctx())


def test_missing_data_sheet_lists_sheet_names() -> None:
    data = _book([sample.school_row(SCHOOL, "2020-21")], sheet_name="Data")
    with pytest.raises(
        SourceError, match=r"frpm-test.xlsx.*\['Title Page', 'Data', 'Data Field Descriptions'\]"
    ):
        frpm.parse(data, _ctx())


def test_certification_column_year_must_match_partition() -> None:
    data = _book([sample.school_row(SCHOOL, "2020-21")])
    with pytest.raises(SourceError, match=r"2020-21 CALPADS Fall 1 Certification Status.*2021-22"):
        frpm.parse(data, _ctx("2021-22"))


def test_academic_year_must_match_partition() -> None:
    row = sample.school_row(SCHOOL, "2020-21")
    row[0] = "2019-2020"
    with pytest.raises(SourceError, match=r"Academic Year.*line 3.*2019-2020"):
        frpm.parse(_book([row]), _ctx())


def test_unknown_layout_names_missing_and_unexpected_columns() -> None:
    headers = [*sample.RAW_HEADERS[:-1], "FRPM Percent", sample.certification_header("2020-21")]
    with pytest.raises(LayoutError) as error:
        frpm.parse(_book([sample.school_row(SCHOOL, "2020-21")], headers=headers), _ctx())
    message = str(error.value)
    assert "frpm-test.xlsx" in message
    assert "Percent (%) Eligible FRPM (Ages 5-17)" in message and "FRPM Percent" in message


def test_not_a_workbook_fails_naming_file() -> None:
    with pytest.raises(SourceError, match="frpm-test.xlsx: not an xlsx"):
        frpm.parse(b"Academic Year\tCounty Code\n", _ctx())


def test_header_line_breaks_are_normalised() -> None:
    data = _book([sample.school_row(SCHOOL, "2020-21")])
    raw = pd.read_excel(io.BytesIO(data), sheet_name=1, header=1)
    assert "Enrollment \n(K-12)" in raw.columns  # the trap is present in the bytes
    assert frpm.parse(data, _ctx()).loc[0, "enrollment_k12"] > 0


def test_staging_ddl_matches_parse_columns() -> None:
    assert ddl_columns("staging/stg_frpm.sql") == list(frpm.COLUMNS)


def test_fact_load_query_fills_fact() -> None:
    staged = frpm.parse(_book(sample.sample_rows("2020-21")), _ctx())
    fact = load_fact("frpm", "fct_frpm", staged, 2021)
    assert len(fact) == len(staged) and fact["school_key"].isin([7, -1]).all()
    assert fact["cds_code"].is_unique
