"""30 signed-in participants voting at once through a real JupyterHub (issue 15).

A hub is started on 127.0.0.1 (configurable-http-proxy from npm, the store on PostgreSQL,
the dummy authenticator with one test password); 30 registered participants sign in with
Playwright in Debian's Chromium (one browser context each, a few at a time), each gets
their own apps-only server and Voila kernel, joins the session and, once all are on the
voting page, all vote at the same moment, ``--votes`` rounds (the session's budget). A
vote is timed from the click until the page shows the confirmation the kernel sends back
after the store has committed it. Then every participant tries once more (the budget is
spent: the buttons must be disabled).

Printed:
* votes confirmed on the pages vs rows in the store (**lost** = confirmed but not stored),
  **double votes** (the same person twice on an idea, or more than the budget);
* vote latency (p50, p95, max);
* memory per person: resident memory of each person's server plus its kernel
  (``psutil``; the browser is not counted), and the time to sign in and start a server.

Not a test: run it by hand, ``python benchmarks/bench_hub.py [--people 30] [--votes 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the suite's throwaway PostgreSQL server

from pgserver import start_pg  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from kpyj_lib.batch import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from kpyj_lib.calendar import fiscal_year, today_bangkok  # noqa: E402
from kpyj_lib.hub import launch  # noqa: E402
from kpyj_lib.io import import_workbook  # noqa: E402
from kpyj_lib.paths import SAMPLE_WORKBOOK  # noqa: E402
from kpyj_lib.services import workshop as wsl  # noqa: E402
from kpyj_lib.store import Store  # noqa: E402
from kpyj_lib.store.pgroles import create_roles, role_url  # noqa: E402

PASSWORD = "kpyj-bench-password"
WAIT = 600_000  # ms
IDEAS = [f"ความคิดที่ {n} สำหรับการลงคะแนนพร้อมกัน" for n in range(1, 7)]


def _ms(xs: list[float]) -> str:
    xs = sorted(x * 1000 for x in xs)
    if not xs:
        return "n=0"
    p95 = xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
    return (
        f"n={len(xs)}  p50 {statistics.median(xs):7.0f} ms  p95 {p95:7.0f} ms  max {xs[-1]:7.0f} ms"
    )


def prepare(url: str, people: int, votes: int) -> tuple[Store, str, list[str]]:
    store = Store(url)
    store.init()
    import_workbook(SAMPLE_WORKBOOK, store, replace=True)
    names = [f"bench{i:02d}" for i in range(1, people + 1)]
    store.write(
        {
            "people": [{"id": n, "name_th": f"ผู้เข้าร่วม {n}"} for n in names],
            "person_roles": [{"person_id": n, "role": "participant"} for n in names],
        }
    )
    create_roles(store)
    ws = wsl.new_workshop(
        store,
        title_th="ลงคะแนนพร้อมกัน 30 คน",
        fiscal_year=fiscal_year(today_bangkok()),
        unit_id="OJA",
        facilitator="facilitator01",
        votes_per_participant=votes,
        person="facilitator01",
    )
    for text in IDEAS:
        wsl.add_idea(store, ws.id, idea_type="do", text_th=text, person="facilitator01")
    wsl.set_stage(store, ws.id, "vote", person="facilitator01")
    return store, ws.id, names


async def sign_in(browser, hub: launch.HubServer, user: str, gate: asyncio.Semaphore):
    async with gate:
        t0 = time.perf_counter()
        ctx = await browser.new_context(viewport={"width": 900, "height": 1400})
        page = await ctx.new_page()
        page.set_default_timeout(WAIT)
        await page.goto(hub.url + "hub/login")
        await page.fill("#username_input", user)
        await page.fill("#password_input", PASSWORD)
        await page.click("#login_submit")
        await page.wait_for_url("**/hub/home**")
        await page.goto(hub.url + "hub/spawn", wait_until="commit")
        await page.wait_for_url(f"**/user/{user}/**")
        await page.click(".kpyj-join")
        await page.wait_for_selector(".kpyj-vote-btn")
        return ctx, page, time.perf_counter() - t0


async def vote(page, idea: str, left: int) -> float | None:
    """Click the idea's vote button; seconds until the page confirms (None: no confirmation)."""
    button = page.locator(f".kpyj-idea-row:has-text('{idea}') .kpyj-vote-btn")
    t0 = time.perf_counter()
    await button.click()
    try:
        await page.wait_for_selector(
            f".kpyj-msg .kpyj-ok:has-text('ลงคะแนนแล้ว เหลืออีก {left} เสียง')", timeout=120_000
        )
    except Exception:
        return None
    return time.perf_counter() - t0


def memory_per_person(hub: launch.HubServer) -> list[float]:
    """MB of each person's server plus everything it started (its kernel)."""
    import psutil

    out = []
    for child in psutil.Process(hub.proc.pid).children():
        try:
            if "kpyj_lib.hub.appserver" not in " ".join(child.cmdline()):
                continue
            procs = [child, *child.children(recursive=True)]
            out.append(sum(p.memory_info().rss for p in procs) / 2**20)
        except psutil.Error:
            continue
    return out


async def main_async(args: argparse.Namespace) -> int:
    pg = start_pg()
    hub = None
    try:
        store, ws_id, names = prepare(pg.url, args.people, args.votes)
        home = Path(tempfile.mkdtemp(prefix="kpyj-bench-hub-"))
        hub = launch.start(
            db_url=pg.url,
            home=home,
            auth="dummy",
            log_path=home / "hub.log",
            extra_env={
                "KPYJ_HUB_TEST_PASSWORD": PASSWORD,
                "KPYJ_APP_DB_URL": role_url(store, "kpyj_app"),
            },
        )
        hub.wait_ready(timeout=180)
        print(f"hub ready at {hub.url} (log: {home / 'hub.log'})", flush=True)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
            gate = asyncio.Semaphore(args.together)
            t0 = time.perf_counter()
            joined = await asyncio.gather(*(sign_in(browser, hub, n, gate) for n in names))
            print(
                f"{len(joined)} signed in, servers started, joined in "
                f"{time.perf_counter() - t0:.0f} s; per person {_ms([j[2] for j in joined])}",
                flush=True,
            )
            pages = [j[1] for j in joined]
            latencies: list[float] = []
            unconfirmed = 0
            for k in range(args.votes):
                left = args.votes - k - 1
                picks = [IDEAS[(i + k) % len(IDEAS)] for i in range(len(pages))]
                t0 = time.perf_counter()
                done = await asyncio.gather(
                    *(vote(pg_, idea, left) for pg_, idea in zip(pages, picks, strict=True))
                )
                wall = time.perf_counter() - t0
                ok = [d for d in done if d is not None]
                unconfirmed += len(done) - len(ok)
                latencies += ok
                print(f"round {k + 1}: {len(ok)}/{len(done)} confirmed in {wall:.1f} s", flush=True)
            # the budget is spent: no enabled vote button is left on any page
            enabled = 0
            for page in pages:
                enabled += (
                    await page.locator(".kpyj-vote-btn:not([disabled])")
                    .filter(has_text="ลงคะแนน")
                    .filter(has_not_text="ถอน")
                    .count()
                )
            mem = memory_per_person(hub)
            await browser.close()
        rows = wsl.session_tables(store, ws_id)["votes"]
        per_voter: dict[str, int] = {}
        for v in rows:
            per_voter[v.voter] = per_voter.get(v.voter, 0) + 1
        confirmed = len(latencies)
        stored = len(rows)
        over_budget = sum(1 for n in per_voter.values() if n > args.votes)
        keys = {(v.idea_id, v.voter) for v in rows}
        print()
        print(f"participants            {len(names)} (each: own server + Voila kernel)")
        print(f"votes confirmed         {confirmed}  (not confirmed on the page: {unconfirmed})")
        print(f"votes stored            {stored}")
        print(f"votes lost              {max(confirmed - stored, 0)}")
        print(f"double votes            {stored - len(keys) + over_budget}")
        print(f"vote buttons still open {enabled} (budget {args.votes} spent by everyone)")
        print(f"vote latency            {_ms(latencies)}")
        if mem:
            print(
                f"memory per person       median {statistics.median(mem):.0f} MB, "
                f"max {max(mem):.0f} MB, total {sum(mem) / 1024:.1f} GB for {len(mem)} people"
            )
        return 0
    finally:
        if hub is not None:
            hub.stop()
        pg.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=30)
    ap.add_argument("--votes", type=int, default=3, help="the session's budget (rounds)")
    ap.add_argument("--together", type=int, default=4, help="sign-ins at the same time")
    return asyncio.run(main_async(ap.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
