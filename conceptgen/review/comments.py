"""kommentare.yaml: every comment of a returned file (and every change that stays to do), each under an ID
that is the same on every run, so that the consultancy's answers (``answer:``, ``status:``) stay with it.
`conceptgen review` appends what is new and never changes what is there; `render --comments` shows the
open ones with their answers as Word comments in the next draft (render/comments.py), the preview lists
them (preview/page.py)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from conceptgen.review.entries import Entry

if TYPE_CHECKING:
    from conceptgen.review import Review

FILE = "kommentare.yaml"
HEADER = (
    "# Rückmeldungen zu den Entwürfen: `conceptgen review` trägt neue Kommentare ein, ändert aber nichts,\n"
    "# was hier steht. Antworten unter answer:, Stand unter status: (offen, beantwortet, erledigt,\n"
    "# abgelehnt, übernommen); `conceptgen render --comments` zeigt offene und beantwortete Kommentare\n"
    "# mit der Antwort als Word-Kommentare im nächsten Entwurf.\n"
    "comments:\n"
)


@dataclass
class Answers:
    """kommentare.yaml after a review: its new content (when anything was added), and the answers the
    consultancy already wrote to the entries of this review (entry number → answer)."""

    path: Path
    content: bytes = b""
    changed: bool = False
    numbers: dict[int, str] = field(default_factory=dict)


def comment_id(document: str, entry: Entry) -> str:
    """An ID from what the entry says (its document, kind, author, date, text, passage)."""
    when = entry.date.isoformat() if entry.date else ""
    key = "|".join((document, entry.kind, entry.author, when, entry.text, entry.passage))
    return "r-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def listed(entry: Entry) -> bool:
    """Comments, and changes that are not carried into the sources by --apply."""
    return entry.kind == "comment" or not entry.status.startswith(("übernehmbar", "übernommen"))


def merge_comments(review: Review) -> Answers:
    """Append the review's new entries to kommentare.yaml; the answers already given to its entries."""
    path = review.root / FILE
    known = {c.id: c for c in review.concept.comments}
    answers = Answers(path)
    new: list[str] = []
    for entry in review.entries:
        if not listed(entry):
            continue
        ident = comment_id(review.document, entry)
        entry.ident = ident
        if ident in known:
            answers.numbers[entry.number] = known[ident].answer or ""
            if entry.kind == "comment" and known[ident].status.value != "offen":
                entry.status = known[ident].status.value
            continue
        new.append(_block(ident, review, entry))
    if not new:
        return answers
    if path.is_file():
        text = path.read_text(encoding="utf-8-sig")
        if not text.endswith("\n"):
            text += "\n"
        if not review.concept.comments and "comments:" not in text:
            text += "comments:\n"
    else:
        text = HEADER
    content = text + "".join(new)
    _verify(content, len(review.concept.comments) + len(new), path)
    answers.content = content.encode("utf-8")
    answers.changed = True
    return answers


def _verify(content: str, count: int, path: Path) -> None:
    """The appended file must hold every comment: a file whose list is not the last thing in it (or is
    written in flow style) cannot take new ones at its end."""
    import yaml

    from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, relative

    try:
        data = yaml.safe_load(content)
        found = len(data["comments"]) if isinstance(data, dict) and isinstance(data["comments"], list) else -1
    except (yaml.YAMLError, KeyError, TypeError):
        found = -1
    if found != count:
        raise DiagnosticError(
            diagnostic(
                "CG904",
                "neue Kommentare können nicht angefügt werden: die Liste comments: ist nicht das Letzte "
                "in der Datei oder in Klammern geschrieben",
                Location(relative(path)),
                hint="comments: als letzten Schlüssel und die Einträge untereinander mit - schreiben",
            )
        )


def _block(ident: str, review: Review, entry: Entry) -> str:
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar

    source = entry.source
    lines = [
        f"  - id: {ident}",
        f"    document: {quoted(review.document)}",
        f"    kind: {quoted(entry.kind_name)}",
        f"    author: {quoted(entry.author)}",
    ]
    if entry.date:
        lines.append(f"    date: {entry.date.date().isoformat()}")
    lines.append(f"    text: {quoted(entry.text)}")
    if entry.passage:
        lines.append(f"    passage: {quoted(entry.passage)}")
    if source is not None:
        where = f"{source.file}:{source.line}" + (f":{source.column}" if source.column else "")
        lines.append(f"    source: {quoted(where)}")
        if source.key:
            lines.append(f"    key: {quoted(source.key)}")
    if entry.page:
        lines.append(f"    page: {entry.page}")
    if entry.replies:
        lines.append("    replies:")
        for author, when, text in entry.replies:
            lines.append(f"      - author: {quoted(author)}")
            if when:
                lines.append(f"        date: {when.date().isoformat()}")
            lines.append(f"        text: {quoted(text)}")
    status = "erledigt" if entry.done else "offen"
    lines += [f"    status: {status}", "    answer:"]
    return "\n".join(lines) + "\n"


def comment_list(root: Path) -> list[dict[str, str]]:
    """The comments of kommentare.yaml as the preview lists them (plain strings; nothing when the file
    is missing or unreadable: `check` reports it)."""
    import yaml

    path = root / FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    items = data.get("comments") if isinstance(data, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        replies = item.get("replies") if isinstance(item.get("replies"), list) else []
        found.append(
            {
                "id": str(item.get("id", "")),
                "document": str(item.get("document") or ""),
                "kind": str(item.get("kind") or "Kommentar"),
                "author": str(item.get("author") or ""),
                "date": str(item.get("date") or ""),
                "text": str(item.get("text") or ""),
                "passage": str(item.get("passage") or ""),
                "source": str(item.get("source") or ""),
                "key": str(item.get("key") or ""),
                "status": str(item.get("status") or "offen"),
                "answer": str(item.get("answer") or ""),
                "replies": "\n".join(
                    f"{r.get('author', '')}: {r.get('text', '')}" for r in replies if isinstance(r, dict)
                ),
            }
        )
    return found
