"""The import rules of the layers, read from the source with :mod:`ast` (no import needed).

documents never import render/batch/store/services; render never imports batch/store;
batch never imports documents; analysis never imports store/apps; apps never import the
store; nothing but apps imports ipywidgets; and no two kpyj_lib modules import each other
through a cycle. Every ``import`` counts, at module level or inside a function (a lazy
import is still a dependency), except those under ``if TYPE_CHECKING:``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

import kpyj_lib

PACKAGE = Path(kpyj_lib.__file__).resolve().parent
ROOT = "kpyj_lib"
#: Rules that do not hold yet in this branch: other branches move the modules concerned.


@dataclass(frozen=True)
class Import:
    """One import statement of a module: the kpyj module or third-party name it reaches."""

    module: str  # the importing module
    target: str  # a kpyj_lib module (dotted) or a third-party top-level name
    line: int


def _module_name(path: Path) -> str:
    parts = [ROOT, *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of kpyj_lib by dotted name."""
    return {
        _module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts
    }


def _is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (imports for annotations only)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = getattr(test, "id", None) or getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for child in node.body:
                    skip.update(id(n) for n in ast.walk(child))
    return skip


def _resolve(module: str, level: int, base: str | None) -> str:
    """The absolute name of ``from <level dots><base> import ...`` in ``module``."""
    if level == 0:
        return base or ""
    package = module if _is_package(module) else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{base}" if base else package


@cache
def imports() -> tuple[Import, ...]:
    """Every import of every kpyj_lib module (kpyj targets as modules, others top-level)."""
    known = modules()
    found: list[Import] = []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = alias.name
                    if not target.startswith(ROOT + ".") and target != ROOT:
                        target = target.partition(".")[0]
                    found.append(Import(name, target, node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, node.level, node.module)
                if base != ROOT and not base.startswith(ROOT + "."):
                    found.append(Import(name, base.partition(".")[0], node.lineno))
                    continue
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.append(Import(name, sub if sub in known else base, node.lineno))
    return tuple(found)


def _in(module: str, layer: str) -> bool:
    """Whether ``module`` belongs to ``layer`` (``"store"`` is kpyj_lib.store and below)."""
    prefix = f"{ROOT}.{layer}"
    return module == prefix or module.startswith(prefix + ".")


def _violations(source: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{i.module}:{i.line} imports {i.target}"
        for i in imports()
        if _in(i.module, source) and any(_in(i.target, f) for f in forbidden)
    )


# ------------------------------------------------------------------ the parser itself
@pytest.mark.slow  # seconds: the whole sample or national data
def test_the_parser_sees_relative_lazy_and_package_imports():
    found = {(i.module, i.target) for i in imports()}
    assert ("kpyj_lib.batch.runner", "kpyj_lib.batch.export") in found  # from .export import
    assert ("kpyj_lib.batch.jobs", "kpyj_lib") in found  # from .. import __version__
    assert ("kpyj_lib.batch.export", "kpyj_lib.render.notebook") in found
    assert ("kpyj_lib.publish", "kpyj_lib.render.docx") in found  # inside a function
    assert ("kpyj_lib.cli", "kpyj_lib.publish") in found  # from . import publish
    assert ("kpyj_lib.batch.runner", "papermill") in found  # third party, top-level name
    assert len(modules()) > 40 and "kpyj_lib.batch" in modules()


# ------------------------------------------------------------------ the rules
def test_documents_never_import_render_batch_store_services():
    assert _violations("documents", ("render", "batch", "store", "services")) == []


def test_render_never_imports_batch_or_store():
    assert _violations("render", ("batch", "store")) == []


def test_batch_never_imports_documents():
    assert _violations("batch", ("documents",)) == []


def test_batch_knows_nothing_about_provinces_lessons_or_directives():
    kpyj = {i.target for i in imports() if _in(i.module, "batch") and i.target in modules()}
    allowed = {ROOT, *(f"{ROOT}.{m}" for m in ("exceptions", "files", "paths"))}
    outside = {t for t in kpyj if not _in(t, "batch") and not _in(t, "render") and t not in allowed}
    assert "kpyj_lib.render.notebook" in kpyj  # the one HEADLINE_MIME
    assert outside == set()


def test_analysis_never_imports_store_or_apps():
    assert _violations("analysis", ("store", "apps")) == []


def test_apps_never_import_the_store():
    assert _violations("apps", ("store",)) == []


def test_only_apps_import_ipywidgets():
    offenders = sorted(
        f"{i.module}:{i.line}"
        for i in imports()
        if i.target == "ipywidgets" and not _in(i.module, "apps")
    )
    assert offenders == []


def _graph() -> nx.DiGraph:
    """Module → module, with the packages a target's import runs first (not the root's)."""
    g = nx.DiGraph()
    g.add_nodes_from(modules())
    for i in imports():
        if i.target not in modules() or i.target == i.module:
            continue
        targets = {i.target}
        parent = i.target.rpartition(".")[0]
        while parent and parent != ROOT:  # importing a.b.c runs a.b's __init__ first
            targets.add(parent)
            parent = parent.rpartition(".")[0]
        for t in targets:
            # a module importing its own package (or an ancestor) finds it half-initialised
            # by design (`from .. import __version__`): not a cycle
            if not (i.module + ".").startswith(t + "."):
                g.add_edge(i.module, t)
    return g


def _cycles() -> Iterator[list[str]]:
    for component in nx.strongly_connected_components(_graph()):
        if len(component) > 1:
            yield sorted(component)


def test_no_import_cycle_among_kpyj_modules():
    assert list(_cycles()) == []
