"""Where things live on disk, defined once (cookiecutter-data-science style).

``KPYJ_HOME`` overrides the project root (the folder holding ``data/`` and ``reports/``);
``KPYJ_DB_URL`` overrides the store URL.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "DEFAULT_DB_PATH",
    "NOTEBOOKS_DIR",
    "PROJECT_ROOT",
    "REPORTS_DIR",
    "SAMPLE_DIR",
    "SAMPLE_WORKBOOK",
    "default_db_url",
]

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = Path(os.environ.get("KPYJ_HOME", PACKAGE_DIR.parent)).resolve()
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
SAMPLE_WORKBOOK = SAMPLE_DIR / "kpyj_sample_2565.xlsx"
DEFAULT_DB_PATH = DATA_DIR / "kpyj.sqlite"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REFERENCE_DIR = PACKAGE_DIR / "reference"


def default_db_url() -> str:
    """The store URL: ``KPYJ_DB_URL`` if set, else the SQLite file ``data/kpyj.sqlite``."""
    return os.environ.get("KPYJ_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
