"""Delimited text as all-text columns under a source's layout names: pandas for quoted CSV,
Arrow's C++ reader for CDE's unquoted tab and caret files."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

from .encoding import decode_bytes
from .errors import SourceError
from .layouts import Layout, match_header, record_layout


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
