"""What a batch job is: its parameters, its files, its fingerprint and its saved state.

A :class:`Job` is one papermill run of a template notebook with ASCII, JSON-friendly
parameters (:func:`check_parameters`); :class:`JobResult` is its outcome. The files of a
job live in its ``output_dir`` under names derived from its ``stem`` (:meth:`Job.path`);
the fingerprint (:func:`job_fingerprint`) decides whether its outputs are up to date and
is saved with the headline in ``.<stem>.state.json``. Files other programs write are first
named ``.<name>.tmp-<pid>`` (:func:`tmp_path`) and those of dead runs are removed
(:func:`remove_dead_tmp_files`).

Examples
--------
>>> job = Job(Path("report.ipynb"), Path("out/83"), parameters={"province": "83"},
...           label="83 ภูเก็ต", key="83")
>>> job.stem, job.key, job.path("state").name
('analysis', '83', '.analysis.state.json')
>>> Job(Path("report.ipynb"), Path("out"), parameters={"province": "ภูเก็ต"})
Traceback (most recent call last):
...
kpyj_lib.exceptions.ReportError: พารามิเตอร์ 'province' ต้องเป็นอักขระ ASCII ...
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..exceptions import ReportError
from ..paths import PROJECT_ROOT

__all__ = [
    "FORMAT_VERSION",
    "STATUS_FAILED",
    "STATUS_OK",
    "STATUS_SKIPPED",
    "STATUS_TH",
    "Job",
    "JobResult",
    "check_parameters",
    "format_summary",
    "job_fingerprint",
    "read_state",
    "remove_dead_tmp_files",
    "tmp_path",
    "up_to_date",
]

#: Bump when the export changes, so that every report is built again.
FORMAT_VERSION = "1"
STATUS_OK, STATUS_SKIPPED, STATUS_FAILED = "ok", "skipped", "failed"
#: Thai names of the statuses (progress, summaries, index pages).
STATUS_TH = {
    STATUS_OK: "สำเร็จ",
    STATUS_SKIPPED: "ไม่เปลี่ยนแปลง (ใช้ผลเดิม)",
    STATUS_FAILED: "ล้มเหลว",
}
_STEM_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TMP_RE = re.compile(r"^\..+\.tmp-(\d+)(\.[A-Za-z]+)?$")


# ================================================================================ parameters
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


# ================================================================================ jobs
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


# ================================================================================ fingerprint
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


# ================================================================================ files and state
def tmp_path(path: Path, suffix: str = "") -> Path:
    """The name a file is written under before it is renamed to ``path`` (this process)."""
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


def remove_dead_tmp_files(folder: Path) -> None:
    """Remove ``.<name>.tmp-<pid>`` files left by runs whose process is gone."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return
    for p in entries:
        m = _TMP_RE.match(p.name)
        if m and p.is_file() and not _pid_alive(int(m.group(1))):
            p.unlink(missing_ok=True)


def read_state(job: Job) -> dict[str, Any] | None:
    """The saved state of a job's last successful run, or None."""
    try:
        state = json.loads(job.path("state").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def up_to_date(job: Job, fingerprint: str, pdf: bool) -> dict[str, Any] | None:
    """The saved state when the job's outputs match ``fingerprint``, else None."""
    state = read_state(job)
    if not state or state.get("fingerprint") != fingerprint:
        return None
    kinds = ["ipynb", "html", *(["pdf"] if pdf else [])]
    if not all(job.path(k).is_file() for k in kinds):
        return None
    return state


# ================================================================================ summary
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
