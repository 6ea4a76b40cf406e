"""pilot-pipeline: LAUSD pilot vs non-pilot schools, from public CDE and LAUSD files."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SQL_DIR = REPO_DIR / "sql"
DATA_DIR = PACKAGE_DIR / "data"
MIRROR_FILES_DIR = PACKAGE_DIR / "mirror" / "files"
