"""Build ``kpyj_lib/reference/provinces.csv`` from the installed ``geothai`` package.

Codes and Thai/English names come from ``geothai`` (data from the Department of Provincial
Administration, CC-BY-4.0). The 6-region scheme (North 9, Central 22 incl. Bangkok,
Northeast 20, West 5, East 7, South 14) comes from ``kongvut/thai-province-data`` (MIT),
files ``formats/csv/provinces.csv`` and ``formats/csv/geographies.csv``, joined on the Thai
province name. The machine that builds the table has no internet access, so the region of
every province is transcribed below from those two files at commit ``KONGVUT_COMMIT``; pass
``--kongvut-dir`` (a folder holding the two CSV files) to read them from a checkout instead
and check the transcription.

Usage::

    .venv/bin/python scripts/build_provinces.py            # write the CSV
    .venv/bin/python scripts/build_provinces.py --check    # fail if the CSV is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import geothai

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kpyj_lib" / "reference" / "provinces.csv"

KONGVUT_REPO = "kongvut/thai-province-data"
KONGVUT_COMMIT = "67a9ea85901d4b46974ade3b96542b4ee3ae946d"

#: geographies.csv of kongvut/thai-province-data: geography id -> (ASCII code, Thai, English).
GEOGRAPHIES: dict[int, tuple[str, str, str]] = {
    1: ("north", "ภาคเหนือ", "North"),
    2: ("central", "ภาคกลาง", "Central"),
    3: ("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"),
    4: ("west", "ภาคตะวันตก", "West"),
    5: ("east", "ภาคตะวันออก", "East"),
    6: ("south", "ภาคใต้", "South"),
}

#: provinces.csv of kongvut/thai-province-data: Thai name -> geography_id (transcribed).
KONGVUT_GEOGRAPHY_ID: dict[str, int] = {
    "กรุงเทพมหานคร": 2, "สมุทรปราการ": 2, "นนทบุรี": 2, "ปทุมธานี": 2,
    "พระนครศรีอยุธยา": 2, "อ่างทอง": 2, "ลพบุรี": 2, "สิงห์บุรี": 2, "ชัยนาท": 2,
    "สระบุรี": 2, "ชลบุรี": 5, "ระยอง": 5, "จันทบุรี": 5, "ตราด": 5, "ฉะเชิงเทรา": 5,
    "ปราจีนบุรี": 5, "นครนายก": 2, "สระแก้ว": 5, "นครราชสีมา": 3, "บุรีรัมย์": 3,
    "สุรินทร์": 3, "ศรีสะเกษ": 3, "อุบลราชธานี": 3, "ยโสธร": 3, "ชัยภูมิ": 3,
    "อำนาจเจริญ": 3, "หนองบัวลำภู": 3, "ขอนแก่น": 3, "อุดรธานี": 3, "เลย": 3,
    "หนองคาย": 3, "มหาสารคาม": 3, "ร้อยเอ็ด": 3, "กาฬสินธุ์": 3, "สกลนคร": 3,
    "นครพนม": 3, "มุกดาหาร": 3, "เชียงใหม่": 1, "ลำพูน": 1, "ลำปาง": 1, "อุตรดิตถ์": 1,
    "แพร่": 1, "น่าน": 1, "พะเยา": 1, "เชียงราย": 1, "แม่ฮ่องสอน": 1, "นครสวรรค์": 2,
    "อุทัยธานี": 2, "กำแพงเพชร": 2, "ตาก": 4, "สุโขทัย": 2, "พิษณุโลก": 2, "พิจิตร": 2,
    "เพชรบูรณ์": 2, "ราชบุรี": 4, "กาญจนบุรี": 4, "สุพรรณบุรี": 2, "นครปฐม": 2,
    "สมุทรสาคร": 2, "สมุทรสงคราม": 2, "เพชรบุรี": 4, "ประจวบคีรีขันธ์": 4,
    "นครศรีธรรมราช": 6, "กระบี่": 6, "พังงา": 6, "ภูเก็ต": 6, "สุราษฎร์ธานี": 6,
    "ระนอง": 6, "ชุมพร": 6, "สงขลา": 6, "สตูล": 6, "ตรัง": 6, "พัทลุง": 6, "ปัตตานี": 6,
    "ยะลา": 6, "นราธิวาส": 6, "บึงกาฬ": 3,
}  # fmt: skip

#: Expected number of provinces per region (DESIGN.md, reference facts).
EXPECTED_REGION_COUNTS = {
    "north": 9,
    "central": 22,
    "northeast": 20,
    "west": 5,
    "east": 7,
    "south": 14,
}

COLUMNS = ["code", "iso_code", "name_th", "name_en", "region", "region_th", "region_en", "source"]


def read_kongvut(folder: Path) -> tuple[dict[str, int], dict[int, str]]:
    """Read provinces.csv and geographies.csv of a kongvut/thai-province-data checkout."""
    with (folder / "provinces.csv").open(encoding="utf-8-sig", newline="") as f:
        provinces = {row["name_th"].strip(): int(row["geography_id"]) for row in csv.DictReader(f)}
    with (folder / "geographies.csv").open(encoding="utf-8-sig", newline="") as f:
        geographies = {int(row["id"]): row["name"].strip() for row in csv.DictReader(f)}
    return provinces, geographies


def build_rows(geography_id: dict[str, int]) -> list[dict[str, str]]:
    """One row per geothai province, with its region, in code order."""
    provinces = geothai.provinces()
    if len(provinces) != 77:
        raise SystemExit(f"geothai lists {len(provinces)} provinces, expected 77")
    unmatched = [p.name_th for p in provinces if p.name_th not in geography_id]
    if unmatched:
        raise SystemExit(f"no region for: {', '.join(unmatched)} (Thai names differ?)")
    source = (
        f"geothai {version('geothai')} (data {geothai.DATA_VERSION}, DOPA, CC-BY-4.0); "
        f"region: {KONGVUT_REPO}@{KONGVUT_COMMIT[:7]} "
        "formats/csv/provinces.csv + geographies.csv (MIT), joined on name_th"
    )
    rows = []
    for p in sorted(provinces, key=lambda p: p.code):
        region, region_th, region_en = GEOGRAPHIES[geography_id[p.name_th]]
        rows.append(
            {
                "code": p.code,
                "iso_code": f"TH-{p.code}",
                "name_th": p.name_th,
                "name_en": p.name_en,
                "region": region,
                "region_th": region_th,
                "region_en": region_en,
                "source": source,
            }
        )
    counts = Counter(r["region"] for r in rows)
    if dict(counts) != EXPECTED_REGION_COUNTS:
        raise SystemExit(f"region counts {dict(counts)} != {EXPECTED_REGION_COUNTS}")
    return rows


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kongvut-dir",
        type=Path,
        help="folder with provinces.csv and geographies.csv of kongvut/thai-province-data",
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default {OUT})")
    parser.add_argument("--check", action="store_true", help="only check that --out is current")
    args = parser.parse_args(argv)

    geography_id = KONGVUT_GEOGRAPHY_ID
    if args.kongvut_dir:
        geography_id, names = read_kongvut(args.kongvut_dir)
        for gid, (_, region_th, _) in GEOGRAPHIES.items():
            if names.get(gid) != region_th:
                raise SystemExit(f"geography {gid} is {names.get(gid)!r}, expected {region_th!r}")
        diff = {k for k in geography_id.keys() | KONGVUT_GEOGRAPHY_ID.keys()
                if geography_id.get(k) != KONGVUT_GEOGRAPHY_ID.get(k)}  # fmt: skip
        if diff:
            print(f"note: checkout differs from the transcription for {sorted(diff)}")

    text = render(build_rows(geography_id))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run scripts/build_provinces.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} (77 provinces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
