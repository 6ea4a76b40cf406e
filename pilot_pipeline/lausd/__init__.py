"""LAUSD tools for a reviewer: `python -m pilot_pipeline.lausd.suggest` proposes CDS codes for
new LAUSD location codes. The LAUSD file sources themselves sit with the other sources
(`pilot_pipeline/sources/lausd_*.py`)."""
