"""Graph build plus every analysis on the synthetic national workspace at 1x, 3x and 10x.

Prints wall-clock seconds (best of ``--repeat`` runs) and peak Python memory per step and
size. Not a test: run it by hand, ``python benchmarks/bench_analysis.py``.

Target: the national workspace at 1x under 1 s for everything, growth close to linear.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from kpyj_lib import analysis as an
from kpyj_lib.graph import build_graph
from kpyj_lib.synthetic import synthetic_workspace

AS_OF = "2022-06-30"


def steps(ws: Any) -> list[tuple[str, Callable[[Any], Any]]]:
    """(name, function of the graph built in the first step)."""
    return [
        ("alignment_coverage", lambda G: an.alignment_coverage(G)),
        ("orphans", lambda G: an.orphans(G)),
        ("unsupported_plan_items", lambda G: an.unsupported_plan_items(G)),
        ("province_plan_matrix", lambda G: an.province_plan_matrix(G)),
        ("most_supported_plan_items", lambda G: an.most_supported_plan_items(G)),
        ("kr_progress", lambda G: an.kr_progress(ws, AS_OF)),
        (
            "rollup (province, cluster, nation)",
            lambda G: [an.rollup(ws, lv, AS_OF) for lv in ("province", "cluster", "nation")],
        ),
        ("kpi_scores", lambda G: an.kpi_scores(ws)),
        (
            "pmqa coverage/balance/findings",
            lambda G: (an.pmqa_coverage(ws), an.pmqa_balance(ws), an.pmqa_findings(ws)),
        ),
        ("kpi_matrix + gaps", lambda G: (an.kpi_matrix(ws), an.kpi_gaps(ws))),
        (
            "flows (unit_flows, unused, cycles)",
            lambda G: (an.unit_flows(ws), an.unused_outputs(ws), an.flow_cycles(ws)),
        ),
        (
            "end_products + collaboration",
            lambda G: (an.end_products(ws), an.collaboration_matrix(ws)),
        ),
    ]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best wall-clock seconds of ``repeat`` plain runs, then the peak traced memory of one
    more run (tracemalloc slows Python down, so it is never on while timing)."""
    best = float("inf")
    out = None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[1.0, 3.0, 10.0])
    ap.add_argument("--provinces", type=int, default=77)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    totals = {}
    for scale in args.scales:
        ws = synthetic_workspace(args.provinces, scale=scale)
        nodes = sum(ws.counts().values())
        print(f"\n== {args.provinces} provinces x {scale:g} ({nodes:,} rows) ==")
        t_build, m_build, G = timed(lambda ws=ws: build_graph(ws), args.repeat)
        print(
            f"  {'build_graph':38s} {t_build:8.3f} s  {m_build:8.1f} MiB  "
            f"({G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges)"
        )
        total = t_build
        for name, fn in steps(ws):
            t, m, _ = timed(lambda fn=fn, G=G: fn(G), args.repeat)
            total += t
            print(f"  {name:38s} {t:8.3f} s  {m:8.1f} MiB")
        print(f"  {'TOTAL':38s} {total:8.3f} s")
        totals[scale] = total
    base = totals.get(args.scales[0])
    if base:
        print("\nscale  total s  ratio to first  (linear would be the scale ratio)")
        for scale, t in totals.items():
            print(f"{scale:5g}  {t:7.3f}  {t / base:6.2f}x  vs {scale / args.scales[0]:g}x")


if __name__ == "__main__":
    main()
