"""The review anchors of one document (ooxml/anchors.py): each passage that comes from the project — a
paragraph of a Markdown text, a YAML scalar a template shows, a table or chart made from data — is
wrapped in a hidden bookmark whose name says where it came from, so that `conceptgen review` can take a
returned Word file's comments and tracked changes back to that place (docs/review.md).

Names are given in the order passages are built, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import Location
from conceptgen.document.anchors import AnchorOptions
from conceptgen.ooxml import anchors as xml_anchors

FORMAT = "1"  # the anchors' format, in the property conceptgen.anker


class Marked(str):
    """A marked passage in a template's context: compares, hashes and sorts as the text it marks, so that
    a template's ``{% if m.status == "…" %}`` or ``|sort`` works as with the plain string."""

    def _plain(self) -> str:
        return xml_anchors.strip_markers(str(self))

    def __eq__(self, other: object) -> bool:
        return self._plain() == (xml_anchors.strip_markers(str(other)) if isinstance(other, str) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._plain())

    def __lt__(self, other: str) -> bool:
        return self._plain() < xml_anchors.strip_markers(str(other))

    def __le__(self, other: str) -> bool:
        return self._plain() <= xml_anchors.strip_markers(str(other))

    def __gt__(self, other: str) -> bool:
        return self._plain() > xml_anchors.strip_markers(str(other))

    def __ge__(self, other: str) -> bool:
        return self._plain() >= xml_anchors.strip_markers(str(other))

    def __len__(self) -> int:
        return len(self._plain())


class Anchors:
    """Names, ids and the file list of one document's anchors."""

    def __init__(self, project_root: Path, options: AnchorOptions | None):
        self.options = options
        self.enabled = options is not None
        self._root = project_root.resolve()
        self._files: dict[str, int] = {f: i for i, f in enumerate(options.files)} if options else {}
        self._paths: dict[str, str | None] = {}  # a location's file → project-relative path
        self._serial = 0
        self._marked: list[tuple[str, Location]] = []  # marker number → (kind, location)
        self.made: list[tuple[xml_anchors.AnchorCode, str]] = []  # every anchor: code, project path

    def wrap_generated(self, paragraph: Any, key: str) -> None:
        """Wrap ``paragraph`` in an anchor for the entry that defines it (``table:x``, ``chart:y``,
        ``heading:n3``), when the pipeline said where that is."""
        found = self.options.sources.get(key) if self.options else None
        if found is not None:
            self.wrap(paragraph, found[0], found[1])

    def code(self, kind: str, location: Location | None, offset: int = 0) -> xml_anchors.AnchorCode | None:
        """The next anchor for a passage from ``location``; None without anchors or a location in the
        project."""
        if not self.enabled or location is None or not location.line:
            return None
        path = self._project_path(location.file)
        if path is None:
            return None
        index = self._files.setdefault(path, len(self._files))
        self._serial += 1
        return xml_anchors.AnchorCode(
            kind, index, location.line, max(location.column, 1), offset, self._serial
        )

    def wrap(self, paragraph: Any, kind: str, location: Location | None, offset: int = 0) -> None:
        """Wrap ``paragraph``'s content in an anchor for ``location`` (a paragraph without text gets
        none)."""
        code = self.code(kind, location, offset)
        if code is not None and xml_anchors.wrap_paragraph(
            paragraph, code.name, xml_anchors.FIRST_ID + code.serial
        ):
            self._made(code)

    def mark(self, text: str, value: Any) -> str:
        """``text`` (a typeset Located value) marked for an inline anchor; plain when anchors are off."""
        location = getattr(value, "location", None)
        if not self.enabled or location is None or not text:
            return text
        self._marked.append((getattr(value, "kind", "s"), location))
        return Marked(xml_anchors.marker(len(self._marked) - 1, text))

    def convert_marks(self, anchored: list[Any], others: list[Any]) -> None:
        """Marked passages below ``anchored`` (the body, the footnotes) become anchors; below ``others``
        (headers, footers) the marks are only removed."""

        def bookmark(number: int) -> tuple[str, int] | None:
            if number >= len(self._marked):
                return None
            kind, location = self._marked[number]
            code = self.code(kind, location)
            if code is None:
                return None
            self._made(code)
            return code.name, xml_anchors.FIRST_ID + code.serial

        for root in anchored:
            xml_anchors.mark_passages(root, bookmark)
        for root in others:
            xml_anchors.mark_passages(root, lambda number: None)

    def place(self, stories: list[Any]) -> None:
        """Once the template ran and the blocks are in: marked passages become anchors in the body (in
        headers and footers the marks only go), and the paragraphs of block snippets get theirs."""
        self.convert_marks(stories[:1], stories[1:])
        if self.enabled:
            self.wrap_blocks(stories[0])

    def wrap_blocks(self, body: Any) -> None:
        """Every paragraph of a block's snippet that no text or data anchor wraps gets one for the
        block's place in the outline (the sentinels around each snippet are removed)."""
        for key, elements in xml_anchors.cut_blocks(body):
            for paragraph in xml_anchors.paragraphs_of(elements):
                if not xml_anchors.has_paragraph_anchor(paragraph):
                    self.wrap_generated(paragraph, f"block:{key}")

    def finish(self, document: Any, comments: list[Any], company: str, timestamp: dt.datetime | None) -> None:
        """Before the document is saved: the properties that make its anchors readable, and the comments
        of kommentare.yaml when they were asked for (render/comments.py)."""
        if self.enabled:
            xml_anchors.set_properties(document, self.properties())
        if comments:
            from conceptgen.render.comments import add_draft_comments

            add_draft_comments(document, self, comments, company, timestamp)

    def _made(self, code: xml_anchors.AnchorCode) -> None:
        files = sorted(self._files, key=self._files.__getitem__)
        self.made.append((code, files[code.file]))

    def find(self, source: str) -> str | None:
        """The anchor of a place given as ``file:line[:column]`` (kommentare.yaml's ``source``): the one
        there, else the last one of the same file before that line (the text may have moved a little)."""
        file, _, rest = source.partition(":")
        numbers = [int(n) for n in rest.split(":") if n.isdigit()]
        if not numbers:
            return None
        line, column = numbers[0], (numbers[1] if len(numbers) > 1 else None)
        best: tuple[int, str] | None = None
        for code, path in self.made:
            if path != file:
                continue
            at = code.line + code.offset if code.kind == "t" else code.line
            if at == line and (column is None or code.kind == "t" or code.column == column):
                return code.name
            if at <= line and (best is None or at > best[0]):
                best = (at, code.name)
        return best[1] if best else None

    def properties(self) -> dict[str, str]:
        """The custom properties that make the anchors readable: format, project, document, files."""
        if not self.options:
            return {}
        files = sorted(self._files, key=self._files.__getitem__)
        return {
            "anker": FORMAT,
            "projekt": self.options.project,
            "dokument": self.options.document,
            "dateien": "|".join(files),
        }

    def _project_path(self, file: str) -> str | None:
        if file not in self._paths:
            path = Path(file)
            absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
            try:
                self._paths[file] = absolute.relative_to(self._root).as_posix()
            except ValueError:
                self._paths[file] = None
        return self._paths[file]
