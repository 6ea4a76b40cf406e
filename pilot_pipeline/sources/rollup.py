"""Helpers shared by the FRPM, LTEL, CAASPP, chronic absenteeism and suspension parsers.

CDE files repeat each school under roll-up flags (CharterSchool/CharterYN/DASS = All, Y, N). The
documented way to count a school once is the `All` row (docs/data_sources.md §0); where a school has
no `All` row (a file that only writes the school's own Y or N flag at school level) its single
row is the school. `one_row_per_entity` implements exactly that and fails on anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pilot_pipeline.partitions import spring_year

from .base import level_rows, measure_columns, provenance, strip_text
from .errors import SourceError
from .layouts import Layout, normalise_flag
from .reading import read_delimited
from .spec import Fact, FactLoad, ParseContext, SourceSpec
from .student_groups import map_student_groups

ALL = "All"


def check_academic_year(
    raw: pd.DataFrame,
    column: str,
    ctx: ParseContext,
    normalise: Callable[[str], str] | None = None,
) -> None:
    """Every row's academic year (after `normalise`) must equal the partition's label."""
    years = strip_text(raw[column]).fillna("")
    labels = years.map(normalise) if normalise else years
    wrong = labels.ne(ctx.school_year)
    if wrong.any():
        line = int(raw.loc[wrong, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column '{column}', line {line}: academic year "
            f"{years[wrong].iloc[0]!r} but the file was loaded for {ctx.school_year}"
        )


def one_row_per_entity(
    rows: pd.DataFrame,
    keys: Sequence[str],
    rollup_columns: Sequence[str],
    ctx: ParseContext,
) -> pd.DataFrame:
    """Keep, per key, the rows with the most `All` roll-up flags; fail if still not unique.

    `rows` must carry the key columns, the raw roll-up columns and `source_line`.
    """
    if rows.empty:
        return rows
    score = sum(normalise_flag(rows[c]).eq(ALL).fillna(False).astype(int) for c in rollup_columns)
    best = score.groupby([rows[k] for k in keys], dropna=False).transform("max")
    kept = rows[score.eq(best)]
    repeated = kept.duplicated(list(keys))  # the line that repeats an earlier one is named
    if repeated.any():
        first = kept[repeated].iloc[0]
        flags = {c: first[c] for c in rollup_columns}
        key = {k: first[k] for k in keys}
        raise SourceError(
            f"{ctx.file_label}: line {first['source_line']}: {key} appears more than once "
            f"without an All roll-up row ({flags}); cannot count the school once"
        )
    return kept


def mask_to_line(raw: pd.DataFrame, mask: pd.Series) -> int:
    """File line of the first row where `mask` holds (for error messages)."""
    return int(raw.loc[mask, "source_line"].iloc[0])


@dataclass(frozen=True)
class ReportingCategoryFile:
    """A demo-downloads file with ACGR-style ReportingCategory codes: the `read` and
    `parse_level` hooks of its `SourceSpec`.

    One row per entity at a level ('S' or 'D') x canonical student group, counted once (see
    `one_row_per_entity`; the charter flag is `CharterSchool` or `CharterYN`, plus `DASS` where
    the layout has it). Codes in `ignore_groups` (grade spans) are dropped on purpose.
    """

    layouts: Sequence[Layout]
    measures: Mapping[str, str]  # source header -> staging measure
    integer: Sequence[str]  # the measures that are counts
    columns: Sequence[str]  # the staging columns, in order
    ignore_groups: frozenset[str] = frozenset()

    def read(self, data: bytes, ctx: ParseContext) -> pd.DataFrame:
        raw, _layout = read_delimited(data, ctx.file_label, self.layouts)
        check_academic_year(raw, "AcademicYear", ctx)
        return raw

    def parse_level(self, raw: pd.DataFrame, ctx: ParseContext, level: str) -> pd.DataFrame:
        rollups = [c for c in ("CharterSchool", "CharterYN", "DASS") if c in raw.columns]
        rows = level_rows(raw, ctx, level)
        groups = map_student_groups(
            rows["ReportingCategory"], "acgr", ctx.file_label, "ReportingCategory",
            ignore=self.ignore_groups,
        )  # fmt: skip
        rows = rows.assign(student_group_code=groups)[groups.notna()]
        rows = one_row_per_entity(rows, ["cds_code", "student_group_code"], rollups, ctx)
        out = rows[["cds_code", "student_group_code"]].astype("string")
        out.insert(1, "school_year", spring_year(ctx.school_year))
        out = out.join(measure_columns(rows, self.measures, ctx.file_label, integer=self.integer))
        out["source_line"] = rows["source_line"]
        out["source_file_sha256"] = provenance(ctx, len(out))
        return out[list(self.columns)].reset_index(drop=True)

    def source(
        self, name: str, title: str, urls: Mapping[str, str], fact: Fact, description: str
    ) -> SourceSpec:
        """The spec of a yearly source read by these hooks, feeding `fact` as staged."""
        return SourceSpec(
            name=name, title=title, urls=urls, layouts=tuple(self.layouts), read=self.read,
            parse_level=self.parse_level, description=description, facts=(FactLoad(fact),),
        )  # fmt: skip
