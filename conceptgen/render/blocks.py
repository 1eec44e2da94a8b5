"""The block factory of one document: paragraphs, data tables, charts, source lines in the template's
styles, built in a scratch body. A template receives a placeholder paragraph for each block; once the
template is rendered, the built elements take the placeholders' places (never serialised and parsed
again)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conceptgen.cache import Cache
from conceptgen.diagnostics import diagnostic
from conceptgen.document.anchors import AnchorOptions
from conceptgen.document.tables import DataTable
from conceptgen.language import Language
from conceptgen.markup import Markdown
from conceptgen.model.template import Styles
from conceptgen.ooxml import assembly, drawing
from conceptgen.ooxml import body as xml_body
from conceptgen.ooxml import text as xml_text
from conceptgen.render.anchors import Anchors
from conceptgen.render.state import Citation, RenderState
from conceptgen.render.stylemap import StyleMap
from conceptgen.render.typography import typeset


class BlockRenderer:
    """Builds the blocks (Markdown texts, data tables, charts) of one document in a scratch body.

    It creates numbering instances and footnotes in that document and remembers every reference, which
    render/numbering.py resolves once the whole document exists.
    """

    def __init__(
        self,
        document: Any,
        *,
        language: Language,
        styles: Styles,
        style_map: StyleMap,
        project_root: Path,
        citations: dict[str, Citation],
        first_footnote_id: int,
        tables: dict[str, DataTable] | None = None,
        charts: dict[str, Any] | None = None,
        palette: list[str] | None = None,
        font: str = "Arial",
        cache: Cache | None = None,
        anchors: AnchorOptions | None = None,
    ):
        self.document = document
        self.cache = cache or Cache(None)
        self.language = language
        self.locale = language.code  # typography's rules are chosen by this code
        self.project_root = project_root
        self.citations = citations
        self.tables = tables or {}
        self.charts = charts or {}
        self.palette = palette or []
        self.font = font
        self.state = RenderState()
        self.anchors = Anchors(project_root, anchors)  # review anchors (render/anchors.py)
        self.line_breaks = False  # a text's soft line breaks become line breaks (Leichte Sprache)
        self.vector_maps = False  # choropleth maps with their SVG beside the PNG (template.yaml)
        # maps drawn before, by another process (render/parallel.py): picture_key → PNG and SVG
        self.pictures: dict[bytes, tuple[bytes, bytes | None]] = {}
        self.tasks: frozenset[str] = frozenset()  # IDs of tasks: a reference to one says „Aufgabe“
        self.next_footnote = max(first_footnote_id, 1)
        self._scratch = xml_body.scratch_body(document)
        self.drawings = drawing.PackageIndex(document.part)  # parts and ids of the drawings added
        self.text_width = xml_body.text_width_emu(document)
        self.styles = styles
        self.style_map = style_map
        self.hyperlink_style = style_map.ensure_character(styles.hyperlink, color="0563C1", underline=True)
        self.footnote_ref_style = style_map.ensure_character(styles.footnote_reference, superscript=True)
        style_map.ensure_paragraph(styles.footnote_text, size_pt=8.5)

    @property
    def numbering(self) -> Any:
        """numbering.xml of the document (python-docx creates the part when the template has none)."""
        return self.document.part.numbering_part.element

    # --- whole blocks, for templates -------------------------------------------------------------

    def render(self, markdown: Markdown, *, in_table: bool = False, heading_offset: int = 0) -> str:
        """A placeholder for ``markdown`` as a sequence of block elements (never empty); its headings
        move ``heading_offset`` levels down (a text in a section: ``##`` one below the section)."""
        from conceptgen.render.markdown import MarkdownWriter

        def build() -> None:
            if markdown:
                MarkdownWriter(self, markdown, in_table=in_table, heading_offset=heading_offset).write()
            body = self._scratch._element
            if len(body) == 0 or not xml_body.is_paragraph(body[-1]):
                # a table cell must end in a paragraph, and an empty text must still be one block
                self.paragraph(self.styles.cell if in_table else self.styles.body)

        return self._capture(build)

    def render_heading(
        self,
        title: str,
        level: int,
        label: str | None,
        *,
        numbered: bool = True,
        new_page: bool = False,
        key: str = "",
    ) -> str:
        """A placeholder for a heading of an outline (its label kept as data, never parsed from text);
        ``new_page``: it begins a page; ``key``: its node's, for the review anchor."""

        def build() -> None:
            paragraph = self.paragraph(self.style(f"Heading {level}") or self.styles.body)
            if new_page:
                paragraph.paragraph_format.page_break_before = True
            paragraph.add_run(typeset(title, self.locale))
            if key:
                self.anchors.wrap_generated(paragraph._p, f"heading:{key}")
            if label:
                self.state.labels[paragraph._p] = f"sec:{label}"
            if not numbered:
                assembly.unnumber(paragraph._p)

        return self._capture(build)

    def render_table(self, table: DataTable) -> str:
        """A placeholder for a data table: caption, table (header row, numbers right-aligned, total),
        source."""
        return self._capture(lambda: self.add_table(table))

    def render_chart(self, result: Any) -> str:
        """A placeholder for a chart: the chart (native or image), its caption and source line."""
        return self._capture(lambda: self.add_chart(result))

    def _capture(self, build: Any) -> str:
        """Run ``build`` on the empty scratch body, keep what it added as a slot; returns the slot's
        placeholder paragraph (XML)."""
        body = self._scratch._element
        build()
        key = f"{xml_body.SLOT_PREFIX}{len(self.state.slots) + 1}"
        self.state.slots[key] = list(body)
        for child in self.state.slots[key]:
            body.remove(child)
        return xml_body.slot_paragraph(key)

    def fill_slots(self, roots: list[Any]) -> None:
        """Put every built block in place of its placeholder below ``roots`` (the rendered parts)."""
        for root in roots:
            xml_body.fill_slots(root, self.state.slots)
        self.anchors.place(roots)

    # --- blocks into the scratch body -------------------------------------------------------------

    def add_table(self, table: DataTable) -> None:
        """Append caption, table and source line of ``table`` to the scratch body."""
        from conceptgen.render.tables import add_data_table

        add_data_table(self, table)

    def add_chart(self, result: Any) -> None:
        """Append a chart paragraph, its caption („Abbildung n: …“) and source line to the scratch body."""
        from conceptgen.model.template import DEFAULT_PALETTE
        from conceptgen.render import charts

        palette = self.palette or list(DEFAULT_PALETTE)
        chart = result.chart
        captioned = getattr(result, "captioned", True)
        paragraph = self.figure_paragraph(captioned=captioned)
        beside = getattr(result, "beside", None)
        if beside is not None and charts.is_native(result):
            self._add_chart_beside(paragraph, result, beside, palette)
            return
        self._heading_run(paragraph, getattr(result, "heading", ""))
        alt = typeset(chart.alt, self.locale)
        title = typeset(chart.title, self.locale)
        width, height = self.text_width, charts.height_emu(result)
        if charts.is_native(result):
            space, workbook = charts.native_chart(
                result, palette=palette, font=self.font, language=self.language
            )
            drawing.embed_chart(
                paragraph._p,
                paragraph.part,
                space,
                workbook,
                width_emu=width,
                height_emu=height,
                description=alt,
                title=title,
                index=self.drawings,
            )
        else:
            png = charts.image_chart(
                result,
                palette=palette,
                language=self.language,
                width_emu=width,
                cache=self.cache,
            )
            inline = drawing.add_picture(paragraph.add_run(), self.drawings, png, width)
            drawing.set_alt_text(inline, alt, title)
        if not captioned:
            return
        paragraph.add_run().add_break()
        paragraph.add_run(title)
        self.state.labels[paragraph._p] = f"fig:{chart.id}"
        self.anchors.wrap_generated(paragraph._p, f"chart:{chart.id}")
        note = getattr(result, "note", "")
        if result.source or note:
            source = f"{self.language.terms['source']}: {result.source}" if result.source else ""
            line = self.source_line(" ".join(part for part in (note, source) if part))
            self.anchors.wrap_generated(line._p, f"chart:{chart.id}")

    def _add_chart_beside(self, paragraph: Any, result: Any, figure: Any, palette: list[str]) -> None:
        """An uncaptioned chart and a small map side by side in one paragraph, each under its short
        title (the second title at a tab stop above the map): a profile's comparison and locator map
        take the height of one."""
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Emu

        from conceptgen.render import charts, maps

        # map and its title at a right tab stop by the right margin, the chart 1.3 cm narrower than the
        # space left of it (LibreOffice moves a map that a left tab stop would set flush with the margin
        # onto the next line)
        map_width = min(round(figure.width_cm * 360000), self.text_width // 3)
        chart_width = self.text_width - map_width - 468000
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Emu(self.text_width - 36000), WD_TAB_ALIGNMENT.RIGHT
        )
        heading = typeset(getattr(result, "heading", ""), self.locale)
        run = paragraph.add_run(f"{heading}\t{typeset(figure.heading, self.locale)}")
        run.bold = True
        paragraph.add_run().add_break()
        space, workbook = charts.native_chart(result, palette=palette, font=self.font, language=self.language)
        drawing.embed_chart(
            paragraph._p,
            paragraph.part,
            space,
            workbook,
            width_emu=chart_width,
            height_emu=charts.height_emu(result),
            description=typeset(result.chart.alt or result.chart.title, self.locale),
            title=typeset(result.chart.title, self.locale),
            index=self.drawings,
        )
        paragraph.add_run("\t")
        picture = maps.locator(figure, palette)
        inline = drawing.add_picture(paragraph.add_run(), self.drawings, picture, map_width)
        drawing.set_alt_text(inline, typeset(figure.alt, self.locale), typeset(figure.title, self.locale))
        if getattr(result, "note", ""):  # what the chart's short labels stand for (a profile's strip)
            line = self.source_line(result.note)
            self.anchors.wrap_generated(line._p, f"chart:{result.chart.id}")

    def add_map(self, figure: Any) -> None:
        """Append a map (document/maps.py MapFigure) as a picture, with caption and source line unless it
        is a small map without caption (a locator map in a profile)."""
        from conceptgen.model.template import DEFAULT_PALETTE
        from conceptgen.render import maps

        palette = self.palette or list(DEFAULT_PALETTE)
        key = maps.picture_key(figure, palette, self.vector_maps) if self.pictures else b""
        png, svg = self.pictures.get(key) or maps.draw(figure, palette, self.language, self.vector_maps)
        width = min(self.text_width, round(figure.width_cm * 360000))
        paragraph = self.figure_paragraph(captioned=figure.captioned)
        self._heading_run(paragraph, getattr(figure, "heading", ""))
        inline = drawing.add_picture(paragraph.add_run(), self.drawings, png, width)
        if svg is not None:
            drawing.add_svg(inline, paragraph.part, svg, self.drawings)
        drawing.set_alt_text(inline, typeset(figure.alt, self.locale), typeset(figure.title, self.locale))
        if not figure.captioned:
            return
        paragraph.add_run().add_break()
        paragraph.add_run(typeset(figure.title, self.locale))
        self.state.labels[paragraph._p] = f"fig:{figure.id}"
        if figure.source:
            self.source_line(figure.source)

    def render_map(self, figure: Any) -> str:
        """A placeholder for a map."""
        return self._capture(lambda: self.add_map(figure))

    def _heading_run(self, paragraph: Any, heading: str) -> None:
        """A short bold title above a picture, in the picture's own paragraph (so that it never stays
        behind at the foot of a page while the picture moves on)."""
        if heading:
            run = paragraph.add_run(typeset(heading, self.locale))
            run.bold = True
            paragraph.add_run().add_break()

    def figure_paragraph(self, *, captioned: bool) -> Any:
        """The paragraph a picture or chart goes in. With a caption, the caption follows the picture in
        the same paragraph, after a line break: LibreOffice does not keep a picture's paragraph with the
        next one, so a caption of its own would end up at the top of the next page."""
        paragraph = self.paragraph(self.style(self.styles.caption if captioned else self.styles.body))
        paragraph.paragraph_format.keep_together = True
        paragraph.paragraph_format.keep_with_next = captioned  # with its source line
        return paragraph

    def source_line(self, text: str) -> Any:
        """A „Quelle: …“ line under a table or figure, in the template's Source Line style."""
        line = self.paragraph(self.style("Source Line") or self.style(self.styles.body))
        if text:
            line.add_run(typeset(text, self.locale))
        return line

    def add_scratch_table(self, rows: int, cols: int, width: int) -> Any:
        """A new table (python-docx proxy) in the scratch body, in the template's table style."""
        table = self._scratch.add_table(rows=rows, cols=cols, width=width)
        table_style = self.style_map.id(self.styles.table)
        if table_style:
            table._tbl.tblStyle_val = table_style
        return table

    def paragraph(self, style: str | None) -> Any:
        """A new paragraph in the scratch body with ``style`` (a name, or None for the default)."""
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(xml_body.append_paragraph(self._scratch._element), self._scratch)
        if style:
            self.set_style(paragraph, style)
        return paragraph

    def set_style(self, paragraph: Any, name: str) -> None:
        """Give ``paragraph`` the style ``name`` by its id."""
        style_id = self.style_map.id(name)
        if style_id:
            xml_text.set_paragraph_style(paragraph._p, style_id)

    def style(self, name: str) -> str | None:
        """``name`` if the template has that style, else None (Word's default)."""
        return name if self.style_map.has(name) else None

    def problem(self, code: str, message: str, markdown: Markdown, line: int, hint: str = "") -> None:
        self.state.problems.append(diagnostic(code, message, markdown.line_location(line), hint=hint))
