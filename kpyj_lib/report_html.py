"""HTML of the per-province analysis report, section by section.

:class:`kpyj_lib.report.ProvinceReport` computes; this module turns each section into an
HTML string (every user value escaped, charts embedded as PNG data URIs with Thai alt
text). The notebook ``notebooks/province_report.ipynb`` shows the sections one by one with
:func:`show`; :func:`render_report` builds the whole page without a notebook.
"""

from __future__ import annotations

import json
from typing import Any

from .render import charts
from .report import SECTIONS, ProvinceReport, _pct, df_to_html, esc, sample_banner

__all__ = [
    "HEADLINE_MIME",
    "render_report",
    "render_section",
    "render_title",
    "show",
    "show_headline",
]

#: MIME type of the headline figures the batch runner reads from the executed notebook.
HEADLINE_MIME = "application/vnd.kpyj.headline+json"

_HEADINGS = {key: (th, en) for key, th, en in SECTIONS}


def _img(fig: Any, alt: str) -> str:
    uri = charts.to_data_uri(fig)
    return f'<img class="kpyj-chart" style="max-width:100%" alt="{esc(alt)}" src="{uri}"/>'


def _h2(key: str) -> str:
    th, en = _HEADINGS[key]
    return f'<h2 id="{key}">{esc(th)} <small style="color:#666">({esc(en)})</small></h2>'


#: Thai text reads from the left: JupyterLab's stylesheet right-aligns table cells.
REPORT_CSS = (
    "<style>.kpyj-table td,.kpyj-table th{text-align:left!important;vertical-align:top}"
    ".kpyj-table{border-collapse:collapse;margin:4px 0 12px}"
    ".kpyj-table td,.kpyj-table th{padding:3px 8px;border:1px solid #d0d7de}"
    "img.kpyj-chart{display:block;margin:8px 0}</style>"
)


def render_title(rep: ProvinceReport) -> str:
    """Title block: province, fiscal year, as-of date, and the sample banner if any."""
    p = rep.profile
    parts = [
        REPORT_CSS,
        f"<h1>รายงานวิเคราะห์การขับเคลื่อน กพยจ. จังหวัด{esc(p['name_th'])}</h1>",
        f"<p>{esc(p['fiscal_year_th'])} · ข้อมูล ณ วันที่ {esc(p['as_of_th'])} · "
        f"{esc(p['name_en'])} KPYJ analysis report</p>",
    ]
    if rep.ws.is_sample:
        parts.append(sample_banner())
    return "\n".join(parts)


def _profile(rep: ProvinceReport) -> str:
    p = rep.profile
    rows = [
        ("จังหวัด (province)", f"{p['name_th']} ({p['name_en']}, รหัส {p['code']})"),
        ("ภาค (region)", p["region_th"]),
        ("กลุ่มจังหวัด (cluster)", p["cluster_th"] or "ไม่อยู่ในกลุ่มจังหวัด"),
        ("กลุ่มการขับเคลื่อน (driving group)", p["group_th"]),
    ]
    table = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    base = df_to_html(
        rep.baseline,
        {"name_th": "ข้อมูลพื้นฐาน", "year": "ปี (พ.ศ.)", "value": "ค่า",
         "unit_of_measure": "หน่วยนับ", "source": "แหล่งที่มา"},
    )  # fmt: skip
    return (
        f'<table class="kpyj-table">{table}</table><h3>ข้อมูลพื้นฐาน (baseline indicators)</h3>{base}'
    )


def _plan(rep: ProvinceReport) -> str:
    df = rep.plan_on_a_page.copy()
    df["budget"] = [f"{b:,.0f}" if b else "–" for b in df["budget"]]
    total = rep.budget
    return (
        df_to_html(
            df,
            {
                "objective": "วัตถุประสงค์",
                "key_result": "ผลลัพธ์หลัก",
                "target": "ค่าฐาน → เป้าหมาย",
                "projects": "โครงการ/กิจกรรม",
                "budget": "งบประมาณ (บาท)",
            },
        )
        + f"<p>งบประมาณโครงการทั้งหมด {total['budget']:,.0f} บาท · เบิกจ่ายแล้ว "
        f"{total['spent']:,.0f} บาท</p>"
    )


def _alignment(rep: ProvinceReport) -> str:
    from . import reference
    from .analysis import PLAN_LEVELS

    cov = rep.coverage
    rows = "".join(
        f"<tr><td>{esc(reference.code_label('plan_kind', lv))}</td>"
        f"<td>{_pct(cov.get(lv))}</td></tr>"
        for lv in PLAN_LEVELS
    )
    cov_html = (
        f'<table class="kpyj-table"><tr><th>ระดับแผน (plan level)</th>'
        f"<th>สัดส่วนวัตถุประสงค์ที่เชื่อมโยงถึง</th></tr>{rows}</table>"
    )
    orph = df_to_html(rep.orphans, {"id": "รหัส", "label_th": "ชื่อ", "problem_th": "ประเด็น"})
    un = df_to_html(
        rep.unsupported,
        {"plan_item_id": "รหัสประเด็น", "label_th": "ประเด็นแผน", "plan_kind_th": "ระดับแผน"},
    )
    fig = charts.alignment_graph(rep.graph, rep.province, sample=rep.ws.is_sample)
    return (
        f"<h3>ความครอบคลุมตามระดับแผน (coverage by plan level)</h3>{cov_html}"
        f"<h3>รายการที่ยังไม่เชื่อมโยง (orphans)</h3>{orph}"
        f"<h3>ประเด็นแผนที่ยังไม่มีการสนับสนุน (unsupported plan items)</h3>{un}"
        f"<h3>แผนภาพความเชื่อมโยง (alignment graph)</h3>"
        + _img(fig, f"แผนภาพความสอดคล้องของจังหวัด{rep.profile['name_th']}")
    )


def _progress(rep: ProvinceReport) -> str:
    p = rep.progress.copy()
    pp = rep.province_progress
    p["progress"] = [_pct(x) for x in p["progress_clipped"]]
    p["expected"] = [_pct(x) for x in p["expected"]]
    p["confidence"] = [_pct(x) for x in p["confidence"]]
    table = df_to_html(
        p,
        {
            "key_result_id": "รหัส",
            "title_th": "ผลลัพธ์หลัก",
            "value": "ค่าล่าสุด",
            "progress": "ความก้าวหน้า",
            "expected": "ที่ควรเป็น",
            "status_th": "สถานะ",
            "confidence": "ความมั่นใจ",
        },
    )
    bars = charts.kr_progress_bars(rep.progress, sample=rep.ws.is_sample)
    timeline = charts.progress_timeline(rep.history, rep.progress, sample=rep.ws.is_sample)
    return (
        f"<p><b>ภาพรวมจังหวัด:</b> ความก้าวหน้า {_pct(pp['progress'])} เทียบกับที่ควรเป็น "
        f"{_pct(pp['expected'])} — {esc(pp['status_th'])}</p>{table}"
        + _img(bars, "ความก้าวหน้าของผลลัพธ์หลัก")
        + "<h3>ผลจริงเทียบกับแผนตามเวลา (expected vs actual)</h3>"
        + _img(timeline, "ความก้าวหน้าตามเวลา")
    )


def _kpi(rep: ProvinceReport) -> str:
    fig = charts.kpi_heatmap(rep.kpi_matrix, sample=rep.ws.is_sample)
    gaps = df_to_html(rep.kpi_gaps, {"dimension_th": "มิติ", "level_th": "ระดับ"})
    return _img(fig, "จำนวนตัวชี้วัดตามมิติและระดับ") + f"<h3>ช่องที่ยังไม่มีตัวชี้วัด (gaps)</h3>{gaps}"


def _pmqa(rep: ProvinceReport) -> str:
    fig = charts.pmqa_chart(rep.pmqa_coverage, rep.pmqa_balance, sample=rep.ws.is_sample)
    items = "".join(f"<li>{esc(t)}</li>" for t in rep.pmqa_findings) or "<li>ครอบคลุมครบทุกหมวด</li>"
    return _img(fig, "การใช้หมวด PMQA ตามหลัก 3:1:3") + f"<ul>{items}</ul>"


def _collaboration(rep: ProvinceReport) -> str:
    ep = df_to_html(
        rep.end_products,
        {
            "key_result_id": "รหัส",
            "title_th": "ผลลัพธ์หลัก",
            "n_units": "จำนวนหน่วยงาน",
            "classification_th": "ประเภท",
        },
    )
    fig = charts.collaboration_map(rep.collaboration, rep.unit_names, sample=rep.ws.is_sample)
    uo = df_to_html(rep.unused_outputs, {"unit_th": "หน่วยงาน", "product_th": "ผลผลิต"})
    return (
        "<p>ผลผลิตปลายทาง (End Product) ต้องเกิดจากการทำงานร่วมกันของหน่วยงานตั้งแต่ 2 หน่วยขึ้นไป "
        "หากทำโดยหน่วยงานเดียวถือเป็นผลลัพธ์หลัก (Key Result)</p>"
        f"{ep}"
        + _img(fig, "แผนภาพการทำงานร่วมกันของหน่วยงาน")
        + f"<h3>ผลผลิตที่ยังไม่มีผู้ใช้ (outputs nobody uses)</h3>{uo}"
    )


def _directives(rep: ProvinceReport) -> str:
    d = rep.directives
    if d.empty:
        return (
            '<p class="kpyj-empty">ไม่มีข้อสั่งการที่มอบหมายให้หน่วยงานในจังหวัด (no directives assigned)</p>'
        )
    by_level = d.groupby("level_th").size().reset_index(name="n")
    return df_to_html(by_level, {"level_th": "ระดับข้อสั่งการ", "n": "จำนวน"}) + df_to_html(
        d,
        {
            "title_th": "ข้อสั่งการ",
            "level_th": "ระดับ",
            "reports": "รายงาน",
            "on_time": "ตรงเวลา",
            "late": "ล่าช้า",
        },
    )


def _findings(rep: ProvinceReport) -> str:
    fs = rep.findings()
    if not fs:
        return "<p>ไม่พบประเด็นที่ต้องดำเนินการ (nothing to flag)</p>"
    sev = {"high": "สูง", "medium": "กลาง", "low": "ต่ำ"}
    items = "".join(
        f'<li class="kpyj-finding kpyj-{esc(f.severity)}">'
        f"<b>[{esc(sev.get(f.severity, f.severity))}]</b> "
        f"{esc(f.text_th)}<br/><i>ข้อเสนอแนะ:</i> {esc(f.recommendation_th)}</li>"
        for f in fs
    )
    note = "ข้อค้นพบทุกข้อคำนวณจากข้อมูลในระบบ (computed from the data)"
    return f"<ol>{items}</ol><p><small>{note}</small></p>"


_RENDERERS = {
    "profile": _profile,
    "plan": _plan,
    "alignment": _alignment,
    "progress": _progress,
    "kpi": _kpi,
    "pmqa": _pmqa,
    "collaboration": _collaboration,
    "directives": _directives,
    "findings": _findings,
}


def render_section(rep: ProvinceReport, key: str) -> str:
    """One section (heading + content) as HTML.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> rep = ProvinceReport.build(tiny_workspace(), "83", as_of="2022-03-31")
    >>> "ข้อมูลจังหวัด" in render_section(rep, "profile")
    True
    """
    if key not in _RENDERERS:
        raise KeyError(f"no report section {key!r}")
    return f'<section class="kpyj-section">{_h2(key)}{_RENDERERS[key](rep)}</section>'


def render_report(rep: ProvinceReport) -> str:
    """The whole report as an HTML fragment (no notebook involved)."""
    return render_title(rep) + "".join(render_section(rep, k) for k, _, _ in SECTIONS)


def show(rep: ProvinceReport, key: str | None = None) -> None:
    """Display the title (``key=None``) or one section in a notebook."""
    from IPython.display import HTML, display

    display(HTML(render_title(rep) if key is None else render_section(rep, key)))


def show_headline(rep: ProvinceReport) -> None:
    """Emit the headline figures for the batch runner (invisible in the HTML)."""
    from IPython.display import display

    data = json.loads(json.dumps(rep.headline(), default=str))
    display({HEADLINE_MIME: data}, raw=True)
