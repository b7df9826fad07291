"""Property-based tests of the workbook import (issue 16), with Hypothesis.

Random edits of the sample workbook - values of every type in any cell, Thai and other
Unicode text (with invisible characters and marks in any order), deleted, duplicated and
blank rows, merged cells, shuffled columns and sheets, hidden sheets, a title line, stray
formatting far away - must either

* import, so that export → import → export gives identical cells and every value that was
  in the file is in the store (nothing lost, nothing added), or
* be refused with messages that name their sheet and row or column (no Python exception
  text, no raw invisible characters), the store left exactly as it was.

The number of examples is small in the normal run (profile ``kpyj-few``); ``make property``
runs many more (``KPYJ_HYPOTHESIS_PROFILE=kpyj-many``).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from kpyj_lib.exceptions import ImportValidationError, Problem
from kpyj_lib.io import check_workbook, export_tables, export_workbook, import_workbook
from kpyj_lib.io.reader import read_raw
from kpyj_lib.io.spec import column_for_header, entity_for_sheet
from kpyj_lib.io.validate import coerce
from kpyj_lib.model import ENTITIES
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.store import Store
from kpyj_lib.store.backup import logical_dump
from kpyj_lib.text import normalize_text, visible

pytestmark = pytest.mark.slow

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("kpyj-few", max_examples=10, **_COMMON)
settings.register_profile("kpyj-many", max_examples=400, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("KPYJ_HYPOTHESIS_PROFILE", "kpyj-few"))
ENTITY_SHEETS = [e.sheet_th for e in ENTITIES.values()]


# --------------------------------------------------------------------------- the sample, as data
@dataclass
class Sheet:
    title: str
    rows: list[list[Any]]
    merges: list[str] = field(default_factory=list)
    styled: list[str] = field(default_factory=list)
    hidden: bool = False


def _load_sample() -> list[Sheet]:
    wb = load_workbook(SAMPLE_WORKBOOK)
    return [
        Sheet(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets
    ]


BASE = _load_sample()


def write_book(book: list[Sheet], path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for sh in book:
        ws = wb.create_sheet(sh.title)
        for row in sh.rows:
            ws.append(row)
        for rng in sh.merges:
            ws.merge_cells(rng)
        for coord in sh.styled:
            ws[coord].fill = PatternFill("solid", fgColor="FFC000")
        if sh.hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


# --------------------------------------------------------------------------- strategies
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u00a0\u3000"
_THAI = [chr(c) for c in range(0x0E01, 0x0E5C) if c not in range(0x0E3B, 0x0E3F)]
_LEGAL = st.characters(exclude_categories=("Cs",)).filter(
    lambda ch: not ILLEGAL_CHARACTERS_RE.match(ch)
)
unicode_text = st.text(
    st.one_of(st.sampled_from(_THAI), st.sampled_from(list(_INVISIBLE + " \n\t")), _LEGAL),
    max_size=40,
)
thai_text = st.text(st.sampled_from(_THAI + list(_INVISIBLE + " ")), min_size=1, max_size=30)
looks_typed = st.sampled_from(
    [
        "2565",
        "๒๕๖๕",
        "1,250,000",
        "15/03/2565",
        "2565-01-14 10:40",
        "30/9/2565",
        "ใช่",
        "ลดลง",
        "ภูเก็ต",
        "83",
        "=A1*2",
        "#N/A",
        "  ",
        "nan",
        "OBJ-64-01\u200b",
        "KR-64-01-1",
    ]
)
any_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    st.times(),
    looks_typed,
    unicode_text,
)


def _data_rows(sh: Sheet) -> range:
    return range(1, len(sh.rows))


def _text_columns(sheet_title: str) -> list[int]:
    """Indexes of free-text columns of an entity sheet (no key, reference or code list)."""
    ent = entity_for_sheet(sheet_title)
    sh = next(s for s in BASE if s.title == sheet_title)
    out = []
    for i, head in enumerate(sh.rows[0]):
        c = column_for_header(ent, str(head)) if head else None
        if c and c.type is str and not (c.ref or c.poly or c.codes) and c.name not in ent.key:
            out.append(i)
    return out


TEXT_SHEETS = [t for t in ENTITY_SHEETS if _text_columns(t)]


def apply_edit(book: list[Sheet], data: st.DataObject) -> str:
    """Apply one random edit to ``book``; return its description."""
    kind = data.draw(
        st.sampled_from(
            [
                "value",
                "value",
                "text",
                "text",
                "delete",
                "duplicate",
                "blank",
                "merge",
                "columns",
                "sheets",
                "format",
                "hide",
                "title",
            ]
        ),
        label="edit",
    )
    if kind == "sheets":
        order = data.draw(st.permutations(range(len(book))))
        book[:] = [book[i] for i in order]
        return kind
    title = data.draw(st.sampled_from(TEXT_SHEETS if kind == "text" else ENTITY_SHEETS))
    sh = next(s for s in book if s.title == title)
    width = max(len(r) for r in sh.rows)
    rows = _data_rows(sh)
    if kind in ("value", "text", "delete", "duplicate", "merge") and not rows:
        return f"{kind} skipped on empty {title}"
    if kind == "value":
        r = data.draw(st.sampled_from(rows))
        c = data.draw(st.integers(0, width - 1))
        sh.rows[r] += [None] * (c + 1 - len(sh.rows[r]))
        sh.rows[r][c] = data.draw(any_value, label="value")
    elif kind == "text":
        r = data.draw(st.sampled_from(rows))
        c = data.draw(st.sampled_from(_text_columns(title)))
        sh.rows[r] += [None] * (c + 1 - len(sh.rows[r]))
        sh.rows[r][c] = data.draw(st.one_of(thai_text, unicode_text), label="text")
    elif kind == "delete":
        del sh.rows[data.draw(st.sampled_from(rows))]
    elif kind == "duplicate":
        r = data.draw(st.sampled_from(rows))
        sh.rows.insert(data.draw(st.integers(1, len(sh.rows))), list(sh.rows[r]))
    elif kind == "blank":
        sh.rows.insert(data.draw(st.integers(1, len(sh.rows))), [])
    elif kind == "merge" and not sh.merges:
        r = data.draw(st.sampled_from(rows)) + 1  # 1-based worksheet row
        c = data.draw(st.integers(1, width))
        h, w = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 2))
        if h * w > 1:
            sh.merges.append(f"{get_column_letter(c)}{r}:{get_column_letter(c + w - 1)}{r + h - 1}")
    elif kind == "columns":
        order = data.draw(st.permutations(range(width)))
        sh.rows = [[(row + [None] * width)[i] for i in order] for row in sh.rows]
    elif kind == "format":
        col = data.draw(st.integers(1, 16384))
        row = data.draw(st.integers(1, 1_048_576))
        sh.styled.append(f"{get_column_letter(col)}{row}")
    elif kind == "hide":
        sh.hidden = True
    elif kind == "title":
        sh.rows.insert(0, [data.draw(thai_text, label="title")])
    return f"{kind} on {title}"


# --------------------------------------------------------------------------- checks
_RAW_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b|Traceback|\\u[0-9a-f]{4}")


def assert_placed_and_readable(problems: list[Problem]) -> None:
    assert problems
    for p in problems:
        assert p.sheet is not None, str(p)
        assert p.row is not None or p.column is not None or "sheet" in p.message, str(p)
        text = str(p)
        assert not _RAW_EXCEPTION.search(text), text
        assert visible(p.message) == p.message.replace("\n", "⏎").replace("\t", "⇥"), text


def all_cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def by_key(tables: dict[str, list[Any]]) -> dict[str, dict[tuple[str, ...], dict[str, Any]]]:
    """Rows (records or dicts) per entity and key, every entity (absent ones are empty)."""
    out: dict[str, dict[tuple[str, ...], dict[str, Any]]] = {name: {} for name in ENTITIES}
    for name, rows in tables.items():
        for r in rows:
            d = r if isinstance(r, dict) else r.model_dump()
            out[name][tuple(str(d[k]) for k in ENTITIES[name].key)] = d
    return out


def assert_nothing_lost(path: Path, records: dict[str, list[Any]]) -> None:
    """Every non-blank cell of the file, read as its column's type, is in a record."""
    by_key = {
        name: {tuple(str(getattr(r, k)) for k in ENTITIES[name].key): r for r in rows}
        for name, rows in records.items()
    }
    for sheet in read_raw(path).sheets:
        ent = entity_for_sheet(sheet.name)
        if ent is None:
            continue
        cols = {
            i: column_for_header(ent, normalize_text(str(h))) for i, h in enumerate(sheet.header)
        }
        for row in sheet.rows:
            values = {
                cols[i].name: coerce(v, cols[i])
                for i, v in enumerate(row.cells)
                if cols.get(i) is not None and v is not None
            }
            values = {k: v for k, v in values.items() if v is not None}
            key = tuple(str(values[k]) for k in ent.key)
            record = by_key[ent.name].get(key)
            if record is None:
                continue  # an unchanged copy of a reference plan row, never stored
            for name, v in values.items():
                assert getattr(record, name) == v, (sheet.name, row.number, name, v)


# --------------------------------------------------------------------------- fixtures
@dataclass(repr=False)
class Stores:
    """An empty initialised store and the sample store, as files to copy, and its dump."""

    empty: Path
    sample: Path
    sample_dump: dict[str, list[tuple[Any, ...]]]

    def __repr__(self) -> str:  # short, for Hypothesis' report of a failing example
        return f"Stores({self.sample.parent})"


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> Stores:
    d = tmp_path_factory.mktemp("property")
    empty = Store(d / "empty.sqlite")
    empty.init()
    empty.close()
    sample = Store(d / "sample.sqlite")
    sample.init()
    import_workbook(SAMPLE_WORKBOOK, sample, replace=True, backup=False)
    dump = logical_dump(sample)
    sample.close()
    return Stores(d / "empty.sqlite", d / "sample.sqlite", dump)


def _copy(src: Path, folder: Path, name: str) -> Store:
    dst = folder / name
    shutil.copy(src, dst)
    return Store(dst)


# --------------------------------------------------------------------------- properties
@settings(PROFILE)
@given(data=st.data())
def test_random_edits_import_faithfully_or_are_refused_cleanly(stores, data):
    empty_db, sample_db, sample_dump = stores.empty, stores.sample, stores.sample_dump
    book = copy.deepcopy(BASE)
    edits = [apply_edit(book, data) for _ in range(data.draw(st.integers(1, 4), label="n"))]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_book(book, folder / "edited.xlsx")
        check = check_workbook(path)  # what the file says, read on its own
        store = _copy(sample_db, folder, "store.sqlite")
        try:
            try:
                import_workbook(path, store, replace=True, backup=False)
            except ImportValidationError as e:
                assert e.problems == check.problems
                assert_placed_and_readable(e.problems)
                assert logical_dump(store) == sample_dump, edits  # the store is unchanged
                return
            assert not check.problems
            # imported: nothing lost, nothing added ...
            assert by_key(export_tables(store)) == by_key(check.records), edits
            assert_nothing_lost(path, check.records)
            # ... and export -> import -> export is identical
            first = export_workbook(store, folder / "first.xlsx")
            fresh = _copy(empty_db, folder, "fresh.sqlite")
            try:
                import_workbook(first, fresh)
                second = export_workbook(fresh, folder / "second.xlsx")
            finally:
                fresh.close()
            assert all_cells(first) == all_cells(second), edits
        finally:
            store.close()


@settings(PROFILE, max_examples=PROFILE.max_examples * 200)
@given(st.text(st.one_of(st.sampled_from(_THAI + list(_INVISIBLE + "\r\n\t ")), st.characters())))
def test_normalised_text_is_stable_and_visible_shows_no_invisible_character(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip()
    shown = visible(text)
    assert not any(ch in shown for ch in "\u200b\ufeff\x00\x07")
