"""Executed notebooks to pages: HTML with nbconvert, PDF with headless Chromium.

* :func:`export_html` — a self-contained page: code hidden, ``lang="th"``, the Sarabun font
  embedded and kpyj's one stylesheet (:func:`kpyj_lib.render.stylesheet`) in the page, no
  script from a CDN. The nbconvert template is ``batch/templates/kpyj_report.html.j2``.
* :func:`notebook_headline` — the headline figures a notebook displayed under
  :data:`HEADLINE_MIME` (kept out of the HTML).
* :func:`html_to_pdf` — Debian's Chromium prints the page to an A4 PDF, offline.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..exceptions import ReportError
from ..render.environment import stylesheet
from ..render.fonts import font_face_css
from ..render.notebook import HEADLINE_MIME
from .jobs import tmp_path

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "HEADLINE_MIME",
    "export_html",
    "find_chromium",
    "html_to_pdf",
    "notebook_headline",
    "page_css",
    "require_chromium",
]

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
_TEMPLATES = Path(__file__).resolve().parent / "templates"


# ================================================================================ HTML
def page_css() -> str:
    """The CSS of every exported page: embedded Sarabun and kpyj's one stylesheet.

    Plain text: ``str + Markup`` would escape the ``@font-face`` rules' quotes, and the
    browser would then drop them (no embedded Sarabun).

    >>> css = page_css()
    >>> type(css) is str, "&#34;" in css
    (True, False)
    """
    return font_face_css() + "\n" + str(stylesheet())


@functools.cache
def _exporter():
    import jinja2
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last step, a BeautifulSoup parse and
        re-serialisation of the whole page to add ``tabindex`` to the notebook's input and
        output areas and an alt text to images that have none. Our pages hide the code, are
        read and printed rather than navigated cell by cell, and their charts carry their
        own ``aria-label``; an inline SVG chart is thousands of elements, and that parse
        took a fifth of a report's CPU time in the worker."""

        def from_notebook_node(self, nb, resources=None, **kw):  # type: ignore[no-untyped-def]
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", data_type)
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return PageExporter(
        template_name="lab",
        extra_loaders=[jinja2.FileSystemLoader(str(_TEMPLATES))],
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


def require_chromium() -> str:
    """The Chromium executable, or a :class:`ReportError` that says how to install it."""
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
    exe = require_chromium()
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_path(pdf_path, ".pdf")
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
