"""Styles (styles.xml): lookup by name and id, creation of missing styles, document defaults."""

from __future__ import annotations

from typing import Any

from docx.styles import BabelFish

from conceptgen.ooxml.base import element, qn, sub

Document = Any  # a python-docx Document


def style_names(document: Document) -> dict[str, str]:
    """Style id → style name for every style of the document (one pass over styles.xml)."""
    return {
        style.get(qn("w:styleId")): _name(style) for style in document.styles.element.findall(qn("w:style"))
    }


def _name(style: Any) -> str:
    name = style.find(qn("w:name"))
    value = name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"))
    return BabelFish.internal2ui(value)  # as python-docx names built-in styles ("heading 1" → "Heading 1")


def style_id(document: Document, name: str) -> str | None:
    """The id of the style called ``name`` (as python-docx names it), or None."""
    try:
        return document.styles[name].style_id
    except KeyError:
        return None


def _ensure_style(document: Document, name: str, kind: Any) -> tuple[str, Any]:
    """(style id, the new style or None): an existing style is left as the template defines it."""
    try:
        return document.styles[name].style_id, None
    except KeyError:
        style = document.styles.add_style(name, kind)
        return style.style_id, style


def ensure_character_style(
    document: Document, name: str, *, color: str = "", underline: bool = False, superscript: bool = False
) -> str:
    """Return the style id of character style ``name``, creating it when the template lacks it."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    style_id_, style = _ensure_style(document, name, WD_STYLE_TYPE.CHARACTER)
    if style is not None:
        if color:
            style.font.color.rgb = RGBColor.from_string(color)
        style.font.underline = underline or None
        if superscript:
            style.font.superscript = True
    return style_id_


def ensure_paragraph_style(
    document: Document, name: str, base: str = "Normal", size_pt: float | None = None
) -> str:
    """Return the style id of paragraph style ``name``, creating it (based on ``base``) if missing."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style_id_, style = _ensure_style(document, name, WD_STYLE_TYPE.PARAGRAPH)
    if style is not None:
        style.base_style = document.styles[base]
        if size_pt:
            style.font.size = Pt(size_pt)
    return style_id_


def set_document_language(document: Document, language: str) -> None:
    """Set the default proofing language (``de-DE``) in the document defaults of styles.xml."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = element("w:docDefaults")
        styles.insert(0, doc_defaults)
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = element("w:rPrDefault")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = sub(rpr_default, "w:rPr")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = sub(rpr, "w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def has_outline_numbering(document: Document, name: str = "Heading 1") -> bool:
    """True when the style ``name`` is numbered (its properties carry ``w:numPr``)."""
    try:
        ppr = document.styles[name].element.pPr
    except KeyError:
        return False
    return ppr is not None and ppr.find(qn("w:numPr")) is not None


def ensure_comment_styles(document: Document) -> None:
    """The styles python-docx's comments name by id (``CommentText``, ``CommentReference``), as Word
    defines them, when the template lacks them."""
    root = document.styles.element
    present = {s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))}
    for style_id_, name, kind in (
        ("CommentText", "annotation text", "paragraph"),
        ("CommentReference", "annotation reference", "character"),
    ):
        if style_id_ in present:
            continue
        style = sub(root, "w:style", **{"w:type": kind, "w:styleId": style_id_})
        sub(style, "w:name", **{"w:val": name})
        if kind == "paragraph":
            sub(style, "w:basedOn", **{"w:val": _default_paragraph(root)})
        sub(style, "w:uiPriority", **{"w:val": "99"})
        sub(style, "w:semiHidden")
        sub(style, "w:unhideWhenUsed")
        properties = sub(style, "w:rPr")
        size = "20" if kind == "paragraph" else "16"
        sub(properties, "w:sz", **{"w:val": size})


def _default_paragraph(root: Any) -> str:
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            return style.get(qn("w:styleId"))
    return "Normal"
