"""How full the pages of a laid-out PDF are: a reader should not stop at a page holding two lines.

Each page's text lines are read from the PDF with their positions (pypdf's text extraction with a
visitor); the body is the page between the running header and footer (text in the top and bottom bands,
and everything marked as an artefact, does not count). A page whose body ends above ``threshold`` of its
height is underfilled — unless the next page begins where the document asks for a new page (a paragraph's
own page break, a page-break run, a section break: each Maßnahmensteckbrief, an outline's page_break; a
chapter's heading style is no such request), it is the document's last page, or it comes before the
first chapter (cover, contents). Pictures and charts
count as filling their page: their extent is taken from the structure's bounding boxes when the PDF has
them (PDF/UA), else the lowest line of text is the end.

Where the pages break (``breaks``): a paragraph's first line alone at a page's foot (Schusterjunge) or its
last line alone at the next page's head (Hurenkind), a table's last row alone on the next page, a table row
broken across pages and a heading left at a page's foot. The text is read per marked-content ID (pypdf
decodes the fonts) and joined along the structure tree to paragraph-like elements.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from typing import Any

HEADER_BAND = 0.085  # of the page height: the running header
FOOTER_BAND = 0.075  # the running footer


@dataclass
class PageFill:
    """One page: how far down its body is filled (0–1 of the body's height), whether a chapter begins on
    it and whether it begins where the document asks for a new page."""

    number: int
    fill: float
    chapter_starts: bool = False
    lines: int = 0
    on_purpose: bool = False


@dataclass
class Layout:
    pages: list[PageFill] = field(default_factory=list)

    def underfilled(self, threshold: float = 0.3) -> list[PageFill]:
        """Pages filled less than ``threshold`` that are not followed by a page the document begins on
        purpose, not the last page and not before the first chapter."""
        first = next((p.number for p in self.pages if p.chapter_starts), 1)
        found = []
        for page, following in zip(self.pages, self.pages[1:], strict=False):
            if page.number < first or following.on_purpose:
                continue
            if page.fill < threshold:
                found.append(page)
        return found


def layout(pdf: bytes, page_starts: list[str] | tuple[str, ...] = ()) -> Layout:
    """The fill of every page of ``pdf`` (a tagged PDF: chapters are found as H1 structure elements);
    ``page_starts``: the texts the .docx begins a page with on purpose (ooxml/package_facts.py), found
    as the first text of a page."""
    import pikepdf

    starts = [_plain(t)[:24] for t in page_starts if _plain(t)]
    firsts = _first_texts(pdf) if starts else {}
    result = Layout()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
        chapters, boxes = _structure(document, numbers)
        for number, page in enumerate(document.pages, start=1):
            _x0, y0, _x1, y1 = (float(v) for v in page.mediabox)
            height = y1 - y0
            top, bottom = y1 - HEADER_BAND * height, y0 + FOOTER_BAND * height
            lows = [y for y in _text_baselines(page) if bottom < y < top]
            lows += [b for b in boxes.get(number, []) if bottom < b < top]
            fill = (top - min(lows)) / (top - bottom) if lows else 0.0
            first = firsts.get(number, "")
            on_purpose = any(start in first[: len(start) + 12] for start in starts)
            result.pages.append(PageFill(number, round(fill, 3), number in chapters, len(lows), on_purpose))
    return result


def _first_texts(pdf: bytes) -> dict[int, str]:
    """By page: the text of the first paragraph-like element that shows on it, without spaces and
    hyphens (a heading's number before its text kept)."""
    found: dict[int, str] = {}
    for block in _blocks(pdf)[0]:
        if _plain(block.text):
            found.setdefault(block.page, _plain(block.text))
    return found


def _structure(document: Any, numbers: dict[Any, int]) -> tuple[set[int], dict[int, list[float]]]:
    """Pages on which an H1 begins, and the lower edges of figures and tables by page (their BBox)."""
    import pikepdf

    tree = document.Root.get("/StructTreeRoot")
    chapters: set[int] = set()
    boxes: dict[int, list[float]] = {}
    if tree is None:
        return chapters, boxes
    role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = str(node.get("/S", ""))
        kind = role_map.get(kind, kind)
        page = node.get("/Pg")
        number = numbers.get(page.objgen) if page is not None else None
        if kind == "/H1" and number is not None:
            chapters.add(number)
        attributes = node.get("/A")
        if (
            number is not None
            and kind in ("/Figure", "/Table")
            and isinstance(attributes, pikepdf.Dictionary)
        ):
            box = attributes.get("/BBox")
            if box is not None and len(box) == 4:
                boxes.setdefault(number, []).append(float(min(box[1], box[3])))
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        stack.extend(k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k)
    return chapters, boxes


def _text_baselines(page: Any) -> list[float]:
    """The baselines (y, PDF units) of the text shown on ``page`` outside artefacts."""
    import pikepdf

    found: list[float] = []
    artifact = 0
    stack: list[bool] = []
    y = 0.0
    line_matrix_y = 0.0
    leading = 0.0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            is_artifact = bool(operands) and str(operands[0]) == "/Artifact"
            stack.append(is_artifact)
            artifact += is_artifact
        elif name == "EMC" and stack:
            artifact -= stack.pop()
        elif name == "BT":
            y = line_matrix_y = 0.0
        elif name == "Tm":
            y = line_matrix_y = float(operands[5])
        elif name in ("Td", "TD"):
            line_matrix_y += float(operands[1])
            y = line_matrix_y
            if name == "TD":
                leading = -float(operands[1])
        elif name == "TL":
            leading = float(operands[0])
        elif name in ("T*", "'", '"'):
            line_matrix_y -= leading
            y = line_matrix_y
        if name in ("Tj", "TJ", "'", '"') and not artifact:
            found.append(y)
    return found


# Where a page breaks badly. LibreOffice writes the part of a paragraph that goes on to the next page as
# an element of its own, so a paragraph broken across pages is told from two paragraphs by the .docx's
# texts: the end of one page and the start of the next that stand together inside one of its paragraphs.
ORPHAN = "Schusterjunge"  # a paragraph's first line alone at a page's foot
WIDOW = "Hurenkind"  # a paragraph's last line alone at the head of the next page
TABLE_FOOT = "Tabellenende"  # a table's last row alone on the next page
ROW_SPLIT = "geteilte Zeile"  # a table row broken across two pages
HEADING_FOOT = "Überschrift am Seitenende"  # a heading whose text begins on the next page

BLOCK_TYPES = frozenset(["P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Caption"])
_NOT_TEXT = str.maketrans("", "", " \t\n\r\u00a0\u202f\u2009\u200b\u00ad-\u2010\u2011")


@dataclass
class Break:
    """A flaw where a page breaks: the page it shows on, its kind and the first words of the text."""

    page: int
    kind: str
    text: str


@dataclass
class Block:
    """A paragraph-like element of the structure on one page: its text, its lines (baselines) and the
    table row and table it stands in."""

    page: int
    kind: str
    text: str
    lines: int
    row: int | None = None
    table: int | None = None


def breaks(pdf: bytes, paragraphs: list[str]) -> list[Break]:
    """Lone lines, tables whose last row went on alone, rows broken across pages and headings left at a
    page's foot in ``pdf`` (a tagged PDF from LibreOffice); ``paragraphs``: the texts of the .docx's
    paragraphs (ooxml/package_facts.py), which tell a broken paragraph from two."""
    blocks, headers = _blocks(pdf)
    return judge(blocks, headers, paragraphs)


def judge(blocks: list[Block], headers: set[int], paragraphs: list[str]) -> list[Break]:
    """The flaws at the page breaks of ``blocks`` (in reading order; ``headers``: the tables' header
    rows)."""
    whole = [_plain(p) for p in paragraphs if _plain(p)]
    found: list[Break] = []
    for before, after in itertools.pairwise(blocks):
        if after.page != before.page + 1:
            continue
        if before.kind.startswith("H") and before.row is None:
            found.append(Break(before.page, HEADING_FOOT, before.text.strip()[:60]))
            continue
        joined = _plain(before.text) + _plain(after.text)
        if not _plain(before.text) or not _plain(after.text) or not any(joined in p for p in whole):
            continue
        if before.row is not None and before.row == after.row:
            found.append(Break(after.page, ROW_SPLIT, before.text.strip()[:60]))
        elif before.lines == 1:
            found.append(Break(before.page, ORPHAN, before.text.strip()[:60]))
        elif after.lines == 1:
            found.append(Break(after.page, WIDOW, after.text.strip()[:60]))
    return found + _table_feet(blocks, headers)


def _plain(text: str) -> str:
    """The text without spaces and hyphens (a line's hyphenation and a cell's wrapping vanish)."""
    return text.translate(_NOT_TEXT)


def _table_feet(blocks: list[Block], headers: set[int]) -> list[Break]:
    """Tables whose last page holds only their last row (a header row repeated there not counted)."""
    rows: dict[int, dict[int, set[int]]] = {}  # table → row → pages
    for block in blocks:
        if block.table is not None and block.row is not None and block.row not in headers:
            rows.setdefault(block.table, {}).setdefault(block.row, set()).add(block.page)
    found = []
    for table_rows in rows.values():
        pages = sorted(set().union(*table_rows.values()))
        if len(pages) < 2 or len(table_rows) < 2:
            continue
        last = [row for row, on in table_rows.items() if pages[-1] in on]
        if len(last) == 1 and table_rows[last[0]] == {pages[-1]}:
            found.append(Break(pages[-1], TABLE_FOOT, ""))
    return found


def _blocks(pdf: bytes) -> tuple[list[Block], set[int]]:
    """The paragraph-like elements in reading order, each with its page's text and lines, and the
    header rows of tables; footnotes and running headers left out."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return [], set()
        role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
        walk = _Walk(numbers, _marked_text(pdf), role_map)
        walk.visit(tree, None, None, None)
        return walk.blocks, walk.headers


class _Walk:
    """The structure tree read depth first: blocks with their text and lines, tables' header rows."""

    def __init__(
        self,
        numbers: dict[Any, int],
        marked: dict[int, dict[int, list[tuple[float, str]]]],
        role_map: dict[str, str],
    ) -> None:
        self.numbers, self.marked, self.role_map = numbers, marked, role_map
        self.blocks: list[Block] = []
        self.headers: set[int] = set()

    def kind(self, node: Any) -> str:
        kind = str(node.get("/S", ""))
        seen = set()
        while kind in self.role_map and kind not in seen and kind[1:] not in BLOCK_TYPES:
            seen.add(kind)
            kind = self.role_map[kind]
        return kind[1:]

    def page(self, node: Any, page: int | None) -> int | None:
        own = node.get("/Pg")
        return self.numbers.get(own.objgen, page) if own is not None else page

    def visit(self, node: Any, page: int | None, row: int | None, table: int | None) -> None:
        kind = self.kind(node)
        if kind in ("Note", "Artifact"):
            return
        page = self.page(node, page)
        if kind == "Table":
            table = node.objgen[0]
        if kind == "TR":
            row = node.objgen[0]
            if all(self.kind(k) == "TH" for k in _children(node)):
                self.headers.add(row)
        if kind in BLOCK_TYPES and page is not None:
            pieces = self.pieces(node, page)
            for number in sorted({p for p, _y, _t in pieces}):
                on_page = [(y, t) for p, y, t in pieces if p == number]
                text = "".join(t for _y, t in on_page)
                self.blocks.append(Block(number, kind, text, _lines(on_page), row, table))
            return
        for kid in _children(node):
            self.visit(kid, page, row, table)

    def pieces(self, node: Any, page: int) -> list[tuple[int, float, str]]:
        """(page, baseline, text) of everything shown inside ``node``, in reading order."""
        import pikepdf

        found = []
        page = self.page(node, page) or page
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for item in items:
            if isinstance(item, pikepdf.Dictionary) and "/S" in item:
                found += self.pieces(item, page)
            elif isinstance(item, pikepdf.Dictionary) and "/MCID" in item:
                number = self.page(item, page) or page
                found += [(number, y, t) for y, t in self.marked.get(number, {}).get(int(item.MCID), [])]
            elif isinstance(item, int):
                found += [(page, y, t) for y, t in self.marked.get(page, {}).get(int(item), [])]
        return found


def _lines(pieces: list[tuple[float, str]]) -> int:
    """How many lines the pieces of text stand on: baselines more than 4 pt apart (a superscript's
    raised baseline is its line's)."""
    lines = 0
    last = None
    for y in sorted(y for y, t in pieces if t.strip()):
        if last is None or y - last > 4:
            lines += 1
            last = y
    return lines


def _children(node: Any) -> list[Any]:
    import pikepdf

    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _marked_text(pdf: bytes) -> dict[int, dict[int, list[tuple[float, str]]]]:
    """By page and marked-content ID: the text shown (pypdf decodes the fonts) with its baseline."""
    from pypdf import PdfReader

    found: dict[int, dict[int, list[tuple[float, str]]]] = {}
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        marks: dict[int, list[tuple[float, str]]] = {}
        stack: list[int | None] = []

        def before(operator: bytes, operands: list[Any], _cm: Any, _tm: Any, stack=stack) -> None:
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else None
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                stack.append(int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def shown(text: str, cm: Any, tm: Any, _font: Any, _size: Any, stack=stack, marks=marks) -> None:
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None and text:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                marks.setdefault(mcid, []).append((y, text))

        page.extract_text(visitor_operand_before=before, visitor_text=shown)
        found[number] = marks
    return found


def figure_texts(pdf: bytes) -> list[tuple[str, str]]:
    """(alternative text, the text shown inside) of every figure of ``pdf`` in reading order: what a
    native chart's labels became in the PDF."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return []
        role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}
        walk = _Walk(numbers, _marked_text(pdf), role_map)
        found = []
        stack = [(tree, None)]
        while stack:
            node, page = stack.pop()
            page = walk.page(node, page)
            if walk.kind(node) == "Figure":
                pieces = walk.pieces(node, page or 1)
                found.append((str(node.get("/Alt", "")), "\n".join(t for _p, _y, t in pieces)))
                continue
            stack.extend((kid, page) for kid in reversed(_children(node)))
        return found
