"""LAUSD files that arrive as exports, not public downloads: early literacy, SES, Norm Day.

LAUSD's open-data portal publishes dashboards, not file endpoints, so a district data team
receives these as exports and drops them in an inbox (a local folder, or any prefix fsspec can
read) or serves them at a configured URL. `docs/lausd_input_contracts.md` is the contract.

- `crosswalk`: the reviewed LAUSD location code -> CDS crosswalk (data), and the roll-up of
  dual-language program rows to their school.
- `suggest`: `python -m pilot_pipeline.lausd.suggest`, CDS suggestions for a location list.
- `inbox`: which file is which source and year, listing an inbox, archiving a drop by sha256.
- `registry`: the three LAUSD `SourceSpec`s.
"""

from __future__ import annotations

import os

from pilot_pipeline import PACKAGE_DIR

INBOX_ENV = "PILOT_LAUSD_INBOX"
# The sample drops shipped with the repo; production sets PILOT_LAUSD_INBOX.
SAMPLE_INBOX = PACKAGE_DIR / "mirror" / "inbox" / "lausd"


def inbox_location() -> str:
    """The inbox folder or fsspec URL (`s3://bucket/lausd/`), from the environment."""
    return os.environ.get(INBOX_ENV) or str(SAMPLE_INBOX)
