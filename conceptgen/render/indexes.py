"""The indexes of a document: table of contents, list of tables, list of figures, written by conceptgen
(Word's own TOC update needs Word; LibreOffice's needs a round trip that loses Word features)."""

from __future__ import annotations

import re
from typing import Any

from conceptgen.ooxml import body as xml_body
from conceptgen.ooxml import fields
from conceptgen.render.numbering import DocumentNumbering, Entry

_TOC_SWITCH_C = re.compile(r'\\c\s+"([^"]+)"')
_TOC_SWITCH_O = re.compile(r'\\o\s+"(\d)-(\d)"')
TOC_HEADING = ("TOC Heading", "toc heading")


def fill_indexes(numbered: DocumentNumbering, pages: dict[str, int] | None) -> int:
    """Write the entries of every TOC field (contents, tables, figures) with page numbers.

    ``pages`` maps bookmark names to page numbers (from LibreOffice); without it the page column
    holds a placeholder. Returns the number of index fields filled. An index of tables or figures
    without entries is removed together with its heading.
    """
    filled = 0
    for paragraph, instruction in _toc_fields(numbered):
        caption = _TOC_SWITCH_C.search(instruction)
        if caption:
            kind = next((k for k, w in numbered.words.items() if w == caption.group(1)), "tab")
            entries = [e for e in numbered.numbering.captions if e.kind == kind]
        else:
            levels = _TOC_SWITCH_O.search(instruction)
            top = int(levels.group(2)) if levels else 3
            entries = [e for e in numbered.numbering.headings if e.level <= top]
        if not entries:
            heading = paragraph.getprevious()
            if heading is not None and numbered.style_name(heading) in TOC_HEADING:
                xml_body.remove(heading)
            xml_body.remove(paragraph)
            continue
        _write_entries(numbered, paragraph, instruction, entries, pages, bool(caption))
        filled += 1
    return filled


def _toc_fields(numbered: DocumentNumbering) -> list[tuple[Any, str]]:
    found = []
    for paragraph in xml_body.top_paragraphs(numbered.body):
        instruction = fields.field_instruction(paragraph)
        if instruction.startswith("TOC"):
            found.append((paragraph, instruction))
    return found


def _write_entries(
    numbered: DocumentNumbering,
    placeholder: Any,
    instruction: str,
    entries: list[Entry],
    pages: dict[str, int] | None,
    captions: bool,
) -> None:
    style_map = numbered.style_map
    style_ids = {level: style_map.ensure_paragraph(f"toc {level}") for level in (1, 2, 3)}
    figure_style = style_map.ensure_paragraph("table of figures")
    anchor = placeholder
    for i, entry in enumerate(entries):
        style = figure_style if captions else style_ids.get(entry.level, style_ids[3])
        p = fields.toc_entry(
            style_id=style,
            anchor=entry.bookmark,
            number=(f"{numbered.words[entry.kind]}\u00a0{entry.number}:" if captions else entry.number),
            text=entry.text,
            page=str(pages.get(entry.bookmark, "")) if pages else "",
            begin_field=instruction if i == 0 else None,
            end_field=i == len(entries) - 1,
            tab_twips=numbered.text_width // 635,
        )
        anchor.addnext(p)
        anchor = p
    xml_body.remove(placeholder)
