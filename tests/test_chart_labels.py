"""Thai chart labels wrap at word boundaries (issue 12) instead of being cut with «…»."""

from __future__ import annotations

import pytest
from matplotlib.text import Text

from kpyj_lib.analysis import kr_progress
from kpyj_lib.examples import TINY_FISCAL_YEAR, tiny_tables
from kpyj_lib.graph import build_graph
from kpyj_lib.render import charts
from kpyj_lib.render.charts import theme
from kpyj_lib.workspace import Workspace

LONG = "ร้อยละของผู้ต้องขังที่ได้รับการฝึกอาชีพและมีงานทำหลังพ้นโทษภายในหนึ่งปี"


def _words(text: str) -> set[str]:
    from pythainlp.tokenize import word_tokenize

    return {w for w in word_tokenize(text, engine="newmm") if w.strip()}


def _on_word_boundaries(lines: list[str], text: str) -> bool:
    """True when the lines are ``text`` cut only between pythainlp's words."""
    from pythainlp.tokenize import word_tokenize

    bounds, pos = {0}, 0
    for w in word_tokenize(text, engine="newmm", keep_whitespace=True):
        pos += len(w)
        bounds.add(pos)
    cuts, pos = set(), 0
    joined = ""
    for line in lines:
        start = text.index(line, pos)
        joined += text[pos:start] + line
        cuts |= {start, start + len(line)}
        pos = start + len(line)
    return joined == text[: len(joined)] and cuts <= bounds


@pytest.mark.slow  # seconds: the whole sample or national data
def test_wrap_breaks_thai_between_words():
    lines = theme._wrap(LONG, 120, max_lines=4)
    assert len(lines) > 1
    assert "".join(lines) == LONG  # nothing cut, nothing added
    assert not any(line.endswith("…") for line in lines)
    assert _on_word_boundaries(lines, LONG)
    assert all(theme._width_pt(line, 9) <= 120 for line in lines)


def test_fit_never_cuts_a_thai_word():
    short = theme._fit(LONG, 100)
    assert short.endswith("…")
    assert _on_word_boundaries([short[:-1]], LONG)


def test_wrap_without_pythainlp_falls_back_to_spaces(monkeypatch):
    theme._word_tokenizer.cache_clear()
    theme._words.cache_clear()
    monkeypatch.setattr(theme, "_word_tokenizer", lambda: None)
    try:
        assert theme._words("ลดการกระทำผิดซ้ำ ในจังหวัด") == ("ลดการกระทำผิดซ้ำ ", "ในจังหวัด")
        assert theme._wrap("ระดับหน่วยงาน (องค์การ)", 60) == ["ระดับหน่วยงาน", "(องค์การ)"]
    finally:
        theme._words.cache_clear()


def _graph_with_long_kr():
    t = tiny_tables()
    t["key_results"].append(
        {
            "id": "KR-83-01-9",
            "objective_id": "OBJ-83-01",
            "title_th": LONG,
            "baseline": 0.0,
            "target": 10.0,
            "direction": "up",
            "weight": 1.0,
        }
    )
    return Workspace.from_tables(t, TINY_FISCAL_YEAR)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_label_longer_than_its_box_wraps_in_the_alignment_graph():
    fig = charts.alignment_graph(build_graph(_graph_with_long_kr()), "83", compact=False)
    texts = [t.get_text() for t in fig.axes[0].texts]
    label = next(t for t in texts if t.startswith("ร้อยละของผู้ต้องขัง"))
    lines = label.split("\n")
    assert len(lines) == 2  # longer than its box: two lines, not one cut line
    assert theme._width_pt(LONG, 9) > max(theme._width_pt(line, 9) for line in lines)
    box_w_pt = (
        max(
            p.get_width()
            for p in fig.axes[0].patches
            if (p.get_gid() or "") == "node:key_result:KR-83-01-9"
        )
        * 72
    )
    assert all(theme._width_pt(line.rstrip("…"), 9) <= box_w_pt for line in lines)
    whole = "".join(lines).rstrip("…")
    assert LONG.startswith(whole)
    assert _on_word_boundaries([whole], LONG)  # a cut, if any, is after a whole word


def test_a_long_kr_title_wraps_on_the_progress_bars():
    ws = _graph_with_long_kr()
    fig = charts.kr_progress_bars(kr_progress(ws, "2022-03-31"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    label = next(t for t in labels if t.startswith("ร้อยละของผู้ต้องขัง"))
    title_lines = label.split("\n")[:-1]  # the last line is the KR id
    assert len(title_lines) == 2 and label.split("\n")[-1] == "KR-83-01-9"
    assert "".join(title_lines) == LONG  # wrapped whole, no «…»
    assert _on_word_boundaries(title_lines, LONG)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
    assert min(sizes) >= 9
