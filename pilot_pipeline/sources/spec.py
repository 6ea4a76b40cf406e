"""What a source declares: its `SourceSpec` (URLs, layouts, typed read/parse hooks, the facts
it feeds), the `ParseContext` every parser receives, and the shape of a staging table.

`SourceSpec.parse`, `parse_district_totals` and `parse_levels` are written once, here: a
source gives hooks, never its own copy of the three.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import pandas as pd

from .layouts import Layout

LAUSD_CDS_PREFIX = "1964733"
LAUSD_DISTRICT_CDS = "19647330000000"

# Aggregate levels as CDE files write them: staging holds school rows; district rows are the
# ceiling that school sums are checked against.
SCHOOL, DISTRICT = "S", "D"


@dataclass(frozen=True)
class ParseContext:
    """Where a file came from; every parser receives one and every staging row carries it."""

    source: str
    school_year: str  # label, e.g. "2021-22"
    file_label: str  # URL or path, used in every error message
    source_file_sha256: str
    scope: str = "lausd"  # "lausd" or "statewide"


# File bytes -> whatever the level hook reads (a raw frame, or a streamed file's parts).
Read = Callable[[bytes, ParseContext], Any]
# (what `Read` returned, context, SCHOOL or DISTRICT) -> staging rows of that level.
ParseLevel = Callable[[Any, ParseContext, str], pd.DataFrame]
# File bytes -> staging rows, for a file without district rows.
ParseFile = Callable[[bytes, ParseContext], pd.DataFrame]
# A staged frame -> problems that reviews name (rules beyond the types).
ValueProblems = Callable[[pd.DataFrame], list[str]]
# yearly: one public file per school year; drop: LAUSD exports dropped in an inbox per school
# year; snapshot: one current file (the directory).
Delivery = Literal["yearly", "drop", "snapshot"]


@dataclass(frozen=True)
class Fact:
    """A warehouse fact table (`warehouse.<table>`) and its grain."""

    table: str
    grain: str


@dataclass(frozen=True)
class FactLoad:
    """What a source feeds: a fact, the load query in `sql/facts/load/` when the fact reshapes
    the staged rows (None: the fact takes its staging columns as they are), and the columns that
    mark this source's rows of a partition (when several sources share the fact)."""

    fact: Fact
    query_file: str | None = None
    partition: Mapping[str, object] = field(default_factory=dict)


# Four sources feed one enrollment fact, each its own `enrollment_source`.
ENROLLMENT = Fact(
    "fct_enrollment", "school x school year x student group x grade x enrollment source"
)


def enrollment_load(enrollment_source: str, query_file: str) -> FactLoad:
    """A load into the shared enrollment fact, its rows marked by their `enrollment_source`."""
    return FactLoad(ENROLLMENT, query_file, {"enrollment_source": enrollment_source})


@dataclass(frozen=True)
class SourceSpec:
    """A file family: its URL per school year, its layouts, how it parses, what it feeds.

    A file with school and district rows gives `read` and `parse_level` (the file is read once
    for both levels); any other gives `parse_file`.
    """

    name: str
    title: str
    urls: Mapping[str, str]
    layouts: tuple[Layout, ...]
    read: Read | None = None
    parse_level: ParseLevel | None = None
    parse_file: ParseFile | None = None
    description: str = ""
    facts: tuple[FactLoad, ...] = ()
    delivery: Delivery = "yearly"
    file_prefix: str = ""  # drops: `<file_prefix>_<YYYY-YY>.csv`
    value_problems: ValueProblems | None = None
    unverified_columns: tuple[str, ...] = ()  # layout columns no real file has shown yet

    def __post_init__(self) -> None:
        levels = self.read is not None and self.parse_level is not None
        if levels == (self.parse_file is not None):
            raise TypeError(f"{self.name}: give `read` and `parse_level`, or `parse_file`")
        if (self.delivery == "drop") != bool(self.file_prefix):
            raise TypeError(f"{self.name}: a `file_prefix` names drops, and only drops")

    @property
    def has_district_rows(self) -> bool:
        return self.parse_level is not None

    def url_for(self, school_year: str) -> str | None:
        return self.urls.get(school_year)

    def parse(self, data: bytes, ctx: ParseContext) -> pd.DataFrame:
        """File bytes -> one row per school (x the source's grain) in scope, counted once."""
        if self.parse_file is not None:
            return self.parse_file(data, ctx)
        return self._level(self._read(data, ctx), ctx, SCHOOL)

    def parse_district_totals(self, data: bytes, ctx: ParseContext) -> pd.DataFrame:
        """The district rows in the staging shape; LAUSD's own under the default scope."""
        return district_in_scope(self._level(self._read(data, ctx), ctx, DISTRICT), ctx.scope)

    def parse_levels(self, data: bytes, ctx: ParseContext) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(`parse`, `parse_district_totals`) from one read of the file: statewide files are
        too big to read twice."""
        raw = self._read(data, ctx)
        districts = district_in_scope(self._level(raw, ctx, DISTRICT), ctx.scope)
        return self._level(raw, ctx, SCHOOL), districts

    def _read(self, data: bytes, ctx: ParseContext) -> Any:
        if self.read is None:
            raise TypeError(f"{self.name} has no district rows: call `parse`")
        return self.read(data, ctx)

    def _level(self, raw: Any, ctx: ParseContext, level: str) -> pd.DataFrame:
        return cast(ParseLevel, self.parse_level)(raw, ctx, level)  # set with `read`


def staging_columns(*columns: str) -> tuple[str, ...]:
    """A staging table's columns: the school and year, `columns`, then the provenance."""
    return ("cds_code", "school_year", *columns, "source_line", "source_file_sha256")


def measure_pairs(*measures: str) -> tuple[str, ...]:
    """Each measure followed by its `_suppressed` flag."""
    return tuple(c for m in measures for c in (m, f"{m}_suppressed"))


def district_in_scope(districts: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The district rows school sums are compared with: LAUSD's own unless statewide."""
    if scope == "lausd":
        return districts[districts["cds_code"].eq(LAUSD_DISTRICT_CDS)].reset_index(drop=True)
    return districts
