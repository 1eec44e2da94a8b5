"""What a reader reads in a rendered .docx: every paragraph's text (body, tables, footnotes, headers and
footers, chart titles and categories) and every table as rows of cell texts — read from the package's XML,
independent of the code that wrote it."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_TEXT_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$")


@dataclass
class Paragraph:
    part: str
    text: str


def _paragraph_text(p: etree._Element) -> str:
    out = []
    for el in p.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}noBreakHyphen"):
        if el.tag == f"{{{W}}}t":
            out.append(el.text or "")
        elif el.tag == f"{{{W}}}tab":
            out.append("\t")
        elif el.tag == f"{{{W}}}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist() if name.endswith(".xml")}


def paragraphs(docx: bytes) -> list[Paragraph]:
    """Every paragraph of the document's text parts (a table cell's paragraphs each on their own), and
    the texts of its charts (title, axis titles, categories, series names) one by one."""
    found = []
    for name, xml in sorted(_parts(docx).items()):
        if _TEXT_PARTS.match(name):
            root = etree.fromstring(xml)
            for p in root.iter(f"{{{W}}}p"):
                text = _paragraph_text(p)
                if text.strip():
                    found.append(Paragraph(name, text))
        elif name.startswith("word/charts/chart"):
            root = etree.fromstring(xml)
            for p in root.iter(f"{{{A}}}p"):
                text = "".join(t.text or "" for t in p.iter(f"{{{A}}}t"))
                if text.strip():
                    found.append(Paragraph(name, text))
            for v in root.iter(f"{{{C}}}v"):
                if v.text and not _is_number(v.text):
                    found.append(Paragraph(name, v.text))
    return found


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def tables(docx: bytes) -> list[list[list[str]]]:
    """Every table of the body (nested tables on their own) as rows of cell texts (a cell's paragraphs
    joined by a line break), in document order, each with the caption paragraph before it (row 0 is
    the table's first row; the caption is not part of it)."""
    root = etree.fromstring(_parts(docx)["word/document.xml"])
    found = []
    for tbl in root.iter(f"{{{W}}}tbl"):
        rows = []
        for tr in tbl.findall(f"{{{W}}}tr"):
            rows.append(
                [
                    "\n".join(_paragraph_text(p) for p in tc.findall(f"{{{W}}}p"))
                    for tc in tr.findall(f"{{{W}}}tc")
                ]
            )
        found.append(rows)
    return found


@dataclass
class Row:
    """A table row as read: its cells' texts, whether it is a header row (repeated on every page) and
    whether all its text is bold (how a totals row is set)."""

    cells: list[str]
    header: bool
    bold: bool


def _bold(run: etree._Element) -> bool:
    b = run.find(f"{{{W}}}rPr/{{{W}}}b")
    return b is not None and b.get(f"{{{W}}}val", "true") not in ("0", "false")


def _row(tr: etree._Element) -> Row:
    cells = []
    for tc in tr.findall(f"{{{W}}}tc"):  # a merged cell holds its text once, then empty columns
        cells.append("\n".join(_paragraph_text(p) for p in tc.iter(f"{{{W}}}p")))
        span = tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
        cells += [""] * (int(span.get(f"{{{W}}}val", "1")) - 1 if span is not None else 0)
    runs = [r for r in tr.iter(f"{{{W}}}r") if "".join(t.text or "" for t in r.iter(f"{{{W}}}t")).strip()]
    header = tr.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
    return Row(cells, header, bool(runs) and all(_bold(r) for r in runs))


@dataclass
class Table:
    """A table of the body as read: the caption above it, its rows, and the note below it (the first
    paragraph after the table with text: the source line)."""

    caption: str
    rows: list[Row]
    note: str


def read_tables(docx: bytes) -> list[Table]:
    """Every top-level table of the body with its caption, rows (header and bold flags) and note."""
    root = etree.fromstring(_parts(docx)["word/document.xml"])
    body = root.find(f"{{{W}}}body")
    found: list[Table] = []
    caption = ""
    waiting: Table | None = None
    for child in body:
        if child.tag == f"{{{W}}}p":
            text = _paragraph_text(child)
            if text.strip():
                if waiting is not None:
                    waiting.note, waiting = text, None
                caption = text
        elif child.tag == f"{{{W}}}tbl":
            waiting = Table(caption, [_row(tr) for tr in child.findall(f"{{{W}}}tr")], "")
            found.append(waiting)
    return found


def captioned_tables(docx: bytes) -> list[tuple[str, list[list[str]]]]:
    """(caption, rows) of every top-level table of the body: the caption is the text of the nearest
    paragraph before the table (Word puts a table's caption above it)."""
    root = etree.fromstring(_parts(docx)["word/document.xml"])
    body = root.find(f"{{{W}}}body")
    found = []
    caption = ""
    for child in body.iter(f"{{{W}}}p", f"{{{W}}}tbl"):
        if child.tag == f"{{{W}}}p":
            if child.getparent().tag == f"{{{W}}}body":
                text = _paragraph_text(child)
                if text.strip():
                    caption = text
            continue
        if any(a.tag == f"{{{W}}}tbl" for a in child.iterancestors()):
            continue
        rows = [
            ["\n".join(_paragraph_text(p) for p in tc.iter(f"{{{W}}}p")) for tc in tr.findall(f"{{{W}}}tc")]
            for tr in child.findall(f"{{{W}}}tr")
        ]
        found.append((caption, rows))
    return found
