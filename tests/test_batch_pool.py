"""One process pool and its warm kernels for several batches (kpyj_lib.batch.pool_session)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from kpyj_lib.batch import Job, pool_session, run_jobs

slow = pytest.mark.slow  # starts kernels


def _notebook(path: Path) -> Path:
    params = nbformat.v4.new_code_cell('province = "83"', metadata={"tags": ["parameters"]})
    body = nbformat.v4.new_code_cell(
        "import os\n"
        "from IPython.display import display\n"
        'leftover = "secret" in globals()\n'
        "secret = province\n"
        'display({"application/vnd.kpyj.headline+json": '
        '{"pid": os.getpid(), "leftover": leftover}}, raw=True)'
    )
    meta = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nbformat.write(nbformat.v4.new_notebook(cells=[params, body], metadata=meta), path)
    return path


def _jobs(nb: Path, root: Path, codes: tuple[str, ...]) -> list[Job]:
    return [Job(nb, root / c, parameters={"province": c}, key=c, label=c) for c in codes]


@slow
def test_a_session_keeps_one_kernel_across_batches_and_a_clean_namespace(tmp_path):
    nb = _notebook(tmp_path / "pid.ipynb")
    with pool_session():
        first = run_jobs(_jobs(nb, tmp_path / "a", ("10", "11")), workers=1, progress=False)
        second = run_jobs(_jobs(nb, tmp_path / "b", ("12",)), workers=1, progress=False)
    results = first + second
    assert [r.status for r in results] == ["ok"] * 3, [r.error for r in results]
    assert len({r.headline["pid"] for r in results}) == 1  # the same warm kernel
    assert not any(r.headline["leftover"] for r in results)  # each job starts clean
    # outside a session every batch has its own pool and kernel
    alone = run_jobs(_jobs(nb, tmp_path / "c", ("13",)), workers=1, progress=False)
    assert alone[0].status == "ok"
    assert alone[0].headline["pid"] != results[0].headline["pid"]
