"""Complex fields (PAGE, SEQ, REF, PAGEREF, TOC), bookmarks and the entries of index fields."""

from __future__ import annotations

from conceptgen.ooxml.base import Element, element, qn, sub, text_of
from conceptgen.ooxml.text import text_run


def field_runs(instruction: str, result: str, *, dirty: bool = False) -> list[Element]:
    """The runs of a complex field: begin, instruction, separate, cached ``result``, end."""
    end = element("w:r")
    sub(end, "w:fldChar", **{"w:fldCharType": "end"})
    return [*field_start(instruction, dirty=dirty), text_run(result), end]


def field_start(instruction: str, *, dirty: bool = False) -> list[Element]:
    """The runs that open a field: begin, instruction, separate (the result follows them)."""
    begin = {"w:fldCharType": "begin", **({"w:dirty": "true"} if dirty else {})}
    instr = element("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    runs = []
    for child in (
        element("w:fldChar", **begin),
        instr,
        element("w:fldChar", **{"w:fldCharType": "separate"}),
    ):
        run = element("w:r")
        run.append(child)
        runs.append(run)
    return runs


def add_field(paragraph: Element, instruction: str, placeholder: str = "") -> None:
    """Append a field with ``instruction`` to ``paragraph``, marked dirty (Word updates it on opening).

    ``placeholder`` is the result shown until the field is updated.
    """
    for run in field_runs(instruction, placeholder, dirty=True):
        paragraph.append(run)


def field_instruction(paragraph: Element) -> str:
    """The joined instruction text of the fields in ``paragraph`` (``TOC \\o "1-3"``), stripped."""
    return "".join(t.text or "" for t in paragraph.iter(qn("w:instrText"))).strip()


def field_results(root: Element, keyword: str) -> list[tuple[list[str], Element | None, Element]]:
    """Every field below ``root`` whose instruction starts with ``keyword`` (``REF``): its instruction
    words, the ``w:t`` that holds its cached result (None when the field has no result run) and its
    ``w:instrText``."""
    found = []
    for instr in root.iter(qn("w:instrText")):
        words = (instr.text or "").split()
        if not words or words[0] != keyword:
            continue
        separate = instr.getparent().getnext()
        result = separate.getnext() if separate is not None else None
        found.append((words, result.find(qn("w:t")) if result is not None else None, instr))
    return found


def set_instruction(instr: Element, instruction: str) -> None:
    """Replace the text of a ``w:instrText``."""
    instr.text = f" {instruction} "


def _begin(instr: Element) -> Element:
    """The run that opens the field of ``instr`` (the instruction's own run when none is found)."""
    run = instr.getparent()
    begin = run.getprevious()
    while begin is not None and begin.find(f"{qn('w:fldChar')}[@{qn('w:fldCharType')}='begin']") is None:
        begin = begin.getprevious()
    return begin if begin is not None else run


def insert_before_field(instr: Element, run: Element) -> None:
    """Put ``run`` right before the field of ``instr`` (before its begin)."""
    _begin(instr).addprevious(run)


def flatten(instr: Element, text: str) -> None:
    """Replace the whole field of ``instr`` (begin to end) by a plain run showing ``text``."""
    runs, node = [], _begin(instr)
    while node is not None:
        runs.append(node)
        if node.find(f"{qn('w:fldChar')}[@{qn('w:fldCharType')}='end']") is not None:
            break
        node = node.getnext()
    runs[0].addprevious(text_run(text))
    for node in runs:
        node.getparent().remove(node)


def bookmark(paragraph: Element, name: str, bookmark_id: int, start: int = 0, end: int | None = None) -> None:
    """Wrap children ``start``…``end`` of a paragraph (default: all but its properties) in a bookmark."""
    children = [c for c in paragraph if c.tag != qn("w:pPr")]
    if not children:
        return
    end = len(children) if end is None else end
    children[start].addprevious(element("w:bookmarkStart", **{"w:id": str(bookmark_id), "w:name": name}))
    children[end - 1].addnext(element("w:bookmarkEnd", **{"w:id": str(bookmark_id)}))


PAGE_COLUMN_TWIPS = 567  # 1 cm kept free of an index entry's text for its leader dots and page number


def toc_entry(
    *,
    style_id: str,
    anchor: str,
    number: str,
    text: str,
    page: str,
    begin_field: str | None,
    end_field: bool,
    tab_twips: int,
) -> Element:
    """One entry of a TOC field's result: number, text, dot leader to a right tab at ``tab_twips``,
    PAGEREF to ``anchor``.

    The first entry carries the field's begin, instruction and separator (``begin_field``), the last
    one its end, as Word writes a TOC.
    """
    p = element("w:p")
    ppr = sub(p, "w:pPr")
    sub(ppr, "w:pStyle", **{"w:val": style_id})
    sub(sub(ppr, "w:tabs"), "w:tab", **{"w:val": "right", "w:leader": "dot", "w:pos": str(tab_twips)})
    # the page number's column: the entry's text wraps before it, so a long entry still gets its leader
    # dots and its page number never reads as part of the text („Stichtag 31. Januar 2024.5“)
    sub(ppr, "w:ind", **{"w:right": str(PAGE_COLUMN_TWIPS)})
    if begin_field:
        p.extend(field_start(begin_field))
    link = sub(p, "w:hyperlink", **{"w:anchor": anchor, "w:history": "1"})
    if number:
        link.append(text_run(number + " "))
    link.append(text_run(text))
    sub(sub(link, "w:r"), "w:tab")
    link.extend(field_runs(f"PAGEREF {anchor} \\h", page))
    if end_field:
        sub(sub(p, "w:r"), "w:fldChar", **{"w:fldCharType": "end"})
    return p


def set_pageref_results(root: Element, pages: dict[str, int]) -> None:
    """Write page numbers into the cached results of ``PAGEREF <bookmark>`` fields below ``root``."""
    for words, result, _instr in field_results(root, "PAGEREF"):
        if len(words) >= 2 and words[1] in pages and result is not None:
            result.text = str(pages[words[1]])


__all__ = [
    "PAGE_COLUMN_TWIPS",
    "add_field",
    "bookmark",
    "field_instruction",
    "field_results",
    "field_runs",
    "field_start",
    "flatten",
    "insert_before_field",
    "set_instruction",
    "set_pageref_results",
    "text_of",
    "toc_entry",
]
