"""Schema drift of the staged tables: Dagster's column-schema change checks (WARN).

Each staging materialization records `dagster/column_schema` from the database catalog
(`assets/metadata.py`); these checks compare it with the previous materialization's and name
the columns added, removed or retyped.
"""

import dagster as dg

from pilot_pipeline.assets.staging import staging_assets

schema_drift_checks = dg.build_column_schema_change_checks(
    assets=staging_assets, severity=dg.AssetCheckSeverity.WARN
)
