"""30 participants at once, each a separate process with its own Store, against the default
SQLite file store and a real PostgreSQL server that the suite starts itself.

Every process brainstorms in one session and votes in another, all released together.
What must hold: no accepted vote is lost, nothing is stored that was not accepted, a second
vote on the same idea is refused, nobody gets more than the vote limit (10 names are used by
two processes each — one person on two devices — so the limit is contended), the tally is
the count of stored votes, and ideas added concurrently get distinct sequential ids.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from pgserver import PgServer, start_pg
from workshop_load import run_participants

from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store, metadata

N_PROCESSES = 30
N_NAMES = 20  # names p00..p09 are used by two processes at once
LIMIT = 3
N_IDEAS = 6
DOUBLE = "ท่านลงคะแนนให้ความคิดนี้แล้ว ลงซ้ำไม่ได้ (already voted for this idea)"
NO_VOTES_LEFT = f"ท่านใช้สิทธิ์ครบ {LIMIT} เสียงแล้ว (no votes left: {LIMIT} per participant)"

pytestmark = [pytest.mark.timeout(900), pytest.mark.slow]  # 30 processes


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    """A PostgreSQL server for this module; missing binaries make the tests fail."""
    server = start_pg()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/kpyj.sqlite"
    else:
        url = request.getfixturevalue("pg").url
    store = Store(url)
    store.init()
    store.close()
    yield url


def _stored_votes(store: Store, ws_id: str) -> list[tuple[str, str]]:
    v, i = metadata.tables["votes"], metadata.tables["ideas"]
    with store.begin(write=False) as conn:
        rows = conn.execute(
            sa.select(v.c.idea_id, v.c.voter)
            .select_from(v.join(i, i.c.id == v.c.idea_id))
            .where(i.c.workshop_id == ws_id)
        ).all()
    return [(a, b) for a, b in rows]


def test_thirty_concurrent_participants(store_url):
    store = Store(store_url)
    common = {"fiscal_year": 2565, "province_code": "83", "facilitator": "วิทยากร"}
    voting = wsl.new_workshop(
        store, title_th="ลงคะแนนพร้อมกัน 30 คน", votes_per_participant=LIMIT, **common
    )
    ideas = [
        wsl.add_idea(store, voting.id, author="วิทยากร", idea_type="upgrade", text_th=f"ข้อ {i}").id
        for i in range(N_IDEAS)
    ]
    wsl.set_stage(store, voting.id, "vote")
    brainstorm = wsl.new_workshop(store, title_th="ระดมความคิดพร้อมกัน", **common)

    rng = random.Random(3)
    jobs = []
    for k in range(N_PROCESSES):
        plan = rng.sample(ideas, 5)
        plan.insert(rng.randrange(1, 6), plan[0])  # the same idea twice: a double vote
        actions = [("vote", voting.id, i) for i in plan]
        texts = [f"ความคิด {k}-a", f"ความคิด {k}-b"] + (["ความคิด 0-a"] if k == 29 else [])
        actions[1:1] = [("idea", brainstorm.id, t) for t in texts]  # interleaved with votes
        jobs.append((f"p{k % N_NAMES:02d}", actions))

    attempts = run_participants(store_url, jobs)

    assert len(attempts) == sum(len(a) for _, a in jobs)
    votes = [a for a in attempts if a.kind == "vote"]
    accepted = [(a.item, a.participant) for a in votes if a.ok]
    stored = _stored_votes(store, voting.id)
    # no vote lost, nothing extra, never two votes of one person on one idea
    assert sorted(accepted) == sorted(stored)
    assert len(set(accepted)) == len(accepted)
    # every name tried at least 5 distinct ideas, so each ends with exactly the limit
    assert Counter(voter for _, voter in stored) == {f"p{n:02d}": LIMIT for n in range(N_NAMES)}
    # refusals are the double vote or the limit, in Thai; each process made a double vote
    reasons = Counter(a.message for a in votes if not a.ok)
    assert set(reasons) <= {DOUBLE, NO_VOTES_LEFT}
    assert reasons[DOUBLE] >= 1
    # the tally everyone sees is the count of stored votes
    rows = wsl.tally(store, voting.id)
    assert {r.idea_id: r.votes for r in rows} == Counter(idea for idea, _ in stored)
    assert sum(r.votes for r in rows) == N_NAMES * LIMIT
    snap = wsl.snapshot(store, voting.id, "p00")
    assert snap.my_votes == {idea for idea, voter in stored if voter == "p00"}
    assert snap.votes_left == 0

    # concurrent ideas: 60 accepted with distinct sequential ids; the repeated text refused
    added = [a for a in attempts if a.kind == "idea"]
    assert [a.message for a in added if not a.ok] == ["มีความคิดนี้อยู่แล้วในการประชุม"]
    ids = sorted(a.result for a in added if a.ok)
    assert ids == [f"{brainstorm.id}-I{n:03d}" for n in range(1, 2 * N_PROCESSES + 1)]
    assert len(wsl.tally(store, brainstorm.id)) == 2 * N_PROCESSES
    store.close()
