"""ACGR parser: both layouts, roll-up filtering, suppression, encodings, scope, DDL and fact."""

from __future__ import annotations

import pandas as pd
import pytest

from pilot_pipeline.sources import acgr
from pilot_pipeline.sources.base import (
    LAUSD_DISTRICT_CDS,
    LayoutError,
    ParseContext,
    SourceError,
    decode_bytes,
)
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import acgr as samples

from .sql_checks import ddl_columns, load_fact

SAMPLE_YEARS = list(samples.SAMPLE_YEARS)
LAUSD_SCHOOL = ("19", "64733", "1932987")


def sample_bytes(year: str) -> bytes:
    return (MIRROR_FILES_DIR / acgr.URLS[year].removeprefix("https://")).read_bytes()


def ctx(year: str, scope: str = "lausd", label: str = "acgr-test.txt") -> ParseContext:
    return ParseContext("acgr", year, label, "f" * 64, scope)


def layout(name: str) -> tuple[str, ...]:
    return next(x for x in acgr.LAYOUTS if x.name == name).columns


def craft(
    rows: list[dict[str, str]], *, layout_name: str = "acgr_34", year: str = "2020-21"
) -> str:
    """A tiny file in a known layout; unspecified cells are '0'."""
    columns = layout(layout_name)
    county, district, school = LAUSD_SCHOOL
    base = {"AcademicYear": year, "AggregateLevel": "S", "CountyCode": county,
            "DistrictCode": district, "SchoolCode": school, "CountyName": "Los Angeles",
            "DistrictName": "Los Angeles Unified", "SchoolName": "Polytechnic",
            "CharterSchool": "All", "DASS": "All", "ReportingCategory": "TA"}  # fmt: skip
    lines = ["\t".join(columns)]
    for row in rows:
        cells = {**base, **row}
        lines.append("\t".join(cells.get(c, "0") for c in columns))
    return "\r\n".join(lines) + "\r\n"


def test_url_table_is_explicit() -> None:
    assert acgr.URLS["2021-22"].endswith("/acgr22-v3.txt")
    assert acgr.URLS["2022-23"].endswith("/acgr23-v2.txt")
    assert acgr.URLS["2020-21"].endswith("/acgr21.txt")
    assert all(
        u.startswith("https://www3.cde.ca.gov/demo-downloads/acgr/") for u in acgr.URLS.values()
    )


@pytest.mark.parametrize(
    ("year", "layout_name", "width"),
    [("2019-20", "acgr_34", 34), ("2020-21", "acgr_34", 34), ("2021-22", "acgr_34", 34),
     ("2023-24", "acgr_36", 36)],
)  # fmt: skip
def test_each_sample_parses_in_its_layout(year: str, layout_name: str, width: int) -> None:
    data = sample_bytes(year)
    header = decode_bytes(data, "sample").split("\r\n", 1)[0].split("\t")
    assert len(header) == width and header == list(layout(layout_name))
    assert acgr.GOLDEN_RATE_TYPO in header
    frame = acgr.SOURCE.parse(data, ctx(year))
    assert list(frame.columns) == list(acgr.COLUMNS)
    assert len(frame) > 100
    assert frame["cds_code"].str.fullmatch(r"1964733\d{7}").all()
    assert (frame["school_year"] == int(year[:4]) + 1).all()
    assert not frame.duplicated(["cds_code", "student_group_code"]).any()
    assert frame["source_file_sha256"].eq("f" * 64).all()
    # Published rates stay 0-100, and the graduation rate is over the cohort.
    ta = frame[frame["student_group_code"].eq("all") & ~frame["cohort_students_suppressed"]]
    exact = ta["regular_hs_diploma_graduates"] / ta["cohort_students"] * 100
    assert (exact - ta["graduation_rate"]).abs().max() <= 0.05 + 1e-9  # one decimal, as CDE
    assert frame["graduation_rate"].dropna().between(0, 100).all()


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_school_rows_sum_to_the_lausd_district_row(year: str) -> None:
    data = sample_bytes(year)
    schools = acgr.SOURCE.parse(data, ctx(year))
    district = acgr.SOURCE.parse_district_totals(data, ctx(year))
    assert district["cds_code"].tolist() == [LAUSD_DISTRICT_CDS] * len(district)
    d_all = district[district["student_group_code"].eq("all")].iloc[0]
    s_all = schools[schools["student_group_code"].eq("all")]
    for measure in ("cohort_students", "regular_hs_diploma_graduates", "met_uc_csu_grad_reqs",
                    "dropouts", "still_enrolled"):  # fmt: skip
        assert s_all[measure].sum() == d_all[measure], measure


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_statewide_scope_keeps_other_districts(year: str) -> None:
    lausd = acgr.SOURCE.parse(sample_bytes(year), ctx(year))
    statewide = acgr.SOURCE.parse(sample_bytes(year), ctx(year, "statewide"))
    others = statewide[~statewide["cds_code"].str.startswith("1964733")]
    assert {"19647251930015", "01611190130229", "01611190199999"} <= set(others["cds_code"])
    assert len(statewide) == len(lausd) + len(others)


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_sample_encodings_are_the_real_ones(year: str) -> None:
    data = sample_bytes(year)
    if samples.SAMPLE_YEARS[year][1] == "utf-8-sig":
        assert data.startswith(b"\xef\xbb\xbf")
    else:  # cp1252 bytes (a non-ASCII school name) that are not valid UTF-8
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    assert "Sample Cañada High (synthetic)" in decode_bytes(data, "sample")


def test_34_column_file_has_no_exemption_values_and_no_suppression() -> None:
    frame = acgr.SOURCE.parse(sample_bytes("2021-22"), ctx("2021-22"))
    assert frame["local_requirements_exemption"].isna().all()
    assert not frame["local_requirements_exemption_suppressed"].any()
    later = acgr.SOURCE.parse(sample_bytes("2023-24"), ctx("2023-24"))
    assert later["local_requirements_exemption"].notna().any()
    assert later["chspe_cpp_completers"].notna().any()


def test_suppressed_cells_are_null_and_flagged_never_zero() -> None:
    suppressed = {"ReportingCategory": "RI", "CohortStudents": "*",
                  "Regular HS Diploma Graduates (Rate)": "*", "Dropout (Count)": "*"}  # fmt: skip
    text = craft([{}, suppressed])
    frame = acgr.SOURCE.parse(text.encode(), ctx("2020-21")).set_index("source_group_code")
    assert (
        pd.isna(frame.loc["RI", "cohort_students"])
        and frame.loc["RI", "cohort_students_suppressed"]
    )
    assert (
        pd.isna(frame.loc["RI", "graduation_rate"])
        and frame.loc["RI", "graduation_rate_suppressed"]
    )
    assert pd.isna(frame.loc["RI", "dropouts"]) and frame.loc["RI", "dropouts_suppressed"]
    assert (
        frame.loc["TA", "cohort_students"] == 0
        and not frame.loc["TA", "cohort_students_suppressed"]
    )


@pytest.mark.parametrize("missing", ["", "N/A", "--"])
def test_missing_sentinels_are_null_not_suppressed(missing: str) -> None:
    frame = acgr.SOURCE.parse(craft([{"Dropout (Rate)": missing}]).encode(), ctx("2020-21"))
    assert pd.isna(frame.loc[0, "dropout_rate"]) and not frame.loc[0, "dropout_rate_suppressed"]


def test_sample_suppresses_not_reported_race_with_another_race() -> None:
    raw = sample_bytes("2020-21").decode("cp1252").splitlines()
    rows = [line.split("\t") for line in raw[1:]]
    by_school: dict[tuple[str, str, str], dict[str, str]] = {}
    for r in rows:
        if r[1] == "S" and r[8] == "All" and r[9] == "All":
            by_school.setdefault((r[2], r[3], r[4]), {})[r[10]] = r[11]
    checked = [g for g in by_school.values() if "RD" in g and any(
        v == "*" for k, v in g.items() if k.startswith("R") and k != "RD")]  # fmt: skip
    assert checked and all(g["RD"] == "*" for g in checked)


@pytest.mark.parametrize(("charter", "dass"), [("All ", "All"), ("All", "All  "), (" All", "All")])
def test_roll_up_codes_with_spaces_are_trimmed(charter: str, dass: str) -> None:
    rows = [{"CharterSchool": charter, "DASS": dass}, {"CharterSchool": "N  ", "DASS": "N "}]
    frame = acgr.SOURCE.parse(craft(rows).encode(), ctx("2020-21"))
    assert len(frame) == 1 and frame.loc[0, "source_line"] == 2


def test_school_twice_in_the_roll_up_fails_naming_file_and_line() -> None:
    with pytest.raises(SourceError, match=r"acgr-test\.txt: line 3: .*appears more than once"):
        acgr.SOURCE.parse(craft([{}, {}]).encode(), ctx("2020-21"))


def test_unknown_layout_names_missing_and_unexpected_columns() -> None:
    text = craft([{}]).replace("Dropout (Count)", "Dropouts (Count)")
    with pytest.raises(LayoutError) as info:
        acgr.SOURCE.parse(text.encode(), ctx("2020-21"))
    message = str(info.value)
    assert "acgr-test.txt" in message and "'Dropout (Count)'" in message
    assert "unexpected columns ['Dropouts (Count)']" in message


def test_corrected_golden_state_header_is_accepted() -> None:
    text = craft([{}], layout_name="acgr_36").replace(
        acgr.GOLDEN_RATE_TYPO + "\t", acgr.GOLDEN_RATE_FIXED + "\t"
    )
    frame = acgr.SOURCE.parse(text.encode(), ctx("2020-21"))
    assert frame.loc[0, "golden_state_seal_rate"] == 0


def test_year_mismatch_fails_naming_the_file() -> None:
    with pytest.raises(SourceError, match=r"acgr-test\.txt: column 'AcademicYear', line 2"):
        acgr.SOURCE.parse(craft([{}], year="2021-22").encode(), ctx("2020-21"))


def test_unmapped_reporting_category_fails() -> None:
    with pytest.raises(SourceError, match=r"acgr-test\.txt: column 'ReportingCategory'.*'LT'"):
        acgr.SOURCE.parse(craft([{"ReportingCategory": "LT"}]).encode(), ctx("2020-21"))


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("cp1252", b""), ("latin-1", b""), ("utf-8", b"\xef\xbb\xbf")]
)
def test_cp1252_latin1_and_bom_files_decode(encoding: str, prefix: bytes) -> None:
    data = prefix + craft([{"SchoolName": "Peñasco Año High"}]).encode(encoding)
    frame = acgr.SOURCE.parse(data, ctx("2020-21"))
    assert frame["cds_code"].tolist() == ["".join(LAUSD_SCHOOL)]


def test_re_pads_codes_that_lost_leading_zeros() -> None:
    row = {"CountyCode": "1", "DistrictCode": "61119", "SchoolCode": "130229"}
    frame = acgr.SOURCE.parse(craft([row]).encode(), ctx("2020-21", "statewide"))
    assert frame["cds_code"].tolist() == ["01611190130229"]


def test_staging_ddl_matches_parser_columns() -> None:
    assert ddl_columns("staging/stg_acgr.sql") == list(acgr.COLUMNS)


def test_fact_load_query_fills_fct_graduation() -> None:
    staged = acgr.SOURCE.parse(sample_bytes("2020-21"), ctx("2020-21"))
    fact = load_fact("acgr", "fct_graduation", staged, 2021)
    assert len(fact) == len(staged)
    assert set(fact["school_key"]) == {7, -1}  # the one known school, the rest unknown
    assert (fact["student_group_key"] > 0).all()
    merged = fact.merge(staged, on=["cds_code", "student_group_code"], suffixes=("", "_stg"))
    assert (
        merged["met_uc_csu_grad_reqs_suppressed"] == merged["met_uc_csu_grad_reqs_suppressed_stg"]
    ).all()
    assert fact.loc[fact["cohort_students_suppressed"], "cohort_students"].isna().all()
