"""Review anchors: hidden bookmarks that name the source of a passage, and the custom document properties
that say which project and files they refer to (docs/review.md).

A bookmark ``_cg<kind><file>_<line>_<column>_<offset>_<serial>`` (numbers in base 36, lowercase: Word
compares bookmark names without case and allows at most 40 characters; a leading underscore hides it
in Word's bookmark list) wraps a passage: a paragraph of a Markdown text (kind ``t``: the text starts at
line:column, the paragraph ``offset`` lines later), a YAML scalar (``s``: its value at line:column), a
text made from one value (``d``: a period, an amount, a list joined) or a part conceptgen generated from
data (``g``: the entry that defines it). ``file`` indexes the list of
project files in the custom properties ``conceptgen.dateien.N``. Both survive Word's and LibreOffice's
save (docs/review.md has the measurements); content controls (``w:sdt`` tags) do not survive LibreOffice.

Inline scalars reach the document through a template (``{{ m.lead }}``) as text between private-use
marker characters; :func:`mark_passages` turns them into bookmarks after the template ran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape  # not xml.sax.saxutils': it imports urllib.request and ssl (60 ms of a start)
from typing import Any

from conceptgen.ooxml.base import Element, element, qn

PREFIX = "_cg"
KINDS = {"t": "text", "s": "scalar", "d": "derived", "g": "generated"}
FIRST_ID = 1_000_000  # bookmark ids above those numbering gives (1001 …) and those of a template
# LibreOffice renames a bookmark whose name it has seen before (a footnote's, on import): „…_Copy_1“,
# and again on each save: „…_Copy_1_Copy_1“
_NAME = re.compile(r"^_cg([tsdg])([0-9a-z]+)_([0-9a-z]+)_([0-9a-z]+)_([0-9a-z]+)_([0-9a-z]+)(?:_copy_\d+)*$")

# a marked passage in template output: START, the anchor's number in DIGITS, SEPARATOR, text, END
START, SEPARATOR, END = "\ue000", "\ue001", "\ue002"
_DIGIT0 = 0xE010
_MARKED = re.compile("\ue000([\ue010-\ue019]+)\ue001([^\ue000-\ue002]*)\ue002")
_MARKERS = re.compile("[\ue000-\ue002\ue010-\ue019]")

CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_QUOT = "&quot;"
_CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PROPERTY_PREFIX = "conceptgen."
CHUNK = 240  # Word keeps at most 255 characters of a custom property's text


@dataclass(frozen=True)
class AnchorCode:
    """What an anchor's name says: kind, file index, line, column, line offset, serial number."""

    kind: str
    file: int
    line: int
    column: int
    offset: int
    serial: int

    @property
    def name(self) -> str:
        numbers = (self.file, self.line, self.column, self.offset, self.serial)
        return f"{PREFIX}{self.kind}{'_'.join(_base36(n) for n in numbers)}"


def parse_name(name: str) -> AnchorCode | None:
    """The anchor a bookmark name describes, or None for any other bookmark."""
    match = _NAME.match(name.lower())
    if not match:
        return None
    kind, *numbers = match.groups()
    file, line, column, offset, serial = (int(n, 36) for n in numbers)
    return AnchorCode(kind, file, line, column, offset, serial)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


# --- writing ------------------------------------------------------------------------------------


def wrap_paragraph(paragraph: Element, name: str, bookmark_id: int) -> bool:
    """Wrap the content of ``paragraph`` (all but its properties) in the bookmark ``name``; False (and
    nothing done) for a paragraph without text."""
    if not any(t.text for t in paragraph.iter(qn("w:t"))):
        return False
    content = [c for c in paragraph if c.tag != qn("w:pPr")]
    content[0].addprevious(element("w:bookmarkStart", **{"w:id": str(bookmark_id), "w:name": name}))
    content[-1].addnext(element("w:bookmarkEnd", **{"w:id": str(bookmark_id)}))
    return True


BLOCK_START, BLOCK_END = "\ue003", "\ue004"


def block_sentinel(key: str, *, end: bool = False) -> Element:
    """A paragraph that marks where a block's snippet begins (or ends) in a template's body, so that
    its paragraphs can be found after the template ran (:func:`cut_blocks`)."""
    paragraph = element("w:p")
    run = element("w:r")
    text = element("w:t")
    text.text = f"{BLOCK_END if end else BLOCK_START}{key}"
    run.append(text)
    paragraph.append(run)
    return paragraph


def cut_blocks(body: Element) -> list[tuple[str, list[Element]]]:
    """The elements between each pair of block sentinels in ``body`` (by the block's key); the
    sentinels are removed."""
    found: list[tuple[str, list[Element]]] = []
    current: list[Element] | None = None
    for child in list(body):
        text = "".join(t.text or "" for t in child.iter(qn("w:t"))) if child.tag == qn("w:p") else ""
        if text[:1] in (BLOCK_START, BLOCK_END) and text[1:] and not text[1:].startswith(" "):
            if text[0] == BLOCK_START:
                current = []
                found.append((text[1:], current))
            else:
                current = None
            body.remove(child)
        elif current is not None:
            current.append(child)
    return found


def paragraphs_of(elements: list[Element]) -> list[Element]:
    """The paragraphs among ``elements`` and inside them (a table's cells)."""
    found = []
    for node in elements:
        found += [node] if node.tag == qn("w:p") else list(node.iter(qn("w:p")))
    return found


def has_paragraph_anchor(paragraph: Element) -> bool:
    """Whether a text or generated anchor already wraps ``paragraph`` (a scalar's may wrap a part)."""
    for start in paragraph.findall(qn("w:bookmarkStart")):
        code = parse_name(start.get(qn("w:name"), ""))
        if code is not None and code.kind in ("t", "g"):
            return True
    return False


def marker(number: int, text: str) -> str:
    """``text`` marked as the passage of anchor ``number`` (for template output)."""
    digits = "".join(chr(_DIGIT0 + int(d)) for d in str(number))
    return f"{START}{digits}{SEPARATOR}{text}{END}"


def has_markers(text: str) -> bool:
    return bool(text) and _MARKERS.search(text) is not None


def strip_markers(text: str) -> str:
    """``text`` without marker characters and anchor numbers (what a reader sees)."""
    return _MARKED.sub(lambda m: m.group(2), text).translate(_STRIP)


_STRIP = {c: None for c in [0xE000, 0xE001, 0xE002, *range(_DIGIT0, _DIGIT0 + 10)]}


def mark_passages(root: Element, bookmark: Any) -> None:
    """Turn the marked passages in the runs below ``root`` into bookmarks: ``bookmark(number)`` gives
    (name, id) for anchor ``number``, or None to drop the marks only. Marks that a template cut apart
    (a slice, a filter) are removed without a bookmark."""
    for t in list(root.iter(qn("w:t"))):
        if not has_markers(t.text or ""):
            continue
        run = t.getparent()
        if run.tag != qn("w:r"):
            t.text = strip_markers(t.text)
            continue
        _split_run(run, t, bookmark)
    for node in root.iter(qn("w:instrText")):  # a marked value in a field instruction keeps its text
        if has_markers(node.text or ""):
            node.text = strip_markers(node.text)


def _split_run(run: Element, t: Element, bookmark: Any) -> None:
    """Split ``run`` at the marked passages of its ``t``; each passage gets a run of its own between a
    bookmark's start and end."""
    import copy

    text = t.text or ""
    pieces: list[tuple[str, int | None]] = []  # (text, anchor number or None)
    position = 0
    for match in _MARKED.finditer(text):
        pieces.append((text[position : match.start()], None))
        number = int("".join(str(ord(c) - _DIGIT0) for c in match.group(1)))
        pieces.append((match.group(2), number))
        position = match.end()
    pieces.append((text[position:], None))
    pieces = [(strip_markers(p), n) for p, n in pieces if p or n is not None]
    before = [c for c in run if c is not t and c.tag != qn("w:rPr") and _is_before(run, c, t)]
    after = [c for c in run if c is not t and c.tag != qn("w:rPr") and not _is_before(run, c, t)]
    properties = run.find(qn("w:rPr"))
    place = run
    new_runs = []
    for index, (piece, number) in enumerate(pieces):
        new = element("w:r")
        if properties is not None:
            new.append(copy.deepcopy(properties))
        if index == 0:
            new.extend(before)
        if piece:
            node = element("w:t", **{"xml:space": "preserve"})
            node.text = piece
            new.append(node)
        if index == len(pieces) - 1:
            new.extend(after)
        found = bookmark(number) if number is not None and piece else None
        if found:
            name, bookmark_id = found
            start = element("w:bookmarkStart", **{"w:id": str(bookmark_id), "w:name": name})
            place.addnext(start)
            start.addnext(new)
            end = element("w:bookmarkEnd", **{"w:id": str(bookmark_id)})
            new.addnext(end)
            place = end
        else:
            place.addnext(new)
            place = new
        new_runs.append(new)
    run.getparent().remove(run)


def _is_before(run: Element, child: Element, t: Element) -> bool:
    children = list(run)
    return children.index(child) < children.index(t)


def anchor_runs(root: Element, name: str) -> list[Element]:
    """The runs an anchor wraps (within its paragraph; runs of a hyperlink included)."""
    start = next((b for b in root.iter(qn("w:bookmarkStart")) if b.get(qn("w:name")) == name), None)
    if start is None:
        return []
    ident = start.get(qn("w:id"))
    runs: list[Element] = []
    node = start.getnext()
    while node is not None and not (node.tag == qn("w:bookmarkEnd") and node.get(qn("w:id")) == ident):
        if node.tag == qn("w:r"):
            runs.append(node)
        elif node.tag == qn("w:hyperlink"):
            runs += node.findall(qn("w:r"))
        node = node.getnext()
    return runs


def text_runs(paragraph: Element) -> list[Element]:
    """The runs of a paragraph that hold text."""
    return [r for r in paragraph.findall(qn("w:r")) if r.find(qn("w:t")) is not None]


# --- custom properties ----------------------------------------------------------------------------


def set_properties(document: Any, values: dict[str, str]) -> None:
    """Write ``values`` (name → text) as custom document properties, each prefixed ``conceptgen.`` and
    longer texts split into ``name.1``, ``name.2`` … of at most CHUNK characters; other custom
    properties (a client's template may have some) are kept."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    existing = None
    for rel in package.rels.values():
        if rel.reltype == CUSTOM_RELATIONSHIP:
            existing = rel.target_part
    kept = [
        (name, kind, value)
        for name, kind, value in (_read_properties(existing.blob) if existing is not None else [])
        if not name.startswith(PROPERTY_PREFIX)
    ]
    ours = []
    for name, value in values.items():
        chunks = [value[i : i + CHUNK] for i in range(0, len(value), CHUNK)] or [""]
        if len(chunks) == 1:
            ours.append((PROPERTY_PREFIX + name, "lpwstr", chunks[0]))
        else:
            ours += [(f"{PROPERTY_PREFIX}{name}.{i}", "lpwstr", c) for i, c in enumerate(chunks, 1)]
    entries = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, quote=False).replace(chr(34), _QUOT)}">'
        f"<vt:{kind}>{escape(value, quote=False)}</vt:{kind}></property>"
        for pid, (name, kind, value) in enumerate([*kept, *ours], start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CP}" xmlns:vt="{_VT}">{entries}</Properties>'
    ).encode()
    if existing is not None:
        existing._blob = blob
        return
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CONTENT_TYPE, blob, package)
    package.relate_to(part, CUSTOM_RELATIONSHIP)


def _read_properties(blob: bytes) -> list[tuple[str, str, str]]:
    from lxml import etree

    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return []
    found = []
    for prop in root.iter(f"{{{_CP}}}property"):
        value = next((c for c in prop if isinstance(c.tag, str)), None)
        if value is not None:
            kind = value.tag.rsplit("}", 1)[-1]
            found.append((prop.get("name", ""), kind, value.text or ""))
    return found


def read_properties(blob: bytes) -> dict[str, str]:
    """conceptgen's custom properties of docProps/custom.xml (without the prefix), chunks joined."""
    values: dict[str, str] = {}
    chunked: dict[str, dict[int, str]] = {}
    for name, _kind, value in _read_properties(blob):
        if not name.startswith(PROPERTY_PREFIX):
            continue
        key = name[len(PROPERTY_PREFIX) :]
        base, _, number = key.rpartition(".")
        if base and number.isdigit():
            chunked.setdefault(base, {})[int(number)] = value
        else:
            values[key] = value
    for base, chunks in chunked.items():
        values[base] = "".join(chunks[i] for i in sorted(chunks))
    return values


def without_anchors(docx: bytes) -> bytes:
    """``docx`` without its review anchors (for a PDF whose bookmarks become named destinations: they
    would only make it larger); every other part as it was."""
    import io
    import zipfile

    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in ("word/document.xml", "word/footnotes.xml") and PREFIX.encode() in data:
                root = etree.fromstring(data, etree.XMLParser(huge_tree=True, resolve_entities=False))
                ids = set()
                for start in list(root.iter(qn("w:bookmarkStart"))):
                    if parse_name(start.get(qn("w:name"), "")) is not None:
                        ids.add(start.get(qn("w:id")))
                        start.getparent().remove(start)
                for end in list(root.iter(qn("w:bookmarkEnd"))):
                    if end.get(qn("w:id")) in ids:
                        end.getparent().remove(end)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out.getvalue()
