"""Bounded reading of one data member from a downloaded zip archive.

Research files arrive zipped. A hostile or broken archive must not write outside a directory
(zip slip) or exhaust memory (zip bomb), so members are never extracted to disk: exactly one
member whose name matches the expected pattern is streamed (or read into memory when small),
after checking its declared size, its compression ratio, and every member name in the archive
for path traversal; the stream stops with an error once it has inflated past the cap.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import IO

from .base import SourceError

MAX_UNCOMPRESSED_BYTES = 2 * 1024**3  # the largest real CAASPP member is a few hundred MB
MAX_COMPRESSION_RATIO = 200  # caret-delimited text compresses ~10-30x; 1000x is a bomb


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or bool(re.match(r"^[A-Za-z]:", name))


class _BoundedStream(io.RawIOBase):
    """A member stream that fails once more than `max_bytes` have come out of it, so a lying
    size header cannot make a reader inflate past the cap, and names the archive when the
    compressed data is corrupt."""

    def __init__(self, stream: IO[bytes], label: str, max_bytes: int) -> None:
        self._stream, self._label, self._max, self._total = stream, label, max_bytes, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            chunk = self._stream.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise SourceError(f"{self._label} is corrupt ({exc})") from exc
        self._total += len(chunk)
        if self._total > self._max:
            raise SourceError(f"{self._label} inflates past the {self._max}-byte cap")
        buffer[: len(chunk)] = chunk
        return len(chunk)


@contextmanager
def open_member(
    data: bytes,
    file_label: str,
    pattern: str,
    *,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: int = MAX_COMPRESSION_RATIO,
) -> Iterator[tuple[str, IO[bytes]]]:
    """The one member whose base name fully matches `pattern` (case-insensitive), as a
    buffered stream: (name, stream). Nothing is extracted to disk or held whole in memory.

    Raises SourceError naming the archive for: not a zip, unsafe member names, no or several
    matching members, a member over `max_bytes` (declared, or once read that far) or over
    `max_ratio`, corrupt compressed data.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise SourceError(f"{file_label}: not a zip archive ({exc})") from exc
    with archive:
        infos = archive.infolist()
        unsafe = [i.filename for i in infos if _unsafe_name(i.filename)]
        if unsafe:
            raise SourceError(f"{file_label}: refusing archive with unsafe member names {unsafe}")
        regex = re.compile(pattern, re.IGNORECASE)
        matches = [
            i for i in infos
            if not i.is_dir() and regex.fullmatch(PurePosixPath(i.filename).name)
        ]  # fmt: skip
        if len(matches) != 1:
            names = [i.filename for i in infos]
            raise SourceError(
                f"{file_label}: expected exactly one member matching {pattern!r}, found "
                f"{len(matches)} among {names}"
            )
        info = matches[0]
        if info.file_size > max_bytes:
            raise SourceError(
                f"{file_label}: member {info.filename} declares {info.file_size} bytes "
                f"uncompressed, over the {max_bytes}-byte cap"
            )
        if info.compress_size and info.file_size / info.compress_size > max_ratio:
            raise SourceError(
                f"{file_label}: member {info.filename} compression ratio "
                f"{info.file_size / info.compress_size:.0f}:1 exceeds {max_ratio}:1 (zip bomb?)"
            )
        try:
            member = archive.open(info)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise SourceError(f"{file_label}: member {info.filename} is corrupt ({exc})") from exc
        with member:
            bounded = _BoundedStream(member, f"{file_label}: member {info.filename}", max_bytes)
            yield info.filename, io.BufferedReader(bounded, buffer_size=1024 * 1024)


def read_member(data: bytes, file_label: str, pattern: str, **bounds: int) -> tuple[str, bytes]:
    """`open_member` (`bounds`: its `max_bytes`, `max_ratio`), read whole into memory (fine for
    the small members): (name, bytes)."""
    with open_member(data, file_label, pattern, **bounds) as (name, stream):
        return name, stream.read()
