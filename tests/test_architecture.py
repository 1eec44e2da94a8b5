"""The layout keeps its promises: imports run down the pipeline, raw XML stays in conceptgen/ooxml/, no
import cycles, and no module grows past ~400 lines without saying why (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "conceptgen"
SHARED = {
    "conceptgen",
    "diagnostics",
    "characters",
    "images",
    "paths",
    "markup",
    "terms",
    "colours",
    "doubled_words",
    "language",
    "cache",
}
# what each part of the package may import besides the shared modules and itself
ALLOWED = {
    "loading": set(),
    "model": {"loading"},
    "workspace": {"loading", "model", "ooxml"},
    "outline": {"loading", "model", "workspace"},
    "rules": {"loading", "model", "workspace", "outline", "design"},
    "data": {"loading", "model"},
    "document": {"loading", "model", "data", "outline"},
    "ooxml": set(),
    "render": {"model", "data", "document", "ooxml", "workspace", "outline"},
    "write": set(),
    "pipeline": {"loading", "model", "rules", "workspace", "outline", "data", "document", "render", "write"},
    "scaffold": {"loading", "model", "outline"},
    "cli": {
        "pipeline",
        "model",
        "loading",
        "scaffold",
        "design",
        "workspace",
        "exchange",
        "write",
        "preview",
        "render",
    },
    "exchange": {"loading", "model", "ooxml", "data"},
    "preview": {"pipeline", "render", "model"},
    "design": {"ooxml", "model", "loading", "workspace", "data"},
    "__main__": {"cli"},
}
RAW_XML = {"lxml", "docx.oxml", "pptx.oxml"}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for stmt in node.body for child in ast.walk(stmt)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def part(module: str) -> str:
    """``conceptgen.render.docx`` → ``render``; ``conceptgen.diagnostics`` → ``diagnostics``."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else pieces[0]


def test_imports_run_down_the_pipeline():
    known = modules()
    wrong = []
    for name, path in known.items():
        own = part(name)
        allowed = ALLOWED.get(own, set()) | SHARED | {own}
        for target, line in imports(path):
            if not target.startswith("conceptgen") or target not in known:
                continue
            if part(target) not in allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_raw_xml_only_in_the_ooxml_package():
    wrong = []
    for name, path in modules().items():
        if part(name) == "ooxml":
            continue
        for target, line in imports(path):
            if any(target == raw or target.startswith(raw + ".") for raw in RAW_XML):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_no_import_cycles():
    known = modules()
    graph = {
        name: {t for t, _ in imports(path) if t in known and t != name and not name.startswith(t + ".")}
        for name, path in known.items()
    }
    # a package's __init__ importing its own submodules is not a cycle
    graph = {n: {t for t in targets if not t.startswith(n + ".")} for n, targets in graph.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" → ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target, [*stack, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_modules_stay_small_or_say_why():
    long = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES and "Longer than" not in text[:2000]:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert long == []
