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

LAUSD_CDS_PREFIX = "1964733"
LAUSD_DISTRICT_CDS = "19647330000000"

# Cells that mean "no value" in CDE files; `*` is different: it means suppressed.
SUPPRESSED = "*"
MISSING_SENTINELS = frozenset({"", "No Data", "N/A", "NA", "--", "n/a"})


class SourceError(ValueError):
    """A file that cannot be read as the source it claims to be. The message names the file."""


class LayoutError(SourceError):
    """A header that matches no known layout of the source."""


@dataclass(frozen=True)
class ParseContext:
    """Where a file came from; every parser receives one and every staging row carries it."""

    source: str
    school_year: str  # label, e.g. "2021-22"
    file_label: str  # URL or path, used in every error message
    source_file_sha256: str
    scope: str = "lausd"  # "lausd" or "statewide"


@dataclass(frozen=True)
class Layout:
    """One known header of a source. Columns are matched by name, never by position."""

    name: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def accepts(self, header: Iterable[str]) -> bool:
        have = set(header)
        return set(self.columns) <= have and have <= set(self.columns) | set(self.optional)


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


def decode_bytes(data: bytes, file_label: str) -> str:
    """UTF-8 (with or without BOM) first, then cp1252, then latin-1 (which never fails)."""
    if not data:
        raise SourceError(f"{file_label}: file is empty")
    if b"\x00" in data[:4096]:
        raise SourceError(f"{file_label}: binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A BOM says UTF-8 but a stray latin-1 byte broke that: the BOM is still not text.
        data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_WS = re.compile(r"\s+")


def normalise_header(name: str) -> str:
    """Header cells may hold line breaks, doubled or trailing spaces and a BOM."""
    return _WS.sub(" ", str(name).replace("\ufeff", "")).strip()


def match_layout(header: Sequence[str], layouts: Sequence[Layout], file_label: str) -> Layout:
    """The layout whose columns the header holds, or an error listing the differences."""
    cleaned = [normalise_header(h) for h in header]
    duplicated = sorted({h for h in cleaned if cleaned.count(h) > 1})
    if duplicated:
        raise LayoutError(f"{file_label}: duplicated header columns {duplicated}")
    for layout in layouts:
        if layout.accepts(cleaned):
            return layout
    have = set(cleaned)

    def distance(layout: Layout) -> int:
        return len(set(layout.columns) ^ have)

    closest = min(layouts, key=distance)
    missing = [c for c in closest.columns if c not in have]
    unexpected = [c for c in cleaned if c not in set(closest.columns) | set(closest.optional)]
    raise LayoutError(
        f"{file_label}: unknown layout ({len(cleaned)} columns). Closest known layout "
        f"'{closest.name}': missing columns {missing}; unexpected columns {unexpected}"
    )


def read_delimited(
    data: bytes, file_label: str, layouts: Sequence[Layout], sep: str = "\t"
) -> tuple[pd.DataFrame, Layout]:
    """Parse a delimited text file into all-text columns, header normalised, layout matched.

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
        frame.columns = [normalise_header(c) for c in frame.columns]
        layout = match_layout(list(frame.columns), layouts, file_label)
    else:  # the header decides the layout before a body row is read
        header = [normalise_header(c) for c in first_line.split(sep)]
        layout = match_layout(header, layouts, file_label)
        frame = read_unquoted(text, header, file_label, sep)
    if frame.empty:  # loading it would silently empty the partition
        raise SourceError(f"{file_label}: header only, no data rows")
    frame.insert(0, "source_line", np.arange(2, len(frame) + 2, dtype="int64"))
    return frame, layout


def arrow_parse_error(exc: Exception, file_label: str, sep: str) -> SourceError:
    """Arrow's error for a malformed row, naming the file, the field counts and the row."""
    text = str(exc)
    if m := _ARROW_FIELDS.search(text):
        text = f"Expected {m['want']} fields, saw {m['got']} (row {m['row']!r})"
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
        raise arrow_parse_error(exc, file_label, sep) from exc
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


def to_measure(series: pd.Series, *, integer: bool = False) -> tuple[pd.Series, pd.Series]:
    """Text cells -> (numeric values, suppressed flag). `*` is NULL + suppressed, never 0.

    Missing sentinels ('No Data', 'N/A', '--', blank) become NULL and not suppressed. Any other
    non-numeric text raises, naming the first bad value, so a parser can name the column.
    Arrow's compute kernels do the clean file (statewide files have millions of cells); any
    doubt (a cell Arrow will not cast, a NaN, a fraction in a count) goes to the pandas path,
    which gives the same result or the error naming the value.
    """
    text = pc.utf8_trim_whitespace(pa.array(series.astype("string"), type=pa.string()))
    suppressed = pc.fill_null(pc.equal(text, SUPPRESSED), False)
    empty = pc.or_(pc.is_in(text, value_set=_SENTINELS), pc.is_null(text))
    cleaned = pc.if_else(pc.or_(suppressed, empty), pa.scalar(None, pa.string()), text)
    if pc.any(pc.match_substring(cleaned, ",")).as_py():
        cleaned = pc.replace_substring(cleaned, ",", "")
    if pc.any(pc.match_substring(cleaned, "%")).as_py():
        cleaned = pc.replace_substring_regex(cleaned, "%$", "")
    try:
        numbers = pc.cast(cleaned, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        return _to_measure_pandas(series, integer=integer)
    null = pc.is_null(cleaned).to_numpy(zero_copy_only=False)
    if np.isnan(numbers[~null]).any():
        return _to_measure_pandas(series, integer=integer)
    values = np.where(null, 0.0, numbers)
    if integer:
        if (values != np.round(values)).any():
            return _to_measure_pandas(series, integer=integer)
        array = pd.arrays.IntegerArray(values.astype("int64"), null)
    else:
        array = pd.arrays.FloatingArray(values, null)
    flag = pd.Series(suppressed.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
    return pd.Series(array, index=series.index), flag


_SENTINELS = pa.array(sorted(MISSING_SENTINELS), type=pa.string())


def _to_measure_pandas(series: pd.Series, *, integer: bool = False) -> tuple[pd.Series, pd.Series]:
    """`to_measure` cell by cell in pandas: slower, and the one that names a bad value."""
    text = series.astype("string").str.strip()
    suppressed = text.eq(SUPPRESSED).fillna(False)
    missing = text.isin(MISSING_SENTINELS).fillna(True)
    cleaned = text.mask(suppressed | missing).str.replace(",", "", regex=False)
    cleaned = cleaned.str.removesuffix("%")
    numbers = pd.to_numeric(cleaned, errors="coerce")
    bad = numbers.isna() & cleaned.notna()
    if bad.any():
        first = cleaned[bad].iloc[0]
        shown = first if len(first) <= 60 else f"{first[:60]}... ({len(first)} characters)"
        raise ValueError(f"non-numeric value {shown!r} at row index {cleaned[bad].index[0]}")
    if integer:
        non_integral = numbers.notna() & (numbers != numbers.round())
        if non_integral.any():
            raise ValueError(f"non-integer count {numbers[non_integral].iloc[0]!r}")
        numbers = numbers.astype("Int64")
    else:
        numbers = numbers.astype("Float64")
    return numbers, suppressed.astype(bool)


def measure_columns(
    frame: pd.DataFrame,
    mapping: Mapping[str, str],
    file_label: str,
    *,
    integer: Iterable[str] = (),
) -> pd.DataFrame:
    """Convert source measure columns to `<target>` + `<target>_suppressed` pairs.

    `mapping` is source header -> target column name; targets listed in `integer` become Int64.
    Errors name the file, the column and the file line.
    """
    integer = set(integer)
    out = pd.DataFrame(index=frame.index)
    for source_column, target in mapping.items():
        try:
            values, suppressed = to_measure(frame[source_column], integer=target in integer)
        except ValueError as exc:
            line = _line_of(frame, str(exc))
            raise SourceError(f"{file_label}: column '{source_column}'{line}: {exc}") from exc
        out[target] = values
        out[f"{target}_suppressed"] = suppressed
    return out


def _line_of(frame: pd.DataFrame, message: str) -> str:
    match = re.search(r"row index (\d+)", message)
    if match and "source_line" in frame.columns:
        return f", line {frame.loc[int(match.group(1)), 'source_line']}"
    return ""


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
