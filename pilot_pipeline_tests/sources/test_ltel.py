"""LTEL-by-grade parser: O for county, Y+N charter rows, gender sums, unverified columns."""

from __future__ import annotations

import pandas as pd
import pytest

from pilot_pipeline.sources import ltel
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_tests.sources.sql_checks import ddl_columns, load_fact

DIR = MIRROR_FILES_DIR / "dq.cde.ca.gov" / "dataquest" / "longtermel"
YEARS = ["2020-21", "2021-22"]
HEADER = "\t".join(ltel.LAYOUTS[0].columns)
HEAD = "2020-21\t19\t64733\t0100677\tLos Angeles\tLos Angeles Unified\t{name}\t{charter}\t{level}"


def _ctx(year: str = "2020-21", scope: str = "lausd", label: str = "ltel-test.txt") -> ParseContext:
    return ParseContext("ltel", year, label, "b" * 64, scope)


def _sample(year: str) -> bytes:
    return (DIR / f"lteldnld.aspx__year={year}").read_bytes()


def _row(grade: str = "05", gender: str = "M", charter: str = "N", level: str = "S",
         counts: str = "50\t5\t20\t10\t1\t86\t4\t0", name: str = "A") -> str:  # fmt: skip
    return "\t".join([HEAD.format(name=name, charter=charter, level=level), grade, gender, counts])


def _file(*rows: str, header: str = HEADER, prefix: bytes = b"", encoding: str = "utf-8") -> bytes:
    return prefix + ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def test_url_table_maps_to_query_string_mirror_files() -> None:
    assert (
        ltel.URLS["2020-21"]
        == "https://dq.cde.ca.gov/dataquest/longtermel/lteldnld.aspx?year=2020-21"
    )
    for year in YEARS:
        assert (DIR / f"lteldnld.aspx__year={year}").exists()


@pytest.mark.parametrize("year", YEARS)
def test_sample_parses_one_row_per_school_and_grade(year: str) -> None:
    frame = ltel.SOURCE.parse(_sample(year), _ctx(year))
    assert list(frame.columns) == list(ltel.COLUMNS)
    assert not frame.duplicated(["cds_code", "grade"]).any()
    assert set(frame["grade"]) <= set(ltel.GRADES)
    assert frame["cds_code"].str.startswith("1964733").all()
    shown = frame[~frame["el_suppressed"]]
    assert (
        shown[["eo", "ifep", "el", "rfep", "tbd"]].sum(axis=1) == shown["total_enrollment"]
    ).all()
    assert (shown["ltel"] + shown["at_risk"] <= shown["el"]).all()


@pytest.mark.parametrize("year", YEARS)
def test_school_rows_sum_to_district_rows_per_grade(year: str) -> None:
    data, ctx = _sample(year), _ctx(year)
    schools = ltel.SOURCE.parse(data, ctx).groupby("grade")["total_enrollment"].sum()
    district = ltel.SOURCE.parse_district_totals(data, ctx).set_index("grade")["total_enrollment"]
    assert district.index.is_unique
    assert schools.sort_index().equals(district.sort_index())


@pytest.mark.parametrize("year", YEARS)
def test_statewide_scope_keeps_other_districts(year: str) -> None:
    frame = ltel.SOURCE.parse(_sample(year), _ctx(year, "statewide"))
    assert {"19647251930015", "01611190130229"} <= set(frame["cds_code"])


@pytest.mark.parametrize("year", YEARS)
def test_county_rows_use_o_and_are_not_schools(year: str) -> None:
    data = _sample(year)
    assert b"\tO\t" in data
    frame = ltel.SOURCE.parse(data, _ctx(year, "statewide"))
    assert not frame["cds_code"].str.endswith("0000000").any()


def test_genders_and_charter_rows_are_summed() -> None:
    rows = [_row(gender="M"), _row(gender="F", counts="40\t4\t10\t6\t0\t60\t2\t0")]
    frame = ltel.SOURCE.parse(_file(*rows), _ctx())
    assert len(frame) == 1
    assert frame.loc[0, "total_enrollment"] == 146 and frame.loc[0, "el"] == 30


def test_all_row_if_present_is_used_alone() -> None:
    rows = [_row(charter="All"), _row(charter="N")]
    assert ltel.SOURCE.parse(_file(*rows), _ctx()).loc[0, "total_enrollment"] == 86


def test_repeated_row_fails_naming_file_and_line() -> None:
    with pytest.raises(SourceError, match=r"ltel-test.txt: line 3"):
        ltel.SOURCE.parse(_file(_row(), _row()), _ctx())


def test_star_makes_the_sum_null_and_suppressed_never_zero() -> None:
    rows = [_row(gender="M"), _row(gender="F", counts="*\t*\t*\t*\t*\t8\t*\t*")]
    frame = ltel.SOURCE.parse(_file(*rows), _ctx())
    assert pd.isna(frame.loc[0, "el"]) and frame.loc[0, "el_suppressed"]
    assert (
        frame.loc[0, "total_enrollment"] == 94 and not frame.loc[0, "total_enrollment_suppressed"]
    )


@pytest.mark.parametrize(
    ("grade", "expected"), [("KN", "KN"), ("1", "01"), ("12", "12"), ("UE", "UE")]
)
def test_grade_codes(grade: str, expected: str) -> None:
    assert ltel.SOURCE.parse(_file(_row(grade=grade)), _ctx()).loc[0, "grade"] == expected


def test_unknown_grade_fails() -> None:
    with pytest.raises(SourceError, match=r"column 'Grade', line 2: unknown grade 'TK'"):
        ltel.SOURCE.parse(_file(_row(grade="TK")), _ctx())


@pytest.mark.parametrize(
    ("prefix", "encoding"), [(b"\xef\xbb\xbf", "utf-8"), (b"", "cp1252"), (b"", "latin-1")]
)
def test_bom_and_legacy_encodings_decode(prefix: bytes, encoding: str) -> None:
    frame = ltel.SOURCE.parse(
        _file(_row(name="Escuela Peñasco"), prefix=prefix, encoding=encoding), _ctx()
    )
    assert frame.loc[0, "total_enrollment"] == 86


def test_charter_yn_header_variant_is_accepted() -> None:
    header = HEADER.replace("\tCharter\t", "\tCharter (Y/N)\t")
    assert len(ltel.SOURCE.parse(_file(_row(), header=header), _ctx())) == 1


def test_unknown_layout_names_missing_and_unexpected_columns() -> None:
    header = HEADER.replace("\tLTEL", "\tLTEL Count")
    with pytest.raises(LayoutError) as error:
        ltel.SOURCE.parse(_file(_row(), header=header), _ctx(label="ltel-bad.txt"))
    assert "ltel-bad.txt" in str(error.value)
    assert "'LTEL'" in str(error.value) and "'LTEL Count'" in str(error.value)


def test_unverified_columns_are_registered() -> None:
    assert ltel.SOURCE.unverified_columns == ("LTEL",)
    assert ltel.LAYOUTS[0].columns[-2:] == ("AR", "LTEL")


def test_academic_year_mismatch_fails() -> None:
    with pytest.raises(SourceError, match=r"AcademicYear.*2020-21.*2021-22"):
        ltel.SOURCE.parse(_file(_row()), _ctx("2021-22"))


def test_staging_ddl_matches_parse_columns() -> None:
    assert ddl_columns("staging/stg_ltel.sql") == list(ltel.COLUMNS)


def test_fact_load_query_fills_fact() -> None:
    staged = ltel.SOURCE.parse(_sample("2020-21"), _ctx())
    fact = load_fact("ltel", "fct_english_learner", staged, 2021)
    assert len(fact) == len(staged)
    assert set(fact["grade"]) == set(staged["grade"])
