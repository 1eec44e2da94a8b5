"""The .docx as a zip package: deterministic bytes and a verification before anything is written."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from lxml import etree

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def save(document: Any) -> bytes:
    """A python-docx ``document`` as .docx bytes, written once with fixed timestamps and attributes: the
    same bytes as ``normalize`` of python-docx's own save, without compressing everything twice and
    holding the package three times (python-docx's writer with our zip entries)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        writer = _FixedEntries(target)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    return out.getvalue()


class _FixedEntries:
    """python-docx's physical package writer, writing entries as ``normalize`` fixes them."""

    def __init__(self, target: zipfile.ZipFile):
        self._target = target

    def write(self, pack_uri: Any, blob: bytes) -> None:
        _write_fixed(self._target, pack_uri.membername, blob)


def _write_fixed(target: zipfile.ZipFile, name: str, data: bytes) -> None:
    fixed = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    fixed.compress_type = zipfile.ZIP_DEFLATED
    fixed.external_attr = 0o644 << 16
    fixed.create_system = 0
    if name.startswith("word/embeddings/") and name.endswith(".xlsx"):
        data = normalize_workbook(data)
    target.writestr(fixed, data)


def normalize(blob: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and attributes, so equal content gives equal bytes.

    Embedded workbooks (charts) are normalised too, including the dates in their core properties.
    """
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            _write_fixed(target, info.filename, source.read(info.filename))
    return out.getvalue()


def normalize_workbook(blob: bytes) -> bytes:
    """A workbook with fixed zip timestamps and creation dates (XlsxWriter stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            target.writestr(fixed, data)
    return out.getvalue()


def verify(blob: bytes) -> list[str]:
    """Check a rendered .docx; returns a list of problems (empty when it is sound).

    The package must open, every XML part must parse, every internal relationship must point at a part
    that exists, and no template tag may be left in the visible text.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(blob))
    except zipfile.BadZipFile as exc:
        return [f"not a zip package: {exc}"]
    names = set(package.namelist())
    problems: list[str] = []
    for required in ("[Content_Types].xml", "word/document.xml", "_rels/.rels"):
        if required not in names:
            problems.append(f"missing part {required}")
    for name in sorted(names):
        if not name.endswith((".xml", ".rels")):
            continue
        data = package.read(name)
        if name.endswith(".rels"):
            try:
                root = ElementTree.fromstring(data)
            except ElementTree.ParseError as exc:
                problems.append(f"{name} is not well-formed XML: {exc}")
                continue
            problems += _check_relationships(name, root, names)
            continue
        try:
            if _TEXT_PARTS.match(name) and _may_hold_tags(data):
                text = _text_of(data)
            else:  # no brace anywhere: no tag can be left; only well-formedness to prove
                _well_formed(data)
                text = ""
        except (etree.XMLSyntaxError, expat.ExpatError) as exc:
            problems.append(f"{name} is not well-formed XML: {exc}")
            continue
        match = _LEFTOVER.search(text)
        if match:
            start = max(match.start() - 30, 0)
            problems.append(f"template tag left in {name}: …{text[start : match.end() + 30]}…")
    return problems


def _may_hold_tags(data: bytes) -> bool:
    """Whether a part's text could hold a template tag: only with a brace, or a character reference."""
    return b"{" in data or b"}" in data or b"&#" in data


def _well_formed(data: bytes) -> None:
    """Raise ExpatError unless ``data`` is well-formed, namespace-correct XML. Expat checks in C without
    building a tree or calling back into Python: several times faster than walking the part."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.Parse(data, True)


def _text_of(data: bytes) -> str:
    """Parse ``data`` as a stream (so a large document.xml never exists twice as a tree in memory) and
    return the text of its ``w:t`` elements; raises XMLSyntaxError when it is not well-formed."""
    texts: list[str] = []
    for _event, element in etree.iterparse(io.BytesIO(data), events=("end",), huge_tree=True):
        if element.tag == _W_T and element.text:
            texts.append(element.text)
        element.clear(keep_tail=True)
    return "".join(texts)


def _check_relationships(rels_name: str, root: ElementTree.Element, names: set[str]) -> list[str]:
    # word/_rels/document.xml.rels describes word/document.xml; targets are relative to word/
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    problems = []
    for rel in root:
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        if path not in names:
            problems.append(f"{rels_name}: relationship {rel.get('Id')} points to missing part {path}")
    return problems


def story_texts(path: str) -> dict[str, list[str]]:
    """The paragraph texts of the body, headers and footers of a package (a template's), by part name."""
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if re.match(r"^word/(document|header\d*|footer\d*)\.xml$", n)]
        return {name: _paragraphs(package.read(name)) for name in sorted(names)}


def paragraph_texts(path: str, part: str = "word/document.xml") -> list[str]:
    """The text of every paragraph of a package's part (a template's, read without python-docx)."""
    with zipfile.ZipFile(path) as package:
        return _paragraphs(package.read(part))


def _paragraphs(data: bytes) -> list[str]:
    texts: list[str] = []
    current: list[str] = []
    p = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    for event, element in etree.iterparse(io.BytesIO(data), events=("start", "end"), huge_tree=True):
        if event == "start" and element.tag == p:
            current = []
        elif event == "end" and element.tag == _W_T and element.text:
            current.append(element.text)
        elif event == "end" and element.tag == p:
            texts.append("".join(current))
            element.clear(keep_tail=True)
    return texts


def heading_paragraphs(path: str, level: int = 1) -> int:
    """How many body paragraphs of a package have the style of heading ``level`` (whatever its id: Word
    names it Heading1 in English, berschrift1 in German)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        if "word/styles.xml" not in names:
            return 0
        styles = etree.fromstring(package.read("word/styles.xml"), etree.XMLParser(huge_tree=True))
        ids = {
            style.get(f"{w}styleId")
            for style in styles.iter(f"{w}style")
            if (style.find(f"{w}name") is not None)
            and (style.find(f"{w}name").get(f"{w}val") or "").lower() == f"heading {level}"
        }
        body = etree.fromstring(package.read("word/document.xml"), etree.XMLParser(huge_tree=True))
    return sum(1 for style in body.iter(f"{w}pStyle") if style.get(f"{w}val") in ids)
