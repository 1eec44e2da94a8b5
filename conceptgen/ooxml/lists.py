"""Numbering definitions (numbering.xml) for Markdown lists: bullets and numbers, restarting at 1."""

from __future__ import annotations

from lxml import etree

from conceptgen.ooxml.base import Element, W, element, qn, sub

_BULLETS = ["•", "–", "▪", "•", "–", "▪"]
_NUMBER_FORMATS = [
    ("decimal", "%1."),
    ("lowerLetter", "%2)"),
    ("lowerRoman", "%3."),
    ("decimal", "%4."),
    ("lowerLetter", "%5)"),
    ("lowerRoman", "%6."),
]
LEVELS = len(_BULLETS)
_ABSTRACT_IDS = etree.XPath("w:abstractNum/@w:abstractNumId", namespaces={"w": W}, smart_strings=False)
_NUM_IDS = etree.XPath("w:num/@w:numId", namespaces={"w": W}, smart_strings=False)


def add_abstract_numbering(numbering: Element, abstract: Element) -> None:
    """Add an ``w:abstractNum`` to numbering.xml (abstract definitions precede the ``w:num``s)."""
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def next_abstract_id(numbering: Element) -> int:
    # the ids as strings by XPath (no element objects): a document with thousands of lists asks this often
    return max(map(int, _ABSTRACT_IDS(numbering)), default=-1) + 1


def next_num_id(numbering: Element) -> int:
    return max(map(int, _NUM_IDS(numbering)), default=0) + 1


def _abstract_list(numbering: Element, ordered: bool) -> str:
    """Id of conceptgen's abstract list definition (bullets or numbers), created once per document."""
    name = "conceptgen-numbers" if ordered else "conceptgen-bullets"
    for abstract in numbering.findall(qn("w:abstractNum")):
        tag = abstract.find(qn("w:name"))
        if tag is not None and tag.get(qn("w:val")) == name:
            return abstract.get(qn("w:abstractNumId"))
    abstract_id = str(next_abstract_id(numbering))
    abstract = element("w:abstractNum", **{"w:abstractNumId": abstract_id})
    sub(abstract, "w:multiLevelType", **{"w:val": "hybridMultilevel"})
    sub(abstract, "w:name", **{"w:val": name})
    for level in range(LEVELS):
        lvl = sub(abstract, "w:lvl", **{"w:ilvl": str(level)})
        sub(lvl, "w:start", **{"w:val": "1"})
        fmt, text = _NUMBER_FORMATS[level] if ordered else ("bullet", _BULLETS[level])
        sub(lvl, "w:numFmt", **{"w:val": fmt})
        sub(lvl, "w:lvlText", **{"w:val": text})
        sub(lvl, "w:lvlJc", **{"w:val": "left"})
        sub(sub(lvl, "w:pPr"), "w:ind", **{"w:left": str(360 * (level + 1)), "w:hanging": "360"})
    add_abstract_numbering(numbering, abstract)
    return abstract_id


def new_list(numbering: Element, ordered: bool, start: int = 1) -> int:
    """A new list instance (``w:num``) in numbering.xml whose first level starts at ``start`` (deeper
    levels at 1); returns its numId."""
    abstract_id = _abstract_list(numbering, ordered)
    num_id = next_num_id(numbering)
    num = sub(numbering, "w:num", **{"w:numId": str(num_id)})
    sub(num, "w:abstractNumId", **{"w:val": abstract_id})
    for level in range(LEVELS):  # restart every level: each Markdown list counts from its own start
        first = str(start if level == 0 else 1)
        sub(sub(num, "w:lvlOverride", **{"w:ilvl": str(level)}), "w:startOverride", **{"w:val": first})
    return num_id
