"""CDE Census Day enrollment by grade and student group (`cdenrollYYZZ.txt`), 2023-24 onward.

Tab-delimited, header names with spaces (`Academic Year`, `Aggregate Level`, ...,
`Charter (All/Y/N)`, `Reporting Category`), one row per entity (T/C/D/S) x charter roll-up
(All/Y/N) x reporting category, with TOTAL_ENR and one column per grade (GR_TK, GR_KN,
GR_01 .. GR_12). Census Day is the first Wednesday in October. No cdenroll file exists before
2023-24: earlier years come from the historical enrollment bundles (historical_enrollment).

Each entity is counted once: its Charter=All roll-up where it has one, else its single row (the
layout page, fsenrcensus.asp: "Charter = All is not applicable for Aggregate Level = S"; the
sample mirror writes All rows for schools too, which are kept). No real bytes seen yet.
Reporting categories use their own codes (RE_*, GN_*, SG_*, ELAS_*, TA); the age bands AR_* are
deliberately not kept. SG_EL and ELAS_EL both mean English learners; the staging keeps SG_EL
and falls back to ELAS_EL only for a school that has no SG_EL row, so `el` appears once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import level_rows, measure_columns, provenance, strip_text
from ..errors import SourceError
from ..layouts import Layout
from ..reading import read_delimited
from ..rollup import check_academic_year, one_row_per_entity
from ..spec import ParseContext, SourceSpec, enrollment_load, measure_pairs, staging_columns
from ..student_groups import map_student_groups
from ..urls import yearly_urls

_BASE = "https://www3.cde.ca.gov/demo-downloads/census/"
URLS: dict[str, str] = yearly_urls(
    _BASE, "cdenroll{fall_yy}{yy}.txt", range(2024, 2027), {"2023-24": "cdenroll2324-v2.txt"}
)

# File column -> staging grade label.
GRADES: dict[str, str] = {
    "TOTAL_ENR": "all",
    "GR_TK": "TK",
    "GR_KN": "KN",
    **{f"GR_{g:02d}": f"{g:02d}" for g in range(1, 13)},
}
_ID = (
    "Academic Year", "Aggregate Level", "County Code", "District Code", "School Code",
    "County Name", "District Name", "School Name", "Charter (All/Y/N)", "Reporting Category",
)  # fmt: skip
LAYOUTS: tuple[Layout, ...] = (Layout("cdenroll_2324", (*_ID, *GRADES)),)
_CODES = ("County Code", "District Code", "School Code")

# Preferred source code first when two codes map to one canonical group.
_PREFERENCE = {"SG_EL": 0, "ELAS_EL": 1}

COLUMNS: tuple[str, ...] = staging_columns(
    "student_group_code", "source_group_code", "grade", *measure_pairs("enrollment")
)


def _read(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    raw, _layout = read_delimited(data, ctx.file_label, LAYOUTS)
    check_academic_year(raw, "Academic Year", ctx)
    return raw


def _parse_level(raw: pd.DataFrame, ctx: ParseContext, level: str) -> pd.DataFrame:
    # Each entity once: the Charter=All roll-up where it has one; CDE's layout page says
    # All "is not applicable" at school level, where a school's one row carries its own Y/N.
    rows = level_rows(raw, ctx, level, "Aggregate Level", _CODES)
    rows["category_key"] = strip_text(rows["Reporting Category"])
    rows = one_row_per_entity(rows, ["cds_code", "category_key"], ["Charter (All/Y/N)"], ctx)
    cds = rows["cds_code"]
    category = strip_text(rows["Reporting Category"])
    age_bands = frozenset(category[category.str.startswith("AR_").fillna(False)])
    groups = map_student_groups(
        category, "census_day", ctx.file_label, "Reporting Category", ignore=age_bands
    )
    rows, cds, groups = rows[groups.notna()], cds[groups.notna()], groups[groups.notna()]
    measures = measure_columns(rows, GRADES, ctx.file_label, integer=GRADES.values())
    wide = pd.DataFrame(
        {
            "cds_code": cds.astype("string"),
            "student_group_code": groups,
            "source_group_code": strip_text(rows["Reporting Category"]),
            "source_line": rows["source_line"],
        }
    )
    # Repeats are resolved per source row, before the melt: 15x fewer rows to sort (statewide
    # the long frame holds ~4M rows).
    kept = _one_row_per_group(wide, ctx)
    measures = measures.loc[kept.index]
    grades = sorted(GRADES.values())  # long rows ordered by file line, then grade
    long = kept.iloc[np.repeat(np.arange(len(kept)), len(grades))].reset_index(drop=True)
    long["grade"] = pd.Series(np.tile(np.array(grades, dtype=object), len(kept)), dtype="str")
    values = np.column_stack([measures[g].to_numpy("int64", na_value=0) for g in grades])
    nulls = np.column_stack([measures[g].isna().to_numpy() for g in grades])
    long["enrollment"] = pd.arrays.IntegerArray(values.ravel(), nulls.ravel())
    flags = np.column_stack([measures[f"{g}_suppressed"].to_numpy(bool) for g in grades])
    long["enrollment_suppressed"] = flags.ravel()
    long["school_year"] = spring_year(ctx.school_year)
    long["source_file_sha256"] = provenance(ctx, len(long))
    return long[list(COLUMNS)]


def _one_row_per_group(wide: pd.DataFrame, ctx: ParseContext) -> pd.DataFrame:
    """Keep the preferred source code where two map to one group; any other repeat is an error."""
    keys = ["cds_code", "student_group_code"]
    rank = wide["source_group_code"].map(_PREFERENCE).fillna(0)
    ordered = wide.assign(_rank=rank).sort_values([*keys, "_rank"], kind="stable")
    repeated = ordered.duplicated([*keys, "_rank"])
    if repeated.any():
        first = ordered[repeated].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: line {first['source_line']}: school {first['cds_code']} "
            f"category {first['source_group_code']} appears twice"
        )
    kept = ordered.drop_duplicates(keys, keep="first").drop(columns="_rank")
    return kept.sort_values("source_line", kind="stable")


SOURCE = SourceSpec(
    name="census_day", title="CDE Census Day enrollment by grade and student group",
    urls=URLS, layouts=LAYOUTS, read=_read, parse_level=_parse_level, description=__doc__ or "",
    facts=(enrollment_load("census_day", "fct_enrollment__census_day.sql"),),
)  # fmt: skip
