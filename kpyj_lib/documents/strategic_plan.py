"""A model province's draft justice strategic plan
(«(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด…»), drafted from its data.

The pilot meeting of สกธ. on 1 April 2564 (:data:`~kpyj_lib.documents._plans.PILOT`) asks the
model provinces to draft a provincial justice administration strategic plan from their
project and budget-request data and an analysis of their baseline data.
:func:`build_strategic_plan` writes that draft for one province and one plan year ``F``
(:data:`SECTION_KEYS`):

1. introduction — why the draft exists (the meeting, cited by title) and what data it rests
   on;
2. situation — the province's baseline indicators year by year: a trend chart, the change
   per year, the largest rises and falls;
3. performance — how the key results of the analysis year stood (on track, at risk, off
   track), and the budget used;
4. issues — strategic issues derived from the analyses: key results at risk or behind,
   gaps in the plan (objectives aligned to no plan, projects that deliver no KR, KRs nobody
   owns, empty KPI cells, PMQA categories not used, outputs nobody uses), plan items of the
   province, its cluster and the nation that nothing supports;
5. strategies — strategies (the province's objectives) → indicators (key results and
   KPIs) → targets, each indicator with its baseline taken from the baseline data where it
   is linked to it, its direction, period, measurement method and data source;
6. projects — projects with budget requested vs allocated, spent, and next year's request;
7. alignment — each strategy against the provincial, cluster and national plan items it
   reaches, and the targets of the yearly driving plan for the province's group;
8. to_write — the parts the province must still write (vision, mission, the strategy
   rationale…) and every figure the data lacks.

Which years: the *analysis year* is the year before the plan year (``prior``) when the
province has objectives there, else the plan year itself; the strategies are the plan
year's objectives when the province has drafted any, else the analysis year's (the draft
says so). Every sentence that states a fact is computed from the data; nothing is invented.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> doc = build_strategic_plan(tiny_workspace(), "83")
>>> doc.title_th
'(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัดภูเก็ต'
>>> doc.keys() == list(SECTION_KEYS)
True
>>> "วิสัยทัศน์" in doc.section("to_write").text()
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .. import analysis as an
from .. import reference
from ..analysis.groups import recorded_groups
from ..calendar import format_fiscal_year, format_thai_date
from ..text import DASH, format_baht, format_number, format_percent, is_missing
from ..workspace import Workspace
from ._plans import (
    GROUP_TH,
    PILOT,
    SAMPLE_NOTE,
    PlanDoc,
    code_th,
    h,
    number_sections,
    quantity,
    table,
)
from .base import Block, Section
from .data_date import stale_blocks
from .driving_plan import plan_tables
from .province import ProvinceReport
from .summary import executive_summary

__all__ = ["KIND", "SECTION_KEYS", "TO_WRITE", "baseline_changes", "build_strategic_plan"]

#: The document kind (template ``render/templates/strategic_plan.html.j2``).
KIND = "strategic_plan"
#: The sections, in order.
SECTION_KEYS: tuple[str, ...] = (
    "introduction",
    "situation",
    "performance",
    "issues",
    "strategies",
    "projects",
    "alignment",
    "to_write",
)
_TITLES: dict[str, tuple[str, str]] = {
    "introduction": ("บทนำ", "Introduction"),
    "situation": ("การวิเคราะห์สถานการณ์จากข้อมูลพื้นฐาน", "Situation analysis from baseline data"),
    "performance": ("ผลการดำเนินงานที่ผ่านมา", "Performance so far"),
    "issues": ("ประเด็นยุทธศาสตร์ที่ได้จากการวิเคราะห์", "Strategic issues from the analyses"),
    "strategies": ("ยุทธศาสตร์ ตัวชี้วัด และค่าเป้าหมาย", "Strategies, indicators and targets"),
    "projects": ("แผนงานโครงการและงบประมาณ", "Projects and budget"),
    "alignment": ("ความสอดคล้องกับแผนระดับต่าง ๆ", "Alignment with plans"),
    "to_write": ("ส่วนที่จังหวัดต้องจัดทำเพิ่มเติม", "What the province must still write"),
}
#: Parts of a strategic plan no data in kpyj can say; the province writes them.
TO_WRITE: tuple[str, ...] = (
    "วิสัยทัศน์ด้านการบริหารงานยุติธรรมของจังหวัด",
    "พันธกิจ",
    "การวิเคราะห์สภาพแวดล้อม (จุดแข็ง จุดอ่อน โอกาส ภัยคุกคาม) จากความเห็นของหน่วยงานใน กพยจ. "
    "ซึ่งไม่ได้อยู่ในข้อมูลตัวเลข",
    "เหตุผลในการเลือกประเด็นยุทธศาสตร์และลำดับความสำคัญ",
    "กลไกการติดตามและประเมินผลของ กพยจ. (ผู้รับผิดชอบ รอบการรายงาน)",
)
_NOT_GIVEN = "ยังไม่ระบุ"
_NATIONAL_KINDS = (
    "justice_master_plan",
    "national_master_plan",
    "national_strategy",
    "cabinet_resolution",
    "crime_prevention",
    "ministry_policy",
)


def _code(v: Any, codes: str) -> str:
    return code_th(codes, v, _NOT_GIVEN)


def _num(v: Any, unit: Any = None) -> str:
    return quantity(v, unit, _NOT_GIVEN)


def baseline_changes(baseline: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year change of each baseline series of one province.

    Returns
    -------
    DataFrame
        ``name_th, unit_of_measure, year, value, change, change_pct`` sorted by series and
        year; ``change`` and ``change_pct`` (a share) are missing for a series' first year.

    >>> b = pd.DataFrame({"name_th": ["ก", "ก"], "unit_of_measure": ["คดี", "คดี"],
    ...                   "year": [2563, 2564], "value": [200.0, 150.0]})
    >>> baseline_changes(b)[["change", "change_pct"]].values.tolist()
    [[nan, nan], [-50.0, -0.25]]
    """
    cols = ["name_th", "unit_of_measure", "year", "value", "change", "change_pct"]
    if baseline.empty:
        return pd.DataFrame(columns=cols)
    df = baseline.sort_values(["name_th", "year"]).reset_index(drop=True)
    df = df[["name_th", "unit_of_measure", "year", "value"]].copy()
    df["year"] = df["year"].astype(int)
    df["value"] = df["value"].astype(float)
    prev = df.groupby("name_th")["value"].shift(1)
    df["change"] = df["value"] - prev
    df["change_pct"] = df["change"] / prev.abs().where(prev != 0)
    return df[cols]


def build_strategic_plan(
    ws: Workspace,
    province: str,
    *,
    prior: Workspace | None = None,
    as_of: Any = None,
) -> PlanDoc:
    """The draft strategic plan of ``province`` for the plan year ``ws.fiscal_year``.

    Parameters
    ----------
    ws : Workspace
        The workspace of the plan year (its driving plan, province groups, and the
        province's objectives and projects of that year if it has drafted any).
    province : str
        A 2-digit province code (checked).
    prior : Workspace, optional
        The workspace of the year before: the analysis year when the province has
        objectives there.
    as_of : date or ISO str, optional
        The date progress is measured at (default: the analysis year's
        :func:`kpyj_lib.analysis.default_as_of`).

    Returns
    -------
    PlanDoc
        Kind ``"strategic_plan"``, scope the province code, sections :data:`SECTION_KEYS`.
    """
    code = reference.check_province(province)
    return _StrategicPlan(ws, code, prior, as_of).build()


def _has_objectives(ws: Workspace | None, code: str) -> bool:
    if ws is None:
        return False
    o = ws["objectives"]
    return bool((o["province_code"] == code).any())


class _StrategicPlan:
    def __init__(self, ws: Workspace, code: str, prior: Workspace | None, as_of: Any):
        self.ws, self.code, self.fy = ws, code, ws.fiscal_year
        self.name = reference.province_name(code)
        analysis_ws = prior if _has_objectives(prior, code) else ws
        self.analysis = analysis_ws.for_province(code)
        self.rep = ProvinceReport.build(self.analysis, code, as_of or None)
        strat_ws = ws if _has_objectives(ws, code) else analysis_ws
        self.strat = strat_ws if strat_ws is analysis_ws else strat_ws.for_province(code)
        self.strat_rep = (
            self.rep if strat_ws is analysis_ws else ProvinceReport.build(self.strat, code)
        )
        self.missing: list[str] = []  # figures the data lacks, for "to_write"
        self.n_issues = 0
        b = ws["baseline_indicators"]
        self.baseline = b[b["province_code"] == code].reset_index(drop=True)

    # ------------------------------------------------------------------ build
    def build(self) -> PlanDoc:
        sections = [
            Section(key, *_TITLES[key], getattr(self, f"sec_{key}")()) for key in SECTION_KEYS
        ]
        number_sections(sections)
        subtitle = (
            f"สำนักงานยุติธรรมจังหวัด{self.name} · {format_fiscal_year(self.fy)} · "
            f"ร่างจากข้อมูลในระบบ {self.rep.data_date.text_th}"
        )
        if self.ws.is_sample:
            subtitle += f" · {SAMPLE_NOTE}"
        ini = self.rep.initiatives
        figures = {
            "province": self.code,
            "fiscal_year": self.fy,
            "analysis_year": self.analysis.fiscal_year,
            "strategies": len(self.strat_rep.objectives),
            "indicators": len(self.strat_rep.key_results),
            "projects": len(ini),
            "budget_requested": float(ini["budget_requested"].fillna(0).sum()),
            "budget": float(ini["budget"].fillna(0).sum()),
            "budget_next_year": float(ini["budget_next_year"].fillna(0).sum()),
            "issues": self.n_issues,
            "to_write": len(TO_WRITE) + len(self.missing),
            "sample": bool(self.ws.is_sample),
        }
        return PlanDoc(
            kind=KIND,
            scope=self.code,
            fiscal_year=self.fy,
            title_th=f"(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด{self.name}",
            subtitle_th=subtitle,
            sample=bool(self.ws.is_sample),
            sections=sections,
            figures=figures,
            notices=stale_blocks(self.rep.data_date),  # issue 17
            summary=self.summary(figures),
        )

    def summary(self, figures: dict[str, Any]) -> Section:
        """The executive summary (issue 17): the draft's counts and budget, the top ranked
        findings of the province's analysis, and what the meeting is asked (computed)."""
        f = figures
        facts = [
            (
                "ยุทธศาสตร์ / ตัวชี้วัด",
                f"{format_number(f['strategies'])} ยุทธศาสตร์ / {format_number(f['indicators'])} ตัว",
            ),
            ("ประเด็นยุทธศาสตร์จากการวิเคราะห์", f"{format_number(f['issues'])} ประเด็น"),
            (
                "แผนงานโครงการ",
                f"{format_number(f['projects'])} โครงการ งบประมาณที่เสนอ "
                f"{format_baht(f['budget_requested'])} บาท "
                f"ได้รับจัดสรร {format_baht(f['budget'])} บาท",
            ),
            ("งบประมาณที่เสนอปีถัดไป", f"{format_baht(f['budget_next_year'])} บาท"),
        ]
        findings = [f"[{x.priority_th}] {x.text_th}" for x in self.rep.ranked_findings.top(3)]
        asks = [f"ให้ความเห็นต่อ{self.doc_title}"]
        if f["to_write"]:
            asks.append(f"มอบหมายให้จังหวัดจัดทำส่วนที่ยังต้องเขียนเพิ่ม {format_number(f['to_write'])} รายการ")
        if f["budget_next_year"]:
            asks.append(f"พิจารณาคำของบประมาณปีถัดไป {format_baht(f['budget_next_year'])} บาท")
        return executive_summary(facts, findings, asks)

    @property
    def doc_title(self) -> str:
        return f"(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด{self.name}"

    # ------------------------------------------------------------------ helpers
    @property
    def ay(self) -> str:
        return format_fiscal_year(self.analysis.fiscal_year)

    def group(self) -> int | None:
        return recorded_groups(self.ws).get(self.code)

    # ------------------------------------------------------------------ sections
    def sec_introduction(self) -> list[Block]:
        p = self.rep.profile
        blocks = [h("ที่มาของร่างแผน")]
        blocks.append(
            Block(
                "p",
                text=(
                    "การประชุมชี้แจงเป้าหมายและกรอบการดำเนินงานการสร้างตัวแบบ (Model) ขับเคลื่อน"
                    "การดำเนินงานของ กพยจ. กำหนดให้ลงพื้นที่เพื่อให้เกิดการยกร่างแผนยุทธศาสตร์"
                    "การบริหารงานยุติธรรมจังหวัด โดยประสานข้อมูลแผนงานโครงการและแผนการของบประมาณ"
                    "ในพื้นที่กับสำนักงานยุติธรรมจังหวัดต้นแบบ และศึกษาวิเคราะห์ข้อมูลพื้นฐานของแต่ละจังหวัด"
                ),
            )
        )
        blocks.append(Block("note", text=f"ที่มา: {PILOT}"))
        blocks.append(h(f"จังหวัด{self.name}"))
        facts = []
        if p.get("cluster_th"):
            facts.append(f"จังหวัด{self.name}อยู่ใน{p['cluster_th']}")
        group = self.group()
        if group is None:
            facts.append(f"ยังไม่มีข้อมูลกลุ่มการขับเคลื่อนของจังหวัดใน{format_fiscal_year(self.fy)}")
            self.missing.append(f"กลุ่มการขับเคลื่อนของจังหวัดใน{format_fiscal_year(self.fy)}")
        else:
            facts.append(f"ใน{format_fiscal_year(self.fy)} อยู่ใน{GROUP_TH[group]}")
        model = self.code in reference.model_provinces()
        facts.append("เป็นจังหวัดต้นแบบการขับเคลื่อน กพยจ." if model else "ไม่ได้เป็นจังหวัดต้นแบบ")
        blocks.append(Block("p", text=" ".join(facts)))
        years = sorted({int(y) for y in self.baseline["year"]})
        span = f"ปี พ.ศ. {years[0]}–{years[-1]}" if len(years) > 1 else (
            f"ปี พ.ศ. {years[0]}" if years else ""
        )  # fmt: skip
        data = [
            f"ข้อมูลพื้นฐาน {self.baseline['name_th'].nunique():,} รายการ {span}".strip(),
            f"วัตถุประสงค์ {len(self.rep.objectives):,} ข้อ ผลลัพธ์หลัก "
            f"{len(self.rep.key_results):,} ตัว และโครงการ {len(self.rep.initiatives):,} โครงการ "
            f"ของ{self.ay}",
            f"ความก้าวหน้า ณ วันที่ {format_thai_date(self.rep.as_of)}",
        ]
        blocks.append(Block("p", lead="ข้อมูลที่ใช้ยกร่าง: ", text=" · ".join(data)))
        blocks.append(
            Block(
                "note",
                text=(
                    "ร่างนี้สร้างจากข้อมูลในระบบ ข้อความที่ระบุข้อเท็จจริงทุกประโยคคำนวณจากข้อมูล "
                    "ส่วนที่จังหวัดต้องเขียนเองระบุไว้ในหัวข้อ ส่วนที่จังหวัดต้องจัดทำเพิ่มเติม"
                ),
            )
        )
        return blocks

    def sec_situation(self) -> list[Block]:
        if self.baseline.empty:
            self.missing.append("ข้อมูลพื้นฐานของจังหวัด (ชีตข้อมูลพื้นฐาน)")
            return [Block("empty", text=f"ยังไม่มีข้อมูลพื้นฐานของจังหวัด{self.name}")]
        ch = baseline_changes(self.baseline)
        years = sorted(ch["year"].unique())
        blocks = [
            Block(
                "chart",
                lead="baseline_trends",
                text=f"แนวโน้มข้อมูลพื้นฐานของจังหวัด{self.name} ปี พ.ศ. {years[0]}–{years[-1]}",
                columns=["ชื่อข้อมูล", "ปี", "ค่า", "หน่วยนับ"],
                rows=[
                    [
                        str(r.name_th),
                        str(int(r.year)),
                        repr(float(r.value)),
                        "" if is_missing(r.unit_of_measure) else str(r.unit_of_measure),
                    ]
                    for r in ch.itertuples(index=False)
                ],
            )
        ]
        blocks.append(h("ค่าของข้อมูลพื้นฐานรายปี"))
        wide = ch.pivot_table(index="name_th", columns="year", values="value", aggfunc="first")
        units = ch.groupby("name_th")["unit_of_measure"].first()
        rows = []
        for name in wide.index:
            vals = [wide.at[name, y] for y in years]
            rows.append([name, units.get(name), *vals])
        blocks.append(table(["ข้อมูลพื้นฐาน", "หน่วยนับ", *[f"ปี {y}" for y in years]], rows))
        blocks.append(h("การเปลี่ยนแปลงรายปี"))
        steps = ch.dropna(subset=["change"])
        if steps.empty:
            blocks.append(Block("empty", text="ข้อมูลพื้นฐานมีเพียงปีเดียว ยังคำนวณการเปลี่ยนแปลงรายปีไม่ได้"))
            self.missing.append("ข้อมูลพื้นฐานอย่างน้อย 2 ปี เพื่อดูแนวโน้ม")
            return blocks
        blocks.append(
            table(
                ["ข้อมูลพื้นฐาน", "ปี", "ค่า", "เปลี่ยนแปลงจากปีก่อน", "เปลี่ยนแปลง (ร้อยละ)"],
                (
                    [r.name_th, str(int(r.year)), r.value, _signed(r.change),
                     _signed_pct(r.change_pct)]
                    for r in steps.itertuples(index=False)
                ),
            )
        )  # fmt: skip
        sentences = []
        for name, s in ch.groupby("name_th", sort=True):
            s = s.sort_values("year")
            first, last = s.iloc[0], s.iloc[-1]
            if len(s) < 2:
                continue
            unit = "" if is_missing(first["unit_of_measure"]) else f" {first['unit_of_measure']}"
            delta = last["value"] - first["value"]
            verb = "เพิ่มขึ้น" if delta > 0 else ("ลดลง" if delta < 0 else "คงที่")
            text = (
                f"{name} {verb}จาก {format_number(first['value'])}{unit} ในปี {int(first['year'])} "
                f"เป็น {format_number(last['value'])}{unit} ในปี {int(last['year'])}"
            )
            if delta and first["value"]:
                share = abs(delta) / abs(first["value"])
                text += f" ({verb}{format_percent(share, thai=True, decimals=1)})"
            sentences.append(text)
        blocks.append(h("สรุปแนวโน้ม"))
        blocks.append(Block("ul", items=sentences))
        last_step = steps.sort_values("year").groupby("name_th").tail(1)
        ranked = last_step.dropna(subset=["change_pct"]).sort_values("change_pct")
        if len(ranked):
            up, down = ranked.iloc[-1], ranked.iloc[0]
            parts = []
            if up["change_pct"] > 0:
                parts.append(
                    f"รายการที่เพิ่มขึ้นมากที่สุดในปีล่าสุดคือ {up['name_th']} "
                    f"(ร้อยละ {_signed_pct(up['change_pct'])} ในปี {int(up['year'])})"
                )
            if down["change_pct"] < 0:
                parts.append(
                    f"รายการที่ลดลงมากที่สุดคือ {down['name_th']} "
                    f"(ร้อยละ {_signed_pct(down['change_pct'])} ในปี {int(down['year'])})"
                )
            if parts:
                blocks.append(Block("p", text=" ".join(parts)))
        src = sorted({str(s) for s in self.baseline["source"] if not is_missing(s)})
        if src:
            blocks.append(Block("note", text="แหล่งที่มาของข้อมูลพื้นฐาน: " + "; ".join(src)))
        return blocks

    def sec_performance(self) -> list[Block]:
        rep = self.rep
        prog = rep.progress
        if prog.empty:
            self.missing.append(f"ผลลัพธ์หลักของจังหวัดใน{self.ay}")
            return [Block("empty", text=f"ไม่มีผลลัพธ์หลักของจังหวัดใน{self.ay}")]
        counts = prog["status"].value_counts()
        parts = [
            f"{an.STATUS_LABELS[s][0]} {int(counts.get(s, 0)):,} ตัว"
            for s in ("on_track", "at_risk", "off_track", "no_data", "not_started")
            if counts.get(s, 0)
        ]
        blocks = [
            Block(
                "p",
                text=(
                    f"ใน{self.ay} จังหวัดมีวัตถุประสงค์ {len(rep.objectives):,} ข้อ ผลลัพธ์หลัก "
                    f"{len(prog):,} ตัว ณ วันที่ {format_thai_date(rep.as_of)} " + " ".join(parts)
                ),
            )
        ]
        pp = rep.province_progress
        if not is_missing(pp["progress"]):
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"ความก้าวหน้าเฉลี่ยของวัตถุประสงค์ {format_percent(pp['progress'], thai=True)} "
                        f"เทียบกับที่ควรเป็นตามเวลา {format_percent(pp['expected'], thai=True)} "
                        f"สถานะโดยรวม: {pp['status_th']}"
                    ),
                )
            )
        budget = rep.budget
        if budget["budget"]:
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"งบประมาณที่ได้รับจัดสรรรวม {format_baht(budget['budget'])} บาท เบิกจ่ายแล้ว "
                        f"{format_baht(budget['spent'])} บาท "
                        f"({format_percent(budget['spent'] / budget['budget'], thai=True)})"
                    ),
                )
            )
        blocks.append(h("ผลลัพธ์หลักรายตัว"))
        blocks.append(
            table(
                ["ผลลัพธ์หลัก", "ค่าฐาน → เป้าหมาย", "ค่าล่าสุด", "ความก้าวหน้า (ร้อยละ)",
                 "ควรเป็น (ร้อยละ)", "สถานะ"],
                (
                    [f"{r.key_result_id} {r.title_th}",
                     f"{format_number(r.baseline)} → {format_number(r.target)}",
                     r.value, _pct(r.progress), _pct(r.expected), r.status_th]
                    for r in prog.itertuples(index=False)
                ),
            )
        )  # fmt: skip
        return blocks

    def sec_issues(self) -> list[Block]:
        rep = self.rep
        blocks: list[Block] = []
        n = 0
        prog = rep.progress
        behind = prog[prog["status"].isin(["off_track", "at_risk"])]
        blocks.append(h("ผลลัพธ์หลักที่ล่าช้าหรือมีความเสี่ยง"))
        if behind.empty:
            blocks.append(Block("p", text=f"ไม่มีผลลัพธ์หลักที่ล่าช้าหรือมีความเสี่ยงใน{self.ay}"))
        else:
            n += len(behind)
            blocks.append(
                Block(
                    "ul",
                    items=[
                        f"{r.key_result_id} {r.title_th}: {r.status_th} "
                        f"(ความก้าวหน้า {format_percent(r.progress, thai=True)} จากที่ควรเป็น "
                        f"{format_percent(r.expected, thai=True)})"
                        for r in behind.sort_values(["status", "key_result_id"]).itertuples()
                    ],
                )
            )
        blocks.append(h("ช่องว่างของแผน"))
        gaps = self._plan_gaps()
        n += len(gaps)
        blocks.append(Block("ul", items=gaps) if gaps else Block("p", text="ไม่พบช่องว่างของแผน"))
        blocks.append(h("ประเด็นแผนที่ยังไม่มีสิ่งใดสนับสนุน"))
        un = rep.unsupported
        if un.empty:
            blocks.append(
                Block("p", text="ทุกประเด็นของแผนที่เกี่ยวข้องมีวัตถุประสงค์ ผลลัพธ์หลัก หรือโครงการสนับสนุน")
            )
        else:
            n += len(un)
            blocks.append(
                table(
                    ["ประเภทแผน", "ประเด็น"],
                    ([_code(r.plan_kind, "plan_kind"), f"{r.plan_item_id} {r.label_th}"]
                     for r in un.itertuples(index=False)),
                )
            )  # fmt: skip
        self.n_issues = n
        blocks.append(
            Block(
                "p",
                lead="สรุป: ",
                text=(
                    f"พบประเด็นจากการวิเคราะห์ {n:,} รายการ ได้แก่ ผลลัพธ์หลักที่ล่าช้าหรือมีความเสี่ยง "
                    f"{len(behind):,} รายการ ช่องว่างของแผน {len(gaps):,} รายการ และประเด็นแผนที่ยังไม่มี"
                    f"สิ่งใดสนับสนุน {len(un):,} รายการ"
                ),
            )
        )
        return blocks

    def _plan_gaps(self) -> list[str]:
        rep = self.rep
        out = []
        labels = {
            "not_aligned": "วัตถุประสงค์ที่ไม่สอดคล้องกับแผนใด",
            "no_objective": "ผลลัพธ์หลักที่ไม่มีวัตถุประสงค์",
            "delivers_nothing": "โครงการที่ไม่ส่งผลต่อผลลัพธ์หลักใด",
        }
        for r in rep.orphans.itertuples(index=False):
            out.append(f"{labels.get(r.problem, r.problem)}: {r.id} {r.label_th}")
        kru = self.analysis["kr_units"]
        for k in rep.key_results.itertuples(index=False):
            if is_missing(k.owner_unit_id) and not (kru["key_result_id"] == k.id).any():
                out.append(f"ผลลัพธ์หลักที่ไม่มีหน่วยงานเจ้าของ: {k.id} {k.title_th}")
        for g in rep.kpi_gaps.itertuples(index=False):
            out.append(f"ยังไม่มีตัวชี้วัด{g.dimension_th} {g.level_th}")
        cov = rep.pmqa_coverage
        if len(rep.objectives):
            for cat, row in cov.iterrows():
                if not (row["objective"] + row["key_result"]):
                    out.append(
                        f"ไม่มีวัตถุประสงค์หรือผลลัพธ์หลักใดดำเนินการผ่าน PMQA หมวด {cat} {row['name_th']}"
                    )
        for r in rep.unused_outputs.itertuples(index=False):
            out.append(f"ผลผลิตที่ไม่มีหน่วยงานใดรับไปใช้: {r.product_th} ({r.unit_th})")
        return out

    def sec_strategies(self) -> list[Block]:
        rep = self.strat_rep
        blocks: list[Block] = []
        sy = format_fiscal_year(self.strat.fiscal_year)
        if rep.objectives.empty:
            self.missing.append("ประเด็นยุทธศาสตร์ (วัตถุประสงค์ของจังหวัด)")
            return [Block("empty", text="ยังไม่มีวัตถุประสงค์ของจังหวัดในข้อมูล")]
        if self.strat.fiscal_year != self.fy:
            blocks.append(
                Block(
                    "note",
                    text=(
                        f"ยังไม่มีวัตถุประสงค์ของจังหวัดใน{format_fiscal_year(self.fy)} ร่างนี้จึงใช้"
                        f"วัตถุประสงค์และผลลัพธ์หลักของ{sy} เป็นจุดตั้งต้น ค่าเป้าหมายของ"
                        f"{format_fiscal_year(self.fy)} จังหวัดต้องกำหนดเอง"
                    ),
                )
            )
            self.missing.append(f"ค่าเป้าหมายของ{format_fiscal_year(self.fy)} ของทุกตัวชี้วัด")
        base = self.ws["baseline_indicators"].set_index("id")
        series = self.baseline
        objectives = _tree_order(rep.objectives)
        krs = rep.key_results
        for n, o in enumerate(objectives.itertuples(index=False), 1):
            blocks.append(h(f"ประเด็นยุทธศาสตร์ที่ {n}: {o.title_th}"))
            blocks.append(Block("p", text=f"จากวัตถุประสงค์ {o.id} ของ{sy}"))
            ks = krs[krs["objective_id"] == o.id]
            if ks.empty:
                blocks.append(Block("empty", text="ประเด็นนี้ยังไม่มีตัวชี้วัด (ผลลัพธ์หลัก)"))
                self.missing.append(f"ตัวชี้วัดของประเด็นยุทธศาสตร์ที่ {n} ({o.id})")
                continue
            values, measures, notes = [], [], []
            for k in ks.itertuples(index=False):
                linked = _linked_baseline(k.baseline_indicator_id, base, series)
                if linked is None:
                    data = _NOT_GIVEN
                    self.missing.append(f"ตัวชี้วัด {k.id} ยังไม่เชื่อมกับข้อมูลพื้นฐาน")
                else:
                    data = f"{format_number(linked['value'])} (ปี {linked['year']})"
                    if linked["latest_year"] != linked["year"]:
                        data += (
                            f"; ล่าสุด {format_number(linked['latest_value'])} "
                            f"(ปี {linked['latest_year']})"
                        )
                    if float(linked["value"]) != float(k.baseline):
                        notes.append(
                            f"{k.id}: ค่าฐานของตัวชี้วัด ({format_number(k.baseline)}) ไม่ตรงกับข้อมูล"
                            f"พื้นฐาน{linked['name_th']} ปี {linked['year']} "
                            f"({format_number(linked['value'])}) จังหวัดต้องตรวจสอบ"
                        )
                values.append(
                    [f"{k.id} {k.title_th}", _num(k.baseline, k.unit_of_measure), data,
                     _num(k.target, k.unit_of_measure), _code(k.direction, "direction"),
                     _code(k.period, "measure_period")]
                )  # fmt: skip
                measures.append(
                    [k.id, k.method_th if not is_missing(k.method_th) else _NOT_GIVEN,
                     k.data_source_th if not is_missing(k.data_source_th) else _NOT_GIVEN]
                )  # fmt: skip
                for field, what in (
                    ("method_th", "วิธีการวัด"),
                    ("data_source_th", "แหล่งข้อมูล"),
                    ("period", "รอบการวัด"),
                ):
                    if is_missing(getattr(k, field)):
                        self.missing.append(f"ตัวชี้วัด {k.id} ยังไม่ระบุ{what}")
            blocks.append(
                table(
                    ["ตัวชี้วัด", "ค่าฐาน", "ค่าฐานจากข้อมูลพื้นฐาน", f"ค่าเป้าหมาย ({sy})", "ทิศทาง",
                     "รอบการวัด"],
                    values,
                )
            )  # fmt: skip
            blocks.append(table(["ตัวชี้วัด", "วิธีการวัด", "แหล่งข้อมูล"], measures))
            if notes:
                blocks.append(Block("note", text=" ".join(notes)))
        kp = self.strat["kpis"]
        kp = kp[kp["province_code"] == self.code]
        blocks.append(h("ตัวชี้วัดตามคำรับรองการปฏิบัติราชการ (KPI)"))
        if kp.empty:
            blocks.append(Block("empty", text="ยังไม่มีตัวชี้วัด (KPI) ของจังหวัด"))
        else:
            blocks.append(
                table(
                    ["ตัวชี้วัด", "มิติ", "ระดับ", "ค่าเป้าหมาย", "ทิศทาง", "รอบการวัด", "วิธีการวัด"],
                    (
                        [r.name_th, _code(r.dimension, "kpi_dimension"),
                         _code(r.level, "kpi_level"),
                         _num(r.target, r.unit_of_measure), _code(r.direction, "direction"),
                         _code(r.period, "measure_period"),
                         r.method_th if not is_missing(r.method_th) else _NOT_GIVEN]
                        for r in kp.sort_values("id").itertuples(index=False)
                    ),
                )
            )  # fmt: skip
            no_method = int(kp["method_th"].isna().sum())
            if no_method:
                self.missing.append(f"วิธีการวัดของตัวชี้วัด (KPI) {no_method:,} ตัว")
        return blocks

    def sec_projects(self) -> list[Block]:
        blocks: list[Block] = []
        frames = [(self.analysis.fiscal_year, self.rep.initiatives)]
        if self.strat.fiscal_year != self.analysis.fiscal_year:
            frames.append((self.strat.fiscal_year, self.strat_rep.initiatives))
        units = dict(zip(self.ws["units"]["id"], self.ws["units"]["name_th"], strict=True))
        for fy, ini in frames:
            blocks.append(h(f"โครงการ{format_fiscal_year(fy)}"))
            if ini.empty:
                blocks.append(
                    Block("empty", text=f"ยังไม่มีโครงการของจังหวัดใน{format_fiscal_year(fy)}")
                )
                continue
            ini = ini.sort_values("id")
            rows = []
            for r in ini.itertuples(index=False):
                share = (
                    _pct(r.budget / r.budget_requested)
                    if not is_missing(r.budget)
                    and not is_missing(r.budget_requested)
                    and r.budget_requested
                    else DASH
                )
                rows.append(
                    [f"{r.id} {r.name_th}", units.get(r.owner_unit_id, DASH),
                     _code(r.status, "initiative_status"), _baht(r.budget_requested),
                     _baht(r.budget), share, _baht(r.budget_spent), _baht(r.budget_next_year)]
                )  # fmt: skip
                if is_missing(r.budget_requested):
                    self.missing.append(f"งบประมาณที่เสนอขอของโครงการ {r.id}")
                if is_missing(r.budget_next_year) and r.status != "cancelled":
                    self.missing.append(f"คำของบประมาณปีถัดไปของโครงการ {r.id}")
            req = float(ini["budget_requested"].fillna(0).sum())
            alloc = float(ini["budget"].fillna(0).sum())
            spent = float(ini["budget_spent"].fillna(0).sum())
            nxt = float(ini["budget_next_year"].fillna(0).sum())
            rows.append(
                ["รวม", "", "", format_baht(req), format_baht(alloc),
                 _pct(alloc / req) if req else DASH, format_baht(spent), format_baht(nxt)]
            )  # fmt: skip
            blocks.append(
                table(
                    ["โครงการ", "หน่วยงานรับผิดชอบ", "สถานะ", "เสนอขอ (บาท)", "ได้รับจัดสรร (บาท)",
                     "ได้รับ/เสนอขอ (ร้อยละ)", "เบิกจ่าย (บาท)", f"คำขอปี {fy + 1} (บาท)"],
                    rows,
                )
            )  # fmt: skip
            text = (
                f"โครงการ {len(ini):,} โครงการ เสนอขอรวม {format_baht(req)} บาท ได้รับจัดสรร "
                f"{format_baht(alloc)} บาท"
            )
            if req:
                text += f" ({format_percent(alloc / req, thai=True)} ของที่เสนอขอ)"
            text += f" คำของบประมาณ{format_fiscal_year(fy + 1)} รวม {format_baht(nxt)} บาท"
            blocks.append(Block("p", text=text))
            no_req = int(ini["budget_requested"].isna().sum())
            if no_req:
                blocks.append(
                    Block("note", text=f"โครงการ {no_req:,} โครงการยังไม่มีข้อมูลงบประมาณที่เสนอขอ")
                )
        return blocks

    def sec_alignment(self) -> list[Block]:
        rep = self.strat_rep
        blocks: list[Block] = [h("ประเด็นยุทธศาสตร์กับแผนพัฒนาจังหวัด แผนพัฒนากลุ่มจังหวัด และแผนระดับชาติ")]
        ch = an.alignment_chains(rep.graph, kinds=["objective"])
        ch = ch[ch["province_code"] == self.code]
        objectives = _tree_order(rep.objectives)
        if objectives.empty:
            blocks.append(Block("empty", text="ยังไม่มีวัตถุประสงค์ของจังหวัดในข้อมูล"))
        else:
            rows = []
            for n, o in enumerate(objectives.itertuples(index=False), 1):
                mine = ch[ch["id"] == o.id]

                def items(kinds: Iterable[str], mine: pd.DataFrame = mine) -> str:
                    sel = mine[mine["plan_kind"].isin(list(kinds))].sort_values("plan_item_id")
                    return "; ".join(f"{r.plan_item_id} {r.plan_item_th}" for r in sel.itertuples())

                prov, clus, nat = (
                    items(["provincial_plan"]),
                    items(["cluster_plan"]),
                    items(_NATIONAL_KINDS),
                )
                if not (prov or clus or nat):
                    self.missing.append(f"ความสอดคล้องกับแผนของประเด็นยุทธศาสตร์ที่ {n} ({o.id})")
                rows.append(
                    [
                        f"{n}. {o.title_th}",
                        prov or _NOT_GIVEN,
                        clus or _NOT_GIVEN,
                        nat or _NOT_GIVEN,
                    ]
                )
            blocks.append(
                table(["ประเด็นยุทธศาสตร์", "แผนพัฒนาจังหวัด", "แผนพัฒนากลุ่มจังหวัด", "แผนระดับชาติ"], rows)
            )
        blocks.append(h(f"เป้าหมายตามแผนการดำเนินงานขับเคลื่อน กพยจ. {format_fiscal_year(self.fy)}"))
        plan = plan_tables(self.ws)
        group = self.group()
        if plan["goals"].empty:
            blocks.append(
                Block(
                    "empty",
                    text=f"ยังไม่มีแผนการดำเนินงานขับเคลื่อน กพยจ. ของ{format_fiscal_year(self.fy)}",
                )
            )
            return blocks
        if group is None:
            blocks.append(Block("empty", text="ยังไม่ทราบกลุ่มการขับเคลื่อนของจังหวัด จึงยังระบุค่าเป้าหมายไม่ได้"))
            return blocks
        tg = plan["targets"][plan["targets"]["group"] == group]
        ind = plan["indicators"].set_index("id")
        goals = plan["goals"].set_index("id")
        if tg.empty:
            blocks.append(Block("empty", text=f"แผนขับเคลื่อนยังไม่กำหนดค่าเป้าหมายของกลุ่มที่ {group}"))
            return blocks
        blocks.append(
            Block("p", text=f"จังหวัด{self.name}อยู่ในกลุ่มที่ {group} ค่าเป้าหมายของกลุ่มตามแผนขับเคลื่อน:")
        )
        blocks.append(
            table(
                ["เป้าหมายของแผนขับเคลื่อน", "ตัวชี้วัด", "ค่าเป้าหมายของกลุ่ม", "กำหนดแล้วเสร็จ"],
                (
                    [goals.at[ind.at[t.indicator_id, "goal_id"], "goal_th"],
                     ind.at[t.indicator_id, "name_th"],
                     _num(t.target, ind.at[t.indicator_id, "unit_of_measure"]),
                     _day(t.due_date)]
                    for t in tg.sort_values("indicator_id").itertuples(index=False)
                ),
            )
        )  # fmt: skip
        return blocks

    def sec_to_write(self) -> list[Block]:
        blocks = [
            Block(
                "p",
                text=(
                    "ส่วนต่อไปนี้ไม่มีในข้อมูลของระบบ จังหวัดต้องเขียนเองร่วมกับหน่วยงานใน กพยจ. "
                    "ร่างนี้ไม่ได้เติมข้อความแทน"
                ),
            ),
            Block("ul", items=list(TO_WRITE)),
            h("ข้อมูลที่ยังขาดและต้องเติมในระบบ"),
        ]
        missing = list(dict.fromkeys(self.missing))
        if missing:
            blocks.append(Block("ul", items=missing))
        else:
            blocks.append(Block("p", text="ไม่พบข้อมูลที่ขาด"))
        note = f"ข้อมูลจากระบบ kpyj · {format_fiscal_year(self.fy)}"
        if self.ws.is_sample:
            note += f" · {SAMPLE_NOTE}"
        blocks.append(Block("note", text=note))
        return blocks


# --------------------------------------------------------------------------- helpers
def _tree_order(objectives: pd.DataFrame) -> pd.DataFrame:
    """Objectives parents first, each followed by its children (by id)."""
    if objectives.empty:
        return objectives
    ids = set(objectives["id"])
    kids: dict[Any, list[str]] = {}
    for o in objectives.sort_values("id").itertuples(index=False):
        parent = o.parent_id if not is_missing(o.parent_id) and o.parent_id in ids else None
        kids.setdefault(parent, []).append(o.id)
    order: list[str] = []

    def walk(node: Any) -> None:
        for k in kids.get(node, []):
            if k not in order:
                order.append(k)
                walk(k)

    walk(None)
    order += [i for i in objectives.sort_values("id")["id"] if i not in order]
    return objectives.set_index("id").loc[order].reset_index()


def _linked_baseline(
    row_id: Any, base: pd.DataFrame, series: pd.DataFrame
) -> dict[str, Any] | None:
    """The baseline row a KR points to, and the latest value of the same series."""
    if is_missing(row_id) or row_id not in base.index:
        return None
    row = base.loc[row_id]
    same = series[series["name_th"] == row["name_th"]].sort_values("year")
    latest = same.iloc[-1] if len(same) else row
    return {
        "name_th": row["name_th"],
        "value": float(row["value"]),
        "year": int(row["year"]),
        "latest_value": float(latest["value"]),
        "latest_year": int(latest["year"]),
    }


def _day(v: Any) -> str:
    return DASH if is_missing(v) else format_thai_date(v, style="abbr")


def _baht(v: Any) -> str:
    return DASH if is_missing(v) else format_baht(v)


def _signed(v: Any) -> str:
    if is_missing(v):
        return DASH
    return ("+" if v > 0 else "") + format_number(v)


def _signed_pct(v: Any) -> str:
    """A change as a signed percentage number (the header says ร้อยละ): ``"+5.3"``."""
    if is_missing(v):
        return DASH
    return ("+" if v > 0 else "") + format_number(round(float(v) * 100, 1), 1)


def _pct(v: Any) -> str:
    """A share as a whole percentage number (the header says ร้อยละ): ``"47"``."""
    return DASH if is_missing(v) else format_number(round(float(v) * 100), 0)
