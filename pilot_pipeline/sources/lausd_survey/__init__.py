"""LAUSD School Experience Survey (SES) results by school and item: an ODA export.

The SES asks students (grades 3-12), parents, staff and teachers; results are published per
school and item as the percent answering Agree or Strongly Agree (docs/data_sources.md §8). No file
endpoint exists, so the export (`ses_<YYYY-YY>.csv`) is dropped in the inbox or served at a
configured URL. Contract: `docs/lausd_input_contracts.md`. One row per location code x
respondent group x item, with the item's text, the number of responses and the percent.

A dual-language program's rows are rolled up into its school: responses summed, the percent
averaged weighted by responses. A percent that is suppressed (`*`, too few responses) stays
NULL with a flag, and so does any roll-up that includes one. Staging grain: school x school
year x respondent group x item.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year
from pilot_pipeline.sources.lausd_crosswalk import roll_up

from ..base import measure_columns, provenance
from ..errors import SourceError
from ..lausd_parsing import HEAD, check_unique, lausd_drop, map_codes, read_lausd
from ..layouts import Layout
from ..spec import Fact, FactLoad, ParseContext

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "lausd_ses_v1",
        (*HEAD, "Respondent Group", "Item ID", "Item Text", "Responses",
         "Percent Agree or Strongly Agree"),
    ),
)  # fmt: skip
RESPONDENT_GROUPS = {
    "Student": "student",
    "Students": "student",
    "Parent": "parent",
    "Parents": "parent",
    "Staff": "staff",
    "Teacher": "teacher",
    "Teachers": "teacher",
}
COLUMNS = (
    "cds_code",
    "school_year",
    "respondent_group",
    "item_id",
    "item_text",
    "responses",
    "responses_suppressed",
    "agree_pct",
    "agree_pct_suppressed",
    "location_codes",
    "source_rows",
    "source_line",
    "source_file_sha256",
)
MEASURES = {"Responses": "responses", "Percent Agree or Strongly Agree": "agree_pct"}


def _check_item_text(frame: pd.DataFrame, ctx: ParseContext) -> None:
    texts = frame.groupby(["respondent_group", "item_id"])["item_text"].nunique()
    if (texts > 1).any():
        group, item = texts[texts > 1].index[0]
        line = frame.loc[frame["item_id"].eq(item), "source_line"].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: column 'Item Text', line {line}: item {item!r} of the {group} "
            "survey has different texts on different rows"
        )


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Export bytes -> one row per school (programs rolled up) x respondent group x item."""
    raw = read_lausd(data, ctx, LAYOUTS)
    frame = raw[["source_line", "location_code", "cds_code"]].copy()
    frame["respondent_group"] = map_codes(raw, "Respondent Group", RESPONDENT_GROUPS, ctx)
    frame["item_id"] = raw["Item ID"].astype("string").str.strip()
    frame["item_text"] = raw["Item Text"].astype("string").str.strip()
    blank = frame["item_id"].eq("") | frame["item_text"].eq("")
    if blank.any():
        line = frame.loc[blank, "source_line"].iloc[0]
        raise SourceError(f"{ctx.file_label}: line {line}: blank 'Item ID' or 'Item Text'")
    frame = frame.join(measure_columns(raw, MEASURES, ctx.file_label, integer=["responses"]))
    check_unique(frame, ["respondent_group", "item_id"], ctx)
    _check_item_text(frame, ctx)
    out = roll_up(
        frame,
        ["cds_code", "respondent_group", "item_id"],
        sums=["responses"],
        weighted={"agree_pct": "responses"},
        first=["item_text"],
    )
    out["school_year"] = spring_year(ctx.school_year)
    out["source_file_sha256"] = provenance(ctx, len(out))
    keys = ["cds_code", "respondent_group", "item_id"]
    return out[list(COLUMNS)].sort_values(keys).reset_index(drop=True)


def value_problems(frame: pd.DataFrame) -> list[str]:
    """Percent within 0-100 and responses not negative (the staging asset's blocking check)."""
    problems = []
    rules = (
        ("agree_pct", "Percent Agree or Strongly Agree", (frame["agree_pct"] < 0)
         | (frame["agree_pct"] > 100), "outside 0-100"),
        ("responses", "Responses", frame["responses"] < 0, "negative"),
    )  # fmt: skip
    for column, label, mask, what in rules:
        mask = mask.fillna(False)
        if mask.any():
            row = frame[mask].iloc[0]
            problems.append(
                f"column '{label}', line {row['source_line']}: {row[column]} is {what} "
                f"({int(mask.sum())} rows)"
            )
    return problems


GRAIN = "school x school year x respondent group x item (LAUSD SES export)"  # of the fact it feeds
SOURCE = lausd_drop(
    "lausd_survey", "LAUSD School Experience Survey export", "ses",
    LAYOUTS, parse, FactLoad(Fact("fct_survey_response", GRAIN), "fct_survey_response.sql"),
    value_problems, __doc__ or "",
)  # fmt: skip
