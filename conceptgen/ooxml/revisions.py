"""A returned Word file's tracked changes and comment ranges, each with the review anchor it lies in: one
walk over the text in document order (ooxml/returned.py reads the comments themselves).

Reads what Word and LibreOffice write: comment ranges (``w:commentRangeStart``/``End``), insertions and
deletions (``w:ins``, ``w:del``, also of paragraph marks and table rows), moves (``w:moveFrom``/``w:moveTo``
with their named ranges) and formatting changes (``w:rPrChange``, ``w:pPrChange``), in the body and in
footnotes. The text of every anchor's passage is kept as it was sent (deletions in, insertions out) and as
proposed (the other way round), so that a change can be carried back to its source.

A paragraph's anchor (kinds ``t`` and ``g``: conceptgen wraps the whole paragraph, ooxml/anchors.py
``wrap_paragraph``) holds the paragraph's text to its end even where its bookmark ends earlier in it:
LibreOffice (7.4) moves every bookmark end that follows the document's first footnote reference in its
paragraph one character back, each time it opens and saves the file („…danach.“ → „…danach“, then
„…danac“), so that the end it writes cannot be trusted there; the start it keeps. Where a comment or a
change lies is still read from the bookmarks as written (a replaced passage's bookmarks end before the
text put in its place: that text is not inside the paragraph's anchor).

Nothing here knows the project: anchors are bookmark names (ooxml/anchors.py decodes them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from conceptgen.ooxml import anchors

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CHANGES = {"ins": "ins", "del": "del", "moveFrom": "del", "moveTo": "ins"}


def wml(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Place:
    """Where something lies: the innermost anchor around it (``inside``) or, failing that, the nearest
    one (in the same table row, table, or before it), and the page when the file says."""

    anchor: str | None = None
    inside: bool = False
    in_table: bool = False
    page: int | None = None
    story: str = "body"
    generated: bool = False  # the text itself was generated (a table's cell, a block's sentence)
    order: int = 0  # its position in the document (footnotes after the body)


@dataclass
class Change:
    """One tracked change as a reader sees it: what was taken out and put in, by whom."""

    kind: str  # insert, delete, replace, move, format
    author: str
    date: dt.datetime | None
    deleted: str = ""
    inserted: str = ""
    place: Place = field(default_factory=Place)
    anchors: list[str] = field(default_factory=list)  # every anchor the change touches
    start: int = 0  # where in the anchor's passage (as sent) the change begins, and ends
    end: int = 0
    paragraph: bool = False  # a paragraph mark was inserted or deleted (a new or removed paragraph)
    target: Place | None = None  # a move's destination
    move: str = ""  # the name Word gives the move's ranges


@dataclass
class Passage:
    """An anchor's text: as sent and as proposed."""

    sent: str = ""
    proposed: str = ""


class ReadError(Exception):
    """The package is not a readable Word document (the message says why)."""


def parse_xml(blob: bytes) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"XML nicht lesbar: {exc}") from None


def date_of(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:  # LibreOffice writes 0-00-00T00:00:00Z for a comment without date
        return None
    return parsed.replace(tzinfo=None)


@dataclass
class _Mark:
    kind: str  # ins, del, or fmt (a formatting change: the text stays)
    author: str
    date: dt.datetime | None
    move: str = ""  # moveFrom / moveTo


class Walker:
    """One pass over the text in document order: open anchors, revision marks, comment ranges."""

    def __init__(self) -> None:
        self.open: dict[str, str] = {}  # bookmark id → anchor name, in opening order
        self.anchor_order: list[str] = []
        self.passages: dict[str, Passage] = {}
        self.changes: list[Change] = []
        self.group: Change | None = None
        self.page = 1
        self.paged = False
        self.last_anchor: str | None = None  # the last anchor opened (for text outside any)
        self.containers: list[dict[str, Any]] = []  # open tables and rows: anchors in them, changes
        self.comment_places: dict[str, Place] = {}
        self.comment_text: dict[str, list[str]] = {}
        self.comments_open: set[str] = set()
        self.waiting: list[Place] = []  # places outside any anchor, given the next anchor opened
        self.story_name = "body"
        self.order = 0
        # per open paragraph: its paragraph anchors (bookmark ids), and those whose bookmark ended in it
        # (their passage takes the paragraph's text to its end)
        self.paragraph_anchors: list[tuple[set[str], dict[str, str]]] = []

    # --- structure ---------------------------------------------------------------------------------

    def story(self, root: Any, name: str) -> None:
        self.story_name = name
        self.last_anchor = None
        self.waiting = []
        self._walk(root, None)
        self._close_group()

    def _walk(self, node: Any, mark: _Mark | None) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or not tag.startswith(f"{{{W}}}"):
                continue
            local = tag[len(W) + 2 :]
            if local in _CHANGES:
                self._walk(child, self._mark(child, local))
            elif local == "r":
                self._run(child, mark)
            elif local in ("t", "delText"):
                self._text(child.text or "", mark)
            elif local == "bookmarkStart":
                self._bookmark_start(child)
            elif local == "bookmarkEnd":
                self._bookmark_end(child.get(wml("id"), ""))
            elif local == "commentRangeStart":
                self._comment_start(child.get(wml("id"), ""))
            elif local == "commentRangeEnd":
                self.comments_open.discard(child.get(wml("id"), ""))
            elif local == "p":
                self._paragraph(child, mark)
            elif local in ("tbl", "tr"):
                self.containers.append({"kind": local, "anchors": [], "pending": []})
                self._walk(child, mark)
                self._close_container()
            elif local not in ("pPr", "rPr", "trPr", "tblPr", "tcPr", "sectPr", "instrText", "delInstrText"):
                self._walk(child, mark)

    def _run(self, run: Any, mark: _Mark | None) -> None:
        properties = run.find(wml("rPr"))
        change = properties.find(wml("rPrChange")) if properties is not None else None
        if change is not None and mark is None:
            mark = _Mark("fmt", change.get(wml("author"), ""), date_of(change.get(wml("date"))))
        for child in run:
            local = child.tag[len(W) + 2 :] if isinstance(child.tag, str) else ""
            if local in ("t", "delText"):
                self._text(child.text or "", mark)
            elif local in ("tab", "br", "cr"):
                if local == "br" and child.get(wml("type")) == "page":
                    self.page += 1
                self._text("\t" if local == "tab" else " ", mark)
            elif local == "noBreakHyphen":
                self._text("-", mark)
            elif local == "lastRenderedPageBreak":
                self.paged = True
                self.page += 1
            elif local == "commentReference":
                comment_id = child.get(wml("id"), "")
                if comment_id not in self.comment_places:
                    self._comment_start(comment_id)
                    self.comments_open.discard(comment_id)

    def _paragraph(self, paragraph: Any, mark: _Mark | None) -> None:
        properties = paragraph.find(wml("pPr"))
        if properties is not None and properties.find(wml("pPrChange")) is not None:
            change = properties.find(wml("pPrChange"))
            self._extend_group(
                "", _Mark("fmt", change.get(wml("author"), ""), date_of(change.get(wml("date"))))
            )
        self.paragraph_anchors.append((set(), {}))
        self._walk(paragraph, mark)
        self.paragraph_anchors.pop()
        end_mark = mark
        run_properties = properties.find(wml("rPr")) if properties is not None else None
        for local in _CHANGES:
            found = run_properties.find(wml(local)) if run_properties is not None else None
            if found is not None:
                end_mark = self._mark(found, local)
        if end_mark is None or end_mark.kind == "fmt":
            self._close_group()  # an unchanged paragraph mark ends a change
        else:
            self._extend_group("\n", end_mark, paragraph_mark=True)
        for comment_id in self.comments_open:
            self.comment_text[comment_id].append("\n")

    def _close_container(self) -> None:
        """A table row or table ends: its places outside any anchor take its first anchor, and places in
        generated text take the row's first scalar (the entry that produced the row), if it has one."""
        container = self.containers.pop()
        found = container["anchors"][0] if container["anchors"] else None
        scalar = next((a for a in container["anchors"] if _kind(a) == "s"), None)
        for place in container["pending"]:
            if place.inside:  # generated text: its row's entry, if the row shows one
                if scalar is not None and container["kind"] == "tr":
                    place.anchor, place.inside = scalar, False
            elif found is not None:
                place.anchor = found
            elif self.containers:
                self.containers[-1]["pending"].append(place)
            else:
                place.anchor = self.last_anchor
        if self.containers:
            self.containers[-1]["anchors"] += container["anchors"]

    def _mark(self, node: Any, local: str) -> _Mark:
        move = local if local.startswith("move") else ""
        return _Mark(_CHANGES[local], node.get(wml("author"), ""), date_of(node.get(wml("date"))), move)

    # --- anchors, places and text ----------------------------------------------------------------

    def _bookmark_end(self, ident: str) -> None:
        """An anchor ends; a paragraph's passage goes on to its paragraph's end (the module's note)."""
        name = self.open.pop(ident, None)
        if name is not None and self.paragraph_anchors and ident in self.paragraph_anchors[-1][0]:
            self.paragraph_anchors[-1][1][ident] = name

    def _bookmark_start(self, node: Any) -> None:
        name = node.get(wml("name"), "")
        code = anchors.parse_name(name)
        if code is None:
            return
        if code.kind in ("t", "g") and self.paragraph_anchors:
            self.paragraph_anchors[-1][0].add(node.get(wml("id"), ""))
        self.open[node.get(wml("id"), "")] = name
        self.anchor_order.append(name)
        self.passages.setdefault(name, Passage())
        self.last_anchor = name
        for container in self.containers:
            container["anchors"].append(name)
        for place in self.waiting:  # a comment or change that began just before its passage
            place.anchor, place.inside = name, True
        self.waiting = []

    def _place(self) -> Place:
        """The innermost open anchor; outside any, the first anchor of the table row or table (settled
        when it closes), else the next anchor opened in the same paragraph, else the one before."""
        page = self.page if self.paged else None
        self.order += 1
        anchor = next(reversed(self.open.values()), None) if self.open else None
        if anchor is not None:
            place = Place(
                anchor, True, bool(self.containers), page, self.story_name, _kind(anchor) == "g", self.order
            )
            if self.containers and place.generated:  # generated text in a table: its row's data
                self.containers[-1]["pending"].append(place)
            return place
        place = Place(self.last_anchor, False, bool(self.containers), page, self.story_name, order=self.order)
        if self.containers:
            self.containers[-1]["pending"].append(place)
        else:
            self.waiting.append(place)
        return place

    def _comment_start(self, comment_id: str) -> None:
        self.comment_places[comment_id] = self._place()
        self.comment_text.setdefault(comment_id, [])
        self.comments_open.add(comment_id)

    def _text(self, text: str, mark: _Mark | None) -> None:
        if not text:
            return
        ended = self.paragraph_anchors[-1][1].values() if self.paragraph_anchors else ()
        for name in dict.fromkeys([*self.open.values(), *ended]):
            passage = self.passages[name]
            if mark is None or mark.kind != "ins":
                passage.sent += text
            if mark is None or mark.kind != "del":
                passage.proposed += text
        if mark is None or mark.kind != "del":
            for comment_id in self.comments_open:
                self.comment_text[comment_id].append(text)
        if mark is None:
            self._close_group()
        else:
            self._extend_group(text, mark)

    # --- grouping revision marks into changes ----------------------------------------------------

    def _extend_group(self, text: str, mark: _Mark, *, paragraph_mark: bool = False) -> None:
        group = self.group
        if group is not None and (
            group.author != mark.author
            or bool(group.move) != bool(mark.move)
            or (group.kind == "format") != (mark.kind == "fmt")
        ):
            self._close_group()
            group = None
        if group is None:
            place = self._place()
            start = 0
            if place.inside and place.anchor:
                start = len(self.passages[place.anchor].sent) - (len(text) if mark.kind == "del" else 0)
            group = Change("format" if mark.kind == "fmt" else "", mark.author, mark.date, place=place)
            group.start = group.end = max(start, 0)
            group.move = mark.move
            self.group = group
        anchor = next(reversed(self.open.values()), None) if self.open else None
        if anchor and anchor not in group.anchors:
            group.anchors.append(anchor)
        if paragraph_mark:
            group.paragraph = True
        if mark.kind == "del":
            group.deleted += text
            if not paragraph_mark:
                group.end += len(text)
        elif mark.kind == "ins":
            group.inserted += text

    def _close_group(self) -> None:
        group = self.group
        if group is None:
            return
        self.group = None
        if group.kind != "format":
            if group.move:
                group.kind = "move"
            elif group.deleted.strip("\n") and group.inserted.strip("\n"):
                group.kind = "replace"
            elif group.deleted.strip("\n"):
                group.kind = "delete"
            elif group.inserted.strip("\n"):
                group.kind = "insert"
            else:
                group.kind = "paragraph"  # only a paragraph mark: two paragraphs joined or one split
        group.deleted = group.deleted.strip("\n")
        group.inserted = group.inserted.strip("\n")
        self.changes.append(group)

    def finish(self) -> None:
        self._close_group()
        self._pair_moves()

    def _pair_moves(self) -> None:
        """A move is written twice (moveFrom, moveTo): one change from where the text was to where it
        went."""
        sources = [c for c in self.changes if c.kind == "move" and c.deleted]
        targets = [c for c in self.changes if c.kind == "move" and c.inserted and not c.deleted]
        for source in sources:
            target = next((t for t in targets if t.inserted.strip() == source.deleted.strip()), None)
            if target is None:
                source.kind = "delete"
                continue
            targets.remove(target)
            source.inserted = target.inserted
            source.target = target.place
            self.changes.remove(target)
        for target in targets:
            target.kind = "insert"


def _kind(anchor: str) -> str:
    code = anchors.parse_name(anchor)
    return code.kind if code else ""
