"""The reviewed files the roster assets stage, and their current data versions.

Kept apart from `roster.py` so that the raw assets, which must know whether the roster files
changed before they skip (see `change.unchanged_source_reason`), need not import the assets.
"""

import hashlib
from pathlib import Path

from pilot_pipeline.resources.settings import PipelineSettings

# Asset name -> the PipelineSettings field holding its file's path.
ROSTER_FILES = {
    "stg_pilot_roster": "roster_path",
    "stg_pilot_roster_crosswalk": "crosswalk_path",
}


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def reviewed_file_version(settings: PipelineSettings, asset_name: str) -> str:
    """The data version the roster asset would have now: its file's sha256."""
    return file_sha256(getattr(settings, ROSTER_FILES[asset_name]))
