"""Import structure: no import cycle among the package's modules (imports inside functions
included), and the runtime modules load nothing of evaluation or training. The layer contracts
themselves are checked by ``lint-imports`` (``make lint``, config in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

REPO_ROOT = Path(__file__).resolve().parents[1]


def import_graph() -> dict[str, set[str]]:
    """Each module of ``analysis`` with the modules of ``analysis`` it imports (at module level
    or inside a function)."""
    graph = grimp.build_graph("analysis", cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` (Tarjan's algorithm): groups of modules
    that all reach each other through imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_strongly_connected_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert sorted(c for c in strongly_connected(graph) if len(c) > 1) == [["a", "b", "c"]]


def cycles_in(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of two or more modules that import each other, directly or not."""
    return [c for c in strongly_connected(graph) if len(c) > 1]


def test_no_import_cycle():
    cycles = cycles_in(import_graph())
    assert not cycles, f"import cycles: {cycles}"


#: the run-time modules (the first import contract of pyproject.toml)
RUNTIME_MODULES = ("corpus", "text", "quotes", "sentiment", "framing", "features", "plots", "report",
                   "schema", "config", "_compat")


def test_runtime_imports_load_no_evaluation_or_training():
    modules = ", ".join(f"analysis.{m}" for m in RUNTIME_MODULES)
    code = (f"import sys, {modules}; "
            "print('\\n'.join(m for m in sys.modules if m.startswith("
            "('analysis.evaluation', 'analysis.training'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
