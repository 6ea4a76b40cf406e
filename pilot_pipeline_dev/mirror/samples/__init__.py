"""Generators of the sample mirror's synthetic files (all but the real CDE directory rows).

Run `python -m pilot_pipeline_dev.mirror.samples` to rewrite every synthetic file; output is
deterministic, so a rerun leaves git clean.
"""
