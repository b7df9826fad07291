"""Raw sheets from an ``.xlsx`` workbook or a folder of CSV files, with their row numbers.

The reader only gets the cells out of the file: it does not know the registry beyond sheet
names and never coerces values. What it cannot read becomes a file-level
:class:`~kpyj_lib.exceptions.Problem` (missing file, empty file, a text file renamed
``.xlsx``, an old ``.xls``, a CSV in an unknown encoding); it never raises for a bad file.

* **xlsx** - read with openpyxl *without* cached formula values: a formula cell comes back
  as :class:`Formula` (the validator refuses it), an error cell (``#N/A``) as
  :class:`ErrorValue`; dates come back as ``datetime``. Only the cells stored in the file
  are visited (``RawWorkbook.cells_read``), never the rectangle up to the farthest
  formatted cell: one coloured empty cell at XFD1048576 costs one cell, not 17 billion.
  Merged ranges and hidden sheets are recorded for the validator.
* a file that is not a workbook, or a damaged one (a truncated download), is a problem
  that says so in Thai and English, never the text of a Python exception.
* **CSV** - one file per sheet (``objectives.csv`` or ``วัตถุประสงค์.csv``); the encoding is
  detected per file: UTF-8 with BOM, UTF-8, then cp874 / TIS-620 (what Thai Excel writes
  for "CSV (Comma delimited)"). UTF-16 with a BOM (Excel's "Unicode Text") is read too,
  tab-separated. Every cell is text. A file in none of these encodings is a problem that
  names the row of the first byte that cannot be read.

Row numbers are the spreadsheet rows the user sees (the first row is 1). The header is the
first row that is not blank; blank rows are dropped.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "meta.csv").write_bytes("key,value\\nis_sample,true\\n\\n".encode("cp874"))
>>> raw = read_raw(d)
>>> s = raw.sheets[0]
>>> s.name, s.header, [(r.number, r.cells) for r in s.rows], s.encoding
('meta', ['key', 'value'], [(2, ['is_sample', 'true'])], 'utf-8')
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpyj_lib.exceptions import Problem

__all__ = [
    "ErrorValue",
    "Formula",
    "MergedRange",
    "PercentCell",
    "RawRow",
    "RawSheet",
    "RawWorkbook",
    "decode_text",
    "read_raw",
]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}


@dataclass(frozen=True)
class Formula:
    """A formula cell (refused on import: the user must paste values)."""

    text: str


@dataclass(frozen=True)
class ErrorValue:
    """An Excel error cell such as ``#N/A`` or ``#REF!``."""

    code: str


@dataclass(frozen=True)
class PercentCell:
    """A number in a cell Excel formats as a percentage: ``value`` is what the cell holds
    (``0.62``), Excel shows ``62%``. The validator reads it as 62 in a column whose unit is
    a percentage and refuses it where the unit is not one (issue 17)."""

    value: float


@dataclass
class RawRow:
    """One non-blank row: its spreadsheet row number and its cells from column A."""

    number: int
    cells: list[Any]


@dataclass(frozen=True)
class MergedRange:
    """A range of merged cells (1-based, inclusive) and whether its first cell has a value."""

    coord: str
    min_row: int
    min_col: int
    max_row: int
    max_col: int
    has_value: bool


@dataclass
class RawSheet:
    """One sheet (or CSV file) as written: header cells and data rows, not yet coerced.

    ``readable`` is False for a file of a CSV folder that could not be decoded (the problem
    is in ``RawWorkbook.problems``): the sheet is there, only its cells are not.
    """

    file: str
    name: str
    header_row: int | None = None
    header: list[Any] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    encoding: str | None = None
    hidden: bool = False
    merged: list[MergedRange] = field(default_factory=list)
    readable: bool = True

    @property
    def is_empty(self) -> bool:
        """True when the sheet has no non-blank row at all (so no header)."""
        return self.header_row is None


@dataclass
class RawWorkbook:
    """Every sheet of a workbook or CSV folder, plus the problems met reading it."""

    source: str
    kind: str  # "xlsx" or "csv"
    sheets: list[RawSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: cells visited while reading (stored cells of an xlsx, fields of a CSV)
    cells_read: int = 0


def _is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _split_rows(sheet: RawSheet, numbered: list[tuple[int, list[Any]]]) -> RawSheet:
    for number, cells in numbered:
        if all(_is_blank(v) for v in cells):
            continue
        while cells and _is_blank(cells[-1]):
            cells = cells[:-1]
        if sheet.header_row is None:
            sheet.header_row = number
            sheet.header = cells
        else:
            sheet.rows.append(RawRow(number, cells))
    return sheet


# --------------------------------------------------------------------------- xlsx
def _cell_value(cell: Any) -> Any:
    dtype = getattr(cell, "data_type", None)
    value = cell.value
    if dtype == "f":
        text = value if isinstance(value, str) else getattr(value, "text", None) or str(value)
        return Formula(str(text))
    if dtype == "e":
        return ErrorValue(str(value))
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in str(getattr(cell, "number_format", "") or "")
    ):
        return PercentCell(float(value))
    return value


_DAMAGED = (
    "ไฟล์ Excel เสียหายหรือดาวน์โหลดมาไม่ครบ โปรดดาวน์โหลดหรือคัดลอกไฟล์ใหม่ แล้วลองเปิดใน Excel "
    "(the workbook is damaged or was not downloaded completely; download or copy it again "
    "and check that Excel opens it)"
)


def _is_workbook_zip(path: Path) -> bool | None:
    """True for a zip holding a workbook part, False for another zip, None if unreadable."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names)


def _sheet_rows(ws: Any) -> tuple[list[tuple[int, list[Any]]], int]:
    """The stored cells of a worksheet, row by row (only rows that hold a stored cell).

    openpyxl keeps the cells of the file in ``ws._cells``; iterating ``ws.iter_rows()``
    instead would create every cell of the rectangle up to the farthest formatted one.
    """
    cells = ws._cells  # {(row, column): Cell}
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), cell in cells.items():
        value = _cell_value(cell)
        if not _is_blank(value):
            by_row.setdefault(r, {})[c] = value
    numbered = []
    for r in sorted(by_row):
        row = by_row[r]
        values: list[Any] = [None] * max(row)
        for c, v in row.items():
            values[c - 1] = v
        numbered.append((r, values))
    return numbered, len(cells)


def _merged(ws: Any) -> list[MergedRange]:
    out = []
    for rng in ws.merged_cells.ranges:
        first = ws._cells.get((rng.min_row, rng.min_col))
        value = _cell_value(first) if first is not None else None
        out.append(
            MergedRange(
                rng.coord,
                rng.min_row,
                rng.min_col,
                rng.max_row,
                rng.max_col,
                not _is_blank(value),
            )
        )
    return sorted(out, key=lambda m: (m.min_row, m.min_col))


def _read_xlsx(path: Path, display: str) -> RawWorkbook:
    from openpyxl import load_workbook

    raw = RawWorkbook(display, "xlsx")
    is_workbook = _is_workbook_zip(path)
    if is_workbook is False:
        raw.problems.append(
            Problem(
                display,
                "ไฟล์นี้ไม่ใช่สมุดงาน Excel แม้จะเป็นไฟล์ zip เช่น เอกสาร Word หรือไฟล์บีบอัดที่เปลี่ยนชื่อ "
                "(this is a zip archive but not an Excel workbook, e.g. a Word document or an "
                "archive renamed to .xlsx; open the data in Excel and save it as .xlsx)",
            )
        )
        return raw
    try:
        with warnings.catch_warnings():  # e.g. "extension is not supported": irrelevant here
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=False, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a damaged file; none is shown
        raw.problems.append(Problem(display, _DAMAGED))
        return raw
    try:
        for ws in wb.worksheets:
            numbered, count = _sheet_rows(ws)
            raw.cells_read += count
            sheet = RawSheet(
                display,
                ws.title,
                hidden=ws.sheet_state != "visible",
                merged=_merged(ws),
            )
            raw.sheets.append(_split_rows(sheet, numbered))
    finally:
        wb.close()
    return raw


# --------------------------------------------------------------------------- CSV
def decode_text(data: bytes) -> tuple[str, str] | None:
    """Decode a CSV file's bytes: UTF-8 with BOM, UTF-16 with BOM, UTF-8, then cp874.

    Returns ``(text, encoding)`` or None when the bytes are none of these (or binary).

    >>> decode_text("ก".encode("utf-8-sig")), decode_text("ก".encode("cp874"))
    (('ก', 'utf-8-sig'), ('ก', 'cp874'))
    >>> decode_text(b"\\x00\\x01\\xff") is None
    True
    """
    candidates: list[str]
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp874"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # a binary file that happens to decode
            return None
        return text, enc
    return None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_bad_byte(data: bytes) -> tuple[int, int]:
    """(row, byte) of the first byte that is neither UTF-8 nor cp874 text (or a NUL byte).

    The encoding that reads further into the file is taken to be the one meant.
    """
    positions = []
    for enc in ("utf-8", "cp874"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            positions.append(e.start)
        else:
            positions.append(text.find("\x00") if "\x00" in text else len(data))
    nul = data.find(b"\x00")
    pos = max(positions)
    if nul >= 0:
        pos = min(pos, nul)
    pos = min(pos, max(len(data) - 1, 0))
    return data.count(b"\n", 0, pos) + 1, data[pos] if data else 0


def _read_csv_file(path: Path, display: str) -> tuple[RawSheet, Problem | None, int]:
    name = unicodedata.normalize("NFC", path.stem)
    try:
        data = path.read_bytes()
    except OSError:
        return (
            RawSheet(display, name, readable=False),
            Problem(display, "เปิดไฟล์ไม่ได้ (cannot read the file: permission denied?)", sheet=name),
            0,
        )
    decoded = decode_text(data)
    if decoded is None:
        row, byte = _first_bad_byte(data)
        return (
            RawSheet(display, name, readable=False),
            Problem(
                display,
                f"อ่านไฟล์ CSV ไม่ได้: แถวนี้มีไบต์ 0x{byte:02X} ที่ไม่ใช่ข้อความแบบ UTF-8 หรือ TIS-620 "
                f"(cannot read the CSV file: row {row} holds the byte 0x{byte:02X}, which is "
                "not UTF-8 or TIS-620/cp874 text; fix or retype that row, or save the file "
                "from Excel as 'CSV UTF-8')",
                sheet=name,
                row=row,
            ),
            0,
        )
    text, enc = decoded
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records = []
    try:
        for rec in reader:
            records.append(rec)
    except csv.Error:
        return (
            RawSheet(display, name, readable=False),
            Problem(
                display,
                "อ่านไฟล์ CSV ไม่ได้ตั้งแต่แถวนี้ อาจมีเครื่องหมายคำพูดที่ไม่ปิด หรือข้อความยาวเกินไป "
                f"(malformed CSV from row {reader.line_num}: an unclosed quote or a field that "
                "is too long)",
                sheet=name,
                row=reader.line_num,
            ),
            0,
        )
    numbered = [
        (i, [v.strip() if v.strip() else None for v in rec]) for i, rec in enumerate(records, 1)
    ]
    sheet = _split_rows(RawSheet(display, name, encoding=enc), numbered)
    return sheet, None, sum(len(r) for r in records)


def _read_csv_files(files: list[Path], source: str) -> RawWorkbook:
    raw = RawWorkbook(source, "csv")
    for f in files:
        sheet, problem, count = _read_csv_file(f, str(f))
        raw.cells_read += count
        if problem is not None:
            raw.problems.append(problem)
        raw.sheets.append(sheet)
    return raw


# --------------------------------------------------------------------------- entry point
def read_raw(path: str | os.PathLike[str]) -> RawWorkbook:
    """Read every sheet of ``path``: an ``.xlsx`` file, a ``.csv`` file or a CSV folder.

    Never raises for a bad input file: problems are collected in ``.problems``.
    """
    p = Path(path)
    display = str(path)
    if p.is_dir():
        files = sorted(
            f
            for f in p.iterdir()
            if f.is_file() and f.suffix.lower() == ".csv" and not f.name.startswith((".", "~$"))
        )
        raw = _read_csv_files(files, display)
        if not files:
            raw.problems.append(
                Problem(display, "ไม่พบไฟล์ .csv ในโฟลเดอร์ (the folder holds no .csv files)")
            )
        return raw
    if not p.exists():
        return RawWorkbook(display, "xlsx", problems=[Problem(display, "ไม่พบไฟล์ (file not found)")])
    if not p.is_file():
        return RawWorkbook(
            display, "xlsx", problems=[Problem(display, "ไม่ใช่ไฟล์ (not a regular file)")]
        )
    size = p.stat().st_size
    if size == 0:
        return RawWorkbook(
            display,
            "xlsx",
            problems=[Problem(display, "ไฟล์ว่างเปล่า 0 ไบต์ (the file is empty: 0 bytes)")],
        )
    if p.suffix.lower() == ".csv":
        return _read_csv_files([p], display)
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return RawWorkbook(
            display,
            "xlsx",
            problems=[Problem(display, "เปิดไฟล์ไม่ได้ (cannot read the file: permission denied?)")],
        )
    if head.startswith(_OLE2_MAGIC):
        return RawWorkbook(
            display,
            "xlsx",
            problems=[
                Problem(
                    display,
                    "ไฟล์เป็น Excel รุ่นเก่า (.xls) หรือไฟล์ที่ตั้งรหัสผ่าน โปรดบันทึกเป็น .xlsx "
                    "แบบไม่มีรหัสผ่านก่อน (this is an old-style .xls workbook or a "
                    "password-protected file; save it as .xlsx without a password first)",
                )
            ],
        )
    if not zipfile.is_zipfile(p):
        if head.startswith(b"PK"):  # a zip that ends early: a download cut short
            return RawWorkbook(display, "xlsx", problems=[Problem(display, _DAMAGED)])
        hint = ""
        if p.suffix.lower() in _XLSX_SUFFIXES:
            hint = (
                " ไฟล์นี้อาจเป็นไฟล์ข้อความที่ถูกเปลี่ยนชื่อเป็น .xlsx "
                "(it may be a text or CSV file renamed to .xlsx; open it in Excel and "
                "'Save As' Excel Workbook, or save it as .csv)"
            )
        return RawWorkbook(
            display,
            "xlsx",
            problems=[
                Problem(
                    display,
                    "ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้อง (not a valid .xlsx workbook: "
                    f"an .xlsx file is a zip archive and this one is not).{hint}",
                )
            ],
        )
    return _read_xlsx(p, display)
