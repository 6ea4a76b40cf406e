"""Census Day parser: layout, Charter=All roll-up, age bands, EL de-duplication, DDL and fact."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pilot_pipeline import SQL_DIR
from pilot_pipeline.resources.ddl_include import read_ddl, table_source
from pilot_pipeline.resources.fact_load import keyed_load_sql, rows_sql
from pilot_pipeline.sources import census_day
from pilot_pipeline.sources.base import (
    LAUSD_DISTRICT_CDS,
    LayoutError,
    ParseContext,
    SourceError,
    decode_bytes,
)
from pilot_pipeline.sources.student_groups import canonical_groups
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import census_day as samples

from .sql_checks import ddl_columns

SAMPLE_YEARS = list(samples.SAMPLE_YEARS)
HEADER = census_day.LAYOUTS[0].columns
SCHOOL = "19647336015978"


def sample_bytes(year: str) -> bytes:
    return (MIRROR_FILES_DIR / census_day.URLS[year].removeprefix("https://")).read_bytes()


def ctx(year: str = "2023-24", scope: str = "lausd") -> ParseContext:
    return ParseContext("census_day", year, "cdenroll-test.txt", "e" * 64, scope)


def craft(rows: list[dict[str, str]], year: str = "2023-24") -> str:
    base = {"Academic Year": year, "Aggregate Level": "S", "County Code": "19",
            "District Code": "64733", "School Code": SCHOOL[7:], "County Name": "Los Angeles",
            "District Name": "Los Angeles Unified", "School Name": "Beachy Avenue Elementary",
            "Charter (All/Y/N)": "All", "Reporting Category": "TA"}  # fmt: skip
    lines = ["\t".join(HEADER)]
    lines += ["\t".join({**base, **row}.get(c, "1") for c in HEADER) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def load_enrollment_fact(source: str, staged: pd.DataFrame, school_year: int) -> pd.DataFrame:
    """Run `facts/load/fct_enrollment__<source>.sql`, keys looked up, in DuckDB and insert into
    fct_enrollment.

    Shared by the three enrollment sources' tests (sql_checks.load_fact assumes one load query
    per fact). Returns the fact table.
    """
    con = duckdb.connect()
    for schema in ("staging", "warehouse"):
        con.execute(f"CREATE SCHEMA {schema}")
    for path in (f"staging/stg_{source}", "dimensions/dim_school",
                 "dimensions/dim_student_group", "facts/fct_enrollment"):  # fmt: skip
        folder, name = path.split("/")
        con.execute(read_ddl(table_source(SQL_DIR / folder, name)))
    con.register("staged", staged)
    con.execute(f"INSERT INTO staging.stg_{source} BY NAME SELECT * FROM staged")
    con.execute("INSERT INTO warehouse.dim_school (school_key, cds_code) VALUES (7, ?)",
                [staged["cds_code"].iloc[0]])  # fmt: skip
    for key, code in enumerate(canonical_groups()["student_group_code"], start=1):
        con.execute("INSERT INTO warehouse.dim_student_group (student_group_key, "
                    "student_group_code) VALUES (?, ?)", [key, code])  # fmt: skip
    fact_columns = [r[0] for r in con.execute("DESCRIBE warehouse.fct_enrollment").fetchall()]
    loaded_columns = [c for c in fact_columns if c != "loaded_at"]
    query = keyed_load_sql(loaded_columns, rows_sql(source, f"fct_enrollment__{source}.sql"))
    con.execute(
        "CREATE TEMP TABLE loaded AS " + query.replace(":school_year", "$school_year"),
        {"school_year": school_year},
    )
    names = [r[0] for r in con.execute("DESCRIBE loaded").fetchall()]
    assert names == loaded_columns
    # Positional insert: the query's column order must be the fact's.
    con.execute("INSERT INTO warehouse.fct_enrollment SELECT *, now() FROM loaded")
    return con.execute("SELECT * FROM warehouse.fct_enrollment").df()


def test_url_table() -> None:
    assert census_day.URLS == {
        "2023-24": "https://www3.cde.ca.gov/demo-downloads/census/cdenroll2324-v2.txt",
        "2024-25": "https://www3.cde.ca.gov/demo-downloads/census/cdenroll2425.txt",
        "2025-26": "https://www3.cde.ca.gov/demo-downloads/census/cdenroll2526.txt",
    }


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_sample_parses(year: str) -> None:
    data = sample_bytes(year)
    assert decode_bytes(data, "s").split("\r\n", 1)[0].split("\t") == list(HEADER)
    frame = census_day.SOURCE.parse(data, ctx(year))
    assert list(frame.columns) == list(census_day.COLUMNS)
    assert set(frame["grade"]) == {"all", "TK", "KN", *(f"{g:02d}" for g in range(1, 13))}
    assert frame["cds_code"].str.startswith("1964733").all()
    assert not frame.duplicated(["cds_code", "student_group_code", "grade"]).any()
    assert not frame["source_group_code"].str.startswith("AR_").any()
    assert "ELAS_EL" not in set(frame["source_group_code"])  # SG_EL is kept for `el`
    assert frame["enrollment_suppressed"].any()
    assert frame.loc[frame["enrollment_suppressed"], "enrollment"].isna().all()


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_school_rows_sum_to_the_lausd_district_row(year: str) -> None:
    data = sample_bytes(year)
    schools = census_day.SOURCE.parse(data, ctx(year))
    district = census_day.SOURCE.parse_district_totals(data, ctx(year))
    assert set(district["cds_code"]) == {LAUSD_DISTRICT_CDS}
    s_all = schools[schools["student_group_code"].eq("all")].groupby("grade")["enrollment"].sum()
    d_all = district[district["student_group_code"].eq("all")].set_index("grade")["enrollment"]
    pd.testing.assert_series_equal(s_all.sort_index(), d_all.sort_index(), check_names=False)


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_statewide_scope_keeps_other_districts(year: str) -> None:
    statewide = census_day.SOURCE.parse(sample_bytes(year), ctx(year, "statewide"))
    assert {"19647256011233", "01611190199998"} <= set(statewide["cds_code"])


def test_suppressed_cells_are_null_and_flagged() -> None:
    rows = [{}, {"Reporting Category": "SG_FS", "TOTAL_ENR": "*", "GR_03": "*"}]
    frame = census_day.SOURCE.parse(craft(rows).encode(), ctx()).set_index(
        ["source_group_code", "grade"]
    )
    assert pd.isna(frame.loc[("SG_FS", "all"), "enrollment"])
    assert frame.loc[("SG_FS", "all"), "enrollment_suppressed"]
    assert frame.loc[("SG_FS", "KN"), "enrollment"] == 1
    assert not frame.loc[("TA", "03"), "enrollment_suppressed"]


def test_charter_split_rows_are_not_counted() -> None:
    rows = [
        {},
        {"Charter (All/Y/N)": "N"},
        {"Charter (All/Y/N)": "All ", "Reporting Category": "RE_H"},
    ]
    frame = census_day.SOURCE.parse(craft(rows).encode(), ctx())
    assert sorted(set(frame["source_group_code"])) == ["RE_H", "TA"]
    assert len(frame) == 2 * len(census_day.GRADES)


def test_age_bands_are_dropped_and_unknown_codes_fail() -> None:
    frame = census_day.SOURCE.parse(craft([{}, {"Reporting Category": "AR_0418"}]).encode(), ctx())
    assert set(frame["source_group_code"]) == {"TA"}
    with pytest.raises(SourceError, match=r"cdenroll-test\.txt: column 'Reporting Category'.*ZZ"):
        census_day.SOURCE.parse(craft([{"Reporting Category": "ZZ"}]).encode(), ctx())


@pytest.mark.parametrize(
    ("codes", "kept"), [(["SG_EL", "ELAS_EL"], "SG_EL"), (["ELAS_EL", "SG_EL"], "SG_EL"),
                        (["ELAS_EL"], "ELAS_EL")],
)  # fmt: skip
def test_english_learners_appear_once(codes: list[str], kept: str) -> None:
    rows = [{"Reporting Category": c, "TOTAL_ENR": str(i + 5)} for i, c in enumerate(codes)]
    frame = census_day.SOURCE.parse(craft(rows).encode(), ctx())
    el = frame[frame["student_group_code"].eq("el")]
    assert set(el["source_group_code"]) == {kept} and len(el) == len(census_day.GRADES)


def test_repeated_category_fails() -> None:
    with pytest.raises(SourceError, match=r"cdenroll-test\.txt: line 3: .*appears more than once"):
        census_day.SOURCE.parse(craft([{}, {}]).encode(), ctx())


def test_unknown_layout_names_file_missing_and_unexpected() -> None:
    text = craft([{}]).replace("Charter (All/Y/N)", "Charter")
    with pytest.raises(LayoutError) as info:
        census_day.SOURCE.parse(text.encode(), ctx())
    message = str(info.value)
    assert "cdenroll-test.txt" in message
    assert "missing columns ['Charter (All/Y/N)']" in message
    assert "unexpected columns ['Charter']" in message


def test_year_mismatch_fails() -> None:
    with pytest.raises(SourceError, match=r"cdenroll-test\.txt: column 'Academic Year', line 2"):
        census_day.SOURCE.parse(craft([{}], year="2024-25").encode(), ctx("2023-24"))


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig"])
def test_encodings_decode(encoding: str) -> None:
    data = craft([{"School Name": "Escuela Peña Año"}]).encode(encoding)
    assert census_day.SOURCE.parse(data, ctx())["cds_code"].eq(SCHOOL).all()


def test_sample_is_cp1252() -> None:
    data = sample_bytes("2023-24")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Sample Peña Elementary (synthetic)" in data.decode("cp1252")


def test_staging_ddl_matches_parser_columns() -> None:
    assert ddl_columns("staging/stg_census_day.sql") == list(census_day.COLUMNS)


def test_fact_load_adds_source_and_school_totals() -> None:
    staged = census_day.SOURCE.parse(sample_bytes("2023-24"), ctx())
    fact = load_enrollment_fact("census_day", staged, 2024)
    assert len(fact) == len(staged)
    assert set(fact["enrollment_source"]) == {"census_day"}
    everyone = fact[fact["student_group_code"].eq("all")]
    assert (everyone["enrollment"] == everyone["total_enrollment"]).all()
    assert fact["published_rate"].isna().all()
