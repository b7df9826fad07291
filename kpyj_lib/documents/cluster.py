"""What a cluster report says: one provincial cluster (กลุ่มจังหวัด) and its member provinces.

For each of the 18 clusters: who the members are (and the operating centre), the members
side by side with the cluster's totals (counts and money are sums of the members',
:func:`kpyj_lib.analysis.national.cluster_summary`), the cluster plan's items and which
members' objectives support each, the key results, projects and plan items the members
share, and the gaps — computed by rules over the analyses, never free text — with the
findings that recur among the members' own reports.

It holds no HTML: ``render/templates/cluster.html.j2`` lays it out;
:func:`kpyj_lib.publish.open_document` reads the store.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> rep = ClusterReport.build(tiny_workspace(), "south_andaman", as_of="2022-03-31")
>>> rep.kind, rep.name_th, rep.centre_code
('cluster', 'กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน', '83')
>>> rep.members
['81', '82', '83', '85', '91', '92']
>>> rep.totals["objectives"] == sum(r["objectives"] for r in rep.member_rows)
True
>>> check_cluster("atlantis")
Traceback (most recent call last):
...
kpyj_lib.exceptions.ReportError: ไม่มีกลุ่มจังหวัดรหัส 'atlantis' ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import networkx as nx
import pandas as pd

from .. import analysis as an
from .. import reference
from ..analysis import national as na
from ..analysis.measure import province_key_results
from ..calendar import format_fiscal_year, format_round, format_thai_date, round_end
from ..exceptions import ReportError
from ..graph import build_graph
from ..text import format_baht, format_number, format_percent, is_missing
from ..workspace import Workspace
from .base import Block, SectionInfo
from .data_date import stale_blocks
from .national import (
    NO_DATA_TH,
    SOURCES_TH,
    current_round,
    findings_of,
    levels_reached,
    parse_linked,
    recurring_table,
    reporting_frame,
    reporting_th,
)
from .province import Finding, ProvinceReport

__all__ = ["SECTIONS", "ClusterReport", "check_cluster", "cluster_ids"]

#: The report's sections in order.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("profile", "ข้อมูลกลุ่มจังหวัด", "The cluster"),
    SectionInfo("members", "จังหวัดสมาชิกเปรียบเทียบกัน", "Member provinces side by side"),
    SectionInfo(
        "plan", "แผนพัฒนากลุ่มจังหวัดและการสนับสนุนของจังหวัดสมาชิก", "The cluster plan and who supports it"
    ),
    SectionInfo("shared", "ผลลัพธ์หลัก โครงการ และประเด็นแผนที่มีร่วมกัน", "Shared KRs, projects and plans"),
    SectionInfo("gaps", "ช่องว่างและข้อเสนอแนะ", "Gaps and recommendations"),
    SectionInfo("sources", "ที่มาของข้อมูลและหมายเหตุ", "Sources and notes"),
)

#: Plan kinds that belong to a province or a cluster (not shared national plans).
_LOCAL_KINDS = frozenset({"provincial_plan", "cluster_plan"})


def cluster_ids() -> list[str]:
    """The ids of the 18 clusters, sorted.

    >>> len(cluster_ids()), cluster_ids()[0]
    (18, 'central_lower_1')
    """
    return sorted(reference.load("clusters")["id"])


def check_cluster(cluster_id: object) -> str:
    """``cluster_id`` if it is one of the 18 cluster ids (safe in a file name), else a
    :class:`~kpyj_lib.exceptions.ReportError`.

    >>> check_cluster(" south_andaman ")
    'south_andaman'
    """
    cid = str(cluster_id).strip()
    if cid not in cluster_ids():
        raise ReportError(
            f"ไม่มีกลุ่มจังหวัดรหัส {cid!r} (no cluster {cid!r}; one of {', '.join(cluster_ids())})"
        )
    return cid


@dataclass
class ClusterReport:
    """Everything one cluster's report shows, computed once (a
    :class:`~kpyj_lib.documents.base.Document` of kind ``"cluster"``).

    ``round_no`` and ``linked`` are as for
    :class:`~kpyj_lib.documents.national.NationalOverview`; links go from
    ``<fy>/clusters/<id>.html`` to ``../<code>/analysis.html`` and ``../index.html``.
    """

    kind: ClassVar[str] = "cluster"

    ws: Workspace
    cluster_id: str
    as_of: dt.date
    graph: nx.MultiDiGraph = field(repr=False)
    round_no: int = 0
    linked: frozenset[str] | None = None

    @classmethod
    def build(
        cls,
        ws: Workspace,
        cluster_id: str,
        as_of: dt.date | str | None = None,
        graph: nx.MultiDiGraph | None = None,
        *,
        round_no: int = 0,
        linked: str | Iterable[str] | None = None,
    ) -> ClusterReport:
        """Compute the report of ``cluster_id`` (checked) at ``as_of``."""
        cid = check_cluster(cluster_id)
        if round_no:
            round_end(ws.fiscal_year, round_no)  # checks the round
        if as_of in (None, ""):
            as_of = (  # issue 17: by default the latest check-in of the members
                round_end(ws.fiscal_year, round_no)
                if round_no
                else an.default_as_of(
                    ws, province_key_results(ws, reference.cluster_provinces(cid))
                )
            )
        elif isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        return cls(
            ws=ws,
            cluster_id=cid,
            as_of=as_of,
            graph=graph if graph is not None else build_graph(ws),
            round_no=int(round_no or 0),
            linked=parse_linked(linked) if not isinstance(linked, frozenset) else linked,
        )

    # ------------------------------------------------------------------ document
    @property
    def name_th(self) -> str:
        """The cluster's Thai name."""
        c = reference.load("clusters").set_index("id")
        return str(c.at[self.cluster_id, "name_th"])

    @property
    def title_th(self) -> str:
        """``"รายงานการขับเคลื่อน กพยจ. กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน ปีงบประมาณ พ.ศ. 2565"``."""
        when = format_round(self.round_no) + " " if self.round_no else ""
        return (
            f"รายงานการขับเคลื่อน กพยจ. {self.name_th} {when}{format_fiscal_year(self.ws.fiscal_year)}"
        )

    @property
    def sample(self) -> bool:
        """Built from sample data."""
        return bool(self.ws.is_sample)

    @property
    def sections(self) -> tuple[SectionInfo, ...]:
        """:data:`SECTIONS`."""
        return SECTIONS

    @cached_property
    def data_date(self) -> an.DataDate:
        """The date of the data, why, and whether it is stale (issue 17)."""
        return an.data_date(self.ws, self.as_of, province_key_results(self.ws, self.members))

    @property
    def notices(self) -> list[Block]:
        """The stale-data warning under the title, when it applies (issue 17)."""
        return stale_blocks(self.data_date)

    @property
    def as_of_th(self) -> str:
        """The as-of date, Buddhist Era."""
        return format_thai_date(self.as_of)

    @property
    def sources(self) -> tuple[str, ...]:
        """The documents the report rests on (the overview's)."""
        return SOURCES_TH

    @property
    def members(self) -> list[str]:
        """The member provinces' codes, sorted."""
        return reference.cluster_provinces(self.cluster_id)

    @property
    def centre_code(self) -> str:
        """The operating-centre province (not yet confirmed against the announcement)."""
        return reference.operating_centre(self.cluster_id)

    @property
    def centre_name_th(self) -> str:
        """The operating-centre province's Thai name."""
        return reference.province_name(self.centre_code)

    def links_to(self, key: str) -> bool:
        """Whether the document ``key`` (a province code, ``index``) exists."""
        return self.linked is None or key in self.linked

    def province_href(self, code: str) -> str | None:
        """The member's report, or ``None`` when it was not written."""
        return f"../{code}/analysis.html" if self.links_to(code) else None

    @property
    def overview_href(self) -> str | None:
        """The national overview, or ``None`` when it was not written."""
        return "../index.html" if self.links_to("index") else None

    # ------------------------------------------------------------------ figures
    @cached_property
    def kr_progress(self) -> pd.DataFrame:
        return an.kr_progress(self.ws, self.as_of)

    def _args(self) -> dict[str, Any]:
        return {"G": self.graph, "as_of": self.as_of, "progress": self.kr_progress}

    @cached_property
    def totals(self) -> dict[str, Any]:
        """The cluster's row of :func:`kpyj_lib.analysis.national.cluster_summary` (counts
        and money are the members' sums), with ``behind`` and ``levels_reached``."""
        c = na.cluster_summary(self.ws, **self._args())
        row = c[c["cluster_id"] == self.cluster_id].reset_index(drop=True)
        row["levels_reached"] = levels_reached(row)
        out = row.iloc[0].to_dict()
        out["behind"] = int(out["krs_at_risk"]) + int(out["krs_off_track"])
        return out

    @cached_property
    def member_rows(self) -> list[dict[str, Any]]:
        """The members' rows of :func:`kpyj_lib.analysis.national.province_summary` with
        ``levels_reached``, the reporting columns, ``behind``, ``centre`` and ``href``."""
        p = na.province_summary(self.ws, **self._args())
        p["levels_reached"] = levels_reached(p)
        objectives = p.set_index("province_code")["objectives"].to_dict()
        window = current_round(self.ws.fiscal_year, self.as_of)
        p = p.merge(
            reporting_frame(self.ws, self.kr_progress, window, objectives), on="province_code"
        )
        p = p[p["province_code"].isin(self.members)].reset_index(drop=True)
        rows = []
        for r in p.to_dict("records"):
            r["behind"] = int(r["krs_at_risk"]) + int(r["krs_off_track"])
            r["href"] = self.province_href(r["province_code"])
            r["centre"] = r["province_code"] == self.centre_code
            rows.append(r)
        return rows

    @cached_property
    def side_by_side(self) -> list[tuple[str, list[str], str]]:
        """The members side by side: ``(measure, [text per member], cluster total)``."""
        ms, t = self.member_rows, self.totals

        def share(v: Any) -> str:
            return NO_DATA_TH if is_missing(v) else format_percent(v, thai=True)

        def money(v: Any) -> str:
            return NO_DATA_TH if is_missing(v) else format_baht(v)

        def count(key: str) -> tuple[list[str], str]:
            return [format_number(m[key]) for m in ms], format_number(t[key])

        rows: list[tuple[str, list[str], str]] = [
            ("กลุ่มการขับเคลื่อน", [f"กลุ่มที่ {m['group']}" for m in ms], ""),
        ]
        for key, label in (
            ("objectives", "วัตถุประสงค์"),
            ("krs", "ผลลัพธ์หลัก"),
            ("krs_on_track", "ผลลัพธ์หลักที่เป็นไปตามแผน"),
            ("krs_at_risk", "ผลลัพธ์หลักที่มีความเสี่ยง"),
            ("krs_off_track", "ผลลัพธ์หลักที่ล่าช้ากว่าแผน"),
            ("initiatives", "โครงการ"),
        ):
            cells, total = count(key)
            rows.append((label, cells, total))
        rows += [
            ("ความก้าวหน้าเฉลี่ย", [share(m["progress"]) for m in ms], share(t["progress"])),
            ("ความก้าวหน้าที่ควรเป็น", [share(m["expected"]) for m in ms], share(t["expected"])),
            (
                "สถานะ",
                [m["status_th"] if m["has_data"] else NO_DATA_TH for m in ms],
                t["status_th"] if t["has_data"] else NO_DATA_TH,
            ),
            ("งบประมาณ (บาท)", [money(m["budget"]) for m in ms], money(t["budget"])),
            ("เบิกจ่ายแล้ว (บาท)", [money(m["spent"]) for m in ms], money(t["spent"])),
            ("เบิกจ่ายแล้ว", [share(m["spent_share"]) for m in ms], share(t["spent_share"])),
            (
                "ระดับแผนที่เชื่อมโยงถึง (จาก 8)",
                [
                    NO_DATA_TH
                    if is_missing(m["levels_reached"])
                    else format_number(m["levels_reached"])
                    for m in ms
                ],
                NO_DATA_TH
                if is_missing(t["levels_reached"])
                else format_number(t["levels_reached"]),
            ),
            (
                "เชื่อมโยงแผนพัฒนากลุ่มจังหวัด",
                [share(m["coverage_cluster_plan"]) for m in ms],
                share(t["coverage_cluster_plan"]),
            ),
            (
                "เชื่อมโยงแนวทางการป้องกันอาชญากรรม",
                [share(m["coverage_crime_prevention"]) for m in ms],
                share(t["coverage_crime_prevention"]),
            ),
            ("การรายงานผล", [reporting_th(m) for m in ms], ""),
            (
                "ข้อค้นพบในรายงานจังหวัด",
                [
                    format_number(len(self.province_reports[m["province_code"]].findings()))
                    for m in ms
                ],
                "",
            ),
        ]
        return rows

    # ------------------------------------------------------------------ plans
    @cached_property
    def chains(self) -> pd.DataFrame:
        """:func:`kpyj_lib.analysis.alignment.alignment_chains` of the members' objectives,
        KRs and projects."""
        ch = an.alignment_chains(self.graph, kinds=["objective", "key_result", "initiative"])
        return ch[ch["province_code"].isin(self.members)].reset_index(drop=True)

    @cached_property
    def cluster_plans(self) -> pd.DataFrame:
        """The cluster's development plans in the workspace (``id, name_th``)."""
        pl = self.ws["plans"]
        sel = pl[(pl["kind"] == "cluster_plan") & (pl["cluster_id"] == self.cluster_id)]
        return sel[["id", "name_th"]].reset_index(drop=True)

    @cached_property
    def plan_items(self) -> pd.DataFrame:
        """The cluster plans' items with, per member, how many of its objectives support each
        (directly or through a lower plan): ``plan_item_id, name_th`` then one column per
        member code, ``supporters`` (Thai names of the members with one), ``krs``,
        ``initiatives`` and ``budget`` (of the members' projects supporting it)."""
        items = self.ws["plan_items"]
        items = items[items["plan_id"].isin(self.cluster_plans["id"])]
        ch = self.chains
        ini = self.ws["initiatives"].set_index("id")
        rows = []
        for it in items.itertuples(index=False):
            mine = ch[ch["plan_item_id"] == it.id]
            row: dict[str, Any] = {"plan_item_id": it.id, "name_th": it.name_th}
            objs = mine[mine["kind"] == "objective"]
            for code in self.members:
                row[code] = int((objs["province_code"] == code).sum())
            row["supporters"] = ", ".join(
                reference.province_name(c) for c in self.members if row[c] > 0
            )
            row["krs"] = int((mine["kind"] == "key_result").sum())
            pids = mine.loc[mine["kind"] == "initiative", "id"]
            row["initiatives"] = len(pids)
            budgets = [ini.at[p, "budget"] for p in pids if p in ini.index]
            row["budget"] = float(sum(b for b in budgets if not is_missing(b)))
            rows.append(row)
        cols = [
            "plan_item_id",
            "name_th",
            *self.members,
            "supporters",
            "krs",
            "initiatives",
            "budget",
        ]
        return pd.DataFrame(rows, columns=cols)

    @cached_property
    def shared_plan_items(self) -> pd.DataFrame:
        """Items of national plans (not a provincial or cluster plan) that the objectives of
        two members or more reach: ``plan_item_id, name_th, plan_kind_th, provinces,
        names_th``, most shared first."""
        ch = self.chains
        ch = ch[(ch["kind"] == "objective") & ~ch["plan_kind"].isin(_LOCAL_KINDS)]
        rows = []
        for (iid, name, kind), g in ch.groupby(["plan_item_id", "plan_item_th", "plan_kind"]):
            codes = sorted(set(g["province_code"]))
            if len(codes) >= 2:
                rows.append(
                    {
                        "plan_item_id": iid,
                        "name_th": name,
                        "plan_kind_th": reference.code_label("plan_kind", kind),
                        "provinces": len(codes),
                        "names_th": ", ".join(reference.province_name(c) for c in codes),
                    }
                )
        df = pd.DataFrame(
            rows, columns=["plan_item_id", "name_th", "plan_kind_th", "provinces", "names_th"]
        )
        return df.sort_values(["provinces", "plan_item_id"], ascending=[False, True]).reset_index(
            drop=True
        )

    @cached_property
    def shared_krs(self) -> pd.DataFrame:
        """Key results that two members or more have set with the same title:
        ``title_th, provinces, detail`` (each member's progress, in Thai)."""
        kp = self.kr_progress
        kp = kp[kp["province_code"].isin(self.members)]
        rows = []
        for title, g in kp.groupby("title_th"):
            codes = sorted(set(g["province_code"]))
            if len(codes) < 2:
                continue
            parts = []
            for c in codes:
                v = g.loc[g["province_code"] == c, "progress_clipped"].mean()
                shown = NO_DATA_TH if is_missing(v) else format_percent(v, thai=True)
                parts.append(f"{reference.province_name(c)} {shown}")
            rows.append({"title_th": title, "provinces": len(codes), "detail": "; ".join(parts)})
        df = pd.DataFrame(rows, columns=["title_th", "provinces", "detail"])
        return df.sort_values(["provinces", "title_th"], ascending=[False, True]).reset_index(
            drop=True
        )

    @cached_property
    def joint_work(self) -> pd.DataFrame:
        """Key results and projects carried by units of two member provinces or more:
        ``kind_th, id, title_th, names_th``."""
        units = self.ws["units"]
        unit_prov = {
            str(u): str(p)
            for u, p in zip(units["id"], units["province_code"], strict=True)
            if not is_missing(p)
        }
        kp = self.kr_progress.set_index("key_result_id")
        krs = self.ws["key_results"].set_index("id")
        kr_prov: dict[str, set[str]] = {}
        for k in krs.index:
            p = kp["province_code"].get(k)
            kr_prov[k] = {str(p)} if not is_missing(p) else set()
            owner = krs.at[k, "owner_unit_id"]
            if not is_missing(owner) and str(owner) in unit_prov:
                kr_prov[k].add(unit_prov[str(owner)])
        for k, u in zip(
            self.ws["kr_units"]["key_result_id"], self.ws["kr_units"]["unit_id"], strict=True
        ):
            if k in kr_prov and str(u) in unit_prov:
                kr_prov[k].add(unit_prov[str(u)])
        ini = self.ws["initiatives"]
        ini_prov: dict[str, set[str]] = {}
        for i, p, owner in zip(ini["id"], ini["province_code"], ini["owner_unit_id"], strict=True):
            s = {str(p)} if not is_missing(p) else set()
            if not is_missing(owner) and str(owner) in unit_prov:
                s.add(unit_prov[str(owner)])
            ini_prov[i] = s
        for i, k in zip(
            self.ws["initiative_krs"]["initiative_id"],
            self.ws["initiative_krs"]["key_result_id"],
            strict=True,
        ):
            if i in ini_prov:
                ini_prov[i] |= kr_prov.get(k, set())
        members = set(self.members)
        rows = []
        names = dict(zip(ini["id"], ini["name_th"], strict=True))
        for kind_th, table, titles in (
            ("ผลลัพธ์หลัก", kr_prov, krs["title_th"].to_dict()),
            ("โครงการ", ini_prov, names),
        ):
            for key, provs in table.items():
                mine = provs & members
                if len(mine) >= 2:
                    rows.append(
                        {
                            "kind_th": kind_th,
                            "id": key,
                            "title_th": titles.get(key),
                            "names_th": ", ".join(
                                reference.province_name(c) for c in sorted(provs)
                            ),
                        }
                    )
        return pd.DataFrame(rows, columns=["kind_th", "id", "title_th", "names_th"])

    # ------------------------------------------------------------------ gaps
    @cached_property
    def province_reports(self) -> dict[str, ProvinceReport]:
        """The members' province reports (their findings feed the recurring gaps)."""
        return {
            c: ProvinceReport.build(self.ws.for_province(c), c, self.as_of, graph=self.graph)
            for c in self.members
        }

    @cached_property
    def findings_frame(self) -> pd.DataFrame:
        """:func:`kpyj_lib.documents.national.findings_of` the members' reports."""
        return findings_of(self.province_reports)

    @cached_property
    def recurring_findings(self) -> pd.DataFrame:
        """The findings two members or more share
        (:func:`kpyj_lib.documents.national.recurring_table`)."""
        with_plan = {m["province_code"] for m in self.member_rows if m["objectives"] > 0}
        return recurring_table(self.findings_frame, with_plan, everyone_th="ทุกจังหวัดในกลุ่มที่มีแผน")

    def gaps(self) -> list[Finding]:
        """The cluster's gaps, each computed by a rule from the figures above."""
        out: list[Finding] = []
        ms = self.member_rows

        def names(rows: Iterable[dict[str, Any]]) -> str:
            return ", ".join(r["name_th"] for r in rows)

        no_plan = [m for m in ms if m["objectives"] == 0]
        if no_plan:
            out.append(
                Finding(
                    "data",
                    f"จังหวัดสมาชิกที่ยังไม่มีแผนของ กพยจ. ในระบบ: {names(no_plan)}",
                    "ประสานสำนักงานยุติธรรมจังหวัดให้กำหนดวัตถุประสงค์และผลลัพธ์หลัก",
                    "high",
                    tuple(m["province_code"] for m in no_plan),
                )
            )
        silent = [m for m in ms if m["objectives"] > 0 and not m["has_data"]]
        if silent:
            out.append(
                Finding(
                    "progress",
                    f"จังหวัดสมาชิกที่ยังไม่มีการรายงานผลความก้าวหน้า: {names(silent)}",
                    "ติดตามให้หน่วยงานเจ้าของผลลัพธ์หลักรายงานผลก่อนสิ้นรอบการติดตาม",
                    "high",
                    tuple(m["province_code"] for m in silent),
                )
            )
        off = [m for m in ms if m["status"] == "off_track"]
        if off:
            out.append(
                Finding(
                    "progress",
                    "จังหวัดสมาชิกที่ล่าช้ากว่าแผน: "
                    + ", ".join(
                        f"{m['name_th']} ({format_percent(m['progress'], thai=True)})" for m in off
                    ),
                    "ให้ที่ประชุมกลุ่มจังหวัดทบทวนวิธีการและทรัพยากรร่วมกับจังหวัดที่ล่าช้า",
                    "high",
                    tuple(m["province_code"] for m in off),
                )
            )
        if self.cluster_plans.empty:
            out.append(
                Finding(
                    "alignment",
                    "ยังไม่มีแผนพัฒนากลุ่มจังหวัดและประเด็นการพัฒนาในระบบ",
                    "บันทึกแผนพัฒนากลุ่มจังหวัดและประเด็นการพัฒนา เพื่อให้จังหวัดสมาชิกเชื่อมโยงวัตถุประสงค์ได้",
                    "medium",
                )
            )
        else:
            pi = self.plan_items
            alone = pi[pi["supporters"] == ""]
            if len(alone):
                out.append(
                    Finding(
                        "alignment",
                        "ประเด็นของแผนพัฒนากลุ่มจังหวัดที่ยังไม่มีวัตถุประสงค์ของจังหวัดสมาชิกใดรองรับ: "
                        + "; ".join(alone["name_th"]),
                        "มอบหมายจังหวัดสมาชิกกำหนดวัตถุประสงค์หรือโครงการร่วมที่สนับสนุนประเด็นนี้",
                        "medium",
                        tuple(alone["plan_item_id"]),
                    )
                )
            cols = [m["province_code"] for m in ms]
            unlinked = [
                m for m in ms if m["objectives"] > 0 and int(pi[m["province_code"]].sum()) == 0
            ]
            if cols and unlinked:
                out.append(
                    Finding(
                        "alignment",
                        f"จังหวัดสมาชิกที่ยังไม่มีวัตถุประสงค์เชื่อมโยงกับแผนพัฒนากลุ่มจังหวัด: {names(unlinked)}",
                        "ทบทวนความเชื่อมโยงของวัตถุประสงค์กับประเด็นการพัฒนาของกลุ่มจังหวัด",
                        "medium",
                        tuple(m["province_code"] for m in unlinked),
                    )
                )
        if self.joint_work.empty and sum(m["objectives"] > 0 for m in ms) >= 2:
            hint = (
                f" เช่น ผลลัพธ์หลักที่จังหวัดสมาชิกตั้งไว้เหมือนกัน {format_number(len(self.shared_krs))} รายการ"
                if len(self.shared_krs)
                else ""
            )
            out.append(
                Finding(
                    "collaboration",
                    "ยังไม่มีผลลัพธ์หลักหรือโครงการที่หน่วยงานของจังหวัดสมาชิกตั้งแต่ 2 จังหวัดดำเนินการร่วมกัน",
                    f"พิจารณากำหนดผลลัพธ์หลักหรือโครงการร่วมของกลุ่มจังหวัด{hint}",
                    "low",
                )
            )
        return out

    def headline(self) -> dict[str, Any]:
        """Headline figures for ``summary.json`` (JSON-friendly)."""
        t = self.totals

        def pct(v: Any) -> float | None:
            return None if is_missing(v) else round(float(v) * 100, 1)

        return {
            "cluster": self.cluster_id,
            "name_th": self.name_th,
            "provinces": len(self.members),
            "provinces_with_data": int(t["provinces_with_data"]),
            "objectives": int(t["objectives"]),
            "key_results": int(t["krs"]),
            "progress_pct": pct(t["progress"]),
            "expected_pct": pct(t["expected"]),
            "status_th": t["status_th"],
            "krs_behind": int(t["behind"]),
            "budget": None if is_missing(t["budget"]) else float(t["budget"]),
            "gaps": len(self.gaps()),
            "round": self.round_no or None,
            "sample": self.sample,
        }
