"""Every error kpyj raises on purpose, under one base class :class:`KpyjError`.

Messages are Thai first with English alongside, and name the place of the problem
(file, sheet, row, column) wherever there is one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AccessError",
    "CalendarError",
    "DirectiveReportError",
    "ImportValidationError",
    "KpyjError",
    "Problem",
    "ReferenceDataError",
    "ReportError",
    "StoreError",
    "UnknownProvinceError",
]


class KpyjError(Exception):
    """Base class of every kpyj error."""


class StoreError(KpyjError):
    """The store cannot be opened, is of another schema version, or refused a write."""


class ReferenceDataError(KpyjError):
    """The packaged reference tables are missing or inconsistent."""


class UnknownProvinceError(KpyjError, ValueError):
    """A province code that is not one of the 77 reference provinces."""


class CalendarError(KpyjError, ValueError):
    """A year, date or period that is out of range or cannot be read.

    A subclass of :class:`ValueError`, so ``except ValueError`` catches it too.
    """


class ReportError(KpyjError):
    """A report could not be produced."""


class AccessError(KpyjError, PermissionError):
    """A signed-in person may not do this (role or unit); nothing was stored.

    The message speaks to the person (Thai «ท่าน…» first, English alongside); ``messages``
    holds it as a one-item list, like the other refusals the apps show.
    """

    def __init__(self, message: str):
        self.messages = [message]
        super().__init__(message)


class DirectiveReportError(KpyjError, ValueError):
    """A weekly directive report was refused; nothing was stored. ``messages`` lists why.

    Each message is Thai first with English alongside (see :mod:`kpyj_lib.services.directives`).
    """

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        n = len(self.messages)
        head = (
            f"ไม่บันทึกรายงาน พบปัญหา {n} รายการ (report refused: {n} problem(s); nothing was stored)"
        )
        super().__init__("\n".join([head, *(f"  - {m}" for m in self.messages)]))


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, with its place.

    ``row`` is the spreadsheet row number as the user sees it (the header is row 1).
    """

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"ชีต/sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"แถว/row {self.row}")
        if self.column is not None:
            where.append(f"คอลัมน์/column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class ImportValidationError(KpyjError):
    """An input file has problems; nothing was written. ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"พบปัญหา {n} รายการ ไม่มีการบันทึกข้อมูลใด ๆ (found {n} problem(s); nothing was written)"
        lines = [head, *(f"  - {p}" for p in self.problems[:200])]
        if n > 200:
            lines.append(f"  ... และอีก {n - 200} รายการ (and {n - 200} more)")
        super().__init__("\n".join(lines))
