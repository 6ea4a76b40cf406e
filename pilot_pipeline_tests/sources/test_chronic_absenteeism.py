"""Chronic absenteeism and suspension parsers (shared ReportingCategory-file code path)."""

from __future__ import annotations

from types import ModuleType

import pandas as pd
import pytest

from pilot_pipeline.sources import chronic_absenteeism, suspension
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError, match_header
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_tests.sources.sql_checks import ddl_columns, load_fact

HOST = MIRROR_FILES_DIR / "www3.cde.ca.gov" / "demo-downloads"
# (module, year, file, layout name, count measure used for the district check)
CA, SU = chronic_absenteeism, suspension
SAMPLES = [
    (CA, "2020-21", "attendance/chronicabsenteeism21.txt", "eligible_cumulative_enrollment"),
    (CA, "2021-22", "attendance/chronicabsenteeism22-v3.txt", "chronic_absenteeism_count"),
    (CA, "2023-24", "attendance/chronicabsenteeism24.txt", "eligible_cumulative_enrollment"),
    (SU, "2020-21", "discipline/suspension21.txt", "cumulative_enrollment"),
    (SU, "2021-22", "discipline/suspension22-v2.txt", "total_suspensions"),
    # 2023-24: spaced headers, `Charter School`, Yes / "No " flags, no All row for a school
    (SU, "2023-24", "discipline/suspension24.txt", "cumulative_enrollment"),
]
FACTS = {chronic_absenteeism: "fct_chronic_absenteeism", suspension: "fct_suspension"}


def _ctx(module: ModuleType, year: str, scope: str = "lausd", label: str = "") -> ParseContext:
    return ParseContext(
        module.SOURCE.name, year, label or f"{module.__name__}-{year}", "f" * 64, scope
    )


def _bytes(relative: str) -> bytes:
    return (HOST / relative).read_bytes()


@pytest.mark.parametrize(("module", "year", "relative", "measure"), SAMPLES)
def test_sample_parses_to_staging_columns(
    module: ModuleType, year: str, relative: str, measure: str
) -> None:
    frame = module.SOURCE.parse(_bytes(relative), _ctx(module, year))
    assert list(frame.columns) == list(module.COLUMNS)
    assert len(frame) > 100
    assert frame["cds_code"].str.fullmatch(r"1964733\d{7}").all()
    assert (frame["school_year"] == int(year[:4]) + 1).all()
    assert not frame.duplicated(["cds_code", "student_group_code"]).any()
    assert frame["source_file_sha256"].eq("f" * 64).all()


@pytest.mark.parametrize(("module", "year", "relative", "measure"), SAMPLES)
def test_school_rows_sum_to_district_row(
    module: ModuleType, year: str, relative: str, measure: str
) -> None:
    data, ctx = _bytes(relative), _ctx(module, year)
    schools = module.SOURCE.parse(data, ctx)
    district = module.SOURCE.parse_district_totals(data, ctx)
    total = schools[schools["student_group_code"] == "all"]
    assert not total[f"{measure}_suppressed"].any()
    expected = district.loc[district["student_group_code"] == "all", measure]
    assert len(expected) == 1
    assert total[measure].sum() == expected.iloc[0]


@pytest.mark.parametrize(("module", "year", "relative", "measure"), SAMPLES)
def test_statewide_scope_keeps_other_districts(
    module: ModuleType, year: str, relative: str, measure: str
) -> None:
    data = _bytes(relative)
    lausd = module.SOURCE.parse(data, _ctx(module, year))
    statewide = module.SOURCE.parse(data, _ctx(module, year, "statewide"))
    others = statewide[~statewide["cds_code"].str.startswith("1964733")]
    assert len(statewide) == len(lausd) + len(others)
    assert {"19647251930015", "01611190130229", "01611190130450"} <= set(others["cds_code"])


@pytest.mark.parametrize(("module", "year", "relative", "measure"), SAMPLES)
def test_suppressed_cells_are_null_and_flagged(
    module: ModuleType, year: str, relative: str, measure: str
) -> None:
    frame = module.SOURCE.parse(_bytes(relative), _ctx(module, year))
    flagged = frame[f"{measure}_suppressed"]
    assert flagged.any(), "samples suppress groups of 10 or fewer"
    assert frame.loc[flagged, measure].isna().all()
    assert not (frame.loc[flagged, measure] == 0).any()


def test_grade_span_categories_are_dropped_not_failed() -> None:
    data = _bytes("attendance/chronicabsenteeism21.txt")
    assert b"\tGR912\t" in data
    frame = chronic_absenteeism.SOURCE.parse(data, _ctx(chronic_absenteeism, "2020-21"))
    assert frame["student_group_code"].notna().all()


def test_latin1_school_name_decodes() -> None:
    data = _bytes("attendance/chronicabsenteeism21.txt")
    assert "Peñasco".encode("latin-1") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    frame = chronic_absenteeism.SOURCE.parse(
        data, _ctx(chronic_absenteeism, "2020-21", "statewide")
    )
    assert "01611190130450" in set(frame["cds_code"])


HEADER_13 = "\t".join(chronic_absenteeism.LAYOUTS[0].columns)
ROW = "\t".join(
    ["2020-21", "S", "19", "64733", "0100677", "Los Angeles", "Los Angeles Unified", "{name}"]
    + ["{charter}", "{cat}", "{n}", "{c}", "{r}"]
)


def _file(*rows: str, header: str = HEADER_13, bom: bool = False, encoding: str = "utf-8") -> bytes:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


@pytest.mark.parametrize(
    ("bom", "encoding"), [(True, "utf-8"), (False, "cp1252"), (False, "latin-1")]
)
def test_bom_and_legacy_encodings_decode(bom: bool, encoding: str) -> None:
    row = ROW.format(name="Academia Café ñ", charter="All", cat="TA", n="120", c="30", r="25.0")
    data = _file(row, bom=bom, encoding=encoding)
    frame = chronic_absenteeism.SOURCE.parse(data, _ctx(chronic_absenteeism, "2020-21"))
    assert frame.loc[0, "chronic_absenteeism_rate"] == 25.0
    assert frame.loc[0, "source_line"] == 2


def test_star_is_null_and_flagged_never_zero() -> None:
    data = _file(ROW.format(name="A", charter="All", cat="SH", n="*", c="*", r="*"))
    frame = chronic_absenteeism.SOURCE.parse(data, _ctx(chronic_absenteeism, "2020-21"))
    assert frame.loc[0, "student_group_code"] == "homeless"
    for measure in (
        "eligible_cumulative_enrollment",
        "chronic_absenteeism_count",
        "chronic_absenteeism_rate",
    ):
        assert pd.isna(frame.loc[0, measure])
        assert bool(frame.loc[0, f"{measure}_suppressed"])


def test_all_row_is_preferred_over_own_flag_and_fallback_keeps_single_row() -> None:
    rows = [
        ROW.format(name="A", charter="All", cat="TA", n="100", c="10", r="10.0"),
        ROW.format(name="A", charter="N", cat="TA", n="100", c="10", r="10.0"),
        ROW.format(name="A", charter="N", cat="GF", n="50", c="5", r="10.0"),  # no All row
    ]
    frame = chronic_absenteeism.SOURCE.parse(_file(*rows), _ctx(chronic_absenteeism, "2020-21"))
    assert sorted(frame["student_group_code"]) == ["all", "gender_female"]
    assert frame.set_index("student_group_code").loc["all", "source_line"] == 2


def test_y_and_n_without_all_row_fails_naming_file() -> None:
    rows = [
        ROW.format(name="A", charter="Y", cat="TA", n="100", c="10", r="10.0"),
        ROW.format(name="A", charter="N", cat="TA", n="100", c="10", r="10.0"),
    ]
    with pytest.raises(SourceError, match=r"ca-test.*without an All roll-up"):
        chronic_absenteeism.SOURCE.parse(
            _file(*rows), _ctx(chronic_absenteeism, "2020-21", label="ca-test")
        )


def test_unknown_layout_names_missing_and_unexpected_columns() -> None:
    header = HEADER_13.replace("ChronicAbsenteeismRate", "ChronicRate")
    with pytest.raises(LayoutError) as error:
        chronic_absenteeism.SOURCE.parse(
            _file(header=header), _ctx(chronic_absenteeism, "2020-21", label="bad.txt")
        )
    message = str(error.value)
    assert "bad.txt" in message and "ChronicAbsenteeismRate" in message and "ChronicRate" in message


@pytest.mark.parametrize("spelling", ["CharterSchool", "Charter School"])
def test_suspension_charter_column_spelt_as_elsewhere_is_charteryn(spelling: str) -> None:
    """Third-party reads of 2023-24 files call it `Charter School`, as chronic absenteeism."""
    header = [c.replace("CharterYN", spelling) for c in suspension.LAYOUTS[0].columns]
    match = match_header(header, suspension.LAYOUTS, "suspension24.txt")
    assert match.names == list(suspension.LAYOUTS[0].columns) and match.extra == []


def test_suspension_header_without_a_charter_column_is_rejected() -> None:
    header = "\t".join(suspension.LAYOUTS[0].columns).replace("CharterYN", "Charter Flag")
    with pytest.raises(LayoutError, match="CharterYN"):
        suspension.SOURCE.parse(_file(header=header), _ctx(suspension, "2020-21"))


def test_academic_year_mismatch_names_file_and_line() -> None:
    data = _file(ROW.format(name="A", charter="All", cat="TA", n="100", c="10", r="10.0"))
    with pytest.raises(SourceError, match=r"wrong-year.*AcademicYear.*line 2.*2021-22"):
        chronic_absenteeism.SOURCE.parse(
            data, _ctx(chronic_absenteeism, "2021-22", label="wrong-year")
        )


def test_unmapped_reporting_category_fails() -> None:
    data = _file(ROW.format(name="A", charter="All", cat="ZZ", n="100", c="10", r="10.0"))
    with pytest.raises(SourceError, match="unmapped student-group codes"):
        chronic_absenteeism.SOURCE.parse(data, _ctx(chronic_absenteeism, "2020-21"))


@pytest.mark.parametrize("module", [chronic_absenteeism, suspension])
def test_staging_ddl_matches_parse_columns(module: ModuleType) -> None:
    assert ddl_columns(f"staging/stg_{module.SOURCE.name}.sql") == list(module.COLUMNS)


@pytest.mark.parametrize(("module", "year", "relative", "measure"), SAMPLES[:1] + SAMPLES[3:4])
def test_fact_load_query_fills_fact(
    module: ModuleType, year: str, relative: str, measure: str
) -> None:
    staged = module.SOURCE.parse(_bytes(relative), _ctx(module, year))
    fact = load_fact(module.SOURCE.name, FACTS[module], staged, int(year[:4]) + 1)
    assert len(fact) == len(staged)
    assert (fact["school_key"] == 7).sum() == (
        staged["cds_code"] == staged["cds_code"].iloc[0]
    ).sum()
    assert (fact["student_group_key"] > 0).all()
    assert load_fact(module.SOURCE.name, FACTS[module], staged, 1999).empty


@pytest.mark.parametrize("module", [chronic_absenteeism, suspension])
def test_url_table_uses_published_suffixes(module: ModuleType) -> None:
    urls = module.URLS
    assert all(u.startswith("https://www3.cde.ca.gov/demo-downloads/") for u in urls.values())
    assert "2019-20" not in chronic_absenteeism.URLS
    assert urls["2021-22"].endswith(("chronicabsenteeism22-v3.txt", "suspension22-v2.txt"))
