"""The package's modules import each other in one direction: no import cycle, found by walking the source.

Every `import` and `from ... import` counts, wherever it is (inside a function, under TYPE_CHECKING),
because a cycle hidden in a function body is still a knot in the design. `from pkg import name` is an
edge to `pkg.name` when that is a module, else to `pkg`. A package's `__init__` is not implied by
importing one of its modules (that would make every package with submodules a cycle).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "costgate"

# `python -m costgate` runs the command line; nothing imports __main__, so it cannot close a cycle.
IGNORED_EDGES = {("costgate.__main__", "costgate.cli")}


def module_names(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package."""
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported_modules(module: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `module` imports anywhere in its source."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(_innermost(alias.name, known) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in known else _innermost(base, known))
    targets.discard(None)
    targets.discard(module)
    return {target for target in targets if (module, target) not in IGNORED_EDGES}


def _innermost(name: str, known: set[str]) -> str | None:
    """`costgate.a.b` -> the longest prefix that is one of the package's modules (None outside it)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def import_graph(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    names = module_names(package_dir)
    return {module: imported_modules(module, path, set(names)) for module, path in names.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path back to its start) per strongly connected component of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan; the package is far too small for the recursion limit
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_path_through(component, graph) for component in components]


def _path_through(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle from the component's first module back to itself, staying inside the component."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"{component} is not a cycle")


def test_the_walk_sees_function_level_and_type_checking_imports():
    graph = import_graph()
    # imported inside the command function
    assert "costgate.report.render" in graph["costgate.cli.breakdown"]
    # imported only under TYPE_CHECKING
    assert "costgate.estimate.pricer" in graph["costgate.cli.options"]
    # `from costgate.cli.options import ...`: the module, not the package
    assert "costgate.cli.options" in graph["costgate.cli.check"]
    assert graph["costgate.__main__"] == set()


def test_cycles_are_found_and_printed_as_a_path():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_relative_imports_resolve_against_the_package(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from . import top\n")
    (package / "top.py").write_text("def f():\n    from .sub.leaf import x\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "leaf.py").write_text("from .. import top\nfrom ..top import f\nimport os\nx = 1\n")
    assert import_graph(package) == {
        "pkg": {"pkg.top"},
        "pkg.top": {"pkg.sub.leaf"},
        "pkg.sub": set(),
        "pkg.sub.leaf": {"pkg.top"},
    }
    assert cycles(import_graph(package)) == [["pkg.sub.leaf", "pkg.top", "pkg.sub.leaf"]]


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    edges = sum(len(targets) for targets in graph.values())
    print(f"costgate import graph: {len(graph)} modules, {edges} edges")
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join("  " + " -> ".join(cycle) for cycle in found)


def stage_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between stages: costgate.plan.x -> "plan"; top-level modules (model, errors, ...) are "(shared)"."""

    def stage(module: str) -> str:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 and (PACKAGE_DIR / parts[1]).is_dir() else "(shared)"

    stages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        stages.setdefault(stage(module), set()).update(stage(t) for t in targets if stage(t) != stage(module))
    return stages


def test_the_stages_depend_on_each_other_in_one_direction():
    """A stage imports only stages before it in the data flow, never one after it (GUIDE.md); the CLI wires them."""
    stages = stage_graph(import_graph())
    found = cycles(stages)
    assert not found, "stage cycles:\n" + "\n".join("  " + " -> ".join(cycle) for cycle in found)
    assert "resources" not in stages["plan"] and "cli" not in set().union(
        *(stages[s] for s in stages if s != "(shared)")
    )


if __name__ == "__main__":  # python tests/test_import_cycles.py [PACKAGE_DIR]: count another checkout's edges
    graph = import_graph(Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE_DIR)
    print(f"{len(graph)} modules, {sum(len(t) for t in graph.values())} edges")
    for cycle in cycles(graph):
        print(" -> ".join(cycle))
