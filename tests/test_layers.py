"""The layers run one way: the engine never imports the facade or a view, and no module imports itself back.

Imports are read from the source (every ``import`` statement, those inside
functions and under ``TYPE_CHECKING`` included), so a lazy import cannot hide a
dependency.  The one exception the design allows: the facade's methods
(:mod:`llmtimeline.timeline`, and ``llmtimeline.__getattr__``) import views
lazily, as polars' ``DataFrame.plot`` does.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__import__("llmtimeline").__file__).parent
#: The engine: what reads and checks records.  None of it may import the facade or a view.
ENGINE = ("llmtimeline.check", "llmtimeline.lint", "llmtimeline.merge", "llmtimeline.store", "llmtimeline.model",
          "llmtimeline.trusted", "llmtimeline.schema", "llmtimeline.status", "llmtimeline.table", "llmtimeline.dates",
          "llmtimeline.names", "llmtimeline.facts", "llmtimeline.expects", "llmtimeline.deadlines",
          "llmtimeline.validation", "llmtimeline.typed", "llmtimeline.collector")
FACADE_AND_VIEWS = ("llmtimeline.timeline", "llmtimeline.views", "llmtimeline.cli")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("llmtimeline", *path.relative_to(PACKAGE).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


@functools.cache  # each module is parsed and walked once, for every walk of the graph and every kind of import
def _found_imports(name: str) -> tuple[tuple[str, bool, bool], ...]:
    """Every llmtimeline module ``name`` imports, with whether the import is under TYPE_CHECKING and whether
    it is inside a function body."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: list[tuple[str, bool, bool]] = []

    def visit(node: ast.AST, typing: bool, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.body:
                    visit_one(sub, True, in_function)
                for sub in child.orelse:
                    visit_one(sub, typing, in_function)
                continue
            visit_one(child, typing, in_function)

    def visit_one(child: ast.AST, typing: bool, in_function: bool) -> None:
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            visit(child, typing, True)
            return
        if isinstance(child, ast.Import):
            found.extend((a.name, typing, in_function) for a in child.names if a.name.startswith("llmtimeline"))
        elif isinstance(child, ast.ImportFrom):
            if child.level:
                base = package.split(".")[: len(package.split(".")) - child.level + 1]
                module = ".".join([*base, *([child.module] if child.module else [])])
            else:
                module = child.module or ""
            if module.startswith("llmtimeline"):
                submodules = {f"{module}.{a.name}" for a in child.names if f"{module}.{a.name}" in MODULES}
                # "from . import store" imports the store, not the package
                found.extend((m, typing, in_function) for m in sorted(submodules or {module}))
        visit(child, typing, in_function)

    visit(ast.parse(path.read_text(encoding="utf-8")), False, False)
    return tuple(found)


@functools.cache
def _imports(name: str, *, typing: bool = True, lazy: bool = True) -> frozenset[str]:
    """The llmtimeline modules ``name`` imports: with ``typing``, those under TYPE_CHECKING too; with
    ``lazy``, those inside function bodies too."""
    return frozenset(m for m, under_typing, in_function in _found_imports(name)
                     if (typing or not under_typing) and (lazy or not in_function) and m in MODULES and m != name)


def _inside(name: str, roots: tuple[str, ...]) -> bool:
    return any(name == r or name.startswith(r + ".") for r in roots)


ENGINE_MODULES = sorted(m for m in MODULES if _inside(m, ENGINE))


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_the_engine_never_imports_the_facade_or_a_view_at_any_depth(module):
    seen, todo, path = {module}, [module], {module: (module,)}
    while todo:
        current = todo.pop()
        for imported in _imports(current):
            assert not _inside(imported, FACADE_AND_VIEWS), " -> ".join((*path[current], imported))
            if imported not in seen:
                seen.add(imported)
                path[imported] = (*path[current], imported)
                todo.append(imported)


def test_the_layer_test_sees_imports_inside_functions():
    # the facade imports views inside its methods only: the walk must see them, or the test above proves nothing
    assert "llmtimeline.views.plot" in _imports("llmtimeline.timeline")
    assert "llmtimeline.views.plot" not in _imports("llmtimeline.timeline", lazy=False)
    assert "llmtimeline.check.engine" in _imports("llmtimeline.check.history")


#: Loops known and allowed: none (the store's two, through the careful CSV reader and the Parquet
#: reader, are gone).  Any loop fails.
KNOWN_LOOPS: list[list[str]] = []


def test_no_import_loop_but_the_facades_lazy_imports_of_views():
    graph = {m: _imports(m, typing=False) for m in MODULES}
    for facade in ("llmtimeline", "llmtimeline.timeline"):  # their methods may import a view on first use
        graph[facade] = _imports(facade, typing=False, lazy=False) | {
            m for m in _imports(facade, typing=False) if not _inside(m, ("llmtimeline.views",))}
    # a package's __init__ importing its own submodules is no loop: drop child -> ancestor edges
    for m, targets in graph.items():
        graph[m] = {t for t in targets if not m.startswith(t + ".")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def connect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                loops.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    assert sorted(loops) == KNOWN_LOOPS
