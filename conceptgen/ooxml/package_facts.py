"""What a finished package tells about itself, for the PDF made from it (render/pdf_ua.py): the
alternative texts of its drawings in reading order, its title, language and date, and its paragraphs'
texts (render/pdf_pages.py tells a paragraph broken across pages from two paragraphs by them)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from conceptgen.ooxml.base import WP, W

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"


@dataclass
class PackageFacts:
    """The drawings' (title, description) in body order; the core properties a PDF repeats."""

    figures: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""
    language: str = ""
    created: str = ""  # W3CDTF, as docProps/core.xml holds it
    paragraphs: list[str] = field(default_factory=list)  # the body's, table cells' included, in order
    page_starts: list[str] = field(default_factory=list)  # texts that begin a page because the body says so


def xmp_properties(facts: PackageFacts) -> dict[str, object]:
    """The XMP properties a PDF of the package carries (pikepdf's names): the PDF/UA identification, the
    title, the language and the document's own date for every date (a PDF of the same .docx is the same
    file)."""
    found: dict[str, object] = {"pdfuaid:part": "1"}
    if facts.title:
        found["dc:title"] = facts.title
    if facts.language:
        found["dc:language"] = [facts.language]
    created = facts.created.replace("Z", "+00:00")
    if created:
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            found[key] = created
    return found


def read_facts(docx: bytes) -> PackageFacts:
    """The facts of ``docx`` (an unreadable part gives empty facts, never an error: the PDF is then
    checked without them)."""
    facts = PackageFacts()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            names = set(package.namelist())
            body = package.read("word/document.xml") if "word/document.xml" in names else b""
            core = package.read("docProps/core.xml") if "docProps/core.xml" in names else b""
    except (zipfile.BadZipFile, OSError):
        return facts
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        if body:
            root = etree.fromstring(body, parser)
            facts.figures = _figures(root)
            facts.paragraphs = _paragraphs(root)
            facts.page_starts = _page_starts(root)
        if core:
            root = etree.fromstring(core, parser)
            facts.title = (root.findtext(f"{{{_DC}}}title") or "").strip()
            facts.language = (root.findtext(f"{{{_DC}}}language") or "").strip()
            facts.created = (root.findtext(f"{{{_DCTERMS}}}created") or "").strip()
    except etree.XMLSyntaxError:
        return PackageFacts()
    return facts


def _figures(root: etree._Element) -> list[tuple[str, str]]:
    """(title, descr) of each ``wp:docPr`` in document order, leaving out the fallback copies of
    ``mc:AlternateContent`` (one drawing, one figure)."""
    found = []
    for doc_pr in root.iter(f"{{{WP}}}docPr"):
        if any(a.tag == f"{{{_MC}}}Fallback" for a in doc_pr.iterancestors()):
            continue
        found.append((doc_pr.get("title", ""), doc_pr.get("descr", "")))
    return found


def _page_starts(root: etree._Element) -> list[str]:
    """The text of each paragraph that begins a page because the body asks for it at that point: its own
    ``w:pageBreakBefore``, a page-break run before it or a section break that starts a new page — not a
    style's page break (a template that begins every chapter on a page left a short chapter's page nearly
    empty). An empty paragraph passes the break on to the next one with text."""
    found: list[str] = []
    pending = False
    paragraphs = _body_paragraphs(root)
    # a section's w:type says how it begins; its w:sectPr ends it (the last one is the body's own)
    sections = [p.find(f"{{{W}}}pPr/{{{W}}}sectPr") for p in paragraphs]
    ends = [s for s in sections if s is not None] + root.findall(f"{{{W}}}body/{{{W}}}sectPr")
    section = 0
    for paragraph, text, end in zip(paragraphs, _paragraphs(root), sections, strict=True):
        own = paragraph.find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore")
        if own is not None and own.get(f"{{{W}}}val", "1") not in ("0", "false", "off"):
            pending = True
        after_break = _text_after_page_break(paragraph)
        if pending and text.strip():
            found.append(text)
            pending = False
        if after_break is not None:
            if after_break.strip():
                found.append(after_break)
            else:
                pending = True
        if end is not None:
            section += 1
            kind = ends[section].find(f"{{{W}}}type") if section < len(ends) else None
            pending = pending or kind is None or kind.get(f"{{{W}}}val") != "continuous"
    return found


def _text_after_page_break(paragraph: etree._Element) -> str | None:
    """The text after the last page-break run of ``paragraph`` (None: it has none)."""
    after: list[str] | None = None
    for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}br"):
        if etree.QName(node).localname == "br" and node.get(f"{{{W}}}type") == "page":
            after = []
        elif after is not None and etree.QName(node).localname == "t":
            after.append(node.text or "")
    return None if after is None else "".join(after)


def _body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """Every ``w:p`` of the body in document order, the fallback copies of ``mc:AlternateContent`` left
    out."""
    return [
        p for p in root.iter(f"{{{W}}}p") if not any(a.tag == f"{{{_MC}}}Fallback" for a in p.iterancestors())
    ]


def _paragraphs(root: etree._Element) -> list[str]:
    """The text of every ``w:p`` of the body in document order (tabs and breaks as spaces, a
    non-breaking hyphen as a hyphen; the fallback copies of ``mc:AlternateContent`` left out)."""
    found = []
    for paragraph in _body_paragraphs(root):
        parts = []
        for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}noBreakHyphen"):
            local = etree.QName(node).localname
            if local == "t":
                parts.append(node.text or "")
            else:
                parts.append("-" if local == "noBreakHyphen" else " ")
        found.append("".join(parts))
    return found
