"""One folder per file family: `<source>/__init__.py` declares `SOURCE = SourceSpec(...)` (see
`spec.py`) and `<source>/suite.py` its expectation suites; the modules beside the folders are
the pieces the sources share.

Sources are discovered, not listed: every sub-package of this package is one, in the order of
folder names. Adding a source: docs/adding_a_source.md.
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

from .base import SourceSpec


def source_packages() -> list[str]:
    """The full names of this package's sub-packages, one per source, by folder name.

    Reads `__path__` when called, so a folder added to it (a test's toy source) is found too.
    """
    folders = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg)
    return [f"{__name__}.{folder}" for folder in folders]


@cache
def discovered_sources() -> tuple[SourceSpec, ...]:
    """The SourceSpec of every source folder, by folder name."""
    specs = []
    for package in source_packages():
        spec = getattr(import_module(package), "SOURCE", None)
        if not isinstance(spec, SourceSpec):
            # A folder here is a source: a shared helper is a module beside the folders.
            raise TypeError(f"{package} declares no `SOURCE = SourceSpec(...)`")
        specs.append(spec)
    names = [spec.name for spec in specs]
    if len(set(names)) < len(names):
        raise ValueError(f"two source folders declare the same source name: {sorted(names)}")
    return tuple(specs)


def yearly_sources() -> list[SourceSpec]:
    """The public files published once per school year, in a stable order."""
    return [spec for spec in discovered_sources() if spec.delivery == "yearly"]


def drop_sources() -> list[SourceSpec]:
    """The LAUSD exports dropped in an inbox per school year, in a stable order."""
    return [spec for spec in discovered_sources() if spec.delivery == "drop"]


def source_named(name: str) -> SourceSpec:
    """One discovered source by name; KeyError names the known ones."""
    for spec in discovered_sources():
        if spec.name == name:
            return spec
    raise KeyError(f"unknown source {name!r}; known: {[s.name for s in discovered_sources()]}")
