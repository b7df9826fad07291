"""Typed records for every entity of a kpyj workspace, and the registry that describes them.

Every entity is a pydantic model whose fields carry their Thai column header, an optional
reference to another entity and an optional code list. The registry :data:`ENTITIES` is the
single source of truth that the store schema, the workbook import/export, the template and
the graph builder are all derived from, so a new column is added in exactly one place.

Conventions
-----------
* ids are short ASCII strings chosen by the user (``OBJ-83-01``); provinces use the 2-digit
  DOPA code (``"83"`` for Phuket) which equals the ISO 3166-2:TH number.
* fiscal years are Buddhist Era integers (``2565`` = 1 Oct 2021 - 30 Sep 2022).
* dates are :class:`datetime.date` (Common Era internally, shown as BE); timestamps are
  timezone-aware :class:`datetime.datetime`.
* coded columns hold ASCII codes (``"up"``, ``"effectiveness"``); their Thai labels live in
  :mod:`kpyj_lib.reference` and are accepted on import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

__all__ = [
    "ENTITIES",
    "Alignment",
    "BaselineIndicator",
    "CheckIn",
    "Column",
    "Directive",
    "DirectiveUnit",
    "DrivingActivity",
    "DrivingAlignment",
    "DrivingGoal",
    "DrivingIndicator",
    "DrivingTarget",
    "Entity",
    "Flow",
    "Idea",
    "Initiative",
    "InitiativeKR",
    "KRUnit",
    "KeyResult",
    "Kpi",
    "Lesson",
    "LessonLink",
    "Meta",
    "Objective",
    "Person",
    "PersonRole",
    "PersonUnit",
    "Plan",
    "PlanItem",
    "PmqaMapping",
    "ProvinceGroup",
    "Record",
    "ServiceLink",
    "Stakeholder",
    "Unit",
    "Vote",
    "WeeklyReport",
    "Workshop",
    "columns",
    "entity",
]

# --------------------------------------------------------------------------- code lists
# The values are the ASCII codes stored; Thai labels are in reference/codes.csv.
PlanKind = Literal[
    "national_strategy",
    "national_master_plan",
    "justice_master_plan",
    "cabinet_resolution",
    "ministry_policy",
    "crime_prevention",
    "cluster_plan",
    "provincial_plan",
    "other",
]
Direction = Literal["up", "down", "reach"]
KpiDimension = Literal["effectiveness", "service_quality", "efficiency", "org_development"]
KpiLevel = Literal["organisation", "division", "group", "individual"]
InitiativeKind = Literal["project", "activity"]
InitiativeStatus = Literal["planned", "in_progress", "done", "cancelled"]
DirectiveLevel = Literal["general", "continuing", "completed", "in_progress"]
LessonKind = Literal["success_factor", "obstacle", "recommendation", "good_practice"]
LessonSource = Literal["workshop", "field_visit", "weekly_report", "review"]
IdeaType = Literal["do", "expand", "upgrade", "drive"]
WorkshopStatus = Literal["brainstorm", "vote", "draft", "closed"]
AlignSource = Literal["objective", "key_result", "initiative", "plan_item"]
PmqaSource = Literal["objective", "key_result", "initiative", "lesson"]
ServiceSource = Literal["objective", "key_result", "initiative"]
LinkTarget = Literal[
    "objective",
    "key_result",
    "initiative",
    "unit",
    "plan_item",
    "pmqa_category",
    "kpi",
    "directive",
    "stakeholder",
    "lesson",
]
UnitRole = Literal["owner", "contributor"]
#: How often an indicator is measured (issue 14: plan documents).
MeasurePeriod = Literal["monthly", "quarterly", "half_year", "yearly", "once"]
#: How a check-in's value relates to the year (issue 17; :mod:`kpyj_lib.analysis.measure`).
MeasureType = Literal["level", "cumulative", "periodic"]
#: What a person may do when signed in to the hub (issue 15; see :class:`PersonRole`).
UserRole = Literal[
    "administrator", "strategy", "planning", "reporter", "facilitator", "participant"
]

#: Which code list (reference/codes.csv ``list`` column) each Literal above belongs to.
CODE_LISTS: dict[str, Any] = {
    "plan_kind": PlanKind,
    "direction": Direction,
    "kpi_dimension": KpiDimension,
    "kpi_level": KpiLevel,
    "initiative_kind": InitiativeKind,
    "initiative_status": InitiativeStatus,
    "directive_level": DirectiveLevel,
    "lesson_kind": LessonKind,
    "lesson_source": LessonSource,
    "idea_type": IdeaType,
    "workshop_status": WorkshopStatus,
    "node_kind": LinkTarget,
    "unit_role": UnitRole,
    "measure_period": MeasurePeriod,  # issue 14: plan documents
    "measure_type": MeasureType,  # issue 17: year-to-date measures
    "user_role": UserRole,
}

#: What the template and docs/workbook.md say about the measure-type column (issue 17).
MEASURE_TYPE_HELP = (
    "ลักษณะการวัด: ค่า ณ วันที่รายงาน (level) = ค่าล่าสุดคือสถานะ เช่น ร้อยละ อัตรา; "
    "สะสมตั้งแต่ต้นปีงบประมาณ (cumulative) = แต่ละครั้งรายงานยอดรวมตั้งแต่ต้นปี เช่น จำนวนคดี "
    "จำนวนผู้ผ่านการอบรม; รายรอบ (periodic) = แต่ละครั้งรายงานเฉพาะยอดของรอบนั้น "
    "ระบบรวมให้เป็นยอดสะสม. สะสมและรายรอบเริ่มปีที่ 0 เทียบกับค่าเป้าหมายของทั้งปี "
    "ค่าฐานใช้เปรียบเทียบกับปีก่อนเท่านั้น. เว้นว่าง: อนุมานจากหน่วยนับ "
    "(ร้อยละ อัตรา คะแนน ระดับ = ค่า ณ วันที่รายงาน; คน ราย คดี ครั้ง เรื่อง โครงการ = สะสม) "
    "นอกนั้นถือเป็นค่า ณ วันที่รายงาน และแจ้งไว้ในรายงาน"
)


def col(
    th: str,
    default: Any = ...,
    *,
    ref: str | None = None,
    poly: str | None = None,
    codes: str | None = None,
    max_length: int | None = None,
    ge: float | None = None,
    le: float | None = None,
    description: str | None = None,
) -> Any:
    """A model field with its Thai header and how it relates to the rest of the workspace.

    ``ref`` names the entity this column points to; ``poly`` names the sibling column that
    holds the entity kind for polymorphic links; ``codes`` names the code list.
    """
    extra: dict[str, Any] = {"th": th}
    if ref:
        extra["ref"] = ref
    if poly:
        extra["poly"] = poly
    if codes:
        extra["codes"] = codes
    return Field(
        default,
        json_schema_extra=extra,
        max_length=max_length,
        ge=ge,
        le=le,
        description=description,
    )


class Record(BaseModel):
    """Base of every record: unknown fields are refused and text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


# --------------------------------------------------------------------------- workspace meta
class Meta(Record):
    """A key/value fact about the workspace, e.g. ``is_sample = true``."""

    key: str = col("คีย์", max_length=64)
    value: str = col("ค่า", max_length=2000)


class ProvinceGroup(Record):
    """Which driving group a province is in for a fiscal year
    (บันทึกข้อความ สกธ. ลงวันที่ 20 มกราคม 2565).

    1 = pilot provinces that are operating centres of their cluster (4), 2 = the other
    operating centres (14), 3 = the other provincial justice offices (59).
    """

    province_code: str = col("รหัสจังหวัด", ref="provinces")
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    group: int = col("กลุ่มการขับเคลื่อน (1-3)", ge=1, le=3)
    note_th: str | None = col("หมายเหตุ", None, max_length=2000)


# --------------------------------------------------------------------------- plans
class Plan(Record):
    """A plan of any level: national strategy, master plan, Justice Master Plan, Cabinet
    resolution, ministry policy, crime-prevention content, cluster or provincial plan."""

    id: str = col("รหัสแผน", max_length=64)
    kind: PlanKind = col("ประเภทแผน", codes="plan_kind")
    name_th: str = col("ชื่อแผน", max_length=500)
    name_en: str | None = col("ชื่อแผน (อังกฤษ)", None, max_length=500)
    level: int | None = col("ระดับแผน", None, ge=1, le=3, description="Cabinet 4 Dec 2560: 1-3")
    start_fy: int | None = col("ปีเริ่ม (พ.ศ.)", None, ge=2500, le=2700)
    end_fy: int | None = col("ปีสิ้นสุด (พ.ศ.)", None, ge=2500, le=2700)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    cluster_id: str | None = col("รหัสกลุ่มจังหวัด", None, ref="clusters")
    source: str | None = col("แหล่งที่มา", None, max_length=1000)

    @model_validator(mode="after")
    def _years_in_order(self) -> Plan:
        if self.start_fy and self.end_fy and self.start_fy > self.end_fy:
            raise ValueError("ปีเริ่มต้องไม่มากกว่าปีสิ้นสุด (start_fy > end_fy)")
        return self


class PlanItem(Record):
    """A node of a plan tree (strategy, issue, dimension, target...)."""

    id: str = col("รหัสประเด็น", max_length=64)
    plan_id: str = col("รหัสแผน", ref="plans")
    parent_id: str | None = col("รหัสประเด็นแม่", None, ref="plan_items")
    code: str | None = col("เลขที่", None, max_length=32)
    name_th: str = col("ชื่อประเด็น", max_length=1000)
    name_en: str | None = col("ชื่อประเด็น (อังกฤษ)", None, max_length=1000)
    source: str | None = col("แหล่งที่มา", None, max_length=1000)


# --------------------------------------------------------------------------- organisation
class Unit(Record):
    """A government unit: provincial justice office, probation, police, a ministry division."""

    id: str = col("รหัสหน่วยงาน", max_length=64)
    name_th: str = col("ชื่อหน่วยงาน", max_length=300)
    name_en: str | None = col("ชื่อหน่วยงาน (อังกฤษ)", None, max_length=300)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    parent_id: str | None = col("รหัสหน่วยงานแม่", None, ref="units")
    unit_type: str | None = col("ประเภทหน่วยงาน", None, max_length=100)


class Stakeholder(Record):
    """A service recipient or stakeholder group (PMQA category 3, ข่าวทำเนียบรัฐบาล 13 มกราคม 2565)."""

    id: str = col("รหัสผู้มีส่วนได้ส่วนเสีย", max_length=64)
    name_th: str = col("ชื่อ", max_length=300)
    name_en: str | None = col("ชื่อ (อังกฤษ)", None, max_length=300)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    kind: str | None = col("ประเภท", None, max_length=100)


# --------------------------------------------------------------------------- OKR
class Objective(Record):
    """An objective (O of OKR) of a province or unit for one fiscal year; may cascade."""

    id: str = col("รหัสวัตถุประสงค์", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    unit_id: str | None = col("หน่วยงานรับผิดชอบ", None, ref="units")
    parent_id: str | None = col("วัตถุประสงค์แม่", None, ref="objectives")
    title_th: str = col("วัตถุประสงค์", max_length=500)
    title_en: str | None = col("วัตถุประสงค์ (อังกฤษ)", None, max_length=500)
    description_th: str | None = col("รายละเอียด", None, max_length=4000)
    carried_from_id: str | None = col("ยกมาจาก", None, ref="objectives")


class KeyResult(Record):
    """A key result of an objective, measured from ``baseline`` towards ``target``."""

    id: str = col("รหัสผลลัพธ์หลัก", max_length=64)
    objective_id: str | None = col("รหัสวัตถุประสงค์", None, ref="objectives")
    title_th: str = col("ผลลัพธ์หลัก", max_length=500)
    title_en: str | None = col("ผลลัพธ์หลัก (อังกฤษ)", None, max_length=500)
    baseline: float = col("ค่าฐาน")
    target: float = col("ค่าเป้าหมาย")
    unit_of_measure: str = col("หน่วยนับ", max_length=50)
    direction: Direction = col("ทิศทาง", "up", codes="direction")
    weight: float = col("น้ำหนัก", 1.0, ge=0)
    owner_unit_id: str | None = col("หน่วยงานเจ้าของ", None, ref="units")
    start_date: dt.date | None = col("วันเริ่ม", None)
    due_date: dt.date | None = col("วันครบกำหนด", None)
    how_th: str | None = col("วิธีการ (How)", None, max_length=4000)
    carried_from_id: str | None = col("ยกมาจาก", None, ref="key_results")
    # issue 14 (plan documents): how the KR is measured and where its baseline comes from
    period: MeasurePeriod | None = col("รอบการวัด", None, codes="measure_period")
    method_th: str | None = col("วิธีการวัด", None, max_length=2000)
    data_source_th: str | None = col("แหล่งข้อมูล", None, max_length=1000)
    baseline_indicator_id: str | None = col("ค่าฐานจากข้อมูลพื้นฐาน", None, ref="baseline_indicators")
    # issue 17: level / cumulative / periodic (blank: inferred from the unit, said so)
    measure_type: MeasureType | None = col(
        "ลักษณะการวัด", None, codes="measure_type", description=MEASURE_TYPE_HELP
    )

    @model_validator(mode="after")
    def _check(self) -> KeyResult:
        if self.direction in ("up", "down") and self.baseline == self.target:
            raise ValueError("ค่าฐานเท่ากับค่าเป้าหมาย: ไม่มีระยะให้วัดความก้าวหน้า")
        if self.direction == "up" and self.target < self.baseline:
            raise ValueError("ทิศทาง 'เพิ่มขึ้น' แต่ค่าเป้าหมายน้อยกว่าค่าฐาน")
        if self.direction == "down" and self.target > self.baseline:
            raise ValueError("ทิศทาง 'ลดลง' แต่ค่าเป้าหมายมากกว่าค่าฐาน")
        if self.start_date and self.due_date and self.start_date > self.due_date:
            raise ValueError("วันเริ่มอยู่หลังวันครบกำหนด")
        return self


class KRUnit(Record):
    """A unit that owns or contributes to a key result (an End Product has two or more)."""

    key_result_id: str = col("รหัสผลลัพธ์หลัก", ref="key_results")
    unit_id: str = col("รหัสหน่วยงาน", ref="units")
    role: UnitRole = col("บทบาท", "contributor", codes="unit_role")


class CheckIn(Record):
    """A progress check-in on a key result."""

    id: str = col("รหัสการรายงาน", max_length=64)
    key_result_id: str = col("รหัสผลลัพธ์หลัก", ref="key_results")
    date: dt.date = col("วันที่")
    value: float = col("ค่าที่วัดได้")
    confidence: float | None = col("ความมั่นใจ (0-1)", None, ge=0, le=1)
    note_th: str | None = col("หมายเหตุ", None, max_length=2000)
    reporter: str | None = col("ผู้รายงาน", None, max_length=200)


class Kpi(Record):
    """A KPI in one of the 4 evaluation dimensions at one of the 4 levels
    (การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565).

    ``level1`` .. ``level5`` are the optional thresholds of the Thai public-sector 5-level
    score (level 3 is usually the target).
    """

    id: str = col("รหัสตัวชี้วัด", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    unit_id: str | None = col("หน่วยงาน", None, ref="units")
    name_th: str = col("ชื่อตัวชี้วัด", max_length=500)
    dimension: KpiDimension = col("มิติ", codes="kpi_dimension")
    level: KpiLevel = col("ระดับ", codes="kpi_level")
    objective_id: str | None = col("รหัสวัตถุประสงค์", None, ref="objectives")
    key_result_id: str | None = col("รหัสผลลัพธ์หลัก", None, ref="key_results")
    unit_of_measure: str | None = col("หน่วยนับ", None, max_length=50)
    target: float | None = col("ค่าเป้าหมาย", None)
    actual: float | None = col("ผลการดำเนินงาน", None)
    level1: float | None = col("เกณฑ์ระดับ 1", None)
    level2: float | None = col("เกณฑ์ระดับ 2", None)
    level3: float | None = col("เกณฑ์ระดับ 3", None)
    level4: float | None = col("เกณฑ์ระดับ 4", None)
    level5: float | None = col("เกณฑ์ระดับ 5", None)
    # issue 14 (plan documents): direction, period and how the KPI is measured
    direction: Direction | None = col("ทิศทาง", None, codes="direction")
    period: MeasurePeriod | None = col("รอบการวัด", None, codes="measure_period")
    method_th: str | None = col("วิธีการวัด", None, max_length=2000)
    data_source_th: str | None = col("แหล่งข้อมูล", None, max_length=1000)
    # issue 17: level / cumulative / periodic (blank: inferred from the unit, said so)
    measure_type: MeasureType | None = col(
        "ลักษณะการวัด", None, codes="measure_type", description=MEASURE_TYPE_HELP
    )

    @model_validator(mode="after")
    def _levels(self) -> Kpi:
        lv = [self.level1, self.level2, self.level3, self.level4, self.level5]
        given = [x for x in lv if x is not None]
        if given and len(given) != 5:
            raise ValueError("เกณฑ์ 5 ระดับต้องกรอกครบทั้ง 5 ระดับหรือเว้นว่างทั้งหมด")
        if len(given) == 5:
            up = all(a < b for a, b in pairwise(lv))
            down = all(a > b for a, b in pairwise(lv))
            if not (up or down):
                raise ValueError("เกณฑ์ 5 ระดับต้องเรียงเพิ่มขึ้นหรือลดลงอย่างเดียว")
        return self


class Initiative(Record):
    """A project or activity with its budget (in baht).

    ``budget`` is the budget allocated (ได้รับจัดสรร) for the fiscal year,
    ``budget_requested`` what was requested for it (never less than the allocation) and
    ``budget_next_year`` the request for the following fiscal year.
    """

    id: str = col("รหัสโครงการ", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    kind: InitiativeKind = col("ประเภท", "project", codes="initiative_kind")
    name_th: str = col("ชื่อโครงการ/กิจกรรม", max_length=500)
    name_en: str | None = col("ชื่อ (อังกฤษ)", None, max_length=500)
    owner_unit_id: str | None = col("หน่วยงานรับผิดชอบ", None, ref="units")
    budget: float | None = col("งบประมาณ (บาท)", None, ge=0)
    budget_source: str | None = col("แหล่งงบประมาณ", None, max_length=200)
    budget_spent: float | None = col("เบิกจ่ายแล้ว (บาท)", None, ge=0)
    status: InitiativeStatus = col("สถานะ", "planned", codes="initiative_status")
    start_date: dt.date | None = col("วันเริ่ม", None)
    end_date: dt.date | None = col("วันสิ้นสุด", None)
    # issue 14 (plan documents): budget requested vs allocated, and next year's request
    budget_requested: float | None = col("งบประมาณที่เสนอขอ (บาท)", None, ge=0)
    budget_next_year: float | None = col("คำของบประมาณปีถัดไป (บาท)", None, ge=0)

    @field_validator("budget_requested")
    @classmethod
    def _requested_covers_allocation(cls, v: float | None, info: ValidationInfo) -> float | None:
        allocated = info.data.get("budget")
        if v is not None and allocated is not None and v < allocated:
            raise ValueError(
                f"งบประมาณที่เสนอขอ ({v:,.0f} บาท) น้อยกว่างบประมาณที่ได้รับจัดสรร ({allocated:,.0f} บาท)"
            )
        return v

    @model_validator(mode="after")
    def _check(self) -> Initiative:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError("วันเริ่มอยู่หลังวันสิ้นสุด")
        return self


class InitiativeKR(Record):
    """An initiative delivers a key result."""

    initiative_id: str = col("รหัสโครงการ", ref="initiatives")
    key_result_id: str = col("รหัสผลลัพธ์หลัก", ref="key_results")


class Alignment(Record):
    """An objective, key result, initiative or plan item aligns to a (higher) plan item."""

    source_type: AlignSource = col("ประเภทต้นทาง", codes="node_kind")
    source_id: str = col("รหัสต้นทาง", poly="source_type")
    plan_item_id: str = col("รหัสประเด็นแผน", ref="plan_items")
    rationale_th: str | None = col("เหตุผลความสอดคล้อง", None, max_length=2000)


class PmqaMapping(Record):
    """An objective, KR, initiative or lesson works through a PMQA category (1-7)."""

    source_type: PmqaSource = col("ประเภทต้นทาง", codes="node_kind")
    source_id: str = col("รหัสต้นทาง", poly="source_type")
    category: int = col("หมวด PMQA", ref="pmqa_categories", ge=1, le=7)


class ServiceLink(Record):
    """An objective, KR or initiative serves a stakeholder group."""

    source_type: ServiceSource = col("ประเภทต้นทาง", codes="node_kind")
    source_id: str = col("รหัสต้นทาง", poly="source_type")
    stakeholder_id: str = col("รหัสผู้มีส่วนได้ส่วนเสีย", ref="stakeholders")


class Flow(Record):
    """A unit's output that is another unit's input ("whose input is our output?",
    การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565).

    ``to_unit_id`` empty: an output nobody is known to use; ``from_unit_id`` empty: an input
    nobody is known to supply.
    """

    id: str = col("รหัสการส่งต่อ", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    from_unit_id: str | None = col("หน่วยงานผู้ส่ง (output)", None, ref="units")
    to_unit_id: str | None = col("หน่วยงานผู้รับ (input)", None, ref="units")
    product_th: str = col("ผลผลิตที่ส่งต่อ", max_length=500)
    key_result_id: str | None = col("รหัสผลลัพธ์หลัก", None, ref="key_results")

    @model_validator(mode="after")
    def _one_end(self) -> Flow:
        if not self.from_unit_id and not self.to_unit_id:
            raise ValueError("ต้องระบุหน่วยงานผู้ส่งหรือผู้รับอย่างน้อยหนึ่งฝ่าย")
        return self


class BaselineIndicator(Record):
    """A baseline figure of a province (การประชุมชี้แจง สกธ. 1 เมษายน 2564), e.g. cases of a
    kind in a year."""

    id: str = col("รหัสข้อมูลพื้นฐาน", max_length=64)
    province_code: str = col("รหัสจังหวัด", ref="provinces")
    name_th: str = col("ชื่อข้อมูล", max_length=500)
    year: int = col("ปี (พ.ศ.)", ge=2500, le=2700)
    value: float = col("ค่า")
    unit_of_measure: str | None = col("หน่วยนับ", None, max_length=50)
    source: str = col("แหล่งที่มา", max_length=1000)


# --------------------------------------------------------------------------- directives
class Directive(Record):
    """A directive (ข้อสั่งการ) from a ministry executive meeting (การประชุมหารือ 8 กุมภาพันธ์ 2561)."""

    id: str = col("รหัสข้อสั่งการ", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    title_th: str = col("ข้อสั่งการ", max_length=1000)
    meeting_th: str | None = col("การประชุม", None, max_length=500)
    meeting_date: dt.date = col("วันที่ประชุม")
    issuer: str | None = col("ผู้สั่งการ", None, max_length=200)
    level: DirectiveLevel = col("ระดับข้อสั่งการ", codes="directive_level")
    completed_date: dt.date | None = col("วันที่แล้วเสร็จ", None)
    # issue 14: no weekly report is due before this date (the meta key
    # ``directive_reporting_start`` is the fallback for directives without one)
    reporting_start: dt.date | None = col("วันเริ่มรายงาน", None)


class DirectiveUnit(Record):
    """A unit assigned to report on a directive."""

    directive_id: str = col("รหัสข้อสั่งการ", ref="directives")
    unit_id: str = col("รหัสหน่วยงาน", ref="units")


class WeeklyReport(Record):
    """A unit's weekly report on a directive with the six fields of การประชุมหารือ 8 กุมภาพันธ์ 2561."""

    id: str = col("รหัสรายงาน", max_length=64)
    directive_id: str = col("รหัสข้อสั่งการ", ref="directives")
    unit_id: str = col("รหัสหน่วยงาน", ref="units")
    week_start: dt.date = col("สัปดาห์ที่รายงาน (วันจันทร์)")
    submitted_at: dt.datetime = col("วันเวลาที่ส่ง")
    level: DirectiveLevel = col("ระดับข้อสั่งการ ณ สัปดาห์นั้น", codes="directive_level")
    goal: str | None = col("เป้าหมายการดำเนินงาน", None, max_length=4000)
    plan: str | None = col("แผนการดำเนินงาน", None, max_length=4000)
    results: str | None = col("ผลการดำเนินงาน", None, max_length=4000)
    outputs: str | None = col("ผลผลิต", None, max_length=4000)
    outcomes: str | None = col("ผลลัพธ์", None, max_length=4000)
    impact: str | None = col("ผลกระทบ", None, max_length=4000)

    @model_validator(mode="after")
    def _monday(self) -> WeeklyReport:
        if self.week_start.weekday() != 0:
            raise ValueError("สัปดาห์ที่รายงานต้องระบุเป็นวันจันทร์ต้นสัปดาห์")
        return self


# --------------------------------------------------------------------------- lessons
class Lesson(Record):
    """A lesson learned (ถอดบทเรียน) of a province."""

    id: str = col("รหัสบทเรียน", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    kind: LessonKind = col("ประเภทบทเรียน", codes="lesson_kind")
    source: LessonSource = col("ที่มา", codes="lesson_source")
    date: dt.date = col("วันที่")
    title_th: str = col("บทเรียน", max_length=500)
    detail_th: str | None = col("รายละเอียด", None, max_length=4000)
    unit_id: str | None = col("หน่วยงานเจ้าของบทเรียน", None, ref="units")  # issue 14


class LessonLink(Record):
    """A lesson is about a node of the graph (objective, KR, project, unit, PMQA category...)."""

    lesson_id: str = col("รหัสบทเรียน", ref="lessons")
    target_type: LinkTarget = col("ประเภทปลายทาง", codes="node_kind")
    target_id: str = col("รหัสปลายทาง", poly="target_type")


# --------------------------------------------------------------------------- workshops
class Workshop(Record):
    """A workshop session (การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565): brainstorm, vote, draft OKRs."""

    id: str = col("รหัสการประชุม", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    province_code: str | None = col("รหัสจังหวัด", None, ref="provinces")
    unit_id: str | None = col("หน่วยงาน", None, ref="units")
    date: dt.date = col("วันที่")
    title_th: str = col("ชื่อการประชุม", max_length=500)
    facilitator: str | None = col("ผู้ดำเนินการ", None, max_length=200)
    votes_per_participant: int = col("จำนวนเสียงต่อคน", 3, ge=1, le=20)
    status: WorkshopStatus = col("ขั้นตอน", "brainstorm", codes="workshop_status")
    objective_id: str | None = col("วัตถุประสงค์ที่ได้", None, ref="objectives")


class Idea(Record):
    """An idea brainstormed in a workshop, tagged do / expand / upgrade / drive."""

    id: str = col("รหัสความคิด", max_length=64)
    workshop_id: str = col("รหัสการประชุม", ref="workshops")
    idea_type: IdeaType = col("ประเภทความคิด", codes="idea_type")
    text_th: str = col("ข้อความ", max_length=500)
    author: str = col("ผู้เสนอ", max_length=100)
    created_at: dt.datetime | None = col("เวลาที่เสนอ", None)


class Vote(Record):
    """One participant's vote on an idea (one vote per participant per idea)."""

    idea_id: str = col("รหัสความคิด", ref="ideas")
    voter: str = col("ผู้ลงคะแนน", max_length=100)
    created_at: dt.datetime | None = col("เวลาที่ลงคะแนน", None)


# --------------------------------------------------------------------------- driving plan
# issue 14: สกธ.'s yearly driving plan of กพยจ. (แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปี),
# asked for by the memo of สกธ. dated 20 January 2565: goals, activities, outcomes,
# indicators with their measurement, targets per province group, a path to extend the work,
# and the plan items (Cabinet resolutions, master plans, policy) each goal serves.
class DrivingGoal(Record):
    """A goal of สกธ.'s yearly driving plan of กพยจ., with its outcome and extension path."""

    id: str = col("รหัสเป้าหมาย", max_length=64)
    fiscal_year: int = col("ปีงบประมาณ", ge=2500, le=2700)
    code: str | None = col("ลำดับ", None, max_length=32)
    goal_th: str = col("เป้าหมาย", max_length=1000)
    outcome_th: str | None = col("ผลลัพธ์ที่คาดหวัง", None, max_length=4000)
    extension_th: str | None = col("แนวทางต่อยอดการดำเนินงานในอนาคต", None, max_length=4000)
    owner_unit_id: str | None = col("หน่วยงานรับผิดชอบ", None, ref="units")
    source: str | None = col("แหล่งที่มา", None, max_length=1000)


class DrivingActivity(Record):
    """An activity of a driving-plan goal, for one province group (empty: every group)."""

    id: str = col("รหัสกิจกรรม", max_length=64)
    goal_id: str = col("รหัสเป้าหมาย", ref="driving_goals")
    name_th: str = col("กิจกรรมการดำเนินงาน", max_length=1000)
    group: int | None = col("กลุ่มการขับเคลื่อน (1-3)", None, ge=1, le=3)
    start_date: dt.date | None = col("วันเริ่ม", None)
    end_date: dt.date | None = col("วันสิ้นสุด", None)
    detail_th: str | None = col("รายละเอียด", None, max_length=4000)

    @model_validator(mode="after")
    def _dates(self) -> DrivingActivity:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError("วันเริ่มอยู่หลังวันสิ้นสุด")
        return self


class DrivingIndicator(Record):
    """An indicator of a driving-plan goal: how it is measured, from which data, from which
    baseline (of which year) to which target (by which year)."""

    id: str = col("รหัสตัวชี้วัด", max_length=64)
    goal_id: str = col("รหัสเป้าหมาย", ref="driving_goals")
    name_th: str = col("ตัวชี้วัด", max_length=500)
    unit_of_measure: str | None = col("หน่วยนับ", None, max_length=50)
    direction: Direction = col("ทิศทาง", "up", codes="direction")
    period: MeasurePeriod | None = col("รอบการวัด", None, codes="measure_period")
    method_th: str | None = col("วิธีการวัด", None, max_length=2000)
    data_source_th: str | None = col("แหล่งข้อมูล", None, max_length=1000)
    baseline: float | None = col("ค่าฐาน", None)
    baseline_year: int | None = col("ปีของค่าฐาน (พ.ศ.)", None, ge=2500, le=2700)
    target: float | None = col("ค่าเป้าหมาย", None)
    target_year: int | None = col("ปีเป้าหมาย (พ.ศ.)", None, ge=2500, le=2700)

    @field_validator("target_year")
    @classmethod
    def _baseline_before_target(cls, v: int | None, info: ValidationInfo) -> int | None:
        base = info.data.get("baseline_year")
        if v is not None and base is not None and base > v:
            raise ValueError(f"ปีของค่าฐาน ({base}) อยู่หลังปีเป้าหมาย ({v})")
        return v


class DrivingTarget(Record):
    """The target of a driving-plan indicator for one province group, and what the group does."""

    indicator_id: str = col("รหัสตัวชี้วัด", ref="driving_indicators")
    group: int = col("กลุ่มการขับเคลื่อน (1-3)", ge=1, le=3)
    target: float | None = col("ค่าเป้าหมาย", None)
    due_date: dt.date | None = col("กำหนดแล้วเสร็จ", None)
    action_th: str | None = col("สิ่งที่กลุ่มจังหวัดดำเนินการ", None, max_length=2000)


class DrivingAlignment(Record):
    """A driving-plan goal serves a plan item (Cabinet resolution, master plan, policy...)."""

    goal_id: str = col("รหัสเป้าหมาย", ref="driving_goals")
    plan_item_id: str = col("รหัสประเด็นแผน", ref="plan_items")
    rationale_th: str | None = col("เหตุผลความสอดคล้อง", None, max_length=2000)


# --------------------------------------------------------------------------- people (issue 15)
#: A hub user name as JupyterHub keeps it: lower case, no spaces (``somchai.j``, ``u8301``).
_USER_NAME = re.compile(r"[a-z0-9][a-z0-9._@+-]*")


class Person(Record):
    """A person who signs in to the hub: the hub user name, the name to show, active or not.

    >>> Person(id=" Somchai.J ", name_th="สมชาย ใจดี").id
    'somchai.j'
    """

    id: str = col("ชื่อผู้ใช้ (hub)", max_length=100)
    name_th: str = col("ชื่อ-นามสกุล", max_length=200)
    position_th: str | None = col("ตำแหน่ง", None, max_length=200)
    email: str | None = col("อีเมล", None, max_length=200)
    active: bool = col("ใช้งานได้", True)

    @model_validator(mode="after")
    def _hub_user_name(self) -> Person:
        name = self.id.lower()
        if not _USER_NAME.fullmatch(name):
            raise ValueError(
                "ชื่อผู้ใช้ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ . _ @ + - ไม่มีช่องว่าง "
                f"(hub user name: a-z 0-9 . _ @ + -, no spaces): {self.id!r}"
            )
        if name != self.id:
            object.__setattr__(self, "id", name)  # no re-validation loop
        return self


class PersonUnit(Record):
    """A unit a person belongs to (reports for, or plans for with its units below)."""

    person_id: str = col("ชื่อผู้ใช้", ref="people")
    unit_id: str = col("รหัสหน่วยงาน", ref="units")

    @model_validator(mode="after")
    def _lower(self) -> PersonUnit:
        object.__setattr__(self, "person_id", self.person_id.lower())
        return self


class PersonRole(Record):
    """A role of a person: administrator (สกธ.), strategy staff, planning group, unit
    reporter, workshop facilitator, participant."""

    person_id: str = col("ชื่อผู้ใช้", ref="people")
    role: UserRole = col("บทบาท", codes="user_role")

    @model_validator(mode="after")
    def _lower(self) -> PersonRole:
        object.__setattr__(self, "person_id", self.person_id.lower())
        return self


# --------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class Column:
    """One column of an entity, as the store and the workbook see it."""

    name: str
    th: str
    type: type
    required: bool
    ref: str | None = None
    poly: str | None = None
    codes: str | None = None
    choices: tuple[Any, ...] | None = None
    default: Any = None
    #: what the column means, for the template and the docs (issue 17; may be None)
    description: str | None = None


@dataclass(frozen=True)
class Entity:
    """An entity of the workspace: one store table, one workbook sheet, one record type."""

    name: str
    sheet_th: str
    record: type[Record]
    key: tuple[str, ...]
    label_th: str
    label_en: str
    #: how the rows of one fiscal year are chosen: ``"all"`` (not year-bound),
    #: ``"fy"`` (own ``fiscal_year`` column) or ``"parent:<column>"`` (rows whose parent
    #: in that column belongs to the year).
    scope: str = "all"
    #: a column whose values form a tree within the entity (checked for cycles)
    tree: str | None = None
    columns: tuple[Column, ...] = field(default=(), compare=False)
    #: a sheet added after the first workbook format: a workbook may leave it out
    sheet_optional: bool = False

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")


_PY_TYPES = (bool, int, float, dt.datetime, dt.date, str)


def _column_of(name: str, finfo: Any) -> Column:
    from typing import get_args, get_origin

    ann = finfo.annotation
    base = ann
    if get_origin(ann) is not Literal and get_origin(ann) is not None:  # X | None
        base = next(a for a in get_args(ann) if a is not type(None))
    choices: tuple[Any, ...] | None = None
    if get_origin(base) is Literal:
        choices = get_args(base)
        base = str
    if base not in _PY_TYPES:
        raise TypeError(f"unsupported column type {ann!r} for {name}")
    extra = finfo.json_schema_extra or {}
    return Column(
        name=name,
        th=extra["th"],
        type=base,
        required=finfo.is_required(),
        ref=extra.get("ref"),
        poly=extra.get("poly"),
        codes=extra.get("codes"),
        choices=choices,
        default=None if finfo.is_required() else finfo.default,
        description=finfo.description,
    )


def columns(record: type[Record]) -> tuple[Column, ...]:
    """The :class:`Column` descriptions of a record type, in field order."""
    return tuple(_column_of(n, f) for n, f in record.model_fields.items())


def _entity(
    name: str,
    sheet_th: str,
    record: type[Record],
    key: tuple[str, ...],
    th: str,
    en: str,
    scope: str = "all",
    tree: str | None = None,
    sheet_optional: bool = False,
) -> Entity:
    return Entity(name, sheet_th, record, key, th, en, scope, tree, columns(record), sheet_optional)


#: Every user entity, in dependency order (a sheet only points to sheets above it, except
#: self-references and polymorphic links). Reference tables (provinces, clusters, PMQA...)
#: are in :mod:`kpyj_lib.reference`.
ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in [
        _entity("meta", "ข้อมูลชุดงาน", Meta, ("key",), "ข้อมูลชุดงาน", "Workspace facts"),
        _entity(
            "province_groups",
            "กลุ่มจังหวัดขับเคลื่อน",
            ProvinceGroup,
            ("province_code", "fiscal_year"),
            "กลุ่มการขับเคลื่อน",
            "Driving groups",
            "fy",
        ),
        _entity("plans", "แผน", Plan, ("id",), "แผน", "Plans"),
        _entity(
            "plan_items",
            "ประเด็นแผน",
            PlanItem,
            ("id",),
            "ประเด็นแผน",
            "Plan items",
            tree="parent_id",
        ),
        _entity("units", "หน่วยงาน", Unit, ("id",), "หน่วยงาน", "Units", tree="parent_id"),
        _entity(
            "stakeholders", "ผู้มีส่วนได้ส่วนเสีย", Stakeholder, ("id",), "ผู้มีส่วนได้ส่วนเสีย", "Stakeholders"
        ),
        _entity(
            "objectives",
            "วัตถุประสงค์",
            Objective,
            ("id",),
            "วัตถุประสงค์",
            "Objectives",
            "fy",
            tree="parent_id",
        ),
        _entity(
            "key_results",
            "ผลลัพธ์หลัก",
            KeyResult,
            ("id",),
            "ผลลัพธ์หลัก",
            "Key results",
            "parent:objective_id",
        ),
        _entity(
            "kr_units",
            "หน่วยงานร่วมผลลัพธ์",
            KRUnit,
            ("key_result_id", "unit_id"),
            "หน่วยงานเจ้าของ/ร่วม",
            "KR units",
            "parent:key_result_id",
        ),
        _entity(
            "checkins",
            "รายงานความก้าวหน้า",
            CheckIn,
            ("id",),
            "รายงานความก้าวหน้า",
            "Check-ins",
            "parent:key_result_id",
        ),
        _entity("kpis", "ตัวชี้วัด", Kpi, ("id",), "ตัวชี้วัด", "KPIs", "fy"),
        _entity(
            "initiatives", "โครงการ", Initiative, ("id",), "โครงการ/กิจกรรม", "Initiatives", "fy"
        ),
        _entity(
            "initiative_krs",
            "โครงการกับผลลัพธ์",
            InitiativeKR,
            ("initiative_id", "key_result_id"),
            "โครงการส่งผลต่อผลลัพธ์",
            "Initiative delivers KR",
            "parent:initiative_id",
        ),
        _entity(
            "alignments",
            "ความสอดคล้อง",
            Alignment,
            ("source_type", "source_id", "plan_item_id"),
            "ความสอดคล้องกับแผน",
            "Alignments",
        ),
        _entity(
            "pmqa_mappings",
            "หมวด PMQA",
            PmqaMapping,
            ("source_type", "source_id", "category"),
            "การเชื่อมโยงหมวด PMQA",
            "PMQA mappings",
        ),
        _entity(
            "service_links",
            "การให้บริการ",
            ServiceLink,
            ("source_type", "source_id", "stakeholder_id"),
            "การให้บริการผู้มีส่วนได้ส่วนเสีย",
            "Service links",
        ),
        _entity("flows", "การส่งต่อผลผลิต", Flow, ("id",), "การส่งต่อผลผลิต", "Flows", "fy"),
        _entity(
            "baseline_indicators",
            "ข้อมูลพื้นฐาน",
            BaselineIndicator,
            ("id",),
            "ข้อมูลพื้นฐานจังหวัด",
            "Baseline indicators",
        ),
        _entity("directives", "ข้อสั่งการ", Directive, ("id",), "ข้อสั่งการ", "Directives", "fy"),
        _entity(
            "directive_units",
            "หน่วยงานรับข้อสั่งการ",
            DirectiveUnit,
            ("directive_id", "unit_id"),
            "หน่วยงานรับข้อสั่งการ",
            "Directive units",
            "parent:directive_id",
        ),
        _entity(
            "weekly_reports",
            "รายงานประจำสัปดาห์",
            WeeklyReport,
            ("id",),
            "รายงานผลประจำสัปดาห์",
            "Weekly reports",
            "parent:directive_id",
        ),
        _entity("lessons", "บทเรียน", Lesson, ("id",), "บทเรียน", "Lessons", "fy"),
        _entity(
            "lesson_links",
            "บทเรียนเชื่อมโยง",
            LessonLink,
            ("lesson_id", "target_type", "target_id"),
            "บทเรียนเชื่อมโยง",
            "Lesson links",
            "parent:lesson_id",
        ),
        _entity(
            "workshops",
            "การประชุมเชิงปฏิบัติการ",
            Workshop,
            ("id",),
            "การประชุมเชิงปฏิบัติการ",
            "Workshops",
            "fy",
        ),
        _entity("ideas", "ความคิด", Idea, ("id",), "ความคิด", "Ideas", "parent:workshop_id"),
        _entity(
            "votes",
            "การลงคะแนน",
            Vote,
            ("idea_id", "voter"),
            "การลงคะแนน",
            "Votes",
            "parent:idea_id",
        ),
        # people (issue 15): who signs in to the hub, their units and roles (optional sheets:
        # workbooks written before them still import)
        _entity("people", "ผู้ใช้งาน", Person, ("id",), "ผู้ใช้งาน", "People", sheet_optional=True),
        _entity(
            "person_units",
            "หน่วยงานของผู้ใช้",
            PersonUnit,
            ("person_id", "unit_id"),
            "หน่วยงานของผู้ใช้",
            "Person units",
            sheet_optional=True,
        ),
        _entity(
            "person_roles",
            "บทบาทของผู้ใช้",
            PersonRole,
            ("person_id", "role"),
            "บทบาทของผู้ใช้",
            "Person roles",
            sheet_optional=True,
        ),
    ]
}

# issue 14: the driving plan's sheets (optional: workbooks written before them still import)
ENTITIES.update(
    {
        e.name: e
        for e in [
            _entity(
                "driving_goals",
                "แผนขับเคลื่อน-เป้าหมาย",
                DrivingGoal,
                ("id",),
                "เป้าหมายแผนขับเคลื่อน กพยจ.",
                "Driving plan goals",
                "fy",
                sheet_optional=True,
            ),
            _entity(
                "driving_activities",
                "แผนขับเคลื่อน-กิจกรรม",
                DrivingActivity,
                ("id",),
                "กิจกรรมแผนขับเคลื่อน",
                "Driving plan activities",
                "parent:goal_id",
                sheet_optional=True,
            ),
            _entity(
                "driving_indicators",
                "แผนขับเคลื่อน-ตัวชี้วัด",
                DrivingIndicator,
                ("id",),
                "ตัวชี้วัดแผนขับเคลื่อน",
                "Driving plan indicators",
                "parent:goal_id",
                sheet_optional=True,
            ),
            _entity(
                "driving_targets",
                "แผนขับเคลื่อน-เป้ารายกลุ่ม",
                DrivingTarget,
                ("indicator_id", "group"),
                "ค่าเป้าหมายรายกลุ่มจังหวัด",
                "Driving plan group targets",
                "parent:indicator_id",
                sheet_optional=True,
            ),
            _entity(
                "driving_alignments",
                "แผนขับเคลื่อน-ความสอดคล้อง",
                DrivingAlignment,
                ("goal_id", "plan_item_id"),
                "ความสอดคล้องของแผนขับเคลื่อน",
                "Driving plan alignments",
                "parent:goal_id",
                sheet_optional=True,
            ),
        ]
    }
)

#: Entities a polymorphic ``*_type`` column may name, and the table each lives in.
NODE_TABLES: dict[str, str] = {
    "objective": "objectives",
    "key_result": "key_results",
    "initiative": "initiatives",
    "plan_item": "plan_items",
    "unit": "units",
    "lesson": "lessons",
    "kpi": "kpis",
    "directive": "directives",
    "stakeholder": "stakeholders",
    "pmqa_category": "pmqa_categories",
}


def entity(name: str) -> Entity:
    """The :class:`Entity` called ``name`` (English table name or Thai sheet name).

    >>> entity("วัตถุประสงค์").name
    'objectives'
    >>> [c.name for c in entity("objectives").columns][:3]
    ['id', 'fiscal_year', 'province_code']
    """
    if name in ENTITIES:
        return ENTITIES[name]
    for e in ENTITIES.values():
        if e.sheet_th == name:
            return e
    raise KeyError(f"no entity called {name!r}")
