"""Build the bundled sample workspace (ข้อมูลตัวอย่าง) for fiscal year 2565 BE.

The four model provinces (จังหวัดต้นแบบ) of the 2564 pilot (สุโขทัย 64, นครพนม 48, ภูเก็ต 83,
ราชบุรี 70) with their plans, units, OKRs, KPIs, projects, flows, baseline figures, directives,
weekly reports, lessons and one workshop; and, so that the national picture is not empty, light
data for the other 73 provinces from :func:`kpyj_lib.synthetic.light_tables` (a provincial
plan, a few objectives, key results with check-ins, a project or two, each row marked
ตัวอย่าง). The driving groups of all 77 provinces follow the operating-centre rule
(:func:`kpyj_lib.synthetic.synthetic_groups`; which four centres are group 1 is a sample
choice). **Everything here is fictitious sample data (ตัวอย่าง)**, not official figures; the few
facts taken from the source documents say so in their ``source``.

Gaps are planted on purpose so that the analyses have something to find; they are listed in
``data/sample/README.md`` and asserted in ``tests/test_sample_data.py``.

Usage::

    python scripts/build_sample.py          # validate, write data/sample/kpyj_sample_2565.xlsx
    python scripts/build_sample.py --check  # validate only, print the row count per sheet

The data tables below are kept as aligned literals (``# fmt: off``) so that they read as tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kpyj_lib import reference  # noqa: E402
from kpyj_lib.model import ENTITIES  # noqa: E402
from kpyj_lib.synthetic import light_tables, synthetic_groups  # noqa: E402

write_workbook: Callable[..., Any] | None
try:  # written in parallel by another engineer; --check works without it
    from kpyj_lib.io import write_workbook
except ImportError:
    write_workbook = None

__all__ = [
    "OUTPUT",
    "OUTPUT_2566",
    "REFERENCE_PLANS",
    "REFERENCE_PLAN_ITEMS",
    "build_plan_tables",
    "build_tables",
    "main",
    "validate",
]

OUTPUT = ROOT / "data" / "sample" / "kpyj_sample_2565.xlsx"

FY = 2565
FY_START = dt.date(2021, 10, 1)
FY_END = dt.date(2022, 9, 30)
BKK = ZoneInfo("Asia/Bangkok")
SEED = 2565
AS_OF = "2022-06-30"

#: plan items and plans that already exist in the store (reference data, not in this workbook)
REFERENCE_PLAN_ITEMS = frozenset(
    [f"NS-{i}" for i in range(1, 7)]
    + [f"NMP-{i:02d}" for i in range(1, 24)]
    + [f"NMP61-{i:02d}" for i in range(1, 24)]
    + [f"JMP4-D{i}" for i in range(1, 4)]
    + ["JMP3-ALL"]
)
REFERENCE_PLANS = frozenset({"JMP3", "NMP61"})

SAMPLE_SRC = "ตัวอย่าง — จัดทำขึ้นเพื่อการสาธิต ไม่ใช่ข้อความหรือข้อมูลทางราชการ"
FICTITIOUS = "ข้อมูลสมมติ (ตัวอย่าง)"
SEED000 = "บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565 เรื่อง การขับเคลื่อนการดำเนินงานของ กพยจ."
SEED004 = (
    "ข่าวทำเนียบรัฐบาล วันที่ 13 มกราคม 2565 เรื่อง การให้บริการของสำนักงานปลัดกระทรวงยุติธรรม"
    "โดยยึดประชาชนเป็นศูนย์กลาง"
)

# code: (Thai name, English name, cluster id, prison)
PROVINCES: dict[str, tuple[str, str, str, str]] = {
    "64": ("สุโขทัย", "Sukhothai", "north_lower_1", "เรือนจำจังหวัดสุโขทัย"),
    "48": ("นครพนม", "Nakhon Phanom", "northeast_upper_2", "เรือนจำจังหวัดนครพนม"),
    "83": ("ภูเก็ต", "Phuket", "south_andaman", "เรือนจำจังหวัดภูเก็ต"),
    "70": ("ราชบุรี", "Ratchaburi", "central_lower_1", "เรือนจำกลางราชบุรี"),
}


def _row(entity: str, **values: Any) -> dict[str, Any]:
    """One row of ``entity`` with every field of its record, defaults filled in."""
    fields = ENTITIES[entity].record.model_fields
    unknown = set(values) - set(fields)
    if unknown:
        raise KeyError(f"{entity}: unknown fields {sorted(unknown)}")
    row: dict[str, Any] = {}
    for name, info in fields.items():
        if name in values:
            row[name] = values[name]
        elif info.is_required():
            raise KeyError(f"{entity}: missing required field {name!r}")
        else:
            row[name] = info.default
    return row


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _rows(entity: str, names: str, data: Iterable[tuple], **common: Any) -> list[dict]:
    """Rows of ``entity`` from tuples holding the fields ``names`` (space separated), in order."""
    cols = names.split()
    return [_row(entity, **common, **dict(zip(cols, values, strict=True))) for values in data]


# =========================================================================== meta, groups
def _meta() -> list[dict]:
    pairs = [
        ("is_sample", "true"),
        (
            "title",
            "ข้อมูลตัวอย่าง (สมมติ) — กพยจ. จังหวัดต้นแบบ 4 จังหวัด (ข้อมูลครบ) "
            "และอีก 73 จังหวัด (ข้อมูลโดยย่อ) ปีงบประมาณ 2565",
        ),
        (
            "notice_th",
            "ชุดข้อมูลนี้เป็นข้อมูลสมมติเพื่อการสาธิต ไม่ใช่ข้อมูลทางราชการ ตัวเลข ชื่อโครงการ "
            "และผลการดำเนินงานทั้งหมดไม่ใช่ตัวเลขจริงของจังหวัดหรือหน่วยงานใด "
            "(Fictitious sample data for demonstration; not official figures.)",
        ),
        ("fiscal_year", str(FY)),
        ("version", "1"),
        # the date the data stands at: the last monthly check-in round is 25 Jun 2022
        ("as_of", AS_OF),
    ]
    return [_row("meta", key=k, value=v) for k, v in pairs]


MODEL_PILOT = (
    "จังหวัดต้นแบบการขับเคลื่อน กพยจ. (การประชุมชี้แจงเป้าหมายและกรอบการดำเนินงานการสร้างตัวแบบ "
    "(Model) ขับเคลื่อนการดำเนินงานของ กพยจ., สำนักงานกิจการยุติธรรม, 1 เมษายน 2564)"
)
GROUP_NOTES = {
    1: "กลุ่มที่ 1 จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (การเลือกจังหวัดนำร่องเป็นตัวอย่าง)",
    2: "กลุ่มที่ 2 จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
    3: "กลุ่มที่ 3 สำนักงานยุติธรรมจังหวัดที่ไม่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
}


def _province_groups() -> list[dict]:
    """All 77 provinces by the operating-centre rule; model provinces say so in the note."""
    rows = []
    for code, group in sorted(synthetic_groups().items()):
        note = f"{GROUP_NOTES[group]} (ตัวอย่าง)"
        if code in PROVINCES:
            note = f"{note}; {MODEL_PILOT}"
        rows.append(
            _row("province_groups", province_code=code, fiscal_year=FY, group=group, note_th=note)
        )
    return rows


#: The provinces with light data: every province but the four model provinces.
LIGHT_PROVINCES = tuple(c for c in sorted(reference.province_codes()) if c not in PROVINCES)
#: What light objectives may align to: plans in force in FY 2565 (the National Strategy
#: 2561-2580) and the sample's Cabinet resolutions, ministry policy and the one confirmed
#: crime-prevention dimension (never the placeholders waiting for their real names).
LIGHT_TARGETS = (
    "NS-1", "NS-4", "NS-6", "S-CR-1", "S-CR-2", "S-MP-1", "S-MP-2", "S-MP-3",
    "S-CPV-PART", "S-CPV-PART",
)  # fmt: skip


def _light() -> dict[str, list[dict]]:
    """Light rows for the 73 other provinces, with every field of their records."""
    cluster_items: dict[str, list[str]] = {}
    for plan in PLANS:
        if plan[1] == "cluster_plan":
            cluster_items[plan[8]] = [i[0] for i in PLAN_ITEMS if i[1] == plan[0]]
    light = light_tables(
        LIGHT_PROVINCES,
        fiscal_year=FY,
        seed=SEED,
        targets=LIGHT_TARGETS,
        cluster_targets=cluster_items,
        parent_unit="OPS",
        as_of=dt.date.fromisoformat(AS_OF),
    )
    return {name: [_row(name, **r) for r in rows] for name, rows in light.items()}


# =========================================================================== plans
# fmt: off
# id, kind, name_th, name_en, level, start_fy, end_fy, province, cluster
PLANS = [
    ("S-PP-64", "provincial_plan", "แผนพัฒนาจังหวัดสุโขทัย พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Sukhothai provincial development plan 2018–2022 (sample)", 3, 2561, 2565, "64", None),
    ("S-PP-48", "provincial_plan", "แผนพัฒนาจังหวัดนครพนม พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Nakhon Phanom provincial development plan 2018–2022 (sample)", 3, 2561, 2565, "48", None),
    ("S-PP-83", "provincial_plan", "แผนพัฒนาจังหวัดภูเก็ต พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Phuket provincial development plan 2018–2022 (sample)", 3, 2561, 2565, "83", None),
    ("S-PP-70", "provincial_plan", "แผนพัฒนาจังหวัดราชบุรี พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Ratchaburi provincial development plan 2018–2022 (sample)", 3, 2561, 2565, "70", None),
    ("S-CP-N1", "cluster_plan", "แผนพัฒนากลุ่มจังหวัดภาคเหนือตอนล่าง 1 พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Lower Northern cluster 1 development plan (sample)", 3, 2561, 2565, None, "north_lower_1"),
    ("S-CP-NE2", "cluster_plan",
     "แผนพัฒนากลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 2 พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Upper Northeastern cluster 2 development plan (sample)", 3, 2561, 2565, None,
     "northeast_upper_2"),
    ("S-CP-AND", "cluster_plan", "แผนพัฒนากลุ่มจังหวัดภาคใต้ฝั่งอันดามัน พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Andaman cluster development plan (sample)", 3, 2561, 2565, None, "south_andaman"),
    ("S-CP-C1", "cluster_plan", "แผนพัฒนากลุ่มจังหวัดภาคกลางตอนล่าง 1 พ.ศ. 2561–2565 (ตัวอย่าง)",
     "Lower Central cluster 1 development plan (sample)", 3, 2561, 2565, None, "central_lower_1"),
    ("S-CPV", "crime_prevention",
     "แนวทางการป้องกันอาชญากรรมที่มีประสิทธิภาพ 6 ด้าน (มติคณะรัฐมนตรี 24 ม.ค. 2560)",
     "Six dimensions of effective crime prevention (Cabinet resolution, 24 Jan 2017)",
     None, 2560, None, None, None),
    ("S-CR", "cabinet_resolution",
     "มติคณะรัฐมนตรีและแผนรองรับที่ใช้เป็นเนื้อหาการขับเคลื่อน กพยจ. ปีงบประมาณ 2565",
     "Cabinet resolutions and support plans used as KPYJ content, FY2022", None, 2565, 2565,
     None, None),
    ("S-MP", "ministry_policy",
     "นโยบายกระทรวงยุติธรรมด้านการบูรณาการงานยุติธรรมในระดับพื้นที่ ปีงบประมาณ 2565 (ตัวอย่าง)",
     "Ministry of Justice policy on area-based integration, FY2022 (sample)", None, 2565, 2565,
     None, None),
]
PLAN_SOURCES = {
    "S-CPV": SEED000 + " (ข้อ 3) — ชื่อรายด้านยังไม่ยืนยัน ยกเว้นด้านการมีส่วนร่วมของประชาชน",
    "S-CR": SEED000 + " (ข้อ 2.1 (1))",
    "S-MP": "ตัวอย่าง — สรุปจาก" + SEED000 + " (ข้อ 2.2) และ" + SEED004 + "; ไม่ใช่ข้อความนโยบายทางการ",
}

CPV_PLACEHOLDER = "มิติที่ {n} (ตัวอย่าง — โปรดแทนด้วยชื่อตามมติคณะรัฐมนตรี 24 ม.ค. 2560)"
CPV_PLACEHOLDER_SRC = "ตัวอย่าง — ชื่อด้านยังไม่ยืนยัน ให้ผู้ใช้กรอกจากมติคณะรัฐมนตรี 24 ม.ค. 2560"

# id, plan, code, name_th, name_en (source: the plan's sample note unless in ITEM_SOURCES)
PLAN_ITEMS = [
    # --- provincial plans (issues summarised as sample, not the official wording)
    ("S-PP-64-1", "S-PP-64", "1", "พัฒนาการท่องเที่ยวเชิงประวัติศาสตร์และวัฒนธรรมมรดกโลกอย่างยั่งยืน",
     "Sustainable world-heritage tourism"),
    ("S-PP-64-2", "S-PP-64", "2", "ส่งเสริมเกษตรปลอดภัยและเพิ่มมูลค่าสินค้าเกษตร",
     "Safe agriculture and value added"),
    ("S-PP-64-3", "S-PP-64", "3",
     "เสริมสร้างสังคมคุณภาพ ความมั่นคง และความปลอดภัยในชีวิตและทรัพย์สิน",
     "Quality society, security and safety of life and property"),
    ("S-PP-48-1", "S-PP-48", "1", "เสริมสร้างความมั่นคงชายแดน ป้องกันและแก้ไขปัญหายาเสพติด",
     "Border security and drug problems"),
    ("S-PP-48-2", "S-PP-48", "2", "ยกระดับคุณภาพชีวิตและลดความเหลื่อมล้ำทางสังคม",
     "Quality of life and less inequality"),
    ("S-PP-48-3", "S-PP-48", "3", "พัฒนาการบริหารจัดการภาครัฐตามหลักธรรมาภิบาลแบบบูรณาการ",
     "Integrated good-governance public administration"),
    ("S-PP-83-1", "S-PP-83", "1", "ยกระดับการท่องเที่ยวคุณภาพสู่เมืองท่องเที่ยวนานาชาติ",
     "Quality tourism, international destination"),
    ("S-PP-83-2", "S-PP-83", "2", "สร้างสังคมคุณภาพ ปลอดภัย และพัฒนาทรัพยากรมนุษย์",
     "Quality, safe society and human resources"),
    ("S-PP-83-3", "S-PP-83", "3", "พัฒนาเมืองอัจฉริยะและการให้บริการภาครัฐ",
     "Smart city and public services"),
    ("S-PP-70-1", "S-PP-70", "1", "เสริมสร้างความมั่นคง ความปลอดภัย และแก้ไขปัญหายาเสพติด",
     "Security, safety and drug problems"),
    ("S-PP-70-2", "S-PP-70", "2", "พัฒนาคนและสังคมให้มีคุณภาพ", "Quality people and society"),
    ("S-PP-70-3", "S-PP-70", "3", "ส่งเสริมเศรษฐกิจฐานราก เกษตร และการท่องเที่ยว",
     "Grassroots economy, agriculture and tourism"),
    ("S-PP-70-4", "S-PP-70", "4", "บริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อมอย่างยั่งยืน",
     "Sustainable natural resources and environment"),
    # --- cluster plans
    ("S-CP-N1-1", "S-CP-N1", "1", "พัฒนาการท่องเที่ยวเชื่อมโยงมรดกโลกและวิถีชีวิต",
     "Tourism linking world heritage"),
    ("S-CP-N1-2", "S-CP-N1", "2", "พัฒนาเกษตรปลอดภัยและอุตสาหกรรมเกษตร",
     "Safe agriculture and agro-industry"),
    ("S-CP-N1-3", "S-CP-N1", "3", "เสริมสร้างสังคมปลอดภัยและคุณภาพชีวิต",
     "Safe society and quality of life"),
    ("S-CP-NE2-1", "S-CP-NE2", "1", "ส่งเสริมการค้าชายแดนและการท่องเที่ยวเชื่อมโยงอนุภูมิภาค",
     "Border trade and sub-regional tourism"),
    ("S-CP-NE2-2", "S-CP-NE2", "2", "เสริมสร้างความมั่นคงตามแนวชายแดนและป้องกันปัญหายาเสพติด",
     "Border security and drug prevention"),
    ("S-CP-NE2-3", "S-CP-NE2", "3",
     "พัฒนาคุณภาพชีวิต ลดความเหลื่อมล้ำ และบริหารจัดการภาครัฐแบบบูรณาการ",
     "Quality of life, less inequality, integrated administration"),
    ("S-CP-AND-1", "S-CP-AND", "1", "พัฒนาการท่องเที่ยวอันดามันสู่มาตรฐานสากล",
     "Andaman tourism to international standards"),
    ("S-CP-AND-2", "S-CP-AND", "2",
     "เสริมสร้างความปลอดภัยในชีวิตและทรัพย์สินของประชาชนและนักท่องเที่ยว",
     "Safety of residents and tourists"),
    ("S-CP-AND-3", "S-CP-AND", "3", "บริหารจัดการทรัพยากรทางทะเลและชายฝั่ง",
     "Marine and coastal resources"),
    ("S-CP-C1-1", "S-CP-C1", "1", "เสริมสร้างความมั่นคง ความปลอดภัย และคุณภาพชีวิตของประชาชน",
     "Security, safety and quality of life"),
    ("S-CP-C1-2", "S-CP-C1", "2", "พัฒนาเกษตรมูลค่าสูงและการท่องเที่ยวเชิงนิเวศ",
     "High-value agriculture and eco-tourism"),
    ("S-CP-C1-3", "S-CP-C1", "3", "บริหารจัดการทรัพยากรธรรมชาติและลุ่มน้ำแม่กลอง",
     "Natural resources and the Mae Klong basin"),
    # --- crime-prevention content: five placeholders, one confirmed dimension
    *[
        (f"S-CPV-{n}", "S-CPV", str(n), CPV_PLACEHOLDER.format(n=n),
         f"Dimension {n} (sample placeholder — replace with the Cabinet wording)")
        for n in range(1, 6)
    ],
    ("S-CPV-PART", "S-CPV", None, "ด้านการมีส่วนร่วมของประชาชน", "Participation of the people"),
    # --- Cabinet resolutions and support plans (the memo of 20 Jan 2565)
    ("S-CR-1", "S-CR", "1",
     "การบูรณาการการแก้ไขฟื้นฟู ติดตาม ดูแล ช่วยเหลือ และสงเคราะห์ผู้กระทำผิดในชุมชน",
     "Integrated rehabilitation, follow-up and support of offenders in the community"),
    ("S-CR-2", "S-CR", "2",
     "แผนรองรับการช่วยเหลือผู้ที่ได้รับพระราชทานอภัยโทษ ลดโทษ และปล่อยตัว พ.ศ. 2559",
     "Support plan for persons released under the royal pardon of 2016"),
    # --- ministry policy (sample summary)
    ("S-MP-1", "S-MP", "1", "บูรณาการงานยุติธรรมในระดับพื้นที่ผ่านกลไก กพยจ.",
     "Area-based integration of justice work through the KPYJ"),
    ("S-MP-2", "S-MP", "2",
     "ยกระดับการให้บริการประชาชนให้เป็นมาตรฐานเดียวกันทั่วประเทศ และเสริมศักยภาพศูนย์ยุติธรรมชุมชน",
     "One national service standard; stronger community justice centres"),
    ("S-MP-3", "S-MP", "3", "ผู้เสพคือผู้ป่วย: บำบัดฟื้นฟูผู้ใช้ยาเสพติดโดยชุมชน (ตัวอย่าง)",
     "Drug users as patients: community-based treatment (sample)"),
]
ITEM_SOURCES = {
    "S-CPV-PART": "ยืนยันเฉพาะด้านนี้: so01.tci-thaijo.org (e-jodil 243764); อ้างถึงใน " + SEED000,
    "S-CR-1": SEED000 + " (ข้อ 2.1 (1))",
    "S-CR-2": SEED000 + " (ข้อ 2.1 (1))",
    "S-MP-1": SEED000 + " (ข้อ 2.2) — ถ้อยคำสรุปเป็นตัวอย่าง",
    "S-MP-2": SEED004 + " — ถ้อยคำสรุปเป็นตัวอย่าง",
}
# fmt: on


def _plans() -> tuple[list[dict], list[dict]]:
    plans = _rows(
        "plans", "id kind name_th name_en level start_fy end_fy province_code cluster_id", PLANS
    )
    for plan in plans:
        plan["source"] = PLAN_SOURCES.get(plan["id"], SAMPLE_SRC)
    items = _rows("plan_items", "id plan_id code name_th name_en", PLAN_ITEMS)
    for item in items:
        if item["plan_id"] == "S-CPV" and item["id"] != "S-CPV-PART":
            item["source"] = CPV_PLACEHOLDER_SRC
        else:
            item["source"] = ITEM_SOURCES.get(item["id"], SAMPLE_SRC + " (สรุปประเด็นโดยย่อ)")
    return plans, items


# =========================================================================== units
# fmt: off
MINISTRY_UNITS = [
    # id, name_th, name_en, parent, unit_type
    ("MOJ", "กระทรวงยุติธรรม", "Ministry of Justice", None, "กระทรวง"),
    ("OPS", "สำนักงานปลัดกระทรวงยุติธรรม (สป.ยธ.)", "Office of the Permanent Secretary, MOJ",
     "MOJ", "ส่วนราชการระดับกรม"),
    ("OPS-SPD", "กองยุทธศาสตร์และแผนงาน สำนักงานปลัดกระทรวงยุติธรรม",
     "Strategy and Planning Division, OPS (directive tracking)", "OPS", "กอง"),
    ("OPS-PJC", "กองประสานราชการยุติธรรมจังหวัด สำนักงานปลัดกระทรวงยุติธรรม",
     "Provincial Justice Coordination Division, OPS", "OPS", "กอง"),
    ("OJA", "สำนักงานกิจการยุติธรรม (สกธ.)", "Office of Justice Affairs (OJA)", "MOJ",
     "ส่วนราชการระดับกรม"),
    ("OJA-NJAD", "กองงานคณะกรรมการพัฒนาการบริหารงานยุติธรรมแห่งชาติ สกธ.",
     "National Justice Administration Development Committee Division, OJA", "OJA", "กอง"),
    ("OJA-CFC", "ศูนย์พยากรณ์และวิเคราะห์สถานการณ์อาชญากรรม (ศอช.) สกธ.",
     "Crime forecasting and analysis centre, OJA", "OJA", "ศูนย์"),
    ("OJA-RDO", "สำนักงานวิจัยและพัฒนากระบวนการยุติธรรม (สวพ.) สกธ.",
     "Justice research and development office, OJA", "OJA", "กอง"),
    ("OJA-PSDG", "กลุ่มพัฒนาระบบบริหาร (กพร.) สกธ.", "Public sector development group, OJA",
     "OJA", "กลุ่มงาน"),
    ("OJA-SEC", "สำนักงานเลขานุการกรม สกธ.", "Office of the Secretary, OJA", "OJA", "กอง"),
    ("DOP", "กรมคุมประพฤติ", "Department of Probation", "MOJ", "กรม"),
    ("DOC", "กรมราชทัณฑ์", "Department of Corrections", "MOJ", "กรม"),
    ("DJOP", "กรมพินิจและคุ้มครองเด็กและเยาวชน",
     "Department of Juvenile Observation and Protection", "MOJ", "กรม"),
    ("DLE", "กรมบังคับคดี", "Legal Execution Department", "MOJ", "กรม"),
    ("RLPD", "กรมคุ้มครองสิทธิและเสรีภาพ", "Rights and Liberties Protection Department", "MOJ",
     "กรม"),
]

# suffix, name_th ({p} = province, {prison}), name_en ({e}), parent ({c} = code), unit_type
PROVINCE_UNIT_TEMPLATE = [
    ("JUS", "สำนักงานยุติธรรมจังหวัด{p}", "{e} Provincial Justice Office (KPYJ secretariat)",
     "OPS", "สำนักงานยุติธรรมจังหวัด (ฝ่ายเลขานุการ กพยจ.)"),
    ("PRB", "สำนักงานคุมประพฤติจังหวัด{p}", "{e} Provincial Probation Office", "DOP",
     "คุมประพฤติ"),
    ("PRS", "{prison}", "{e} prison", "DOC", "เรือนจำ"),
    ("POL", "ตำรวจภูธรจังหวัด{p}", "{e} Provincial Police", None, "ตำรวจ"),
    ("PROS", "สำนักงานอัยการจังหวัด{p}", "{e} Provincial Public Prosecutor Office", None,
     "อัยการ"),
    ("LED", "สำนักงานบังคับคดีจังหวัด{p}", "{e} Provincial Legal Execution Office", "DLE",
     "บังคับคดี"),
    ("CJC", "ศูนย์ยุติธรรมชุมชนจังหวัด{p} (เครือข่าย)", "{e} community justice centres (network)",
     "U{c}-JUS", "ศูนย์ยุติธรรมชุมชน"),
    ("LAO", "องค์การบริหารส่วนจังหวัด{p}", "{e} Provincial Administrative Organization", None,
     "องค์กรปกครองส่วนท้องถิ่น"),
    ("JUV", "สถานพินิจและคุ้มครองเด็กและเยาวชนจังหวัด{p}",
     "{e} Juvenile Observation and Protection Centre", "DJOP", "สถานพินิจ"),
    ("GOV", "ที่ทำการปกครองจังหวัด{p}", "{e} Provincial Administration Office", None, "ปกครอง"),
]
#: which template units each province has (7-10 each)
PROVINCE_UNITS = {
    "64": ("JUS", "PRB", "PRS", "POL", "PROS", "LED", "CJC", "LAO", "JUV", "GOV"),
    "48": ("JUS", "PRB", "PRS", "POL", "PROS", "LED", "CJC", "GOV"),
    "83": ("JUS", "PRB", "PRS", "POL", "LED", "CJC", "LAO", "JUV", "GOV"),
    "70": ("JUS", "PRB", "PRS", "POL", "LED", "CJC", "LAO", "JUV", "GOV"),
}
# fmt: on


def _units() -> list[dict]:
    rows = _rows("units", "id name_th name_en parent_id unit_type", MINISTRY_UNITS)
    for code, (th_name, en_name, _cluster, prison) in PROVINCES.items():
        rows += _rows(
            "units",
            "id name_th name_en parent_id unit_type",
            [
                (
                    f"U{code}-{suffix}",
                    th.format(p=th_name, prison=prison),
                    en.format(e=en_name),
                    parent.format(c=code) if parent else None,
                    kind,
                )
                for suffix, th, en, parent, kind in PROVINCE_UNIT_TEMPLATE
                if suffix in PROVINCE_UNITS[code]
            ],
            province_code=code,
        )
    return rows


# =========================================================================== stakeholders
# fmt: off
STAKEHOLDERS = [
    # id, name_th, name_en, province, kind
    ("SH-PUBLIC", "ประชาชนผู้รับบริการ", "Citizens using justice services", None, "ผู้รับบริการ"),
    ("SH-VICTIM", "ผู้เสียหายในคดีอาญา", "Victims of crime", None, "ผู้รับบริการ"),
    ("SH-RELEASED", "ผู้พ้นโทษ (รวมผู้ได้รับพระราชทานอภัยโทษ)",
     "Released prisoners (incl. royal pardon)", None, "ผู้รับบริการ"),
    ("SH-PROBATIONER", "ผู้ถูกคุมความประพฤติ", "Probationers", None, "ผู้รับบริการ"),
    ("SH-YOUTH", "เด็กและเยาวชนที่กระทำผิดหรือเสี่ยงกระทำผิด", "Children and youth at risk",
     None, "ผู้รับบริการ"),
    ("SH-COMMUNITY", "ชุมชนและผู้นำชุมชน", "Communities and their leaders", None,
     "ผู้มีส่วนได้ส่วนเสีย"),
    ("SH-NETWORK", "เครือข่ายยุติธรรมชุมชนและอาสาสมัครคุมประพฤติ",
     "Community justice networks and probation volunteers", None, "เครือข่าย"),
    ("SH-DRUG", "ผู้ใช้ยาเสพติดและครอบครัว", "Drug users and their families", None,
     "ผู้รับบริการ"),
    ("SH-POOR", "ผู้ยากไร้ที่ต้องการความช่วยเหลือทางกฎหมาย", "Poor people needing legal aid",
     None, "ผู้รับบริการ"),
    ("SH-DEBTOR", "ประชาชนที่มีปัญหาหนี้สิน", "Indebted citizens", None, "ผู้รับบริการ"),
    ("SH-EMPLOYER", "สถานประกอบการที่รับผู้พ้นโทษเข้าทำงาน", "Employers of ex-offenders", None,
     "ผู้มีส่วนได้ส่วนเสีย"),
    ("SH-48-BORDER", "ประชาชนในหมู่บ้านชายแดนริมแม่น้ำโขง", "Mekong border villagers", "48",
     "ผู้รับบริการ"),
    ("SH-83-TOURIST", "นักท่องเที่ยวชาวไทยและชาวต่างชาติ", "Thai and foreign tourists", "83",
     "ผู้รับบริการ"),
    ("SH-70-MIGRANT", "แรงงานข้ามชาติ", "Migrant workers", "70", "ผู้รับบริการ"),
]
# fmt: on


def _stakeholders() -> list[dict]:
    return _rows("stakeholders", "id name_th name_en province_code kind", STAKEHOLDERS)


# =========================================================================== OKR
# fmt: off
# id, province, unit, parent, title_th, title_en, description_th
OBJECTIVES = [
    ("OBJ-64-01", "64", "U64-JUS", None,
     "ชุมชนสุโขทัยปลอดภัย ลดอาชญากรรมด้วยการมีส่วนร่วมของประชาชน",
     "Safe Sukhothai communities through people's participation",
     "วัตถุประสงค์ระดับจังหวัดของ กพยจ.สุโขทัย (ตัวอย่าง)"),
    ("OBJ-64-02", "64", "U64-PRB", "OBJ-64-01",
     "ผู้กระทำผิดได้รับการแก้ไขฟื้นฟูและกลับคืนสู่สังคมอย่างยั่งยืน",
     "Offenders rehabilitated and reintegrated", None),
    ("OBJ-64-03", "64", "U64-JUS", "OBJ-64-01",
     "ประชาชนเข้าถึงความยุติธรรมได้สะดวก รวดเร็ว เป็นมาตรฐานเดียวกัน",
     "Easy, fast, standard access to justice", None),
    ("OBJ-64-04", "64", "U64-JUS", "OBJ-64-01",
     "เครือข่ายยุติธรรมชุมชนเข้มแข็ง ร่วมแก้ไขปัญหายาเสพติดในพื้นที่",
     "Strong community justice networks tackling drugs", None),
    ("OBJ-48-01", "48", "U48-JUS", None,
     "นครพนมปลอดภัยตามแนวชายแดน ลดปัญหายาเสพติดด้วยกระบวนการยุติธรรมที่บูรณาการ",
     "Safe Nakhon Phanom border, fewer drug problems through integrated justice",
     "วัตถุประสงค์ระดับจังหวัดของ กพยจ.นครพนม (ตัวอย่าง)"),
    ("OBJ-48-02", "48", "U48-PRB", "OBJ-48-01",
     "ผู้พ้นโทษและผู้ได้รับพระราชทานอภัยโทษได้รับการดูแลช่วยเหลือในชุมชน",
     "Released and pardoned persons supported in the community", None),
    ("OBJ-48-03", "48", "U48-JUS", "OBJ-48-01",
     "ประชาชนในพื้นที่ห่างไกลเข้าถึงความช่วยเหลือทางกฎหมายและกองทุนยุติธรรม",
     "Remote residents reach legal aid and the Justice Fund", None),
    ("OBJ-48-04", "48", "U48-JUS", None,
     "เพิ่มการรับรู้ข่าวสารงานยุติธรรมของประชาชนผ่านสื่อออนไลน์",
     "More public awareness of justice services online",
     "วัตถุประสงค์ที่ตั้งขึ้นเองของหน่วยงาน ยังไม่ได้เชื่อมกับแผนใด (ช่องว่างที่ตั้งใจใส่ไว้)"),
    ("OBJ-83-01", "83", "U83-JUS", None,
     "ภูเก็ตเมืองท่องเที่ยวปลอดภัย ประชาชนและนักท่องเที่ยวได้รับความเป็นธรรม",
     "Safe Phuket: fair treatment for residents and tourists",
     "วัตถุประสงค์ระดับจังหวัดของ กพยจ.ภูเก็ต (ตัวอย่าง)"),
    ("OBJ-83-02", "83", "U83-PRB", "OBJ-83-01",
     "ลดการกระทำผิดซ้ำของผู้ถูกคุมความประพฤติและผู้พ้นโทษ",
     "Less reoffending by probationers and released prisoners", None),
    ("OBJ-83-03", "83", "U83-JUS", "OBJ-83-01",
     "บริการยุติธรรมที่ยึดประชาชนเป็นศูนย์กลาง", "People-centred justice services", None),
    ("OBJ-70-01", "70", "U70-JUS", None,
     "ราชบุรีสังคมปลอดภัย ลดปัญหายาเสพติดและอาชญากรรมด้วยพลังเครือข่าย",
     "Safe Ratchaburi: fewer drug problems and crimes through networks",
     "วัตถุประสงค์ระดับจังหวัดของ กพยจ.ราชบุรี (ตัวอย่าง)"),
    ("OBJ-70-02", "70", "U70-JUV", "OBJ-70-01",
     "เด็กและเยาวชนไม่กลับไปกระทำผิดซ้ำ และได้รับกระบวนการยุติธรรมเชิงสมานฉันท์",
     "Young offenders do not reoffend; restorative justice", None),
    ("OBJ-70-03", "70", "U70-JUS", "OBJ-70-01",
     "ผู้เสียหายและผู้ยากไร้ได้รับความช่วยเหลือทางกฎหมายอย่างทั่วถึง",
     "Victims and the poor receive legal help", None),
    ("OBJ-70-04", "70", "U70-LED", "OBJ-70-01",
     "ลดภาระหนี้สินของประชาชนด้วยการไกล่เกลี่ยชั้นบังคับคดี",
     "Lighter household debt through mediation at execution stage", None),
    ("OBJ-OJA-01", None, "OJA", None,
     "ยกระดับศูนย์พยากรณ์และวิเคราะห์สถานการณ์อาชญากรรม (ศอช.) ให้ใช้งานได้จริง",
     "Upgrade the crime forecasting centre so that it is really used",
     "วัตถุประสงค์หลักที่ได้จากการลงคะแนนในการประชุมเชิงปฏิบัติการ 20 เม.ย. 2565 "
     "(จำลองเป็นตัวอย่าง)"),
]

# id, objective, title_th, title_en, baseline, target, unit, direction, weight,
# units (first = owner; [] = nobody), start, due (None = FY bounds),
# pace (share of the schedule achieved; None = no check-in), how_th
KEY_RESULTS = [
    ("KR-64-01-1", "OBJ-64-01", "ร้อยละของหมู่บ้านเป้าหมายที่มีแผนป้องกันอาชญากรรมโดยชุมชน",
     "Target villages with a community crime-prevention plan", 20, 60, "ร้อยละ", "up", 0.5,
     ["U64-JUS", "U64-CJC", "U64-POL", "U64-GOV", "U64-LAO"], None, None, 1.05,
     "ประชาคมหมู่บ้านร่วมกับฝ่ายปกครองและตำรวจจัดทำแผนชุมชนปลอดภัย หมู่บ้านละ 1 แผน"),
    ("KR-64-01-2", "OBJ-64-01", "จำนวนคดีประทุษร้ายต่อทรัพย์ที่รับแจ้ง (คดีต่อปี)",
     "Reported property crimes per year", 410, 370, "คดี", "down", 0.5, ["U64-POL"],
     None, None, 0.95, None),
    ("KR-64-02-1", "OBJ-64-02", "อัตราการกระทำผิดซ้ำภายใน 1 ปีของผู้ถูกคุมความประพฤติ",
     "One-year reoffending rate of probationers", 12.5, 9.0, "ร้อยละ", "down", 0.6,
     ["U64-PRB", "U64-PRS", "U64-CJC"], None, None, 1.1,
     "ประเมินความเสี่ยงรายบุคคลและส่งต่อศูนย์ยุติธรรมชุมชนดูแลต่อเนื่อง"),
    ("KR-64-02-2", "OBJ-64-02", "จำนวนผู้พ้นโทษที่ได้รับการจ้างงานหรือประกอบอาชีพ",
     "Released prisoners employed or self-employed", 35, 80, "คน", "up", 0.4,
     ["U64-PRB", "U64-PRS", "U64-GOV"], None, None, 1.0, None),
    ("KR-64-03-1", "OBJ-64-03", "ร้อยละความพึงพอใจของผู้รับบริการสำนักงานยุติธรรมจังหวัด",
     "Satisfaction of service users", 82, 90, "ร้อยละ", "up", 0.3, ["U64-JUS"], None, None,
     1.0, "พัฒนาทักษะการให้บริการของเจ้าหน้าที่และลดขั้นตอน"),
    ("KR-64-03-2", "OBJ-64-03", "ระยะเวลาเฉลี่ยในการพิจารณาคำขอค่าตอบแทนผู้เสียหาย",
     "Average days to decide a victim-compensation claim", 45, 30, "วัน", "down", 0.4,
     ["U64-JUS"], None, None, 0.9, None),
    ("KR-64-03-3", "OBJ-64-03", "จำนวนจุดบริการยุติธรรมใกล้บ้านในที่ว่าการอำเภอ",
     "Justice service points at district offices", 3, 9, "แห่ง", "up", 0.3,
     ["U64-JUS", "U64-GOV"], None, None, 1.0, None),
    ("KR-64-04-1", "OBJ-64-04", "จำนวนผู้ใช้ยาเสพติดที่ผ่านการบำบัดและได้รับการติดตามครบ 1 ปี",
     "Treated drug users followed up for one year", 120, 200, "คน", "up", 0.6,
     ["U64-PRB", "U64-CJC", "U64-POL", "U64-GOV"], None, None, 0.95, None),
    ("KR-64-04-2", "OBJ-64-04", "จำนวนอาสาสมัครเครือข่ายยุติธรรมชุมชนที่ผ่านการอบรม",
     "Trained community justice volunteers", 150, 300, "คน", "up", 0.4,
     ["U64-JUS", "U64-CJC"], None, None, 1.1, None),
    ("KR-48-01-1", "OBJ-48-01", "ร้อยละของหมู่บ้านชายแดนริมโขงที่ผ่านเกณฑ์หมู่บ้านปลอดยาเสพติด",
     "Mekong border villages certified drug-free", 38, 60, "ร้อยละ", "up", 0.6,
     ["U48-GOV", "U48-POL", "U48-JUS", "U48-CJC"], None, None, 0.6, None),
    ("KR-48-01-2", "OBJ-48-01", "อัตราการกลับไปเสพซ้ำของผู้ผ่านการบำบัดยาเสพติด",
     "Relapse rate after drug treatment", 18, 14, "ร้อยละ", "down", 0.4, ["U48-PRB"],
     None, None, 0.7, None),
    ("KR-48-02-1", "OBJ-48-02",
     "ร้อยละของผู้พ้นโทษที่ได้รับการติดตามช่วยเหลือภายใน 30 วันหลังปล่อยตัว",
     "Released prisoners contacted within 30 days", 40, 85, "ร้อยละ", "up", 0.5,
     ["U48-PRB", "U48-PRS", "U48-CJC"], None, None, 0.4,
     "เรือนจำส่งรายชื่อล่วงหน้า คุมประพฤติและศูนย์ยุติธรรมชุมชนติดตามถึงบ้าน"),
    ("KR-48-02-2", "OBJ-48-02",
     "จำนวนผู้ได้รับการปล่อยตัวตามพระราชกฤษฎีกาพระราชทานอภัยโทษที่ได้รับการสงเคราะห์",
     "Pardoned persons given support", 20, 60, "คน", "up", 0.3, ["U48-PRB", "U48-PRS"],
     None, None, 0.65, None),
    ("KR-48-02-3", "OBJ-48-02", "จำนวนสถานประกอบการที่ลงนามความร่วมมือรับผู้พ้นโทษเข้าทำงาน",
     "Employers signed up to hire ex-offenders", 3, 15, "แห่ง", "up", 0.2, [], None, None,
     0.5, None),
    ("KR-48-03-1", "OBJ-48-03",
     "ร้อยละของคำขอรับความช่วยเหลือจากกองทุนยุติธรรมที่พิจารณาแล้วเสร็จภายใน 30 วัน",
     "Justice Fund requests decided within 30 days", 60, 90, "ร้อยละ", "up", 0.5,
     ["U48-JUS"], None, None, 0.8, None),
    ("KR-48-03-2", "OBJ-48-03", "จำนวนครั้งการออกหน่วยบริการยุติธรรมเคลื่อนที่ในอำเภอห่างไกล",
     "Mobile justice service trips to remote districts", 12, 24, "ครั้ง", "up", 0.5,
     ["U48-JUS", "U48-LED", "U48-PROS", "U48-CJC"], None, None, 0.75,
     "ออกหน่วยร่วมกับบังคับคดี (ไกล่เกลี่ยหนี้) และอัยการ (คุ้มครองสิทธิ) เดือนละ 2 ครั้ง"),
    ("KR-48-04-1", "OBJ-48-04", "จำนวนผู้ติดตามเพจสำนักงานยุติธรรมจังหวัดนครพนม",
     "Followers of the provincial justice office page", 1200, 5000, "คน", "up", 0.5,
     ["U48-JUS"], None, None, 0.7, None),
    ("KR-48-04-2", "OBJ-48-04", "จำนวนสื่อความรู้กฎหมายที่ผลิตและเผยแพร่",
     "Legal-knowledge media pieces published", 10, 48, "ชิ้น", "up", 0.5, ["U48-JUS"],
     None, None, 0.6, None),
    ("KR-83-01-1", "OBJ-83-01",
     "ร้อยละของเรื่องร้องเรียนของนักท่องเที่ยวที่ไกล่เกลี่ยหรือแก้ไขได้สำเร็จ",
     "Tourist complaints mediated or resolved", 55, 80, "ร้อยละ", "up", 0.6,
     ["U83-JUS", "U83-POL", "U83-GOV", "U83-CJC"], None, None, 0.95, None),
    ("KR-83-01-2", "OBJ-83-01", "จำนวนคดีลักทรัพย์ในพื้นที่ท่องเที่ยวหลัก (คดีต่อปี)",
     "Thefts in main tourist areas per year", 260, 200, "คดี", "down", 0.4, ["U83-POL"],
     None, None, 0.85, None),
    ("KR-83-02-1", "OBJ-83-02", "อัตราการกระทำผิดซ้ำภายใน 1 ปีของผู้ถูกคุมความประพฤติ",
     "One-year reoffending rate of probationers", 14, 10, "ร้อยละ", "down", 0.6,
     ["U83-PRB", "U83-PRS", "U83-CJC"], None, None, 0.9, None),
    ("KR-83-02-2", "OBJ-83-02",
     "จำนวนผู้ถูกคุมความประพฤติที่ผ่านการฝึกอาชีพด้านการท่องเที่ยวและบริการ",
     "Probationers trained for tourism and service jobs", 60, 150, "คน", "up", 0.4,
     ["U83-PRB", "U83-LAO"], None, None, 1.0, None),
    ("KR-83-03-1", "OBJ-83-03", "ร้อยละความพึงพอใจของผู้รับบริการศูนย์ยุติธรรมชุมชน",
     "Satisfaction with community justice centres", 80, 90, "ร้อยละ", "up", 0.5,
     ["U83-JUS"], None, None, 0.95, None),
    ("KR-83-03-2", "OBJ-83-03", "รักษาระดับเรื่องร้องเรียนที่ตอบรับภายใน 1 วันทำการไว้ที่ร้อยละ 100",
     "Keep complaints acknowledged within one working day at 100%", 100, 100, "ร้อยละ",
     "reach", 0.5, ["U83-JUS"], None, None, 1.0, None),
    ("KR-70-01-1", "OBJ-70-01",
     "ร้อยละของชุมชนเป้าหมายที่บำบัดฟื้นฟูผู้ใช้ยาเสพติดโดยชุมชนเป็นศูนย์กลาง (CBTx)",
     "Target communities running community-based treatment", 25, 50, "ร้อยละ", "up", 0.5,
     ["U70-GOV", "U70-PRB", "U70-CJC", "U70-LAO"], None, None, 0.8, None),
    ("KR-70-01-2", "OBJ-70-01", "จำนวนคดียาเสพติดที่รับแจ้ง (คดีต่อปี)",
     "Reported drug cases per year", 2850, 2600, "คดี", "down", 0.5, ["U70-POL"],
     None, None, 0.5, None),
    ("KR-70-02-1", "OBJ-70-02", "อัตราการกระทำผิดซ้ำภายใน 1 ปีของเด็กและเยาวชน",
     "One-year reoffending rate of young offenders", 16, 12, "ร้อยละ", "down", 0.6,
     ["U70-JUV", "U70-CJC", "U70-LAO"], None, None, 0.85, None),
    ("KR-70-02-2", "OBJ-70-02", "จำนวนคดีเด็กและเยาวชนที่ใช้มาตรการพิเศษแทนการดำเนินคดีอาญา",
     "Juvenile cases diverted by special measures", 40, 70, "คดี", "up", 0.4, ["U70-JUV"],
     None, None, 0.9, None),
    ("KR-70-03-1", "OBJ-70-03",
     "ร้อยละของคำขอค่าตอบแทนผู้เสียหายที่พิจารณาแล้วเสร็จภายใน 60 วัน",
     "Victim-compensation claims decided within 60 days", 70, 90, "ร้อยละ", "up", 0.4,
     ["U70-JUS"], None, None, 0.75, None),
    ("KR-70-03-2", "OBJ-70-03", "จำนวนเรื่องไกล่เกลี่ยข้อพิพาทที่สำเร็จโดยศูนย์ยุติธรรมชุมชน",
     "Disputes settled by community justice centres", 90, 150, "เรื่อง", "up", 0.4,
     ["U70-CJC", "U70-JUS"], None, None, 0.8, None),
    ("KR-70-03-3", "OBJ-70-03", "จำนวนแรงงานข้ามชาติที่ได้รับความรู้กฎหมายเบื้องต้น",
     "Migrant workers given basic legal knowledge", 0, 500, "คน", "up", 0.2, ["U70-JUS"],
     "2022-07-01", None, None, "เพิ่มเข้ามากลางปีตามมติ กพยจ. ครั้งที่ 3/2565 (ตัวอย่าง)"),
    ("KR-70-04-1", "OBJ-70-04", "จำนวนเรื่องไกล่เกลี่ยหนี้ชั้นบังคับคดีที่สำเร็จ",
     "Debt cases settled at execution stage", 150, 250, "เรื่อง", "up", 0.5,
     ["U70-LED", "U70-JUS"], None, None, 0.85, None),
    ("KR-70-04-2", "OBJ-70-04", "มูลค่าหนี้ที่ไกล่เกลี่ยสำเร็จ", "Value of debt settled", 45, 80,
     "ล้านบาท", "up", 0.5, ["U70-LED"], None, None, 0.8, None),
    ("KR-OJA-01-1", "OBJ-OJA-01", "ร้อยละความสำเร็จของการเปิดศูนย์ปฏิบัติการ ศอช.",
     "Crime forecasting operations room opened (% complete)", 0, 100, "ร้อยละ", "up", 0.5,
     ["OJA-CFC", "OJA-RDO", "OJA-SEC"], "2022-05-01", None, 1.0,
     "(1) NCF (2) ศูนย์ปฏิบัติการที่ใช้งานได้จริง — ตามผลการประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565"),
    ("KR-OJA-01-2", "OBJ-OJA-01",
     "จำนวนหน่วยงานที่เชื่อมข้อมูลกับแอปพลิเคชัน ศอช. (ใช้ได้จริง เข้าถึงง่าย ปลอดภัย เป็นปัจจุบัน)",
     "Agencies connected to the crime-data application", 0, 8, "หน่วยงาน", "up", 0.5,
     ["OJA-CFC"], "2022-05-01", None, 0.9,
     "แอปพลิเคชันต้องใช้ได้จริง เข้าถึงง่าย ปลอดภัย เป็นปัจจุบัน — การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565"),
]

CHECKIN_MONTHS = [dt.date(2021, m, 25) for m in (10, 11, 12)] + [
    dt.date(2022, m, 25) for m in range(1, 7)
]
MONTH_NOTES = {
    10: "ชี้แจงแผนต่อที่ประชุม กพยจ. ครั้งที่ 1/2565",
    11: "เริ่มกิจกรรมภาคสนามตามแผน",
    12: "สรุปผลไตรมาสที่ 1",
    1: "สถานการณ์โควิด-19 ระลอกใหม่ทำให้เลื่อนกิจกรรมกลุ่มบางส่วน",
    2: "กลับมาจัดกิจกรรมในพื้นที่ได้ตามมาตรการ",
    3: "สรุปผลไตรมาสที่ 2 เสนอที่ประชุม กพยจ. ครั้งที่ 2/2565",
    4: "ช่วงเทศกาลสงกรานต์ ปรับแผนการลงพื้นที่",
    5: "ลงพื้นที่ติดตามร่วมกับ สกธ.",
    6: "สรุปผลไตรมาสที่ 3 เสนอที่ประชุม กพยจ. ครั้งที่ 3/2565",
}
#: units whose values only accumulate during the year
CUMULATIVE_UOMS = {"คน", "แห่ง", "ครั้ง", "ชิ้น", "เรื่อง", "ล้านบาท", "หน่วยงาน"}
# fmt: on


def _okr(rng: random.Random, unit_names: dict[str, str]) -> dict[str, list[dict]]:
    names = "id province_code unit_id parent_id title_th title_en description_th"
    objectives = _rows("objectives", names, OBJECTIVES, fiscal_year=FY)
    key_results, kr_units, checkins = [], [], []
    for row in KEY_RESULTS:
        kid, oid, th, en, base, target, uom, direction, weight, units = row[:10]
        start, due, pace, how = row[10:]
        start_date = _d(start) if start else FY_START
        due_date = _d(due) if due else FY_END
        key_results.append(
            _row(
                "key_results",
                id=kid,
                objective_id=oid,
                title_th=th,
                title_en=en,
                baseline=float(base),
                target=float(target),
                unit_of_measure=uom,
                direction=direction,
                weight=weight,
                owner_unit_id=units[0] if units else None,
                start_date=start_date,
                due_date=due_date,
                how_th=how,
                # the sample's check-ins are levels moving from baseline to target (issue 17)
                measure_type="level",
            )
        )
        kr_units += [
            _row("kr_units", key_result_id=kid, unit_id=u, role="contributor" if i else "owner")
            for i, u in enumerate(units)
        ]
        if pace is not None:
            reporter = (
                f"เจ้าหน้าที่ผู้รับผิดชอบ — {unit_names[units[0]]}"
                if units
                else "เจ้าหน้าที่สำนักงานยุติธรรมจังหวัด (บันทึกแทน ไม่มีหน่วยงานเจ้าของ)"
            )
            checkins += _checkins(
                rng, kid, float(base), float(target), uom, direction, start_date, due_date,
                pace, reporter,
            )  # fmt: skip
    return {
        "objectives": objectives,
        "key_results": key_results,
        "kr_units": kr_units,
        "checkins": checkins,
    }


def _checkins(
    rng: random.Random, kid: str, base: float, target: float, uom: str, direction: str,
    start: dt.date, due: dt.date, pace: float, reporter: str,
) -> list[dict]:  # fmt: skip
    """Monthly check-ins that move from ``base`` towards ``target`` at ``pace`` x schedule."""
    rows = []
    progress = 0.0
    span_days = (due - start).days
    for day in CHECKIN_MONTHS:
        if day < start:
            continue
        elapsed = (day - start).days / span_days
        if direction == "reach":
            value = target if rng.random() < 0.75 else round(target - rng.uniform(1.0, 3.5), 1)
            ratio = 1.0
        else:
            noisy = min(1.0, max(0.0, pace * elapsed + rng.uniform(-0.03, 0.03)))
            progress = max(progress, noisy) if uom in CUMULATIVE_UOMS else noisy
            raw = base + (target - base) * progress
            value = round(raw) if uom in CUMULATIVE_UOMS or uom == "คดี" else round(raw, 1)
            ratio = (value - base) / (target - base) / elapsed if elapsed else 1.0
        if ratio >= 0.95:
            status = "เป็นไปตามแผน"
        elif ratio >= 0.75:
            status = "ล่าช้าเล็กน้อย"
        else:
            status = "ล่าช้ากว่าแผน ต้องเร่งรัด"
        confidence = 0.35 + 0.5 * min(pace, 1.1) - (1.0 - min(pace, 1.0)) * elapsed * 0.4
        confidence = round(min(0.95, max(0.05, confidence + rng.uniform(-0.05, 0.05))), 2)
        note = f"{status}; {MONTH_NOTES[day.month]}"
        rows.append((f"CI-{kid[3:]}-{day:%Y%m}", day, float(value), confidence, note))
    names = "id date value confidence note_th"
    return _rows("checkins", names, rows, key_result_id=kid, reporter=reporter)


# =========================================================================== KPIs
# fmt: off
DIMENSIONS = {"effectiveness": "EF", "service_quality": "SQ", "efficiency": "EC",
              "org_development": "OD"}
LEVELS = {"organisation": "O", "division": "D", "group": "G", "individual": "I"}
# dimension, level, unit suffix, name_th, unit_of_measure, target, lower is better?,
# thresholds of the 5-level score (level 3 = target) or None
KPI_TEMPLATE = [
    ("effectiveness", "organisation", "JUS",
     "ร้อยละของหมู่บ้าน/ชุมชนเป้าหมายที่มีกลไกป้องกันอาชญากรรมโดยชุมชน", "ร้อยละ", 60, False,
     (40, 50, 60, 70, 80)),
    ("effectiveness", "division", "PRB", "อัตราการกระทำผิดซ้ำของผู้ถูกคุมความประพฤติ",
     "ร้อยละ", 10, True, (14, 12, 10, 8, 6)),
    ("effectiveness", "group", "CJC", "จำนวนเรื่องไกล่เกลี่ยข้อพิพาทสำเร็จของศูนย์ยุติธรรมชุมชน",
     "เรื่อง", 120, False, None),
    ("effectiveness", "individual", "JUS",
     "จำนวนผู้รับคำปรึกษากฎหมายต่อเจ้าหน้าที่ต่อเดือน", "ราย", 20, False, None),
    ("service_quality", "organisation", "JUS", "ร้อยละความพึงพอใจของผู้รับบริการ", "ร้อยละ", 85,
     False, (75, 80, 85, 90, 95)),
    ("service_quality", "division", "JUS", "ร้อยละของเรื่องร้องเรียนที่แก้ไขแล้วเสร็จภายในกำหนด",
     "ร้อยละ", 90, False, None),
    ("service_quality", "group", "CJC", "ระยะเวลาเฉลี่ยในการให้บริการ ณ ศูนย์ยุติธรรมชุมชน",
     "นาที", 30, True, (50, 40, 30, 25, 20)),
    ("service_quality", "individual", "JUS",
     "ร้อยละของผู้รับบริการที่ประเมินเจ้าหน้าที่ในระดับดีขึ้นไป", "ร้อยละ", 90, False, None),
    ("efficiency", "organisation", "JUS", "ร้อยละการเบิกจ่ายงบประมาณตามแผน (ไตรมาส 3)",
     "ร้อยละ", 75, False, (65, 70, 75, 80, 85)),
    ("efficiency", "division", "PRB", "ร้อยละของโครงการที่ดำเนินการแล้วเสร็จตามแผน", "ร้อยละ",
     80, False, None),
    ("efficiency", "group", "CJC", "ร้อยละของข้อมูลผู้พ้นโทษที่ส่งต่อครบถ้วนภายใน 7 วัน",
     "ร้อยละ", 90, False, (80, 85, 90, 95, 100)),
    ("efficiency", "individual", "JUS",
     "ร้อยละของรายงานประจำสัปดาห์ที่ส่งภายในวันศุกร์ก่อน 16.00 น.", "ร้อยละ", 95, False, None),
    ("org_development", "organisation", "JUS",
     "ระดับความสำเร็จของการพัฒนาคุณภาพการบริหารจัดการภาครัฐ (PMQA)", "ระดับ", 3, False,
     (1, 2, 3, 4, 5)),
    ("org_development", "division", "JUS", "ร้อยละของบุคลากรที่ได้รับการพัฒนาตามแผน", "ร้อยละ",
     80, False, None),
    ("org_development", "group", "CJC", "จำนวนองค์ความรู้ที่ถอดบทเรียนและเผยแพร่", "เรื่อง", 3,
     False, None),
    ("org_development", "individual", "JUS", "จำนวนชั่วโมงการพัฒนาตนเองของบุคลากรต่อคน",
     "ชั่วโมง", 20, False, (12, 16, 20, 24, 28)),
]
#: how well each province performs against its KPI targets (fictitious)
KPI_PERFORMANCE = {"64": 1.04, "48": 0.86, "83": 1.0, "70": 0.93}
#: planted gap 9: no KPI in this (province, dimension, level) cell
KPI_EMPTY_CELL = ("83", "org_development", "individual")
#: KPIs that are also tied to one key result
KPI_KR = {
    ("64", "effectiveness", "organisation"): "KR-64-01-1",
    ("64", "effectiveness", "division"): "KR-64-02-1",
    ("83", "effectiveness", "division"): "KR-83-02-1",
    ("83", "service_quality", "organisation"): "KR-83-03-1",
    ("70", "effectiveness", "group"): "KR-70-03-2",
}
# fmt: on


def _kpis() -> list[dict]:
    rows = []
    for code in PROVINCES:
        perf = KPI_PERFORMANCE[code]
        for dim, level, suffix, name, uom, target, down, thresholds in KPI_TEMPLATE:
            if (code, dim, level) == KPI_EMPTY_CELL:
                continue
            actual = target / perf if down else target * perf
            actual = min(actual, 100.0) if uom == "ร้อยละ" else actual
            actual = round(actual) if uom in ("ระดับ", "เรื่อง", "ราย") else round(actual, 1)
            lv = thresholds or (None,) * 5
            rows.append(
                (f"KPI-{code}-{DIMENSIONS[dim]}-{LEVELS[level]}", code, f"U{code}-{suffix}",
                 name, dim, level, f"OBJ-{code}-01" if level == "organisation" else None,
                 KPI_KR.get((code, dim, level)), uom, float(target), float(actual), *lv)
            )  # fmt: skip
    names = (
        "id province_code unit_id name_th dimension level objective_id key_result_id "
        "unit_of_measure target actual level1 level2 level3 level4 level5"
    )
    return _rows("kpis", names, rows, fiscal_year=FY)


# =========================================================================== initiatives
# fmt: off
B_PROV, B_CLUSTER, B_OPS, B_OJA = ("งบประมาณจังหวัด", "งบกลุ่มจังหวัด", "งบกระทรวง (สป.ยธ.)",
                                  "งบกระทรวง (สกธ.)")
# id, province, kind, name_th, owner, budget, source, spent, status, start, end, KRs, plan items
INITIATIVES = [
    ("INI-64-01", "64", "project", "โครงการชุมชนปลอดภัย ห่างไกลอาชญากรรม จังหวัดสุโขทัย",
     "U64-JUS", 350_000, B_PROV, 210_000, "in_progress", "2021-11-01", "2022-09-15",
     ["KR-64-01-1", "KR-64-01-2"], ["S-PP-64-3", "S-CPV-PART"]),
    ("INI-64-02", "64", "project", "โครงการคืนคนดีสู่สังคม: ฝึกอาชีพและหางานให้ผู้พ้นโทษ",
     "U64-PRB", 480_000, "งบกรมคุมประพฤติ", 300_000, "in_progress", "2021-11-15",
     "2022-09-15", ["KR-64-02-1", "KR-64-02-2"], ["S-PP-64-3", "S-CR-1"]),
    ("INI-64-03", "64", "activity", "หน่วยบริการยุติธรรมเคลื่อนที่และจุดบริการยุติธรรมใกล้บ้าน",
     "U64-JUS", 120_000, B_OPS, 95_000, "in_progress", "2021-10-15", "2022-09-30",
     ["KR-64-03-1", "KR-64-03-2", "KR-64-03-3"], ["S-MP-2"]),
    ("INI-64-04", "64", "project", "โครงการไกล่เกลี่ยหนี้สินและให้ความรู้กฎหมายแก่เกษตรกร",
     "U64-LED", 150_000, B_CLUSTER, 150_000, "done", "2021-12-01", "2022-03-31",
     ["KR-64-03-1"], ["S-PP-64-2"]),
    ("INI-64-05", "64", "project",
     "โครงการส่งเสริมความปลอดภัยนักท่องเที่ยวรอบอุทยานประวัติศาสตร์สุโขทัย", "U64-POL",
     200_000, B_PROV, 80_000, "in_progress", "2022-01-10", "2022-08-31", ["KR-64-01-2"],
     ["S-PP-64-1"]),
    ("INI-64-06", "64", "activity", "อบรมอาสาสมัครยุติธรรมชุมชนและเครือข่ายติดตามผู้ผ่านการบำบัด",
     "U64-JUS", 180_000, B_OPS, 160_000, "done", "2021-11-01", "2022-05-31",
     ["KR-64-04-1", "KR-64-04-2"], ["S-PP-64-3", "S-MP-3", "S-CPV-PART"]),
    ("INI-48-01", "48", "project", "โครงการหมู่บ้านชายแดนริมโขงปลอดยาเสพติด", "U48-GOV",
     600_000, B_PROV, 180_000, "in_progress", "2021-12-01", "2022-09-30", ["KR-48-01-1"],
     ["S-PP-48-1", "S-MP-3"]),
    ("INI-48-02", "48", "project", "โครงการบำบัดฟื้นฟูผู้ใช้ยาเสพติดโดยชุมชนเป็นศูนย์กลาง",
     "U48-PRB", 250_000, "งบกรมคุมประพฤติ", 70_000, "in_progress", "2022-01-01",
     "2022-09-30", ["KR-48-01-2"], ["S-PP-48-1"]),
    ("INI-48-03", "48", "project",
     "โครงการรองรับผู้พ้นโทษและผู้ได้รับพระราชทานอภัยโทษ คืนคนดีสู่ชุมชนนครพนม", "U48-PRB",
     320_000, B_CLUSTER, 40_000, "in_progress", "2022-02-01", "2022-09-30",
     ["KR-48-02-1", "KR-48-02-2", "KR-48-02-3"], ["S-CR-2", "S-PP-48-2"]),
    ("INI-48-04", "48", "activity", "ประชุมขับเคลื่อน กพยจ.นครพนม รายไตรมาส", "U48-JUS", 60_000,
     B_OPS, 30_000, "in_progress", "2021-10-15", "2022-09-30", ["KR-48-01-1"],
     ["S-PP-48-3", "S-MP-1"]),
    ("INI-48-05", "48", "activity", "หน่วยบริการยุติธรรมเคลื่อนที่สู่อำเภอห่างไกล", "U48-JUS",
     140_000, B_OPS, 60_000, "in_progress", "2021-11-01", "2022-09-30",
     ["KR-48-03-1", "KR-48-03-2"], ["S-PP-48-2", "S-MP-2"]),
    ("INI-48-06", "48", "activity", "ผลิตสื่อประชาสัมพันธ์งานยุติธรรมออนไลน์", "U48-JUS", 40_000,
     B_OPS, 15_000, "in_progress", "2021-11-01", "2022-09-30", ["KR-48-04-1", "KR-48-04-2"],
     []),
    ("INI-83-01", "83", "project", "โครงการศูนย์ไกล่เกลี่ยข้อพิพาทนักท่องเที่ยว",
     "U83-JUS", 420_000, B_PROV, 260_000, "in_progress", "2021-11-01", "2022-09-30",
     ["KR-83-01-1"], ["S-PP-83-1"]),
    ("INI-83-02", "83", "project", "โครงการฝึกอาชีพด้านการท่องเที่ยวและบริการแก่ผู้ถูกคุมความประพฤติ",
     "U83-PRB", 380_000, "งบ อปท. (อบจ.ภูเก็ต)", 250_000, "in_progress", "2021-12-01",
     "2022-08-31", ["KR-83-02-1", "KR-83-02-2"], ["S-PP-83-2", "S-CR-1"]),
    ("INI-83-03", "83", "activity", "ระบบรับและติดตามเรื่องร้องเรียนออนไลน์", "U83-JUS", 90_000,
     B_OPS, 90_000, "done", "2021-10-15", "2022-02-28", ["KR-83-03-1", "KR-83-03-2"],
     ["S-PP-83-3", "S-MP-2"]),
    ("INI-83-04", "83", "project", "โครงการจัดทำป้ายและสื่อประชาสัมพันธ์ศูนย์ยุติธรรมชุมชนหลายภาษา",
     "U83-CJC", 75_000, B_PROV, 75_000, "done", "2021-11-01", "2022-01-31", [],
     ["S-PP-83-1"]),
    ("INI-83-05", "83", "project", "โครงการตรวจตราความปลอดภัยชายหาดร่วมกับอาสาสมัครชุมชน",
     "U83-POL", 300_000, B_CLUSTER, 0, "cancelled", "2022-01-01", "2022-06-30",
     ["KR-83-01-2"], ["S-PP-83-2"]),
    ("INI-70-01", "70", "project", "โครงการชุมชนบำบัด (CBTx) จังหวัดราชบุรี", "U70-GOV", 550_000,
     B_PROV, 260_000, "in_progress", "2021-11-01", "2022-09-30",
     ["KR-70-01-1", "KR-70-01-2"], ["S-PP-70-1", "S-MP-3"]),
    ("INI-70-02", "70", "project", "โครงการยุติธรรมเชิงสมานฉันท์สำหรับเด็กและเยาวชน", "U70-JUV",
     220_000, "งบกรมพินิจฯ", 120_000, "in_progress", "2021-11-15", "2022-09-15",
     ["KR-70-02-1", "KR-70-02-2"], ["S-PP-70-2"]),
    ("INI-70-03", "70", "activity", "เสริมศักยภาพผู้ไกล่เกลี่ยของศูนย์ยุติธรรมชุมชน", "U70-JUS",
     130_000, B_OPS, 100_000, "done", "2021-12-01", "2022-04-30", ["KR-70-03-2"],
     ["S-PP-70-2", "S-CPV-PART"]),
    ("INI-70-04", "70", "project", "มหกรรมไกล่เกลี่ยหนี้ชั้นบังคับคดี จังหวัดราชบุรี", "U70-LED",
     260_000, "งบกรมบังคับคดี", 240_000, "done", "2022-02-01", "2022-05-31",
     ["KR-70-04-1", "KR-70-04-2"], ["S-PP-70-3"]),
    ("INI-70-05", "70", "activity", "ให้ความรู้กฎหมายเบื้องต้นแก่แรงงานข้ามชาติ", "U70-JUS",
     80_000, B_PROV, 0, "planned", "2022-07-01", "2022-09-30", ["KR-70-03-3"],
     ["S-PP-70-2", "S-CR-1"]),
    ("INI-OJA-01", None, "project", "โครงการพัฒนาศูนย์ปฏิบัติการและแอปพลิเคชัน ศอช.", "OJA-CFC",
     2_500_000, B_OJA, 400_000, "in_progress", "2022-05-01", "2022-09-30",
     ["KR-OJA-01-1", "KR-OJA-01-2"], ["JMP3-ALL", "NMP61-22"]),
]
# fmt: on


def _initiatives() -> tuple[list[dict], list[dict], list[tuple[str, str, str]]]:
    rows, links, aligns = [], [], []
    for row in INITIATIVES:
        iid, prov, kind, name, owner, budget, source, spent, status, start, end = row[:11]
        krs, items = row[11:]
        money, dates = (float(budget), source, float(spent)), (_d(start), _d(end))
        rows.append((iid, prov, kind, name, owner, *money, status, *dates))
        links += [(iid, k) for k in krs]
        aligns += [("initiative", iid, item) for item in items]
    names = (
        "id province_code kind name_th owner_unit_id budget budget_source budget_spent status "
        "start_date end_date"
    )
    return (
        _rows("initiatives", names, rows, fiscal_year=FY),
        _rows("initiative_krs", "initiative_id key_result_id", links),
        aligns,
    )


# =========================================================================== alignments
# fmt: off
# FY2565 follows the plans in force that year (kpyj_lib.reference.plan_status): the Justice
# Master Plan No. 3 (JMP3-ALL: its strategies are unconfirmed, so the plan as a whole) and the
# original master plans under the National Strategy (NMP61, before their 2566 revision).
# No. 4 was a draft in 2565 and the revised master plans start in 2566.
PLAN_ITEM_ALIGNMENTS = {
    # provincial plan issue -> cluster plan issue
    "S-PP-64-1": ["S-CP-N1-1"], "S-PP-64-2": ["S-CP-N1-2"], "S-PP-64-3": ["S-CP-N1-3"],
    "S-PP-48-1": ["S-CP-NE2-2"], "S-PP-48-2": ["S-CP-NE2-3"], "S-PP-48-3": ["S-CP-NE2-3"],
    "S-PP-83-1": ["S-CP-AND-1"], "S-PP-83-2": ["S-CP-AND-2"], "S-PP-83-3": ["S-CP-AND-2"],
    "S-PP-70-1": ["S-CP-C1-1"], "S-PP-70-2": ["S-CP-C1-1"], "S-PP-70-3": ["S-CP-C1-2"],
    "S-PP-70-4": ["S-CP-C1-3"],
    # cluster plan issue -> national master plan / national strategy
    "S-CP-N1-1": ["NMP61-05", "NS-2"], "S-CP-N1-2": ["NMP61-03", "NS-2"],
    "S-CP-N1-3": ["NMP61-01", "NMP61-22", "NS-1"],
    "S-CP-NE2-1": ["NMP61-09", "NS-2"], "S-CP-NE2-2": ["NMP61-01", "NS-1"],
    "S-CP-NE2-3": ["NMP61-17", "NMP61-20", "NS-4", "NS-6"],
    "S-CP-AND-1": ["NMP61-05", "NS-2"], "S-CP-AND-2": ["NMP61-01", "NMP61-22", "NS-1"],
    "S-CP-AND-3": ["NMP61-18", "NS-5"],
    "S-CP-C1-1": ["NMP61-01", "NS-1"], "S-CP-C1-2": ["NMP61-03", "NMP61-05", "NS-2"],
    "S-CP-C1-3": ["NMP61-18", "NMP61-19", "NS-5"],
    # Cabinet resolutions and ministry policy -> master plan / strategy
    "S-CR-1": ["NMP61-22"], "S-CR-2": ["NMP61-22"],
    "S-MP-1": ["NMP61-22", "NS-6"], "S-MP-2": ["NMP61-20", "NS-6"], "S-MP-3": ["NMP61-01"],
}
OBJECTIVE_ALIGNMENTS = {
    "OBJ-64-01": ["S-PP-64-3", "JMP3-ALL", "S-CPV-PART"],
    "OBJ-64-02": ["S-CR-1", "JMP3-ALL"],
    "OBJ-64-03": ["S-PP-64-3", "S-MP-2", "JMP3-ALL"],
    "OBJ-64-04": ["S-MP-3", "S-CPV-PART"],
    "OBJ-48-01": ["S-PP-48-1", "S-MP-3", "JMP3-ALL"],
    "OBJ-48-02": ["S-PP-48-2", "S-CR-2"],
    "OBJ-48-03": ["S-PP-48-2", "JMP3-ALL"],
    # OBJ-48-04: planted orphan, aligned to nothing (nor are its KRs and project)
    "OBJ-83-01": ["S-PP-83-1", "JMP3-ALL"],
    "OBJ-83-02": ["S-PP-83-2", "S-CR-1"],
    "OBJ-83-03": ["S-PP-83-3", "S-MP-2", "JMP3-ALL"],
    "OBJ-70-01": ["S-PP-70-1", "S-CPV-PART"],
    "OBJ-70-02": ["S-PP-70-2", "JMP3-ALL"],
    "OBJ-70-03": ["S-PP-70-2", "JMP3-ALL"],
    "OBJ-70-04": ["S-PP-70-3"],
    "OBJ-OJA-01": ["JMP3-ALL", "NMP61-22"],
}
KR_ALIGNMENTS = {
    "KR-64-01-1": ["S-CPV-PART"],
    "KR-64-02-1": ["S-CR-1"],
    "KR-48-02-2": ["S-CR-2"],
    "KR-83-02-1": ["S-CR-1"],
    "KR-70-02-1": ["JMP3-ALL"],
    "KR-70-03-2": ["S-CPV-PART", "JMP3-ALL"],
}
# fmt: on


def _alignments(initiative_aligns: list[tuple[str, str, str]]) -> list[dict]:
    edges: list[tuple[str, str, str]] = []
    edges += [("plan_item", s, t) for s, ts in PLAN_ITEM_ALIGNMENTS.items() for t in ts]
    edges += [("objective", s, t) for s, ts in OBJECTIVE_ALIGNMENTS.items() for t in ts]
    edges += [("key_result", s, t) for s, ts in KR_ALIGNMENTS.items() for t in ts]
    edges += initiative_aligns
    rationale = "ความสอดคล้องตัวอย่าง (ตัวอย่าง) — โปรดทบทวนกับแผนฉบับจริง"
    return _rows("alignments", "source_type source_id plan_item_id", edges, rationale_th=rationale)


# =========================================================================== PMQA, services
# fmt: off
# 3 : 1 : 3 — think (1, 3, 7) : prepare (2) : act (4, 5, 6). Every province uses all seven
# categories through its objectives and KRs, except that 48 never uses 5 (planted gap 8).
PMQA = {
    ("objective", "OBJ-64-01"): [1, 2, 3, 6, 7],
    ("objective", "OBJ-64-02"): [3, 6, 7],
    ("objective", "OBJ-64-03"): [3, 4, 5, 6],
    ("objective", "OBJ-64-04"): [2, 6],
    ("objective", "OBJ-48-01"): [1, 2, 6, 7],
    ("objective", "OBJ-48-02"): [3, 6],
    ("objective", "OBJ-48-03"): [3, 4, 6],
    ("objective", "OBJ-48-04"): [3, 4],
    ("objective", "OBJ-83-01"): [1, 2, 3, 6, 7],
    ("objective", "OBJ-83-02"): [3, 5, 6],
    ("objective", "OBJ-83-03"): [3, 4, 5],
    ("objective", "OBJ-70-01"): [1, 2, 6],
    ("objective", "OBJ-70-02"): [3, 6, 7],
    ("objective", "OBJ-70-03"): [3, 4, 5, 6],
    ("objective", "OBJ-70-04"): [3, 6],
    ("objective", "OBJ-OJA-01"): [1, 2, 3, 4, 5, 6, 7],
    ("key_result", "KR-64-02-1"): [6, 7],
    ("key_result", "KR-64-03-1"): [3, 5],
    ("key_result", "KR-48-03-2"): [6],
    ("key_result", "KR-83-03-1"): [3],
    ("key_result", "KR-OJA-01-2"): [4],
    ("initiative", "INI-64-06"): [5, 6],
    ("initiative", "INI-83-03"): [4, 6],
    ("lesson", "LL-64-01"): [1],
    ("lesson", "LL-ALL-01"): [2],
}
SERVICES = {
    ("objective", "OBJ-64-01"): ["SH-COMMUNITY"],
    ("objective", "OBJ-64-02"): ["SH-RELEASED", "SH-PROBATIONER"],
    ("objective", "OBJ-64-03"): ["SH-PUBLIC", "SH-VICTIM"],
    ("objective", "OBJ-64-04"): ["SH-DRUG", "SH-NETWORK"],
    ("objective", "OBJ-48-01"): ["SH-48-BORDER", "SH-DRUG"],
    ("objective", "OBJ-48-02"): ["SH-RELEASED", "SH-EMPLOYER"],
    ("objective", "OBJ-48-03"): ["SH-POOR"],
    ("objective", "OBJ-48-04"): ["SH-PUBLIC"],
    ("objective", "OBJ-83-01"): ["SH-83-TOURIST", "SH-PUBLIC"],
    ("objective", "OBJ-83-02"): ["SH-PROBATIONER", "SH-RELEASED"],
    ("objective", "OBJ-83-03"): ["SH-PUBLIC"],
    ("objective", "OBJ-70-01"): ["SH-DRUG", "SH-COMMUNITY"],
    ("objective", "OBJ-70-02"): ["SH-YOUTH"],
    ("objective", "OBJ-70-03"): ["SH-VICTIM", "SH-POOR", "SH-70-MIGRANT"],
    ("objective", "OBJ-70-04"): ["SH-DEBTOR"],
    ("objective", "OBJ-OJA-01"): ["SH-PUBLIC"],
    ("key_result", "KR-64-03-2"): ["SH-VICTIM"],
    ("key_result", "KR-83-01-1"): ["SH-83-TOURIST"],
    ("key_result", "KR-70-03-3"): ["SH-70-MIGRANT"],
    ("initiative", "INI-64-04"): ["SH-DEBTOR"],
    ("initiative", "INI-48-03"): ["SH-RELEASED"],
    ("initiative", "INI-83-01"): ["SH-83-TOURIST"],
}
# fmt: on


def _pmqa_and_services() -> tuple[list[dict], list[dict]]:
    pmqa = [(kind, sid, c) for (kind, sid), cats in PMQA.items() for c in cats]
    services = [(kind, sid, s) for (kind, sid), holders in SERVICES.items() for s in holders]
    return (
        _rows("pmqa_mappings", "source_type source_id category", pmqa),
        _rows("service_links", "source_type source_id stakeholder_id", services),
    )


# =========================================================================== flows
# fmt: off
QUARTERLY = "รายงานผลการขับเคลื่อน กพยจ. จังหวัดต้นแบบ รายไตรมาส"
# id, from unit (None = nobody supplies), to unit (None = nobody uses), product, key result
FLOWS = [
    ("FL-64-01", "U64-PRS", "U64-PRB", "รายชื่อผู้ต้องขังที่จะพ้นโทษหรือพักการลงโทษ ล่วงหน้า 30 วัน",
     "KR-64-02-2"),
    ("FL-64-02", "U64-PRB", "U64-CJC",
     "ผลการประเมินความเสี่ยงและความต้องการของผู้ถูกคุมความประพฤติ เพื่อวางแผนดูแลในชุมชน",
     "KR-64-02-1"),
    ("FL-64-03", "U64-POL", "U64-JUS", "สถิติคดีอาญา 5 กลุ่มคดีรายเดือน", "KR-64-01-2"),
    ("FL-64-04", "U64-JUS", "U64-GOV",
     "รายงานสถานการณ์อาชญากรรมและผลการขับเคลื่อน กพยจ. เสนอที่ประชุมหัวหน้าส่วนราชการ", None),
    ("FL-64-05", "U64-CJC", "U64-JUS", "ทะเบียนอาสาสมัครเครือข่ายยุติธรรมชุมชนที่ผ่านการอบรม",
     "KR-64-04-2"),
    ("FL-64-06", "U64-JUS", "OJA-NJAD", QUARTERLY, None),
    ("FL-64-07", "U64-LED", "U64-JUS", "ผลการไกล่เกลี่ยหนี้สินเกษตรกรรายเดือน", None),
    ("FL-48-01", "U48-PRS", "U48-PRB",
     "รายชื่อผู้ได้รับการปล่อยตัวตามพระราชกฤษฎีกาพระราชทานอภัยโทษ", "KR-48-02-2"),
    ("FL-48-02", "U48-PRB", "U48-CJC", "ข้อมูลผู้พ้นโทษที่ต้องติดตามช่วยเหลือในชุมชน",
     "KR-48-02-1"),
    ("FL-48-03", "U48-POL", "U48-JUS", "สถิติคดียาเสพติดรายเดือนแยกอำเภอ", "KR-48-01-1"),
    ("FL-48-04", "U48-GOV", "U48-JUS", "ผลการประเมินหมู่บ้านปลอดยาเสพติด", "KR-48-01-1"),
    ("FL-48-05", None, "U48-PRB", "ข้อมูลสถานประกอบการที่พร้อมรับผู้พ้นโทษเข้าทำงาน",
     "KR-48-02-3"),
    ("FL-48-06", "U48-JUS", "OJA-NJAD", QUARTERLY, None),
    ("FL-83-01", "U83-POL", "U83-JUS", "ข้อมูลเรื่องร้องเรียนและคดีของนักท่องเที่ยว",
     "KR-83-01-1"),
    ("FL-83-02", "U83-PRS", "U83-PRB", "รายชื่อผู้ต้องขังที่จะพ้นโทษพร้อมประวัติการฝึกวิชาชีพ",
     "KR-83-02-1"),
    ("FL-83-03", "U83-PRB", "U83-LAO", "รายชื่อผู้ถูกคุมความประพฤติที่ประสงค์ฝึกอาชีพ",
     "KR-83-02-2"),
    ("FL-83-04", "OJA-CFC", "U83-JUS", "ข้อมูลพยากรณ์และแนวโน้มสถานการณ์อาชญากรรมของจังหวัด",
     None),
    ("FL-83-05", "U83-CJC", "U83-JUS", "ผลการไกล่เกลี่ยข้อพิพาทของศูนย์ยุติธรรมชุมชน",
     "KR-83-01-1"),
    ("FL-83-06", "U83-JUS", None,
     "สรุปสถิติผู้รับบริการศูนย์ยุติธรรมชุมชนรายเดือน (แยกสัญชาติ)", None),
    ("FL-83-07", "U83-JUS", "OJA-NJAD", QUARTERLY, None),
    ("FL-70-01", "U70-PRS", "U70-PRB", "รายชื่อผู้ต้องขังที่จะพักการลงโทษหรือพ้นโทษ", None),
    ("FL-70-02", "U70-PRB", "U70-CJC", "แผนการดูแลผู้ถูกคุมความประพฤติรายบุคคลเพื่อส่งต่อชุมชน",
     None),
    ("FL-70-03", "U70-CJC", "U70-PRS",
     "ผลการสำรวจความพร้อมของครอบครัวและชุมชนในการรับผู้ต้องขังกลับ (ก่อนพักการลงโทษ)", None),
    ("FL-70-04", "U70-POL", "U70-JUS", "สถิติคดียาเสพติดรายเดือน", "KR-70-01-2"),
    ("FL-70-05", "U70-JUV", "U70-CJC",
     "รายชื่อเด็กและเยาวชนที่เข้าสู่มาตรการพิเศษแทนการดำเนินคดี เพื่อติดตามในชุมชน",
     "KR-70-02-1"),
    ("FL-70-06", "U70-JUS", "OJA-NJAD", QUARTERLY, None),
    ("FL-OJA-01", "OJA-NJAD", "OPS-SPD", "รายงานสรุปผลการขับเคลื่อน กพยจ. เสนอปลัดกระทรวงยุติธรรม",
     None),
    ("FL-OJA-02", "OJA-RDO", "OJA-CFC", "ผลการศึกษาวิจัยปัจจัยที่มีผลต่อการเกิดอาชญากรรม",
     "KR-OJA-01-1"),
]
# fmt: on


def _flows() -> list[dict]:
    names = "id from_unit_id to_unit_id product_th key_result_id"
    return _rows("flows", names, FLOWS, fiscal_year=FY)


# =========================================================================== baselines
# fmt: off
BASELINE_NAMES = {
    # code: (name_th, unit)
    "DRUG": ("คดียาเสพติดที่รับแจ้ง", "คดี"),
    "PROP": ("คดีอาญากลุ่มประทุษร้ายต่อทรัพย์ที่รับแจ้ง", "คดี"),
    "PROB": ("ผู้ถูกคุมความประพฤติรายใหม่", "ราย"),
    "REL": ("ผู้พ้นโทษที่กลับสู่ภูมิลำเนาในจังหวัด", "ราย"),
    "COMP": ("เรื่องร้องเรียนและคำขอความช่วยเหลือทางกฎหมายต่อสำนักงานยุติธรรมจังหวัด", "เรื่อง"),
    "VICT": ("คำขอค่าตอบแทนผู้เสียหายและค่าทดแทนจำเลย", "ราย"),
    "CJC": ("ศูนย์ยุติธรรมชุมชนที่เปิดให้บริการ", "แห่ง"),
}
# province: {code: (value 2563, value 2564)} — fictitious
BASELINES = {
    "64": {"DRUG": (2100, 2250), "PROP": (430, 410), "PROB": (1450, 1520), "REL": (820, 910),
           "COMP": (380, 420), "VICT": (95, 110), "CJC": (86, 86)},
    "48": {"DRUG": (3400, 3650), "PROP": (520, 500), "PROB": (2100, 2300), "REL": (1040, 1190),
           "COMP": (450, 510), "VICT": (120, 135), "CJC": (99, 99)},
    "83": {"DRUG": (1900, 1750), "PROP": (690, 610), "PROB": (1250, 1180), "REL": (640, 600),
           "COMP": (520, 470), "VICT": (85, 80), "CJC": (17, 18)},
    "70": {"DRUG": (2700, 2850), "PROP": (880, 850), "PROB": (2600, 2750), "REL": (1500, 1620),
           "COMP": (610, 660), "VICT": (160, 170), "CJC": (104, 104)},
}
# fmt: on


def _baselines() -> list[dict]:
    data = [
        (f"BL-{code}-{key}-{year}", code, *BASELINE_NAMES[key], year, float(value))
        for code, figures in BASELINES.items()
        for key, values in figures.items()
        for year, value in zip((2563, 2564), values, strict=True)
    ]
    names = "id province_code name_th unit_of_measure year value"
    return _rows("baseline_indicators", names, data, source=FICTITIOUS)


# =========================================================================== directives
# fmt: off
MEETINGS = {
    1: dt.date(2021, 10, 18), 2: dt.date(2021, 11, 15), 3: dt.date(2021, 12, 20),
    4: dt.date(2022, 1, 24), 5: dt.date(2022, 1, 31),
}
MINISTER, PERMSEC = "รัฐมนตรีว่าการกระทรวงยุติธรรม", "ปลัดกระทรวงยุติธรรม"
# id, meeting no., issuer, level, completed, units, title,
# (goal, plan, results, outputs, outcomes, impact)
DIRECTIVES = [
    ("DIR-2565-01", 1, MINISTER, "general", None, ["OJA", "RLPD"],
     "ให้ประชาสัมพันธ์ช่องทางการให้บริการยุติธรรมใกล้บ้านแก่ประชาชนอย่างต่อเนื่อง",
     ("ประชาชนรู้จักช่องทางบริการยุติธรรมใกล้บ้าน",
      "เผยแพร่สื่อผ่านเพจและสถานีวิทยุชุมชนสัปดาห์ละ 2 ครั้ง",
      "เผยแพร่สื่อตามแผน", "สื่อประชาสัมพันธ์ 2 ชิ้นต่อสัปดาห์",
      "ประชาชนติดต่อขอรับบริการเพิ่มขึ้น", "ประชาชนเข้าถึงความยุติธรรมได้ง่ายขึ้น")),
    ("DIR-2565-02", 1, PERMSEC, "continuing", None, ["OJA", "OPS-PJC"],
     "เร่งรัดการขับเคลื่อน กพยจ. 4 จังหวัดต้นแบบ และถอดบทเรียนเพื่อขยายผลทั่วประเทศ",
     ("ตัวแบบการขับเคลื่อน กพยจ. พร้อมขยายผล",
      "ติดตามผล 4 จังหวัดต้นแบบรายเดือนและจัดทำชุดความรู้ (Lesson Learned)",
      "ติดตามผลจังหวัดต้นแบบตามแผน", "รายงานความก้าวหน้าจังหวัดต้นแบบ",
      "จังหวัดต้นแบบมีแผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด",
      "งานยุติธรรมระดับพื้นที่บูรณาการเป็นทิศทางเดียวกัน")),
    ("DIR-2565-03", 2, MINISTER, "continuing", None, ["DOP", "DOC"],
     "บูรณาการการแก้ไขฟื้นฟู ติดตาม ดูแล ช่วยเหลือผู้กระทำผิดในชุมชนระหว่างเรือนจำและคุมประพฤติ",
     ("ผู้พ้นโทษทุกรายได้รับการส่งต่อและติดตาม",
      "ส่งรายชื่อผู้จะพ้นโทษล่วงหน้า 30 วัน และติดตามภายใน 30 วันหลังปล่อยตัว",
      "ส่งต่อข้อมูลผู้พ้นโทษตามรอบ", "บัญชีรายชื่อผู้พ้นโทษที่ส่งต่อ",
      "ผู้พ้นโทษได้รับการติดตามช่วยเหลือ", "การกระทำผิดซ้ำลดลง")),
    ("DIR-2565-04", 5, PERMSEC, "completed", "2022-02-09", ["OJA"],
     "จัดทำสรุปผลการดำเนินงานตามแผนแม่บทการบริหารงานยุติธรรมแห่งชาติ ฉบับที่ 3 เสนอที่ประชุม",
     ("สรุปผลแผนแม่บทฯ ฉบับที่ 3 ให้ผู้บริหาร", "รวบรวมผลจากส่วนราชการและจัดทำสรุป",
      "จัดทำสรุปแล้วเสร็จและเสนอที่ประชุมแล้ว", "เอกสารสรุปผลแผนแม่บทฯ ฉบับที่ 3",
      "ผู้บริหารใช้ประกอบการจัดทำแผนแม่บทฯ ฉบับที่ 4",
      "แผนแม่บทฯ ฉบับที่ 4 ต่อยอดจากบทเรียนฉบับที่ 3")),
    ("DIR-2565-05", 3, PERMSEC, "completed", "2022-01-20", ["OJA"],
     "จัดทำแผนการดำเนินงานขับเคลื่อน กพยจ. ปีงบประมาณ 2565 และคู่มือด้านการป้องกันอาชญากรรม",
     ("แผนขับเคลื่อน กพยจ. ปี 2565 และคู่มือการป้องกันอาชญากรรม",
      "ยกร่างแผนและคู่มือ หารือกองยุทธศาสตร์และแผนงาน แล้วเสนอปลัดกระทรวง",
      "เสนอแผนและคู่มือแล้ว (บันทึก 20 ม.ค. 2565)", "แผนการดำเนินงานและคู่มือ 1 ชุด",
      "สำนักงานยุติธรรมจังหวัดมีแนวทางดำเนินงานชัดเจน",
      "การป้องกันอาชญากรรมในพื้นที่มีทิศทางเดียวกัน")),
    ("DIR-2565-06", 3, MINISTER, "in_progress", None, ["OJA"],
     "ศึกษาความเป็นไปได้ในการจัดตั้งศูนย์ข้อมูลอาชญากรรมระดับจังหวัด",
     ("ผลการศึกษาความเป็นไปได้ภายในไตรมาส 3",
      "ทบทวนข้อมูล ลงพื้นที่จังหวัดต้นแบบ และจัดประชุมรับฟังความเห็น",
      None, None, None, None)),
    ("DIR-2565-07", 2, MINISTER, "in_progress", None, ["DOC", "DOP"],
     "เตรียมความพร้อมรองรับผู้ได้รับการปล่อยตัวตามพระราชกฤษฎีกาพระราชทานอภัยโทษ",
     ("ผู้ได้รับการปล่อยตัวทุกรายมีแผนรองรับ",
      "คัดกรองรายชื่อ ประสานครอบครัวและศูนย์ยุติธรรมชุมชนก่อนปล่อยตัว",
      None, None, None, None)),
    ("DIR-2565-08", 3, PERMSEC, "general", None, ["OPS-SPD"],
     "กำชับการเบิกจ่ายงบประมาณให้เป็นไปตามเป้าหมายของรัฐบาล",
     ("เบิกจ่ายงบประมาณตามเป้าหมายรายไตรมาส",
      "ติดตามการเบิกจ่ายรายสัปดาห์และแจ้งเตือนหน่วยที่ล่าช้า",
      "ติดตามการเบิกจ่ายตามแผน", "รายงานการเบิกจ่ายรายสัปดาห์",
      "การเบิกจ่ายใกล้เคียงเป้าหมาย", "งบประมาณถูกใช้ตามวัตถุประสงค์ทันเวลา")),
    ("DIR-2565-09", 2, MINISTER, "continuing", None, ["DOP"],
     "เตรียมความพร้อมการบังคับใช้ประมวลกฎหมายยาเสพติด ในส่วนการบำบัดฟื้นฟูผู้ใช้ยาเสพติด",
     ("ผู้ใช้ยาเสพติดได้รับการบำบัดตามประมวลกฎหมายยาเสพติด",
      "ชี้แจงแนวทางแก่สำนักงานคุมประพฤติทุกจังหวัดและติดตามผล",
      "ชี้แจงแนวทางและติดตามผลตามแผน", "แนวทางปฏิบัติและรายงานผล",
      "การบำบัดเป็นไปตามกฎหมายใหม่", "ผู้ใช้ยาเสพติดได้รับการปฏิบัติแบบผู้ป่วย")),
    ("DIR-2565-10", 3, PERMSEC, "general", None, ["DLE"],
     "ช่วยเหลือประชาชนที่ได้รับผลกระทบจากโควิด-19 ด้านหนี้สินผ่านการไกล่เกลี่ยชั้นบังคับคดี",
     ("ลูกหนี้ได้รับการไกล่เกลี่ยก่อนขายทอดตลาด", "จัดมหกรรมไกล่เกลี่ยร่วมกับสถาบันการเงิน",
      "จัดไกล่เกลี่ยตามแผน", "เรื่องไกล่เกลี่ยสำเร็จ", "ภาระหนี้ของประชาชนลดลง",
      "ครัวเรือนมีความมั่นคงทางเศรษฐกิจมากขึ้น")),
    ("DIR-2565-11", 4, PERMSEC, "in_progress", None, ["OPS"],
     "ยกระดับการให้บริการประชาชนตามเกณฑ์ PMQA หมวด 3 ให้เป็นมาตรฐานเดียวกันทั่วประเทศ",
     ("มาตรฐานการให้บริการเดียวกันทั่วประเทศ",
      "ทบทวนกระบวนการให้บริการ จัดทำมาตรฐาน และอบรมเจ้าหน้าที่ส่วนภูมิภาค",
      None, None, None, None)),
]
REPORT_WEEKS = [dt.date(2022, 1, 10) + dt.timedelta(weeks=i) for i in range(8)]
#: usual submission times: (days after Monday, hour, minute) — all before Friday 16:00
SUBMIT_SLOTS = [(3, 10, 30), (3, 15, 10), (4, 9, 5), (4, 10, 40), (4, 13, 25), (4, 14, 55),
                (2, 16, 20)]
#: planted: (directive, unit, week) -> submitted at (late / edge cases), or None = missing
REPORT_OVERRIDES: dict[tuple[str, str, dt.date], dt.datetime | None] = {
    ("DIR-2565-01", "RLPD", dt.date(2022, 1, 24)): dt.datetime(2022, 1, 28, 16, 0, 0, tzinfo=BKK),
    ("DIR-2565-10", "DLE", dt.date(2022, 1, 17)): dt.datetime(2022, 1, 21, 15, 59, 59, tzinfo=BKK),
    ("DIR-2565-07", "DOC", dt.date(2022, 2, 21)): dt.datetime(2022, 2, 28, 9, 15, tzinfo=BKK),
    ("DIR-2565-03", "DOC", dt.date(2022, 2, 14)): None,
}
#: planted: the level is a directive's state in a given week — continuing DIR-2565-09 was in
#: progress in the week of 31 Jan 2022 (reported with goal and plan only), continuing again after
LEVEL_OVERRIDES: dict[tuple[str, dt.date], str] = {
    ("DIR-2565-09", dt.date(2022, 1, 31)): "in_progress",
}
# fmt: on


def _directives(rng: random.Random) -> dict[str, list[dict]]:
    directives, units, reports = [], [], []
    for did, meeting, issuer, level, completed, assignees, title, fields in DIRECTIVES:
        completed_date = _d(completed) if completed else None
        directives.append(
            _row(
                "directives",
                id=did,
                fiscal_year=FY,
                title_th=title,
                meeting_th=f"การประชุมผู้บริหารกระทรวงยุติธรรม ครั้งที่ {meeting}/2565 (ตัวอย่าง)",
                meeting_date=MEETINGS[meeting],
                issuer=issuer,
                level=level,
                completed_date=completed_date,
            )
        )
        units += [_row("directive_units", directive_id=did, unit_id=u) for u in assignees]
        first_week = MEETINGS[meeting] + dt.timedelta(days=7 - MEETINGS[meeting].weekday())
        goal, plan, results, outputs, outcomes, impact = fields
        for unit in assignees:
            for n, week in enumerate(REPORT_WEEKS, start=1):
                if week < first_week:
                    continue
                if completed_date and week > completed_date:
                    break  # completed: reported in its completion week, then no more
                done_this_week = (
                    completed_date is not None
                    and week <= completed_date < week + dt.timedelta(days=7)
                )
                week_level = level if level != "completed" or done_this_week else "in_progress"
                week_level = LEVEL_OVERRIDES.get((did, week), week_level)
                key = (did, unit, week)
                if key in REPORT_OVERRIDES:
                    submitted = REPORT_OVERRIDES[key]
                    if submitted is None:
                        continue  # planted: assigned but not reported this week
                else:
                    days, hour, minute = SUBMIT_SLOTS[rng.randrange(len(SUBMIT_SLOTS))]
                    submitted = dt.datetime.combine(
                        week + dt.timedelta(days=days), dt.time(hour, minute), tzinfo=BKK
                    )
                    if done_this_week and submitted.date() < completed_date:
                        submitted = dt.datetime.combine(completed_date, dt.time(14, 30), tzinfo=BKK)
                full = week_level != "in_progress"  # in progress: goal and plan only
                reports.append(
                    _row(
                        "weekly_reports",
                        id=f"WR-{did[4:]}-{unit}-{week:%Y%m%d}",
                        directive_id=did,
                        unit_id=unit,
                        week_start=week,
                        submitted_at=submitted,
                        level=week_level,
                        goal=goal,
                        plan=plan,
                        results=f"{results} (รายงานสัปดาห์ที่ {n})" if full else None,
                        outputs=outputs if full else None,
                        outcomes=outcomes if full else None,
                        impact=impact if full else None,
                    )
                )
    return {"directives": directives, "directive_units": units, "weekly_reports": reports}


# =========================================================================== lessons
# fmt: off
# id, province, kind, source, date, title_th, detail_th, links [(target_type, target_id)]
LESSONS = [
    ("LL-64-01", "64", "success_factor", "field_visit", "2022-03-15",
     "ผู้ว่าราชการจังหวัดบรรจุวาระ กพยจ. ในที่ประชุมหัวหน้าส่วนราชการทุกเดือน",
     "ทำให้หน่วยงานนอกกระทรวงยุติธรรม (ตำรวจ ปกครอง อปท.) เข้าร่วมอย่างต่อเนื่อง",
     [("objective", "OBJ-64-01"), ("unit", "U64-JUS"), ("pmqa_category", "1"),
      ("plan_item", "S-PP-64-3")]),
    ("LL-64-02", "64", "good_practice", "review", "2022-06-28",
     "แผนชุมชนปลอดภัยที่จัดทำโดยประชาคมหมู่บ้านทำให้ตำรวจและฝ่ายปกครองใช้ข้อมูลชุดเดียวกัน",
     None,
     [("key_result", "KR-64-01-1"), ("initiative", "INI-64-01"), ("unit", "U64-POL"),
      ("plan_item", "S-CPV-PART"), ("pmqa_category", "6")]),
    ("LL-64-03", "64", "recommendation", "review", "2022-06-28",
     "ควรกำหนดเจ้าของข้อมูลผู้พ้นโทษกลางระหว่างเรือนจำและคุมประพฤติ",
     "ปัจจุบันแต่ละหน่วยมีทะเบียนของตนเอง ตัวเลขไม่ตรงกันในการประชุม",
     [("key_result", "KR-64-02-2"), ("unit", "U64-PRS"), ("unit", "U64-PRB"),
      ("pmqa_category", "4")]),
    ("LL-64-04", "64", "obstacle", "field_visit", "2022-03-15",
     "สถิติคดีจากตำรวจมาถึงหลังรอบประชุม ทำให้รายงานสถานการณ์ช้าไป 1 เดือน", None,
     [("unit", "U64-POL"), ("key_result", "KR-64-01-2"), ("pmqa_category", "4")]),
    ("LL-48-01", "48", "obstacle", "field_visit", "2022-03-22",
     "การติดตามผู้พ้นโทษล่าช้าเพราะข้อมูลภูมิลำเนาและสถานประกอบการไม่เป็นปัจจุบัน",
     "ผู้พ้นโทษจำนวนมากย้ายไปทำงานต่างจังหวัดหรือข้ามแดน",
     [("key_result", "KR-48-02-1"), ("key_result", "KR-48-02-3"), ("unit", "U48-PRB"),
      ("unit", "U48-PRS"), ("pmqa_category", "4")]),
    ("LL-48-02", "48", "obstacle", "review", "2022-06-30",
     "ผลลัพธ์หลักที่ไม่มีหน่วยงานเจ้าภาพไม่มีใครติดตามผลอย่างจริงจัง", None,
     [("key_result", "KR-48-02-3"), ("objective", "OBJ-48-02"), ("pmqa_category", "1")]),
    ("LL-48-03", "48", "recommendation", "review", "2022-06-30",
     "ควรเชื่อมวัตถุประสงค์ด้านการสื่อสารกับแผนพัฒนาจังหวัด หรือรวมเข้ากับวัตถุประสงค์หลัก", None,
     [("objective", "OBJ-48-04"), ("plan_item", "S-PP-48-3"), ("pmqa_category", "2")]),
    ("LL-48-04", "48", "success_factor", "field_visit", "2022-03-22",
     "หน่วยบริการเคลื่อนที่ร่วมกับบังคับคดีและอัยการได้รับการตอบรับดีในอำเภอห่างไกล", None,
     [("key_result", "KR-48-03-2"), ("initiative", "INI-48-05"), ("unit", "U48-LED"),
      ("unit", "U48-PROS"), ("pmqa_category", "3"), ("stakeholder", "SH-POOR")]),
    ("LL-48-05", "48", "recommendation", "review", "2022-06-30",
     "ยังไม่มีวัตถุประสงค์ใดพัฒนาบุคลากร (PMQA หมวด 5) ควรเพิ่มการพัฒนาทักษะการติดตามผู้พ้นโทษ",
     None, [("pmqa_category", "5"), ("unit", "U48-JUS")]),
    ("LL-83-01", "83", "good_practice", "field_visit", "2022-04-05",
     "ศูนย์ไกล่เกลี่ยข้อพิพาทนักท่องเที่ยวไกล่เกลี่ยได้ภายในวันเดียว", None,
     [("initiative", "INI-83-01"), ("key_result", "KR-83-01-1"), ("unit", "U83-POL"),
      ("plan_item", "S-PP-83-1"), ("pmqa_category", "3"), ("stakeholder", "SH-83-TOURIST")]),
    ("LL-83-02", "83", "obstacle", "review", "2022-06-29",
     "สื่อประชาสัมพันธ์หลายภาษาเสร็จแล้วแต่ไม่ได้ผูกกับผลลัพธ์หลักใด จึงวัดผลไม่ได้", None,
     [("initiative", "INI-83-04"), ("unit", "U83-CJC"), ("pmqa_category", "4")]),
    ("LL-83-03", "83", "success_factor", "review", "2022-06-29",
     "อบจ.ภูเก็ตร่วมสนับสนุนงบฝึกอาชีพ ทำให้ขยายจำนวนผู้เข้าฝึกได้เกินเป้า", None,
     [("initiative", "INI-83-02"), ("unit", "U83-LAO"), ("key_result", "KR-83-02-2"),
      ("pmqa_category", "6")]),
    ("LL-83-04", "83", "recommendation", "review", "2022-06-29",
     "สถิติผู้รับบริการรายเดือนยังไม่มีผู้ใช้ ควรส่งต่อให้ ศอช. และตำรวจท่องเที่ยว", None,
     [("unit", "U83-JUS"), ("unit", "OJA-CFC"), ("pmqa_category", "4")]),
    ("LL-70-01", "70", "obstacle", "field_visit", "2022-03-29",
     "คดียาเสพติดยังสูงกว่าเป้า เพราะการปราบปรามเชิงรุกทำให้ตัวเลขรับแจ้งเพิ่มขึ้น",
     "ตัวชี้วัดจำนวนคดีรับแจ้งอาจสะท้อนการทำงานเชิงรุกมากกว่าสถานการณ์จริง",
     [("key_result", "KR-70-01-2"), ("unit", "U70-POL"), ("plan_item", "S-PP-70-1")]),
    ("LL-70-02", "70", "good_practice", "field_visit", "2022-03-29",
     "การประชุมกลุ่มครอบครัวและชุมชน (ยุติธรรมเชิงสมานฉันท์) ช่วยลดการกระทำผิดซ้ำของเด็ก", None,
     [("key_result", "KR-70-02-1"), ("initiative", "INI-70-02"), ("unit", "U70-JUV"),
      ("pmqa_category", "6")]),
    ("LL-70-03", "70", "success_factor", "review", "2022-06-27",
     "มหกรรมไกล่เกลี่ยหนี้ร่วมกับสถาบันการเงินในจังหวัดทำให้ปิดเรื่องได้มาก", None,
     [("initiative", "INI-70-04"), ("unit", "U70-LED"), ("pmqa_category", "3")]),
    ("LL-70-04", "70", "recommendation", "review", "2022-06-27",
     "เรือนจำ คุมประพฤติ และศูนย์ยุติธรรมชุมชนส่งข้อมูลต่อกันเป็นวง ควรกำหนดจุดเริ่มต้นและเจ้าของข้อมูล",
     None,
     [("unit", "U70-PRS"), ("unit", "U70-PRB"), ("unit", "U70-CJC"), ("pmqa_category", "4")]),
    ("LL-70-05", "70", "obstacle", "review", "2022-06-27",
     "ประเด็นทรัพยากรธรรมชาติในแผนพัฒนาจังหวัดยังไม่มีงานด้านยุติธรรมรองรับ", None,
     [("plan_item", "S-PP-70-4"), ("pmqa_category", "2")]),
    ("LL-ALL-01", None, "recommendation", "workshop", "2022-04-20",
     "ใช้หลัก 3 : 1 : 3 (คิด 1-3-7 : เตรียม 2 : ทำ 4-5-6) เชื่อมเป้าหมายกับหมวด PMQA",
     "จากการประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565 (จำลองเป็นตัวอย่าง)",
     [("objective", "OBJ-OJA-01"), ("pmqa_category", "1"), ("pmqa_category", "2"),
      ("pmqa_category", "4")]),
    ("LL-ALL-02", None, "good_practice", "workshop", "2022-04-20",
     "End Product ต้องเกิดจากการทำงานร่วมกันหลายกอง ถ้าทำกองเดียวเป็นเพียง Key Result",
     "ข้อสรุปของวิทยากรในการประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565",
     [("objective", "OBJ-OJA-01"), ("key_result", "KR-OJA-01-1"), ("pmqa_category", "6")]),
    ("LL-ALL-03", None, "success_factor", "weekly_report", "2022-02-28",
     "รายงานข้อสั่งการทุกวันศุกร์ก่อน 16.00 น. ผ่านกองยุทธศาสตร์และแผนงาน ทำให้สรุปเช้าวันจันทร์ได้ทัน",
     None, [("directive", "DIR-2565-02"), ("unit", "OPS-SPD")]),
    ("LL-ALL-04", None, "obstacle", "weekly_report", "2022-02-28",
     "มีรายงานส่งหลังเวลา 16.00 น. และขาดส่งบางสัปดาห์ ต้องติดตามทางโทรศัพท์", None,
     [("directive", "DIR-2565-03"), ("unit", "DOC"), ("directive", "DIR-2565-01"),
      ("unit", "RLPD")]),
]
# fmt: on


def _lessons() -> tuple[list[dict], list[dict]]:
    names = "id province_code kind source date title_th detail_th"
    lessons = _rows("lessons", names, [row[:7] for row in LESSONS], fiscal_year=FY)
    for lesson in lessons:
        lesson["date"] = _d(lesson["date"])
    links = [(lid, t, i) for lid, *_, targets in LESSONS for t, i in targets]
    return lessons, _rows("lesson_links", "lesson_id target_type target_id", links)


# =========================================================================== workshop
# fmt: off
WORKSHOP_ID = "WS-2565-OJA-01"
PARTICIPANTS = [f"ผู้เข้าร่วม {n:02d}" for n in range(1, 13)]
# id, type, text, author (index into PARTICIPANTS)
IDEAS = [
    ("IDEA-01", "do", "ยกระดับศูนย์พยากรณ์และวิเคราะห์สถานการณ์อาชญากรรม (ศอช.) ให้ใช้งานได้จริง", 0),
    ("IDEA-02", "do", "จัดทำฐานข้อมูลกลางงานยุติธรรมระดับจังหวัดเชื่อมกับ กพยจ.", 1),
    ("IDEA-03", "expand", "ขยายการให้ความรู้กฎหมายแก่ประชาชนผ่านสื่อออนไลน์", 2),
    ("IDEA-04", "expand",
     "ขยายตัวแบบ กพยจ. จาก 4 จังหวัดต้นแบบสู่จังหวัดศูนย์ปฏิบัติการของกลุ่มจังหวัด", 3),
    ("IDEA-05", "upgrade", "ยกระดับ กพยจ. ให้ทุกจังหวัดมีแผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด", 4),
    ("IDEA-06", "upgrade", "ยกระดับ สกธ. เป็นศูนย์กลาง (HUB) การวิจัยด้านกระบวนการยุติธรรม", 5),
    ("IDEA-07", "upgrade", "ยกระดับการติดตามเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) เป้าหมายที่ 16", 6),
    ("IDEA-08", "upgrade", "ยกระดับการจัดทำตัวชี้วัด LEI", 7),
    ("IDEA-09", "drive", "ขับเคลื่อนแผนแม่บทการบริหารงานยุติธรรมแห่งชาติ ฉบับที่ 4 ลงสู่พื้นที่", 8),
    ("IDEA-10", "drive", "ขับเคลื่อนแผนแม่บทเทคโนโลยีสารสนเทศของ สกธ.", 9),
    ("IDEA-11", "drive", "ขับเคลื่อนหลักสูตรพัฒนาบุคลากรและการจัด symposium ประจำปี", 10),
]
#: each participant's three votes (one per idea); IDEA-01 wins with 9 votes
BALLOTS = [
    ("01", "05", "04"), ("01", "05", "09"), ("01", "04", "03"), ("01", "09", "02"),
    ("01", "05", "03"), ("01", "04", "09"), ("05", "04", "06"), ("01", "02", "03"),
    ("01", "05", "10"), ("09", "04", "06"), ("01", "03", "07"), ("05", "09", "02"),
]
# fmt: on


def _workshop() -> dict[str, list[dict]]:
    workshop = _row(
        "workshops",
        id=WORKSHOP_ID,
        fiscal_year=FY,
        unit_id="OJA",
        date=dt.date(2022, 4, 20),
        title_th="การประชุมเชิงปฏิบัติการเพื่อการบูรณาการภารกิจขององค์กรในเชิงยุทธศาสตร์ "
        "เพื่อมุ่งสู่การบริหารราชการ 4.0 ครั้งที่ 1 (จำลองเป็นตัวอย่าง)",
        facilitator="รองผู้อำนวยการสำนักงานกิจการยุติธรรม (วิทยากร)",
        votes_per_participant=3,
        status="closed",
        objective_id="OBJ-OJA-01",
    )
    start = dt.datetime(2022, 4, 20, 10, 0, tzinfo=BKK)
    ideas = _rows(
        "ideas",
        "id idea_type text_th author created_at",
        [
            (iid, kind, text, PARTICIPANTS[author], start + dt.timedelta(minutes=4 * n))
            for n, (iid, kind, text, author) in enumerate(IDEAS)
        ],
        workshop_id=WORKSHOP_ID,
    )
    vote_start = dt.datetime(2022, 4, 20, 11, 30, tzinfo=BKK)
    ballots = [
        (f"IDEA-{choice}", PARTICIPANTS[v], vote_start + dt.timedelta(minutes=v, seconds=20 * k))
        for v, ballot in enumerate(BALLOTS)
        for k, choice in enumerate(ballot)
    ]
    votes = _rows("votes", "idea_id voter created_at", ballots)
    return {"workshops": [workshop], "ideas": ideas, "votes": votes}


# =========================================================================== plan documents
# issue 14: the measurement of key results and KPIs, the budget requested vs allocated and
# next year's request of the model provinces' projects, the yearly driving plan of สกธ. and
# (in the second workbook, kpyj_sample_2566.xlsx) the FY2566 driving plan, province groups
# and the year-2565 baseline figures. Every value here is fictitious sample data (ตัวอย่าง).
OUTPUT_2566 = ROOT / "data" / "sample" / "kpyj_sample_2566.xlsx"
FY_PLAN = 2566
PLAN_SRC = (
    "ตัวอย่าง — เรียบเรียงตามบันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565 "
    "เรื่อง การขับเคลื่อนการดำเนินงานของ กพยจ. ไม่ใช่แผนทางราชการ"
)

# fmt: off
M_QUARTERLY, M_YEARLY, M_MONTHLY, M_HALF = "quarterly", "yearly", "monthly", "half_year"
SRC_POLICE = "สถิติคดีอาญาที่รับแจ้ง ตำรวจภูธรจังหวัด (ตัวอย่าง)"
SRC_PROB = "ระบบข้อมูลผู้ถูกคุมความประพฤติ สำนักงานคุมประพฤติจังหวัด (ตัวอย่าง)"
SRC_OFFICE = "ทะเบียนการให้บริการ สำนักงานยุติธรรมจังหวัด (ตัวอย่าง)"
SRC_SURVEY = "แบบสำรวจความพึงพอใจผู้รับบริการ สำนักงานยุติธรรมจังหวัด (ตัวอย่าง)"
# key result: (period, method, data source, baseline row) — KRs left out are for the
# province to fill in (the strategic plan lists them)
KR_MEASURES = {
    "KR-64-01-1": (M_QUARTERLY, "จำนวนหมู่บ้านเป้าหมายที่มีแผนป้องกันอาชญากรรมที่ผ่านประชาคม "
                   "หารด้วยจำนวนหมู่บ้านเป้าหมาย คูณ 100", "รายงานประชาคมหมู่บ้าน ที่ทำการปกครองจังหวัด "
                   "(ตัวอย่าง)", None),
    "KR-64-01-2": (M_MONTHLY, "นับคดีประทุษร้ายต่อทรัพย์ที่รับแจ้งในปีงบประมาณ", SRC_POLICE,
                   "BL-64-PROP-2564"),
    "KR-64-02-1": (M_YEARLY, "ผู้ถูกคุมความประพฤติที่กระทำผิดซ้ำภายใน 1 ปี หารด้วยผู้ถูกคุม"
                   "ความประพฤติทั้งหมด คูณ 100", SRC_PROB, None),
    "KR-64-03-1": (M_YEARLY, "คะแนนเฉลี่ยจากแบบสำรวจความพึงพอใจ แปลงเป็นร้อยละ", SRC_SURVEY,
                   None),
    "KR-48-01-1": (M_QUARTERLY, "หมู่บ้านชายแดนที่ผ่านเกณฑ์หมู่บ้านปลอดยาเสพติด หารด้วยหมู่บ้าน"
                   "ชายแดนทั้งหมด คูณ 100", "ศูนย์อำนวยการป้องกันและปราบปรามยาเสพติดจังหวัด "
                   "(ตัวอย่าง)", None),
    "KR-48-02-1": (M_MONTHLY, "ผู้พ้นโทษที่ได้รับการติดตามภายใน 30 วัน หารด้วยผู้พ้นโทษที่กลับสู่"
                   "ภูมิลำเนาในจังหวัด คูณ 100", SRC_PROB, None),
    "KR-48-03-1": (M_QUARTERLY, "คำขอที่พิจารณาแล้วเสร็จภายใน 30 วัน หารด้วยคำขอทั้งหมด คูณ 100",
                   SRC_OFFICE, None),
    "KR-83-01-1": (M_QUARTERLY, "เรื่องร้องเรียนของนักท่องเที่ยวที่ยุติได้ หารด้วยเรื่องที่รับ คูณ 100",
                   SRC_OFFICE, None),
    "KR-83-01-2": (M_MONTHLY, "นับคดีลักทรัพย์ในพื้นที่ท่องเที่ยวหลักที่รับแจ้งในปีงบประมาณ",
                   SRC_POLICE, "BL-83-PROP-2564"),
    "KR-83-02-1": (M_YEARLY, "ผู้ถูกคุมความประพฤติที่กระทำผิดซ้ำภายใน 1 ปี หารด้วยผู้ถูกคุม"
                   "ความประพฤติทั้งหมด คูณ 100", SRC_PROB, None),
    "KR-83-03-1": (M_YEARLY, "คะแนนเฉลี่ยจากแบบสำรวจความพึงพอใจ แปลงเป็นร้อยละ", SRC_SURVEY,
                   None),
    "KR-70-01-1": (M_QUARTERLY, "ชุมชนเป้าหมายที่ดำเนินการ CBTx หารด้วยชุมชนเป้าหมาย คูณ 100",
                   "ที่ทำการปกครองจังหวัด (ตัวอย่าง)", None),
    "KR-70-01-2": (M_MONTHLY, "นับคดียาเสพติดที่รับแจ้งในปีงบประมาณ", SRC_POLICE,
                   "BL-70-DRUG-2564"),
    "KR-70-03-1": (M_QUARTERLY, "คำขอที่พิจารณาแล้วเสร็จภายใน 60 วัน หารด้วยคำขอทั้งหมด คูณ 100",
                   SRC_OFFICE, None),
}
#: how often each KPI of the template is measured (by dimension, level)
KPI_PERIODS = {"organisation": M_YEARLY, "division": M_HALF, "group": M_QUARTERLY,
               "individual": M_MONTHLY}
# project: (budget requested for FY2565, request for FY2566) in baht; None = not given yet
BUDGET_REQUESTS = {
    "INI-64-01": (500_000, 450_000), "INI-64-02": (600_000, 520_000),
    "INI-64-03": (150_000, 150_000), "INI-64-04": (150_000, None),
    "INI-64-05": (300_000, 250_000), "INI-64-06": (200_000, 220_000),
    "INI-48-01": (900_000, 800_000), "INI-48-02": (400_000, 350_000),
    "INI-48-03": (500_000, 450_000), "INI-48-04": (60_000, 60_000),
    "INI-48-05": (240_000, 200_000), "INI-48-06": (None, 50_000),
    "INI-83-01": (600_000, 550_000), "INI-83-02": (380_000, 400_000),
    "INI-83-03": (90_000, None), "INI-83-04": (100_000, None),
    "INI-83-05": (450_000, 0),
    "INI-70-01": (800_000, 700_000), "INI-70-02": (300_000, 280_000),
    "INI-70-03": (130_000, 150_000), "INI-70-04": (260_000, 260_000),
    "INI-70-05": (120_000, 120_000),
}
# fmt: on


def _measures(tables: dict[str, list[dict]]) -> None:
    """Measurement of the model provinces' KRs and KPIs; budget requests of their projects."""
    for kr in tables["key_results"]:
        if kr["id"] in KR_MEASURES:
            period, method, source, baseline = KR_MEASURES[kr["id"]]
            kr.update(period=period, method_th=method, data_source_th=source)
            kr["baseline_indicator_id"] = baseline
    lower = {(dim, level) for dim, level, *_, down, _t in KPI_TEMPLATE if down}
    for kpi in tables["kpis"]:
        if kpi["province_code"] in PROVINCES:
            key = (kpi["dimension"], kpi["level"])
            kpi.update(direction="down" if key in lower else "up", period=KPI_PERIODS[key[1]])
    for ini in tables["initiatives"]:
        if ini["id"] in BUDGET_REQUESTS:
            requested, next_year = BUDGET_REQUESTS[ini["id"]]
            ini["budget_requested"] = None if requested is None else float(requested)
            ini["budget_next_year"] = None if next_year is None else float(next_year)


def _driving_plan(fy: int) -> dict[str, list[dict]]:
    """The yearly driving plan of สกธ. for ``fy`` (sample): goals, activities, indicators,
    group targets and the plan items each goal serves.

    Planted gaps the plan document must list: goal 4 has no indicator and no extension path;
    indicator 2.2 has no measurement method; indicator 1.2 has no baseline.
    """
    first = fy == FY  # the memo's own year: groups 1 and 2 first, group 3 the next year
    y0, y1 = fy - 544, fy - 543  # October-December fall in y0, January-September in y1

    def d(y: int, m: int, day: int) -> dt.date:
        return dt.date(y, m, day)

    def gid(n: int) -> str:
        return f"DP{fy}-G{n}"

    ext_next = fy + 1
    goals = [
        (
            1,
            "ขับเคลื่อนการป้องกันอาชญากรรมในระดับพื้นที่ผ่านกลไก กพยจ. โดยการมีส่วนร่วมของประชาชน (ตัวอย่าง)",
            "จังหวัดมีแผนงานป้องกันอาชญากรรมที่ กพยจ. ให้ความเห็นชอบ และมีเครือข่ายภาคประชาชนร่วมดำเนินการในพื้นที่",
            (
                f"ปีงบประมาณ {ext_next} ขยายผลจากกลุ่มที่ 1 และ 2 สู่กลุ่มที่ 3 และจัดทำคู่มือขับเคลื่อนงาน"
                "ด้านการป้องกันอาชญากรรมของ กพยจ. จากบทเรียนของจังหวัดนำร่อง"
            )
            if first
            else (
                f"ปีงบประมาณ {ext_next} ใช้คู่มือขับเคลื่อนงานด้านการป้องกันอาชญากรรมในทุกจังหวัด และเชื่อม"
                "ข้อมูลกับศูนย์พยากรณ์และวิเคราะห์สถานการณ์อาชญากรรม (ศอช.)"
            ),
            "OJA-NJAD",
        ),
        (
            2,
            "บูรณาการการแก้ไขฟื้นฟู ติดตาม ดูแล ช่วยเหลือผู้กระทำผิดในชุมชนและผู้ได้รับพระราชทานอภัยโทษ (ตัวอย่าง)",
            "ผู้พ้นโทษและผู้ได้รับพระราชทานอภัยโทษได้รับการติดตามช่วยเหลือในชุมชน และการกระทำผิดซ้ำลดลง",
            (
                f"ปีงบประมาณ {ext_next} เชื่อมข้อมูลผู้พ้นโทษระหว่างเรือนจำ คุมประพฤติ และศูนย์ยุติธรรม"
                "ชุมชนในทุกจังหวัดของกลุ่มที่ 1 และ 2"
            )
            if first
            else f"ปีงบประมาณ {ext_next} ขยายการเชื่อมข้อมูลผู้พ้นโทษสู่ทุกจังหวัด",
            "OJA-NJAD",
        ),
        (
            3,
            "ยกระดับการให้บริการประชาชนของสำนักงานยุติธรรมจังหวัดและศูนย์ยุติธรรมชุมชนให้เป็น"
            "มาตรฐานเดียวกัน (ตัวอย่าง)",
            "ประชาชนได้รับบริการด้านยุติธรรมมาตรฐานเดียวกันทั่วประเทศ และพึงพอใจต่อบริการ",
            f"ปีงบประมาณ {ext_next} ใช้ผลสำรวจความพึงพอใจปรับปรุงมาตรฐานการให้บริการทุกจังหวัด",
            "OPS-PJC",
        ),
        (
            4,
            "สนับสนุนจังหวัดต้นแบบให้ยกร่างแผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด (ตัวอย่าง)",
            "จังหวัดต้นแบบ 4 จังหวัดมี (ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัดที่จัดทำจากข้อมูล"
            "พื้นฐานและแผนงานโครงการของจังหวัด",
            None,  # planted gap: no extension path
            "OJA-NJAD",
        ),
    ]
    goal_rows = [
        _row("driving_goals", id=gid(n), fiscal_year=fy, code=str(n), goal_th=goal,
             outcome_th=outcome, extension_th=ext, owner_unit_id=owner, source=PLAN_SRC)
        for n, goal, outcome, ext, owner in goals
    ]  # fmt: skip
    activities = [
        # goal, n, name, group, start, end
        (
            1,
            1,
            "เสนอแผนงานป้องกันอาชญากรรมของจังหวัดต่อที่ประชุม กพยจ. เพื่อให้ความเห็นชอบ",
            1,
            d(y0, 11, 1),
            d(y0, 12, 31),
        ),
        (
            1,
            2,
            "เสนอแผนงานป้องกันอาชญากรรมของจังหวัดต่อที่ประชุม กพยจ. เพื่อให้ความเห็นชอบ",
            2,
            d(y1, 1, 1),
            d(y1, 3, 31),
        ),
        (
            1,
            3,
            (
                "แจ้งแนวทางการขับเคลื่อนการป้องกันอาชญากรรมต่อที่ประชุม กพยจ."
                if first
                else "เสนอแผนงานป้องกันอาชญากรรมของจังหวัดต่อที่ประชุม กพยจ. เพื่อให้ความเห็นชอบ"
            ),
            3,
            d(y1, 4, 1),
            d(y1, 6, 30),
        ),
        (
            1,
            4,
            "จัดกิจกรรมป้องกันอาชญากรรมร่วมกับเครือข่ายภาคประชาชน และรายงานผลต่อ สกธ. รายไตรมาส",
            None,
            d(y1, 1, 1),
            d(y1, 9, 30),
        ),
        (
            2,
            1,
            "ประชุมคณะทำงานติดตามช่วยเหลือผู้พ้นโทษระดับจังหวัดภายใต้ กพยจ. ทุกไตรมาส",
            None,
            d(y0, 11, 1),
            d(y1, 9, 30),
        ),
        (2, 2, "จัดทำข้อตกลงความร่วมมือกับสถานประกอบการรับผู้พ้นโทษเข้าทำงาน", 1, d(y1, 1, 1), d(y1, 6, 30)),
        (3, 1, "ถ่ายทอดมาตรฐานการให้บริการแก่ศูนย์ยุติธรรมชุมชนในกลุ่มจังหวัด", 2, d(y1, 2, 1), d(y1, 4, 30)),
        (
            3,
            2,
            "สำรวจความพึงพอใจของผู้รับบริการตามแบบสำรวจกลางของ สกธ.",
            None,
            d(y1, 7, 1),
            d(y1, 8, 31),
        ),
        (
            4,
            1,
            "ลงพื้นที่ร่วมยกร่างแผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัดกับสำนักงานยุติธรรมจังหวัดต้นแบบ 4 จังหวัด",
            None,
            d(y1, 4, 1),
            d(y1, 6, 30),
        ),
    ]
    activity_rows = [
        _row("driving_activities", id=f"{gid(g)}-A{n}", goal_id=gid(g), name_th=name,
             group=group, start_date=start, end_date=end, detail_th=None)
        for g, n, name, group, start, end in activities
    ]  # fmt: skip
    prev = fy - 1
    indicators = [
        # goal, n, name, unit, direction, period, method, source, baseline, year, target
        (
            1,
            1,
            "จำนวนจังหวัดที่ กพยจ. ให้ความเห็นชอบแผนงานป้องกันอาชญากรรม",
            "จังหวัด",
            "up",
            M_YEARLY,
            "นับจังหวัดที่มีมติ กพยจ. เห็นชอบแผนงานป้องกันอาชญากรรมภายในปีงบประมาณ จาก"
            "รายงานการประชุม กพยจ. ที่จังหวัดส่งถึง สกธ.",
            "รายงานการประชุม กพยจ. (ตัวอย่าง)",
            0.0 if first else 18.0,
            prev,
            18.0 if first else 77.0,
        ),
        (
            1,
            2,
            "ร้อยละของจังหวัดที่มีเครือข่ายภาคประชาชนร่วมกิจกรรมป้องกันอาชญากรรม",
            "ร้อยละ",
            "up",
            M_HALF,
            "จังหวัดที่รายงานกิจกรรมร่วมกับเครือข่ายภาคประชาชนอย่างน้อย 1 ครั้งในรอบ 6 เดือน "
            "หารด้วยจำนวนจังหวัดในกลุ่ม คูณ 100",
            "รายงานผลการขับเคลื่อน กพยจ. รายไตรมาส (ตัวอย่าง)",
            None,
            None,
            80.0,
        ),  # planted gap: no baseline
        (
            2,
            1,
            "อัตราการกระทำผิดซ้ำภายใน 1 ปีของผู้พ้นโทษในจังหวัดกลุ่มที่ 1 และ 2",
            "ร้อยละ",
            "down",
            M_YEARLY,
            "ผู้พ้นโทษที่กลับมากระทำผิดภายใน 1 ปีหลังปล่อยตัว หารด้วยผู้พ้นโทษทั้งหมดในปีเดียวกัน คูณ 100",
            "ข้อมูลกรมราชทัณฑ์และกรมคุมประพฤติ (ตัวอย่าง)",
            14.0 if first else 13.2,
            prev,
            12.0 if first else 11.5,
        ),
        (
            2,
            2,
            "จำนวนผู้พ้นโทษที่ได้รับการช่วยเหลือผ่านเครือข่าย กพยจ.",
            "คน",
            "up",
            M_QUARTERLY,
            None,  # planted gap: no measurement method
            "รายงานผลการขับเคลื่อน กพยจ. รายไตรมาส (ตัวอย่าง)",
            2800.0 if first else 3400.0,
            prev,
            3400.0 if first else 4000.0,
        ),
        (
            3,
            1,
            "ร้อยละความพึงพอใจของผู้รับบริการสำนักงานยุติธรรมจังหวัด",
            "ร้อยละ",
            "up",
            M_YEARLY,
            "คะแนนเฉลี่ยจากแบบสำรวจความพึงพอใจกลางของ สกธ. (มาตราส่วน 5 ระดับ) แปลงเป็นร้อยละ",
            SRC_SURVEY,
            82.0 if first else 85.0,
            prev,
            85.0 if first else 88.0,
        ),
    ]
    indicator_rows = [
        _row("driving_indicators", id=f"{gid(g)}-I{n}", goal_id=gid(g), name_th=name,
             unit_of_measure=uom, direction=direction, period=period, method_th=method,
             data_source_th=source, baseline=base, baseline_year=None if base is None else year,
             target=target, target_year=fy)
        for g, n, name, uom, direction, period, method, source, base, year, target in indicators
    ]  # fmt: skip
    groups = (1, 2) if first else (1, 2, 3)
    per_group = {
        (1, 1): (4, d(y0, 12, 31)), (1, 2): (14, d(y1, 3, 31)), (1, 3): (59, d(y1, 6, 30)),
        (2, 1): (100, d(y1, 9, 30)), (2, 2): (80, d(y1, 9, 30)), (2, 3): (60, d(y1, 9, 30)),
        (3, 1): (11.0, d(y1, 9, 30)), (3, 2): (12.0, d(y1, 9, 30)), (3, 3): (12.5, d(y1, 9, 30)),
        (4, 1): (600, d(y1, 9, 30)), (4, 2): (2000, d(y1, 9, 30)), (4, 3): (1400, d(y1, 9, 30)),
        (5, 1): (88, d(y1, 8, 31)), (5, 2): (85, d(y1, 8, 31)), (5, 3): (85, d(y1, 8, 31)),
    }  # fmt: skip
    actions = {
        1: "จังหวัดนำร่องดำเนินการก่อนและถ่ายทอดบทเรียนให้กลุ่มอื่น",
        2: "จังหวัดศูนย์ปฏิบัติการของกลุ่มจังหวัดดำเนินการและประสานจังหวัดในกลุ่ม",
        3: "สำนักงานยุติธรรมจังหวัดดำเนินการตามแนวทางที่ สกธ. แจ้ง",
    }
    target_rows = []
    for k, ind in enumerate(indicator_rows, 1):
        for group in groups:
            value, due = per_group[(k, group)]
            target_rows.append(
                _row("driving_targets", indicator_id=ind["id"], group=group, target=float(value),
                     due_date=due, action_th=actions[group])
            )  # fmt: skip
    in_force = {
        1: ["S-CPV-PART", "S-MP-1", "NS-1"],
        2: ["S-CR-1", "S-CR-2", "NMP-22"],
        3: ["S-MP-2", "NMP-20", "NS-6"],
        4: ["S-MP-1"],
    }
    if not first:  # the Justice Administration Master Plan No. 4 is in force from FY2566
        in_force[1].append("JMP4-D3")
        in_force[2].append("JMP4-D2")
        in_force[3].append("JMP4-D1")
    alignment_rows = [
        _row("driving_alignments", goal_id=gid(g), plan_item_id=item,
             rationale_th="ความสอดคล้องตัวอย่าง (ตัวอย่าง) — โปรดทบทวนกับแผนฉบับจริง")
        for g, items in in_force.items()
        for item in items
    ]  # fmt: skip
    return {
        "driving_goals": goal_rows,
        "driving_activities": activity_rows,
        "driving_indicators": indicator_rows,
        "driving_targets": target_rows,
        "driving_alignments": alignment_rows,
    }


# fmt: off
# province: {series: value of 2565} — fictitious, like BASELINES
BASELINES_2565 = {
    "64": {"DRUG": 2180, "PROP": 395, "PROB": 1490, "REL": 960, "COMP": 450, "VICT": 118,
           "CJC": 86},
    "48": {"DRUG": 3820, "PROP": 505, "PROB": 2380, "REL": 1230, "COMP": 540, "VICT": 140,
           "CJC": 99},
    "83": {"DRUG": 1620, "PROP": 575, "PROB": 1140, "REL": 580, "COMP": 455, "VICT": 78,
           "CJC": 18},
    "70": {"DRUG": 2790, "PROP": 830, "PROB": 2810, "REL": 1700, "COMP": 690, "VICT": 176,
           "CJC": 105},
}
# fmt: on


def build_plan_tables() -> dict[str, list[dict]]:
    """The second sample workbook (FY2566): an add-on to the FY2565 sample.

    The FY2566 driving plan of สกธ., the province groups of FY2566 (the same rule as
    FY2565) and the model provinces' baseline figures of the year 2565. It refers to units
    and plan items of the FY2565 sample, so it is imported on top of it
    (``kpyj init --sample --plans`` or ``kpyj import data/sample/kpyj_sample_2566.xlsx``).
    """
    tables: dict[str, list[dict]] = {name: [] for name in ENTITIES}
    tables["meta"] = [row for row in _meta() if row["key"] in ("is_sample", "notice_th")]
    tables["province_groups"] = [{**row, "fiscal_year": FY_PLAN} for row in _province_groups()]
    tables["baseline_indicators"] = _rows(
        "baseline_indicators",
        "id province_code name_th unit_of_measure year value",
        [
            (f"BL-{code}-{key}-2565", code, *BASELINE_NAMES[key], 2565, float(value))
            for code, figures in BASELINES_2565.items()
            for key, value in figures.items()
        ],
        source=FICTITIOUS,
    )
    tables.update(_driving_plan(FY_PLAN))
    return tables


# =========================================================================== people (issue 15)
# fmt: off
PEOPLE = [
    # hub user name, name_th, position_th, roles, units
    ("admin.oja", "ผู้ดูแลระบบ สกธ. (ตัวอย่าง)", "นักวิชาการคอมพิวเตอร์", ("administrator",),
     ("OJA",)),
    ("strategy01", "เจ้าหน้าที่ยุทธศาสตร์ 01 (ตัวอย่าง)", "นักวิเคราะห์นโยบายและแผน",
     ("strategy",), ("OJA-NJAD",)),
    # seed 002: กลุ่มงานแผนและงบประมาณ สำนักงานเลขานุการกรม reports for the department (OJA)
    # and, through it, for every bureau below OJA
    ("plan.oja", "กลุ่มงานแผนและงบประมาณ สกธ. (ตัวอย่าง)", "นักวิเคราะห์นโยบายและแผน",
     ("planning",), ("OJA",)),
    # seed 002 (3.2): a bureau reporting with its own user
    ("report.rlpd", "ผู้รายงาน กรมคุ้มครองสิทธิและเสรีภาพ (ตัวอย่าง)", None, ("reporter",),
     ("RLPD",)),
    ("report.dop", "ผู้รายงาน กรมคุมประพฤติ (ตัวอย่าง)", None, ("reporter",), ("DOP",)),
    ("facilitator01", "วิทยากร สกธ. (ตัวอย่าง)", "รองผู้อำนวยการ", ("facilitator", "participant"),
     ("OJA",)),
    ("participant01", "ผู้เข้าร่วม 01 (ตัวอย่าง)", None, ("participant",), ("OJA-CFC",)),
    ("participant02", "ผู้เข้าร่วม 02 (ตัวอย่าง)", None, ("participant",), ("OJA-RDO",)),
    ("participant03", "ผู้เข้าร่วม 03 (ตัวอย่าง)", None, ("participant",), ()),
]
# fmt: on


def _people() -> dict[str, list[dict]]:
    people = [
        _row("people", id=uid, name_th=name, position_th=position, active=True)
        for uid, name, position, _roles, _units in PEOPLE
    ]
    roles = [_row("person_roles", person_id=uid, role=r) for uid, *_, rs, _us in PEOPLE for r in rs]
    units = [
        _row("person_units", person_id=uid, unit_id=u) for uid, *_, _rs, us in PEOPLE for u in us
    ]
    return {"people": people, "person_units": units, "person_roles": roles}


# =========================================================================== assemble
def build_tables() -> dict[str, list[dict]]:
    """Every sheet of the sample workspace: entity name -> rows (dicts of field values).

    Deterministic: the only randomness is ``random.Random(2565)``, drawn in a fixed order.
    """
    rng = random.Random(SEED)
    tables: dict[str, list[dict]] = {name: [] for name in ENTITIES}
    tables["meta"] = _meta()
    tables["province_groups"] = _province_groups()
    tables["plans"], tables["plan_items"] = _plans()
    tables["units"] = _units()
    tables["stakeholders"] = _stakeholders()
    unit_names = {u["id"]: u["name_th"] for u in tables["units"]}
    tables.update(_okr(rng, unit_names))
    tables["kpis"] = _kpis()
    tables["initiatives"], tables["initiative_krs"], initiative_aligns = _initiatives()
    tables["alignments"] = _alignments(initiative_aligns)
    tables["pmqa_mappings"], tables["service_links"] = _pmqa_and_services()
    tables["flows"] = _flows()
    tables["baseline_indicators"] = _baselines()
    tables.update(_directives(rng))
    tables["lessons"], tables["lesson_links"] = _lessons()
    tables.update(_workshop())
    tables.update(_people())
    for name, rows in _light().items():
        tables[name] += rows
    _measures(tables)  # issue 14: plan documents
    tables.update(_driving_plan(FY))
    if list(tables) != list(ENTITIES):
        raise RuntimeError(f"tables do not match ENTITIES: {sorted(set(tables) ^ set(ENTITIES))}")
    return tables


def validate(tables: dict[str, list[dict]]) -> dict[str, int]:
    """Construct every row's pydantic record; return the row count per entity."""
    counts = {}
    for name, rows in tables.items():
        record = ENTITIES[name].record
        for i, row in enumerate(rows, start=1):
            try:
                record(**row)
            except Exception as exc:
                raise ValueError(f"{name} row {i} ({row.get('id', '')}): {exc}") from exc
        counts[name] = len(rows)
    return counts


def _print_counts(counts: dict[str, int], trailer: Iterable[str] = ()) -> None:
    width = max(len(n) for n in counts)
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:>4}  {ENTITIES[name].sheet_th}")
    print(f"{'total':<{width}}  {sum(counts.values()):>4}")
    for line in trailer:
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the kpyj sample workbook (FY2565).")
    parser.add_argument(
        "--check", action="store_true", help="validate, print row counts; write nothing"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    args = parser.parse_args(argv)
    tables = build_tables()
    counts = validate(tables)
    plan_tables = build_plan_tables()  # issue 14: the FY2566 add-on workbook
    plan_counts = validate(plan_tables)
    if args.check:
        _print_counts(counts, ["ตรวจสอบผ่าน (validation passed) — ไม่ได้เขียนไฟล์ (--check)"])
        _print_counts({k: n for k, n in plan_counts.items() if n}, [f"({OUTPUT_2566.name})"])
        return 0
    if write_workbook is None:
        _print_counts(counts)
        print(
            "ยังไม่มี kpyj_lib.io.write_workbook — ไม่ได้เขียนไฟล์ "
            "(kpyj_lib.io.write_workbook is not available yet; nothing written)",
            file=sys.stderr,
        )
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(tables, args.output)
    _print_counts(counts, [f"เขียนไฟล์แล้ว (written): {args.output}"])
    plan_output = args.output.with_name(OUTPUT_2566.name)
    write_workbook(plan_tables, plan_output)
    _print_counts(
        {k: n for k, n in plan_counts.items() if n}, [f"เขียนไฟล์แล้ว (written): {plan_output}"]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
