"""Markdown → WordprocessingML, using the template's own styles.

Paragraphs, **bold**, *italic*, ~~strike~~, `code`, real hyperlinks, bullet and numbered lists (nested;
every list restarts at 1), block quotes, pipe tables in the template's table style, images with alt text,
real Word footnotes (``[^1]``), headings, citations (``[@Q3]``) and references to labelled tables,
figures, chapters and measures (``@tab:kennzahlen``). Text goes through the language's typography.

A :class:`BlockRenderer` belongs to one template rendering: it creates numbering instances and
footnotes in that document and remembers every reference, which render/mechanics.py resolves once the
whole document exists.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptgen.data.charts import ChartResult
from conceptgen.diagnostics import Diagnostic, Location, diagnostic, did_you_mean
from conceptgen.document.tables import DataTable
from conceptgen.markup import CITATION, EMBED, LABEL, REFERENCE, Markdown, citation_items, parser
from conceptgen.model.template import Styles
from conceptgen.render import ooxml
from conceptgen.render.typography import typeset

TEXT_WIDTH_CM = 16.0


@dataclass
class Reference:
    """A reference in the text (``@tab:x``), resolved once all labels are known."""

    kind: str
    label: str
    key: str  # placeholder bookmark name in the field instruction or link anchor
    location: Location | None


@dataclass
class Citation:
    """How a source is cited in the text and listed in the bibliography."""

    short: str


@dataclass
class RenderState:
    """What one document's Markdown rendering produced besides the XML."""

    footnotes: list[Any] = field(default_factory=list)  # w:footnote elements
    references: list[Reference] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)


class BlockRenderer:
    """Renders Markdown into XML blocks for one document."""

    def __init__(
        self,
        document: Any,
        *,
        locale: str,
        styles: Styles,
        project_root: Path,
        citations: dict[str, Citation],
        first_footnote_id: int,
        tables: dict[str, DataTable] | None = None,
        charts: dict[str, Any] | None = None,
        palette: list[str] | None = None,
        font: str = "Arial",
        language: str = "de-DE",
    ):
        from docx.document import _Body
        from docx.oxml import OxmlElement

        self.document = document
        self.locale = locale
        self.project_root = project_root
        self.citations = citations
        self.tables = tables or {}
        self.charts = charts or {}
        self.palette = palette or []
        self.font = font
        self.language = language
        self.state = RenderState()
        self.next_footnote = max(first_footnote_id, 1)
        self._scratch = _Body(OxmlElement("w:body"), document._body._parent)
        self._style_ids: dict[str, str | None] = {}
        self._style_id_cache: dict[str, str | None] = {}
        self.styles = styles
        self.hyperlink_style = ooxml.ensure_character_style(
            document, styles.hyperlink, color="0563C1", underline=True
        )
        self.footnote_ref_style = ooxml.ensure_character_style(
            document, styles.footnote_reference, superscript=True
        )
        ooxml.ensure_paragraph_style(document, styles.footnote_text, size_pt=8.5)

    # --- public ----------------------------------------------------------------------------------

    def render(self, markdown: Markdown, *, in_table: bool = False) -> str:
        """The XML of ``markdown`` as a sequence of block elements (never empty)."""

        def build() -> None:
            from docx.oxml.ns import qn

            if markdown:
                tokens = parser().parse(markdown.protected)
                _Walker(self, markdown, tokens, in_table=in_table).blocks()
            body = self._scratch._element
            if len(body) == 0 or body[-1].tag != qn("w:p"):
                # a table cell must end in a paragraph, and an empty text must still be one block
                self.paragraph(self.styles.cell if in_table else self.styles.body)

        return self._capture(build)

    def _capture(self, build: Any) -> str:
        """Run ``build`` on an empty scratch body and return the XML of what it added."""
        from lxml import etree

        body = self._scratch._element
        for child in list(body):
            body.remove(child)
        build()
        return "".join(etree.tostring(child, encoding="unicode") for child in body)

    def source_line(self, text: str) -> None:
        """A „Quelle: …“ line under a table or figure, in the template's Source Line style."""
        line = self.paragraph(self.style("Source Line") or self.style(self.styles.body))
        if text:
            line.add_run(typeset(text, self.locale))

    def render_table(self, table: DataTable) -> str:
        """The XML of a data table: caption, table (header row, numbers right-aligned, total), source."""
        return self._capture(lambda: self.add_table(table))

    def add_table(self, table: DataTable) -> None:
        """Append caption, table and source line of ``table`` to the scratch body."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        caption = self.paragraph(self.style(self.styles.caption))
        caption.add_run(f"{typeset(table.title, self.locale)} [[{table.label}]]")
        rows = [table.headers, *table.rows] + ([table.total] if table.total else [])
        word_table = self._scratch.add_table(
            rows=len(rows), cols=len(table.headers), width=_cm(TEXT_WIDTH_CM)
        )
        if self.style(self.styles.table):
            word_table.style = self.document.styles[self.styles.table]
        _fit_columns(word_table, rows, table.numeric)
        for r, (row, values) in enumerate(zip(word_table.rows, rows, strict=True)):
            if r == 0:
                ooxml.mark_header_row(row)
            ooxml.prevent_row_split(row)
            flag = table.flags[r - 1] if 0 < r <= len(table.flags) else ""
            cells = row.cells  # computed from the grid on every access: once per row
            for c, value in enumerate(values):
                cell = cells[c]
                paragraph = cell.paragraphs[0]
                self.set_style(paragraph, self.styles.cell)
                if table.numeric[c] and r > 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(typeset(value, self.locale))
                if table.total and r == len(rows) - 1:
                    run.bold = True
                if flag == "under":
                    ooxml.shade_cell(cell, "FBE3D6")
        self.source_line(table.source + (f" {table.note}" if table.note else ""))

    def render_chart(self, result: Any) -> str:
        """The XML of a chart: the chart (native or image), its caption and source line."""
        return self._capture(lambda: self.add_chart(result))

    def add_chart(self, result: Any) -> None:
        """Append a chart paragraph, its caption („Abbildung n: …“) and source line to the scratch body."""
        from conceptgen.render import charts
        from conceptgen.render.charts import DEFAULT_PALETTE

        palette = self.palette or DEFAULT_PALETTE
        chart = result.chart
        paragraph = self.paragraph(self.style(self.styles.body))
        paragraph.paragraph_format.keep_with_next = True
        alt = typeset(chart.alt, self.locale)
        title = typeset(chart.title, self.locale)
        width, height = charts.size_emu(result)
        if charts.is_native(result):
            xml, workbook = charts.native_chart(
                result, palette=palette, font=self.font, language=self.language
            )
            ooxml.embed_chart(
                paragraph, xml, workbook, width_emu=width, height_emu=height, description=alt, title=title
            )
        else:
            import io

            png = charts.image_chart(result, palette=palette, font=self.font, locale=self.locale)
            shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
            ooxml.set_alt_text(shape._inline, alt, title)
        caption = self.paragraph(self.style(self.styles.caption))
        caption.add_run(f"{title} [[fig:{chart.id}]]")
        if result.source:
            self.source_line(f"{'Quelle' if self.locale == 'de' else 'Source'}: {result.source}")

    def paragraph(self, style: str | None) -> Any:
        """A new paragraph in the scratch body with ``style`` (a name, or None for the default).

        The style is set by id: python-docx's lookup by name scans every style of the template for each
        paragraph, which dominated rendering of large documents.
        """
        paragraph = self._scratch.add_paragraph()
        if style:
            self.set_style(paragraph, style)
        return paragraph

    def set_style(self, paragraph: Any, name: str) -> None:
        """Give ``paragraph`` the style ``name`` by its id (python-docx's setter searches all styles)."""
        if name not in self._style_id_cache:
            try:
                self._style_id_cache[name] = self.document.styles[name].style_id
            except KeyError:
                self._style_id_cache[name] = None
        style_id = self._style_id_cache[name]
        if style_id:
            paragraph._p.get_or_add_pPr().style = style_id

    def style(self, name: str) -> str | None:
        """``name`` if the template has that style, else None (Word's default)."""
        if name not in self._style_ids:
            try:
                self.document.styles[name]
                self._style_ids[name] = name
            except KeyError:
                self._style_ids[name] = None
        return self._style_ids[name]

    def problem(self, code: str, message: str, markdown: Markdown, line: int, hint: str = "") -> None:
        self.state.problems.append(diagnostic(code, message, markdown.line_location(line), hint=hint))


class _Walker:
    """Walks markdown-it tokens of one text and builds paragraphs in the renderer's scratch body."""

    def __init__(self, renderer: BlockRenderer, markdown: Markdown, tokens: list[Any], *, in_table: bool):
        self.r = renderer
        self.md = markdown
        self.tokens = tokens
        self.in_table = in_table
        self.body_style = renderer.styles.cell if in_table else renderer.styles.body
        self.lists: list[tuple[int, int]] = []  # (numId, level) stack
        self.quote = 0
        self.footnote_ids: dict[int, int] = {}
        self.line = 0

    def blocks(self) -> None:
        tokens = self.tokens
        footnote_start = next(
            (i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens)
        )
        self._footnote_definitions(tokens[footnote_start:])
        i = 0
        main = tokens[:footnote_start]
        while i < len(main):
            i = self._block(main, i)

    # --- blocks ----------------------------------------------------------------------------------

    def _block(self, tokens: list[Any], i: int) -> int:
        token = tokens[i]
        if token.map:
            self.line = token.map[0]
        kind = token.type
        if kind == "paragraph_open":
            inline = tokens[i + 1]
            embed = EMBED.fullmatch(inline.content.strip())
            if embed:
                kind, ident = embed.group(1), embed.group(2)
                known = self.r.tables if kind == "table" else self.r.charts
                if ident not in known:
                    where = "data.yaml" if kind == "table" else "charts.yaml"
                    self.r.problem(
                        "CG110",
                        f"unknown {kind} '{ident}'",
                        self.md,
                        self.line,
                        hint=did_you_mean(ident, known) or f"{kind}s are defined in {where}",
                    )
                elif kind == "table":
                    self.r.add_table(known[ident])
                else:
                    self.r.add_chart(known[ident])
                return i + 3
            if self._is_figure(inline):
                self._figure(inline.children[0])
            elif self._is_table_caption(inline, tokens, i):
                self._paragraph(inline, self.r.styles.caption, strip_prefix=True)
            else:
                self._paragraph(inline, self._paragraph_style())
            return i + 3
        if kind == "heading_open":
            level = int(token.tag[1])
            self._paragraph(tokens[i + 1], f"Heading {level}")
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            num_id = ooxml.new_list(self.r.document, ordered)
            self.lists.append((num_id, len(self.lists)))
            return i + 1
        if kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
            return i + 1
        if kind == "blockquote_open":
            self.quote += 1
            return i + 1
        if kind == "blockquote_close":
            self.quote -= 1
            return i + 1
        if kind == "table_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
            self._table(tokens[i : end + 1])
            return end + 1
        if kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").splitlines() or [""]:
                paragraph = self.r.paragraph(self.r.style(self.body_style))
                run = paragraph.add_run(line)
                run.font.name = "Courier New"
            return i + 1
        if kind == "hr":
            return i + 1
        if kind == "html_block":
            paragraph = self.r.paragraph(self.r.style(self.body_style))
            paragraph.add_run(token.content.strip())
            return i + 1
        return i + 1  # list_item_open/close and other structure tokens carry no content

    def _paragraph_style(self) -> str | None:
        if self.quote:
            return self.r.style(self.r.styles.quote) or self.r.style(self.body_style)
        if self.lists:
            return self.r.style(self.r.styles.list) or self.r.style(self.body_style)
        return self.r.style(self.body_style)

    def _paragraph(self, inline: Any, style: str | None, *, strip_prefix: bool = False):
        paragraph = self.r.paragraph(self.r.style(style) if style else None)
        if self.lists and not self.quote:
            num_id, level = self.lists[-1]
            ooxml.set_list_level(paragraph, num_id, level)
        children = inline.children or []
        if strip_prefix and children and children[0].type == "text":
            children = [copy.copy(c) for c in children]
            children[0].content = children[0].content.split(":", 1)[1].lstrip()
        self._inline(paragraph, children)
        return paragraph

    def _is_figure(self, inline: Any) -> bool:
        children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
        return len(children) == 1 and children[0].type == "image"

    def _is_table_caption(self, inline: Any, tokens: list[Any], i: int) -> bool:
        text = inline.content
        follows_table = i + 3 < len(tokens) and tokens[i + 3].type == "table_open"
        return follows_table and text.split(":", 1)[0] in ("Tabelle", "Table")

    def _figure(self, image: Any) -> None:
        src = image.attrs.get("src", "")
        alt = "".join(c.content for c in (image.children or [])).strip()
        title = image.attrs.get("title", "")
        path = self._image_path(src)
        if path is None:
            return
        if not alt:
            self.r.problem(
                "CG107",
                f"image '{src}' has no alternative text",
                self.md,
                self.line,
                hint="write ![what the image shows](path)",
            )
        from docx.shared import Cm

        paragraph = self.r.paragraph(self.r.style(self.body_style))
        paragraph.paragraph_format.keep_with_next = True
        try:
            shape = paragraph.add_run().add_picture(str(path))
        except Exception as exc:  # python-docx raises several kinds for unreadable images
            self.r.problem("CG108", f"image '{src}' cannot be read: {exc}", self.md, self.line)
            return
        if shape.width > Cm(TEXT_WIDTH_CM):
            ratio = Cm(TEXT_WIDTH_CM) / shape.width
            shape.width, shape.height = Cm(TEXT_WIDTH_CM), int(shape.height * ratio)
        ooxml.set_alt_text(shape._inline, typeset(alt, self.r.locale), LABEL.sub("", title))
        if title:
            caption = self.r.paragraph(self.r.style(self.r.styles.caption))
            self._text(caption, title, {})

    def _image_path(self, src: str) -> Path | None:
        from conceptgen.paths import inside

        path = (self.r.project_root / src).resolve()
        if src.startswith(("http://", "https://")):
            self.r.problem(
                "CG108",
                f"image '{src}' is not a file in the project",
                self.md,
                self.line,
                hint="download it into the project folder (e.g. bilder/) and link that file",
            )
            return None
        if not inside(path, self.r.project_root):
            self.r.problem("CG010", f"image '{src}' lies outside the project", self.md, self.line)
            return None
        if not path.is_file():
            self.r.problem(
                "CG108",
                f"image '{src}' not found",
                self.md,
                self.line,
                hint="paths are relative to the project folder",
            )
            return None
        return path

    def _table(self, tokens: list[Any]) -> None:
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
        table = self.r._scratch.add_table(rows=len(rows), cols=columns, width=_cm(TEXT_WIDTH_CM))
        if self.r.style(self.r.styles.table):
            table.style = self.r.document.styles[self.r.styles.table]
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
        for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            if r < header_rows:
                ooxml.mark_header_row(row)
            ooxml.prevent_row_split(row)
            row_cells = row.cells  # computed from the grid on every access: once per row
            for c, inline in enumerate(cells):
                paragraph = row_cells[c].paragraphs[0]
                self.r.set_style(paragraph, self.r.styles.cell)
                if c < len(aligns) and aligns[c] in alignment:
                    paragraph.alignment = alignment[aligns[c]]
                self._inline(paragraph, inline.children or [])
        # source lines and captions may follow; a table must not touch the next block
        self.r.source_line("")

    # --- inline ----------------------------------------------------------------------------------

    def _inline(self, paragraph: Any, children: list[Any]) -> None:
        fmt: dict[str, bool] = {}
        i = 0
        while i < len(children):
            child = children[i]
            kind = child.type
            if kind == "text":
                self._text(paragraph, child.content, fmt)
            elif kind in ("strong_open", "em_open", "s_open"):
                fmt[kind[:-5]] = True
            elif kind in ("strong_close", "em_close", "s_close"):
                fmt.pop(kind[:-6], None)
            elif kind == "code_inline":
                run = paragraph.add_run(child.content)
                run.font.name = "Courier New"
            elif kind == "softbreak":
                self._text(paragraph, " ", fmt)
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind == "link_open":
                end = next(j for j in range(i, len(children)) if children[j].type == "link_close")
                label = "".join(c.content for c in children[i + 1 : end] if c.type in ("text", "code_inline"))
                href = child.attrs.get("href", "")
                if href.startswith(("http://", "https://", "mailto:")):
                    ooxml.add_hyperlink(
                        paragraph, href, typeset(label, self.r.locale), self.r.hyperlink_style
                    )
                else:
                    self._text(paragraph, label, fmt)
                i = end
            elif kind == "image":
                self.r.problem(
                    "CG107",
                    "images must stand in a paragraph of their own",
                    self.md,
                    self.line,
                    hint="put ![alt](path) on its own line",
                )
            elif kind == "footnote_ref":
                self._footnote_reference(paragraph, child.meta["id"])
            elif kind == "html_inline":
                self._text(paragraph, child.content, fmt)
            i += 1

    def _text(self, paragraph: Any, text: str, fmt: dict[str, bool]) -> None:
        """Text with citations and references expanded, typeset for the language."""
        pos = 0
        pattern_matches = sorted(
            [(m.start(), m.end(), "cite", m) for m in CITATION.finditer(text)]
            + [(m.start(), m.end(), "ref", m) for m in REFERENCE.finditer(text)],
            key=lambda x: x[0],
        )
        for start, end, kind, match in pattern_matches:
            if start < pos:
                continue
            self._run(paragraph, text[pos:start], fmt)
            if kind == "cite":
                self._citation(paragraph, match, fmt)
            else:
                self._reference(paragraph, match.group(1), match.group(2))
            pos = end
        self._run(paragraph, text[pos:], fmt)

    def _run(self, paragraph: Any, text: str, fmt: dict[str, bool]) -> None:
        if not text:
            return
        run = paragraph.add_run(typeset(text, self.r.locale))
        if fmt.get("strong"):
            run.bold = True
        if fmt.get("em"):
            run.italic = True
        if fmt.get("s"):
            run.font.strike = True

    def _citation(self, paragraph: Any, match: Any, fmt: dict[str, bool]) -> None:
        parts = []
        for key, locator in citation_items(match):
            source = self.r.citations.get(key)
            if source is None:
                self.r.problem(
                    "CG109",
                    f"citation of unknown source '{key}'",
                    self.md,
                    self.line,
                    hint=did_you_mean(key, self.r.citations) or "sources are listed in sources.yaml",
                )
                parts.append(key)
                continue
            self.r.state.cited.add(key)
            parts.append(f"{source.short}, {locator}" if locator else source.short)
        self._run(paragraph, f"({'; '.join(parts)})", fmt)

    def _reference(self, paragraph: Any, kind: str, label: str) -> None:
        words = {
            "tab": ("Tabelle", "Table"),
            "fig": ("Abbildung", "Figure"),
            "sec": ("Kapitel", "Chapter"),
            "mass": ("Maßnahme", "Measure"),
        }[kind]
        word = words[0] if self.r.locale == "de" else words[1]
        # the XML is copied into the document as text, so the placeholder is found again by its key
        key = f"cgref{len(self.r.state.references) + 1}"
        if kind == "sec":
            self._run(paragraph, f"{word}\u00a0", {})
        if kind == "mass":
            ooxml.add_internal_link(paragraph, key, f"{word}\u00a0{label}")
        else:
            for run in ooxml.field_runs(f"REF {key} \\h", f"@{kind}:{label}"):
                paragraph._p.append(run)
        self.r.state.references.append(
            Reference(kind, f"{kind}:{label}", key, self.md.line_location(self.line))
        )

    # --- footnotes -------------------------------------------------------------------------------

    def _footnote_definitions(self, tokens: list[Any]) -> None:
        """Build a w:footnote for each definition; ids are the document's, not the text's."""
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "footnote_open":
                local_id = token.meta["id"]
                end = next(j for j in range(i, len(tokens)) if tokens[j].type == "footnote_close")
                paragraphs = []
                for j in range(i, end):
                    if tokens[j].type == "inline":
                        style = self.r.style(self.r.styles.footnote_text)
                        p = self.r.paragraph(style)
                        self._inline(p, tokens[j].children or [])
                        paragraphs.append(p._p)
                for p in paragraphs:
                    p.getparent().remove(p)
                global_id = self.r.next_footnote
                self.r.next_footnote += 1
                self.footnote_ids[local_id] = global_id
                self.r.state.footnotes.append(
                    ooxml.footnote_element(global_id, paragraphs, self.r.footnote_ref_style)
                )
                i = end
            i += 1

    def _footnote_reference(self, paragraph: Any, local_id: int) -> None:
        global_id = self.footnote_ids.get(local_id)
        if global_id is None:
            return
        paragraph._p.append(ooxml.footnote_reference_run(global_id, self.r.footnote_ref_style))


def _fit_columns(table: Any, rows: list[list[str]], numeric: list[bool]) -> None:
    """Share the text width by content: every column gets its longest word, text columns the rest."""
    char_cm, padding_cm = 0.2, 0.4  # about 9 pt Arial (bold in the header), plus cell margins
    columns = len(rows[0])
    minimum, desire = [], []
    for c in range(columns):
        longest_word = max((len(w) for row in rows for w in str(row[c]).split()), default=1)
        longest = max((len(str(row[c])) for row in rows), default=1)
        minimum.append(longest_word * char_cm + padding_cm)
        desire.append(0.0 if numeric[c] else max(min(longest, 45) * char_cm + padding_cm - minimum[-1], 0.0))
    spare = TEXT_WIDTH_CM - sum(minimum)
    if spare <= 0:
        widths = [m * TEXT_WIDTH_CM / sum(minimum) for m in minimum]
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


def _cm(value: float) -> int:
    from docx.shared import Cm

    return Cm(value)


class RenderedBlock:
    """A Markdown text in a template context; ``{{p value }}`` inserts it, ``.text`` is plain."""

    def __init__(self, renderer: BlockRenderer, markdown: Markdown, *, in_table: bool = False):
        self._renderer = renderer
        self._markdown = markdown
        self._in_table = in_table
        self._xml: str | None = None
        self.text = typeset(markdown.plain, renderer.locale)

    def __bool__(self) -> bool:
        return bool(self._markdown)

    def __html__(self) -> str:
        if self._xml is None:
            self._xml = self._renderer.render(self._markdown, in_table=self._in_table)
        return self._xml

    __str__ = __html__

    def in_table(self) -> RenderedBlock:
        return RenderedBlock(self._renderer, self._markdown, in_table=True)


class RenderedTable:
    """A data table in a template context: ``{{p tables.x }}`` inserts caption, table and source line;
    ``headers``, ``rows``, ``total``, ``source``, ``title`` allow a table of the template's own design."""

    def __init__(self, renderer: BlockRenderer, table: DataTable):
        self._renderer = renderer
        self._table = table
        self.title = typeset(table.title, renderer.locale)
        self.headers = table.headers
        self.rows = table.rows
        self.total = table.total
        self.source = table.source
        self.note = table.note
        self.flags = table.flags
        self.label = table.label

    def __bool__(self) -> bool:
        return bool(self._table.rows)

    def __html__(self) -> str:
        return self._renderer.render_table(self._table)

    __str__ = __html__


class RenderedChart:
    """A chart in a template context: ``{{p charts.x }}`` inserts chart, caption and source line."""

    def __init__(self, renderer: BlockRenderer, result: Any):
        self._renderer = renderer
        self._result = result
        self.title = typeset(result.chart.title, renderer.locale)
        self.alt = result.chart.alt
        self.source = result.source

    def __html__(self) -> str:
        return self._renderer.render_chart(self._result)

    __str__ = __html__


def prepare_context(value: Any, renderer: BlockRenderer, locale: str) -> Any:
    """Turn every Markdown into a RenderedBlock and typeset every plain string, recursively."""
    if isinstance(value, Markdown):
        return RenderedBlock(renderer, value)
    if isinstance(value, DataTable):
        return RenderedTable(renderer, value)
    if isinstance(value, ChartResult):
        return RenderedChart(renderer, value)
    if isinstance(value, str):
        return typeset(value, locale)
    if isinstance(value, dict):
        return {k: prepare_context(v, renderer, locale) for k, v in value.items()}
    if isinstance(value, list):
        return [prepare_context(v, renderer, locale) for v in value]
    return value
