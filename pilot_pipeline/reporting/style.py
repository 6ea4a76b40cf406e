"""Shared drawing helpers: one look for every chart (Agg backend, no display needed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # before pyplot: runs in Dagster workers and CI without a display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

COLORS = {"pilot": "#1b6ca8", "non-pilot": "#a0a0a0"}
GROUPS = ("pilot", "non-pilot")
FIGSIZE = (7.5, 3.8)
DPI = 100


def new_figure(ncols: int = 1, width: float = FIGSIZE[0]) -> tuple[Figure, list[Axes]]:
    fig, axes = plt.subplots(1, ncols, figsize=(width, FIGSIZE[1]), dpi=DPI, squeeze=False)
    return fig, list(axes[0])


def grouped_bars(
    ax: Axes,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    value_format: str = "{:.1f}",
    colors: Mapping[str, str] = COLORS,
) -> None:
    """Side-by-side bars per category, one series each, labelled with their values.

    A None value draws no bar and is labelled "n/a" so a suppressed figure never looks like 0.
    """
    x = np.arange(len(categories))
    width = 0.8 / max(len(series), 1)
    for i, (name, values) in enumerate(series.items()):
        offset = (i - (len(series) - 1) / 2) * width
        heights = [np.nan if v is None else float(v) for v in values]
        bars = ax.bar(x + offset, heights, width, label=name, color=colors.get(name))
        labels = ["n/a" if v is None else value_format.format(v) for v in values]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=8)
    ax.set_xticks(x, list(categories))
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)


def finish(fig: Figure, title: str, *, legend: bool = True) -> Figure:
    fig.suptitle(title, fontsize=11, x=0.01, ha="left")
    if legend:
        # One legend for the figure, from every panel: a panel may draw only some series.
        seen: dict[str, object] = {}
        for ax in fig.axes:
            for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
                seen.setdefault(label, handle)
        handles, labels = list(seen.values()), list(seen)
        if handles:
            fig.legend(handles, labels, loc="upper right", frameon=False, fontsize=9, ncols=2)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    return fig


def close(fig: Figure) -> None:
    plt.close(fig)


def grouped_hbars(
    ax: Axes,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    value_format: str = "{:.1f}",
    colors: Mapping[str, str] = COLORS,
) -> None:
    """Horizontal grouped bars (long category names), first category on top."""
    y = np.arange(len(categories))
    height = 0.8 / max(len(series), 1)
    for i, (name, values) in enumerate(series.items()):
        offset = (i - (len(series) - 1) / 2) * height
        widths = [np.nan if v is None else float(v) for v in values]
        bars = ax.barh(y + offset, widths, height, label=name, color=colors.get(name))
        labels = ["n/a" if v is None else value_format.format(v) for v in values]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=7)
    ax.set_yticks(y, list(categories), fontsize=8)
    ax.invert_yaxis()
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.18)
