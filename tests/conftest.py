"""Shared fixtures: a real, initialised SQLite store in the test's temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kpyj_lib.store import Store


@pytest.fixture
def tmp_store(tmp_path) -> Iterator[Store]:
    """An initialised SQLite store (schema + reference data) in ``tmp_path/kpyj.sqlite``."""
    s = Store(f"sqlite:///{tmp_path}/kpyj.sqlite")
    s.init()
    yield s
    s.close()


@pytest.fixture
def store_snapshot():
    """A function giving every row of every entity table of a store, for before/after checks."""
    from kpyj_lib.workspace import rows_of

    def snap(store: Store) -> dict[str, list[dict[str, Any]]]:
        return {name: rows_of(df) for name, df in store.read_all().items()}

    return snap
