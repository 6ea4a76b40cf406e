"""The built wheel is the pipeline and its run-time files, and nothing of the dev kit.

Builds the wheel from a copy of the repository (setuptools from the dev extras, no build
isolation, so offline) and reads its file list: no sample mirror, demo, dev, pipeline-run or
benchmark module, no `pilot_pipeline_dev`, no tests; every package module, every SQL file, the
reviewed data and the report template are in it, and the unpacked wheel finds its SQL.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pilot_pipeline import PACKAGE_DIR, REPO_DIR

COPIED = ("pyproject.toml", "setup.py", "README.md", "pilot_pipeline", "pilot_pipeline_dev", "sql")
DEV_KIT = re.compile(r"(^|/)(mirror|demo|dev|pipeline_run|summary|\w*benchmark\w*)(/|\.py$)")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "src"
    for name in COPIED:
        path = REPO_DIR / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    result = subprocess.run(
        [*command, "--quiet", "-w", str(root / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    (built,) = (root / "dist").glob("pilot_pipeline-*.whl")
    return built


def names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_holds_no_dev_kit_and_no_tests(wheel: Path) -> None:
    listed = names(wheel)
    outside = [n for n in listed if not re.match(r"pilot_pipeline(/|-[^/]+\.dist-info/)", n)]
    assert outside == [], outside  # no pilot_pipeline_dev/, pilot_pipeline_tests/, benchmarks/
    dev_kit = [n for n in listed if n.startswith("pilot_pipeline/") and DEV_KIT.search(n)]
    assert dev_kit == [], dev_kit


def _sql_files(root: Path) -> list[Path]:
    """The DDL of a sql/ tree: SQL files and table declarations."""
    return [p for p in root.rglob("*") if p.suffix in (".sql", ".yml")]


def test_the_wheel_holds_every_module_and_run_time_file(wheel: Path) -> None:
    listed = set(names(wheel))
    modules = {
        f"pilot_pipeline/{p.relative_to(PACKAGE_DIR).as_posix()}" for p in PACKAGE_DIR.rglob("*.py")
    }
    assert modules - listed == set()
    sql = {f"pilot_pipeline/sql/{p.relative_to(REPO_DIR / 'sql').as_posix()}"
           for p in _sql_files(REPO_DIR / "sql")}  # fmt: skip
    assert sql and sql - listed == set()
    data = {f"pilot_pipeline/data/{p.name}" for p in (PACKAGE_DIR / "data").iterdir()}
    assert data and data - listed == set()
    assert "pilot_pipeline/reporting/templates/report.html.j2" in listed


def test_the_unpacked_wheel_reads_its_own_sql(wheel: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    # -S: no site-packages, so only the unpacked wheel can answer `import pilot_pipeline`.
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import pilot_pipeline as p; "
        "print(p.SQL_DIR); print(sum(f.suffix in ('.sql', '.yml') for f in p.SQL_DIR.rglob('*')))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    sql_dir, count = result.stdout.split()
    assert Path(sql_dir) == tmp_path / "pilot_pipeline" / "sql"
    assert int(count) == len(_sql_files(REPO_DIR / "sql"))


def test_every_console_script_of_the_wheel_resolves(wheel: Path) -> None:
    # An entry point naming a module that does not exist installs a command that only fails.
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")] or [""]
        text = archive.read(entry_points).decode() if entry_points else ""
    targets = re.findall(r"^\S+\s*=\s*([\w.]+):(\w+)", text, flags=re.M)
    for module, function in targets:
        assert (PACKAGE_DIR.parent / f"{module.replace('.', '/')}.py").exists(), module
        assert (
            f"def {function}("
            in (PACKAGE_DIR.parent / f"{module.replace('.', '/')}.py").read_text()
        )
