"""The reviewed expectation suites, one module per source, named as the source's staging asset
(`<source>.py` defining `SUITES`; one suite per layout where the layouts differ in what they
fill). Found by that name: no list to keep. `suite_for` picks the suite of a parsed file."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from pilot_pipeline.sources import source_named
from pilot_pipeline.sources.base import first_line, match_layout
from pilot_pipeline.validation.spec import SuiteSpec


@cache
def suites(source: str) -> tuple[SuiteSpec, ...]:
    """Every suite of a source. A source added without its suite gets the basic checks only
    (CDS format, directory, row count) until a reviewed suite module is written."""
    try:
        return import_module(f"{__name__}.{source}").SUITES
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{source}":
            raise
        return (SuiteSpec(source=source, columns={}, key=()),)


def layout_of(source: str, data: bytes, file_label: str) -> str | None:
    """The layout whose suite applies, for a source whose suites differ by layout (ACGR's):
    the tab-delimited header's layout, a `_fixed` spelling variant under its layout's suite."""
    if all(suite.layout is None for suite in suites(source)):
        return None
    header = first_line(data, file_label).split("\t")
    layout = match_layout(header, source_named(source).layouts, file_label)
    return layout.name.removesuffix("_fixed")


def suite_for(source: str, layout: str | None = None) -> SuiteSpec:
    """The suite of `source` for `layout` (the layout-free suite when there is one)."""
    candidates = suites(source)
    for spec in candidates:
        if spec.layout in (layout, None):
            return spec
    return candidates[-1]  # an unknown layout fails to parse before the suite matters
