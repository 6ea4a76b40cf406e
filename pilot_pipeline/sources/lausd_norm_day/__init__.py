"""LAUSD Norm Day enrollment by school and student group: an ODA export.

Norm Day is LAUSD's own early-fall count used for staffing, not CDE's Census Day
(docs/data_sources.md §3d); the report's demographics (SED, LTEL, newcomers) use it. No public file
exists, so the export (`norm_day_<YYYY-YY>.csv`) is dropped in the inbox or served at a
configured URL. Contract: `docs/lausd_input_contracts.md`. One row per location code x student
group (code system `lausd_norm_day` in `student_group_source_codes.csv`, including LTEL and
NEWCOMER) with the group's count and the location's total.

A program row counts only the program's students (its parent row excludes them), so program
rows are summed into their school, totals included. Staging grain: school x school year x
student group; it loads into `warehouse.fct_enrollment` as enrollment_source `lausd_norm_day`.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year
from pilot_pipeline.sources.lausd_crosswalk import roll_up

from ..base import measure_columns, provenance
from ..errors import SourceError
from ..lausd_parsing import HEAD, check_unique, lausd_drop, read_lausd
from ..layouts import Layout
from ..spec import ParseContext, enrollment_load
from ..student_groups import map_student_groups

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "lausd_norm_day_v1",
        (*HEAD, "Student Group", "Norm Day Enrollment", "Total Norm Day Enrollment"),
    ),
)
COLUMNS = (
    "cds_code",
    "school_year",
    "student_group_code",
    "source_group_code",
    "enrollment",
    "enrollment_suppressed",
    "total_enrollment",
    "total_enrollment_suppressed",
    "location_codes",
    "source_rows",
    "source_line",
    "source_file_sha256",
)
MEASURES = {"Norm Day Enrollment": "enrollment", "Total Norm Day Enrollment": "total_enrollment"}


def _check_one_total(frame: pd.DataFrame, ctx: ParseContext) -> None:
    """Every group row of a school repeats the school's total; two totals is a broken export
    (a file-level defect, so it fails `file_parses` rather than quarantining rows)."""
    totals = frame.groupby("cds_code")["total_enrollment"].nunique()
    if (totals > 1).any():
        cds = totals[totals > 1].index[0]
        line = frame.loc[frame["cds_code"].eq(cds), "source_line"].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: column 'Total Norm Day Enrollment', line {line}: school {cds} "
            "has different totals on its group rows"
        )


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Export bytes -> one row per school (programs summed) x student group."""
    raw = read_lausd(data, ctx, LAYOUTS)
    frame = raw[["source_line", "location_code", "cds_code"]].copy()
    frame["source_group_code"] = raw["Student Group"].astype("string").str.strip()
    frame["student_group_code"] = map_student_groups(
        raw["Student Group"], "lausd_norm_day", ctx.file_label, "Student Group"
    )
    frame = frame.join(measure_columns(raw, MEASURES, ctx.file_label, integer=MEASURES.values()))
    check_unique(frame, ["student_group_code"], ctx)
    out = roll_up(
        frame,
        ["cds_code", "student_group_code"],
        sums=list(MEASURES.values()),
        first=["source_group_code"],
    )
    _check_one_total(out, ctx)
    out["school_year"] = spring_year(ctx.school_year)
    out["source_file_sha256"] = provenance(ctx, len(out))
    keys = ["cds_code", "student_group_code"]
    return out[list(COLUMNS)].sort_values(keys).reset_index(drop=True)


def value_problems(frame: pd.DataFrame) -> list[str]:
    """A group within its school's total; one total per school. The staging asset enforces
    these through the GX suite (`counts_within_totals`) and the parser; kept for reviews."""
    problems = []
    over = (frame["enrollment"] > frame["total_enrollment"]).fillna(False)
    if over.any():
        row = frame[over].iloc[0]
        problems.append(
            f"column 'Norm Day Enrollment', line {row['source_line']}: group "
            f"{row['source_group_code']} has {row['enrollment']} students of a total of "
            f"{row['total_enrollment']} ({int(over.sum())} rows)"
        )
    totals = frame.groupby("cds_code")["total_enrollment"].nunique()
    if (totals > 1).any():
        cds = totals[totals > 1].index[0]
        line = frame.loc[frame["cds_code"].eq(cds), "source_line"].iloc[0]
        problems.append(
            f"column 'Total Norm Day Enrollment', line {line}: school {cds} has different "
            "totals on its group rows"
        )
    negative = (frame["enrollment"] < 0).fillna(False)
    if negative.any():
        line = frame.loc[negative, "source_line"].iloc[0]
        problems.append(f"column 'Norm Day Enrollment', line {line}: negative count")
    return problems


SOURCE = lausd_drop(
    "lausd_norm_day", "LAUSD Norm Day enrollment export", "norm_day",
    LAYOUTS, parse, enrollment_load("lausd_norm_day", "fct_enrollment__lausd_norm_day.sql"),
    value_problems, __doc__ or "",
)  # fmt: skip
