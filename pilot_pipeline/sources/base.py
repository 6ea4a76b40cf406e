"""What every source module shares: the typed `SourceSpec`, decoding, layout matching,
suppression and CDS codes.

A source module (one per file family, found by `sources.discovered_sources`) declares a
`SOURCE = SourceSpec(...)`: its URL table, its layouts, its read/parse hooks and the facts it
feeds. `SourceSpec.parse`, `parse_district_totals` and `parse_levels` are written once, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .encoding import decode_bytes, first_line, utf16_codec
from .errors import LayoutError, SourceError
from .layouts import (
    Layout,
    LayoutMatch,
    header_key,
    match_header,
    match_layout,
    normalise_flag,
    normalise_header,
    observing_layouts,
    record_layout,
)
from .numbers import (
    MAX_MALFORMED_CELLS,
    MalformedCell,
    MalformedNumber,
    first_malformed,
    malformed_collector,
    numeric_text,
    quarantining_malformed,
    shown,
)
from .reading import arrow_parse_error, read_delimited, read_unquoted, unquoted_text_options

# Parsers and callers import these from here: one module for everything a source shares.
__all__ = [
    "Layout",
    "decode_bytes",
    "first_line",
    "utf16_codec",
    "LayoutError",
    "LayoutMatch",
    "SourceError",
    "header_key",
    "match_header",
    "match_layout",
    "normalise_flag",
    "normalise_header",
    "observing_layouts",
    "quarantining_malformed",
    "MalformedCell",
    "record_layout",
    "arrow_parse_error",
    "read_delimited",
    "read_unquoted",
    "unquoted_text_options",
]

LAUSD_CDS_PREFIX = "1964733"
LAUSD_DISTRICT_CDS = "19647330000000"

# Cells that mean "no value" in CDE files; `*` is different: it means suppressed.
SUPPRESSED = "*"
MISSING_SENTINELS = frozenset({"", "No Data", "N/A", "NA", "--", "n/a"})

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
    """What a source feeds: a fact, the load query in `sql/facts/load/`, and the columns that
    mark this source's rows of a partition (when several sources share the fact)."""

    fact: Fact
    query_file: str
    partition: Mapping[str, object] = field(default_factory=dict)


# Four sources feed one enrollment fact, each its own `enrollment_source`.
ENROLLMENT = Fact(
    "fct_enrollment", "school x school year x student group x grade x enrollment source"
)


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


def level_rows(
    raw: pd.DataFrame,
    ctx: ParseContext,
    level: str,
    level_column: str = "AggregateLevel",
    codes: tuple[str, str, str] = ("CountyCode", "DistrictCode", "SchoolCode"),
) -> pd.DataFrame:
    """The rows of one aggregate level in scope, with their `cds_code` built from the county,
    district and school code columns."""
    rows = raw[strip_text(raw[level_column]).eq(level).fillna(False)].copy()
    rows["cds_code"] = build_cds(*(rows[c] for c in codes))
    return rows[in_scope(rows["cds_code"], ctx.scope)]


def provenance(ctx: ParseContext, rows: int) -> pd.Categorical:
    """The file's sha256 for every row, as a category: one value per file, so one byte a row
    rather than 64 (a statewide Census Day frame holds 3.8M rows)."""
    return pd.Categorical.from_codes(np.zeros(rows, dtype="int8"), [ctx.source_file_sha256])


def strip_text(series: pd.Series) -> pd.Series:
    """Codes arrive with trailing spaces ('No ', 'All ')."""
    return series.astype("string").str.strip()


def to_measure(
    series: pd.Series, *, integer: bool = False, percent: bool = False
) -> tuple[pd.Series, pd.Series]:
    """Text cells -> (numeric values, suppressed flag). `*` is NULL + suppressed, never 0.

    Missing sentinels ('No Data', 'N/A', '--', blank) become NULL and not suppressed. A cell
    must be a number in the strict pattern of `numbers.py` (`1,234` but not `1,8`; a `%` only
    with `percent`; no `inf` or `nan`); any other raises `MalformedNumber` quoting the cell as
    the file has it, with its row label, so a parser can name the column and line. Arrow's
    compute kernels do the whole column (statewide files have millions of cells).
    """
    text = pc.utf8_trim_whitespace(pa.array(series.astype("string"), type=pa.string()))
    suppressed = pc.fill_null(pc.equal(text, SUPPRESSED), False)
    empty = pc.or_(pc.is_in(text, value_set=_SENTINELS), pc.is_null(text))
    cleaned = pc.if_else(pc.or_(suppressed, empty), pa.scalar(None, pa.string()), text)
    bad = first_malformed(cleaned, percent=percent)
    if bad is not None:
        cell = _cell(text, bad)
        raise MalformedNumber(f"non-numeric value {cell}", series.index[bad], cell)
    numbers = pc.cast(numeric_text(cleaned, percent=percent), pa.float64())
    numbers = numbers.to_numpy(zero_copy_only=False)
    null = pc.is_null(cleaned).to_numpy(zero_copy_only=False)
    values = np.where(null, 0.0, numbers)
    limit = 2.0**53 if integer else np.inf  # beyond it an int64 count is no longer exact
    if (out := np.flatnonzero(~(np.abs(values) < limit))).size:
        cell = _cell(text, int(out[0]))
        raise MalformedNumber(
            f"non-numeric value {cell} (out of range)", series.index[out[0]], cell
        )
    if integer:
        if (fraction := np.flatnonzero(values != np.round(values))).size:
            cell = _cell(text, int(fraction[0]))
            raise MalformedNumber(f"non-integer count {cell}", series.index[fraction[0]], cell)
        array = pd.arrays.IntegerArray(values.astype("int64"), null)
    else:
        array = pd.arrays.FloatingArray(values, null)
    flag = pd.Series(suppressed.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
    return pd.Series(array, index=series.index), flag


_SENTINELS = pa.array(sorted(MISSING_SENTINELS), type=pa.string())


def _cell(text: pa.Array, position: int) -> str:
    return shown(str(text[position].as_py()))


def measure_columns(
    frame: pd.DataFrame,
    mapping: Mapping[str, str],
    file_label: str,
    *,
    integer: Iterable[str] = (),
    percent: Iterable[str] = (),
) -> pd.DataFrame:
    """Convert source measure columns to `<target>` + `<target>_suppressed` pairs.

    `mapping` is source header -> target column name; targets listed in `integer` become Int64;
    those in `percent` may end in `%` (only where the source writes percent strings).
    Errors name the file, the column and the file line.
    """
    integer, percent = set(integer), set(percent)
    out = pd.DataFrame(index=frame.index)
    for source_column, target in mapping.items():
        series = frame[source_column]
        while True:
            try:
                values, suppressed = to_measure(
                    series, integer=target in integer, percent=target in percent
                )
                break
            except MalformedNumber as exc:
                series = _set_aside(frame, series, exc, file_label, source_column, target)
        out[target] = values
        out[f"{target}_suppressed"] = suppressed
    return out


def _set_aside(
    frame: pd.DataFrame,
    series: pd.Series,
    exc: MalformedNumber,
    file_label: str,
    source_column: str,
    target: str,
) -> pd.Series:
    """The column with the refused cell blanked, the cell collected for quarantine; or the
    parse fails naming it (no collector, no file line, or too many refused cells)."""
    line = frame.at[exc.index, "source_line"] if "source_line" in frame.columns else None
    where = f", line {line}" if line is not None else ""
    message = f"{file_label}: column '{source_column}'{where}: {exc}"
    cells = malformed_collector()
    if cells is None or line is None:
        raise SourceError(message) from exc
    if len(cells) >= MAX_MALFORMED_CELLS:
        raise SourceError(
            f"{message}; more than {MAX_MALFORMED_CELLS} cells of this file are not numbers, "
            "so the file is refused whole rather than row by row"
        ) from exc
    cells.append(MalformedCell(int(line), source_column, target, exc.cell, message))
    series = series.copy()  # at most MAX_MALFORMED_CELLS copies of one column
    series.loc[exc.index] = pd.NA
    return series


def build_cds(county: pd.Series, district: pd.Series, school: pd.Series) -> pd.Series:
    """County(2) + district(5) + school(7) as text, re-padding parts that lost leading zeros."""
    parts = [
        strip_text(county).str.zfill(2),
        strip_text(district).str.zfill(5),
        strip_text(school).str.zfill(7),
    ]
    return parts[0] + parts[1] + parts[2]


def in_scope(cds: pd.Series, scope: str) -> pd.Series:
    """Row mask for the configured scope; statewide keeps everything on the same code path."""
    if scope == "statewide":
        return pd.Series(True, index=cds.index)
    if scope == "lausd":
        return cds.str.startswith(LAUSD_CDS_PREFIX).fillna(False)
    raise ValueError(f"unknown scope {scope!r} (expected 'lausd' or 'statewide')")


def district_in_scope(districts: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The district rows school sums are compared with: LAUSD's own unless statewide."""
    if scope == "lausd":
        return districts[districts["cds_code"].eq(LAUSD_DISTRICT_CDS)].reset_index(drop=True)
    return districts


def parse_mdy(series: pd.Series) -> pd.Series:
    """MM/DD/YYYY text (CDE) to dates; sentinels to NaT."""
    text = series.astype("string").str.strip().mask(lambda s: s.isin(MISSING_SENTINELS))
    return pd.to_datetime(text, format="%m/%d/%Y", errors="raise").dt.date
