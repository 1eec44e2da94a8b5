"""``render --comments``: the open and answered comments of kommentare.yaml as Word comments in the next
draft, each at the passage that now comes from the same source (render/anchors.py finds it), written by
the consultancy with the client's comment, the replies and the answer. A comment whose source is gone
is put at the document's first text, naming where it was."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from conceptgen.document.anchors import DraftComment
from conceptgen.ooxml import anchors as xml_anchors
from conceptgen.ooxml import body as xml_body
from conceptgen.ooxml import styles as xml_styles

if TYPE_CHECKING:
    from conceptgen.render.anchors import Anchors


def add_draft_comments(
    document: Any, anchors: Anchors, comments: list[DraftComment], company: str, timestamp: dt.datetime | None
) -> None:
    from docx.text.run import Run

    body = xml_body.body(document)
    for comment in comments:
        name = anchors.find(comment.source)
        runs = xml_anchors.anchor_runs(body, name) if name else []
        lines = [f"{comment.heading}: {comment.text}" if comment.heading else comment.text]
        lines += list(comment.replies)
        if comment.answer:
            lines.append(f"Antwort: {comment.answer}")
        if not runs:
            runs = _first_runs(body)
            lines.append(f"(Die Stelle {comment.source} gibt es nicht mehr.)")
            if not runs:
                continue
        author = company or "conceptgen"
        made = document.add_comment(
            [Run(runs[0], None), Run(runs[-1], None)],
            text="\n".join(lines),
            author=author,
            initials=_initials(author),
        )
        made._comment_elm.date = timestamp or dt.datetime(2000, 1, 1)  # the same input, the same bytes
    xml_styles.ensure_comment_styles(document)


def _first_runs(body: Any) -> list[Any]:
    for paragraph in xml_body.paragraphs(body):
        runs = xml_anchors.text_runs(paragraph)
        if runs:
            return runs
    return []


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha())[:4]
