"""`python -m pilot_pipeline_dev.mirror.samples`: rewrite every synthetic sample file.

The FRPM workbooks are real CDE files (fixtures/real/frpm) and are not generated; `samples.frpm`
still builds synthetic workbooks for parser tests."""

from importlib import import_module

from pilot_pipeline_dev import MIRROR_FILES_DIR

GENERATORS = (
    "acgr",
    "census_day",
    "historical_enrollment",
    "dashboard_enrollment",
    "ltel",
    "caaspp",
    "chronic_absenteeism",
    "suspension",
)


def main() -> None:
    for name in GENERATORS:
        paths = import_module(f"{__package__}.{name}").generate()
        for path in paths:
            print(f"{name}: {path.relative_to(MIRROR_FILES_DIR)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
