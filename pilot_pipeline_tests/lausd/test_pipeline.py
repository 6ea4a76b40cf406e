"""Both sample years through the real pipeline (mirror, Dagster, DuckDB and PostgreSQL): facts,
BI views, Norm Day in fct_enrollment, and the 2022-23 roster changing only its own year."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from pilot_pipeline.resources import PipelineSettings, SourceDownloader, WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import run_pipeline
from pilot_pipeline_tests.fixtures.warehouse import _conninfo, _skip_or_fail_without_postgres

LAUSD = ["lausd_early_literacy", "lausd_survey", "lausd_norm_day"]
LEAVERS = {"19647336017230", "19647330126524"}  # Garvanza ES, LIBRA Academy @ Marquez HS
JOINER = "19647330109322"  # Pacific Boulevard ES


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[WarehouseResource]:
    tmp: Path = tmp_path_factory.mktemp(f"lausd_{request.param}")
    admin = name = None
    if request.param == "duckdb":
        url = f"duckdb:///{tmp / 'pilot_test.duckdb'}"
    else:
        admin = _skip_or_fail_without_postgres()
        name = f"pilot_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(_conninfo(admin), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    warehouse = WarehouseResource(url=url)
    try:
        with MirrorServer() as mirror:
            resources = {
                "warehouse": warehouse,
                "downloader": SourceDownloader(archive_dir=str(tmp / "raw"), mirror=mirror.url),
                "settings": PipelineSettings(),
            }
            years = {"2020-21": LAUSD, "2021-22": LAUSD, "2022-23": []}
            run = run_pipeline(resources, years, final=False)
            assert run.success, run.failed
        yield warehouse
    finally:
        if name is not None:
            with psycopg.connect(_conninfo(admin), autocommit=True) as conn:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)))  # fmt: skip


@pytest.mark.parametrize(
    "view", ["bi.vw_pilot_early_literacy", "bi.vw_pilot_survey", "bi.vw_pilot_survey_summary"]
)
def test_views_have_pilot_and_non_pilot_rows_for_both_years(
    loaded: WarehouseResource, view: str
) -> None:
    rows = loaded.read_frame(f"SELECT * FROM {view}")
    found = set(rows[["school_year", "comparison_group"]].itertuples(index=False, name=None))
    assert found == {(y, g) for y in (2021, 2022) for g in ("pilot", "non-pilot")}
    # The README's leading columns and coverage counts, and the coverage identity.
    assert list(rows.columns[:3]) == ["school_year", "school_year_label", "comparison_group"]
    parts = ["schools_included", "schools_excluded_suppressed", "schools_excluded_missing"]
    assert (rows["schools_reporting"] == rows[parts].sum(axis=1)).all()
    assert (rows["schools_reporting"] <= rows["schools_in_comparison_group"]).all()
    assert rows["students_excluded_suppressed"].notna().all()


def test_early_literacy_rate_is_weighted_by_students(loaded: WarehouseResource) -> None:
    view = loaded.read_frame(
        "SELECT students_assessed, at_or_above_benchmark, at_or_above_benchmark_pct "
        "FROM bi.vw_pilot_early_literacy WHERE school_year = 2021 AND grade = 'KN' "
        "AND comparison_group = 'pilot'"
    ).iloc[0]
    facts = loaded.read_frame(
        "SELECT sum(f.students_assessed) AS n, sum(f.at_or_above_benchmark) AS met "
        "FROM warehouse.fct_early_literacy AS f JOIN warehouse.fct_school_pilot_status AS p "
        "ON f.school_year = p.school_year AND f.cds_code = p.cds_code "
        "WHERE f.school_year = 2021 AND f.grade = 'KN' AND p.is_pilot"
    ).iloc[0]
    assert int(view["students_assessed"]) == int(facts["n"])
    assert float(view["at_or_above_benchmark_pct"]) == pytest.approx(
        100 * int(facts["met"]) / int(facts["n"]), abs=0.05
    )


def test_survey_summary_counts_items_each_group_leads(loaded: WarehouseResource) -> None:
    summary = loaded.read_frame("SELECT * FROM bi.vw_pilot_survey_summary")
    assert set(summary["respondent_group"]) == {"student", "parent", "staff", "teacher"}
    counted = (summary["items_higher"] + summary["items_lower"]
               + summary["items_tied"] + summary["items_not_comparable"])  # fmt: skip
    assert (counted == summary["items"]).all()
    teachers = summary[
        (summary["school_year"] == 2022) & (summary["respondent_group"] == "teacher")
    ]
    by_group = teachers.set_index("comparison_group")
    assert int(by_group.loc["pilot", "items_higher"]) > 0
    # One group's "higher" is the other's "lower".
    assert by_group.loc["pilot", "items_higher"] == by_group.loc["non-pilot", "items_lower"]


def test_survey_rate_uses_the_same_schools_for_both_counts(loaded: WarehouseResource) -> None:
    """Weighted over included schools only: a suppressed percent drops its responses too."""
    facts = loaded.read_frame(
        "SELECT f.respondent_group, f.item_id, f.responses, f.agree_responses, f.agree_pct "
        "FROM warehouse.fct_survey_response AS f JOIN bi.vw_school_pilot_status AS c "
        "ON f.school_year = c.school_year AND f.cds_code = c.cds_code "
        "WHERE f.school_year = 2022 AND c.comparison_group = 'pilot'"
    )
    known = facts.dropna(subset=["responses", "agree_pct"])
    sums = known.groupby(["respondent_group", "item_id"])[["responses", "agree_responses"]].sum()
    view = loaded.read_frame(
        "SELECT respondent_group, item_id, responses, agree_pct FROM bi.vw_pilot_survey "
        "WHERE school_year = 2022 AND comparison_group = 'pilot'"
    ).set_index(["respondent_group", "item_id"])
    assert len(view) == len(sums) > 0
    for key, row in sums.iterrows():
        assert int(view.loc[key, "responses"]) == int(row["responses"])
        expected = 100 * row["agree_responses"] / row["responses"]
        assert float(view.loc[key, "agree_pct"]) == pytest.approx(expected, abs=0.051)


def test_dual_language_program_is_one_school_in_the_fact(loaded: WarehouseResource) -> None:
    rows = loaded.read_frame(
        "SELECT count(*) AS n FROM warehouse.fct_early_literacy "
        "WHERE cds_code = '19647330126391' AND school_year = 2022"
    )
    assert int(rows["n"].iloc[0]) == 3  # K, 1, 2: the DL rows rolled into the school


def test_norm_day_lands_in_fct_enrollment_with_ltel_and_newcomers(
    loaded: WarehouseResource,
) -> None:
    groups = loaded.read_frame(
        "SELECT DISTINCT student_group_code FROM warehouse.fct_enrollment "
        "WHERE enrollment_source = 'lausd_norm_day' AND school_year = 2021 "
        "AND student_group_key > 0"
    )
    assert {"all", "ltel", "newcomer", "sed"} <= set(groups["student_group_code"])


def test_new_roster_year_changes_only_that_year(loaded: WarehouseResource) -> None:
    status = loaded.read_frame(
        "SELECT school_year, cds_code, is_pilot, is_roster_inferred "
        "FROM warehouse.fct_school_pilot_status WHERE school_year IN (2021, 2022, 2023)"
    )
    pilots = {y: set(status[(status.school_year == y) & status.is_pilot].cds_code)
              for y in (2021, 2022, 2023)}  # fmt: skip
    assert len(pilots[2022]) == 40 and pilots[2021] == pilots[2022]
    assert pilots[2023] == (pilots[2022] - LEAVERS) | {JOINER}
    inferred = status.groupby("school_year")["is_roster_inferred"].first().to_dict()
    assert inferred == {2021: True, 2022: False, 2023: False}
