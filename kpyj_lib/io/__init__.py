"""Import and export kpyj workbooks: one documented format, all-or-nothing, round-trip safe.

The format (see ``docs/workbook.md``) is one sheet per entity of
:data:`kpyj_lib.model.ENTITIES`, named in Thai (:attr:`Entity.sheet_th`) or English
(:attr:`Entity.name`), with a header row in Thai, English or the combined form
``"รหัสวัตถุประสงค์ (id)"``. A folder of CSV files (one per sheet) is accepted too.

* :func:`read_workbook` reads and validates a file and returns its records, or raises
  :class:`~kpyj_lib.exceptions.ImportValidationError` listing **every** problem with its
  file, sheet, row (as Excel shows it: the header is row 1) and column;
* :func:`validate_workbook` runs the same checks against a store and returns the problems;
  :func:`check_workbook` returns the notices too (hidden sheets) and, for a replace, the
  rows it would delete;
* :func:`import_workbook` validates against the file, the store and the reference data,
  then writes everything in one transaction (or nothing); a replace first writes a
  restorable backup (:mod:`kpyj_lib.store.backup`) of a store that holds user rows;
* :func:`write_workbook`, :func:`export_workbook` and :func:`write_template` write xlsx
  files atomically, with an instructions sheet, a codes sheet and drop-downs.

Examples
--------
>>> import tempfile, pathlib
>>> from kpyj_lib.store import Store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> path = write_workbook({"objectives": [{"id": "O1", "fiscal_year": 2565,
...     "title_th": "ลดการกระทำผิดซ้ำ", "province_code": "83"}]}, d / "in.xlsx")
>>> sorted(read_workbook(path))[:3]
['alignments', 'baseline_indicators', 'checkins']
>>> store = Store(d / "ws.sqlite"); store.init()
>>> import_workbook(path, store)
{'objectives': 1}
>>> export_workbook(store, d / "out.xlsx").name
'out.xlsx'
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpyj_lib import reference
from kpyj_lib.exceptions import ImportValidationError, KpyjError, Problem
from kpyj_lib.model import ENTITIES, Record

from .reader import read_raw
from .spec import CODES_SHEET, INSTRUCTIONS_SHEET, column_rows, header_text
from .validate import StoreContext, check_raw, reference_ids, reference_rows
from .writer import atomic_save, build_workbook, table_rows

if TYPE_CHECKING:
    from kpyj_lib.store import Store

__all__ = [
    "CODES_SHEET",
    "INSTRUCTIONS_SHEET",
    "ImportCancelledError",
    "ImportCounts",
    "ImportModeError",
    "WorkbookCheck",
    "check_workbook",
    "export_tables",
    "export_workbook",
    "format_reference_markdown",
    "header_text",
    "import_workbook",
    "read_workbook",
    "validate_workbook",
    "write_template",
    "write_workbook",
]

PathLike = str | os.PathLike[str]


class ImportModeError(KpyjError, ValueError):
    """Import options that cannot be combined (``replace=True`` with ``partial=True``)."""


class ImportCancelledError(KpyjError):
    """The import was not confirmed (see ``confirm`` of :func:`import_workbook`); nothing
    was written."""


Tables = Mapping[str, "list[dict[str, Any]] | list[Record] | pd.DataFrame"]


@dataclass
class WorkbookCheck:
    """What importing a file would do, found without writing anything.

    ``records`` are the valid rows per entity, ``problems`` the reasons to refuse the file
    (empty when it would import), ``notices`` what is accepted but worth saying (a hidden
    sheet). For a replace, ``deleted`` lists per entity the keys of the store's user rows
    that the file does not have (they would be deleted) and ``user_rows`` counts the store's
    user rows (reference plans left out).
    """

    records: dict[str, list[Record]]
    problems: list[Problem]
    notices: list[Problem]
    replace: bool = False
    deleted: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    user_rows: int = 0

    @property
    def remarks(self) -> list[str]:
        """What is worth a look in the valid rows but is not about one cell: the driving
        groups against the rule, the measure types taken from the units
        (:func:`kpyj_lib.io.notices.record_notices`)."""
        from .notices import record_notices

        return record_notices(self.records)

    @property
    def deleted_count(self) -> int:
        """How many user rows a replace would delete."""
        return sum(len(v) for v in self.deleted.values())

    @property
    def deletes_most(self) -> bool:
        """True when a replace would delete more than half of the user's rows."""
        return 2 * self.deleted_count > self.user_rows


class ImportCounts(dict):
    """Rows written per entity (a dict), plus what else the import did.

    ``notices`` and ``remarks`` as in :class:`WorkbookCheck`; ``deleted`` the keys of the
    user rows a replace deleted, per entity; ``backup`` the backup written first (None when
    nothing was backed up).
    """

    def __init__(
        self,
        counts: Mapping[str, int],
        *,
        notices: list[Problem] | None = None,
        deleted: Mapping[str, list[tuple[str, ...]]] | None = None,
        backup: Path | None = None,
        remarks: list[str] | None = None,
    ):
        super().__init__(counts)
        self.notices = list(notices or [])
        self.remarks = list(remarks or [])
        self.deleted = dict(deleted or {})
        self.backup = backup


def _store_context(store: Store | None, *, replace: bool) -> StoreContext:
    """What a file may rely on in the store (merge), or nothing but reference data (replace)."""
    if store is None or replace:
        return StoreContext()
    store.check()
    known = store.known_ids()
    frames: dict[str, pd.DataFrame] = {}

    def frame(name: str) -> pd.DataFrame:
        if name not in frames:
            frames[name] = store.read(name)
        return frames[name]

    def text(v: Any) -> str | None:
        return None if v is None or pd.isna(v) else str(v)

    parents: dict[str, dict[str, str | None]] = {}
    for name, ent in ENTITIES.items():
        if ent.tree:
            df = frame(name)
            parents[name] = {
                str(k): text(p) for k, p in zip(df[ent.key[0]], df[ent.tree], strict=True)
            }
    # fiscal years of the records a dated row of the file may belong to (through its parents)
    scope: dict[str, dict[str, Any]] = {}
    todo = [
        ent
        for ent in ENTITIES.values()
        if any(c.type in (dt.date, dt.datetime) for c in ent.columns)
    ]
    while todo:
        ent = todo.pop()
        if not ent.scope.startswith("parent:"):
            continue
        col = ent.scope.split(":", 1)[1]
        target = ENTITIES.get(ent.column(col).ref or "")
        if target is None or target.name in scope or len(target.key) != 1:
            continue
        df = frame(target.name)
        keys = df[target.key[0]]
        if target.scope == "fy":
            scope[target.name] = {
                str(k): (None if pd.isna(y) else int(y))
                for k, y in zip(keys, df["fiscal_year"], strict=True)
            }
        elif target.scope.startswith("parent:"):
            pcol = target.scope.split(":", 1)[1]
            scope[target.name] = {str(k): text(p) for k, p in zip(keys, df[pcol], strict=True)}
            todo.append(target)
    al = frame("alignments")
    alignments = {
        (str(s), str(t))
        for k, s, t in zip(al["source_type"], al["source_id"], al["plan_item_id"], strict=True)
        if k == "plan_item"
    }
    units: dict[str, dict[str, Any]] = {}
    for name in ("key_results", "driving_indicators"):  # issue 17: percentages need the unit
        df = frame(name)
        units[name] = {
            str(k): text(u) for k, u in zip(df["id"], df["unit_of_measure"], strict=True)
        }
    return StoreContext(ids=known, parents=parents, scope=scope, alignments=alignments, units=units)


def _key(ent_name: str, row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(str(row[k]) for k in ENTITIES[ent_name].key)


def _replace_deletions(
    store: Store, records: Mapping[str, list[Record]]
) -> tuple[dict[str, list[tuple[str, ...]]], int]:
    """The store's user rows a replace by ``records`` would delete, and the user row count."""
    deleted: dict[str, list[tuple[str, ...]]] = {}
    total = 0
    for name, rows in export_tables(store).items():
        total += len(rows)
        kept = {_key(name, r.model_dump()) for r in records.get(name, [])}
        gone = [k for k in (_key(name, r) for r in rows) if k not in kept]
        if gone:
            deleted[name] = gone
    return deleted, total


def check_workbook(
    path: PathLike,
    *,
    store: Store | None = None,
    partial: bool = False,
    replace: bool = False,
) -> WorkbookCheck:
    """Run every import check on a file and say what importing it would do; write nothing.

    Parameters are as for :func:`validate_workbook`. With ``replace=True`` and a store, the
    result also lists the store's user rows the file would delete.
    """
    context = _store_context(store, replace=replace)
    result = check_raw(read_raw(path), context=context, partial=partial, replace=replace)
    check = WorkbookCheck(result.records, result.problems, result.notices, replace=replace)
    if replace and store is not None and not check.problems:
        store.check()
        check.deleted, check.user_rows = _replace_deletions(store, check.records)
    return check


def read_workbook(
    path: PathLike,
    *,
    known_ids: Mapping[str, set[str]] | None = None,
    partial: bool = False,
) -> dict[str, list[Record]]:
    """Read and validate a workbook (``.xlsx``) or a folder of CSV files.

    Parameters
    ----------
    path : str or path-like
        An ``.xlsx`` file, a ``.csv`` file (one sheet, named by its file name) or a folder
        of ``<sheet>.csv`` files.
    known_ids : mapping of table name to set of ids, optional
        Ids that exist outside the file (e.g. ``store.known_ids()``); references may point
        to them. Reference ids (provinces, clusters, PMQA categories, the reference plans
        and their items) are always known.
    partial : bool, default False
        Allow sheets to be missing: only the sheets present are read and returned.

    Returns
    -------
    dict of str to list of Record
        The validated records of every entity sheet in the file, in ENTITIES order (rows
        that only repeat the packaged reference plans are left out).

    Raises
    ------
    ImportValidationError
        Listing every problem found (``.problems``), each with file, sheet, row and column.
    """
    context = StoreContext(ids=known_ids or {})
    result = check_raw(read_raw(path), context=context, partial=partial)
    if result.problems:
        raise ImportValidationError(result.problems)
    return result.records


def validate_workbook(
    path: PathLike,
    *,
    store: Store | None = None,
    partial: bool = False,
    replace: bool = False,
) -> list[Problem]:
    """Run every import check on a file and return the problems; nothing is written.

    Parameters
    ----------
    path : str or path-like
        As for :func:`read_workbook`.
    store : Store, optional
        Check references (and hierarchy cycles) against this store too, as
        :func:`import_workbook` would.
    partial : bool, default False
        Allow sheets to be missing.
    replace : bool, default False
        Check as for ``import_workbook(..., replace=True)``: the store's rows do not count,
        since they would be deleted.

    Returns
    -------
    list of Problem
        Empty when the file would import cleanly.
    """
    return check_workbook(path, store=store, partial=partial, replace=replace).problems


def import_workbook(
    path: PathLike,
    store: Store,
    *,
    replace: bool = False,
    partial: bool = False,
    confirm: Callable[[WorkbookCheck], bool] | None = None,
    backup: bool = True,
) -> ImportCounts:
    """Validate a file against itself, the store and the reference data, then write it.

    All or nothing: if any problem is found, :class:`ImportValidationError` lists them all
    and the store is untouched; otherwise every row is written in one transaction.

    Parameters
    ----------
    path : str or path-like
        As for :func:`read_workbook`.
    store : Store
        An initialised store.
    replace : bool, default False
        False: upsert by key (a row whose key exists replaces the stored row; other stored
        rows stay). True: the file becomes the whole workspace (every user row not in the
        file is deleted; reference data stays). Cannot be combined with ``partial``.
    partial : bool, default False
        Allow sheets to be missing (merge mode only).
    confirm : callable, optional
        Called with the :class:`WorkbookCheck` of a valid file (for a replace: the rows it
        will delete) before anything is written; returning False cancels the import.
    backup : bool, default True
        Before a replace of a store holding user rows, write a restorable backup
        (:func:`kpyj_lib.store.backup.backup`, reason ``"replace"``).

    Returns
    -------
    ImportCounts
        Rows written per entity (entities without rows are left out): a dict, with the
        notices, the deleted keys and the backup path as attributes.

    Raises
    ------
    ImportValidationError
        If the file has any problem; nothing was written.
    ImportCancelledError
        If ``confirm`` returned False; nothing was written.
    ImportModeError
        (a ``ValueError``) for ``replace=True`` with ``partial=True``: a missing sheet would
        empty its table.
    """
    if replace and partial:
        raise ImportModeError(
            "replace=True กับ partial=True ใช้ร่วมกันไม่ได้ ชีตที่ขาดจะทำให้ข้อมูลถูกลบ "
            "(replace=True cannot be combined with partial=True: every table of a missing "
            "sheet would be emptied)"
        )
    store.check()
    check = check_workbook(path, store=store, partial=partial, replace=replace)
    if check.problems:
        raise ImportValidationError(check.problems)
    if confirm is not None and not confirm(check):
        raise ImportCancelledError(
            "ยกเลิกการนำเข้า ไม่มีการบันทึกข้อมูลใด ๆ (import cancelled; nothing was written)"
        )
    saved = None
    if replace and backup and check.user_rows:
        from kpyj_lib.store.backup import backup as write_backup

        saved = write_backup(store, reason="replace")
    counts = store.write(check.records, replace=replace)
    return ImportCounts(
        counts, notices=check.notices, deleted=check.deleted, backup=saved, remarks=check.remarks
    )


def write_workbook(tables: Tables, path: PathLike, *, start_sheet: bool = False) -> Path:
    """Write tables as a workbook: every entity a sheet, plus instructions and codes sheets.

    Parameters
    ----------
    tables : mapping of entity name to rows
        Records, dicts or a DataFrame per entity; entities left out get an empty sheet.
        A ``meta`` row ``is_sample = true`` marks the workbook as sample data.
    path : str or path-like
        The ``.xlsx`` file to write (replaced atomically; its folder is created).
    start_sheet : bool, default False
        Put the «เริ่มที่นี่» guide first (how to fill a first plan; the template has it).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        For an unknown table name or a row that is not a valid record.
    """
    return atomic_save(build_workbook(tables, start_sheet=start_sheet), path)


def write_template(path: PathLike) -> Path:
    """Write an empty workbook: every sheet with its header, instructions, codes, drop-downs,
    and first the «เริ่มที่นี่» guide (:mod:`kpyj_lib.io.guide`): the sheets of a first plan in
    order, the plans built into kpyj with their ids, how items link up, the colour legend,
    the meta keys and what header ranges such as (1-3) mean.

    Returns
    -------
    Path
        ``path``.
    """
    return write_workbook({}, path, start_sheet=True)


def _is_reference_row(name: str, row: Mapping[str, Any]) -> bool:
    plans = reference.REFERENCE_PLAN_IDS
    if name == "plans":
        return row["id"] in plans
    if name == "plan_items":
        return row["plan_id"] in plans or row["id"] in reference_ids()["plan_items"]
    if name == "alignments":
        key = tuple(str(row[k]) for k in ENTITIES[name].key)
        return key in reference_rows()["alignments"] or (
            row["source_type"] == "plan_item" and row["source_id"] in reference_ids()["plan_items"]
        )
    return False


def _sort_key(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((v is None, v if v is not None else 0) for v in values)


def export_tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every user row of the store (all fiscal years), without reference plans, by key."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, df in store.read_all().items():
        ent = ENTITIES[name]
        rows = [r for r in table_rows(ent, df) if not _is_reference_row(name, r)]
        rows.sort(key=lambda r, ent=ent: _sort_key(tuple(r[k] for k in ent.key)))
        out[name] = rows
    return out


def export_workbook(store: Store, path: PathLike) -> Path:
    """Export the whole store (every fiscal year) as a workbook that imports back unchanged.

    Reference plans, their items and alignments (``reference.REFERENCE_PLAN_IDS``) are left
    out: every store has them. Rows are sorted by key, so export -> import into a fresh
    store -> export gives identical cells.

    Returns
    -------
    Path
        ``path``.
    """
    store.check()
    return write_workbook(export_tables(store), path)


def format_reference_markdown() -> str:
    """The sheets, columns and code lists of the format as Markdown (for ``docs/workbook.md``).

    Generated from the registry and the packaged code lists, so the documentation cannot
    drift from what the importer accepts.

    >>> text = format_reference_markdown()
    >>> "### `objectives` - วัตถุประสงค์" in text and "| `รหัสวัตถุประสงค์ (id)` |" in text
    True
    >>> "| `direction` | `down` | ลดลง | Decrease |" in text
    True
    """
    lines: list[str] = ["## Sheets and columns", ""]
    for ent in ENTITIES.values():
        doc = " ".join((ent.record.__doc__ or "").split())
        lines.append(f"### `{ent.name}` - {ent.sheet_th}")
        lines.append("")
        lines.append(f"{ent.label_th} ({ent.label_en}). {doc}")
        lines.append("")
        extra = [f"key: `{', '.join(ent.key)}`", f"fiscal-year scope: `{ent.scope}`"]
        if ent.tree:
            extra.append(f"hierarchy (no cycles): `{ent.tree}`")
        lines.append("; ".join(extra))
        lines.append("")
        lines.append("| header | type | required | refers to / codes | default | limits |")
        lines.append("|---|---|---|---|---|---|")
        for d in column_rows(ent):
            req = "**yes**" if d["required"] else ""
            if d["key"]:
                req = (req + " key").strip()
            default = f"`{d['default']}`" if d["default"] else ""
            lines.append(
                f"| `{d['header']}` | {d['type']} | {req} | {d['refers']} | {default} | "
                f"{d['limits']} |"
            )
        lines.append("")
    lines += ["## Code lists", ""]
    lines.append(
        f"Also on the `{CODES_SHEET}` sheet of every workbook written. A coded cell may hold the "
        "code, the Thai label, the English label or a listed alias (case and spaces ignored)."
    )
    lines.append("")
    lines.append("| list | code | Thai label | English label | also accepted |")
    lines.append("|---|---|---|---|---|")
    codes = reference.load("codes").sort_values(["list", "order"], kind="stable")
    for r in codes.itertuples(index=False):
        aliases = ", ".join(a for a in (r.aliases or "").split("|") if a.strip())
        lines.append(f"| `{r.list}` | `{r.code}` | {r.label_th} | {r.label_en} | {aliases} |")
    lines.append("")
    return "\n".join(lines)
