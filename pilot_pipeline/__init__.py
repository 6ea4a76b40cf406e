"""pilot-pipeline: LAUSD pilot vs non-pilot schools, from public CDE and LAUSD files."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
# A wheel carries sql/ inside the package (setup.py); a source checkout keeps it at the root.
SQL_DIR = PACKAGE_DIR / "sql" if (PACKAGE_DIR / "sql").is_dir() else REPO_DIR / "sql"
DATA_DIR = PACKAGE_DIR / "data"
