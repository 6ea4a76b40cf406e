"""Dashboard census enrollment parser: year mapping, column order, derived `all`, DDL, fact."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pilot_pipeline.sources import dashboard_enrollment as dash
from pilot_pipeline.sources.base import (
    LAUSD_DISTRICT_CDS,
    LayoutError,
    ParseContext,
    SourceError,
    decode_bytes,
)
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import dashboard_enrollment as samples

from .sql_checks import ddl_columns
from .test_census_day import load_enrollment_fact

SAMPLE_YEARS = list(samples.SAMPLE_YEARS)
SCHOOL = "19647336015978"
# dbcensusenroll.asp lists studentgroup third; censusenroll22.asp (the samples' order) sixth.
OTHER_ORDER = ("cds", "rtype", "studentgroup", "schoolname", "districtname", "countyname",
               "totalenrollment", "subgrouptotal", "rate", "reportingyear")  # fmt: skip


def sample_bytes(year: str) -> bytes:
    return (MIRROR_FILES_DIR / dash.URLS[year].removeprefix("https://")).read_bytes()


def ctx(year: str = "2020-21", scope: str = "lausd") -> ParseContext:
    return ParseContext("dashboard_enrollment", year, "dash-test.txt", "c" * 64, scope)


def craft(rows: list[dict[str, str]], columns: tuple[str, ...] = dash.COLUMNS_BY_NAME) -> str:
    base = {"cds": SCHOOL, "rtype": "S", "schoolname": "Beachy", "districtname": "LA Unified",
            "countyname": "Los Angeles", "studentgroup": "ALL", "totalenrollment": "400",
            "subgrouptotal": "400", "rate": "100.0", "reportingyear": "2021"}  # fmt: skip
    lines = ["\t".join(columns)]
    lines += ["\t".join({**base, **row}[c] for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def reorder(text: str, columns: tuple[str, ...]) -> str:
    frame = pd.read_csv(io.StringIO(text), sep="\t", dtype=str, keep_default_na=False)
    return frame[list(columns)].to_csv(sep="\t", index=False, lineterminator="\n")


@pytest.mark.parametrize(
    ("year", "file_year"),
    [("2020-21", "2021"), ("2021-22", "2022"), ("2017-18", "2018"), ("2024-25", "2025")],
)
def test_file_year_is_the_spring_year(year: str, file_year: str) -> None:
    assert dash.URLS[year].endswith(f"/censusenrollratesdownload{file_year}.txt")


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_sample_parses_in_either_column_order(year: str) -> None:
    data = sample_bytes(year)
    frame = dash.SOURCE.parse(data, ctx(year))
    assert list(frame.columns) == list(dash.COLUMNS)
    assert frame["cds_code"].str.startswith("1964733").all()
    assert not frame.duplicated(["cds_code", "student_group_code"]).any()
    assert frame.groupby("cds_code")["student_group_code"].apply(lambda s: "all" in set(s)).all()
    text = decode_bytes(data, "s")
    assert text.split("\n", 1)[0].split("\t") == list(dash.COLUMNS_BY_NAME)
    other = dash.SOURCE.parse(reorder(text, OTHER_ORDER).encode("cp1252"), ctx(year))
    pd.testing.assert_frame_equal(frame, other)


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_school_rows_sum_to_the_lausd_district_row(year: str) -> None:
    data = sample_bytes(year)
    schools = dash.SOURCE.parse(data, ctx(year))
    district = dash.SOURCE.parse_district_totals(data, ctx(year)).set_index("student_group_code")
    assert set(district["cds_code"]) == {LAUSD_DISTRICT_CDS}
    everyone = schools[schools["student_group_code"].eq("all")]
    assert everyone["subgroup_enrollment"].sum() == district.loc["all", "total_enrollment"]
    assert everyone["total_enrollment"].sum() == district.loc["all", "subgroup_enrollment"]


def test_all_rows_are_derived_only_when_the_file_has_none() -> None:
    derived = dash.SOURCE.parse(sample_bytes("2020-21"), ctx("2020-21"))
    published = dash.SOURCE.parse(sample_bytes("2021-22"), ctx("2021-22"))
    d_all = derived[derived["student_group_code"].eq("all")]
    p_all = published[published["student_group_code"].eq("all")]
    assert d_all["source_group_code"].isna().all() and d_all["rate"].isna().all()
    assert (d_all["subgroup_enrollment"] == d_all["total_enrollment"]).all()
    assert p_all["source_group_code"].eq("ALL").all() and p_all["rate"].eq(100.0).all()


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_statewide_scope_keeps_other_districts(year: str) -> None:
    frame = dash.SOURCE.parse(sample_bytes(year), ctx(year, "statewide"))
    assert {"19647256011233", "01611190199996"} <= set(frame["cds_code"])


def test_reporting_year_mismatch_fails_explaining_the_mapping() -> None:
    with pytest.raises(SourceError, match=r"dash-test\.txt: column 'reportingyear', line 2.*2022"):
        dash.SOURCE.parse(craft([{}]).encode(), ctx("2021-22"))


def test_suppressed_cells_are_null_and_flagged() -> None:
    rows = [{}, {"studentgroup": "FOS", "subgrouptotal": "*", "rate": "*"}]
    frame = dash.SOURCE.parse(craft(rows).encode(), ctx()).set_index("student_group_code")
    assert pd.isna(frame.loc["foster", "subgroup_enrollment"])
    assert frame.loc["foster", "subgroup_enrollment_suppressed"]
    assert frame.loc["foster", "rate_suppressed"] and pd.isna(frame.loc["foster", "rate"])
    assert frame.loc["foster", "total_enrollment"] == 400


def test_inconsistent_totals_and_repeats_fail() -> None:
    rows = [{}, {"studentgroup": "HI", "totalenrollment": "401", "subgrouptotal": "300"}]
    with pytest.raises(SourceError, match=r"dash-test\.txt: column 'totalenrollment'"):
        dash.SOURCE.parse(craft(rows).encode(), ctx())
    with pytest.raises(SourceError, match=r"dash-test\.txt: line 3: .*appears twice"):
        dash.SOURCE.parse(craft([{}, {}]).encode(), ctx())


def test_district_and_state_rows_are_not_schools() -> None:
    rows = [{}, {"rtype": "D", "cds": LAUSD_DISTRICT_CDS}, {"rtype": "X", "cds": "00000000000000"}]
    assert dash.SOURCE.parse(craft(rows).encode(), ctx("2020-21", "statewide"))[
        "cds_code"
    ].tolist() == [SCHOOL]


def test_unknown_layout_names_file_missing_and_unexpected() -> None:
    text = craft([{}]).replace("subgrouptotal", "subgroupcount")
    with pytest.raises(LayoutError) as info:
        dash.SOURCE.parse(text.encode(), ctx())
    assert "dash-test.txt" in str(info.value)
    assert "missing columns ['subgrouptotal']" in str(info.value)
    assert "unexpected columns ['subgroupcount']" in str(info.value)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
def test_encodings_decode(encoding: str) -> None:
    data = craft([{"schoolname": "Escuela Ibáñez"}], OTHER_ORDER).encode(encoding)
    assert dash.SOURCE.parse(data, ctx())["cds_code"].tolist() == [SCHOOL]


def test_cds_without_leading_zero_is_padded() -> None:
    frame = dash.SOURCE.parse(craft([{"cds": "1611190130229"}]).encode(), ctx(scope="statewide"))
    assert frame["cds_code"].tolist() == ["01611190130229"]


def test_staging_ddl_matches_parser_columns() -> None:
    assert ddl_columns("staging/stg_dashboard_enrollment.sql") == list(dash.COLUMNS)


def test_fact_load() -> None:
    staged = dash.SOURCE.parse(sample_bytes("2021-22"), ctx("2021-22"))
    fact = load_enrollment_fact("dashboard_enrollment", staged, 2022)
    assert len(fact) == len(staged)
    assert set(fact["grade"]) == {"all"} and set(fact["enrollment_source"]) == {"dashboard"}
    assert fact["published_rate"].notna().any()
    assert fact.loc[fact["enrollment_suppressed"], "enrollment"].isna().all()
