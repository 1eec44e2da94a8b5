"""The review list: one entry per comment and per tracked change of a returned file, each with the place
in the project it comes from (a YAML field as file:line:column with its key path, a Markdown text as
file:line, a table or chart as the entry that defines it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, relative
from conceptgen.document.anchors import project_identity
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.ooxml.anchors import parse_name
from conceptgen.ooxml.returned import Change, Comment, Place, Returned

KIND_NAMES = {
    "comment": "Kommentar",
    "insert": "Einfügung",
    "delete": "Löschung",
    "replace": "Ersetzung",
    "move": "Verschiebung",
    "format": "Formatierung",
    "paragraph": "Absatzwechsel",
}
SOURCE_KINDS = {"t": "text", "s": "scalar", "d": "derived", "g": "generated"}


@dataclass
class Source:
    """Where a passage comes from."""

    file: str  # relative to the project folder, with forward slashes
    line: int
    column: int | None  # None: a line of a Markdown text
    kind: str  # text, scalar or generated
    path: tuple[Any, ...] | None = None  # the YAML key path, when the file still has it there
    offset: int = 0  # a text's paragraph: lines after the text's start
    start: tuple[int, int] = (0, 0)  # a text's start (line, column) in its file
    inside: bool = True  # the passage lies inside the anchor (else: the nearest one)
    generated: bool = False  # the passage was generated (its row's entry is named, not its text)

    def display(self, root: Path) -> str:
        where = relative(root / self.file)
        where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return where

    @property
    def key(self) -> str:
        return format_path(self.path) if self.path else ""


@dataclass
class Entry:
    """One comment or tracked change, as the working group's list shows it."""

    number: int
    kind: str  # comment, insert, delete, replace, move, format, paragraph
    author: str
    date: dt.datetime | None
    text: str  # the comment, or what the change takes out and puts in
    passage: str = ""  # the commented passage, or the anchor's text as sent
    proposed: str = ""  # the anchor's text as the change proposes it
    source: Source | None = None
    target: Source | None = None  # where a move went
    page: int | None = None
    status: str = ""
    replies: list[tuple[str, dt.datetime | None, str]] = field(default_factory=list)
    change: Change | None = None
    done: bool = False
    anchor: str | None = None  # the anchor it was found in (its page can be asked of LibreOffice)
    ident: str = ""  # its ID in kommentare.yaml (review/comments.py), when it is listed there

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


class SourceIndex:
    """The anchors' files and the key paths at their positions, from the project as it is now."""

    def __init__(self, root: Path, source: ProjectSource, files: list[str]):
        self.root = root
        self.files = files
        self.values: dict[tuple[str, int, int], tuple[Any, ...]] = {}
        self.texts: dict[tuple[str, int, int], tuple[Any, ...]] = {}
        seen = set()
        for section_map in source.section_maps.values():
            if id(section_map) in seen:
                continue
            seen.add(id(section_map))
            file = self._project_file(section_map.file)
            if file is None:
                continue
            for path, (line, column) in section_map.values.items():
                self.values.setdefault((file, line, column), path)
                block = path in section_map.block_scalars
                start = (line + 1, 1) if block else (line, column)
                self.texts.setdefault((file, *start), path)

    def _project_file(self, display: str) -> str | None:
        absolute = (Path.cwd() / display).resolve()
        try:
            return absolute.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def source(self, anchor: str | None, place: Place | None = None) -> Source | None:
        code = parse_name(anchor) if anchor else None
        if code is None or code.file >= len(self.files):
            return None
        file = self.files[code.file]
        kind = SOURCE_KINDS[code.kind]
        inside = place.inside if place is not None else True
        generated = place.generated if place is not None else kind == "generated"
        if kind == "text":
            path = (
                self.texts.get((file, code.line, code.column)) if file.endswith((".yaml", ".yml")) else None
            )
            start = (code.line, code.column)
            return Source(
                file, code.line + code.offset, None, kind, path, code.offset, start, inside, generated
            )
        path = self.values.get((file, code.line, code.column))
        return Source(file, code.line, code.column, kind, path, inside=inside, generated=generated)


def check_returned(
    returned: Returned, concept: Concept, source: ProjectSource, where: Location
) -> tuple[list[str], list[Diagnostic]]:
    """The returned file's list of anchor files, and a warning when it had to be rebuilt from the project
    (CG905: the file lost its properties); refuses a file without anchors (CG903) or of another project
    (CG902)."""
    from conceptgen.document.anchors import source_files

    properties = returned.properties
    if not returned.anchors:
        raise DiagnosticError(
            diagnostic(
                "CG903",
                "die Datei enthält keine conceptgen-Anker: ihre Kommentare und Änderungen lassen sich "
                "keiner Quelle zuordnen",
                where,
                hint="die mit `conceptgen render` erzeugte, an den Auftraggeber gegebene Fassung verwenden",
            )
        )
    if "anker" not in properties:
        warning = diagnostic(
            "CG905",
            "die Datei hat ihre conceptgen-Eigenschaften verloren (z. B. durch die Dokumentprüfung von "
            "Word): Projekt und Dateiliste werden aus dem Projekt genommen",
            where,
            hint="stimmen die Quellen nicht, die mit `conceptgen render` erzeugte Fassung erneut versenden",
        )
        return source_files(source), [warning]
    own = project_identity(concept)
    theirs = properties.get("projekt", "")
    if theirs != own:
        raise DiagnosticError(
            diagnostic(
                "CG902",
                f"die Datei gehört zu einem anderen Projekt („{theirs}“, nicht „{own}“)",
                where,
                hint="das Projekt angeben, aus dem die Datei erzeugt wurde",
            )
        )
    return [f for f in properties.get("dateien", "").split("|") if f], []


def build_entries(returned: Returned, index: SourceIndex) -> list[Entry]:
    """Comments first, then changes, each in document order, numbered from 1."""
    entries: list[Entry] = []
    for comment in returned.comments:
        entries.append(_comment_entry(comment, returned, index))
    for change in returned.changes:
        if change.kind == "paragraph" and change.place.anchor is None:
            continue
        entries.append(_change_entry(change, returned, index))
    for number, entry in enumerate(entries, start=1):
        entry.number = number
    return entries


def _comment_entry(comment: Comment, returned: Returned, index: SourceIndex) -> Entry:
    passage = returned.passages.get(comment.place.anchor or "")
    return Entry(
        0,
        "comment",
        comment.author,
        comment.date,
        comment.text,
        passage=comment.passage or (passage.sent.strip() if passage else ""),
        source=index.source(comment.place.anchor, comment.place),
        page=comment.place.page,
        anchor=comment.place.anchor,
        status="erledigt" if comment.done else "offen",
        replies=[(r.author, r.date, r.text) for r in comment.replies],
        done=comment.done,
    )


def _change_entry(change: Change, returned: Returned, index: SourceIndex) -> Entry:
    passage = returned.passages.get(change.place.anchor or "")
    if change.kind == "format":
        text = "Formatierung geändert"
    elif change.kind == "insert":
        text = f"eingefügt: „{change.inserted}“"
    elif change.kind == "delete":
        text = f"gelöscht: „{change.deleted}“"
    elif change.kind == "paragraph":
        text = "Absatz geteilt oder verbunden"
    elif change.kind == "move":
        text = f"verschoben: „{change.deleted}“"
    else:
        text = f"„{change.deleted}“ → „{change.inserted}“"
    return Entry(
        0,
        change.kind,
        change.author,
        change.date,
        text,
        passage=passage.sent.strip() if passage else "",
        proposed=passage.proposed.strip() if passage else "",
        source=index.source(change.place.anchor, change.place),
        target=index.source(change.target.anchor, change.target) if change.target else None,
        page=change.place.page,
        anchor=change.place.anchor,
        change=change,
    )
