"""Import and export kpyj workbooks: one documented format, all-or-nothing, round-trip safe.

The format (see ``docs/workbook.md``) is one sheet per entity of
:data:`kpyj_lib.model.ENTITIES`, named in Thai (:attr:`Entity.sheet_th`) or English
(:attr:`Entity.name`), with a header row in Thai, English or the combined form
``"รหัสวัตถุประสงค์ (id)"``. A folder of CSV files (one per sheet) is accepted too.

* :func:`read_workbook` reads and validates a file and returns its records, or raises
  :class:`~kpyj_lib.exceptions.ImportValidationError` listing **every** problem with its
  file, sheet, row (as Excel shows it: the header is row 1) and column;
* :func:`validate_workbook` runs the same checks against a store and returns the problems;
* :func:`import_workbook` validates against the file, the store and the reference data,
  then writes everything in one transaction (or nothing);
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

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpyj_lib import reference
from kpyj_lib.exceptions import ImportValidationError, KpyjError, Problem
from kpyj_lib.model import ENTITIES, Record

from .reader import read_raw
from .spec import CODES_SHEET, INSTRUCTIONS_SHEET, column_rows, header_text
from .validate import reference_ids, reference_rows, validate_raw
from .writer import atomic_save, build_workbook, table_rows

if TYPE_CHECKING:
    from kpyj_lib.store import Store

__all__ = [
    "CODES_SHEET",
    "INSTRUCTIONS_SHEET",
    "ImportModeError",
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


Tables = Mapping[str, "list[dict[str, Any]] | list[Record] | pd.DataFrame"]


def _store_context(
    store: Store | None, *, replace: bool
) -> tuple[dict[str, set[str]], dict[str, dict[str, str | None]]]:
    """Ids and tree parents a file may rely on: the store's (merge) or none (replace)."""
    if store is None or replace:
        return {}, {}
    store.check()
    known = store.known_ids()
    parents: dict[str, dict[str, str | None]] = {}
    for name, ent in ENTITIES.items():
        if ent.tree:
            df = store.read(name)
            parents[name] = {
                str(k): (None if p is None or pd.isna(p) else str(p))
                for k, p in zip(df[ent.key[0]], df[ent.tree], strict=True)
            }
    return known, parents


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
    records, problems = validate_raw(read_raw(path), known_ids=known_ids, partial=partial)
    if problems:
        raise ImportValidationError(problems)
    return records


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
    known, parents = _store_context(store, replace=replace)
    _, problems = validate_raw(
        read_raw(path), known_ids=known, known_parents=parents, partial=partial
    )
    return problems


def import_workbook(
    path: PathLike,
    store: Store,
    *,
    replace: bool = False,
    partial: bool = False,
) -> dict[str, int]:
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

    Returns
    -------
    dict of str to int
        Rows written per entity (entities without rows are left out).

    Raises
    ------
    ImportValidationError
        If the file has any problem; nothing was written.
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
    known, parents = _store_context(store, replace=replace)
    records, problems = validate_raw(
        read_raw(path), known_ids=known, known_parents=parents, partial=partial
    )
    if problems:
        raise ImportValidationError(problems)
    return store.write(records, replace=replace)


def write_workbook(tables: Tables, path: PathLike) -> Path:
    """Write tables as a workbook: every entity a sheet, plus instructions and codes sheets.

    Parameters
    ----------
    tables : mapping of entity name to rows
        Records, dicts or a DataFrame per entity; entities left out get an empty sheet.
        A ``meta`` row ``is_sample = true`` marks the workbook as sample data.
    path : str or path-like
        The ``.xlsx`` file to write (replaced atomically; its folder is created).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ValueError
        For an unknown table name or a row that is not a valid record.
    """
    return atomic_save(build_workbook(tables), path)


def write_template(path: PathLike) -> Path:
    """Write an empty workbook: every sheet with its header, instructions, codes, drop-downs.

    Returns
    -------
    Path
        ``path``.
    """
    return write_workbook({}, path)


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
