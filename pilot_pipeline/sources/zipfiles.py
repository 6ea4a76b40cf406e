"""Bounded reading of one data member from a downloaded zip archive.

Research files arrive zipped. A hostile or broken archive must not write outside a directory
(zip slip) or exhaust memory (zip bomb), so members are never extracted to disk: exactly one
member whose name matches the expected pattern is read into memory, after checking its declared
size, its compression ratio, and every member name in the archive for path traversal.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath

from .base import SourceError

MAX_UNCOMPRESSED_BYTES = 2 * 1024**3  # the largest real CAASPP member is a few hundred MB
MAX_COMPRESSION_RATIO = 200  # caret-delimited text compresses ~10-30x; 1000x is a bomb


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or bool(re.match(r"^[A-Za-z]:", name))


def read_member(
    data: bytes,
    file_label: str,
    pattern: str,
    *,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: int = MAX_COMPRESSION_RATIO,
) -> tuple[str, bytes]:
    """The one member whose base name fully matches `pattern` (case-insensitive): (name, bytes).

    Raises SourceError naming the archive for: not a zip, unsafe member names, no or several
    matching members, a member over `max_bytes` (declared or actual) or over `max_ratio`.
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
        # Read in chunks so a lying size header cannot make us inflate past the cap.
        chunks, total = [], 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(1024 * 1024):
                    total += len(chunk)
                    if total > max_bytes:
                        raise SourceError(
                            f"{file_label}: member {info.filename} inflates past the "
                            f"{max_bytes}-byte cap"
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise SourceError(f"{file_label}: member {info.filename} is corrupt ({exc})") from exc
        return info.filename, b"".join(chunks)
