"""The .docx as a zip package: deterministic bytes and a verification before anything is written."""

from __future__ import annotations

import copy
import functools
import hashlib
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
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_T = f"{_W}t"
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def save(document: Any) -> bytes:
    """A python-docx ``document`` as .docx bytes, written once with fixed timestamps and attributes: the
    same bytes as ``normalize`` of python-docx's own save, without compressing everything twice, and with
    each XML part serialised straight into its compressed entry (a 16 MB document.xml is never held as
    bytes beside its tree). python-docx's writer makes [Content_Types].xml and the relationships."""
    from docx.opc.part import XmlPart
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
        for part in parts:  # as PackageWriter._write_parts, an XML part streamed
            if isinstance(part, XmlPart) and type(part).blob is XmlPart.blob:  # blob not overridden
                with target.open(_fixed_info(part.partname.membername), "w") as entry:
                    # the same bytes as python-docx's serialize_part_xml (etree.tostring)
                    etree.ElementTree(part.element).write(entry, encoding="UTF-8", standalone=True)
            else:
                writer.write(part.partname, part.blob)
            if len(part.rels):
                writer.write(part.partname.rels_uri, part.rels.xml)
    return out.getvalue()


class _FixedEntries:
    """python-docx's physical package writer, writing entries as ``normalize`` fixes them."""

    def __init__(self, target: zipfile.ZipFile):
        self._target = target

    def write(self, pack_uri: Any, blob: bytes) -> None:
        _write_fixed(self._target, pack_uri.membername, blob)


def _fixed_info(name: str) -> zipfile.ZipInfo:
    fixed = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    fixed.compress_type = zipfile.ZIP_DEFLATED
    fixed.external_attr = 0o644 << 16
    fixed.create_system = 0
    return fixed


def _write_fixed(target: zipfile.ZipFile, name: str, data: bytes) -> None:
    fixed = _fixed_info(name)
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
        return [f"kein ZIP-Paket: {exc}"]
    names = set(package.namelist())
    problems: list[str] = []
    for required in ("[Content_Types].xml", "word/document.xml", "_rels/.rels"):
        if required not in names:
            problems.append(f"der Teil {required} fehlt")
    for name in sorted(names):
        if not name.endswith((".xml", ".rels")):
            continue
        if name.endswith(".rels"):
            try:
                root = ElementTree.fromstring(package.read(name))
            except ElementTree.ParseError as exc:
                problems.append(f"{name} ist kein wohlgeformtes XML: {exc}")
                continue
            problems += _check_relationships(name, root, names)
            continue
        try:
            text = ""
            # read in pieces from the zip: a large document.xml is never held whole
            braces = _well_formed(package, name)
            if braces and _TEXT_PARTS.match(name):  # its text could hold a template tag: read it
                with package.open(name) as stream:
                    text = _text_of(stream)
        except (etree.XMLSyntaxError, expat.ExpatError) as exc:
            problems.append(f"{name} ist kein wohlgeformtes XML: {exc}")
            continue
        match = _LEFTOVER.search(text)
        if match:
            start = max(match.start() - 30, 0)
            problems.append(f"Vorlagen-Tag übrig in {name}: …{text[start : match.end() + 30]}…")
    return problems


_CHUNK = 1 << 16
# parts found well-formed, by a digest of their bytes → whether they could hold a tag: the template's
# styles (355 KB and 438 KB in the built-in konzept) come again in every document of a batch
_KNOWN: dict[bytes, bool] = {}
_KNOWN_ENTRIES = 512
_KNOWN_SIZE = 4 << 20  # larger parts are read in pieces, never whole


def _well_formed(package: zipfile.ZipFile, name: str) -> bool:
    """Raise ExpatError unless the part ``name`` is well-formed, namespace-correct XML; return whether
    its text could hold a template tag (a brace, or a character reference, anywhere). Expat checks in C,
    piece by piece, without building a tree or calling back into Python; a part whose bytes were found
    well-formed before (in this process) is known by their digest."""
    if package.getinfo(name).file_size > _KNOWN_SIZE:
        return _parsed(package, name)
    data = package.read(name)
    digest = hashlib.blake2b(data, digest_size=20).digest()
    braces = _KNOWN.get(digest)
    if braces is None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.Parse(data, True)
        braces = _KNOWN[digest] = b"{" in data or b"}" in data or b"&#" in data
        if len(_KNOWN) > _KNOWN_ENTRIES:
            _KNOWN.pop(next(iter(_KNOWN)))  # the oldest
    return braces


def _parsed(package: zipfile.ZipFile, name: str) -> bool:
    """_well_formed of a large part, in pieces."""
    parser = expat.ParserCreate(namespace_separator=" ")
    braces = False
    last = b""
    with package.open(name) as stream:
        while chunk := stream.read(_CHUNK):
            if not braces:
                joined = last + chunk  # "&#" may be cut between two pieces
                braces = b"{" in joined or b"}" in joined or b"&#" in joined
                last = chunk[-1:]
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return braces


def _text_of(stream: Any) -> str:
    """Parse ``stream`` (a part read from the zip) incrementally, so that a large document.xml is never a
    whole tree in memory, and return the text of its ``w:t`` elements; raises XMLSyntaxError when it is
    not well-formed."""
    texts: list[str] = []
    for _event, element in etree.iterparse(stream, events=("end",), huge_tree=True):
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
            problems.append(f"{rels_name}: die Beziehung {rel.get('Id')} zeigt auf den fehlenden Teil {path}")
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


def paragraph_runs(blob: bytes) -> list[list[str]]:
    """The texts of the runs (``w:t``) of each paragraph of a .docx's body, tables' cells included, in
    order; [] for bytes that are no readable .docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as package:
            data = package.read("word/document.xml")
        runs: list[list[str]] = []
        current: list[str] = []
        p = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
        for event, element in etree.iterparse(
            io.BytesIO(data), events=("start", "end"), tag=(p, _W_T), huge_tree=True
        ):
            if event == "start":
                if element.tag == p:
                    current = []
            elif element.tag == _W_T:
                current.append(element.text or "")
            else:
                runs.append(current)
                element.clear(keep_tail=True)
        return runs
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return []


class BodyBlock:
    """One element of a document's body (a paragraph, a table …) with its bookmarks left out (their ids
    and names move with every edit; they do not change how a page looks): ``xml`` as written, ``shape``
    the same with every text emptied; for a paragraph its properties (``w:pPr``), ``texts`` (``w:t``),
    ``plain`` (nothing but runs without properties, each holding one text) and ``ends_plain`` (its last
    run has no properties and holds only text). All but ``xml`` are worked out when asked for."""

    def __init__(self, element: Any) -> None:
        self.element = element
        self.xml: bytes = etree.tostring(element)
        self.paragraph = element.tag == f"{_W}p"

    @functools.cached_property
    def shape(self) -> bytes:
        blank = copy.deepcopy(self.element)
        for text in blank.iter(_W_T):
            text.text = ""
        return etree.tostring(blank)

    @functools.cached_property
    def texts(self) -> tuple[str, ...]:
        return tuple(t.text or "" for t in self.element.iter(_W_T))

    @functools.cached_property
    def properties(self) -> bytes:
        found = self.element.find(f"{_W}pPr") if self.paragraph else None
        return b"" if found is None else etree.tostring(found)

    @functools.cached_property
    def _runs(self) -> list[Any]:
        return [child for child in self.element if child.tag != f"{_W}pPr"] if self.paragraph else []

    @property
    def plain(self) -> bool:
        return bool(self._runs) and all(_bare(run) for run in self._runs)

    @property
    def ends_plain(self) -> bool:
        return bool(self._runs) and _bare(self._runs[-1])


def _bare(run: Any) -> bool:
    return run.tag == f"{_W}r" and len(run) == 1 and run[0].tag == _W_T


_BOOKMARKS = re.compile(rb"<w:bookmark(?:Start|End)\b[^>]*/>")


def body_blocks(blob: bytes) -> tuple[list[BodyBlock], dict[str, bytes]] | None:
    """The body's elements of a .docx and its other parts (bookmarks left out of all), None for bytes
    that are no readable .docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as package:
            parts = {name: _BOOKMARKS.sub(b"", package.read(name)) for name in package.namelist()}
        root = etree.fromstring(parts.pop("word/document.xml"), etree.XMLParser(huge_tree=True))
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    body = root.find(f"{_W}body")
    if body is None:
        return None
    return [BodyBlock(element) for element in body], parts


def _paragraphs(data: bytes) -> list[str]:
    texts: list[str] = []
    current: list[str] = []
    p = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    # events only for paragraphs and texts: lxml skips the rest in C (half the time of every element's)
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=(p, _W_T), huge_tree=True)
    for event, element in events:
        if event == "start":
            if element.tag == p:
                current = []
        elif element.tag == _W_T:
            if element.text:
                current.append(element.text)
        else:
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
