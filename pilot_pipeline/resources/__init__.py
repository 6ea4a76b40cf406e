"""Resources, chosen by environment in one place.

- `PILOT_WAREHOUSE_URL`: SQLAlchemy URL of the warehouse (a secret when it holds a password,
  so it is read through `dagster.EnvVar` at run time and never shown in the UI). Unset: the
  DuckDB file `pilot_warehouse.duckdb`.
- `PILOT_SOURCE_MIRROR`: base URL of a mirror (the sample mirror in tests and demos). Unset:
  the real public hosts.
- `PILOT_RAW_ARCHIVE`: folder of the raw archive (default `data/raw`).
- `PILOT_SCOPE`: `lausd` (default) or `statewide`.
"""

from __future__ import annotations

import os

import dagster as dg

from .downloader import SourceDownloader
from .settings import PipelineSettings
from .warehouse import WarehouseResource

DEFAULT_WAREHOUSE_URL = "duckdb:///pilot_warehouse.duckdb"


def warehouse_kind() -> str:
    """'duckdb' or 'postgres', for asset kinds (shown as icons in the UI)."""
    url = os.environ.get("PILOT_WAREHOUSE_URL", DEFAULT_WAREHOUSE_URL)
    return "postgres" if url.startswith("postgres") else "duckdb"


def build_resources() -> dict[str, dg.ConfigurableResource]:
    warehouse_url: str | dg.EnvVar = (
        dg.EnvVar("PILOT_WAREHOUSE_URL")
        if os.environ.get("PILOT_WAREHOUSE_URL")
        else DEFAULT_WAREHOUSE_URL
    )
    return {
        "warehouse": WarehouseResource(url=warehouse_url),
        "downloader": SourceDownloader(
            archive_dir=os.environ.get("PILOT_RAW_ARCHIVE", "data/raw"),
            mirror=os.environ.get("PILOT_SOURCE_MIRROR", ""),
        ),
        "settings": PipelineSettings(scope=os.environ.get("PILOT_SCOPE", "lausd")),
    }


__all__ = [
    "PipelineSettings",
    "SourceDownloader",
    "WarehouseResource",
    "build_resources",
    "warehouse_kind",
]
