"""Sensor over the LAUSD inbox: one run per new or changed drop, for its source and year only.

Each tick lists the inbox (`PILOT_LAUSD_INBOX`: a folder or an fsspec URL), hashes every drop
and compares with the cursor (JSON: drop URL -> sha256). A new or changed drop is archived
in the raw archive by sha256 and gets ONE run request: partition = its school year, selection =
its raw, staging and fact assets, run config = the archived copy (so the run loads exactly the
bytes seen here), run key = the sha256 (the same bytes never launch twice, even renamed). A file
that is not a LAUSD drop is logged and remembered, not retried every tick.
"""

import json

import dagster as dg

from pilot_pipeline.assets.lausd import asset_keys
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.sources.lausd_inbox import archive_drop, inbox_location, read_drop, scan


def _cursor(text: str | None) -> dict[str, str]:
    return json.loads(text) if text else {}


@dg.sensor(
    name="lausd_inbox_sensor",
    minimum_interval_seconds=300,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=(
        "Launches one run per new or changed LAUSD drop (early literacy, SES, Norm Day) for "
        "its school year: raw, staging (blocking checks) and fact. The same file never twice."
    ),
)
def lausd_inbox_sensor(
    context: dg.SensorEvaluationContext, downloader: SourceDownloader
) -> dg.SensorResult:
    seen = _cursor(context.cursor)
    known_shas = set(seen.values())
    location = inbox_location()
    drops, problems = scan(location)
    for problem in problems:
        context.log.warning(f"LAUSD inbox {location}: skipped {problem}")
    requests = []
    for drop in drops:
        if seen.get(drop.url) == drop.sha256:
            continue
        seen[drop.url] = drop.sha256
        if drop.sha256 in known_shas:
            continue  # the same bytes under another name: already loaded
        known_shas.add(drop.sha256)
        raw = archive_drop(read_drop(drop.url), downloader=downloader, url=drop.url,
                           source=drop.source, school_year=drop.school_year)  # fmt: skip
        if raw.sha256 != drop.sha256:
            continue  # replaced while we read it: the next tick sees the new version
        op = f"raw__{drop.source}"
        config = {"archived_path": raw.path, "sha256": raw.sha256, "inbox_url": drop.url}
        requests.append(
            dg.RunRequest(
                run_key=drop.sha256,
                partition_key=drop.school_year,
                asset_selection=asset_keys(drop.source),
                run_config={"ops": {op: {"config": config}}},
                tags={"pilot_pipeline/lausd_drop": drop.url, "pilot_pipeline/sha256": drop.sha256},
            )
        )
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))


sensors = [lausd_inbox_sensor]
