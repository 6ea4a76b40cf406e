"""LAUSD early literacy (DIBELS, grades K-2) by school: an Office of Data and Accountability export.

No public file exists (docs/data_sources.md §8): LAUSD's portal shows a dashboard, so a district
data team drops an export (`early_literacy_<YYYY-YY>.csv`) in the inbox or serves it at a configured
URL. Contract: `docs/lausd_input_contracts.md`. Comma-delimited, one row per location code x
grade (K, 1, 2) with students assessed and students at or above the end-of-year benchmark; an
optional published percent is ignored and recomputed from the counts.

Schools are LAUSD location codes, resolved to CDS codes by the reviewed crosswalk; a
dual-language program's rows are summed into its school (`location_codes` lists what was
summed). Staging grain: school x school year x grade.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year
from pilot_pipeline.sources.lausd_crosswalk import roll_up

from ..base import measure_columns, provenance
from ..lausd_parsing import HEAD, check_unique, lausd_drop, map_codes, read_lausd
from ..layouts import Layout
from ..spec import Fact, FactLoad, ParseContext

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "lausd_early_literacy_v1",
        (*HEAD, "Grade", "Students Assessed", "At or Above Benchmark"),
        optional=("Percent At or Above Benchmark",),
    ),
)
GRADES = {"K": "KN", "KN": "KN", "1": "01", "01": "01", "2": "02", "02": "02"}
COLUMNS = (
    "cds_code",
    "school_year",
    "grade",
    "students_assessed",
    "students_assessed_suppressed",
    "at_or_above_benchmark",
    "at_or_above_benchmark_suppressed",
    "location_codes",
    "source_rows",
    "source_line",
    "source_file_sha256",
)
MEASURES = {
    "Students Assessed": "students_assessed",
    "At or Above Benchmark": "at_or_above_benchmark",
}


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Export bytes -> one row per school (programs summed) x grade."""
    raw = read_lausd(data, ctx, LAYOUTS)
    frame = raw[["source_line", "location_code", "cds_code"]].copy()
    frame["grade"] = map_codes(raw, "Grade", GRADES, ctx)
    frame = frame.join(measure_columns(raw, MEASURES, ctx.file_label, integer=MEASURES.values()))
    check_unique(frame, ["grade"], ctx)
    out = roll_up(frame, ["cds_code", "grade"], sums=list(MEASURES.values()))
    out["school_year"] = spring_year(ctx.school_year)
    out["source_file_sha256"] = provenance(ctx, len(out))
    return out[list(COLUMNS)].sort_values(["cds_code", "grade"]).reset_index(drop=True)


def value_problems(frame: pd.DataFrame) -> list[str]:
    """Rules a parsed file must meet beyond its types (the staging asset's blocking check)."""
    problems = []
    over = frame["at_or_above_benchmark"] > frame["students_assessed"]
    if over.fillna(False).any():
        row = frame[over.fillna(False)].iloc[0]
        problems.append(
            f"column 'At or Above Benchmark', line {row['source_line']}: "
            f"{row['at_or_above_benchmark']} students at benchmark of {row['students_assessed']} "
            f"assessed ({int(over.fillna(False).sum())} rows)"
        )
    for column, label in (("students_assessed", "Students Assessed"),
                          ("at_or_above_benchmark", "At or Above Benchmark")):  # fmt: skip
        negative = (frame[column] < 0).fillna(False)
        if negative.any():
            line = frame.loc[negative, "source_line"].iloc[0]
            problems.append(f"column '{label}', line {line}: negative count")
    return problems


GRAIN = "school x school year x grade (LAUSD DIBELS K-2 export)"  # of the fact it feeds
SOURCE = lausd_drop(
    "lausd_early_literacy", "LAUSD early literacy (DIBELS K-2) export", "early_literacy",
    LAYOUTS, parse, FactLoad(Fact("fct_early_literacy", GRAIN), "fct_early_literacy.sql"),
    value_problems, __doc__ or "",
)  # fmt: skip
