"""Stage 1: read a project folder into plain data with source positions.

The result, :class:`ProjectSource`, knows nothing of the model's types; it only knows which file each
top-level section came from, so that any later stage can turn a key path into ``file:line:column``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptgen.characters import SPACE_LIKE, control_characters, describe, position, replace_space_like
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading.layout import FILE_SECTIONS, TEXT_DIR
from conceptgen.loading.yaml_loader import KeyPath, SourceMap, format_path, load_yaml, read_text
from conceptgen.paths import inside, outside_diagnostic

# Jinja's delimiters: user text containing them is refused, so it can never be evaluated as a template
# and a rendered document never shows a leftover tag.
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


@dataclass
class TextFile:
    """A Markdown text from ``text/<name>.md``."""

    name: str
    display: str
    content: str


@dataclass
class ProjectSource:
    """A project folder as loaded: merged data, where each section came from, text files."""

    root: Path
    data: dict[str, Any] = field(default_factory=dict)
    section_maps: dict[str, SourceMap] = field(default_factory=dict)
    texts: dict[str, TextFile] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, key: bool = False) -> Location:
        """Source position of a key path such as ``('measures', 0, 'lead')``."""
        if path and path[0] in self.section_maps:
            return self.section_maps[str(path[0])].locate(path, key=key)
        project = self.section_maps.get("project")
        return Location(project.file if project else relative(self.root / "project.yaml"), 0, 0)

    def text_start(self, path: KeyPath) -> Location:
        """Where the text of a (possibly block-scalar) value begins: its first content line."""
        location = self.locate(path)
        section = self.section_maps.get(str(path[0])) if path else None
        if section is not None and tuple(path) in section.block_scalars:
            return Location(location.file, location.line + 1, 1)
        return location

    def file_of(self, section: str) -> str:
        """Display name of the file a section came from (or would come from)."""
        if section in self.section_maps:
            return self.section_maps[section].file
        for name, sections in FILE_SECTIONS.items():
            if section in sections:
                return relative(self.root / name)
        return relative(self.root)


def load_project(root: Path) -> tuple[ProjectSource, list[Diagnostic]]:
    """Load every YAML and text file of the project folder ``root``.

    Returns the loaded project and the diagnostics found on the way (problems in one file do not stop
    the others from being read). Raises DiagnosticError when the folder itself is missing.
    """
    display_root = relative(root)
    if not root.exists():
        raise DiagnosticError(
            diagnostic(
                "CG001",
                "Projektordner nicht gefunden",
                Location(display_root),
                hint="den Pfad eines Ordners mit einer project.yaml angeben, z. B. projects/neuss",
            )
        )
    if not root.is_dir():
        raise DiagnosticError(
            diagnostic("CG001", "kein Ordner", Location(display_root), hint="den Projektordner angeben")
        )
    source = ProjectSource(root)
    diagnostics: list[Diagnostic] = []
    if not (root / "project.yaml").is_file():
        diagnostics.append(
            diagnostic(
                "CG001",
                "project.yaml fehlt im Projektordner",
                Location(relative(root / "project.yaml")),
                hint="jedes Projekt braucht eine project.yaml (siehe docs/project-format.md)",
            )
        )
    for name, sections in FILE_SECTIONS.items():
        path = root / name
        if not path.exists() and name != "project.yaml" and (root / f"{path.stem}.yml").exists():
            path = root / f"{path.stem}.yml"
        if not path.exists():
            continue
        display = relative(path)
        if not inside(path, root):
            diagnostics.append(outside_diagnostic(path, root))
            continue
        try:
            loaded = load_yaml(path, display)
        except DiagnosticError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        diagnostics.extend(loaded.warnings)
        diagnostics.extend(_template_syntax_in_data(loaded.data, (), loaded.source_map))
        if name == "project.yaml":
            source.data["project"] = loaded.data
            source.section_maps["project"] = _prefixed(loaded.source_map, "project")
            continue
        if not isinstance(loaded.data, dict):
            diagnostics.append(
                diagnostic(
                    "CG103",
                    f"{name} muss eine Zuordnung mit den Schlüsseln {', '.join(sections)} sein",
                    loaded.source_map.locate(()),
                )
            )
            continue
        for key, value in loaded.data.items():
            if key not in sections:
                owner = next((f for f, s in FILE_SECTIONS.items() if key in s), None)
                hint = (
                    f"„{key}“ gehört in {owner}"
                    if owner
                    else did_you_mean(key, sections) or f"hier erlaubt: {', '.join(sections)}"
                )
                diagnostics.append(
                    diagnostic(
                        "CG101",
                        f"unbekannter Schlüssel „{key}“ in {name}",
                        loaded.source_map.locate((key,), key=True),
                        key_path=key,
                        hint=hint,
                    )
                )
                continue
            source.data[key] = value
            source.section_maps[key] = loaded.source_map
    diagnostics.extend(_unknown_files(root))
    diagnostics.extend(_load_texts(root, source))
    return source, diagnostics


def _prefixed(source_map: SourceMap, prefix: str) -> SourceMap:
    result = SourceMap(source_map.file)
    result.values = {(prefix, *path): pos for path, pos in source_map.values.items()}
    result.keys = {(prefix, *path): pos for path, pos in source_map.keys.items()}
    result.block_scalars = {(prefix, *path) for path in source_map.block_scalars}
    result.quoted = {(prefix, *path) for path in source_map.quoted}
    return result


def _unknown_files(root: Path) -> list[Diagnostic]:
    known = set(FILE_SECTIONS) | {f"{Path(n).stem}.yml" for n in FILE_SECTIONS}
    found = []
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in known:
            hint = did_you_mean(path.name, FILE_SECTIONS) or f"bekannte Dateien: {', '.join(FILE_SECTIONS)}"
            found.append(
                diagnostic(
                    "CG009", "Datei gehört nicht zum Projektformat", Location(relative(path)), hint=hint
                )
            )
    return found


def _load_texts(root: Path, source: ProjectSource) -> list[Diagnostic]:
    folder = root / TEXT_DIR
    if not folder.is_dir():
        return []
    if not inside(folder, root):
        return [outside_diagnostic(folder, root)]
    problems: list[Diagnostic] = []
    for path in sorted(folder.glob("*.md")):
        display = relative(path)
        if not inside(path, root):
            problems.append(outside_diagnostic(path, root))
            continue
        try:
            content = read_text(path, display)
        except DiagnosticError as exc:
            problems.extend(exc.diagnostics)
            continue
        problems.extend(_template_syntax_in_text(content, display))
        controls = _control_characters_in_text(content, display)
        problems.extend(controls)
        source.texts[path.stem] = TextFile(
            path.stem, display, replace_space_like(content) if controls else content
        )
    return problems


def _control_characters_in_text(text: str, display: str) -> list[Diagnostic]:
    found = []
    for offset, char in control_characters(text):
        where = Location(display, *position(text, offset))
        if char in SPACE_LIKE:
            found.append(diagnostic("CG012", f"{describe(char)} durch ein Leerzeichen ersetzt", where))
        else:
            found.append(
                diagnostic(
                    "CG011",
                    f"Steuerzeichen {describe(char)} im Text",
                    where,
                    hint="entfernen; ein Word-Dokument kann es nicht enthalten",
                )
            )
    return found[:50]


def _template_syntax_in_text(text: str, display: str) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TEMPLATE_SYNTAX.search(line)
        if match:
            found.append(_syntax_found(Location(display, number, match.start() + 1), ""))
    return found


def _template_syntax_in_data(value: Any, path: KeyPath, source_map: SourceMap) -> list[Diagnostic]:
    if isinstance(value, str):
        match = _TEMPLATE_SYNTAX.search(value)
        if not match:
            return []
        location = source_map.locate(path)
        if "\n" not in value[: match.start()]:  # plain one-line scalar: point at the characters
            location = Location(location.file, location.line, location.column + match.start())
        return [_syntax_found(location, format_path(path))]
    found: list[Diagnostic] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _template_syntax_in_data(item, (*path, key), source_map)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _template_syntax_in_data(item, (*path, i), source_map)
    return found


def _syntax_found(location: Location, key_path: str) -> Diagnostic:
    return diagnostic(
        "CG106",
        "Text enthält Vorlagen-Syntax; in Texten der Nutzer wird sie nie ausgewertet",
        location,
        key_path=key_path,
        hint="die Klammern entfernen oder, wenn sie wörtlich gemeint sind, mit Leerzeichen schreiben („{ {“)",
    )


__all__ = ["ProjectSource", "TextFile", "format_path", "load_project"]
