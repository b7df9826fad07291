"""Write workbooks: every entity as a sheet, an instructions sheet, a codes sheet, drop-downs.

The layout is the one :mod:`kpyj_lib.io.validate` reads back:

* sheet ``คำแนะนำ`` first (instructions in Thai, with English alongside), then one sheet per
  entity in :data:`~kpyj_lib.model.ENTITIES` order named :attr:`Entity.sheet_th`, then the
  codes sheet ``รายการรหัส`` (every code list, the 77 provinces, the clusters and the PMQA
  categories: code, Thai label, English label);
* header cells ``"<Thai header> (<english name>)"``, bold, frozen, with an auto-filter;
  required columns have a darker header;
* a Thai-capable default font (TH Sarabun New), widths from the content;
* dates are real Excel dates (``yyyy-mm-dd``), timestamps real Excel date-times in Bangkok
  local time (Excel has no time zones); text cells stay text even when they start with ``=``;
* drop-downs (data validation lists) on every coded column, the province columns, the
  cluster and PMQA category columns, pointing at named ranges on the codes sheet;
* sample data (``meta`` row ``is_sample = true``) is marked ``ตัวอย่าง (sample data)`` in the
  instructions title, the workbook title and an orange tab colour; the cells are unchanged.

Files are written atomically: to a temporary file in the same folder, then ``os.replace``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kpyj_lib import reference
from kpyj_lib.calendar import BANGKOK
from kpyj_lib.files import atomic_write
from kpyj_lib.model import ENTITIES, Column, Entity, Record

from .guide import (
    OPTIONAL_FILL,
    REQUIRED_FILL,
    REQUIRED_FONT_COLOUR,
    START_SHEET,
    header_comment,
    meta_key_validation,
    write_start_sheet,
)
from .spec import CODES_SHEET, INSTRUCTIONS_SHEET, column_rows, header_text

__all__ = ["FONT_NAME", "atomic_save", "build_workbook", "is_sample_tables", "table_rows"]

#: The workbook's default font: the Thai government standard face.
FONT_NAME = "TH Sarabun New"
FONT_SIZE = 14
SAMPLE_MARK = "ตัวอย่าง (sample data)"
_SAMPLE_TAB = "F4A100"
_MAX_ROW = 1_048_576
_DATE_FMT = "yyyy-mm-dd"
_DATETIME_FMT = "yyyy-mm-dd hh:mm:ss"
_TRUE = {"true", "1", "yes", "ใช่"}


# --------------------------------------------------------------------------- rows
def _native(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, str | bytes):  # numpy scalars
        return v.item()
    return v


def table_rows(ent: Entity, data: Any) -> list[dict[str, Any]]:
    """Rows of one entity as validated dicts (records, dicts or a DataFrame accepted).

    Raises
    ------
    ValueError
        If a row is not a valid record of the entity (naming the table and row).
    """
    if data is None:
        return []
    if isinstance(data, pd.DataFrame):
        items: Iterable[Any] = data.to_dict("records")
    else:
        items = data
    out = []
    for i, r in enumerate(items):
        if isinstance(r, Record):
            out.append(r.model_dump())
            continue
        clean = {k: _native(v) for k, v in dict(r).items()}
        clean = {k: v for k, v in clean.items() if v is not None}
        try:
            out.append(ent.record(**clean).model_dump())
        except Exception as e:
            raise ValueError(f"{ent.name} row {i}: not a valid {ent.record.__name__}: {e}") from e
    return out


def is_sample_tables(tables: Mapping[str, Any]) -> bool:
    """True when the ``meta`` table says ``is_sample = true``."""
    meta = tables.get("meta")
    if meta is None:
        return False
    for r in table_rows(ENTITIES["meta"], meta):
        if str(r["key"]).strip() == "is_sample":
            return str(r["value"]).strip().lower() in _TRUE
    return False


# --------------------------------------------------------------------------- cells
def _width(text: str) -> int:
    return sum(
        1 for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn"
    )


def _put(ws: Worksheet, row: int, col: int, c: Column | None, v: Any) -> Any:
    cell = ws.cell(row=row, column=col)
    if v is None:
        return cell
    if isinstance(v, dt.datetime):
        local = v.astimezone(BANGKOK).replace(tzinfo=None) if v.tzinfo else v
        cell.value = local
        cell.number_format = _DATETIME_FMT
    elif isinstance(v, dt.date):
        cell.value = v
        cell.number_format = _DATE_FMT
    elif isinstance(v, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", v)
        cell.data_type = "s"  # never a formula, even when it starts with "="
        if c is not None:
            cell.number_format = "@"
    else:
        cell.value = v
    return cell


def _header_font() -> Font:
    return Font(name=FONT_NAME, size=FONT_SIZE, bold=True)


def _new_workbook() -> Workbook:
    wb = Workbook()
    font = Font(name=FONT_NAME, sz=FONT_SIZE, family=2)
    # make the Thai face the workbook default, so cells typed later use it too
    wb._fonts = IndexedList([font])  # type: ignore[attr-defined]
    wb._named_styles["Normal"].font = font  # type: ignore[attr-defined]
    return wb


# --------------------------------------------------------------------------- codes sheet
def _code_blocks() -> list[tuple[str, list[tuple[Any, str, str]]]]:
    blocks: list[tuple[str, list[tuple[Any, str, str]]]] = []
    codes = reference.load("codes").sort_values(["list", "order"], kind="stable")
    for name, df in codes.groupby("list", sort=False):
        rows = [(r["code"], r["label_th"] or "", r["label_en"] or "") for _, r in df.iterrows()]
        blocks.append((str(name), rows))
    prov = reference.load("provinces").sort_values("code")
    blocks.append(
        ("province", [(r.code, r.name_th, r.name_en) for r in prov.itertuples(index=False)])
    )
    clusters = reference.load("clusters").sort_values("id")
    blocks.append(
        ("cluster", [(r.id, r.name_th, r.name_en or "") for r in clusters.itertuples(index=False)])
    )
    pmqa = reference.load("pmqa_categories").sort_values("id")
    blocks.append(
        ("pmqa_category", [(int(r.id), r.name_th, r.name_en) for r in pmqa.itertuples(index=False)])
    )
    return blocks


def _write_codes(wb: Workbook, ws: Worksheet) -> dict[str, str]:
    """Fill the codes sheet; return defined-name per list (``kpyj_<list>``)."""
    heads = ["รายการ (list)", "รหัส (code)", "ชื่อภาษาไทย (label_th)", "ชื่อภาษาอังกฤษ (label_en)"]
    for j, h in enumerate(heads, 1):
        ws.cell(row=1, column=j, value=h).font = _header_font()
    names: dict[str, str] = {}
    row = 2
    widths = [len(h) for h in heads]
    for list_name, items in _code_blocks():
        start = row
        for code, th, en in items:
            values = (list_name, code, th, en)
            for j, v in enumerate(values, 1):
                _put(ws, row, j, None, v)
                widths[j - 1] = max(widths[j - 1], _width(str(v)))
            row += 1
        dn = f"kpyj_{list_name}"
        ref = f"{quote_sheetname(CODES_SHEET)}!$B${start}:$B${row - 1}"
        wb.defined_names[dn] = DefinedName(dn, attr_text=ref)
        names[list_name] = dn
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:D{max(row - 1, 1)}"
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 3, 10), 70)
    return names


def _validation_for(c: Column, names: Mapping[str, str]) -> DataValidation | None:
    if c.ref == "provinces":
        formula = names["province"]  # OOXML stores formulas without "="
    elif c.ref == "clusters":
        formula = names["cluster"]
    elif c.ref == "pmqa_categories":
        formula = names["pmqa_category"]
    elif c.codes:
        listed = reference.code_values(c.codes) if c.codes in names else []
        choices = [str(x) for x in (c.choices or ())]
        if c.codes in names and set(listed) == set(choices):
            formula = names[c.codes]
        else:  # a column allowing a subset (or superset) of its code list
            inline = ",".join(choices)
            if len(inline) > 250:
                return None
            formula = f'"{inline}"'
    else:
        return None
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        showInputMessage=True,
    )
    dv.errorTitle = "ค่าไม่อยู่ในรายการ"
    dv.error = (
        f"ใช้ค่าจากชีต {CODES_SHEET} (use a value from the codes sheet; Thai or English "
        "labels and province names are accepted on import too)"
    )
    dv.promptTitle = c.th[:32]
    dv.prompt = _prompt(c)
    return dv


def _prompt(c: Column) -> str:
    if c.ref == "provinces":
        return "รหัสจังหวัด 2 หลัก เช่น 83 = ภูเก็ต (2-digit province code; names accepted)"
    if c.codes:
        parts = []
        for code in c.choices or ():
            try:
                parts.append(f"{code} = {reference.code_label(c.codes, str(code))}")
            except Exception:
                parts.append(str(code))
        text = "; ".join(parts)
        return text if len(text) <= 250 else text[:247] + "..."
    return f"ดูชีต {CODES_SHEET} (see the codes sheet)"


# --------------------------------------------------------------------------- entity sheets
def _write_entity(
    ws: Worksheet, ent: Entity, rows: list[dict[str, Any]], names: Mapping[str, str]
) -> None:
    widths: list[int] = []
    for j, c in enumerate(ent.columns, 1):
        cell = ws.cell(row=1, column=j, value=header_text(c))
        cell.font = Font(
            name=FONT_NAME,
            size=FONT_SIZE,
            bold=True,
            color=REQUIRED_FONT_COLOUR if c.required else None,
        )
        cell.fill = REQUIRED_FILL if c.required else OPTIONAL_FILL
        comment = header_comment(ent.name, c.name)
        if comment is not None:  # e.g. what the groups 1-3 of «กลุ่มการขับเคลื่อน (1-3)» are
            cell.comment = comment
        cell.alignment = Alignment(vertical="center")
        widths.append(_width(header_text(c)))
        letter = get_column_letter(j)
        if c.type is str:
            ws.column_dimensions[letter].number_format = "@"  # typed "083" stays text
        elif c.type is dt.date:
            ws.column_dimensions[letter].number_format = _DATE_FMT
        elif c.type is dt.datetime:
            ws.column_dimensions[letter].number_format = _DATETIME_FMT
    for i, r in enumerate(rows, 2):
        for j, c in enumerate(ent.columns, 1):
            cell = _put(ws, i, j, c, r.get(c.name))
            if i < 300 and cell.value is not None:
                shown = cell.value if not isinstance(cell.value, dt.date) else "2022-03-15 16:00:00"
                widths[j - 1] = max(widths[j - 1], _width(str(shown)))
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 3, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(ent.columns))}{max(len(rows) + 1, 1)}"
    for j, c in enumerate(ent.columns, 1):
        dv = _validation_for(c, names)
        if ent.name == "meta" and c.name == "key":
            dv = meta_key_validation()  # issue 17: the keys kpyj reads
        if dv is None:
            continue
        letter = get_column_letter(j)
        dv.add(f"{letter}2:{letter}{_MAX_ROW}")
        ws.add_data_validation(dv)


# --------------------------------------------------------------------------- instructions
_GENERAL_TH = [
    (
        "สมุดงานนี้คืออะไร (what this is)",
        "ไฟล์นำเข้า/ส่งออกข้อมูลของชุดงาน กพยจ. หนึ่งชีตต่อหนึ่งตาราง "
        "(one sheet per table of a kpyj workspace; import it with 'kpyj import')",
    ),
    (
        "แถวหัวตาราง (header row)",
        "แถวที่ 1 คือหัวตาราง ข้อมูลเริ่มแถวที่ 2 หัวตารางเขียนเป็นภาษาไทย อังกฤษ หรือแบบรวม "
        "'รหัสวัตถุประสงค์ (id)' ก็ได้ ห้ามเพิ่มคอลัมน์ที่ไม่รู้จัก "
        "(row 1 is the header, data starts in row 2; Thai, English or combined headers; "
        "unknown columns are refused so that no data is lost silently)",
    ),
    (
        "ชื่อชีต (sheet names)",
        "ใช้ชื่อชีตภาษาไทยหรือชื่ออังกฤษตามตารางด้านล่าง ชีตที่ขึ้นต้นด้วย _ หรือ # จะถูกข้าม "
        "(Thai or English sheet names; sheets starting with _ or # are skipped)",
    ),
    (
        "ต้องกรอก (required)",
        "คอลัมน์ที่หัวตารางสีน้ำเงินเข้ม ตัวอักษรขาว ต้องกรอกทุกแถว คอลัมน์หัวสีเทาอ่อนเว้นว่างได้ "
        "(ใช้ค่าตั้งต้น) ดูคำอธิบายสีในชีต เริ่มที่นี่ "
        "(dark blue header with white text = required; pale grey = optional, empty cells "
        "take the default)",
    ),
    (
        "รหัสและการอ้างอิง (ids and references)",
        "ทุกแถวมีรหัส (id) ที่ไม่ซ้ำกันในชีต ตั้งเองได้ เช่น OBJ-83-01 คอลัมน์ที่ขึ้นต้นว่า 'รหัส...' "
        "ของตารางอื่นต้องตรงกับรหัสที่มีในไฟล์นี้หรือในฐานข้อมูลแล้ว "
        "(ids are unique per sheet and chosen by you; a reference must match an id in this file "
        "or already in the store)",
    ),
    (
        "ประเภทต้นทาง/ปลายทาง (source_type / target_type)",
        "ระบุชนิดของสิ่งที่อ้างถึง เช่น objective, key_result, initiative แล้วใส่รหัสของสิ่งนั้น "
        "(name the kind of node, then give its id)",
    ),
    (
        "รหัสตัวเลือก (codes)",
        f"คอลัมน์ที่มีรายการให้เลือก ใช้รหัสหรือชื่อภาษาไทย/อังกฤษตามชีต {CODES_SHEET} "
        "(coded columns accept the code or its Thai/English label)",
    ),
    (
        "จังหวัด (provinces)",
        "ใช้รหัสจังหวัด 2 หลักของกรมการปกครอง เช่น 83 = ภูเก็ต หรือชื่อจังหวัด "
        "(2-digit DOPA province code, e.g. 83 = Phuket, or the province name)",
    ),
    (
        "วันที่ (dates)",
        "ใส่เป็นวันที่ของ Excel หรือพิมพ์ 2022-03-15, 15/03/2565 (ปี พ.ศ.), 15 มี.ค. 2565 "
        "วันเวลาถือเป็นเวลาประเทศไทย (Excel dates, ISO, d/m/yyyy with BE years or Thai month "
        "names; times are Bangkok time)",
    ),
    (
        "ปีงบประมาณ (fiscal years)",
        "ใช้ปี พ.ศ. เช่น 2565 = 1 ต.ค. 2564 - 30 ก.ย. 2565 "
        "(fiscal years are Buddhist Era years: 2565 = 1 Oct 2021 - 30 Sep 2022)",
    ),
    (
        "ตัวเลข (numbers)",
        "ใส่คั่นหลักพันหรือเลขไทยได้ เช่น 1,250,000 หรือ ๒๕๖๕ "
        "(thousands separators and Thai digits are accepted)",
    ),
    ("สูตร (formulas)", "ห้ามใช้สูตร โปรดคัดลอกแล้ววางแบบค่า (formulas are refused: paste values)"),
    (
        "การนำเข้า (import)",
        "ระบบตรวจทั้งไฟล์ก่อน หากพบปัญหาแม้แต่จุดเดียวจะไม่บันทึกอะไรเลย และแจ้งทุกจุดพร้อมชีต แถว "
        "คอลัมน์ (the whole file is checked first; if anything is wrong nothing is written and "
        "every problem is listed with its sheet, row and column)",
    ),
]


def _write_instructions(ws: Worksheet, sample: bool) -> None:
    title = "สมุดงานข้อมูล กพยจ. (kpyj workbook)"
    if sample:
        title = (
            f"{SAMPLE_MARK}: ข้อมูลสมมติ ไม่ใช่ข้อมูลทางการ (illustrative, not official figures) - {title}"
        )
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT_NAME, size=20, bold=True, color="C00000" if sample else None)
    row = 3
    for head, text in _GENERAL_TH:
        ws.cell(row=row, column=1, value=head).font = _header_font()
        ws.cell(row=row, column=2, value=text).alignment = Alignment(wrap_text=True)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="ชีตข้อมูล (data sheets)").font = Font(
        name=FONT_NAME, size=16, bold=True
    )
    row += 1
    for j, h in enumerate(["ชีต (sheet)", "ชื่ออังกฤษ (name)", "คำอธิบาย (description)", "คีย์ (key)"], 1):
        ws.cell(row=row, column=j, value=h).font = _header_font()
    row += 1
    for ent in ENTITIES.values():
        doc = (ent.record.__doc__ or "").strip().split("\n\n")[0]
        doc = " ".join(doc.split())
        values = [
            ent.sheet_th,
            ent.name,
            f"{ent.label_th} ({ent.label_en}): {doc}",
            ", ".join(ent.key),
        ]
        for j, v in enumerate(values, 1):
            ws.cell(row=row, column=j, value=v).alignment = Alignment(wrap_text=j == 3)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="คอลัมน์ (columns)").font = Font(
        name=FONT_NAME, size=16, bold=True
    )
    row += 1
    heads = [
        "ชีต (sheet)",
        "หัวคอลัมน์ (header)",
        "ชนิด (type)",
        "ต้องกรอก (required)",
        "คีย์ (key)",
        "อ้างอิง/รหัส (refers to)",
        "ค่าตั้งต้น (default)",
        "ข้อจำกัด (limits)",
    ]
    for j, h in enumerate(heads, 1):
        ws.cell(row=row, column=j, value=h).font = _header_font()
    row += 1
    for ent in ENTITIES.values():
        for d in column_rows(ent):
            values = [
                ent.sheet_th,
                d["header"],
                d["type"],
                d["required"],
                d["key"],
                d["refers"],
                d["default"],
                d["limits"],
            ]
            for j, v in enumerate(values, 1):
                if v:
                    _put(ws, row, j, None, v)
            row += 1
    for letter, w in zip("ABCDEFGH", (34, 40, 70, 22, 12, 50, 14, 24), strict=True):
        ws.column_dimensions[letter].width = w


# --------------------------------------------------------------------------- assembly
def build_workbook(tables: Mapping[str, Any], *, start_sheet: bool = False) -> Workbook:
    """The workbook for ``tables`` (entity name -> rows), every entity as a sheet.

    ``start_sheet``: put the «เริ่มที่นี่» sheet first (the template: how to fill a first
    plan, the built-in plans, the legend; :mod:`kpyj_lib.io.guide`)."""
    unknown = set(tables) - set(ENTITIES)
    if unknown:
        raise ValueError(f"ไม่รู้จักตาราง (unknown tables): {sorted(unknown)}")
    sample = is_sample_tables(tables)
    wb = _new_workbook()
    ws = wb.active
    assert ws is not None
    if start_sheet:
        ws.title = START_SHEET
        write_start_sheet(ws, FONT_NAME)
        ws = wb.create_sheet(INSTRUCTIONS_SHEET)
    else:
        ws.title = INSTRUCTIONS_SHEET
    _write_instructions(ws, sample)
    data_sheets = [wb.create_sheet(ent.sheet_th) for ent in ENTITIES.values()]
    codes_ws = wb.create_sheet(CODES_SHEET)
    names = _write_codes(wb, codes_ws)
    for ws_ent, ent in zip(data_sheets, ENTITIES.values(), strict=True):
        _write_entity(ws_ent, ent, table_rows(ent, tables.get(ent.name)), names)
    wb.properties.creator = "kpyj"
    wb.properties.title = "kpyj workbook" + (f" - {SAMPLE_MARK}" if sample else "")
    if sample:
        for sheet in wb.worksheets:
            sheet.sheet_properties.tabColor = _SAMPLE_TAB
    return wb


def atomic_save(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save ``wb`` to ``path`` through a temporary file in the same folder + ``os.replace``.

    A reader never sees a half-written file, and a failed save leaves the old file intact
    and no temporary file behind.
    """
    target = Path(path)
    try:
        atomic_write(target, wb.save)
    except PermissionError as e:
        raise PermissionError(
            f"บันทึกไฟล์ {target} ไม่ได้ ไฟล์อาจเปิดอยู่ใน Excel โปรดปิดก่อน "
            f"(cannot write {target}: is it open in Excel? close it and try again)"
        ) from e
    return target
