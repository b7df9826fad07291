"""What the per-province analysis report says: sections, findings and headline figures.

Everything the report shows is computed here from the analyses, so the notebook stays a
list of calls and the same content can be produced without a notebook (the benchmark's
floor). Findings and recommendations are rules over the analyses' results — never free
text. This module holds no HTML and draws no chart: ``render/templates/province.html.j2``
lays the sections out (one macro per key of :data:`SECTIONS`) and draws the charts from the
frames kept here; :func:`kpyj_lib.publish.open_document` reads the store.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> rep = ProvinceReport.build(tiny_workspace(), "83", as_of="2022-03-31")
>>> rep.profile["name_th"], rep.kind, rep.sample
('ภูเก็ต', 'province', True)
>>> rep.headline()["objectives"]
2
>>> all(f.text_th for f in rep.findings())
True
>>> [s.key for s in rep.sections][:3]
['profile', 'plan', 'alignment']
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import networkx as nx
import pandas as pd

from .. import analysis as an
from .. import reference
from ..calendar import format_fiscal_year, format_thai_date, is_on_time
from ..graph import build_graph, province_subgraph
from ..text import format_percent
from ..workspace import Workspace
from .base import SectionInfo

__all__ = ["SECTIONS", "SEVERITY_TH", "Finding", "ProvinceReport"]

#: The report's sections in order.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("profile", "ข้อมูลจังหวัด", "Province profile"),
    SectionInfo("plan", "แผนบนหน้าเดียว", "Plan on a page"),
    SectionInfo("alignment", "ความสอดคล้องกับแผนระดับต่าง ๆ", "Alignment with plans"),
    SectionInfo("progress", "ความก้าวหน้าของผลลัพธ์หลัก", "Key result progress"),
    SectionInfo("rounds", "ความเปลี่ยนแปลงระหว่างรอบการติดตาม", "Round-to-round changes"),
    SectionInfo("kpi", "ตัวชี้วัดตามมิติและระดับ", "KPIs by dimension and level"),
    SectionInfo("pmqa", "หมวด PMQA และหลัก 3 : 1 : 3", "PMQA categories and the 3:1:3 rule"),
    SectionInfo(
        "collaboration",
        "ผลผลิตปลายทางและการทำงานร่วมกันของหน่วยงาน",
        "End products and collaboration",
    ),
    SectionInfo("directives", "สรุปข้อสั่งการ", "Directives summary"),
    SectionInfo("findings", "ข้อค้นพบและข้อเสนอแนะ", "Findings and recommendations"),
)

#: Thai label of each finding severity.
SEVERITY_TH: dict[str, str] = {"high": "สูง", "medium": "กลาง", "low": "ต่ำ"}


@dataclass(frozen=True)
class Finding:
    """One finding with its recommendation, computed from an analysis.

    ``evidence`` lists the ids it rests on; ``severity`` is ``high``, ``medium`` or ``low``.
    """

    topic: str
    text_th: str
    recommendation_th: str
    severity: str = "medium"
    evidence: tuple[str, ...] = ()

    @property
    def severity_th(self) -> str:
        """The Thai label of :attr:`severity` (``"สูง"``, ``"กลาง"``, ``"ต่ำ"``)."""
        return SEVERITY_TH.get(self.severity, self.severity)


@dataclass
class ProvinceReport:
    """Everything one province's report shows, computed once (a
    :class:`~kpyj_lib.documents.base.Document` of kind ``"province"``)."""

    kind: ClassVar[str] = "province"

    ws: Workspace
    province: str
    as_of: dt.date
    graph: nx.MultiDiGraph = field(repr=False)

    @classmethod
    def build(
        cls,
        ws: Workspace,
        province: str,
        as_of: dt.date | str | None = None,
        graph: nx.MultiDiGraph | None = None,
    ) -> ProvinceReport:
        """Compute the report of ``province`` (a 2-digit code, validated)."""
        code = reference.check_province(province)
        if as_of in (None, ""):
            as_of = an.default_as_of(ws)
        elif isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        return cls(
            ws=ws, province=code, as_of=as_of, graph=graph if graph is not None else build_graph(ws)
        )

    # ------------------------------------------------------------------ document
    @property
    def title_th(self) -> str:
        """The report's title: ``"รายงานวิเคราะห์การขับเคลื่อน กพยจ. จังหวัดภูเก็ต"``."""
        return f"รายงานวิเคราะห์การขับเคลื่อน กพยจ. จังหวัด{self.profile['name_th']}"

    @property
    def sample(self) -> bool:
        """Built from sample data (the report says so on its first lines)."""
        return bool(self.ws.is_sample)

    @property
    def sections(self) -> tuple[SectionInfo, ...]:
        """:data:`SECTIONS`."""
        return SECTIONS

    # ------------------------------------------------------------------ data
    @cached_property
    def subgraph(self) -> nx.MultiDiGraph:
        return province_subgraph(self.graph, self.province)

    @cached_property
    def profile(self) -> dict[str, Any]:
        """Names, region, cluster and driving group of the province."""
        prov = self.ws["provinces"].set_index("code").loc[self.province]
        cluster = reference.cluster_of(self.province)
        clusters = self.ws["clusters"].set_index("id")
        groups = self.ws["province_groups"]
        g = groups.loc[groups["province_code"] == self.province, "group"]
        group = int(g.iloc[0]) if len(g) else None
        group_th = {
            1: "กลุ่มที่ 1 จังหวัดนำร่อง",
            2: "กลุ่มที่ 2 ศูนย์ปฏิบัติการของกลุ่มจังหวัด",
            3: "กลุ่มที่ 3 สำนักงานยุติธรรมจังหวัดอื่น",
        }
        return {
            "code": self.province,
            "name_th": prov["name_th"],
            "name_en": prov["name_en"],
            "region_th": prov.get("region_th"),
            "cluster_id": cluster,
            "cluster_th": clusters.loc[cluster, "name_th"] if cluster in clusters.index else None,
            "group": group,
            "group_th": group_th.get(group, "ไม่ได้ระบุกลุ่ม (no group recorded)"),
            "fiscal_year_th": format_fiscal_year(self.ws.fiscal_year),
            "as_of_th": format_thai_date(self.as_of),
        }

    @cached_property
    def objectives(self) -> pd.DataFrame:
        o = self.ws["objectives"]
        return o[o["province_code"] == self.province].reset_index(drop=True)

    @cached_property
    def key_results(self) -> pd.DataFrame:
        k = self.ws["key_results"]
        return k[k["objective_id"].isin(self.objectives["id"])].reset_index(drop=True)

    @cached_property
    def initiatives(self) -> pd.DataFrame:
        i = self.ws["initiatives"]
        return i[i["province_code"] == self.province].reset_index(drop=True)

    @cached_property
    def baseline(self) -> pd.DataFrame:
        b = self.ws["baseline_indicators"]
        return b[b["province_code"] == self.province].sort_values(["name_th", "year"])

    @cached_property
    def progress(self) -> pd.DataFrame:
        kp = an.kr_progress(self.ws, self.as_of)
        return kp[kp["key_result_id"].isin(self.key_results["id"])].reset_index(drop=True)

    @cached_property
    def history(self) -> pd.DataFrame:
        h = an.kr_history(self.ws)
        h = h[h["key_result_id"].isin(self.key_results["id"])]
        return h[[d <= self.as_of for d in h["date"]]].reset_index(drop=True)

    @cached_property
    def objective_progress(self) -> pd.DataFrame:
        # the province's KRs are all its objectives have: reuse their progress
        r = an.rollup(self.ws, "objective", progress=self.progress)
        return r[r["province_code"] == self.province].reset_index(drop=True)

    @cached_property
    def province_progress(self) -> dict[str, Any]:
        o = self.objective_progress
        prog = float(o["progress"].mean()) if o["progress"].notna().any() else float("nan")
        exp = float(o["expected"].mean()) if o["expected"].notna().any() else 0.0
        status = an.status_of(prog, exp)
        return {
            "progress": prog,
            "expected": exp,
            "status": status,
            "status_th": an.STATUS_LABELS[status][0],
        }

    @cached_property
    def round_changes(self) -> pd.DataFrame | None:
        """Each KR of the province between the last two follow-up rounds ended by
        :attr:`as_of` (:func:`kpyj_lib.analysis.rounds.comparison_at`, with
        ``status_before_th``); ``None`` before round 1 has ended."""
        from ..analysis.rounds import comparison_at

        c = comparison_at(self.ws, self.as_of)
        if c is None:
            return None
        attrs = dict(c.attrs)
        c = c[c["key_result_id"].isin(self.key_results["id"])].reset_index(drop=True)
        c.attrs.update(attrs)
        c["status_before_th"] = [an.STATUS_LABELS[s][0] for s in c["status_before"]]
        return c

    @cached_property
    def plan_on_a_page(self) -> pd.DataFrame:
        """Objective → KR → projects (with budgets), one row per KR."""
        ik = self.ws["initiative_krs"]
        ini = self.ws["initiatives"].set_index("id")
        rows = []
        for o in self.objectives.itertuples(index=False):
            krs = self.key_results[self.key_results["objective_id"] == o.id]
            if krs.empty:
                rows.append(
                    {
                        "objective": o.title_th,
                        "key_result": "–",
                        "target": "",
                        "projects": "",
                        "budget": 0.0,
                    }
                )
            for kr in krs.itertuples(index=False):
                pids = ik.loc[ik["key_result_id"] == kr.id, "initiative_id"]
                pids = [p for p in pids if p in ini.index]
                rows.append(
                    {
                        "objective": o.title_th,
                        "key_result": kr.title_th,
                        "target": f"{kr.baseline:g} → {kr.target:g} {kr.unit_of_measure}",
                        "projects": "; ".join(str(ini.at[p, "name_th"]) for p in pids),
                        "budget": float(
                            sum(
                                ini.at[p, "budget"] or 0
                                for p in pids
                                if pd.notna(ini.at[p, "budget"])
                            )
                        ),
                    }
                )
        return pd.DataFrame(
            rows, columns=["objective", "key_result", "target", "projects", "budget"]
        )

    @cached_property
    def coverage(self) -> pd.Series:
        cov = an.alignment_coverage(self.graph)
        if self.province in cov.index:
            return cov.loc[self.province]
        return pd.Series({"n": 0, "any": float("nan"), **{k: float("nan") for k in an.PLAN_LEVELS}})

    @cached_property
    def coverage_levels(self) -> list[tuple[str, float]]:
        """(Thai plan level, share of objectives reaching it) for each of
        :data:`kpyj_lib.analysis.PLAN_LEVELS`, in order."""
        cov = self.coverage
        return [(reference.code_label("plan_kind", lv), cov.get(lv)) for lv in an.PLAN_LEVELS]

    @cached_property
    def orphans(self) -> pd.DataFrame:
        return an.orphans(self.graph, self.province)

    @cached_property
    def unsupported(self) -> pd.DataFrame:
        return an.unsupported_plan_items(
            self.graph,
            self.province,
            plan_kinds=["provincial_plan", "cluster_plan", "justice_master_plan"],
        )

    @cached_property
    def kpi_matrix(self) -> pd.DataFrame:
        return an.kpi_matrix(self.ws, self.province)

    @cached_property
    def kpi_gaps(self) -> pd.DataFrame:
        return an.kpi_gaps(self.ws, self.province)

    @cached_property
    def pmqa_coverage(self) -> pd.DataFrame:
        return an.pmqa_coverage(self.ws, self.province)

    @cached_property
    def pmqa_balance(self) -> pd.DataFrame:
        return an.pmqa_balance(self.ws, self.province)

    @cached_property
    def pmqa_findings(self) -> list[str]:
        return an.pmqa_findings(self.ws, self.province)

    @cached_property
    def end_products(self) -> pd.DataFrame:
        return an.end_products(self.ws, self.province)

    @cached_property
    def collaboration(self) -> pd.DataFrame:
        return an.collaboration_matrix(self.ws, self.province)

    @cached_property
    def unused_outputs(self) -> pd.DataFrame:
        return an.unused_outputs(self.ws, self.province)

    @cached_property
    def unit_names(self) -> dict[str, str]:
        u = self.ws["units"]
        return dict(zip(u["id"], u["name_th"], strict=True))

    @cached_property
    def directives(self) -> pd.DataFrame:
        """Directives assigned to this province's units, with their reporting record."""
        units = set(self.ws["units"].loc[self.ws["units"]["province_code"] == self.province, "id"])
        du = self.ws["directive_units"]
        du = du[du["unit_id"].isin(units)]
        d = self.ws["directives"].set_index("id")
        reps = self.ws["weekly_reports"]
        rows = []
        for did, g in du.groupby("directive_id"):
            if did not in d.index:
                continue
            r = reps[(reps["directive_id"] == did) & reps["unit_id"].isin(g["unit_id"])]
            on_time = sum(
                is_on_time(s, w) for s, w in zip(r["submitted_at"], r["week_start"], strict=True)
            )
            rows.append(
                {
                    "directive_id": did,
                    "title_th": d.at[did, "title_th"],
                    "level": d.at[did, "level"],
                    "level_th": reference.code_label("directive_level", d.at[did, "level"]),
                    "units": len(g),
                    "reports": len(r),
                    "on_time": on_time,
                    "late": len(r) - on_time,
                }
            )
        cols = [
            "directive_id",
            "title_th",
            "level",
            "level_th",
            "units",
            "reports",
            "on_time",
            "late",
        ]
        return pd.DataFrame(rows, columns=cols)

    @cached_property
    def directives_by_level(self) -> pd.DataFrame:
        """The number of :attr:`directives` of each level (``level_th, n``), by Thai level."""
        return self.directives.groupby("level_th").size().reset_index(name="n")

    @cached_property
    def budget(self) -> dict[str, float]:
        i = self.initiatives
        return {
            "budget": float(i["budget"].fillna(0).sum()),
            "spent": float(i["budget_spent"].fillna(0).sum()),
        }

    # ------------------------------------------------------------------ findings
    def findings(self) -> list[Finding]:
        """Findings and recommendations, each computed from one analysis result."""
        return list(self._findings)

    @cached_property
    def _findings(self) -> tuple[Finding, ...]:
        return tuple(self._compute_findings())

    def _compute_findings(self) -> list[Finding]:
        out: list[Finding] = []
        if self.objectives.empty:
            return [
                Finding(
                    "data",
                    "ยังไม่มีวัตถุประสงค์ของจังหวัดในปีงบประมาณนี้",
                    "จัดประชุมเชิงปฏิบัติการเพื่อกำหนดวัตถุประสงค์และผลลัพธ์หลัก",
                    "high",
                )
            ]
        orph = self.orphans
        for problem, topic, rec in (
            (
                "not_aligned",
                "alignment",
                "ระบุความสอดคล้องกับประเด็นการพัฒนาของแผนพัฒนาจังหวัด/กลุ่มจังหวัด และแผนแม่บทฯ",
            ),
            ("no_objective", "alignment", "ผูกผลลัพธ์หลักเข้ากับวัตถุประสงค์ที่วัดผล"),
            (
                "delivers_nothing",
                "alignment",
                "ระบุว่าโครงการส่งผลต่อผลลัพธ์หลักใด หรือทบทวนความจำเป็นของโครงการ",
            ),
        ):
            sel = orph[orph["problem"] == problem]
            if len(sel):
                names = ", ".join(
                    f"{i} ({t})" for i, t in zip(sel["id"], sel["label_th"], strict=True)
                )
                out.append(
                    Finding(
                        topic,
                        f"{sel['problem_th'].iloc[0]}: {names}",
                        rec,
                        "high",
                        tuple(sel["id"]),
                    )
                )
        unowned = self.end_products[self.end_products["classification"] == "unowned"]
        if len(unowned):
            out.append(
                Finding(
                    "ownership",
                    "ผลลัพธ์หลักที่ยังไม่มีหน่วยงานรับผิดชอบ: " + ", ".join(unowned["key_result_id"]),
                    "มอบหมายหน่วยงานเจ้าของและหน่วยงานร่วม",
                    "high",
                    tuple(unowned["key_result_id"]),
                )
            )
        p = self.progress
        off = p[p["status"] == "off_track"]
        if len(off):
            parts = [
                f"{k} (ทำได้ {format_percent(a)} จากที่ควรได้ {format_percent(e)})"
                for k, a, e in zip(
                    off["key_result_id"], off["progress_clipped"], off["expected"], strict=True
                )
            ]
            out.append(
                Finding(
                    "progress",
                    "ผลลัพธ์หลักที่ล่าช้ากว่าแผน: " + ", ".join(parts),
                    "ทบทวนวิธีการ (How) และทรัพยากรของผลลัพธ์หลักที่ล่าช้า ในการประชุม กพยจ. ครั้งถัดไป",
                    "high",
                    tuple(off["key_result_id"]),
                )
            )
        risk = p[p["status"] == "at_risk"]
        if len(risk):
            out.append(
                Finding(
                    "progress",
                    "ผลลัพธ์หลักที่มีความเสี่ยง: " + ", ".join(risk["key_result_id"]),
                    "ติดตามใกล้ชิดและรายงานความก้าวหน้าทุกเดือน",
                    "medium",
                    tuple(risk["key_result_id"]),
                )
            )
        nodata = p[p["status"] == "no_data"]
        if len(nodata):
            out.append(
                Finding(
                    "progress",
                    "ผลลัพธ์หลักที่ยังไม่มีการรายงานความก้าวหน้า: " + ", ".join(nodata["key_result_id"]),
                    "ให้หน่วยงานเจ้าของรายงานค่าที่วัดได้อย่างน้อยเดือนละครั้ง",
                    "medium",
                    tuple(nodata["key_result_id"]),
                )
            )
        if len(self.unused_outputs):
            uo = self.unused_outputs
            out.append(
                Finding(
                    "flows",
                    "ผลผลิตที่ยังไม่มีหน่วยงานใดนำไปใช้: "
                    + "; ".join(
                        f"{pr} ({u})" for pr, u in zip(uo["product_th"], uo["unit_th"], strict=True)
                    ),
                    "ตั้งคำถาม 'output ของเราเป็น input ของใคร' และหาผู้ใช้ผลผลิต หรือทบทวนการผลิต",
                    "medium",
                    tuple(uo["flow_id"]),
                )
            )
        for text in self.pmqa_findings:
            out.append(
                Finding(
                    "pmqa",
                    text,
                    "เพิ่มวัตถุประสงค์หรือผลลัพธ์หลักที่ขับเคลื่อนผ่านหมวดนี้ ตามหลัก 3 : 1 : 3",
                    "medium",
                )
            )
        if len(self.kpi_gaps):
            dims = sorted(set(self.kpi_gaps["dimension_th"]))
            out.append(
                Finding(
                    "kpi",
                    f"ตัวชี้วัดยังไม่ครบ {len(self.kpi_gaps)} ช่องจาก 16 ช่อง (มิติ × ระดับ) ได้แก่มิติ: "
                    + ", ".join(dims),
                    "กำหนดตัวชี้วัดให้ครบทุกมิติและทุกระดับ (หน่วยงาน สำนัก/กอง กลุ่มงาน บุคคล)",
                    "low",
                )
            )
        un = self.unsupported[self.unsupported["plan_kind"] == "provincial_plan"]
        if len(un):
            out.append(
                Finding(
                    "alignment",
                    "ประเด็นของแผนพัฒนาจังหวัดที่ยังไม่มีวัตถุประสงค์/โครงการรองรับ: "
                    + ", ".join(
                        f"{i} ({t})"
                        for i, t in zip(un["plan_item_id"], un["label_th"], strict=True)
                    ),
                    "พิจารณากำหนดวัตถุประสงค์หรือโครงการที่สนับสนุนประเด็นนี้",
                    "medium",
                    tuple(un["plan_item_id"]),
                )
            )
        if self.budget["budget"] > 0:
            rate = self.budget["spent"] / self.budget["budget"]
            expected = self.province_progress["expected"]
            if expected and rate < expected * 0.7:
                out.append(
                    Finding(
                        "budget",
                        f"เบิกจ่ายงบประมาณแล้ว {format_percent(rate)} "
                        f"ต่ำกว่าความก้าวหน้าตามเวลา {format_percent(expected)}",
                        "เร่งรัดการเบิกจ่ายของโครงการที่ล่าช้า",
                        "medium",
                    )
                )
        late = int(self.directives["late"].sum()) if len(self.directives) else 0
        if late:
            out.append(
                Finding(
                    "directives",
                    f"รายงานข้อสั่งการส่งหลังกำหนดวันศุกร์ 16.00 น. จำนวน {late} ฉบับ",
                    "วางระบบเตือนการรายงานก่อนวันศุกร์",
                    "low",
                )
            )
        return out

    def headline(self) -> dict[str, Any]:
        """Headline figures for the index page (JSON-friendly)."""
        pp = self.province_progress
        return {
            "province": self.province,
            "name_th": self.profile["name_th"],
            "objectives": len(self.objectives),
            "key_results": len(self.key_results),
            "progress_pct": None if math.isnan(pp["progress"]) else round(pp["progress"] * 100, 1),
            "expected_pct": round(pp["expected"] * 100, 1),
            "status": pp["status"],
            "status_th": pp["status_th"],
            "orphans": len(self.orphans),
            "findings": len(self.findings()),
            "budget": self.budget["budget"],
            "sample": bool(self.ws.is_sample),
        }
