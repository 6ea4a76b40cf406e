"""Star-schema conventions on the pipeline-built warehouse: unknown members, keys that resolve,
suppressed cells NULL with a flag (never 0), provenance on every fact row."""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.assets.facts import load_fact
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_tests.warehouse.conftest import Built

FACT_KEYS = {"school_key": "dim_school", "student_group_key": "dim_student_group"}


def fact_tables(wh: WarehouseResource) -> list[str]:
    return [t for t in wh.list_tables(["warehouse"]) if t.split(".")[1].startswith("fct_")]


def test_dimensions_have_the_unknown_member(built: Built) -> None:
    wh = built.warehouse
    for table, key in [
        ("dim_school", "school_key"),
        ("dim_student_group", "student_group_key"),
        ("dim_school_year", "school_year_key"),
    ]:
        assert wh.row_count(f"warehouse.{table}", {key: -1}) == 1, table
    assert wh.row_count("warehouse.dim_school") > 1000


def test_fact_keys_resolve_and_rows_carry_their_source_file(built: Built) -> None:
    wh = built.warehouse
    facts = fact_tables(wh)
    assert len(facts) >= 7
    for fact in facts:
        columns = [c.name for c in wh.table_schema(fact).columns]
        assert "source_file_sha256" in columns, fact
        assert wh.row_count(fact) > 0, fact
        orphans = wh.read_frame(
            f"SELECT count(*) AS n FROM {fact} WHERE source_file_sha256 IS NULL"
            " OR length(source_file_sha256) <> 64"
        )
        assert orphans["n"].iloc[0] == 0, fact
        for key, dim in FACT_KEYS.items():
            if key not in columns:
                continue
            dangling = wh.read_frame(
                f"SELECT count(*) AS n FROM {fact} AS f LEFT JOIN warehouse.{dim} AS d"
                f" ON f.{key} = d.{key} WHERE d.{key} IS NULL"
            )
            assert dangling["n"].iloc[0] == 0, f"{fact}.{key} has keys not in {dim}"


def test_suppressed_measures_are_null_with_a_flag(built: Built) -> None:
    wh = built.warehouse
    flagged_total = 0
    for fact in fact_tables(wh):
        columns = {c.name for c in wh.table_schema(fact).columns}
        for flag in sorted(c for c in columns if c.endswith("_suppressed")):
            measure = flag.removesuffix("_suppressed")
            if measure not in columns:
                continue
            counts = wh.read_frame(
                f"SELECT sum(CASE WHEN {flag} THEN 1 ELSE 0 END) AS flagged,"
                f" sum(CASE WHEN {flag} AND {measure} IS NOT NULL THEN 1 ELSE 0 END) AS valued"
                f" FROM {fact}"
            ).fillna(0)
            assert counts["valued"].iloc[0] == 0, f"{fact}.{measure} has a value where suppressed"
            flagged_total += int(counts["flagged"].iloc[0])
    assert flagged_total > 1000, "the sample mirror holds many suppressed cells"
    graduation = wh.read_frame(
        "SELECT cohort_students FROM warehouse.fct_graduation WHERE cohort_students_suppressed"
    )
    assert len(graduation) > 0 and graduation["cohort_students"].isna().all()


def test_unknown_school_gets_key_minus_one(warehouse: WarehouseResource) -> None:
    """Through the real load SQL: a CDS code missing from the directory maps to -1."""
    warehouse.replace_table(
        "warehouse.dim_school",
        pd.DataFrame({"school_key": [-1, 7], "cds_code": [None, "19647330000007"]}),
    )
    warehouse.replace_table(
        "warehouse.dim_student_group",
        pd.DataFrame({"student_group_key": [-1, 1], "student_group_code": ["unknown", "all"]}),
    )
    staged = pd.DataFrame(
        {
            "cds_code": ["19647330000007", "19647339999999"],
            "student_group_code": ["all", "all"],
            "cohort_students": pd.array([40, None], dtype="Int64"),
            "cohort_students_suppressed": [False, True],
            "source_file_sha256": ["ab" * 32] * 2,
        }
    )
    warehouse.replace_partition("staging.stg_acgr", staged, where={"school_year": 2022})
    inserted = load_fact(
        warehouse, "warehouse.fct_graduation", None, {"school_year": 2022}, source="acgr"
    )
    assert inserted == 2
    rows = warehouse.read_frame(
        "SELECT cds_code, school_key, student_group_key, cohort_students,"
        " cohort_students_suppressed FROM warehouse.fct_graduation ORDER BY cds_code"
    )
    assert rows["school_key"].tolist() == [7, -1]
    assert rows["student_group_key"].tolist() == [1, 1]
    assert rows["cohort_students"].iloc[0] == 40 and pd.isna(rows["cohort_students"].iloc[1])
    assert rows["cohort_students_suppressed"].tolist() == [False, True]
