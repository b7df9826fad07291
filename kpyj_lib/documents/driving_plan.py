"""สกธ.'s yearly driving plan of กพยจ. (แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปีงบประมาณ …).

The memo of สกธ. dated 20 January 2565 (:data:`~kpyj_lib.documents._plans.MEMO`) asks for a
yearly plan made of **goals, activities, outcomes, indicators and a path to extend the
work**, with clear outcomes and ways of measuring them, differentiated by province group,
in line with Cabinet resolutions, the Justice Administration Master Plan and ministry
policy. :func:`build_driving_plan` writes that plan from the driving-plan sheets of one
fiscal year (``driving_goals``, ``driving_activities``, ``driving_indicators``,
``driving_targets``, ``driving_alignments``) and the year's province groups, in the order
the memo asks for (:data:`SECTION_KEYS`): background, goals, activities, outcomes,
indicators and how each is measured, what each province group does and when, the
extension path, the plan items each goal serves, and — last — what the data does not say
yet. Nothing is invented: a goal without an indicator, an indicator without a measurement
method, a group target for a group without provinces is *listed as missing*, never filled
in. A sample workspace makes a document marked as sample.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> doc = build_driving_plan(tiny_workspace())
>>> doc.kind, doc.title_th
('driving_plan', 'แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปีงบประมาณ พ.ศ. 2565')
>>> doc.keys() == list(SECTION_KEYS)
True
>>> "ยังไม่มีเป้าหมายของแผนขับเคลื่อน" in doc.section("gaps").text()
True
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from .. import reference
from ..analysis.groups import recorded_groups
from ..analysis.measure import data_date
from ..analysis.progress import STATUS_LABELS, kr_progress
from ..calendar import fiscal_year_bounds, format_fiscal_year, format_thai_date
from ..text import DASH, format_number, is_missing
from ..workspace import Workspace
from ._plans import (
    GROUP_TH,
    MEMO,
    SAMPLE_NOTE,
    PlanDoc,
    code_th,
    day,
    h,
    number_sections,
    quantity,
    table,
)
from .base import Block, Section
from .data_date import stale_blocks
from .summary import executive_summary

__all__ = ["KIND", "SECTION_KEYS", "build_driving_plan", "plan_tables"]

#: The document kind (template ``render/templates/driving_plan.html.j2``).
KIND = "driving_plan"
#: The sections, in the order the memo lists the plan's parts.
SECTION_KEYS: tuple[str, ...] = (
    "background",
    "goals",
    "activities",
    "outcomes",
    "indicators",
    "groups",
    "extension",
    "alignment",
    "gaps",
)
_TITLES: dict[str, tuple[str, str]] = {
    "background": ("ความเป็นมา", "Background"),
    "goals": ("เป้าหมาย", "Goals"),
    "activities": ("กิจกรรมการดำเนินงาน", "Activities"),
    "outcomes": ("ผลลัพธ์", "Outcomes"),
    "indicators": ("ตัวชี้วัดและวิธีการวัดผล", "Indicators and how they are measured"),
    "groups": ("การดำเนินงานของแต่ละกลุ่มจังหวัด", "What each province group does and when"),
    "extension": ("แนวทางต่อยอดการดำเนินงานในอนาคต", "Extending the work"),
    "alignment": ("ความสอดคล้องกับแผนระดับชาติ", "National plan items each goal serves"),
    "gaps": ("ข้อมูลที่ยังขาด", "What the data does not say yet"),
}
#: Facts restated from the memo (its paragraph in brackets), nothing added.
_MEMO_FACTS: tuple[str, ...] = (
    "ที่ประชุมระหว่างกองยุทธศาสตร์และแผนงาน สำนักงานปลัดกระทรวงยุติธรรม กับสำนักงานกิจการยุติธรรม "
    "มอบหมายให้สำนักงานกิจการยุติธรรมจัดทำแผนการดำเนินงานขับเคลื่อน กพยจ. โดยกำหนดเนื้อหาที่"
    "สำนักงานยุติธรรมจังหวัดจะต้องดำเนินการในระดับพื้นที่ มีการกำหนดผลลัพธ์และวิธีการวัดผลที่ชัดเจน "
    "รวมถึงแนวทางต่อยอดการดำเนินงานในอนาคต (ข้อ 2.2)",
    "แผนการดำเนินงานประกอบด้วย เป้าหมาย กิจกรรมการดำเนินงาน ผลลัพธ์ ตัวชี้วัด และแนวทางต่อยอด"
    "การดำเนินงานในอนาคต ให้สอดคล้องกับมติคณะรัฐมนตรี แผนแม่บทการบริหารงานยุติธรรมแห่งชาติ "
    "และนโยบายกระทรวงยุติธรรม โดยนำกรอบแนวทางการป้องกันอาชญากรรมที่มีประสิทธิภาพ 6 ด้าน "
    "(มติคณะรัฐมนตรีเมื่อวันที่ 24 มกราคม 2560) มาใช้ในการขับเคลื่อนในพื้นที่ (ข้อ 3)",
    "การขับเคลื่อนในระดับพื้นที่ควรคำนึงถึงความสอดคล้องกับแผนพัฒนาจังหวัดและกลุ่มจังหวัด "
    "และกำหนดเป้าหมาย แนวทางการดำเนินการ และตัวชี้วัดที่ชัดเจน (ข้อ 2.1 (2))",
    "แบ่งกลุ่มจังหวัดตามแนวทางการขับเคลื่อนแผนสิทธิมนุษยชนแห่งชาติเป็น 3 กลุ่ม ได้แก่ กลุ่มที่ 1 "
    "จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด กลุ่มที่ 2 จังหวัดที่เป็นศูนย์ปฏิบัติการของ"
    "กลุ่มจังหวัด 14 จังหวัด และกลุ่มที่ 3 สำนักงานยุติธรรมจังหวัดที่ไม่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด "
    "59 จังหวัด โดยกำหนดแนวทางการปฏิบัติของแต่ละกลุ่ม (ข้อ 2.1 (3))",
)
_NOT_GIVEN = "ยังไม่ระบุ"


def _code(v: Any, codes: str) -> str:
    return code_th(codes, v, _NOT_GIVEN)


def _order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows by their ``code`` (numbers in numeric order), then id."""
    if df.empty:
        return df

    def key(code: Any) -> tuple[float, str]:
        text = "" if is_missing(code) else str(code)
        try:
            return (float(text), text)
        except ValueError:
            return (math.inf, text)

    keys = [(*key(c), str(i)) for c, i in zip(df["code"], df["id"], strict=True)]
    order = sorted(range(len(df)), key=lambda n: keys[n])
    return df.iloc[order].reset_index(drop=True)


def plan_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """The driving plan of ``ws``'s fiscal year as frames (goals in order, and their parts).

    Returns
    -------
    dict
        ``goals``, ``activities``, ``indicators``, ``targets``, ``alignments`` (rows of the
        year's goals only) and ``groups`` (``province_code``, ``group`` of the year).
    """
    goals = ws["driving_goals"]
    goals = _order(goals[goals["fiscal_year"] == ws.fiscal_year])
    ids = set(goals["id"])

    def of_goals(name: str) -> pd.DataFrame:
        df = ws[name]
        return df[df["goal_id"].isin(ids)].reset_index(drop=True)

    indicators = of_goals("driving_indicators")
    targets = ws["driving_targets"]
    targets = targets[targets["indicator_id"].isin(set(indicators["id"]))].reset_index(drop=True)
    groups = pd.DataFrame(sorted(recorded_groups(ws).items()), columns=["province_code", "group"])
    return {
        "goals": goals,
        "activities": of_goals("driving_activities"),
        "indicators": indicators,
        "targets": targets,
        "alignments": of_goals("driving_alignments"),
        "groups": groups,
    }


def build_driving_plan(ws: Workspace, *, prior: Workspace | None = None) -> PlanDoc:
    """The yearly driving plan of ``ws``'s fiscal year.

    Parameters
    ----------
    ws : Workspace
        The workspace of the plan's fiscal year (its driving-plan sheets and province
        groups).
    prior : Workspace, optional
        The previous fiscal year's workspace: the background then says how its key results
        stood (counts computed from it).

    Returns
    -------
    PlanDoc
        Kind ``"driving_plan"``, sections :data:`SECTION_KEYS` (numbered 1. to 9.).
    """
    return _DrivingPlan(ws, prior).build()


class _DrivingPlan:
    def __init__(self, ws: Workspace, prior: Workspace | None):
        self.ws = ws
        self.prior = prior
        self.fy = ws.fiscal_year
        t = plan_tables(ws)
        self.goals, self.activities = t["goals"], t["activities"]
        self.indicators, self.targets = t["indicators"], t["targets"]
        self.alignments, self.groups = t["alignments"], t["groups"]
        u = ws["units"]
        self.unit_names = dict(zip(u["id"], u["name_th"], strict=True))
        self.gaps: list[str] = []

    # ------------------------------------------------------------------ helpers
    def goal_label(self, g: Any) -> str:
        code = "" if is_missing(g.code) else f"{g.code} "
        return f"เป้าหมายที่ {code}{g.goal_th}".replace("  ", " ")

    def goal_no(self, goal_id: str) -> str:
        g = self.goals[self.goals["id"] == goal_id].iloc[0]
        return f"เป้าหมายที่ {g['code']}" if not is_missing(g["code"]) else f"เป้าหมาย {goal_id}"

    def members(self, group: int) -> list[str]:
        g = self.groups
        return [c for c, n in zip(g["province_code"], g["group"], strict=True) if n == group]

    def period(self, start: Any, end: Any) -> str:
        if is_missing(start) and is_missing(end):
            return _NOT_GIVEN
        return f"{day(start)} – {day(end)}"

    def group_of(self, g: Any) -> str:
        return "ทุกกลุ่ม" if is_missing(g) else f"กลุ่มที่ {int(g)}"

    # ------------------------------------------------------------------ build
    def build(self) -> PlanDoc:
        start, end = fiscal_year_bounds(self.fy)
        # "gaps" last: the other sections record what they found missing on the way
        sections = [
            Section(key, *_TITLES[key], getattr(self, f"sec_{key}")()) for key in SECTION_KEYS
        ]
        number_sections(sections)
        subtitle = (
            f"สำนักงานกิจการยุติธรรม · {format_fiscal_year(self.fy)} "
            f"({format_thai_date(start)} – {format_thai_date(end)})"
        )
        if self.ws.is_sample:
            subtitle += f" · {SAMPLE_NOTE}"
        figures = {
            "fiscal_year": self.fy,
            "goals": len(self.goals),
            "activities": len(self.activities),
            "indicators": len(self.indicators),
            "targets": len(self.targets),
            "alignments": len(self.alignments),
            "gaps": len(self.gaps),
            "sample": bool(self.ws.is_sample),
        }
        return PlanDoc(
            kind=KIND,
            scope="",
            fiscal_year=self.fy,
            title_th=f"แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำ{format_fiscal_year(self.fy)}",
            subtitle_th=subtitle,
            sample=bool(self.ws.is_sample),
            sections=sections,
            figures=figures,
            summary=self.summary(),
        )

    def summary(self) -> Section:
        """The executive summary (issue 17): the plan's counts, what the data still lacks,
        and what the meeting is asked (all computed; call after the sections)."""
        fy = format_fiscal_year(self.fy)
        facts = [
            ("เป้าหมาย", f"{format_number(len(self.goals))} ข้อ"),
            ("กิจกรรมการดำเนินงาน", f"{format_number(len(self.activities))} กิจกรรม"),
            (
                "ตัวชี้วัด / ค่าเป้าหมายรายกลุ่ม",
                f"{format_number(len(self.indicators))} ตัว / {format_number(len(self.targets))} ค่า",
            ),
            ("ความสอดคล้องกับแผนระดับชาติ", f"{format_number(len(self.alignments))} รายการ"),
        ]
        findings = []
        if self.gaps:
            findings.append(f"ข้อมูลที่ยังขาด {format_number(len(self.gaps))} รายการ เช่น {self.gaps[0]}")
        asks = [f"เห็นชอบแผนการดำเนินงานขับเคลื่อน กพยจ. ประจำ{fy}"]
        if self.gaps:
            asks.append(f"มอบหมายให้จัดทำข้อมูลที่ยังขาด {format_number(len(self.gaps))} รายการ")
        asks.append("มอบหมายให้จังหวัดแต่ละกลุ่มดำเนินกิจกรรมตามช่วงเวลาในแผน")
        return executive_summary(facts, findings, asks)

    # ------------------------------------------------------------------ sections
    def sec_background(self) -> list[Block]:
        blocks: list[Block] = [h("ที่มาของแผน")]
        blocks.append(Block("ul", items=list(_MEMO_FACTS)))
        blocks.append(Block("note", text=f"ที่มา: {MEMO}"))
        blocks.append(h(f"แผนการดำเนินงาน{format_fiscal_year(self.fy)}"))
        if self.goals.empty:
            blocks.append(
                Block(
                    "empty",
                    text=f"ยังไม่มีเป้าหมายของแผนขับเคลื่อนสำหรับ{format_fiscal_year(self.fy)} ในข้อมูล",
                )
            )
        else:
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"แผนการดำเนินงาน{format_fiscal_year(self.fy)} มีเป้าหมาย "
                        f"{len(self.goals):,} ข้อ กิจกรรมการดำเนินงาน {len(self.activities):,} กิจกรรม "
                        f"ตัวชี้วัด {len(self.indicators):,} ตัว ค่าเป้าหมายรายกลุ่มจังหวัด "
                        f"{len(self.targets):,} รายการ และเชื่อมโยงกับประเด็นของแผนระดับต่าง ๆ "
                        f"{self.alignments['plan_item_id'].nunique():,} ประเด็น"
                    ),
                )
            )
        if self.groups.empty:
            blocks.append(
                Block(
                    "empty",
                    text=f"ยังไม่มีข้อมูลกลุ่มการขับเคลื่อนของจังหวัดสำหรับ{format_fiscal_year(self.fy)}",
                )
            )
        else:
            counts = [f"กลุ่มที่ {g} จำนวน {len(self.members(g)):,} จังหวัด" for g in (1, 2, 3)]
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"ใน{format_fiscal_year(self.fy)} ข้อมูลกลุ่มการขับเคลื่อนมีจังหวัด "
                        f"{len(self.groups):,} จังหวัด ได้แก่ " + " ".join(counts)
                    ),
                )
            )
        if self.prior is not None:
            blocks += self.prior_year()
        return blocks

    def prior_year(self) -> list[Block]:
        prior = self.prior
        assert prior is not None
        objs = prior["objectives"]
        provinces = {str(c) for c in objs["province_code"] if not is_missing(c)}
        blocks = [h(f"ผลการดำเนินงาน{format_fiscal_year(prior.fiscal_year)}")]
        if not provinces:
            blocks.append(
                Block(
                    "empty",
                    text=f"ไม่มีข้อมูลวัตถุประสงค์ของจังหวัดใน{format_fiscal_year(prior.fiscal_year)}",
                )
            )
            return blocks
        info = data_date(prior)  # issue 17: the latest check-in, said so; warned when stale
        as_of = info.as_of
        prog = kr_progress(prior, as_of)
        counts = prog["status"].value_counts()
        parts = [
            f"{STATUS_LABELS[s][0]} {int(counts.get(s, 0)):,} ตัว"
            for s in ("on_track", "at_risk", "off_track", "no_data", "not_started")
            if counts.get(s, 0)
        ]
        blocks.append(
            Block(
                "p",
                text=(
                    f"ใน{format_fiscal_year(prior.fiscal_year)} มีจังหวัดที่บันทึกวัตถุประสงค์ของ กพยจ. "
                    f"{len(provinces):,} จังหวัด วัตถุประสงค์ {len(objs):,} ข้อ ผลลัพธ์หลัก "
                    f"{len(prog):,} ตัว {info.text_th} " + " ".join(parts)
                ),
            )
        )
        return blocks + stale_blocks(info)

    def sec_goals(self) -> list[Block]:
        if self.goals.empty:
            return [Block("empty", text="ยังไม่มีเป้าหมายของแผนขับเคลื่อนในข้อมูล")]
        rows = []
        for g in self.goals.itertuples(index=False):
            n_act = int((self.activities["goal_id"] == g.id).sum())
            n_ind = int((self.indicators["goal_id"] == g.id).sum())
            owner = DASH if is_missing(g.owner_unit_id) else self.unit_names.get(g.owner_unit_id)
            rows.append([g.code, g.goal_th, n_act, n_ind, owner])
        return [table(["ลำดับ", "เป้าหมาย", "กิจกรรม", "ตัวชี้วัด", "หน่วยงานรับผิดชอบ"], rows)]

    def sec_activities(self) -> list[Block]:
        blocks: list[Block] = []
        for g in self.goals.itertuples(index=False):
            blocks.append(h(self.goal_label(g)))
            acts = self.activities[self.activities["goal_id"] == g.id]
            if acts.empty:
                blocks.append(Block("empty", text="เป้าหมายนี้ยังไม่มีกิจกรรมการดำเนินงาน"))
                self.gaps.append(f"{self.goal_no(g.id)} ยังไม่มีกิจกรรมการดำเนินงาน")
                continue
            acts = acts.sort_values(["start_date", "id"], na_position="last", key=_sortable)
            rows = []
            for a in acts.itertuples(index=False):
                rows.append(
                    [a.name_th, self.group_of(a.group), self.period(a.start_date, a.end_date),
                     a.detail_th]
                )  # fmt: skip
                if is_missing(a.start_date) or is_missing(a.end_date):
                    self.gaps.append(f"กิจกรรม {a.id} ({a.name_th}) ยังไม่ระบุช่วงเวลาดำเนินการ")
            blocks.append(table(["กิจกรรม", "กลุ่มจังหวัด", "ช่วงเวลา", "รายละเอียด"], rows))
        return blocks or [Block("empty", text="ยังไม่มีกิจกรรมการดำเนินงานในข้อมูล")]

    def sec_outcomes(self) -> list[Block]:
        blocks: list[Block] = []
        for g in self.goals.itertuples(index=False):
            if is_missing(g.outcome_th):
                blocks.append(Block("empty", text=f"{self.goal_no(g.id)}: ยังไม่ได้ระบุผลลัพธ์ที่คาดหวัง"))
                self.gaps.append(f"{self.goal_no(g.id)} ยังไม่ได้ระบุผลลัพธ์ที่คาดหวัง")
            else:
                blocks.append(Block("p", lead=f"{self.goal_no(g.id)}: ", text=str(g.outcome_th)))
        return blocks or [Block("empty", text="ยังไม่มีเป้าหมายของแผนขับเคลื่อนในข้อมูล")]

    def sec_indicators(self) -> list[Block]:
        blocks: list[Block] = []
        for g in self.goals.itertuples(index=False):
            blocks.append(h(self.goal_label(g)))
            inds = self.indicators[self.indicators["goal_id"] == g.id].sort_values("id")
            if inds.empty:
                blocks.append(Block("empty", text="เป้าหมายนี้ยังไม่มีตัวชี้วัด จึงยังวัดผลสำเร็จไม่ได้"))
                self.gaps.append(f"{self.goal_no(g.id)} ยังไม่มีตัวชี้วัด")
                continue
            values, measures = [], []
            for i in inds.itertuples(index=False):
                base = quantity(i.baseline, i.unit_of_measure, _NOT_GIVEN) + (
                    ""
                    if is_missing(i.baseline) or is_missing(i.baseline_year)
                    else f" (ปี {int(i.baseline_year)})"
                )
                target = quantity(i.target, i.unit_of_measure, _NOT_GIVEN) + (
                    ""
                    if is_missing(i.target) or is_missing(i.target_year)
                    else f" (ปี {int(i.target_year)})"
                )
                values.append(
                    [i.name_th, _code(i.direction, "direction"), base, target,
                     _code(i.period, "measure_period")]
                )  # fmt: skip
                method = _NOT_GIVEN if is_missing(i.method_th) else i.method_th
                source = _NOT_GIVEN if is_missing(i.data_source_th) else i.data_source_th
                measures.append([i.name_th, method, source])
                for field, what in (
                    ("method_th", "วิธีการวัด"),
                    ("data_source_th", "แหล่งข้อมูล"),
                    ("baseline", "ค่าฐาน"),
                    ("target", "ค่าเป้าหมาย"),
                    ("period", "รอบการวัด"),
                ):
                    if is_missing(getattr(i, field)):
                        self.gaps.append(f"ตัวชี้วัด {i.id} ({i.name_th}) ยังไม่ระบุ{what}")
            blocks.append(table(["ตัวชี้วัด", "ทิศทาง", "ค่าฐาน", "ค่าเป้าหมาย", "รอบการวัด"], values))
            blocks.append(table(["ตัวชี้วัด", "วิธีการวัด", "แหล่งข้อมูล"], measures))
            missing = [m[0] for m in measures if m[1] == _NOT_GIVEN]
            if missing:
                blocks.append(
                    Block(
                        "note",
                        text="ตัวชี้วัดที่ยังไม่ระบุวิธีการวัด (วัดผลไม่ได้จนกว่าจะกำหนด): " + "; ".join(missing),
                    )
                )
        return blocks or [Block("empty", text="ยังไม่มีเป้าหมายของแผนขับเคลื่อนในข้อมูล")]

    def sec_groups(self) -> list[Block]:
        blocks: list[Block] = []
        ind = self.indicators.set_index("id")
        names, units = ind["name_th"].to_dict(), ind["unit_of_measure"].to_dict()
        goal_of = ind["goal_id"].to_dict()
        no_groups = self.groups.empty
        if no_groups:
            self.gaps.append(
                f"ยังไม่มีข้อมูลกลุ่มการขับเคลื่อนของจังหวัดสำหรับ{format_fiscal_year(self.fy)} "
                "(ชีตกลุ่มจังหวัดขับเคลื่อน)"
            )
        for group in (1, 2, 3):
            blocks.append(h(GROUP_TH[group]))
            members = self.members(group)
            if members:
                listed = " ".join(reference.province_name(c) for c in members)
                blocks.append(
                    Block("p", lead=f"จังหวัดในกลุ่ม ({len(members):,} จังหวัด): ", text=listed)
                )
            else:
                blocks.append(
                    Block(
                        "empty",
                        text=f"ไม่มีจังหวัดในกลุ่มนี้ตามข้อมูล{format_fiscal_year(self.fy)}",
                    )
                )
            acts = self.activities[
                self.activities["group"].isna() | (self.activities["group"] == group)
            ]
            acts = acts.sort_values(["start_date", "id"], na_position="last", key=_sortable)
            blocks.append(h(f"กิจกรรมและช่วงเวลาของกลุ่มที่ {group}", 4))
            if acts.empty:
                blocks.append(Block("empty", text="ยังไม่มีกิจกรรมสำหรับกลุ่มนี้"))
                if len(self.goals):
                    self.gaps.append(f"กลุ่มที่ {group} ยังไม่มีกิจกรรมการดำเนินงาน")
            else:
                blocks.append(
                    table(
                        ["ช่วงเวลา", "กิจกรรม", "เป้าหมาย", "กลุ่มจังหวัด"],
                        (
                            [self.period(a.start_date, a.end_date), a.name_th,
                             self.goal_no(a.goal_id), self.group_of(a.group)]
                            for a in acts.itertuples(index=False)
                        ),
                    )
                )  # fmt: skip
            tg = self.targets[self.targets["group"] == group].sort_values("indicator_id")
            blocks.append(h(f"ค่าเป้าหมายของกลุ่มที่ {group}", 4))
            if tg.empty:
                blocks.append(Block("empty", text="ยังไม่มีค่าเป้าหมายสำหรับกลุ่มนี้"))
                if len(self.indicators):
                    self.gaps.append(f"กลุ่มที่ {group} ยังไม่มีค่าเป้าหมายของตัวชี้วัดใด")
                continue
            rows = []
            for t in tg.itertuples(index=False):
                value = quantity(t.target, units.get(t.indicator_id), _NOT_GIVEN)
                rows.append(
                    [names.get(t.indicator_id, t.indicator_id),
                     self.goal_no(goal_of[t.indicator_id]), value, day(t.due_date),
                     t.action_th]
                )  # fmt: skip
            blocks.append(
                table(["ตัวชี้วัด", "เป้าหมาย", "ค่าเป้าหมาย", "กำหนดแล้วเสร็จ", "สิ่งที่ดำเนินการ"], rows)
            )
            if not members and not no_groups:
                blocks.append(
                    Block(
                        "note",
                        text=(
                            f"กลุ่มที่ {group} ไม่มีจังหวัดใน{format_fiscal_year(self.fy)} "
                            f"ค่าเป้าหมาย {len(tg):,} รายการของกลุ่มนี้จึงไม่มีจังหวัดรับผิดชอบ"
                        ),
                    )
                )
            if not members:
                self.gaps.append(
                    f"ค่าเป้าหมาย {len(tg):,} รายการกำหนดให้กลุ่มที่ {group} ซึ่งไม่มีจังหวัดใน"
                    f"ข้อมูล{format_fiscal_year(self.fy)}"
                )
        return blocks

    def sec_extension(self) -> list[Block]:
        blocks: list[Block] = []
        for g in self.goals.itertuples(index=False):
            if is_missing(g.extension_th):
                blocks.append(Block("empty", text=f"{self.goal_no(g.id)}: ยังไม่ได้ระบุแนวทางต่อยอด"))
                self.gaps.append(f"{self.goal_no(g.id)} ยังไม่ได้ระบุแนวทางต่อยอดการดำเนินงาน")
            else:
                blocks.append(Block("p", lead=f"{self.goal_no(g.id)}: ", text=str(g.extension_th)))
        return blocks or [Block("empty", text="ยังไม่มีเป้าหมายของแผนขับเคลื่อนในข้อมูล")]

    def sec_alignment(self) -> list[Block]:
        items = self.ws["plan_items"].set_index("id")
        plans = self.ws["plans"].set_index("id")
        rows = []
        for g in self.goals.itertuples(index=False):
            al = self.alignments[self.alignments["goal_id"] == g.id].sort_values("plan_item_id")
            if al.empty:
                self.gaps.append(f"{self.goal_no(g.id)} ยังไม่ได้ระบุว่าสอดคล้องกับประเด็นแผนใด")
                rows.append([self.goal_no(g.id), _NOT_GIVEN, DASH, DASH])
                continue
            for a in al.itertuples(index=False):
                item = items.loc[a.plan_item_id] if a.plan_item_id in items.index else None
                if item is None:
                    rows.append([self.goal_no(g.id), DASH, a.plan_item_id, DASH])
                    continue
                plan = plans.loc[item["plan_id"]] if item["plan_id"] in plans.index else None
                kind = _code(plan["kind"], "plan_kind") if plan is not None else DASH
                code = "" if is_missing(item["code"]) else f"{item['code']} "
                rows.append(
                    [self.goal_no(g.id), kind,
                     f"{code}{item['name_th']}",
                     plan["name_th"] if plan is not None else DASH]
                )  # fmt: skip
        if not rows:
            return [Block("empty", text="ยังไม่มีเป้าหมายของแผนขับเคลื่อนในข้อมูล")]
        blocks = [table(["เป้าหมาย", "ระดับ/ประเภทแผน", "ประเด็นที่สนับสนุน", "แผน"], rows)]
        served = self.alignments["plan_item_id"].nunique()
        blocks.append(
            Block(
                "p",
                text=(
                    f"เป้าหมาย {self.alignments['goal_id'].nunique():,} จาก {len(self.goals):,} ข้อ "
                    f"เชื่อมโยงกับประเด็นของแผนระดับต่าง ๆ รวม {served:,} ประเด็น"
                ),
            )
        )
        return blocks

    def sec_gaps(self) -> list[Block]:
        if self.goals.empty:
            self.gaps.insert(
                0, f"ยังไม่มีเป้าหมายของแผนขับเคลื่อนสำหรับ{format_fiscal_year(self.fy)} ในข้อมูล"
            )
        blocks: list[Block] = []
        if self.gaps:
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"รายการต่อไปนี้ยังไม่มีในข้อมูล {len(self.gaps):,} รายการ แผนฉบับนี้จึงเว้นไว้ "
                        "ไม่ได้เติมข้อความหรือตัวเลขแทน"
                    ),
                )
            )
            blocks.append(Block("ul", items=list(self.gaps)))
        else:
            blocks.append(Block("p", text="ข้อมูลของแผนครบทุกส่วนที่ระบบตรวจ"))
        note = f"ข้อมูลจากระบบ kpyj · {format_fiscal_year(self.fy)}"
        if self.ws.is_sample:
            note += f" · {SAMPLE_NOTE}"
        blocks.append(Block("note", text=note))
        return blocks


def _sortable(col: pd.Series) -> pd.Series:
    """Dates and ids as comparable values (missing dates last, via ``na_position``)."""
    return col.map(lambda v: None if is_missing(v) else str(v))
