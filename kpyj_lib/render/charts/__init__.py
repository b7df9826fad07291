"""Matplotlib figures for the A4 reports, with the Thai font Sarabun; one module per chart.

Every chart function takes its data first (the plan graph, or a frame from
:mod:`kpyj_lib.analysis`) — never a document — and returns a
:class:`matplotlib.figure.Figure` built with the object-oriented API (``Figure()``, never
:mod:`matplotlib.pyplot`), so no global figure state leaks from one report to the next;
nothing is shown and nothing is written. HTML pages put a chart inline as ``<svg>`` with
its text as text (:func:`draw_svg`, :func:`to_svg`: the page's embedded Sarabun draws it);
Word documents and notebook images take PNG bytes (:func:`to_png_bytes`,
:func:`to_data_uri`).

=========================  ===============================================================
function (module)          draws
=========================  ===============================================================
:func:`alignment_graph`    a province's plans, objectives, KRs and projects in layered
(``alignment``)            bands, national strategy at the top; orphans outlined in red
:func:`kr_progress_bars`   progress of each KR against its expected progress, by status
(``progress``)
:func:`progress_timeline`  actual vs expected progress over the fiscal year, one panel
(``progress``)             per KR, months in Thai with Buddhist Era years
:func:`kpi_heatmap`        KPIs per BSC dimension × level; empty cells hatched "ไม่มี"
(``kpi``)
:func:`pmqa_chart`         the 7 PMQA categories grouped by phase, and the 3 : 1 : 3 share
(``pmqa``)
:func:`collaboration_map`  units linked by shared KRs and flows (circle or heat map)
(``collaboration``)
:func:`baseline_trends`    a province's baseline figures by year, one panel per series
(``trends``)
=========================  ===============================================================

:mod:`.theme` holds what they share: Sarabun (:func:`setup_fonts`, :func:`font_path`), the
style (:func:`style`, :func:`apply_style`), the Okabe–Ito colours, Thai text fitting, and
the export (:func:`to_svg`, :func:`draw_svg`, :func:`to_png_bytes`, :func:`to_data_uri`,
:func:`show`).

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> from kpyj_lib.analysis import kr_progress
>>> fig = kr_progress_bars(kr_progress(tiny_workspace(), "2022-03-31"), sample=True)
>>> png = to_png_bytes(fig)
>>> png[1:4], len(png) > 10_000
(b'PNG', True)
>>> to_data_uri(fig).startswith("data:image/png;base64,")
True
"""

from .alignment import BAND_LABELS, MAX_HEIGHT_IN, alignment_graph
from .collaboration import collaboration_map
from .kpi import kpi_heatmap
from .pmqa import pmqa_chart
from .progress import kr_progress_bars, progress_timeline
from .theme import (
    A4_WIDTH_IN,
    FALLBACK_FAMILY,
    NO_DATA_TEXT,
    OKABE_ITO,
    PALETTE,
    SAMPLE_STAMP,
    STATUS_COLORS,
    THAI_FONT_FAMILY,
    THAI_FONT_FILES,
    apply_style,
    draw_svg,
    font_path,
    setup_fonts,
    short_unit_name,
    show,
    style,
    to_data_uri,
    to_png_bytes,
    to_svg,
)
from .trends import baseline_trends  # issue 14: the strategic plan's situation analysis

#: The chart functions by name (what templates may draw with ``chart(name, ...)``).
CHARTS: tuple[str, ...] = (
    "alignment_graph",
    "baseline_trends",
    "collaboration_map",
    "kpi_heatmap",
    "kr_progress_bars",
    "pmqa_chart",
    "progress_timeline",
)

__all__ = [
    "A4_WIDTH_IN",
    "BAND_LABELS",
    "CHARTS",
    "FALLBACK_FAMILY",
    "MAX_HEIGHT_IN",
    "NO_DATA_TEXT",
    "OKABE_ITO",
    "PALETTE",
    "SAMPLE_STAMP",
    "STATUS_COLORS",
    "THAI_FONT_FAMILY",
    "THAI_FONT_FILES",
    "alignment_graph",
    "apply_style",
    "baseline_trends",
    "collaboration_map",
    "draw_svg",
    "font_path",
    "kpi_heatmap",
    "kr_progress_bars",
    "pmqa_chart",
    "progress_timeline",
    "setup_fonts",
    "short_unit_name",
    "show",
    "style",
    "to_data_uri",
    "to_png_bytes",
    "to_svg",
]
