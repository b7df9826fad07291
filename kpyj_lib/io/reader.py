"""Raw sheets from an ``.xlsx`` workbook or a folder of CSV files, with their row numbers.

The reader only gets the cells out of the file: it does not know the registry beyond sheet
names and never coerces values. What it cannot read becomes a file-level
:class:`~kpyj_lib.exceptions.Problem` (missing file, empty file, a text file renamed
``.xlsx``, an old ``.xls``, a CSV in an unknown encoding); it never raises for a bad file.

* **xlsx** - read with openpyxl *without* cached formula values: a formula cell comes back
  as :class:`Formula` (the validator refuses it), an error cell (``#N/A``) as
  :class:`ErrorValue`; dates come back as ``datetime``.
* **CSV** - one file per sheet (``objectives.csv`` or ``วัตถุประสงค์.csv``); the encoding is
  detected per file: UTF-8 with BOM, UTF-8, then cp874 / TIS-620 (what Thai Excel writes
  for "CSV (Comma delimited)"). UTF-16 with a BOM (Excel's "Unicode Text") is read too,
  tab-separated. Every cell is text.

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

__all__ = ["ErrorValue", "Formula", "RawRow", "RawSheet", "RawWorkbook", "decode_text", "read_raw"]

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


@dataclass
class RawRow:
    """One non-blank row: its spreadsheet row number and its cells from column A."""

    number: int
    cells: list[Any]


@dataclass
class RawSheet:
    """One sheet (or CSV file) as written: header cells and data rows, not yet coerced."""

    file: str
    name: str
    header_row: int | None = None
    header: list[Any] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    encoding: str | None = None

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
    return value


def _read_xlsx(path: Path, display: str) -> RawWorkbook:
    from openpyxl import load_workbook

    raw = RawWorkbook(display, "xlsx")
    try:
        with warnings.catch_warnings():  # e.g. "extension is not supported": irrelevant here
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=False, data_only=False, keep_links=False)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raw.problems.append(
            Problem(
                display,
                "เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ .xlsx "
                f"(cannot open the workbook; it may be damaged or not an .xlsx file: "
                f"{type(e).__name__}: {e})",
            )
        )
        return raw
    try:
        for ws in wb.worksheets:
            numbered = [
                (row[0].row, [_cell_value(c) for c in row])
                for row in ws.iter_rows()
                if row and hasattr(row[0], "row")
            ]
            raw.sheets.append(_split_rows(RawSheet(display, ws.title), numbered))
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


def _read_csv_file(path: Path, display: str) -> tuple[RawSheet | None, Problem | None]:
    name = unicodedata.normalize("NFC", path.stem)
    data = path.read_bytes()
    decoded = decode_text(data)
    if decoded is None:
        return None, Problem(
            display,
            "อ่านไฟล์ CSV ไม่ได้: ไม่ใช่ข้อความแบบ UTF-8 หรือ TIS-620/cp874 "
            "(cannot read the CSV file: it is not UTF-8, UTF-8 with BOM or TIS-620/cp874 text; "
            "save it from Excel as 'CSV UTF-8')",
            sheet=name,
        )
    text, enc = decoded
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as e:
        return None, Problem(display, f"อ่านไฟล์ CSV ไม่ได้ (malformed CSV: {e})", sheet=name)
    numbered = [
        (i, [v.strip() if v.strip() else None for v in rec]) for i, rec in enumerate(records, 1)
    ]
    sheet = _split_rows(RawSheet(display, name, encoding=enc), numbered)
    return sheet, None


def _read_csv_files(files: list[Path], source: str) -> RawWorkbook:
    raw = RawWorkbook(source, "csv")
    for f in files:
        sheet, problem = _read_csv_file(f, str(f))
        if problem is not None:
            raw.problems.append(problem)
        if sheet is not None:
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
    with p.open("rb") as fh:
        head = fh.read(8)
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
