"""The reviewed expectation suites, each in its source's folder (`sources/<source>/suite.py`
defining `SUITES`; one suite per layout where the layouts differ in what they fill), found by
folder: no list to keep. A suite is named by its `source` field, the source's staging asset
(the directory folder's suite is `cde_school_directory`). `suite_for` picks the suite of a
parsed file."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from pilot_pipeline.sources import source_named, source_packages
from pilot_pipeline.sources.base import first_line, match_layout
from pilot_pipeline.sources.expectations import SuiteSpec


def declared_suites() -> list[SuiteSpec]:
    """The suites of every source folder that has a `suite.py`, by folder name."""
    declared: list[SuiteSpec] = []
    for package in source_packages():
        if find_spec(f"{package}.suite") is not None:
            declared.extend(import_module(f"{package}.suite").SUITES)
    return declared


@cache
def suites(source: str) -> tuple[SuiteSpec, ...]:
    """Every suite of a source. A source added without its suite gets the basic checks only
    (CDS format, directory, row count) until a reviewed `suite.py` is written."""
    found = tuple(suite for suite in declared_suites() if suite.source == source)
    return found or (SuiteSpec(source=source, columns={}, key=()),)


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
