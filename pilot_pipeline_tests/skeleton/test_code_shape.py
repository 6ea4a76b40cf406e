"""The shape rules of the package that a reviewer would otherwise have to count by hand."""

from __future__ import annotations

from pathlib import Path

from pilot_pipeline import PACKAGE_DIR

# Small files: past this a module holds more than one concern and wants splitting.
MAX_LINES = 400


def files_over(root: Path, limit: int = MAX_LINES) -> dict[str, int]:
    """Line counts of the .py files below `root` longer than `limit`, by path relative to it."""
    counts = {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(root.rglob("*.py"))
    }
    return {path: lines for path, lines in counts.items() if lines > limit}


def test_no_package_module_is_over_the_line_limit() -> None:
    long_files = files_over(PACKAGE_DIR)
    assert not long_files, f"pilot_pipeline modules over {MAX_LINES} lines: " + ", ".join(
        f"{path} ({lines})" for path, lines in long_files.items()
    )


def test_the_limit_names_a_long_file(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    (tmp_path / "pkg" / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    assert files_over(tmp_path) == {"pkg/long.py": MAX_LINES + 1}
