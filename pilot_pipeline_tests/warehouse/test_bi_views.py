"""The bi views on the sample mirror: identical on DuckDB and PostgreSQL, and right.

The expected figures are recomputed here in pandas from staging and dimension rows, with the
comparison rule written out again (pilot; else traditional or affiliated charter), so a wrong
join, weighting or exclusion in the SQL shows up as a different number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_tests.warehouse.conftest import Built

OWN_VIEWS = {
    "bi.vw_school_pilot_status",
    "bi.vw_pilot_school_counts",
    "bi.vw_pilot_demographics",
    "bi.vw_pilot_graduation",
    "bi.vw_comparison_group_size",
    "bi.vw_pilot_assessment",
    "bi.vw_pilot_chronic_absenteeism",
    "bi.vw_pilot_suspension",
    "bi.vw_pilot_english_learners",
    "bi.vw_school_year_profile",
    "bi.vw_pilot_matched_comparison",
}
ROUNDED = 0.05 + 1e-9  # views round rates to one decimal, as CDE publishes them


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float (NaN for NULL), everything else as text, rows in a backend-free order."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        values = frame[col]
        present = values.dropna()
        numeric = len(present) and all(
            isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in present
        )
        if numeric:
            out[col] = pd.to_numeric(values, errors="raise").astype("float64")
        else:
            out[col] = values.astype(object).where(values.notna(), "<NULL>").astype(str)
    keys = [c for c in out.columns if out[c].dtype == object]
    floats = [c for c in out.columns if c not in keys]
    rounded = out[floats].round(6).fillna(-1e300)
    order = pd.concat([out[keys], rounded], axis=1).sort_values(keys + floats).index
    return out.loc[order].reset_index(drop=True)


def test_every_bi_view_is_identical_on_duckdb_and_postgres(
    duckdb_built: Built, postgres_built: Built
) -> None:
    duck, pg = duckdb_built.warehouse, postgres_built.warehouse
    views = duck.list_tables(["bi"])
    assert views == pg.list_tables(["bi"])
    assert OWN_VIEWS <= set(views)
    for view in views:
        left = duck.read_frame(f"SELECT * FROM {view}")
        right = pg.read_frame(f"SELECT * FROM {view}")
        assert list(left.columns) == list(right.columns), view
        assert len(left) == len(right), view
        if view in OWN_VIEWS:
            assert len(left) > 0, f"{view} is empty on the sample mirror"
        pd.testing.assert_frame_equal(
            canonical(left), canonical(right), check_exact=False, rtol=1e-9, obj=view
        )


def comparison_schools(wh: WarehouseResource) -> pd.DataFrame:
    frame = wh.read_frame(
        """SELECT s.school_year, s.cds_code, s.is_pilot, d.is_charter, d.funding_type
        FROM warehouse.fct_school_pilot_status AS s
        JOIN warehouse.dim_school AS d ON d.school_key = s.school_key"""
    )
    charter = frame["is_charter"].fillna(False).astype(bool)
    operated = ~charter | (frame["funding_type"] == "Locally funded")
    frame["comparison_group"] = np.where(
        frame["is_pilot"].astype(bool), "pilot", np.where(operated, "non-pilot", None)
    )
    compared = frame.dropna(subset=["comparison_group"])
    return compared[["school_year", "cds_code", "comparison_group"]]


@pytest.mark.parametrize("year", [2022, 2024])
def test_graduation_rates_are_student_weighted(built: Built, year: int) -> None:
    wh = built.warehouse
    acgr = wh.read_frame(
        "SELECT * FROM staging.stg_acgr WHERE school_year = :y AND student_group_code = 'all'",
        {"y": year},
    )
    rows = acgr.merge(comparison_schools(wh), on=["school_year", "cds_code"])
    counts = ["cohort_students", "regular_hs_diploma_graduates", "met_uc_csu_grad_reqs"]
    rows[counts] = rows[counts].astype("float64")
    known = rows.dropna(subset=counts)
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_graduation"
        " WHERE school_year = :y AND student_group_code = 'all'",
        {"y": year},
    ).set_index("comparison_group")
    assert set(view.index) == {"pilot", "non-pilot"}
    for group, sums in known.groupby("comparison_group")[counts].sum().iterrows():
        got = view.loc[group]
        assert got["cohort_students"] == sums["cohort_students"]
        assert got["graduation_rate_pct"] == pytest.approx(
            100 * sums["regular_hs_diploma_graduates"] / sums["cohort_students"], abs=ROUNDED
        )
        assert got["ag_rate_among_graduates_pct"] == pytest.approx(
            100 * sums["met_uc_csu_grad_reqs"] / sums["regular_hs_diploma_graduates"], abs=ROUNDED
        )
        assert got["ag_rate_among_cohort_pct"] == pytest.approx(
            100 * sums["met_uc_csu_grad_reqs"] / sums["cohort_students"], abs=ROUNDED
        )
        # Weighted, not the mean of the published school rates.
        published = rows[rows["comparison_group"] == group]["graduation_rate"].astype(float)
        assert got["graduation_rate_pct"] != pytest.approx(published.mean(), abs=1e-6)
        reporting = int((rows["comparison_group"] == group).sum())
        assert got["schools_reporting"] == reporting
        assert got["schools_included"] == len(known[known["comparison_group"] == group])


def test_suppressed_groups_are_excluded_and_counted(built: Built) -> None:
    wh = built.warehouse
    year = 2022
    acgr = wh.read_frame(
        "SELECT cds_code, school_year, cohort_students, cohort_students_suppressed"
        " FROM staging.stg_acgr WHERE school_year = :y AND student_group_code = 'race_black'",
        {"y": year},
    ).merge(comparison_schools(wh), on=["school_year", "cds_code"])
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_graduation"
        " WHERE school_year = :y AND student_group_code = 'race_black'",
        {"y": year},
    ).set_index("comparison_group")
    suppressed = acgr[acgr["cohort_students_suppressed"].astype(bool)]
    assert len(suppressed) > 0, "the sample must hold suppressed cells for this test to mean much"
    for group, got in view.iterrows():
        expected = int((suppressed["comparison_group"] == group).sum())
        assert got["schools_excluded_suppressed"] == expected
        assert got["schools_reporting"] == (
            got["schools_included"]
            + got["schools_excluded_suppressed"]
            + got["schools_excluded_missing"]
        )


def test_demographic_shares_match_census_day_counts(built: Built) -> None:
    wh = built.warehouse
    year = 2024
    census = wh.read_frame(
        "SELECT cds_code, school_year, student_group_code, enrollment"
        " FROM staging.stg_census_day WHERE school_year = :y AND grade = 'all'"
        " AND student_group_code IN ('all', 'sed')",
        {"y": year},
    ).merge(comparison_schools(wh), on=["school_year", "cds_code"])
    wide = census.pivot_table(
        index=["cds_code", "comparison_group"], columns="student_group_code", values="enrollment"
    ).reset_index()
    wide["sed"] = wide["sed"].fillna(0)  # the file omits a group a school has no students of
    sums = wide.groupby("comparison_group")[["sed", "all"]].sum()
    view = wh.read_frame(
        "SELECT * FROM bi.vw_pilot_demographics WHERE school_year = :y"
        " AND student_group_code = 'sed' AND source = 'census_day'",
        {"y": year},
    ).set_index("comparison_group")
    for group, row in sums.iterrows():
        assert view.loc[group, "students"] == row["sed"]
        assert view.loc[group, "total_students"] == row["all"]
        assert view.loc[group, "share_of_students_pct"] == pytest.approx(
            100 * row["sed"] / row["all"], abs=ROUNDED
        )
        assert bool(view.loc[group, "is_preferred_source"])


def test_school_counts_add_up_to_the_pilot_status_fact(built: Built) -> None:
    wh = built.warehouse
    counts = wh.read_frame(
        "SELECT school_year, comparison_group, cast(sum(schools) AS BIGINT) AS schools,"
        " cast(sum(schools_excluded_independent_charter"
        " + schools_excluded_charter_unknown_funding) AS BIGINT) AS excluded"
        " FROM bi.vw_pilot_school_counts GROUP BY school_year, comparison_group"
    )
    facts = wh.read_frame(
        "SELECT school_year, cast(sum(CASE WHEN is_pilot THEN 1 ELSE 0 END) AS BIGINT) AS pilots,"
        " count(*) AS n"
        " FROM warehouse.fct_school_pilot_status GROUP BY school_year"
    ).set_index("school_year")
    by_year = counts.groupby("school_year")[["schools", "excluded"]].sum()
    pilots = counts[counts["comparison_group"] == "pilot"].set_index("school_year")["schools"]
    assert len(facts) >= 5
    for year, fact in facts.iterrows():
        assert pilots[year] == fact["pilots"] > 0
        assert by_year.loc[year].sum() == fact["n"], "every school counted or excluded once"
        assert by_year.loc[year, "excluded"] > 0, "independent charters are set apart"
