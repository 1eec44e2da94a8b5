"""The kit a block's look is written with (``Block.look``, outline/block.py): paragraphs and tables in a
template's styles, docxtpl tags where the block's data goes.

The same writer makes the built-in templates' block library (``templates/*/build_template.py``) and, while
a document is rendered, the snippet of a block that the template has none for (``default_snippet``): so a
new block renders in every template without rebuilding one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conceptgen.ooxml import tables
from conceptgen.ooxml.base import Element, qn

Document = Any  # a python-docx Document
TABLE_STYLE = "Konzept Tabelle"  # the built-in templates' table style, by its name


class SnippetWriter:
    """Writes paragraphs and tables at the end of a python-docx document. ``style`` maps the style names
    a look uses (the built-in konzept names: "Body Text", "Table Text", "Caption", "Konzept Tabelle" …)
    to the names of the document's styles."""

    def __init__(self, doc: Document, style: Callable[[str], str | None] | None = None):
        self.doc = doc
        self._style = style or (lambda name: name)

    def style_name(self, name: str) -> str | None:
        """The document's style for the look's style ``name`` (None: the table has no style)."""
        return self._style(name)

    # --- paragraphs ------------------------------------------------------------------------------

    def p(self, text: str = "", style: str = "Body Text") -> Any:
        """A paragraph of ``style`` holding ``text`` (tags included)."""
        return self.doc.add_paragraph(text, style=self.style_name(style))

    def tag(self, tag: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
        self.doc.add_paragraph(tag, style=self.style_name("Body Text"))

    def h(self, text: str, level: int) -> Any:
        """A heading, written as if the block stood directly in a chapter (level 2); conceptgen moves it
        down when the block sits in a section."""
        return self.doc.add_paragraph(text, style=self.style_name(f"Heading {level}"))

    def paragraphs(self, expr: str) -> None:
        """Insert a Markdown text field: ``{{p expr }}`` becomes its paragraphs, lists, tables …"""
        self.p(f"{{{{p {expr} }}}}")

    def caption(self, text: str) -> None:
        self.p(text, "Caption")

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- tables ----------------------------------------------------------------------------------

    def new_table(self, rows: int, cols: int, *, align_left: bool = False) -> Any:
        """A table of ``rows`` × ``cols`` in the table style, its widths fixed (``widths``)."""
        table = self.doc.add_table(rows=rows, cols=cols)
        name = self.style_name(TABLE_STYLE)
        if name is not None:
            table.style = self.doc.styles[name]
        if align_left:
            from docx.enum.table import WD_TABLE_ALIGNMENT

            table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        return table

    def table(
        self, headers: list[str], cells: list[str], loop: str, widths: list[float], source: str | None = None
    ) -> None:
        """A table with a repeated header row and one data row repeated by ``{%tr for loop %}``, then the
        source line (empty when there is no ``source``)."""
        table = self.new_table(4, len(headers), align_left=True)
        header, start, data, end = table.rows
        self.header_row(header)
        for i, text in enumerate(headers):
            self.cell(header.cells[i], text)
        self.cell(start.cells[0], f"{{%tr for {loop} %}}")
        for i, text in enumerate(cells):
            self.cell(data.cells[i], text)
        self.keep_row(data)
        self.cell(end.cells[0], "{%tr endfor %}")
        self.widths(table, widths)
        self.p(source or "", "Source Line")

    def key_value_table(
        self, rows: list[tuple[str, str]], widths: list[float], header: tuple[str, str]
    ) -> Any:
        """Two columns, a label and its value per row; a value ``TR:…`` is a row-level docxtpl tag (the row
        goes away), ``PARAGRAPHS:expr`` a Markdown text field in the cell."""
        table = self.new_table(len(rows) + 1, 2)
        self.header_row(table.rows[0])
        self.cell(table.rows[0].cells[0], header[0])
        self.cell(table.rows[0].cells[1], header[1])
        for row, (label, value) in zip(table.rows[1:], rows, strict=True):
            if value.startswith("TR:"):
                self.cell(row.cells[0], value.removeprefix("TR:"))
                continue
            self.cell(row.cells[0], label, bold=True)
            if value.startswith("PARAGRAPHS:"):
                cell = row.cells[1]
                expr = value.removeprefix("PARAGRAPHS:")
                cell.paragraphs[0].text = f"{{{{p {expr} | in_table }}}}"
                cell.paragraphs[0].style = self.doc.styles[self.style_name("Table Text")]
            else:
                self.cell(row.cells[1], value)
            self.keep_row(row)
        self.widths(table, widths)
        return table

    def cell(self, cell: Any, text: str, bold: bool = False) -> None:
        """``text`` into the first paragraph of ``cell``, in the table text style."""
        paragraph = cell.paragraphs[0]
        paragraph.style = self.doc.styles[self.style_name("Table Text")]
        run = paragraph.add_run(text)
        if bold:
            run.bold = True

    def cell_paragraph(self, cell: Any, text: str, style: str = "Table Text") -> None:
        """One more paragraph in ``cell``."""
        cell.add_paragraph(text, style=self.doc.styles[self.style_name(style)])

    def widths(self, table: Any, widths: list[float]) -> None:
        """Column widths in centimetres, on every cell and column."""
        from docx.shared import Cm

        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)

    def header_row(self, row: Any) -> None:
        """Repeat ``row`` on every page as the table's header (accessibility)."""
        tables.mark_header_row(row._tr)

    def keep_row(self, row: Any) -> None:
        """Keep ``row`` on one page."""
        tables.prevent_row_split(row._tr)

    def shade(self, cell: Any, fill: str) -> None:
        tables.shade_cell(cell._tc, fill)

    def remove_row(self, table: Any, row: Any) -> None:
        table._tbl.remove(row._tr)


def default_snippet(
    doc: Document, look: Callable[[SnippetWriter], None], style: Callable[[str], str | None]
) -> list[Element]:
    """The elements ``look`` writes, in the styles ``style`` maps to: written at the end of the body,
    then taken out of it (a snippet the template's block library does not have)."""
    body = doc.element.body
    before = set(body)  # held, so that each element keeps its proxy (lxml) and compares by identity
    look(SnippetWriter(doc, style))
    made = [child for child in body if child not in before and child.tag != qn("w:sectPr")]
    for child in made:
        body.remove(child)
    return made
