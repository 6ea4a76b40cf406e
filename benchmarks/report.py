"""The benchmark table, the ratios against their targets, and the saved full-size result.

A full-size run (scale 1.0) writes its table to `benchmarks/RESULTS.md`; every smaller run
prints that file as its closing note, so `--quick` shows where the full size stands.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tabulate import tabulate

RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
RSS_TARGET_MB = 2048


@dataclass
class Measured:
    label: str  # ours | floor | naive | no-change
    backend: str  # duckdb | postgres
    seconds: float | None
    rss_mb: float
    rows: int
    ok: bool
    capped_at: float | None = None  # stopped after this many seconds: a lower bound
    detail: dict[str, Any] = field(default_factory=dict)
    http: dict[int, int] = field(default_factory=dict)

    @property
    def wall(self) -> float | None:
        return self.capped_at if self.capped_at else self.seconds

    def wall_text(self) -> str:
        if self.wall is None:
            return "failed"
        return f">= {self.wall:.1f}" if self.capped_at else f"{self.wall:.1f}"


def _find(results: Sequence[Measured], label: str, backend: str) -> Measured | None:
    return next((m for m in results if m.label == label and m.backend == backend), None)


def _ratio(a: Measured | None, b: Measured | None) -> tuple[float | None, bool]:
    """a / b and whether it is only a lower bound (a was stopped at its cap)."""
    usable = [m for m in (a, b) if m and (m.ok or m.capped_at) and m.wall]
    if len(usable) < 2 or a is None or b is None or a.wall is None or not b.wall:
        return None, False
    return a.wall / b.wall, bool(a.capped_at)


def ratio_rows(results: Sequence[Measured]) -> list[list[str]]:
    checks = [
        ("ours / floor (DuckDB read_csv)", ("ours", "duckdb"), ("floor", "duckdb"), "<=", 3.0),
        ("ours / floor (PostgreSQL COPY)", ("ours", "postgres"), ("floor", "postgres"), "<=", 3.0),
        ("naive / ours (DuckDB)", ("naive", "duckdb"), ("ours", "duckdb"), ">=", 10.0),
        ("naive / ours (PostgreSQL)", ("naive", "postgres"), ("ours", "postgres"), ">=", 6.0),
        ("no-change / full (DuckDB)", ("no-change", "duckdb"), ("ours", "duckdb"), "<=", 0.10),
    ]
    rows = []
    ran = {(m.label, m.backend) for m in results}
    for name, a, b, op, target in checks:
        if a not in ran or b not in ran:
            continue  # a scenario this invocation did not run (`--backend`)
        value, bound = _ratio(_find(results, *a), _find(results, *b))
        met = value is not None and (value <= target if op == "<=" else value >= target)
        text = "n/a" if value is None else f"{'>= ' if bound else ''}{value:.2f}"
        rows.append([name, text, f"{op} {target:g}", "met" if met else "MISSED"])
    ours = [m.rss_mb for m in results if m.label == "ours"]
    peak = max(ours) if ours else None
    met = peak is not None and peak <= RSS_TARGET_MB
    rows.append(["peak RSS of ours (MB)", "n/a" if peak is None else f"{peak:.0f}",
                 f"<= {RSS_TARGET_MB}", "met" if met else "MISSED"])  # fmt: skip
    return rows


def render(results: Sequence[Measured], files: Sequence[Any], scale: float) -> str:
    rows = []
    for m in results:
        rate = f"{m.rows / m.wall:,.0f}" if m.wall else "-"
        note = ", ".join(f"{n}x{code}" for code, n in m.http.items()) if m.http else ""
        if m.capped_at:
            note = f"stopped at {m.capped_at:.0f} s (cap)"
        elif not m.ok:
            note = f"FAILED {m.detail.get('failed') or ''}".strip()
        rows.append([m.label, m.backend, m.wall_text(), f"{m.rss_mb:,.0f}", rate, note])
    table = tabulate(rows, ["scenario", "backend", "wall s", "peak RSS MB", "rows/s", "notes"],
                     tablefmt="github")  # fmt: skip
    ratios = tabulate(ratio_rows(results), ["ratio", "value", "target", "status"],
                      tablefmt="github")  # fmt: skip
    sizes = ", ".join(f"{f.source} {f.rows:,}" for f in files)
    return (
        f"scale {scale:g} ({sum(f.rows for f in files):,} raw rows: {sizes}); "
        f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}"
        f"\n\n{table}\n\n{ratios}\n"
    )


def print_report(
    results: Sequence[Measured], files: Sequence[Any], scale: float, *, full: bool
) -> None:
    text = render(results, files, scale)
    print("\n" + text)
    if full:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        RESULTS_FILE.write_text(f"Full-size run of {stamp}, `python benchmarks/run.py`:\n\n{text}")
        print(f"(saved to {RESULTS_FILE})")
    elif RESULTS_FILE.exists():
        print("Closing note: this was a reduced size. The latest full-size table "
              f"({RESULTS_FILE.name}):\n\n{RESULTS_FILE.read_text()}")  # fmt: skip
    else:
        print("Closing note: no full-size table yet; run `python benchmarks/run.py`.")
