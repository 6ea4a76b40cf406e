"""Blocking check: every roster entry resolves to exactly one open LAUSD district school."""

import dagster as dg
import pandas as pd

from pilot_pipeline.assets.roster import stg_pilot_roster_crosswalk
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.roster.validation import validate_crosswalk


@dg.asset_check(
    asset=stg_pilot_roster_crosswalk,
    name="crosswalk_resolves_every_roster_entry",
    blocking=True,
    additional_deps=[dg.AssetKey(["staging", "stg_cde_school_directory"])],
    description=(
        "Fails, naming the entries, when a roster school is unresolved, ambiguous (two CDS "
        "codes), shares a CDS code with another entry, is closed that year, is a charter, or "
        "is outside LAUSD or the directory. Blocking: pilot status is not computed."
    ),
)
def crosswalk_resolves_every_roster_entry(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    roster = warehouse.read_frame(
        "SELECT school_year_label AS school_year, school_name_as_published "
        "FROM staging.stg_pilot_roster ORDER BY school_year, school_name_as_published"
    )
    crosswalk = warehouse.read_frame(
        "SELECT school_year_label AS school_year, school_name_as_published, cds_code "
        "FROM staging.stg_pilot_roster_crosswalk"
    )
    directory = warehouse.read_frame(
        "SELECT cds_code, school_name, status_type, open_date, closed_date, is_charter "
        "FROM staging.stg_cde_school_directory"
    )
    for column in ("open_date", "closed_date"):
        directory[column] = pd.to_datetime(directory[column]).dt.date
    problems = validate_crosswalk(roster, crosswalk, directory)
    table = pd.DataFrame([p.__dict__ for p in problems])
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description="; ".join(p.message for p in problems[:20]) or "all entries resolve",
        metadata={
            "roster_entries": len(roster),
            "problems": len(problems),
            "by_kind": dg.MetadataValue.json(
                table["kind"].value_counts().to_dict() if problems else {}
            ),
            "problem_entries": dg.MetadataValue.md(
                table[["school_year", "school_name_as_published", "kind", "message"]].to_markdown(
                    index=False
                )
                if problems
                else "_none_"
            ),
        },
    )


roster_checks = [crosswalk_resolves_every_roster_entry]
