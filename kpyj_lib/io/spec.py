"""The documented workbook format: sheet names, header forms and column descriptions.

Everything here is derived from :data:`kpyj_lib.model.ENTITIES`, so the reader, the
validator, the writer and ``docs/workbook.md`` agree by construction.

* one sheet per entity, named :attr:`Entity.sheet_th` (Thai) or :attr:`Entity.name`
  (English); in a CSV folder one file per sheet, ``<name>.csv`` or ``<sheet_th>.csv``;
* header cells in Thai (:attr:`Column.th`), English (:attr:`Column.name`) or the combined
  form the writer uses, ``"<Thai> (<english>)"``;
* the instructions sheet (``คำแนะนำ``) and the codes sheet (``รายการรหัส``) are ignored on
  import, and so is any sheet whose name starts with ``_`` or ``#`` (scratch sheets).

Examples
--------
>>> header_text(ENTITIES["objectives"].column("id"))
'รหัสวัตถุประสงค์ (id)'
>>> entity_for_sheet("Objectives").name, entity_for_sheet(" วัตถุประสงค์ ").name
('objectives', 'objectives')
>>> column_for_header(ENTITIES["objectives"], "รหัสวัตถุประสงค์").name
'id'
>>> column_for_header(ENTITIES["key_results"], "วิธีการ (How)").name
'how_th'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kpyj_lib.model import ENTITIES, NODE_TABLES, Column, Entity
from kpyj_lib.text import normalize_text

__all__ = [
    "CODES_SHEET",
    "INSTRUCTIONS_SHEET",
    "START_SHEET",
    "TYPE_LABELS",
    "column_constraints",
    "column_for_header",
    "column_rows",
    "entity_for_sheet",
    "header_text",
    "is_auxiliary_sheet",
    "norm",
]

#: The instructions sheet the writer puts first; ignored on import.
INSTRUCTIONS_SHEET = "คำแนะนำ"
#: The sheet listing every code list; ignored on import.
CODES_SHEET = "รายการรหัส"
#: The template's first sheet (how to fill a first plan, issue 17); ignored on import.
START_SHEET = "เริ่มที่นี่"
_AUX_SHEETS = {INSTRUCTIONS_SHEET, CODES_SHEET, START_SHEET, "instructions", "codes", "readme"}

#: How each column type is described to users (Thai, English).
TYPE_LABELS: dict[type, tuple[str, str]] = {
    str: ("ข้อความ", "text"),
    int: ("จำนวนเต็ม", "whole number"),
    float: ("ตัวเลข", "number"),
    bool: ("จริง/เท็จ", "true/false"),
    dt.date: ("วันที่", "date"),
    dt.datetime: ("วันเวลา", "date and time"),
}


def norm(text: Any) -> str:
    """A name as compared: normalised (:func:`kpyj_lib.text.normalize_text`: NFC, Thai mark
    order, no invisible characters), whitespace collapsed and stripped, case-folded.

    >>> norm("  Key   Results\u200b ")
    'key results'
    """
    return " ".join(normalize_text(str(text)).split()).casefold()


def header_text(c: Column) -> str:
    """The header cell the writer uses: ``"<Thai header> (<english name>)"``."""
    return f"{c.th} ({c.name})"


def _sheet_lookup() -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for e in ENTITIES.values():
        for name in (e.name, e.sheet_th, f"{e.sheet_th} ({e.name})", e.label_en):
            out.setdefault(norm(name), e)
    return out


_SHEETS = _sheet_lookup()


def entity_for_sheet(name: str) -> Entity | None:
    """The entity a sheet (or CSV file stem) stands for, or None."""
    return _SHEETS.get(norm(name))


def is_auxiliary_sheet(name: str) -> bool:
    """True for sheets the importer skips: instructions, codes, ``_scratch``, ``#notes``."""
    s = str(name).strip()
    return norm(s) in {norm(a) for a in _AUX_SHEETS} or s.startswith(("_", "#"))


_TRAILING_NAME = re.compile(r"^(?P<th>.*?)\s*\(\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\)$")


def column_for_header(ent: Entity, header: str) -> Column | None:
    """The column a header cell names: Thai, English or ``"<Thai> (<english>)"``.

    An English name in trailing brackets wins even when the Thai part was edited, so that
    ``"รหัส (id)"`` is the id column. Returns None for an unknown header.
    """
    key = norm(header)
    if not key:
        return None
    for c in ent.columns:
        if key in (norm(c.name), norm(c.th), norm(header_text(c))):
            return c
    m = _TRAILING_NAME.match(key)
    if m:
        for c in ent.columns:
            if m["name"] == c.name.casefold():
                return c
    return None


def column_constraints(ent: Entity, c: Column) -> dict[str, Any]:
    """The pydantic constraints of a column: ``max_length``, ``ge``, ``le`` when set."""
    out: dict[str, Any] = {}
    for m in ent.record.model_fields[c.name].metadata:
        for attr in ("max_length", "ge", "le", "gt", "lt"):
            v = getattr(m, attr, None)
            if v is not None:
                out[attr] = v
    return out


def _describe_ref(c: Column) -> str:
    if c.poly:
        kinds = ", ".join(sorted(NODE_TABLES))
        return f"รหัสของสิ่งที่ระบุในคอลัมน์ {c.poly} / id of the {c.poly} ({kinds})"
    if c.ref == "provinces":
        return "รหัสจังหวัด 2 หลัก หรือชื่อจังหวัด / province code or name (77)"
    if c.ref == "clusters":
        return "รหัสกลุ่มจังหวัด / cluster id (รายการรหัส)"
    if c.ref == "pmqa_categories":
        return "หมวด PMQA 1-7 / PMQA category"
    if c.ref:
        target = ENTITIES[c.ref]
        return f"{target.sheet_th} ({target.name}).{target.key[0]}"
    if c.codes:
        choices = ", ".join(str(x) for x in (c.choices or ()))
        return f"รหัส/code list {c.codes}: {choices}"
    return ""


def _describe_constraints(ent: Entity, c: Column) -> str:
    parts = []
    cons = column_constraints(ent, c)
    if "max_length" in cons:
        parts.append(f"≤ {cons['max_length']} ตัวอักษร/chars")
    if "ge" in cons and "le" in cons:
        parts.append(f"{cons['ge']:g}-{cons['le']:g}")
    elif "ge" in cons:
        parts.append(f"≥ {cons['ge']:g}")
    elif "le" in cons:
        parts.append(f"≤ {cons['le']:g}")
    return "; ".join(parts)


def column_rows(ent: Entity) -> list[dict[str, str]]:
    """One description per column of ``ent``, for the instructions sheet and the docs."""
    rows = []
    for c in ent.columns:
        th, en = TYPE_LABELS[c.type]
        default = ""
        if not c.required and c.default is not None:
            default = str(c.default)
        rows.append(
            {
                "header": header_text(c),
                "type": f"{th} / {en}",
                "required": "ต้องกรอก / required" if c.required else "",
                "key": "คีย์ / key" if c.name in ent.key else "",
                # the column's description (model registry) follows its codes (issue 17)
                "refers": " — ".join(x for x in (_describe_ref(c), c.description or "") if x),
                "description": c.description or "",
                "default": default,
                "limits": _describe_constraints(ent, c),
            }
        )
    return rows
