"""What the national overview says: the 77 provinces, 18 clusters and 3 driving groups.

The overview is what สกธ. reads first (``reports/<fy>/index.html``): the headline figures
of the country, a tile map of Thailand coloured by a chosen measure (progress against what
is expected by now, how many plan levels the objectives trace up to, whether the province
has reported in the current follow-up round), the roll-ups by cluster and by driving group
(:mod:`kpyj_lib.analysis.national`), the coverage of each plan level, what moved and what
slipped since the previous round (:mod:`kpyj_lib.analysis.rounds`), the findings that recur
across provinces (the province report's own findings,
:meth:`kpyj_lib.documents.province.ProvinceReport.findings`, grouped by
:func:`kpyj_lib.analysis.national.recurring`), the four model provinces side by side and a
row for every province.

It holds no HTML: ``render/templates/national.html.j2`` lays it out (one macro per key of
:data:`SECTIONS`); :func:`kpyj_lib.publish.open_document` reads the store and, for a round
report, restricts the workspace to the check-ins known at the round's end.

A province with no data is never shown as 0 %: its progress is ``NaN`` and every view says
«ไม่มีข้อมูล».

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> doc = NationalOverview.build(tiny_workspace(), as_of="2022-03-31")
>>> doc.kind, len(doc.provinces), len(doc.clusters), len(doc.groups)
('national', 77, 18, 3)
>>> doc.headline()["provinces"], doc.headline()["clusters"], doc.headline()["groups"]
(77, 18, 3)
>>> doc.province_href("83"), doc.cluster_href("south_andaman")
('83/analysis.html', 'clusters/south_andaman.html')
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import networkx as nx
import pandas as pd

from .. import analysis as an
from .. import reference
from ..analysis import national as na
from ..analysis import rounds as ar
from ..analysis.alignment import PLAN_LEVELS
from ..analysis.groups import GROUP_LABELS
from ..calendar import (
    fiscal_quarter_bounds,
    format_fiscal_year,
    format_round,
    format_thai_date,
    round_end,
    round_of,
)
from ..graph import build_graph
from ..text import format_baht, format_number, format_percent, is_missing
from ..workspace import Workspace
from .base import Block, SectionInfo
from .data_date import stale_blocks
from .province import SEVERITY_TH, ProvinceReport

__all__ = [
    "MAP_MEASURES",
    "NO_DATA_TH",
    "SECTIONS",
    "SOURCES_TH",
    "MapMeasure",
    "NationalOverview",
    "coverage_class",
    "current_round",
    "finding_key",
    "finding_label",
    "findings_of",
    "levels_reached",
    "parse_linked",
    "plan_level_labels",
    "recurring_table",
    "reporting_frame",
    "reporting_th",
]

#: What every view shows for a province, cluster or group without data (never 0 %).
NO_DATA_TH = "ไม่มีข้อมูล"

#: The overview's sections in order.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("summary", "สรุปสำหรับผู้บริหาร", "Executive summary"),
    SectionInfo("map", "ภาพรวม 77 จังหวัด", "The 77 provinces at a glance"),
    SectionInfo("clusters", "ผลการดำเนินงานรายกลุ่มจังหวัด", "By provincial cluster"),
    SectionInfo("groups", "ผลการดำเนินงานตามกลุ่มการขับเคลื่อน", "By driving group"),
    SectionInfo("coverage", "ความเชื่อมโยงกับแผนแต่ละระดับ", "Coverage of each plan level"),
    SectionInfo("rounds", "ความเปลี่ยนแปลงระหว่างรอบการติดตาม", "Round-to-round changes"),
    SectionInfo("findings", "ข้อค้นพบที่พบซ้ำในหลายจังหวัด", "Recurring findings"),
    SectionInfo("models", "จังหวัดต้นแบบ 4 จังหวัด", "The model provinces side by side"),
    SectionInfo("provinces", "ข้อมูลรายจังหวัด", "Every province"),
    SectionInfo("sources", "ที่มาของข้อมูลและหมายเหตุ", "Sources and notes"),
)

#: The documents the overview rests on, cited by title, issuer and date.
SOURCES_TH: tuple[str, ...] = (
    "กลุ่มจังหวัด 18 กลุ่มและจังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด: ประกาศคณะกรรมการนโยบาย"
    "การบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ (ก.น.จ.) เรื่อง การจัดตั้งกลุ่มจังหวัดและกำหนด"
    "จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (ราชกิจจานุเบกษา 17 พฤศจิกายน 2560) "
    "— กรุงเทพมหานครไม่อยู่ในกลุ่มจังหวัดใด และจังหวัดศูนย์ปฏิบัติการยังไม่ได้ตรวจทานกับต้นฉบับประกาศ",
    "กลุ่มการขับเคลื่อน 3 กลุ่ม: บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565 "
    "เรื่อง การขับเคลื่อนการดำเนินงานของคณะกรรมการพัฒนาการบริหารงานยุติธรรมระดับจังหวัด "
    "— กลุ่มที่ 1 และ 2 คือจังหวัดศูนย์ปฏิบัติการของกลุ่มจังหวัด กลุ่มที่ 3 คือจังหวัดอื่น",
    "จังหวัดต้นแบบ 4 จังหวัด (สุโขทัย นครพนม ภูเก็ต ราชบุรี): การประชุมชี้แจงเป้าหมายและกรอบการ"
    "ดำเนินงานการสร้างตัวแบบ (Model) ขับเคลื่อนการดำเนินงานของ กพยจ. สำนักงานกิจการยุติธรรม "
    "1 เมษายน 2564",
    "ระดับของแผน: มติคณะรัฐมนตรี 4 ธันวาคม 2560 (แผน 3 ระดับ) ยุทธศาสตร์ชาติ (ราชกิจจานุเบกษา "
    "13 ตุลาคม 2561) และแนวทางการป้องกันอาชญากรรมที่มีประสิทธิภาพ (มติคณะรัฐมนตรี 24 มกราคม 2560)",
)

#: Notes on method shown under the sources.
METHOD_TH: tuple[str, ...] = (
    "ความก้าวหน้าของผลลัพธ์หลักคิดจากค่าฐานถึงค่าเป้าหมาย ความก้าวหน้าที่ควรเป็นคิดตามสัดส่วนเวลา"
    "ที่ผ่านไปของปีงบประมาณ (หรือของช่วงเวลาของผลลัพธ์หลัก) ความก้าวหน้าของจังหวัด กลุ่มจังหวัด "
    "และกลุ่มการขับเคลื่อนเป็นค่าเฉลี่ยของวัตถุประสงค์ทั้งหมดในกลุ่ม",
    "สถานะ: เป็นไปตามแผนเมื่อทำได้ตั้งแต่ร้อยละ 90 ของที่ควรเป็น มีความเสี่ยงเมื่อทำได้ร้อยละ 70 ถึง 90 "
    "และล่าช้ากว่าแผนเมื่อต่ำกว่าร้อยละ 70",
    "จังหวัดที่ยังไม่มีการรายงานผลแสดงว่า «ไม่มีข้อมูล» ไม่นับเป็นร้อยละ 0 จำนวนวัตถุประสงค์ ผลลัพธ์หลัก "
    "และงบประมาณของกลุ่มจังหวัดเป็นผลรวมของจังหวัดสมาชิก",
    "แผนที่เป็นแผนที่แบบช่องสี่เหลี่ยม หนึ่งช่องต่อหนึ่งจังหวัดในตำแหน่งโดยประมาณตามภาคและจังหวัด"
    "ข้างเคียง จัดทำขึ้นสำหรับระบบนี้โดยไม่ใช้ข้อมูลแผนที่จากภายนอก ไม่แสดงขนาดหรือระยะทางจริง",
)


@dataclass(frozen=True)
class MapMeasure:
    """A measure the tile map can be coloured by: its key, Thai name, how to read the
    number in a tile, and its classes in legend order (class key, Thai label)."""

    key: str
    title_th: str
    value_th: str
    classes: tuple[tuple[str, str], ...]


#: The measures of the tile map, the first is shown first.
MAP_MEASURES: tuple[MapMeasure, ...] = (
    MapMeasure(
        "progress",
        "ความก้าวหน้าเทียบกับแผน",
        "ตัวเลขในช่องคือร้อยละความก้าวหน้าเฉลี่ยของจังหวัด",
        (
            ("on_track", "เป็นไปตามแผน"),
            ("at_risk", "มีความเสี่ยง"),
            ("off_track", "ล่าช้ากว่าแผน"),
            ("none", NO_DATA_TH),
        ),
    ),
    MapMeasure(
        "coverage",
        "ความเชื่อมโยงกับแผนระดับต่าง ๆ",
        "ตัวเลขในช่องคือจำนวนระดับแผน (จาก 8 ระดับ) ที่วัตถุประสงค์ของจังหวัดเชื่อมโยงถึง",
        (
            ("c4", "7–8 ระดับ"),
            ("c3", "5–6 ระดับ"),
            ("c2", "3–4 ระดับ"),
            ("c1", "1–2 ระดับ"),
            ("c0", "ไม่เชื่อมโยงกับแผนใด"),
            ("none", NO_DATA_TH),
        ),
    ),
    MapMeasure(
        "reporting",
        "สถานะการรายงานผล",
        "ตัวเลขในช่องคือจำนวนครั้งที่รายงานผลในรอบนี้",
        (
            ("reported", "รายงานผลในรอบนี้แล้ว"),
            ("stale", "ยังไม่รายงานผลในรอบนี้"),
            ("never", "ยังไม่เคยรายงานผล"),
            ("none", NO_DATA_TH),
        ),
    ),
)

#: Where the longest province names may break inside a small tile (the browser's Thai word
#: breaking keeps some of them whole).
_NAME_BREAKS: dict[str, tuple[str, ...]] = {
    "พระนครศรีอยุธยา": ("พระนครศรี", "อยุธยา"),
    "ประจวบคีรีขันธ์": ("ประจวบ", "คีรีขันธ์"),
    "กรุงเทพมหานคร": ("กรุงเทพ", "มหานคร"),
    "นครศรีธรรมราช": ("นครศรี", "ธรรมราช"),
    "สุราษฎร์ธานี": ("สุราษฎร์", "ธานี"),
}

_COVERAGE_CLASS = {0: "c0", 1: "c1", 2: "c1", 3: "c2", 4: "c2", 5: "c3", 6: "c3", 7: "c4", 8: "c4"}


def parse_linked(value: str | Iterable[str] | None) -> frozenset[str] | None:
    """Which documents exist beside the overview, from the notebook parameter ``linked``.

    ``"*"`` or ``None``: every one (a tile links to every province's report); otherwise a
    comma-separated list of keys — province codes, cluster ids, ``status`` (the build
    status page) — or an iterable of them. Keys that are not plain ASCII words are dropped.

    >>> parse_linked("*") is None, sorted(parse_linked("83, 64,status,../x"))
    (True, ['64', '83', 'status'])
    >>> parse_linked("")
    frozenset()
    """
    if value is None or (isinstance(value, str) and value.strip() == "*"):
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    return frozenset(s for s in (str(i).strip() for i in items) if re.fullmatch(r"\w+", s, re.A))


def plan_level_labels() -> list[tuple[str, str]]:
    """``(level, Thai label)`` of each plan level of
    :data:`kpyj_lib.analysis.alignment.PLAN_LEVELS`, in order.

    >>> plan_level_labels()[0]
    ('provincial_plan', 'แผนพัฒนาจังหวัด')
    """
    return [(lv, reference.code_label("plan_kind", lv)) for lv in PLAN_LEVELS]


def _pct(value: Any) -> str:
    """A share as running Thai text, or «ไม่มีข้อมูล»."""
    return NO_DATA_TH if is_missing(value) else format_percent(value, thai=True)


def finding_key(topic: str, recommendation: str, label: str, split: bool) -> str:
    """The key that groups the same gap across provinces (see :func:`finding_label`).

    >>> finding_key("pmqa", "เพิ่ม", "ไม่มีหมวด 5", True), finding_key("budget", "เร่ง", "x", False)
    ('pmqa|เพิ่ม|ไม่มีหมวด 5', 'budget|เร่ง')
    """
    return f"{topic}|{recommendation}|{label}" if split else f"{topic}|{recommendation}"


def finding_label(text: str) -> str:
    """The gap a finding names: its text before the list of ids (``:``) and before an
    English gloss (`` — ``).

    >>> finding_label("ผลลัพธ์หลักที่มีความเสี่ยง: KR-1, KR-2")
    'ผลลัพธ์หลักที่มีความเสี่ยง'
    >>> finding_label("วัตถุประสงค์ที่ไม่สอดคล้องกับแผนใด (objective aligned to no plan): O-1")
    'วัตถุประสงค์ที่ไม่สอดคล้องกับแผนใด'
    >>> finding_label("ไม่มีการใช้หมวดในขั้นการคิด (หมวด 1, 3, 7) ตามหลัก 3:1:3 — the think phase")
    'ไม่มีการใช้หมวดในขั้นการคิด (หมวด 1, 3, 7) ตามหลัก 3:1:3'
    """
    head = text.split(" — ")[0]
    m = re.search(r":(?!\d)", head)
    head = head[: m.start()] if m else head
    return re.sub(r"\s*\([A-Za-z][A-Za-z ,/'-]*\)\s*$", "", head).strip()


def _generic(label: str) -> str:
    """A label with its figures left out (the same gap in provinces with other figures).

    >>> _generic("เบิกจ่ายงบประมาณแล้ว 18% ต่ำกว่าความก้าวหน้าตามเวลา 75%")
    'เบิกจ่ายงบประมาณแล้ว …% ต่ำกว่าความก้าวหน้าตามเวลา …%'
    >>> _generic("เบิกจ่ายแล้ว ร้อยละ 18")
    'เบิกจ่ายแล้ว ร้อยละ …'
    """
    return re.sub(r"\d[\d,]*(?:\.\d+)?", "…", label)


def current_round(fiscal_year: int, as_of: dt.date) -> tuple[int, dt.date, dt.date]:
    """The follow-up round ``as_of`` falls in: ``(n, first day of its months, as_of)``;
    round 4 after the year has ended, round 1 before it starts.

    >>> current_round(2565, dt.date(2022, 6, 30))
    (3, datetime.date(2022, 4, 1), datetime.date(2022, 6, 30))
    """
    fy, n = round_of(as_of)
    if fy != fiscal_year:
        n = 4 if fy > fiscal_year else 1
    return n, fiscal_quarter_bounds(fiscal_year, n)[0], as_of


def reporting_frame(
    ws: Workspace,
    progress: pd.DataFrame,
    window: tuple[int, dt.date, dt.date],
    objectives: dict[str, int],
) -> pd.DataFrame:
    """Whether each province has reported progress in the current round.

    Parameters
    ----------
    ws : Workspace
    progress : DataFrame
        :func:`kpyj_lib.analysis.progress.kr_progress` of ``ws`` (for each KR's province).
    window : (n, first day, last day)
        The current round (:func:`current_round`); check-ins after the last day are ignored.
    objectives : dict
        Province code → number of objectives (a province without any has no data).

    Returns
    -------
    DataFrame
        One row per province (77): ``province_code, checkins_round`` (check-ins dated in the
        window), ``last_checkin`` (date or ``None``) and ``reporting``: ``reported`` (in the
        window), ``stale`` (earlier only), ``never`` or ``none`` (no objectives: no data).
    """
    _, start, end = window
    kr_prov = progress.set_index("key_result_id")["province_code"].to_dict()
    ci = ws["checkins"]
    last: dict[str, dt.date] = {}
    in_round: dict[str, int] = {}
    for k, d in zip(ci["key_result_id"], ci["date"], strict=True):
        p = kr_prov.get(k)
        if p is None or is_missing(p) or d is None or is_missing(d) or d > end:
            continue
        last[p] = max(last.get(p, d), d)
        if d >= start:
            in_round[p] = in_round.get(p, 0) + 1
    rows = []
    for c in sorted(reference.province_codes()):
        if int(objectives.get(c, 0)) == 0:
            cls = "none"
        elif in_round.get(c):
            cls = "reported"
        elif c in last:
            cls = "stale"
        else:
            cls = "never"
        rows.append(
            {
                "province_code": c,
                "checkins_round": in_round.get(c, 0),
                "last_checkin": last.get(c),
                "reporting": cls,
            }
        )
    return pd.DataFrame(rows)


def reporting_th(row: dict[str, Any]) -> str:
    """How a province's row (with the columns of :func:`reporting_frame`) reads in Thai.

    >>> reporting_th({"reporting": "stale", "last_checkin": dt.date(2022, 3, 25)})
    'ยังไม่รายงานผลในรอบนี้ (ครั้งล่าสุด 25 มี.ค. 2565)'
    """
    if row["reporting"] == "none":
        return f"การรายงานผล {NO_DATA_TH}"
    if row["reporting"] == "never":
        return "ยังไม่เคยรายงานผล"
    last = format_thai_date(row["last_checkin"], style="abbr")
    if row["reporting"] == "stale":
        return f"ยังไม่รายงานผลในรอบนี้ (ครั้งล่าสุด {last})"
    return f"รายงานผลในรอบนี้ {format_number(row['checkins_round'])} ครั้ง (ล่าสุด {last})"


def levels_reached(summary: pd.DataFrame) -> pd.Series:
    """How many plan levels (of 8) the objectives of each row of a roll-up reach; NaN for a
    row without objectives."""
    cov = summary[[f"coverage_{lv}" for lv in PLAN_LEVELS]]
    return (cov > 0).sum(axis=1).astype(float).where(summary["objectives"] > 0)


def coverage_class(reached: float) -> str:
    """The ``coverage`` map class of a number of plan levels reached.

    >>> [coverage_class(v) for v in (float("nan"), 0, 2, 8)]
    ['none', 'c0', 'c1', 'c4']
    """
    return "none" if math.isnan(reached) else _COVERAGE_CLASS[int(reached)]


_RECURRING_COLUMNS = [
    "label", "labels", "severity", "severity_th", "provinces", "names_th", "recommendation",
]  # fmt: skip


def findings_of(reports: dict[str, ProvinceReport]) -> pd.DataFrame:
    """Every finding of the given province reports, one row each: ``province, topic, label,
    severity, recommendation, key`` — ``key`` groups the same gap across provinces.

    A rule that gives a province several findings (one per PMQA category ...) names its gap
    in the text, so those are kept apart by their label; the findings of any other rule are
    one gap whatever their figures (:func:`finding_key`).
    """
    rows = []
    for code, rep in reports.items():
        fs = rep.findings()
        pairs: dict[tuple[str, str], int] = {}
        for f in fs:
            pairs[(f.topic, f.recommendation_th)] = pairs.get((f.topic, f.recommendation_th), 0) + 1
        for f in fs:
            rows.append(
                {
                    "province": code,
                    "topic": f.topic,
                    "label": finding_label(f.text_th),
                    "severity": f.severity,
                    "recommendation": f.recommendation_th,
                    "several": pairs[(f.topic, f.recommendation_th)] > 1,
                }
            )
    cols = ["province", "topic", "label", "severity", "recommendation", "several"]
    df = pd.DataFrame(rows, columns=cols)
    split = set(df.loc[df["several"].astype(bool), "recommendation"])
    df["key"] = [
        finding_key(t, r, lab, r in split)
        for t, r, lab in zip(df["topic"], df["recommendation"], df["label"], strict=True)
    ]
    return df.drop(columns="several")


def recurring_table(
    findings: pd.DataFrame, with_plan: set[str], *, everyone_th: str = "ทุกจังหวัดที่มีแผน"
) -> pd.DataFrame:
    """The gaps of :func:`findings_of` found in two provinces or more
    (:func:`kpyj_lib.analysis.national.recurring`), high severity first, then most widespread.

    Returns
    -------
    DataFrame
        ``label, labels, severity, severity_th, provinces, names_th, recommendation``. Gaps of
        one rule found in exactly the same provinces are one row (``labels`` lists them,
        ``label`` joins them); ``names_th`` reads ``everyone_th + " ยกเว้น …"`` when at most a
        quarter of the provinces of ``with_plan`` (those with objectives) lack the gap.
    """
    if findings.empty:
        return pd.DataFrame(columns=_RECURRING_COLUMNS)
    rec = na.recurring(
        findings[["province", "key", "label"]].rename(columns={"key": "topic", "label": "text"})
    )
    meta = findings.drop_duplicates("key").set_index("key")
    rank = {"high": 0, "medium": 1, "low": 2}
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rec.to_dict("records"):
        m = meta.loc[r["topic"]]
        texts = r["texts"]
        label = texts[0] if len(set(texts)) == 1 else _generic(texts[0])
        codes = frozenset(r["province_codes"])
        rest = sorted(with_plan - codes)
        if codes <= with_plan and len(rest) <= len(with_plan) / 4:
            names = everyone_th + (
                " ยกเว้น " + ", ".join(reference.province_name(c) for c in rest) if rest else ""
            )
        else:
            names = r["names_th"]
        key = (m["severity"], m["recommendation"], codes)
        if key in merged:  # the same rule, the same provinces: one row
            merged[key]["labels"].append(label)
            continue
        merged[key] = {
            "labels": [label],
            "severity": m["severity"],
            "severity_th": SEVERITY_TH.get(m["severity"], m["severity"]),
            "provinces": r["provinces"],
            "names_th": names,
            "recommendation": m["recommendation"],
            "_rank": rank.get(m["severity"], 3),
        }
    if not merged:
        return pd.DataFrame(columns=_RECURRING_COLUMNS)
    out = pd.DataFrame(list(merged.values()))
    out["label"] = ["; ".join(ls) for ls in out["labels"]]
    out = out.sort_values(["_rank", "provinces"], ascending=[True, False], kind="stable")
    return out[_RECURRING_COLUMNS].reset_index(drop=True)


@dataclass
class NationalOverview:
    """Everything the national overview shows, computed once (a
    :class:`~kpyj_lib.documents.base.Document` of kind ``"national"``).

    ``round_no`` is the follow-up round of a round report (0: a report at ``as_of``; the
    caller restricts the workspace, see :func:`kpyj_lib.analysis.rounds.round_view`).
    ``linked`` says which documents exist beside it (``None``: all of them): a tile of a
    province without a report links to the province's row further down the overview.
    """

    kind: ClassVar[str] = "national"

    ws: Workspace
    as_of: dt.date
    graph: nx.MultiDiGraph = field(repr=False)
    round_no: int = 0
    linked: frozenset[str] | None = None

    @classmethod
    def build(
        cls,
        ws: Workspace,
        as_of: dt.date | str | None = None,
        graph: nx.MultiDiGraph | None = None,
        *,
        round_no: int = 0,
        linked: str | Iterable[str] | None = None,
    ) -> NationalOverview:
        """Compute the overview of ``ws`` at ``as_of`` (default: the workspace's date).

        With ``round_no`` (1-4) and no ``as_of``, the date is the round's last day.
        """
        if round_no:
            round_end(ws.fiscal_year, round_no)  # checks the round
        if as_of in (None, ""):
            as_of = round_end(ws.fiscal_year, round_no) if round_no else an.default_as_of(ws)
        elif isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        return cls(
            ws=ws,
            as_of=as_of,
            graph=graph if graph is not None else build_graph(ws),
            round_no=int(round_no or 0),
            linked=parse_linked(linked) if not isinstance(linked, frozenset) else linked,
        )

    # ------------------------------------------------------------------ document
    @property
    def title_th(self) -> str:
        """``"ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ ปีงบประมาณ พ.ศ. 2565"`` (with the round)."""
        when = format_round(self.round_no) + " " if self.round_no else ""
        return f"ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ {when}{format_fiscal_year(self.ws.fiscal_year)}"

    @property
    def sample(self) -> bool:
        """Built from sample data (every page says so)."""
        return bool(self.ws.is_sample)

    @property
    def sections(self) -> tuple[SectionInfo, ...]:
        """:data:`SECTIONS`."""
        return SECTIONS

    @cached_property
    def data_date(self) -> an.DataDate:
        """The date of the data, why, and whether it is stale (issue 17)."""
        return an.data_date(self.ws, self.as_of, None)

    @property
    def notices(self) -> list[Block]:
        """The stale-data warning under the title, when it applies (issue 17)."""
        return stale_blocks(self.data_date)

    @property
    def as_of_th(self) -> str:
        """The as-of date, Buddhist Era: ``"30 มิถุนายน 2565"``."""
        return format_thai_date(self.as_of)

    @property
    def measures(self) -> tuple[MapMeasure, ...]:
        """:data:`MAP_MEASURES`."""
        return MAP_MEASURES

    @property
    def sources(self) -> tuple[str, ...]:
        """:data:`SOURCES_TH`."""
        return SOURCES_TH

    @property
    def plan_levels(self) -> list[tuple[str, str]]:
        """:func:`plan_level_labels`."""
        return plan_level_labels()

    @property
    def method_notes(self) -> tuple[str, ...]:
        """Notes on the method (and, in a round report, what the round cut does not cover)."""
        if not self.round_no:
            return METHOD_TH
        return (
            *METHOD_TH,
            f"รายงาน{format_round(self.round_no)}ใช้เฉพาะผลการดำเนินงานที่รายงานภายในวันที่ "
            f"{self.as_of_th} ส่วนงบประมาณที่เบิกจ่ายเป็นยอดล่าสุดที่บันทึกไว้ในระบบ "
            "(ระบบไม่ได้บันทึกวันที่เบิกจ่าย)",
        )

    # ------------------------------------------------------------------ links
    def links_to(self, key: str) -> bool:
        """Whether the document ``key`` (a province code, cluster id, ``status``) exists."""
        return self.linked is None or key in self.linked

    def lists(self, key: str) -> bool:
        """Whether the run said that the page ``key`` (``status``, ``synthesis``) exists;
        unlike :meth:`links_to`, never assumed."""
        return self.linked is not None and key in self.linked

    def province_href(self, code: str) -> str:
        """The province's report if it exists, else its row in this overview."""
        return f"{code}/analysis.html" if self.links_to(code) else f"#p-{code}"

    def cluster_href(self, cluster_id: str) -> str | None:
        """The cluster's report, or ``None`` when it was not written."""
        return f"clusters/{cluster_id}.html" if self.links_to(cluster_id) else None

    # ------------------------------------------------------------------ data
    @cached_property
    def kr_progress(self) -> pd.DataFrame:
        """:func:`kpyj_lib.analysis.progress.kr_progress` at :attr:`as_of`, computed once."""
        return an.kr_progress(self.ws, self.as_of)

    def _summary_args(self) -> dict[str, Any]:
        return {"G": self.graph, "as_of": self.as_of, "progress": self.kr_progress}

    @cached_property
    def current_round(self) -> tuple[int, dt.date, dt.date]:
        """:func:`current_round` of :attr:`as_of` in the workspace's year."""
        return current_round(self.ws.fiscal_year, self.as_of)

    @cached_property
    def current_round_th(self) -> str:
        """``"รอบ 9 เดือน (1 เม.ย. 2565 – 30 มิ.ย. 2565)"``: the current round and the days
        whose check-ins count as reported in it."""
        return f"{format_round(self.current_round[0])} ({self.current_window_th})"

    @cached_property
    def current_window_th(self) -> str:
        """``"1 เม.ย. 2565 – 30 มิ.ย. 2565"``: the days of the current round's months."""
        _, start, end = self.current_round
        return " – ".join(format_thai_date(d, style="abbr") for d in (start, end))

    @cached_property
    def reporting(self) -> pd.DataFrame:
        """:func:`reporting_frame` of every province."""
        objectives = self._base_provinces.set_index("province_code")["objectives"].to_dict()
        return reporting_frame(self.ws, self.kr_progress, self.current_round, objectives)

    @cached_property
    def _base_provinces(self) -> pd.DataFrame:
        return na.province_summary(self.ws, **self._summary_args())

    @cached_property
    def provinces(self) -> pd.DataFrame:
        """:func:`kpyj_lib.analysis.national.province_summary` (77 rows) with
        ``levels_reached`` (plan levels the objectives trace up to, NaN without objectives),
        ``coverage_class``, the reporting columns of :attr:`reporting`, ``cluster_th``,
        ``group_th``, ``behind`` (KRs at risk or off track) and ``href``."""
        p = self._base_provinces.copy()
        p["levels_reached"] = levels_reached(p)
        p["coverage_class"] = [coverage_class(v) for v in p["levels_reached"]]
        p = p.merge(self.reporting, on="province_code", how="left")
        names = self.cluster_names
        p["cluster_th"] = [names.get(c) if isinstance(c, str) else None for c in p["cluster_id"]]
        p["group_th"] = [f"กลุ่มที่ {g}" for g in p["group"]]
        p["behind"] = p["krs_at_risk"] + p["krs_off_track"]
        p["progress_class"] = [
            s if s in ("on_track", "at_risk", "off_track") else "none" for s in p["status"]
        ]
        p["href"] = [self.province_href(c) for c in p["province_code"]]
        return p

    @cached_property
    def cluster_names(self) -> dict[str, str]:
        """Cluster id → Thai name."""
        c = reference.load("clusters")
        return dict(zip(c["id"], c["name_th"], strict=True))

    @cached_property
    def clusters(self) -> pd.DataFrame:
        """:func:`kpyj_lib.analysis.national.cluster_summary` (18 rows) with ``behind`` and
        ``href`` (``None`` when the cluster's report was not written)."""
        c = na.cluster_summary(self.ws, **self._summary_args())
        c["behind"] = c["krs_at_risk"] + c["krs_off_track"]
        c["href"] = [self.cluster_href(i) for i in c["cluster_id"]]
        c["member_names"] = [
            ", ".join(reference.province_name(m) for m in ms) for ms in c["members"]
        ]
        return c

    @cached_property
    def groups(self) -> pd.DataFrame:
        """:func:`kpyj_lib.analysis.national.group_summary` (groups 1, 2, 3) with ``behind``
        and the group's provinces (``names_th``)."""
        g = na.group_summary(self.ws, **self._summary_args())
        g["behind"] = g["krs_at_risk"] + g["krs_off_track"]
        p = self._base_provinces
        g["names_th"] = [
            ", ".join(p.loc[p["group"] == n, "name_th"]) if n != 3 else "" for n in g["group"]
        ]
        g["group_short_th"] = [GROUP_LABELS[n].split(" ", 1)[1] for n in g["group"]]
        return g

    @cached_property
    def nation(self) -> dict[str, Any]:
        """The whole country (:func:`kpyj_lib.analysis.national.nation_summary`) as a dict,
        with ``behind``."""
        n = na.nation_summary(self.ws, **self._summary_args()).iloc[0].to_dict()
        n["behind"] = int(n["krs_at_risk"]) + int(n["krs_off_track"])
        return n

    @cached_property
    def bangkok(self) -> dict[str, Any]:
        """Bangkok's row of :attr:`provinces` (it is in no cluster)."""
        p = self.provinces
        return p.loc[p["cluster_id"].isna()].iloc[0].to_dict()

    @cached_property
    def tiles(self) -> list[dict[str, Any]]:
        """One tile per province for the map: position, name, link and, per measure of
        :data:`MAP_MEASURES`, its class and the short value shown in the tile."""
        tm = reference.tile_map().set_index("code")
        out = []
        for r in self.provinces.to_dict("records"):
            code = r["province_code"]
            prog = r["progress"]
            has_prog = not is_missing(prog)
            reached = r["levels_reached"]
            tip = [
                f"{r['name_th']}",
                "ความก้าวหน้า "
                + (f"{_pct(prog)} (ที่ควรเป็น {_pct(r['expected'])})" if has_prog else NO_DATA_TH),
                f"เชื่อมโยงแผน {format_number(reached)} จาก 8 ระดับ"
                if not is_missing(reached)
                else f"เชื่อมโยงแผน {NO_DATA_TH}",
                reporting_th(r),
            ]
            out.append(
                {
                    "code": code,
                    "name_th": r["name_th"],
                    "name_parts": _NAME_BREAKS.get(r["name_th"], (r["name_th"],)),
                    "col": int(tm.at[code, "col"]),
                    "row": int(tm.at[code, "row"]),
                    "href": r["href"],
                    "linked": not r["href"].startswith("#"),
                    "model": bool(r["model_province"]),
                    "title": " · ".join(tip),
                    "classes": {
                        "progress": r["progress_class"],
                        "coverage": r["coverage_class"],
                        "reporting": r["reporting"],
                    },
                    "values": {
                        "progress": format_number(prog * 100, 0) if has_prog else NO_DATA_TH,
                        "coverage": f"{int(reached)}/8" if not is_missing(reached) else NO_DATA_TH,
                        "reporting": {"none": NO_DATA_TH, "never": "ยังไม่เคยรายงาน"}.get(
                            r["reporting"], format_number(r["checkins_round"])
                        ),
                    },
                }
            )
        return out

    @cached_property
    def grid_size(self) -> tuple[int, int]:
        """``(columns, rows)`` of the tile map."""
        return max(t["col"] for t in self.tiles) + 1, max(t["row"] for t in self.tiles) + 1

    def legend(self, measure: str) -> list[dict[str, Any]]:
        """The legend of a map measure: ``key``, ``label_th`` and ``n`` (provinces)."""
        m = next(x for x in MAP_MEASURES if x.key == measure)
        counts: dict[str, int] = {}
        for t in self.tiles:
            counts[t["classes"][measure]] = counts.get(t["classes"][measure], 0) + 1
        return [{"key": k, "label_th": lab, "n": counts.get(k, 0)} for k, lab in m.classes]

    # ------------------------------------------------------------------ findings
    @cached_property
    def province_reports(self) -> dict[str, ProvinceReport]:
        """The province report of every province (its findings are the overview's)."""
        return {
            c: ProvinceReport.build(self.ws.for_province(c), c, self.as_of, graph=self.graph)
            for c in sorted(reference.province_codes())
        }

    @cached_property
    def findings_frame(self) -> pd.DataFrame:
        """:func:`findings_of` the reports of every province."""
        return findings_of(self.province_reports)

    @cached_property
    def recurring_findings(self) -> pd.DataFrame:
        """:func:`recurring_table` of :attr:`findings_frame` across the country."""
        p = self._base_provinces
        return recurring_table(
            self.findings_frame, set(p.loc[p["objectives"] > 0, "province_code"])
        )

    # ------------------------------------------------------------------ rounds
    @cached_property
    def comparison(self) -> pd.DataFrame | None:
        """:func:`kpyj_lib.analysis.rounds.comparison_at` at :attr:`as_of` (``None`` before
        round 1 has ended)."""
        return ar.comparison_at(self.ws, self.as_of)

    @cached_property
    def round_counts(self) -> dict[str, int] | None:
        """:func:`kpyj_lib.analysis.rounds.change_counts` of :attr:`comparison`."""
        c = self.comparison
        return None if c is None else ar.change_counts(c[c["province_code"].notna()])

    @cached_property
    def rounds_th(self) -> str:
        """``"รอบ 9 เดือน เทียบกับรอบ 6 เดือน"`` (or the start of the year for round 1)."""
        c = self.comparison
        if c is None:
            return ""
        end = format_thai_date(c.attrs["end"])
        return f"{c.attrs['round_th']} (ถึง {end}) เทียบกับ{c.attrs['before_th']}"

    @cached_property
    def round_changes(self) -> pd.DataFrame:
        """Per province with key results: the changes between the two rounds
        (:func:`kpyj_lib.analysis.rounds.changes_by`) and its Thai name, cluster and
        ``href``; provinces where something fell behind first."""
        c = self.comparison
        if c is None:
            return pd.DataFrame()
        by = ar.changes_by(c).reset_index()
        p = self.provinces.set_index("province_code")
        by["name_th"] = [p.at[k, "name_th"] for k in by["province_code"]]
        by["cluster_th"] = [p.at[k, "cluster_th"] for k in by["province_code"]]
        by["href"] = [p.at[k, "href"] for k in by["province_code"]]
        return by.sort_values(
            ["fell_behind", "moved", "province_code"], ascending=[False, False, True]
        ).reset_index(drop=True)

    @cached_property
    def slipped_krs(self) -> pd.DataFrame:
        """The key results that fell behind between the two rounds, with their province."""
        c = self.comparison
        if c is None:
            return pd.DataFrame()
        s = c[c["slipped"] & c["province_code"].notna()].copy()
        s["name_th"] = [reference.province_name(p) for p in s["province_code"]]
        s["status_before_th"] = [an.STATUS_LABELS[x][0] for x in s["status_before"]]
        return s.sort_values(["province_code", "key_result_id"]).reset_index(drop=True)

    # ------------------------------------------------------------------ model provinces
    @cached_property
    def models(self) -> list[dict[str, Any]]:
        """The four model provinces (จังหวัดต้นแบบ), in the pilot's order: their rows of
        :attr:`provinces` with the number of findings of their reports (``findings``) and of
        high severity (``findings_high``)."""
        p = self.provinces.set_index("province_code")
        out = []
        for code in reference.model_provinces():
            r = p.loc[code].to_dict()
            r["province_code"] = code
            fs = self.province_reports[code].findings()
            r["findings"] = len(fs)
            r["findings_high"] = sum(f.severity == "high" for f in fs)
            out.append(r)
        return out

    @cached_property
    def model_rows(self) -> list[tuple[str, list[str]]]:
        """The side-by-side table of the model provinces: ``(measure, [text per province])``."""
        ms = self.models

        def row(label: str, fn: Any) -> tuple[str, list[str]]:
            return label, [fn(m) for m in ms]

        def share(v: Any) -> str:
            return NO_DATA_TH if is_missing(v) else format_percent(v, thai=True)

        rows = [
            row("กลุ่มจังหวัด", lambda m: m["cluster_th"] or "ไม่อยู่ในกลุ่มจังหวัด"),
            row("กลุ่มการขับเคลื่อน", lambda m: m["group_th"]),
            row("วัตถุประสงค์", lambda m: format_number(m["objectives"])),
            row("ผลลัพธ์หลัก", lambda m: format_number(m["krs"])),
            row("ความก้าวหน้าเฉลี่ย", lambda m: share(m["progress"])),
            row("ความก้าวหน้าที่ควรเป็น", lambda m: share(m["expected"])),
            row("สถานะ", lambda m: m["status_th"] if m["has_data"] else NO_DATA_TH),
            row("ผลลัพธ์หลักที่มีความเสี่ยงหรือล่าช้า", lambda m: format_number(m["behind"])),
            row("โครงการ", lambda m: format_number(m["initiatives"])),
            row(
                "งบประมาณ (บาท)",
                lambda m: NO_DATA_TH if is_missing(m["budget"]) else format_baht(m["budget"]),
            ),
            row("เบิกจ่ายแล้ว", lambda m: share(m["spent_share"])),
            row(
                "ระดับแผนที่เชื่อมโยงถึง (จาก 8)",
                lambda m: (
                    NO_DATA_TH
                    if is_missing(m["levels_reached"])
                    else format_number(m["levels_reached"])
                ),
            ),
            row("เชื่อมโยงแนวทางการป้องกันอาชญากรรม", lambda m: share(m["coverage_crime_prevention"])),
            row("การรายงานผล", reporting_th),
            row(
                "ข้อค้นพบ (ความสำคัญสูง)",
                lambda m: f"{format_number(m['findings'])} ({format_number(m['findings_high'])})",
            ),
        ]
        return rows

    # ------------------------------------------------------------------ summary
    @cached_property
    def key_figures(self) -> list[tuple[str, str, str]]:
        """The figures at the top: ``(value, Thai label, note)``."""
        n = self.nation
        p = self.provinces
        budget = n["budget"]
        return [
            (
                format_number(len(p)),
                "จังหวัด",
                f"มีแผน {format_number(int((p['objectives'] > 0).sum()))} จังหวัด",
            ),
            (format_number(len(self.clusters)), "กลุ่มจังหวัด", "ไม่รวมกรุงเทพมหานคร"),
            (format_number(len(self.groups)), "กลุ่มการขับเคลื่อน", "ตามแนวทางของ สกธ."),
            (
                format_number(n["objectives"]),
                "วัตถุประสงค์",
                f"ผลลัพธ์หลัก {format_number(n['krs'])} รายการ",
            ),
            (
                NO_DATA_TH
                if is_missing(n["progress"])
                else format_percent(n["progress"], thai=True),
                "ความก้าวหน้าเฉลี่ย",
                f"ที่ควรเป็น {_pct(n['expected'])}",
            ),
            (
                format_number(n["behind"]),
                "ผลลัพธ์หลักที่มีความเสี่ยงหรือล่าช้า",
                f"จาก {format_number(n['krs'])} รายการ",
            ),
            (
                NO_DATA_TH if is_missing(budget) else format_number(budget / 1e6, 1),
                "งบประมาณโครงการ (ล้านบาท)",
                f"เบิกจ่ายแล้ว {_pct(n['spent_share'])}",
            ),
        ]

    @cached_property
    def messages(self) -> list[str]:
        """The executive summary: a few sentences, each computed from the figures."""
        n = self.nation
        p = self.provinces
        with_plan = int((p["objectives"] > 0).sum())
        reported = int((p["reporting"] == "reported").sum())
        out = [
            f"จังหวัดที่มีแผนของ กพยจ. ในระบบ {format_number(with_plan)} จาก 77 จังหวัด "
            f"รายงานผลความก้าวหน้าในช่วง {self.current_window_th} "
            f"({format_round(self.current_round[0])}) แล้ว {format_number(reported)} จังหวัด",
        ]
        if not is_missing(n["progress"]):
            out.append(
                f"ความก้าวหน้าเฉลี่ยทั้งประเทศ {_pct(n['progress'])} เทียบกับที่ควรเป็น "
                f"{_pct(n['expected'])} ณ วันที่ {self.as_of_th} ({n['status_th']})"
            )
        out.append(
            f"ผลลัพธ์หลัก {format_number(n['krs'])} รายการ: เป็นไปตามแผน "
            f"{format_number(n['krs_on_track'])} มีความเสี่ยง {format_number(n['krs_at_risk'])} "
            f"ล่าช้ากว่าแผน {format_number(n['krs_off_track'])} ยังไม่มีการรายงาน "
            f"{format_number(n['krs_no_data'] + n['krs_not_started'])}"
        )
        c = self.clusters
        behind = c[c["has_data"] & c["status"].isin(["off_track"])].sort_values("progress")
        if len(behind):
            names = ", ".join(
                f"{nm} ({_pct(v)})"
                for nm, v in zip(behind["name_th"].head(3), behind["progress"].head(3), strict=True)
            )
            out.append(
                f"กลุ่มจังหวัดที่ล่าช้ากว่าแผน {format_number(len(behind))} จาก 18 กลุ่ม "
                f"ที่ความก้าวหน้าต่ำสุด: {names}"
            )
        off = p[p["status"] == "off_track"]
        if len(off):
            out.append(f"จังหวัดที่ล่าช้ากว่าแผน {format_number(len(off))} จังหวัด (ดูแผนที่และตารางรายจังหวัด)")
        nodata = p[(p["objectives"] > 0) & ~p["has_data"]]
        if len(nodata):
            out.append("จังหวัดที่มีแผนแต่ยังไม่มีการรายงานผลความก้าวหน้า: " + ", ".join(nodata["name_th"]))
        if not is_missing(n["budget"]):
            out.append(
                f"งบประมาณโครงการรวม {format_baht(n['budget'])} บาท เบิกจ่ายแล้ว "
                f"{format_baht(n['spent'])} บาท ({_pct(n['spent_share'])})"
            )
        rc = self.round_counts
        if rc is not None:
            out.append(
                f"{self.rounds_th}: ผลลัพธ์หลักที่มีความเคลื่อนไหว {format_number(rc['moved'])} รายการ "
                f"ตกไปอยู่ในกลุ่มมีความเสี่ยงหรือล่าช้ามากขึ้น {format_number(rc['fell_behind'])} รายการ "
                f"กลับมาเป็นไปตามแผน {format_number(rc['recovered'])} รายการ"
            )
        rf = self.recurring_findings
        if len(rf):
            top = rf.iloc[0]
            out.append(
                f"ข้อค้นพบที่ต้องเร่งแก้ไขและพบในหลายจังหวัด: {top['label']} "
                f"({format_number(top['provinces'])} จังหวัด)"
            )
        return out

    def headline(self) -> dict[str, Any]:
        """Headline figures for ``summary.json`` (JSON-friendly)."""
        n = self.nation
        p = self.provinces

        def pct(v: Any) -> float | None:
            return None if is_missing(v) else round(float(v) * 100, 1)

        return {
            "provinces": len(p),
            "provinces_with_plan": int((p["objectives"] > 0).sum()),
            "provinces_with_data": int(p["has_data"].sum()),
            "clusters": len(self.clusters),
            "groups": len(self.groups),
            "objectives": int(n["objectives"]),
            "key_results": int(n["krs"]),
            "progress_pct": pct(n["progress"]),
            "expected_pct": pct(n["expected"]),
            "status_th": n["status_th"],
            "krs_behind": int(n["behind"]),
            "budget": None if is_missing(n["budget"]) else float(n["budget"]),
            "spent": None if is_missing(n["spent"]) else float(n["spent"]),
            "round": self.round_no or None,
            "as_of": self.as_of.isoformat(),
            "sample": self.sample,
        }
