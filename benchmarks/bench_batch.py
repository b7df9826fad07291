"""Per-province report batch on the synthetic national workspace: three ways, one run.

(a) the batch runner (``kpyj_lib.batch.run_jobs``: papermill's Python API in a process
    pool, in-process HTML export) with 1 and 2 workers;
(b) the naive loop a user would write: ``papermill`` CLI, then
    ``jupyter nbconvert --to html --no-input``, one province after the other;
(c) the floor: the same content computed and rendered in one Python process, no notebooks
    (``ProvinceReport.build`` + ``render_fragment`` per province).

Prints seconds per report and the ratios. Targets: (a) >= 5x faster than (b), and within
3x of (c). Not a test; run it by hand::

    python benchmarks/bench_batch.py                 # all 77 provinces (takes a while)
    python benchmarks/bench_batch.py --provinces 8   # a quicker sample of the same
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kpyj_lib import batch, publish
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from kpyj_lib.render import render_fragment
from kpyj_lib.store import Store
from kpyj_lib.synthetic import synthetic_workspace, write_synthetic

AS_OF = "2022-06-30"
FY = 2565


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


def run_floor(codes: list[str], out: Path, n_provinces: int) -> float:
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    ws = synthetic_workspace(n_provinces)
    for code in codes:  # the same work as the notebook: the province's part of the data
        rep = ProvinceReport.build(ws.for_province(code), code, AS_OF)
        (out / f"{code}.html").write_text(render_fragment(rep), encoding="utf-8")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--provinces", type=int, default=77, help="how many provinces to report")
    ap.add_argument("--skip-naive", action="store_true", help="skip (b), the slowest part")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kpyj-bench-"))
    try:
        store = Store(f"sqlite:///{tmp}/national.sqlite")
        store.init()
        write_synthetic(store, 77)
        ws = store.workspace(FY)
        codes = ws.province_codes[: args.provinces]
        n = len(codes)
        print(f"synthetic national workspace: 77 provinces, reporting {n}; 2 CPUs on this machine")
        a1 = run_batch(store, codes, tmp / "a1", 1)
        print(f"(a) batch runner, 1 job : {a1:8.1f} s  {a1 / n:6.2f} s/report")
        a2 = run_batch(store, codes, tmp / "a2", 2)
        print(f"(a) batch runner, 2 jobs: {a2:8.1f} s  {a2 / n:6.2f} s/report")
        c = run_floor(codes, tmp / "c", 77)
        print(f"(c) one process, no nb  : {c:8.1f} s  {c / n:6.2f} s/report")
        best = min(a1, a2)
        if not args.skip_naive:
            b = run_naive(store.display_url, codes, tmp / "b")
            print(f"(b) naive CLI loop      : {b:8.1f} s  {b / n:6.2f} s/report")
            print(f"speed-up of (a) over (b): {b / best:5.1f}x   (target >= 5x)")
        print(f"(a) relative to floor (c): {best / c:5.1f}x   (target <= 3x)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
