"""Which text encoding a file is in: UTF-8 (with or without BOM), cp1252, latin-1, or UTF-16.

CDE files are UTF-8 or cp1252. A UTF-16 file (what Excel's "Unicode text" export writes) has a
BOM or, without one, a NUL byte in every other position of its ASCII text; it is decoded as
UTF-16 rather than refused as binary. NUL bytes in any other pattern are binary content.
"""

from __future__ import annotations

import codecs

from .errors import SourceError

_SAMPLE = 4096


def utf16_codec(data: bytes) -> str | None:
    """'utf-16' (BOM), 'utf-16-le' / 'utf-16-be' (NUL pattern without BOM), or None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    odd, even = sample[1::2], sample[0::2]
    # ASCII text in UTF-16: the high byte of nearly every character is NUL.
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_utf16(data: bytes, codec: str, file_label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{file_label}: UTF-16 text ({codec}) that does not decode at byte {exc.start}: "
            f"{exc.reason}"
        ) from exc


def decode_bytes(data: bytes, file_label: str) -> str:
    """UTF-16 when its BOM or NUL pattern says so; else UTF-8 (with or without BOM) first,
    then cp1252, then latin-1 (which never fails)."""
    if not data:
        raise SourceError(f"{file_label}: file is empty")
    if codec := utf16_codec(data):
        return decode_utf16(data, codec, file_label)
    if b"\x00" in data[:_SAMPLE]:
        raise SourceError(
            f"{file_label}: binary content (NUL bytes at offset {data.index(0)}, not in the "
            "pattern of UTF-16 text), not a text file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A BOM says UTF-8 but a stray latin-1 byte broke that: the BOM is still not text.
        data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def first_line(data: bytes, file_label: str) -> str:
    """The header line only, decoded as `decode_bytes` would (not the whole statewide file)."""
    if codec := utf16_codec(data):
        head = data[:65536].decode(codec, errors="replace")
        return head.split("\n", 1)[0].rstrip("\r")
    end = data.find(b"\n")
    return decode_bytes(data if end < 0 else data[:end], file_label).rstrip("\r")
