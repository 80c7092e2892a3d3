"""The layout shows the architecture: layers import only those below them, and nothing goes round.

Every module of ``generator`` belongs to one layer, named by its subpackage (docs/architecture.md
draws them). Imports are read from the source with ``ast``, every one of them: at the top of a
module, inside a function (a lazy import is still a dependency) and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

#: The layers, lowest first. A module may import modules of its own layer and of lower ones.
LAYERS = (
    "support", "model", "checks", "formats", "pipeline", "edgar", "book", "batch", "session",
    "commands", "cli",
)  # fmt: skip
#: Modules at the top of the package, outside the subpackages, and the layer each belongs to.
TOP = {"generator": "support", "generator.__main__": "cli", "generator.cli": "cli"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _layer(module: str) -> str:
    if module in TOP:
        return TOP[module]
    return module.split(".")[1]


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``generator`` that ``module`` imports anywhere in its source."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # "from generator.model import codes" names the module generator.model.codes;
            # "from generator.model.codes import FormType" names generator.model.codes.
            names = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in known else origin
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("generator"):
                found.add(name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    # A package's __init__ is imported on the way to any of its modules; it is not a dependency
    # of its own modules' importers beyond that, so packages with an empty __init__ are left out.
    return {
        name: {d for d in deps if modules[d].read_text(encoding="utf-8").strip() or d == name}
        for name, deps in graph.items()
    }


def test_every_module_is_in_a_layer() -> None:
    strays = [m for m in _modules() if m not in TOP and _layer(m) not in LAYERS]
    assert not strays, f"modules outside the layers of docs/architecture.md: {strays}"


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{module} ({_layer(module)}) imports {dep} ({_layer(dep)})"
        for module, deps in sorted(_graph().items())
        for dep in sorted(deps)
        if LAYERS.index(_layer(dep)) > LAYERS.index(_layer(module))
    ]
    assert not upward, "upward imports:\n" + "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle() -> None:
    circles = _cycles(_graph())
    assert not circles, "import circles: " + "; ".join(" ⇄ ".join(c) for c in circles)


def test_the_cycle_finder_finds_a_circle() -> None:
    """The check above can fail: a planted circle is found, a chain is not."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_layer_figures() -> None:
    """The figures docs/architecture.md gives: how many modules, in how many layers."""
    modules = _modules()
    used = {_layer(m) for m in modules}
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert f"{len(modules)} modules" in text, f"docs/architecture.md: say {len(modules)} modules"
    assert f"{len(used)} layers" in text, f"docs/architecture.md: say {len(used)} layers"
