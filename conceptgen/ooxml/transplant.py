"""Moving a client's design into a template (``conceptgen template new --from``): styles looked up by their
built-in name (German Word writes ``berschrift1`` as the id of „heading 1“), their look flattened along
``basedOn`` and copied onto the template's style of the same role; document defaults, theme, page size and
margins; colours and fonts replaced throughout the template's own styles. Header and footer:
conceptgen/ooxml/sections.py."""

from __future__ import annotations

import copy
from typing import Any

from conceptgen.ooxml.base import PPR_ORDER, A, Element, element, local_name, qn

Document = Any  # a python-docx Document

# paragraph properties that belong to conceptgen's structure, not to the look: kept from the template
STRUCTURE = {"numPr", "outlineLvl", "pageBreakBefore", "keepNext", "pStyle", "sectPr", "rPr"}
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)  # fmt: skip


def styles_of(document: Document) -> list[Element]:
    return list(document.styles.element.iter(qn("w:style")))


def style_name(style: Element) -> str:
    name = style.find(qn("w:name"))
    return name.get(qn("w:val")) if name is not None else ""


def style_type(style: Element) -> str:
    return style.get(qn("w:type")) or "paragraph"


def find_style(document: Document, names: list[str], kind: str = "paragraph") -> Element | None:
    """The style whose name (not id) is one of ``names``, compared without case: „heading 1“ finds
    German Word's ``berschrift1`` as well as ``Heading1``."""
    wanted = [n.casefold() for n in names]
    by_name = {style_name(s).casefold(): s for s in styles_of(document) if style_type(s) == kind}
    return next((by_name[n] for n in wanted if n in by_name), None)


def style_id(style: Element) -> str | None:
    """The id of a style element (``Heading1``, German Word's ``berschrift1``)."""
    return style.get(qn("w:styleId"))


def style_by_id(document: Document, style_id: str) -> Element | None:
    return next((s for s in styles_of(document) if s.get(qn("w:styleId")) == style_id), None)


def _chain(document: Document, style: Element) -> list[Element]:
    """``style`` and its ``basedOn`` ancestors, the root last (loops cut, at most MAX_STYLE_DEPTH steps:
    a deeper chain is refused by ooxml/safety.py, CG419). One look-up table, so a chain costs its length."""
    from conceptgen.ooxml.safety import MAX_STYLE_DEPTH

    by_id = {s.get(qn("w:styleId")): s for s in styles_of(document)}
    chain, seen = [], set()
    while style is not None and style.get(qn("w:styleId")) not in seen and len(chain) <= MAX_STYLE_DEPTH:
        seen.add(style.get(qn("w:styleId")))
        chain.append(style)
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return chain


def flattened(document: Document, style: Element, part: str) -> dict[str, Element]:
    """The properties (``rPr`` or ``pPr`` children by local name) a style has along its chain, the
    nearest definition winning (document defaults not included)."""
    found: dict[str, Element] = {}
    for ancestor in _chain(document, style):
        props = ancestor.find(qn(f"w:{part}"))
        if props is None:
            continue
        for child in props:
            found.setdefault(local_name(child), child)
    return found


def style_uses(document: Document) -> dict[str, int]:
    """How many body paragraphs use each paragraph style (by id; Normal where none is set)."""
    counts: dict[str, int] = {}
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        key = style.get(qn("w:val")) if style is not None else _default_paragraph_style(document)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _default_paragraph_style(document: Document) -> str:
    for style in styles_of(document):
        if style_type(style) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            return style.get(qn("w:styleId"))
    return "Normal"


def outline_level(document: Document, style: Element) -> int | None:
    level = flattened(document, style, "pPr").get("outlineLvl")
    return int(level.get(qn("w:val"))) if level is not None else None


def copy_look(target: Document, target_style: Element, source: Document, source_style: Element) -> None:
    """Give ``target_style`` the look of ``source_style``: its flattened run properties replace the
    target's, its paragraph properties replace the target's except numbering, outline level, page breaks
    and keep-with-next (conceptgen's structure)."""
    rpr = flattened(source, source_style, "rPr")
    rpr.pop("rStyle", None)
    _replace(target_style, "rPr", rpr, RPR_ORDER)
    ppr = {k: v for k, v in flattened(source, source_style, "pPr").items() if k not in STRUCTURE}
    own = target_style.find(qn("w:pPr"))
    kept = {local_name(c): c for c in own if local_name(c) in STRUCTURE} if own is not None else {}
    _replace(target_style, "pPr", {**ppr, **kept}, PPR_ORDER)


def _replace(style: Element, part: str, children: dict[str, Element], order: tuple[str, ...]) -> None:
    old = style.find(qn(f"w:{part}"))
    new = copy.deepcopy(old) if old is not None else None
    if new is None:
        new = element(f"w:{part}")
    for child in list(new):
        new.remove(child)
    for name in sorted(children, key=lambda n: order.index(n) if n in order else len(order)):
        new.append(copy.deepcopy(children[name]))
    if old is not None:
        old.getparent().replace(old, new)
    else:  # pPr before rPr, both before table properties
        anchor = style.find(qn("w:rPr")) if part == "pPr" else None
        if anchor is not None:
            anchor.addprevious(new)
        else:
            later = ("tblPr", "trPr", "tcPr", "tblStylePr")
            position = next((i for i, c in enumerate(style) if local_name(c) in later), len(style))
            style.insert(position, new)


def copy_doc_defaults(target: Document, source: Document) -> None:
    new = source.styles.element.find(qn("w:docDefaults"))
    old = target.styles.element.find(qn("w:docDefaults"))
    if new is None:
        return
    if old is not None:
        old.getparent().replace(old, copy.deepcopy(new))
    else:
        target.styles.element.insert(0, copy.deepcopy(new))


def theme_part(document: Document) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.THEME)
    except KeyError:
        return None


def copy_theme(target: Document, source: Document) -> bool:
    """The client's theme (colours, fonts) replaces the template's; False when the client has none."""
    new, old = theme_part(source), theme_part(target)
    if new is None or old is None:
        return False
    old._blob = new.blob
    return True


def theme(document: Document) -> tuple[dict[str, str], dict[str, str]]:
    """The theme's colours (``accent1`` … ``dk2``, hex) and fonts (``major``, ``minor``)."""
    from lxml import etree

    part = theme_part(document)
    if part is None:
        return {}, {}
    root = etree.fromstring(part.blob)
    colours = {}
    scheme = root.find(f".//{{{A}}}clrScheme")
    for slot in scheme if scheme is not None else []:
        value = slot.find(f"{{{A}}}srgbClr")
        system = slot.find(f"{{{A}}}sysClr")
        if value is not None:
            colours[local_name(slot)] = value.get("val").upper()
        elif system is not None and system.get("lastClr"):
            colours[local_name(slot)] = system.get("lastClr").upper()
    fonts = {}
    for key in ("major", "minor"):
        latin = root.find(f".//{{{A}}}{key}Font/{{{A}}}latin")
        if latin is not None and latin.get("typeface"):
            fonts[key] = latin.get("typeface")
    return colours, fonts


def run_colour(document: Document, style: Element, colours: dict[str, str]) -> str | None:
    """The text colour of a style as hex (a theme colour resolved), None when it sets none."""
    colour = flattened(document, style, "rPr").get("color")
    if colour is None:
        return None
    slot = colour.get(qn("w:themeColor"))
    if slot and slot in colours:
        return colours[slot]
    value = colour.get(qn("w:val"))
    return value.upper() if value and value != "auto" else None


def font_of(document: Document, style: Element, fonts: dict[str, str]) -> str | None:
    """The font family of a style (a theme font resolved; document defaults as the last resort)."""
    found = flattened(document, style, "rPr").get("rFonts")
    if found is None:
        found = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}//{qn('w:rFonts')}")
    if found is None:
        return None
    theme_ref = found.get(qn("w:asciiTheme"))
    if theme_ref:
        return fonts.get("major" if theme_ref.startswith("major") else "minor")
    return found.get(qn("w:ascii"))


def drop_fonts(target: Document, family: str) -> int:
    """Remove the explicit font ``family`` from every style of the template, so that those styles take
    the client's fonts through Normal and the document defaults; returns how many."""
    count = 0
    for style in styles_of(target):
        fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:ascii")) == family:
            fonts.getparent().remove(fonts)
            count += 1
    return count


def recolour(root: Element, mapping: dict[str, str]) -> int:
    """Replace colours (``w:color/@w:val``, ``w:shd/@w:fill``, border colours) in and below ``root``."""
    count = 0
    wanted = {k.upper(): v for k, v in mapping.items()}
    for node in root.iter():
        for attr in (qn("w:val"), qn("w:fill"), qn("w:color")):
            value = node.get(attr)
            if value and value.upper() in wanted and (attr != qn("w:val") or local_name(node) == "color"):
                node.set(attr, wanted[value.upper()])
                count += 1
    return count


def table_header(document: Document, style_id: str) -> tuple[str | None, str | None]:
    """Fill and text colour of a table style's header row (``firstRow``)."""
    style = style_by_id(document, style_id)
    if style is None:
        return None, None
    for part in style.findall(qn("w:tblStylePr")):
        if part.get(qn("w:type")) == "firstRow":
            shd = part.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            colour = part.find(f"{qn('w:rPr')}/{qn('w:color')}")
            fill = shd.get(qn("w:fill")) if shd is not None else None
            return (fill, colour.get(qn("w:val")) if colour is not None else None)
    return None, None


def set_table_header_text(document: Document, style_id: str, colour: str) -> None:
    style = style_by_id(document, style_id)
    for part in style.findall(qn("w:tblStylePr")) if style is not None else []:
        if part.get(qn("w:type")) == "firstRow":
            node = part.find(f"{qn('w:rPr')}/{qn('w:color')}")
            if node is not None:
                node.set(qn("w:val"), colour)


__all__ = [
    "copy_doc_defaults",
    "copy_look",
    "copy_theme",
    "drop_fonts",
    "find_style",
    "flattened",
    "font_of",
    "outline_level",
    "recolour",
    "run_colour",
    "style_name",
    "style_uses",
    "table_header",
    "theme",
]
