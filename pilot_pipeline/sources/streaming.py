"""Chunked reading of a big delimited file (zipped or not), only the columns a parser uses.

The statewide CAASPP member holds ~4M rows and ~40 columns; read whole as text it needs
several GB. `read_chunks` streams it instead: the header is matched against the source's
layouts exactly as `base.read_delimited` does, then the rows come in all-text frames of
`CHUNK_ROWS` rows holding only `used` columns plus `source_line`. The encodings are tried in
`base.decode_bytes` order (UTF-8 with or without BOM, cp1252, latin-1); a byte that breaks one
restarts the read with the next. `sep` may list candidates: the first one the header line holds
is the file's (CAASPP 2017-18 is a quoted comma CSV, later years caret-delimited); a comma file
is read with CSV quoting (`"00","00000",...`), the others unquoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

from .base import (
    Layout,
    SourceError,
    arrow_parse_error,
    match_header,
    record_layout,
    unquoted_text_options,
    utf16_codec,
)
from .zipfiles import open_member

CHUNK_ROWS = 250_000
BLOCK_BYTES = 16 * 1024 * 1024  # Arrow reads this much text per batch
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_ZIP_MAGIC = b"PK\x03\x04"
QUOTED_SEP = ","  # the one delimiter whose files quote their cells
T = TypeVar("T")


@contextmanager
def _stream(data: bytes, file_label: str, member: str) -> Iterator[io.BufferedReader]:
    """The zip's data member (bounded, see `zipfiles.open_member`) or the bytes themselves."""
    if data[:4] == _ZIP_MAGIC:
        with open_member(data, file_label, member) as (_name, stream):
            yield stream  # type: ignore[misc]
    else:
        yield io.BufferedReader(io.BytesIO(data), buffer_size=1024 * 1024)


def _header(
    stream: io.BufferedReader, file_label: str, seps: Sequence[str], encoding: str
) -> tuple[list[str], str]:
    """The header cells and the delimiter (the first of `seps` the header line holds)."""
    head = stream.peek(1024 * 1024)
    if not head:
        raise SourceError(f"{file_label}: file is empty")
    if encoding.startswith("utf-16"):
        first_line = head[: len(head) - len(head) % 2].decode(encoding, errors="replace")
        first_line = first_line.split("\n", 1)[0].rstrip("\r")
    elif b"\x00" in head[:4096]:
        raise SourceError(
            f"{file_label}: binary content (NUL bytes at offset {head.index(0)}, not in the "
            "pattern of UTF-16 text), not a text file"
        )
    else:
        first_line = head.split(b"\n", 1)[0].decode(encoding).rstrip("\r")
    sep = next((s for s in seps if s in first_line), None)
    if sep is None:
        shown = " or ".join(repr(s) for s in seps)
        raise SourceError(
            f"{file_label}: header has no {shown} delimiter; first line starts {first_line[:80]!r}"
        )
    if sep == QUOTED_SEP:
        return next(csv.reader([first_line])), sep
    return first_line.split(sep), sep


def _text_lines(data: bytes, file_label: str, member: str, encoding: str) -> Iterator[str]:
    """The file's lines again, read only to number a malformed row for its error."""
    with _stream(data, file_label, member) as stream:
        yield from io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")


def _chunks(
    data: bytes,
    file_label: str,
    member: str,
    layouts: Sequence[Layout],
    used: Collection[str],
    seps: Sequence[str],
    encoding: str,
) -> Iterator[tuple[pd.DataFrame, Layout]]:
    with _stream(data, file_label, member) as stream:
        # A UTF-16 text (BOM or NUL pattern) is read as such, whatever the loop tried.
        encoding = utf16_codec(stream.peek(4096)) or encoding
        header, sep = _header(stream, file_label, seps, encoding)
        match = match_header(header, layouts, file_label)
        layout = match.layout
        # Arrow's reader is multi-threaded C++ (the pandas one was half the statewide parse).
        keep, options = unquoted_text_options(
            match.names,
            sep,
            {*used, *match.extra},  # new columns are read for the drift report's samples
            block_size=BLOCK_BYTES,
            # UTF-8 is validated natively; the BOM sits in the skipped header line.
            encoding="utf8" if encoding == "utf-8-sig" else encoding,
        )
        if sep == QUOTED_SEP:
            options["parse_options"] = pa_csv.ParseOptions(delimiter=sep, quote_char='"')
        first_line = 2
        try:
            # Opening reads the first block already, so its errors are caught here too.
            for batch in pa_csv.open_csv(stream, **options):
                for start in range(0, batch.num_rows, CHUNK_ROWS):
                    chunk = batch.slice(start, CHUNK_ROWS).to_pandas().rename(columns=keep)
                    chunk.insert(0, "source_line", np.arange(first_line, first_line + len(chunk)))
                    chunk.index = pd.RangeIndex(first_line - 2, first_line - 2 + len(chunk))
                    if first_line == 2:
                        record_layout(match, chunk)
                    first_line += len(chunk)
                    yield chunk, layout
        except UnicodeDecodeError as exc:
            if encoding.startswith("utf-16"):
                raise SourceError(f"{file_label}: UTF-16 text that does not decode: {exc}") from exc
            raise
        except pa.ArrowInvalid as exc:
            if "invalid UTF8" in str(exc):
                raise UnicodeDecodeError(encoding, b"", 0, 1, str(exc)) from exc
            lines = _text_lines(data, file_label, member, encoding)
            raise arrow_parse_error(exc, file_label, sep, lines) from exc
        if first_line == 2:  # loading it would silently empty the partition
            raise SourceError(f"{file_label}: header only, no data rows")


def read_chunks(
    data: bytes,
    file_label: str,
    member: str,
    layouts: Sequence[Layout],
    used: Collection[str],
    process: Callable[[pd.DataFrame, Layout], T],
    *,
    sep: str | Sequence[str] = "\t",
) -> list[T]:
    """`process` applied to each all-text chunk (with `source_line`) of the `used` columns of a
    delimited file: the zip member matching the `member` pattern, or `data` itself when it is
    not a zip. Only one raw chunk is held at a time; the results are returned in file order.
    """
    seps = (sep,) if isinstance(sep, str) else tuple(sep)
    for encoding in ENCODINGS:
        try:
            chunks = _chunks(data, file_label, member, layouts, used, seps, encoding)
            return [process(chunk, layout) for chunk, layout in chunks]
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover
