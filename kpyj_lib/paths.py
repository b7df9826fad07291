"""Where things live on disk, defined once (cookiecutter-data-science style).

Two kinds of place:

* **What kpyj ships**: the template notebooks (:data:`NOTEBOOKS_DIR`) and the sample
  workbook (:data:`SAMPLE_DIR`). In a checkout (and an editable install) they are the
  checkout's ``notebooks/`` and ``data/sample/``; an installed wheel carries them as
  ``kpyj_lib/notebooks`` and ``kpyj_lib/sample`` (``pyproject.toml`` maps the folders).
* **What a user's project holds**: the store and the reports, under :data:`PROJECT_ROOT`
  — ``KPYJ_HOME`` if set, else the checkout, else (an installed kpyj) the current folder.

``KPYJ_DB_URL`` overrides the store URL.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "DEFAULT_DB_PATH",
    "NOTEBOOKS_DIR",
    "PACKAGE_DIR",
    "PROJECT_ROOT",
    "REPORTS_DIR",
    "SAMPLE_DIR",
    "SAMPLE_PLANS_WORKBOOK",
    "SAMPLE_WORKBOOK",
    "SOURCE_ROOT",
    "default_db_url",
    "sample_file",
]

PACKAGE_DIR = Path(__file__).resolve().parent


def _checkout(folder: Path) -> Path | None:
    """``folder`` if it is a kpyj checkout (``pyproject.toml`` and ``notebooks/``), else None."""
    if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
        return folder
    return None


#: The checkout kpyj runs from (also an editable install), or None for an installed wheel.
SOURCE_ROOT: Path | None = _checkout(PACKAGE_DIR.parent)
#: The template notebooks: the checkout's ``notebooks/`` or the wheel's ``kpyj_lib/notebooks``.
NOTEBOOKS_DIR = SOURCE_ROOT / "notebooks" if SOURCE_ROOT else PACKAGE_DIR / "notebooks"
#: The sample workbook's folder: ``data/sample/`` or the wheel's ``kpyj_lib/sample``.
SAMPLE_DIR = SOURCE_ROOT / "data" / "sample" if SOURCE_ROOT else PACKAGE_DIR / "sample"
SAMPLE_WORKBOOK = SAMPLE_DIR / "kpyj_sample_2565.xlsx"
#: The FY2566 add-on of the sample (driving plan, province groups, 2565 baseline figures).
SAMPLE_PLANS_WORKBOOK = SAMPLE_DIR / "kpyj_sample_2566.xlsx"
REFERENCE_DIR = PACKAGE_DIR / "reference"

#: The user's project: ``KPYJ_HOME``, else the checkout, else the current folder.
PROJECT_ROOT = Path(os.environ.get("KPYJ_HOME") or SOURCE_ROOT or Path.cwd()).resolve()
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "kpyj.sqlite"
REPORTS_DIR = PROJECT_ROOT / "reports"


def _sample_candidates(name: str) -> list[Path]:
    """Where a sample workbook may be, in order: :data:`SAMPLE_DIR`, the package's own
    ``kpyj_lib/sample`` (an installed wheel), the checkout's ``data/sample``."""
    places = [SAMPLE_DIR, PACKAGE_DIR / "sample"]
    if SOURCE_ROOT is not None:
        places.append(SOURCE_ROOT / "data" / "sample")
    return list(dict.fromkeys(p / name for p in places))


def sample_file(name: str = SAMPLE_WORKBOOK.name, candidates: list[Path] | None = None) -> Path:
    """The sample workbook that ships with kpyj, wherever kpyj is installed.

    Never looks in the user's project (``KPYJ_HOME``): ``kpyj init --sample`` works from an
    empty folder. ``candidates`` replaces the places searched (for tests).

    Raises
    ------
    FileNotFoundError
        Naming every place searched, when the sample is in none of them.

    >>> sample_file().name
    'kpyj_sample_2565.xlsx'
    """
    places = candidates if candidates is not None else _sample_candidates(name)
    for p in places:
        if p.is_file():
            return p
    raise FileNotFoundError(
        f"ไม่พบไฟล์ข้อมูลตัวอย่าง {name} ที่มากับ kpyj โปรดติดตั้ง kpyj ใหม่ "
        f"(the sample workbook {name} that ships with kpyj is missing; searched: "
        f"{', '.join(map(str, places))}; reinstall kpyj)"
    )


def default_db_url() -> str:
    """The store URL: ``KPYJ_DB_URL`` if set, else the SQLite file ``data/kpyj.sqlite``."""
    return os.environ.get("KPYJ_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
