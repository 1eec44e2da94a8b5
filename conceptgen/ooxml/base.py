"""Namespaces, element construction and schema-order insertion shared by the other ooxml modules."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import NamespacePrefixedTag
from docx.oxml.ns import qn as _qn
from docx.oxml.parser import oxml_parser
from lxml import etree

__all__ = ["WP", "A", "C", "R", "W", "element", "insert_in_order", "local_name", "qn", "sub", "text_of"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

Element = Any  # an lxml element (python-docx's BaseOxmlElement for WordprocessingML)

# python-docx's qn (``w:p`` → ``{…/main}p``), remembered per name: 142,000 calls in a 10× render
qn = functools.cache(_qn)


def element(tag: str, /, **attrs: str) -> Element:
    """A new WordprocessingML element ``tag`` (``w:p``) with prefixed attributes (``w:val="x"``): what
    python-docx's OxmlElement makes, with the tag's name and namespace looked up once per tag (a 10×
    render makes 37,000 elements: OxmlElement was 8 % of its profile)."""
    clark, nsmap = _tag(tag)
    return oxml_parser.makeelement(
        clark, attrib={qn(name): value for name, value in attrs.items()}, nsmap=nsmap
    )


@functools.cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def sub(parent: Element, tag: str, /, **attrs: str) -> Element:
    """Append a new element ``tag`` to ``parent`` and return it (made in the parent's document, so it
    gets python-docx's element class and the namespace prefixes in scope — as ``element`` + append
    would, at a third of the cost)."""
    return etree.SubElement(parent, qn(tag), {qn(name): value for name, value in attrs.items()})


def local_name(node: Element) -> str:
    """``{ns}name`` → ``name``."""
    return node.tag.rsplit("}", 1)[-1]


def insert_in_order(parent: Element, child: Element, order: Sequence[str]) -> Element:
    """Insert ``child`` into ``parent`` at its schema position and return it.

    ``order`` lists the local names of the children in the sequence the schema prescribes (as
    python-docx's element classes declare successors); ``child`` goes before the first existing sibling
    that must follow it, or last. Unknown names go last.
    """
    successors = _successors(local_name(child), tuple(order))
    if not successors:
        parent.append(child)
        return child
    for existing in parent:
        if local_name(existing) in successors:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


@functools.cache
def _successors(name: str, order: tuple[str, ...]) -> frozenset[str]:
    return frozenset(order[order.index(name) + 1 :]) if name in order else frozenset()


def get_or_insert(parent: Element, tag: str, order: Sequence[str]) -> Element:
    """The child ``tag`` (``w:pBdr``) of ``parent``, inserted at its schema position when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    return insert_in_order(parent, element(tag), order)


def text_of(node: Element) -> str:
    """The text of every ``w:t`` below ``node``, joined."""
    return "".join(t.text or "" for t in node.iter(qn("w:t")))


# Schema orders (ECMA-376 Part 1) of the containers conceptgen inserts into.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
TRPR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
)  # fmt: skip
TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange",
)  # fmt: skip
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
    "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
    "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)  # fmt: skip
