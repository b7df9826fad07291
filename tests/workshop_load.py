"""Many workshop participants at once: one OS process each (``multiprocessing`` spawn), each
with its own :class:`~kpyj_lib.store.Store`, all released together by a barrier.

Used by ``tests/test_workshop_concurrency.py`` and ``benchmarks/bench_workshop.py``.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Action", "Attempt", "run_participants"]

#: One action: ("vote", session id, idea id) or ("idea", session id, idea text).
Action = tuple[str, str, str]


@dataclass(frozen=True)
class Attempt:
    """One action of one participant: what, whether it was accepted, the message, seconds."""

    participant: str
    kind: str
    ws_id: str
    item: str
    ok: bool
    message: str
    seconds: float
    result: str = ""


def _worker(url: str, name: str, actions: Sequence[Action], barrier: Any, out: Any) -> None:
    try:
        from kpyj_lib.services import workshop as wsl
        from kpyj_lib.store import Store

        store = Store(url)
        for ws_id in {a[1] for a in actions}:  # connect and warm up before the start line
            wsl.snapshot(store, ws_id, name)
            with contextlib.suppress(wsl.WorkshopError):  # the vote path, changing nothing
                wsl.cast_vote(store, ws_id, "-warm-up-", name)
        barrier.wait(timeout=600)
        attempts = []
        for kind, ws_id, item in actions:
            t0 = time.perf_counter()
            ok, msg, result = True, "", ""
            try:
                if kind == "vote":
                    wsl.cast_vote(store, ws_id, item, name)
                else:
                    idea = wsl.add_idea(store, ws_id, author=name, idea_type="do", text_th=item)
                    result = idea.id
            except wsl.WorkshopError as e:
                ok, msg = False, e.messages[0]
            seconds = time.perf_counter() - t0
            attempts.append(Attempt(name, kind, ws_id, item, ok, msg, seconds, result))
        store.close()
        out.put(("ok", attempts))
    except BaseException:
        out.put(("error", traceback.format_exc()))


def run_participants(
    url: str, jobs: Sequence[tuple[str, Sequence[Action]]], timeout: float = 600
) -> list[Attempt]:
    """Run ``jobs`` — (participant name, actions) — each in a process of its own, all
    starting at the same moment; every attempt, in no set order.

    An action is ``("vote", session, idea id)`` (:func:`kpyj_lib.services.workshop.cast_vote`) or
    ``("idea", session, text)`` (:func:`kpyj_lib.services.workshop.add_idea`). Raises if a process
    fails or hangs; no process outlives the call.
    """
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(jobs))
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(url, name, list(actions), barrier, out))
        for name, actions in jobs
    ]
    for p in procs:
        p.start()
    attempts: list[Attempt] = []
    errors: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        for _ in procs:
            try:
                status, payload = out.get(timeout=max(1.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError("participants did not finish in time") from None
            if status == "ok":
                attempts += payload
            else:
                errors.append(payload)
        for p in procs:
            p.join(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
                p.join(5)
    if errors:
        raise RuntimeError("a participant process failed:\n" + "\n".join(errors))
    return attempts
