"""Shared machinery of the benchmark file generators: roll-ups and a fast, exact text writer.

CDE files list every entity at four aggregate levels (T state, C county, D district, S school)
and repeat them under roll-up flags (charter All/Y/N, DASS All/Y/N). `with_rollups` turns
school rows into that shape with exact sums. `write_text` formats and writes millions of rows
through DuckDB's CSV writer (formatting in SQL, one pass, insertion order kept), then
re-encodes to the file's real encoding.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

ENTITY = ["county_code", "county_name", "district_code", "district_name"]
LEVELS = {"T": [], "C": ENTITY[:2], "D": ENTITY}
LEVEL_RANK = {"T": 0, "C": 1, "D": 2, "S": 3}


def with_rollups(
    rows: pd.DataFrame,
    dims: Sequence[str],
    counts: Sequence[str],
    *,
    dass: bool,
    school_dass_flag: str | pd.Series = "All",
    zero_codes: bool = False,
) -> pd.DataFrame:
    """School rows plus their T/C/D sums, each level under its roll-up flags.

    `rows` carries the school identity columns, `is_charter`, `is_dass`, the `dims` and the
    integer `counts`. Schools appear under All and again under their own charter flag (with
    `school_dass_flag`); aggregates under All, Y and N (and the DASS splits when `dass`).
    Codes absent at a level are blank, or zero-filled when `zero_codes` (CAASPP style).
    """
    variants: list[tuple[str, str, pd.Series | None]] = [
        ("All", "All", None),
        ("Y", "All", rows["is_charter"]),
        ("N", "All", ~rows["is_charter"]),
    ]
    if dass:
        variants += [("All", "Y", rows["is_dass"]), ("All", "N", ~rows["is_dass"])]
    parts = []
    for level, keys in LEVELS.items():
        for rank, (charter, dass_flag, mask) in enumerate(variants):
            part = rows if mask is None else rows[mask]
            if part.empty:
                continue
            sums = part.groupby([*keys, *dims], sort=False)[list(counts)].sum().reset_index()
            parts.append(sums.assign(level=level, variant=rank, charter_flag=charter,
                                     dass_flag=dass_flag))  # fmt: skip
    own = rows["is_charter"].map({True: "Y", False: "N"})
    if school_dass_flag == "own":  # the school's own DASS flag
        school_dass_flag = rows["is_dass"].map({True: "Y", False: "N"})
    school_cols = ["school_code", "school_name", *ENTITY, *dims, *counts]
    parts.append(rows[school_cols].assign(level="S", variant=0, charter_flag="All",
                                          dass_flag="All"))  # fmt: skip
    parts.append(rows[school_cols].assign(level="S", variant=1, charter_flag=own,
                                          dass_flag=school_dass_flag))  # fmt: skip
    out = pd.concat(parts, ignore_index=True)
    state = out["level"].eq("T")
    out.loc[state, "county_code"], out.loc[state, "county_name"] = "00", "State"
    blank = {"district_code": "00000", "school_code": "0000000"} if zero_codes else {}
    for column in ("district_code", "school_code", "district_name", "school_name"):
        out[column] = out[column].fillna(blank.get(column, ""))
    out["level_rank"] = out["level"].map(LEVEL_RANK)
    return out


def write_text(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    order_by: str,
    target: Path,
    *,
    sep: str,
    encoding: str,
    crlf: bool = True,
) -> int:
    """Write `frame` as delimited text: `columns` are (header, DuckDB SQL expression) pairs.

    Returns the number of data rows. Output is UTF-8 from DuckDB, re-encoded when the real
    file is latin-1, cp1252 or UTF-8 with a BOM.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".utf8")
    select = ", ".join(f'{expr} AS "{header}"' for header, expr in columns)
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        newline = "\r\n" if crlf else "\n"
        con.execute(
            f"COPY (SELECT {select} FROM frame ORDER BY {order_by}) TO '{tmp}' "  # noqa: S608
            f"(DELIMITER '{sep}', HEADER, QUOTE '', NEW_LINE '{newline}')"
        )
    finally:
        con.close()
    if encoding in ("utf-8", "ascii"):
        os.replace(tmp, target)
    else:
        target.write_bytes(tmp.read_text(encoding="utf-8").encode(encoding))
        tmp.unlink()
    return len(frame)


def flag_sql(column: str, pad: str) -> str:
    """A roll-up flag cell: 'All' as is, Y/N with the trailing spaces the real files carry."""
    return f"CASE WHEN {column} = 'All' THEN 'All' ELSE {column} || '{pad}' END"


def pct_sql(num: str, den: str, digits: int, suppressed: str, empty: str = "''") -> str:
    """A published percentage cell: `*` when suppressed, `empty` when the base is 0."""
    value = f"printf('%.{digits}f', 100.0 * {num} / {den})"
    return f"CASE WHEN {suppressed} THEN '*' WHEN {den} = 0 THEN {empty} ELSE {value} END"


def count_sql(column: str, suppressed: str) -> str:
    return f"CASE WHEN {suppressed} THEN '*' ELSE CAST({column} AS VARCHAR) END"
