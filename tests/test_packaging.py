"""The wheel carries what ``kpyj reports`` needs: an installed kpyj runs outside the checkout.

The wheel is built offline from a copy of the sources (``pip wheel --no-build-isolation``,
nothing written into the checkout) and installed with ``--no-deps`` into a fresh venv in a
temporary folder. The venv borrows the dependencies already installed in this environment
through a ``.pth`` line naming its site-packages (a plain path: the ``.pth`` files there,
among them the editable install's finder of this checkout, are not run) and their data
files (nbconvert's templates) through ``JUPYTER_PATH``. Then, in another
temporary folder named by ``KPYJ_HOME``: ``kpyj init --sample && kpyj reports --pilot
--lessons``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from kpyj_lib.paths import SOURCE_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # builds, installs, runs kernels

#: What the build reads from the checkout.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "kpyj_lib", "notebooks", "data/sample")


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert res.returncode == 0, f"{cmd}\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh venv with the kpyj wheel installed."""
    assert SOURCE_ROOT is not None, "run from a checkout"
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for name in BUILD_INPUTS:
        source, target = SOURCE_ROOT / name, src / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip"]
    _run([*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)])
    (wheel,) = dist.glob("kpyj-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run([*pip, "--python", str(python), "install", "-q", "--no-deps", str(wheel)])
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
        .stdout.strip()
    )  # fmt: skip
    borrowed = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "kpyj_test_dependencies.pth").write_text("\n".join(borrowed) + "\n")
    return venv / "bin"


def _env(home: Path, bindir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KPYJ_DB_URL", "PYTHONPATH")}
    env.update(KPYJ_HOME=str(home), PATH=f"{bindir}{os.pathsep}{env.get('PATH', '')}")
    # the borrowed packages' data files (nbconvert's templates) are under this environment's
    # prefix; a venv that installed them itself would have them under its own
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return env


def test_the_wheel_carries_notebooks_and_sample(installed, tmp_path):
    code = (
        "import json, kpyj_lib.paths as p; print(json.dumps([str(p.PACKAGE_DIR), "
        "str(p.SOURCE_ROOT), str(p.NOTEBOOKS_DIR), p.SAMPLE_WORKBOOK.is_file(), "
        "sorted(x.name for x in p.NOTEBOOKS_DIR.rglob('*.ipynb'))]))"
    )
    res = _run([str(installed / "python"), "-c", code], cwd=tmp_path, env=_env(tmp_path, installed))
    package, source, notebooks, sample, names = json.loads(res.stdout)
    assert Path(package).is_relative_to(installed.parent)  # the wheel, not the checkout
    assert source == "None" and notebooks == str(Path(package) / "notebooks") and sample
    assert {"province_report.ipynb", "lessons_learned.ipynb", "workshop.ipynb"} <= set(names)


def test_installed_kpyj_runs_the_pilot_reports_outside_the_checkout(installed, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home, installed)
    kpyj = str(installed / "kpyj")
    _run([kpyj, "init", "--sample"], cwd=home, env=env)
    assert (home / "data" / "kpyj.sqlite").is_file()
    res = _run([kpyj, "reports", "--pilot", "--lessons", "--no-progress"], cwd=home, env=env)
    year = home / "reports" / "2565"
    assert f"หน้ารวม (index): {year / 'index.html'}" in res.stdout
    summary = json.loads((year / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["failed"] == 0 and summary["sample"] is True
    codes = [r["key"] for r in summary["reports"]]
    assert len(codes) == 4
    for code in codes:
        for name in ("analysis.html", "analysis.ipynb", "lessons.html", "lessons.docx"):
            assert (year / code / name).is_file(), (code, name)
    # the template notebooks came from the wheel
    executed = json.loads((year / codes[0] / "analysis.ipynb").read_text(encoding="utf-8"))
    template = Path(executed["metadata"]["papermill"]["input_path"])
    assert template.is_relative_to(installed.parent) and template.name == "province_report.ipynb"
    assert (year / "lessons_synthesis.html").is_file()
    assert (year / "lessons_synthesis.docx").is_file()
    assert "ตัวอย่าง" in (year / "index.html").read_text(encoding="utf-8")
