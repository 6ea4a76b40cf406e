"""One module per file family, each declaring `SOURCE = SourceSpec(...)` (see `spec.py`).

Sources are discovered, not listed: every module of this package that defines a `SOURCE`
is one, in the order of module names. Adding a source: docs/adding_a_source.md.
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

from .base import SourceSpec


@cache
def discovered_sources() -> tuple[SourceSpec, ...]:
    """The SourceSpec of every module of this package that defines one, by module name.

    Reads `__path__` when called, so a folder added to it (a test's toy source) is found too.
    """
    specs = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        spec = getattr(import_module(f"{__name__}.{module.name}"), "SOURCE", None)
        if isinstance(spec, SourceSpec):
            specs.append(spec)
    names = [spec.name for spec in specs]
    if len(set(names)) < len(names):
        raise ValueError(f"two source modules declare the same source name: {sorted(names)}")
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
