"""CAASPP research-file parser: zip guards, layouts, grades, tests, entities (synthetic rows;
the real bytes are in test_caaspp_real.py)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from pilot_pipeline.sources import caaspp
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError
from pilot_pipeline.sources.student_groups import mapping_for
from pilot_pipeline.sources.zipfiles import read_member
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import caaspp as sample
from pilot_pipeline_tests.sources.sql_checks import ddl_columns, load_fact

DIR = MIRROR_FILES_DIR / "caaspp-elpac.ets.org" / "caaspp" / "researchfiles"
SAMPLES = [("2020-21", "sb_ca2021_all_csv_v2"), ("2021-22", "sb_ca2022_all_csv_v1")]
# The 2018-19 layout (no Filler, claim areas or Type ID): school rows told by school code, and
# by the entities file when given.
HEADER = "^".join(sample.HEADER[:3] + sample.HEADER[4:20])
ROW = (
    "19^64733^0100677^2021^{group}^B^150^150^{grade}^{test}^160^150^2490.5"
    "^20.00^25.00^45.00^30.00^25.00^150"
)


def _ctx(year: str = "2020-21", scope: str = "lausd", label: str = "sb-test.zip") -> ParseContext:
    return ParseContext("caaspp", year, label, "c" * 64, scope)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _data(*rows: str, header: str = HEADER, prefix: bytes = b"", encoding: str = "utf-8") -> bytes:
    text = prefix + ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)
    return _zip({"sb_ca2021_all_csv_v2.txt": text})


def _row(group: str = "1", grade: str = "05", test: str = "1") -> str:
    return ROW.format(group=group, grade=grade, test=test)


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_sample_zip_parses_with_entities(year: str, name: str) -> None:
    entities = (DIR / f"sb_ca{int(year[:4]) + 1}entities_csv.zip").read_bytes()
    frame = caaspp.parse((DIR / f"{name}.zip").read_bytes(), _ctx(year), entities=entities)
    assert list(frame.columns) == list(caaspp.COLUMNS)
    assert not frame.duplicated(["cds_code", "student_group_code", "grade", "test"]).any()
    assert set(frame["grade"]) <= {"03", "04", "05", "06", "07", "08", "11", "all"}
    assert set(frame["test"]) == {"ela", "math"}
    assert frame["cds_code"].str.startswith("1964733").all()
    math = frame[frame["test"].eq("math") & ~frame["area4_pct_above_suppressed"]]
    assert len(math) and math["area4_pct_above"].eq(0).all()
    ela = frame[frame["test"].eq("ela") & ~frame["area1_pct_above_suppressed"]]
    sums = ela[["area4_pct_above", "area4_pct_near", "area4_pct_below"]].sum(axis=1)
    assert len(ela) and ((sums - 100).abs() <= 0.03).all()
    shown = frame[~frame["pct_met_and_above_suppressed"]]
    assert (
        (shown["pct_exceeded"] + shown["pct_met"] - shown["pct_met_and_above"]).abs() <= 0.011
    ).all()


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_school_rows_sum_to_district_row(year: str, name: str) -> None:
    data, ctx = (DIR / f"{name}.zip").read_bytes(), _ctx(year)
    schools = caaspp.parse(data, ctx)
    district = caaspp.SOURCE.parse_district_totals(data, ctx)
    keys = ["grade", "test"]
    school_sum = (
        schools[schools["student_group_code"] == "all"].groupby(keys)["students_tested"].sum()
    )
    district_all = district[district["student_group_code"] == "all"].set_index(keys)[
        "students_tested"
    ]
    assert school_sum.sort_index().equals(district_all.sort_index())


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_statewide_scope_keeps_other_districts(year: str, name: str) -> None:
    frame = caaspp.parse((DIR / f"{name}.zip").read_bytes(), _ctx(year, "statewide"))
    assert {"19647251930015", "01611190130229"} <= set(frame["cds_code"])


@pytest.mark.parametrize(("year", "name"), SAMPLES)
def test_suppressed_results_are_null_and_flagged(year: str, name: str) -> None:
    frame = caaspp.parse((DIR / f"{name}.zip").read_bytes(), _ctx(year))
    flagged = frame["mean_scale_score_suppressed"]
    assert flagged.any()
    assert frame.loc[flagged, ["mean_scale_score", "pct_met_and_above"]].isna().all().all()


def test_ignored_group_is_dropped_and_mapped_ids_are_padded() -> None:
    rows = [_row("1"), _row("111"), _row("031"), _row("160")]
    frame = caaspp.parse(_data(*rows), _ctx())
    assert list(frame["student_group_code"]) == ["all", "sed", "el"]


def test_unmapped_group_fails_naming_file_and_column() -> None:
    with pytest.raises(SourceError, match=r"sb-test.zip: column 'Student Group ID'.*'999'"):
        caaspp.parse(_data(_row("999")), _ctx())


@pytest.mark.parametrize(
    ("grade", "test", "expected"), [("13", "1", ("all", "ela")), ("3", "02", ("03", "math"))]
)
def test_grade_and_test_codes(grade: str, test: str, expected: tuple[str, str]) -> None:
    frame = caaspp.parse(_data(_row(grade=grade, test=test)), _ctx())
    assert (frame.loc[0, "grade"], frame.loc[0, "test"]) == expected


@pytest.mark.parametrize(
    ("grade", "test", "column"), [("09", "1", "Grade"), ("05", "3", "Test ID")]
)
def test_unknown_grade_or_test_fails(grade: str, test: str, column: str) -> None:
    with pytest.raises(SourceError, match=f"column '{column}', line 2"):
        caaspp.parse(_data(_row(grade=grade, test=test)), _ctx())


def test_star_is_null_and_flagged_never_zero() -> None:
    row = _row().replace("2490.5^20.00^25.00^45.00^30.00^25.00", "*^*^*^*^*^*")
    frame = caaspp.parse(_data(row), _ctx())
    for measure in ("mean_scale_score", "pct_exceeded", "pct_not_met"):
        assert pd.isna(frame.loc[0, measure]) and frame.loc[0, f"{measure}_suppressed"]
    assert frame.loc[0, "students_tested"] == 150


def test_subgroup_id_layout_before_2019_is_supported() -> None:
    header = (
        HEADER.replace("Student Group ID", "Subgroup ID")
        .replace("Total Tested at Reporting Level", "Total Tested at Entity Level")
        .replace("Total Tested with Scores at Reporting Level", "Total Tested with Scores")
    )
    frame = caaspp.parse(_data(_row("4"), header=header), _ctx())
    assert frame.loc[0, "student_group_code"] == "gender_female"
    # No claim-area columns in this layout: NULL, and not suppressed.
    assert (
        pd.isna(frame.loc[0, "area1_pct_above"]) and not frame.loc[0, "area1_pct_above_suppressed"]
    )


def test_unknown_layout_names_missing_and_unexpected_columns() -> None:
    header = HEADER.replace("Mean Scale Score", "Average Score")
    with pytest.raises(LayoutError) as error:
        caaspp.parse(_data(_row(), header=header), _ctx())
    assert "sb-test.zip" in str(error.value)
    assert "'Mean Scale Score'" in str(error.value) and "'Average Score'" in str(error.value)


@pytest.mark.parametrize(("prefix", "encoding"), [(b"\xef\xbb\xbf", "utf-8"), (b"", "cp1252")])
def test_bom_and_cp1252_decode(prefix: bytes, encoding: str) -> None:
    assert len(caaspp.parse(_data(_row(), prefix=prefix, encoding=encoding), _ctx())) == 1


def test_test_year_must_match_partition() -> None:
    with pytest.raises(SourceError, match=r"Test Year.*'2021'.*2021-22"):
        caaspp.parse(_data(_row()), _ctx("2021-22"))


def test_entities_type_must_be_a_school() -> None:
    entities = _zip({
        "sb_ca2021entities_csv.txt": (
            "^".join(sample.ENTITY_HEADER) + "\r\n19^64733^0100677^^2021^6^LA^LAUSD^X^\r\n"
        ).encode()
    })  # fmt: skip
    with pytest.raises(SourceError, match=r"19647330100677 has entities Type ID '06'"):
        caaspp.parse(_data(_row()), _ctx(), entities=entities)


@pytest.mark.parametrize("name", ["../sb_ca2021_all_csv_v2.txt", "/abs/x.txt", "a/../../b.txt"])
def test_zip_slip_names_are_refused(name: str) -> None:
    data = _zip({"sb_ca2021_all_csv_v2.txt": b"x", name: b"y"})
    with pytest.raises(
        SourceError, match=r"sb-test.zip: refusing archive with unsafe member names"
    ):
        caaspp.parse(data, _ctx())


def test_zip_bomb_ratio_is_refused() -> None:
    data = _zip({"sb_ca2021_all_csv_v2.txt": b"0" * 5_000_000})
    with pytest.raises(
        SourceError, match=r"sb-test.zip: member sb_ca2021_all_csv_v2.txt compression ratio"
    ):
        caaspp.parse(data, _ctx())


def test_uncompressed_size_cap_is_enforced() -> None:
    data = _zip({"sb_ca2021_all_csv_v2.txt": HEADER.encode() * 50})
    with pytest.raises(SourceError, match=r"over the 1000-byte cap"):
        read_member(data, "sb-test.zip", caaspp.DATA_MEMBER, max_bytes=1000)


@pytest.mark.parametrize(
    "members",
    [{"readme.txt": b"x"}, {"sb_ca2021_all_csv_v1.txt": b"x", "sb_ca2021_all_csv_v2.txt": b"y"}],
)
def test_member_pattern_must_match_exactly_once(members: dict[str, bytes]) -> None:
    with pytest.raises(SourceError, match=r"sb-test.zip: expected exactly one member"):
        caaspp.parse(_zip(members), _ctx())


def test_not_a_zip_with_zip_magic_fails_naming_file() -> None:
    with pytest.raises(SourceError, match="sb-test.zip: not a zip archive"):
        caaspp.parse(b"PK\x03\x04garbage", _ctx())


def test_caaspp_code_system_uses_canonical_codes_only() -> None:
    mapping = mapping_for("caaspp")
    assert mapping["001"] == "all" and mapping["031"] == "sed" and mapping["160"] == "el"
    assert not set(mapping) & caaspp.IGNORED_GROUP_IDS


def test_url_tables_are_explicit_and_skip_2020() -> None:
    assert caaspp.URLS["2020-21"].endswith("/sb_ca2021_all_csv_v2.zip")
    assert caaspp.URLS["2018-19"].endswith("/sb_ca2019_all_csv_v4.zip")
    assert "2019-20" not in caaspp.URLS
    assert "2017-18" not in caaspp.URLS  # no URL in the reference: never guessed
    assert caaspp.ENTITIES_URLS["2021-22"].endswith("/sb_ca2022entities_csv.zip")


def test_staging_ddl_matches_parse_columns() -> None:
    assert ddl_columns("staging/stg_caaspp.sql") == list(caaspp.COLUMNS)


def test_fact_load_query_fills_fact() -> None:
    staged = caaspp.parse((DIR / "sb_ca2021_all_csv_v2.zip").read_bytes(), _ctx())
    fact = load_fact("caaspp", "fct_assessment", staged, 2021)
    assert len(fact) == len(staged) and (fact["student_group_key"] > 0).all()
