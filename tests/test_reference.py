"""Tests of the packaged reference tables and their loader (kpyj_lib.reference)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import get_args

import geothai
import pandas as pd
import pytest

from kpyj_lib import reference as ref
from kpyj_lib.exceptions import KpyjError, ReferenceDataError, UnknownProvinceError
from kpyj_lib.model import CODE_LISTS, ENTITIES, Alignment, Plan, PlanItem, WeeklyReport

ROOT = Path(__file__).resolve().parents[1]
PILOTS = {"83": "south_andaman", "64": "north_lower_1", "48": "northeast_upper_2",
          "70": "central_lower_1"}  # fmt: skip


# --------------------------------------------------------------------------- loading
@pytest.mark.parametrize("name", list(ref.TABLES))
def test_every_table_loads_with_its_columns(name: str) -> None:
    df = ref.load(name)
    assert list(df.columns[: len(ref.TABLES[name])]) == list(ref.TABLES[name])
    assert len(df) > 0


@pytest.mark.parametrize("name", [n for n in ref.TABLES if n != "alignments"])
def test_every_row_cites_a_source(name: str) -> None:
    df = ref.load(name)
    assert df["source"].map(lambda s: isinstance(s, str) and s.strip() != "").all()


def test_load_returns_a_copy() -> None:
    df = ref.load("provinces")
    df.loc[:, "name_th"] = "x"
    assert ref.load("provinces")["name_th"].iloc[0] == "กรุงเทพมหานคร"


@pytest.mark.parametrize("bad", ["nope", "../provinces", "", "PROVINCES"])
def test_load_refuses_unknown_names(bad: str) -> None:
    with pytest.raises(ReferenceDataError):
        ref.load(bad)


def test_codes_are_strings_not_ints() -> None:
    provinces = ref.load("provinces")
    assert pd.api.types.is_string_dtype(provinces["code"])
    assert "10" in set(provinces["code"])
    members = ref.load("cluster_members")
    assert pd.api.types.is_string_dtype(members["province_code"])
    assert all(isinstance(c, str) and len(c) == 2 for c in members["province_code"])
    assert all(isinstance(c, str) for c in ref.load("clusters")["id"])


def test_csv_files_are_utf8_with_header_and_no_bom() -> None:
    folder = ROOT / "kpyj_lib" / "reference"
    for name in ref.TABLES:
        raw = (folder / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        header = raw.decode("utf-8").splitlines()[0].split(",")
        assert header[: len(ref.TABLES[name])] == list(ref.TABLES[name])
    assert (folder / "SOURCES.md").is_file()


# --------------------------------------------------------------------------- provinces
def test_provinces_equal_geothai() -> None:
    df = ref.load("provinces").set_index("code")
    gt = {p.code: p for p in geothai.provinces()}
    assert len(df) == 77 and set(df.index) == set(gt)
    for code, p in gt.items():
        assert df.loc[code, "name_th"] == p.name_th
        assert df.loc[code, "name_en"] == p.name_en
        assert df.loc[code, "iso_code"] == f"TH-{code}"
    assert ref.province_codes() == frozenset(gt)


def test_region_counts() -> None:
    df = ref.load("provinces")
    counts = df["region"].value_counts().to_dict()
    assert counts == {"central": 22, "northeast": 20, "south": 14, "north": 9, "east": 7,
                      "west": 5}  # fmt: skip
    assert df.groupby("region")[["region_th", "region_en"]].nunique().max().max() == 1
    assert ref.region_of("10") == "central"


def test_build_script_output_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_provinces.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_province_name() -> None:
    assert ref.province_name("83") == "ภูเก็ต"
    assert ref.province_name(64, lang="en") == "Sukhothai"
    assert ref.province_name(" 10 ") == "กรุงเทพมหานคร"
    with pytest.raises(ValueError):
        ref.province_name("83", lang="fr")
    with pytest.raises(UnknownProvinceError):
        ref.province_name("99")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("83", "83"), (" 83", "83"), ("83\n", "83"), (83, "83"), (10, "10"), ("10", "10")],
)
def test_check_province_accepts(given: str | int, expected: str) -> None:
    assert ref.check_province(given) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "../../etc", "99", "", "   ", "8 3", "083", "3", 3, 99, -83, "TH-83", "๘๓", "83/..",
        "83\x00", "..", "/83", None, True, 83.0, b"83", ["83"], "ภูเก็ต",
    ],
)  # fmt: skip
def test_check_province_refuses(bad: object) -> None:
    with pytest.raises(UnknownProvinceError) as info:
        ref.check_province(bad)  # type: ignore[arg-type]
    message = str(info.value)
    assert "ไม่พบรหัสจังหวัด" in message and "unknown province code" in message
    assert isinstance(info.value, KpyjError) and isinstance(info.value, ValueError)


# --------------------------------------------------------------------------- clusters
def test_eighteen_clusters() -> None:
    clusters = ref.load("clusters")
    assert len(clusters) == 18 and clusters["id"].is_unique
    assert clusters["id"].str.fullmatch(r"[a-z0-9_]+").all()
    assert clusters["name_th"].str.startswith("กลุ่มจังหวัด").all()


def test_every_province_but_bangkok_in_exactly_one_cluster() -> None:
    members = ref.load("cluster_members")
    codes = ref.province_codes()
    assert members["province_code"].is_unique
    assert set(members["province_code"]) == codes - {"10"}
    assert set(members["cluster_id"]) == set(ref.load("clusters")["id"])
    assert ref.cluster_of("10") is None
    for code in codes - {"10"}:
        cid = ref.cluster_of(code)
        assert cid is not None and code in ref.cluster_provinces(cid)
    assert sum(len(ref.cluster_provinces(c)) for c in ref.load("clusters")["id"]) == 76


def test_pilot_provinces_clusters() -> None:
    for code, cid in PILOTS.items():
        assert ref.cluster_of(code) == cid
    assert ref.cluster_provinces("north_lower_1") == ["53", "63", "64", "65", "67"]
    assert ref.cluster_provinces("northeast_upper_2") == ["47", "48", "49"]
    assert ref.cluster_provinces("south_andaman") == ["81", "82", "83", "85", "91", "92"]
    assert {"70", "71", "72"} <= set(ref.cluster_provinces("central_lower_1"))


def test_pilot_memberships_are_confirmed() -> None:
    members = ref.load("cluster_members").set_index("province_code")
    assert members.loc[list(PILOTS), "confirmed"].all()


def test_cluster_members_cite_sources_and_flag_doubt() -> None:
    members = ref.load("cluster_members")
    assert members["source"].str.strip().ne("").all()
    assert members["confirmed"].dtype == bool
    unconfirmed = members[~members["confirmed"]]
    assert unconfirmed["source"].str.contains("unconfirmed").all()
    # Nakhon Pathom's cluster is not confirmed by any source found so far.
    assert not members.set_index("province_code").loc["73", "confirmed"]


def test_cluster_provinces_unknown() -> None:
    with pytest.raises(ReferenceDataError):
        ref.cluster_provinces("atlantis")
    with pytest.raises(UnknownProvinceError):
        ref.cluster_of("../10")


def test_cluster_provinces_returns_a_copy() -> None:
    ref.cluster_provinces("south_andaman").append("10")
    assert "10" not in ref.cluster_provinces("south_andaman")


# --------------------------------------------------------------------------- PMQA
def test_pmqa_phases_3_1_3() -> None:
    df = ref.load("pmqa_categories")
    assert df["id"].tolist() == list(range(1, 8))
    by_phase = df.groupby("phase")["id"].apply(sorted).to_dict()
    assert by_phase == {"think": [1, 3, 7], "prepare": [2], "act": [4, 5, 6]}
    assert df.set_index("phase")["phase_th"].to_dict() == {
        "think": "การคิด", "prepare": "การเตรียม", "act": "การลงมือทำ",
    }  # fmt: skip
    assert [ref.pmqa_phase(i) for i in range(1, 8)] == df["phase"].tolist()
    assert df.loc[df["id"] == 4, "name_th"].item() == "การวัด การวิเคราะห์ และการจัดการความรู้"


@pytest.mark.parametrize("bad", [0, 8, -1, "3", 3.0, True, None])
def test_pmqa_phase_refuses(bad: object) -> None:
    with pytest.raises(ValueError):
        ref.pmqa_phase(bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- code lists
def test_codes_cover_code_lists_exactly() -> None:
    codes = ref.load("codes")
    in_csv = set(zip(codes["list"], codes["code"], strict=True))
    in_model = {(name, v) for name, lit in CODE_LISTS.items() for v in get_args(lit)}
    assert in_csv == in_model
    assert not codes.duplicated(["list", "code"]).any()
    for name, lit in CODE_LISTS.items():
        assert sorted(ref.code_values(name)) == sorted(get_args(lit))
        orders = codes.loc[codes["list"] == name, "order"].tolist()
        assert sorted(orders) == list(range(1, len(orders) + 1)), name


def test_codes_have_labels_sources_and_flags() -> None:
    codes = ref.load("codes")
    for col in ("label_th", "label_en", "source"):
        assert codes[col].map(lambda s: isinstance(s, str) and s.strip() != "").all(), col
    assert codes["confirmed"].dtype == bool


def test_every_coded_column_value_has_a_label() -> None:
    missing = []
    for entity in ENTITIES.values():
        for col in entity.columns:
            if col.codes and col.choices:
                values = set(ref.code_values(col.codes))
                missing += [(entity.name, col.name, v) for v in col.choices if v not in values]
    assert missing == []


@pytest.mark.parametrize(
    ("list_name", "code", "label_th"),
    [
        ("kpi_dimension", "effectiveness", "มิติด้านประสิทธิผล"),
        ("kpi_dimension", "service_quality", "มิติด้านคุณภาพการให้บริการ"),
        ("kpi_dimension", "efficiency", "มิติด้านประสิทธิภาพของการปฏิบัติราชการ"),
        ("kpi_dimension", "org_development", "มิติด้านการพัฒนาองค์การ"),
        ("kpi_level", "organisation", "ระดับหน่วยงาน (องค์การ)"),
        ("kpi_level", "division", "ระดับสำนัก/กอง"),
        ("kpi_level", "group", "ระดับกลุ่มงาน"),
        ("kpi_level", "individual", "ระดับบุคคล"),
        ("directive_level", "general", "ข้อสั่งการทั่วไป"),
        ("directive_level", "continuing", "ข้อสั่งการต่อเนื่อง"),
        ("directive_level", "completed", "ข้อสั่งการแล้วเสร็จ"),
        ("directive_level", "in_progress", "ข้อสั่งการอยู่ระหว่างดำเนินการ"),
        ("idea_type", "do", "ทำ"),
        ("idea_type", "expand", "ขยาย"),
        ("idea_type", "upgrade", "ยกระดับ"),
        ("idea_type", "drive", "ขับเคลื่อน"),
        ("direction", "up", "เพิ่มขึ้น"),
        ("direction", "down", "ลดลง"),
        ("direction", "reach", "บรรลุค่าเป้าหมาย"),
    ],
)
def test_fixed_thai_labels_and_reverse_lookup(list_name: str, code: str, label_th: str) -> None:
    assert ref.code_label(list_name, code) == label_th
    assert ref.code_from_text(list_name, label_th) == code
    assert ref.code_from_text(list_name, f"  {label_th} ") == code
    assert ref.code_from_text(list_name, code) == code
    assert ref.code_from_text(list_name, code.upper()) == code
    label_en = ref.code_label(list_name, code, lang="en")
    assert ref.code_from_text(list_name, label_en.lower()) == code
    assert ref.code_from_text(list_name, "  ".join(label_en.split()).upper()) == code


def test_code_from_text_whitespace_insensitive_and_aliases() -> None:
    assert ref.code_from_text("kpi_level", "ระดับ สำนัก / กอง") == "division"
    assert ref.code_from_text("kpi_dimension", "ประสิทธิผล") == "effectiveness"
    assert ref.code_from_text("directive_level", "ข้อสั่งการ\u00a0ต่อเนื่อง") == "continuing"


@pytest.mark.parametrize("text", ["", "  ", "ไม่มี", None, math.nan, 3, "effectiveness!"])
def test_code_from_text_unknown_gives_none(text: object) -> None:
    assert ref.code_from_text("kpi_dimension", text) is None


def test_code_lookups_unknown_list_or_code() -> None:
    with pytest.raises(ReferenceDataError):
        ref.code_values("colours")
    with pytest.raises(ReferenceDataError):
        ref.code_from_text("colours", "red")
    with pytest.raises(ValueError):
        ref.code_label("direction", "sideways")
    with pytest.raises(ValueError):
        ref.code_label("direction", "up", lang="de")


def test_code_values_in_order() -> None:
    assert ref.code_values("directive_level") == ["general", "continuing", "completed",
                                                  "in_progress"]  # fmt: skip
    assert ref.code_values("kpi_level") == ["organisation", "division", "group", "individual"]


def test_no_crime_prevention_dimensions_in_reference_data() -> None:
    # The six dimensions (Cabinet 24 Jan 2560) are unconfirmed: they must come from the
    # user's workbook, never from the packaged tables.
    items = ref.load("plan_items")
    plans = ref.load("plans")
    assert "crime_prevention" not in set(plans["kind"])
    assert not items["plan_id"].isin(plans.loc[plans["kind"] == "crime_prevention", "id"]).any()
    assert not items["name_th"].str.contains("การมีส่วนร่วมของประชาชน").any()


# --------------------------------------------------------------------------- report fields
def test_report_fields_match_weekly_report() -> None:
    df = ref.load("report_fields").sort_values("order")
    assert df["code"].tolist() == ["goal", "plan", "results", "outputs", "outcomes", "impact"]
    assert set(df["code"]) <= set(WeeklyReport.model_fields)
    assert df.loc[df["required_in_progress"], "code"].tolist() == ["goal", "plan"]
    for code, label in zip(df["code"], df["label_th"], strict=True):
        assert WeeklyReport.model_fields[code].json_schema_extra["th"] == label


# --------------------------------------------------------------------------- plans
def _plain(value: object) -> object:
    """A cell as a plain Python value: NA -> None, numpy integers -> int."""
    if value is None or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _records(name: str) -> list[dict[str, object]]:
    return [{k: _plain(v) for k, v in row.items()} for row in ref.load(name).to_dict("records")]


def test_plans_load_into_model_records() -> None:
    plans = [Plan(**r) for r in _records("plans")]
    items = [PlanItem(**r) for r in _records("plan_items")]
    aligns = [Alignment(**r) for r in _records("alignments")]
    assert list(ref.load("plans").columns) == list(Plan.model_fields)
    assert list(ref.load("plan_items").columns) == list(PlanItem.model_fields)
    assert list(ref.load("alignments").columns) == list(Alignment.model_fields)
    assert {p.id for p in plans} == ref.REFERENCE_PLAN_IDS == {"NS", "NMP61", "NMP", "JMP3", "JMP4"}
    by_plan: dict[str, list[str]] = {}
    for item in items:
        by_plan.setdefault(item.plan_id, []).append(item.id)
    assert by_plan["NS"] == [f"NS-{i}" for i in range(1, 7)]
    assert by_plan["NMP"] == [f"NMP-{i:02d}" for i in range(1, 24)]
    assert by_plan["NMP61"] == [f"NMP61-{i:02d}" for i in range(1, 24)]
    assert by_plan["JMP4"] == ["JMP4-D1", "JMP4-D2", "JMP4-D3"]
    assert by_plan["JMP3"] == ["JMP3-ALL"]  # the plan as a whole: its strategies are unconfirmed
    item_ids = {i.id for i in items}
    assert len(item_ids) == len(items)
    assert all(i.parent_id is None or i.parent_id in item_ids for i in items)
    assert {(a.source_id, a.plan_item_id) for a in aligns} == {
        ("JMP3-ALL", "NMP61-22"),
        ("JMP4-D1", "NMP-22"), ("JMP4-D2", "NMP-22"), ("JMP4-D3", "NMP-22"),
    }  # fmt: skip
    assert all(a.source_type == "plan_item" for a in aligns)


def test_plan_facts() -> None:
    plans = ref.load("plans").set_index("id")
    assert plans.loc["NS", ["kind", "level", "start_fy", "end_fy"]].tolist() == [
        "national_strategy", 1, 2561, 2580]  # fmt: skip
    assert plans.loc["NMP", ["kind", "level", "start_fy", "end_fy"]].tolist() == [
        "national_master_plan", 2, 2566, 2580]  # fmt: skip
    assert plans.loc["JMP3", ["level", "start_fy", "end_fy"]].tolist() == [3, 2562, 2565]
    assert plans.loc["JMP4", ["level", "start_fy", "end_fy"]].tolist() == [3, 2566, 2569]
    items = ref.load("plan_items").set_index("id")
    assert items.loc["NMP-22", "name_th"] == "กฎหมายและกระบวนการยุติธรรม"
    assert items.loc["JMP4-D1", "name_th"] == "การสร้างความเป็นธรรมตามกฎหมาย"
    assert items.loc["NS-6", "name_th"].endswith("การปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ")


def test_plan_versions_by_fiscal_year() -> None:
    """Every reference plan carries its years in force and its status (ร่าง / ประกาศใช้):
    in 2565 the Justice Master Plan No. 3 is in force and No. 4 a draft (the memo of สกธ.
    of 20 มกราคม 2565), the master plans are the 2561-2580 set until their 2566 revision."""
    status = ref.load("plan_status")
    assert set(status["plan_id"]) == ref.REFERENCE_PLAN_IDS
    assert set(status["status"]) == {"in_force", "draft"}
    fy2565 = {p: ref.plan_status(p, 2565) for p in sorted(ref.REFERENCE_PLAN_IDS)}
    assert fy2565 == {
        "JMP3": "in_force", "JMP4": "draft", "NMP": "not_in_force", "NMP61": "in_force",
        "NS": "in_force",
    }  # fmt: skip
    fy2566 = {p: ref.plan_status(p, 2566) for p in sorted(ref.REFERENCE_PLAN_IDS)}
    assert fy2566 == {
        "JMP3": "not_in_force", "JMP4": "in_force", "NMP": "in_force", "NMP61": "not_in_force",
        "NS": "in_force",
    }  # fmt: skip
    assert ref.PLAN_STATUS_TH["draft"] == "ร่าง" and ref.PLAN_STATUS_TH["in_force"] == "ประกาศใช้"
    # a workbook plan is in force within its own years
    assert ref.plan_status("PP-83", 2565, start_fy=2561, end_fy=2565) == "in_force"
    assert ref.plan_status("PP-83", 2566, start_fy=2561, end_fy=2565) == "not_in_force"
