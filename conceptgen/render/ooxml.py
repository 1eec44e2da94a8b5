"""Every raw-XML manipulation of a Word document lives here (as python-docx keeps its oxml layer apart).

Functions take python-docx objects and change their XML with named, tested operations: fields (PAGE,
NUMPAGES, TOC), settings (updateFields, language), table header rows, heading numbering.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Row
from docx.text.paragraph import Paragraph


def _element(tag: str, **attrs: str) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(name), value)
    return element


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """Append a complex field (``w:fldChar`` begin/separate/end) with ``instruction`` to ``paragraph``.

    ``placeholder`` is the result text shown until the field is updated; the field is marked dirty.
    """
    for run in field_runs(instruction, placeholder, dirty=True):
        paragraph._p.append(run)


# Order of CT_Settings children after w:updateFields (ECMA-376 §17.15.1.78): new elements go before
# the first of these that the settings already have.
_SETTINGS_AFTER_UPDATE_FIELDS = [
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
]


def _insert_setting(settings: OxmlElement, element: OxmlElement, after: str) -> None:
    """Insert ``element`` into settings.xml before the first existing element that follows ``after``."""
    order = _SETTINGS_AFTER_UPDATE_FIELDS
    followers = order[order.index(after) + 1 :] if after in order else order
    for tag in followers:
        successor = settings.find(qn(tag))
        if successor is not None:
            successor.addprevious(element)
            return
    settings.append(element)


def set_update_fields(document: Document) -> None:
    """Ask Word to update all fields (TOC, page numbers) when it opens the document."""
    settings = document.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = _element("w:updateFields")
        _insert_setting(settings, existing, after="w:updateFields")
    existing.set(qn("w:val"), "true")


def set_document_language(document: Document, language: str) -> None:
    """Set the default proofing language (``de-DE``) in the document defaults of styles.xml."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = _element("w:docDefaults")
        styles.insert(0, doc_defaults)
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _element("w:rPrDefault")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = _element("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def mark_header_row(row: _Row) -> None:
    """Mark a table row as header row, repeated on every page (accessibility: table headers)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(_element("w:tblHeader"))


def prevent_row_split(row: _Row) -> None:
    """Keep a table row on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, _element("w:cantSplit"))


def shade_cell(cell: object, fill: str) -> None:
    """Give a table cell a background colour (hex, e.g. ``E8EEF4``)."""
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = tc_pr.find(qn("w:shd"))
    if shading is None:
        shading = _element("w:shd")
        tc_pr.append(shading)
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)


def add_heading_numbering(document: Document, styles: list[str]) -> None:
    """Number the heading styles as a multilevel list: 1 / 1.1 / 1.1.1 (outline numbering).

    Creates one abstract numbering definition and links each style of ``styles`` (level 0, 1, 2 …)
    to it, so Word and LibreOffice number headings themselves and the TOC shows the numbers.
    """
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = _element("w:abstractNum", **{"w:abstractNumId": str(abstract_id)})
    abstract.append(_element("w:multiLevelType", **{"w:val": "multilevel"}))
    for level, style_name in enumerate(styles):
        lvl = _element("w:lvl", **{"w:ilvl": str(level)})
        lvl.append(_element("w:start", **{"w:val": "1"}))
        lvl.append(_element("w:numFmt", **{"w:val": "decimal"}))
        lvl.append(_element("w:pStyle", **{"w:val": document.styles[style_name].style_id}))
        text = ".".join(f"%{i + 1}" for i in range(level + 1))
        lvl.append(_element("w:lvlText", **{"w:val": text}))
        lvl.append(_element("w:lvlJc", **{"w:val": "left"}))
        ppr = _element("w:pPr")
        indent = 567 + 284 * level
        ppr.append(_element("w:ind", **{"w:left": str(indent), "w:hanging": str(indent)}))
        lvl.append(ppr)
        abstract.append(lvl)
    # abstractNum elements must precede num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = _element("w:num", **{"w:numId": str(num_id)})
    num.append(_element("w:abstractNumId", **{"w:val": str(abstract_id)}))
    numbering.append(num)
    for level, style_name in enumerate(styles):
        ppr = document.styles[style_name].element.get_or_add_pPr()
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is not None:
            ppr.remove(num_pr)
        num_pr = _element("w:numPr")
        num_pr.append(_element("w:ilvl", **{"w:val": str(level)}))
        num_pr.append(_element("w:numId", **{"w:val": str(num_id)}))
        _insert_ppr_child(ppr, num_pr)


# Order of CT_PPrBase children (ECMA-376 §17.3.1.26), used to insert at the schema-valid place.
_PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]


def _insert_ppr_child(ppr: OxmlElement, child: OxmlElement) -> None:
    tag = child.tag
    names = [qn(n) for n in _PPR_ORDER]
    position = names.index(tag)
    for existing in ppr:
        if existing.tag in names and names.index(existing.tag) > position:
            existing.addprevious(child)
            return
    ppr.append(child)


def set_paragraph_border(paragraph: Paragraph, side: str, color: str, size: int = 8, space: int = 4) -> None:
    """Draw a border line on one side (``top``, ``bottom``) of a paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is None:
        border = _element("w:pBdr")
        _insert_ppr_child(ppr, border)
    border.append(
        _element(
            f"w:{side}", **{"w:val": "single", "w:sz": str(size), "w:space": str(space), "w:color": color}
        )
    )


def set_style_font(style: object, name: str) -> None:
    """Use font ``name`` for a style, dropping theme-font references that would override it."""
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
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
    style = _element("w:style", **{"w:type": "table", "w:customStyle": "1", "w:styleId": style_id})
    style.append(_element("w:name", **{"w:val": name}))
    style.append(_element("w:basedOn", **{"w:val": "TableNormal"}))
    style.append(_element("w:uiPriority", **{"w:val": "59"}))
    style.append(_element("w:qFormat"))
    ppr = _element("w:pPr")
    ppr.append(
        _element("w:spacing", **{"w:before": "40", "w:after": "40", "w:line": "252", "w:lineRule": "auto"})
    )
    style.append(ppr)
    rpr = _element("w:rPr")
    rpr.append(_element("w:sz", **{"w:val": str(int(font_size_pt * 2))}))
    rpr.append(_element("w:szCs", **{"w:val": str(int(font_size_pt * 2))}))
    style.append(rpr)
    tbl_pr = _element("w:tblPr")
    tbl_pr.append(_element("w:tblStyleRowBandSize", **{"w:val": "1"}))
    borders = _element("w:tblBorders")
    for side, size in (("top", 8), ("bottom", 8), ("insideH", 4)):
        borders.append(
            _element(
                f"w:{side}", **{"w:val": "single", "w:sz": str(size), "w:space": "0", "w:color": line_color}
            )
        )
    tbl_pr.append(borders)
    margins = _element("w:tblCellMar")
    for side, value in (("top", 57), ("left", 85), ("bottom", 57), ("right", 85)):
        margins.append(_element(f"w:{side}", **{"w:w": str(value), "w:type": "dxa"}))
    tbl_pr.append(margins)
    style.append(tbl_pr)
    first = _element("w:tblStylePr", **{"w:type": "firstRow"})
    first_rpr = _element("w:rPr")
    first_rpr.append(_element("w:b"))
    first_rpr.append(_element("w:bCs"))
    first_rpr.append(_element("w:color", **{"w:val": header_color}))
    first.append(first_rpr)
    first.append(_element("w:tblPr"))
    first_tr = _element("w:trPr")
    first_tr.append(_element("w:tblHeader"))
    first.append(first_tr)
    first_tc = _element("w:tcPr")
    first_tc.append(_element("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": header_fill}))
    first.append(first_tc)
    style.append(first)
    band = _element("w:tblStylePr", **{"w:type": "band2Horz"})
    band.append(_element("w:tblPr"))
    band_tc = _element("w:tcPr")
    band_tc.append(_element("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": band_fill}))
    band.append(band_tc)
    style.append(band)
    document.styles.element.append(style)
    return style_id


# --- runs, links, bookmarks, fields -----------------------------------------------------------------


def add_hyperlink(
    paragraph: Paragraph, url: str, text: str, style_id: str | None = "Hyperlink"
) -> OxmlElement:
    """Append an external hyperlink (a real ``w:hyperlink`` with a relationship) and return it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = _element("w:hyperlink", **{"r:id": r_id, "w:history": "1"})
    link.append(_text_run(text, style_id))
    paragraph._p.append(link)
    return link


def add_internal_link(paragraph: Paragraph, anchor: str, text: str) -> OxmlElement:
    """Append a link to a bookmark in the same document."""
    link = _element("w:hyperlink", **{"w:anchor": anchor, "w:history": "1"})
    link.append(_text_run(text, "Hyperlink"))
    paragraph._p.append(link)
    return link


def _text_run(text: str, style_id: str | None = None) -> OxmlElement:
    run = _element("w:r")
    if style_id:
        rpr = _element("w:rPr")
        rpr.append(_element("w:rStyle", **{"w:val": style_id}))
        run.append(rpr)
    t = _element("w:t", **{"xml:space": "preserve"})
    t.text = text
    run.append(t)
    return run


def field_runs(instruction: str, result: str, *, dirty: bool = False) -> list[OxmlElement]:
    """The runs of a complex field: begin, instruction, separate, cached result, end."""
    end = _element("w:r")
    end.append(_element("w:fldChar", **{"w:fldCharType": "end"}))
    return [*_field_start(instruction, dirty=dirty), _text_run(result), end]


def _field_start(instruction: str, *, dirty: bool = False) -> list[OxmlElement]:
    """The runs that open a field: begin, instruction, separate (the result follows them)."""
    begin = {"w:fldCharType": "begin", **({"w:dirty": "true"} if dirty else {})}
    runs = []
    for child in (
        _element("w:fldChar", **begin),
        _instr(instruction),
        _element("w:fldChar", **{"w:fldCharType": "separate"}),
    ):
        run = _element("w:r")
        run.append(child)
        runs.append(run)
    return runs


def _instr(instruction: str) -> OxmlElement:
    instr = _element("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    return instr


def bookmark(
    paragraph_element: OxmlElement, name: str, bookmark_id: int, start: int = 0, end: int | None = None
):
    """Wrap children ``start``…``end`` of a paragraph (default: all but pPr) in a bookmark."""
    children = [c for c in paragraph_element if c.tag != qn("w:pPr")]
    if not children:
        return
    end = len(children) if end is None else end
    begin = _element("w:bookmarkStart", **{"w:id": str(bookmark_id), "w:name": name})
    finish = _element("w:bookmarkEnd", **{"w:id": str(bookmark_id)})
    children[start].addprevious(begin)
    children[end - 1].addnext(finish)


def set_alt_text(inline: OxmlElement, description: str, title: str = "") -> None:
    """Set the alternative text (``wp:docPr/@descr``) of an inline picture or chart."""
    doc_pr = inline.find(qn("wp:docPr"))
    if doc_pr is not None:
        doc_pr.set("descr", description)
        if title:
            doc_pr.set("title", title)


# --- styles ----------------------------------------------------------------------------------------


def _ensure_style(document: Document, name: str, kind: object) -> tuple[str, object | None]:
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

    style_id, style = _ensure_style(document, name, WD_STYLE_TYPE.CHARACTER)
    if style is not None:
        if color:
            style.font.color.rgb = RGBColor.from_string(color)
        style.font.underline = underline or None
        if superscript:
            style.font.superscript = True
    return style_id


def ensure_paragraph_style(
    document: Document, name: str, base: str = "Normal", size_pt: float | None = None
) -> str:
    """Return the style id of paragraph style ``name``, creating it (based on ``base``) if missing."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style_id, style = _ensure_style(document, name, WD_STYLE_TYPE.PARAGRAPH)
    if style is not None:
        style.base_style = document.styles[base]
        if size_pt:
            style.font.size = Pt(size_pt)
    return style_id


# --- lists -----------------------------------------------------------------------------------------

_BULLETS = ["•", "–", "▪", "•", "–", "▪"]
_NUMBER_FORMATS = [
    ("decimal", "%1."),
    ("lowerLetter", "%2)"),
    ("lowerRoman", "%3."),
    ("decimal", "%4."),
    ("lowerLetter", "%5)"),
    ("lowerRoman", "%6."),
]


def _abstract_list(document: Document, ordered: bool) -> str:
    """Id of conceptgen's abstract list definition (bullets or numbers), created once per document."""
    numbering = document.part.numbering_part.element
    name = "conceptgen-numbers" if ordered else "conceptgen-bullets"
    for abstract in numbering.findall(qn("w:abstractNum")):
        tag = abstract.find(qn("w:name"))
        if tag is not None and tag.get(qn("w:val")) == name:
            return abstract.get(qn("w:abstractNumId"))
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = str(max(ids, default=-1) + 1)
    abstract = _element("w:abstractNum", **{"w:abstractNumId": abstract_id})
    abstract.append(_element("w:multiLevelType", **{"w:val": "hybridMultilevel"}))
    abstract.append(_element("w:name", **{"w:val": name}))
    for level in range(6):
        lvl = _element("w:lvl", **{"w:ilvl": str(level)})
        lvl.append(_element("w:start", **{"w:val": "1"}))
        if ordered:
            fmt, text = _NUMBER_FORMATS[level]
        else:
            fmt, text = "bullet", _BULLETS[level]
        lvl.append(_element("w:numFmt", **{"w:val": fmt}))
        lvl.append(_element("w:lvlText", **{"w:val": text}))
        lvl.append(_element("w:lvlJc", **{"w:val": "left"}))
        ppr = _element("w:pPr")
        ppr.append(_element("w:ind", **{"w:left": str(360 * (level + 1)), "w:hanging": "360"}))
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def new_list(document: Document, ordered: bool) -> int:
    """A new list instance (``w:num``) whose numbering starts at 1; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = _abstract_list(document, ordered)
    num_id = max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0) + 1
    num = _element("w:num", **{"w:numId": str(num_id)})
    num.append(_element("w:abstractNumId", **{"w:val": abstract_id}))
    for level in range(6):  # restart every level: each Markdown list counts from 1
        override = _element("w:lvlOverride", **{"w:ilvl": str(level)})
        override.append(_element("w:startOverride", **{"w:val": "1"}))
        num.append(override)
    numbering.append(num)
    return num_id


def set_list_level(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Make ``paragraph`` an item of list ``num_id`` at ``level`` (0-based)."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = _element("w:numPr")
    num_pr.append(_element("w:ilvl", **{"w:val": str(level)}))
    num_pr.append(_element("w:numId", **{"w:val": str(num_id)}))
    _insert_ppr_child(ppr, num_pr)


# --- footnotes -------------------------------------------------------------------------------------

_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def footnotes_part(document: Document):
    """The document's footnotes part, created (with Word's separator footnotes) when missing."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _FOOTNOTES_XML.encode(), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        pr = _element("w:footnotePr")
        pr.append(_element("w:footnote", **{"w:id": "-1"}))
        pr.append(_element("w:footnote", **{"w:id": "0"}))
        _insert_setting(settings, pr, after="w:footnotePr")
    return part


def footnote_reference_run(footnote_id: int, style_id: str) -> OxmlElement:
    """The run placed in the text where footnote ``footnote_id`` is referenced."""
    run = _element("w:r")
    rpr = _element("w:rPr")
    rpr.append(_element("w:rStyle", **{"w:val": style_id}))
    run.append(rpr)
    run.append(_element("w:footnoteReference", **{"w:id": str(footnote_id)}))
    return run


def footnote_element(footnote_id: int, paragraphs: list[OxmlElement], ref_style_id: str) -> OxmlElement:
    """A ``w:footnote`` holding ``paragraphs``; the first starts with the footnote mark."""
    note = _element("w:footnote", **{"w:id": str(footnote_id)})
    for i, p in enumerate(paragraphs):
        if i == 0:
            mark = _element("w:r")
            rpr = _element("w:rPr")
            rpr.append(_element("w:rStyle", **{"w:val": ref_style_id}))
            mark.append(rpr)
            mark.append(_element("w:footnoteRef"))
            space = _text_run(" ")
            ppr = p.find(qn("w:pPr"))
            if ppr is not None:
                ppr.addnext(mark)
            else:
                p.insert(0, mark)
            mark.addnext(space)
        note.append(p)
    return note


# --- indexes ---------------------------------------------------------------------------------------

TEXT_WIDTH_TWIPS = 9072  # 16 cm


def toc_entry(
    *, style_id: str, anchor: str, number: str, text: str, page: str, begin_field: str | None, end_field: bool
) -> OxmlElement:
    """One entry of a TOC field's result: number, text, dot leader, PAGEREF to ``anchor``.

    The first entry carries the field's begin, instruction and separator (``begin_field``), the last
    one its end, as Word writes a TOC.
    """
    p = _element("w:p")
    ppr = _element("w:pPr")
    ppr.append(_element("w:pStyle", **{"w:val": style_id}))
    tabs = _element("w:tabs")
    tabs.append(_element("w:tab", **{"w:val": "right", "w:leader": "dot", "w:pos": str(TEXT_WIDTH_TWIPS)}))
    ppr.append(tabs)
    p.append(ppr)
    if begin_field:
        for run in _field_start(begin_field):
            p.append(run)
    link = _element("w:hyperlink", **{"w:anchor": anchor, "w:history": "1"})
    if number:
        link.append(_text_run(number + " "))
    link.append(_text_run(text))
    tab = _element("w:r")
    tab.append(_element("w:tab"))
    link.append(tab)
    for run in field_runs(f"PAGEREF {anchor} \\h", page):
        link.append(run)
    p.append(link)
    if end_field:
        run = _element("w:r")
        run.append(_element("w:fldChar", **{"w:fldCharType": "end"}))
        p.append(run)
    return p


def set_pageref_results(document: Document, pages: dict[str, int]) -> None:
    """Write page numbers into the cached results of ``PAGEREF <bookmark>`` fields."""
    for instr in document.element.body.iter(qn("w:instrText")):
        words = (instr.text or "").split()
        if len(words) >= 2 and words[0] == "PAGEREF" and words[1] in pages:
            run = instr.getparent()
            separate = run.getnext()
            result = separate.getnext() if separate is not None else None
            text = result.find(qn("w:t")) if result is not None else None
            if text is not None:
                text.text = str(pages[words[1]])


# --- charts ----------------------------------------------------------------------------------------

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _next_partname(package: object, template: str) -> str:
    existing = {str(p.partname) for p in package.iter_parts()}  # type: ignore[attr-defined]
    n = 1
    while template % n in existing:
        n += 1
    return template % n


def embed_chart(
    paragraph: Paragraph,
    chart_xml: bytes,
    workbook: bytes,
    *,
    width_emu: int,
    height_emu: int,
    description: str,
    title: str,
) -> OxmlElement:
    """Place a native chart in ``paragraph``: chart part, embedded workbook („Daten bearbeiten“), inline.

    ``chart_xml`` is a complete ``c:chartSpace``; its ``c:externalData`` is added here, pointing at the
    workbook. Returns the ``wp:inline`` element (its ``wp:docPr/@descr`` is the alternative text).
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    document_part = paragraph.part
    package = document_part.package
    chart_name = _next_partname(package, "/word/charts/chart%d.xml")
    chart_part = Part(PackURI(chart_name), CHART_CONTENT_TYPE, b"", package)
    number = chart_name.rsplit("chart", 1)[1].split(".")[0]
    workbook_part = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        XLSX_CONTENT_TYPE,
        workbook,
        package,
    )
    workbook_rid = chart_part.relate_to(workbook_part, RT.PACKAGE)
    space = etree.fromstring(chart_xml)
    external = etree.SubElement(space, f"{{{_C}}}externalData")
    external.set(f"{{{_R}}}id", workbook_rid)
    etree.SubElement(external, f"{{{_C}}}autoUpdate").set("val", "0")
    _order_chart_space(space)
    chart_part._blob = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    chart_rid = document_part.relate_to(chart_part, RT.CHART)
    inline = etree.fromstring(
        f'<wp:inline xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:c="{_C}" xmlns:r="{_R}" '
        'distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width_emu}" cy="{height_emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="Diagramm {number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{chart_rid}"/></a:graphicData></a:graphic></wp:inline>'
    )
    doc_pr = inline.find(f"{{{_WP}}}docPr")
    doc_pr.set("descr", description)
    doc_pr.set("title", title)
    run = _element("w:r")
    drawing = _element("w:drawing")
    drawing.append(inline)
    run.append(drawing)
    paragraph._p.append(run)
    return inline


_CHART_SPACE_ORDER = [
    "date1904",
    "lang",
    "roundedCorners",
    "AlternateContent",
    "clrMapOvr",
    "pivotSource",
    "protection",
    "chart",
    "spPr",
    "txPr",
    "externalData",
    "printSettings",
    "userShapes",
    "extLst",
]


def _order_chart_space(space: object) -> None:
    """Children of c:chartSpace in schema order (Word refuses other orders)."""
    children = list(space)  # type: ignore[call-overload]
    children.sort(
        key=lambda e: (
            _CHART_SPACE_ORDER.index(e.tag.split("}")[1]) if e.tag.split("}")[1] in _CHART_SPACE_ORDER else 99
        )
    )
    for child in children:
        space.append(child)  # type: ignore[attr-defined]
