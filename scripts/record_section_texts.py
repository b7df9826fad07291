"""Record the text of every section of the province report and the weekly directives
print-out, as the code of commit 998dbbe rendered them (f-string HTML), into
``tests/fixtures/section_texts_998dbbe.json``.

``tests/test_render_province.py`` compares the Jinja2 templates' output with this record.
It was run once, in a checkout of 998dbbe (the modules it calls were replaced after it)::

    git worktree add /tmp/kpyj-998dbbe 998dbbe
    cd /tmp/kpyj-998dbbe && python <this checkout>/scripts/record_section_texts.py \\
        <this checkout>/tests/fixtures/section_texts_998dbbe.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROVINCES = ("64", "48", "83", "70")
#: the week of the notebook test (a late report), a week with a completed directive, one with
#: a missing report
WEEKS = ("2022-01-24", "2022-02-07", "2022-02-14")


def main(out: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from html_text import html_text
    from kpyj_lib.report import SECTIONS, ProvinceReport

    from kpyj_lib import directives_html as dh
    from kpyj_lib import report_html as rh
    from kpyj_lib.io import read_workbook
    from kpyj_lib.paths import SAMPLE_WORKBOOK
    from kpyj_lib.workspace import Workspace

    ws = Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)
    record: dict = {"commit": "998dbbe", "province": {}, "directives": {}}
    for code in PROVINCES:
        rep = ProvinceReport.build(ws, code)
        texts = {"title": html_text(rh.render_title(rep))}
        texts |= {k: html_text(rh.render_section(rep, k)) for k, _, _ in SECTIONS}
        record["province"][code] = texts
    for week in WEEKS:
        view = dh.WeeklyView.build(ws, week)
        record["directives"][week] = {
            k: html_text(dh.render_section(view, k)) for k, _, _ in dh.SECTIONS
        }
    out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
