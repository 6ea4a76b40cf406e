"""The nightly refresh: 03:00 in Los Angeles, the current and the previous school year.

One tick asks for, in this order, the reference run, the previous and the current school
year, then the report; the run queue (dagster.yaml) starts them one at a time, in that order.
Runs are change-aware (assets/change.py), so a night when no public file changed costs one
conditional GET per file and rebuilds nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import dagster as dg

from pilot_pipeline.jobs import REFERENCE_KEYS, REPORT_KEYS, WRITER_TAGS, YEARLY_KEYS
from pilot_pipeline.partitions import SCHOOL_YEARS, school_year_of

TIMEZONE = "America/Los_Angeles"


def years_to_refresh(day: dt.date) -> list[str]:
    """The previous and the current school year of `day` (those that are partitions)."""
    current = school_year_of(day)
    fall = int(current[:4])
    previous = f"{fall - 1}-{fall % 100:02d}"
    return [year for year in (previous, current) if year in SCHOOL_YEARS]


@dg.schedule(
    cron_schedule="0 3 * * *",
    execution_timezone=TIMEZONE,
    target=dg.AssetSelection.assets(*REFERENCE_KEYS, *YEARLY_KEYS, *REPORT_KEYS),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Nightly at 03:00 America/Los_Angeles: reference data, the previous and the "
    "current school year, then the report.",
)
def nightly_refresh(context: dg.ScheduleEvaluationContext) -> list[dg.RunRequest]:
    scheduled = context.scheduled_execution_time or dt.datetime.now(ZoneInfo(TIMEZONE))
    day = scheduled.astimezone(ZoneInfo(TIMEZONE)).date()
    stamp = day.isoformat()
    requests = [
        dg.RunRequest(
            run_key=f"{stamp}/reference", asset_selection=REFERENCE_KEYS, tags=WRITER_TAGS
        )
    ]
    requests += [
        dg.RunRequest(
            run_key=f"{stamp}/{year}",
            asset_selection=YEARLY_KEYS,
            partition_key=year,
            tags=WRITER_TAGS,
        )
        for year in years_to_refresh(day)
    ]
    # The report reads every year: the queue starts it after the runs above.
    requests.append(
        dg.RunRequest(run_key=f"{stamp}/report", asset_selection=REPORT_KEYS, tags=WRITER_TAGS)
    )
    return requests


schedules = [nightly_refresh]
