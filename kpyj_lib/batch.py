"""Batch runs of parameterised notebooks: one report per province, failure isolated.

Each :class:`Job` is one papermill run of a template notebook with ASCII, JSON-friendly
parameters. :func:`run_jobs` runs them in a process pool (one papermill client per worker,
each starting its own kernel) and, for every job, writes into the job's ``output_dir``:

==========================  ===============================================================
file                        content
==========================  ===============================================================
``<stem>.ipynb``            the executed notebook (success)
``<stem>.html``             the same with code hidden, Thai font embedded, A4 print CSS
``<stem>.pdf``              with ``pdf=True``: the HTML printed by headless Chromium
``<stem>.error.ipynb``      failure: the executed notebook up to the failing cell
``<stem>.error.html``       failure: the same as a page (the traceback is an output)
``.<stem>.state.json``      the fingerprint of the last successful run and its headline
``.<stem>.log``             what the kernel wrote to stderr during the last run
==========================  ===============================================================

Decisions
---------
* **Atomic files.** Every file is written under a temporary name in its own folder, then
  renamed with :func:`os.replace`; a reader never sees half a file. Pages and summaries go
  through :func:`kpyj_lib.files.atomic_write_text`; the files other programs write
  (papermill's notebook, Chromium's PDF, the kernel's log) are named
  ``.<name>.tmp-<pid>``, and those of dead runs are removed at the next run.
* **Skip unchanged.** A job's fingerprint is the SHA-256 of the template notebook's bytes,
  the parameters, the job's and the run's input fingerprints (the caller's hash of the data)
  and the kpyj version. When ``.<stem>.state.json`` holds the same fingerprint and the
  outputs exist, the job is ``"skipped"`` (no kernel is started) and keeps its previous
  headline. ``force=True`` runs it anyway.
* **A failure removes the stale success.** When a job fails, the previous run's
  ``<stem>.ipynb/.html/.pdf`` and its state are deleted, so the folder never shows a report
  built from data that no longer holds; the error notebook and page take their place. A
  success deletes a stale error notebook, and a run without ``pdf`` deletes a stale PDF.
* **Headline figures.** A notebook publishes its headline with
  ``display({"application/vnd.kpyj.headline+json": {...}}, raw=True)``; the dicts are
  merged in cell order into :attr:`JobResult.headline` and kept out of the HTML.
* **Parameters are ASCII.** papermill writes other characters as ``\\uXXXX`` escapes in the
  injected cell; pass codes (``"83"``) and let the notebook look up Thai names.
* **Workers.** A :class:`concurrent.futures.ProcessPoolExecutor` on a *forkserver* context
  (never plain fork: the caller may hold zmq sockets, threads, database connections); the
  fork server imports papermill and nbconvert once. Each worker runs one job at a time and
  receives the caller's current environment. A script that calls :func:`run_jobs` needs
  the usual ``if __name__ == "__main__":`` guard; notebooks and ``kpyj`` need nothing.
  A worker that dies takes no other job with it: the jobs it held are run again, alone.
* **Secrets stay out of notebooks.** :attr:`Job.env` is set in the worker (and so in the
  kernel) but not written anywhere: a store URL with a password goes there, not into the
  ``db_url`` parameter that papermill records in the notebook.

Examples
--------
>>> job = Job(Path("report.ipynb"), Path("out/83"), parameters={"province": "83"},
...           label="83 ภูเก็ต", key="83")
>>> job.stem, job.key
('analysis', '83')
>>> Job(Path("report.ipynb"), Path("out"), parameters={"province": "ภูเก็ต"})
Traceback (most recent call last):
...
kpyj_lib.exceptions.ReportError: พารามิเตอร์ 'province' ต้องเป็นอักขระ ASCII ...
"""

from __future__ import annotations

import base64
import concurrent.futures as cf
import contextlib
import datetime as dt
import functools
import hashlib
import html
import json
import math
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import __version__
from .calendar import format_thai_datetime, now_bangkok
from .exceptions import ReportError
from .files import atomic_write_text
from .paths import NOTEBOOKS_DIR, PACKAGE_DIR, PROJECT_ROOT

__all__ = [
    "CHROMIUM_FLAGS",
    "HEADLINE_LABELS",
    "HEADLINE_MIME",
    "PROVINCE_REPORT_COLUMNS",
    "Job",
    "JobResult",
    "attach_outputs",
    "export_html",
    "find_chromium",
    "format_summary",
    "html_to_pdf",
    "job_fingerprint",
    "notebook_headline",
    "province_report_jobs",
    "run_jobs",
    "run_one",
    "store_url_for_kernel",
    "write_index",
]

#: The MIME type of the headline figures a report notebook displays.
HEADLINE_MIME = "application/vnd.kpyj.headline+json"
#: Bump when the export changes, so that every report is built again.
FORMAT_VERSION = "1"
STATUS_OK, STATUS_SKIPPED, STATUS_FAILED = "ok", "skipped", "failed"
STATUS_TH = {
    STATUS_OK: "สำเร็จ",
    STATUS_SKIPPED: "ไม่เปลี่ยนแปลง (ใช้ผลเดิม)",
    STATUS_FAILED: "ล้มเหลว",
}
#: Thai column headers of headline keys that reports commonly publish; others show the key.
HEADLINE_LABELS: dict[str, str] = {
    "objectives": "วัตถุประสงค์",
    "key_results": "ผลลัพธ์หลัก (KR)",
    "kpis": "ตัวชี้วัด",
    "initiatives": "โครงการ",
    "budget": "งบประมาณ (บาท)",
    "progress": "ความก้าวหน้า",
    "aligned_share": "สัดส่วนที่เชื่อมโยงแผน",
    "orphans": "รายการที่ไม่เชื่อมโยง",
    "end_products": "ผลผลิตปลายทาง (End Product)",
    "lessons": "บทเรียน",
    "directives": "ข้อสั่งการ",
}
HEADLINE_LABELS.update(
    {
        "progress_pct": "ความก้าวหน้า (%)",
        "expected_pct": "ตามแผน (%)",
        "status_th": "สถานะความก้าวหน้า",
        "findings": "ข้อค้นพบ",
    }
)
#: The headline columns of the province report's index page (keys of ``ProvinceReport.headline``).
PROVINCE_REPORT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (k, HEADLINE_LABELS[k])
    for k in (
        "objectives",
        "key_results",
        "progress_pct",
        "expected_pct",
        "status_th",
        "orphans",
        "findings",
        "budget",
    )
)
CHROMIUM = "/usr/bin/chromium"
#: Flags for Debian's Chromium on a machine with no network but loopback, run as root: no
#: sandbox, no GPU, and none of the background connections that would be refused.
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-breakpad",
    "--mute-audio",
)
_STEM_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TMP_RE = re.compile(r"^\..+\.tmp-(\d+)(\.[A-Za-z]+)?$")


# ================================================================================ jobs
def _check_value(name: str, value: Any) -> None:
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ReportError(
                f"พารามิเตอร์ {name!r} ต้องเป็นตัวเลขจำกัด (parameter {name!r} is {value!r}, "
                "not a finite number)"
            )
        return
    if isinstance(value, str):
        if not value.isascii():
            raise ReportError(
                f"พารามิเตอร์ {name!r} ต้องเป็นอักขระ ASCII เช่น รหัสจังหวัด ไม่ใช่ชื่อภาษาไทย "
                f"(parameter {name!r} must be ASCII, e.g. a code; got {value!r})"
            )
        return
    if isinstance(value, list | tuple):
        for i, v in enumerate(value):
            _check_value(f"{name}[{i}]", v)
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str) or not k.isascii():
                raise ReportError(f"พารามิเตอร์ {name!r}: คีย์ {k!r} ต้องเป็นข้อความ ASCII")
            _check_value(f"{name}[{k!r}]", v)
        return
    raise ReportError(
        f"พารามิเตอร์ {name!r} เป็นชนิด {type(value).__name__} ที่ส่งให้สมุดงานไม่ได้ "
        f"ใช้ str/int/float/bool/None/list/dict (parameter {name!r} of type "
        f"{type(value).__name__} is not JSON-friendly; pass e.g. a date as an ISO string)"
    )


def check_parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Check that notebook parameters are ASCII and JSON-friendly; return them as a dict.

    Examples
    --------
    >>> check_parameters({"province": "83", "fiscal_year": 2565, "as_of": ""})
    {'province': '83', 'fiscal_year': 2565, 'as_of': ''}
    >>> import datetime
    >>> check_parameters({"as_of": datetime.date(2022, 9, 30)})
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.ReportError: พารามิเตอร์ 'as_of' เป็นชนิด date ...
    """
    out: dict[str, Any] = {}
    for name, value in parameters.items():
        if not isinstance(name, str) or not _IDENT_RE.fullmatch(name):
            raise ReportError(
                f"ชื่อพารามิเตอร์ {name!r} ต้องเป็นชื่อตัวแปร Python แบบ ASCII "
                f"(parameter name {name!r} must be an ASCII Python identifier)"
            )
        _check_value(name, value)
        out[name] = value
    return out


@dataclass
class Job:
    """One notebook run.

    Parameters
    ----------
    notebook : Path
        The template notebook (with a cell tagged ``parameters``).
    output_dir : Path
        The folder of this job's files (created when needed).
    stem : str
        The base name of the outputs: ``<stem>.ipynb``, ``<stem>.html``, ...
    parameters : dict
        Injected by papermill: ASCII strings, numbers, booleans, ``None``, lists, dicts.
    label : str
        Shown on the progress bar and the index page, e.g. ``"83 ภูเก็ต"``.
    key : str
        The job's identity in the summary, e.g. a province code or ``"ALL"``.
    title : str
        The HTML page title (default: the label).
    input_fingerprint : str
        The caller's hash of what the notebook reads (part of the skip fingerprint).
    env : dict
        Environment variables for the kernel only, never written to a file.
    timeout : float, optional
        Seconds one cell may run (default: no limit).
    cwd : Path, optional
        The kernel's working folder (default: the project root).
    kernel_name : str
        The Jupyter kernel (default ``python3``: this environment's Python).
    """

    notebook: Path
    output_dir: Path
    stem: str = "analysis"
    parameters: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    key: str = ""
    title: str = ""
    input_fingerprint: str = ""
    env: dict[str, str] = field(default_factory=dict, repr=False)
    timeout: float | None = None
    cwd: Path | None = None
    kernel_name: str = "python3"

    def __post_init__(self) -> None:
        # absolute now: the workers' current folder is not necessarily the caller's
        self.notebook = Path(self.notebook).absolute()
        self.output_dir = Path(self.output_dir).absolute()
        self.cwd = Path(self.cwd).absolute() if self.cwd else PROJECT_ROOT
        if not _STEM_RE.fullmatch(self.stem):
            raise ReportError(
                f"ชื่อไฟล์ผลลัพธ์ {self.stem!r} ใช้ได้เฉพาะ A-Z a-z 0-9 _ - "
                f"(output stem {self.stem!r} may only use A-Z a-z 0-9 _ -)"
            )
        self.parameters = check_parameters(self.parameters)
        self.key = self.key or self.stem
        self.label = self.label or self.key

    # the files of this job
    def path(self, kind: str) -> Path:
        """The path of a file of the job: ipynb, html, pdf, error, error_html, state, log."""
        names = {
            "ipynb": f"{self.stem}.ipynb",
            "html": f"{self.stem}.html",
            "pdf": f"{self.stem}.pdf",
            "error": f"{self.stem}.error.ipynb",
            "error_html": f"{self.stem}.error.html",
            "state": f".{self.stem}.state.json",
            "log": f".{self.stem}.log",
        }
        return self.output_dir / names[kind]


@dataclass
class JobResult:
    """The outcome of one job.

    ``outputs`` maps a kind (``ipynb``, ``html``, ``pdf``, ``error``, ``error_html``) to a
    file name inside ``output_dir``; ``error`` is ``"ename: evalue"`` of the failing cell
    (``error_cell`` its execution count) or the reason the run could not finish.
    """

    key: str
    label: str
    status: str
    seconds: float
    outputs: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    headline: dict[str, Any] = field(default_factory=dict)
    output_dir: str = ""
    error_cell: int | None = None

    @property
    def ok(self) -> bool:
        """True unless the job failed."""
        return self.status != STATUS_FAILED

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict."""
        return asdict(self)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def job_fingerprint(job: Job, input_fingerprint: str = "") -> str:
    """The fingerprint that decides whether a job's outputs are still up to date.

    The SHA-256 of the template's bytes, the parameters, the stem, title and label, the
    job's and the run's input fingerprints, the kpyj version and :data:`FORMAT_VERSION`.
    """
    parts = {
        "format": FORMAT_VERSION,
        "kpyj": __version__,
        "notebook": _sha256_file(job.notebook),
        "stem": job.stem,
        "parameters": job.parameters,
        "label": job.label,
        "title": job.title,
        "job_inputs": job.input_fingerprint,
        "run_inputs": input_fingerprint,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


# ================================================================================ files
def _tmp_path(path: Path, suffix: str = "") -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}{suffix}")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_dead_tmp_files(folder: Path) -> None:
    """Remove ``.<name>.tmp-<pid>`` files left by runs whose process is gone."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return
    for p in entries:
        m = _TMP_RE.match(p.name)
        if m and p.is_file() and not _pid_alive(int(m.group(1))):
            p.unlink(missing_ok=True)


def _read_state(job: Job) -> dict[str, Any] | None:
    try:
        state = json.loads(job.path("state").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _up_to_date(job: Job, fingerprint: str, pdf: bool) -> dict[str, Any] | None:
    """The saved state when the job's outputs match ``fingerprint``, else None."""
    state = _read_state(job)
    if not state or state.get("fingerprint") != fingerprint:
        return None
    kinds = ["ipynb", "html", *(["pdf"] if pdf else [])]
    if not all(job.path(k).is_file() for k in kinds):
        return None
    return state


# ================================================================================ HTML
_HTML_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{#- kpyj: no script from a CDN (reports are read and printed offline), Thai font, A4 -#}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
{{ resources.kpyj_css }}
</style>
{%- endblock html_head_css -%}
"""

_PAGE_CSS = """
:root {
  --jp-content-font-family: "Sarabun", "TH Sarabun New", "Loma", "Garuda", sans-serif;
  --jp-ui-font-family: "Sarabun", "TH Sarabun New", "Loma", "Garuda", sans-serif;
  --jp-code-font-family: "DejaVu Sans Mono", "Liberation Mono", "Sarabun", monospace;
  --jp-content-font-size1: 16px;
  --jp-content-line-height: 1.6;
}
body { font-family: var(--jp-content-font-family); line-height: 1.6; }
.jp-RenderedHTMLCommon { font-family: var(--jp-content-font-family); }
.jp-RenderedHTMLCommon table { font-size: 14px; }
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
@media print {
  body { padding: 0 !important; margin: 0 !important; }
  .jp-Notebook { padding: 0 !important; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  img, svg, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  .jp-OutputArea-output img { max-width: 100% !important; height: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


@functools.cache
def _font_css() -> str:
    """``@font-face`` rules embedding Sarabun (regular and bold) as base64, or ``""``."""
    try:
        import fontpkg_sarabun
    except ImportError:  # pragma: no cover - a declared dependency; fall back to system fonts
        return ""
    rules = []
    for weight, name in ((400, "Sarabun-Regular.ttf"), (700, "Sarabun-Bold.ttf")):
        path = Path(fontpkg_sarabun.ROOT) / "files" / name
        if not path.is_file():  # pragma: no cover
            continue
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        rules.append(
            '@font-face { font-family: "Sarabun"; font-style: normal; '
            f"font-weight: {weight}; font-display: block; "
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


def page_css() -> str:
    """The CSS of every kpyj page: embedded Sarabun, Thai-friendly sizes, A4 print rules."""
    return _font_css() + "\n" + _PAGE_CSS


@functools.cache
def _exporter():
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"kpyj_report.html.j2": _HTML_TEMPLATE})],
        template_file="kpyj_report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code="th",
    )


def _without_headline(nb: Any) -> Any:
    import copy

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                o for o in cell.get("outputs", []) if HEADLINE_MIME not in o.get("data", {})
            ]
    return nb


def export_html(nb: Any, *, title: str = "") -> str:
    """A notebook as a self-contained HTML page: code hidden, ``lang="th"``, Sarabun embedded.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook.
    title : str
        The page title (escaped by the template).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# ภูเก็ต")])
    >>> page = export_html(nb, title="83 ภูเก็ต <b>")
    >>> '<html lang="th">' in page, '<meta charset="utf-8"' in page
    (True, True)
    >>> 'font-family: "Sarabun"' in page
    True
    >>> "83 ภูเก็ต &lt;b&gt;" in page, "<script src=" in page
    (True, False)
    """
    body, _ = _exporter().from_notebook_node(
        _without_headline(nb),
        resources={"metadata": {"name": title or "kpyj"}, "kpyj_css": page_css()},
    )
    return body


def notebook_headline(nb: Any) -> dict[str, Any]:
    """The headline figures a notebook displayed as :data:`HEADLINE_MIME`, merged in order.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("")
    >>> cell.outputs = [nbformat.v4.new_output("display_data",
    ...     data={HEADLINE_MIME: {"objectives": 3, "province": "83"}})]
    >>> notebook_headline(nbformat.v4.new_notebook(cells=[cell]))
    {'objectives': 3, 'province': '83'}
    """
    headline: dict[str, Any] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            value = out.get("data", {}).get(HEADLINE_MIME)
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    continue
            if isinstance(value, Mapping):
                headline.update(json.loads(json.dumps(dict(value), default=str)))
    return headline


# ================================================================================ PDF
def find_chromium() -> str | None:
    """The Chromium executable: ``KPYJ_CHROMIUM``, ``/usr/bin/chromium`` or on ``PATH``."""
    for candidate in (os.environ.get("KPYJ_CHROMIUM"), CHROMIUM):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _require_chromium() -> str:
    exe = find_chromium()
    if exe is None:
        raise ReportError(
            "ไม่พบ Chromium สำหรับสร้าง PDF — ติดตั้งด้วย 'apt-get install chromium fonts-thai-tlwg' "
            "(Chromium is needed for PDF output; install the Debian package 'chromium')"
        )
    return exe


def html_to_pdf(html_path: Path, pdf_path: Path, *, timeout: float = 180) -> Path:
    """Print an HTML file to PDF (A4, no header or footer) with headless Chromium.

    Chromium runs offline-minded (no background networking, sync, component updates or
    QUIC) with a fresh profile in a temporary folder, and is killed with all its child
    processes after ``timeout`` seconds. The PDF is written atomically.

    Raises
    ------
    ReportError
        If Chromium is missing, fails, times out or writes no PDF.
    """
    exe = _require_chromium()
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_path(pdf_path, ".pdf")
    with tempfile.TemporaryDirectory(prefix="kpyj-chromium-") as profile:
        cmd = [
            exe,
            "--headless",
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={tmp}",
            html_path.as_uri(),
        ]
        env = {**os.environ, "HOME": profile}
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # so that a timeout kills the renderers too
        )
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            tmp.unlink(missing_ok=True)
            raise ReportError(
                f"Chromium พิมพ์ PDF ไม่เสร็จใน {timeout:g} วินาที "
                f"(Chromium timed out after {timeout:g} s): {html_path.name}"
            ) from None
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # leftovers: crash handlers, zygotes
    try:
        with open(tmp, "rb") as fh:
            magic = fh.read(5)
    except OSError:
        magic = b""
    if proc.returncode != 0 or magic != b"%PDF-":
        tmp.unlink(missing_ok=True)
        tail = err.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise ReportError(
            f"Chromium สร้าง PDF ไม่สำเร็จ (Chromium failed, exit {proc.returncode}) "
            f"{html_path.name}: " + " | ".join(tail)
        )
    os.replace(tmp, pdf_path)
    return pdf_path


# ================================================================================ one job
def _error_text(exc: BaseException) -> tuple[str, int | None]:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}", exc.exec_count
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": "), None


def _relname(job: Job, kind: str) -> str:
    return job.path(kind).name


def run_one(
    job: Job,
    *,
    pdf: bool = False,
    fingerprint: str = "",
    environ: Mapping[str, str] | None = None,
) -> JobResult:
    """Run one job in this process and write its files; never raises for a notebook error.

    Meant to run in a worker of :func:`run_jobs`: for the duration of the job it sets the
    process environment to ``environ`` (the caller's, default: unchanged) plus
    :attr:`Job.env`, and points file descriptor 2 at the job's log so that the kernel's
    messages land there.

    Returns a :class:`JobResult` with status ``"ok"`` or ``"failed"``; see the module
    documentation for the files written and removed.
    """
    import nbformat
    import papermill

    start = time.perf_counter()
    out = job.output_dir
    out.mkdir(parents=True, exist_ok=True)
    _remove_dead_tmp_files(out)
    tmp_nb = _tmp_path(job.path("ipynb"), ".ipynb")  # papermill wants the .ipynb suffix
    saved_env = dict(os.environ)
    if environ is not None:  # a fork server's workers would otherwise see its old environment
        os.environ.clear()
        os.environ.update(environ)
    os.environ.update(job.env)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugger noise
    error: str | None = None
    error_cell: int | None = None
    nb = None
    # The kernel inherits file descriptor 2: its start-up warnings and dying words go to
    # the job's log, not over the progress bar.
    log_tmp = _tmp_path(job.path("log"))
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    with open(log_tmp, "wb") as log:
        os.dup2(log.fileno(), 2)
    try:
        try:
            nb = papermill.execute_notebook(
                str(job.notebook),
                str(tmp_nb),
                parameters=job.parameters,
                kernel_name=job.kernel_name,
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                cwd=str(job.cwd),
                execution_timeout=job.timeout,
            )
        except Exception as exc:  # the notebook failed, the kernel died, a cell timed out
            error, error_cell = _error_text(exc)

        if error is not None:
            outputs: dict[str, str] = {}
            for kind in ("ipynb", "html", "pdf", "state"):  # no stale success next to it
                job.path(kind).unlink(missing_ok=True)
            job.path("error_html").unlink(missing_ok=True)
            if tmp_nb.is_file():
                try:
                    page = export_html(
                        nbformat.read(tmp_nb, as_version=4), title=job.title or job.label
                    )
                    atomic_write_text(job.path("error_html"), page)
                    outputs["error_html"] = _relname(job, "error_html")
                except Exception:  # the error notebook itself is what matters
                    pass
                os.replace(tmp_nb, job.path("error"))
                outputs = {"error": _relname(job, "error"), **outputs}
            else:
                job.path("error").unlink(missing_ok=True)
            return JobResult(
                key=job.key,
                label=job.label,
                status=STATUS_FAILED,
                seconds=round(time.perf_counter() - start, 3),
                outputs=outputs,
                error=error,
                output_dir=str(out),
                error_cell=error_cell,
            )

        headline = notebook_headline(nb)
        atomic_write_text(job.path("html"), export_html(nb, title=job.title or job.label))
        os.replace(tmp_nb, job.path("ipynb"))
        outputs = {"ipynb": _relname(job, "ipynb"), "html": _relname(job, "html")}
        job.path("error").unlink(missing_ok=True)
        job.path("error_html").unlink(missing_ok=True)
        job.path("state").unlink(missing_ok=True)
        if pdf:
            try:
                html_to_pdf(job.path("html"), job.path("pdf"))
            except ReportError as exc:  # the fresh notebook and page stay; no state: runs again
                job.path("pdf").unlink(missing_ok=True)
                return JobResult(
                    key=job.key,
                    label=job.label,
                    status=STATUS_FAILED,
                    seconds=round(time.perf_counter() - start, 3),
                    outputs=outputs,
                    error=f"PDF: {exc}",
                    headline=headline,
                    output_dir=str(out),
                )
            outputs["pdf"] = _relname(job, "pdf")
        else:
            job.path("pdf").unlink(missing_ok=True)  # a PDF of older data
        seconds = round(time.perf_counter() - start, 3)
        state = {
            "fingerprint": fingerprint,
            "key": job.key,
            "label": job.label,
            "headline": headline,
            "outputs": outputs,
            "seconds": seconds,
            "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "kpyj_version": __version__,
        }
        atomic_write_text(job.path("state"), json.dumps(state, ensure_ascii=False, indent=1))
        return JobResult(
            key=job.key,
            label=job.label,
            status=STATUS_OK,
            seconds=seconds,
            outputs=outputs,
            headline=headline,
            output_dir=str(out),
        )
    finally:
        sys.stderr.flush()
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.replace(log_tmp, job.path("log"))
        tmp_nb.unlink(missing_ok=True)
        os.environ.clear()
        os.environ.update(saved_env)


def _worker_init() -> None:
    import nbconvert  # noqa: F401  - import once per worker, not once per job
    import papermill  # noqa: F401


def _pool_context() -> multiprocessing.context.BaseContext:
    """A forkserver context (spawn where there is none); never plain fork.

    The parent may hold zmq sockets, threads or a database connection that a forked child
    must not share. The fork server imports papermill and nbconvert once, so that every
    worker it forks starts ready (about 1.5 s saved per worker).
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kpyj_lib.batch", "papermill", "nbconvert", "nbformat"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - not on Linux


# ================================================================================ many jobs
def run_jobs(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    pdf: bool = False,
    force: bool = False,
    progress: bool = True,
    input_fingerprint: str = "",
    desc: str = "รายงาน",
) -> list[JobResult]:
    """Run every job in a process pool; one failing job never stops the others.

    Parameters
    ----------
    jobs : sequence of Job
        Their output folders must differ or their stems must.
    workers : int, optional
        Processes in the pool (default: the number of CPUs), never more than the jobs to run.
    pdf : bool
        Also print each HTML page to ``<stem>.pdf`` with Chromium.
    force : bool
        Run jobs whose fingerprint says their outputs are up to date.
    progress : bool
        Show a tqdm progress bar on stderr labelled with the job just finished.
    input_fingerprint : str
        A hash of the data every job reads; part of each job's fingerprint.
    desc : str
        The progress bar's title.

    Returns
    -------
    list of JobResult
        In the order of ``jobs``.

    Raises
    ------
    ReportError
        Before any run: a template is missing, two jobs share an output, bad ``workers``,
        or ``pdf`` without Chromium. A job's own failure is a result, never an exception.

    Notes
    -----
    The workers start from a fork server, so a *script* calling this function needs the
    ``if __name__ == "__main__":`` guard; notebooks and the ``kpyj`` command need nothing.
    """
    from tqdm.auto import tqdm

    jobs = list(jobs)
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ReportError(f"จำนวน worker ต้องเป็นจำนวนเต็มบวก (workers must be >= 1): {workers!r}")
    seen: dict[Path, str] = {}
    for job in jobs:
        if not job.notebook.is_file():
            raise ReportError(f"ไม่พบสมุดงานแม่แบบ (template notebook not found): {job.notebook}")
        target = job.path("ipynb").resolve()
        if target in seen:
            raise ReportError(
                f"งาน {seen[target]!r} และ {job.key!r} เขียนไฟล์เดียวกัน (two jobs write {target})"
            )
        seen[target] = job.key
    if pdf:
        _require_chromium()

    results: list[JobResult | None] = [None] * len(jobs)
    fingerprints = [job_fingerprint(job, input_fingerprint) for job in jobs]
    bar = tqdm(total=len(jobs), desc=desc, unit="report", disable=not progress, file=sys.stderr)

    def done(i: int, res: JobResult) -> None:
        results[i] = res
        bar.set_postfix_str(f"{res.label} [{res.status}]", refresh=False)
        bar.update(1)

    todo: list[int] = []
    for i, job in enumerate(jobs):
        state = None if force else _up_to_date(job, fingerprints[i], pdf)
        if state is None:
            todo.append(i)
            continue
        outputs = {k: job.path(k).name for k in ("ipynb", "html", "pdf") if job.path(k).is_file()}
        done(
            i,
            JobResult(
                key=job.key,
                label=job.label,
                status=STATUS_SKIPPED,
                seconds=0.0,
                outputs=outputs,
                headline=dict(state.get("headline") or {}),
                output_dir=str(job.output_dir),
            ),
        )

    try:
        broken = _run_pool(jobs, todo, fingerprints, workers, pdf, done)
        for i in broken:  # a worker process died: run each again alone, once
            broken_again = _run_pool(jobs, [i], fingerprints, 1, pdf, done)
            for j in broken_again:
                _remove_dead_tmp_files(jobs[j].output_dir)
                for kind in ("ipynb", "html", "pdf", "state"):  # as for any failure
                    jobs[j].path(kind).unlink(missing_ok=True)
                done(
                    j,
                    JobResult(
                        key=jobs[j].key,
                        label=jobs[j].label,
                        status=STATUS_FAILED,
                        seconds=0.0,
                        error="BrokenProcessPool: กระบวนการทำงานหยุดกลางคัน "
                        "(the worker process died)",
                        output_dir=str(jobs[j].output_dir),
                    ),
                )
    finally:
        bar.close()
    return [r for r in results if r is not None]


def _run_pool(jobs, todo, fingerprints, workers, pdf, done) -> list[int]:
    """Run ``jobs[i] for i in todo`` in a fresh pool; returns the indices lost to a dead worker."""
    if not todo:
        return []
    environ = dict(os.environ)
    broken: list[int] = []
    pool = cf.ProcessPoolExecutor(
        max_workers=min(workers, len(todo)), mp_context=_pool_context(), initializer=_worker_init
    )
    try:
        futures = {
            pool.submit(run_one, jobs[i], pdf=pdf, fingerprint=fingerprints[i], environ=environ): i
            for i in todo
        }
        for fut in cf.as_completed(futures):
            i = futures[fut]
            try:
                res = fut.result()
            except cf.process.BrokenProcessPool:
                broken.append(i)
                continue
            except Exception as exc:  # an error outside the notebook (disk full, ...)
                error, _ = _error_text(exc)
                res = JobResult(
                    key=jobs[i].key,
                    label=jobs[i].label,
                    status=STATUS_FAILED,
                    seconds=0.0,
                    error=error,
                    output_dir=str(jobs[i].output_dir),
                )
            done(i, res)
    except BaseException:  # Ctrl-C: do not wait for the queue
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return sorted(broken)


# ================================================================================ index
def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:,.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _href(result: JobResult, kind: str, base: Path) -> str | None:
    name = result.outputs.get(kind)
    if not name:
        return None
    target = Path(result.output_dir or base) / name
    try:
        rel = os.path.relpath(target, base)
    except ValueError:  # another drive (Windows)
        rel = str(target)
    return Path(rel).as_posix()


_LINK_TEXT = {
    "html": "รายงาน (HTML)",
    "pdf": "PDF",
    "lessons_html": "ถอดบทเรียน (HTML)",
    "lessons_docx": "ถอดบทเรียน (Word)",
    "lessons_ipynb": "ถอดบทเรียน (ipynb)",
    "lessons_pdf": "ถอดบทเรียน (PDF)",
    "ipynb": "สมุดงาน (ipynb)",
    "error_html": "หน้าข้อผิดพลาด",
    "error": "สมุดงานที่ผิดพลาด (ipynb)",
}

_INDEX_CSS = """
body { font-family: "Sarabun", "TH Sarabun New", "Loma", "Garuda", sans-serif; margin: 2rem;
       color: #1f2328; line-height: 1.6; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.meta { color: #57606a; margin-top: 0; }
.sample { background: #fff3cd; border: 2px solid #d4a017; padding: 0.6rem 1rem;
          font-weight: 700; margin: 1rem 0; border-radius: 6px; }
.counts span { margin-right: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.6rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0.05rem 0.55rem; border-radius: 1rem;
         font-size: 0.85rem; white-space: nowrap; }
.badge.ok { background: #dafbe1; color: #116329; }
.badge.skipped { background: #ddf4ff; color: #0969da; }
.badge.failed { background: #ffebe9; color: #cf222e; }
.error { color: #cf222e; font-family: "DejaVu Sans Mono", "Sarabun", monospace;
         font-size: 0.85rem; white-space: pre-wrap; margin-top: 0.3rem; }
.links a { margin-right: 0.6rem; white-space: nowrap; }
@page { size: A4 landscape; margin: 12mm; }
"""


def attach_outputs(
    results: Sequence[JobResult], extra: Sequence[JobResult], *, prefix: str
) -> None:
    """Add the outputs of a second batch over the same keys (e.g. lessons) to ``results``.

    Files of ``extra`` must live in the same folder as the result with the same key; they
    are listed under ``<prefix><kind>``. A failed extra job marks the row failed with its
    error, so the index never hides a failure.
    """
    by_key = {r.key: r for r in extra}
    for r in results:
        x = by_key.get(r.key)
        if x is None:
            continue
        for kind, name in x.outputs.items():
            r.outputs[f"{prefix}{kind}"] = name
        if x.status == STATUS_FAILED:
            r.status = STATUS_FAILED
            r.error = f"{prefix.rstrip('_')}: {x.error}" if not r.error else r.error


def write_index(
    results: Sequence[JobResult],
    out_dir: Path,
    *,
    title: str,
    fiscal_year: int | None = None,
    sample: bool = False,
    columns: Sequence[tuple[str, str]] | None = None,
    links: Sequence[tuple[str, str]] = (),
    key_header: str = "จังหวัด",
) -> tuple[Path, Path]:
    """Write ``index.html`` and ``summary.json`` for a batch, atomically, into ``out_dir``.

    Parameters
    ----------
    results : sequence of JobResult
        One row each, in this order.
    out_dir : Path
        The folder of the index; links to the reports are relative to it.
    title : str
        The page title (Thai).
    fiscal_year : int, optional
        Shown under the title and stored in the summary.
    sample : bool
        Mark every figure as sample data (ตัวอย่าง), never official.
    columns : sequence of (key, header), optional
        The headline figures to show, in order (default: every key found, headed by
        :data:`HEADLINE_LABELS` or the key).
    links : sequence of (text, relative path)
        Extra documents of the batch (e.g. a synthesis across provinces).
    key_header : str
        The header of the first column.

    Every value is HTML-escaped; the summary holds the same facts as data (UTF-8).

    Returns
    -------
    (Path, Path)
        ``index.html`` and ``summary.json``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if columns is None:
        keys: dict[str, None] = {}
        for r in results:
            keys.update(dict.fromkeys(r.headline))
        columns = [(k, HEADLINE_LABELS.get(k, k)) for k in keys]
    columns = [(str(k), str(h)) for k, h in columns]
    counts = {
        s: sum(r.status == s for r in results) for s in (STATUS_OK, STATUS_SKIPPED, STATUS_FAILED)
    }
    now = now_bangkok()
    generated = now.isoformat(timespec="seconds")

    summary = {
        "title": title,
        "fiscal_year": fiscal_year,
        "sample": bool(sample),
        "generated_at": generated,
        "kpyj_version": __version__,
        "counts": counts,
        "columns": [{"key": k, "header": h} for k, h in columns],
        "links": [{"text": t, "href": h} for t, h in links],
        "reports": [
            {
                "key": r.key,
                "label": r.label,
                "status": r.status,
                "seconds": r.seconds,
                "error": r.error,
                "error_cell": r.error_cell,
                "headline": r.headline,
                "outputs": {k: _href(r, k, out_dir) for k in r.outputs},
            }
            for r in results
        ],
    }

    e = html.escape
    rows = []
    for r in results:
        hrefs = {k: _href(r, k, out_dir) for k in r.outputs}
        main = hrefs.get("html") or hrefs.get("error_html")
        name = e(r.label)
        name_cell = f'<a href="{e(quote(main))}">{name}</a>' if main else name
        status = f'<span class="badge {e(r.status)}">{e(STATUS_TH.get(r.status, r.status))}</span>'
        if r.error:
            where = f" (cell [{r.error_cell}])" if r.error_cell is not None else ""
            status += f'<div class="error">{e(r.error)}{e(where)}</div>'
        cells = []
        for k, _ in columns:
            v = r.headline.get(k)
            num = isinstance(v, int | float) and not isinstance(v, bool)
            cells.append(f"<td{' class=num' if num else ''}>{e(_fmt(v))}</td>")
        order = [k for k in _LINK_TEXT if k in hrefs] + [k for k in hrefs if k not in _LINK_TEXT]
        link_html = " ".join(
            f'<a href="{e(quote(hrefs[k]))}">{e(_LINK_TEXT.get(k, k))}</a>'
            for k in order
            if hrefs[k]
        )
        seconds = f"{r.seconds:.1f}" if r.status != STATUS_SKIPPED else "–"
        rows.append(
            f"<tr><td>{name_cell}</td><td>{status}</td>{''.join(cells)}"
            f'<td class="links">{link_html}</td><td class="num">{seconds}</td></tr>'
        )
    head = "".join(f"<th>{e(h)}</th>" for _, h in columns)
    banner = (
        '<div class="sample">ตัวอย่าง (sample data) — ข้อมูลนี้เป็นข้อมูลตัวอย่าง '
        "ไม่ใช่ตัวเลขทางการ (not official figures)</div>"
        if sample
        else ""
    )
    extra = ""
    if links:
        items = "".join(f'<li><a href="{e(quote(h))}">{e(t)}</a></li>' for t, h in links)
        extra = f"<ul class=extra>{items}</ul>"
    fy = f"ปีงบประมาณ พ.ศ. {e(str(fiscal_year))} · " if fiscal_year is not None else ""
    page = f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>
{_font_css()}
{_INDEX_CSS}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p class="meta">{fy}สร้างเมื่อ {e(format_thai_datetime(now))} · kpyj {e(__version__)}</p>
{banner}
<p class="counts"><span>สำเร็จ (ok): {counts[STATUS_OK]}</span>
<span>ไม่เปลี่ยนแปลง (skipped): {counts[STATUS_SKIPPED]}</span>
<span>ล้มเหลว (failed): {counts[STATUS_FAILED]}</span></p>
{extra}
<table>
<thead><tr><th>{e(key_header)}</th><th>สถานะ</th>{head}<th>เอกสาร</th><th>วินาที</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</body>
</html>
"""
    index = atomic_write_text(out_dir / "index.html", page)
    data = json.dumps(summary, ensure_ascii=False, indent=1, default=str)
    summary_path = atomic_write_text(out_dir / "summary.json", data + "\n")
    return index, summary_path


def format_summary(results: Iterable[JobResult]) -> str:
    """A short Thai/English summary of a batch, naming every failure and its error.

    Examples
    --------
    >>> print(format_summary([JobResult("83", "83 ภูเก็ต", "ok", 1.0),
    ...     JobResult("70", "70 ราชบุรี", "failed", 1.0, error="ValueError: x")]))
    สำเร็จ (ok) 1, ไม่เปลี่ยนแปลง (skipped) 0, ล้มเหลว (failed) 1
      ✗ 70 ราชบุรี: ValueError: x
    """
    results = list(results)
    n = {s: sum(r.status == s for r in results) for s in (STATUS_OK, STATUS_SKIPPED, STATUS_FAILED)}
    lines = [
        f"สำเร็จ (ok) {n[STATUS_OK]}, ไม่เปลี่ยนแปลง (skipped) {n[STATUS_SKIPPED]}, "
        f"ล้มเหลว (failed) {n[STATUS_FAILED]}"
    ]
    lines += [f"  ✗ {r.label}: {r.error}" for r in results if r.status == STATUS_FAILED]
    return "\n".join(lines)


# ================================================================================ provinces
@functools.cache
def library_fingerprint() -> str:
    """SHA-256 of the kpyj library's source and packaged tables (so code edits re-run)."""
    h = hashlib.sha256(__version__.encode())
    for p in sorted(PACKAGE_DIR.rglob("*")):
        if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts:
            h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def workspace_fingerprint(ws: Any) -> str:
    """SHA-256 over every table of a workspace (one fiscal year's rows), as CSV."""
    h = hashlib.sha256(str(ws.fiscal_year).encode())
    for name in sorted(ws.frames):
        h.update(f"\0{name}\0".encode())
        h.update(ws.frames[name].to_csv(index=False).encode("utf-8"))
    return h.hexdigest()


def store_url_for_kernel(store: Any) -> tuple[str, dict[str, str]]:
    """The ``db_url`` parameter and the kernel environment that reach ``store``.

    A SQLite path is made absolute (the kernel runs in the project root). A URL with a
    password or non-ASCII characters is passed as ``KPYJ_DB_URL`` in the kernel's
    environment and the parameter is ``""`` (the notebook then opens the default store).
    """
    url = store.url
    if url.get_backend_name() == "sqlite":
        db = url.database
        if not db or db == ":memory:":
            raise ReportError(
                "รายงานต้องใช้ฐานข้อมูลแบบไฟล์ ไม่ใช่ในหน่วยความจำ "
                "(reports need a file or server store, not an in-memory SQLite)"
            )
        url = url.set(database=str(Path(db).resolve()))
    text = url.render_as_string(hide_password=False)
    if url.password or not text.isascii():
        return "", {"KPYJ_DB_URL": text}
    return text, {}


def province_report_jobs(
    store: Any,
    fiscal_year: int,
    provinces: Iterable[str | int],
    out_dir: Path,
    as_of: dt.date | str | None = None,
    *,
    workspace: Any = None,
    notebook: Path | None = None,
    stem: str = "analysis",
) -> list[Job]:
    """The jobs of the per-province analysis report.

    Each province gets ``out_dir/<fiscal_year>/<code>/<stem>.*`` from
    ``notebooks/province_report.ipynb`` with the parameters ``province`` (code),
    ``fiscal_year``, ``db_url`` and ``as_of`` (ISO date or ``""``). Every code is checked
    with :func:`kpyj_lib.reference.check_province` before it becomes part of a path.
    The input fingerprint hashes that year's workspace and the library's source.

    Raises
    ------
    UnknownProvinceError
        A code that is not one of the 77 provinces.
    ReportError
        The template is missing, ``as_of`` is not a date, or the store is in memory.
    """
    from .reference import check_province, province_name

    codes = list(dict.fromkeys(check_province(c) for c in provinces))
    notebook = Path(notebook) if notebook else NOTEBOOKS_DIR / "province_report.ipynb"
    if not notebook.is_file():
        raise ReportError(f"ไม่พบสมุดงานแม่แบบ (template notebook not found): {notebook}")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if isinstance(as_of, dt.date):
        as_of_text = as_of.isoformat()
    elif as_of:
        try:
            as_of_text = dt.date.fromisoformat(str(as_of)).isoformat()
        except ValueError as exc:
            raise ReportError(f"วันที่ไม่ถูกต้อง ใช้ YYYY-MM-DD (bad as_of date): {as_of!r}") from exc
    else:
        as_of_text = ""
    fy = int(fiscal_year)
    ws = workspace if workspace is not None else store.workspace(fy)
    if ws.fiscal_year != fy:
        raise ReportError(f"workspace is for {ws.fiscal_year}, not {fy}")
    db_url, env = store_url_for_kernel(store)
    inputs = hashlib.sha256(
        f"{workspace_fingerprint(ws)}:{library_fingerprint()}".encode()
    ).hexdigest()
    year_dir = Path(out_dir) / str(fy)
    jobs = []
    for code in codes:
        name = province_name(code)
        jobs.append(
            Job(
                notebook=notebook,
                output_dir=year_dir / code,
                stem=stem,
                parameters={
                    "province": code,
                    "fiscal_year": fy,
                    "db_url": db_url,
                    "as_of": as_of_text,
                },
                label=f"{code} {name}",
                key=code,
                title=f"รายงานวิเคราะห์ กพยจ. จังหวัด{name} ปีงบประมาณ พ.ศ. {fy}",
                input_fingerprint=inputs,
                env=env,
            )
        )
    return jobs


def pilot_provinces(ws: Any) -> list[str]:
    """Provinces in driving group 1 (pilot) in a workspace, sorted by code."""
    df = ws["province_groups"]
    if df.empty:
        return []
    return sorted({str(c) for c, g in zip(df["province_code"], df["group"], strict=True) if g == 1})
