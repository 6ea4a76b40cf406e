"""Package discovery, the one part of the build pyproject.toml cannot say.

The wheel holds `pilot_pipeline` and its run-time files only: the reviewed data, the report
template and the repository's `sql/` (shipped as `pilot_pipeline/sql/`). The dev kit
(`pilot_pipeline_dev`: sample mirror, demo, benchmarks) and the tests stay in the repository.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pilot_pipeline", "pilot_pipeline.*"]), "pilot_pipeline.sql"],
    package_dir={"pilot_pipeline.sql": "sql"},
    package_data={
        "pilot_pipeline": ["data/*", "reporting/templates/*"],
        "pilot_pipeline.sql": ["**/*.sql", "**/*.yml"],
    },
)
