"""Per-province report batch on the 77-province synthetic store: every way, one run.

(a) the batch runner (``kpyj_lib.batch.run_jobs``: warm kernels in a process pool,
    in-process HTML export) with 1 and 2 workers;
(b) the naive loop a user would write: ``papermill`` CLI, then
    ``jupyter nbconvert --to html --no-input``, one province after the other;
(c) the floor: the same per-province work in one Python process, no notebooks — read the
    province's part of the store, ``ProvinceReport.build``, ``render_fragment`` — timed per
    province only (the interpreter, imports and a first warm-up report are outside the
    timer), plus the render alone (the charts' target: <= 0.5 s) in wall and CPU seconds
    (``time.process_time``: what other processes on the machine change least), and the
    CPU seconds of each chart;
(d) the national run: analysis and lessons of all 77 provinces (``kpyj reports --all
    --lessons --jobs 2``: ``plan_reports`` + ``run_reports``), wall clock and the peak
    resident memory of the whole process tree (this process, workers, kernels).

Prints seconds per report and the ratios against the targets of issue 11: (a) >= 10x
faster than (b), (a) <= 1.5x (c), (d) <= 120 s, peak <= 2 GB. Not a test; run it by hand
on a machine as quiet as you can get::

    python benchmarks/bench_batch.py                  # 8 provinces for (a)-(c), then (d)
    python benchmarks/bench_batch.py --provinces 4 --naive 2 --skip-national
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kpyj_lib import batch, publish
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from kpyj_lib.render import render_fragment
from kpyj_lib.store import Store
from kpyj_lib.synthetic import write_synthetic

AS_OF = "2022-06-30"
FY = 2565


class PeakMemory:
    """Samples the resident memory of this process and all its descendants."""

    def __init__(self, every: float = 0.2):
        import psutil

        self._psutil = psutil
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = self._psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            with contextlib.suppress(self._psutil.Error):
                total += p.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_batch(store: Store, codes: list[str], out: Path, workers: int) -> float:
    jobs = publish.document_jobs("province", store, FY, codes, out, AS_OF)
    t = time.perf_counter()
    results = batch.run_jobs(jobs, workers=workers, force=True, progress=False)
    dt = time.perf_counter() - t
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise SystemExit(f"batch failed: {failed[0].key}: {failed[0].error}")
    return dt


def run_naive(db_url: str, codes: list[str], out: Path) -> float:
    bindir = Path(sys.executable).parent
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    for code in codes:
        nb = out / f"{code}.ipynb"
        subprocess.run(
            [str(bindir / "papermill"), str(NOTEBOOKS_DIR / "province_report.ipynb"), str(nb),
             "-p", "province", code, "-p", "fiscal_year", str(FY), "-p", "db_url", db_url,
             "-p", "as_of", AS_OF, "--no-progress-bar", "--cwd", str(PROJECT_ROOT)],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - t


def run_floor(store: Store, codes: list[str], out: Path) -> tuple[float, float, float]:
    """(c): seconds for all provinces (read + build + render), for the render alone, and
    the CPU seconds of the render alone (what another process's load does not change)."""
    out.mkdir(parents=True, exist_ok=True)
    warm = ProvinceReport.build(store.province_workspace(FY, codes[0]), codes[0], AS_OF)
    render_fragment(warm)  # imports, fonts, the Thai dictionary: paid once, outside
    total = render = cpu = 0.0
    for code in codes:  # the same work as the notebook: the province's part of the data
        t = time.perf_counter()
        rep = ProvinceReport.build(store.province_workspace(FY, code), code, AS_OF)
        r, rc = time.perf_counter(), time.process_time()
        html = render_fragment(rep)
        e, ec = time.perf_counter(), time.process_time()
        (out / f"{code}.html").write_text(html, encoding="utf-8")
        total += e - t
        render += e - r
        cpu += ec - rc
    return total, render, cpu


def chart_calls(rep: ProvinceReport) -> dict[str, tuple]:
    """The charts a province report draws, with their arguments (as the template calls them)."""
    s = rep.sample
    return {
        "alignment_graph": ((rep.graph, rep.province), {"sample": s}),
        "kr_progress_bars": ((rep.progress,), {"sample": s}),
        "progress_timeline": ((rep.history, rep.progress), {"sample": s}),
        "kpi_heatmap": ((rep.kpi_matrix,), {"sample": s}),
        "pmqa_chart": ((rep.pmqa_coverage, rep.pmqa_balance), {"sample": s}),
        "collaboration_map": ((rep.collaboration, rep.unit_names), {"sample": s}),
    }


def run_charts(store: Store, codes: list[str]) -> dict[str, float]:
    """CPU seconds per chart (mean over the provinces), each drawn as the page draws it
    (:func:`kpyj_lib.render.charts.draw_svg`), after a first report outside the timer."""
    from kpyj_lib.render import charts

    reps = [ProvinceReport.build(store.province_workspace(FY, c), c, AS_OF) for c in codes]
    for name, (args, kw) in chart_calls(reps[0]).items():
        charts.draw_svg(name, *args, **kw)
    cpu: dict[str, float] = {}
    for rep in reps[1:] or reps:
        for name, (args, kw) in chart_calls(rep).items():
            t = time.process_time()
            charts.draw_svg(name, *args, **kw)
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - t
    return {k: v / len(reps[1:] or reps) for k, v in cpu.items()}


def run_national(store: Store, out: Path) -> tuple[float, int, int, int]:
    """(d): wall seconds, reports written, failures and the peak memory (bytes)."""
    with PeakMemory() as mem:
        t = time.perf_counter()
        plan = publish.plan_reports(
            store, fiscal_year=FY, all_provinces=True, out_dir=out, as_of=AS_OF, lessons=True
        )
        run = publish.run_reports(plan, workers=2, force=True, progress=False)
        dt = time.perf_counter() - t
    n = len(run.results) + len(run.lessons["results"] if run.lessons else [])
    failed = sum(r.status == "failed" for r in run.results)
    failed += len(run.lessons["failed"]) if run.lessons else 0
    return dt, n, failed, mem.peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--provinces", type=int, default=8, help="provinces reported in (a)-(c)")
    ap.add_argument("--naive", type=int, default=4, help="provinces of (b), the slowest part")
    ap.add_argument("--skip-national", action="store_true", help="skip (d)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kpyj-bench-"))
    try:
        store = Store(f"sqlite:///{tmp}/national.sqlite")
        store.init()
        write_synthetic(store, 77)
        codes = store.workspace(FY).province_codes[: args.provinces]
        n = len(codes)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"kpyj bench_batch: {time.strftime('%Y-%m-%d %H:%M')} · {platform.platform()} · "
              f"{os.cpu_count()} CPUs · load {load:.1f} before the run")  # fmt: skip
        print(f"synthetic national store: 77 provinces; (a)-(c) report {n}, (b) {args.naive}")
        a1 = run_batch(store, codes, tmp / "a1", 1)
        print(f"(a) batch runner, 1 job : {a1:7.1f} s  {a1 / n:6.2f} s/report")
        a2 = run_batch(store, codes, tmp / "a2", 2)
        print(f"(a) batch runner, 2 jobs: {a2:7.1f} s  {a2 / n:6.2f} s/report")
        c, render, cpu = run_floor(store, codes, tmp / "c")
        print(f"(c) floor, one process  : {c:7.1f} s  {c / n:6.2f} s/report "
              f"(render alone {render / n:.2f} s/report, {cpu / n:.2f} CPU s; "
              "target <= 0.5)")  # fmt: skip
        per_chart = run_charts(store, codes)
        print("(c) CPU s per chart: " + ", ".join(f"{k} {v:.3f}" for k, v in per_chart.items())
              + f" (sum {sum(per_chart.values()):.2f})")  # fmt: skip
        best = min(a1, a2) / n
        if args.naive:
            naive_codes = codes[: args.naive]
            b = run_naive(store.display_url, naive_codes, tmp / "b") / len(naive_codes)
            print(f"(b) naive CLI loop      : {b * len(naive_codes):7.1f} s  {b:6.2f} s/report")
            print(f"(b) / (a) = {b / best:5.1f}x   (target >= 10x)")
        print(f"(a) / (c) = {best / (c / n):5.1f}x   (target <= 1.5x; (a) with 2 jobs: "
              f"{a2 / c:.1f}x)")  # fmt: skip
        if not args.skip_national:
            dt, reports, failed, peak = run_national(store, tmp / "d")
            print(f"(d) national run, 77 x (analysis + lessons) + synthesis, 2 jobs: "
                  f"{dt:6.1f} s for {reports} documents ({dt / reports:.2f} s/document), "
                  f"{failed} failed; target <= 120 s")  # fmt: skip
            print(f"(d) peak memory of the whole batch: {peak / 2**30:.2f} GB (target <= 2 GB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
