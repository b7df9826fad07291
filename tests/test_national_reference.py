"""The reference data of the national picture: tile map, operating centres, model provinces."""

from __future__ import annotations

from collections import Counter

import pytest

from kpyj_lib import reference as ref
from kpyj_lib.exceptions import ReferenceDataError, UnknownProvinceError

NEIGHBOURS = [(dc, dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1) if (dc, dr) != (0, 0)]


@pytest.fixture(scope="module")
def tiles():
    return ref.tile_map()


def _at(tiles) -> dict[tuple[int, int], str]:
    return {(int(c), int(r)): code for code, c, r in tiles[["code", "col", "row"]].values}


# --------------------------------------------------------------------------- tile map
def test_tile_map_has_every_province_once(tiles):
    assert len(tiles) == 77
    assert set(tiles["code"]) == set(ref.load("provinces")["code"]) == ref.province_codes()
    assert tiles["code"].is_unique
    assert tiles[["name_th", "region"]].notna().all().all()


def test_no_two_provinces_share_a_tile(tiles):
    cells = Counter(zip(tiles["col"], tiles["row"], strict=True))
    assert max(cells.values()) == 1
    assert (tiles["col"] >= 0).all() and (tiles["row"] >= 0).all()


def test_every_province_touches_a_tile_of_its_own_region(tiles):
    """Every province of Thailand shares a land border with one of its own region (even
    Phuket, by its bridge to Phang Nga, and Tak with Kanchanaburi), so every tile must have
    an 8-neighbour of the same region."""
    at = _at(tiles)
    region = dict(zip(tiles["code"], tiles["region"], strict=True))
    lonely = []
    for (c, r), code in at.items():
        around = [at.get((c + dc, r + dr)) for dc, dr in NEIGHBOURS]
        if not any(n and region[n] == region[code] for n in around):
            lonely.append(code)
    assert lonely == []


def test_regions_sit_where_they_are(tiles):
    t = tiles.set_index("code")
    rows = t.groupby("region")["row"]
    cols = t.groupby("region")["col"]
    # Chiang Rai alone on the top row; Phuket and the whole south below Bangkok
    assert t.loc["57", "row"] == 0 and (t["row"] == 0).sum() == 1
    assert t.loc["83", "row"] > t.loc["10", "row"]
    assert rows.min()["south"] > t.loc["10", "row"]
    assert rows.max()["south"] == t["row"].max()
    # the northeast to the right of the north and of the central plain's north
    assert cols.min()["northeast"] > cols.max()["north"]
    # the north above the central plain, the east to the right of Bangkok
    assert rows.max()["north"] <= rows.min()["central"]
    assert cols.min()["east"] > t.loc["10", "col"]
    # the west strip on the western edge of every row it shares with the central plain
    for code in t.index[t["region"] == "west"]:
        same_row = t[(t["row"] == t.loc[code, "row"]) & (t["region"] == "central")]
        assert (same_row["col"] > t.loc[code, "col"]).all(), code
    # Bangkok in the south of the central plain, with central tiles above it
    central = t[t["region"] == "central"]
    assert (central["row"] < t.loc["10", "row"]).sum() > 0.75 * (len(central) - 1)


def test_tile_map_carries_clusters(tiles):
    t = tiles.set_index("code")
    assert t.loc["10", "cluster_id"] is None
    assert t.loc["83", "cluster_id"] == "south_andaman"
    assert t["cluster_id"].notna().sum() == 76


def test_tile_map_source_says_schematic_and_ours():
    df = ref.load("tile_map")
    assert df["source"].str.contains("kpyj").all()
    assert df["source"].str.contains("schematic").all()


# --------------------------------------------------------------------------- centres
def test_one_operating_centre_per_cluster_inside_it():
    centres = ref.operating_centres()
    assert set(centres) == set(ref.load("clusters")["id"])
    assert len(set(centres.values())) == 18
    for cid, code in centres.items():
        assert ref.cluster_of(code) == cid
        assert ref.operating_centre(cid) == code
        assert ref.is_operating_centre(code) and ref.is_operating_centre(int(code))
    assert not ref.is_operating_centre("10")
    assert sum(ref.is_operating_centre(c) for c in ref.province_codes()) == 18


def test_centres_are_not_presented_as_confirmed():
    """The Gazette text was not read: no centre may claim to be confirmed, and each says
    where its reading comes from."""
    df = ref.load("cluster_centres")
    assert len(df) == 18 and not df["confirmed"].any()
    assert df["source"].str.startswith("unconfirmed").all()
    assert df["source"].str.contains("Royal Gazette 17 Nov 2560").all()


def test_operating_centre_refuses_unknown_ids():
    with pytest.raises(ReferenceDataError):
        ref.operating_centre("nowhere")
    with pytest.raises(UnknownProvinceError):
        ref.is_operating_centre("99")


# --------------------------------------------------------------------------- model provinces
def test_model_provinces_are_the_four_of_the_2564_pilot():
    assert ref.model_provinces() == ("64", "48", "83", "70")
    df = ref.load("model_provinces")
    assert df["confirmed"].all() and (df["since_fy"] == 2564).all()
    assert df["source"].str.contains("สร้างตัวแบบ \\(Model\\)").all()
    assert df["source"].str.contains("1 เมษายน 2564").all()
    assert ref.is_model_province(64) and not ref.is_model_province("65")


def test_sources_cite_documents_not_file_names():
    for name in ("tile_map", "cluster_centres", "model_provinces"):
        for src in ref.load(name)["source"]:
            assert "seed" not in src.lower() and "DESIGN.md" not in src
            assert "เอกสาร 00" not in src
