"""One module per public file family. `YEARLY_SOURCES` lists those partitioned by school year.

Adding a source: write `sources/<name>.py` (URL table, layouts, parser), its mirror sample
generator, its staging/fact DDL and its expectation suite, then list it here.
"""

from __future__ import annotations

from importlib import import_module

from .base import SourceSpec

# Import by name so that one missing module names itself instead of breaking every source.
_YEARLY_MODULES = (
    "acgr",
    "census_day",
    "historical_enrollment",
    "dashboard_enrollment",
    "frpm",
    "ltel",
    "caaspp",
    "chronic_absenteeism",
    "suspension",
)


def yearly_sources() -> list[SourceSpec]:
    """The SourceSpec of every yearly source, in a stable order."""
    specs = []
    for name in _YEARLY_MODULES:
        try:
            module = import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        specs.append(module.SOURCE)
    return specs
