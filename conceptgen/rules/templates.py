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
from conceptgen.workspace import Template, jinja_message_de

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
        where = f"Snippet [[block:{block}]]" if block else part.removeprefix("word/")
        source = "\n".join(_DOCXTPL.sub(lambda m: "{" + m.group(1) + " ", t) for t in texts)
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            line = texts[exc.lineno - 1] if exc.lineno and exc.lineno <= len(texts) else ""
            found.append(
                diagnostic(
                    "CG403",
                    f"Syntaxfehler der Vorlage in {where}: {jinja_message_de(exc.message or '')}",
                    Location(display),
                    hint=f"in der Nähe von: `{line.strip()[:120]}`" if line.strip() else "",
                )
            )
            continue
        scope = {"body": _ANY, **context}  # {{p body }}: the place of the outline
        if block is not None:
            scope["block"] = blocks.get(block, _ANY)
        checker = _ShapeChecker(texts)
        checker.visit(tree, scope)
        for code, message, line, hint in checker.problems:
            tag = _tag(texts, line, message)
            found.append(
                diagnostic(
                    code,
                    f"{where}: Tag {tag} {message}" if tag else f"{where}: die Vorlage {message}",
                    Location(display),
                    hint=hint
                    or "welche Daten eine Vorlage verwenden darf: docs/templates.md, docs/blocks.md",
                )
            )
    return found


def _tag(texts: list[str], line: int, message: str) -> str:
    text = texts[line - 1] if 0 < line <= len(texts) else ""
    name = re.search(r"„([^“]+)“", message)
    tags = _TAGS.findall(text)
    wanted = name.group(1).rsplit(".", 1)[-1] if name else ""
    return next((t for t in tags if wanted and wanted in t), tags[0] if tags else "")


class _ShapeChecker:
    """Walks a Jinja AST with the shapes of the values each name holds."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.problems: list[tuple[str, str, int, str]] = []  # code, message, line, hint
        self._seen: set[tuple[str, int]] = set()
        self.assumed: set[str] = set()  # paths tested with ``is defined`` around the current node

    def problem(self, message: str, line: int, hint: str = "", code: str = "CG402") -> None:
        """Record ``message`` (CG402 unless ``code`` says otherwise) once per line."""
        if (message, line) not in self._seen:
            self._seen.add((message, line))
            self.problems.append((code, message, line, hint))

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
                f"verwendet den unbekannten Filter „{node.name}“",
                node.lineno,
                did_you_mean(node.name, [*FILTERS, *_builtin_filters()]),
                code="CG403",
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
                    f"verwendet „{node.name}“, was die Projektdaten nicht liefern",
                    node.lineno,
                    did_you_mean(node.name, [k for k in scope if not k.startswith("outline_")]),
                )
            return _ANY
        if isinstance(node, nodes.Getattr):
            base = self.shape(node.node, scope)
            if node.attr.startswith("_"):
                self.problem(
                    f"greift auf das private Attribut „{node.attr}“ zu",
                    node.lineno,
                    "Vorlagen dürfen nur die dokumentierten Daten lesen",
                    code="CG405",
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
                f"verwendet „{path}“, was die Projektdaten nicht liefern",
                line,
                did_you_mean(name, [k for k in base if isinstance(k, str)])
                or f"vorhanden: {', '.join(sorted(k for k in base if isinstance(k, str))[:12])}",
            )
            return _ANY
        if isinstance(base, Markdown):
            if name not in ("text",):
                self.problem(f"verwendet „{path}“, was ein Text nicht hat", line, "ein Text hat nur .text")
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
