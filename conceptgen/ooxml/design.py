"""The template-building kit: what ``templates/*/build_template.py`` scripts use to make a template's
design (heading numbering, table styles, fonts, borders). Never used while rendering a document."""

from __future__ import annotations

from typing import Any

from conceptgen.ooxml.base import PPR_ORDER, element, get_or_insert, insert_in_order, qn, sub
from conceptgen.ooxml.lists import add_abstract_numbering, next_abstract_id, next_num_id
from conceptgen.ooxml.text import set_numbering

Document = Any  # a python-docx Document


def add_heading_numbering(document: Document, styles: list[str]) -> None:
    """Number the heading styles as a multilevel list: 1 / 1.1 / 1.1.1 (outline numbering).

    Creates one abstract numbering definition and links each style of ``styles`` (level 0, 1, 2 …)
    to it, so Word and LibreOffice number headings themselves and the TOC shows the numbers.
    """
    numbering = document.part.numbering_part.element
    abstract_id = next_abstract_id(numbering)
    num_id = next_num_id(numbering)
    abstract = element("w:abstractNum", **{"w:abstractNumId": str(abstract_id)})
    sub(abstract, "w:multiLevelType", **{"w:val": "multilevel"})
    for level, style_name in enumerate(styles):
        lvl = sub(abstract, "w:lvl", **{"w:ilvl": str(level)})
        sub(lvl, "w:start", **{"w:val": "1"})
        sub(lvl, "w:numFmt", **{"w:val": "decimal"})
        sub(lvl, "w:pStyle", **{"w:val": document.styles[style_name].style_id})
        sub(lvl, "w:lvlText", **{"w:val": ".".join(f"%{i + 1}" for i in range(level + 1))})
        sub(lvl, "w:lvlJc", **{"w:val": "left"})
        indent = str(567 + 284 * level)
        sub(sub(lvl, "w:pPr"), "w:ind", **{"w:left": indent, "w:hanging": indent})
    add_abstract_numbering(numbering, abstract)
    num = sub(numbering, "w:num", **{"w:numId": str(num_id)})
    sub(num, "w:abstractNumId", **{"w:val": str(abstract_id)})
    for level, style_name in enumerate(styles):
        set_numbering(document.styles[style_name].element.get_or_add_pPr(), num_id, level)


def set_paragraph_border(paragraph: Any, side: str, color: str, size: int = 8, space: int = 4) -> None:
    """Draw a border line on one side (``top``, ``bottom``) of a paragraph (python-docx proxy)."""
    border = get_or_insert(paragraph._p.get_or_add_pPr(), "w:pBdr", PPR_ORDER)
    sub(
        border, f"w:{side}", **{"w:val": "single", "w:sz": str(size), "w:space": str(space), "w:color": color}
    )


def suppress_hyphenation(style: Any) -> None:
    """No automatic hyphenation in paragraphs of ``style`` (titles and headings break whole words)."""
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is None:
        insert_in_order(ppr, element("w:suppressAutoHyphens"), PPR_ORDER)


def set_style_font(style: Any, name: str) -> None:
    """Use font ``name`` for a style, dropping theme-font references that would override it."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)


def add_table_style(
    document: Document,
    name: str,
    *,
    header_fill: str,
    header_color: str,
    band_fill: str,
    line_color: str,
    font_size_pt: float = 9,
) -> str:
    """Add a table style with a shaded, repeating header row and light row banding; returns its id."""
    style_id = name.replace(" ", "")
    style = element("w:style", **{"w:type": "table", "w:customStyle": "1", "w:styleId": style_id})
    sub(style, "w:name", **{"w:val": name})
    sub(style, "w:basedOn", **{"w:val": "TableNormal"})
    sub(style, "w:uiPriority", **{"w:val": "59"})
    sub(style, "w:qFormat")
    sub(
        sub(style, "w:pPr"),
        "w:spacing",
        **{"w:before": "40", "w:after": "40", "w:line": "252", "w:lineRule": "auto"},
    )
    rpr = sub(style, "w:rPr")
    sub(rpr, "w:sz", **{"w:val": str(int(font_size_pt * 2))})
    sub(rpr, "w:szCs", **{"w:val": str(int(font_size_pt * 2))})
    tbl_pr = sub(style, "w:tblPr")
    sub(tbl_pr, "w:tblStyleRowBandSize", **{"w:val": "1"})
    borders = sub(tbl_pr, "w:tblBorders")
    for side, size in (("top", 8), ("bottom", 8), ("insideH", 4)):
        sub(
            borders,
            f"w:{side}",
            **{"w:val": "single", "w:sz": str(size), "w:space": "0", "w:color": line_color},
        )
    margins = sub(tbl_pr, "w:tblCellMar")
    for side, value in (("top", 57), ("left", 85), ("bottom", 57), ("right", 85)):
        sub(margins, f"w:{side}", **{"w:w": str(value), "w:type": "dxa"})
    first = sub(style, "w:tblStylePr", **{"w:type": "firstRow"})
    first_rpr = sub(first, "w:rPr")
    sub(first_rpr, "w:b")
    sub(first_rpr, "w:bCs")
    sub(first_rpr, "w:color", **{"w:val": header_color})
    sub(first, "w:tblPr")
    sub(sub(first, "w:trPr"), "w:tblHeader")
    sub(sub(first, "w:tcPr"), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": header_fill})
    band = sub(style, "w:tblStylePr", **{"w:type": "band2Horz"})
    sub(band, "w:tblPr")
    sub(sub(band, "w:tcPr"), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": band_fill})
    document.styles.element.append(style)
    return style_id


__all__ = [
    "add_heading_numbering",
    "add_table_style",
    "insert_in_order",
    "set_paragraph_border",
    "set_style_font",
    "suppress_hyphenation",
]
