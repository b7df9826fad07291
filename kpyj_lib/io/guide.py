"""The template's first sheet, «เริ่มที่นี่»: how to fill a first plan (issue 17).

Everything on it is generated from the registry (:data:`kpyj_lib.model.ENTITIES`) and the
reference data, so it stays true when a column or a built-in plan is added:

* the sheets a first plan needs, in the order to fill them (:data:`FIRST_PLAN_STEPS`), with
  their required columns; every other sheet is optional for a first plan (it may be left
  empty or deleted: :func:`kpyj_lib.io.validate.check_raw` does not ask for it);
* the plans built into kpyj (:func:`kpyj_lib.io.builtin.builtin_plans`) with every item id,
  and how a provincial plan item, an objective, a key result or a project is linked up to
  them in the ``ความสอดคล้อง`` sheet;
* the legend of the header colours (required / optional);
* the keys the ``ข้อมูลชุดงาน`` (meta) sheet knows (:data:`META_KEYS`);
* what the numbers in headers such as «กลุ่มการขับเคลื่อน (1-3)» mean (:data:`RANGE_MEANINGS`).

Examples
--------
>>> [name for name, _ in FIRST_PLAN_STEPS][:3]
['units', 'plans', 'plan_items']
>>> "votes" in optional_sheets() and "objectives" not in optional_sheets()
True
>>> range_columns()[0][:2]
('province_groups', 'group')
"""

from __future__ import annotations

import re

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kpyj_lib.model import ENTITIES

from .builtin import builtin_plans, item_ids_text
from .spec import CODES_SHEET, INSTRUCTIONS_SHEET, START_SHEET, header_text

__all__ = [
    "FIRST_PLAN_STEPS",
    "META_KEYS",
    "OPTIONAL_FILL",
    "RANGE_MEANINGS",
    "REQUIRED_FILL",
    "REQUIRED_FONT_COLOUR",
    "START_SHEET",
    "first_plan_sheets",
    "header_comment",
    "meta_key_validation",
    "optional_sheets",
    "range_columns",
    "write_start_sheet",
]

#: Header colours: required columns dark blue with white bold text, optional ones pale grey.
REQUIRED_FILL = PatternFill("solid", fgColor="1F4E79")
REQUIRED_FONT_COLOUR = "FFFFFF"
OPTIONAL_FILL = PatternFill("solid", fgColor="EDEDED")

#: The sheets of a first plan, in the order to fill them, and what goes in each.
FIRST_PLAN_STEPS: tuple[tuple[str, str], ...] = (
    (
        "units",
        "หน่วยงานของท่าน (เช่น สำนักงานยุติธรรมจังหวัด) และหน่วยงานที่ร่วมงาน ตั้งรหัสเองได้ เช่น U-83-01",
    ),
    (
        "plans",
        "แผนของจังหวัดเอง เช่น แผนพัฒนาจังหวัด (ประเภท provincial_plan) ตั้งรหัสเอง เช่น PP-83 "
        "ไม่ต้องกรอกแผนที่มีอยู่แล้วในระบบ (ดูตาราง แผนที่มีอยู่แล้วใน kpyj ด้านล่าง)",
    ),
    (
        "plan_items",
        "วิสัยทัศน์และประเด็นการพัฒนาของแผนจังหวัด (รหัสแผน = รหัสแผนของท่าน เช่น PP-83)",
    ),
    ("objectives", "วัตถุประสงค์ (O) ของปีงบประมาณ พร้อมรหัสจังหวัด"),
    (
        "key_results",
        "ผลลัพธ์หลัก (KR) ของแต่ละวัตถุประสงค์: ค่าฐาน ค่าเป้าหมาย หน่วยนับ ทิศทาง "
        "(ค่าร้อยละ ให้ใส่หน่วยนับ ร้อยละ แล้วพิมพ์ 62 หรือ 62%)",
    ),
    ("initiatives", "โครงการ/กิจกรรม: งบประมาณ (บาท) สถานะ วันเริ่ม วันสิ้นสุด"),
    ("initiative_krs", "โครงการใดส่งผลต่อผลลัพธ์หลักใด (รหัสโครงการ + รหัสผลลัพธ์หลัก)"),
    (
        "alignments",
        "เชื่อมโยงขึ้นไปยังแผนระดับชาติ: ประเด็นแผนจังหวัด วัตถุประสงค์ ผลลัพธ์หลัก หรือโครงการ "
        "→ รหัสประเด็นของแผนที่มีในระบบ เช่น NS-1, NMP-22, JMP4-D2",
    ),
    ("checkins", "รายงานความก้าวหน้า: ค่าที่วัดได้ของผลลัพธ์หลักแต่ละครั้ง พร้อมวันที่"),
)

#: The keys of the ``ข้อมูลชุดงาน`` (meta) sheet kpyj reads, and what each means.
META_KEYS: tuple[tuple[str, str], ...] = (
    ("is_sample", "true = ข้อมูลตัวอย่าง (สมมติ) ทุกรายงานจะพิมพ์คำว่า ตัวอย่าง กำกับ"),
    ("as_of", "วันที่ของข้อมูลที่ใช้ในรายงาน รูปแบบ 2022-03-31 (เว้นว่าง: ระบบเลือกเอง)"),
    (
        "directive_reporting_start",
        "วันเริ่มรายงานข้อสั่งการรายสัปดาห์ สำหรับข้อสั่งการที่ไม่ได้ระบุวันเริ่มรายงานไว้ รูปแบบ 2022-01-03",
    ),
    ("title_th", "ชื่อชุดข้อมูล (ภาษาไทย)"),
    ("title_en", "ชื่อชุดข้อมูล (ภาษาอังกฤษ)"),
    ("note_th", "หมายเหตุของชุดข้อมูล"),
)

#: What the numbers in a header such as «กลุ่มการขับเคลื่อน (1-3)» mean, by Thai header.
RANGE_MEANINGS: dict[str, str] = {
    "กลุ่มการขับเคลื่อน (1-3)": (
        "กลุ่มการขับเคลื่อนตามบันทึกข้อความ สกธ. ลงวันที่ 20 มกราคม 2565: "
        "1 = จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (4 จังหวัด), "
        "2 = จังหวัดศูนย์ปฏิบัติการกลุ่มจังหวัดอื่น (14 จังหวัด), "
        "3 = สำนักงานยุติธรรมจังหวัดอื่น (59 จังหวัด); ในแผนขับเคลื่อน เว้นว่าง = ทุกกลุ่ม"
    ),
    "ความมั่นใจ (0-1)": ("ความมั่นใจว่าจะบรรลุค่าเป้าหมาย: 0 = ไม่มั่นใจเลย, 0.5 = ครึ่งต่อครึ่ง, 1 = มั่นใจเต็มที่"),
}

_RANGE = re.compile(r"\((\d+)\s*-\s*(\d+)\)")


def first_plan_sheets() -> tuple[str, ...]:
    """The entity names a first plan needs (their sheets stay required on import)."""
    return tuple(name for name, _ in FIRST_PLAN_STEPS)


def optional_sheets() -> tuple[str, ...]:
    """Every other entity: not needed for a first plan, its sheet may be left out."""
    needed = set(first_plan_sheets())
    return tuple(name for name in ENTITIES if name not in needed)


def range_columns() -> list[tuple[str, str, str]]:
    """``(entity, column, Thai header)`` of every column whose header holds a range
    such as ``(1-3)``; each has a meaning in :data:`RANGE_MEANINGS`."""
    return [
        (ent.name, c.name, c.th)
        for ent in ENTITIES.values()
        for c in ent.columns
        if _RANGE.search(c.th)
    ]


def header_comment(entity: str, column: str) -> Comment | None:
    """The cell comment of a header: the meaning of a range, the keys of the meta sheet,
    or None.

    >>> "as_of" in header_comment("meta", "key").text
    True
    """
    c = ENTITIES[entity].column(column)
    meaning = RANGE_MEANINGS.get(c.th)
    if (entity, column) == ("meta", "key"):
        meaning = "คีย์ที่ kpyj ใช้: " + "; ".join(f"{k} = {m}" for k, m in META_KEYS)
    if meaning is None:
        return None
    comment = Comment(meaning, "kpyj")
    comment.width, comment.height = 360, 160
    return comment


def meta_key_validation() -> DataValidation:
    """A drop-down of the meta keys kpyj reads (a warning only: other keys are kept)."""
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(k for k, _ in META_KEYS) + '"',
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        showInputMessage=True,
    )
    dv.promptTitle = "คีย์ของชุดข้อมูล"
    dv.prompt = "; ".join(k for k, _ in META_KEYS)
    dv.errorTitle = "คีย์ที่ kpyj ไม่ได้ใช้"
    dv.error = "kpyj เก็บคีย์นี้ไว้แต่ไม่ได้ใช้ ดูความหมายของคีย์ในชีต เริ่มที่นี่"
    return dv


def _in_force(plan_id: str) -> str:
    """When a built-in plan applies, from ``reference/plan_status.csv``: ``ประกาศใช้ 2566-2569``."""
    from kpyj_lib.reference import PLAN_STATUS_TH, load

    df = load("plan_status")
    rows = df[df["plan_id"] == plan_id]
    return "; ".join(
        f"{PLAN_STATUS_TH[r.status]} {r.from_fy}-{r.to_fy}" for r in rows.itertuples(index=False)
    )


def write_start_sheet(ws: Worksheet, font_name: str) -> None:
    """Fill the «เริ่มที่นี่» sheet: steps of a first plan, built-in plans, linking, legend,
    optional sheets, meta keys and header ranges (in the workbook's font ``font_name``)."""
    row = 1

    def _font(size: int = 14, *, bold: bool = False, colour: str | None = None) -> Font:
        return Font(name=font_name, size=size, bold=bold, color=colour)

    def put(values: list[object], *, bold: bool = False, size: int = 14) -> None:
        nonlocal row
        for j, v in enumerate(values, 1):
            if v is None or v == "":
                continue
            cell = ws.cell(row=row, column=j, value=v)
            cell.font = _font(size, bold=bold)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(v, str):
                cell.data_type = "s"
        row += 1

    def heading(text: str) -> None:
        nonlocal row
        row += 1
        put([text], bold=True, size=16)

    put(["เริ่มที่นี่: กรอกแผนแรกของจังหวัดทีละขั้น"], bold=True, size=20)
    put(
        [
            "กรอกชีตตามลำดับในตารางแรก ชีตอื่นไม่จำเป็นสำหรับแผนแรก เว้นว่างหรือลบทิ้งได้ "
            f"รายละเอียดทุกคอลัมน์อยู่ในชีต '{INSTRUCTIONS_SHEET}' รายการรหัสอยู่ในชีต '{CODES_SHEET}' "
            "ตรวจไฟล์ด้วยคำสั่ง kpyj validate ก่อนนำเข้าด้วย kpyj import"
        ]
    )

    heading("1. ชีตที่ต้องกรอกสำหรับแผนแรก เรียงตามลำดับ")
    put(["ลำดับ", "ชีต", "กรอกอะไร", "คอลัมน์ที่ต้องกรอก (*)"], bold=True)
    for i, (name, what) in enumerate(FIRST_PLAN_STEPS, 1):
        ent = ENTITIES[name]
        required = ", ".join(f"* {c.th}" for c in ent.columns if c.required)
        put([i, ent.sheet_th, what, required])

    heading("2. แผนที่มีอยู่แล้วใน kpyj (ไม่ต้องกรอก ใช้รหัสได้เลย)")
    put(
        [
            "แผนเหล่านี้และความเชื่อมโยงระหว่างกันมีอยู่ในทุกฐานข้อมูลแล้ว ห้ามกรอกซ้ำในชีต "
            f"'{ENTITIES['plans'].sheet_th}' หรือ '{ENTITIES['plan_items'].sheet_th}' "
            "ให้ใช้รหัสประเด็นด้านล่างในชีต "
            f"'{ENTITIES['alignments'].sheet_th}' แทน"
        ]
    )
    put(["รหัสแผน", "ชื่อแผน", "รหัสประเด็น", "ชื่อประเด็น / ใช้ในปีงบประมาณ"], bold=True)
    for p in builtin_plans():
        put([p.id, p.name_th, item_ids_text(p), _in_force(p.id)], bold=True)
        for item in p.items:
            put(["", "", item.id, item.name_th])

    al = ENTITIES["alignments"]
    heading("3. การเชื่อมโยงแผนจังหวัดขึ้นไปยังแผนระดับชาติ")
    put(
        [
            f"ในชีต '{al.sheet_th}' หนึ่งแถว = หนึ่งการเชื่อมโยงจากล่างขึ้นบน: "
            f"'{header_text(al.column('source_type'))}' คือชนิดของสิ่งที่เชื่อม "
            "(plan_item = ประเด็นแผนจังหวัด, objective = วัตถุประสงค์, key_result = ผลลัพธ์หลัก, "
            f"initiative = โครงการ), '{header_text(al.column('source_id'))}' คือรหัสของสิ่งนั้น "
            f"และ '{header_text(al.column('plan_item_id'))}' คือรหัสประเด็นของแผนที่สูงกว่า "
            "(แผนในระบบตามข้อ 2 หรือประเด็นแผนจังหวัดของท่าน)"
        ]
    )
    put([header_text(c) for c in al.columns], bold=True)
    examples = [
        ("plan_item", "PP-83-1", "NS-2", "ประเด็นที่ 1 ของแผนพัฒนาจังหวัด ตอบยุทธศาสตร์ชาติด้านที่ 2"),
        ("plan_item", "PP-83-1", "NMP-22", "และแผนแม่บทฯ ประเด็น (22) กฎหมายและกระบวนการยุติธรรม"),
        ("objective", "OBJ-83-01", "PP-83-1", "วัตถุประสงค์ตอบประเด็นที่ 1 ของแผนจังหวัด"),
        ("objective", "OBJ-83-01", "JMP4-D1", "และแผนแม่บทการบริหารงานยุติธรรมแห่งชาติ มิติที่ 1"),
    ]
    for ex in examples:
        put(list(ex))
    put(
        [
            "ตัวอย่างด้านบนเป็นรหัสสมมติของผู้ใช้ (PP-83-1, OBJ-83-01) ส่วน NS-2 NMP-22 JMP4-D1 "
            "เป็นรหัสจริงของแผนในระบบ ผลลัพธ์หลักและโครงการที่อยู่ใต้วัตถุประสงค์เชื่อมโยงตามวัตถุประสงค์ของตน"
        ]
    )

    heading("4. สีหัวตาราง")
    put(["หัวตาราง", "ความหมาย"], bold=True)
    legend = [
        (REQUIRED_FILL, REQUIRED_FONT_COLOUR, "สีน้ำเงินเข้ม ตัวอักษรขาว", "ต้องกรอกทุกแถว (*)"),
        (OPTIONAL_FILL, None, "สีเทาอ่อน", "เว้นว่างได้ (ใช้ค่าตั้งต้น)"),
    ]
    for fill, colour, label, meaning in legend:
        cell = ws.cell(row=row, column=1, value=label)
        cell.fill = fill
        cell.font = _font(bold=True, colour=colour)
        ws.cell(row=row, column=2, value=meaning).font = _font()
        row += 1
    put(["หัวตารางที่มีเครื่องหมายสามเหลี่ยมแดงที่มุม มีคำอธิบาย ให้ชี้เมาส์ที่หัวตารางเพื่ออ่าน"])

    heading("5. ชีตที่ไม่จำเป็นสำหรับแผนแรก (เว้นว่างหรือลบทิ้งได้ นำเข้าได้ตามปกติ)")
    put(["ชีต", "ใช้เมื่อ"], bold=True)
    for name in optional_sheets():
        ent = ENTITIES[name]
        put([ent.sheet_th, ent.label_th])

    meta = ENTITIES["meta"]
    heading(f"6. คีย์ของชีต '{meta.sheet_th}' (ไม่บังคับ)")
    put([header_text(meta.column("key")), "ความหมายของค่า"], bold=True)
    for key, meaning in META_KEYS:
        put([key, meaning])

    heading("7. ตัวเลขในวงเล็บของหัวตาราง")
    put(["ชีต", "หัวตาราง", "ความหมาย"], bold=True)
    for name, column, th in range_columns():
        put(
            [
                ENTITIES[name].sheet_th,
                header_text(ENTITIES[name].column(column)),
                RANGE_MEANINGS[th],
            ]
        )

    heading("8. รูปแบบที่พิมพ์ได้")
    for text in INPUT_FORMS:
        put([text])

    for letter, width in zip("ABCD", (22, 60, 26, 70), strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_properties.tabColor = "1F4E79"


#: The everyday forms every column accepts, as the guide lists them.
INPUT_FORMS: tuple[str, ...] = (
    "วันที่: 31 ธ.ค. 67, 31 ธันวาคม 2567, 31/12/67, 31/12/2567, 2024-12-31 "
    "(ปี 2 หลัก = พ.ศ. 25xx เสมอ: 67 = พ.ศ. 2567)",
    "จำนวนเงิน (บาท): 480000, 480,000, 480,000 บาท, 480,000.-, 4.8 ล้านบาท",
    "ร้อยละ (เมื่อหน่วยนับเป็น ร้อยละ): 62, 62%, ร้อยละ 62 หรือเซลล์รูปแบบร้อยละ 62% = 62",
    "สถานะโครงการ: ยังไม่เริ่ม, กำลังดำเนินการ, เสร็จแล้ว, ยกเลิก "
    "(หรือรหัส planned, in_progress, done, cancelled)",
    "จังหวัดและกลุ่มจังหวัด: รหัสหรือชื่อภาษาไทย เช่น ภูเก็ต, ภาคใต้ฝั่งอันดามัน",
)
