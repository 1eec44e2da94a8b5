"""Reads a PDF back and checks what PDF/UA-1 (ISO 14289-1) asks of it, as far as a machine can tell.

veraPDF is the reference validator, but it is a Java program that no registry this tool installs from
serves; so the machine-checkable part of the Matterhorn Protocol that our documents can fail is checked
here, on the PDF itself (pikepdf): the identification in the XMP metadata, the title shown, the
language, every figure with an alternative text, tables with header cells and their scope, headings
without skipped levels, lists built of items, links with a description inside a ``Link`` element,
fonts embedded and mapped to Unicode, and every piece of page content either tagged or marked as an
artefact (running headers and footers). Each failure names the clause of ISO 14289-1 it breaks (as
veraPDF's rules do: 7.3 figures, 7.5 tables …).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

# the standard structure types of ISO 32000-1, 14.8.4
STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 "  # noqa: SIM905
    "H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link "
    "Annot Ruby RB RT RP Warichu WT WP Figure Formula Form".split()
)
TEXT_OPERATORS = frozenset(["Tj", "TJ", "'", '"'])
PAINT_OPERATORS = frozenset(["Do", "sh", "BI"])  # XObjects, shadings, inline images
PATH_OPERATORS = frozenset(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*"])
CONTENT_OPERATORS = TEXT_OPERATORS | PAINT_OPERATORS | PATH_OPERATORS
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"


@dataclass
class Report:
    """What the check found: counts of figures and the failures, each with its checkpoint."""

    pages: int = 0
    figures: int = 0
    figures_with_alt: int = 0
    tables: int = 0
    headings: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def fail(self, clause: str, message: str) -> None:
        entry = f"{clause}: {message}"
        if entry not in self.failures and len(self.failures) < 200:
            self.failures.append(entry)


def check(pdf: bytes) -> Report:
    """Check ``pdf`` (bytes) against the machine-checkable rules of PDF/UA-1."""
    import pikepdf

    report = Report()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        report.pages = len(document.pages)
        _check_catalogue(document, report)
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            report.fail("7.1", "keine Struktur (StructTreeRoot fehlt): das PDF ist nicht getaggt")
            return report
        role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
        _check_role_map(role_map, report)
        numbers = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
        _walk(tree, role_map, numbers, report)
        _check_headings(report)
        for number, page in enumerate(document.pages, start=1):
            _check_page(page, number, report)
    return report


def _check_catalogue(document: Any, report: Report) -> None:
    root = document.Root
    if not str(root.get("/Lang", "")).strip():
        report.fail("7.2", "keine Sprache im Katalog (/Lang)")
    preferences = root.get("/ViewerPreferences", {})
    if not bool(preferences.get("/DisplayDocTitle", False)):
        report.fail("7.1", "der Titel wird nicht angezeigt (ViewerPreferences/DisplayDocTitle)")
    mark_info = root.get("/MarkInfo", {})
    if not bool(mark_info.get("/Marked", False)):
        report.fail("7.1", "nicht als getaggt ausgewiesen (MarkInfo/Marked)")
    if bool(mark_info.get("/Suspects", False)):
        report.fail("7.1", "MarkInfo/Suspects ist gesetzt")
    if "/Metadata" not in root:
        report.fail("7.1", "keine XMP-Metadaten")
        return
    xmp = bytes(root.Metadata.read_bytes()).decode("utf-8", "replace")
    if PDFUA_NS not in xmp or not re.search(r"pdfuaid:part(\s[^>]*)?>\s*1\s*<|pdfuaid:part=[\"']1[\"']", xmp):
        report.fail("5", "keine PDF/UA-Kennung (pdfuaid:part 1) in den XMP-Metadaten")
    if not re.search(r"<dc:title[^>]*>.*?<rdf:li[^>]*>\s*[^<\s]", xmp, re.S):
        report.fail("7.1", "kein Titel (dc:title) in den XMP-Metadaten")


def _check_role_map(role_map: dict[str, str], report: Report) -> None:
    for name, target in role_map.items():
        if name[1:] in STANDARD_TYPES:
            report.fail("7.1", f"der Standard-Typ {name} ist umgewidmet (auf {target})")
        seen = {name}
        while target in role_map and target not in seen:
            seen.add(target)
            target = role_map[target]
        if target[1:] not in STANDARD_TYPES:
            report.fail("7.1", f"der Typ {name} führt auf keinen Standard-Typ")


def _standard(element: Any, role_map: dict[str, str]) -> str:
    kind = str(element.get("/S", ""))
    seen = set()
    while kind in role_map and kind not in seen and kind[1:] not in STANDARD_TYPES:
        seen.add(kind)
        kind = role_map[kind]
    return kind[1:]


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _walk(tree: Any, role_map: dict[str, str], numbers: dict[Any, int], report: Report) -> None:
    stack = list(reversed(_kids(tree)))
    while stack:
        element = stack.pop()
        kind = _standard(element, role_map)
        if kind == "Figure":
            report.figures += 1
            if str(element.get("/Alt", "")).strip() or str(element.get("/ActualText", "")).strip():
                report.figures_with_alt += 1
            else:
                report.fail("7.3", f"Abbildung ohne Alternativtext (Seite {_page_of(element, numbers)})")
        elif kind in {"H1", "H2", "H3", "H4", "H5", "H6"}:
            report.headings.append(int(kind[1]))
        elif kind == "Table":
            report.tables += 1
            _check_table(element, role_map, report)
        elif kind == "L":
            for item in _kids(element):
                if _standard(item, role_map) not in {"LI", "Caption", "L"}:
                    report.fail("7.6", f"eine Liste enthält {_standard(item, role_map)} statt LI")
        elif kind == "LI":
            for part in _kids(element):
                if _standard(part, role_map) not in {"Lbl", "LBody"}:
                    report.fail("7.6", f"ein Listenpunkt enthält {_standard(part, role_map)}")
        elif kind not in STANDARD_TYPES:
            report.fail("7.1", f"der Typ /{kind} ist kein Standard-Typ und nicht zugeordnet")
        stack.extend(reversed(_kids(element)))


def _page_of(element: Any, numbers: dict[Any, int]) -> str:
    page = element.get("/Pg")
    return "?" if page is None else str(numbers.get(page.objgen, "?"))


def _check_table(table: Any, role_map: dict[str, str], report: Report) -> None:
    rows = []
    for part in _kids(table):
        kind = _standard(part, role_map)
        if kind == "TR":
            rows.append(part)
        elif kind in {"THead", "TBody", "TFoot"}:
            rows.extend(r for r in _kids(part) if _standard(r, role_map) == "TR")
        elif kind != "Caption":
            report.fail("7.5", f"eine Tabelle enthält {kind} statt Zeilen")
    headers = 0
    for row in rows:
        for cell in _kids(row):
            kind = _standard(cell, role_map)
            if kind == "TH":
                headers += 1
                if _attribute(cell, "/Scope") is None and "/Headers" not in str(cell.get("/A", "")):
                    report.fail("7.5", "eine Kopfzelle (TH) ohne Scope")
            elif kind != "TD":
                report.fail("7.5", f"eine Tabellenzeile enthält {kind} statt TH/TD")
    if rows and not headers:
        report.fail("7.5", "eine Tabelle ohne Kopfzellen (TH)")


def _attribute(element: Any, name: str) -> Any:
    import pikepdf

    attributes = element.get("/A")
    if attributes is None:
        return None
    for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(entry, pikepdf.Dictionary) and name in entry:
            return entry[name]
    return None


def _check_headings(report: Report) -> None:
    if report.headings and report.headings[0] != 1:
        report.fail("7.4.2", f"die erste Überschrift ist H{report.headings[0]}, nicht H1")
    for before, level in zip(report.headings, report.headings[1:], strict=False):
        if level > before + 1:
            report.fail("7.4.2", f"Überschriftenebene übersprungen: H{before} → H{level}")


def _check_page(page: Any, number: int, report: Report) -> None:
    import pikepdf

    annotations = [a for a in page.obj.get("/Annots", []) if isinstance(a, pikepdf.Dictionary)]
    visible = [a for a in annotations if str(a.get("/Subtype")) not in {"/Popup"}]
    if visible and str(page.obj.get("/Tabs", "")) != "/S":
        report.fail("7.18.3", f"Seite {number}: Tab-Reihenfolge nicht nach Struktur (/Tabs /S)")
    for annotation in visible:
        if "/StructParent" not in annotation:
            report.fail("7.18.1", f"Seite {number}: eine Anmerkung ist nicht in der Struktur")
        if str(annotation.get("/Subtype")) == "/Link" and not str(annotation.get("/Contents", "")).strip():
            report.fail("7.18.5", f"Seite {number}: ein Link ohne Beschreibung (/Contents)")
    for font in _fonts(page):
        descriptor = font.get("/FontDescriptor")
        if str(font.get("/Subtype")) == "/Type3":
            continue
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            report.fail("7.21.4.1", f"Seite {number}: Schrift {font.get('/BaseFont')} nicht eingebettet")
    for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
        named = str(font.get("/Encoding", "")) in {
            "/WinAnsiEncoding",
            "/MacRomanEncoding",
            "/StandardEncoding",
        }
        if str(font.get("/Subtype")) != "/Type3" and "/ToUnicode" not in font and not named:
            report.fail("7.21.7", f"Seite {number}: Schrift {font.get('/BaseFont')} ohne Unicode-Zuordnung")
    _check_content(page, number, report)


def _fonts(page: Any) -> list[Any]:
    fonts = []
    for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
        if str(font.get("/Subtype")) == "/Type0":
            fonts.extend(font.get("/DescendantFonts", []))
        else:
            fonts.append(font)
    return fonts


def _check_content(page: Any, number: int, report: Report) -> None:
    """Every text, image and painted path inside a tagged marked-content sequence or an artefact."""
    import pikepdf

    stack: list[str] = []  # "tag" (with an MCID), "artifact", "other"
    loose = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in {"BDC", "BMC"}:
            tag = str(operands[0]) if operands else ""
            properties = operands[1] if name == "BDC" and len(operands) > 1 else None
            if tag == "/Artifact":
                if "tag" in stack:
                    report.fail("7.1", f"Seite {number}: ein Artefakt innerhalb getaggten Inhalts")
                stack.append("artifact")
            elif isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                if "artifact" in stack:
                    report.fail("7.1", f"Seite {number}: getaggter Inhalt innerhalb eines Artefakts")
                stack.append("tag")
            else:
                stack.append("other")
        elif name == "EMC":
            if stack:
                stack.pop()
        elif name in CONTENT_OPERATORS and "tag" not in stack and "artifact" not in stack:
            loose += 1
    if loose:
        report.fail(
            "7.1",
            f"Seite {number}: {loose} Inhaltsteile weder getaggt noch als Artefakt markiert",
        )
