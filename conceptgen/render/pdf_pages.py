"""How full the pages of a laid-out PDF are: a reader should not stop at a page holding two lines.

Each page's text lines are read from the PDF with their positions (pypdf's text extraction with a
visitor); the body is the page between the running header and footer (text in the top and bottom bands,
and everything marked as an artefact, does not count). A page whose body ends above ``threshold`` of its
height is underfilled — unless a chapter begins on the next page (a chapter ends where it ends), it is
the document's last page, or it comes before the first chapter (cover, contents). Pictures and charts
count as filling their page: their extent is taken from the structure's bounding boxes when the PDF has
them (PDF/UA), else the lowest line of text is the end.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

HEADER_BAND = 0.085  # of the page height: the running header
FOOTER_BAND = 0.075  # the running footer


@dataclass
class PageFill:
    """One page: how far down its body is filled (0–1 of the body's height) and whether a chapter
    begins on it."""

    number: int
    fill: float
    chapter_starts: bool = False
    lines: int = 0


@dataclass
class Layout:
    pages: list[PageFill] = field(default_factory=list)

    def underfilled(self, threshold: float = 0.25) -> list[PageFill]:
        """Pages filled less than ``threshold`` that are no chapter's end, not the last page and not
        before the first chapter."""
        first = next((p.number for p in self.pages if p.chapter_starts), 1)
        found = []
        for page, following in zip(self.pages, self.pages[1:], strict=False):
            if page.number < first or following.chapter_starts:
                continue
            if page.fill < threshold:
                found.append(page)
        return found


def layout(pdf: bytes) -> Layout:
    """The fill of every page of ``pdf`` (a tagged PDF: chapters are found as H1 structure elements)."""
    import pikepdf

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
            result.pages.append(PageFill(number, round(fill, 3), number in chapters, len(lows)))
    return result


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
