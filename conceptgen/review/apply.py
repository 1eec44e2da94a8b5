"""``conceptgen review --apply``: tracked changes carried back into the sources.

A change is applied when its passage comes from a Markdown text (a file in text/ or a long YAML field)
or a plain YAML scalar, lies inside one anchor, and the text it takes out is found exactly once in that
passage's source. The rendered text differs from its source (typographic quotes and dashes, non-breaking
spaces, emphasis marks, citations and references expanded): both are compared folded, and the context
around the change grows until it is unique. Anything else is listed as to do, with the reason:
generated text (tables, sums, captions) is never edited — its entry names the data that produced it.

YAML files are edited by the same writer as ``import`` (exchange/yaml_edit.py: only the changed value's
characters, the file parsed again to verify); Markdown files by replacing the changed characters. All
files are written together or none (write.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conceptgen.loading import ProjectSource
from conceptgen.markup import escape_markdown
from conceptgen.ooxml.returned import Returned
from conceptgen.review.entries import Entry

APPLICABLE = "übernehmbar"
APPLIED = "übernommen"
_DROPPED = set("*_~`\\")
_DOUBLE = set('„“”"«»')
_SINGLE = set("‚‘’'‹›")
_DASHES = set("-–—‑")
_SPACES = set(" \t\n\r\u00a0\u202f\u2009\u2007")


@dataclass
class Edit:
    """A change to one source: the characters ``start``…``end`` of its text become ``new``."""

    entry: Entry
    file: str  # relative to the project folder
    path: tuple[Any, ...] | None  # the YAML key path; None for a Markdown file
    start: int
    end: int
    new: str


def plan(root: Path, source: ProjectSource, returned: Returned, entries: list[Entry]) -> list[Edit]:
    """The edits ``--apply`` would make; sets every change entry's status (what will happen, or why
    it stays to do)."""
    edits: list[Edit] = []
    texts: dict[str, str] = {}
    for entry in entries:
        if entry.kind == "comment":
            continue
        edit, reason = _edit(root, source, returned, entry, texts)
        if edit is None:
            entry.status = reason
        else:
            entry.status = APPLICABLE
            edits.append(edit)
    return _without_overlaps(edits)


def _edit(
    root: Path, source: ProjectSource, returned: Returned, entry: Entry, texts: dict[str, str]
) -> tuple[Edit | None, str]:
    change, where = entry.change, entry.source
    if change is None:
        return None, "von Hand"
    if where is None:
        return None, "von Hand: Stelle ohne Quelle (Deckblatt, Verzeichnis oder neuer Text)"
    if where.kind in ("generated", "derived") or where.generated:
        return None, f"nur Liste: aus Daten erzeugt – in {where.file} ändern"
    if change.kind == "format":
        return None, "nur Liste: Formatierung kommt aus der Vorlage"
    if change.kind in ("move", "paragraph"):
        return None, "von Hand: Absätze verschoben, geteilt oder verbunden"
    if not where.inside or len(change.anchors) > 1:
        return None, "von Hand: die Änderung reicht über ihre Quelle hinaus"
    if change.paragraph or "\n" in change.inserted:
        return None, "von Hand: die Änderung fügt Absätze ein oder entfernt sie"
    passage = returned.passages[change.place.anchor or ""]
    region = _region(root, source, where, texts)
    if region is None:
        return None, f"von Hand: {where.file} hat sich seit dem Versand geändert"
    text, start, end = region
    found = locate(passage.sent, change.start, change.end, text[start:end])
    if found is None:
        done = passage.sent[: change.start] + change.inserted + passage.sent[change.end :]
        if change.inserted and locate(
            done, change.start, change.start + len(change.inserted), text[start:end]
        ):
            return None, APPLIED + " (steht schon in der Quelle)"
        return None, "von Hand: die Stelle ist in der Quelle nicht eindeutig zu finden"
    new = change.inserted if where.kind == "scalar" else escape_markdown(change.inserted)
    return Edit(entry, where.file, where.path, start + found[0], start + found[1], new), ""


def _region(
    root: Path, source: ProjectSource, where: Any, texts: dict[str, str]
) -> tuple[str, int, int] | None:
    """The source text a passage came from: (the whole text, start, end of the passage's part)."""
    if where.kind == "scalar" or where.file.endswith((".yaml", ".yml")):
        if where.path is None:
            return None
        value = _value(source.data, where.path)
        if not isinstance(value, str):
            return None
        if where.kind == "scalar":
            return value, 0, len(value)
        return (value, *_paragraph(value, where.offset))
    if where.file not in texts:
        try:
            texts[where.file] = (root / where.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
    text = texts[where.file]
    return (text, *_paragraph(text, where.start[0] - 1 + where.offset))


def _value(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _paragraph(text: str, line: int) -> tuple[int, int]:
    """The characters of the paragraph that begins at 0-based ``line`` (to the next blank line)."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return 0, 0
    start = sum(len(x) + 1 for x in lines[:line])
    end = start
    for current in lines[line:]:
        if not current.strip() and end > start:
            break
        end += len(current) + 1
    return start, min(end, len(text))


# --- finding a change's place in its source ------------------------------------------------------


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` as compared: markup marks dropped, quotes, dashes and spaces of any kind the same, runs of
    them one; with each folded character's index in ``text`` (one more entry: the end)."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char in _DROPPED:
            continue
        if char in _DOUBLE:
            char = '"'
        elif char in _SINGLE:
            char = "'"
        elif char in _DASHES:
            char = "-"
        elif char in _SPACES:
            char = " "
        if char in ("-", " ") and out and out[-1] == char:
            continue
        if char == "…":
            out += "..."
            where += [index] * 3
            continue
        out.append(char)
        where.append(index)
    where.append(len(text))
    return "".join(out), where


def locate(sent: str, start: int, end: int, source: str) -> tuple[int, int] | None:
    """Where in ``source`` the characters ``start``…``end`` of the rendered ``sent`` come from: the
    changed text with as much context on either side as makes it unique; None when it is not there
    exactly once."""
    folded, where = fold(sent)
    first = next((i for i, index in enumerate(where) if index >= start), len(folded))
    last = next((i for i, index in enumerate(where) if index >= end), len(folded))
    changed, left, right = folded[first:last], folded[:first], folded[last:]
    target, back = fold(source)
    sizes = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]
    for size in sizes:
        if size > max(len(left), len(right)) and size:
            break
        for before, after in ((size, size), (size, 0), (0, size)):
            pre, post = left[len(left) - before :] if before else "", right[:after]
            if not (changed or pre or post) or (not changed and not (pre and post) and size < 3):
                continue
            hits = [m.start() for m in re.finditer(f"(?={re.escape(pre + changed + post)})", target)]
            if len(hits) == 1:
                position = hits[0] + len(pre)
                return back[position], back[position + len(changed)]
    return None


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in edits:
        clash = any(
            other.file == edit.file
            and other.path == edit.path
            and other.start < max(edit.end, edit.start + 1)
            and edit.start < max(other.end, other.start + 1)
            for other in kept
        )
        if clash:
            edit.entry.status = "von Hand: überschneidet sich mit einer anderen Änderung"
        else:
            kept.append(edit)
    return kept


# --- writing ----------------------------------------------------------------------------------------


def apply(root: Path, source: ProjectSource, edits: list[Edit]) -> list[Path]:
    """Write ``edits`` into the project's files, all together or none; returns the files written."""
    from conceptgen.write import write_atomically

    outputs: dict[Path, bytes] = {}
    for file in sorted({e.file for e in edits}):
        path = root / file
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        mine = [e for e in edits if e.file == file]
        if file.endswith((".yaml", ".yml")):
            from conceptgen.exchange.yaml_edit import YamlText

            document = YamlText(text)
            for key in sorted({e.path for e in mine if e.path is not None}, key=repr):
                value = _value(source.data, key)
                new = _spliced(value, [e for e in mine if e.path == key])
                document.set(_file_path(file, key), new)
            text = document.result()
        else:
            text = _spliced(text.replace("\r\n", "\n"), mine)
            if b"\r\n" in raw:
                text = text.replace("\n", "\r\n")
        outputs[path] = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    write_atomically(outputs)
    for edit in edits:
        edit.entry.status = APPLIED
    return sorted(outputs)


def _spliced(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def _file_path(file: str, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """A key path within its file: project.yaml's keys are the section ``project`` itself."""
    return (
        path[1:] if Path(file).name in ("project.yaml", "project.yml") and path[:1] == ("project",) else path
    )
