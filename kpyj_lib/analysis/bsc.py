"""KPIs over the four evaluation dimensions and four levels (Balanced Scorecard).

Dimensions (มิติ): effectiveness, service quality, efficiency, organisational development.
Levels: organisation, division, group, individual. «แต่ละมิติสามารถกำหนดเป็น KPI ได้ทั้งระดับ
หน่วยงาน สำนักกอง กลุ่มงาน และบุคคล» (การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565): a KPI *can*
be set at each level; the grid shows where KPIs are set, it does not ask for all 16 cells.
:func:`kpi_gaps` lists the empty cells as information, never as a finding.
"""

from __future__ import annotations

import pandas as pd

from .. import reference
from ..model import KpiDimension, KpiLevel
from ..workspace import Workspace

__all__ = ["DIMENSIONS", "LEVELS", "kpi_gaps", "kpi_matrix"]

DIMENSIONS: tuple[str, ...] = KpiDimension.__args__  # type: ignore[attr-defined]
LEVELS: tuple[str, ...] = KpiLevel.__args__  # type: ignore[attr-defined]


def kpi_matrix(ws: Workspace, province: str | None = None, *, thai: bool = False) -> pd.DataFrame:
    """Number of KPIs per dimension (rows) × level (columns).

    Parameters
    ----------
    ws : Workspace
    province : str, optional
        Only KPIs of this province (default: all).
    thai : bool
        Label rows and columns with the Thai terms instead of the codes.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> m = kpi_matrix(tiny_workspace())
    >>> m.shape
    (4, 4)
    >>> m.index.tolist()[0], m.columns.tolist()[-1]
    ('effectiveness', 'individual')
    """
    k = ws["kpis"]
    if province is not None:
        k = k[k["province_code"] == province]
    mat = pd.crosstab(k["dimension"], k["level"]) if len(k) else pd.DataFrame()
    mat = mat.reindex(index=list(DIMENSIONS), columns=list(LEVELS), fill_value=0).astype(int)
    mat.index.name, mat.columns.name = "dimension", "level"
    if thai:
        mat.index = [reference.code_label("kpi_dimension", d) for d in mat.index]
        mat.columns = [reference.code_label("kpi_level", lv) for lv in mat.columns]
        mat.index.name, mat.columns.name = "มิติ", "ระดับ"
    return mat


def kpi_gaps(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """The empty dimension × level cells, named in Thai (information, not a finding).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> gaps = kpi_gaps(tiny_workspace())
    >>> list(gaps.columns)
    ['dimension', 'level', 'dimension_th', 'level_th', 'finding']
    """
    mat = kpi_matrix(ws, province)
    rows = []
    for dim in DIMENSIONS:
        for lv in LEVELS:
            if mat.loc[dim, lv] == 0:
                d_th = reference.code_label("kpi_dimension", dim)
                l_th = reference.code_label("kpi_level", lv)
                rows.append(
                    {
                        "dimension": dim,
                        "level": lv,
                        "dimension_th": d_th,
                        "level_th": l_th,
                        "finding": f"ยังไม่ได้กำหนดตัวชี้วัด{d_th} {l_th}",
                    }
                )
    return pd.DataFrame(rows, columns=["dimension", "level", "dimension_th", "level_th", "finding"])
