"""Historical enrollment parser: bundle years, ENR_TYPE, both layouts, derived sums, DDL, fact."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from pilot_pipeline.sources import historical_enrollment as hist
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError, decode_bytes
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import historical_enrollment as samples

from .sql_checks import ddl_columns
from .test_census_day import load_enrollment_fact

BUNDLE = MIRROR_FILES_DIR / hist.URLS["2020-21"].removeprefix("https://")
BUNDLE_YEARS = list(samples.BUNDLE_YEARS["enr202022-v2.txt"])
SCHOOL = "19647336015978"
GRADES = ["GR_KN", *(f"GR_{g}" for g in range(1, 13)), "UNGR_ELM", "UNGR_SEC", "ENR_TOTAL", "ADULT"]


def ctx(year: str = "2020-21", scope: str = "lausd") -> ParseContext:
    return ParseContext("historical_enrollment", year, "enr-test.txt", "d" * 64, scope)


def craft(rows: list[dict[str, str]], *, legacy: bool = False) -> str:
    columns = hist.LAYOUTS[1 if legacy else 0].columns
    if not legacy:
        columns = (*columns[:7], "ENR_TYPE", *columns[7:])
    base = {"ACADEMIC_YEAR": "2020-21", "CDS_CODE": SCHOOL, "COUNTY": "Los Angeles",
            "DISTRICT": "Los Angeles Unified", "SCHOOL": "Beachy Avenue Elementary",
            "RACE_ETHNICITY": "5", "ETHNIC": "5", "GENDER": "F", "ENR_TYPE": "C"}  # fmt: skip
    lines = ["\t".join(columns)]
    lines += ["\t".join({**base, **row}.get(c, "1") for c in columns) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def raw_c_total(year: str, prefix: str = "1964733") -> int:
    """ENR_TOTAL over the bundle's combined ('C') records, read without the parser."""
    reader = csv.DictReader(io.StringIO(decode_bytes(BUNDLE.read_bytes(), "b")), delimiter="\t")
    return sum(int(r["ENR_TOTAL"]) for r in reader if r["ACADEMIC_YEAR"] == year
               and r["ENR_TYPE"] == "C" and r["CDS_CODE"].startswith(prefix))  # fmt: skip


@pytest.mark.parametrize(
    ("year", "bundle"),
    [("2016-17", "enr201416-v2.txt"), ("2017-18", "enr201719-v2.txt"),
     ("2019-20", "enr201719-v2.txt"), ("2020-21", "enr202022-v2.txt"),
     ("2022-23", "enr202022-v2.txt")],
)  # fmt: skip
def test_each_year_maps_to_the_bundle_that_holds_it(year: str, bundle: str) -> None:
    assert hist.URLS[year] == "https://www3.cde.ca.gov/demo-downloads/enrsch/" + bundle
    assert "2023-24" not in hist.URLS  # census_day from then on


@pytest.mark.parametrize("year", BUNDLE_YEARS)
def test_bundle_year_parses_and_matches_the_raw_combined_total(year: str) -> None:
    frame = hist.parse(BUNDLE.read_bytes(), ctx(year))
    assert list(frame.columns) == list(hist.COLUMNS)
    assert (frame["school_year"] == int(year[:4]) + 1).all()
    assert not frame.duplicated(["cds_code", "student_group_code", "grade"]).any()
    total = frame[frame["student_group_code"].eq("all") & frame["grade"].eq("all")]
    # Never double counted: the P (primary) records are not added to the C ones.
    assert total["enrollment"].sum() == raw_c_total(year)
    assert frame["cds_code"].str.startswith("1964733").all()


@pytest.mark.parametrize("year", BUNDLE_YEARS)
def test_derived_sums_agree(year: str) -> None:
    frame = hist.parse(BUNDLE.read_bytes(), ctx(year))
    category = frame["student_group_code"].str.split("_").str[0]
    sums = (
        frame.assign(category=category)
        .groupby(["cds_code", "grade", "category"])["enrollment"]
        .sum()
    )
    wide = sums.unstack("category")
    assert (wide["race"] == wide["all"]).all() and (wide["gender"] == wide["all"]).all()
    grade_sum = frame[frame["student_group_code"].eq("all") & ~frame["grade"].isin(["all", "AD"])]
    by_school = grade_sum.groupby("cds_code")["enrollment"].sum()
    totals = frame[frame["student_group_code"].eq("all") & frame["grade"].eq("all")]
    assert (by_school == totals.set_index("cds_code")["enrollment"]).all()


def test_statewide_scope_keeps_other_districts() -> None:
    frame = hist.parse(BUNDLE.read_bytes(), ctx("2021-22", "statewide"))
    assert {"19647256011233", "01611190199997"} <= set(frame["cds_code"])
    total = frame[frame["student_group_code"].eq("all") & frame["grade"].eq("all")]
    assert total["enrollment"].sum() == raw_c_total("2021-22", "")


def test_year_not_in_bundle_fails_naming_years() -> None:
    with pytest.raises(
        SourceError, match=r"enr-test\.txt: column 'ACADEMIC_YEAR': no rows for 2019-20"
    ):
        hist.parse(BUNDLE.read_bytes(), ctx("2019-20"))


def test_enr_type_filter_and_duplicates() -> None:
    rows = [{"ENR_TYPE": "C", "ENR_TOTAL": "10"}, {"ENR_TYPE": "P", "ENR_TOTAL": "9"}]
    frame = hist.parse(craft(rows).encode(), ctx())
    assert frame.query("student_group_code == 'all' and grade == 'all'")["enrollment"].tolist() == [
        10
    ]
    with pytest.raises(
        SourceError, match=r"enr-test\.txt: line 3: .*race 5 gender F appears twice"
    ):
        hist.parse(craft([{}, {}]).encode(), ctx())


def test_legacy_yearly_layout_parses() -> None:
    rows = [
        {"ETHNIC": "9", "GENDER": "M", "KDGN": "4"},
        {"ETHNIC": "0", "GENDER": "F", "KDGN": "3"},
    ]
    frame = hist.parse(craft(rows, legacy=True).encode(), ctx("2016-17"))
    kn = frame[frame["grade"].eq("KN")].set_index("student_group_code")["enrollment"]
    assert kn["race_two_or_more"] == 4 and kn["race_not_reported"] == 3 and kn["all"] == 7
    assert kn["gender_male"] == 4 and kn["gender_female"] == 3


def test_suppressed_part_suppresses_the_sum() -> None:
    rows = [{"GR_3": "*"}, {"GENDER": "M", "GR_3": "5"}]
    frame = hist.parse(craft(rows).encode(), ctx()).set_index(["student_group_code", "grade"])
    for group in ("all", "race_hispanic", "gender_female"):
        assert pd.isna(frame.loc[(group, "03"), "enrollment"])
        assert frame.loc[(group, "03"), "enrollment_suppressed"]
    assert frame.loc[("gender_male", "03"), "enrollment"] == 5
    assert not frame.loc[("gender_male", "03"), "enrollment_suppressed"]


@pytest.mark.parametrize("code", ["8", "Q"])
def test_unmapped_race_code_fails(code: str) -> None:
    with pytest.raises(SourceError, match=rf"enr-test\.txt: column 'RACE_ETHNICITY'.*'{code}'"):
        hist.parse(craft([{"RACE_ETHNICITY": code}]).encode(), ctx())


def test_unknown_layout_names_file_missing_and_unexpected() -> None:
    text = craft([{}]).replace("RACE_ETHNICITY", "RACE")
    with pytest.raises(LayoutError) as info:
        hist.parse(text.encode(), ctx())
    assert "enr-test.txt" in str(info.value)
    assert "missing columns ['RACE_ETHNICITY']" in str(info.value)
    assert "unexpected columns ['RACE']" in str(info.value)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
def test_encodings_decode(encoding: str) -> None:
    data = craft([{"SCHOOL": "Escuela Muñoz"}]).encode(encoding)
    assert hist.parse(data, ctx())["cds_code"].eq(SCHOOL).all()


def test_cds_codes_that_lost_a_leading_zero_are_padded() -> None:
    frame = hist.parse(craft([{"CDS_CODE": "1611190130229"}]).encode(), ctx(scope="statewide"))
    assert set(frame["cds_code"]) == {"01611190130229"}


def test_staging_ddl_matches_parser_columns() -> None:
    assert ddl_columns("staging/stg_historical_enrollment.sql") == list(hist.COLUMNS)


def test_fact_load() -> None:
    staged = hist.parse(BUNDLE.read_bytes(), ctx("2020-21"))
    fact = load_enrollment_fact("historical_enrollment", staged, 2021)
    assert len(fact) == len(staged)
    assert set(fact["enrollment_source"]) == {"historical"}
    hispanic = fact[fact["student_group_code"].eq("race_hispanic") & fact["grade"].eq("all")]
    assert (hispanic["total_enrollment"] >= hispanic["enrollment"]).all()
