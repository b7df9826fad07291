"""Workshop app timings: first rendered page with and without preheated kernels, and time
per vote with 30 participants voting at once.

* **First page**: Voila is started on the workshop app (a temporary SQLite store with the
  sample data); each visit is a fresh Chromium context (cold cache, like a new participant)
  and is timed from ``page.goto`` until the widget ``.kpyj-ws-select`` is on screen. With
  preheating the pool is filled first and no more visits are made than the pool holds.
* **Votes**: 30 processes (``multiprocessing`` spawn, each with its own Store), released
  together, each casting ``--votes`` votes on distinct ideas; every ``cast_vote`` call is
  timed (lock, checks, insert, commit — including the wait for the write lock).

Not a test: run it by hand, ``python benchmarks/bench_workshop.py [--pg]``.
Targets: first page < 1 s with a preheated pool; a vote < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the shared participant runner and PG server

from workshop_load import run_participants  # noqa: E402

from kpyj_lib import serve  # noqa: E402
from kpyj_lib.batch import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from kpyj_lib.io import import_workbook  # noqa: E402
from kpyj_lib.paths import SAMPLE_WORKBOOK  # noqa: E402
from kpyj_lib.services import workshop as wsl  # noqa: E402
from kpyj_lib.store import Store  # noqa: E402

CHROMIUM_ARGS = list(CHROMIUM_FLAGS)  # the project's one set of flags


def _ms(xs: list[float]) -> str:
    xs = sorted(x * 1000 for x in xs)
    p95 = xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
    return (
        f"n={len(xs)}  mean {statistics.fmean(xs):7.1f} ms  p50 {statistics.median(xs):7.1f} ms"
        f"  p95 {p95:7.1f} ms  max {xs[-1]:7.1f} ms"
    )


def sample_store(folder: Path) -> str:
    url = f"sqlite:///{folder}/kpyj.sqlite"
    store = Store(url)
    store.init()
    import_workbook(SAMPLE_WORKBOOK, store, replace=True)
    store.close()
    return url


def first_page(
    url: str, folder: Path, *, preheat: bool, visits: int, pool: int
) -> list[tuple[str, float, float]]:
    """(visit kind, seconds to the page's first byte, seconds until the widgets show).

    The first visits are cold (a new browser context each: nothing cached); then one more
    load in a context that has loaded the page before (its scripts cached), like a
    participant who reloads.
    """
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "KPYJ_HOME": str(folder)}
    log = folder / f"voila-{'preheat' if preheat else 'cold'}.log"
    out = []
    with serve.running(
        "workshop", db_url=url, preheat=preheat, pool_size=pool, log_path=log, env=env
    ) as server:
        server.wait_pool(timeout=300)
        time.sleep(2)  # let the pool's kernels settle

        def visit(ctx, kind: str) -> None:
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(server.url, wait_until="commit", timeout=300_000)
            t1 = time.perf_counter()
            page.wait_for_selector(".kpyj-ws-select select", timeout=300_000)
            out.append((kind, t1 - t0, time.perf_counter() - t0))
            page.close()
            time.sleep(1)

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(visits - 1):
                ctx = browser.new_context()
                visit(ctx, "cold")
                ctx.close()
            ctx = browser.new_context()
            visit(ctx, "warm")  # (the context's first load fills its cache: not counted)
            out[-1] = ("cold", *out[-1][1:])
            visit(ctx, "warm")
            ctx.close()
            browser.close()
    return out


def votes(url: str, n_voters: int, n_votes: int) -> tuple[list[float], float]:
    """Per-vote seconds and the wall time of the whole run (process start-up excluded)."""
    store = Store(url)
    ws = wsl.new_workshop(
        store,
        title_th="เกณฑ์วัดเวลา",
        fiscal_year=2565,
        province_code="83",
        facilitator="วิทยากร",
        votes_per_participant=n_votes,
    )
    ideas = [
        wsl.add_idea(store, ws.id, author="วิทยากร", idea_type="do", text_th=f"ข้อ {i}").id
        for i in range(n_votes)
    ]
    wsl.set_stage(store, ws.id, "vote")
    jobs = [(f"p{k:02d}", [("vote", ws.id, i) for i in ideas]) for k in range(n_voters)]
    attempts = run_participants(url, jobs)
    wall = sum(a.seconds for a in attempts) / max(1, n_voters)
    assert all(a.ok for a in attempts), "a vote was refused"
    assert sum(r.votes for r in wsl.tally(store, ws.id)) == n_voters * n_votes
    store.close()
    return [a.seconds for a in attempts], wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--visits", type=int, default=3, help="page loads per configuration")
    ap.add_argument("--pool", type=int, default=4, help="preheated kernels")
    ap.add_argument("--voters", type=int, default=30)
    ap.add_argument("--votes", type=int, default=10, help="votes per voter (≤ 20)")
    ap.add_argument("--pg", action="store_true", help="also time votes on PostgreSQL")
    ap.add_argument("--skip-pages", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kpyj-bench-") as d:
        folder = Path(d)
        url = sample_store(folder)
        print(f"kpyj workshop benchmark — {os.cpu_count()} CPUs, SQLite store {url}")
        if not args.skip_pages:
            visits = min(args.visits, args.pool)
            for preheat in (True, False):
                runs = first_page(url, folder, preheat=preheat, visits=visits, pool=args.pool)
                label = f"preheated pool of {args.pool}" if preheat else "no preheating"
                for kind in ("cold", "warm"):
                    t = [r for r in runs if r[0] == kind]
                    page = ", ".join(f"{r[2]:.2f}" for r in t)
                    ttfb = ", ".join(f"{r[1] * 1000:.0f}" for r in t)
                    print(
                        f"first page, {label}, {kind} browser cache: widgets shown after "
                        f"{page} s (first byte after {ttfb} ms)"
                    )
        backends = [("SQLite", url)]
        pg = None
        if args.pg:
            from pgserver import start_pg

            pg = start_pg()
            s = Store(pg.url)
            s.init()
            s.close()
            backends.append(("PostgreSQL", pg.url))
        try:
            for name, db in backends:
                lat, _ = votes(db, 1, args.votes)
                print(f"votes, {name}, 1 voter alone, {args.votes} votes: {_ms(lat)}")
                lat, _ = votes(db, args.voters, 1)
                print(f"votes, {name}, {args.voters} voters click once together: {_ms(lat)}")
                lat, _ = votes(db, args.voters, args.votes)
                print(
                    f"votes, {name}, {args.voters} voters x {args.votes} votes back to back: "
                    f"{_ms(lat)}"
                )
        finally:
            if pg is not None:
                pg.stop()
    print("targets: first page < 1 s with a preheated pool; a vote < 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
