"""The pilot report: charts and one static HTML page built from the `bi.vw_pilot_*` views.

`sections.py` lists the report's sections (one view each) and `charts.py` draws them;
`render.py` writes the PNG files, the HTML page (Jinja2 template in `templates/`) and the
markdown the Dagster UI shows. A missing or empty view makes its section say "no data yet"
instead of failing the report.
"""

from .model import Chart, SectionResult
from .render import RenderedReport, render_report
from .sections import SECTIONS, Section, build_sections

__all__ = [
    "SECTIONS",
    "Chart",
    "RenderedReport",
    "Section",
    "SectionResult",
    "build_sections",
    "render_report",
]
