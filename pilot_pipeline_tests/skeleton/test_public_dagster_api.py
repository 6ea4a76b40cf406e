"""The package uses Dagster's public API only: no module imports anything from `dagster._*`,
whose contents change between releases without notice."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pilot_pipeline

PACKAGE = Path(pilot_pipeline.__file__).resolve().parent


def private_dagster_imports(source: str) -> list[str]:
    """The private Dagster modules or names that `source`'s import statements reach for."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("dagster._")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("dagster._"):
                found.append(node.module)
            elif node.module == "dagster":  # `from dagster import _core`
                found += [f"dagster.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


@pytest.mark.parametrize(
    "source",
    [
        "from dagster._core.definitions.data_version import StaleStatus",
        "import dagster._core.loader",
        "import dagster._core.loader as loader",
        "from dagster import _core",
        "def f():\n    from dagster._utils import cached_method\n",
    ],
)
def test_the_scan_finds_a_private_import(source: str) -> None:
    assert private_dagster_imports(source)


@pytest.mark.parametrize(
    "source",
    [
        "import dagster as dg",
        "from dagster import AssetKey, DataVersion",
        "from dagster_duckdb import DuckDBResource",
        # A logger name is a string, not an import.
        'import logging\nlogging.getLogger("dagster._core.execution")',
        "from ._core import x",
    ],
)
def test_the_scan_lets_public_imports_through(source: str) -> None:
    assert private_dagster_imports(source) == []


def test_no_module_of_the_package_imports_private_dagster() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 20  # the scan really looked at the package
    offenders = {
        str(path.relative_to(PACKAGE.parent)): names
        for path in modules
        if (names := private_dagster_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
