"""What an official Thai print-out may not contain: the checker behind ``test_official_text.py``.

A Thai-only print-out (the default, ``lang="th"``) has no English sentence: Latin letters
appear only in proper names, codes, ids and the acronyms the source documents themselves
use (:data:`ALLOWED`). :func:`latin_problems` finds

* a run of two or more Latin words that are not all allowed (``"no report"``,
  ``"computed from the data"``, ``"Phuket KPYJ analysis report"``), and
* a lowercase Latin word on its own (``"(province)"``, ``"(think)"``): proper names are
  capitalised and codes are upper case.

:func:`forbidden` finds our own file names or numbers for the source documents («เอกสาร 00»,
``seeds/``, ``DESIGN.md``) and numbers written with a trailing ``.0`` (``3400.0``).

>>> latin_problems("ผลลัพธ์หลัก (Key Result) ของ OBJ-83-01 · PMQA หมวด 4 · End Product")
[]
>>> latin_problems("ไม่มี (no report) · จังหวัด (province) · Phuket KPYJ analysis report")
['no report', 'province', 'Phuket KPYJ analysis report']
>>> forbidden("3,400 คดี 3400.0 คดี [เอกสาร 001] การบริหารราชการ 4.0 seeds/000.txt")
['3400.0', 'เอกสาร 00', 'seeds/']
"""

from __future__ import annotations

import re

#: Latin words a Thai print-out may show without ``--lang th-en``: the acronyms and terms
#: of the source documents (docs/glossary.md), file types, and the product's name.
ALLOWED: frozenset[str] = frozenset(
    {
        "PMQA", "OKR", "OKRs", "KPI", "KPIs", "KR", "KRs", "BSC", "End", "Product", "Key",
        "Result", "Results", "Objective", "Lesson", "Learned", "Model", "How", "to",
        "HTML", "PDF", "Word", "DOCX", "ipynb", "xlsx", "CSV", "kpyj", "KPYJ", "Excel",
        "SDGs", "LEI", "HUB", "NCF", "Video", "Conference",
    }
)  # fmt: skip

# a Latin "word": letters, then letters, digits, dots, hyphens, slashes, underscores
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./\-']*")
# between two words of one run: only spaces, commas, colons, hyphens, ampersands
_JOIN = re.compile(r"^[ \t,:;&\-–]*$")


def _is_code(word: str) -> bool:
    """An id or code: has a digit (OBJ-83-01, U83-JUS, PJO-83) or is upper case with a
    hyphen or underscore (S-CPV-PART), or a file name with an extension."""
    w = word.rstrip(".,")
    if any(c.isdigit() for c in w):
        return True
    if ("-" in w or "_" in w) and w.upper() == w:
        return True
    return bool(re.fullmatch(r"[\w\-]+\.(xlsx|html|pdf|docx|ipynb|csv|json|sqlite)", w))


def _allowed(word: str) -> bool:
    w = word.rstrip(".,:;'")
    return w in ALLOWED or _is_code(word)


def latin_problems(text: str) -> list[str]:
    """Runs of English words (and lone lowercase English words) that are not allowed."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    runs: list[list[tuple[int, int, str]]] = []
    for w in words:
        if runs and _JOIN.match(text[runs[-1][-1][1] : w[0]]):
            runs[-1].append(w)
        else:
            runs.append([w])
    out = []
    for run in runs:
        bad = [w for _, _, w in run if not _allowed(w)]
        if not bad:
            continue
        if len(run) >= 2 or bad[0][0].islower():
            out.append(text[run[0][0] : run[-1][1]])
    return out


#: Numbers that legitimately end in ".0": names of programmes and versions.
_DOT_ZERO_OK = re.compile(r"(ราชการ|PMQA|Bureaucracy|kpyj|Thailand) \d+(\.\d+)*\.0\b|\d+\.\d+\.0\b")


def forbidden(text: str) -> list[str]:
    """Numbers ending in ``.0`` and our own names of the source documents."""
    out = []
    clean = _DOT_ZERO_OK.sub("", text)
    out += re.findall(r"(?<![\d.])\d[\d,]*\.0\b(?!\.\d)", clean)
    for s in ("เอกสาร 00", "seeds/", "DESIGN.md"):
        if s in text:
            out.append(s)
    return out
