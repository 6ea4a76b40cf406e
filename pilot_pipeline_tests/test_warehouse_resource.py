"""WarehouseResource on both backends: atomic, idempotent bulk loads and a safe catalog API."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import psycopg
import pytest
from sqlalchemy.engine import make_url

from pilot_pipeline.resources.warehouse import WarehouseError, WarehouseResource
from pilot_pipeline.resources.warehouse_load import batch_hook
from pilot_pipeline.resources.warehouse_sql import split_sql

PILOT = "warehouse.fct_school_pilot_status"
MEASURES = "staging.test_measures"


def pilot_frame(year: int, n: int = 5, district: str = "East") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_year": year,
            "school_year_label": f"{year - 1}-{year % 100:02d}",
            "cds_code": [f"196473300{i:05d}" for i in range(n)],
            "school_key": range(1, n + 1),
            "is_pilot": [i % 2 == 0 for i in range(n)],
            "local_district": district,
            "source_file_sha256": "ab" * 32,
        }
    )


def partition(wh: WarehouseResource, year: int) -> pd.DataFrame:
    frame = wh.read_frame(
        f"SELECT cds_code, is_pilot, local_district FROM {PILOT} WHERE school_year = :y",
        {"y": year},
    )
    return frame.sort_values("cds_code").reset_index(drop=True)


@pytest.fixture
def measures(warehouse: WarehouseResource) -> WarehouseResource:
    """A test-only table with every nullable measure type the fact tables use."""
    warehouse.execute(
        f"""CREATE TABLE {MEASURES} (
            school_year INTEGER NOT NULL, cds_code TEXT NOT NULL, students INTEGER,
            big BIGINT, rate DOUBLE PRECISION, rate_suppressed BOOLEAN, as_of DATE,
            note TEXT, seen_at TIMESTAMP, loaded_at TIMESTAMP)"""
    )
    return warehouse


def test_apply_ddl_is_idempotent(warehouse: WarehouseResource) -> None:
    files = warehouse.apply_ddl(include_roles=True)
    assert "facts/fct_school_pilot_status.yml" in files
    assert ("roles/bi_reader.sql" in files) == (warehouse.dialect == "postgresql")
    tables = warehouse.list_tables(["warehouse"])
    assert {"warehouse.dim_school", "warehouse.dim_school_year", PILOT} <= set(tables)


def test_unchanged_ddl_is_skipped_until_an_object_is_missing(warehouse: WarehouseResource) -> None:
    table = "quarantine.rejected_rows"
    warehouse.apply_ddl()
    original = warehouse.table_description(table)
    warehouse.execute(f"COMMENT ON TABLE {table} IS 'edited by hand'")
    warehouse.apply_ddl()  # same sql/ tree, every object present: the pass is skipped
    assert warehouse.table_description(table) == "edited by hand"
    warehouse.execute(f"DROP TABLE {table}")
    warehouse.apply_ddl()  # a missing table makes the pass run again
    assert warehouse.table_description(table) == original
    recorded = warehouse.read_frame("SELECT ddl_digest FROM meta.ddl_applied")
    assert len(recorded) == 1 and len(recorded["ddl_digest"].iloc[0]) == 64


def test_replace_partition_is_idempotent(warehouse: WarehouseResource) -> None:
    first = warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    checksum = warehouse.checksum(PILOT)
    second = warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    assert (first.rows_deleted, first.rows_inserted) == (0, 5)
    assert (second.rows_deleted, second.rows_inserted) == (5, 5)
    assert warehouse.checksum(PILOT) == checksum
    assert warehouse.row_count(PILOT) == 5


def test_replace_partition_touches_only_its_partition(warehouse: WarehouseResource) -> None:
    warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    warehouse.replace_partition(PILOT, pilot_frame(2023), where={"school_year": 2023})
    before_2023 = partition(warehouse, 2023)

    warehouse.replace_partition(
        PILOT, pilot_frame(2022, n=3, district="West"), where={"school_year": 2022}
    )
    pd.testing.assert_frame_equal(partition(warehouse, 2023), before_2023)
    assert partition(warehouse, 2022)["local_district"].tolist() == ["West"] * 3
    assert warehouse.row_count(PILOT, {"school_year": 2022}) == 3


def test_partition_column_is_filled_and_checked(warehouse: WarehouseResource) -> None:
    frame = pilot_frame(2022).drop(columns="school_year")
    warehouse.replace_partition(PILOT, frame, where={"school_year": np.int64(2022)})
    assert warehouse.row_count(PILOT, {"school_year": 2022}) == 5
    with pytest.raises(WarehouseError, match="outside the partition"):
        warehouse.replace_partition(PILOT, pilot_frame(2023), where={"school_year": 2022})


def test_failure_between_batches_keeps_previous_rows(warehouse: WarehouseResource) -> None:
    warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    checksum = warehouse.checksum(PILOT)
    batches: list[int] = []

    def explode(table: str, batch: int, rows: int) -> None:
        batches.append(batch)
        if batch == 2:
            raise RuntimeError(f"injected after {rows} rows of {table}")

    new = pilot_frame(2022, n=5, district="West")
    with pytest.raises(RuntimeError, match="injected after 4 rows"):
        warehouse.replace_partition(
            PILOT, new, where={"school_year": 2022}, batch_size=2, on_batch=explode
        )
    assert batches == [1, 2]
    assert warehouse.checksum(PILOT) == checksum

    # The process-wide hook (for fault injection through assets) behaves the same way.
    with batch_hook(explode), pytest.raises(RuntimeError):
        warehouse.replace_table(PILOT, new, batch_size=2)
    assert warehouse.checksum(PILOT) == checksum

    warehouse.replace_partition(PILOT, new, where={"school_year": 2022}, batch_size=2)
    assert partition(warehouse, 2022)["local_district"].tolist() == ["West"] * 5


def test_a_load_that_breaks_the_grain_is_rolled_back(warehouse: WarehouseResource) -> None:
    """Facts carry no primary-key index; each load checks the key its DDL declares."""
    warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    checksum = warehouse.checksum(PILOT)
    twice = pd.concat([pilot_frame(2022, n=3), pilot_frame(2022, n=1, district="West")])
    with pytest.raises(WarehouseError, match=r"fct_school_pilot_status: 2 rows share the key"):
        warehouse.replace_partition(PILOT, twice, where={"school_year": 2022})
    query = (
        "SELECT 2022 AS school_year, '2021-22' AS school_year_label, "
        "'19647330000000' AS cds_code, 1 AS school_key, true AS is_pilot"
    )
    doubled = f"{query} UNION ALL {query}"
    with pytest.raises(WarehouseError, match=r"cds_code': '19647330000000'.*rolled back"):
        warehouse.replace_partition_from_query(PILOT, doubled, where={"school_year": 2022})
    assert warehouse.checksum(PILOT) == checksum


def test_missing_values_load_as_null_never_zero(measures: WarehouseResource) -> None:
    frame = pd.DataFrame(
        {
            "school_year": pd.array([2022] * 5, dtype="Int64"),
            "cds_code": pd.array(["19647330000001", "19647330000002", "3", "4", "5"], "string"),
            "students": pd.array([10, None, pd.NA, 0, 7], dtype="Int64"),
            "big": [1.0, np.nan, 3.0, None, 2**40],
            "rate": pd.array([0.5, pd.NA, 0.0, None, 1.25], dtype="Float64"),
            "rate_suppressed": pd.array([False, True, None, pd.NA, False], dtype="boolean"),
            "as_of": [dt.date(2021, 10, 6), None, pd.NaT, np.nan, dt.date(2022, 6, 30)],
            "note": ["a", None, pd.NA, np.nan, "e"],
            "seen_at": pd.to_datetime(["2022-01-01 10:00", None, None, None, None], utc=True),
        }
    )
    measures.replace_partition(MEASURES, frame, where={"school_year": 2022})
    back = measures.read_frame(f"SELECT * FROM {MEASURES} ORDER BY cds_code")
    assert back["students"].isna().tolist() == [False, True, True, False, False]
    assert back["rate"].isna().tolist() == [False, True, False, True, False]
    assert back["big"].isna().tolist() == [False, True, False, True, False]
    assert back["rate_suppressed"].isna().tolist() == [False, False, True, True, False]
    assert back["as_of"].tolist()[0] == dt.date(2021, 10, 6)
    assert back["as_of"].isna().tolist() == [False, True, True, True, False]
    assert back["note"].isna().tolist() == [False, True, True, True, False]
    assert back["seen_at"].iloc[0] == dt.datetime(2022, 1, 1, 10, 0)  # UTC, naive
    assert back["loaded_at"].notna().all()
    # A suppressed measure is NULL, never 0: only the real zeros are zero.
    assert measures.row_count(MEASURES, {"students": 0}) == 1
    assert measures.row_count(MEASURES, {"rate": 0.0}) == 1
    nulls = f"SELECT count(*) AS n FROM {MEASURES} WHERE students IS NULL AND rate IS NULL"
    assert measures.read_frame(nulls)["n"].iloc[0] == 1


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("cds_code", [19647330000001] * 5, "cds_code is text"),
        ("students", ["12"] * 5, "students is int"),
        ("students", [1.5] * 5, "students cannot be loaded as int"),
        ("as_of", ["2022-01-01"] * 5, "as_of is date"),
    ],
)
def test_wrong_types_fail_clearly(
    measures: WarehouseResource, column: str, values: list, message: str
) -> None:
    frame = pd.DataFrame({"school_year": 2022, "cds_code": list("abcde"), column: values})
    with pytest.raises(WarehouseError, match=message):
        measures.replace_partition(MEASURES, frame, where={"school_year": 2022})


def test_unknown_column_names_table_and_column(warehouse: WarehouseResource) -> None:
    frame = pilot_frame(2022).assign(enrollment_total=1)
    with pytest.raises(WarehouseError, match=r"fct_school_pilot_status.*enrollment_total"):
        warehouse.replace_partition(PILOT, frame, where={"school_year": 2022})
    with pytest.raises(WarehouseError, match="no base table warehouse.fct_nothing"):
        warehouse.replace_table("warehouse.fct_nothing", frame)


def test_identifier_injection_is_rejected(warehouse: WarehouseResource) -> None:
    warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    evil = 'x"; DROP TABLE warehouse.dim_school; --'
    with pytest.raises(WarehouseError, match="not in the table"):
        warehouse.replace_partition(
            PILOT, pilot_frame(2022).assign(**{evil: 1}), where={"school_year": 2022}
        )
    with pytest.raises(WarehouseError):
        warehouse.replace_partition(PILOT, pilot_frame(2022), where={evil: 2022})
    with pytest.raises(WarehouseError):
        warehouse.row_count(f"{PILOT}; DROP TABLE warehouse.dim_school")
    assert warehouse.row_count("warehouse.dim_school") == 0
    assert warehouse.row_count(PILOT) == 5


def test_table_schema_and_description_come_from_comments(warehouse: WarehouseResource) -> None:
    schema = warehouse.table_schema(PILOT)
    columns = {c.name: c for c in schema.columns}
    assert columns["cds_code"].type == "TEXT"
    assert columns["is_pilot"].type == "BOOLEAN"
    assert "14-character" in (columns["cds_code"].description or "")
    assert all(c.description for c in schema.columns), "every column has a COMMENT"
    assert columns["school_year"].constraints.nullable is False
    assert "Grain: one row per school and school year" in (warehouse.table_description(PILOT) or "")
    for table in warehouse.list_tables(["warehouse"]):
        assert warehouse.table_description(table), f"{table} has no COMMENT"


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_duckdb_file_is_not_locked_after_a_call(warehouse: WarehouseResource) -> None:
    warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    path = make_url(warehouse.url).database
    code = f"import duckdb; duckdb.connect({path!r}).execute('CREATE TABLE lock_probe (x INT)')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_calls_in_a_session_share_one_connection_and_commit_one_by_one(
    warehouse: WarehouseResource,
) -> None:
    # A temporary table lives as long as its connection: seen by the next call only if the
    # connection is the same.
    with warehouse.session():
        warehouse.execute("CREATE TEMPORARY TABLE session_probe AS SELECT 1 AS x")
        assert warehouse.read_frame("SELECT x FROM session_probe")["x"].tolist() == [1]
        warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
        with pytest.raises(WarehouseError):
            warehouse.replace_partition(PILOT, pilot_frame(2023), where={"school_year": 2022})
        assert warehouse.row_count(PILOT) == 5  # the failed load rolled back alone
    with pytest.raises(Exception, match="session_probe"):
        warehouse.read_frame("SELECT x FROM session_probe")
    assert warehouse.row_count(PILOT) == 5


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_duckdb_file_is_released_when_a_session_ends(warehouse: WarehouseResource) -> None:
    path = make_url(warehouse.url).database
    code = f"import duckdb; duckdb.connect({path!r}).execute('CREATE TABLE lock_probe (x INT)')"
    with warehouse.session():
        warehouse.row_count(PILOT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_bi_reader_role_is_read_only(warehouse: WarehouseResource) -> None:
    warehouse.replace_partition(PILOT, pilot_frame(2022), where={"school_year": 2022})
    # Created after the grants: readable through the default privileges.
    warehouse.execute("CREATE VIEW bi.vw_probe AS SELECT 1 AS x")
    warehouse.execute("CREATE TABLE staging.probe (x INTEGER)")
    conninfo = make_url(warehouse.url).set(drivername="postgresql")

    def as_reader(statement: str) -> None:
        with psycopg.connect(conninfo.render_as_string(hide_password=False)) as conn:
            conn.execute("SET ROLE pilot_bi_reader")
            conn.execute(statement)

    as_reader(f"SELECT count(*) FROM {PILOT}")
    as_reader("SELECT x FROM bi.vw_probe")
    for denied in (
        f"INSERT INTO {PILOT} (school_year) VALUES (2030)",
        f"UPDATE {PILOT} SET is_pilot = false",
        f"DELETE FROM {PILOT}",
        "CREATE TABLE warehouse.evil (x INTEGER)",
        "CREATE VIEW bi.evil AS SELECT 1 AS x",
        "CREATE TABLE public.evil (x INTEGER)",
        "CREATE SCHEMA evil",
        "SELECT * FROM staging.probe",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_reader(denied)


def test_split_sql_respects_quotes_comments_and_bodies() -> None:
    text = "SELECT 'a;b' -- c;d\n; COMMENT ON TABLE t IS 'x''y;'; DO $$ BEGIN; END $$;\n-- end\n"
    assert split_sql(text) == [
        "SELECT 'a;b'",
        "COMMENT ON TABLE t IS 'x''y;'",
        "DO $$ BEGIN; END $$",
    ]
