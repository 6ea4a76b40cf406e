"""What counts as a number in a source cell, strictly.

CDE and LAUSD files write plain decimals (`12`, `-3.5`, `.5`), thousands separators in their
real pattern only (`1,234`, `12,345.6`; never `1,8` or `1,2,3`), and a trailing `%` only in
the sources that publish percent strings (FRPM's CSV export). `inf`, `nan`, `1e400` and any
other text are not numbers: the cell is refused, quoted as it was in the file. The pattern is
matched by Arrow's RE2 kernel, so a statewide column is checked without a Python loop.

A refused cell costs its row, not the file: while `quarantining_malformed()` is open (the
staging assets and the probe open it around a parse) the cell is collected with its file line
and left NULL, and validation quarantines that row; a file with more than
`MAX_MALFORMED_CELLS` such cells is not a few bad rows, and fails whole. Without the block
(a parser called directly) the first refused cell fails the parse.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .collecting import collecting

_DIGITS = r"(?:\d+|\d{1,3}(?:,\d{3})+)"
_NUMBER = rf"[+-]?(?:{_DIGITS}(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{{1,3}})?"
PLAIN = f"^{_NUMBER}$"
PERCENT = f"^{_NUMBER}%?$"


def first_malformed(text: pa.Array, *, percent: bool = False) -> int | None:
    """Position of the first non-null cell that is not a number in the strict pattern."""
    ok = pc.match_substring_regex(text, PERCENT if percent else PLAIN)
    bad = pc.and_(pc.is_valid(text), pc.invert(pc.fill_null(ok, True)))
    if not pc.any(bad).as_py():
        return None
    return int(np.flatnonzero(bad.to_numpy(zero_copy_only=False))[0])


def numeric_text(text: pa.Array, *, percent: bool = False) -> pa.Array:
    """Cells that passed `first_malformed`, ready for a float cast: separators and `%` gone."""
    if pc.any(pc.match_substring(text, ",")).as_py():
        text = pc.replace_substring(text, ",", "")
    if percent and pc.any(pc.match_substring(text, "%")).as_py():
        text = pc.replace_substring_regex(text, "%$", "")
    return text


def shown(cell: str) -> str:
    """A cell as error messages quote it: whole, or its first 60 characters and its length."""
    return repr(cell if len(cell) <= 60 else f"{cell[:60]}... ({len(cell)} characters)")


MAX_MALFORMED_CELLS = 100
"""More refused cells than this in one file: a shifted or corrupt file, not a few bad rows."""


class MalformedNumber(ValueError):
    """A cell that is not a number in the strict pattern; `index` is its row label."""

    def __init__(self, message: str, index: object, cell: str) -> None:
        super().__init__(message)
        self.index = index
        self.cell = cell  # as `shown` quotes it


@dataclass(frozen=True)
class MalformedCell:
    """One refused cell: where the file has it, the staged column it was for, and why."""

    source_line: int
    column: str  # the file's header
    target: str  # the staging column
    cell: str  # as the file has it, quoted by `shown`
    message: str  # names the file, the column, the line and the cell as the file has it


_collected: ContextVar[list[MalformedCell] | None] = ContextVar("malformed_cells", default=None)


@contextmanager
def quarantining_malformed() -> Iterator[list[MalformedCell]]:
    """Collect refused cells instead of failing the parse (see the module docstring)."""
    with collecting(_collected) as cells:
        yield cells


def malformed_collector() -> list[MalformedCell] | None:
    """The open `quarantining_malformed` block's list, or None outside one."""
    return _collected.get()
