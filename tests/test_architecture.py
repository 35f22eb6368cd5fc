"""No import cycles among the project's modules (pos, db, printing, ui).

The import graph is grimp's (the library import-linter is built on): every import statement
counts, lazy ones inside functions and those under `if TYPE_CHECKING:` included; a cycle through
an annotation is still two modules that cannot be understood, or moved, one without the other.
A cycle is a strongly connected component of more than one module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import grimp
import pytest

PACKAGES = ("pos", "db", "printing", "ui", "web")

# Cycles allowed while they are taken apart (issue 12): none are left. The list only shrinks: a
# cycle not on it fails, and so does one on it that is gone or has changed (update it then).
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()
# Imports under `if TYPE_CHECKING:` count (see the module's docstring); False would drop them.
COUNT_TYPE_CHECKING_IMPORTS = True


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(
        *PACKAGES, exclude_type_checking_imports=not COUNT_TYPE_CHECKING_IMPORTS, cache_dir=None
    )


def import_cycles(graph: grimp.ImportGraph) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def imported(module: str) -> Iterator[str]:
        yield from sorted(graph.find_modules_directly_imported_by(module))

    for root in sorted(graph.modules):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, imported(root))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, imported(child)))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def a_loop(graph: grimp.ImportGraph, cycle: frozenset[str]) -> list[str]:
    """One shortest way round the cycle from its first module, back to it."""
    start = min(cycle)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for child in sorted(graph.find_modules_directly_imported_by(module) & cycle):
            if child == start:
                path = [module]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if child not in came_from:
                came_from[child] = module
                queue.append(child)
    raise AssertionError(f"{sorted(cycle)} is not a cycle")


def source_file(graph: grimp.ImportGraph, module: str) -> str:
    path = module.replace(".", "/")
    return f"{path}/__init__.py" if graph.find_children(module) else f"{path}.py"


def describe(graph: grimp.ImportGraph, cycle: frozenset[str]) -> str:
    """The cycle's modules, a way round it, and every import between its modules (file:line)."""
    edges = []
    for importer in sorted(cycle):
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & cycle):
            details = graph.get_import_details(importer=importer, imported=imported)
            lines = ",".join(str(d["line_number"]) for d in details) or "?"
            edges.append(f"      {source_file(graph, importer)}:{lines} imports {imported}")
    return (
        f"  {', '.join(sorted(cycle))}\n"
        f"    round: {' -> '.join(a_loop(graph, cycle))}\n"
        f"    the imports inside it:\n" + "\n".join(edges)
    )


def test_the_finder_sees_a_cycle() -> None:
    """Guards the test below: a small graph with one circle and one chain."""
    graph = grimp.ImportGraph()
    for importer, imported in [("a.x", "a.y"), ("a.y", "a.z"), ("a.z", "a.x"), ("a.z", "a.w")]:
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph) == [frozenset({"a.x", "a.y", "a.z"})]
    assert a_loop(graph, frozenset({"a.x", "a.y", "a.z"})) == ["a.x", "a.y", "a.z", "a.x"]


def test_no_import_cycles_beyond_the_known_ones(graph: grimp.ImportGraph) -> None:
    cycles = import_cycles(graph)
    new = [c for c in cycles if c not in KNOWN_CYCLES]
    gone = [c for c in KNOWN_CYCLES if c not in cycles]
    problems = []
    if new:
        problems.append(
            "Import cycles (modules that import each other, directly or round a loop):\n"
            + "\n".join(describe(graph, c) for c in new)
        )
    if gone:
        problems.append(
            "Known cycles that are gone or changed; take them off KNOWN_CYCLES:\n"
            + "\n".join(f"  {', '.join(sorted(c))}" for c in gone)
        )
    assert not problems, "\n\n".join(problems)
