"""Write the thin report notebooks in notebooks/ (run after changing their cell list).

The notebooks are generated so that they stay thin and identical in structure: one
``parameters`` cell, then one call into the library per section. They are written
without outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nb(cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(
        cells=cells, metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}}
    )
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i:02d}"
    return nb


def province_report() -> nbformat.NotebookNode:
    from kpyj_lib.documents.province import SECTIONS

    params = new_code_cell(
        "# พารามิเตอร์ (papermill) ใช้ค่า ASCII เท่านั้น: รหัสจังหวัด 2 หลัก, ปีงบประมาณ พ.ศ.,\n"
        "# ฐานข้อมูล (ว่างคือ KPYJ_DB_URL หรือ data/kpyj.sqlite), วันที่ ISO (ว่างคือค่าเริ่มต้น),\n"
        '# ภาษา "th" (ไทยอย่างเดียว) หรือ "th-en" (มีคำอังกฤษกำกับ)\n'
        'province = "83"\n'
        "fiscal_year = 2565\n"
        'db_url = ""\n'
        'as_of = ""\n'
        "round_no = 0  # รอบการติดตาม 1-4 (รอบ 3/6/9/12 เดือน); 0 = ณ วันที่ as_of\n"
        'lang = "th"  # "th" ภาษาไทยอย่างเดียว หรือ "th-en" มีคำอังกฤษกำกับ',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(
            "<!-- kpyj: รายงานวิเคราะห์รายจังหวัด — รันด้วย `kpyj reports` หรือ papermill -->"
        ),
        params,
        new_code_cell(
            "from kpyj_lib.publish import open_document\n"
            "from kpyj_lib.render import show, show_headline\n\n"
            'rep = open_document("province", province, fiscal_year, db_url, as_of, '
            "round_no=round_no, lang=lang)\n"
            "show(rep)"
        ),
    ]
    cells += [new_code_cell(f'show(rep, "{s.key}")') for s in SECTIONS]
    cells.append(new_code_cell("show_headline(rep)"))
    return _nb(cells)


def explore() -> nbformat.NotebookNode:
    md, code = new_markdown_cell, new_code_cell
    cells = [
        md(
            "# สำรวจกราฟแผนและผลการวิเคราะห์ กพยจ.\n"
            "*Explore the KPYJ plan graph and its analyses*\n\n"
            "สมุดบันทึกนี้พาเจ้าหน้าที่ยุทธศาสตร์ไล่ดูข้อมูลทีละขั้น: โหลดข้อมูล → สร้างกราฟ → "
            "ตรวจความสอดคล้องกับแผน → ความก้าวหน้า → หมวด PMQA → ตัวชี้วัด → การส่งต่อผลผลิต. "
            "เปลี่ยนจังหวัดได้ที่เซลล์พารามิเตอร์ด้านล่าง"
        ),
        code(
            "# รหัสจังหวัด 2 หลัก เช่น 83 ภูเก็ต / ปีงบประมาณ พ.ศ. / ฐานข้อมูล (ว่างคือค่าเริ่มต้น)\n"
            "# / วันที่ ISO ที่วัดความก้าวหน้า (ว่างคือวันนี้หรือวันที่ของชุดข้อมูล)\n"
            'province = "83"\n'
            "fiscal_year = 2565\n"
            'db_url = ""\n'
            'as_of = ""',
            metadata={"tags": ["parameters"]},
        ),
        md("## 1. โหลดข้อมูล (load the workspace in one line)"),
        code(
            "from kpyj_lib import analysis as an, open_store\n"
            "from kpyj_lib.render import charts\n"
            "from kpyj_lib.graph import build_graph, nodes_frame, province_subgraph\n\n"
            "ws = open_store(db_url or None).workspace(fiscal_year)\n"
            'print("ข้อมูลตัวอย่าง (ตัวอย่าง)" if ws.is_sample else "ข้อมูลจริง", ws.province_codes)\n'
            "ws.counts()"
        ),
        md("## 2. สร้างกราฟแผน (build the plan graph)"),
        code(
            "G = build_graph(ws)\n"
            "sub = province_subgraph(G, province)\n"
            'print(f"ทั้งหมด {G.number_of_nodes():,} โหนด {G.number_of_edges():,} เส้น; '
            'จังหวัดนี้ {sub.number_of_nodes():,} โหนด")\n'
            'nodes_frame(sub, "objective")[["id", "label_th"]]'
        ),
        md(
            "## 3. ความสอดคล้องกับแผนระดับต่าง ๆ (alignment)\n"
            "สัดส่วนวัตถุประสงค์ของแต่ละจังหวัดที่เชื่อมโยงถึงแผนแต่ละระดับ"
        ),
        code("an.alignment_coverage(G)"),
        md(
            "รายการที่ยังไม่เชื่อมโยง: วัตถุประสงค์ที่ไม่สอดคล้องกับแผนใด ผลลัพธ์หลักที่ไม่มีวัตถุประสงค์ "
            "และโครงการที่ไม่ส่งผลต่อผลลัพธ์หลัก"
        ),
        code("an.orphans(G)"),
        code(
            'an.unsupported_plan_items(G, province, plan_kinds=["provincial_plan", "cluster_plan"])'
        ),
        md("จังหวัด × ประเด็นแผนระดับชาติ และประเด็นที่หลายจังหวัดสนับสนุนมากที่สุด"),
        code(
            'an.province_plan_matrix(G, plan_kinds=["justice_master_plan", "national_master_plan"])'
        ),
        code("an.most_supported_plan_items(G, top=10)"),
        md(
            "## 4. ความก้าวหน้า (progress)\n"
            "ความก้าวหน้าคิดจากค่าฐานถึงค่าเป้าหมายตามทิศทาง (เพิ่มขึ้น/ลดลง/บรรลุค่า); "
            "ผลลัพธ์หลักที่ยังไม่มีการรายงานจะไม่ถูกนับเป็น 0%"
        ),
        code("an.kr_progress(ws, as_of or None)"),
        code('an.rollup(ws, "province", as_of or None)'),
        code('an.rollup(ws, "cluster", as_of or None)'),
        code('an.kpi_scores(ws).dropna(subset=["score"])'),
        md("## 5. หมวด PMQA และหลัก 3 : 1 : 3 (คิด 1 3 7 / เตรียม 2 / ทำ 4 5 6)"),
        code("an.pmqa_coverage(ws, province)"),
        code("an.pmqa_balance(ws, province)"),
        code("an.pmqa_findings(ws, province)"),
        md("## 6. ตัวชี้วัดตามมิติ × ระดับ (KPI balance)"),
        code("an.kpi_matrix(ws, province, thai=True)"),
        code("an.kpi_gaps(ws, province)"),
        md("## 7. output ของเราเป็น input ของใคร (flows and End Products)"),
        code("an.unit_flows(ws, province)"),
        code("an.unused_outputs(ws, province)"),
        code("an.flow_cycles(ws)"),
        code("an.end_products(ws, province)"),
        code("an.collaboration_matrix(ws, province)"),
        md(
            "## 8. แผนภาพความสอดคล้องเป็นชั้น (layered alignment graph)\n"
            "ยุทธศาสตร์ชาติ → แผนแม่บท → แผนแม่บทการบริหารงานยุติธรรม → แผนกลุ่มจังหวัด → "
            "แผนพัฒนาจังหวัด → วัตถุประสงค์ → ผลลัพธ์หลัก → โครงการ"
        ),
        code("charts.show(charts.alignment_graph(G, province, sample=ws.is_sample))"),
        md(
            "## 9. มุมมองแบบโต้ตอบ (interactive view)\n"
            "เลือกจังหวัดและโหนดเพื่อดูความเชื่อมโยง (ต้องเปิดใน JupyterLab)"
        ),
        code(
            "from kpyj_lib.apps.explorer import GraphExplorer\n\n"
            "GraphExplorer(G, sample=ws.is_sample)"
        ),
    ]
    return _nb(cells)


def workshop_app() -> nbformat.NotebookNode:
    """The workshop app Voila serves (``kpyj serve workshop``): one call into the library."""
    cells = [
        new_markdown_cell(
            "<!-- kpyj: แอปการประชุมเชิงปฏิบัติการ — เปิดด้วย `kpyj serve` หรือ `make workshop` -->"
        ),
        new_code_cell(
            'db_url = ""  # ว่าง = ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)',
            metadata={"tags": ["parameters"]},
        ),
        new_code_cell("from kpyj_lib.apps.workshop import WorkshopApp\n\nWorkshopApp.open(db_url)"),
    ]
    return _nb(cells)


def explorer_app() -> nbformat.NotebookNode:
    """The graph explorer Voila serves (``kpyj serve explorer``): GraphExplorer on the store."""
    cells = [
        new_markdown_cell(
            "# สำรวจกราฟแผนรายจังหวัด\n"
            "เลือกจังหวัดเพื่อดูแผนภาพความสอดคล้องและรายการช่องว่าง "
            "*(choose a province: alignment graph and gap lists)*"
        ),
        new_code_cell(
            'db_url = ""  # ว่าง = ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
            "fiscal_year = 0  # ปีงบประมาณ พ.ศ.; 0 = ปีล่าสุดในฐานข้อมูล",
            metadata={"tags": ["parameters"]},
        ),
        new_code_cell(
            "from kpyj_lib import KpyjError, open_store\n"
            "from kpyj_lib.apps.explorer import GraphExplorer\n"
            "from kpyj_lib.graph import build_graph\n\n"
            "try:\n"
            "    ws = open_store(db_url or None).workspace(fiscal_year or None)\n"
            "except KpyjError as e:\n"
            '    print(f"เปิดข้อมูลไม่ได้: {e}")\n'
            "else:\n"
            "    explorer = GraphExplorer(build_graph(ws), sample=ws.is_sample)\n"
            '    explorer.widget.add_class("kpyj-explorer")\n'
            "    display(explorer)"
        ),
    ]
    return _nb(cells)


NOTEBOOKS = {
    "province_report.ipynb": province_report,
    "explore.ipynb": explore,
    "apps/workshop.ipynb": workshop_app,
    "apps/explorer.ipynb": explorer_app,
}


def lessons_learned() -> nbformat.NotebookNode:
    """The lessons-learned write-up (ถอดบทเรียน): one province, or ``ALL`` for the synthesis."""
    from kpyj_lib.documents.lessons import SECTION_KEYS

    params = new_code_cell(
        "# พารามิเตอร์ (papermill): ใช้ค่า ASCII เท่านั้น\n"
        'province = "83"  # รหัสจังหวัด 2 หลัก หรือ "ALL" = สังเคราะห์ภาพรวมจังหวัดต้นแบบ\n'
        "fiscal_year = 2565  # ปีงบประมาณ พ.ศ.\n"
        'db_url = ""  # ว่าง = ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
        'as_of = ""  # วันที่ ISO เช่น "2022-06-30"; ว่าง = วันที่ของข้อมูล วันนี้ หรือสิ้นปีงบประมาณ\n'
        'lang = "th"  # "th" ไทยอย่างเดียว หรือ "th-en" มีคำอังกฤษกำกับ\n'
        'docx = ""  # ว่าง = ไม่เขียนไฟล์ Word; kpyj reports ให้ที่อยู่ไฟล์ .docx ข้างหน้าเว็บ',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(
            "<!-- kpyj: ถอดบทเรียนรายจังหวัด / ภาพรวม — รันด้วย `kpyj reports --lessons` "
            "หรือ papermill; ไฟล์ Word สร้างจากข้อมูลชุดเดียวกันโดย kpyj_lib.render.docx -->"
        ),
        params,
        new_code_cell(
            "from kpyj_lib.publish import open_document\n"
            "from kpyj_lib.render import show, show_headline\n\n"
            'doc = open_document("lessons", province, fiscal_year, db_url, as_of, lang=lang)\n'
            "show(doc)"
        ),
    ]
    cells += [new_code_cell(f'show(doc, "{key}")') for key in SECTION_KEYS]
    cells.append(new_code_cell("show_headline(doc)"))
    cells.append(  # the Word file from this same document, in the batch's worker (issue 11)
        new_code_cell(
            "if docx:  # ไฟล์ Word จากเอกสารเดียวกับที่แสดงข้างบน\n"
            "    from kpyj_lib.render.docx import write_docx\n\n"
            "    write_docx(doc, docx)"
        )
    )
    return _nb(cells)


NOTEBOOKS["lessons_learned.ipynb"] = lessons_learned


def directives_weekly() -> nbformat.NotebookNode:
    """The weekly executive print-out on directives, run by papermill."""
    from kpyj_lib.documents.directives import SECTIONS

    params = new_code_cell(
        "# พารามิเตอร์ (papermill): ใช้ค่า ASCII เท่านั้น\n"
        'week = ""  # วันใดก็ได้ในสัปดาห์ แบบ ISO เช่น "2022-02-14" (ว่าง: สัปดาห์ล่าสุดที่มีรายงาน)\n'
        'db_url = ""  # ว่าง: ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
        "fiscal_year = 0  # ปีงบประมาณ พ.ศ. (0: ข้อสั่งการทุกปีในฐานข้อมูล)\n"
        'lang = "th"  # "th" ไทยอย่างเดียว หรือ "th-en" มีคำอังกฤษกำกับ',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(
            "<!-- kpyj: รายงานผลการดำเนินงานตามข้อสั่งการประจำสัปดาห์ แบ่งตาม 4 ระดับ — "
            "รันด้วย `kpyj reports --directives --week DATE` หรือ papermill -->"
        ),
        params,
        new_code_cell(
            "from kpyj_lib.publish import open_document\n"
            "from kpyj_lib.render import show, show_headline\n\n"
            'view = open_document("directives", "", fiscal_year, db_url, week, lang=lang)\n'
            "show(view)"
        ),
    ]
    cells += [new_code_cell(f'show(view, "{s.key}")') for s in SECTIONS]
    cells.append(new_code_cell("show_headline(view)"))
    return _nb(cells)


def directive_report_app() -> nbformat.NotebookNode:
    """The directive report submission form, served by Voila."""
    params = new_code_cell(
        "# พารามิเตอร์: ใช้ค่า ASCII เท่านั้น\n"
        'db_url = ""  # ว่าง: ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
        'unit = ""  # รหัสหน่วยงานที่เลือกไว้ก่อน (ว่าง: ให้ผู้ใช้เลือก)',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(
            "# รายงานผลการดำเนินงานตามข้อสั่งการ ประจำสัปดาห์\n"
            "*Weekly report on a directive* — ส่งภายในวันศุกร์ ก่อน 16.00 น. ทุกสัปดาห์"
        ),
        params,
        new_code_cell(
            "from kpyj_lib.apps.directive_form import DirectiveReportForm\n\n"
            "DirectiveReportForm.open(db_url, unit=unit)"
        ),
    ]
    return _nb(cells)


NOTEBOOKS.update(
    {
        "directives_weekly.ipynb": directives_weekly,
        "apps/directive_report.ipynb": directive_report_app,
    }
)


# issue 14: the plan documents (HTML through these notebooks, Word by kpyj_lib.publish)
def _plan_notebook(kind: str, keys: tuple[str, ...], province: str, intro: str):
    params = new_code_cell(
        "# พารามิเตอร์ (papermill): ใช้ค่า ASCII เท่านั้น\n"
        f'province = "{province}"  # รหัสจังหวัด 2 หลัก (แผนยุทธศาสตร์); แผนขับเคลื่อนไม่ใช้\n'
        "fiscal_year = 0  # ปีงบประมาณ พ.ศ. ของแผน (0 = ปีล่าสุดในฐานข้อมูล)\n"
        'db_url = ""  # ว่าง = ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
        'as_of = ""  # วันที่ ISO ที่วัดความก้าวหน้า; ว่าง = วันที่ของข้อมูล',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(intro),
        params,
        new_code_cell(
            "from kpyj_lib.publish import open_document\n"
            "from kpyj_lib.render import show, show_headline\n\n"
            f'doc = open_document("{kind}", province, fiscal_year, db_url, as_of)\n'
            "show(doc)"
        ),
    ]
    cells += [new_code_cell(f'show(doc, "{key}")') for key in keys]
    cells.append(new_code_cell("show_headline(doc)"))
    return _nb(cells)


def driving_plan() -> nbformat.NotebookNode:
    """สกธ.'s yearly driving plan of กพยจ. (one national document per fiscal year)."""
    from kpyj_lib.documents.driving_plan import SECTION_KEYS

    intro = (
        "<!-- kpyj: แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปีงบประมาณ — รันด้วย "
        "`kpyj reports --driving-plan --fy 2566` หรือ papermill; ไฟล์ Word สร้างจากข้อมูลชุดเดียวกัน -->"
    )
    return _plan_notebook("driving_plan", SECTION_KEYS, "", intro)


def strategic_plan() -> nbformat.NotebookNode:
    """A model province's draft justice strategic plan."""
    from kpyj_lib.documents.strategic_plan import SECTION_KEYS

    intro = (
        "<!-- kpyj: (ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด — รันด้วย "
        "`kpyj reports --strategic-plan --province 83` หรือ papermill; "
        "ไฟล์ Word สร้างจากข้อมูลชุดเดียวกัน -->"
    )
    return _plan_notebook("strategic_plan", SECTION_KEYS, "83", intro)


NOTEBOOKS.update({"driving_plan.ipynb": driving_plan, "strategic_plan.ipynb": strategic_plan})


def national() -> nbformat.NotebookNode:
    """The national overview (ภาพรวมทั่วประเทศ): ``kpyj reports --national`` → ``<fy>/index.html``."""
    from kpyj_lib.documents.national import SECTIONS

    params = new_code_cell(
        "# พารามิเตอร์ (papermill): ใช้ค่า ASCII เท่านั้น\n"
        "fiscal_year = 2565  # ปีงบประมาณ พ.ศ. (0 = ปีล่าสุดในฐานข้อมูล)\n"
        'as_of = ""  # วันที่ ISO เช่น "2022-06-30"; ว่าง = วันที่ของข้อมูลหรือวันนี้\n'
        'db_url = ""  # ว่าง = ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
        "round_no = 0  # รอบการติดตาม 1-4 (รอบ 3/6/9/12 เดือน); 0 = ณ วันที่ as_of\n"
        'linked = "*"  # เอกสารที่มีอยู่ข้าง ๆ: "*" = ทุกจังหวัด หรือรหัสคั่นด้วยจุลภาค',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(
            "<!-- kpyj: ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ — รันด้วย `kpyj reports --national` "
            "หรือ papermill -->"
        ),
        params,
        new_code_cell(
            "from kpyj_lib.publish import open_document\n"
            "from kpyj_lib.render import show, show_headline\n\n"
            'doc = open_document("national", "", fiscal_year, db_url, as_of, '
            "round_no=round_no, linked=linked)\n"
            "show(doc)"
        ),
    ]
    cells += [new_code_cell(f'show(doc, "{s.key}")') for s in SECTIONS]
    cells.append(new_code_cell("show_headline(doc)"))
    return _nb(cells)


def cluster_report() -> nbformat.NotebookNode:
    """A cluster report (รายงานกลุ่มจังหวัด): ``kpyj reports --cluster ID | --clusters``."""
    from kpyj_lib.documents.cluster import SECTIONS

    params = new_code_cell(
        "# พารามิเตอร์ (papermill): ใช้ค่า ASCII เท่านั้น\n"
        'cluster = "south_andaman"  # รหัสกลุ่มจังหวัด (18 กลุ่ม)\n'
        "fiscal_year = 2565  # ปีงบประมาณ พ.ศ. (0 = ปีล่าสุดในฐานข้อมูล)\n"
        'as_of = ""  # วันที่ ISO; ว่าง = วันที่ของข้อมูลหรือวันนี้\n'
        'db_url = ""  # ว่าง = ฐานข้อมูลเริ่มต้น (KPYJ_DB_URL หรือ data/kpyj.sqlite)\n'
        "round_no = 0  # รอบการติดตาม 1-4; 0 = ณ วันที่ as_of\n"
        'linked = "*"  # เอกสารที่มีอยู่ข้าง ๆ: "*" = ทุกจังหวัด หรือรหัสคั่นด้วยจุลภาค',
        metadata={"tags": ["parameters"]},
    )
    cells = [
        new_markdown_cell(
            "<!-- kpyj: รายงานกลุ่มจังหวัด — รันด้วย `kpyj reports --cluster ID` หรือ papermill -->"
        ),
        params,
        new_code_cell(
            "from kpyj_lib.publish import open_document\n"
            "from kpyj_lib.render import show, show_headline\n\n"
            'doc = open_document("cluster", cluster, fiscal_year, db_url, as_of, '
            "round_no=round_no, linked=linked)\n"
            "show(doc)"
        ),
    ]
    cells += [new_code_cell(f'show(doc, "{s.key}")') for s in SECTIONS]
    cells.append(new_code_cell("show_headline(doc)"))
    return _nb(cells)


NOTEBOOKS.update({"national.ipynb": national, "cluster_report.ipynb": cluster_report})


def main() -> int:
    for name, build in NOTEBOOKS.items():
        path = ROOT / "notebooks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(build(), path)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
