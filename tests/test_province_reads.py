"""Province-only reads (issue 11): a report reads its province's rows, and the same document.

``Store.province_workspace`` reads only the rows of the provinces asked for (plus the plans
they align to); these tests check that it is exactly the part ``Workspace.for_province``
cuts from the whole year, for every province of the sample, and that the documents the
notebooks build through :func:`kpyj_lib.publish.open_document` (which now read that way)
are the documents of the whole year.
"""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from kpyj_lib import publish
from kpyj_lib.documents.lessons import build_lessons
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.exceptions import UnknownProvinceError
from kpyj_lib.reference import model_provinces
from kpyj_lib.render import charts, render_fragment
from kpyj_lib.store import Store

AS_OF = "2022-06-30"


@pytest.fixture(scope="module")
def store(sample_db):
    s = Store(sample_db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def whole(store):
    return store.workspace(2565)


def _same(a, b) -> None:
    assert a.source == b.source
    assert set(a.frames) == set(b.frames)
    for name in b.frames:
        pd.testing.assert_frame_equal(
            a[name].reset_index(drop=True), b[name].reset_index(drop=True), obj=name
        )


@pytest.mark.slow  # seconds: the whole sample or national data
def test_province_workspace_is_the_province_part_of_the_year(store, whole):
    assert len(whole.province_codes) == 77
    for code in whole.province_codes:
        _same(store.province_workspace(2565, code), whole.for_province(code))


def test_several_provinces_and_their_linked_units(store, whole):
    codes = ["83", *model_provinces()]
    part = store.province_workspace(2565, codes, source=store.display_url)
    _same(part, whole.for_provinces(codes))
    assert set(part["objectives"]["province_code"]) == set(model_provinces())
    linked = store.province_workspace(None, codes, linked_units=True)
    units = set(linked["units"]["id"])
    assert units > set(part["units"]["id"])  # a central unit a lesson names as evidence
    assert set(whole.for_provinces(codes, linked_units=True)["units"]["id"]) == units


def test_province_workspace_reads_only_the_province_rows(store):
    """Every query on a year-bound table filters: no whole-table read of another province."""
    seen: list[str] = []

    def remember(conn, cursor, statement, *args):
        seen.append(" ".join(statement.split()))

    sa.event.listen(store.engine, "before_cursor_execute", remember)
    try:
        part = store.province_workspace(2565, "83")
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", remember)
    assert set(part["objectives"]["province_code"]) == {"83"}
    for table in ("objectives", "key_results", "checkins", "kpis", "initiatives", "lessons"):
        reads = [q for q in seen if q.startswith("SELECT") and f"FROM {table} " in q + " "]
        assert reads, table
        assert all(" WHERE " in q for q in reads), reads


def test_bad_code_is_refused_before_reading(store):
    with pytest.raises(UnknownProvinceError):
        store.province_workspace(2565, "../../etc")


@pytest.fixture
def no_png(monkeypatch):
    # the charts are drawn from the same frames; the text is what is compared here
    monkeypatch.setattr(charts, "to_data_uri", lambda fig, dpi=150: "data:,")
    monkeypatch.setattr(charts, "to_svg", lambda fig: "<svg></svg>")


@pytest.mark.parametrize("code", ["83", "64", "48", "70", "10", "50"])
@pytest.mark.slow  # seconds: the whole sample or national data
def test_open_document_gives_the_documents_of_the_whole_year(no_png, sample_db, whole, code):
    province = publish.open_document("province", code, 2565, sample_db, AS_OF)
    expected = ProvinceReport.build(whole.for_province(code), code, AS_OF)
    assert render_fragment(province) == render_fragment(expected)
    lessons = publish.open_document("lessons", code, 2565, sample_db, AS_OF)
    assert render_fragment(lessons) == render_fragment(build_lessons(whole, code, AS_OF))
