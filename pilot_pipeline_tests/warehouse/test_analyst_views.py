"""The analyst views of issue 17 on the sample mirror: rows for every year their source covers,
and one figure of each recomputed here in pandas from the facts (the comparison rule written
out again in test_bi_views.comparison_schools), rounded as the view rounds."""

from __future__ import annotations

import pandas as pd
import pytest

from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_tests.warehouse.conftest import Built
from pilot_pipeline_tests.warehouse.test_bi_views import comparison_schools

VIEW_SOURCES = {
    "bi.vw_pilot_assessment": "warehouse.fct_assessment",
    "bi.vw_pilot_chronic_absenteeism": "warehouse.fct_chronic_absenteeism",
    "bi.vw_pilot_suspension": "warehouse.fct_suspension",
    "bi.vw_pilot_english_learners": "warehouse.fct_english_learner",
    "bi.vw_school_year_profile": "warehouse.fct_school_pilot_status",
    "bi.vw_pilot_matched_comparison": "bi.vw_pilot_match",
}


def one_decimal(value: float) -> float:
    return round(value + 1e-12, 1)


def all_students(wh: WarehouseResource, fact: str, columns: str, year: int) -> pd.DataFrame:
    frame = wh.read_frame(
        f"SELECT f.school_year, f.cds_code, {columns} FROM {fact} AS f"  # noqa: S608
        " JOIN warehouse.dim_student_group AS g ON g.student_group_key = f.student_group_key"
        " WHERE g.student_group_code = 'all' AND f.school_year = :y",
        {"y": year},
    )
    return frame.merge(comparison_schools(wh), on=["school_year", "cds_code"])


@pytest.mark.parametrize("view", sorted(VIEW_SOURCES))
def test_each_view_has_rows_for_every_year_its_source_covers(built: Built, view: str) -> None:
    wh = built.warehouse
    source_years = set(wh.read_frame(f"SELECT DISTINCT school_year FROM {VIEW_SOURCES[view]}")[
        "school_year"
    ].astype(int))  # fmt: skip
    view_years = set(wh.read_frame(f"SELECT DISTINCT school_year FROM {view}")["school_year"])
    assert source_years, f"{VIEW_SOURCES[view]} is empty on the sample mirror"
    assert source_years <= {int(y) for y in view_years}, view


@pytest.mark.parametrize("year", [2022, 2024])
def test_chronic_absenteeism_rate_recomputed_from_the_fact(built: Built, year: int) -> None:
    wh = built.warehouse
    rows = all_students(
        wh,
        "warehouse.fct_chronic_absenteeism",
        "f.eligible_cumulative_enrollment AS e, f.chronic_absenteeism_count AS n",
        year,
    )
    known = rows.dropna(subset=["e", "n"])
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_chronic_absenteeism"
        " WHERE school_year = :y AND student_group_code = 'all'",
        {"y": year},
    ).set_index("comparison_group")
    for group, part in known.groupby("comparison_group"):
        got = view.loc[group]
        assert got["schools_included"] == len(part)
        assert got["eligible_cumulative_enrollment"] == part["e"].sum()
        assert got["chronic_absenteeism_rate_pct"] == one_decimal(
            100 * part["n"].sum() / part["e"].sum()
        )


def test_suspension_rate_recomputed_from_the_fact(built: Built) -> None:
    wh = built.warehouse
    rows = all_students(
        wh,
        "warehouse.fct_suspension",
        "f.cumulative_enrollment AS e, f.unduplicated_students_suspended AS n",
        2022,
    )
    known = rows.dropna(subset=["e", "n"])
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_suspension"
        " WHERE school_year = 2022 AND student_group_code = 'all'"
    ).set_index("comparison_group")
    for group, part in known.groupby("comparison_group"):
        assert view.loc[group, "students_suspended"] == part["n"].sum()
        assert view.loc[group, "suspension_rate_pct"] == one_decimal(
            100 * part["n"].sum() / part["e"].sum()
        )


def test_assessment_weighted_by_students_tested(built: Built) -> None:
    wh = built.warehouse
    rows = all_students(
        wh,
        "warehouse.fct_assessment",
        "f.test, f.grade, f.students_tested AS t, f.pct_met_and_above AS p,"
        " f.mean_scale_score AS m",
        2022,
    )
    rows = rows[(rows["test"] == "math") & (rows["grade"] == "all") & (rows["t"] > 0)]
    known = rows.dropna(subset=["t", "p", "m"])
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_assessment WHERE school_year = 2022 AND test = 'math'"
        " AND grade_band = 'all' AND student_group_code = 'all'"
    ).set_index("comparison_group")
    assert set(view.index) == {"pilot", "non-pilot"}
    for group, part in known.groupby("comparison_group"):
        tested = part["t"].sum()
        assert view.loc[group, "students_tested"] == tested
        assert view.loc[group, "met_or_exceeded_pct"] == one_decimal(
            (part["t"] * part["p"]).sum() / tested
        )
        assert view.loc[group, "mean_scale_score"] == one_decimal(
            (part["t"] * part["m"]).sum() / tested
        )


def test_english_learner_shares_recomputed_from_the_fact(built: Built) -> None:
    wh = built.warehouse
    rows = wh.read_frame(
        "SELECT school_year, cds_code, grade, el, ltel FROM warehouse.fct_english_learner"
        " WHERE school_year = 2022"
    ).merge(comparison_schools(wh), on=["school_year", "cds_code"])
    by_school = rows.groupby(["cds_code", "comparison_group"])[["el", "ltel"]].agg(
        lambda s: s.sum() if s.notna().all() else None
    )
    known = by_school.dropna().reset_index()
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_english_learners WHERE school_year = 2022 AND measure = 'ltel'"
    ).set_index("comparison_group")
    for group, part in known.groupby("comparison_group"):
        assert view.loc[group, "schools_included"] == len(part)
        assert view.loc[group, "share_pct"] == one_decimal(
            100 * part["ltel"].sum() / part["el"].sum()
        )
        assert view.loc[group, "share_of"] == "english learners"


def test_profile_has_one_row_per_school_year_and_its_graduation_rate(built: Built) -> None:
    wh = built.warehouse
    profile = wh.read_frame("SELECT * FROM bi.vw_school_year_profile")
    status = wh.read_frame("SELECT school_year, cds_code FROM warehouse.fct_school_pilot_status")
    assert len(profile) == len(status)
    assert not profile.duplicated(["school_year", "cds_code"]).any()
    acgr = all_students(
        wh,
        "warehouse.fct_graduation",
        "f.cohort_students AS c, f.regular_hs_diploma_graduates AS g",
        2022,
    ).dropna(subset=["c", "g"])
    school = acgr[acgr["c"] > 0].iloc[0]
    row = profile[(profile["school_year"] == 2022) & (profile["cds_code"] == school["cds_code"])]
    assert row["graduation_rate_pct"].iloc[0] == one_decimal(100 * school["g"] / school["c"])


def test_matched_comparison_recomputed_from_the_matches(built: Built) -> None:
    wh = built.warehouse
    matches = wh.read_frame("SELECT * FROM bi.vw_pilot_match WHERE school_year = 2022")
    assert len(matches) > 0, "the sample mirror must give some pilot a match"
    profile = wh.read_frame(
        "SELECT cds_code, sed_students, total_enrollment, comparison_group, school_level"
        " FROM bi.vw_school_year_profile WHERE school_year = 2022"
    ).set_index("cds_code")
    pair_levels = profile.loc[matches["matched_cds_code"], "school_level"].to_numpy()
    assert (pair_levels == matches["school_level"].to_numpy()).all(), "same level only"
    assert set(profile.loc[matches["matched_cds_code"], "comparison_group"]) == {"non-pilot"}
    matched = profile.loc[matches["matched_cds_code"]].reset_index()
    weights = matches["match_weight"].to_numpy()
    expected = (weights * matched["sed_students"]).sum() / (
        weights * matched["total_enrollment"]
    ).sum()
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_matched_comparison"
        " WHERE school_year = 2022 AND measure = 'sed_pct'"
    )
    assert len(view) == 1
    assert view["matched_non_pilot_pct"].iloc[0] == one_decimal(100 * expected)
    assert view["pilots_matched"].iloc[0] == matches["pilot_cds_code"].nunique()
