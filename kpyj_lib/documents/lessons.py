"""Lessons-learned write-ups (ถอดบทเรียน): what a province write-up and the synthesis say.

A write-up is a :class:`LessonsDoc`: a title and nine :class:`~kpyj_lib.documents.base.Section`
s of plain :class:`~kpyj_lib.documents.base.Block` s (headings, paragraphs, bullet lists,
tables, "no data" notes) whose every sentence is built from the workspace — counts, titles,
progress, budgets, lesson texts — or, for the background, from the two source documents it
cites (:data:`SOURCES`). :mod:`kpyj_lib.render` shows the same document as HTML
(``templates/lessons.html.j2``, ``templates/synthesis.html.j2``) and writes it as Word
(:func:`kpyj_lib.render.docx.write_docx`), so the two never disagree. No HTML, no SQL, no
batch here.

Two kinds of write-up, with the same section keys (:data:`SECTION_KEYS`):

* one province (:func:`build_writeup`, ``kind == "lessons"``): background, the driving plan
  (objectives, KRs, projects, KPIs), what happened (KR results with check-in evidence,
  budget used, directives completed), what worked and why (success factors and good
  practices with the evidence they are linked to), obstacles, lessons by PMQA category, a
  comparison with the on-track pilots, recommendations and the path to next year
  (recommendation lessons and the KRs to carry over), and an appendix of the data used;
* the cross-province synthesis (:func:`build_synthesis`, parameter ``"ALL"``,
  ``kind == "synthesis"``): the pilot provinces compared, lessons counted by kind and PMQA
  category and listed per province, what the on-track provinces share that the others
  lack, and a rollout per province group computed from the pilots' data.

A section without data says so (:data:`NO_LESSONS`, "ไม่มีข้อมูล...") instead of filling in;
a sample workspace is marked ตัวอย่าง.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> doc = build_writeup(tiny_workspace(), "83", "2022-03-31")
>>> doc.title_th
'ถอดบทเรียนการขับเคลื่อน กพยจ. จังหวัดภูเก็ต ปีงบประมาณ พ.ศ. 2565'
>>> doc.kind, doc.keys() == list(SECTION_KEYS)
('lessons', True)
>>> "LES-83-01" in doc.section("pmqa").text()
True
>>> NO_LESSONS in build_writeup(tiny_workspace(), "64", "2022-03-31").section("success").text()
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import pandas as pd

from .. import reference
from ..analysis import lessons as al
from ..analysis.groups import GROUP_COUNTS, GROUP_LABELS
from ..analysis.measure import DataDate, data_date, province_key_results
from ..analysis.pmqa import PHASES
from ..analysis.progress import STATUS_LABELS, Thresholds, default_as_of, kr_progress
from ..calendar import fiscal_year_bounds, format_fiscal_year, format_thai_date, parse_thai_date
from ..graph import build_graph
from ..reference.citations import CITATIONS, cite
from ..text import format_baht, format_number, format_percent, is_missing
from ..workspace import Workspace
from .base import Block, Section
from .data_date import stale_blocks
from .official import SAMPLE_BANNER, carry_over_wording, check_lang, gloss
from .province import ProvinceReport
from .summary import executive_summary

__all__ = [
    "ALL",
    "KIND_LESSONS",
    "KIND_SYNTHESIS",
    "NO_LESSONS",
    "SECTION_KEYS",
    "SOURCES",
    "LessonsDoc",
    "as_of_date",
    "build_lessons",
    "build_synthesis",
    "build_writeup",
]

#: The parameter value of the cross-province synthesis.
ALL = "ALL"
#: What a lessons section says when there is nothing recorded.
NO_LESSONS = "ไม่มีข้อมูลบทเรียนที่บันทึกไว้"
#: The section keys of every write-up, in order.
SECTION_KEYS: tuple[str, ...] = (
    "background",
    "plan",
    "results",
    "success",
    "obstacles",
    "pmqa",
    "shared",
    "recommendations",
    "appendix",
)
#: The documents the background cites, by official title, issuer and date
#: (:data:`kpyj_lib.reference.CITATIONS`), under the keys the facts below use.
SOURCES: dict[str, str] = {
    "memo_2565": CITATIONS["memo_2565"],
    "model_2564": CITATIONS["model_2564"],
}
# (text, source): facts restated from the cited documents, nothing added.
_BACKGROUND: tuple[tuple[str, str], ...] = (
    (
        "เมื่อวันที่ 1 เมษายน 2564 สำนักงานกิจการยุติธรรม (สกธ.) จัดประชุมชี้แจงเป้าหมายและกรอบการดำเนินงาน"
        "การสร้างตัวแบบ (Model) ขับเคลื่อนการดำเนินงานของ กพยจ. ร่วมกับผู้แทนสำนักงานยุติธรรมจังหวัด"
        "ที่ได้รับการคัดเลือกเป็นจังหวัดต้นแบบ 4 จังหวัดในการทดลอง Model ได้แก่ สุโขทัย นครพนม ภูเก็ต "
        "และราชบุรี",
        "model_2564",
    ),
    (
        "ที่ประชุมเห็นว่าบทบาทการดำเนินงานของ กพยช. ที่ผ่านมาเป็นการดำเนินงานในระดับนโยบาย "
        "ซึ่งยังไม่สามารถส่งผ่านการอำนวยความยุติธรรมให้กับประชาชนในพื้นที่ได้อย่างเป็นรูปธรรม "
        "ตัวแบบ (Model) จะเป็นกลไกในการถ่ายทอดนโยบายจากส่วนกลาง ตลอดจนแผนแม่บทการบริหารงาน"
        "ยุติธรรมแห่งชาติลงสู่พื้นที่",
        "model_2564",
    ),
    (
        "สกธ. ทำหน้าที่เป็นหน่วยงานให้คำปรึกษาและร่วมเรียนรู้ไปกับสำนักงานยุติธรรมจังหวัด "
        "รวมถึงการจัดทำชุดความรู้ (Lesson Learned) เพื่อนำไปใช้เป็นตัวแบบขับเคลื่อน กพยจ. "
        "ทั่วประเทศในอนาคต",
        "model_2564",
    ),
    (
        "กำหนดการลงพื้นที่ในเดือนเมษายน – มิถุนายน 2564 เพื่อร่วมกันยกร่างแผนยุทธศาสตร์"
        "การบริหารงานยุติธรรมจังหวัด โดยประสานข้อมูลแผนงานโครงการ/แผนการของบประมาณ "
        "และศึกษาวิเคราะห์ข้อมูลพื้นฐานของแต่ละจังหวัด",
        "model_2564",
    ),
    (
        "ควรกำหนดเป้าหมายการดำเนินงานและรูปแบบการติดตามให้ชัดเจน และจัดทำคู่มือการทำงานหรือ"
        "ชุดความรู้ เพื่อให้หน่วยงานในระดับพื้นที่ดำเนินงานไปในทิศทางเดียวกัน โดยคำนึงถึงความสอดคล้อง"
        "กับแผนพัฒนาจังหวัดและกลุ่มจังหวัด",
        "memo_2565",
    ),
    (
        "เสนอให้จัดทำแผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปีงบประมาณ พ.ศ. 2565 ประกอบด้วย "
        "เป้าหมาย กิจกรรมการดำเนินงาน ผลลัพธ์ ตัวชี้วัด และแนวทางต่อยอดการดำเนินงานในอนาคต "
        "โดยนำกรอบแนวทางการป้องกันอาชญากรรมที่มีประสิทธิภาพ 6 ด้าน (มติคณะรัฐมนตรีเมื่อวันที่ "
        "24 มกราคม 2560) มาใช้ ให้สอดคล้องกับมติคณะรัฐมนตรี แผนแม่บทการบริหารงานยุติธรรมแห่งชาติ "
        "ฉบับที่ 3 และ (ร่าง) ฉบับที่ 4 และนโยบายกระทรวงยุติธรรม",
        "memo_2565",
    ),
    (
        "แนวทางการขับเคลื่อน กพยจ. มีลักษณะคล้ายคลึงกับการขับเคลื่อนแผนสิทธิมนุษยชนแห่งชาติ "
        "ซึ่งแบ่งกลุ่มจังหวัดเป็น กลุ่มที่ 1 จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด "
        "กลุ่มที่ 2 จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด 14 จังหวัด และกลุ่มที่ 3 "
        "สำนักงานยุติธรรมจังหวัดที่ไม่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด 59 จังหวัด "
        "ที่ประชุมจึงเห็นว่าควรศึกษาเป็นแนวทาง",
        "memo_2565",
    ),
)
_PURPOSE = (
    "วัตถุประสงค์ของการถอดบทเรียน: รวบรวมชุดความรู้ (Lesson Learned) จากการทดลองใช้ตัวแบบ"
    "ในจังหวัดต้นแบบ เพื่อนำไปใช้เป็นตัวแบบขับเคลื่อน กพยจ. ทั่วประเทศ",
    "model_2564",
)
_GROUP_TH = GROUP_LABELS
_COMPUTED = "ข้อความในส่วนนี้คำนวณจากข้อมูลในระบบทั้งหมด ไม่ได้เขียนเพิ่มเติม"


#: The document kind (template name) of a province write-up and of the synthesis.
KIND_LESSONS, KIND_SYNTHESIS = "lessons", "synthesis"


# =========================================================================== the document
@dataclass
class LessonsDoc:
    """A lessons-learned write-up of one province (``scope`` a code) or of all (``"ALL"``).

    Follows the :class:`~kpyj_lib.documents.base.Document` protocol: :attr:`kind` is
    ``"lessons"`` for a province and ``"synthesis"`` for ``"ALL"``; :meth:`headline` gives
    the figures of the index page and ``summary.json`` (kept in :attr:`figures`).
    """

    scope: str
    fiscal_year: int
    as_of: dt.date
    title_th: str
    subtitle_th: str
    sample: bool
    sections: list[Section]
    figures: dict[str, Any] = field(default_factory=dict)
    #: ``"th"`` (Thai only, the default) or ``"th-en"`` (with English glosses).
    lang: str = "th"
    #: blocks under the title: the stale-data warning when it applies (issue 17)
    notices: list[Block] = field(default_factory=list)
    #: The one-page executive summary (บทสรุปสำหรับผู้บริหาร) shown before the sections
    #: (:mod:`kpyj_lib.documents.summary`; issue 17).
    summary: Section | None = None

    @property
    def kind(self) -> str:
        """``"synthesis"`` for the cross-province synthesis, else ``"lessons"``."""
        return KIND_SYNTHESIS if self.scope == ALL else KIND_LESSONS

    def headline(self) -> dict[str, Any]:
        """The headline figures (a copy of :attr:`figures`).

        >>> from kpyj_lib.examples import tiny_workspace
        >>> h = build_writeup(tiny_workspace(), "83", "2022-03-31").headline()
        >>> h["province"], h["lessons"], h["sample"]
        ('83', 1, True)
        """
        return dict(self.figures)

    def keys(self) -> list[str]:
        """The section keys, in order."""
        return [s.key for s in self.sections]

    def section(self, key: str) -> Section:
        """The section called ``key``."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(f"no section {key!r} in the write-up")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (the date as ISO text)."""
        d = dataclasses.asdict(self)
        d["as_of"] = self.as_of.isoformat()
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LessonsDoc:
        """The inverse of :meth:`to_dict` (a dict with ``headline`` instead of ``figures``,
        as written before the rename, is read too).

        >>> from kpyj_lib.examples import tiny_workspace
        >>> doc = build_writeup(tiny_workspace(), "83", "2022-03-31")
        >>> LessonsDoc.from_dict(doc.to_dict()) == doc
        True
        """
        sections = [Section.from_dict(s) for s in d["sections"]]
        return cls(
            scope=d["scope"],
            fiscal_year=int(d["fiscal_year"]),
            as_of=dt.date.fromisoformat(str(d["as_of"])),
            title_th=d["title_th"],
            subtitle_th=d["subtitle_th"],
            sample=bool(d["sample"]),
            sections=sections,
            figures=dict(d.get("figures") or d.get("headline") or {}),
            lang=check_lang(d.get("lang")),
            notices=[Block(**b) for b in d.get("notices") or []],
            summary=Section.from_dict(d.get("summary")),
        )


# =========================================================================== formatting
def _day(d: Any) -> str:
    if is_missing(d):
        return "–"
    if not isinstance(d, dt.date):
        d = dt.date.fromisoformat(str(d)[:10])
    return format_thai_date(d, style="abbr")


def _s(v: Any) -> str:
    return "" if is_missing(v) else str(v)


def _cite(text: str, source: str) -> str:
    return f"{text} ({cite(source)})"


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Block:
    return Block("table", columns=list(columns), rows=[[_s(c) for c in r] for r in rows])


def _h(text: str, level: int = 3) -> Block:
    return Block("h", text=text, level=level)


def as_of_date(as_of: dt.date | str | None, ws: Workspace) -> dt.date:
    """The day a write-up measures progress at: ``as_of`` read as a date (ISO or as Thai
    users write it), or :func:`kpyj_lib.analysis.default_as_of` when empty.

    Raises
    ------
    ValueError
        (:class:`~kpyj_lib.exceptions.CalendarError`) for text that is not a date.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> as_of_date("2022-03-31", tiny_workspace()), as_of_date(dt.date(2022, 1, 5), None)
    (datetime.date(2022, 3, 31), datetime.date(2022, 1, 5))
    """
    if as_of is None or as_of == "":
        return default_as_of(ws)
    return parse_thai_date(as_of if isinstance(as_of, dt.date) else str(as_of))


# =========================================================================== shared data
class _Ctx:
    """What every section of one workspace needs, computed once."""

    def __init__(
        self, ws: Workspace, as_of: dt.date, G: nx.MultiDiGraph | None = None, lang: str = "th"
    ):
        self.ws = ws
        self.as_of = as_of
        self.G = G if G is not None else build_graph(ws)
        self.lang = check_lang(lang)

    def en(self, text_th: str, text_en: str) -> str:
        """``text_th``, with ``(text_en)`` when the write-up has English glosses."""
        return gloss(text_th, text_en, self.lang)

    @cached_property
    def carry_wording(self) -> Any:
        """How the write-up speaks of KRs carried over (a projection before 30 September)."""
        return carry_over_wording(self.as_of, self.ws.fiscal_year)

    @cached_property
    def progress(self) -> pd.DataFrame:
        return kr_progress(self.ws, self.as_of)

    @cached_property
    def pilots(self) -> list[str]:
        """The model provinces (จังหวัดต้นแบบ) with objectives this year, sorted by code;
        without any, every province with objectives."""
        objs = {str(c) for c in self.ws["objectives"]["province_code"] if not is_missing(c)}
        return sorted(objs & set(reference.model_provinces())) or sorted(objs)

    def comparison(self, provinces: Sequence[str]) -> pd.DataFrame:
        return al.province_comparison(self.ws, list(provinces), G=self.G, progress=self.progress)

    def features(self, provinces: Sequence[str]) -> pd.DataFrame:
        return al.province_features(self.ws, list(provinces), G=self.G, progress=self.progress)

    @cached_property
    def unit_names(self) -> dict[str, str]:
        u = self.ws["units"]
        return dict(zip(u["id"], u["name_th"], strict=True))

    @cached_property
    def carry(self) -> dict[str, list[dict[str, Any]]]:
        from ..analysis.carryover import plan_carry_over

        return plan_carry_over(self.ws)

    @cached_property
    def year_end_progress(self) -> pd.DataFrame:
        _, end = fiscal_year_bounds(self.ws.fiscal_year)
        return kr_progress(self.ws, end).set_index("key_result_id")

    def lesson_blocks(self, lesson: Any, *, with_province: bool = False) -> list[Block]:
        """A lesson: title, kind/source/date line, detail, and its evidence."""
        where = f" · {lesson.province_th}" if with_province else ""
        meta = (
            f"{lesson.kind_th} · ที่มา: {lesson.source_th} · {_day(lesson.date)}{where} · "
            f"รหัส {lesson.lesson_id}"
        )
        blocks = [Block("p", lead=str(lesson.title_th), text=f" ({meta})")]
        if _s(lesson.detail_th):
            blocks.append(Block("p", text=str(lesson.detail_th)))
        ev = al.evidence_of(self.G, lesson.node, progress=self.progress)
        if ev.empty:
            blocks.append(Block("note", text="ไม่มีข้อมูลที่เชื่อมโยงกับบทเรียนนี้"))
        else:
            items = []
            for r in ev.itertuples(index=False):
                head = f"{r.kind_th} {r.id}"
                if r.kind != "pmqa_category" and _s(r.label_th):
                    head += f" {r.label_th}"
                elif r.kind == "pmqa_category":
                    head = f"หมวด PMQA {r.id} {_s(r.label_th)}"
                items.append(f"{head}: {r.evidence_th}" if _s(r.evidence_th) else head)
            blocks.append(Block("p", lead=self.en("หลักฐานที่เชื่อมโยง", "evidence") + ": "))
            blocks.append(Block("ul", items=items))
        return blocks

    def lessons_of_kinds(
        self, provinces: Sequence[str], kinds: Sequence[str], *, with_province: bool
    ) -> list[Block]:
        blocks: list[Block] = []
        for kind in kinds:
            label = reference.code_label("lesson_kind", kind)
            blocks.append(_h(label, 3))
            found = False
            for code in provinces:
                lf = al.lessons_frame(self.G, code)
                lf = lf[lf["kind"] == kind]
                if lf.empty:
                    continue
                found = True
                if with_province:
                    name = "ส่วนกลาง (ไม่ระบุจังหวัด)" if code == al.NATIONAL else _province(code)
                    blocks.append(_h(f"{label}: {name}", 4))
                for r in lf.itertuples(index=False):
                    blocks += self.lesson_blocks(r, with_province=False)
            if not found:
                blocks.append(Block("empty", text=NO_LESSONS))
        return blocks

    def pmqa_blocks(self, scope: str | None, *, with_province: bool) -> list[Block]:
        """Lessons under each PMQA category, phase by phase; empty categories say so."""
        by = al.lessons_by_pmqa(self.G, scope)
        lessons = {r.lesson_id: r for r in al.lessons_frame(self.G, scope).itertuples(index=False)}
        cats = reference.load("pmqa_categories")
        names = {int(i): n for i, n in zip(cats["id"], cats["name_th"], strict=True)}
        blocks: list[Block] = []
        if by.empty:
            return [Block("empty", text=NO_LESSONS)]
        for phase, (phase_th, cs) in PHASES.items():
            blocks.append(_h(self.en(f"ขั้น{phase_th} (หมวด {', '.join(map(str, cs))})", phase), 3))
            for c in cs:
                blocks.append(_h(f"หมวด {c} {names[c]}", 4))
                sel = by[by["category"] == c]
                if sel.empty:
                    blocks.append(Block("empty", text=NO_LESSONS))
                    continue
                for lid in sel["lesson_id"]:
                    blocks += self.lesson_blocks(lessons[lid], with_province=with_province)
        none = by[by["category"].isna()]
        if len(none):
            blocks.append(_h("ไม่ระบุหมวด PMQA", 3))
            for lid in none["lesson_id"]:
                blocks += self.lesson_blocks(lessons[lid], with_province=with_province)
        return blocks


def _province(code: str) -> str:
    try:
        return reference.province_name(code)
    except ValueError:
        return str(code)


def _background_blocks(ctx: _Ctx, extra: list[Block]) -> list[Block]:
    blocks = [_h("ความเป็นมาของตัวแบบ (Model) การขับเคลื่อน กพยจ.", 3)]
    blocks.append(Block("ul", items=[_cite(t, s) for t, s in _BACKGROUND]))
    blocks.append(Block("p", text=_cite(*_PURPOSE)))
    blocks += extra
    blocks.append(
        Block(
            "note",
            text=ctx.en("แหล่งที่มา", "sources")
            + ": "
            + "; ".join(SOURCES[k] for k in ("memo_2565", "model_2564")),
        )
    )
    return blocks


def _source_th(source: Any) -> str:
    """Where the data comes from, in Thai: a workbook by its file name, the store as such.

    >>> _source_th("data/sample/kpyj_sample_2565.xlsx"), _source_th("sqlite:///data/kpyj.sqlite")
    ('สมุดงาน kpyj_sample_2565.xlsx', 'ฐานข้อมูล kpyj')
    >>> _source_th("memory"), _source_th("postgresql://kpyj@db/kpyj (province 83)")
    ('ข้อมูลในระบบ', 'ฐานข้อมูล kpyj')
    """
    text = "" if is_missing(source) else str(source)
    text = re.sub(r" \(province \d+\)$", "", text).strip()
    if text in ("", "memory"):
        return "ข้อมูลในระบบ"
    if "://" in text or text.startswith(("sqlite", "postgresql")):
        return "ฐานข้อมูล kpyj"
    name = text.replace("\\", "/").rsplit("/", 1)[-1]
    return f"สมุดงาน {name}" if name.lower().endswith((".xlsx", ".xls")) else name


def _data_note(ctx: _Ctx) -> Block:
    ws = ctx.ws
    text = (
        f"ข้อมูลจาก{_source_th(ws.source)} · {format_fiscal_year(ws.fiscal_year)} · ข้อมูล ณ วันที่ "
        f"{format_thai_date(ctx.as_of)}"
    )
    if ws.is_sample:
        text += f" · {SAMPLE_BANNER}"
    return Block("p", text=text)


def _method_note() -> Block:
    t = Thresholds()
    return Block(
        "note",
        text=(
            "วิธีคำนวณ: ความก้าวหน้าของผลลัพธ์หลักวัดจากค่าฐาน (ร้อยละ 0) ถึงค่าเป้าหมาย (ร้อยละ 100) "
            "ตามทิศทาง ใช้การรายงานล่าสุดไม่เกินวันที่ข้อมูล ความก้าวหน้าที่ควรเป็นคิดตามเวลาที่ผ่านไป "
            f"สถานะ 'เป็นไปตามแผน' เมื่อความก้าวหน้าไม่ต่ำกว่า{format_percent(t.on_track, thai=True)} "
            f"ของที่ควรเป็น 'มีความเสี่ยง' เมื่อไม่ต่ำกว่า{format_percent(t.at_risk, thai=True)} "
            "นอกนั้น 'ล่าช้ากว่าแผน'; "
            "หมวด PMQA ของบทเรียนคือหมวดที่บทเรียนเชื่อมโยงถึงรวมกับหมวดที่จับคู่ไว้ในชีตหมวด PMQA"
        ),
    )


def _lessons_appendix(ctx: _Ctx, scope: str | None) -> list[Block]:
    lf = al.lessons_frame(ctx.G, scope)
    blocks = [_h(ctx.en("บทเรียนทั้งหมดที่ใช้", "lessons used"), 3)]
    if lf.empty:
        blocks.append(Block("empty", text=NO_LESSONS))
        return blocks
    blocks.append(
        _table(
            ["รหัส", "จังหวัด", "ประเภท", "ที่มา", "วันที่", "บทเรียน", "หมวด PMQA", "จำนวนการเชื่อมโยง"],
            (
                [
                    r.lesson_id,
                    r.province_th,
                    r.kind_th,
                    r.source_th,
                    _day(r.date),
                    r.title_th,
                    ", ".join(map(str, r.categories)) or "–",
                    r.n_links,
                ]
                for r in lf.itertuples(index=False)
            ),
        )
    )
    links = []
    for r in lf.itertuples(index=False):
        ev = al.evidence_of(ctx.G, r.node)
        for e in ev.itertuples(index=False):
            links.append([r.lesson_id, e.kind_th, e.id, _s(e.label_th)])
    blocks.append(_h(ctx.en("การเชื่อมโยงของบทเรียน", "lesson links"), 3))
    if links:
        blocks.append(_table(["บทเรียน", "ประเภทปลายทาง", "รหัส", "ชื่อ"], links))
    else:
        blocks.append(Block("empty", text="ไม่มีการเชื่อมโยง"))
    return blocks


# =========================================================================== one province
def build_writeup(
    ws: Workspace,
    province: str,
    as_of: dt.date | str | None = None,
    *,
    G: nx.MultiDiGraph | None = None,
    lang: str = "th",
) -> LessonsDoc:
    """The lessons-learned write-up of one province.

    Parameters
    ----------
    ws : Workspace
    province : str
        A 2-digit province code (checked).
    as_of : date or ISO string, optional
        The date progress is measured at (default :func:`kpyj_lib.analysis.default_as_of`).
    G : MultiDiGraph, optional
        The workspace's plan graph, if already built.
    lang : str
        ``"th"`` (Thai only, default) or ``"th-en"`` (with English glosses).

    Returns
    -------
    LessonsDoc
        With the sections of :data:`SECTION_KEYS`.
    """
    code = reference.check_province(province)
    day = (  # issue 17: by default the latest check-in of the province
        as_of_date(as_of, ws)
        if as_of not in (None, "")
        else default_as_of(ws, province_key_results(ws, [code]))
    )
    ctx = _Ctx(ws, day, G, lang)
    return _Writeup(ctx, code).build()


class _Writeup:
    def __init__(self, ctx: _Ctx, code: str):
        self.ctx = ctx
        self.code = code
        self.ws = ctx.ws
        self.rep = ProvinceReport.build(ctx.ws, code, ctx.as_of, graph=ctx.G, lang=ctx.lang)
        self.name = self.rep.profile["name_th"]
        self.lessons = al.lessons_frame(ctx.G, code)
        self.kp = ctx.progress[ctx.progress["province_code"] == code].reset_index(drop=True)

    def build(self) -> LessonsDoc:
        ws, ctx = self.ws, self.ctx
        sections = [
            Section("background", "ความเป็นมาและวัตถุประสงค์", "Background and purpose",
                    self.background()),
            Section("plan", "สิ่งที่วางแผนไว้ (แผนการขับเคลื่อน)", "What was planned", self.plan()),
            Section("results", "สิ่งที่เกิดขึ้นจริง", "What happened", self.results()),
            Section("success", "สิ่งที่ได้ผลและเหตุผล", "What worked and why", self.success()),
            Section("obstacles", "ปัญหาและอุปสรรค", "Obstacles", self.obstacles()),
            Section("pmqa", "บทเรียนตามหมวด PMQA", "Lessons by PMQA category",
                    ctx.pmqa_blocks(self.code, with_province=False)),
            Section("shared", "เทียบกับจังหวัดต้นแบบที่เป็นไปตามแผน",
                    "Compared with the on-track model provinces", self.shared()),
            Section("recommendations", "ข้อเสนอแนะและแนวทางต่อยอดในปีถัดไป",
                    "Recommendations and next year", self.recommendations()),
            Section("appendix", "ภาคผนวก: ข้อมูลที่ใช้", "Appendix: data used", self.appendix()),
        ]  # fmt: skip
        pp = self.rep.province_progress
        counts = self.lessons["kind"].value_counts()
        figures = {
            "province": self.code,
            "name_th": self.name,
            "lessons": len(self.lessons),
            **{k: int(counts.get(k, 0)) for k in al.KIND_ORDER},
            "objectives": len(self.rep.objectives),
            "key_results": len(self.rep.key_results),
            "progress_pct": None if is_missing(pp["progress"]) else round(pp["progress"] * 100, 1),
            "status_th": pp["status_th"],
            "sample": bool(ws.is_sample),
        }
        return LessonsDoc(
            scope=self.code,
            fiscal_year=int(ws.fiscal_year),
            as_of=ctx.as_of,
            title_th=(
                f"ถอดบทเรียนการขับเคลื่อน กพยจ. จังหวัด{self.name} {format_fiscal_year(ws.fiscal_year)}"
            ),
            subtitle_th=(
                f"ชุดความรู้ (Lesson Learned) · {self.rep.data_date.text_th}"
                + (
                    f" · {self.rep.profile['name_en']} KPYJ lessons learned"
                    if ctx.lang == "th-en"
                    else ""
                )
            ),
            sample=bool(ws.is_sample),
            sections=sections,
            figures=figures,
            lang=ctx.lang,
            notices=stale_blocks(self.rep.data_date),
            summary=self.summary(),
        )

    def summary(self) -> Section:
        """The executive summary: headline facts, the top ranked findings of the province
        report, and what the meeting is asked to decide (all computed)."""
        rep, ctx = self.rep, self.ctx
        pp = rep.province_progress
        kp = self.kp
        counts = kp["status"].value_counts()
        status_line = " · ".join(
            f"{label[0]} {format_number(counts[k])}"
            for k, label in STATUS_LABELS.items()
            if counts.get(k, 0)
        )
        b = rep.budget
        spent = f" ({format_percent(b['spent'] / b['budget'], thai=True)})" if b["budget"] else ""
        kinds = self.lessons["kind"].value_counts()
        kinds_line = " · ".join(
            f"{reference.code_label('lesson_kind', k)} {format_number(kinds[k])}"
            for k in al.KIND_ORDER
            if kinds.get(k, 0)
        )
        facts = [
            (
                "วัตถุประสงค์ / ผลลัพธ์หลัก",
                f"{format_number(len(rep.objectives))} ข้อ / "
                f"{format_number(len(rep.key_results))} ตัว"
                + (f" ({status_line})" if status_line else ""),
            ),
            (
                "ความก้าวหน้าภาพรวม",
                f"{format_percent(pp['progress'], thai=True)} เทียบกับที่ควรเป็น"
                f"{format_percent(pp['expected'], thai=True)} ({pp['status_th']})",
            ),
            (
                "โครงการ/กิจกรรม",
                f"{format_number(len(rep.initiatives))} รายการ "
                f"งบประมาณ {format_baht(b['budget'])} บาท "
                f"เบิกจ่ายแล้ว {format_baht(b['spent'])} บาท{spent}",
            ),
            (
                "บทเรียนที่บันทึก",
                f"{format_number(len(self.lessons))} เรื่อง"
                + (f" ({kinds_line})" if kinds_line else ""),
            ),
        ]
        top = rep.ranked_findings.top(3)
        findings = [f"[{f.priority_th}] {f.text_th}" for f in top]
        asks = [f"รับทราบผลการดำเนินงานและความก้าวหน้า ณ วันที่ {format_thai_date(ctx.as_of)}"]
        high = [f for f in top if f.severity == "high"]
        if high:  # the first high finding's recommendation; the others are in the findings
            asks.append(f"มอบหมายให้ดำเนินการ: {high[0].recommendation_th}")
        mine = set(kp["key_result_id"])
        carried = [k for k in ctx.carry["key_results"] if k["carried_from_id"] in mine]
        if carried:
            nxt = format_fiscal_year(self.ws.fiscal_year + 1)
            asks.append(
                f"พิจารณาผลลัพธ์หลัก {format_number(len(carried))} ตัวที่ยังไม่ถึงค่าเป้าหมาย "
                + (
                    f"(หากไม่บรรลุเมื่อสิ้นปีงบประมาณ ยกไป{nxt})"
                    if ctx.carry_wording.projected
                    else f"เพื่อยกไป{nxt}"
                )
            )
        n_rec = int(kinds.get("recommendation", 0))
        if n_rec:
            asks.append(f"เห็นชอบข้อเสนอแนะจากการถอดบทเรียน {format_number(n_rec)} เรื่อง")
        return executive_summary(facts, findings, asks)

    # -------------------------------------------------------------- sections
    def background(self) -> list[Block]:
        p, en = self.rep.profile, self.ctx.en
        name = (
            f"{p['name_th']} ({p['name_en']}) รหัส {p['code']}"
            if self.ctx.lang == "th-en"
            else (f"{p['name_th']} รหัส {p['code']}")
        )
        profile = _table(
            ["รายการ", "ข้อมูล"],
            [
                [en("จังหวัด", "province"), name],
                [en("ภาค", "region"), _s(p["region_th"])],
                [en("กลุ่มจังหวัด", "cluster"), p["cluster_th"] or "ไม่อยู่ในกลุ่มจังหวัด"],
                [en("ศูนย์ปฏิบัติการของกลุ่มจังหวัด", "operating centre"), p["operating_centre_th"]],
                [en("กลุ่มการขับเคลื่อน", "driving group"), p["group_th"]],
                [en("จังหวัดต้นแบบ", "model province"), p["model_province_th"]],
                ["ปีงบประมาณ", p["fiscal_year_th"]],
                ["ข้อมูล ณ วันที่", p["as_of_th"]],
            ],
        )
        return _background_blocks(self.ctx, [_h(en("ข้อมูลจังหวัด", "province profile"), 3), profile])

    def plan(self) -> list[Block]:
        rep, ctx = self.rep, self.ctx
        objs, krs, inis = rep.objectives, rep.key_results, rep.initiatives
        kpis = self.ws["kpis"][self.ws["kpis"]["province_code"] == self.code]
        if objs.empty and inis.empty and kpis.empty:
            return [
                Block(
                    "empty",
                    text=f"ไม่มีแผนการขับเคลื่อนของจังหวัด{self.name}ที่บันทึกไว้",
                )
            ]
        blocks = [
            Block(
                "p",
                text=(
                    f"จังหวัด{self.name}กำหนดเป้าหมาย (วัตถุประสงค์) {len(objs)} ข้อ "
                    f"ผลลัพธ์หลัก {len(krs)} ตัว ตัวชี้วัด {len(kpis)} ตัว และโครงการ/กิจกรรม "
                    f"{len(inis)} รายการ งบประมาณรวม {format_baht(rep.budget['budget'])} บาท"
                ),
            ),
            Block(
                "note",
                text=(
                    f"จัดตามโครงสร้างแผนการดำเนินงานขับเคลื่อน กพยจ. ({cite('memo_2565')}): เป้าหมาย = "
                    "วัตถุประสงค์, กิจกรรม = โครงการ/กิจกรรม, ผลลัพธ์ = ผลลัพธ์หลัก, ตัวชี้วัด = ตัวชี้วัด"
                ),
            ),
            _h("เป้าหมาย (วัตถุประสงค์) และผลลัพธ์หลัก", 3),
        ]
        rows = []
        for o in objs.itertuples(index=False):
            mine = krs[krs["objective_id"] == o.id]
            if mine.empty:
                rows.append([o.id, o.title_th, "–", "ยังไม่มีผลลัพธ์หลัก", "", ""])
            for k in mine.itertuples(index=False):
                rows.append(
                    [
                        o.id,
                        o.title_th,
                        k.id,
                        k.title_th,
                        f"{format_number(k.baseline)} → {format_number(k.target)} "
                        f"{k.unit_of_measure}",
                        ctx.unit_names.get(k.owner_unit_id, "") if k.owner_unit_id else "–",
                    ]
                )
        blocks.append(
            _table(
                ["รหัส", "วัตถุประสงค์", "รหัส KR", "ผลลัพธ์หลัก", "ค่าฐาน → เป้าหมาย", "หน่วยงานเจ้าของ"],
                rows,
            )
            if rows
            else Block("empty", text="ไม่มีวัตถุประสงค์ที่บันทึกไว้")
        )
        blocks.append(_h("กิจกรรม (โครงการ/กิจกรรม) และงบประมาณ", 3))
        ik = self.ws["initiative_krs"]
        if inis.empty:
            blocks.append(Block("empty", text="ไม่มีโครงการ/กิจกรรมที่บันทึกไว้"))
        else:
            blocks.append(
                _table(
                    [
                        "รหัส",
                        "โครงการ/กิจกรรม",
                        "หน่วยงานรับผิดชอบ",
                        "งบประมาณ (บาท)",
                        "แหล่งงบประมาณ",
                        "ส่งผลต่อผลลัพธ์หลัก",
                    ],
                    (
                        [
                            i.id,
                            i.name_th,
                            ctx.unit_names.get(i.owner_unit_id, "") if i.owner_unit_id else "–",
                            format_baht(i.budget),
                            _s(i.budget_source) or "–",
                            ", ".join(ik.loc[ik["initiative_id"] == i.id, "key_result_id"]) or "–",
                        ]
                        for i in inis.itertuples(index=False)
                    ),
                )
            )
        blocks.append(_h("ตัวชี้วัด", 3))
        if kpis.empty:
            blocks.append(Block("empty", text="ไม่มีตัวชี้วัดที่บันทึกไว้"))
        else:
            blocks.append(
                _table(
                    ["รหัส", "ตัวชี้วัด", "มิติ", "ระดับ", "เป้าหมาย"],
                    (
                        [
                            k.id,
                            k.name_th,
                            reference.code_label("kpi_dimension", k.dimension),
                            reference.code_label("kpi_level", k.level),
                            f"{format_number(k.target)} {_s(k.unit_of_measure)}".strip(),
                        ]
                        for k in kpis.itertuples(index=False)
                    ),
                )
            )
        return blocks

    def results(self) -> list[Block]:
        rep, kp = self.rep, self.kp
        blocks: list[Block] = []
        if kp.empty:
            blocks.append(Block("empty", text="ไม่มีผลลัพธ์หลักที่บันทึกไว้ จึงยังไม่มีผลการดำเนินงาน"))
        else:
            pp = rep.province_progress
            n = kp["status"].value_counts()
            with_data = int(kp["progress_clipped"].notna().sum())
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"ณ วันที่ {format_thai_date(self.ctx.as_of)} ความก้าวหน้าเฉลี่ยของวัตถุประสงค์ "
                        f"{format_percent(pp['progress'])} เทียบกับที่ควรเป็นตามเวลา "
                        f"{format_percent(pp['expected'])} — "
                        f"{pp['status_th']}; ผลลัพธ์หลักที่มีการรายงาน {with_data} จาก {len(kp)} ตัว: "
                        + ", ".join(
                            f"{STATUS_LABELS[s][0]} {int(n.get(s, 0))}"
                            for s in ("on_track", "at_risk", "off_track", "no_data")
                        )
                    ),
                )
            )
            blocks.append(_h("ผลลัพธ์หลักและหลักฐานจากการรายงานความก้าวหน้า", 3))
            ci = self.ws["checkins"]
            ci = ci[[d is not None and d <= self.ctx.as_of for d in ci["date"]]]
            notes: dict[str, str] = {}
            for r in ci.sort_values(["date", "id"]).itertuples(index=False):
                if _s(r.note_th):
                    notes[r.key_result_id] = f"{_day(r.date)}: {r.note_th}"
            blocks.append(
                _table(
                    [
                        "รหัส",
                        "ผลลัพธ์หลัก",
                        "ค่าฐาน → เป้าหมาย",
                        "ค่าล่าสุด",
                        "ความก้าวหน้า",
                        "ที่ควรเป็น",
                        "สถานะ",
                        "จำนวนรายงาน",
                        "หมายเหตุล่าสุด",
                    ],
                    (
                        [
                            r.key_result_id,
                            r.title_th,
                            f"{format_number(r.baseline)} → {format_number(r.target)}",
                            f"{format_number(r.value)} ({_day(r.value_date)})"
                            if not is_missing(r.value)
                            else "–",
                            format_percent(r.progress_clipped),
                            format_percent(r.expected),
                            r.status_th,
                            r.n_checkins,
                            notes.get(r.key_result_id, "–"),
                        ]
                        for r in kp.itertuples(index=False)
                    ),
                )
            )
        blocks.append(_h("โครงการและงบประมาณที่ใช้", 3))
        inis = rep.initiatives
        if inis.empty:
            blocks.append(Block("empty", text="ไม่มีโครงการ/กิจกรรมที่บันทึกไว้"))
        else:
            b = rep.budget
            rate = b["spent"] / b["budget"] if b["budget"] else float("nan")
            status = inis["status"].value_counts()
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"งบประมาณรวม {format_baht(b['budget'])} บาท "
                        f"เบิกจ่ายแล้ว {format_baht(b['spent'])} บาท "
                        f"({format_percent(rate)}); สถานะโครงการ: "
                        + ", ".join(
                            f"{reference.code_label('initiative_status', s)} {int(status[s])}"
                            for s in ("planned", "in_progress", "done", "cancelled")
                            if s in status
                        )
                    ),
                )
            )
            blocks.append(
                _table(
                    [
                        "รหัส",
                        "โครงการ/กิจกรรม",
                        "สถานะ",
                        "งบประมาณ (บาท)",
                        "เบิกจ่าย (บาท)",
                        "ร้อยละเบิกจ่าย",
                    ],
                    (
                        [
                            i.id,
                            i.name_th,
                            reference.code_label("initiative_status", i.status),
                            format_baht(i.budget),
                            format_baht(i.budget_spent),
                            format_percent(i.budget_spent / i.budget)
                            if not is_missing(i.budget)
                            and i.budget
                            and not is_missing(i.budget_spent)
                            else "–",
                        ]
                        for i in inis.itertuples(index=False)
                    ),
                )
            )
        blocks.append(_h("ข้อสั่งการที่ได้รับมอบหมายและที่ดำเนินการแล้วเสร็จ", 3))
        d = rep.directives
        if d.empty:
            blocks.append(
                Block(
                    "empty",
                    text="ไม่มีข้อสั่งการที่มอบหมายให้หน่วยงานในจังหวัด",
                )
            )
        else:
            dirs = self.ws["directives"]
            finished = set(dirs.loc[dirs["completed_date"].notna(), "id"])
            done = d[(d["level"] == "completed") | d["directive_id"].isin(finished)]
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"ข้อสั่งการที่มอบหมายให้หน่วยงานในจังหวัด {len(d)} เรื่อง "
                        f"แล้วเสร็จ {len(done)} เรื่อง; รายงานประจำสัปดาห์ {int(d['reports'].sum())} ฉบับ "
                        f"ส่งตรงเวลา {int(d['on_time'].sum())} ฉบับ"
                    ),
                )
            )
            blocks.append(
                _table(
                    ["รหัส", "ข้อสั่งการ", "ระดับ", "รายงาน", "ตรงเวลา", "ล่าช้า"],
                    d[["directive_id", "title_th", "level_th", "reports", "on_time", "late"]]
                    .astype(str)
                    .values.tolist(),
                )
            )
        return blocks

    def success(self) -> list[Block]:
        blocks = [
            Block(
                "p",
                text=(
                    f"ปัจจัยแห่งความสำเร็จ {int((self.lessons['kind'] == 'success_factor').sum())} "
                    f"เรื่อง และแนวปฏิบัติที่ดี {int((self.lessons['kind'] == 'good_practice').sum())} "
                    "เรื่อง แต่ละเรื่องแสดงพร้อมข้อมูลที่เชื่อมโยงเป็นหลักฐาน"
                ),
            )
        ]
        return blocks + self.ctx.lessons_of_kinds(
            [self.code], ["success_factor", "good_practice"], with_province=False
        )

    def obstacles(self) -> list[Block]:
        return self.ctx.lessons_of_kinds([self.code], ["obstacle"], with_province=False)

    def shared(self) -> list[Block]:
        ctx = self.ctx
        provinces = list(dict.fromkeys([*ctx.pilots, self.code]))
        cmp = ctx.comparison(provinces)
        status = dict(zip(cmp["province_code"], cmp["status"], strict=True))
        on = [p for p, s in status.items() if s == al.ON_TRACK and p != self.code]
        mine = status.get(self.code, "no_data")
        blocks = [
            Block(
                "p",
                text=(
                    f"จังหวัดที่เปรียบเทียบ: {', '.join(_province(p) for p in provinces)}; "
                    "จังหวัดที่เป็นไปตามแผน: "
                    + (
                        ", ".join(_province(p) for p, s in status.items() if s == al.ON_TRACK)
                        or "ไม่มี"
                    )
                    + f"; จังหวัด{self.name}: {STATUS_LABELS[mine][0]}"
                ),
            )
        ]
        feats = ctx.features(provinces)
        shared = al.shared_by_on_track(feats, status)
        if shared.empty:
            why = (
                "ไม่มีจังหวัดอื่นที่เป็นไปตามแผน"
                if not on and mine != al.ON_TRACK
                else "ไม่พบสิ่งที่จังหวัดที่เป็นไปตามแผนมีร่วมกันและจังหวัดอื่นขาด"
            )
            blocks.append(Block("empty", text=why))
        else:
            blocks.append(
                _table(
                    ["กลุ่ม", "สิ่งที่จังหวัดที่เป็นไปตามแผนมีร่วมกัน", f"จังหวัด{self.name}", "จังหวัดที่ขาด"],
                    (
                        [
                            r.group_th,
                            r.label_th,
                            "มี" if bool(feats.loc[f, self.code]) else "ไม่มี",
                            ", ".join(_province(p.strip()) for p in r.missing_in.split(",") if p),
                        ]
                        for f, r in shared.iterrows()
                    ),
                )
            )
        blocks.append(
            Block(
                "note",
                text=(
                    "คำนวณจากข้อมูลจังหวัดต้นแบบ: สิ่งที่ทุกจังหวัดที่เป็นไปตามแผนมี และอย่างน้อยหนึ่ง"
                    "จังหวัดที่มีความเสี่ยงหรือล่าช้าไม่มี เป็นความสัมพันธ์จากข้อมูลจำนวนน้อย ไม่ใช่เหตุและผล"
                ),
            )
        )
        return blocks

    def recommendations(self) -> list[Block]:
        ctx = self.ctx
        blocks = ctx.lessons_of_kinds([self.code], ["recommendation"], with_province=False)
        wording = ctx.carry_wording
        blocks.append(_h(wording.heading, 3))
        mine = set(self.kp["key_result_id"])
        carried = [k for k in ctx.carry["key_results"] if k["carried_from_id"] in mine]
        nxt = self.ws.fiscal_year + 1
        if not mine:
            blocks.append(Block("empty", text="ไม่มีผลลัพธ์หลักที่บันทึกไว้"))
        elif not carried:
            blocks.append(
                Block("p", text=f"ผลลัพธ์หลักทั้ง {len(mine)} ตัวบรรลุเป้าหมาย ไม่มีรายการยกไปปีถัดไป")
            )
        else:
            yp = (
                ctx.progress.set_index("key_result_id")
                if wording.projected
                else ctx.year_end_progress
            )
            blocks.append(Block("p", text=wording.sentence(len(carried), len(mine))))
            blocks.append(
                _table(
                    ["รหัสเดิม", "ผลลัพธ์หลัก", wording.progress_column, "ค่าฐานใหม่ → เป้าหมาย", "รหัสใหม่"],
                    (
                        [
                            k["carried_from_id"],
                            k["title_th"],
                            format_percent(yp.at[k["carried_from_id"], "progress_clipped"])
                            if k["carried_from_id"] in yp.index
                            else "–",
                            f"{format_number(k['baseline'])} → {format_number(k['target'])} "
                            f"{k['unit_of_measure']}",
                            k["id"],
                        ]
                        for k in carried
                    ),
                )
            )
            if wording.note:
                blocks.append(Block("note", text=wording.note))
        blocks.append(_h("แนวทางต่อยอดการดำเนินงานในปีถัดไป (คำนวณจากข้อมูล)", 3))
        items = []
        if carried:
            verb = (
                "ติดตามผลลัพธ์หลักที่ยังไม่ถึงค่าเป้าหมาย"
                if wording.projected
                else ("ยกผลลัพธ์หลักที่ไม่บรรลุเป้าหมาย")
            )
            items.append(
                f"{verb} {len(carried)} ตัว"
                + (
                    f" หากไม่บรรลุเมื่อสิ้นปีงบประมาณ ยกไป{format_fiscal_year(nxt)}"
                    if wording.projected
                    else f" ไป{format_fiscal_year(nxt)}"
                )
            )
        keep = self.lessons[self.lessons["kind"].isin(["good_practice", "success_factor"])]
        for r in keep.itertuples(index=False):
            items.append(f"รักษาและขยายผล{r.kind_th}: {r.title_th} ({r.lesson_id})")
        for r in self.lessons[self.lessons["kind"] == "recommendation"].itertuples(index=False):
            items.append(f"ดำเนินการตามข้อเสนอแนะ: {r.title_th} ({r.lesson_id})")
        for r in self.lessons[self.lessons["kind"] == "obstacle"].itertuples(index=False):
            items.append(f"วางแนวทางแก้ไขอุปสรรค: {r.title_th} ({r.lesson_id})")
        if items:
            blocks.append(Block("ul", items=items))
        else:
            blocks.append(Block("empty", text="ไม่มีข้อมูลบทเรียนหรือผลลัพธ์หลักที่จะต่อยอด"))
        blocks.append(Block("note", text=_COMPUTED))
        return blocks

    def appendix(self) -> list[Block]:
        ws, ctx = self.ws, self.ctx
        ci = ws["checkins"]
        n_ci = int(
            sum(
                1
                for k, d in zip(ci["key_result_id"], ci["date"], strict=True)
                if k in set(self.kp["key_result_id"]) and d is not None and d <= ctx.as_of
            )
        )
        ll = ws["lesson_links"]
        counts = [
            ["วัตถุประสงค์", len(self.rep.objectives)],
            ["ผลลัพธ์หลัก", len(self.rep.key_results)],
            ["การรายงานความก้าวหน้า (ไม่เกินวันที่ข้อมูล)", n_ci],
            ["ตัวชี้วัด", int((ws["kpis"]["province_code"] == self.code).sum())],
            ["โครงการ/กิจกรรม", len(self.rep.initiatives)],
            ["บทเรียน", len(self.lessons)],
            ["การเชื่อมโยงของบทเรียน", int(ll["lesson_id"].isin(self.lessons["lesson_id"]).sum())],
        ]
        return [
            _data_note(ctx),
            _table(["ข้อมูล", "จำนวนแถว"], counts),
            *_lessons_appendix(ctx, self.code),
            _method_note(),
        ]


# =========================================================================== synthesis
def build_synthesis(
    ws: Workspace,
    provinces: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
    *,
    G: nx.MultiDiGraph | None = None,
    lang: str = "th",
) -> LessonsDoc:
    """The cross-province synthesis of the model provinces (parameter ``"ALL"``).

    Parameters
    ----------
    ws : Workspace
    provinces : sequence of str, optional
        The provinces compared (default: the model provinces (จังหวัดต้นแบบ) with objectives
        this year, or, without any, every province with objectives). Lessons without a
        province are shown as central (ส่วนกลาง).
    as_of : date or ISO string, optional
    G : MultiDiGraph, optional

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> doc = build_synthesis(tiny_workspace(), as_of="2022-03-31")
    >>> doc.scope, doc.headline()["provinces"], doc.headline()["lessons"]
    ('ALL', 2, 1)
    """
    ctx = _Ctx(ws, as_of_date(as_of, ws), G, lang)
    codes = (
        [reference.check_province(p) for p in provinces] if provinces is not None else ctx.pilots
    )
    return _Synthesis(ctx, codes).build()


class _Synthesis:
    def __init__(self, ctx: _Ctx, codes: list[str]):
        self.ctx = ctx
        self.ws = ctx.ws
        self.codes = codes
        self.cmp = ctx.comparison(codes)
        self.status = dict(zip(self.cmp["province_code"], self.cmp["status"], strict=True))
        self.on = [p for p in codes if self.status.get(p) == al.ON_TRACK]
        self.national = al.lessons_frame(ctx.G, al.NATIONAL)
        self.has_national = len(self.national) > 0
        self.scopes = [*codes, al.NATIONAL] if self.has_national else list(codes)

    def build(self) -> LessonsDoc:
        ws, ctx = self.ws, self.ctx
        sections = [
            Section("background", "ความเป็นมาและวัตถุประสงค์", "Background and purpose",
                    self.background()),
            Section("plan", "สิ่งที่วางแผนไว้: เปรียบเทียบจังหวัดต้นแบบ", "What was planned",
                    self.plan()),
            Section("results", "สิ่งที่เกิดขึ้นจริง: เปรียบเทียบจังหวัดต้นแบบ", "What happened",
                    self.results()),
            Section("success", "ปัจจัยแห่งความสำเร็จและแนวปฏิบัติที่ดีข้ามจังหวัด",
                    "What worked, across provinces", self.success()),
            Section("obstacles", "ปัญหาและอุปสรรคข้ามจังหวัด", "Obstacles, across provinces",
                    self.obstacles()),
            Section("pmqa", "บทเรียนตามหมวด PMQA", "Lessons by PMQA category", self.pmqa()),
            Section("shared", "สิ่งที่จังหวัดที่เป็นไปตามแผนมีร่วมกัน", "What on-track provinces share",
                    self.shared()),
            Section("recommendations", "ข้อเสนอการขยายผลรายกลุ่มจังหวัด (คำนวณจากข้อมูลจังหวัดต้นแบบ)",
                    "Recommended rollout per province group", self.rollout()),
            Section("appendix", "ภาคผนวก: ข้อมูลที่ใช้", "Appendix: data used", self.appendix()),
        ]  # fmt: skip
        counts = self.kind_counts
        figures = {
            "province": ALL,
            "name_th": "ภาพรวมจังหวัดต้นแบบ",
            "provinces": len(self.codes),
            "on_track": len(self.on),
            "lessons": int(counts.loc["total", "total"]),
            **{k: int(counts.loc["total", k]) for k in al.KIND_ORDER},
            "sample": bool(ws.is_sample),
        }
        return LessonsDoc(
            scope=ALL,
            fiscal_year=int(ws.fiscal_year),
            as_of=ctx.as_of,
            title_th=(
                "ถอดบทเรียนชุดความรู้ (Lesson Learned) การขับเคลื่อน กพยจ. ภาพรวมจังหวัดต้นแบบ "
                f"{format_fiscal_year(ws.fiscal_year)}"
            ),
            subtitle_th=(
                f"สังเคราะห์ข้ามจังหวัด {len(self.codes)} จังหวัด · {self.data_date.text_th}"
                + (" · cross-province synthesis" if ctx.lang == "th-en" else "")
            ),
            sample=bool(ws.is_sample),
            sections=sections,
            figures=figures,
            lang=ctx.lang,
            notices=stale_blocks(self.data_date),
            summary=self.summary(),
        )

    @cached_property
    def data_date(self) -> DataDate:
        """The date of the synthesis' data: the provinces' latest check-in (issue 17)."""
        return data_date(self.ws, self.ctx.as_of, province_key_results(self.ws, self.codes))

    def summary(self) -> Section:
        """The executive summary of the synthesis: the provinces compared and their status,
        the lessons, what the on-track provinces share, and what the meeting is asked."""
        cmp = self.cmp
        off = [p for p in self.codes if self.status.get(p) in ("at_risk", "off_track")]
        counts = self.kind_counts
        kinds_line = " · ".join(
            f"{reference.code_label('lesson_kind', k)} {format_number(counts.loc['total', k])}"
            for k in al.KIND_ORDER
            if counts.loc["total", k]
        )
        progress_line = "; ".join(
            f"{_province(r.province_code)} {format_percent(r.progress, thai=True)} ({r.status_th})"
            for r in cmp.itertuples(index=False)
        )
        budget, spent = (
            float(cmp["budget"].fillna(0).sum()),
            float(cmp["budget_spent"].fillna(0).sum()),
        )
        facts = [
            (
                f"ความก้าวหน้าของจังหวัดต้นแบบ {format_number(len(self.codes))} จังหวัด",
                progress_line or "ไม่มีข้อมูล",
            ),
            (
                "สถานะ",
                f"เป็นไปตามแผน {format_number(len(self.on))} จังหวัด · "
                f"มีความเสี่ยงหรือล่าช้า {format_number(len(off))} จังหวัด",
            ),
            (
                "งบประมาณโครงการรวม",
                f"{format_baht(budget)} บาท เบิกจ่ายแล้ว {format_baht(spent)} บาท"
                + (f" ({format_percent(spent / budget, thai=True)})" if budget else ""),
            ),
            (
                "บทเรียนที่บันทึก",
                f"{format_number(counts.loc['total', 'total'])} เรื่อง"
                + (f" ({kinds_line})" if kinds_line else ""),
            ),
        ]
        findings = []
        late = [p for p in self.codes if self.status.get(p) == "off_track"]
        if late:
            findings.append(f"[ระดับความสำคัญ: สูง] จังหวัดที่ล่าช้ากว่าแผน: {self._names(late)}")
        sh = self.shared_features
        if self.on and off and not sh.empty:
            findings.append(
                "สิ่งที่จังหวัดที่เป็นไปตามแผนทุกจังหวัดมีแต่จังหวัดอื่นขาด: "
                + ", ".join(str(x) for x in sh["label_th"][:3])
                + (f" และอีก {format_number(len(sh) - 3)} รายการ" if len(sh) > 3 else "")
            )
        n_obs = int(counts.loc["total", "obstacle"])
        if n_obs:
            with_obs = [str(c) for c in counts.index if c != "total" and counts.loc[c, "obstacle"]]
            findings.append(
                f"ปัญหาและอุปสรรคที่บันทึก {format_number(n_obs)} เรื่อง จาก "
                f"{format_number(len(with_obs))} แห่ง"
            )
        asks = [f"รับทราบผลการถอดบทเรียนจังหวัดต้นแบบ {format_number(len(self.codes))} จังหวัด"]
        if late:
            asks.append(f"มอบหมายให้จังหวัดที่ล่าช้ากว่าแผนทบทวนวิธีการและทรัพยากร: {self._names(late)}")
        asks.append("พิจารณาข้อเสนอการขยายผลรายกลุ่มจังหวัด")
        if self.on and off and not sh.empty:
            asks.append("ส่งเสริมให้จังหวัดอื่นนำสิ่งที่จังหวัดที่เป็นไปตามแผนมีร่วมกันไปใช้")
        return executive_summary(facts, findings, asks)

    def _names(self, codes: Iterable[str]) -> str:
        return ", ".join(_province(c) for c in codes) or "ไม่มี"

    def background(self) -> list[Block]:
        groups = self.ws["province_groups"]
        recorded = {
            g: sorted(str(c) for c in groups.loc[groups["group"] == g, "province_code"])
            for g in (1, 2, 3)
        }
        rows = [
            [_GROUP_TH[g], len(recorded[g]), self._names(recorded[g]) if recorded[g] else "–"]
            for g in (1, 2, 3)
        ]
        return _background_blocks(
            self.ctx,
            [
                _h(self.ctx.en("จังหวัดในข้อมูล", "provinces in the data"), 3),
                Block(
                    "p",
                    text=(f"จังหวัดที่สังเคราะห์ {len(self.codes)} จังหวัด: {self._names(self.codes)}"),
                ),
                _table(["กลุ่มการขับเคลื่อน", "จำนวนที่บันทึก", "จังหวัด"], rows),
            ],
        )

    def plan(self) -> list[Block]:
        c = self.cmp
        if c.empty:
            return [Block("empty", text="ไม่มีจังหวัดที่มีข้อมูล")]
        blocks = [
            _table(
                ["จังหวัด", "วัตถุประสงค์", "ผลลัพธ์หลัก", "ตัวชี้วัด", "โครงการ/กิจกรรม", "งบประมาณ (บาท)"],
                (
                    [
                        r.name_th,
                        r.objectives,
                        r.key_results,
                        r.kpis,
                        r.initiatives,
                        format_baht(r.budget),
                    ]
                    for r in c.itertuples(index=False)
                ),
            )
        ]
        objs = self.ws["objectives"]
        for code in self.codes:
            mine = objs[objs["province_code"] == code]
            blocks.append(_h(f"เป้าหมาย (วัตถุประสงค์) ของจังหวัด{_province(code)}", 4))
            if mine.empty:
                blocks.append(Block("empty", text="ไม่มีวัตถุประสงค์ที่บันทึกไว้"))
            else:
                blocks.append(
                    Block(
                        "ul", items=[f"{o.id} {o.title_th}" for o in mine.itertuples(index=False)]
                    )
                )
        return blocks

    def results(self) -> list[Block]:
        c = self.cmp
        if c.empty:
            return [Block("empty", text="ไม่มีจังหวัดที่มีข้อมูล")]
        blocks = [
            Block(
                "p",
                text="; ".join(
                    f"{STATUS_LABELS[s][0]}: "
                    + self._names(p for p in self.codes if self.status.get(p) == s)
                    for s in ("on_track", "at_risk", "off_track", "no_data")
                    if any(self.status.get(p) == s for p in self.codes)
                ),
            ),
            _table(
                [
                    "จังหวัด",
                    "กลุ่ม",
                    "วัตถุประสงค์",
                    "ผลลัพธ์หลัก",
                    "ความก้าวหน้า",
                    "ที่ควรเป็น",
                    "สถานะ",
                    "งบประมาณ (บาท)",
                    "เบิกจ่าย (บาท)",
                ],  # the lessons by kind are the next section's table (issue 17: 14 columns
                # broke words in Word)
                (
                    [
                        r.name_th,
                        "–" if is_missing(r.group) else int(r.group),
                        r.objectives,
                        r.key_results,
                        format_percent(r.progress),
                        format_percent(r.expected),
                        r.status_th,
                        format_baht(r.budget),
                        format_baht(r.budget_spent),
                    ]
                    for r in c.itertuples(index=False)
                ),
            ),
            Block(
                "note",
                text=(
                    "ความก้าวหน้าของจังหวัดคือค่าเฉลี่ยของวัตถุประสงค์ ซึ่งเป็นค่าเฉลี่ยถ่วงน้ำหนักของ"
                    "ผลลัพธ์หลักที่มีการรายงาน ณ วันที่ข้อมูล"
                ),
            ),
        ]
        return blocks

    @cached_property
    def kind_counts(self) -> pd.DataFrame:
        """Lessons per province (and national, when any) and kind, with a total row."""
        return al.lesson_kind_counts(self.ctx.G, self.codes, national=self.has_national)

    def _counts_table(self) -> Block:
        counts = self.kind_counts
        kinds = [reference.code_label("lesson_kind", k) for k in al.KIND_ORDER]
        rows = []
        for key, r in counts.iterrows():
            name = {al.NATIONAL: "ส่วนกลาง (ไม่ระบุจังหวัด)", "total": "รวม"}.get(
                str(key), _province(str(key))
            )
            rows.append([name, *(int(r[k]) for k in al.KIND_ORDER), int(r["total"])])
        return _table(["จังหวัด", *kinds, "รวม"], rows)

    def _pmqa_counts_table(self, kinds: Sequence[str] | None) -> Block:
        c = al.lesson_pmqa_counts(self.ctx.G, self.codes, national=self.has_national, kinds=kinds)
        keys = [k for k in c.columns if k not in ("name_th", "phase", "phase_th", "total")]
        heads = ["ส่วนกลาง" if k == al.NATIONAL else _province(k) for k in keys]
        return _table(
            ["หมวด PMQA", "ขั้น", *heads, "รวม"],
            (
                [
                    f"{cat} {r['name_th']}",
                    r["phase_th"],
                    *(int(r[k]) for k in keys),
                    int(r["total"]),
                ]
                for cat, r in c.iterrows()
            ),
        )

    def success(self) -> list[Block]:
        kinds = ["success_factor", "good_practice"]
        return [
            _h("จำนวนบทเรียนตามประเภทและจังหวัด", 3),
            self._counts_table(),
            _h("ปัจจัยแห่งความสำเร็จและแนวปฏิบัติที่ดีตามหมวด PMQA ที่เชื่อมโยง", 3),
            self._pmqa_counts_table(kinds),
            Block(
                "note",
                text=(
                    "นับตามประเภทบทเรียนและหมวด PMQA ที่บทเรียนเชื่อมโยงถึง ไม่ได้จัดกลุ่มบทเรียนที่มีข้อความ"
                    "คล้ายกัน บทเรียนที่เชื่อมโยงหลายหมวดนับในทุกหมวดที่เชื่อมโยง"
                ),
            ),
            *self.ctx.lessons_of_kinds(self.scopes, kinds, with_province=True),
        ]

    def obstacles(self) -> list[Block]:
        return [
            _h("ปัญหาและอุปสรรคตามหมวด PMQA ที่เชื่อมโยง", 3),
            self._pmqa_counts_table(["obstacle"]),
            *self.ctx.lessons_of_kinds(self.scopes, ["obstacle"], with_province=True),
        ]

    def pmqa(self) -> list[Block]:
        return [
            _h("จำนวนบทเรียนทุกประเภทตามหมวด PMQA", 3),
            self._pmqa_counts_table(None),
            *self.ctx.pmqa_blocks(None, with_province=True),
        ]

    @cached_property
    def features(self) -> pd.DataFrame:
        return self.ctx.features(self.codes)

    @cached_property
    def shared_features(self) -> pd.DataFrame:
        return al.shared_by_on_track(self.features, self.status)

    def shared(self) -> list[Block]:
        f = self.features
        off = [p for p in self.codes if self.status.get(p) in ("at_risk", "off_track")]
        blocks = [
            Block(
                "p",
                text=(
                    f"จังหวัดที่เป็นไปตามแผน {len(self.on)} จังหวัด: {self._names(self.on)}; "
                    f"จังหวัดที่มีความเสี่ยงหรือล่าช้า {len(off)} จังหวัด: {self._names(off)}"
                ),
            )
        ]
        sh = self.shared_features
        if not self.on or not off:
            blocks.append(
                Block(
                    "empty",
                    text=("ไม่มีจังหวัดที่เป็นไปตามแผนหรือไม่มีจังหวัดที่ไม่เป็นไปตามแผนให้เปรียบเทียบ"),
                )
            )
        elif sh.empty:
            blocks.append(
                Block(
                    "empty",
                    text=("ไม่พบสิ่งที่ทุกจังหวัดที่เป็นไปตามแผนมีและจังหวัดอื่นขาด"),
                )
            )
        else:
            blocks.append(
                _table(
                    ["กลุ่ม", "สิ่งที่มีร่วมกัน", "จังหวัดที่เป็นไปตามแผน", "จังหวัดที่ขาด"],
                    (
                        [
                            r.group_th,
                            r.label_th,
                            self._names(self.on),
                            self._names(p.strip() for p in r.missing_in.split(",") if p.strip()),
                        ]
                        for r in sh.itertuples(index=False)
                    ),
                )
            )
        if 0 < len(self.on) < 3:
            blocks.append(
                Block(
                    "note",
                    text=(
                        f"มีจังหวัดที่เป็นไปตามแผนเพียง {len(self.on)} จังหวัด ข้อค้นพบนี้เป็นข้อสังเกตจาก"
                        "ข้อมูลจำนวนน้อย ไม่ใช่ข้อสรุปเชิงเหตุและผล"
                    ),
                )
            )
        blocks.append(_h(self.ctx.en("ตารางคุณลักษณะของแต่ละจังหวัด", "features per province"), 3))
        blocks.append(
            _table(
                ["กลุ่ม", "คุณลักษณะ", *(_province(p) for p in self.codes)],
                (
                    [r["group_th"], r["label_th"], *("✓" if r[p] else "–" for p in self.codes)]
                    for _, r in f.iterrows()
                ),
            )
        )
        blocks.append(Block("note", text=_COMPUTED))
        return blocks

    def rollout(self) -> list[Block]:
        ctx = self.ctx
        blocks = [
            Block(
                "note",
                text=(
                    "ส่วนนี้คำนวณจากข้อมูลจังหวัดต้นแบบ ไม่ใช่ข้อเสนอเชิงนโยบาย"
                    "ที่ได้รับความเห็นชอบ: ขั้นตอนคือแนวปฏิบัติที่ดีและปัจจัยแห่งความสำเร็จของจังหวัดต้นแบบ"
                    "ที่เป็นไปตามแผน เรียงตามขั้นคิด → เตรียม → ทำ ของหมวด PMQA ที่เชื่อมโยง"
                ),
            ),
            _h("ขั้นตอนที่เสนอ (คิด → เตรียม → ทำ)", 3),
        ]
        steps = al.rollout_steps(ctx.G, self.on)
        if not self.on:
            blocks.append(
                Block(
                    "empty",
                    text="ไม่มีจังหวัดต้นแบบที่เป็นไปตามแผน จึงยังเสนอขั้นตอนจากข้อมูลไม่ได้",
                )
            )
        elif steps.empty:
            blocks.append(Block("empty", text=NO_LESSONS))
        else:
            blocks.append(self._steps_table(steps))
        blocks.append(_h("เงื่อนไขที่จังหวัดที่เป็นไปตามแผนมีร่วมกัน", 3))
        sh = self.shared_features
        if sh.empty:
            blocks.append(Block("empty", text="ไม่พบจากข้อมูล"))
        else:
            blocks.append(
                Block("ul", items=[f"{r.label_th} ({r.group_th})" for r in sh.itertuples()])
            )
        blocks.append(_h("ความเสี่ยงที่ควรเตรียมรับมือ (อุปสรรคที่จังหวัดต้นแบบพบ)", 3))
        obst = al.rollout_steps(ctx.G, self.scopes, kinds=("obstacle",))
        blocks.append(self._steps_table(obst) if len(obst) else Block("empty", text=NO_LESSONS))
        blocks.append(_h("ข้อเสนอแนะจากจังหวัดต้นแบบและส่วนกลาง", 3))
        recs = al.rollout_steps(ctx.G, self.scopes, kinds=("recommendation",))
        blocks.append(self._steps_table(recs) if len(recs) else Block("empty", text=NO_LESSONS))

        cl = al.cluster_learning(self.ws, self.codes)
        groups = self.ws["province_groups"]
        n_steps = len(steps)
        step_text = f"ขั้นตอนที่ 1–{n_steps} ข้างต้น" if n_steps else "ยังไม่มีขั้นตอนจากข้อมูล"
        for g, source in (
            (2, "จังหวัดต้นแบบในกลุ่มจังหวัดเดียวกัน"),
            (3, "จังหวัดที่เป็นศูนย์ปฏิบัติการ (กลุ่มที่ 2) ของกลุ่มจังหวัดเดียวกัน หรือจังหวัดต้นแบบในกลุ่มจังหวัดเดียวกัน"),
        ):
            seed_n = GROUP_COUNTS[g]
            blocks.append(_h(f"{_GROUP_TH[g]} ({seed_n} จังหวัดตาม{cite('memo_2565')})", 3))
            recorded = sorted(str(c) for c in groups.loc[groups["group"] == g, "province_code"])
            blocks.append(
                Block(
                    "ul",
                    items=[
                        "จังหวัดที่บันทึกในข้อมูลปีนี้: "
                        + (
                            f"{len(recorded)} จังหวัด ({self._names(recorded)})"
                            if recorded
                            else "ยังไม่มีการบันทึก (บันทึกข้อความระบุจำนวน แต่ไม่ได้ระบุรายชื่อ)"
                        ),
                        f"ขั้นตอนที่เสนอ: {step_text}",
                        f"แหล่งเรียนรู้: {source} (ตารางกลุ่มจังหวัดด้านล่าง)",
                    ],
                )
            )
        blocks.append(
            Block(
                "note",
                text=(
                    "ข้อมูลไม่ได้ระบุแนวปฏิบัติที่แตกต่างกันระหว่างกลุ่มที่ 2 และกลุ่มที่ 3 จึงเสนอขั้นตอนชุดเดียวกัน "
                    "ต่างกันที่แหล่งเรียนรู้ซึ่งคำนวณจากสมาชิกกลุ่มจังหวัด"
                ),
            )
        )
        blocks.append(
            _h(self.ctx.en("กลุ่มจังหวัดและแหล่งเรียนรู้", "clusters and their model provinces"), 3)
        )
        with_any = cl[(cl["pilots"] != "") | (cl["group2"] != "") | (cl["group3"] != "")]
        if with_any.empty:
            blocks.append(Block("empty", text="ไม่มีข้อมูลกลุ่มจังหวัด"))
        else:
            blocks.append(
                _table(
                    ["กลุ่มจังหวัด", "จำนวนจังหวัด", "จังหวัดต้นแบบ", "กลุ่มที่ 2 ที่บันทึก", "กลุ่มที่ 3 ที่บันทึก"],
                    (
                        [
                            r.cluster_th,
                            r.provinces,
                            r.pilots or "–",
                            r.group2 or "–",
                            r.group3 or "–",
                        ]
                        for r in with_any.itertuples(index=False)
                    ),
                )
            )
        without = cl[cl["pilots"] == ""]
        if len(without):
            blocks.append(
                Block(
                    "p",
                    text=(
                        f"กลุ่มจังหวัดที่ยังไม่มีจังหวัดต้นแบบ {len(without)} กลุ่ม: "
                        + ", ".join(without["cluster_th"])
                    ),
                )
            )
        wording = ctx.carry_wording
        blocks.append(_h(wording.heading, 3))
        kp = ctx.progress
        rows = []
        for code in self.codes:
            mine = set(kp.loc[kp["province_code"] == code, "key_result_id"])
            carried = [k for k in ctx.carry["key_results"] if k["carried_from_id"] in mine]
            rows.append([_province(code), self.status_th(code), len(mine), len(carried)])
        blocks.append(_table(["จังหวัด", "สถานะความก้าวหน้า", "ผลลัพธ์หลัก", wording.column], rows))
        if wording.note:
            blocks.append(Block("note", text=wording.note))
        return blocks

    def status_th(self, code: str) -> str:
        """The Thai progress status of a compared province."""
        return STATUS_LABELS[self.status.get(code, "no_data")][0]

    def _steps_table(self, steps: pd.DataFrame) -> Block:
        return _table(
            ["ลำดับ", "ขั้น", "หมวด PMQA", "จังหวัด", "ประเภท", "บทเรียน", "รหัส"],
            (
                [
                    r.step,
                    r.phase_th,
                    r.categories,
                    r.province_th,
                    r.kind_th,
                    r.title_th,
                    r.lesson_id,
                ]
                for r in steps.itertuples(index=False)
            ),
        )

    def appendix(self) -> list[Block]:
        ws, ctx = self.ws, self.ctx
        counts = [[name, len(ws[t])] for name, t in (
            ("วัตถุประสงค์", "objectives"), ("ผลลัพธ์หลัก", "key_results"),
            ("การรายงานความก้าวหน้า", "checkins"), ("ตัวชี้วัด", "kpis"),
            ("โครงการ/กิจกรรม", "initiatives"), ("บทเรียน", "lessons"),
            ("การเชื่อมโยงของบทเรียน", "lesson_links"),
        )]  # fmt: skip
        return [
            _data_note(ctx),
            _table(["ข้อมูล (ทั้งชุดงาน)", "จำนวนแถว"], counts),
            *_lessons_appendix(ctx, None),
            _method_note(),
        ]


# =========================================================================== entry points
def build_lessons(
    ws: Workspace,
    scope: str,
    as_of: dt.date | str | None = None,
    *,
    G: nx.MultiDiGraph | None = None,
    lang: str = "th",
) -> LessonsDoc:
    """:func:`build_synthesis` for ``scope == "ALL"`` (any case), else :func:`build_writeup`."""
    if str(scope).strip().upper() == ALL:
        return build_synthesis(ws, as_of=as_of, G=G, lang=lang)
    return build_writeup(ws, scope, as_of, G=G, lang=lang)
