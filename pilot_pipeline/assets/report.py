"""`reports/pilot_report`: the report's comparisons as PNG charts and one static HTML page.

Reads only the `bi.vw_pilot_*` views (what BI users see), so the report and the dashboards
cannot disagree. The charts are also embedded in the materialization's markdown metadata, so
the Dagster UI shows the report without opening the file.
"""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from pydantic import Field

from pilot_pipeline.partitions import spring_year
from pilot_pipeline.reporting import build_sections, render_report
from pilot_pipeline.resources.warehouse import WarehouseResource

from .change import forced, observe, stale_reason
from .dimensions import dim_school, dim_student_group
from .facts import fact_assets
from .metadata import OWNERS

# The warehouse tables under the bi views the report reads (see sql/views/).
VIEW_SOURCES = {
    "fct_school_pilot_status",
    "fct_enrollment",
    "fct_english_learner",
    "fct_frpm",
    "fct_assessment",
    "fct_chronic_absenteeism",
    "fct_suspension",
    "fct_graduation",
    "fct_early_literacy",
    "fct_survey_response",
}


class PilotReportConfig(dg.Config):
    output_dir: str = Field(
        default="reports",
        description="Folder that receives pilot_report/ (index.html and the PNG charts); "
        "relative paths are relative to the run's working directory.",
    )
    school_year: str = Field(
        default="2021-22",
        description="Focus school year of the single-year charts (the report's Figure 1 year); "
        "a view without it falls back to its latest year.",
    )


def _view_source_assets() -> list[dg.AssetsDefinition]:
    # Only facts that exist in this code location: a dep on an undefined key would show up
    # in the UI as a phantom external asset.
    return [a for a in fact_assets if a.key.path[-1] in VIEW_SOURCES]


def _unchanged_reason(context: dg.AssetExecutionContext, html: Path, focus: str) -> str | None:
    """Why the report need not be redrawn (None: redraw): its page is still on disk, drawn
    for the same focus year, and every view source is at the version it was drawn from."""
    if forced(context) or not html.is_file():
        return None
    event = context.instance.get_latest_materialization_event(context.asset_key)
    drawn = event.asset_materialization.metadata if event and event.asset_materialization else {}
    same_page = getattr(drawn.get("html"), "value", None) == str(html.resolve())
    if not same_page or getattr(drawn.get("school_year"), "value", None) != focus:
        return None
    if stale_reason(context, context.asset_key) is not None:
        return None
    return f"up to date: {html} drawn for {focus} from the current version of every view source"


@dg.asset(
    key=["reports", "pilot_report"],
    deps=[dim_school, dim_student_group, *_view_source_assets()],
    group_name="reports",
    kinds={"html", "matplotlib"},
    owners=OWNERS,
    output_required=False,
    description=(
        "The pilot vs non-pilot report: pilot schools by level, demographics, graduation and "
        "A-G, assessment, chronic absenteeism, suspension, English learners, the like-for-like "
        "matched comparison, early literacy and survey, as PNG charts and one static HTML page "
        "(<output_dir>/pilot_report/index.html), drawn from the bi.vw_pilot_* views. A missing "
        "or empty view makes its section say 'no data yet'. Redrawn only when a fact it reads "
        "changed (or the page is gone)."
    ),
)
def pilot_report(
    context: dg.AssetExecutionContext, config: PilotReportConfig, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult]:
    html = Path(config.output_dir) / "pilot_report" / "index.html"
    reason = _unchanged_reason(context, html, config.school_year)
    if reason is not None:
        observe(context, reason)
        return
    sections = build_sections(warehouse, spring_year(config.school_year))
    report = render_report(sections, Path(config.output_dir), focus_label=config.school_year)
    missing = [s.view for s in sections if s.missing]
    if missing:
        context.log.warning(f"report sections without data: {', '.join(missing)}")
    context.log.info(f"wrote {report.html_path} with {len(report.chart_paths)} charts")
    yield dg.MaterializeResult(
        metadata={
            "html": dg.MetadataValue.path(str(report.html_path.resolve())),
            "school_year": dg.MetadataValue.text(config.school_year),
            "charts": dg.MetadataValue.int(len(report.chart_paths)),
            "sections_without_data": dg.MetadataValue.int(len(missing)),
            "figures": dg.MetadataValue.md(
                report.figures.to_markdown(index=False) if len(report.figures) else "_none_"
            ),
            "report": dg.MetadataValue.md(report.markdown),
        }
    )


report_assets = [pilot_report]
