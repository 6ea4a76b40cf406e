"""`python -m pilot_pipeline.mirror.samples`: rewrite every synthetic sample file."""

from importlib import import_module

from pilot_pipeline import MIRROR_FILES_DIR

GENERATORS = (
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


def main() -> None:
    for name in GENERATORS:
        paths = import_module(f"{__package__}.{name}").generate()
        for path in paths:
            print(f"{name}: {path.relative_to(MIRROR_FILES_DIR)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
