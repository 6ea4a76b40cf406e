"""Write the report: one PNG per chart, `index.html`, and the markdown the Dagster UI shows.

The files are written to a fresh sibling folder and swapped in at the end, so a failure
halfway leaves the previous report whole and a rerun never leaves stale charts behind.
"""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .model import Chart, SectionResult
from .style import DPI, close

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_NAME = "pilot_report"


@dataclass(frozen=True)
class RenderedReport:
    html_path: Path
    chart_paths: list[Path]
    figures: pd.DataFrame  # one row per chart: number, title, view, file, exclusions
    markdown: str  # the whole report with the charts inline, for MetadataValue.md


def _png_bytes(chart: Chart, path: Path) -> bytes:
    chart.figure.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
    close(chart.figure)
    return path.read_bytes()


def _table_html(frame: pd.DataFrame) -> Markup:
    # to_html escapes cell text; the Markup only stops Jinja2 from escaping the tags again.
    html = frame.to_html(index=False, float_format=lambda v: f"{v:.1f}", na_rep="n/a", border=0)
    return Markup(html)  # noqa: S704


def _count(value: int | None) -> int | str:
    return "not counted" if value is None else value


def _swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames, so a reader never sees a half report."""
    backup = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        target.rename(backup)
    staging.rename(target)
    shutil.rmtree(backup, ignore_errors=True)


def render_report(
    sections: list[SectionResult], output_dir: Path, *, focus_label: str
) -> RenderedReport:
    """Write `<output_dir>/pilot_report/{index.html,*.png}` and return what was written."""
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / REPORT_NAME
    staging = output_dir / f".{REPORT_NAME}.new-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        figures, blocks, html_sections = [], [f"## Pilot vs non-pilot, {focus_label}"], []
        number = 0
        for section in sections:
            blocks.append(f"### {section.title}")
            html_charts = []
            if section.missing:
                blocks.append(f"_{section.missing}_")
            for chart in section.charts:
                number += 1
                name = f"{number:02d}_{chart.slug}.png"
                png = _png_bytes(chart, staging / name)
                caption = f"Figure {number}. {chart.title}. {chart.caption}"
                encoded = base64.b64encode(png).decode("ascii")
                blocks += [f"![{chart.title}](data:image/png;base64,{encoded})", f"_{caption}_"]
                html_charts.append(
                    {"file": name, "caption": caption, "table": _table_html(chart.data)}
                )
                figures.append(
                    {
                        "figure": number,
                        "title": chart.title,
                        "source_view": chart.view,
                        "file": name,
                        "excluded_schools": _count(chart.exclusions.schools),
                        "excluded_students": _count(chart.exclusions.students),
                    }
                )
            html_sections.append({"result": section, "charts": html_charts})
        env = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"])
        )
        generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        html = env.get_template("report.html.j2").render(
            sections=html_sections, focus_label=focus_label, generated=generated
        )
        (staging / "index.html").write_text(html, encoding="utf-8")
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for section in sections:
            for chart in section.charts:
                close(chart.figure)
        raise
    figures_frame = pd.DataFrame(
        figures,
        columns=["figure", "title", "source_view", "file", "excluded_schools", "excluded_students"],
    )
    return RenderedReport(
        html_path=target / "index.html",
        chart_paths=[target / f["file"] for f in figures],
        figures=figures_frame,
        markdown="\n\n".join(blocks),
    )
