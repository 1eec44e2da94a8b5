"""Load YAML safely into plain data plus a map of source positions for every key path.

PyYAML's composer gives us the node tree with marks; we turn nodes into data ourselves so that we can
reject duplicate keys, bound alias expansion and keep every scalar as the text the user wrote (only
``null``/``~``/empty become ``None``). Type conversion (numbers, dates, booleans) is the schema's job:
a field typed as text therefore never receives YAML 1.1's ``no`` → ``False`` or ``2024-05-02`` → date,
and an ID like ``1.10`` stays ``"1.10"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conceptgen.characters import (
    SPACE_LIKE,
    control_characters,
    describe,
    has_control_characters,
    position,
    replace_space_like,
)
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic
from conceptgen.loading.yaml_errors import syntax_diagnostic

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
MAX_TEXT_CHARS = 4 * MAX_FILE_BYTES  # bounds the text an alias-expanded file may hold
MAX_DEPTH = 60

# libyaml's parser when PyYAML was built with it (5–10× faster); both give the same nodes and marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_TAB_INDENT = re.compile(r"^[ ]*\t")


@dataclass
class SourceMap:
    """Positions (1-based line, column) of values and keys, by key path within one file."""

    file: str
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    block_scalars: set[KeyPath] = field(default_factory=set)  # `|` and `>` values: text starts a line later
    quoted: set[KeyPath] = field(
        default_factory=set
    )  # values in quotes: text, even '3' (a number field refuses it)

    def locate(self, path: KeyPath, *, key: bool = False) -> Location:
        """Location of ``path`` (its key when ``key``); falls back to the nearest known ancestor."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                line, column = table[path]
                return Location(self.file, line, column)
            if not path:
                return Location(self.file, 1, 1)
            path = path[:-1]


@dataclass
class LoadedFile:
    """One YAML file: its data (dicts, lists, str, None) and where each piece came from."""

    path: Path
    data: Any
    source_map: SourceMap
    warnings: list[Diagnostic] = field(default_factory=list)


def read_text(path: Path, display: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file (BOM allowed). Raises DiagnosticError for anything else."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DiagnosticError(diagnostic("CG001", "Datei nicht gefunden", Location(display))) from None
    except IsADirectoryError:
        raise DiagnosticError(diagnostic("CG007", "ist ein Ordner, keine Datei", Location(display))) from None
    except OSError as exc:
        raise DiagnosticError(
            diagnostic("CG007", f"Datei nicht lesbar: {exc.strerror}", Location(display))
        ) from None
    if len(raw) > max_bytes:
        raise DiagnosticError(
            diagnostic(
                "CG007",
                f"Datei ist zu groß ({len(raw):_} Bytes, höchstens {max_bytes:_})".replace("_", "."),
                Location(display),
                hint="den Inhalt aufteilen oder Daten in eine Datenquelle auslagern",
            )
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DiagnosticError(
            diagnostic(
                "CG002",
                "Datei ist UTF-16, nicht UTF-8",
                Location(display, 1, 1),
                hint="als UTF-8 speichern (im Editor „Speichern unter“, Kodierung UTF-8 wählen)",
            )
        )
    if b"\x00" in raw:
        pos = raw.index(b"\x00")
        line, column = _byte_position(raw, pos)
        raise DiagnosticError(
            diagnostic(
                "CG002",
                "Datei ist binär (enthält NUL-Bytes), kein Text",
                Location(display, line, column),
                hint="ist das die richtige Datei?",
            )
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        bad = raw[exc.start : exc.start + 1].hex()
        raise DiagnosticError(
            diagnostic(
                "CG002",
                f"Datei ist kein gültiges UTF-8 (Byte 0x{bad})",
                Location(display, line, column),
                hint="als UTF-8 speichern; Umlaute in Windows-1252/Latin-1 verursachen das",
            )
        ) from None


def _byte_position(raw: bytes, pos: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, pos) + 1
    start = raw.rfind(b"\n", 0, pos) + 1
    column = len(raw[start:pos].decode("utf-8", errors="replace")) + 1
    return line, column


def load_yaml(path: Path, display: str) -> LoadedFile:
    """Load one YAML file. Raises DiagnosticError with every problem found in it."""
    text = read_text(path, display)
    tabs = [
        diagnostic(
            "CG004",
            "Tabulator in der Einrückung",
            Location(display, number, line.index("\t") + 1),
            hint="mit Leerzeichen einrücken (YAML erlaubt keine Tabulatoren)",
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if _TAB_INDENT.match(line)
    ]
    if tabs:
        raise DiagnosticError(tabs)
    controls = [
        diagnostic(
            "CG011",
            f"Steuerzeichen {describe(char)} in der Datei",
            Location(display, *position(text, offset)),
            hint="entfernen; YAML und Word-Dokumente können es nicht enthalten",
        )
        for offset, char in control_characters(text)
    ]
    if controls:
        raise DiagnosticError(controls[:20])
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except RecursionError:  # PyYAML's composer recurses per level
        raise DiagnosticError(_too_deep(display)) from None
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # libyaml's own limit (PyYAML ≥ 6.0.4)
            raise DiagnosticError(_too_deep(display)) from None
        raise DiagnosticError(syntax_diagnostic(exc, display, text)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        raise DiagnosticError(diagnostic("CG003", str(exc), Location(display))) from None
    source_map = SourceMap(display)
    if node is None:
        raise DiagnosticError(
            diagnostic(
                "CG006",
                "Datei ist leer",
                Location(display, 1, 1),
                hint="Inhalt ergänzen oder die Datei löschen",
            )
        )
    converter = _Converter(source_map)
    data = converter.convert(node, ())
    if converter.problems:
        raise DiagnosticError(converter.problems)
    return LoadedFile(path, data, source_map, converter.warnings)


def _too_deep(display: str) -> Diagnostic:
    return diagnostic(
        "CG008",
        f"Dokument ist zu tief verschachtelt (höchstens {MAX_DEPTH} Ebenen)",
        Location(display, 1, 1),
        hint="nach nicht geschlossenen Klammern oder verrutschter Einrückung suchen",
    )


class _Converter:
    """Turns composed nodes into plain data, recording positions and collecting problems."""

    def __init__(self, source_map: SourceMap):
        self.map = source_map
        self.problems: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.count = 0
        self.chars = 0  # text held so far, alias expansions counted each time

    def _clean(self, node: yaml.ScalarNode, path: KeyPath) -> str:
        """The scalar's text; control characters (from escapes like "\\x01") reported, form feeds and
        vertical tabs replaced by spaces."""
        value = node.value
        if not has_control_characters(value):
            return value
        for _offset, char in control_characters(value):
            if char in SPACE_LIKE:
                self.warnings.append(
                    diagnostic(
                        "CG012",
                        f"{describe(char)} durch ein Leerzeichen ersetzt",
                        self._loc(node),
                        key_path=format_path(path),
                    )
                )
            else:
                self.problems.append(
                    diagnostic(
                        "CG011",
                        f"Steuerzeichen {describe(char)} im Text",
                        self._loc(node),
                        key_path=format_path(path),
                        hint="die Escape-Sequenz entfernen; ein Word-Dokument kann es nicht enthalten",
                    )
                )
        return replace_space_like(value)

    def _loc(self, node: yaml.Node) -> Location:
        return Location(self.map.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> str | None:
        """A scalar's text (None for a plain null), its style noted, the text held so far bounded."""
        if not node.style and (node.tag == _NULL_TAG or node.value in _NULLS):  # plain: None or ""
            return None
        if node.style in ("|", ">"):
            self.map.block_scalars.add(path)
        elif node.style in ("'", '"'):
            self.map.quoted.add(path)
        self.chars += len(node.value)
        if self.chars > MAX_TEXT_CHARS:
            if self.chars - len(node.value) <= MAX_TEXT_CHARS:
                self.problems.append(
                    diagnostic(
                        "CG008",
                        "Dokument enthält zu viel Text (durch Aliase vervielfacht?)",
                        self._loc(node),
                        key_path=format_path(path),
                        hint=f"höchstens {MAX_TEXT_CHARS:_} Zeichen nach dem Auflösen der Aliase".replace(
                            "_", "."
                        ),
                    )
                )
            return None
        return self._clean(node, path)

    def convert(self, node: yaml.Node, path: KeyPath, active: frozenset[int] = frozenset()) -> Any:
        self.count += 1
        if self.count > MAX_NODES or len(path) > MAX_DEPTH:
            if self.count == MAX_NODES + 1 or len(path) == MAX_DEPTH + 1:
                self.problems.append(
                    diagnostic(
                        "CG008",
                        "Dokument ist zu groß oder zu tief verschachtelt (durch Aliase vervielfacht?)",
                        self._loc(node),
                        hint=f"höchstens {MAX_NODES:_} Werte und {MAX_DEPTH} Ebenen".replace("_", "."),
                    )
                )
            return None
        self.map.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _STANDARD_TAGS:
            self.problems.append(
                diagnostic(
                    "CG008",
                    f"YAML-Tag „{node.tag}“ wird nicht unterstützt",
                    self._loc(node),
                    key_path=format_path(path),
                    hint="das Tag entfernen; einfache Werte schreiben",
                )
            )
            return None
        if id(node) in active:
            recursive = "Alias verweist auf sich selbst"
            self.problems.append(diagnostic("CG008", recursive, self._loc(node), key_path=format_path(path)))
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        active = active | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), active) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    diagnostic(
                        "CG008",
                        "zusammengesetzte Schlüssel werden nicht unterstützt",
                        self._loc(key_node),
                        key_path=format_path(path),
                    )
                )
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    diagnostic(
                        "CG008",
                        "Merge-Schlüssel („<<“) werden nicht unterstützt",
                        self._loc(key_node),
                        key_path=format_path(path),
                        hint="die Schlüssel ausschreiben",
                    )
                )
                continue
            child = (*path, key)
            if key in result:
                first_line = self.map.keys[child][0]
                self.problems.append(
                    diagnostic(
                        "CG005",
                        f"Schlüssel „{key}“ doppelt",
                        self._loc(key_node),
                        key_path=format_path(child),
                        hint=f"zuerst in Zeile {first_line}; einen von beiden entfernen",
                    )
                )
                continue
            self.map.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, child, active)
        return result


def format_path(path: KeyPath) -> str:
    """``('measures', 0, 'tasks', 1, 'lead')`` → ``measures[0].tasks[1].lead``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
