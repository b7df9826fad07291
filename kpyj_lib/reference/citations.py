"""How kpyj cites its source documents: by official title, issuer and date.

The project's source documents are cited the way an official of the Ministry would cite
them — never by a file name or a number of ours. :data:`CITATIONS` holds the full citation of
each, :data:`SHORT` the short form used in running text (for example after a restated fact),
under a stable ASCII key.

Examples
--------
>>> print(SHORT["memo_2565"])
บันทึกข้อความ สกธ. ลงวันที่ 20 มกราคม 2565
>>> CITATIONS["directives_2561"].startswith("การประชุมเพื่อหารือในการจัดทำรายงานผลการดำเนินงาน")
True
>>> cite("model_2564")
'การประชุมชี้แจง 1 เมษายน 2564'
"""

from __future__ import annotations

__all__ = ["CITATIONS", "SHORT", "cite"]

#: Key -> the full citation (official title, issuer, date).
CITATIONS: dict[str, str] = {
    "memo_2565": (
        "บันทึกข้อความ สำนักงานกิจการยุติธรรม ที่ ยธ 0902/… ลงวันที่ 20 มกราคม 2565 เรื่อง "
        "การขับเคลื่อนการดำเนินงานของคณะกรรมการพัฒนาการบริหารงานยุติธรรมระดับจังหวัด (กพยจ.)"
    ),
    "model_2564": (
        "การประชุมชี้แจงเป้าหมายและกรอบการดำเนินงานการสร้างตัวแบบ (Model) ขับเคลื่อนการดำเนินงาน"
        "ของ กพยจ. สำนักงานกิจการยุติธรรม วันที่ 1 เมษายน 2564"
    ),
    "directives_2561": (
        "การประชุมเพื่อหารือในการจัดทำรายงานผลการดำเนินงานตามข้อสั่งการจากการประชุมผู้บริหาร"
        "กระทรวงยุติธรรม วันที่ 8 กุมภาพันธ์ 2561"
    ),
    "workshop_2565": (
        "การประชุมเชิงปฏิบัติการเพื่อการบูรณาการภารกิจขององค์กรในเชิงยุทธศาสตร์เพื่อมุ่งสู่"
        "การบริหารราชการ 4.0 ครั้งที่ 1 สำนักงานกิจการยุติธรรม วันที่ 20 เมษายน 2565"
    ),
    "service_2565": (
        "ข่าวทำเนียบรัฐบาล วันที่ 13 มกราคม 2565 เรื่อง การให้บริการของสำนักงานปลัดกระทรวง"
        "ยุติธรรมโดยยึดประชาชนเป็นศูนย์กลาง"
    ),
}

#: Key -> the short form of the citation, for running text.
SHORT: dict[str, str] = {
    "memo_2565": "บันทึกข้อความ สกธ. ลงวันที่ 20 มกราคม 2565",
    "model_2564": "การประชุมชี้แจง 1 เมษายน 2564",
    "directives_2561": "การประชุมหารือ 8 กุมภาพันธ์ 2561",
    "workshop_2565": "การประชุมเชิงปฏิบัติการ 20 เมษายน 2565",
    "service_2565": "ข่าวทำเนียบรัฐบาล 13 มกราคม 2565",
}


def cite(key: str, *, full: bool = False) -> str:
    """The citation of the document ``key`` (short by default, ``full=True`` for the whole).

    >>> cite("memo_2565", full=True) == CITATIONS["memo_2565"]
    True
    """
    if key not in CITATIONS:
        raise KeyError(f"ไม่มีเอกสารอ้างอิง {key!r} (no citation {key!r})")
    return CITATIONS[key] if full else SHORT[key]
