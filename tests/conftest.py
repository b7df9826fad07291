"""Shared fixtures: a real, initialised SQLite store in the test's temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kpyj_lib.store import Store

#: One-off scripts that recorded fixtures from an older commit: not tests, not importable now.
collect_ignore = ["fixtures"]


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


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    """URL of a SQLite store built once per test session from the bundled sample workbook.

    Tests must not write to it; copy it (``sample_db_copy``) for tests that do.
    """
    from kpyj_lib.io import import_workbook
    from kpyj_lib.paths import SAMPLE_WORKBOOK

    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    s = Store(f"sqlite:///{path}")
    s.init()
    import_workbook(SAMPLE_WORKBOOK, s, replace=True)
    s.close()
    return f"sqlite:///{path}"


@pytest.fixture
def sample_db_copy(sample_db, tmp_path) -> str:
    """A private copy of the sample store for a test that writes to it."""
    import shutil

    src = sample_db.removeprefix("sqlite:///")
    dst = tmp_path / "sample_copy.sqlite"
    shutil.copy(src, dst)
    return f"sqlite:///{dst}"


@pytest.fixture(scope="session")
def plans_db(sample_db, tmp_path_factory) -> str:
    """The sample store plus its FY2566 add-on (driving plan, groups, 2565 baselines), once
    per session (issue 14). Tests must not write to it."""
    import shutil

    from kpyj_lib.io import import_workbook
    from kpyj_lib.paths import SAMPLE_PLANS_WORKBOOK

    path = tmp_path_factory.mktemp("plans") / "plans.sqlite"
    shutil.copy(sample_db.removeprefix("sqlite:///"), path)
    s = Store(f"sqlite:///{path}")
    import_workbook(SAMPLE_PLANS_WORKBOOK, s)
    s.close()
    return f"sqlite:///{path}"
