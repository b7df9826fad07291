"""The national picture: roll-ups per province (all 77), per cluster (18) and per driving group.

Every figure is built from the same three frames — objectives with their rolled-up progress
(:func:`kpyj_lib.analysis.progress.rollup` at objective level), key results with their
status (:func:`kpyj_lib.analysis.progress.kr_progress`) and initiatives with their budget —
grouped by province, cluster, driving group or the whole nation. So a cluster's counts and
money are exactly the sum of its member provinces', and its progress is, like
``rollup(ws, "cluster")``, the mean over the objectives of its members.

A province with no data is still a row: its counts are 0 (nothing recorded), while its
progress, expected progress, budget and coverage are ``NaN`` and ``has_data`` is False —
never 0 %. ``has_data`` means at least one key result has a check-in by the as-of date.

Plan coverage is the share of objectives that reach each plan level of
:data:`kpyj_lib.analysis.alignment.PLAN_LEVELS` (provincial plan ... crime prevention ...
ministry policy) through the alignment graph, as in
:func:`kpyj_lib.analysis.alignment.alignment_coverage`.

Recurring findings across provinces need the provinces' findings, which the province
documents compute; :func:`recurring` takes them as a plain frame and groups them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from .. import reference
from ..workspace import Workspace
from .alignment import PLAN_LEVELS, alignment_chains
from .groups import GROUP_LABELS, derived_groups, recorded_groups
from .progress import STATUS_LABELS, Thresholds, kr_progress, rollup, status_of

#: The default status thresholds, built once (a default argument must not be a call).
_DEFAULT_THRESHOLDS = Thresholds()

__all__ = [
    "COUNT_COLUMNS",
    "COVERAGE_COLUMNS",
    "cluster_summary",
    "group_summary",
    "model_province_summary",
    "nation_summary",
    "province_summary",
    "recurring",
]

#: Columns of the summaries that are counts or money, and so add up from provinces.
COUNT_COLUMNS: tuple[str, ...] = (
    "objectives",
    "krs",
    "kr_with_data",
    "krs_on_track",
    "krs_at_risk",
    "krs_off_track",
    "krs_no_data",
    "krs_not_started",
    "initiatives",
    "budget",
    "spent",
)

#: The coverage columns: share of objectives reaching each plan level, and any plan at all.
COVERAGE_COLUMNS: tuple[str, ...] = (
    *(f"coverage_{lv}" for lv in PLAN_LEVELS),
    "coverage_any",
)

_MEASURES = (
    *COUNT_COLUMNS,
    "spent_share",
    "progress",
    "expected",
    "status",
    "status_th",
    "has_data",
    *COVERAGE_COLUMNS,
)


# --------------------------------------------------------------------------- base frames
def _unit_provinces(ws: Workspace) -> dict[str, str]:
    u = ws["units"]
    return {
        str(i): str(p) for i, p in zip(u["id"], u["province_code"], strict=True) if not pd.isna(p)
    }


def _province(code: object, unit: object, units: dict[str, str]) -> str | None:
    """The record's own province, else its unit's."""
    if code is not None and not pd.isna(code):
        return str(code)
    if unit is not None and not pd.isna(unit):
        return units.get(str(unit))
    return None


def _base(
    ws: Workspace,
    G: nx.MultiDiGraph | None,
    as_of: dt.date | str | None,
    thresholds: Thresholds,
    progress: pd.DataFrame | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Objectives (progress, coverage), KRs (status) and initiatives (money), each with the
    province it belongs to."""
    units = _unit_provinces(ws)
    objs = ws["objectives"]
    obj_prov = {
        str(i): _province(p, u, units)
        for i, p, u in zip(objs["id"], objs["province_code"], objs["unit_id"], strict=True)
    }
    kp = progress if progress is not None else kr_progress(ws, as_of, thresholds=thresholds)
    per_obj = rollup(ws, "objective", thresholds=thresholds, progress=kp)
    obj = pd.DataFrame(
        {
            "objective_id": per_obj["objective_id"].astype(str),
            "province_code": [obj_prov.get(str(i)) for i in per_obj["objective_id"]],
            "progress": per_obj["progress"].astype(float),
            "expected": per_obj["expected"].astype(float),
        }
    )
    if G is None:
        from ..graph import build_graph

        G = build_graph(ws)
    chains = alignment_chains(G, kinds=["objective"])
    levels: dict[str, set[str]] = {}
    for oid, kind in zip(chains["id"], chains["plan_kind"], strict=True):
        levels.setdefault(str(oid), set()).add(kind)
    for lv in PLAN_LEVELS:
        obj[f"coverage_{lv}"] = [lv in levels.get(o, ()) for o in obj["objective_id"]]
    obj["coverage_any"] = [bool(levels.get(o)) for o in obj["objective_id"]]

    krs = ws["key_results"]
    kr_obj = dict(zip(krs["id"].astype(str), krs["objective_id"], strict=True))
    kr_unit = dict(zip(krs["id"].astype(str), krs["owner_unit_id"], strict=True))
    kr = pd.DataFrame(
        {
            "key_result_id": kp["key_result_id"].astype(str),
            "status": kp["status"],
            "has_data": kp["progress_clipped"].notna(),
        }
    )
    kr["province_code"] = [
        obj_prov.get(str(kr_obj.get(k))) or _province(None, kr_unit.get(k), units)
        for k in kr["key_result_id"]
    ]

    ini = ws["initiatives"]
    money = pd.DataFrame(
        {
            "initiative_id": ini["id"].astype(str),
            "province_code": [
                _province(p, u, units)
                for p, u in zip(ini["province_code"], ini["owner_unit_id"], strict=True)
            ],
            "budget": pd.to_numeric(ini["budget"], errors="coerce").astype(float),
            "spent": pd.to_numeric(ini["budget_spent"], errors="coerce").astype(float),
        }
    )
    return obj, kr, money


def _aggregate(
    obj: pd.DataFrame,
    kr: pd.DataFrame,
    money: pd.DataFrame,
    key: str,
    keys: Iterable[object],
    thresholds: Thresholds,
) -> pd.DataFrame:
    """The measures of :data:`_MEASURES` for each value of ``key`` (in the order of
    ``keys``; values with no rows get zero counts and NaN figures)."""
    index = pd.Index(list(keys), name=key)
    o = obj[obj[key].notna()]
    k = kr[kr[key].notna()]
    m = money[money[key].notna()]
    out = pd.DataFrame(index=index)
    og = o.groupby(key)
    out["objectives"] = og.size().reindex(index, fill_value=0)
    out["krs"] = k.groupby(key).size().reindex(index, fill_value=0)
    out["kr_with_data"] = k.groupby(key)["has_data"].sum().reindex(index, fill_value=0)
    for status in ("on_track", "at_risk", "off_track", "no_data", "not_started"):
        counts = k[k["status"] == status].groupby(key).size()
        out[f"krs_{status}"] = counts.reindex(index, fill_value=0)
    mg = m.groupby(key)
    out["initiatives"] = mg.size().reindex(index, fill_value=0)
    out["budget"] = mg["budget"].sum(min_count=1).reindex(index)
    out["spent"] = mg["spent"].sum(min_count=1).reindex(index)
    for col in COUNT_COLUMNS[:-2]:
        out[col] = out[col].astype(int)
    out["spent_share"] = (out["spent"] / out["budget"]).where(out["budget"] > 0)
    out["progress"] = og["progress"].mean().reindex(index)
    out["expected"] = og["expected"].mean().reindex(index)
    out["status"] = [
        status_of(p, 0.0 if math.isnan(e) else e, thresholds)
        for p, e in zip(out["progress"], out["expected"], strict=True)
    ]
    out["status_th"] = [STATUS_LABELS[s][0] for s in out["status"]]
    out["has_data"] = out["kr_with_data"] > 0
    for col in COVERAGE_COLUMNS:
        out[col] = og[col].mean().reindex(index).astype(float)
    return out[list(_MEASURES)]


def _prepare(
    ws: Workspace,
    G: nx.MultiDiGraph | None,
    as_of: dt.date | str | None,
    thresholds: Thresholds,
    progress: pd.DataFrame | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    obj, kr, money = _base(ws, G, as_of, thresholds, progress)
    groups = derived_groups(ws).set_index("province_code")
    for frame in (obj, kr, money):
        codes = frame["province_code"]
        frame["cluster_id"] = [
            reference.cluster_of(p) if isinstance(p, str) else None for p in codes
        ]
        frame["group"] = [groups["group"].get(p) if isinstance(p, str) else None for p in codes]
    return obj, kr, money, groups


# --------------------------------------------------------------------------- public
def province_summary(
    ws: Workspace,
    G: nx.MultiDiGraph | None = None,
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per province — always all 77 — with its OKR, progress, money and coverage.

    Parameters
    ----------
    ws : Workspace
    G : networkx.MultiDiGraph, optional
        The plan graph of ``ws`` (:func:`kpyj_lib.graph.build_graph`); built when not given.
    as_of : date or ISO string, optional
        Only check-ins on or before this day count; default
        :func:`kpyj_lib.analysis.progress.default_as_of`.
    thresholds : Thresholds
    progress : DataFrame, optional
        :func:`kpyj_lib.analysis.progress.kr_progress` already computed for ``ws``.

    Returns
    -------
    DataFrame
        Sorted by province code: ``province_code, name_th, name_en, region, cluster_id,
        operating_centre, model_province, recorded_group, group`` (group derived by
        :func:`kpyj_lib.analysis.groups.derived_groups`), then the counts
        :data:`COUNT_COLUMNS` (``krs_at_risk`` and ``krs_off_track`` are the KRs behind
        schedule), ``spent_share``, ``progress``, ``expected``, ``status``, ``status_th``,
        ``has_data`` and the shares :data:`COVERAGE_COLUMNS`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> s = province_summary(tiny_workspace(), as_of="2022-03-31").set_index("province_code")
    >>> len(s), int(s["objectives"].sum()), int(s.loc["83", "objectives"])
    (77, 3, 2)
    >>> bool(s.loc["50", "has_data"]), float(s.loc["50", "progress"]), s.loc["50", "status"]
    (False, nan, 'no_data')
    >>> float(s.loc["83", "budget"]) > 0, bool(np.isnan(s.loc["50", "budget"]))
    (True, True)
    """
    obj, kr, money, groups = _prepare(ws, G, as_of, thresholds, progress)
    provinces = reference.load("provinces").sort_values("code")
    codes = provinces["code"].tolist()
    agg = _aggregate(obj, kr, money, "province_code", codes, thresholds).reset_index()
    head = provinces[["code", "name_th", "name_en", "region"]].rename(
        columns={"code": "province_code"}
    )
    head["cluster_id"] = [reference.cluster_of(c) for c in head["province_code"]]
    g = groups.reindex(head["province_code"])
    head["operating_centre"] = g["operating_centre"].to_numpy()
    head["model_province"] = g["model_province"].to_numpy()
    head["recorded_group"] = pd.array(g["recorded_group"].to_numpy(), dtype="Int64")
    head["group"] = g["group"].to_numpy().astype(int)
    return head.merge(agg, on="province_code", how="left").reset_index(drop=True)


def cluster_summary(
    ws: Workspace,
    G: nx.MultiDiGraph | None = None,
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per provincial cluster (all 18) with the roll-up of its member provinces.

    Counts and money are the sums of the members' rows of :func:`province_summary`;
    progress, expected progress and coverage are means over the members' objectives (so a
    province with more objectives weighs more, as in ``rollup(ws, "cluster")``).

    Returns
    -------
    DataFrame
        Sorted by cluster id: ``cluster_id, name_th, centre_code, centre_name_th,
        members`` (list of codes), ``provinces`` (how many), ``provinces_with_data``, then
        the measures of :func:`province_summary`. Bangkok is in no cluster.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> c = cluster_summary(tiny_workspace(), as_of="2022-03-31").set_index("cluster_id")
    >>> len(c), int(c.loc["south_andaman", "objectives"]), c.loc["south_andaman", "centre_code"]
    (18, 2, '83')
    >>> int(c.loc["north_upper_1", "objectives"]), bool(c.loc["north_upper_1", "has_data"])
    (0, False)
    """
    obj, kr, money, _groups = _prepare(ws, G, as_of, thresholds, progress)
    clusters = reference.load("clusters").sort_values("id")
    ids = clusters["id"].tolist()
    agg = _aggregate(obj, kr, money, "cluster_id", ids, thresholds)
    with_data = kr[kr["has_data"]].groupby("cluster_id")["province_code"].nunique()
    centres = reference.operating_centres()
    head = pd.DataFrame(
        {
            "cluster_id": ids,
            "name_th": clusters["name_th"].tolist(),
            "centre_code": [centres[c] for c in ids],
            "centre_name_th": [reference.province_name(centres[c]) for c in ids],
            "members": [reference.cluster_provinces(c) for c in ids],
        }
    )
    head["provinces"] = head["members"].map(len)
    head["provinces_with_data"] = with_data.reindex(ids, fill_value=0).astype(int).to_numpy()
    return head.merge(agg.reset_index(), on="cluster_id", how="left").reset_index(drop=True)


def group_summary(
    ws: Workspace,
    G: nx.MultiDiGraph | None = None,
    as_of: dt.date | str | None = None,
    *,
    by: str = "derived",
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per driving group 1, 2, 3 with the roll-up of its provinces.

    Parameters
    ----------
    by : {"derived", "recorded"}
        Group the provinces by the operating-centre rule (default; every province is in a
        group) or by the workbook's own record (provinces it does not list are left out).

    Returns
    -------
    DataFrame
        ``group, group_th, provinces, provinces_with_data`` then the measures of
        :func:`province_summary`, for groups 1, 2 and 3 (a group with no province still has
        its row).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> g = group_summary(tiny_workspace(), as_of="2022-03-31").set_index("group")
    >>> g["provinces"].tolist(), g["objectives"].tolist()
    ([1, 17, 59], [2, 0, 1])
    >>> group_summary(tiny_workspace(), as_of="2022-03-31", by="recorded")["provinces"].tolist()
    [1, 0, 1]
    """
    if by not in ("derived", "recorded"):
        raise ValueError(f"by must be 'derived' or 'recorded', not {by!r}")
    obj, kr, money, groups = _prepare(ws, G, as_of, thresholds, progress)
    if by == "recorded":
        rec = recorded_groups(ws)
        of = {p: rec.get(p) for p in groups.index}
        for frame in (obj, kr, money):
            frame["group"] = [
                of.get(p) if isinstance(p, str) else None for p in frame["province_code"]
            ]
    else:
        of = groups["group"].to_dict()
    keys = [1, 2, 3]
    agg = _aggregate(obj, kr, money, "group", keys, thresholds)
    with_data = kr[kr["has_data"] & kr["group"].notna()].groupby("group")["province_code"]
    head = pd.DataFrame(
        {
            "group": keys,
            "group_th": [GROUP_LABELS[g] for g in keys],
            "provinces": [sum(1 for v in of.values() if v == g) for g in keys],
            "provinces_with_data": with_data.nunique().reindex(keys, fill_value=0).to_numpy(),
        }
    )
    head["provinces_with_data"] = head["provinces_with_data"].astype(int)
    return head.merge(agg.reset_index(), on="group", how="left").reset_index(drop=True)


def nation_summary(
    ws: Workspace,
    G: nx.MultiDiGraph | None = None,
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The whole country in one row: the measures of :func:`province_summary` over all
    provinces, with ``provinces`` (77) and ``provinces_with_data``.

    Counts and money are the sums over the 77 provinces (the 18 clusters plus Bangkok).
    Objectives, key results and projects that belong to no province (a ministry's own) are
    not part of it, unlike ``rollup(ws, "nation")``, which averages every objective.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> n = nation_summary(tiny_workspace(), as_of="2022-03-31")
    >>> len(n), int(n.loc[0, "provinces"]), int(n.loc[0, "objectives"])
    (1, 77, 3)
    """
    obj, kr, money, _groups = _prepare(ws, G, as_of, thresholds, progress)
    for frame in (obj, kr, money):
        frame["nation"] = np.where(frame["province_code"].notna(), "TH", None)
    agg = _aggregate(obj, kr, money, "nation", ["TH"], thresholds).reset_index()
    agg.insert(1, "provinces", len(reference.province_codes()))
    agg.insert(2, "provinces_with_data", int(kr.loc[kr["has_data"], "province_code"].nunique()))
    return agg


def model_province_summary(
    ws: Workspace,
    G: nx.MultiDiGraph | None = None,
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rows of :func:`province_summary` for the four model provinces (จังหวัดต้นแบบ),
    side by side in the order of the pilot (สุโขทัย, นครพนม, ภูเก็ต, ราชบุรี).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> m = model_province_summary(tiny_workspace(), as_of="2022-03-31")
    >>> m["name_th"].tolist(), m["has_data"].tolist()
    (['สุโขทัย', 'นครพนม', 'ภูเก็ต', 'ราชบุรี'], [True, False, True, False])
    """
    s = province_summary(ws, G, as_of, thresholds=thresholds, progress=progress)
    s = s.set_index("province_code").loc[list(reference.model_provinces())]
    return s.reset_index()


def recurring(findings: pd.DataFrame, *, min_provinces: int = 2) -> pd.DataFrame:
    """The findings that recur across provinces: which gap, how many provinces, which ones.

    Parameters
    ----------
    findings : DataFrame
        One row per finding of a province: ``province`` (or ``province_code``), ``topic``
        (a stable code or short label of the gap, e.g. ``"pmqa_5"`` or ``"orphan"``) and
        ``text`` (what the province's document says). Rows without a province or topic are
        ignored; a province repeating a topic counts once.
    min_provinces : int, default 2
        Keep the topics found in at least this many provinces (1 keeps every topic).

    Returns
    -------
    DataFrame
        One row per topic, most widespread first (then by topic): ``topic, provinces``
        (how many), ``province_codes`` (sorted list), ``names_th`` (the provinces' Thai
        names, ``", "``-joined) and ``texts`` (the distinct texts, in order of appearance).

    Raises
    ------
    ValueError
        If the frame lacks a province, topic or text column, or ``min_provinces`` < 1.

    Examples
    --------
    >>> f = pd.DataFrame({
    ...     "province": ["83", "64", "48", "83", "70"],
    ...     "topic": ["pmqa_5", "pmqa_5", "pmqa_5", "orphan", "orphan"],
    ...     "text": ["ไม่มีหมวด 5", "ไม่มีหมวด 5", "ขาดหมวด 5", "มีวัตถุประสงค์ไม่สอดคล้อง",
    ...              "มีวัตถุประสงค์ไม่สอดคล้อง"]})
    >>> r = recurring(f)
    >>> r[["topic", "provinces"]].values.tolist()
    [['pmqa_5', 3], ['orphan', 2]]
    >>> r.loc[0, "province_codes"], r.loc[0, "names_th"]
    (['48', '64', '83'], 'นครพนม, สุโขทัย, ภูเก็ต')
    >>> r.loc[0, "texts"]
    ['ไม่มีหมวด 5', 'ขาดหมวด 5']
    """
    if isinstance(min_provinces, bool) or not isinstance(min_provinces, int) or min_provinces < 1:
        raise ValueError(f"min_provinces must be a positive int, not {min_provinces!r}")
    cols = list(findings.columns)
    prov_col = next((c for c in ("province", "province_code") if c in cols), None)
    if prov_col is None or "topic" not in cols or "text" not in cols:
        raise ValueError(
            f"findings need the columns province (or province_code), topic and text; got {cols}"
        )
    f = findings[[prov_col, "topic", "text"]].rename(columns={prov_col: "province"})
    f = f[f["province"].notna() & f["topic"].notna()]
    provinces = reference.load("provinces")
    names = dict(zip(provinces["code"], provinces["name_th"], strict=True))
    rows = []
    for topic, part in f.groupby("topic", sort=False):
        codes = sorted({str(p) for p in part["province"]})
        texts = list(dict.fromkeys(str(t) for t in part["text"] if not pd.isna(t)))
        rows.append(
            {
                "topic": topic,
                "provinces": len(codes),
                "province_codes": codes,
                "names_th": ", ".join(names.get(c, c) for c in codes),
                "texts": texts,
            }
        )
    out = pd.DataFrame(rows, columns=["topic", "provinces", "province_codes", "names_th", "texts"])
    out = out[out["provinces"] >= min_provinces]
    out = out.assign(_t=out["topic"].astype(str)).sort_values(
        ["provinces", "_t"], ascending=[False, True], kind="stable"
    )
    return out.drop(columns="_t").reset_index(drop=True)
