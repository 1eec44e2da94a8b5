"""A returned Word file read for `conceptgen review`: its conceptgen properties, its anchors with their
passages as sent and as proposed, its tracked changes (ooxml/revisions.py) and its comments — text,
author and date from ``comments.xml``, the commented passage, replies and the done flag from
``commentsExtended.xml`` (``w15:paraId``/``paraIdParent``, ``w15:done``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from conceptgen.ooxml import anchors
from conceptgen.ooxml.revisions import Change, Passage, Place, ReadError, Walker, date_of, parse_xml, wml

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"

__all__ = ["Change", "Comment", "Passage", "Place", "ReadError", "Returned", "read_returned"]


@dataclass
class Comment:
    """A comment with its commented passage and its replies."""

    id: str
    author: str
    initials: str
    date: dt.datetime | None
    text: str
    passage: str = ""
    place: Place = field(default_factory=Place)
    done: bool = False
    replies: list[Comment] = field(default_factory=list)
    para_id: str = ""  # w14:paraId of its last paragraph (commentsExtended.xml refers to it)


@dataclass
class Returned:
    """Everything `conceptgen review` needs from a returned file."""

    properties: dict[str, str]
    anchors: list[str]  # every anchor name in the file, in document order
    passages: dict[str, Passage]
    comments: list[Comment]
    changes: list[Change]
    paged: bool  # the file records where its pages broke (Word does)


def read_returned(parts: dict[str, bytes]) -> Returned:
    """Read a returned document from its (already size-checked) package parts. Raises ReadError."""
    if "word/document.xml" not in parts:
        raise ReadError("word/document.xml fehlt")
    properties = (
        anchors.read_properties(parts["docProps/custom.xml"]) if "docProps/custom.xml" in parts else {}
    )
    walker = Walker()
    walker.story(parse_xml(parts["word/document.xml"]), "body")
    if "word/footnotes.xml" in parts:
        walker.story(parse_xml(parts["word/footnotes.xml"]), "footnotes")
    walker.finish()
    comments = _comments(parts, walker)
    return Returned(
        properties,
        walker.anchor_order,
        walker.passages,
        comments,
        walker.changes,
        walker.paged,
    )


def _comments(parts: dict[str, bytes], walker: Walker) -> list[Comment]:
    if "word/comments.xml" not in parts:
        return []
    root = parse_xml(parts["word/comments.xml"])
    found: list[Comment] = []
    for node in root.iter(wml("comment")):
        comment_id = node.get(wml("id"), "")
        paragraphs = node.findall(f".//{wml('p')}")
        text = "\n".join("".join(t.text or "" for t in p.iter(wml("t"))) for p in paragraphs).strip()
        para_id = paragraphs[-1].get(f"{{{W14}}}paraId", "") if paragraphs else ""
        place = walker.comment_places.get(comment_id) or Place()
        passage = "".join(walker.comment_text.get(comment_id, [])).strip()
        found.append(
            Comment(
                comment_id,
                node.get(wml("author"), ""),
                node.get(wml("initials"), ""),
                date_of(node.get(wml("date"))),
                text,
                " ".join(passage.split()),
                place,
                para_id=para_id,
            )
        )
    return sorted(_threads(found, parts), key=lambda c: c.place.order)


def _threads(comments: list[Comment], parts: dict[str, bytes]) -> list[Comment]:
    """Replies under their comment (``w15:paraIdParent``), the done flag (``w15:done``)."""
    if "word/commentsExtended.xml" not in parts:
        return comments
    root = parse_xml(parts["word/commentsExtended.xml"])
    by_para = {c.para_id: c for c in comments if c.para_id}
    parents: dict[str, str] = {}
    for node in root.iter(f"{{{W15}}}commentEx"):
        para = node.get(f"{{{W15}}}paraId", "")
        if para in by_para and node.get(f"{{{W15}}}done") in ("1", "true"):
            by_para[para].done = True
        parent = node.get(f"{{{W15}}}paraIdParent")
        if para in by_para and parent in by_para and parent != para:
            parents[para] = parent
    top: list[Comment] = []
    for comment in comments:
        parent = parents.get(comment.para_id)
        seen = {comment.para_id}
        while parent in parents and parent not in seen:  # a reply to a reply belongs to the thread
            seen.add(parent)
            parent = parents[parent]
        if parent is not None and parent in by_para:
            by_para[parent].replies.append(comment)
        else:
            top.append(comment)
    return top
