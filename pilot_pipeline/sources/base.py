"""What every source module shares: decoding, layout matching, suppression and CDS codes.

A source module (one per public file family) declares its per-year URL table and its known
layouts, and turns the raw bytes of one file into a tidy staging frame with these helpers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

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
]

LAUSD_CDS_PREFIX = "1964733"
LAUSD_DISTRICT_CDS = "19647330000000"

# Cells that mean "no value" in CDE files; `*` is different: it means suppressed.
SUPPRESSED = "*"
MISSING_SENTINELS = frozenset({"", "No Data", "N/A", "NA", "--", "n/a"})


@dataclass(frozen=True)
class ParseContext:
    """Where a file came from; every parser receives one and every staging row carries it."""

    source: str
    school_year: str  # label, e.g. "2021-22"
    file_label: str  # URL or path, used in every error message
    source_file_sha256: str
    scope: str = "lausd"  # "lausd" or "statewide"


@dataclass(frozen=True)
class SourceSpec:
    """A public file family: its URL per school year, its layouts and its parser."""

    name: str
    title: str
    urls: Mapping[str, str]
    layouts: tuple[Layout, ...]
    parse: Callable[[bytes, ParseContext], pd.DataFrame]
    description: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    def url_for(self, school_year: str) -> str | None:
        return self.urls.get(school_year)


def read_delimited(
    data: bytes, file_label: str, layouts: Sequence[Layout], sep: str = "\t"
) -> tuple[pd.DataFrame, Layout]:
    """Parse a delimited text file into all-text columns, layout matched (`match_header`):
    known columns under the layout's names, new ones under their own (and recorded as drift).

    Adds `source_line` (1-based line number in the file, header = line 1) so that checks can
    point at the offending row.
    """
    text = decode_bytes(data, file_label)
    end = text.find("\n")
    first_line = (text if end < 0 else text[:end]).rstrip("\r")
    if sep not in first_line:
        raise SourceError(
            f"{file_label}: header has no {sep!r} delimiter; first line starts {first_line[:80]!r}"
        )
    if sep == ",":  # quoted CSV (LAUSD exports): small files, pandas' quoting rules
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                quoting=csv.QUOTE_MINIMAL,
                engine="c",
            )
        except (pd.errors.ParserError, ValueError) as exc:
            raise SourceError(
                f"{file_label}: cannot be parsed as {sep!r}-delimited text: {exc}"
            ) from exc
        match = match_header(list(frame.columns), layouts, file_label)
        frame.columns = match.names
    else:  # the header decides the layout before a body row is read
        match = match_header(first_line.split(sep), layouts, file_label)
        frame = read_unquoted(text, match.names, file_label, sep)
    record_layout(match, frame)
    if frame.empty:  # loading it would silently empty the partition
        raise SourceError(f"{file_label}: header only, no data rows")
    frame.insert(0, "source_line", np.arange(2, len(frame) + 2, dtype="int64"))
    return frame, match.layout


def arrow_parse_error(
    exc: Exception, file_label: str, sep: str, lines: Iterable[str] = ()
) -> SourceError:
    """Arrow's error for a malformed row, naming the file, the line (found in `lines`, the
    file's text lines, header first), the field counts and the row."""
    text = str(exc)
    if m := _ARROW_FIELDS.search(text):
        row = m["row"].rstrip("\r\n")
        # Arrow cuts a long row with " ...": the line starting so with that many fields.
        prefix, got = row.removesuffix(" ..."), int(m["got"])
        where = next(
            (
                f"line {n}: "
                for n, line in enumerate(lines, 1)
                if line.startswith(prefix) and line.rstrip("\r\n").count(sep) + 1 == got
            ),
            "",
        )
        text = f"{where}Expected {m['want']} fields, saw {m['got']} (row {row!r})"
    return SourceError(f"{file_label}: cannot be parsed as {sep!r}-delimited text: {text}")


_ARROW_FIELDS = re.compile(r"Expected (?P<want>\d+) columns, got (?P<got>\d+): (?P<row>.*)", re.S)


def unquoted_text_options(
    header: Sequence[str], sep: str, used: Iterable[str] | None = None, **read: Any
) -> tuple[dict[str, str], dict[str, Any]]:
    """Arrow CSV options for an unquoted delimited file whose header line is skipped:
    (Arrow column name -> header name of the columns kept, the reader's keyword options).
    Every column is tokenised, so a row with surplus or missing fields fails; only the `used`
    ones (default: all) are converted, as text, empty cells empty."""
    names = [f"c{i}" for i in range(len(header))]
    wanted = set(header if used is None else used)
    keep = {n: h for n, h in zip(names, header, strict=True) if h in wanted}
    return keep, {
        "read_options": pa_csv.ReadOptions(column_names=names, skip_rows=1, **read),
        "parse_options": pa_csv.ParseOptions(delimiter=sep, quote_char=False),
        "convert_options": pa_csv.ConvertOptions(
            column_types=dict.fromkeys(keep, pa.string()),
            include_columns=list(keep),
            strings_can_be_null=False,
        ),
    }


def read_unquoted(text: str, header: Sequence[str], file_label: str, sep: str) -> pd.DataFrame:
    """An unquoted delimited text (CDE's tab files) as all-text columns, by Arrow's C++ reader:
    several times pandas' speed on statewide files. A row with surplus or missing fields
    fails naming it; cells stay text, empty cells empty."""
    _keep, options = unquoted_text_options(header, sep)
    try:
        table = pa_csv.read_csv(io.BytesIO(text.encode("utf-8")), **options)
    except pa.ArrowInvalid as exc:
        raise arrow_parse_error(exc, file_label, sep, text.splitlines()) from exc
    frame = table.to_pandas()
    frame.columns = list(header)
    return frame


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
