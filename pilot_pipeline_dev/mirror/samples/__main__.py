"""`python -m pilot_pipeline_dev.mirror.samples`: rewrite every synthetic sample file.

Each source's generator is found by the source's name (`generators()`). The FRPM workbooks are
real CDE files (fixtures/real/frpm) and are not generated: `samples.frpm` builds synthetic
workbooks for parser tests and has no `generate()`.
The LAUSD drops and their crosswalk come from `python -m pilot_pipeline_dev.mirror.samples.lausd`
(one generator for the three drop sources, which also rewrites the package's crosswalk)."""

from __future__ import annotations

from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.samples import generators


def main() -> None:
    for name, generate in generators().items():
        for path in generate():
            print(f"{name}: {path.relative_to(MIRROR_FILES_DIR)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
