"""The package's layout: no import cycles (lazy imports inside functions count too), types
that import only types, and the run machinery private."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factbase"

# The types: plain data that the pipeline's stages pass on. They import nothing else of
# factbase.
TYPES = {
    "factbase.location", "factbase.values", "factbase.problems", "factbase.model",
    "factbase.factset", "factbase.model_errors", "factbase.mentions.types", "factbase.verify.types", "factbase.results",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str) -> set[str]:
    """The factbase modules that ``name`` imports when it runs (at import time or inside its
    functions), leaving out imports under ``if TYPE_CHECKING``."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("factbase"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("factbase"):
                submodules = {f"{target}.{a.name}" for a in node.names} & set(MODULES)
                # `from . import x` of a submodule imports x; the package is already there.
                if not (node.module is None and submodules):
                    found.add(target)
                found.update(submodules)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name) for name in MODULES}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    done: set[str] = set()
    cycles: list[list[str]] = []

    def walk(name: str, path: list[str]) -> None:
        if name in path:
            cycles.append([*path[path.index(name):], name])
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            walk(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    return cycles


def test_no_import_cycles() -> None:
    assert find_cycles(GRAPH) == []


def test_the_checks_can_fail() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    # An import inside a function is an edge: drafting imports the run only when it checks.
    assert "factbase.verify.run" in GRAPH["factbase.drafts"]
    # An import for the type checker only is not.
    assert "factbase.factset" not in GRAPH["factbase.results"]


def test_types_import_only_types() -> None:
    assert set(MODULES) >= TYPES
    wrong = {name: sorted(GRAPH[name] - TYPES) for name in TYPES if GRAPH[name] - TYPES}
    assert wrong == {}


def test_extractors_do_not_import_the_dispatcher() -> None:
    extractors = [m for m in MODULES if m.startswith("factbase.mentions.") and m not in
                  {"factbase.mentions.find", "factbase.mentions.types"}]
    assert extractors
    assert {m for m in extractors if "factbase.mentions.find" in GRAPH[m]} == set()
    assert {"factbase.mentions.dates", "factbase.mentions.money", "factbase.mentions.names",
            "factbase.mentions.quantities"} <= GRAPH["factbase.mentions.find"]


def test_run_machinery_is_private_and_the_cli_thin() -> None:
    assert {m for m in MODULES if m.startswith("factbase._run.")} == {
        "factbase._run.cache", "factbase._run.codec", "factbase._run.executor", "factbase._run.reuse",
        "factbase._run.snapshot"}
    # The docs generator is not part of the package (its edits must not change cache keys).
    assert "factbase.docgen" not in MODULES
    # No module of the library prints or exits.
    for name, path in MODULES.items():
        if name in {"factbase.cli", "factbase.serve"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])print\(|sys\.exit\(", text), name
