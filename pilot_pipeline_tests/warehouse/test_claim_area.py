"""`warehouse.fct_assessment_claim_area` on DuckDB and PostgreSQL: filled by the pipeline from the
sample mirror, loaded from real CAASPP rows through the real load SQL, and a warehouse staged
before the claim-area columns existed upgraded in place by the DDL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from pilot_pipeline import SQL_DIR
from pilot_pipeline.assets.facts import load_fact
from pilot_pipeline.resources.ddl_include import read_ddl
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.resources.warehouse_sql import split_sql
from pilot_pipeline.sources import caaspp
from pilot_pipeline.sources.base import ParseContext
from pilot_pipeline.sources.student_groups import canonical_groups
from pilot_pipeline_tests.warehouse.conftest import Built

FACT = "warehouse.fct_assessment_claim_area"
REAL_2022 = (
    Path(__file__).parents[1]
    / "fixtures"
    / "real"
    / "caaspp"
    / "sb_ca2022_studentgroup1_excerpt.txt"
)


def test_pipeline_fills_the_claim_area_fact(built: Built) -> None:
    wh = built.warehouse
    areas = wh.read_frame(
        f"SELECT test, min(claim_area) AS lo, max(claim_area) AS hi, count(*) AS n "  # noqa: S608
        f"FROM {FACT} GROUP BY test ORDER BY test"
    )
    assert areas[["test", "lo", "hi"]].values.tolist() == [["ela", 1, 4], ["math", 1, 3]]
    # Every claim-area row belongs to a result row of fct_assessment.
    orphans = wh.read_frame(
        f"SELECT count(*) AS n FROM {FACT} AS c LEFT JOIN warehouse.fct_assessment AS a"  # noqa: S608
        " ON c.school_year = a.school_year AND c.cds_code = a.cds_code"
        " AND c.student_group_key = a.student_group_key AND c.grade = a.grade AND c.test = a.test"
        " WHERE a.cds_code IS NULL"
    )
    assert orphans["n"].iloc[0] == 0
    # The fact carries the staged cells unchanged (ELA area 2 here).
    mismatched = wh.read_frame(
        f"SELECT count(*) AS n FROM {FACT} AS c JOIN warehouse.dim_student_group AS g"  # noqa: S608
        " ON c.student_group_key = g.student_group_key JOIN staging.stg_caaspp AS s"
        " ON s.school_year = c.school_year AND s.cds_code = c.cds_code"
        " AND s.student_group_code = g.student_group_code AND s.grade = c.grade"
        " AND s.test = c.test WHERE c.claim_area = 2"
        " AND (s.area2_pct_near IS DISTINCT FROM c.pct_near"
        " OR s.area2_pct_near_suppressed IS DISTINCT FROM c.pct_near_suppressed)"
    )
    assert mismatched["n"].iloc[0] == 0
    suppressed = wh.read_frame(
        f"SELECT count(*) AS n, count(pct_above) AS valued FROM {FACT}"  # noqa: S608
        " WHERE pct_above_suppressed"
    )
    assert suppressed["n"].iloc[0] > 0 and suppressed["valued"].iloc[0] == 0


def _dimensions(wh: WarehouseResource, cds_codes: list[str]) -> None:
    wh.replace_table(
        "warehouse.dim_school",
        pd.DataFrame({"school_key": range(1, len(cds_codes) + 1), "cds_code": cds_codes}),
    )
    groups = canonical_groups()["student_group_code"].tolist()
    wh.replace_table(
        "warehouse.dim_student_group",
        pd.DataFrame(
            {"student_group_key": range(1, len(groups) + 1), "student_group_code": groups}
        ),
    )


def test_real_rows_load_into_the_claim_area_fact(warehouse: WarehouseResource) -> None:
    ctx = ParseContext("caaspp", "2021-22", str(REAL_2022), "e" * 64, "lausd")
    staged = caaspp.parse(REAL_2022.read_bytes(), ctx)
    _dimensions(warehouse, sorted(set(staged["cds_code"])))
    warehouse.replace_partition("staging.stg_caaspp", staged, where={"school_year": 2022})
    where = {"school_year": 2022}
    first = load_fact(warehouse, FACT, "fct_assessment_claim_area.sql", where)
    again = load_fact(warehouse, FACT, "fct_assessment_claim_area.sql", where)  # idempotent
    assert first == again == warehouse.row_count(FACT) > 0
    # 19-64733-6019483 grade 3 ELA (line 50 of the excerpt): areas 1-4 as published.
    rows = warehouse.read_frame(
        f"SELECT claim_area, pct_above, pct_near, pct_below FROM {FACT}"  # noqa: S608
        " WHERE cds_code = '19647336019483' AND grade = '03' AND test = 'ela'"
        " ORDER BY claim_area"
    )
    line = REAL_2022.read_text().splitlines()
    raw = next(x for x in line if x.startswith("19^64733^6019483^^2022^1^B^") and "^3^1^" in x)
    cells = raw.split("^")[20:32]
    expected = [[a + 1, *(float(c) for c in cells[3 * a : 3 * a + 3])] for a in range(4)]
    assert rows.values.tolist() == expected
    math4 = warehouse.read_frame(
        f"SELECT count(*) AS n FROM {FACT} WHERE test = 'math' AND claim_area = 4"  # noqa: S608
    )
    assert math4["n"].iloc[0] == 0
    starred = warehouse.read_frame(
        f"SELECT pct_above, pct_above_suppressed FROM {FACT}"  # noqa: S608
        " WHERE cds_code = '19647330101329' AND claim_area = 1"
    )
    assert starred["pct_above_suppressed"].all() and starred["pct_above"].isna().all()


@pytest.mark.usefixtures("warehouse_url")
def test_a_warehouse_staged_before_claim_areas_is_upgraded(warehouse_url: str) -> None:
    ddl = read_ddl(SQL_DIR / "staging" / "stg_caaspp.yml")
    old_ddl = ddl[: ddl.index("-- Claim areas")]  # the table as warehouses created it before
    engine = sa.create_engine(warehouse_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE SCHEMA IF NOT EXISTS staging")
        for statement in split_sql(old_ddl):
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql(
            "INSERT INTO staging.stg_caaspp (cds_code, school_year, student_group_code, grade,"
            " test, students_tested) VALUES ('19647330100289', 2019, 'all', '03', 'ela', 70)"
        )
    engine.dispose()
    wh = WarehouseResource(url=warehouse_url)
    wh.apply_ddl()
    columns = [c.name for c in wh.table_schema("staging.stg_caaspp").columns]
    assert columns == list(caaspp.COLUMNS)
    kept = wh.read_frame("SELECT students_tested, area1_pct_above FROM staging.stg_caaspp")
    assert kept["students_tested"].tolist() == [70] and kept["area1_pct_above"].isna().all()
    assert (
        wh.row_count(FACT) == 0
        and load_fact(wh, FACT, "fct_assessment_claim_area.sql", {"school_year": 2019}) == 0
    )  # an old row without claim areas adds nothing
