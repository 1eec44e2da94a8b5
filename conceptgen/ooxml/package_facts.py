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


def _paragraphs(root: etree._Element) -> list[str]:
    """The text of every ``w:p`` of the body in document order (tabs and breaks as spaces, a
    non-breaking hyphen as a hyphen; the fallback copies of ``mc:AlternateContent`` left out)."""
    found = []
    for paragraph in root.iter(f"{{{W}}}p"):
        if any(a.tag == f"{{{_MC}}}Fallback" for a in paragraph.iterancestors()):
            continue
        parts = []
        for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}noBreakHyphen"):
            local = etree.QName(node).localname
            if local == "t":
                parts.append(node.text or "")
            else:
                parts.append("-" if local == "noBreakHyphen" else " ")
        found.append("".join(parts))
    return found
