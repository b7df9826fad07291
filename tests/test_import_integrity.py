"""Issue 16: data integrity at the door of the workbook import.

Each section is one numbered point of the issue, tried on real xlsx/CSV files (mostly a copy
of the sample workbook edited with openpyxl) against a real SQLite store. Every refused file
must name its sheet, row and column, and leave the store exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import to_excel

from kpyj_lib.calendar import BANGKOK
from kpyj_lib.cli import main
from kpyj_lib.exceptions import ImportValidationError, Problem
from kpyj_lib.io import (
    check_workbook,
    import_workbook,
    read_workbook,
    validate_workbook,
    write_template,
)
from kpyj_lib.io.reader import read_raw
from kpyj_lib.io.spec import header_text
from kpyj_lib.model import ENTITIES
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.store import Store
from kpyj_lib.text import INVISIBLE_MARK, normalize_text, visible

SHEET = {name: ent.sheet_th for name, ent in ENTITIES.items()}


# --------------------------------------------------------------------------- helpers
def sample_copy(tmp_path: Path, name: str = "edited.xlsx") -> Path:
    path = tmp_path / name
    shutil.copy(SAMPLE_WORKBOOK, path)
    return path


def edit(path: Path, fn) -> Path:
    """Open the workbook with openpyxl, change it with ``fn(wb)``, save it back."""
    wb = load_workbook(path)
    fn(wb)
    wb.save(path)
    return path


def col_of(ws, name: str) -> int:
    for cell in ws[1]:
        if str(cell.value).endswith(f"({name})"):
            return cell.column
    raise KeyError(name)


def row_of(ws, key: str) -> int:
    for cell in ws["A"]:
        if cell.value == key:
            return cell.row
    raise KeyError(key)


def letter_of(ws, name: str) -> str:
    return ws.cell(row=1, column=col_of(ws, name)).column_letter


def header(entity: str, column: str) -> str:
    return header_text(ENTITIES[entity].column(column))


def find(problems: list[Problem], text: str = "", **place: Any) -> Problem:
    hits = [
        p
        for p in problems
        if text in p.message and all(getattr(p, k) == v for k, v in place.items())
    ]
    assert hits, f"no problem with {text!r} {place} in:\n" + "\n".join(map(str, problems))
    return hits[0]


def records_by_key(path: Path, entity: str) -> dict[tuple[str, ...], Any]:
    ent = ENTITIES[entity]
    return {tuple(str(getattr(r, k)) for k in ent.key): r for r in read_workbook(path)[entity]}


def refused(path: Path, store: Store, snap, **kw) -> list[Problem]:
    """Import must be refused and the store left exactly as it was."""
    before = snap(store)
    with pytest.raises(ImportValidationError) as exc:
        import_workbook(path, store, **kw)
    assert snap(store) == before
    return exc.value.problems


_RAW_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b|Traceback|\\u[0-9a-f]{4}")


def assert_clerk_readable(problems: list[Problem]) -> None:
    """No Python exception text, no escaped code points, no raw invisible characters."""
    for p in problems:
        text = str(p)
        assert not _RAW_EXCEPTION.search(text), text
        assert not any(ch in text for ch in ("\u200b", "\ufeff", "\x00")), text


@pytest.fixture
def sample_store(sample_db_copy) -> Store:
    s = Store(sample_db_copy)
    yield s
    s.close()


# =========================================================================== 1. BE dates
@pytest.mark.slow  # seconds: the whole sample or national data
def test_buddhist_era_years_in_date_cells_are_converted(tmp_path):
    """30/9/2565 typed into Excel is a real date in 2565 AD: it means 2022."""
    path = sample_copy(tmp_path)
    first_ci, second_ci = "CI-64-01-1-202110", "CI-64-01-1-202111"
    wr1, wr2 = "WR-2565-01-OJA-20220110", "WR-2565-01-OJA-20220117"

    def change(wb):
        krs = wb[SHEET["key_results"]]
        krs.cell(row_of(krs, "KR-64-01-1"), col_of(krs, "due_date")).value = dt.datetime(
            2565, 9, 30
        )
        cis = wb[SHEET["checkins"]]
        cis.cell(row_of(cis, first_ci), col_of(cis, "date")).value = dt.datetime(2564, 10, 25)
        # a date cell whose format was lost: a bare serial number of a BE date
        cis.cell(row_of(cis, second_ci), col_of(cis, "date")).value = to_excel(
            dt.datetime(2564, 11, 25)
        )
        wrs = wb[SHEET["weekly_reports"]]
        sub = col_of(wrs, "submitted_at")
        wrs.cell(row_of(wrs, wr1), sub).value = dt.datetime(2565, 1, 14, 10, 40)
        wrs.cell(row_of(wrs, wr2), sub).value = "2565-01-19 16:20"  # ISO text, BE year

    edit(path, change)
    assert validate_workbook(path) == []
    krs = records_by_key(path, "key_results")
    assert krs[("KR-64-01-1",)].due_date == dt.date(2022, 9, 30)
    cis = records_by_key(path, "checkins")
    assert cis[(first_ci,)].date == dt.date(2021, 10, 25)
    assert cis[(second_ci,)].date == dt.date(2021, 11, 25)
    wrs = records_by_key(path, "weekly_reports")
    assert wrs[(wr1,)].submitted_at == dt.datetime(2022, 1, 14, 10, 40, tzinfo=BANGKOK)
    assert wrs[(wr2,)].submitted_at == dt.datetime(2022, 1, 19, 16, 20, tzinfo=BANGKOK)


@pytest.mark.slow  # seconds: the whole sample or national data
def test_dates_outside_the_workspace_are_refused_naming_the_cell(
    tmp_path, sample_store, store_snapshot
):
    path = sample_copy(tmp_path)
    ids = ["CI-64-01-1-202110", "CI-64-01-1-202111", "CI-64-01-1-202112", "CI-64-01-1-202201"]
    rows: dict[str, int] = {}

    def change(wb):
        cis = wb[SHEET["checkins"]]
        c = col_of(cis, "date")
        for i in ids:
            rows[i] = row_of(cis, i)
        # 29 Feb 2564 exists in 2564 AD but not in BE 2564 (2021 is not a leap year)
        cis.cell(rows[ids[0]], c).value = dt.datetime(2564, 2, 29)
        cis.cell(rows[ids[1]], c).value = dt.datetime(2099, 3, 15)  # far after FY 2565 (and now)
        cis.cell(rows[ids[2]], c).value = "15/03/2642"  # BE text, also 2099
        cis.cell(rows[ids[3]], c).value = dt.datetime(1980, 1, 1)
        wrs = wb[SHEET["weekly_reports"]]
        wrs.cell(
            row_of(wrs, "WR-2565-01-OJA-20220110"), col_of(wrs, "submitted_at")
        ).value = dt.datetime(2122, 1, 14, 10, 40)
        votes = wb[SHEET["votes"]]  # a year far beyond any BE year in use (found by Hypothesis)
        votes.cell(2, col_of(votes, "created_at")).value = dt.date(8282, 8, 14)

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    column = header("checkins", "date")
    find(problems, "2564", sheet=SHEET["checkins"], row=rows[ids[0]], column=column)
    for i in ids[1:]:
        find(problems, "2565", sheet=SHEET["checkins"], row=rows[i], column=column)
    find(
        problems,
        "2565",
        sheet=SHEET["weekly_reports"],
        column=header("weekly_reports", "submitted_at"),
    )
    find(problems, "7739", sheet=SHEET["votes"], row=2, column=header("votes", "created_at"))
    assert_clerk_readable(problems)


# =========================================================================== 2. keys
@pytest.mark.slow  # seconds: the whole sample or national data
def test_key_with_a_zero_width_space_collides_with_the_same_key(
    tmp_path, sample_store, store_snapshot
):
    path = sample_copy(tmp_path)
    place: dict[str, int] = {}

    def change(wb):
        ws = wb[SHEET["objectives"]]
        place["orig"] = row_of(ws, "OBJ-64-02")
        values = [c.value for c in ws[place["orig"]]]
        values[0] = "OBJ-64-02\u200b"
        ws.append(values)
        place["copy"] = ws.max_row

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    p = find(problems, "OBJ-64-02", sheet=SHEET["objectives"], row=place["copy"])
    assert str(place["orig"]) in p.message and str(place["copy"]) in p.message
    assert INVISIBLE_MARK in p.message  # shown visibly, never as \u200b
    assert_clerk_readable(problems)


@pytest.mark.slow  # seconds: the whole sample or national data
def test_thai_tone_mark_typed_before_the_vowel_is_the_same_voter(
    tmp_path, sample_store, store_snapshot
):
    path = sample_copy(tmp_path)
    place: dict[str, int] = {}

    def change(wb):
        ws = wb[SHEET["votes"]]
        place["orig"] = 2
        ws.cell(2, col_of(ws, "voter")).value = "นายที่ดี"  # ท + ี + ่ (as typed normally)
        ws.append([ws.cell(2, 1).value, "นายท\u0e48\u0e35ดี", None])  # ท + ่ + ี (looks the same)
        place["copy"] = ws.max_row

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    p = find(problems, "นายที่ดี", sheet=SHEET["votes"], row=place["copy"])
    assert str(place["orig"]) in p.message


@pytest.mark.slow  # seconds: the whole sample or national data
def test_invisible_and_decomposed_characters_are_normalised_in_every_column(tmp_path):
    path = sample_copy(tmp_path)

    def change(wb):
        krs = wb[SHEET["key_results"]]
        r = row_of(krs, "KR-64-01-1")
        krs.cell(r, col_of(krs, "objective_id")).value = "\ufeffOBJ-64-01\u200b "  # a reference
        krs.cell(r, col_of(krs, "unit_of_measure")).value = "ร\u0e49\u0e2d\u0e22ละ\u200d"
        krs.cell(r, col_of(krs, "title_th")).value = "ผ\u0e49\u0e39ต\u0e49\u0e2dงห\u0e32\u2060"

    edit(path, change)
    assert validate_workbook(path) == []
    kr = records_by_key(path, "key_results")[("KR-64-01-1",)]
    assert kr.objective_id == "OBJ-64-01"
    assert kr.unit_of_measure == "ร้อยละ"
    assert kr.title_th == "ผู้ต้องหา"
    # control characters cannot be in an xlsx cell, but they can be in a CSV file
    csv = tmp_path / "objectives.csv"
    heads = ",".join(c.name for c in ENTITIES["objectives"].columns)
    csv.write_text(f"{heads}\nO1\x07,2565,83,,,ลด\x1bการกระทำผิดซ้ำ\u200b,,,\n", encoding="utf-8")
    (obj,) = read_workbook(csv, partial=True)["objectives"]
    assert (obj.id, obj.title_th) == ("O1", "ลดการกระทำผิดซ้ำ")


def test_normalize_text_and_visible():
    assert normalize_text("ท\u0e48\u0e35") == "ที่" == normalize_text("ที่")
    assert normalize_text("น\u0e4d\u0e49\u0e32") == "น้ำ" == normalize_text("น\u0e49\u0e4d\u0e32")
    assert normalize_text("ก\u0e48\u0e48") == "ก่"  # a doubled tone mark renders as one
    assert normalize_text(" a\u200bb\u00a0c\r\nd ") == "ab c\nd"
    assert normalize_text("e\u0301") == "é"
    assert visible("OBJ\u200b-1") == f"OBJ{INVISIBLE_MARK}-1"
    assert "\\u" not in visible("a\x07b\ufeff")


# =========================================================================== 3. merged cells
@pytest.mark.parametrize("column", ["how_th", "title_th"])  # optional, required
@pytest.mark.slow  # seconds: the whole sample or national data
def test_merged_cells_across_data_rows_are_refused_naming_the_range(
    tmp_path, sample_store, store_snapshot, column
):
    path = sample_copy(tmp_path)
    place: dict[str, Any] = {}

    def change(wb):
        ws = wb[SHEET["key_results"]]
        r = row_of(ws, "KR-64-01-1")
        letter = letter_of(ws, column)
        place["row"], place["range"] = r, f"{letter}{r}:{letter}{r + 1}"
        ws.merge_cells(place["range"])

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    p = find(problems, place["range"], sheet=SHEET["key_results"], row=place["row"])
    assert "merged" in p.message
    assert not [q for q in problems if "required cell is empty" in q.message]


# =========================================================================== 4. far away cell
def _far_formatted(tmp_path: Path, coordinate: str) -> Path:
    path = sample_copy(tmp_path, f"far-{coordinate}.xlsx")

    def change(wb):
        wb[SHEET["objectives"]][coordinate].fill = PatternFill("solid", fgColor="FFFF00")

    return edit(path, change)


@pytest.mark.slow  # seconds: the whole sample or national data
def test_one_formatted_cell_far_away_costs_nothing(tmp_path):
    far = _far_formatted(tmp_path, "XFD1048576")
    sample_raw = read_raw(SAMPLE_WORKBOOK)
    far_raw = read_raw(far)
    # the reader visits the cells that exist, not the rectangle up to XFD1048576
    assert far_raw.cells_read <= sample_raw.cells_read + 1
    t0 = time.perf_counter()
    assert validate_workbook(SAMPLE_WORKBOOK) == []
    t_sample = time.perf_counter() - t0
    t0 = time.perf_counter()
    assert validate_workbook(far) == []
    t_far = time.perf_counter() - t0
    assert t_far < 5 * t_sample + 2.0, (t_far, t_sample)


# =========================================================================== 5. alignment DAG
@pytest.mark.slow  # seconds: the whole sample or national data
def test_alignment_self_loop_and_cycle_are_refused_with_their_rows(
    tmp_path, sample_store, store_snapshot
):
    path = sample_copy(tmp_path)
    place: dict[str, int] = {}

    def change(wb):
        ws = wb[SHEET["alignments"]]
        ws.append(["plan_item", "S-PP-83-1", "S-PP-83-1", "ตัวเอง"])
        place["self"] = ws.max_row
        place["up"] = next(
            r
            for r in range(2, ws.max_row + 1)
            if ws.cell(r, 2).value == "S-PP-64-1" and ws.cell(r, 3).value == "S-CP-N1-1"
        )
        ws.append(["plan_item", "S-CP-N1-1", "S-PP-64-1", "ย้อนกลับ"])
        place["back"] = ws.max_row

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    p = find(problems, "S-PP-83-1", sheet=SHEET["alignments"], row=place["self"])
    assert "cycle" in p.message or "itself" in p.message
    p = find(problems, "S-CP-N1-1", sheet=SHEET["alignments"])
    assert "cycle" in p.message
    assert str(place["up"]) in p.message and str(place["back"]) in p.message


def test_alignment_cycle_closed_through_the_store(tmp_path, sample_store, store_snapshot):
    path = tmp_path / "one.xlsx"
    from kpyj_lib.io import write_workbook

    write_workbook(
        {
            "alignments": [
                {"source_type": "plan_item", "source_id": "S-CP-N1-1", "plan_item_id": "S-PP-64-1"}
            ]
        },
        path,
    )
    problems = refused(path, sample_store, store_snapshot, partial=True)
    p = find(problems, "S-PP-64-1", sheet=SHEET["alignments"], row=2)
    assert "cycle" in p.message


# =========================================================================== 6. messages
@pytest.mark.slow  # seconds: the whole sample or national data
def test_a_title_line_above_the_header_is_one_message(tmp_path, sample_store, store_snapshot):
    path = sample_copy(tmp_path)

    def change(wb):
        ws = wb[SHEET["objectives"]]
        ws.insert_rows(1)
        ws["A1"] = "วัตถุประสงค์ของ กพยจ. ปีงบประมาณ 2565"

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    mine = [p for p in problems if p.sheet == SHEET["objectives"]]
    assert len(mine) == 1, "\n".join(map(str, mine))
    assert mine[0].row == 1 and "title" in mine[0].message and "2" in mine[0].message


@pytest.mark.slow  # seconds: the whole sample or national data
def test_formulas_dragged_down_to_blank_rows_are_named_first(
    tmp_path, sample_store, store_snapshot
):
    path = sample_copy(tmp_path)
    place: dict[str, int] = {}

    def change(wb):
        ws = wb[SHEET["checkins"]]
        last = ws.max_row
        place["first"], place["last"] = last + 1, last + 40
        letter = letter_of(ws, "value")
        for r in range(last + 1, last + 41):
            ws[f"{letter}{r}"] = f'=IF(A{r}="","",{letter}{r - 1}*1)'

    edit(path, change)
    problems = refused(path, sample_store, store_snapshot, replace=True)
    mine = [p for p in problems if p.sheet == SHEET["checkins"]]
    assert len(mine) == 1, "\n".join(map(str, mine[:5]))
    p = mine[0]
    assert p.row == place["first"] and "formula" in p.message
    assert str(place["last"]) in p.message


@pytest.mark.slow  # seconds: the whole sample or national data
def test_a_truncated_download_is_called_damaged(tmp_path, sample_store, store_snapshot):
    path = tmp_path / "half.xlsx"
    data = SAMPLE_WORKBOOK.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    problems = refused(path, sample_store, store_snapshot)
    assert len(problems) == 1
    assert "damaged" in problems[0].message and "renamed" not in problems[0].message


def test_a_zip_that_is_not_a_workbook_shows_no_python_exception(tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    problems = validate_workbook(path)
    assert len(problems) == 1
    assert_clerk_readable(problems)


def _template_csv_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "csv"
    folder.mkdir()
    for ent in ENTITIES.values():
        line = ",".join(f'"{header_text(c)}"' for c in ent.columns)
        (folder / f"{ent.name}.csv").write_text(line + "\n", encoding="utf-8")
    return folder


def test_a_csv_with_a_bad_byte_names_its_row_and_nothing_else(tmp_path):
    folder = _template_csv_folder(tmp_path)
    assert validate_workbook(folder) == []
    heads = ",".join(header_text(c) for c in ENTITIES["objectives"].columns)
    good = "O1,2565,83,,,ลดการกระทำผิดซ้ำ,,,\n".encode()
    bad = b"O2,2565,83,,,\xff\xfe broken,,,\n"
    (folder / "objectives.csv").write_bytes(heads.encode() + b"\n" + good + bad)
    problems = validate_workbook(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))  # no "missing file" besides
    p = problems[0]
    assert p.row == 3 and p.sheet == "objectives"
    assert_clerk_readable(problems)


@pytest.mark.slow  # seconds: the whole sample or national data
def test_hidden_sheets_are_imported_with_a_notice(tmp_path, capsys):
    path = sample_copy(tmp_path)

    def change(wb):
        wb[SHEET["objectives"]].sheet_state = "hidden"

    edit(path, change)
    check = check_workbook(path)
    assert check.problems == []
    assert len(check.records["objectives"]) == len(read_workbook(SAMPLE_WORKBOOK)["objectives"])
    notice = find(check.notices, "hidden", sheet=SHEET["objectives"])
    assert "ซ่อน" in notice.message
    assert main(["--db", f"sqlite:///{tmp_path}/none.sqlite", "validate", str(path)]) == 0
    assert "hidden" in capsys.readouterr().out


# =========================================================================== 7. destructive
def _db(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.mark.slow  # seconds: the whole sample or national data
def test_replace_with_the_blank_template_asks_for_yes_and_is_restorable(
    tmp_path, sample_db_copy, capsys
):
    from kpyj_lib.store.backup import logical_dump

    template = write_template(tmp_path / "blank.xlsx")
    store = Store(sample_db_copy)
    before = logical_dump(store)
    user_rows = sum(store.counts().values())
    counts = store.counts()  # what the replace must list, per sheet

    assert main(["--db", sample_db_copy, "import", "--replace", str(template)]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "--yes" in text
    assert counts["objectives"] > 0 and counts["checkins"] > 0
    assert f"{ENTITIES['objectives'].sheet_th} (objectives): {counts['objectives']:,}" in text
    assert logical_dump(store) == before  # nothing deleted without --yes

    assert main(["--db", sample_db_copy, "import", "--replace", "--yes", str(template)]) == 0
    out = capsys.readouterr().out
    assert f"{ENTITIES['checkins'].sheet_th} (checkins): {counts['checkins']:,}" in out
    assert sum(store.counts().values()) < user_rows / 10
    backups = sorted((_db(sample_db_copy).parent / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and str(backups[0]) in out

    assert main(["--db", sample_db_copy, "restore", str(backups[0])]) == 0
    assert logical_dump(store) == before
    store.close()


@pytest.mark.slow  # seconds: the whole sample or national data
def test_replace_deleting_a_few_rows_lists_them_without_asking(tmp_path, sample_db_copy, capsys):
    from kpyj_lib.io import export_workbook

    store = Store(sample_db_copy)
    path = export_workbook(store, tmp_path / "all.xlsx")

    def change(wb):
        wb[SHEET["votes"]].delete_rows(2, 2)

    edit(path, change)
    assert main(["--db", sample_db_copy, "import", "--replace", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{SHEET['votes']} (votes): 2" in out
    assert store.counts()["votes"] == 36 - 2
    store.close()


@pytest.mark.slow  # seconds: the whole sample or national data
def test_backup_and_restore_commands(tmp_path, sample_db_copy, capsys):
    from kpyj_lib.store.backup import logical_dump

    store = Store(sample_db_copy)
    before = logical_dump(store)
    out = tmp_path / "manual.sqlite"
    assert main(["--db", sample_db_copy, "backup", "--out", str(out)]) == 0
    assert out.exists()
    assert main(["--db", sample_db_copy, "carry-over", "--from", "2565"]) == 0
    assert logical_dump(store) != before
    auto = sorted((_db(sample_db_copy).parent / "backups").glob("*carry-over*.sqlite"))
    assert len(auto) == 1  # carry-over wrote its own backup first
    assert main(["--db", sample_db_copy, "restore", str(out)]) == 0
    assert logical_dump(store) == before
    # a file that is not a kpyj backup is refused, and the store is untouched
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database")
    assert main(["--db", sample_db_copy, "restore", str(junk)]) == 2
    assert logical_dump(store) == before
    store.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["info"],
        ["export", "{tmp}/x.xlsx"],
        ["validate", str(SAMPLE_WORKBOOK)],
        ["graph", "--out", "{tmp}/g.json"],
        ["carry-over", "--from", "2565", "--dry-run"],
        ["import", str(SAMPLE_WORKBOOK)],
        ["backup"],
    ],
)
@pytest.mark.slow  # seconds: the whole sample or national data
def test_a_command_on_a_missing_store_leaves_no_file(tmp_path, argv):
    db = tmp_path / "nowhere" / "none.sqlite"
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    main(["--db", f"sqlite:///{db}", *args])
    assert not db.parent.exists(), sorted(p.name for p in db.parent.iterdir())


@pytest.mark.postgres
def test_postgres_backup_and_restore_give_back_the_same_store(tmp_path, monkeypatch):
    import sys

    monkeypatch.setenv("KPYJ_BACKUP_DIR", str(tmp_path / "backups"))
    sys.path.insert(0, str(Path(__file__).parent))
    from pgserver import running_pg

    from kpyj_lib.store.backup import backup, logical_dump, restore

    with running_pg() as pg:
        store = Store(pg.url)
        store.init()
        import_workbook(SAMPLE_WORKBOOK, store, replace=True)
        before = logical_dump(store)
        template = write_template(tmp_path / "blank.xlsx")
        counts = import_workbook(template, store, replace=True)
        assert counts.backup is not None and counts.backup.suffix == ".dump"
        assert counts.backup.parent == tmp_path / "backups"
        assert counts.deleted["objectives"] and logical_dump(store) != before
        restore(store, counts.backup)
        assert logical_dump(store) == before
        manual = backup(store, tmp_path / "manual.dump")
        assert manual.read_bytes()[:5] == b"PGDMP"
        store.close()
