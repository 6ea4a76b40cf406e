"""Generators of the sample mirror's synthetic files (all but the real CDE directory rows).

Run `python -m pilot_pipeline_dev.mirror.samples` to rewrite every synthetic file; output is
deterministic, so a rerun leaves git clean. A source's generator is this package's module named
as the source, with `generate()`: no list to keep.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from pilot_pipeline.sources import discovered_sources


def generators() -> dict[str, Callable[[], list[Path]]]:
    """Source name -> the `generate()` of its sample module, for each source that has one."""
    found = {}
    for spec in discovered_sources():
        module = f"{__name__}.{spec.name}"
        if find_spec(module) is None:
            continue
        generate = getattr(import_module(module), "generate", None)
        if generate is not None:
            found[spec.name] = generate
    return found
