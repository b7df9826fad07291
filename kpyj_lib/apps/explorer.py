"""An interactive view of one province's plan graph and its gaps (JupyterLab or Voila)."""

from __future__ import annotations

import ipywidgets as w
import networkx as nx
from IPython.display import HTML, display

from .. import analysis as an
from .. import reference
from ..graph import neighbourhood, nodes_frame, province_subgraph
from ..render import charts
from . import views as v

__all__ = ["GraphExplorer"]


class GraphExplorer:
    """Choose a province, see its layered alignment graph and gap lists, and inspect any node.

    Parameters
    ----------
    G : MultiDiGraph
        The plan graph (:func:`kpyj_lib.graph.build_graph`).
    provinces : list of str
        Province codes to offer (default: every province with an objective in ``G``).
    sample : bool
        Mark charts as sample data (ตัวอย่าง).
    """

    def __init__(
        self, G: nx.MultiDiGraph, provinces: list[str] | None = None, *, sample: bool = False
    ):
        self.G = G
        self.sample = sample
        if provinces is None:
            provinces = sorted(
                {
                    str(d["province_code"])
                    for _, d in G.nodes(data=True)
                    if d.get("kind") == "objective" and d.get("province_code")
                }
            )
        options = [(f"{reference.province_name(p)} ({p})", p) for p in provinces]
        self.province = w.Dropdown(options=options, description="จังหวัด")
        self.node = w.Dropdown(options=[], description="โหนด", layout=w.Layout(width="60%"))
        self.chart = w.Output()
        self.gaps = w.Output()
        self.details = w.Output()
        self.province.observe(self._on_province, names="value")
        self.node.observe(self._on_node, names="value")
        tabs = w.Tab(children=[self.chart, self.gaps, w.VBox([self.node, self.details])])
        for i, title in enumerate(["แผนภาพความสอดคล้อง", "ช่องว่าง (gaps)", "รายละเอียดโหนด"]):
            tabs.set_title(i, title)
        self.widget = w.VBox([w.HTML(v.app_style()), self.province, tabs])
        self.widget.add_class("kpyj-app")
        if options:
            self._on_province()

    def _ipython_display_(self) -> None:
        display(self.widget)

    def _on_province(self, _change: object = None) -> None:
        code = self.province.value
        sub = province_subgraph(self.G, code)
        nodes = nodes_frame(sub, ["objective", "key_result", "initiative", "plan_item", "unit"])
        self.node.options = [
            (f"[{k}] {label or i}", n)
            for n, k, i, label in zip(
                nodes.index, nodes["kind"], nodes["id"], nodes["label_th"], strict=True
            )
        ]
        with self.chart:
            self.chart.clear_output(wait=True)
            charts.show(charts.alignment_graph(self.G, code, sample=self.sample))
        with self.gaps:
            self.gaps.clear_output(wait=True)
            unsupported = an.unsupported_plan_items(
                self.G, code, plan_kinds=["provincial_plan", "cluster_plan"]
            )
            display(HTML(v.gaps_html(an.orphans(self.G, code), unsupported)))

    def _on_node(self, _change: object = None) -> None:
        with self.details:
            self.details.clear_output(wait=True)
            if self.node.value:
                nb = neighbourhood(self.G, self.node.value)
                display(HTML(v.neighbourhood_html(nb)))
