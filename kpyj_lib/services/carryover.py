"""Carrying unachieved objectives and key results into the next fiscal year (writes).

What is carried is computed by :func:`kpyj_lib.analysis.carryover.plan_carry_over`;
:func:`carry_over` writes it through the store.
"""

from __future__ import annotations

from ..analysis.carryover import carried_id, plan_carry_over
from ..store import Store

__all__ = ["carried_id", "carry_over", "plan_carry_over"]


def carry_over(
    store: Store, from_fy: int, to_fy: int | None = None, *, dry_run: bool = False
) -> dict[str, int]:
    """Write the carried records of ``from_fy`` into ``to_fy`` (one transaction).

    Running it twice gives the same result: carried ids are derived from the old ids.
    Returns the rows per entity that were (or, with ``dry_run``, would be) written.
    """
    plan = plan_carry_over(store.workspace(from_fy), to_fy)
    counts = {k: len(v) for k, v in plan.items() if v}
    if not dry_run and counts:
        store.write({k: v for k, v in plan.items() if v})
    return counts
