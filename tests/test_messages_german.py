"""Every text that flows into a message or hint a consultant reads is German (issue 25 item 17).

The test reads the source (AST) of the modules in GERMAN_MODULES and collects each string literal and
f-string that reaches a *sink*: the constructor ``Diagnostic``/``diagnostic``, the CLI's ``echo``/``_say``,
a ``raise`` of an exception with a message (pydantic's ``PydanticCustomError``, ``ValueError`` …), any
``hint=``/``message=``/``reason=`` argument — and every helper of the package that passes one of its
parameters on to a sink (``problem``, ``_bad``, ``_at`` …, found by following the code, not by a list).
From a sink's argument it follows local and module-level variables (``hint = f"…"``) and the return
values of functions of the listed modules (``image_problem``). A text fails when it holds an English stop
word outside „German quotes“ and `backticks` (which name IDs, YAML keys and values), paths and options.

Runtime checks of the same rule, on projects that trigger the codes: tests/rules/test_german_messages.py.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Files or folders (relative to the repository) whose messages are German: the whole package
# (test_every_module_is_scanned), the files still being translated in NOT_YET.
GERMAN_MODULES = [
    "conceptgen/diagnostics.py",
    "conceptgen/cli.py",
    "conceptgen/paths.py",
    "conceptgen/workspace.py",
    "conceptgen/write.py",
    "conceptgen/pipeline.py",
    "conceptgen/images.py",
    "conceptgen/characters.py",
    "conceptgen/loading",
    "conceptgen/model/base.py",
    "conceptgen/model/charts.py",
    "conceptgen/model/citations.py",
    "conceptgen/model/content.py",
    "conceptgen/model/data.py",
    "conceptgen/model/monitoring.py",
    "conceptgen/model/outline.py",
    "conceptgen/model/project.py",
    "conceptgen/model/reference.py",
    "conceptgen/model/review.py",
    "conceptgen/model/schemas.py",
    "conceptgen/model/social.py",
    "conceptgen/model/survey.py",
    "conceptgen/model/template.py",
    "conceptgen/model/validate.py",
    "conceptgen/rules/citations.py",
    "conceptgen/rules/completeness.py",
    "conceptgen/rules/documents.py",
    "conceptgen/rules/labels.py",
    "conceptgen/rules/plain_language.py",
    "conceptgen/rules/references.py",
    "conceptgen/rules/schedule.py",
    "conceptgen/rules/statements.py",
    "conceptgen/rules/templates.py",
    "conceptgen/rules/texts.py",
    "conceptgen/rules/vocabulary.py",
    "conceptgen/outline",
    "conceptgen/render",
    "conceptgen/terms",
    "conceptgen/language.py",
    "conceptgen/template_design.py",
    "conceptgen/ooxml",
    "conceptgen/data",
    "conceptgen/exchange",
    "conceptgen/design",
    "conceptgen/scaffold",
    "conceptgen/preview",
    "conceptgen/review",
    "conceptgen/document",
    "conceptgen/blocks",
    "conceptgen/rules/concept_types.py",
    "conceptgen/model/financing.py",
    "conceptgen/model/concept_types.py",
    "conceptgen/model/frameworks.py",
    "conceptgen/model/treaties.py",
    "conceptgen/model/__init__.py",
    "conceptgen/rules/__init__.py",
    "conceptgen/checked.py",
    "conceptgen/__init__.py",
    "conceptgen/__main__.py",
    "conceptgen/cache.py",
    "conceptgen/colours.py",
    "conceptgen/doubled_words.py",
    "conceptgen/markup.py",
]

# Files of GERMAN_MODULES still being translated: their test is expected to fail (strict: once a file is
# German, it must leave this set). Empty when issue 25 item 17 is done.
NOT_YET: set[str] = set()

# English words that German messages do not contain (whole words, case-insensitive; acronyms such as
# „IT“ are skipped). German homographs („an“, „in“, „was“, „also“, „will“, „so“) are left out.
STOP_WORDS = frozenset(
    """the of is are be been not no none must missing unknown should found cannot can could has have had
    does did do you your mean and or nor neither either with without which who this that these those
    there here to for from by on at into only than then its it use uses used needs need wrong invalid
    allowed expected known when where wrote failed empty too more less between after before other same
    each every any but if would may instead internal bug rerun leave error errors warning warnings given
    give add lies see""".split()  # noqa: SIM905 (a list literal of 100 words reads worse)
)

# English nouns, verbs and adjectives of the messages, matched only in lower case (German nouns are
# capitalised: „Text“, „Block“) and only where they are no key of the project's YAML (`text:`, `file:`).
ENGLISH_LOWER = frozenset(
    """duplicate recursive character characters supported unsupported twice defined declared outside
    inside written replaced nested deeply large broken write read remove delete install installed opened
    unreadable readable contains belongs image images picture pictures folder document documents
    template templates file files label labels key keys column columns row rows line lines page pages
    number numbers text texts value values chapter chapters section sections source sources measure
    measures goal goals indicator indicators table tables chart charts block blocks area areas term terms
    heading headings citation word words name names parameter parameters question questions answer
    answers variable variables tag tags filter filters attribute syntax path paths""".split()  # noqa: SIM905
)


@functools.cache
def _yaml_keys() -> frozenset[str]:
    """Every key of the project format (a message may name one bare: „(lead)“)."""
    from conceptgen.model import Concept

    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update(k for k in node.get("properties", {}) if isinstance(k, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Concept.model_json_schema())
    return frozenset(keys)


# Calls whose every argument is shown to the user.
SINKS = {"Diagnostic", "diagnostic", "echo", "_say", "DiagnosticError"}
# Keyword arguments that carry a message, whatever the call.
MESSAGE_KEYWORDS = {"hint", "message", "reason"}
# Exceptions whose message is a bug report for developers, not a message for the consultant.
# (EditError: exchange/yaml_edit.py's own check that an edit gave the intended data, a bug when it fails;
# RegistryError: a block or survey format registered wrongly, found when conceptgen starts; AttributeError:
# a module's __getattr__, Python's own wording.)
BUG_EXCEPTIONS = {
    "AssertionError",
    "NotImplementedError",
    "KeyError",
    "TypeError",
    "StopIteration",
    "EditError",
    "RegistryError",
    "AttributeError",
}
# A key of the terms built by an f-string („trend.{}“, „social.not_rated_{}“): not shown as it is written.
TERM_KEY = re.compile(r"[a-z_]+(\.[a-z_{}]+)+")
# Functions whose text is the reference documentation (docs/blocks.md, English like all of docs/), printed
# by `conceptgen blocks --markdown` to be written there: not a message.
DOCUMENTATION = {"describe_catalogue"}
# Functions whose text is a document's own words in the document's language (a noun's English form „the
# measure“ for an English concept, as `conceptgen terms --locale en` lists them): not a message.
DOCUMENTATION |= {"form", "_english"}
# Calls whose string arguments are matched against, not shown (keys, patterns, separators).
NOT_SHOWN = {
    "get", "startswith", "endswith", "split", "rsplit", "partition", "rpartition", "strip", "rstrip",
    "lstrip", "sub", "search", "match", "fullmatch", "compile", "findall", "finditer", "locate", "getattr",
    "setdefault", "pop", "index", "count", "Path", "open", "read_text", "write_text", "joinpath", "agg",
    "did_you_mean",  # its words are candidates; what it returns is German (diagnostics.py)
}  # fmt: skip
# (path: a key path, shown by format_path as keys, never as words)
NOT_SHOWN_KEYWORDS = {"key_path", "code", "encoding", "kind", "level", "file", "err", "nl", "path"}


def _modules() -> list[Path]:
    files = []
    for entry in GERMAN_MODULES:
        path = ROOT / entry
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def english(text: str) -> list[str]:
    """The English stop words of ``text``, outside „…“, `…`, paths, options and file names."""
    text = re.sub(r"„[^“]*“", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\[\[[^\]]*\]\]", " ", text)  # [[table:…]], [[block:…]]: markup the user writes
    text = re.sub(r"\b(?:pip|git|apt-get|conceptgen) [a-z-]+", " ", text)  # a command to type
    text = re.sub(r"\((?:[a-z_]+, )+[a-z_]+\)", " ", text)  # a list of YAML values: (single, number, text)
    text = re.sub(r"\S*/\S*", " ", text)  # paths and URLs
    text = re.sub(r"(?<!\w)--?[A-Za-z][\w-]*", " ", text)  # --options
    text = re.sub(r"\w*_\w*", " ", text)  # snake_case keys and error types (series_by, date_invalid)
    text = re.sub(r"\b[a-z]+(\.[a-z]+)+\b", " ", text)  # the terms' keys (compare.with, monitoring.before)
    text = re.sub(r"\b[\w-]+\.(ya?ml|md|docx|dotx|pdf|xlsx|csv|json|py|lss|sav|geojson|png|svg)\b", " ", text)
    found = ["'…'"] if re.search(r"'\{\}'", text) else []  # an ID in English quotes, not „…“
    prose = " " in text.strip()  # a single word („table“, „heading“) is a name in the code, not prose
    for word in re.findall(r"[A-Za-zÄÖÜäöüß]+", text):
        function_word = word.lower() in STOP_WORDS and not (word.isupper() and len(word) > 1)
        if function_word or (prose and word in ENGLISH_LOWER and word not in _yaml_keys()):
            found.append(word)
    return found


class _Module:
    """One parsed module: its functions, assignments and the parents of its nodes."""

    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.parent: dict[ast.AST, ast.AST] = {}
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        # names imported from the package: ``from conceptgen.images import image_problem``
        self.imports = {
            alias.asname or alias.name: node.module
            for node in ast.walk(self.tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("conceptgen")
            for alias in node.names
        }
        parts = path.resolve().relative_to(ROOT).with_suffix("").parts if path.is_relative_to(ROOT) else ()
        self.dotted = ".".join(parts[:-1] if parts[-1:] == ("__init__",) else parts)

    def scope(self, node: ast.AST) -> ast.AST:
        """The function around ``node``, else the module."""
        while node in self.parent:
            node = self.parent[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return node
        return self.tree

    def assignments(self, name: str, scope: ast.AST) -> list[ast.expr]:
        """The values assigned to ``name`` in ``scope`` (without nested functions' bodies)."""
        values = []
        for node in _own_nodes(scope):
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value is not None:
                targets = [node.target]
            else:
                continue
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                values.append(node.value)
        return values


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of ``scope`` outside the functions and classes defined in it (a module's own
    statements, or a function's without its inner functions'): a name assigned in one function says
    nothing of the same name in another."""
    found, todo = [], list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return found


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


class _Scanner:
    """Collects the texts that reach a sink in the listed modules: (file, line, text)."""

    def __init__(self, paths: list[Path]):
        self.modules = [_Module(p) for p in paths]
        self.functions = {n: (m, f) for m in self.modules for n, fs in m.functions.items() for f in fs}
        self.by_dotted = {m.dotted: m for m in self.modules}
        self.sinks: dict[str, set[int]] = {}  # helper name → positions of its parameters shown
        self.found: set[tuple[str, int, str]] = set()
        self._seen: set[int] = set()
        self._helpers()

    def _helpers(self) -> None:
        """Functions that hand a parameter on to a sink become sinks themselves (to a fixpoint)."""
        changed = True
        while changed:
            changed = False
            for module in self.modules:
                for name, defs in module.functions.items():
                    for fn in defs:
                        params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
                        shown = {
                            i for i, p in enumerate(params) if p != "self" and self._reaches(module, fn, p)
                        }
                        shown -= {i for i, p in enumerate(params) if p in NOT_SHOWN_KEYWORDS}
                        offset = 1 if params[:1] == ["self"] else 0
                        shown = {i - offset for i in shown}
                        if shown - self.sinks.get(name, set()):
                            self.sinks.setdefault(name, set()).update(shown)
                            changed = True

    def _reaches(self, module: _Module, fn: ast.AST, param: str) -> bool:
        for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
            for arg in self._shown_args(module, call):
                if any(isinstance(n, ast.Name) and n.id == param for n in ast.walk(arg)):
                    return True
        return False

    def _shown_args(self, module: _Module, call: ast.Call) -> list[ast.expr]:
        name = _callee(call)
        args: list[ast.expr] = [k.value for k in call.keywords if k.arg in MESSAGE_KEYWORDS]
        if name in SINKS:
            args += list(call.args) + [k.value for k in call.keywords if k.arg not in NOT_SHOWN_KEYWORDS]
        elif name in self.sinks and name not in NOT_SHOWN:  # a helper, not dict.get of the same name
            args += [a for i, a in enumerate(call.args) if i in self.sinks[name]]
        raised = module.parent.get(call)
        if isinstance(raised, ast.Raise) and raised.exc is call and name not in BUG_EXCEPTIONS:
            args += list(call.args)
        return args

    def _hidden_positions(self, name: str, call: ast.Call) -> set[int]:
        """Positions of a listed function's parameters that never carry words (``path``, ``code`` …)."""
        if name not in self.functions:
            return set()
        params = [
            a.arg for a in (*self.functions[name][1].args.posonlyargs, *self.functions[name][1].args.args)
        ]
        offset = 1 if params[:1] == ["self"] and isinstance(call.func, ast.Attribute) else 0
        return {i - offset for i, p in enumerate(params) if p in NOT_SHOWN_KEYWORDS}

    def scan(self) -> set[tuple[str, int, str]]:
        for module in self.modules:
            for call in (n for n in ast.walk(module.tree) if isinstance(n, ast.Call)):
                for arg in self._shown_args(module, call):
                    self._texts(module, arg, module.scope(call), depth=0)
        return self.found

    def _texts(self, module: _Module, node: ast.AST, scope: ast.AST, depth: int) -> None:
        """Record the texts ``node`` can evaluate to, following names and local calls."""
        if depth > 6 or id(node) in self._seen:
            return
        self._seen.add(id(node))
        where = _shown(module.path)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.found.add((where, node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
            if TERM_KEY.fullmatch("".join(str(p) for p in parts)):
                return  # a key of the terms (f"trend.{trend(a, b)}"): what fills it is a key too
            self.found.add((where, node.lineno, "".join(str(p) for p in parts)))
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    self._texts(module, value.value, scope, depth + 1)
        elif isinstance(node, ast.Compare) or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
            return  # a comparison, or a path joined with /
        elif isinstance(node, ast.Subscript):  # HINTS[kind]: the texts of HINTS
            self._texts(module, node.value, scope, depth + 1)
        elif isinstance(node, ast.Dict):
            for value in node.values:
                self._texts(module, value, scope, depth + 1)
        elif isinstance(node, ast.Name):
            values = module.assignments(node.id, scope) or module.assignments(node.id, module.tree)
            for value in values:
                self._texts(module, value, module.scope(value), depth + 1)
        elif isinstance(node, ast.Call):
            self._call(module, node, scope, depth)
        elif isinstance(node, ast.expr):
            for child in ast.iter_child_nodes(node):
                if not isinstance(child, ast.Compare):
                    self._texts(module, child, scope, depth + 1)

    def _call(self, module: _Module, node: ast.Call, scope: ast.AST, depth: int) -> None:
        name = _callee(node)
        if name in DOCUMENTATION:
            return
        if name in NOT_SHOWN:
            if isinstance(node.func, ast.Attribute):
                self._texts(module, node.func.value, scope, depth + 1)
            return
        if isinstance(node.func, ast.Attribute):
            self._texts(module, node.func.value, scope, depth + 1)
        hidden = self._hidden_positions(name, node)
        args = [a for i, a in enumerate(node.args) if i not in hidden]
        for arg in (*args, *(k.value for k in node.keywords if k.arg not in NOT_SHOWN_KEYWORDS)):
            self._texts(module, arg, scope, depth + 1)
        target = self._resolve(module, node)
        if target is not None:  # a function of a listed module: what it returns is shown too
            owner, fn = target
            for ret in (n for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None):
                self._texts(owner, ret.value, fn, depth + 1)

    def _resolve(self, module: _Module, node: ast.Call) -> tuple[_Module, ast.AST] | None:
        """The function a call runs, when it is one of the listed modules': defined in ``module`` (also
        a method called on self), or imported from a listed module by name; else None (a method of
        another object, a function of a module not listed, a name two modules share)."""
        func = node.func
        if isinstance(func, ast.Attribute):
            local = isinstance(func.value, ast.Name) and func.value.id in ("self", "cls")
            defs = module.functions.get(func.attr, []) if local else []
            return (module, defs[0]) if defs else None
        if not isinstance(func, ast.Name):
            return None
        if func.id in module.functions:
            return module, module.functions[func.id][0]
        owner = self.by_dotted.get(module.imports.get(func.id, ""))
        if owner is not None and func.id in owner.functions:
            return owner, owner.functions[func.id][0]
        return None


@functools.cache
def _findings() -> dict[str, list[tuple[int, str, list[str]]]]:
    by_file: dict[str, list[tuple[int, str, list[str]]]] = {}
    for where, line, text in sorted(_Scanner(_modules()).scan()):
        words = english(text)
        if words:
            by_file.setdefault(where, []).append((line, text, words))
    return by_file


def _params() -> list:
    names = [str(p.relative_to(ROOT)) for p in _modules()]
    todo = pytest.mark.xfail(strict=True, reason="still English (NOT_YET)")
    return [pytest.param(n, marks=todo) if n in NOT_YET else n for n in names]


def test_every_module_is_scanned():
    """GERMAN_MODULES is the whole package: a module added to conceptgen/ is added here too."""
    listed = {p.resolve() for p in _modules()}
    missing = [p for p in sorted((ROOT / "conceptgen").rglob("*.py")) if p.resolve() not in listed]
    assert missing == [], [_shown(p) for p in missing]


@pytest.mark.parametrize("module", _params())
def test_messages_are_german(module):
    found = _findings().get(module, [])
    assert not found, "\n".join(f"{module}:{line}: {words} in {text!r}" for line, text, words in found)


def test_scanner_finds_english_messages(tmp_path):
    """The scanner can fail: it finds English in each way a message is built (so a pattern it missed
    would show here first)."""
    source = """
from conceptgen.diagnostics import diagnostic

HINTS = {"a": "see the docs"}

def _bad(message, where, hint=""):
    return diagnostic("CG103", message, where, hint=hint)

def reason(path):
    return f"{path} is not readable"

def check(name, where):
    hint = f"names are listed in {where}"
    yield diagnostic("CG104", f"unknown name „{name}“", where, hint=hint)
    yield _bad("value must be a number", where)
    yield diagnostic("CG108", reason(name), where, hint=HINTS["a"])
    yield diagnostic("CG105", "Wert „the“ zu groß", where, hint="in `lead: the`")
    raise ValueError("palette needs hex colours")
"""
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    texts = {t for _w, _l, t in _Scanner([path]).scan() if english(t)}
    assert texts == {
        "names are listed in {}",
        "unknown name „{}“",
        "value must be a number",
        "{} is not readable",
        "see the docs",
        "palette needs hex colours",
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ziel „Z1“ wird von keiner Maßnahme verfolgt", []),
        ("meinten Sie „the“?", []),
        ("erlaubt: `is`, `not`", []),
        ("siehe docs/the-checks.md oder --no-libreoffice", []),
        ("IT-Abteilung, an der Stelle, was fehlt", []),
        ("value is not one of the allowed values", ["is", "not", "of", "the", "allowed"]),
        ("The file", ["The"]),
    ],
)
def test_stop_words(text, words):
    assert english(text) == words
