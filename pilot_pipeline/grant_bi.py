"""`make grant-bi`: apply the BI role and its grants to the warehouse of PILOT_WAREHOUSE_URL
now, without a pipeline run (the `meta/bi_access` asset does the same on every reference
refresh). Then `CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE pilot_bi_reader` gives an
analyst read-only access to `bi` and `warehouse`."""

from __future__ import annotations

import os
import sys

from pilot_pipeline.resources import DEFAULT_WAREHOUSE_URL
from pilot_pipeline.resources.bi_access import BI_ROLE, grant_bi_access
from pilot_pipeline.resources.connect import safe_url
from pilot_pipeline.resources.warehouse import WarehouseResource


def main() -> int:
    warehouse = WarehouseResource(url=os.environ.get("PILOT_WAREHOUSE_URL", DEFAULT_WAREHOUSE_URL))
    if warehouse.dialect != "postgresql":
        print(f"{safe_url(warehouse.url)} is DuckDB: no roles; analysts open it read-only")
        return 0
    warehouse.apply_ddl()
    files = grant_bi_access(warehouse)
    print(f"{BI_ROLE} on {safe_url(warehouse.url)}: applied {', '.join(files)}")
    print(f"give an analyst access: CREATE ROLE <name> LOGIN PASSWORD '...' IN ROLE {BI_ROLE};")
    return 0


if __name__ == "__main__":
    sys.exit(main())
