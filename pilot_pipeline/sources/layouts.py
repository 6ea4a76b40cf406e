"""The layout policy: how a file's header meets the layouts its source knows.

Columns are matched by a normalised header key, never by position. Every required column of
a layout must be present; a column no layout knows is drift: the file loads and the
`layout_drift` check reports the new column with sample values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd

from .collecting import collecting
from .errors import LayoutError

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(name: str) -> str:
    """What identifies a header cell: case, spaces, punctuation and a BOM do not count, so CDE's
    2023-24 `Academic Year` is the `AcademicYear` of earlier years."""
    return _NOT_ALNUM.sub("", str(name).replace("\ufeff", "").casefold())


@dataclass(frozen=True)
class Layout:
    """One known header of a source. Columns are matched by `header_key`, never by position:
    every one of `columns` is required, `optional` ones are known but may be absent, and any
    other header cell is drift (the file loads; `layout_drift` reports the new column)."""

    name: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()
    # Other spellings of a column (name -> spellings): CDE renames, e.g. `CharterYN` became
    # `Charter School` in third-party reads of 2023-24 files.
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        spellings = [*self.columns, *self.optional, *(a for v in self.aliases.values() for a in v)]
        keys = [header_key(c) for c in spellings]
        clashing = sorted({k for k in keys if keys.count(k) > 1})
        if clashing:
            raise ValueError(f"layout {self.name!r}: columns share the header key {clashing}")

    @property
    def known(self) -> dict[str, str]:
        """header key (of a name or an alias) -> the column's name as the parsers use it."""
        known = {header_key(c): c for c in (*self.columns, *self.optional)}
        return known | {header_key(a): c for c, spelt in self.aliases.items() for a in spelt}

    def missing(self, header: Iterable[str]) -> list[str]:
        have = {self.known.get(header_key(h)) for h in header}
        return [c for c in self.columns if c not in have]

    def accepts(self, header: Iterable[str]) -> bool:
        return not self.missing(header)


@dataclass
class LayoutMatch:
    """How one file's header met its source's layouts."""

    file_label: str
    layout: Layout
    header: list[str]  # the file's header cells, normalised
    names: list[str]  # the same cells under the names the parser uses
    extra: list[str]  # header cells no layout of the source knows, in file order
    samples: dict[str, list[str]] = field(default_factory=dict)  # extra column -> values
    notes: list[str] = field(default_factory=list)  # what the parser could not check, and why

    def note_samples(self, frame: pd.DataFrame, limit: int = 5) -> None:
        """A few distinct non-empty values of each extra column, for the drift report."""
        for column in self.extra:
            if column in frame.columns:
                values = frame[column].astype("string").str.strip()
                values = values[values.notna() & values.ne("")]
                self.samples[column] = [str(v) for v in values.unique()[:limit]]


_observed: ContextVar[list[LayoutMatch] | None] = ContextVar("observed_layouts", default=None)


@contextmanager
def observing_layouts() -> Iterator[list[LayoutMatch]]:
    """Collect every header matched while the block runs (one per file a parser reads), so
    the staging asset and the probe can report drift without threading it through parsers."""
    with collecting(_observed) as seen:
        yield seen


def record_layout(match: LayoutMatch, frame: pd.DataFrame | None = None) -> None:
    """Make `match` (with samples from `frame`) visible to an enclosing `observing_layouts`."""
    if frame is not None:
        match.note_samples(frame)
    seen = _observed.get()
    if seen is not None:
        seen.append(match)


_WS = re.compile(r"\s+")


def normalise_header(name: str) -> str:
    """Header cells may hold line breaks, doubled or trailing spaces and a BOM."""
    return _WS.sub(" ", str(name).replace("\ufeff", "")).strip()


def match_header(header: Sequence[str], layouts: Sequence[Layout], file_label: str) -> LayoutMatch:
    """The best layout for a header: every required column present (by `header_key`), then the
    most columns recognised, then the fewest unknown ones. None fits: a `LayoutError` naming
    the file, the closest layout, its missing columns and the unknown ones."""
    cleaned = [normalise_header(h) for h in header]
    keys = [header_key(h) for h in cleaned]
    duplicated = sorted({h for h, k in zip(cleaned, keys, strict=True) if keys.count(k) > 1})
    if duplicated:
        raise LayoutError(f"{file_label}: duplicated header columns {duplicated}")
    every_known = {k for layout in layouts for k in layout.known}

    def fit(layout: Layout) -> tuple[int, int, int]:
        known = layout.known
        recognised = sum(k in known for k in keys)
        return (-len(layout.missing(cleaned)), recognised, -(len(keys) - recognised))

    best = max(layouts, key=fit)  # max keeps the first of equals: layouts are listed by age
    missing = best.missing(cleaned)
    unknown = [h for h, k in zip(cleaned, keys, strict=True) if k not in best.known]
    if missing:
        raise LayoutError(
            f"{file_label}: unknown layout ({len(cleaned)} columns). Closest known layout "
            f"'{best.name}': missing columns {missing}; unexpected columns {unknown}",
            closest=best.name,
            missing=missing,
            extra=unknown,
        )
    known = best.known
    names = [known.get(k, h) for h, k in zip(cleaned, keys, strict=True)]
    # Cells another layout of the source knows are not new to CDE: not drift, just unused.
    extra = [h for h, k in zip(cleaned, keys, strict=True) if k not in every_known]
    return LayoutMatch(file_label, best, cleaned, names, extra)


def match_layout(header: Sequence[str], layouts: Sequence[Layout], file_label: str) -> Layout:
    """The layout `match_header` picks (the error names what is missing)."""
    return match_header(header, layouts, file_label).layout


def normalise_flag(series: pd.Series) -> pd.Series:
    """Roll-up and yes/no flags as the parsers compare them: `Y`, `N` or `All`, whatever the
    spelling (`Yes`, `No `, `ALL`); anything else is kept, trimmed, for the caller to judge."""
    text = series.astype("string").str.strip()
    return text.str.casefold().map(_FLAGS).astype("string").fillna(text)


_FLAGS = {"y": "Y", "yes": "Y", "n": "N", "no": "N", "all": "All"}
