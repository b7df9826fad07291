"""An in-memory workspace: every table of one fiscal year as pandas frames and records.

A :class:`Workspace` is what analyses, the graph builder, notebooks and apps read. It is
built from the store (:meth:`kpyj_lib.store.Store.workspace`) or straight from tables
(:meth:`Workspace.from_tables`), and never writes anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from . import reference
from .model import ENTITIES, NODE_TABLES, Entity, Record

__all__ = ["REFERENCE_TABLES", "Workspace", "frame_of", "rows_of", "scope_tables"]

#: Reference tables every workspace carries beside its entities.
REFERENCE_TABLES = ("provinces", "clusters", "cluster_members", "pmqa_categories")

_PANDAS_DTYPES = {int: "Int64", float: "float64", bool: "boolean"}


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def frame_of(ent: Entity, rows: Iterable[Mapping[str, Any] | Record]) -> pd.DataFrame:
    """A typed frame of an entity's rows, with exactly the entity's columns in order.

    >>> from kpyj_lib.model import ENTITIES
    >>> df = frame_of(ENTITIES["province_groups"], [{"province_code": "83",
    ...     "fiscal_year": 2565, "group": 1}])
    >>> list(df.columns), str(df["group"].dtype)
    (['province_code', 'fiscal_year', 'group', 'note_th'], 'Int64')
    """
    cols = [c.name for c in ent.columns]
    data = [r.model_dump() if isinstance(r, Record) else dict(r) for r in rows]
    df = pd.DataFrame(data, columns=cols)
    for c in ent.columns:
        if c.type in _PANDAS_DTYPES:
            df[c.name] = df[c.name].astype(_PANDAS_DTYPES[c.type])
        else:  # text, dates and timestamps stay Python objects, missing as None
            df[c.name] = df[c.name].astype(object).where(df[c.name].notna(), None)
    return df


def rows_of(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as plain dicts, with every missing value as ``None``."""
    out = []
    for rec in df.to_dict("records"):
        out.append({k: (None if _is_missing(v) else v) for k, v in rec.items()})
    return out


_REFERENCE_ENTITY_TABLES = ("plans", "plan_items", "alignments")


def _ids(df: pd.DataFrame, column: str = "id") -> set[str]:
    return {str(v) for v in df[column].tolist() if not _is_missing(v)}


def scope_tables(tables: Mapping[str, pd.DataFrame], fiscal_year: int) -> dict[str, pd.DataFrame]:
    """Keep the rows of one fiscal year, following each entity's ``scope`` rule.

    Rows of year-bound entities are kept when their ``fiscal_year`` matches; child rows
    when their parent is kept; polymorphic links when the node they start from is kept.
    """
    out: dict[str, pd.DataFrame] = {}
    for name, ent in ENTITIES.items():
        df = tables[name]
        if ent.scope == "fy":
            df = df[df["fiscal_year"] == fiscal_year]
        elif ent.scope.startswith("parent:"):
            column = ent.scope.split(":", 1)[1]
            parent = ENTITIES[ent.column(column).ref]  # type: ignore[index]
            # rows without a parent (a KR with no objective yet) belong to no year in
            # particular: keep them so that analyses can report them as orphans
            keep = df[column].astype(str).isin(_ids(out[parent.name], parent.key[0]))
            df = df[keep | df[column].isna()]
        out[name] = df.reset_index(drop=True)
    # polymorphic links: keep those whose source node is in this year's workspace
    for name, ent in ENTITIES.items():
        poly = [c for c in ent.columns if c.poly]
        if not poly or ent.scope != "all":
            continue
        df = out[name]
        c = poly[0]
        keep = pd.Series(False, index=df.index)
        for kind, table in NODE_TABLES.items():
            if table not in out:
                continue
            mask = (df[c.poly] == kind) & df[c.name].astype(str).isin(_ids(out[table]))
            keep |= mask
        out[name] = df[keep].reset_index(drop=True)
    return out


@dataclass
class Workspace:
    """Every table of one fiscal year, as frames (``ws["objectives"]``) and records.

    Parameters
    ----------
    fiscal_year : int
        Buddhist Era fiscal year (2565 = 1 Oct 2021 - 30 Sep 2022).
    frames : dict of str to DataFrame
        One frame per entity of :data:`kpyj_lib.model.ENTITIES` and per reference table.
    source : str
        Where the data came from (a store URL without password, or a file name).

    Examples
    --------
    >>> ws = Workspace.from_tables({"objectives": [{"id": "O1", "fiscal_year": 2565,
    ...     "title_th": "ลดการกระทำผิดซ้ำ"}, {"id": "O0", "fiscal_year": 2564,
    ...     "title_th": "ปีก่อน"}]}, fiscal_year=2565)
    >>> ws["objectives"]["id"].tolist()
    ['O1']
    >>> ws.records("objectives")[0].title_th
    'ลดการกระทำผิดซ้ำ'
    >>> ws.is_sample
    False
    """

    fiscal_year: int
    frames: dict[str, pd.DataFrame]
    source: str = "memory"
    _records: dict[str, list[Record]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[str, pd.DataFrame | Iterable[Mapping[str, Any] | Record]],
        fiscal_year: int,
        *,
        source: str = "memory",
        reference_tables: Mapping[str, pd.DataFrame] | None = None,
    ) -> Workspace:
        """Build a workspace from rows or frames per entity; missing entities are empty."""
        typed: dict[str, pd.DataFrame] = {}
        for name, ent in ENTITIES.items():
            data = tables.get(name, [])
            cols = [c.name for c in ent.columns]
            if isinstance(data, pd.DataFrame) and list(data.columns) == cols:
                df = data  # already typed (e.g. read from the store): no round trip
            else:
                df = frame_of(ent, rows_of(data) if isinstance(data, pd.DataFrame) else data)
            if name in _REFERENCE_ENTITY_TABLES:  # reference plans are always there
                have = set(zip(*(df[k].astype(str) for k in ent.key), strict=True))
                ref = frame_of(ent, rows_of(reference.load(name)))
                ref_keys = zip(*(ref[k].astype(str) for k in ent.key), strict=True)
                missing = ref[[k not in have for k in ref_keys]]
                if len(missing):
                    df = pd.concat([missing, df], ignore_index=True) if len(df) else missing
            typed[name] = df
        frames = scope_tables(typed, fiscal_year)
        for name in REFERENCE_TABLES:
            if reference_tables is not None and name in reference_tables:
                frames[name] = reference_tables[name]
            else:
                frames[name] = reference.load(name)
        return cls(fiscal_year=fiscal_year, frames=frames, source=source)

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self.frames[name]
        except KeyError:
            raise KeyError(f"workspace has no table {name!r}") from None

    def records(self, name: str) -> list[Record]:
        """The rows of entity ``name`` as validated pydantic records (cached)."""
        if name not in self._records:
            rec = ENTITIES[name].record
            self._records[name] = [rec(**r) for r in rows_of(self.frames[name])]
        return self._records[name]

    @cached_property
    def meta(self) -> dict[str, str]:
        """The workspace's key/value facts (the ``meta`` sheet)."""
        df = self.frames["meta"]
        return dict(zip(df["key"].astype(str), df["value"].astype(str), strict=True))

    @property
    def is_sample(self) -> bool:
        """True when the data is marked as sample (ตัวอย่าง) and must be shown as such."""
        return self.meta.get("is_sample", "").strip().lower() in {"true", "1", "yes", "ใช่"}

    @cached_property
    def province_codes(self) -> list[str]:
        """Provinces that have any data in this workspace, sorted by code."""
        codes: set[str] = set()
        for name in ("province_groups", "objectives", "units", "initiatives", "kpis", "lessons"):
            col = self.frames[name]["province_code"]
            codes |= {str(v) for v in col if not _is_missing(v)}
        return sorted(codes)

    def for_province(self, code: str) -> Workspace:
        """The part of the workspace one province's report needs, as a new workspace.

        Keeps the province's units, objectives (and their KRs, check-ins, KPIs), projects,
        flows touching its units, its own and its cluster's plans plus every national plan,
        the alignments, PMQA mappings and service links of what is kept, its baseline
        indicators, lessons and workshops, and the directives assigned to its units with
        their weekly reports. Reference tables, ``meta`` and tables that belong to no province
        (the central driving plan) are kept whole. Analyses of one
        province give the same results on this part as on the whole workspace, only faster.

        Examples
        --------
        >>> from kpyj_lib.examples import tiny_workspace
        >>> ws = tiny_workspace()
        >>> sub = ws.for_province("83")
        >>> sorted(set(sub["objectives"]["province_code"]))
        ['83']
        >>> len(sub["objectives"]) < len(ws["objectives"])
        True
        """
        from .reference import check_province

        code = check_province(code)
        return self.for_provinces([code], source=f"{self.source} (province {code})")

    def for_provinces(
        self, codes: Iterable[str], *, source: str | None = None, linked_units: bool = False
    ) -> Workspace:
        """The part of the workspace the reports of several provinces need (see
        :meth:`for_province`: the same rows, for each of ``codes``).

        Parameters
        ----------
        codes : iterable of str
            Province codes (checked).
        source : str, optional
            The new workspace's :attr:`source` (default: this one's, unchanged).
        linked_units : bool
            Also keep the units the provinces' lessons link to (a central unit such as
            สกธ. named as evidence): what a lessons write-up shows of them.

        Examples
        --------
        >>> from kpyj_lib.examples import tiny_workspace
        >>> ws = tiny_workspace()
        >>> sub = ws.for_provinces(["83", "64"])
        >>> sorted(set(sub["objectives"]["province_code"])), sub.source == ws.source
        (['64', '83'], True)
        """
        from .reference import check_province, cluster_of

        wanted = sorted({check_province(c) for c in codes})
        clusters = {cluster_of(c) for c in wanted} - {None}
        f = self.frames

        def ids(df: pd.DataFrame) -> set[str]:
            return _ids(df) if len(df) else set()

        def isin(df: pd.DataFrame, col: str, keep: set[str]) -> pd.Series:
            return df[col].astype(str).isin(keep) & df[col].notna()

        def here(df: pd.DataFrame) -> pd.Series:
            return df["province_code"].astype(str).isin(wanted) & df["province_code"].notna()

        out: dict[str, pd.DataFrame] = {"meta": f["meta"]}
        out["province_groups"] = f["province_groups"][here(f["province_groups"])]
        units = f["units"][here(f["units"])]
        u = ids(units)
        out["units"] = units
        o = f["objectives"]
        out["objectives"] = o[here(o) | (o["province_code"].isna() & isin(o, "unit_id", u))]
        objs = ids(out["objectives"])
        k = f["key_results"]
        out["key_results"] = k[
            isin(k, "objective_id", objs) | (k["objective_id"].isna() & isin(k, "owner_unit_id", u))
        ]
        krs = ids(out["key_results"])
        for name in ("kr_units", "checkins"):
            out[name] = f[name][isin(f[name], "key_result_id", krs)]
        kp = f["kpis"]
        out["kpis"] = kp[here(kp) | (kp["province_code"].isna() & isin(kp, "unit_id", u))]
        ini = f["initiatives"]
        out["initiatives"] = ini[
            here(ini) | (ini["province_code"].isna() & isin(ini, "owner_unit_id", u))
        ]
        inis = ids(out["initiatives"])
        out["initiative_krs"] = f["initiative_krs"][
            isin(f["initiative_krs"], "initiative_id", inis)
        ]
        pl = f["plans"]
        keep_plan = ~pl["kind"].isin(["provincial_plan", "cluster_plan"])
        keep_plan |= (pl["kind"] == "provincial_plan") & here(pl)
        keep_plan |= (pl["kind"] == "cluster_plan") & pl["cluster_id"].isin(clusters)
        out["plans"] = pl[keep_plan]
        items = f["plan_items"][isin(f["plan_items"], "plan_id", ids(out["plans"]))]
        out["plan_items"] = items
        st = f["stakeholders"]
        out["stakeholders"] = st[here(st) | st["province_code"].isna()]
        kept = {
            "objective": objs,
            "key_result": krs,
            "initiative": inis,
            "plan_item": ids(items),
            "stakeholder": ids(out["stakeholders"]),
        }

        def from_kept(df: pd.DataFrame) -> pd.Series:
            mask = pd.Series(False, index=df.index)
            for kind, keep in kept.items():
                mask |= (df["source_type"] == kind) & isin(df, "source_id", keep)
            return mask

        al = f["alignments"]
        out["alignments"] = al[from_kept(al) & isin(al, "plan_item_id", kept["plan_item"])]
        out["pmqa_mappings"] = f["pmqa_mappings"][from_kept(f["pmqa_mappings"])]
        sl = f["service_links"]
        out["service_links"] = sl[from_kept(sl) & isin(sl, "stakeholder_id", kept["stakeholder"])]
        fl = f["flows"]
        out["flows"] = fl[isin(fl, "from_unit_id", u) | isin(fl, "to_unit_id", u)]
        out["baseline_indicators"] = f["baseline_indicators"][here(f["baseline_indicators"])]
        du = f["directive_units"][isin(f["directive_units"], "unit_id", u)]
        out["directive_units"] = du
        dirs = set(du["directive_id"].astype(str))
        out["directives"] = f["directives"][isin(f["directives"], "id", dirs)]
        wr = f["weekly_reports"]
        out["weekly_reports"] = wr[isin(wr, "directive_id", dirs) & isin(wr, "unit_id", u)]
        les = f["lessons"][here(f["lessons"])]
        out["lessons"] = les
        out["lesson_links"] = f["lesson_links"][isin(f["lesson_links"], "lesson_id", ids(les))]
        w = f["workshops"]
        out["workshops"] = w[here(w) | (w["province_code"].isna() & isin(w, "unit_id", u))]
        if linked_units:  # added last: they widen nothing else
            ll = out["lesson_links"]
            targets = set(ll["target_id"][ll["target_type"] == "unit"].astype(str))
            un = f["units"]
            out["units"] = un[here(un) | isin(un, "id", targets)]
        out["ideas"] = f["ideas"][isin(f["ideas"], "workshop_id", ids(out["workshops"]))]
        out["votes"] = f["votes"][isin(f["votes"], "idea_id", ids(out["ideas"]))]
        # people (issue 15): those who belong to a unit of the province
        pu = f["person_units"][isin(f["person_units"], "unit_id", u)]
        out["person_units"] = pu
        who = set(pu["person_id"].astype(str))
        out["people"] = f["people"][isin(f["people"], "id", who)]
        out["person_roles"] = f["person_roles"][isin(f["person_roles"], "person_id", who)]
        for name in ENTITIES:  # tables of no province (the driving plan...) are kept whole
            out.setdefault(name, f[name])
        frames = {name: out[name].reset_index(drop=True) for name in ENTITIES}
        for name in REFERENCE_TABLES:
            frames[name] = f[name]
        return Workspace(self.fiscal_year, frames, source=self.source if source is None else source)

    def counts(self) -> dict[str, int]:
        """Rows per entity."""
        return {name: len(self.frames[name]) for name in ENTITIES}
