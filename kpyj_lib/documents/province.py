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
['profile', 'plan', 'projects']
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
from ..analysis.directives import level_as_of
from ..analysis.groups import GROUP_LABELS
from ..analysis.measure import MEASURE_TYPE_NOTE, measure_type_label, province_key_results
from ..calendar import format_fiscal_year, format_thai_date, is_on_time
from ..graph import build_graph, province_subgraph
from ..reference.citations import cite
from ..text import DASH, format_baht, format_number, format_percent, is_missing
from ..workspace import Workspace
from ._plans import code_th, day
from .base import Block, SectionInfo
from .data_date import stale_blocks
from .findings import RankedFindings, rank_findings
from .official import END_PRODUCT_GLOSS, PRIORITY_TH, check_lang, priority_label

__all__ = [
    "KPI_GAP_GROUP_TH",
    "PMQA_GROUP_TH",
    "SECTIONS",
    "SEVERITY_TH",
    "Finding",
    "ProvinceReport",
]

#: The report's sections in order.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("profile", "ข้อมูลจังหวัด", "Province profile"),
    SectionInfo("plan", "แผนบนหน้าเดียว", "Plan on a page"),
    SectionInfo("projects", "โครงการ/กิจกรรม งบประมาณและผลผลิต", "Projects"),  # issue 17
    SectionInfo("alignment", "ความสอดคล้องกับแผนระดับต่าง ๆ", "Alignment with plans"),
    SectionInfo("progress", "ความก้าวหน้าของผลลัพธ์หลัก", "Key result progress"),
    SectionInfo("rounds", "ความเปลี่ยนแปลงระหว่างรอบการติดตาม", "Round-to-round changes"),
    SectionInfo("kpi", "ตัวชี้วัดตามมิติและระดับ", "KPIs by dimension and level"),
    SectionInfo("pmqa", "หมวด PMQA ตามหลักคิด 3 : 1 : 3", "PMQA categories and the 3 : 1 : 3 rule"),
    SectionInfo(
        "collaboration", "End Product และการทำงานร่วมกันของหน่วยงาน", "End Products and collaboration"
    ),
    SectionInfo("directives", "สรุปข้อสั่งการ", "Directives summary"),
    SectionInfo("findings", "ข้อค้นพบและข้อเสนอแนะ", "Findings and recommendations"),
    SectionInfo("appendix", "ภาคผนวก: รายการทั้งหมด", "Appendix: full lists"),  # issue 17
)

#: The one line the PMQA 3 : 1 : 3 findings are folded into (issue 17).
PMQA_GROUP_TH = "วัตถุประสงค์ที่หมวด PMQA ยังไม่ครบตามหลักคิด 3 : 1 : 3"
#: The one line the empty dimension × level cells of the KPI grid are folded into.
KPI_GAP_GROUP_TH = "ช่องมิติ × ระดับที่ยังไม่มีตัวชี้วัด"

#: Thai label of each finding severity (ระดับความสำคัญ).
SEVERITY_TH: dict[str, str] = PRIORITY_TH


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
    #: Findings with the same ``group_th`` are one line in :func:`~kpyj_lib.documents.
    #: findings.rank_findings` (``""``: never folded); ``item_th`` names this one in it.
    group_th: str = ""
    item_th: str = ""

    @property
    def severity_th(self) -> str:
        """The Thai label of :attr:`severity` (``"สูง"``, ``"ปานกลาง"``, ``"ต่ำ"``)."""
        return SEVERITY_TH.get(self.severity, self.severity)

    @property
    def priority_th(self) -> str:
        """``"ระดับความสำคัญ: สูง"`` (as an official writes a finding's priority)."""
        return priority_label(self.severity)


@dataclass
class ProvinceReport:
    """Everything one province's report shows, computed once (a
    :class:`~kpyj_lib.documents.base.Document` of kind ``"province"``)."""

    kind: ClassVar[str] = "province"

    ws: Workspace
    province: str
    as_of: dt.date
    graph: nx.MultiDiGraph = field(repr=False)
    #: ``"th"`` (Thai only, the default) or ``"th-en"`` (with English glosses).
    lang: str = "th"
    #: the date of the data, its reason and staleness (issue 17; computed when not given)
    data_date: an.DataDate | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.data_date is None:
            self.data_date = an.data_date(self.ws, self.as_of, self.key_results["id"])

    @classmethod
    def build(
        cls,
        ws: Workspace,
        province: str,
        as_of: dt.date | str | None = None,
        graph: nx.MultiDiGraph | None = None,
        *,
        lang: str = "th",
    ) -> ProvinceReport:
        """Compute the report of ``province`` (a 2-digit code, validated)."""
        code = reference.check_province(province)
        ids = province_key_results(ws, [code])
        # issue 17: no date given -> the latest check-in of the province, and say so
        info = an.data_date(ws, as_of if as_of not in (None, "") else None, ids)
        return cls(
            ws=ws,
            province=code,
            as_of=info.as_of,
            graph=graph if graph is not None else build_graph(ws),
            lang=check_lang(lang),
            data_date=info,
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

    @property
    def notices(self) -> list[Block]:
        """The stale-data warning under the title, when the latest check-in of the province
        is a quarter or more older than :attr:`as_of` (issue 17)."""
        return stale_blocks(self.data_date)

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
        group = an.recorded_groups(self.ws).get(self.province)
        centre = reference.is_operating_centre(self.province)
        return {
            "code": self.province,
            "name_th": prov["name_th"],
            "name_en": prov["name_en"],
            "region_th": prov.get("region_th"),
            "cluster_id": cluster,
            "cluster_th": clusters.loc[cluster, "name_th"] if cluster in clusters.index else None,
            "group": group,
            "group_th": GROUP_LABELS.get(group, "ยังไม่ได้บันทึกกลุ่มการขับเคลื่อน"),
            "model_province": reference.is_model_province(self.province),
            "model_province_th": (
                f"เป็นจังหวัดต้นแบบของตัวแบบ (Model) การขับเคลื่อน กพยจ. ({cite('model_2564')})"
                if reference.is_model_province(self.province)
                else "ไม่เป็นจังหวัดต้นแบบ"
            ),
            "operating_centre": centre,
            "operating_centre_th": (
                "เป็นจังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (ตามข้อมูลอ้างอิงที่ยังไม่ได้ยืนยัน)"
                if centre
                else "ไม่เป็นจังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (ตามข้อมูลอ้างอิงที่ยังไม่ได้ยืนยัน)"
            ),
            "fiscal_year_th": format_fiscal_year(self.ws.fiscal_year),
            "as_of_th": format_thai_date(self.as_of),
            "data_date_th": self.data_date.text_th,  # issue 17: the date and why
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
        kp = kp[kp["key_result_id"].isin(self.key_results["id"])].reset_index(drop=True)
        kp["measure_label"] = [  # issue 17: the measure type used, marked when not declared
            measure_type_label(t, src)
            + ("" if is_missing(p) else f" คาดการณ์ทั้งปี {format_number(_whole(p))}")
            for t, src, p in zip(
                kp["measure_type"], kp["measure_source"], kp["projection"], strict=True
            )
        ]
        return kp

    @property
    def measure_note(self) -> str:
        """What the marks of the progress table's «ลักษณะการวัด» column mean (issue 17);
        empty when every KR declares a level measure."""
        kp = self.progress
        plain = (kp["measure_source"] == "declared") & (kp["measure_type"] == "level")
        return "" if bool(plain.all()) else MEASURE_TYPE_NOTE

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
        """Objective → KR → projects, one row per KR; each project's budget counted once.

        A project that delivers several KRs is listed on each of their rows, but its budget
        is in the ``budget`` column of the first row only (later rows say so), so the column
        adds up to the budget of the projects on the page (:attr:`plan_budget_total`).
        """
        ik = self.ws["initiative_krs"]
        ini = self.ws["initiatives"].set_index("id")
        seen: set[str] = set()
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
                pids = list(dict.fromkeys(p for p in pids if p in ini.index))
                new = [p for p in pids if p not in seen]
                seen.update(new)
                names = [
                    str(ini.at[p, "name_th"]) + ("" if p in new else " (งบประมาณนับไว้ในแถวก่อนหน้า)")
                    for p in pids
                ]
                rows.append(
                    {
                        "objective": o.title_th,
                        "key_result": kr.title_th,
                        "target": (
                            f"{format_number(kr.baseline)} → {format_number(kr.target)} "
                            f"{kr.unit_of_measure}"
                        ),
                        "projects": "; ".join(names),
                        "budget": float(
                            sum(ini.at[p, "budget"] for p in new if pd.notna(ini.at[p, "budget"]))
                        ),
                    }
                )
        return pd.DataFrame(
            rows, columns=["objective", "key_result", "target", "projects", "budget"]
        )

    @property
    def plan_budget_total(self) -> float:
        """The sum of :attr:`plan_on_a_page`'s budget column: each project once."""
        return float(self.plan_on_a_page["budget"].sum())

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
    def plan_versions(self) -> pd.DataFrame:
        """The plans that concern the province — national plans (reference or workbook), its
        cluster's and its own — with their status in the year."""
        v = an.plan_versions(self.ws)
        plans = self.ws["plans"].set_index("id")
        cluster = reference.cluster_of(self.province)

        def concerns(pid: str) -> bool:
            prov, clus = plans.at[pid, "province_code"], plans.at[pid, "cluster_id"]
            if pd.isna(prov) and pd.isna(clus):
                return True  # a national plan
            return prov == self.province or (not pd.isna(clus) and clus == cluster)

        mine = [pid for pid in v["id"] if concerns(pid)]
        return v[v["id"].isin(mine)].reset_index(drop=True)

    @cached_property
    def not_in_force(self) -> pd.DataFrame:
        """The province's alignments to plans not in force in the year (a finding)."""
        return an.alignments_not_in_force(self.ws, self.province)

    @cached_property
    def unsupported(self) -> pd.DataFrame:
        """Items of the plans in force this year (provincial, cluster, Justice Master Plan,
        crime prevention) that none of the province's objectives, KRs or projects supports."""
        un = an.unsupported_plan_items(
            self.graph,
            self.province,
            plan_kinds=[
                "provincial_plan",
                "cluster_plan",
                "justice_master_plan",
                "crime_prevention",
            ],
        )
        in_force = set(self.plan_versions.loc[self.plan_versions["status"] == "in_force", "id"])
        return un[un["plan_id"].isin(in_force)].reset_index(drop=True)

    @cached_property
    def crime_prevention(self) -> pd.DataFrame:
        """The workbook's crime-prevention dimensions and what of the province supports each
        (``supported_th``: มี / ไม่มี)."""
        cp = an.crime_prevention_coverage(self.graph, self.province)
        cp["supported_th"] = ["มี" if v else "ไม่มี" for v in cp["supported"]]
        return cp

    @cached_property
    def kpi_grid(self) -> pd.DataFrame:
        """:attr:`kpi_matrix` with Thai labels, as a table (``มิติ`` then one column per level)."""
        m = an.kpi_matrix(self.ws, self.province, thai=True)
        return m.reset_index().rename(columns={"มิติ": "dimension_th"})

    @property
    def kpi_grid_columns(self) -> list[tuple[str, str, str]]:
        """(column, header, format) of the level columns of :attr:`kpi_grid`."""
        return [(str(c), str(c), "num") for c in self.kpi_grid.columns[1:]]

    @property
    def end_product_gloss(self) -> str:
        """«End Product» with its gloss (shown once in the report)."""
        return END_PRODUCT_GLOSS

    @cached_property
    def pmqa_phases(self) -> pd.DataFrame:
        """Per objective, the PMQA categories and phases it works through (3 : 1 : 3)."""
        return an.pmqa_phase_coverage(self.ws, self.province)

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
        """Directives assigned to this province's units, with their reporting record; the
        level is the directive's state in the week of :attr:`as_of`."""
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
            level = level_as_of(self.ws, did, self.as_of) or (
                "completed" if pd.notna(d.at[did, "completed_date"]) else d.at[did, "level"]
            )
            rows.append(
                {
                    "directive_id": did,
                    "title_th": d.at[did, "title_th"],
                    "level": level,
                    "level_th": reference.code_label("directive_level", level),
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

    # ------------------------------------------------------------------ meeting (issue 17)
    @cached_property
    def objectives_table(self) -> pd.DataFrame:
        """The province's objectives with their descriptions as the user wrote them (a
        «ตัวอย่าง» note included; the template escapes the text): ``id, title_th,
        description_th`` (``–`` when there is none)."""
        o = self.objectives
        desc = o["description_th"] if "description_th" in o else pd.Series([None] * len(o))
        return pd.DataFrame(
            {
                "id": o["id"].astype(str),
                "title_th": o["title_th"].astype(str),
                "description_th": [DASH if is_missing(d) else str(d) for d in desc],
            }
        )

    @cached_property
    def projects_table(self) -> pd.DataFrame:
        """One row per project/activity of the province, as a meeting reads it.

        Columns (all text, formatted): ``id, name_th, kind_th, status_th, budget,
        budget_source, spent, spent_share, start, end, serves, outputs``. ``serves`` names
        the KRs (and their objectives) the project delivers; ``outputs`` what its owner
        unit hands on for those KRs (the product of each flow), ``–`` when none is
        recorded. Each project is one row, so its budget is counted once.
        """
        ik = self.ws["initiative_krs"]
        krs = self.key_results.set_index("id")
        flows = self.ws["flows"]
        rows = []
        for i in self.initiatives.itertuples(index=False):
            kr_ids = [
                k for k in dict.fromkeys(ik.loc[ik["initiative_id"] == i.id, "key_result_id"])
            ]
            serves = [
                f"{k} ({krs.at[k, 'objective_id']})" if k in krs.index else str(k) for k in kr_ids
            ]
            f = flows[flows["key_result_id"].isin(kr_ids)]
            if not is_missing(i.owner_unit_id):
                own = f[f["from_unit_id"] == i.owner_unit_id]
                f = own if len(own) else f
            outputs = list(dict.fromkeys(str(p) for p in f["product_th"] if not is_missing(p)))
            budget, spent = i.budget, i.budget_spent
            share = (
                format_percent(float(spent) / float(budget))
                if not is_missing(budget) and not is_missing(spent) and float(budget) > 0
                else DASH
            )
            rows.append(
                {
                    "id": str(i.id),
                    "name_th": str(i.name_th),
                    "kind_th": code_th("initiative_kind", i.kind),
                    "status_th": code_th("initiative_status", i.status),
                    "budget": format_baht(budget),
                    "budget_source": DASH if is_missing(i.budget_source) else str(i.budget_source),
                    "spent": format_baht(spent),
                    "spent_share": share,
                    "start": day(i.start_date),
                    "end": day(i.end_date),
                    "serves": ", ".join(serves) or DASH,
                    "outputs": "; ".join(outputs) or DASH,
                }
            )
        cols = [
            "id", "name_th", "kind_th", "status_th", "budget", "budget_source", "spent",
            "spent_share", "start", "end", "serves", "outputs",
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=cols)

    @cached_property
    def progress_table(self) -> pd.DataFrame:
        """The KR progress table of a meeting: per KR its unit, baseline, target, the latest
        value and the day of that value, the measure type used (and the year-end projection
        of a cumulative KR), progress, expected progress and status, numbers formatted
        («640», never «640.0»). Columns: ``key_result_id, title_th, unit, baseline, target,
        value, value_date, measure_label, progress, expected, status_th``."""
        p = self.progress
        units = self.key_results.set_index("id")["unit_of_measure"]
        rows = []
        for r in p.itertuples(index=False):
            unit = units.get(r.key_result_id)
            rows.append(
                {
                    "key_result_id": str(r.key_result_id),
                    "title_th": str(r.title_th),
                    "unit": DASH if is_missing(unit) else str(unit),
                    "baseline": format_number(r.baseline),
                    "target": format_number(r.target),
                    "value": format_number(r.value),
                    "value_date": day(r.value_date),
                    "measure_label": str(r.measure_label),
                    "progress": format_percent(r.progress_clipped),
                    "expected": format_percent(r.expected),
                    "status_th": str(r.status_th),
                }
            )
        cols = [
            "key_result_id", "title_th", "unit", "baseline", "target", "value", "value_date",
            "measure_label", "progress", "expected", "status_th",
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=cols)

    @cached_property
    def kpi_gap_findings(self) -> list[Finding]:
        """The empty dimension × level cells of the KPI grid as low findings of one group
        (:data:`KPI_GAP_GROUP_TH`), the dimensions with the most empty cells first. They
        are information for the ranked list only, not in :meth:`findings`."""
        g = self.kpi_gaps
        if g.empty or self.objectives.empty:
            return []
        order = g.groupby("dimension")["level"].transform("size")
        g = g.assign(_n=order.values).sort_values("_n", ascending=False, kind="stable")
        return [
            Finding(
                "kpi",
                str(r.finding),
                "พิจารณาว่าช่องใดควรมีตัวชี้วัด (ไม่ได้กำหนดให้ต้องมีครบทุกช่อง)",
                "low",
                group_th=KPI_GAP_GROUP_TH,
                item_th=f"{r.dimension_th} {r.level_th}",
            )
            for r in g.itertuples(index=False)
        ]

    @cached_property
    def ranked_findings(self) -> RankedFindings:
        """:meth:`findings` and the KPI-grid gaps ranked for a meeting
        (:func:`~kpyj_lib.documents.findings.rank_findings`): high first, repeats folded into
        one line; the folded lines in ``appendix``."""
        return rank_findings([*self.findings(), *self.kpi_gap_findings])

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
                f"{k} (ทำได้{format_percent(a, thai=True)} จากที่ควรได้{format_percent(e, thai=True)})"
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
                    "พิจารณาว่าผลผลิตของหน่วยงานเป็นปัจจัยนำเข้าของหน่วยงานใด และหาผู้ใช้ผลผลิต หรือทบทวนการผลิต",
                    "medium",
                    tuple(uo["flow_id"]),
                )
            )
        pc = self.pmqa_phases
        for text in self.pmqa_findings:
            ids = tuple(i for i in pc["objective_id"] if f"{i} " in f"{text} ")
            out.append(
                Finding(
                    "pmqa",
                    text,
                    "ระบุหมวด PMQA ที่ใช้ผลักดันเป้าหมาย ให้มีทั้งขั้นการคิด (หมวด 1, 3, 7) "
                    "และขั้นการลงมือทำ (หมวด 4, 5, 6) ตามหลักคิด 3 : 1 : 3",
                    "medium",
                    ids,
                    group_th=PMQA_GROUP_TH,
                    item_th=", ".join(ids) if len(ids) == 1 else "",
                )
            )
        nif = self.not_in_force
        if len(nif):
            parts = [
                f"{sid} → {item} ({name} สถานะ{st})"
                for sid, item, name, st in zip(
                    nif["source_id"],
                    nif["plan_item_id"],
                    nif["plan_name_th"],
                    nif["status_th"],
                    strict=True,
                )
            ]
            out.append(
                Finding(
                    "alignment",
                    f"ความสอดคล้องกับแผนที่ไม่ได้ใช้บังคับใน{format_fiscal_year(self.ws.fiscal_year)}: "
                    + "; ".join(parts),
                    "เชื่อมโยงกับแผนที่ประกาศใช้ในปีงบประมาณนั้น "
                    "(ร่างแผนฉบับถัดไปใช้ประกอบการพิจารณาได้ แต่ยังไม่ใช่แผนที่ใช้บังคับ)",
                    "medium",
                    tuple(nif["source_id"]),
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
        cp = self.crime_prevention
        if len(cp) and not cp["supported"].any():
            out.append(
                Finding(
                    "crime_prevention",
                    "ยังไม่มีวัตถุประสงค์ ผลลัพธ์หลัก หรือโครงการใดสอดคล้องกับแนวทางการป้องกัน"
                    f"อาชญากรรมที่มีประสิทธิภาพ {len(cp)} ด้าน (มติคณะรัฐมนตรีเมื่อวันที่ 24 มกราคม 2560) "
                    f"ซึ่ง{cite('memo_2565')} กำหนดเป็นเนื้อหาการขับเคลื่อน กพยจ.",
                    "กำหนดวัตถุประสงค์หรือโครงการที่สนับสนุนแนวทางการป้องกันอาชญากรรมอย่างน้อยหนึ่งด้าน",
                    "high",
                    tuple(cp["plan_item_id"]),
                )
            )
        if self.budget["budget"] > 0:
            rate = self.budget["spent"] / self.budget["budget"]
            expected = self.province_progress["expected"]
            if expected and rate < expected * 0.7:
                out.append(
                    Finding(
                        "budget",
                        f"เบิกจ่ายงบประมาณแล้ว{format_percent(rate, thai=True)} "
                        f"ต่ำกว่าความก้าวหน้าตามเวลา{format_percent(expected, thai=True)}",
                        "เร่งรัดการเบิกจ่ายของโครงการที่ล่าช้า",
                        "medium",
                    )
                )
        late = int(self.directives["late"].sum()) if len(self.directives) else 0
        if late:
            out.append(
                Finding(
                    "directives",
                    f"รายงานข้อสั่งการที่ส่งไม่ทันกำหนด (ภายในวันศุกร์ ก่อน 16.00 น.) จำนวน {late} ฉบับ",
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


def _whole(v: float) -> float:
    """A projection as people read it: whole numbers from 10 up, one decimal below.

    >>> _whole(1287.07), _whole(4.26)
    (1287.0, 4.3)
    """
    return round(float(v), 0 if abs(v) >= 10 else 1)
