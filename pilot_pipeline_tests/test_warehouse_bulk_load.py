"""Bulk loads keep every value exact on both backends (PostgreSQL: COPY in CSV form from Arrow)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pilot_pipeline.resources.warehouse import WarehouseResource

TRICKY = "staging.test_bulk_values"


def test_text_floats_and_nulls_survive_the_bulk_copy(warehouse: WarehouseResource) -> None:
    warehouse.execute(
        f"""CREATE TABLE {TRICKY} (
            school_year INTEGER NOT NULL, k INTEGER, note TEXT, rate DOUBLE PRECISION, flag BOOLEAN,
            as_of DATE, seen_at TIMESTAMP)"""
    )
    notes = ["", None, 'say "hi", then\nleave', "\\N", "NULL", "é ü 中", "a\tb\r\nc", ","]
    rates = [0.1, 1 / 3, None, 1e-300, 123456789.12345679, -0.0, 2.5, 7.0]
    frame = pd.DataFrame(
        {
            "k": range(len(notes)),
            "note": pd.array(notes, dtype="string"),
            "rate": pd.array(rates, dtype="Float64"),
            "flag": pd.array([True, False, None, True, False, None, True, False], "boolean"),
            "as_of": [dt.date(2024, 2, 29), None] * 4,
            "seen_at": [dt.datetime(2024, 1, 2, 3, 4, 5, 678901), None] * 4,
        }
    )
    # Three batches: the batch boundaries fall inside the CSV stream.
    warehouse.replace_partition(TRICKY, frame, where={"school_year": 2024}, batch_size=3)
    back = warehouse.read_frame(f"SELECT * FROM {TRICKY} ORDER BY k")  # noqa: S608
    assert back["note"].iloc[0] == "" and pd.isna(back["note"].iloc[1])  # '' is not NULL
    assert back["note"].iloc[2:].tolist() == notes[2:]
    got = [None if pd.isna(v) else float(v) for v in back["rate"]]
    assert got == rates  # shortest round-trip text: bit-exact doubles
    assert [None if pd.isna(v) else bool(v) for v in back["flag"]] == [
        True, False, None, True, False, None, True, False,
    ]  # fmt: skip
    assert back["as_of"].iloc[0] == dt.date(2024, 2, 29) and pd.isna(back["as_of"].iloc[1])
    assert back["seen_at"].iloc[0] == dt.datetime(2024, 1, 2, 3, 4, 5, 678901)
    assert warehouse.row_count(TRICKY, {"school_year": 2024}) == len(notes)
