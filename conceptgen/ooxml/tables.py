"""Table rows and cells: header rows, rows kept on one page, shading, widths."""

from __future__ import annotations

from conceptgen.ooxml.base import (
    PPR_ORDER,
    TCPR_ORDER,
    TRPR_ORDER,
    Element,
    element,
    get_or_insert,
    insert_in_order,
    qn,
)


def mark_header_row(tr: Element) -> None:
    """Mark a table row (``w:tr``) as header row, repeated on every page (accessibility)."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        insert_in_order(tr_pr, element("w:tblHeader"), TRPR_ORDER)


def prevent_row_split(tr: Element) -> None:
    """Keep a table row (``w:tr``) on one page."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        insert_in_order(tr_pr, element("w:cantSplit"), TRPR_ORDER)


def keep_together(tbl: Element, short: int = 16) -> None:
    """Keep a table from breaking where a reader would stumble: a table of up to ``short`` rows stays on
    one page; a longer one keeps its header with its first row and its last row with the one before
    (never a single row on a page). Done as Word does it: "keep with next" on the rows' paragraphs."""
    rows = tbl.findall(qn("w:tr"))
    if len(rows) <= 1:
        return
    if len(rows) <= short:
        kept = rows[:-1]
    else:
        headers = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
        kept = [*rows[: len(headers) + 1], rows[-2]]
    keep_next, val, ppr = qn("w:keepNext"), qn("w:val"), qn("w:pPr")
    for row in kept:
        for paragraph in row.iter(qn("w:p")):
            properties = paragraph.find(ppr)
            if properties is None:
                properties = paragraph.get_or_add_pPr()
            found = properties.find(keep_next)
            if found is None:  # as python-docx's keepNext_val = True writes it, without its proxy objects
                insert_in_order(properties, properties.makeelement(keep_next), PPR_ORDER)
            elif found.get(val) is not None:
                del found.attrib[val]


def shade_cell(tc: Element, fill: str) -> None:
    """Give a table cell (``w:tc``) a background colour (hex, e.g. ``E8EEF4``)."""
    shading = get_or_insert(tc.get_or_add_tcPr(), "w:shd", TCPR_ORDER)
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
