"""A template's tags, checked before rendering: Jinja syntax (the front matter, headers, footers and each
block snippet on its own), filters, and every name and attribute a tag reads against the shape of the
data the document will have.

The shape comes from the real context of the document (built from the project), so ``project.untertitel``
or ``block.measure`` are found by ``check`` with a hint, not by a failing render. Names that loops and
``with`` bind follow the values they range over; where a list is empty its items are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from conceptgen.diagnostics import Diagnostic, Location, diagnostic, did_you_mean, relative
from conceptgen.markup import Markdown
from conceptgen.workspace import Template

FILTERS = frozenset({"number", "money", "spelled", "times", "in_table", "term"})
GLOBALS = frozenset({"range", "loop", "lipsum", "dict", "cycler", "joiner", "namespace", "super", "self"})
_DOCXTPL = re.compile(r"\{([{%])(?:p|tr|tc|r)\s")
_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_ANY = object()  # a value whose shape is not known (an empty list's item, a number …)


def check_template_tags(
    template: Template, context: Mapping[str, Any], blocks: Mapping[str, Mapping[str, Any]]
) -> list[Diagnostic]:
    """CG403 for syntax errors and unknown filters, CG402 for names and attributes the data lacks.

    ``context``: the document's context; ``blocks``: a block's data by block name (for its snippet)."""
    from jinja2 import Environment, TemplateSyntaxError

    env = Environment()
    found: list[Diagnostic] = []
    display = relative(template.docx)
    for part, block, texts in template.parts():
        where = f"snippet [[block:{block}]]" if block else part.removeprefix("word/")
        source = "\n".join(_DOCXTPL.sub(lambda m: "{" + m.group(1) + " ", t) for t in texts)
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            line = texts[exc.lineno - 1] if exc.lineno and exc.lineno <= len(texts) else ""
            found.append(
                diagnostic(
                    "CG403",
                    f"template syntax error in {where}: {exc.message}",
                    Location(display),
                    hint=f"near: {line.strip()[:120]}" if line.strip() else "",
                )
            )
            continue
        scope = {"body": _ANY, **context}  # {{p body }}: the place of the outline
        if block is not None:
            scope["block"] = blocks.get(block, _ANY)
        checker = _ShapeChecker(texts)
        checker.visit(tree, scope)
        for message, line, hint in checker.problems:
            code = "CG402"
            if "unknown filter" in message:
                code = "CG403"
            elif "private attribute" in message:
                code = "CG405"
            tag = _tag(texts, line, message)
            found.append(
                diagnostic(
                    code,
                    f"{where}: tag {tag} {message}" if tag else f"{where}: {message}",
                    Location(display),
                    hint=hint or "see docs/templates.md and docs/blocks.md for the data a template may use",
                )
            )
    return found


def _tag(texts: list[str], line: int, message: str) -> str:
    text = texts[line - 1] if 0 < line <= len(texts) else ""
    name = re.search(r"'([^']+)'", message)
    tags = _TAGS.findall(text)
    wanted = name.group(1).rsplit(".", 1)[-1] if name else ""
    return next((t for t in tags if wanted and wanted in t), tags[0] if tags else "")


class _ShapeChecker:
    """Walks a Jinja AST with the shapes of the values each name holds."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.problems: list[tuple[str, int, str]] = []  # message, line, hint
        self._seen: set[tuple[str, int]] = set()
        self.assumed: set[str] = set()  # paths tested with ``is defined`` around the current node

    def problem(self, message: str, line: int, hint: str = "") -> None:
        if (message, line) not in self._seen:
            self._seen.add((message, line))
            self.problems.append((message, line, hint))

    def visit(self, node: Any, scope: dict[str, Any]) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.For):
            items = self.shape(node.iter, scope)
            inner = dict(scope)
            self.bind(node.target, _item(items), inner)
            inner["loop"] = _ANY
            for child in (*node.body, *node.else_):
                self.visit(child, inner)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.shape(value, scope), inner)
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            return  # testing whether something exists is always allowed
        if isinstance(node, nodes.If):
            tests = [node.test, *node.test.find_all(nodes.Test)]
            tested = {_path(t.node) for t in tests if isinstance(t, nodes.Test) and t.name == "defined"}
            self.visit(node.test, scope)
            added = tested - self.assumed
            self.assumed |= added
            for child in node.body:
                self.visit(child, scope)
            self.assumed -= added
            for child in (*node.elif_, *node.else_):
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            self.bind(node.target, self.shape(node.node, scope), scope)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.shape(node, scope)
            return
        if isinstance(node, nodes.Filter) and node.name not in FILTERS | _builtin_filters():
            self.problem(
                f"uses unknown filter '{node.name}'",
                node.lineno,
                did_you_mean(node.name, [*FILTERS, *_builtin_filters()]),
            )
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def bind(self, target: Any, shape: Any, scope: dict[str, Any]) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, _ANY, scope)

    def shape(self, node: Any, scope: dict[str, Any]) -> Any:
        """The shape of the value ``node`` reads, reporting names and attributes that do not exist."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name not in GLOBALS:
                self.problem(
                    f"uses '{node.name}', which the project data does not provide",
                    node.lineno,
                    did_you_mean(node.name, [k for k in scope if not k.startswith("outline_")]),
                )
            return _ANY
        if isinstance(node, nodes.Getattr):
            base = self.shape(node.node, scope)
            if node.attr.startswith("_"):
                self.problem(
                    f"reaches for the private attribute '{node.attr}'",
                    node.lineno,
                    "templates may only read the documented data",
                )
                return _ANY
            return self.attribute(base, node.attr, node.lineno, _path(node))
        if isinstance(node, nodes.Getitem):
            base = self.shape(node.node, scope)
            self.visit(node.arg, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(base, node.arg.value, node.lineno, _path(node))
            return _item(base)
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            base = self.shape(node.node.node, scope)
            for child in (*node.args, *node.kwargs):
                self.visit(child, scope)
            if node.node.attr == "values" and isinstance(base, Mapping):
                return list(base.values())
            return _ANY
        self.visit(node, scope)
        return _ANY

    def attribute(self, base: Any, name: str, line: int, path: str) -> Any:
        if base is _ANY or base is None or path in self.assumed:
            return _ANY
        if isinstance(base, Mapping):
            if name in base:
                return base[name]
            if hasattr(dict, name):
                return _ANY
            self.problem(
                f"uses '{path}', which the project data does not provide",
                line,
                did_you_mean(name, [k for k in base if isinstance(k, str)])
                or f"known: {', '.join(sorted(k for k in base if isinstance(k, str))[:12])}",
            )
            return _ANY
        if isinstance(base, Markdown):
            if name not in ("text",):
                self.problem(f"uses '{path}', which a text does not have", line, "a text has .text")
            return _ANY
        return _ANY


def _item(shape: Any) -> Any:
    if isinstance(shape, list):
        return shape[0] if shape else _ANY
    return _ANY


def _path(node: Any) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg.value if isinstance(node.arg, nodes.Const) else "…"
        return f"{_path(node.node)}.{arg}"
    return "…"


def _builtin_filters() -> frozenset[str]:
    from jinja2.filters import FILTERS as BUILTIN

    return frozenset(BUILTIN)
