"""What a source's expectation suite declares: plain data, no Great Expectations.

Each source folder's `suite.py` states its `SUITES` with these types; `validation.spec` turns
them into GX suites. They live in the sources layer so that a suite sits beside its source
without the sources importing the validation layer above them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RateRule:
    """`rate` is published as 100 x `count` / `denominator`."""

    rate: str
    count: str
    denominator: str


@dataclass(frozen=True)
class SuiteSpec:
    """The reviewed expectations of one source (and layout) on its staging frame."""

    source: str
    columns: Mapping[str, str]  # column -> kind (text, int, float, bool, date); {}: unchecked
    key: tuple[str, ...]  # (): unchecked
    layout: str | None = None  # None: every layout of the source
    counts: tuple[str, ...] = ()
    rates: tuple[str, ...] = ()
    rate_rules: tuple[RateRule, ...] = ()
    code_sets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    warn_code_sets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    always_null: tuple[str, ...] = ()  # measures this layout has no cell for
    district_sums: tuple[str, ...] = ()  # counts whose school rows must not exceed the district
    count_totals: tuple[tuple[str, str], ...] = ()  # (count, total): count <= total per row
    in_directory: bool = True  # rows are schools that the directory must list

    @property
    def name(self) -> str:
        return f"{self.source}.{self.layout}" if self.layout else self.source
