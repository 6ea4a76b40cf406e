"""The demo and test kit: the sample mirror, `make demo`, `make dev` and the benchmark runners.

It lives beside the package, not in it: it imports `pilot_pipeline`, never the reverse, and the
built wheel leaves it out (pyproject's package discovery). Run its modules from the repository
root (`python -m pilot_pipeline_dev.demo`), which puts it on the import path.
"""

import os
from pathlib import Path

from pilot_pipeline.sources.lausd_inbox import INBOX_ENV

DEV_DIR = Path(__file__).resolve().parent
MIRROR_FILES_DIR = DEV_DIR / "mirror" / "files"
# The synthetic LAUSD drops; the demo and the tests point PILOT_LAUSD_INBOX here.
SAMPLE_INBOX = DEV_DIR / "mirror" / "inbox" / "lausd"


def use_sample_inbox() -> None:
    """Point the LAUSD inbox at the sample drops, unless PILOT_LAUSD_INBOX names another."""
    os.environ.setdefault(INBOX_ENV, str(SAMPLE_INBOX))
