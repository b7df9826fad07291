"""The ``kpyj`` command.

Exit status: 0 on success, 2 on bad input (the messages go to stderr), 1 when a run
partly failed (e.g. a province's report).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .exceptions import ImportValidationError, KpyjError
from .paths import default_db_url

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _store(args: argparse.Namespace, *, init: bool = False):
    from .store import open_store

    return open_store(args.db, init=init)


def _print_counts(counts: dict[str, int]) -> None:
    from .model import ENTITIES

    for name, n in counts.items():
        if n:
            print(f"  {ENTITIES[name].label_th} ({name}): {n:,}")


def _print_notices(notices) -> None:
    for n in notices:
        print(f"หมายเหตุ (notice): {n}")


def _print_deleted(deleted: dict[str, list[tuple[str, ...]]], *, shown: int = 5) -> None:
    """What a replace deletes, per sheet: the count and the first few keys."""
    from .model import ENTITIES

    for name, keys in deleted.items():
        ent = ENTITIES[name]
        head = ", ".join(" / ".join(k) for k in keys[:shown])
        more = f", ... (+{len(keys) - shown:,})" if len(keys) > shown else ""
        print(f"  {ent.sheet_th} ({name}): {len(keys):,} — {head}{more}")


def _confirm_replace(args: argparse.Namespace):
    """The ``confirm`` of a replace: list what it deletes; more than half needs ``--yes``."""

    def confirm(check) -> bool:
        n, total = check.deleted_count, check.user_rows
        if not n:
            print("การแทนที่นี้ไม่ลบแถวใดของผู้ใช้ (this replace deletes no user row)")
            return True
        print(
            f"การแทนที่นี้ลบ {n:,} จาก {total:,} แถวของผู้ใช้ (this replace deletes {n:,} of the "
            f"{total:,} user rows), ต่อชีต (per sheet):"
        )
        _print_deleted(check.deleted)
        if check.deletes_most and not args.yes:
            raise KpyjError(
                f"การแทนที่นี้จะลบ {n:,} จาก {total:,} แถว ซึ่งมากกว่าครึ่งหนึ่งของข้อมูล ยังไม่ได้บันทึกอะไร "
                "หากต้องการจริงให้สั่งใหม่พร้อม --yes "
                f"(this replace would delete {n:,} of the {total:,} user rows, more than half: "
                "nothing was written; run it again with --yes to confirm)"
            )
        return True

    return confirm


def _print_backup(path) -> None:
    if path is not None:
        print(f"สำรองข้อมูลก่อนแล้ว กู้คืนได้ด้วย 'kpyj restore' (backup written first): {path}")


# ---------------------------------------------------------------------------- commands
def cmd_init(args: argparse.Namespace) -> int:
    from .io import import_workbook

    if args.sample and args.synthetic:
        raise KpyjError("เลือก --sample หรือ --synthetic อย่างใดอย่างหนึ่ง (choose one)")
    if args.plans and not args.sample:
        raise KpyjError("--plans ใช้คู่กับ --sample (--plans goes with --sample)")
    sample = None
    if args.sample:  # found before the store is made: a missing sample leaves no store
        from .paths import sample_file

        try:  # the sample ships in the package: never looked for in KPYJ_HOME
            sample = Path(args.sample_file) if args.sample_file else sample_file()
        except FileNotFoundError as e:
            raise KpyjError(str(e)) from None
    store = _store(args, init=True)
    print(f"สร้าง/ตรวจฐานข้อมูลแล้ว (store ready): {store.display_url}")
    if sample is not None:
        counts = import_workbook(
            sample,
            store,
            replace=True,
            confirm=_confirm_replace(args),
        )
        _print_backup(counts.backup)
        print("นำเข้าข้อมูลตัวอย่าง (ตัวอย่าง) แล้ว (sample data imported):")
        _print_counts(counts)
        if args.plans:  # issue 14: the FY2566 add-on (driving plan, groups, baselines)
            from .paths import SAMPLE_PLANS_WORKBOOK

            try:
                plans = sample_file(SAMPLE_PLANS_WORKBOOK.name)
            except FileNotFoundError as e:
                raise KpyjError(str(e)) from None
            counts = import_workbook(plans, store)
            print("นำเข้าข้อมูลตัวอย่างปีงบประมาณ 2566 (แผนขับเคลื่อน) แล้ว (FY2566 plan sample):")
            _print_counts(counts)
    elif args.synthetic:
        from .synthetic import write_synthetic

        if not 1 <= args.synthetic <= 77:
            raise KpyjError(f"--synthetic ต้องอยู่ระหว่าง 1 ถึง 77 (1..77): {args.synthetic}")
        counts = write_synthetic(store, args.synthetic)
        print(f"สร้างข้อมูลสังเคราะห์ (ตัวอย่าง) {args.synthetic} จังหวัดแล้ว (synthetic data):")
        _print_counts(counts)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .io import import_workbook

    store = _store(args)
    counts = import_workbook(
        Path(args.file),
        store,
        replace=args.replace,
        partial=args.partial,
        confirm=_confirm_replace(args) if args.replace else None,
        backup=not args.no_backup,
    )
    _print_notices(counts.notices)
    _print_backup(counts.backup)
    mode = "แทนที่ทั้งหมด (replaced)" if args.replace else "เพิ่ม/ปรับปรุง (merged)"
    print(f"นำเข้า {args.file} แล้ว — {mode}:")
    _print_counts(counts)
    _print_remarks(counts.remarks)
    return EXIT_OK


def _print_remarks(notices: list[str]) -> None:
    """Print what is worth a look but does not stop an import (driving groups, measure
    types taken from the units)."""
    if notices:
        print(f"ข้อสังเกต {len(notices)} รายการ ไม่ขัดการนำเข้า (notices, not problems):")
        for n in notices:
            print(f"  - {n}")


def cmd_export(args: argparse.Namespace) -> int:
    from .io import export_workbook

    path = export_workbook(_store(args), Path(args.file))
    print(f"ส่งออกแล้ว (exported): {path}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .io import check_workbook
    from .store import Store

    store = Store(args.db)
    if store.schema_version() is None:  # validate against the reference data only
        store = None
    check = check_workbook(Path(args.file), store=store, partial=args.partial)
    _print_notices(check.notices)
    if check.problems:
        raise ImportValidationError(check.problems)
    print(f"ไม่พบปัญหา (no problems found): {args.file}")
    _print_remarks(check.remarks)
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from .io import write_template

    path = write_template(Path(args.file))
    print(f"สร้างแม่แบบแล้ว (template written): {path}")
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from .graph import build_graph, province_subgraph, write_graphml, write_node_link_json
    from .reference import check_province

    code = check_province(args.province) if args.province else None
    ws = _store(args).workspace(args.fy)
    g = build_graph(ws)
    if code:
        g = province_subgraph(g, code)
    out = Path(args.out)
    if out.suffix.lower() == ".graphml":
        write_graphml(g, out)
    elif out.suffix.lower() == ".json":
        write_node_link_json(g, out)
    else:
        raise KpyjError(f"นามสกุลไฟล์ต้องเป็น .json หรือ .graphml (use .json or .graphml): {out}")
    print(f"กราฟ {g.number_of_nodes():,} โหนด {g.number_of_edges():,} เส้น → {out}")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from .store import Store

    store = Store(args.db)
    version = store.schema_version()
    print(f"kpyj {__version__}")
    print(f"ฐานข้อมูล (store): {store.display_url}")
    if version is None:
        print("ยังไม่ได้สร้างฐานข้อมูล — ใช้ 'kpyj init' (not initialised; run 'kpyj init')")
        return EXIT_OK
    print(f"รุ่นโครงสร้าง (schema version): {version}")
    years = store.fiscal_years()
    print("ปีงบประมาณ (fiscal years): " + (", ".join(map(str, years)) or "-"))
    if years:
        ws = store.workspace(years[0])
        if ws.is_sample:
            print("** ข้อมูลตัวอย่าง (ตัวอย่าง) — sample data, not official figures **")
        print("จังหวัด (provinces): " + (", ".join(ws.province_codes) or "-"))
    print("จำนวนแถว (rows):")
    _print_counts(store.counts())
    return EXIT_OK


def cmd_reports(args: argparse.Namespace) -> int:
    from . import publish
    from .batch import format_summary
    from .exceptions import ReportError
    from .reference import check_province

    # every code is checked before anything is opened or written (codes become folder names)
    codes = list(dict.fromkeys(check_province(c) for c in args.province or []))
    if args.jobs is not None and args.jobs < 1:
        raise ReportError(f"--jobs ต้องเป็นจำนวนเต็มบวก (--jobs must be >= 1): {args.jobs}")
    if args.week and not args.directives:
        raise ReportError("--week ใช้คู่กับ --directives (--week goes with --directives)")
    clusters: list[str] = []
    if args.clusters:
        from .documents.cluster import cluster_ids

        clusters = cluster_ids()
    elif args.cluster:
        from .documents.cluster import check_cluster

        clusters = [check_cluster(c) for c in args.cluster]  # checked before anything is opened
    if args.directives and (args.national or clusters or args.round):
        raise ReportError(
            "--directives ใช้ร่วมกับ --national --cluster --clusters --round ไม่ได้ "
            "(--directives goes alone)"
        )
    store = _store(args)
    if args.driving_plan or args.strategic_plan:  # issue 14: the plan documents
        return _plan_reports(args, store, codes)
    if args.directives:
        if not args.week:
            raise ReportError("--directives ต้องระบุ --week วันที่ (--directives needs --week DATE)")
        paths = publish.publish_directives(store, args.week, args.out, pdf=args.pdf, lang=args.lang)
        for kind, path in paths.items():
            print(f"  {kind}: {path}")
        return EXIT_OK
    plan = publish.plan_reports(
        store,
        fiscal_year=args.fy,
        provinces=codes,
        pilot=args.pilot,
        all_provinces=args.all,
        out_dir=args.out,
        as_of=args.as_of,
        lessons=args.lessons,
        national=args.national,
        clusters=clusters,
        round_no=args.round or 0,
        lang=args.lang,
    )
    from .calendar import format_round

    n = len(plan.jobs)
    extra = "".join(
        (
            f" กลุ่มจังหวัด {len(plan.clusters)} กลุ่ม" if plan.clusters else "",
            " และภาพรวมทั่วประเทศ" if plan.national else "",
            f" {format_round(plan.round_no)}" if plan.round_no else "",
        )
    )
    print(
        f"สร้างรายงาน {n} จังหวัด{extra} ปีงบประมาณ {plan.fiscal_year} → {plan.year_dir} "
        f"(building {n} province report(s))"
    )
    run = publish.run_reports(
        plan, workers=args.jobs, pdf=args.pdf, force=args.force, progress=not args.no_progress
    )
    if run.lessons is not None:
        print(format_summary(run.lessons["results"]))
    print(format_summary(run.results))
    if run.others:
        print(format_summary(run.others))
    print(f"หน้ารวม (index): {run.index}")
    if run.overview is not None:
        print(f"สถานะการจัดทำรายงาน (build status): {run.status}")
    return EXIT_FAILED if run.failed else EXIT_OK


def _plan_reports(args: argparse.Namespace, store, codes: list[str]) -> int:
    """``kpyj reports --driving-plan`` / ``--strategic-plan``: HTML and Word (issue 14)."""
    from . import publish
    from .batch import format_summary
    from .exceptions import ReportError

    if args.directives or args.lessons or args.all:
        raise ReportError(
            "--driving-plan/--strategic-plan ใช้ร่วมกับ --directives, --lessons หรือ --all ไม่ได้ "
            "(the plan documents do not combine with --directives, --lessons or --all)"
        )
    failed = False
    kinds = [k for k, on in (("driving_plan", args.driving_plan),
                             ("strategic_plan", args.strategic_plan)) if on]  # fmt: skip
    for kind in kinds:
        run = publish.write_plan_documents(
            store,
            kind,
            args.fy,
            codes if kind == "strategic_plan" else (),
            args.out,
            workers=args.jobs,
            force=args.force,
            progress=not args.no_progress,
            pdf=args.pdf,
        )
        print(format_summary(run["results"]))
        for key in sorted(set(run["html"]) | set(run["docx"])):
            for what in ("html", "docx"):
                if key in run[what]:
                    print(f"  {key} {what}: {run[what][key]}")
        failed = failed or bool(run["failed"])
    return EXIT_FAILED if failed else EXIT_OK


def cmd_carry_over(args: argparse.Namespace) -> int:
    from .services.carryover import carry_over

    store = _store(args)
    if not args.dry_run:
        from .store.backup import backup

        _print_backup(backup(store, reason="carry-over"))
    counts = carry_over(store, args.from_fy, args.to_fy, dry_run=args.dry_run)
    verb = "จะยกไป (would carry)" if args.dry_run else "ยกไปแล้ว (carried)"
    print(f"{verb} จากปีงบประมาณ {args.from_fy} → {args.to_fy or args.from_fy + 1}:")
    _print_counts(counts)
    if not counts:
        print("  ไม่มีรายการที่ต้องยกไป (nothing to carry over)")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from .store.backup import backup

    path = backup(_store(args), Path(args.out) if args.out else None)
    print(f"สำรองข้อมูลแล้ว (backup written): {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from .store import Store
    from .store.backup import restore

    store = Store(args.db)
    saved = restore(store, Path(args.file))
    if saved is not None:
        print(f"สำรองข้อมูลเดิมไว้ก่อนแล้ว (the replaced content was backed up first): {saved}")
    print(f"กู้คืนจาก {args.file} แล้ว (restored): {store.display_url}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve_forever
    from .store import Store

    if Store(args.db).schema_version() is None:
        print(
            "คำเตือน: ยังไม่ได้สร้างฐานข้อมูล — ใช้ 'kpyj init' ก่อน "
            "(warning: the store is not initialised; run 'kpyj init')",
            file=sys.stderr,
        )
    return serve_forever(
        args.app,
        port=args.port,
        host=args.host,
        db_url=args.db,
        preheat=not args.no_preheat,
        pool_size=args.pool_size,
        cull_idle_timeout=args.cull_idle,
    )


def cmd_hub(args: argparse.Namespace) -> int:
    """A JupyterHub for many users on this machine (issue 15; see docs/deploy.md)."""
    from .hub.launch import serve_forever
    from .hub.settings import HubSettings
    from .paths import default_db_url
    from .services.access import administrators
    from .store import Store

    db_url = args.db or os.environ.get("KPYJ_DB_URL") or default_db_url()
    store = Store(db_url)
    store.check()
    admins = sorted(administrators(store))
    if not admins:
        print(
            "คำเตือน: ยังไม่มีผู้ดูแลระบบในชีต ผู้ใช้งาน / บทบาทของผู้ใช้ — ไม่มีผู้ใดอนุมัติบัญชีได้ "
            "(warning: no administrator in the people sheets)",
            file=sys.stderr,
        )
    if args.auth == "native":
        print(
            "ลงชื่อเข้าใช้ (NativeAuthenticator): ผู้ดูแลระบบ "
            f"({', '.join(admins) or '-'}) ตั้งรหัสผ่านที่ /hub/signup แล้วอนุมัติผู้ใช้อื่นที่ "
            "/hub/authorize; ผู้ใช้ต้องมีชื่ออยู่ในชีต ผู้ใช้งาน (people) ของ kpyj",
            flush=True,
        )
    HubSettings.from_env({**os.environ, "KPYJ_DB_URL": db_url, "KPYJ_HUB_AUTH": args.auth})
    return serve_forever(
        db_url=db_url, home=args.home, port=args.port, host=args.host, auth=args.auth
    )


# ---------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kpyj",
        description="kpyj — เครื่องมือวางแผนและ OKR ของ กพยจ. (KPYJ planning & OKR workbench)",
    )
    p.add_argument("--version", action="version", version=f"kpyj {__version__}")
    p.add_argument(
        "--db",
        default=None,
        help=f"ที่อยู่ฐานข้อมูล SQLAlchemy URL (default: KPYJ_DB_URL or {default_db_url()})",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str):
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    sp = add("init", cmd_init, "สร้างฐานข้อมูลและข้อมูลอ้างอิง (create the store, load reference data)")
    sp.add_argument("--sample", action="store_true", help="นำเข้าข้อมูลตัวอย่าง (load the sample)")
    sp.add_argument("--sample-file", default=None, help=argparse.SUPPRESS)
    sp.add_argument(
        "--plans",
        action="store_true",
        help="พร้อมข้อมูลตัวอย่างปีงบประมาณ 2566 (แผนขับเคลื่อน กลุ่มจังหวัด ข้อมูลพื้นฐาน 2565) "
        "(with --sample: also the FY2566 planning sample)",
    )
    sp.add_argument(
        "--synthetic",
        type=int,
        default=None,
        metavar="N",
        help="ข้อมูลสังเคราะห์ N จังหวัดสำหรับทดสอบขนาด (synthetic workspace of N provinces)",
    )
    sp.add_argument(
        "--yes",
        action="store_true",
        help="ยืนยันเมื่อข้อมูลตัวอย่างจะแทนที่ข้อมูลเดิมเกินครึ่ง (confirm replacing most user rows)",
    )

    sp = add("import", cmd_import, "นำเข้าสมุดงาน .xlsx หรือโฟลเดอร์ CSV (import a workbook)")
    sp.add_argument("file")
    sp.add_argument(
        "--replace",
        action="store_true",
        help="ให้สมุดงานแทนที่ข้อมูลเดิมทั้งหมด (the workbook replaces all user data)",
    )
    sp.add_argument(
        "--partial", action="store_true", help="ยอมให้ไม่มีบางชีต (missing sheets are treated as empty)"
    )
    sp.add_argument(
        "--yes",
        action="store_true",
        help="ยืนยันการแทนที่ที่ลบข้อมูลเดิมเกินครึ่ง (confirm a --replace deleting most user rows)",
    )
    sp.add_argument(
        "--no-backup",
        action="store_true",
        help="ไม่สำรองข้อมูลก่อน --replace (skip the backup written before a --replace)",
    )

    sp = add("export", cmd_export, "ส่งออกข้อมูลทั้งหมดเป็น .xlsx (export the whole store)")
    sp.add_argument("file")

    sp = add("validate", cmd_validate, "ตรวจสมุดงานโดยไม่บันทึก (check a workbook, write nothing)")
    sp.add_argument("file")
    sp.add_argument("--partial", action="store_true")

    sp = add("template", cmd_template, "สร้างสมุดงานแม่แบบเปล่า (write an empty template)")
    sp.add_argument("file")

    sp = add("graph", cmd_graph, "ส่งออกกราฟแผน (write the plan graph as JSON or GraphML)")
    sp.add_argument("--province", default=None, help="รหัสจังหวัด 2 หลัก เช่น 83")
    sp.add_argument("--fy", type=int, default=None, help="ปีงบประมาณ พ.ศ. (default: newest)")
    sp.add_argument("--out", required=True)

    sp = add(
        "reports",
        cmd_reports,
        "สร้างรายงานวิเคราะห์รายจังหวัด (papermill → ipynb, HTML, PDF; index.html)",
    )
    which = sp.add_mutually_exclusive_group()
    which.add_argument(
        "--province",
        action="append",
        metavar="CODE",
        help="รหัสจังหวัด 2 หลัก ใส่ได้หลายครั้ง (a province code; repeatable)",
    )
    which.add_argument(
        "--pilot",
        action="store_true",
        help="เฉพาะจังหวัดต้นแบบ 4 จังหวัด (the four model provinces of the 2564 pilot)",
    )
    which.add_argument(
        "--all",
        action="store_true",
        help="ทุกจังหวัดที่มีข้อมูล (every province with data; "
        "default: the model provinces if any, else all)",
    )
    sp.add_argument("--fy", type=int, default=None, help="ปีงบประมาณ พ.ศ. (default: newest)")
    sp.add_argument(
        "--as-of",
        default=None,
        metavar="YYYY-MM-DD",
        help="ข้อมูล ณ วันที่ (report date, ISO; default: none)",
    )
    sp.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="จำนวนงานพร้อมกัน (parallel reports; default: number of CPUs)",
    )
    sp.add_argument("--pdf", action="store_true", help="สร้าง PDF ด้วย Chromium (also write PDFs)")
    sp.add_argument(
        "--force", action="store_true", help="สร้างใหม่แม้ข้อมูลไม่เปลี่ยน (re-run unchanged reports)"
    )
    sp.add_argument(
        "--out", default=None, metavar="DIR", help="โฟลเดอร์ผลลัพธ์ (output folder; default: reports/)"
    )
    sp.add_argument("--no-progress", action="store_true", help="ไม่แสดงแถบความคืบหน้า")
    sp.add_argument(
        "--lang",
        choices=("th", "th-en"),
        default="th",
        help="ภาษาของเอกสาร: th ไทยอย่างเดียว (ค่าเริ่มต้น) หรือ th-en มีคำอังกฤษกำกับ "
        "(document language: Thai only, or Thai with English glosses)",
    )
    sp.add_argument(
        "--lessons",
        action="store_true",
        help="รวมเอกสารถอดบทเรียนรายจังหวัดและภาพรวม HTML + Word (also the lessons write-ups)",
    )
    sp.add_argument(
        "--directives",
        action="store_true",
        help="รายงานข้อสั่งการประจำสัปดาห์แทนรายงานจังหวัด (the weekly directives print-out)",
    )
    sp.add_argument(
        "--week", default=None, metavar="DATE", help="วันใดก็ได้ในสัปดาห์ (any day of the week)"
    )
    sp.add_argument(
        "--driving-plan",
        action="store_true",
        help="แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปี HTML + Word (the yearly driving plan; --fy)",
    )
    sp.add_argument(
        "--strategic-plan",
        action="store_true",
        help="(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด HTML + Word ของ --province "
        "(default: จังหวัดต้นแบบ) (a model province's draft strategic plan)",
    )
    sp.add_argument(
        "--national",
        action="store_true",
        help="ภาพรวมทั่วประเทศ <fy>/index.html (the national overview; "
        "included in --pilot, --all and --round)",
    )
    clusters = sp.add_mutually_exclusive_group()
    clusters.add_argument(
        "--cluster",
        action="append",
        metavar="ID",
        help="รายงานกลุ่มจังหวัด เช่น south_andaman ใส่ได้หลายครั้ง (a cluster report; repeatable)",
    )
    clusters.add_argument(
        "--clusters", action="store_true", help="รายงานทั้ง 18 กลุ่มจังหวัด (every cluster report)"
    )
    sp.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="N",
        help="รายงาน ณ สิ้นรอบการติดตาม 1-4 (รอบ 3/6/9/12 เดือน) ไปที่ <fy>/roundN/ "
        "(every report as of the end of follow-up round N)",
    )

    sp = add(
        "carry-over",
        cmd_carry_over,
        "ยกวัตถุประสงค์/ผลลัพธ์หลักที่ยังไม่บรรลุไปปีถัดไป (carry unachieved OKRs forward)",
    )
    sp.add_argument("--from", dest="from_fy", type=int, required=True, help="ปีงบประมาณต้นทาง")
    sp.add_argument("--to", dest="to_fy", type=int, default=None, help="ปีปลายทาง (default +1)")
    sp.add_argument("--dry-run", action="store_true", help="แสดงเท่านั้น ไม่บันทึก (show only)")

    sp = add("backup", cmd_backup, "สำรองข้อมูลทั้งฐานข้อมูล (write a restorable backup of the store)")
    sp.add_argument(
        "--out",
        default=None,
        metavar="FILE",
        help="ไฟล์ปลายทาง (default: backups/ beside the store)",
    )

    sp = add(
        "restore",
        cmd_restore,
        "กู้คืนฐานข้อมูลจากไฟล์สำรอง (replace the store's content with a backup; "
        "the current content is backed up first)",
    )
    sp.add_argument("file")

    add("info", cmd_info, "สรุปฐานข้อมูล (summarise the store)")

    sp = add("serve", cmd_serve, "เปิดแอปด้วย Voila (serve the workshop or explorer app)")
    sp.add_argument(
        "app",
        nargs="?",
        default="workshop",
        help="workshop (การประชุมเชิงปฏิบัติการ, default), explorer (สำรวจกราฟ) หรือไฟล์ .ipynb",
    )
    sp.add_argument("--port", type=int, default=8866, help="พอร์ต (default 8866)")
    sp.add_argument(
        "--host",
        default="127.0.0.1",
        help="ที่อยู่ที่รับการเชื่อมต่อ (default 127.0.0.1; อื่นจากนี้จะเปิดใช้ token)",
    )
    sp.add_argument(
        "--pool-size", type=int, default=4, help="จำนวน kernel ที่อุ่นไว้ล่วงหน้า (preheated kernels)"
    )
    sp.add_argument("--no-preheat", action="store_true", help="ไม่อุ่น kernel ล่วงหน้า")
    sp.add_argument(
        "--cull-idle",
        type=int,
        default=3600,
        metavar="SECONDS",
        help="ปิด kernel ที่ผู้ใช้ออกไปแล้วและว่างนานเกินนี้ (default 3600)",
    )

    sp = add("hub", cmd_hub, "เปิด JupyterHub สำหรับผู้ใช้หลายคน (many users: sign-in, roles)")
    sp.add_argument("--port", type=int, default=8000, help="พอร์ต (default 8000)")
    sp.add_argument(
        "--host",
        default="127.0.0.1",
        help="ที่อยู่ที่รับการเชื่อมต่อ (default 127.0.0.1 สำหรับทดลอง; ใช้ HTTPS เมื่อเปิดสู่เครือข่าย)",
    )
    sp.add_argument(
        "--auth",
        choices=["native", "ldap"],
        default="native",
        help="วิธีลงชื่อเข้าใช้: native (บัญชีใน hub, default) หรือ ldap (KPYJ_LDAP_*)",
    )
    sp.add_argument(
        "--home", default="hub", help="โฟลเดอร์ของ hub: ฐานข้อมูล hub และโฟลเดอร์ผู้ใช้ (default ./hub)"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kpyj`` command; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):  # Thai text on any console
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KpyjError as e:
        print(f"kpyj {args.command}: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
