"""Packaged reference tables (CSV) and their loader.

The tables live next to this module, one UTF-8 CSV file each, and every row cites where its
facts come from in a ``source`` column (``SOURCES.md`` describes each table and lists what is
not confirmed). Facts that could not be confirmed from a citable source carry
``confirmed = false``.

========================  =============================================================
table                     content
========================  =============================================================
``provinces``             the 77 provinces (2-digit DOPA code, names, 6-region scheme)
``clusters``              the 18 provincial clusters (กลุ่มจังหวัด, 2560 BE arrangement)
``cluster_members``       which cluster each of the 76 provinces outside Bangkok is in
``pmqa_categories``       the 7 PMQA 4.0 categories and their 3:1:3 phase
``codes``                 Thai/English labels of every code list of :mod:`kpyj_lib.model`
``report_fields``         the 6 fields of a weekly directive report (seed 002)
``plans``                 reference plans (national strategy, master plans, JMP 3/4)
``plan_items``            their items, in the layout of :class:`kpyj_lib.model.PlanItem`
``alignments``            confirmed links between reference plan items
``tile_map``              a schematic tile (col, row) per province, for a map of Thailand
``cluster_centres``       each cluster's operating-centre province (ศูนย์ปฏิบัติการ)
``model_provinces``       the four model provinces (จังหวัดต้นแบบ) of the 2564 pilot
``plan_status``           the fiscal years each reference plan is a draft (ร่าง) or in force
========================  =============================================================

Examples
--------
>>> from kpyj_lib import reference
>>> reference.province_name("83"), reference.province_name(83, lang="en")
('ภูเก็ต', 'Phuket')
>>> reference.cluster_of("64")
'north_lower_1'
>>> reference.code_from_text("kpi_dimension", "มิติด้านประสิทธิผล")
'effectiveness'
"""

from __future__ import annotations

import collections
import functools
import numbers
import re
import unicodedata
from typing import Any

import pandas as pd

from kpyj_lib.exceptions import ReferenceDataError, UnknownProvinceError

from .citations import CITATIONS, SHORT, cite

__all__ = [
    "CITATIONS",
    "PLAN_STATUS_TH",
    "REFERENCE_PLAN_IDS",
    "SHORT",
    "TABLES",
    "check_province",
    "cite",
    "cluster_of",
    "cluster_provinces",
    "code_from_text",
    "code_label",
    "code_values",
    "is_model_province",
    "is_operating_centre",
    "load",
    "model_provinces",
    "operating_centre",
    "operating_centres",
    "plan_status",
    "pmqa_phase",
    "province_codes",
    "province_name",
    "region_of",
    "tile_map",
]

#: Every table: its columns in file order. Loading checks that the file has them.
TABLES: dict[str, tuple[str, ...]] = {
    "provinces": (
        "code", "iso_code", "name_th", "name_en", "region", "region_th", "region_en", "source",
    ),
    "clusters": ("id", "name_th", "name_en", "source", "confirmed"),
    "cluster_members": ("cluster_id", "province_code", "confirmed", "source"),
    "pmqa_categories": (
        "id", "name_th", "name_en", "phase", "phase_th", "phase_en", "source", "confirmed",
    ),
    "codes": ("list", "code", "order", "label_th", "label_en", "aliases", "source", "confirmed"),
    "report_fields": (
        "code", "order", "label_th", "label_en", "required_in_progress", "source",
    ),
    "plans": (
        "id", "kind", "name_th", "name_en", "level", "start_fy", "end_fy", "province_code",
        "cluster_id", "source",
    ),
    "plan_items": ("id", "plan_id", "parent_id", "code", "name_th", "name_en", "source"),
    "alignments": ("source_type", "source_id", "plan_item_id", "rationale_th"),
    "tile_map": ("code", "col", "row", "source"),
    "cluster_centres": ("cluster_id", "province_code", "confirmed", "source"),
    "model_provinces": ("province_code", "since_fy", "confirmed", "source"),
    "plan_status": ("plan_id", "from_fy", "to_fy", "status", "confirmed", "source"),
}  # fmt: skip

_INT_COLUMNS: dict[str, tuple[str, ...]] = {
    "pmqa_categories": ("id",),
    "codes": ("order",),
    "report_fields": ("order",),
    "tile_map": ("col", "row"),
    "model_provinces": ("since_fy",),
    "plan_status": ("from_fy", "to_fy"),
}
_NULLABLE_INT_COLUMNS: dict[str, tuple[str, ...]] = {"plans": ("level", "start_fy", "end_fy")}
_BOOL_COLUMNS = ("confirmed", "required_in_progress")
#: Tables whose empty cells mean "no value" (``None``), like the store tables they feed.
_NULLABLE_TEXT_TABLES = ("plans", "plan_items", "alignments", "codes")

_PHASES = ("think", "prepare", "act")


# --------------------------------------------------------------------------- loading
def _read_csv(name: str) -> pd.DataFrame:
    from importlib.resources import files

    resource = files(__name__).joinpath(f"{name}.csv")
    try:
        with resource.open("r", encoding="utf-8") as fh:
            df = pd.read_csv(fh, dtype=str, keep_default_na=False, na_filter=False)
    except FileNotFoundError as exc:
        raise ReferenceDataError(
            f"ไม่พบตารางอ้างอิง {name}.csv ในแพ็กเกจ (reference table {name}.csv is missing)"
        ) from exc
    expected = TABLES[name]
    missing = [c for c in expected if c not in df.columns]
    if missing:
        raise ReferenceDataError(
            f"ตารางอ้างอิง {name}.csv ขาดคอลัมน์ {missing} "
            f"(reference table {name}.csv lacks columns {missing})"
        )
    return df


def _to_bool(value: str, name: str, column: str) -> bool:
    v = value.strip().lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise ReferenceDataError(
        f"ค่า {value!r} ในคอลัมน์ {column} ของ {name}.csv ไม่ใช่ true/false "
        f"({name}.csv column {column}: {value!r} is not true/false)"
    )


@functools.cache
def _table(name: str) -> pd.DataFrame:
    """The table as loaded and typed, shared by the helpers; never hand it out uncopied."""
    if name not in TABLES:
        raise ReferenceDataError(
            f"ไม่มีตารางอ้างอิงชื่อ {name!r} (no reference table called {name!r}; "
            f"known: {', '.join(TABLES)})"
        )
    df = _read_csv(name)
    for col in df.columns:
        df[col] = df[col].str.strip()
    for col in _INT_COLUMNS.get(name, ()):
        try:
            df[col] = df[col].astype("int64")
        except ValueError as exc:
            raise ReferenceDataError(f"{name}.csv column {col} is not an integer") from exc
    for col in _NULLABLE_INT_COLUMNS.get(name, ()):
        df[col] = pd.array([int(v) if v else None for v in df[col]], dtype="Int64")
    for col in _BOOL_COLUMNS:
        if col in df.columns:
            df[col] = [_to_bool(v, name, col) for v in df[col]]
            df[col] = df[col].astype(bool)
    if name in _NULLABLE_TEXT_TABLES:
        for col in df.columns:
            if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
                df[col] = pd.Series(
                    [v if v != "" else None for v in df[col]], index=df.index, dtype=object
                )
    df.attrs["kpyj_reference"] = name
    return df


def load(name: str) -> pd.DataFrame:
    """Load one packaged reference table.

    The file is read once and cached; each call returns a fresh copy, so the caller may
    change it freely. Codes (province codes, cluster ids, plan ids) are strings, never
    integers: ``"10"`` stays ``"10"`` and ``"83"`` is not ``83``.

    Parameters
    ----------
    name : str
        One of :data:`TABLES`: ``provinces``, ``clusters``, ``cluster_members``,
        ``pmqa_categories``, ``codes``, ``report_fields``, ``plans``, ``plan_items``,
        ``alignments``, ``tile_map``, ``cluster_centres``, ``model_provinces``.

    Returns
    -------
    pandas.DataFrame
        The table, with integer columns (``order``, PMQA ``id``, plan years, tile ``col`` and
        ``row``, ``since_fy``) as integers and
        ``confirmed`` / ``required_in_progress`` as booleans. In ``plans``, ``plan_items``,
        ``alignments`` and ``codes`` an empty cell is ``None``.

    Raises
    ------
    ReferenceDataError
        If ``name`` is not a reference table, or the packaged file is missing or malformed.

    Examples
    --------
    >>> provinces = load("provinces")
    >>> len(provinces), provinces.loc[provinces["code"] == "83", "name_en"].item()
    (77, 'Phuket')
    >>> load("pmqa_categories")[["id", "phase"]].head(3).values.tolist()
    [[1, 'think'], [2, 'prepare'], [3, 'think']]
    >>> load("nonsense")
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.ReferenceDataError: ไม่มีตารางอ้างอิงชื่อ 'nonsense' ...
    """
    if not isinstance(name, str):
        raise ReferenceDataError(f"ชื่อตารางต้องเป็นข้อความ (table name must be a str): {name!r}")
    return _table(name).copy(deep=True)


# --------------------------------------------------------------------------- provinces
@functools.cache
def province_codes() -> frozenset[str]:
    """The 77 two-digit province codes (DOPA codes, equal to the ISO 3166-2:TH numbers).

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> codes = province_codes()
    >>> len(codes), "10" in codes, "83" in codes, "99" in codes
    (77, True, True, False)
    """
    return frozenset(_table("provinces")["code"])


@functools.cache
def _province_index() -> dict[str, dict[str, str]]:
    df = _table("provinces")
    return {row["code"]: dict(row) for row in df.to_dict("records")}


def check_province(code: str | int) -> str:
    """Check a province code and return it normalised, or refuse it.

    This is the guard used before a province code becomes part of a file path, a query or a
    report name: only the 77 exact two-digit codes pass. Surrounding whitespace is ignored
    and an ``int`` is accepted; anything else (``"99"``, ``""``, ``"8 3"``, ``"083"``,
    ``"../../etc"``, Thai digits, ``True``, ``83.0``) is refused.

    Parameters
    ----------
    code : str or int
        ``"83"``, ``" 83 "`` or ``83``.

    Returns
    -------
    str
        The two-digit code, e.g. ``"83"``.

    Raises
    ------
    UnknownProvinceError
        If the value is not one of the 77 province codes (message in Thai and English).

    Examples
    --------
    >>> check_province(" 83"), check_province(64), check_province("10")
    ('83', '64', '10')
    >>> check_province("../../etc")
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.UnknownProvinceError: ไม่พบรหัสจังหวัด '../../etc' ...
    """
    normalised: str | None = None
    if isinstance(code, str):
        normalised = code.strip()
    elif isinstance(code, numbers.Integral) and not isinstance(code, bool):
        normalised = f"{int(code):02d}"
    if normalised is None or normalised not in province_codes():
        raise UnknownProvinceError(
            f"ไม่พบรหัสจังหวัด {code!r} ในรายชื่อ 77 จังหวัด ต้องเป็นรหัสกรมการปกครอง 2 หลัก "
            f"เช่น '83' (ภูเก็ต) (unknown province code {code!r}: expected one of the 77 "
            "two-digit DOPA codes, e.g. '83' for Phuket)"
        )
    return normalised


def province_name(code: str | int, lang: str = "th") -> str:
    """The name of a province.

    Parameters
    ----------
    code : str or int
        A province code, checked with :func:`check_province`.
    lang : {"th", "en"}
        Thai (default) or English name.

    Returns
    -------
    str

    Raises
    ------
    UnknownProvinceError
        If the code is not a province code.
    ValueError
        If ``lang`` is not ``"th"`` or ``"en"``.

    Examples
    --------
    >>> province_name("48"), province_name("48", lang="en")
    ('นครพนม', 'Nakhon Phanom')
    """
    if lang not in ("th", "en"):
        raise ValueError(f"lang ต้องเป็น 'th' หรือ 'en' (lang must be 'th' or 'en'): {lang!r}")
    return _province_index()[check_province(code)][f"name_{lang}"]


def region_of(code: str | int) -> str:
    """The ASCII code of a province's region in the 6-region scheme.

    Returns one of ``north``, ``central``, ``northeast``, ``west``, ``east``, ``south``.

    Examples
    --------
    >>> region_of("70"), region_of(10)
    ('west', 'central')
    """
    return _province_index()[check_province(code)]["region"]


# --------------------------------------------------------------------------- clusters
@functools.cache
def _cluster_maps() -> tuple[dict[str, str], dict[str, list[str]]]:
    clusters = _table("clusters")
    members = _table("cluster_members")
    by_province: dict[str, str] = {}
    by_cluster: dict[str, list[str]] = {cid: [] for cid in clusters["id"]}
    for cid, code in zip(members["cluster_id"], members["province_code"], strict=True):
        if cid not in by_cluster:
            raise ReferenceDataError(f"cluster_members.csv: unknown cluster {cid!r}")
        if code in by_province:
            raise ReferenceDataError(f"cluster_members.csv: province {code!r} listed twice")
        by_province[code] = cid
        by_cluster[cid].append(code)
    return by_province, {cid: sorted(codes) for cid, codes in by_cluster.items()}


def cluster_of(province_code: str | int) -> str | None:
    """The provincial cluster (กลุ่มจังหวัด) a province belongs to.

    Parameters
    ----------
    province_code : str or int
        A province code, checked with :func:`check_province`.

    Returns
    -------
    str or None
        The cluster id, or ``None`` for Bangkok, which is in no cluster. Some memberships are
        not confirmed: see ``load("cluster_members")["confirmed"]``.

    Examples
    --------
    >>> cluster_of("83"), cluster_of("48"), cluster_of("70"), cluster_of("10")
    ('south_andaman', 'northeast_upper_2', 'central_lower_1', None)
    """
    return _cluster_maps()[0].get(check_province(province_code))


def cluster_provinces(cluster_id: str) -> list[str]:
    """The province codes of a cluster, sorted.

    Raises
    ------
    ReferenceDataError
        If ``cluster_id`` is not one of the 18 cluster ids.

    Examples
    --------
    >>> cluster_provinces("northeast_upper_2")
    ['47', '48', '49']
    """
    clusters = _cluster_maps()[1]
    if cluster_id not in clusters:
        raise ReferenceDataError(
            f"ไม่มีกลุ่มจังหวัดรหัส {cluster_id!r} (no cluster called {cluster_id!r}; "
            f"known: {', '.join(clusters)})"
        )
    return list(clusters[cluster_id])


@functools.cache
def _centres() -> dict[str, str]:
    df = _table("cluster_centres")
    by_province, by_cluster = _cluster_maps()
    centres: dict[str, str] = {}
    for cid, code in zip(df["cluster_id"], df["province_code"], strict=True):
        if cid not in by_cluster:
            raise ReferenceDataError(f"cluster_centres.csv: unknown cluster {cid!r}")
        if cid in centres:
            raise ReferenceDataError(f"cluster_centres.csv: cluster {cid!r} listed twice")
        if by_province.get(code) != cid:
            raise ReferenceDataError(
                f"cluster_centres.csv: province {code!r} is not a member of cluster {cid!r}"
            )
        centres[cid] = code
    if set(centres) != set(by_cluster):
        missing = sorted(set(by_cluster) - set(centres))
        raise ReferenceDataError(f"cluster_centres.csv: no operating centre for {missing}")
    return centres


def operating_centres() -> dict[str, str]:
    """The operating-centre province (จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด) of every cluster.

    The 2560 BE announcement that sets up the 18 clusters names one province per cluster as
    its operating centre. **None of the 18 is confirmed yet** (``load("cluster_centres")``
    says so row by row, with the evidence read): treat them as kpyj's best reading.

    Returns
    -------
    dict of str to str
        Cluster id → province code, for all 18 clusters (a new dict on each call).

    Examples
    --------
    >>> centres = operating_centres()
    >>> len(centres), len(set(centres.values()))
    (18, 18)
    >>> centres["east_2"]
    '25'
    """
    return dict(_centres())


def operating_centre(cluster_id: str) -> str:
    """The operating-centre province of one cluster (see :func:`operating_centres`).

    Raises
    ------
    ReferenceDataError
        If ``cluster_id`` is not one of the 18 cluster ids.

    Examples
    --------
    >>> operating_centre("northeast_upper_1"), province_name(operating_centre("north_upper_2"))
    ('41', 'เชียงราย')
    """
    cluster_provinces(cluster_id)  # refuses an unknown id with the usual message
    return _centres()[cluster_id]


def is_operating_centre(code: str | int) -> bool:
    """Whether a province is the operating centre of its cluster.

    Examples
    --------
    >>> is_operating_centre("41"), is_operating_centre("42"), is_operating_centre("10")
    (True, False, False)
    """
    return check_province(code) in set(_centres().values())


@functools.cache
def _model_provinces() -> tuple[str, ...]:
    codes = tuple(_table("model_provinces")["province_code"])
    unknown = [c for c in codes if c not in province_codes()]
    if unknown or len(set(codes)) != len(codes):
        raise ReferenceDataError(f"model_provinces.csv: bad or repeated codes {codes}")
    return codes


def model_provinces() -> tuple[str, ...]:
    """The four model provinces (จังหวัดต้นแบบ) of the 2564 pilot of the KPYJ model.

    Sukhothai, Nakhon Phanom, Phuket and Ratchaburi, in the order the pilot names them.
    Being a model province is **not** the same as being in driving group 1: group 1 is the
    pilot provinces that are operating centres of their cluster (see
    :func:`kpyj_lib.analysis.groups.derived_groups`).

    Examples
    --------
    >>> model_provinces()
    ('64', '48', '83', '70')
    >>> [province_name(c) for c in model_provinces()]
    ['สุโขทัย', 'นครพนม', 'ภูเก็ต', 'ราชบุรี']
    """
    return _model_provinces()


def is_model_province(code: str | int) -> bool:
    """Whether a province is one of the four model provinces (จังหวัดต้นแบบ).

    Examples
    --------
    >>> is_model_province(83), is_model_province("50")
    (True, False)
    """
    return check_province(code) in _model_provinces()


# --------------------------------------------------------------------------- tile map
def tile_map() -> pd.DataFrame:
    """A schematic tile map of Thailand: one square per province in its rough place.

    The layout was drawn for kpyj from the provinces' regions and neighbours (north at the
    top, the northeast to the right, Bangkok in the south of the central plain, the south's
    long tail at the bottom). It is schematic: no two provinces share a tile and every
    province touches (8-neighbourhood) a tile of its own region, but distances and shapes
    are not to scale.

    Returns
    -------
    pandas.DataFrame
        One row per province (77), sorted by code: ``code, col, row, name_th, name_en,
        region, region_th, cluster_id`` (``cluster_id`` is ``None`` for Bangkok). ``col``
        grows to the east and ``row`` to the south, both from 0.

    Examples
    --------
    >>> tm = tile_map()
    >>> len(tm), tm["code"].is_unique
    (77, True)
    >>> chiang_rai = tm.set_index("code").loc["57"]
    >>> int(chiang_rai["row"]), chiang_rai["name_en"]
    (0, 'Chiang Rai')
    >>> int(tm["row"].max()) + 1, int(tm["col"].max()) + 1   # rows x columns of the grid
    (17, 10)
    """
    tiles = _table("tile_map")[["code", "col", "row"]]
    provinces = _table("provinces")[["code", "name_th", "name_en", "region", "region_th"]]
    df = tiles.merge(provinces, on="code", how="left", validate="one_to_one")
    if df["name_th"].isna().any() or len(df) != len(provinces):
        raise ReferenceDataError("tile_map.csv must hold each of the 77 provinces exactly once")
    by_province = _cluster_maps()[0]
    df["cluster_id"] = pd.Series([by_province.get(c) for c in df["code"]], dtype=object)
    return df.sort_values("code").reset_index(drop=True)


# --------------------------------------------------------------------------- code lists
def _key(text: str) -> str:
    """Comparison key: NFC, case-folded, all whitespace removed."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


@functools.cache
def _code_lists() -> dict[str, dict[str, Any]]:
    df = _table("codes").sort_values(["list", "order"], kind="stable")
    lists: dict[str, dict[str, Any]] = {}
    short: collections.defaultdict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for row in df.to_dict("records"):
        entry = lists.setdefault(row["list"], {"values": [], "labels": {}, "lookup": {}})
        code = row["code"]
        entry["values"].append(code)
        entry["labels"][code] = {"th": row["label_th"], "en": row["label_en"]}
        names = [code, row["label_th"], row["label_en"]]
        names += [a for a in (row["aliases"] or "").split("|") if a.strip()]
        for text in names:
            key = _key(text)
            other = entry["lookup"].setdefault(key, code)
            if other != code:
                raise ReferenceDataError(
                    f"codes.csv: {text!r} names both {other!r} and {code!r} in list {row['list']!r}"
                )
        short[row["list"]].extend((_key(_GLOSS.sub("", t)), code) for t in names[1:3])
    # a label with a gloss in brackets, «รายครึ่งปี (รอบ 6 เดือน)», is also named without it,
    # unless that shorter name belongs to another code of the list
    for name, pairs in short.items():
        lookup = lists[name]["lookup"]
        for key, code in pairs:
            if key and lookup.get(key, code) == code:
                lookup[key] = code
    return lists


#: a trailing gloss in brackets of a code's label
_GLOSS = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _code_list(list_name: str) -> dict[str, Any]:
    lists = _code_lists()
    if list_name not in lists:
        raise ReferenceDataError(
            f"ไม่มีรายการรหัสชื่อ {list_name!r} (no code list called {list_name!r}; "
            f"known: {', '.join(sorted(lists))})"
        )
    return lists[list_name]


def code_values(list_name: str) -> list[str]:
    """The codes of a code list, in display order.

    Parameters
    ----------
    list_name : str
        A key of :data:`kpyj_lib.model.CODE_LISTS`, e.g. ``"directive_level"``.

    Raises
    ------
    ReferenceDataError
        If there is no such code list.

    Examples
    --------
    >>> code_values("idea_type")
    ['do', 'expand', 'upgrade', 'drive']
    """
    return list(_code_list(list_name)["values"])


def code_label(list_name: str, code: str, lang: str = "th") -> str:
    """The Thai (default) or English label of a code.

    Raises
    ------
    ReferenceDataError
        If there is no such code list.
    ValueError
        If ``code`` is not in the list or ``lang`` is not ``"th"`` or ``"en"``.

    Examples
    --------
    >>> code_label("directive_level", "in_progress")
    'ข้อสั่งการอยู่ระหว่างดำเนินการ'
    >>> code_label("kpi_dimension", "efficiency", lang="en")
    'Efficiency'
    """
    if lang not in ("th", "en"):
        raise ValueError(f"lang ต้องเป็น 'th' หรือ 'en' (lang must be 'th' or 'en'): {lang!r}")
    labels = _code_list(list_name)["labels"]
    if code not in labels:
        raise ValueError(
            f"ไม่มีรหัส {code!r} ในรายการ {list_name} (no code {code!r} in {list_name}; "
            f"known: {', '.join(labels)})"
        )
    return labels[code][lang]


def code_from_text(list_name: str, text: Any) -> str | None:
    """The code a user's text stands for, or ``None`` if it stands for none.

    Accepts the code itself, its Thai or English label (also without a gloss in brackets at
    its end) or one of its listed aliases (``aliases`` column of ``codes.csv``), ignoring case
    and all whitespace.

    Parameters
    ----------
    list_name : str
        A key of :data:`kpyj_lib.model.CODE_LISTS`.
    text : str
        What the user typed; a non-string (``None``, NaN) gives ``None``.

    Raises
    ------
    ReferenceDataError
        If there is no such code list.

    Examples
    --------
    >>> code_from_text("directive_level", " ข้อสั่งการต่อเนื่อง ")
    'continuing'
    >>> code_from_text("idea_type", "ยกระดับ"), code_from_text("direction", "Decrease")
    ('upgrade', 'down')
    >>> code_from_text("kpi_level", "ระดับสำนัก / กอง"), code_from_text("kpi_level", "xyz")
    ('division', None)

    A label's gloss in brackets may be left out:

    >>> code_from_text("measure_period", "รายครึ่งปี"), code_from_text("measure_type", "ค่า ณ วันที่")
    ('half_year', 'level')
    """
    lookup = _code_list(list_name)["lookup"]
    if not isinstance(text, str):
        return None
    return lookup.get(_key(text))


# --------------------------------------------------------------------------- PMQA
@functools.cache
def _pmqa_phases() -> dict[int, str]:
    df = _table("pmqa_categories")
    phases = dict(zip(df["id"].tolist(), df["phase"].tolist(), strict=True))
    if set(phases) != set(range(1, 8)) or not set(phases.values()) <= set(_PHASES):
        raise ReferenceDataError("pmqa_categories.csv must hold categories 1-7 with a phase")
    return phases


def pmqa_phase(category: int) -> str:
    """The phase of a PMQA category under the 3 : 1 : 3 rule of seed 003.

    think = categories 1, 3, 7; prepare = 2; act = 4, 5, 6.

    Raises
    ------
    ValueError
        If ``category`` is not an integer from 1 to 7.

    Examples
    --------
    >>> [pmqa_phase(c) for c in range(1, 8)]
    ['think', 'prepare', 'think', 'act', 'act', 'act', 'think']
    """
    phases = _pmqa_phases()
    if isinstance(category, bool) or not isinstance(category, numbers.Integral):
        raise ValueError(f"หมวด PMQA ต้องเป็นเลข 1-7 (PMQA category must be 1-7): {category!r}")
    if int(category) not in phases:
        raise ValueError(f"หมวด PMQA ต้องเป็นเลข 1-7 (PMQA category must be 1-7): {category!r}")
    return phases[int(category)]


# --------------------------------------------------------------------------- plans
#: Ids of the packaged reference plans (``plans.csv``); user plans must not reuse them.
REFERENCE_PLAN_IDS: frozenset[str] = frozenset(_table("plans")["id"])


# --------------------------------------------------------------------------- plan versions
#: Thai label of a plan's status in a fiscal year (:func:`plan_status`).
PLAN_STATUS_TH: dict[str, str] = {
    "in_force": "ประกาศใช้",
    "draft": "ร่าง",
    "not_in_force": "ไม่อยู่ในช่วงที่ใช้บังคับ",
}


@functools.cache
def _plan_status_rows() -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = {}
    df = _table("plan_status")
    for pid, a, b, st in zip(df["plan_id"], df["from_fy"], df["to_fy"], df["status"], strict=True):
        if st not in ("in_force", "draft"):
            raise ReferenceDataError(f"plan_status.csv: unknown status {st!r} of {pid}")
        out.setdefault(str(pid), []).append((int(a), int(b), str(st)))
    return out


def plan_status(
    plan_id: str,
    fiscal_year: int,
    *,
    start_fy: int | None = None,
    end_fy: int | None = None,
) -> str:
    """A plan's status in a fiscal year: ``"in_force"`` (ประกาศใช้), ``"draft"`` (ร่าง) or
    ``"not_in_force"``.

    A reference plan follows ``plan_status.csv`` (in 2565 the Justice Master Plan No. 3 is in
    force and No. 4 a draft; the master plans under the National Strategy are the original
    2561–2580 set until their 2566 revision). Any other plan (a provincial or cluster plan of
    the workbook) is in force from ``start_fy`` to ``end_fy`` (a missing bound is open).

    Examples
    --------
    >>> [plan_status(p, 2565) for p in ("JMP3", "JMP4", "NMP61", "NMP", "NS")]
    ['in_force', 'draft', 'in_force', 'not_in_force', 'in_force']
    >>> plan_status("JMP4", 2566), plan_status("JMP3", 2566)
    ('in_force', 'not_in_force')
    >>> plan_status("PP-83", 2565, start_fy=2561, end_fy=2565), plan_status("X", 2570, end_fy=2565)
    ('in_force', 'not_in_force')
    """
    fy = int(fiscal_year)
    periods = _plan_status_rows().get(str(plan_id))
    if periods is not None:
        for a, b, st in periods:
            if a <= fy <= b:
                return st
        return "not_in_force"
    if start_fy is not None and not pd.isna(start_fy) and fy < int(start_fy):
        return "not_in_force"
    if end_fy is not None and not pd.isna(end_fy) and fy > int(end_fy):
        return "not_in_force"
    return "in_force"
