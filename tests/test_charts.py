"""Tests of the report charts (kpyj_lib.render.charts) on the tiny sample workspace."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.text import Text

from kpyj_lib.analysis import (
    collaboration_matrix,
    kpi_matrix,
    kr_history,
    kr_progress,
    pmqa_balance,
    pmqa_coverage,
)
from kpyj_lib.examples import TINY_FISCAL_YEAR, tiny_tables, tiny_workspace
from kpyj_lib.graph import build_graph
from kpyj_lib.render import charts, render_string
from kpyj_lib.render.fonts import font_face_css
from kpyj_lib.workspace import Workspace

SVG_NS = "http://www.w3.org/2000/svg"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
AS_OF = "2022-03-31"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return tiny_workspace()


@pytest.fixture(scope="module")
def G(ws: Workspace) -> nx.MultiDiGraph:
    return build_graph(ws)


@pytest.fixture(scope="module")
def builders(ws: Workspace, G: nx.MultiDiGraph) -> dict[str, Callable[..., Figure]]:
    """Every chart function with its tiny-workspace data; call with ``sample=...``."""
    progress = kr_progress(ws, AS_OF)
    history = kr_history(ws)
    names = dict(zip(ws["units"]["id"], ws["units"]["name_th"], strict=True))
    return {
        "alignment_graph": lambda **kw: charts.alignment_graph(G, "83", **kw),
        "kr_progress_bars": lambda **kw: charts.kr_progress_bars(progress, **kw),
        "progress_timeline": lambda **kw: charts.progress_timeline(history, progress, **kw),
        "kpi_heatmap": lambda **kw: charts.kpi_heatmap(kpi_matrix(ws, "83", thai=True), **kw),
        "pmqa_chart": lambda **kw: charts.pmqa_chart(
            pmqa_coverage(ws, "83"), pmqa_balance(ws, "83"), **kw
        ),
        "collaboration_map": lambda **kw: charts.collaboration_map(
            collaboration_matrix(ws, "83"), names, **kw
        ),
        "collaboration_heatmap": lambda **kw: charts.collaboration_map(
            collaboration_matrix(ws, "83"), names, kind="heatmap", **kw
        ),
    }


EMPTY: dict[str, Callable[[], Figure]] = {
    "alignment_graph": lambda: charts.alignment_graph(
        build_graph(Workspace.from_tables({}, TINY_FISCAL_YEAR)), "83"
    ),
    "alignment_graph_unknown_province": lambda: charts.alignment_graph(
        build_graph(tiny_workspace(), all_provinces=False), "10"
    ),
    "kr_progress_bars": lambda: charts.kr_progress_bars(pd.DataFrame()),
    "progress_timeline": lambda: charts.progress_timeline(pd.DataFrame()),
    "kpi_heatmap": lambda: charts.kpi_heatmap(pd.DataFrame()),
    "pmqa_chart": lambda: charts.pmqa_chart(pd.DataFrame()),
    "collaboration_map": lambda: charts.collaboration_map(pd.DataFrame()),
    "from_empty_workspace": lambda: charts.kr_progress_bars(
        kr_progress(Workspace.from_tables({}, TINY_FISCAL_YEAR), AS_OF)
    ),
}


def all_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def all_text_artists(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def timeline_panels(fig: Figure) -> dict[str, str]:
    """The panels of a progress timeline: KR id -> the panel's title."""
    return {
        t.get_gid().split(":", 1)[1]: t.get_text()
        for t in all_text_artists(fig)
        if (t.get_gid() or "").startswith("kpyj-panel:")
    }


def node_boxes(fig: Figure) -> dict[str, tuple[float, float, float, float]]:
    """The node boxes of an alignment graph (data units are inches): id -> x0, y0, x1, y1."""
    return {
        p.get_gid(): (p.get_x(), p.get_y(), p.get_x() + p.get_width(), p.get_y() + p.get_height())
        for p in fig.axes[0].patches
        if isinstance(p, FancyBboxPatch) and (p.get_gid() or "").startswith("node:")
    }


def overlapping(boxes: dict[str, tuple[float, float, float, float]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    out = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1 :]:
            if min(ax1, bx1) - max(ax0, bx0) > 1e-6 and min(ay1, by1) - max(ay0, by0) > 1e-6:
                out.append((a, b))
    return out


def render_text(text: str, family: str = "Sarabun") -> np.ndarray:
    fig = Figure(figsize=(2, 0.8), dpi=100)
    fig.text(0.05, 0.3, text, fontsize=28, family=family)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


# --------------------------------------------------------------------------- fonts
def test_setup_fonts_returns_sarabun_and_is_idempotent():
    folder = str(charts.font_path().parent)

    def sarabun_entries() -> int:
        return sum(1 for f in font_manager.fontManager.ttflist if str(f.fname).startswith(folder))

    old = matplotlib.rcParams["font.family"]
    try:
        assert charts.setup_fonts() == "Sarabun"
        n = sarabun_entries()
        assert n >= len(charts.THAI_FONT_FILES)
        assert charts.setup_fonts() == "Sarabun"
        assert sarabun_entries() == n
        assert matplotlib.rcParams["font.family"] == ["Sarabun", "DejaVu Sans"]
        found = font_manager.findfont(font_manager.FontProperties(family="Sarabun"))
        assert Path(found).name == "Sarabun-Regular.ttf"
        bold = font_manager.findfont(font_manager.FontProperties(family="Sarabun", weight="bold"))
        assert Path(bold).name == "Sarabun-Bold.ttf"
    finally:
        matplotlib.rcParams["font.family"] = old


def test_font_path_for_embedding():
    regular = charts.font_path()
    assert regular.is_file() and regular.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true")
    assert charts.font_path("Bold").name == "Sarabun-Bold.ttf"
    assert charts.font_path("semi bold") == charts.font_path(600)
    assert set(charts.THAI_FONT_FILES) >= {"Regular", "Bold", "Italic", "BoldItalic"}
    with pytest.raises(FileNotFoundError):
        charts.font_path("Heavy")


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_thai_tone_marks_are_rendered():
    charts.setup_fonts()
    with_marks = render_text("ที่นี่")
    without = render_text("ทีนี")
    assert with_marks.shape == without.shape
    assert not np.array_equal(with_marks, without)
    ink = lambda a: int((255 - a).sum())  # noqa: E731
    assert ink(with_marks) > ink(without)  # the two mai ek are extra ink
    # and the Thai is drawn with glyphs, not the empty boxes of a font without Thai
    assert not np.array_equal(render_text("ที่"), render_text("ที่", "DejaVu Sans"))


def test_style_does_not_leak_into_global_rcparams(builders):
    before = dict(matplotlib.rcParams)
    with charts.style():
        assert matplotlib.rcParams["font.family"][0] == "Sarabun"
        assert not matplotlib.rcParams["axes.spines.top"]
    builders["kr_progress_bars"]()
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before.get(k) != v} == {}


def test_apply_style_sets_the_global_style():
    with matplotlib.rc_context():
        assert charts.apply_style() == "Sarabun"
        assert matplotlib.rcParams["font.family"] == ["Sarabun", "DejaVu Sans"]
        assert matplotlib.rcParams["font.size"] == 9
        assert not matplotlib.rcParams["text.parse_math"]


def test_palette_and_status_colours():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE) == 8
    assert set(charts.STATUS_COLORS) == {
        "on_track",
        "at_risk",
        "off_track",
        "no_data",
        "not_started",
    }
    assert set(charts.STATUS_COLORS.values()) - {"#9E9E9E"} <= set(charts.OKABE_ITO.values())


# --------------------------------------------------------------------------- every chart
@pytest.mark.parametrize(
    "name",
    [
        "alignment_graph",
        "kr_progress_bars",
        "progress_timeline",
        "kpi_heatmap",
        "pmqa_chart",
        "collaboration_map",
        "collaboration_heatmap",
    ],
)
def test_chart_renders_to_png(builders, name):
    fig = builders[name]()
    assert isinstance(fig, Figure)
    assert fig.get_figwidth() == pytest.approx(charts.A4_WIDTH_IN)
    assert 1.5 < fig.get_figheight() < 14
    png = charts.to_png_bytes(fig)
    assert png[:8] == PNG_MAGIC
    assert len(png) > 15_000
    uri = charts.to_data_uri(fig, dpi=72)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1])[:8] == PNG_MAGIC
    # readable on A4: no text under 9 pt (tick labels exist once drawn)
    sizes = {t.get_text(): t.get_fontsize() for t in fig.findobj(Text) if t.get_text()}
    assert min(sizes.values()) >= 9, {k: v for k, v in sizes.items() if v < 9}
    # the sample stamp is only drawn on request
    assert charts.SAMPLE_STAMP not in all_texts(builders[name](sample=False))
    assert charts.SAMPLE_STAMP in all_texts(builders[name](sample=True))


THAI = re.compile(r"[\u0E00-\u0E7F]")


def svg_texts(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)  # well-formed XML, nothing left unescaped
    return [el for el in root.iter(f"{{{SVG_NS}}}text")]


@pytest.mark.parametrize(
    "name",
    [
        "alignment_graph",
        "kr_progress_bars",
        "progress_timeline",
        "kpi_heatmap",
        "pmqa_chart",
        "collaboration_map",
        "collaboration_heatmap",
    ],
)
def test_chart_renders_to_inline_svg_with_its_thai_text_as_text(builders, name):
    fig = builders[name](sample=True)
    svg = charts.to_svg(fig)
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg
    assert 'id="figure_1"' not in svg  # matplotlib's group ids would repeat on a page
    assert svg.count("<path") >= 5  # drawn: frames, bars, boxes, lines
    texts = svg_texts(svg)
    drawn = {"".join(el.itertext()).strip() for el in texts}
    # every visible Thai label of the figure is in the SVG as text (not as glyph outlines)
    labels = {
        line.strip()
        for t in fig.findobj(Text)
        if t.get_visible() and THAI.search(t.get_text())
        for line in t.get_text().split("\n")
        if line.strip()
    }
    assert labels and charts.SAMPLE_STAMP in labels
    assert labels <= drawn, labels - drawn
    # Thai only, as every print-out: no English word (ids and acronyms are upper case)
    english = [t for t in drawn if re.search(r"[a-z]{3,}", t)]
    assert not english, english
    # in the family of the page's embedded @font-face (render/fonts.py), at 9 pt or more
    for el in texts:
        style = el.get("style", "")
        assert "font-family: 'Sarabun'" in style, style
        size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
        assert size >= 9, (size, "".join(el.itertext()))
    assert f'@font-face {{ font-family: "{charts.THAI_FONT_FAMILY}"' in font_face_css()


def test_svg_escapes_user_text_and_has_no_live_markup():
    raw = '<script>alert(1)</script> ลดคดี" onload="alert(2)'
    df = pd.DataFrame(
        {
            "key_result_id": ["KR-1"],
            "title_th": [raw],
            "progress_clipped": [0.4],
            "expected": [0.5],
            "status": ["at_risk"],
        }
    )
    svg = charts.draw_svg("kr_progress_bars", df)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & {"script", "foreignObject", "iframe", "a"}, tags
    assert not [(el.tag, a) for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    # the user's text is there as text: escaped in the markup, whole once parsed
    assert any("<script>alert(1)" in "".join(el.itertext()) for el in svg_texts(svg))
    # in a page: the chart the environment draws is inline; any other text is escaped
    page = render_string(
        '{% from "_macros.html.j2" import chart_img %}'
        '{{ chart_img(chart("kr_progress_bars", df), alt) }}{{ chart_img(fake, alt) }}',
        df=df,
        alt=raw,
        fake='<svg onload="alert(3)"><script>alert(4)</script></svg>',
    )
    assert page.count('<div class="kpyj-chart" role="img"') == 2
    assert page.count("<svg ") == 1 and "<script" not in page and "alert(3)" in page
    assert 'aria-label="&lt;script&gt;' in page


def test_kpi_heatmap_names_dimensions_and_levels_in_thai(ws):
    from kpyj_lib import reference
    from kpyj_lib.analysis.bsc import DIMENSIONS, LEVELS

    for m in (kpi_matrix(ws, "83"), kpi_matrix(ws, "83", thai=True)):  # codes or Thai given
        texts = all_texts(charts.kpi_heatmap(m))
        joined = " ".join(texts)
        for code in (*DIMENSIONS, *LEVELS):
            assert code not in joined, code
        # the Thai names, wrapped at Thai word boundaries (joined back they are whole)
        flat = {t.replace("\n", "") for t in texts}
        assert reference.code_label("kpi_level", "individual") in flat
        assert reference.code_label("kpi_dimension", "effectiveness") in flat


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_empty_input_gives_a_no_data_figure(name):
    fig = EMPTY[name]()
    assert isinstance(fig, Figure)
    assert charts.NO_DATA_TEXT in all_texts(fig)
    assert charts.to_png_bytes(fig)[:8] == PNG_MAGIC


def test_no_data_figure_can_be_stamped():
    fig = charts.kpi_heatmap(pd.DataFrame(), sample=True)
    assert {charts.NO_DATA_TEXT, charts.SAMPLE_STAMP} <= set(all_texts(fig))


@pytest.mark.slow  # seconds: the whole sample or national data
def test_no_pyplot_state():
    code = textwrap.dedent(
        """
        import sys
        from kpyj_lib.render import charts
        from kpyj_lib.analysis import kr_progress
        from kpyj_lib.examples import tiny_workspace
        charts.to_png_bytes(charts.kr_progress_bars(kr_progress(tiny_workspace(), "2022-03-31")))
        assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
        """
    )
    root = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


# --------------------------------------------------------------------------- alignment graph
def test_alignment_graph_draws_only_plans_the_province_reaches(G):
    fig = charts.alignment_graph(G, "83")
    texts = [t.get_text() for t in fig.axes[0].texts]
    for band in (
        "ยุทธศาสตร์ชาติ",
        "แผนแม่บทฯ",
        "แผนกลุ่มจังหวัด",
        "แผนพัฒนาจังหวัด",
        "วัตถุประสงค์",
        "ผลลัพธ์หลัก",
        "โครงการ",
    ):
        assert band in texts
    for node in (
        "NS-6",
        "NMP-22",
        "JMP4-D1",
        "CP-AND-2",
        "PP-83-3.1",
        "OBJ-83-01",
        "KR-83-01-1",
        "INI-83-01",
    ):
        assert node in texts
    master_plans = [
        d["id"]
        for _, d in G.nodes(data=True)
        if d.get("plan_kind") == "national_master_plan" and d["kind"] == "plan_item"
    ]
    # the 23 master plans twice: the original 2561-2580 set (NMP61) and its 2566 revision
    assert len(master_plans) == 46
    assert [m for m in master_plans if m in texts] == ["NMP-22"]
    assert not any(t in texts for t in ("NS-1", "NS-2", "JMP4-D2", "JMP4-D3"))
    # Sukhothai's objective is not drawn on Phuket's chart
    assert "OBJ-64-01" not in texts
    assert len(node_boxes(fig)) == 11
    assert overlapping(node_boxes(fig)) == []


def test_alignment_graph_outlines_orphans(G):
    fig = charts.alignment_graph(G, "64")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "OBJ-64-01" in texts and "ยุทธศาสตร์ชาติ" not in texts  # aligned to nothing
    patches = {p.get_gid(): p for p in fig.axes[0].patches if p.get_gid()}
    orphan = matplotlib.colors.to_rgb(charts.OKABE_ITO["vermillion"])
    assert patches["node:objective:OBJ-64-01"].get_edgecolor()[:3] == pytest.approx(orphan)
    assert patches["node:initiative:INI-64-01"].get_edgecolor()[:3] == pytest.approx(orphan)
    assert patches["node:key_result:KR-64-01-1"].get_edgecolor()[:3] != pytest.approx(orphan)
    assert "ไม่เชื่อมโยง" in all_texts(fig)  # Thai only: no English gloss in the print-out
    assert "(orphan)" not in " ".join(all_texts(fig))


def test_alignment_graph_sample_stamp_follows_the_graph(G):
    assert charts.SAMPLE_STAMP in all_texts(charts.alignment_graph(G, "83"))  # tiny is sample
    assert charts.SAMPLE_STAMP not in all_texts(charts.alignment_graph(G, "83", sample=False))


def test_alignment_graph_stays_readable_with_many_nodes():
    """~40 nodes: boxes never overlap and the figure still fits an A4 page."""
    t = tiny_tables()
    for i in range(1, 13):
        t["key_results"].append(
            {
                "id": f"KR-83-01-{i + 10}",
                "objective_id": "OBJ-83-01" if i % 2 else "OBJ-83-01-01",
                "title_th": f"ผลลัพธ์หลักทดสอบที่มีชื่อยาวมากเพื่อทดสอบการตัดข้อความ ลำดับ {i}",
                "baseline": 0.0,
                "target": 10.0,
                "direction": "up",
                "weight": 1.0,
            }
        )
    for i in range(1, 9):
        t["initiatives"].append(
            {
                "id": f"INI-83-1{i}",
                "fiscal_year": TINY_FISCAL_YEAR,
                "province_code": "83",
                "kind": "project",
                "name_th": f"โครงการทดสอบลำดับที่ {i}",
            }
        )
        t["initiative_krs"].append(
            {"initiative_id": f"INI-83-1{i}", "key_result_id": f"KR-83-01-{i + 10}"}
        )
    for i in range(1, 11):
        t["objectives"].append(
            {
                "id": f"OBJ-83-9{i}",
                "fiscal_year": TINY_FISCAL_YEAR,
                "province_code": "83",
                "title_th": f"วัตถุประสงค์ทดสอบ {i}",
            }
        )
        t["alignments"].append(
            {
                "source_type": "objective",
                "source_id": f"OBJ-83-9{i}",
                "plan_item_id": ["PP-83-3", "NMP-01", "NS-1", "JMP4-D2"][i % 4],
            }
        )
    G = build_graph(Workspace.from_tables(t, TINY_FISCAL_YEAR))
    fig = charts.alignment_graph(G, "83")
    charts.to_png_bytes(fig, dpi=50)
    ax = fig.axes[0]
    boxes = node_boxes(fig)
    assert len(boxes) >= 40
    assert fig.get_figheight() <= charts.MAX_HEIGHT_IN  # one A4 page: compact boxes
    assert not any(t.get_text() == "OBJ-83-91" for t in ax.texts)  # no ids when compact
    full = charts.alignment_graph(G, "83", compact=False)
    assert full.get_figheight() > charts.MAX_HEIGHT_IN
    assert "OBJ-83-91" in [t.get_text() for t in full.axes[0].texts]
    assert overlapping(boxes) == []
    assert all(x0 >= 0 and x1 <= charts.A4_WIDTH_IN for x0, _, x1, _ in boxes.values())
    texts = [t.get_text() for t in ax.texts]
    long = [s for s in texts if s.startswith("ผลลัพธ์หลัก") and s != "ผลลัพธ์หลัก"]
    assert len(long) == 12 and all(s.endswith("…") for s in long)


# --------------------------------------------------------------------------- other charts
def test_kr_progress_bars_never_draws_a_zero_bar_for_no_data(ws):
    progress = kr_progress(ws, AS_OF)
    assert progress["status"].tolist().count("no_data") == 1
    fig = charts.kr_progress_bars(progress)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 2  # three KRs, one without a check-in
    texts = [t.get_text() for t in ax.texts]
    assert "ยังไม่มีการรายงาน" in texts
    assert "25%" in texts and "33%" in texts
    assert {c.get_facecolor()[:3] for c in bars} == {
        matplotlib.colors.to_rgb(charts.STATUS_COLORS["off_track"])
    }


def test_kr_progress_bars_labels_over_achievement():
    df = pd.DataFrame(
        {
            "key_result_id": ["A", "B"],
            "title_th": ["เกินเป้า", "ถดถอย"],
            "progress": [1.3, -0.2],
            "progress_clipped": [1.0, 0.0],
            "expected": [0.5, 0.5],
            "status": ["on_track", "off_track"],
        }
    )
    texts = [t.get_text() for t in charts.kr_progress_bars(df).axes[0].texts]
    assert "100% (เกินเป้า 130%)" in texts
    assert "0% (ถดถอย -20%)" in texts


def test_progress_timeline_thai_months_and_be_years(ws):
    fig = charts.progress_timeline(kr_history(ws), kr_progress(ws, AS_OF))
    charts.to_png_bytes(fig, dpi=50)
    panels = timeline_panels(fig)
    assert len(panels) == 3  # one panel per KR, in one axes
    # every panel has the quarters of the fiscal year, in Thai with Buddhist Era years
    months = [t.get_text() for t in all_text_artists(fig) if t.get_gid() == "kpyj-month"]
    assert months == ["ต.ค. 64", "ม.ค. 65", "เม.ย. 65", "ก.ค. 65"] * len(panels)
    assert any(t.startswith("KR-83-01-1") for t in panels.values())
    # the KR without a check-in at all still gets its panel with the message
    t = tiny_tables()
    t["checkins"] = [c for c in t["checkins"] if c["key_result_id"] != "KR-83-01-2"]
    ws2 = Workspace.from_tables(t, TINY_FISCAL_YEAR)
    fig = charts.progress_timeline(kr_history(ws2), kr_progress(ws2, AS_OF))
    assert "ยังไม่มีการรายงาน" in all_texts(fig)
    assert "KR-83-01-2" in timeline_panels(fig)
    # history alone works too
    assert len(timeline_panels(charts.progress_timeline(kr_history(ws)))) >= 3


def test_kpi_heatmap_marks_empty_cells(ws):
    m = kpi_matrix(ws, "83", thai=True)
    fig = charts.kpi_heatmap(m)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("ไม่มี") == int((m.to_numpy() == 0).sum()) == 14
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 14
    assert "1" in texts


@pytest.mark.slow  # seconds: the whole sample or national data
def test_pmqa_chart_groups_categories_by_phase(ws):
    fig = charts.pmqa_chart(pmqa_coverage(ws, "83"))  # balance computed from coverage
    charts.to_png_bytes(fig, dpi=50)
    top, bottom = fig.axes
    ticks = [t.get_text() for t in top.get_yticklabels()]
    assert [t.split()[1] for t in ticks] == ["1", "3", "7", "2", "4", "5", "6"]
    texts = [t.get_text() for t in top.texts]
    assert any(t.startswith("คิด ·") for t in texts)  # Thai only: no "(think)" gloss
    assert any(t.startswith("เตรียม ·") for t in texts)
    assert any(t.startswith("ทำ ·") for t in texts)
    assert not any("(think)" in t or "(act)" in t for t in texts)
    shares = [t.get_text() for t in bottom.texts]
    assert "ทำ 50%" in shares and len(shares) == 3  # the actual shares only
    # the 3 : 1 : 3 rule sets no target share: no "ideal" (3/7, 1/7, 3/7) bar
    assert [t.get_text() for t in bottom.get_yticklabels()] == ["สัดส่วนที่ใช้"]
    assert not [p for p in bottom.patches if p.get_hatch()]


def test_collaboration_map_short_names(ws):
    names = dict(zip(ws["units"]["id"], ws["units"]["name_th"], strict=True))
    fig = charts.collaboration_map(collaboration_matrix(ws, "83"), names)
    texts = all_texts(fig)
    assert {"สนง.ยุติธรรม", "สนง.คุมประพฤติ", "เรือนจำ"} <= set(texts)
    assert any("จ.ภูเก็ต" in t for t in texts)  # the shared province goes to the subtitle
    # without names the ids are shown
    assert "PJO-83" in all_texts(charts.collaboration_map(collaboration_matrix(ws, "83")))
    with pytest.raises(ValueError):
        charts.collaboration_map(collaboration_matrix(ws, "83"), kind="pie")


def test_short_unit_name():
    assert charts.short_unit_name("องค์การบริหารส่วนจังหวัดภูเก็ต") == "อบจ.ภูเก็ต"
    assert charts.short_unit_name("ตำรวจภูธรจังหวัดภูเก็ต") == "ภ.จว.ภูเก็ต"
    assert charts.short_unit_name("สถานพินิจและคุ้มครองเด็กและเยาวชนจังหวัดภูเก็ต") == "สถานพินิจฯ จ.ภูเก็ต"
    assert charts.short_unit_name(None) == ""


def test_setup_fonts_falls_back_without_sarabun(monkeypatch):
    monkeypatch.setattr(charts.theme, "THAI_FONT_FILES", {})  # where the fonts are looked up
    with matplotlib.rc_context(), pytest.warns(RuntimeWarning, match="Sarabun"):
        assert charts.setup_fonts() == "DejaVu Sans"
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
    with pytest.raises(FileNotFoundError):
        charts.font_path()
