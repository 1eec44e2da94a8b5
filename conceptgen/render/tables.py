"""Tables in the text: data tables (caption, header row, numbers right-aligned, totals, source line) and
Markdown pipe tables, with column widths shared out by content."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from conceptgen.document.tables import DataTable
from conceptgen.ooxml import tables as xml_tables
from conceptgen.render.typography import typeset

if TYPE_CHECKING:
    from conceptgen.render.blocks import BlockRenderer
    from conceptgen.render.markdown import MarkdownWriter

EMU_PER_CM = 360000
LIGHTS = {"good": "E2F0D9", "risk": "FFF2CC", "off": "FBE3D6"}  # light green, yellow, red


def add_data_table(renderer: BlockRenderer, table: DataTable) -> None:
    """Append caption, table and source line of ``table`` to the renderer's scratch body."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    caption = renderer.paragraph(renderer.style(renderer.styles.caption))
    caption.add_run(typeset(table.title, renderer.locale))
    renderer.state.labels[caption._p] = table.label
    renderer.anchors.wrap_generated(caption._p, f"table:{table.id}")
    rows = [table.headers, *table.rows] + ([table.total] if table.total else [])
    word_table = renderer.add_scratch_table(len(rows), len(table.headers), renderer.text_width)
    _fit_columns(word_table, rows, table.numeric, renderer.text_width, table.widths)
    for r, (row, values) in enumerate(zip(word_table.rows, rows, strict=True)):
        if r == 0:
            xml_tables.mark_header_row(row._tr)
        xml_tables.prevent_row_split(row._tr)
        flag = table.flags[r - 1] if 0 < r <= len(table.flags) else ""
        cells = row.cells  # computed from the grid on every access: once per row
        for c, value in enumerate(values):
            cell = cells[c]
            paragraph = cell.paragraphs[0]
            renderer.set_style(paragraph, renderer.styles.cell)
            if table.numeric[c] and r > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(typeset(value, renderer.locale))
            if (table.total and r == len(rows) - 1) or flag == "group":
                run.bold = True
            if flag == "group":  # a header inside the table (a SWOT's second pair of fields)
                xml_tables.shade_cell(cell._tc, "D6E0EB")
            if flag in LIGHTS:  # a traffic light: the row tinted, the word in the cell says it too
                xml_tables.shade_cell(cell._tc, LIGHTS[flag])
            if flag == "under":
                xml_tables.shade_cell(cell._tc, "FBE3D6")
            if r == c == 0:  # a change anywhere in the table is listed against its definition
                renderer.anchors.wrap_generated(paragraph._p, f"table:{table.id}")
    source = table.source
    if source and table.note and not source.endswith((".", "!", "?")):
        source += "."
    line = renderer.source_line(source + (f" {table.note}" if table.note else ""))
    renderer.anchors.wrap_generated(line._p, f"table:{table.id}")


def add_markdown_table(writer: MarkdownWriter, tokens: list[Any]) -> None:
    """Append a Markdown pipe table (its markdown-it tokens) to the writer's scratch body."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    renderer = writer.r
    rows: list[list[Any]] = []
    aligns: list[str] = []
    header_rows = 0
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            style = token.attrs.get("style", "") or ""
            if token.type == "th_open":
                aligns.append(style.replace("text-align:", ""))
        elif token.type == "inline":
            rows[-1].append(token)
        elif token.type == "thead_close":
            header_rows = len(rows)
    if not rows:
        return
    columns = max(len(r) for r in rows)
    table = renderer.add_scratch_table(len(rows), columns, renderer.text_width)
    alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        if r < header_rows:
            xml_tables.mark_header_row(row._tr)
        xml_tables.prevent_row_split(row._tr)
        row_cells = row.cells  # computed from the grid on every access: once per row
        for c, inline in enumerate(cells):
            paragraph = row_cells[c].paragraphs[0]
            renderer.set_style(paragraph, renderer.styles.cell)
            if c < len(aligns) and aligns[c] in alignment:
                paragraph.alignment = alignment[aligns[c]]
            writer.inline(paragraph, inline.children or [])
            writer.anchor(paragraph, inline.map[0] if inline.map else None)
    # source lines and captions may follow; a table must not touch the next block
    renderer.source_line("")


def _fit_columns(
    table: Any, rows: list[list[str]], numeric: list[bool], width_emu: int, weights: list[float] | None = None
) -> None:
    """Share the text width by content: every column gets its longest word, text columns the rest (or,
    with ``weights``, the rest in those proportions)."""
    char_cm, padding_cm = 0.2, 0.4  # about 9 pt Arial (bold in the header), plus cell margins
    columns = len(rows[0])
    minimum, desire = [], []
    for c in range(columns):
        # a cell breaks at spaces (never at a non-breaking one: „10.000 EW“ is one word) and after hyphens
        # and slashes; a header's word may be hyphenated beyond 8 letters, a number with its unit not
        words = [len(w) for row in rows[1:] for w in _BREAKS.split(typeset(str(row[c]))) if w]
        heading = max((_header_room(w) for w in _BREAKS.split(typeset(str(rows[0][c]))) if w), default=1)
        longest_word = max([*words, heading], default=1)
        longest = max((len(str(row[c])) for row in rows), default=1)
        if weights is not None:  # the block knows its columns: long compounds may hyphenate
            longest_word = min(longest_word, 10)
        minimum.append(longest_word * char_cm + padding_cm)
        if weights is not None:
            desire.append(weights[c])
        else:
            wish = min(longest, 45) * char_cm + padding_cm - minimum[-1]
            desire.append(0.0 if numeric[c] else max(wish, 0.0))
    text_width = width_emu / EMU_PER_CM
    spare = text_width - sum(minimum)
    if spare <= 0:
        widths = [m * text_width / sum(minimum) for m in minimum]
    else:
        wanted = sum(desire)
        widths = [
            m + (spare * d / wanted if wanted else spare / columns)
            for m, d in zip(minimum, desire, strict=True)
        ]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = _cm(width)  # the grid: what LibreOffice lays out by
    for row in table.rows:
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = _cm(width)  # the cells: what Word lays out by


_BREAKS = re.compile(r"[ \t\n]+|(?<=[-/])")


def _header_room(word: str) -> int:
    """Letters a header's word needs on one line: all of a number with its unit (no hyphenation point
    in „10.000\u00a0EW“), else at most 8 (longer words are hyphenated)."""
    return len(word) if "\u00a0" in word or any(ch.isdigit() for ch in word) else min(len(word), 8)


def _cm(value: float) -> int:
    return int(value * EMU_PER_CM)
