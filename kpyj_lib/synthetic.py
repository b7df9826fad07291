"""A deterministic synthetic national workspace for benchmarks and scale tests.

:func:`synthetic_tables` builds, from nothing but a seed, the rows a whole country of
Provincial Justice Administration Development Committees (กพยจ.) might hold in one fiscal
year: for each province its units, cascading objectives and key results with monthly
check-ins, KPIs, initiatives with budgets, flows between units, a provincial plan aligned to
its cluster plan, PMQA mappings, baseline figures and lessons; and at ministry level a set of
directives with eight weeks of weekly reports, plus workshops with ideas and votes.

**Everything here is synthetic (ข้อมูลสังเคราะห์).** Real province, cluster and ministry
names are used so that the data reads naturally, but every plan, objective, figure, budget,
report and lesson is invented by a pseudo-random generator and is not an official figure.
The tables say so themselves: ``meta`` holds ``is_sample = true`` and ``synthetic = true``.
Driving groups follow the operating-centre rule (:mod:`kpyj_lib.analysis.groups`): the 18
operating-centre provinces of the reference data (:func:`kpyj_lib.reference.operating_centres`,
not yet confirmed) are groups 1 and 2, every other province group 3. **Which four centres are
group 1 (the pilots) is synthetic**: the centres of the clusters of the four model provinces
(จังหวัดต้นแบบ: Sukhothai 64, Nakhon Phanom 48, Phuket 83, Ratchaburi 70), so a model province
is in group 1 only where it is its cluster's centre.

:func:`light_tables` makes much less: a few objectives, key results with check-ins, a project
or two and their alignments per province, marked as sample (ตัวอย่าง) row by row — enough for
a national picture where the bundled sample has full data for the model provinces only.

Sizes
-----
Per province at ``scale=1`` (roughly a real committee's workspace): ~10 units, 4-6
objectives (some cascading, some aligned to nothing), 2-4 key results each with an owner and
0-3 contributing units, monthly check-ins from October to June for most key results, ~16
KPIs over the 4 dimensions x 4 levels, 5-8 initiatives (some delivering no key result),
~10 flows (some without receiver or supplier), 2-3 stakeholders, a provincial plan with 4
issues aligned to its cluster plan (one per cluster present, 3 issues aligned to NMP-22, a
national strategy and a Justice Master Plan No. 4 dimension), 3-5 baseline indicators and
5-8 lessons with links. Nationally: ~10 directives assigned to provincial justice offices
with weekly reports for 8 weeks (some late, some missing), and one workshop per 10
provinces. ``scale`` multiplies every per-province size and the number of directives and
workshops, so row counts grow linearly with ``n_provinces * scale``; only ``meta``,
``province_groups`` and ``plans`` (one per province and per cluster) do not depend on
``scale``.

Determinism
-----------
Only :class:`random.Random` seeded from ``seed`` is used. A root generator draws one seed
per reference province, per cluster and for the ministry, always for all of them, so a
province's rows do not depend on how many provinces are generated: the first 5 provinces of
``synthetic_tables(77)`` are exactly ``synthetic_tables(5)``'s (apart from the national
directives and workshops).

Examples
--------
>>> t = synthetic_tables(3)
>>> sorted({r["province_code"] for r in t["objectives"]})
['10', '11', '12']
>>> t["objectives"][0]["id"], "กรุงเทพมหานคร" in t["objectives"][0]["title_th"]
('SYN-10-O1', True)
>>> synthetic_tables(3) == t
True
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from . import reference
from .calendar import BANGKOK, fiscal_months, fiscal_year_bounds
from .model import ENTITIES
from .store import Store
from .workspace import Workspace

__all__ = [
    "LIGHT_MARK",
    "MODEL_PROVINCES",
    "PILOT_PROVINCES",
    "SYNTHETIC_TITLE",
    "light_tables",
    "synthetic_groups",
    "synthetic_tables",
    "synthetic_workspace",
    "write_synthetic",
]

#: The four model provinces (จังหวัดต้นแบบ) of the 2564 pilot: Sukhothai, Nakhon Phanom,
#: Phuket, Ratchaburi (:func:`kpyj_lib.reference.model_provinces`).
MODEL_PROVINCES: tuple[str, ...] = reference.model_provinces()
#: Former name of :data:`MODEL_PROVINCES` (they are model provinces, not driving group 1).
PILOT_PROVINCES = MODEL_PROVINCES

#: The title written to ``meta``.
SYNTHETIC_TITLE = "ข้อมูลสังเคราะห์ (ตัวอย่าง) สำหรับทดสอบประสิทธิภาพ"

_SYN = "ข้อมูลสังเคราะห์ (ตัวอย่าง) ไม่ใช่ข้อมูลทางราชการ"
_BKK = "10"

Row = dict[str, Any]

# --------------------------------------------------------------------------- templates
# fmt: off
# Ministry-level units: (id, Thai, English, type, parent). Provincial MOJ offices hang below.
_MINISTRY_UNITS = [
    ("SYN-MOJ", "กระทรวงยุติธรรม", "Ministry of Justice", "กระทรวง", None),
    ("SYN-MOJ-OPS", "สำนักงานปลัดกระทรวงยุติธรรม", "Office of the Permanent Secretary",
     "ส่วนราชการ", "SYN-MOJ"),
    ("SYN-MOJ-OJA", "สำนักงานกิจการยุติธรรม", "Office of Justice Affairs", "ส่วนราชการ",
     "SYN-MOJ"),
    ("SYN-MOJ-DOP", "กรมคุมประพฤติ", "Department of Probation", "กรม", "SYN-MOJ"),
    ("SYN-MOJ-DOC", "กรมราชทัณฑ์", "Department of Corrections", "กรม", "SYN-MOJ"),
    ("SYN-MOJ-DJOP", "กรมพินิจและคุ้มครองเด็กและเยาวชน",
     "Department of Juvenile Observation and Protection", "กรม", "SYN-MOJ"),
    ("SYN-MOJ-LED", "กรมบังคับคดี", "Legal Execution Department", "กรม", "SYN-MOJ"),
    ("SYN-MOJ-RLPD", "กรมคุ้มครองสิทธิและเสรีภาพ", "Rights and Liberties Protection Department",
     "กรม", "SYN-MOJ"),
]

# Provincial units: (Thai with {place}, English with {p}, type, parent). The first five are
# always present; the rest are drawn.
_UNIT_TEMPLATES = [
    ("สำนักงานยุติธรรม{place}", "{p} Justice Office", "สำนักงานยุติธรรมจังหวัด", "SYN-MOJ-OPS"),
    ("สำนักงานคุมประพฤติ{place}", "{p} Probation Office", "สำนักงานคุมประพฤติ", "SYN-MOJ-DOP"),
    ("เรือนจำ{place}", "{p} Prison", "เรือนจำ", "SYN-MOJ-DOC"),
    ("สถานพินิจและคุ้มครองเด็กและเยาวชน{place}", "{p} Juvenile Observation and Protection Centre",
     "สถานพินิจ", "SYN-MOJ-DJOP"),
    ("สำนักงานบังคับคดี{place}", "{p} Legal Execution Office", "สำนักงานบังคับคดี", "SYN-MOJ-LED"),
    ("ตำรวจภูธร{place}", "{p} Police", "ตำรวจ", None),
    ("สำนักงานอัยการ{place}", "{p} Public Prosecutor Office", "อัยการ", None),
    ("ที่ทำการปกครอง{place}", "{p} Administration Office", "ฝ่ายปกครอง", None),
    ("สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์{place}",
     "{p} Social Development and Human Security Office", "พัฒนาสังคม", None),
    ("สำนักงานสาธารณสุข{place}", "{p} Public Health Office", "สาธารณสุข", None),
    ("สำนักงานศึกษาธิการ{place}", "{p} Education Office", "ศึกษาธิการ", None),
    ("ศูนย์ดำรงธรรม{place}", "{p} Damrongdhama Centre", "ศูนย์ดำรงธรรม", None),
    ("สำนักงาน{place}", "{p} Office", "สำนักงานจังหวัด", None),
]
_FIXED_UNITS = 5
_GROUP_NOTES = (
    "จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (เลือกนำร่องแบบสังเคราะห์)",
    "จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
    "สำนักงานยุติธรรมจังหวัดที่ไม่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
)
_BKK_POLICE = ("กองบัญชาการตำรวจนครบาล", "Metropolitan Police Bureau")

_STAKEHOLDERS = [
    ("ผู้พ้นโทษและครอบครัวใน{place}", "Released offenders and their families", "ผู้รับบริการ"),
    ("เด็กและเยาวชนกลุ่มเสี่ยงใน{place}", "Youth at risk", "ผู้รับบริการ"),
    ("ผู้เสียหายและจำเลยในคดีอาญาใน{place}", "Victims and defendants in criminal cases",
     "ผู้รับบริการ"),
    ("ประชาชนผู้ขอรับบริการไกล่เกลี่ยข้อพิพาทใน{place}", "People seeking mediation",
     "ผู้รับบริการ"),
    ("เครือข่ายยุติธรรมชุมชนใน{place}", "Community justice networks", "ผู้มีส่วนได้ส่วนเสีย"),
]

_OBJECTIVE_NOTE = "วัตถุประสงค์จากการประชุมเชิงปฏิบัติการ (ข้อมูลสังเคราะห์)"
_OBJECTIVES = [
    ("ลดการกระทำผิดซ้ำของผู้พ้นโทษใน{place}", "Reduce reoffending by released offenders"),
    ("ประชาชนใน{place}เข้าถึงความยุติธรรมได้อย่างทั่วถึงและเท่าเทียม",
     "People have fair and equal access to justice"),
    ("ขยายศูนย์ยุติธรรมชุมชนให้ครอบคลุมทุกอำเภอของ{place}",
     "Community justice centres in every district"),
    ("ยกระดับการไกล่เกลี่ยข้อพิพาทในชุมชนของ{place}", "Upgrade community mediation"),
    ("ขับเคลื่อนเครือข่ายป้องกันอาชญากรรมภาคประชาชนใน{place}",
     "Drive citizen crime-prevention networks"),
    ("ลดปัญหายาเสพติดในกลุ่มเด็กและเยาวชนของ{place}", "Reduce drug problems among youth"),
    ("คุ้มครองสิทธิและช่วยเหลือผู้เสียหายในคดีอาญาของ{place}",
     "Protect the rights of and assist crime victims"),
    ("ยกระดับการบริหารงานยุติธรรมของ{place}ด้วยข้อมูลและเทคโนโลยีดิจิทัล",
     "Upgrade justice administration with data and digital technology"),
]

# Key results: (Thai, English, unit of measure, direction, baseline lo, hi, change lo, hi,
# decimals, cap)
_KRS = [
    ("อัตราการกระทำผิดซ้ำของผู้พ้นโทษภายใน 1 ปี", "One-year reoffending rate", "ร้อยละ",
     "down", 12, 25, 2, 6, 1, None),
    ("จำนวนผู้พ้นโทษที่ได้รับการฝึกอาชีพและมีงานทำ", "Released offenders trained and employed",
     "คน", "up", 20, 80, 20, 60, 0, None),
    ("จำนวนข้อพิพาทที่ไกล่เกลี่ยสำเร็จในศูนย์ยุติธรรมชุมชน", "Disputes settled by mediation",
     "เรื่อง", "up", 30, 120, 15, 60, 0, None),
    ("ระดับความพึงพอใจของผู้รับบริการ", "Service-recipient satisfaction", "คะแนน", "up",
     3.2, 3.9, 0.3, 0.9, 2, 5.0),
    ("จำนวนศูนย์ยุติธรรมชุมชนที่ให้บริการครบทุกด้าน", "Fully operating community justice centres",
     "แห่ง", "up", 4, 15, 2, 6, 0, None),
    ("ระยะเวลาเฉลี่ยในการช่วยเหลือผู้เสียหายในคดีอาญา", "Average days to assist a crime victim",
     "วัน", "down", 30, 60, 5, 15, 0, None),
    ("ร้อยละของเด็กและเยาวชนที่กระทำผิดซ้ำ", "Youth reoffending rate", "ร้อยละ", "down",
     8, 20, 1, 5, 1, None),
    ("จำนวนอาสาสมัครเครือข่ายยุติธรรมชุมชนที่ผ่านการอบรม", "Trained community justice volunteers",
     "คน", "up", 50, 300, 30, 150, 0, None),
    ("จำนวนหมู่บ้านที่ประกาศเป็นหมู่บ้านปลอดยาเสพติด", "Drug-free villages", "หมู่บ้าน", "up",
     10, 60, 5, 25, 0, None),
    ("ร้อยละของคำขอรับค่าตอบแทนผู้เสียหายที่พิจารณาแล้วเสร็จภายใน 60 วัน",
     "Victim-compensation claims decided within 60 days", "ร้อยละ", "up", 55, 85, 5, 15, 1, 100.0),
    ("จำนวนหน่วยงานที่เชื่อมโยงข้อมูลผู้พ้นโทษผ่านระบบดิจิทัล",
     "Units sharing released-offender data digitally", "หน่วยงาน", "up", 1, 5, 2, 6, 0, None),
    ("ร้อยละของประชาชนที่รับรู้สิทธิและช่องทางเข้าถึงความยุติธรรม",
     "People aware of their rights and of access to justice", "ร้อยละ", "up", 35, 65, 10, 25, 1,
     100.0),
]

# KPIs per dimension: (Thai, unit, target lo, hi)
_KPIS: dict[str, list[tuple[str, str, float, float]]] = {
    "effectiveness": [
        ("ร้อยละของผู้พ้นโทษที่ไม่กลับมากระทำผิดซ้ำ", "ร้อยละ", 75, 92),
        ("จำนวนข้อพิพาทที่ไกล่เกลี่ยสำเร็จ", "เรื่อง", 40, 150),
        ("ร้อยละของผู้เสียหายที่ได้รับการช่วยเหลือทางกฎหมาย", "ร้อยละ", 70, 95),
        ("ร้อยละของเป้าหมายตามแผนปฏิบัติการที่บรรลุ", "ร้อยละ", 70, 90),
    ],
    "service_quality": [
        ("ระดับความพึงพอใจของผู้รับบริการ", "คะแนน", 4.0, 4.7),
        ("ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จภายในระยะเวลาที่กำหนด", "ร้อยละ", 80, 98),
        ("จำนวนช่องทางการให้บริการออนไลน์", "ช่องทาง", 2, 6),
    ],
    "efficiency": [
        ("ร้อยละการเบิกจ่ายงบประมาณตามแผน", "ร้อยละ", 85, 100),
        ("ระยะเวลาเฉลี่ยในการให้บริการต่อเรื่อง", "วัน", 3, 15),
        ("ร้อยละของกระบวนงานที่ลดขั้นตอนได้", "ร้อยละ", 10, 30),
    ],
    "org_development": [
        ("ร้อยละของบุคลากรที่ได้รับการพัฒนาสมรรถนะ", "ร้อยละ", 70, 100),
        ("ระดับความสำเร็จของการจัดการความรู้", "ระดับ", 3, 5),
        ("ร้อยละของกระบวนงานที่ใช้ระบบดิจิทัล", "ร้อยละ", 30, 80),
    ],
}
_KPI_COMBOS = [
    (d, lv)
    for d in ("effectiveness", "service_quality", "efficiency", "org_development")
    for lv in ("organisation", "division", "group", "individual")
]

_INITIATIVES = [
    ("โครงการฝึกอาชีพและจัดหางานให้ผู้พ้นโทษใน{place}",
     "Vocational training and job placement for released offenders"),
    ("โครงการพัฒนาศูนย์ยุติธรรมชุมชนต้นแบบ{place}", "Model community justice centres"),
    ("โครงการอบรมผู้ไกล่เกลี่ยข้อพิพาทภาคประชาชน{place}", "Training of community mediators"),
    ("โครงการเสริมสร้างเครือข่ายยุติธรรมชุมชน{place}", "Strengthening community justice networks"),
    ("โครงการป้องกันยาเสพติดในสถานศึกษา{place}", "Drug prevention in schools"),
    ("กิจกรรมประชาสัมพันธ์กองทุนยุติธรรม{place}", "Justice Fund outreach"),
    ("โครงการพัฒนาระบบฐานข้อมูลงานยุติธรรม{place}", "Justice database development"),
    ("กิจกรรมช่วยเหลือผู้เสียหายและจำเลยในคดีอาญา{place}", "Assistance to victims and defendants"),
    ("โครงการคืนคนดีสู่สังคม{place}", "Reintegration of offenders"),
    ("กิจกรรมยุติธรรมเคลื่อนที่{place}", "Mobile justice services"),
]
_BUDGET_SOURCES = [
    "งบพัฒนาจังหวัด", "งบพัฒนากลุ่มจังหวัด", "งบประมาณของหน่วยงาน", "กองทุนยุติธรรม",
    "งบองค์กรปกครองส่วนท้องถิ่น",
]
_STATUSES = ["planned", "in_progress", "done", "cancelled"]
_STATUS_WEIGHTS = [20, 45, 30, 5]

_PRODUCTS = [
    "รายชื่อผู้ต้องขังที่ใกล้พ้นโทษ", "ข้อมูลผู้พ้นโทษที่ผ่านการฝึกอาชีพ", "สถิติคดีอาญาในพื้นที่",
    "รายงานผลการไกล่เกลี่ยข้อพิพาท", "ข้อมูลเด็กและเยาวชนกลุ่มเสี่ยง", "ผลการตรวจพิสูจน์สารเสพติด",
    "รายชื่อผู้เสียหายที่ขอรับความช่วยเหลือ", "แผนปฏิบัติการประจำปีของจังหวัด",
    "รายงานการติดตามผู้ถูกคุมความประพฤติ", "ข้อมูลหมายบังคับคดี",
    "รายงานสรุปผลการดำเนินงานรายไตรมาส", "ข้อมูลเรื่องร้องเรียนจากศูนย์ดำรงธรรม",
]

# Baseline figures: (Thai, unit, value lo, hi)
_BASELINES = [
    ("จำนวนผู้พ้นโทษที่กลับมากระทำผิดซ้ำ", "คน", 20, 400),
    ("จำนวนคดียาเสพติด", "คดี", 100, 5000),
    ("จำนวนข้อพิพาทที่เข้าสู่การไกล่เกลี่ย", "เรื่อง", 50, 800),
    ("จำนวนผู้ถูกคุมความประพฤติ", "คน", 300, 6000),
    ("จำนวนผู้เสียหายที่ขอรับค่าตอบแทน", "ราย", 10, 300),
    ("จำนวนศูนย์ยุติธรรมชุมชน", "แห่ง", 5, 120),
]

_PLAN_ISSUES = [
    "ความมั่นคงและความปลอดภัยในชีวิตและทรัพย์สินของประชาชน",
    "การเข้าถึงความยุติธรรมและลดความเหลื่อมล้ำ",
    "การป้องกันและแก้ไขปัญหายาเสพติด",
    "การบริหารจัดการภาครัฐที่มีประสิทธิภาพและโปร่งใส",
    "การคืนคนดีสู่สังคมและลดการกระทำผิดซ้ำ",
    "การส่งเสริมสิทธิมนุษยชนและคุ้มครองกลุ่มเปราะบาง",
]
# Cluster plan issues, by what they align to: NMP-22, a national strategy, a JMP4 dimension
_CLUSTER_ISSUES = [
    "เสริมสร้างความเป็นธรรมและการเข้าถึงกระบวนการยุติธรรมของกลุ่มจังหวัด",
    "เสริมสร้างความมั่นคงและสังคมที่ปลอดภัยของกลุ่มจังหวัด",
    "สร้างเครือข่ายความร่วมมือด้านงานยุติธรรมระหว่างจังหวัดในกลุ่ม",
]
_CLUSTER_NS = ["NS-1", "NS-4", "NS-6"]
_JMP4 = ["JMP4-D1", "JMP4-D2", "JMP4-D3"]

_LESSONS: dict[str, list[str]] = {
    "success_factor": [
        "การแบ่งปันข้อมูลระหว่างเรือนจำและคุมประพฤติช่วยติดตามผู้พ้นโทษได้ต่อเนื่อง",
        "ผู้ว่าราชการจังหวัดให้ความสำคัญและติดตามงานด้วยตนเอง",
        "เครือข่ายยุติธรรมชุมชนเข้มแข็งและมีส่วนร่วมตั้งแต่ต้น",
    ],
    "obstacle": [
        "ข้อมูลจากหน่วยงานร่วมส่งล่าช้าทำให้รายงานความก้าวหน้าไม่ทันรอบ",
        "บุคลากรหมุนเวียนบ่อยทำให้งานขาดความต่อเนื่อง",
        "งบประมาณได้รับการจัดสรรล่าช้ากว่าแผน",
    ],
    "recommendation": [
        "ควรกำหนดผู้ประสานงานของแต่ละหน่วยงานให้ชัดเจน",
        "ควรจัดประชุมติดตามผลรายไตรมาสร่วมกันทุกหน่วยงาน",
        "ควรใช้ระบบดิจิทัลกลางในการรายงานผลการดำเนินงาน",
    ],
    "good_practice": [
        "การจัดยุติธรรมเคลื่อนที่ร่วมกับอำเภอยิ้มเคลื่อนที่",
        "การจับคู่ผู้พ้นโทษกับสถานประกอบการในพื้นที่",
        "การใช้ผู้นำชุมชนเป็นผู้ไกล่เกลี่ยข้อพิพาทเบื้องต้น",
    ],
}
_LESSON_KINDS = list(_LESSONS)
_LESSON_SOURCES = ["workshop", "field_visit", "weekly_report", "review"]
_LESSON_SOURCE_TH = {
    "workshop": "การประชุมเชิงปฏิบัติการ",
    "field_visit": "การลงพื้นที่",
    "weekly_report": "รายงานประจำสัปดาห์",
    "review": "การทบทวนผลการดำเนินงาน",
}

_CHECKIN_NOTES = [
    "เป็นไปตามแผน", "ข้อมูลจากหน่วยงานร่วมล่าช้า 1 เดือน",
    "อยู่ระหว่างประสานข้อมูลกับหน่วยงานในพื้นที่", "เร่งรัดการดำเนินงานในไตรมาสถัดไป",
]

_DIRECTIVES = [
    "เร่งรัดการขับเคลื่อนคณะกรรมการพัฒนาการบริหารงานยุติธรรมระดับจังหวัดให้เป็นรูปธรรม",
    "ติดตามผู้พ้นโทษและส่งต่อการจ้างงานร่วมกับภาคเอกชน",
    "ขยายศูนย์ยุติธรรมชุมชนให้ครอบคลุมทุกตำบล",
    "เร่งรัดการช่วยเหลือผู้เสียหายและจำเลยในคดีอาญา",
    "บูรณาการการป้องกันและแก้ไขปัญหายาเสพติดในพื้นที่",
    "จัดทำแผนการขับเคลื่อนงานยุติธรรมจังหวัดประจำปีงบประมาณ {fy}",
    "รายงานผลการไกล่เกลี่ยข้อพิพาทในชุมชนเป็นประจำทุกสัปดาห์",
    "ประชาสัมพันธ์กองทุนยุติธรรมให้ประชาชนรับรู้อย่างทั่วถึง",
    "สำรวจข้อมูลพื้นฐานด้านยุติธรรมของจังหวัดเพื่อจัดทำแผนยุทธศาสตร์",
    "ถอดบทเรียนการดำเนินงานของจังหวัดนำร่องเพื่อขยายผลทั่วประเทศ",
    "ส่งเสริมการคุ้มครองสิทธิและเสรีภาพของประชาชนในพื้นที่",
    "พัฒนาระบบฐานข้อมูลงานยุติธรรมจังหวัดให้เชื่อมโยงทุกหน่วยงาน",
]
# directive levels in every ten directives (seed 002: general, continuing, in progress, completed)
_DIRECTIVE_LEVELS = [
    "general", "general", "continuing", "continuing", "continuing",
    "in_progress", "in_progress", "in_progress", "completed", "completed",
]
_ISSUERS = ["รัฐมนตรีว่าการกระทรวงยุติธรรม", "ปลัดกระทรวงยุติธรรม", "รองปลัดกระทรวงยุติธรรม"]
_WEEKS = 8

_IDEAS: dict[str, list[str]] = {
    "do": [
        "ฝึกอาชีพผู้ต้องขังก่อนพ้นโทษ", "จัดตั้งจุดบริการยุติธรรมในตลาดชุมชน",
        "ทำฐานข้อมูลผู้พ้นโทษร่วมกัน",
    ],
    "expand": [
        "ขยายเครือข่ายนายจ้างที่รับผู้พ้นโทษเข้าทำงาน", "ขยายศูนย์ยุติธรรมชุมชนไปทุกตำบล",
        "ขยายการไกล่เกลี่ยออนไลน์",
    ],
    "upgrade": [
        "ยกระดับศูนย์ยุติธรรมชุมชนเป็นศูนย์ต้นแบบ",
        "ยกระดับมาตรฐานการให้บริการเป็นมาตรฐานเดียวกันทั้งจังหวัด", "ยกระดับการรายงานผลด้วยแดชบอร์ด",
    ],
    "drive": [
        "ขับเคลื่อนการแบ่งปันข้อมูลผู้พ้นโทษระหว่างหน่วยงาน",
        "ขับเคลื่อนจังหวัดปลอดยาเสพติดร่วมกับภาคประชาชน", "ขับเคลื่อนการป้องกันอาชญากรรมโดยชุมชน",
    ],
}
_IDEA_TYPES = list(_IDEAS)
# one workshop in eight is still brainstorming (no votes yet)
_WORKSHOP_STATUSES = [
    "closed", "closed", "vote", "closed", "draft", "closed", "closed", "brainstorm",
]
# fmt: on


# --------------------------------------------------------------------------- context
@dataclass
class _Place:
    code: str
    name_th: str
    name_en: str
    cluster_id: str | None

    @property
    def th(self) -> str:
        """ "จังหวัดภูเก็ต", or "กรุงเทพมหานคร" (Bangkok is not a จังหวัด)."""
        return self.name_th if self.code == _BKK else f"จังหวัด{self.name_th}"

    @property
    def en(self) -> str:
        return self.name_en if self.code == _BKK else f"{self.name_en} Provincial"


@dataclass
class _Ctx:
    fy: int
    scale: float
    fy_start: dt.date
    fy_end: dt.date
    month_starts: list[dt.date]
    month_ends: list[dt.date]
    cluster_issues: dict[str, list[str]] = field(default_factory=dict)
    plan_start: int = 0
    plan_end: int = 0
    #: the Justice Master Plan items and the justice master-plan issue in force that year
    jmp: list[str] = field(default_factory=lambda: list(_JMP4))
    nmp22: str = "NMP-22"


@dataclass
class _Province:
    """What later (national) steps need from a generated province."""

    place: _Place
    pjo_id: str
    objective_ids: list[str]


def _n(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


def _empty() -> dict[str, list[Row]]:
    return {name: [] for name in ENTITIES}


def _context(fiscal_year: int, scale: float) -> _Ctx:
    start, end = fiscal_year_bounds(fiscal_year)
    starts = fiscal_months(fiscal_year)
    ends = [b - dt.timedelta(days=1) for b in starts[1:]] + [end]
    plan_start = 2561 + 5 * ((fiscal_year - 2561) // 5)  # 5-year plans 2561-2565, 2566-2570...
    jmp, nmp22 = _plans_in_force(fiscal_year)
    return _Ctx(
        fiscal_year, scale, start, end, starts, ends, plan_start=plan_start,
        plan_end=plan_start + 4, jmp=jmp, nmp22=nmp22,
    )  # fmt: skip


def _plans_in_force(fiscal_year: int) -> tuple[list[str], str]:
    """The Justice Master Plan items and the master-plan issue (22) in force in a year.

    Synthetic data aligns only to plans in force (``plan_status.csv``), so its reports do not
    show the "plan not in force" finding: in 2565 the Justice Master Plan No. 3 (its strategies
    are unconfirmed, so the plan as a whole) and the original master plans; from 2566 the
    Justice Master Plan No. 4 and the revised master plans.

    >>> _plans_in_force(2565)
    (['JMP3-ALL'], 'NMP61-22')
    >>> _plans_in_force(2567)
    (['JMP4-D1', 'JMP4-D2', 'JMP4-D3'], 'NMP-22')
    """
    jmp = list(_JMP4) if reference.plan_status("JMP4", fiscal_year) == "in_force" else ["JMP3-ALL"]
    nmp22 = "NMP-22" if reference.plan_status("NMP", fiscal_year) == "in_force" else "NMP61-22"
    return jmp, nmp22


# --------------------------------------------------------------------------- plans
def _cluster_plan(
    t: dict[str, list[Row]], ctx: _Ctx, cid: str, name_th: str, name_en: str, rng: random.Random
) -> None:
    pid = f"SYN-CP-{cid}"
    t["plans"].append(
        {
            "id": pid,
            "kind": "cluster_plan",
            "cluster_id": cid,
            "name_th": f"แผนพัฒนา{name_th} พ.ศ. {ctx.plan_start}-{ctx.plan_end} (ข้อมูลสังเคราะห์)",
            "name_en": f"{name_en} development plan {ctx.plan_start}-{ctx.plan_end} (synthetic)",
            "start_fy": ctx.plan_start,
            "end_fy": ctx.plan_end,
            "source": _SYN,
        }
    )
    ns = rng.choice(_CLUSTER_NS)
    issues = []
    for k in range(_n(3, ctx.scale, 3)):
        iid = f"{pid}-{k + 1}"
        kind = k % 3
        target = (ctx.nmp22, ns, rng.choice(ctx.jmp))[kind]
        t["plan_items"].append(
            {
                "id": iid,
                "plan_id": pid,
                "code": str(k + 1),
                "name_th": f"ประเด็นการพัฒนาที่ {k + 1} {_CLUSTER_ISSUES[kind]}",
                "source": _SYN,
            }
        )
        t["alignments"].append(
            {
                "source_type": "plan_item",
                "source_id": iid,
                "plan_item_id": target,
                "rationale_th": "ประเด็นของกลุ่มจังหวัดสนับสนุนแผนระดับชาติ (ข้อมูลสังเคราะห์)",
            }
        )
        issues.append(iid)
    ctx.cluster_issues[cid] = issues


def _provincial_plan(
    t: dict[str, list[Row]], ctx: _Ctx, pl: _Place, rng: random.Random, base_issues: int
) -> list[str]:
    pid = f"SYN-PP-{pl.code}"
    t["plans"].append(
        {
            "id": pid,
            "kind": "provincial_plan",
            "province_code": pl.code,
            "name_th": f"แผนพัฒนา{pl.th} พ.ศ. {ctx.plan_start}-{ctx.plan_end} (ข้อมูลสังเคราะห์)",
            "name_en": f"{pl.name_en} development plan {ctx.plan_start}-{ctx.plan_end} (synthetic)",
            "start_fy": ctx.plan_start,
            "end_fy": ctx.plan_end,
            "source": _SYN,
        }
    )
    topics = rng.sample(_PLAN_ISSUES, len(_PLAN_ISSUES))
    up = ctx.cluster_issues.get(pl.cluster_id or "", [])
    issues = []
    for k in range(_n(base_issues, ctx.scale)):
        iid = f"{pid}-{k + 1}"
        t["plan_items"].append(
            {
                "id": iid,
                "plan_id": pid,
                "code": str(k + 1),
                "name_th": f"ประเด็นการพัฒนาที่ {k + 1} {topics[k % len(topics)]}",
                "source": _SYN,
            }
        )
        # Bangkok is in no cluster: its issues align straight to the Justice Master Plan
        target = up[k % len(up)] if up else ctx.jmp[k % len(ctx.jmp)]
        t["alignments"].append(
            {
                "source_type": "plan_item",
                "source_id": iid,
                "plan_item_id": target,
                "rationale_th": "ประเด็นของจังหวัดสอดคล้องกับแผนระดับที่สูงกว่า (ข้อมูลสังเคราะห์)",
            }
        )
        issues.append(iid)
    return issues


# --------------------------------------------------------------------------- one province
def _province(
    t: dict[str, list[Row]], ctx: _Ctx, pl: _Place, rng: random.Random, group: int
) -> _Province:
    fy, s, code = ctx.fy, ctx.scale, pl.code
    pre = f"SYN-{code}"
    # every base size is drawn first, so that sizes scale exactly with ``scale``
    b_units, b_stk, b_obj, b_kpi, b_ini, b_flow, b_base, b_les = (
        rng.randint(9, 11),
        rng.randint(2, 3),
        rng.randint(4, 6),
        rng.randint(16, 18),
        rng.randint(5, 8),
        rng.randint(8, 12),
        rng.randint(3, 5),
        rng.randint(5, 8),
    )
    # a random offset for the "every k-th row" choices: unbiased, and steadier than coin flips
    offset = rng.randrange(6)

    t["province_groups"].append(
        {
            "province_code": code,
            "fiscal_year": fy,
            "group": group,
            "note_th": _GROUP_NOTES[group - 1],
        }
    )
    issues = _provincial_plan(t, ctx, pl, rng, 4)

    # units: the first five MOJ offices always, then a random draw of the others
    order = list(range(_FIXED_UNITS)) + rng.sample(
        range(_FIXED_UNITS, len(_UNIT_TEMPLATES)), len(_UNIT_TEMPLATES) - _FIXED_UNITS
    )
    units: list[str] = []
    names: dict[str, str] = {}
    for i in range(_n(b_units, s)):
        th, en, kind, parent = _UNIT_TEMPLATES[order[i % len(order)]]
        branch = i // len(order)
        if kind == "ตำรวจ" and code == _BKK:
            name_th, name_en = _BKK_POLICE
        else:
            name_th, name_en = th.format(place=pl.th), en.format(p=pl.en)
        if branch:
            name_th, name_en = f"{name_th} สาขา {branch + 1}", f"{name_en}, branch {branch + 1}"
        uid = f"{pre}-U{i + 1:02d}"
        t["units"].append(
            {
                "id": uid,
                "name_th": name_th,
                "name_en": name_en,
                "province_code": code,
                "parent_id": parent,
                "unit_type": kind,
            }
        )
        units.append(uid)
        names[uid] = name_th
    pjo = units[0]
    others = units[1:] or units

    stakeholders = []
    for i in range(_n(b_stk, s)):
        th, en, kind = _STAKEHOLDERS[i % len(_STAKEHOLDERS)]
        sid = f"{pre}-S{i + 1}"
        t["stakeholders"].append(
            {
                "id": sid,
                "name_th": th.format(place=pl.th),
                "name_en": f"{en} in {pl.name_en}",
                "province_code": code,
                "kind": kind,
            }
        )
        stakeholders.append(sid)

    # objectives, key results, check-ins
    obj_order = rng.sample(range(len(_OBJECTIVES)), len(_OBJECTIVES))
    objectives: list[str] = []
    krs: list[str] = []
    for i in range(_n(b_obj, s)):
        oid = f"{pre}-O{i + 1}"
        th, en = _OBJECTIVES[obj_order[i % len(obj_order)]]
        rep = i // len(obj_order)
        title_th = th.format(place=pl.th) + (f" ระยะที่ {rep + 1}" if rep else "")
        # ~1 in 3 objectives after the first two cascades from an earlier one
        parent = rng.choice(objectives) if i >= 2 and rng.random() < 0.35 else None
        if parent is not None:
            unit = rng.choice(others)
        else:
            unit = pjo if rng.random() < 0.7 else rng.choice(units)
        described = rng.random() < 0.3
        t["objectives"].append(
            {
                "id": oid,
                "fiscal_year": fy,
                "province_code": code,
                "unit_id": unit,
                "parent_id": parent,
                "title_th": title_th,
                "title_en": f"{en} ({pl.name_en})",
                "description_th": _OBJECTIVE_NOTE if described else None,
            }
        )
        objectives.append(oid)
        # alignment: ~15 % of top-level and ~50 % of cascaded objectives are orphans
        if rng.random() >= (0.15 if parent is None else 0.5):
            t["alignments"].append(
                {
                    "source_type": "objective",
                    "source_id": oid,
                    "plan_item_id": rng.choice(issues),
                    "rationale_th": "วัตถุประสงค์สนับสนุนประเด็นการพัฒนาของจังหวัด",
                }
            )
            if rng.random() < 0.3:
                t["alignments"].append(
                    {
                        "source_type": "objective",
                        "source_id": oid,
                        "plan_item_id": rng.choice(ctx.jmp),
                    }
                )
        for cat in rng.sample(range(1, 8), rng.randint(1, 2)):
            t["pmqa_mappings"].append(
                {"source_type": "objective", "source_id": oid, "category": cat}
            )
        if (i + offset) % 2 == 0:  # every other objective serves a stakeholder group
            t["service_links"].append(
                {
                    "source_type": "objective",
                    "source_id": oid,
                    "stakeholder_id": rng.choice(stakeholders),
                }
            )
        for j in range(rng.randint(2, 4)):
            krs.append(_key_result(t, ctx, rng, f"{oid}-KR{j + 1}", oid, unit, units, names))
    for kid in krs:
        if rng.random() < 0.25:
            t["alignments"].append(
                {
                    "source_type": "key_result",
                    "source_id": kid,
                    "plan_item_id": rng.choice((ctx.nmp22, *ctx.jmp)),
                }
            )
        if rng.random() < 0.5:
            t["pmqa_mappings"].append(
                {"source_type": "key_result", "source_id": kid, "category": rng.randint(1, 7)}
            )

    # KPIs: the 16 dimension x level cells in a shuffled order, repeated as needed
    cells = rng.sample(_KPI_COMBOS, len(_KPI_COMBOS))
    kpis = []
    for i in range(_n(b_kpi, s)):
        dim, level = cells[i % len(cells)]
        name, uom, lo, hi = rng.choice(_KPIS[dim])
        decimals = 2 if hi < 10 else 0
        target = round(rng.uniform(lo, hi), decimals) or 1.0
        actual = round(target * rng.uniform(0.6, 1.15), decimals)
        link = rng.random()
        kid = f"{pre}-K{i + 1:02d}"
        row: Row = {
            "id": kid,
            "fiscal_year": fy,
            "province_code": code,
            "unit_id": pjo if level == "organisation" else rng.choice(units),
            "name_th": name,
            "dimension": dim,
            "level": level,
            "objective_id": rng.choice(objectives) if link < 0.2 else None,
            "key_result_id": rng.choice(krs) if 0.2 <= link < 0.5 else None,
            "unit_of_measure": uom,
            "target": target,
            "actual": actual,
        }
        if rng.random() < 0.4:
            for n, f in enumerate((0.6, 0.8, 1.0, 1.2, 1.4), 1):
                row[f"level{n}"] = round(target * f, 2)
        t["kpis"].append(row)
        kpis.append(kid)

    # initiatives
    ini_order = rng.sample(range(len(_INITIATIVES)), len(_INITIATIVES))
    initiatives = []
    for i in range(_n(b_ini, s)):
        iid = f"{pre}-I{i + 1}"
        th, en = _INITIATIVES[ini_order[i % len(ini_order)]]
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        budget = float(rng.randrange(20, 1500) * 1000)
        spent = {
            "planned": 0.0,
            "cancelled": 0.0,
            "in_progress": round(budget * rng.uniform(0.2, 0.8), 2),
            "done": round(budget * rng.uniform(0.85, 1.0), 2),
        }[status]
        m0 = rng.randint(0, 5)
        m1 = rng.randint(m0 + 2, 11)
        t["initiatives"].append(
            {
                "id": iid,
                "fiscal_year": fy,
                "province_code": code,
                "kind": "activity" if th.startswith("กิจกรรม") else "project",
                "name_th": th.format(place=pl.th),
                "name_en": f"{en} ({pl.name_en})",
                "owner_unit_id": rng.choice(units),
                "budget": budget,
                "budget_source": rng.choice(_BUDGET_SOURCES),
                "budget_spent": spent,
                "status": status,
                "start_date": ctx.month_starts[m0],
                "end_date": ctx.month_ends[m1],
            }
        )
        initiatives.append(iid)
        if rng.random() >= 0.15:  # ~15 % deliver no key result
            for kid in rng.sample(krs, min(len(krs), rng.randint(1, 3))):
                t["initiative_krs"].append({"initiative_id": iid, "key_result_id": kid})
        if rng.random() < 0.8:
            t["alignments"].append(
                {"source_type": "initiative", "source_id": iid, "plan_item_id": rng.choice(issues)}
            )
        if rng.random() < 0.7:
            t["pmqa_mappings"].append(
                {
                    "source_type": "initiative",
                    "source_id": iid,
                    "category": rng.choice((4, 5, 6, 6, 2, 3)),
                }
            )
        if (i + offset) % 3 == 0:
            t["service_links"].append(
                {
                    "source_type": "initiative",
                    "source_id": iid,
                    "stakeholder_id": rng.choice(stakeholders),
                }
            )

    # flows between units: ~10 % without receiver, ~10 % without supplier
    for i in range(_n(b_flow, s)):
        r = rng.random()
        a = rng.choice(units)
        b = rng.choice([u for u in units if u != a]) if len(units) > 1 else None
        src, dst = (a, None) if r < 0.1 or b is None else (None, b) if r < 0.2 else (a, b)
        t["flows"].append(
            {
                "id": f"{pre}-F{i + 1:02d}",
                "fiscal_year": fy,
                "from_unit_id": src,
                "to_unit_id": dst,
                "product_th": rng.choice(_PRODUCTS),
                "key_result_id": rng.choice(krs) if rng.random() < 0.4 else None,
            }
        )

    # baseline figures: the templates in a shuffled order, earlier years when repeated
    bl_order = rng.sample(range(len(_BASELINES)), len(_BASELINES))
    for i in range(_n(b_base, s)):
        name, uom, lo, hi = _BASELINES[bl_order[i % len(bl_order)]]
        t["baseline_indicators"].append(
            {
                "id": f"{pre}-B{i + 1}",
                "province_code": code,
                "name_th": name,
                "year": fy - 1 - i // len(bl_order),
                "value": float(rng.randint(lo, hi)),
                "unit_of_measure": uom,
                "source": _SYN,
            }
        )

    # lessons and what they are about
    targets = (
        ("objective", objectives),
        ("key_result", krs),
        ("initiative", initiatives),
        ("unit", units),
        ("kpi", kpis),
        ("pmqa_category", [str(c) for c in range(1, 8)]),
    )
    for i in range(_n(b_les, s)):
        lid = f"{pre}-L{i + 1}"
        kind = rng.choice(_LESSON_KINDS)
        source = rng.choice(_LESSON_SOURCES)
        day = ctx.fy_start + dt.timedelta(days=rng.randint(30, 360))
        t["lessons"].append(
            {
                "id": lid,
                "fiscal_year": fy,
                "province_code": code,
                "kind": kind,
                "source": source,
                "date": day,
                "title_th": rng.choice(_LESSONS[kind]),
                "detail_th": f"บทเรียนจาก{_LESSON_SOURCE_TH[source]}ของ{pl.th} (ข้อมูลสังเคราะห์)",
            }
        )
        for kind_t, ids in rng.sample(targets, rng.randint(1, 3)):
            t["lesson_links"].append(
                {"lesson_id": lid, "target_type": kind_t, "target_id": rng.choice(ids)}
            )
        if (i + offset) % 3 == 0:
            t["pmqa_mappings"].append(
                {"source_type": "lesson", "source_id": lid, "category": rng.randint(1, 7)}
            )
    return _Province(pl, pjo, objectives)


def _key_result(
    t: dict[str, list[Row]],
    ctx: _Ctx,
    rng: random.Random,
    kid: str,
    oid: str,
    obj_unit: str,
    units: list[str],
    names: dict[str, str],
) -> str:
    th, en, uom, direction, blo, bhi, clo, chi, dec, cap = rng.choice(_KRS)
    baseline = round(rng.uniform(blo, bhi), dec)
    change = round(rng.uniform(clo, chi), dec) or 1.0
    if direction == "up":
        target = baseline + change if cap is None else min(cap, baseline + change)
    else:
        target = max(baseline - change, baseline / 2)
    target = round(target, dec)
    if target == baseline:  # rounding or the cap left no room to move
        target = round(baseline + (10**-dec if direction == "up" else -(10**-dec)), dec)
    owner = obj_unit if rng.random() < 0.6 else rng.choice(units)
    contributors = rng.sample(
        [u for u in units if u != owner],
        min(len(units) - 1, rng.choices((0, 1, 2, 3), (30, 30, 25, 15))[0]),
    )
    how = None
    if rng.random() < 0.5:
        how = (
            f"{names[owner]}เป็นเจ้าภาพหลักร่วมกับ" + " ".join(names[u] for u in contributors)
            if contributors
            else f"{names[owner]}ดำเนินการและรายงานผลทุกเดือน"
        )
    t["key_results"].append(
        {
            "id": kid,
            "objective_id": oid,
            "title_th": th,
            "title_en": en,
            "baseline": baseline,
            "target": target,
            "unit_of_measure": uom,
            "direction": direction,
            "weight": rng.choice((1.0, 1.0, 1.0, 2.0, 0.5)),
            "owner_unit_id": owner,
            "start_date": ctx.fy_start,
            "due_date": ctx.fy_end,
            "how_th": how,
            "measure_type": "level",  # check-ins move from baseline to target (issue 17)
        }
    )
    t["kr_units"].append({"key_result_id": kid, "unit_id": owner, "role": "owner"})
    for u in contributors:
        t["kr_units"].append({"key_result_id": kid, "unit_id": u, "role": "contributor"})
    # monthly check-ins October..June for ~85 % of key results
    if rng.random() < 0.85:
        first = rng.choice((0, 0, 0, 1, 2))
        last = 8 if rng.random() < 0.8 else rng.randint(first, 8)
        pace = rng.uniform(0.5, 1.3)
        gap = target - baseline
        top = math.inf if cap is None else cap
        reporter = names[owner]
        for m in range(first, last + 1):
            progress = min(1.2, max(-0.1, (m + 1) / 12 * pace + rng.gauss(0, 0.04)))
            t["checkins"].append(
                {
                    "id": f"{kid}-M{m + 1:02d}",
                    "key_result_id": kid,
                    "date": ctx.month_ends[m],
                    "value": round(min(top, max(0.0, baseline + gap * progress)), dec),
                    "confidence": round(rng.uniform(0.4, 0.95), 2),
                    "note_th": rng.choice(_CHECKIN_NOTES) if rng.random() < 0.1 else None,
                    "reporter": reporter,
                }
            )
    return kid


# --------------------------------------------------------------------------- national
def _directives(
    t: dict[str, list[Row]], ctx: _Ctx, rng: random.Random, provinces: list[_Province]
) -> None:
    fy = ctx.fy
    jan1 = dt.date(ctx.fy_end.year, 1, 1)
    first = jan1 + dt.timedelta(days=(7 - jan1.weekday()) % 7)
    weeks = [first + dt.timedelta(weeks=k) for k in range(_WEEKS)]
    meetings = [ctx.fy_start + dt.timedelta(days=d) for d in range(0, 92)]
    meetings = [d for d in meetings if d.weekday() == 0]
    levels = rng.sample(_DIRECTIVE_LEVELS, len(_DIRECTIVE_LEVELS))
    pjos = [(p.place.code, p.pjo_id) for p in provinces]
    for i in range(_n(10, ctx.scale)):
        did = f"SYN-D{i + 1:02d}"
        level = levels[i % len(levels)]
        title = _DIRECTIVES[i % len(_DIRECTIVES)].format(fy=fy)
        if i >= len(_DIRECTIVES):
            title += f" (ระยะที่ {i // len(_DIRECTIVES) + 1})"
        meeting = rng.choice(meetings)
        done_week = rng.randint(2, _WEEKS - 1) if level == "completed" else None
        t["directives"].append(
            {
                "id": did,
                "fiscal_year": fy,
                "title_th": title,
                "meeting_th": f"การประชุมผู้บริหารกระทรวงยุติธรรม ครั้งที่ {meetings.index(meeting) + 1}"
                f"/{fy} (ข้อมูลสังเคราะห์)",
                "meeting_date": meeting,
                "issuer": rng.choice(_ISSUERS),
                "level": level,
                "completed_date": weeks[done_week] + dt.timedelta(days=4)
                if done_week is not None
                else None,
            }
        )
        assigned = pjos if level == "general" else [x for x in pjos if rng.random() < 0.5]
        if not assigned and pjos:
            assigned = [rng.choice(pjos)]
        goal = f"ดำเนินการตามข้อสั่งการเรื่อง{title}ให้แล้วเสร็จภายในปีงบประมาณ {fy}"
        plan = "ประชุมหน่วยงานที่เกี่ยวข้อง จัดทำแผนปฏิบัติการ และติดตามผลทุกสัปดาห์"
        for code, uid in assigned:
            t["directive_units"].append({"directive_id": did, "unit_id": uid})
            for k, week in enumerate(weeks):
                if done_week is not None and k > done_week:
                    break  # a completed directive is reported once, then no more
                if rng.random() < 0.06:
                    continue  # missing report
                wk_level = (
                    level
                    if done_week is None
                    else ("completed" if k == done_week else "in_progress")
                )
                if rng.random() < 0.1:  # late: after Friday 16:00
                    day, hour = rng.choice(((4, 17), (4, 19), (5, 10), (7, 9)))
                else:
                    day = rng.randint(0, 4)
                    hour = rng.randint(8, 15) if day == 4 else rng.randint(8, 17)
                at = dt.datetime(
                    week.year, week.month, week.day, hour, rng.randint(0, 59), tzinfo=BANGKOK
                ) + dt.timedelta(days=day)
                pct = min(100, (k + 1) * rng.randint(8, 14))
                full = wk_level != "in_progress" or rng.random() < 0.3
                t["weekly_reports"].append(
                    {
                        "id": f"{did}-{code}-W{k + 1}",
                        "directive_id": did,
                        "unit_id": uid,
                        "week_start": week,
                        "submitted_at": at,
                        "level": wk_level,
                        "goal": goal,
                        "plan": plan,
                        "results": f"ดำเนินการแล้วร้อยละ {pct} ของแผน" if full else None,
                        "outputs": "จัดประชุมและประสานหน่วยงานในพื้นที่แล้ว" if full else None,
                        "outcomes": "หน่วยงานในจังหวัดมีแนวทางดำเนินงานร่วมกัน"
                        if full and rng.random() < 0.5
                        else None,
                        "impact": "ประชาชนได้รับบริการด้านยุติธรรมสะดวกขึ้น"
                        if full and rng.random() < 0.25
                        else None,
                    }
                )


def _workshops(
    t: dict[str, list[Row]], ctx: _Ctx, rng: random.Random, provinces: list[_Province]
) -> None:
    if not provinces:
        return
    count = _n(1, len(provinces) * ctx.scale / 10)
    per_host: dict[str, int] = {}
    for j in range(count):
        p = provinces[j * len(provinces) // count]
        k = per_host[p.place.code] = per_host.get(p.place.code, 0) + 1
        wid = f"SYN-{p.place.code}-WS{k}"
        day = ctx.fy_start + dt.timedelta(days=rng.randint(31, 90))
        status = _WORKSHOP_STATUSES[j % len(_WORKSHOP_STATUSES)]
        vpp = 3
        t["workshops"].append(
            {
                "id": wid,
                "fiscal_year": ctx.fy,
                "province_code": p.place.code,
                "unit_id": p.pjo_id,
                "date": day,
                "title_th": f"ประชุมเชิงปฏิบัติการจัดทำ OKR {p.place.th} ครั้งที่ {k} (ข้อมูลสังเคราะห์)",
                "facilitator": "สำนักงานกิจการยุติธรรม",
                "votes_per_participant": vpp,
                "status": status,
                "objective_id": p.objective_ids[0] if status == "closed" else None,
            }
        )
        people = [f"ผู้เข้าร่วม {n + 1:02d}" for n in range(10 + j % 5)]  # 10-14
        start = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=BANGKOK)
        ideas = []
        for n in range(8 + (3 * j) % 5):  # 8-12 ideas
            kind = _IDEA_TYPES[n % 4] if n < 4 else rng.choice(_IDEA_TYPES)
            iid = f"{wid}-I{n + 1:02d}"
            t["ideas"].append(
                {
                    "id": iid,
                    "workshop_id": wid,
                    "idea_type": kind,
                    "text_th": rng.choice(_IDEAS[kind]),
                    "author": rng.choice(people),
                    "created_at": start + dt.timedelta(minutes=5 * n + rng.randint(0, 4)),
                }
            )
            ideas.append(iid)
        if status == "brainstorm":
            continue
        vote_at = start + dt.timedelta(hours=4)
        for n, voter in enumerate(people):
            for iid in rng.sample(ideas, vpp):
                t["votes"].append(
                    {
                        "idea_id": iid,
                        "voter": voter,
                        "created_at": vote_at + dt.timedelta(minutes=n),
                    }
                )


def _people(t: dict[str, list[Row]], provinces: list[_Province]) -> None:
    """Hub users: an administrator, a strategy officer and a facilitator at OJA, and per
    province a reporter for its provincial justice office (no randomness: other tables
    stay as they were). Hub user names are lower case, so they start ``syn-``."""
    central = [
        ("syn-admin", "ผู้ดูแลระบบ (ข้อมูลสังเคราะห์)", ("administrator",), "SYN-MOJ-OJA"),
        ("syn-strategy", "เจ้าหน้าที่ยุทธศาสตร์ (ข้อมูลสังเคราะห์)", ("strategy",), "SYN-MOJ-OJA"),
        ("syn-facilitator", "วิทยากร (ข้อมูลสังเคราะห์)", ("facilitator",), "SYN-MOJ-OJA"),
    ]
    rows = central + [
        (f"syn-pjo{p.place.code}", f"ผู้รายงาน {p.place.th} (ข้อมูลสังเคราะห์)", ("reporter",), p.pjo_id)
        for p in provinces
    ]
    known = {u["id"] for u in t["units"]}
    for uid, name, roles, unit in rows:
        t["people"].append({"id": uid, "name_th": name, "active": True})
        t["person_roles"] += [{"person_id": uid, "role": r} for r in roles]
        if unit in known:
            t["person_units"].append({"person_id": uid, "unit_id": unit})


# --------------------------------------------------------------------------- public API
def _check_args(n_provinces: int, scale: float, fiscal_year: int) -> None:
    if isinstance(n_provinces, bool) or not isinstance(n_provinces, int):
        raise TypeError(f"n_provinces must be an int, got {n_provinces!r}")
    if not 1 <= n_provinces <= 77:
        raise ValueError(f"n_provinces must be 1-77 (use scale for more data), got {n_provinces}")
    if not (isinstance(scale, int | float) and math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise TypeError(f"fiscal_year must be an int (Buddhist Era), got {fiscal_year!r}")
    if not 2500 <= fiscal_year <= 2695:
        raise ValueError(f"fiscal_year must be a Buddhist Era year 2500-2695, got {fiscal_year}")


def synthetic_groups() -> dict[str, int]:
    """Driving group of all 77 provinces by the operating-centre rule, pilots chosen
    synthetically.

    The 18 operating centres (:func:`kpyj_lib.reference.operating_centres`) are group 2,
    except the centres of the model provinces' clusters, which are group 1 (the pilots: a
    synthetic choice); every other province is group 3.

    Examples
    --------
    >>> g = synthetic_groups()
    >>> sorted(c for c, n in g.items() if n == 1), g["64"], g["83"]
    (['47', '65', '70', '83'], 3, 1)
    >>> from collections import Counter
    >>> sorted(Counter(g.values()).items())
    [(1, 4), (2, 14), (3, 59)]
    """
    centres = reference.operating_centres()
    pilots = {centres[reference.cluster_of(c)] for c in MODEL_PROVINCES}  # type: ignore[index]
    group = {c: 3 for c in sorted(reference.province_codes())}
    for code in centres.values():
        group[code] = 1 if code in pilots else 2
    return group


def synthetic_tables(
    n_provinces: int = 77,
    *,
    scale: float = 1.0,
    fiscal_year: int = 2565,
    seed: int = 2565,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of a synthetic national workspace, per entity.

    Parameters
    ----------
    n_provinces : int
        How many provinces (1-77): the first ``n_provinces`` reference provinces by code
        (``"10"`` Bangkok, ``"11"`` Samut Prakan, ...).
    scale : float
        Multiplies every per-province size and the number of directives and workshops; use
        it for workspaces bigger than the nation (the benchmark uses 3.0 and 10.0).
    fiscal_year : int
        Buddhist Era fiscal year of every year-bound row (dates fall inside it).
    seed : int
        Seed of the only source of randomness, :class:`random.Random`. The same arguments
        always give identical rows.

    Returns
    -------
    dict of str to list of dict
        One list per entity name of :data:`kpyj_lib.model.ENTITIES` (every entity present,
        in registry order), each row valid as that entity's record. Ids start with
        ``SYN-`` (``SYN-83-O1`` is Phuket's first objective). References point to rows of
        the same tables or to reference ids (provinces, clusters, PMQA categories and the
        reference plan items in force that year: ``NS-x`` and, in 2565, ``NMP61-22`` and
        ``JMP3-ALL``; from 2566 ``NMP-22`` and ``JMP4-Dx``).

    Raises
    ------
    ValueError
        ``n_provinces`` outside 1-77, ``scale`` not positive, ``fiscal_year`` not a BE year.

    Examples
    --------
    >>> t = synthetic_tables(2, seed=1)
    >>> list(t) == list(ENTITIES)
    True
    >>> [r["id"] for r in t["objectives"][:2]]
    ['SYN-10-O1', 'SYN-10-O2']
    >>> {r["key"]: r["value"] for r in t["meta"]}["synthetic"]
    'true'
    >>> len(synthetic_tables(2, seed=1, scale=3.0)["objectives"]) == 3 * len(t["objectives"])
    True
    """
    _check_args(n_provinces, scale, fiscal_year)
    provinces = reference.load("provinces").sort_values("code")
    all_codes = [str(c) for c in provinces["code"]]
    members = reference.load("cluster_members")
    cluster_of = dict(zip(members["province_code"].astype(str), members["cluster_id"], strict=True))
    clusters = reference.load("clusters").sort_values("id")

    root = random.Random(seed)
    province_seeds = {c: root.getrandbits(64) for c in all_codes}
    cluster_seeds = {str(c): root.getrandbits(64) for c in clusters["id"]}
    ministry = random.Random(root.getrandbits(64))

    ctx = _context(fiscal_year, float(scale))
    t = _empty()
    t["meta"] = [
        {"key": "is_sample", "value": "true"},
        {"key": "synthetic", "value": "true"},
        {"key": "title", "value": SYNTHETIC_TITLE},
        {"key": "title_th", "value": SYNTHETIC_TITLE},
        {"key": "title_en", "value": "Synthetic (sample) data for performance tests"},
        {"key": "note_th", "value": "ข้อมูลทั้งหมดสร้างขึ้นโดยโปรแกรม " + _SYN},
        {
            "key": "generator",
            "value": (
                f"kpyj_lib.synthetic n_provinces={n_provinces} "
                f"scale={scale} fiscal_year={fiscal_year} seed={seed}"
            ),
        },
    ]
    for uid, th, en, kind, parent in _MINISTRY_UNITS:
        t["units"].append(
            {
                "id": uid,
                "name_th": th,
                "name_en": en,
                "province_code": None,
                "parent_id": parent,
                "unit_type": kind,
            }
        )

    chosen = provinces.head(n_provinces)
    present = sorted({cluster_of[c] for c in chosen["code"].astype(str) if c in cluster_of})
    for _, c in clusters.iterrows():
        if c["id"] in present:
            _cluster_plan(
                t,
                ctx,
                str(c["id"]),
                str(c["name_th"]),
                str(c["name_en"]),
                random.Random(cluster_seeds[str(c["id"])]),
            )

    group = synthetic_groups()
    done: list[_Province] = []
    for code, th, en in zip(
        chosen["code"].astype(str), chosen["name_th"], chosen["name_en"], strict=True
    ):
        pl = _Place(code, str(th), str(en), cluster_of.get(code))
        done.append(_province(t, ctx, pl, random.Random(province_seeds[code]), group[code]))

    _directives(t, ctx, ministry, done)
    _workshops(t, ctx, ministry, done)
    _driving_plan(t, ctx)  # issue 14: no randomness drawn, earlier rows unchanged
    _people(t, done)
    return t


def _driving_plan(t: dict[str, list[Row]], ctx: _Ctx) -> None:
    """A synthetic yearly driving plan: ``4 × scale`` goals, each with two activities, one
    indicator (targets for the three groups) and two plan items it serves."""
    fy = ctx.fy
    items = (ctx.nmp22, *ctx.jmp, "NS-1", "NS-6")
    for n in range(1, _n(4, ctx.scale) + 1):
        gid = f"SYN-DP{fy}-G{n}"
        t["driving_goals"].append(
            {"id": gid, "fiscal_year": fy, "code": str(n),
             "goal_th": f"เป้าหมายการขับเคลื่อนที่ {n} {_SYN}", "outcome_th": f"ผลลัพธ์ที่ {n}",
             "extension_th": f"แนวทางต่อยอดที่ {n}", "owner_unit_id": "SYN-MOJ-OJA",
             "source": _SYN}
        )  # fmt: skip
        for k, (start, end) in enumerate(((0, 5), (6, 11)), 1):
            t["driving_activities"].append(
                {"id": f"{gid}-A{k}", "goal_id": gid, "name_th": f"กิจกรรมที่ {n}.{k} {_SYN}",
                 "group": k if k < 3 else None, "start_date": ctx.month_starts[start],
                 "end_date": ctx.month_ends[end], "detail_th": None}
            )  # fmt: skip
        iid = f"{gid}-I1"
        t["driving_indicators"].append(
            {"id": iid, "goal_id": gid, "name_th": f"ตัวชี้วัดที่ {n} {_SYN}",
             "unit_of_measure": "ร้อยละ", "direction": "up", "period": "quarterly",
             "method_th": "จำนวนที่ทำได้ หารด้วยจำนวนเป้าหมาย คูณ 100", "data_source_th": _SYN,
             "baseline": 50.0, "baseline_year": fy - 1, "target": 70.0, "target_year": fy}
        )  # fmt: skip
        for group in (1, 2, 3):
            t["driving_targets"].append(
                {"indicator_id": iid, "group": group, "target": 80.0 - 5 * group,
                 "due_date": ctx.fy_end, "action_th": f"กลุ่มที่ {group} {_SYN}"}
            )  # fmt: skip
        for item in (items[n % len(items)], items[(n + 3) % len(items)]):
            t["driving_alignments"].append(
                {"goal_id": gid, "plan_item_id": item, "rationale_th": _SYN}
            )


#: The word that marks every light row as sample data.
LIGHT_MARK = "ตัวอย่าง"
_LIGHT_NOTE = "ข้อมูลตัวอย่าง (สมมติ) สร้างโดยโปรแกรม ไม่ใช่ข้อมูลทางราชการ"
#: Months (of the fiscal year) at whose end light key results are reported.
_LIGHT_MONTHS = (11, 1, 3, 5, 6)
_LIGHT_CHECKIN_NOTES = (
    "รายงานผลตามรอบ", "ข้อมูลจากหน่วยงานร่วม", "อยู่ระหว่างเร่งรัดการดำเนินงาน",
    "เป็นไปตามแผนที่วางไว้",
)  # fmt: skip


def light_tables(
    codes: list[str] | tuple[str, ...],
    *,
    fiscal_year: int = 2565,
    seed: int = 2565,
    targets: list[str] | tuple[str, ...] = ("NS-1", "NS-4", "NS-6"),
    cluster_targets: dict[str, list[str]] | None = None,
    parent_unit: str | None = None,
    as_of: dt.date | None = None,
    prefix: str = "SYN",
    provincial_plan: bool = True,
) -> dict[str, list[dict[str, Any]]]:
    """Light sample data for some provinces: objectives, a few key results and check-ins.

    Per province: its provincial justice office as the one unit, a provincial development
    plan with 2 issues aligned upwards, 2-3 objectives with 1-2 key results each (owned by
    that office), check-ins at the end of November, January, March, May and June (some key
    results stop reporting early; about one province in fifteen has reported nothing yet),
    1-2 projects with a budget, each delivering one key result, and the objectives'
    alignments (about one objective in ten is aligned to nothing). Each province moves at its
    own pace, so some are on track, some at risk, some off track.

    **Every row is sample data**: each row with a text of its own says ``ตัวอย่าง``
    (:data:`LIGHT_MARK`) in it; link rows (``kr_units``, ``initiative_krs``) join marked
    rows only.

    Parameters
    ----------
    codes : sequence of str
        The provinces (2-digit codes). A province's rows depend only on ``seed``, the
        province and the other arguments, not on which other provinces are generated.
    fiscal_year : int
        Buddhist Era fiscal year of the rows; dates fall inside it.
    seed : int
        Seed of the pseudo-random choices (:class:`random.Random`).
    targets : sequence of str
        Plan item ids the objectives may align to (any plan level).
    cluster_targets : dict of str to list of str, optional
        Cluster id → plan item ids of that cluster's plan; an objective of a member
        province aligns to one of them first when there are any.
    parent_unit : str, optional
        Unit id the provincial justice offices report to.
    as_of : date, optional
        Leave out check-ins dated after this day.
    prefix : str
        Id prefix: ``SYN`` gives ``SYN-50-LO1`` (objective 1 of Chiang Mai).
    provincial_plan : bool
        Give each province a provincial development plan (``SYN-50-PP``, issues
        ``SYN-50-PP-1`` and ``-2``, each aligned to a cluster plan item or a target) that
        most objectives align to.

    Returns
    -------
    dict of str to list of dict
        Rows per entity of :data:`kpyj_lib.model.ENTITIES` (every entity present, most
        empty), each valid as its record.

    Raises
    ------
    UnknownProvinceError
        If a code is not one of the 77 provinces.

    Examples
    --------
    >>> t = light_tables(["50", "57"], seed=1)
    >>> sorted({o["province_code"] for o in t["objectives"]}), t["units"][0]["id"]
    (['50', '57'], 'SYN-50-LU')
    >>> all(LIGHT_MARK in o["description_th"] for o in t["objectives"])
    True
    >>> light_tables(["57"], seed=1)["objectives"] == [
    ...     o for o in t["objectives"] if o["province_code"] == "57"]
    True
    """
    if not targets:
        raise ValueError("targets must name at least one plan item")
    start, end = fiscal_year_bounds(fiscal_year)
    months = fiscal_months(fiscal_year)
    ends = [m + dt.timedelta(days=-1) for m in months[1:]] + [end]
    days = [ends[(m - 10) % 12] for m in _LIGHT_MONTHS]
    if as_of is not None:
        days = [d for d in days if d <= as_of]
    names = reference.load("provinces").set_index("code")
    plan_start = 2561 + 5 * ((fiscal_year - 2561) // 5)  # 5-year plans 2561-2565, 2566-2570
    t = _empty()
    for raw in codes:
        code = reference.check_province(raw)
        rng = random.Random(f"{seed}-{fiscal_year}-{code}")
        pl = _Place(code, str(names.loc[code, "name_th"]), str(names.loc[code, "name_en"]),
                    reference.cluster_of(code))  # fmt: skip
        pre = f"{prefix}-{code}"
        unit = f"{pre}-LU"
        unit_name = f"สำนักงานยุติธรรม{pl.th}"
        t["units"].append(
            {
                "id": unit,
                "name_th": unit_name,
                "name_en": f"{pl.en} Justice Office (sample)",
                "province_code": code,
                "parent_id": parent_unit,
                "unit_type": "สำนักงานยุติธรรมจังหวัด",
            }
        )
        reported = rng.random() >= 0.07
        pace = rng.uniform(0.45, 1.25)
        up = (cluster_targets or {}).get(pl.cluster_id or "", [])
        issues: list[str] = []
        if provincial_plan:
            pid = f"{pre}-PP"
            years = f"พ.ศ. {plan_start}-{plan_start + 4}"
            t["plans"].append(
                {
                    "id": pid,
                    "kind": "provincial_plan",
                    "name_th": f"แผนพัฒนา{pl.th} {years} ({LIGHT_MARK})",
                    "name_en": f"{pl.name_en} development plan (sample)",
                    "level": 3,
                    "start_fy": plan_start,
                    "end_fy": plan_start + 4,
                    "province_code": code,
                    "cluster_id": None,
                    "source": _LIGHT_NOTE,
                }
            )
            for k, topic in enumerate(rng.sample(_PLAN_ISSUES, 2)):
                iid = f"{pid}-{k + 1}"
                t["plan_items"].append(
                    {
                        "id": iid,
                        "plan_id": pid,
                        "parent_id": None,
                        "code": str(k + 1),
                        "name_th": f"ประเด็นการพัฒนาที่ {k + 1} {topic} ({LIGHT_MARK})",
                        "name_en": None,
                        "source": _LIGHT_NOTE,
                    }
                )
                t["alignments"].append(
                    {
                        "source_type": "plan_item",
                        "source_id": iid,
                        "plan_item_id": rng.choice(up) if up else targets[k % len(targets)],
                        "rationale_th": f"ประเด็นของจังหวัดสนับสนุนแผนระดับที่สูงกว่า ({LIGHT_MARK})",
                    }
                )
                issues.append(iid)
        krs: list[str] = []
        for i, k in enumerate(rng.sample(range(len(_OBJECTIVES)), rng.randint(2, 3))):
            oid = f"{pre}-LO{i + 1}"
            th, en = _OBJECTIVES[k]
            t["objectives"].append(
                {
                    "id": oid,
                    "fiscal_year": fiscal_year,
                    "province_code": code,
                    "unit_id": unit,
                    "parent_id": None,
                    "title_th": th.format(place=pl.th),
                    "title_en": f"{en} ({pl.name_en}, sample)",
                    "description_th": _LIGHT_NOTE,
                    "carried_from_id": None,
                }
            )
            if rng.random() >= 0.1:  # about one objective in ten is aligned to nothing
                draw = rng.random()
                if issues and draw < 0.7:
                    first = rng.choice(issues)
                elif up and draw < 0.85:
                    first = rng.choice(up)
                else:
                    first = rng.choice(targets)
                chosen = [first]
                if rng.random() < 0.5:
                    other = rng.choice(targets)
                    if other != first:
                        chosen.append(other)
                for item in chosen:
                    t["alignments"].append(
                        {
                            "source_type": "objective",
                            "source_id": oid,
                            "plan_item_id": item,
                            "rationale_th": f"ความสอดคล้องตัวอย่าง ({_LIGHT_NOTE})",
                        }
                    )
            for j in range(rng.randint(1, 2)):
                kid = f"{oid}-KR{j + 1}"
                th, en, uom, direction, blo, bhi, clo, chi, dec, cap = rng.choice(_KRS)
                baseline = round(rng.uniform(blo, bhi), dec)
                change = round(rng.uniform(clo, chi), dec) or 1.0
                if direction == "up":
                    target = baseline + change if cap is None else min(cap, baseline + change)
                else:
                    target = max(baseline - change, baseline / 2)
                target = round(target, dec)
                if target == baseline:
                    step = 10**-dec
                    target = round(baseline + (step if direction == "up" else -step), dec)
                t["key_results"].append(
                    {
                        "id": kid,
                        "objective_id": oid,
                        "title_th": th,
                        "title_en": en,
                        "baseline": baseline,
                        "target": target,
                        "unit_of_measure": uom,
                        "direction": direction,
                        "weight": 1.0,
                        "owner_unit_id": unit,
                        "start_date": start,
                        "due_date": end,
                        "how_th": f"{unit_name}ติดตามและรายงานผลทุกสองเดือน ({_LIGHT_NOTE})",
                        "carried_from_id": None,
                        "measure_type": "level",  # values from baseline to target (issue 17)
                    }
                )
                t["kr_units"].append({"key_result_id": kid, "unit_id": unit, "role": "owner"})
                krs.append(kid)
                if not reported:
                    continue
                last = len(days) if rng.random() < 0.85 else rng.randint(1, len(days))
                top = math.inf if cap is None else cap
                done = 0.0
                kr_pace = pace * rng.uniform(0.9, 1.1)
                for day in days[:last]:
                    elapsed = (day - start).days / (end - start).days
                    done = max(done, min(1.2, elapsed * kr_pace + rng.gauss(0, 0.03)))
                    value = round(min(top, max(0.0, baseline + (target - baseline) * done)), dec)
                    t["checkins"].append(
                        {
                            "id": f"{kid}-{day:%Y%m}",
                            "key_result_id": kid,
                            "date": day,
                            "value": float(value),
                            "confidence": round(min(0.95, max(0.1, 0.3 + 0.5 * kr_pace
                                                              + rng.uniform(-0.1, 0.1))), 2),
                            "note_th": f"{rng.choice(_LIGHT_CHECKIN_NOTES)} ({LIGHT_MARK})",
                            "reporter": unit_name,
                        }
                    )  # fmt: skip
        for i, k in enumerate(rng.sample(range(len(_INITIATIVES)), rng.randint(1, 2))):
            iid = f"{pre}-LI{i + 1}"
            th, en = _INITIATIVES[k]
            status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
            budget = float(rng.randrange(50, 1200) * 1000)
            spent = {
                "planned": 0.0,
                "cancelled": 0.0,
                "in_progress": round(budget * rng.uniform(0.2, 0.7), 2),
                "done": round(budget * rng.uniform(0.85, 1.0), 2),
            }[status]
            m0 = rng.randint(0, 4)
            t["initiatives"].append(
                {
                    "id": iid,
                    "fiscal_year": fiscal_year,
                    "province_code": code,
                    "kind": "activity" if th.startswith("กิจกรรม") else "project",
                    "name_th": f"{th.format(place=pl.th)} ({LIGHT_MARK})",
                    "name_en": f"{en} ({pl.name_en}, sample)",
                    "owner_unit_id": unit,
                    "budget": budget,
                    "budget_source": f"{rng.choice(_BUDGET_SOURCES)} ({LIGHT_MARK})",
                    "budget_spent": spent,
                    "status": status,
                    "start_date": months[m0],
                    "end_date": ends[rng.randint(m0 + 3, 11)],
                }
            )
            t["initiative_krs"].append({"initiative_id": iid, "key_result_id": rng.choice(krs)})
    return t


def synthetic_workspace(
    n_provinces: int = 77,
    *,
    scale: float = 1.0,
    fiscal_year: int = 2565,
    seed: int = 2565,
) -> Workspace:
    """A :class:`~kpyj_lib.workspace.Workspace` of :func:`synthetic_tables`.

    Parameters are those of :func:`synthetic_tables`. The reference plans and tables are
    merged in as for any workspace; ``is_sample`` is true.

    Examples
    --------
    >>> ws = synthetic_workspace(5)
    >>> ws.province_codes, ws.is_sample
    (['10', '11', '12', '13', '14'], True)
    """
    tables = synthetic_tables(n_provinces, scale=scale, fiscal_year=fiscal_year, seed=seed)
    return Workspace.from_tables(
        tables,
        fiscal_year,
        source=f"synthetic(n_provinces={n_provinces}, scale={scale}, seed={seed})",
    )


def write_synthetic(
    store: Store,
    n_provinces: int = 77,
    *,
    scale: float = 1.0,
    fiscal_year: int = 2565,
    seed: int = 2565,
) -> dict[str, int]:
    """Replace the whole workspace of an initialised store by a synthetic one.

    Parameters
    ----------
    store : Store
        An initialised :class:`~kpyj_lib.store.Store`; every user row in it is deleted
        (``replace=True``), the reference data stays.
    n_provinces, scale, fiscal_year, seed
        As for :func:`synthetic_tables`.

    Returns
    -------
    dict of str to int
        Rows written per entity (entities without rows are left out).

    Examples
    --------
    >>> import tempfile
    >>> from kpyj_lib.store import Store
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/syn.sqlite")
    >>> store.init()
    >>> written = write_synthetic(store, 1)
    >>> written["province_groups"], store.workspace(2565).province_codes
    (1, ['10'])
    >>> store.close()
    """
    tables = synthetic_tables(n_provinces, scale=scale, fiscal_year=fiscal_year, seed=seed)
    return store.write(tables, replace=True)
