"""HTML helpers of the modules not yet on templates (lessons, the apps).

They were in ``kpyj_lib/report.py``; documents no longer use them. Delete this module once
:mod:`kpyj_lib.lessons` and :mod:`kpyj_lib.apps` render through ``render/templates``.

Examples
--------
>>> esc("<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

__all__ = ["df_to_html", "esc", "sample_banner"]


def esc(value: Any) -> str:
    """HTML-escape any value (None and NaN become an empty string).

    >>> esc(None), esc('a "b" & c')
    ('', 'a &quot;b&quot; &amp; c')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def df_to_html(
    df: pd.DataFrame, columns: dict[str, str] | None = None, *, index: bool = False
) -> str:
    """A frame as an escaped HTML table, optionally keeping and renaming ``columns``.

    >>> df_to_html(pd.DataFrame({"a": ["<b>"]}), {"a": "ชื่อ"})[:40]
    '<table border="1" class="dataframe kpyj-'
    """
    if columns is not None:
        df = df[list(columns)].rename(columns=columns)
    if df.empty:
        return '<p class="kpyj-empty">ไม่มีข้อมูล (no data)</p>'
    return df.to_html(index=index, escape=True, na_rep="–", classes="kpyj-table", border=1)


def sample_banner() -> str:
    """The banner that marks anything built from sample data."""
    return (
        '<div class="kpyj-sample" style="border:2px solid #d55e00;padding:6px 10px;'
        'margin:6px 0;color:#d55e00;font-weight:bold">ข้อมูลตัวอย่าง (ตัวอย่าง) — '
        "ไม่ใช่ข้อมูลทางราชการ · sample data, not official figures</div>"
    )
