"""Issue 17's acceptance check: a held-out first plan, filled from ``kpyj template`` as a new
user would (``tests/first_plan/``), through the ``kpyj`` command only.

Every test runs the CLI in a subprocess with ``KPYJ_HOME`` in a temporary folder (the store
is ``KPYJ_HOME/data/kpyj.sqlite``), then reads what it printed or wrote: the messages of
``kpyj validate``, the province report (HTML) and the lessons write-up (Word).

The plan: ลำปาง (52), fiscal year 2567, last check-ins on 31 มี.ค. 67 (the half year).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from first_plan import build_first_plan as fp
from first_plan.outputs import (
    HtmlReport,
    breaks_page,
    docx_blocks,
    docx_column_problems,
    docx_rows_that_split,
    heading_level,
    starts_new_page,
)
from html_text import html_text
from official_text import forbidden, latin_problems

pytestmark = pytest.mark.slow  # every test runs the kpyj command in subprocesses

STATUS_ON_TRACK = "เป็นไปตามแผน"
STATUS_BEHIND = ("ล่าช้ากว่าแผน", "มีความเสี่ยง")
#: What a reader takes as the stale-data warning (issue 17 point 5).
STALE_WORDS = (
    "คำเตือน",
    "ข้อมูลเก่า",
    "ไม่เป็นปัจจุบัน",
    "ไม่ทันสมัย",
    "เกินหนึ่งไตรมาส",
    "เกิน 1 ไตรมาส",
    "มากกว่าหนึ่งไตรมาส",
    "มากกว่า 1 ไตรมาส",
)
STALE_AS_OF = "2024-09-30"  # 30 ก.ย. 67: six months after the last check-in
EXECUTIVE_SUMMARY = "บทสรุปสำหรับผู้บริหาร"
#: One A4 page in TH Sarabun New 16 pt holds about 36 lines of about 70 characters.
ONE_PAGE_CHARS = 2500


# ---------------------------------------------------------------------------- the CLI
def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KPYJ_")}
    env["KPYJ_HOME"] = str(home)
    return env


def kpyj(home: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run ``kpyj args`` with ``KPYJ_HOME=home`` in ``home``."""
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        fp.kpyj_command(*args),
        env=_env(home),
        cwd=home,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def problem_lines(stderr: str) -> list[str]:
    """The problems ``kpyj validate`` listed (one ``  - `` line each)."""
    return [ln.strip()[2:] for ln in stderr.splitlines() if ln.startswith("  - ")]


@dataclass
class Plan:
    home: Path
    workbook: Path


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Plan:
    """The first plan written into the template ``kpyj template`` gave (no store yet)."""
    home = tmp_path_factory.mktemp("firstplan_home")
    workbook = fp.build_first_plan(home / "แผนแรก_ลำปาง_2567.xlsx", env=_env(home))
    return Plan(home, workbook)


@pytest.fixture(scope="module")
def imported(plan) -> Plan:
    """``kpyj init`` then ``kpyj import`` of the first plan (asserted to succeed)."""
    init = kpyj(plan.home, "init")
    assert init.returncode == 0, init.stderr
    run = kpyj(plan.home, "import", str(plan.workbook))
    assert run.returncode == 0, f"kpyj import refused the first plan:\n{run.stderr}"
    return plan


def _report(plan: Plan, name: str, *args: str) -> Path:
    out = plan.home / "reports" / name
    run = kpyj(
        plan.home, "reports", "--province", fp.PROVINCE, "--fy", str(fp.FISCAL_YEAR),
        "--out", str(out), "--no-progress", "--jobs", "1", *args,
    )  # fmt: skip
    assert run.returncode == 0, f"kpyj reports {' '.join(args)} failed:\n{run.stdout}\n{run.stderr}"
    return out / str(fp.FISCAL_YEAR) / fp.PROVINCE


@pytest.fixture(scope="module")
def half_year(imported) -> Path:
    """The province report and lessons write-up as of the half year (the last check-in)."""
    return _report(imported, "half_year", "--as-of", fp.AS_OF_HALF_YEAR, "--lessons")


@pytest.fixture(scope="module")
def report(half_year) -> HtmlReport:
    return HtmlReport((half_year / "analysis.html").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- the workbook
def test_builder_fills_the_template_by_header(plan):
    """The builder itself: every row typed, as Excel stores it, under the right header."""
    wb = openpyxl.load_workbook(plan.workbook)
    rows = fp.first_plan_rows()
    for sheet, typed in rows.items():
        ws = fp._sheet(wb, sheet)
        first = next(iter(typed[0]))
        header, cols = fp._header_row(ws, list(typed[0]))
        keys = [ws.cell(r, cols[first]).value for r in range(header + 1, ws.max_row + 1)]
        assert [k for k in keys if k is not None] == [r[first] for r in typed], sheet
    krs = fp._sheet(wb, "ผลลัพธ์หลัก")
    header, cols = fp._header_row(krs, ["id", "baseline", "target", "start_date", fp.MEASURE_TYPE])
    row = next(r for r in range(header + 1, krs.max_row + 1)
               if krs.cell(r, cols["id"]).value == fp.KR_PERCENT)  # fmt: skip
    base = krs.cell(row, cols["baseline"])
    assert base.value == pytest.approx(0.62) and "%" in base.number_format  # Excel's «62%»
    assert krs.cell(row, cols["start_date"]).value == "1 ต.ค. 66"
    if fp.MEASURE_TYPE in cols:  # the template offers the measure type: it is filled
        assert krs.cell(row, cols[fp.MEASURE_TYPE]).value == fp.LEVEL
    projects = fp._sheet(wb, "โครงการ")
    header, cols = fp._header_row(projects, ["id", "budget", "status"])
    values = {projects.cell(r, cols["id"]).value: (projects.cell(r, cols["budget"]).value,
                                                   projects.cell(r, cols["status"]).value)
              for r in range(header + 1, projects.max_row + 1)}  # fmt: skip
    assert values[fp.PROJECT_480K] == ("480,000 บาท", "กำลังดำเนินการ")
    assert ("350,000 บาท", "ยังไม่เริ่ม") in values.values()
    meta = fp._sheet(wb, "ข้อมูลชุดงาน")
    header, cols = fp._header_row(meta, ["key", "value"])
    facts = {meta.cell(r, cols["key"]).value: meta.cell(r, cols["value"]).value
             for r in range(header + 1, meta.max_row + 1)}  # fmt: skip
    assert facts["is_sample"] == "true" and "ข้อมูลทดสอบ" in facts["note_th"]  # marked as test data


# ---------------------------------------------------------------------------- validate
def test_validate_gives_at_most_a_handful_of_problems(plan):
    run = kpyj(plan.home, "validate", str(plan.workbook))
    problems = problem_lines(run.stderr)
    assert run.returncode in (0, 2), run.stderr
    assert len(problems) <= 3, f"{len(problems)} problems:\n" + "\n".join(problems[:12])
    for line in problems:  # each names file, sheet, row and column
        assert plan.workbook.name in line and "แถว/row" in line and "column" in line, line


def test_validate_creates_no_store(tmp_path):
    home = tmp_path / "home"
    workbook = fp.build_first_plan(tmp_path / "plan.xlsx", env=_env(home))
    for args in ((), ("--partial",)):
        run = kpyj(home, "validate", str(workbook), *args)
        assert run.returncode in (0, 2), run.stderr  # it checked the file (no crash)
        assert problem_lines(run.stderr) or "ไม่พบปัญหา" in run.stdout, (run.stdout, run.stderr)
    assert not (home / "data" / "kpyj.sqlite").exists()
    assert not (home / "data").exists()
    assert not [p for p in home.rglob("*") if p.suffix in (".sqlite", ".db")]


def test_validate_names_each_wrong_cell_with_the_accepted_forms(tmp_path):
    home = tmp_path / "home"
    workbook = fp.build_first_plan(tmp_path / "plan_wrong.xlsx", broken=True, env=_env(home))
    run = kpyj(home, "validate", str(workbook))
    assert run.returncode == 2, run.stdout
    problems = problem_lines(run.stderr)
    cells = fp.broken_cells(workbook)
    for sheet, row, header, value in cells:
        line = next(
            (p for p in problems if f"'{sheet}'" in p and f"row {row}," in p and value in p),
            None,
        )
        assert line is not None, f"{sheet} row {row} {value!r} not reported:\n{run.stderr}"
        assert workbook.name in line and header in line, line
        if "วันที่" in header:  # the accepted date forms, a Thai-month one among them
            forms = re.findall(
                r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
                r"|\d{1,2} [\u0e01-\u0e4e]{1,3}\.[\u0e01-\u0e4e]{1,3}\. ?\d{2,4}",
                line,
            )
            assert len(forms) >= 2 and any("." in f for f in forms), line
        else:  # the accepted forms of money: a number with thousands separators
            assert re.search(r"\d{1,3}(,\d{3})+", line), line
    assert len(problems) <= len(cells) + 3, "\n".join(problems)  # the wrong cells, little else


# ---------------------------------------------------------------------------- import
def test_import_succeeds(imported):
    store = imported.home / "data" / "kpyj.sqlite"
    assert store.exists()
    info = kpyj(imported.home, "info")
    assert info.returncode == 0 and str(fp.FISCAL_YEAR) in info.stdout, info.stdout


# ---------------------------------------------------------------------------- the report
def _kr_row(report: HtmlReport, kr: str) -> list[str]:
    row = report.row(kr, header_has="สถานะ")
    assert row is not None, f"{kr} is not in a progress table"
    return row


def _percents(row: list[str]) -> list[float]:
    """The percentages a table row shows («53%», «ร้อยละ 53», «-60 %»)."""
    out = []
    for c in row:
        m = re.fullmatch(r"(?:ร้อยละ\s?)?([-−]?[\d,]+(?:\.\d+)?)\s?%?", c)
        if m and ("%" in c or "ร้อยละ" in c):
            out.append(float(m.group(1).replace(",", "").replace("−", "-")))
    return out


def test_cumulative_kr_half_year_value_is_on_track(report):
    row = _kr_row(report, fp.KR_CUMULATIVE)  # 850 → 1,200, 640 after six months
    text = " ".join(row)
    assert STATUS_ON_TRACK in text, row
    assert "ถอยหลัง" not in text and not any(s in text for s in STATUS_BEHIND), row
    assert _percents(row) and min(_percents(row)) > 0, row  # neither 0 % nor regressed


def test_decreasing_kr_half_year_value_is_behind(report):
    row = _kr_row(report, fp.KR_DECREASING)  # 310 → 250, 148 after six months (≈ 296 a year)
    text = " ".join(row)
    assert any(s in text for s in STATUS_BEHIND), row
    assert STATUS_ON_TRACK not in text and "เกินเป้า" not in text, row
    assert 100 not in _percents(row), row  # not «100 %, exceeded»


def test_percentages_and_numbers_read_as_typed(report):
    text = html_text(report.html)
    assert "ร้อยละ 62" in text  # the baseline typed «62%»
    assert "0.62" not in text and "0.85" not in text
    row = " ".join(_kr_row(report, fp.KR_CUMULATIVE))
    assert re.search(r"(?<![\d,.])640(?![\d.,])", row), row
    assert "640.0" not in text
    assert forbidden(text) == []  # no «3400.0», no file names for source documents


def test_progress_table_has_unit_baseline_target_and_date_of_latest_value(report):
    row = " ".join(_kr_row(report, fp.KR_CUMULATIVE))
    for expected in ("850", "1,200", "คน", "640"):
        assert expected in row, (expected, row)
    assert re.search(r"31 (มีนาคม|มี\.ค\.) (25)?67", row), row


def test_objective_descriptions_are_shown_with_the_users_note(report):
    text = html_text(report.html)
    assert fp.OBJECTIVE_NOTE in text
    assert "ขยายบริการให้คำปรึกษาทางกฎหมาย" in text  # another objective's description


def test_project_table(report):
    row = report.row(fp.PROJECT_480K) or next(
        (r for r in report.rows("โครงการคลินิกยุติธรรมเคลื่อนที่") if any("สถานะ" in c or
         "ดำเนินการ" in c for c in r)), None)  # fmt: skip
    assert row is not None, "no project table row for the 480,000-baht project"
    text = " ".join(row)
    assert "480,000" in text  # budget (typed «480,000 บาท»)
    assert "212,500" in text  # disbursed
    assert "งบพัฒนาจังหวัด" in text  # source
    assert "อยู่ระหว่างดำเนินการ" in text or "กำลังดำเนินการ" in text  # status, in Thai
    assert re.search(r"31 (ธันวาคม|ธ\.ค\.) (25)?67", text), text  # end date
    assert fp.KR_CUMULATIVE in text or "จำนวนประชาชนที่ได้รับบริการ" in text  # what it delivers
    planned = [r for r in report.rows("โครงการครอบครัวอบอุ่น") if "350,000" in " ".join(r)]
    assert any("ยังไม่เริ่ม" in " ".join(r) for r in planned), planned  # «ยังไม่เริ่ม» typed


def _priorities(report: HtmlReport) -> list[str]:
    text = report.section("ข้อค้นพบ")
    found = re.findall(r"ความสำคัญ\s*:?\s*\]?\s*(สูง|ปานกลาง|ต่ำ)", text)
    if len(found) <= 1:  # a table with a priority column
        for table in report.tables:
            head = table[0]
            col = next((i for i, c in enumerate(head) if "ความสำคัญ" in c), None)
            if col is not None:
                found = [r[col] for r in table[1:] if len(r) > col]
                break
    return found


def test_findings_lead_with_the_high_ones_and_keep_the_rest_in_an_appendix(report):
    order = _priorities(report)
    rank = {"สูง": 0, "ปานกลาง": 1, "ต่ำ": 2}
    assert order and order[0] == "สูง", order
    assert [rank[p] for p in order] == sorted(rank[p] for p in order), order
    # KR-52-02-1 runs over its ceiling for the year: a finding (main list or appendix)
    at = next(i for i, (h, _) in enumerate(report.sections) if "ข้อค้นพบ" in h)
    assert fp.KR_DECREASING in " ".join(t for _, t in report.sections[at:])
    headings = [t for _, t in report.headings]
    findings_at = next(i for i, t in enumerate(headings) if "ข้อค้นพบ" in t)
    assert any("ภาคผนวก" in t for t in headings[findings_at + 1 :]), headings


def _main_findings(report: HtmlReport) -> list[str]:
    """The findings listed in the findings section (list items, else table rows)."""
    items = [t for h, t in report.items if "ข้อค้นพบ" in h]
    if items:
        return items
    return [
        " ".join(row)
        for table, h in zip(report.tables, report.table_sections, strict=True)
        if "ข้อค้นพบ" in h
        for row in table[1:]
    ]


def test_findings_group_what_repeats_into_one_line(report):
    findings = _main_findings(report)
    assert findings
    ids = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
    shapes = [re.sub(r"\d+", "#", ids.sub("<id>", f.split("ข้อเสนอแนะ")[0])) for f in findings]
    repeated = {s for s in shapes if shapes.count(s) > 1}
    assert not repeated, [f for f, s in zip(findings, shapes, strict=True) if s in repeated]


def test_report_is_thai_only_with_kpis_labelled_in_thai(report):
    text = html_text(report.html)
    assert latin_problems(text) == []
    assert "มิติด้านคุณภาพการให้บริการ" in text
    assert not re.search(r"\b(service_quality|effectiveness|efficiency|organisation)\b", text)


def test_no_stale_warning_at_the_date_of_the_last_checkin(report):
    text = html_text(report.html)
    assert not [w for w in STALE_WORDS if w in text]


def test_stale_warning_when_as_of_is_a_quarter_after_the_last_checkin(imported):
    folder = _report(imported, "stale", "--as-of", STALE_AS_OF)
    text = html_text((folder / "analysis.html").read_text(encoding="utf-8"))
    assert [w for w in STALE_WORDS if w in text], text[:1500]
    assert re.search(r"31 มีนาคม 2567", text), "the warning names the last check-in"


def test_no_stale_warning_without_as_of(imported):
    folder = _report(imported, "default")
    text = html_text((folder / "analysis.html").read_text(encoding="utf-8"))
    assert not [w for w in STALE_WORDS if w in text], text[:1500]
    assert "31 มีนาคม 2567" in text  # the date used is said (that of the last check-in)


# ---------------------------------------------------------------------------- the Word file
@pytest.fixture(scope="module")
def lessons_docx(half_year):
    import docx

    path = half_year / "lessons.docx"
    assert path.exists(), list(half_year.iterdir())
    return docx.Document(str(path))


def _looks_like_a_heading(paragraph) -> bool:
    """A heading level, a heading or title style, or bold throughout."""
    name = paragraph.style.name if paragraph.style is not None else ""
    runs = [r for r in paragraph.runs if r.text.strip()]
    return (
        heading_level(paragraph) is not None
        or "Heading" in name
        or "Title" in name
        or (bool(runs) and all(r.bold for r in runs))
    )


def test_lessons_docx_opens_with_a_one_page_executive_summary(lessons_docx):
    blocks = docx_blocks(lessons_docx)
    at = next(
        (i for i, (k, b) in enumerate(blocks) if k == "p" and b.text.strip() == EXECUTIVE_SUMMARY),
        None,
    )
    assert at is not None, "no «บทสรุปสำหรับผู้บริหาร»"
    assert _looks_like_a_heading(blocks[at][1])
    before = blocks[:at]  # only the title block: no table, no heading of the body
    assert not [k for k, _ in before if k == "tbl"]
    assert not [b.text for k, b in before if k == "p" and heading_level(b) is not None]
    main = next(
        (i for i in range(at + 1, len(blocks))
         if blocks[i][0] == "p" and heading_level(blocks[i][1]) == 1),
        None,
    )  # fmt: skip
    assert main is not None, "the summary is the whole document"
    between = blocks[at + 1 : main]
    new_page = starts_new_page(blocks[main][1]) or any(
        k == "p" and breaks_page(b) for k, b in between
    )
    assert new_page, "the main part starts on a new page after the summary"
    chars = 0
    for k, b in between:
        texts = [b.text] if k == "p" else [c.text for row in b.rows for c in row.cells]
        chars += sum(len(re.sub(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\s]", "", t)) for t in texts)
    assert chars <= ONE_PAGE_CHARS, f"the summary holds {chars} characters"


def test_lessons_docx_columns_fit_their_longest_thai_word(lessons_docx):
    assert lessons_docx.tables
    problems = docx_column_problems(lessons_docx)
    assert not problems, "\n".join(problems[:20])


def test_lessons_docx_table_rows_do_not_split(lessons_docx):
    assert lessons_docx.tables
    problems = docx_rows_that_split(lessons_docx)
    assert not problems, "\n".join(problems[:20])
