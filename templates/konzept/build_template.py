"""Build templates/konzept/template.docx, the default concept template, reproducibly.

Run ``python templates/konzept/build_template.py`` after changing it. The result is an ordinary Word
file: named styles (Title, Heading 1–3 with outline numbering, Body Text, List Bullet, Caption, the
table style "Konzept Tabelle"), a cover page, header and footer with "Seite X von Y", a TOC field and
docxtpl tags where the content goes. It stays editable in Word; the data contract is docs/templates.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from conceptgen.ooxml import design, fields, footnotes, tables
from conceptgen.ooxml import styles as xml_styles

HERE = Path(__file__).resolve().parent


def T(key: str) -> str:
    """A word of conceptgen's terms (conceptgen/terms/de.py, en.py), in the document's language (the
    capital name reads like the text it stands for)."""
    return "{{ '" + key + "' | term }}"


FONT = "Arial"
PRIMARY = "1F4E79"
ACCENT = "C55A11"
TEXT_WIDTH_CM = 16.0


class Builder:
    def __init__(self) -> None:
        self.doc = Document()
        self.table_style = ""

    # --- styles ------------------------------------------------------------------------------

    def styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        design.set_style_font(normal, FONT)
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name in (
            "Body Text",
            "List Bullet",
            "List Number",
            "Caption",
            "Header",
            "Footer",
            "Title",
            "Subtitle",
            "TOC Heading",
            "Quote",
        ):
            design.set_style_font(styles[name], FONT)
        body = styles["Body Text"]
        body.font.size = Pt(10.5)
        body.paragraph_format.space_after = Pt(8)
        body.paragraph_format.line_spacing = 1.2
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        sizes = {"Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5}
        for name, size in sizes.items():
            style = styles[name]
            design.set_style_font(style, FONT)
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor.from_string(PRIMARY)
            fmt = style.paragraph_format
            fmt.space_before = Pt(24 if name == "Heading 1" else 12)
            fmt.space_after = Pt(6)
            fmt.keep_with_next = True
        # a chapter runs on after the one before: a page break before each left a short chapter's page
        # nearly empty (Lünen's Einleitung, 25 %) and a chapter's last lines alone on a page (Neuss 6.4,
        # Bottrop's register); the body begins a page after the front matter (cover), and what must
        # begin a page says so itself (each Maßnahmensteckbrief, an outline's page_break)
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading", "Caption"):
            design.suppress_hyphenation(styles[name])
        design.add_heading_numbering(self.doc, list(sizes))
        title = styles["Title"]
        title.font.size = Pt(28)
        title.font.bold = True
        title.font.color.rgb = RGBColor.from_string(PRIMARY)
        title.paragraph_format.space_after = Pt(12)
        subtitle = styles["Subtitle"]
        subtitle.font.size = Pt(15)
        subtitle.font.italic = False
        subtitle.font.color.rgb = RGBColor.from_string("404040")
        caption = styles["Caption"]
        caption.font.size = Pt(9)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = RGBColor.from_string("404040")
        caption.paragraph_format.space_before = Pt(10)
        caption.paragraph_format.space_after = Pt(4)
        caption.paragraph_format.keep_with_next = True
        toc = styles["TOC Heading"]
        toc.base_style = styles["Normal"]  # not a numbered heading, not itself in the TOC
        toc.font.bold = True
        toc.paragraph_format.space_before = Pt(0)
        toc.paragraph_format.space_after = Pt(12)
        toc.font.size = Pt(16)
        toc.font.color.rgb = RGBColor.from_string(PRIMARY)
        toc.paragraph_format.keep_with_next = True  # never alone at a page's foot
        for name, size, bold in (
            ("Cover Label", 9, True),
            ("Cover Text", 11, False),
            ("Sample Notice", 10, True),
            ("Table Text", 9, False),
            ("Source Line", 8, False),
            ("Bibliography", 10, False),
            ("Meta Line", 8.5, False),
            ("Label", 9.5, True),
        ):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.size = Pt(size)
            style.font.bold = bold
            style.paragraph_format.space_after = Pt(2 if name == "Table Text" else 4)
        styles["Cover Label"].font.color.rgb = RGBColor.from_string(PRIMARY)
        styles["Cover Label"].paragraph_format.space_before = Pt(10)
        styles["Cover Label"].paragraph_format.space_after = Pt(0)
        styles["Sample Notice"].font.color.rgb = RGBColor.from_string(ACCENT)
        styles["Bibliography"].paragraph_format.left_indent = Cm(0.8)
        styles["Bibliography"].paragraph_format.first_line_indent = Cm(-0.8)
        styles["Source Line"].font.color.rgb = RGBColor.from_string("595959")
        styles["Meta Line"].font.color.rgb = RGBColor.from_string("595959")
        styles["Label"].font.color.rgb = RGBColor.from_string(PRIMARY)
        styles["Label"].paragraph_format.space_before = Pt(8)
        for name in ("Meta Line", "Label"):
            styles[name].paragraph_format.keep_with_next = True
        for name in ("Header", "Footer"):
            tabs = styles[name].paragraph_format.tab_stops
            tabs.clear_all()
            tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), alignment=2)  # right edge of the text
        self.table_style = design.add_table_style(
            self.doc,
            "Konzept Tabelle",
            header_fill=PRIMARY,
            header_color="FFFFFF",
            band_fill="EEF3F8",
            line_color=PRIMARY,
        )
        xml_styles.set_document_language(self.doc, "de-DE")
        # styles for generated content: lists, links, footnotes, index entries
        list_paragraph = styles["List Paragraph"]
        list_paragraph.base_style = body
        list_paragraph.paragraph_format.space_after = Pt(3)
        xml_styles.ensure_character_style(self.doc, "Hyperlink", color="0563C1", underline=True)
        xml_styles.ensure_character_style(self.doc, "Footnote Reference", superscript=True)
        xml_styles.ensure_paragraph_style(self.doc, "Footnote Text", size_pt=8.5)
        styles["Footnote Text"].paragraph_format.space_after = Pt(2)
        styles["Footnote Text"].paragraph_format.line_spacing = 1.0
        quote = styles["Quote"]
        quote.base_style = body
        quote.paragraph_format.left_indent = Cm(1)
        quote.font.color.rgb = RGBColor.from_string("404040")
        for level, indent in ((1, 0.0), (2, 0.6), (3, 1.2)):
            style_id = xml_styles.ensure_paragraph_style(self.doc, f"toc {level}")
            toc_style = next(st for st in styles if st.style_id == style_id)
            toc_style.paragraph_format.left_indent = Cm(indent)
            toc_style.paragraph_format.space_after = Pt(3 if level > 1 else 4)
            toc_style.paragraph_format.space_before = Pt(6 if level == 1 else 0)
            toc_style.font.bold = level == 1
            toc_style.font.size = Pt(10.5 if level == 1 else 10)
        figures_id = xml_styles.ensure_paragraph_style(self.doc, "table of figures")
        next(st for st in styles if st.style_id == figures_id).paragraph_format.space_after = Pt(3)
        footnotes.footnotes_part(self.doc)

    # --- building blocks ---------------------------------------------------------------------

    def p(self, text: str = "", style: str = "Body Text"):
        return self.doc.add_paragraph(text, style=style)

    def tag(self, tag: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
        self.doc.add_paragraph(tag, style="Body Text")

    def h(self, text: str, level: int):
        return self.doc.add_paragraph(text, style=f"Heading {level}")

    def paragraphs(self, expr: str) -> None:
        """Insert a Markdown text field: ``{{p expr }}`` becomes its paragraphs, lists, tables …"""
        self.p(f"{{{{p {expr} }}}}")

    def caption(self, text: str) -> None:
        self.p(text, "Caption")

    def table(
        self, headers: list[str], cells: list[str], loop: str, widths: list[float], source: str | None = None
    ) -> None:
        """A table with a repeated header row and one data row repeated by ``{%tr for loop %}``."""
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = self.doc.styles["Konzept Tabelle"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        header, start, data, end = table.rows
        tables.mark_header_row(header._tr)
        for i, text in enumerate(headers):
            self._cell(header.cells[i], text)
        self._cell(start.cells[0], f"{{%tr for {loop} %}}")
        for i, text in enumerate(cells):
            self._cell(data.cells[i], text)
        tables.prevent_row_split(data._tr)
        self._cell(end.cells[0], "{%tr endfor %}")
        self._widths(table, widths)
        if source:
            self.p(source, "Source Line")
        else:
            self.p("", "Source Line")

    def key_value_table(self, rows: list[tuple[str, str]], widths: list[float], header: tuple[str, str]):
        table = self.doc.add_table(rows=len(rows) + 1, cols=2)
        table.style = self.doc.styles["Konzept Tabelle"]
        table.autofit = False
        tables.mark_header_row(table.rows[0]._tr)
        self._cell(table.rows[0].cells[0], header[0])
        self._cell(table.rows[0].cells[1], header[1])
        for row, (label, value) in zip(table.rows[1:], rows, strict=True):
            if value.startswith("TR:"):  # a row-level tag of docxtpl: the row itself goes away
                self._cell(row.cells[0], value.removeprefix("TR:"))
                continue
            self._cell(row.cells[0], label, bold=True)
            if value.startswith("PARAGRAPHS:"):
                cell = row.cells[1]
                expr = value.removeprefix("PARAGRAPHS:")
                cell.paragraphs[0].text = f"{{{{p {expr} | in_table }}}}"
                cell.paragraphs[0].style = self.doc.styles["Table Text"]
            else:
                self._cell(row.cells[1], value)
            tables.prevent_row_split(row._tr)
        self._widths(table, widths)
        return table

    def _cell(self, cell, text: str, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.style = self.doc.styles["Table Text"]
        run = paragraph.add_run(text)
        if bold:
            run.bold = True

    def _widths(self, table, widths: list[float]) -> None:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- page setup, header, footer ----------------------------------------------------------

    def page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        header.add_run("{{ project.short_title }}\t{{ project.client }}").font.size = Pt(8.5)
        design.set_paragraph_border(header, "bottom", PRIMARY, size=4)
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        run = footer.add_run(
            "{{ project.contractor }} · {{ project.status }}, "
            "{{ 'doc.as_of' | term }} {{ project.date }}\t{{ 'doc.page' | term }} "
        )
        run.font.size = Pt(8.5)
        fields.add_field(footer._p, "PAGE", "1")
        footer.add_run(" {{ 'doc.page_of' | term }} ").font.size = Pt(8.5)
        fields.add_field(footer._p, "NUMPAGES", "1")
        for r in footer.runs:
            r.font.size = Pt(8.5)

    # --- content -----------------------------------------------------------------------------

    def cover(self) -> None:
        for _ in range(4):  # the title names the document: no concept type repeated above it
            self.p("", "Cover Text")
        self.p("{{ project.title }}", "Title")
        self.tag("{%p if project.subtitle %}")
        self.p("{{ project.subtitle }}", "Subtitle")
        self.tag("{%p endif %}")
        self.tag("{%p if document.title != project.title %}")
        self.p("{{ document.title }}", "Subtitle")
        self.tag("{%p endif %}")
        self.tag("{%p if project.sample_data %}")
        notice = self.p(
            "{% if project.sample_summary %}{{ project.sample_summary }}"
            "{% if project.sample_note %} {% endif %}{% endif %}{{ project.sample_note }}",
            "Sample Notice",
        )
        for side in ("top", "bottom"):
            design.set_paragraph_border(notice, side, ACCENT, size=12, space=6)
        self.tag("{%p endif %}")
        for _ in range(8):
            self.p("", "Cover Text")
        self.p(T("doc.client"), "Cover Label")
        self.p("{{ project.client }}", "Cover Text")
        self.tag("{%p if project.client_department %}")
        self.p("{{ project.client_department }}", "Cover Text")
        self.tag("{%p endif %}")
        self.p(T("doc.contractor"), "Cover Label")
        self.p("{{ project.contractor }}", "Cover Text")
        self.tag("{%p if project.authors %}")
        self.p(T("doc.authors"), "Cover Label")
        self.p("{{ project.authors_text }}", "Cover Text")
        self.tag("{%p endif %}")
        self.p(T("doc.date"), "Cover Label")
        self.p(
            "{{ project.date }} · {{ 'doc.version' | term }} {{ project.version }} · {{ project.status }}",
            "Cover Text",
        )
        self.page_break()
        self.p(T("doc.contents"), "TOC Heading")
        toc = self.doc.add_paragraph(style="Body Text")
        fields.add_field(
            toc._p,
            'TOC \\o "1-3" \\h \\z \\u',
            T("doc.contents_update"),
        )
        # lists of tables and figures: filled by conceptgen, removed when empty
        for title, word, note in (
            (T("doc.list_of_tables"), T("caption.tab"), T("doc.list_of_tables_update")),
            (T("doc.list_of_figures"), T("caption.fig"), T("doc.list_of_figures_update")),
        ):
            heading = self.p(title, "TOC Heading")
            heading.paragraph_format.space_before = Pt(18)
            index = self.doc.add_paragraph(style="Body Text")
            fields.add_field(index._p, f'TOC \\h \\z \\c "{word}"', note)
        self.page_break()  # the first chapter begins a page (the chapters after it run on)

    def body(self) -> None:
        """The place of the outline: chapters, texts and blocks in the order the outline gives."""
        self.p("{{p body }}")

    def library(self) -> None:
        """The block library: each [[block:name]] paragraph is followed by the block's look. Headings in
        a snippet are written as if the block stood directly in a chapter (Heading 2); conceptgen moves
        them down when the block sits in a section. The library is removed from every document."""
        marker = self.p("[[blocks]]")
        marker.paragraph_format.page_break_before = True
        self.p(
            "Bausteinbibliothek: Alles ab der Markierung [[blocks]] erscheint nicht im Dokument. "
            "Jeder Baustein beginnt mit seiner Markierung [[block:name]]; seine Gestaltung "
            "(Formatvorlagen, Tabellen, Texte) kann in Word geändert werden. Die Daten stehen unter "
            "block (siehe docs/blocks.md)."
        )
        for name in (
            "working_group",
            "interviews",
            "surveys",
            "network",
            "events",
            "areas",
            "offer_categories",
            "offers_by_area",
            "offer_list",
            "findings",
            "needs",
            "goal_system",
            "indicator_table",
            "indicator_definitions",
            "measure_overview",
            "measure_sheets",
            "schedule",
            "costs",
            "monitoring",
            "tables",
            "analyses",
            "index_method",
            "area_profile",
            "survey_method",
            "bibliography",
            "abbreviations",
        ):
            self.p(f"[[block:{name}]]", "Meta Line")
            getattr(self, f"block_{name}")()

    # --- participation --------------------------------------------------------------------------

    def block_working_group(self) -> None:
        self.tag("{%p if block.description %}")
        self.paragraphs("block.description")
        self.tag("{%p endif %}")
        self.caption("{{ block.members_title }} [[tab:mitglieder]]")
        self.table(
            [T("doc.organisation"), T("doc.role")],
            ["{{ m.organisation }}", "{{ m.role }}"],
            "m in block.members",
            [9.5, 6.5],
        )
        self.tag("{%p if block.meetings %}")
        self.p("{{ block.met }}")
        self.caption("{{ block.meetings_title }} [[tab:sitzungen]]")
        self.table(
            [T("doc.no"), T("doc.date_col"), T("doc.topic"), T("doc.results")],
            ["{{ s.number }}", "{{ s.date }}", "{{ s.topic }}", "{{ s.results_text }}"],
            "s in block.meetings",
            [1.0, 3.0, 5.0, 7.0],
        )
        self.tag("{%p endif %}")

    def block_interviews(self) -> None:
        self.p(
            "{{ ('doc.interviews_1' if block.count == 1 else 'doc.interviews_n') | term(count=block.count "
            "| spelled('n'), period=(' (' ~ block.period ~ ')') if block.period else '') }}"
            "{% if block.groups %}{{ 'doc.interviewed' | term }}{% endif %}"
        )
        self.tag("{%p for g in block.groups %}")
        self.p("{{ g }}", "List Bullet")
        self.tag("{%p endfor %}")
        self.tag("{%p if block.description %}")
        self.paragraphs("block.description")
        self.tag("{%p endif %}")

    def block_surveys(self) -> None:
        self.tag("{%p for s in block.surveys %}")
        self.h("{{ s.title }}", 2)
        self.p(
            "{% if s.target_group %}{{ 'doc.target_group' | term }}: {{ s.target_group }}{% endif %}"
            "{% if s.target_group and s.period %} · {% endif %}"
            "{% if s.period %}{{ 'doc.period' | term }}: {{ s.period }}{% endif %}"
            "{% if (s.target_group or s.period) and s.responses %} · {% endif %}"
            "{% if s.responses %}{{ 'doc.responses' | term }}: {{ s.responses }}{% endif %}",
            "Meta Line",
        )
        self.tag("{%p if s.description %}")
        self.paragraphs("s.description")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    def block_network(self) -> None:
        self.caption("{{ 'doc.networks' | term }} [[tab:netzwerke]]")
        self.table(
            [T("doc.network"), T("doc.coordination"), T("doc.members_partners"), T("doc.rhythm")],
            [
                "{{ n.name }}{{ n.mark }}{% if n.kind %} ({{ n.kind }}){% endif %}",
                "{{ n.lead }}",
                "{{ n.members_text }}",
                "{{ n.rhythm }}",
            ],
            "n in block.networks",
            [4.4, 3.6, 5.6, 2.4],
            source="{{ block.sample_note }}",
        )
        self.tag("{%p for n in block.networks %}")
        self.tag("{%p if n.description %}")
        self.p("{{ n.name }}", "Label")
        self.paragraphs("n.description")  # only networks with a description come here
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    def block_events(self) -> None:
        self.caption("{{ 'doc.events_caption' | term }} [[tab:veranstaltungen]]")
        self.table(
            [T("doc.date_col"), T("doc.event"), T("doc.place"), T("doc.participants"), T("doc.results")],
            [
                "{{ e.date }}",
                "{{ e.title }}{{ e.mark }}{% if e.kind %} ({{ e.kind }}){% endif %}",
                "{{ e.place }}",
                "{{ e.participants }}",
                "{{ e.results_text }}",
            ],
            "e in block.events",
            [2.6, 4.6, 2.8, 1.4, 4.6],
            source="{{ block.sample_note }}",
        )
        self.tag("{%p for e in block.events %}")
        self.tag("{%p if e.description or e.target_group %}")
        self.p("{{ e.title }}", "Label")
        self.tag("{%p if e.target_group %}")
        self.p("{{ 'doc.target_group' | term }}: {{ e.target_group }}", "Meta Line")
        self.tag("{%p endif %}")
        self.paragraphs("e.description")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    # --- inventory --------------------------------------------------------------------------------

    def block_areas(self) -> None:
        self.caption("{{ 'doc.areas_caption' | term }} [[tab:gebiete]]")
        self.table(
            [T("area"), T("export.kind"), T("doc.population")],
            [
                "{{ a.name }}",
                "{{ a.kind }}",
                "{{ a.population }}{% if a.population_year %} ({{ a.population_year }}){% endif %}",
            ],
            "a in block.areas",
            [8.0, 4.0, 4.0],
        )
        self.tag("{%p for a in block.areas %}")
        self.tag("{%p if a.note %}")
        self.p("{{ a.name }}: {{ a.note }}", "Meta Line")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    def block_offer_categories(self) -> None:
        self.p("{{ 'doc.inventory_count' | term(offers=block.offers_text) }}")
        self.caption("{{ 'doc.offers_by_category' | term }} [[tab:kategorien]]")
        self.table(
            [T("doc.category"), T("survey.count"), T("doc.description")],
            ["{{ c.name }}", "{{ c.offer_count }}", "{{ c.description.text }}"],
            "c in block.categories",
            [4.5, 1.8, 9.7],
        )

    def block_offers_by_area(self) -> None:
        self.tag("{%p for a in block.areas %}")
        self.h("{{ a.area }} [[sec:kommune-{{ a.id }}]]", 2)
        self.caption("{{ 'doc.offers_in' | term }} {{ a.area }} [[tab:angebote-{{ a.id }}]]")
        self._offers_table()
        self.tag("{%p for o in a.offers %}")
        self.tag("{%p if o.description %}")
        self.p("{{ o.name }}", "Label")
        self.paragraphs("o.description")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")
        self.tag("{%p endfor %}")

    def _offers_table(self) -> None:
        """Offers of one area: the name with its target group below, the legal basis with the funding."""
        headers = [
            T("doc.offer_target_group"),
            T("doc.category"),
            T("doc.provider"),
            T("doc.capacity"),
            T("doc.legal_funding"),
        ]
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = self.doc.styles["Konzept Tabelle"]
        table.autofit = False
        header, start, data, end = table.rows
        tables.mark_header_row(header._tr)
        for i, text in enumerate(headers):
            self._cell(header.cells[i], text)
        self._cell(start.cells[0], "{%tr for o in a.offers %}")
        for i, (main, extra) in enumerate(
            [
                ("{{ o.name }}{{ o.mark }}", "o.target_group"),
                ("{{ o.category }}", None),
                ("{{ o.provider }}", None),
                ("{{ o.capacity }}", None),
                ("{{ o.legal_basis }}", "o.funding"),
            ]
        ):
            cell = data.cells[i]
            self._cell(cell, main)
            if extra:
                for text, style in (
                    (f"{{%p if {extra} %}}", "Table Text"),
                    (f"{{{{ {extra} }}}}", "Meta Line"),
                    ("{%p endif %}", "Table Text"),
                ):
                    cell.add_paragraph(text, style=self.doc.styles[style])
        tables.prevent_row_split(data._tr)
        self._cell(end.cells[0], "{%tr endfor %}")
        self._widths(table, [4.4, 2.5, 3.4, 2.4, 3.3])
        self.p("{{ a.sample_note }}", "Source Line")

    def block_offer_list(self) -> None:
        self.caption("{{ 'doc.all_offers' | term }} [[tab:angebote]]")
        self.table(
            [T("doc.area_unit"), T("supply"), T("doc.category"), T("doc.provider"), T("doc.capacity")],
            [
                "{{ o.area }}",
                "{{ o.name }}{{ o.mark }}",
                "{{ o.category }}",
                "{{ o.provider }}",
                "{{ o.capacity }}",
            ],
            "o in block.offers",
            [2.8, 4.6, 2.8, 3.6, 2.2],
            source="{{ block.sample_note }}",
        )

    def block_tables(self) -> None:
        self.tag("{%p for t in block.tables %}")
        self.tag("{%p if t.heading %}")
        self.h("{{ t.heading }}", 2)
        self.tag("{%p endif %}")
        self.paragraphs("t")
        self.tag("{%p endfor %}")

    def block_analyses(self) -> None:
        self.tag("{%p for a in block.analyses %}")
        self.tag("{%p if a.heading %}")
        self.h("{{ a.heading }}", 2)
        self.tag("{%p endif %}")
        self.paragraphs("a")
        self.tag("{%p endfor %}")

    # --- Sozialraumanalyse -------------------------------------------------------------------------

    def block_index_method(self) -> None:
        self.p(
            "{{ 'doc.index_intro' | term(count=block.unit_count, unit=block.unit, year=block.year, "
            "years=block.years_text) }}"
        )
        self.caption("{{ 'doc.index_indicators' | term }} [[tab:indikatoren]]")
        self.table(
            [
                T("doc.indicator"),
                T("doc.definition"),
                T("doc.unit"),
                T("doc.direction"),
                T("doc.role"),
                T("doc.weight"),
            ],
            [
                "{{ i.name }}",
                "{{ i.definition }}",
                "{{ i.unit }}",
                "{{ i.burden }}",
                "{{ i.role }}",
                "{{ i.weight }}",
            ],
            "i in block.indicators",
            [3.2, 5.0, 1.6, 2.6, 2.2, 1.4],
        )
        self.tag("{%p for x in block.indices %}")
        self.p("{{ x.name }}", "Label")
        self.p(
            "{{ 'doc.index_method' | term(method=x.method, dynamic=(', ' ~ ('doc.from_the' | term) ~ ' ' "
            "~ x.dynamic) if x.dynamic else '', weights=x.weights, min=x.min_population, rated=x.rated, "
            "classes_by=x.classes_by) }}"
        )
        self.p("{{ x.formula }}", "Quote")
        self.caption("{{ 'doc.classes' | term }}: {{ x.name }} [[tab:klassen-{{ x.id }}]]")
        self.table(
            [T("social.class"), T("doc.index_value"), T("doc.areas")],
            ["{{ c.label }}", "{{ c.rule }}", "{{ c.count }}"],
            "c in x.classes",
            [5.0, 7.0, 4.0],
        )
        self.tag("{%p endfor %}")
        self.p("{{ block.privacy }} {{ block.source }}", "Source Line")

    def block_area_profile(self) -> None:
        self.p(
            "{{ block.kind }} {{ block.code }}{% if block.parent %} · {{ block.parent_kind }} "
            "{{ block.parent }}{% endif %}{% if block.population %} · {{ block.population }} "
            "{{ 'doc.inhabitants' | term }} ({{ block.year }}){% endif %}",
            "Meta Line",
        )
        self.tag("{%p for x in block.indices %}")
        self.p(
            "{{ x.name }} {{ block.year }}: {% if x.rated %}{{ 'doc.profile_rank' | term(value=x.value, "
            "cls=x.class, rank=x.rank, of=x.of) }}{% if x.previous_rank %}{{ 'doc.profile_previous' | "
            "term(year=x.previous_year, cls=x.previous_class, rank=x.previous_rank) }}"
            "{% elif x.previous_class %}{{ 'doc.profile_previous_unrated' | term(year=x.previous_year, "
            "cls=x.previous_class) }}{% endif %}"
            "{% else %}{{ x.class }}{% endif %}"
        )
        self.tag("{%p endfor %}")
        self.p(
            "{{ 'detail.indicators_text' | term }} {{ block.year }}", "Label"
        )  # no caption: a report lists no table per profile
        self.table(
            [
                T("doc.indicator"),
                "{{ block.name }}",
                "{{ block.parent_header }}",
                "{{ block.region }}",
                "{{ block.change_header }}",
            ],
            [
                "{{ r.name }} ({{ r.unit }})",
                "{{ r.value }}",
                "{{ r.parent }}",
                "{{ r.region }}",
                "{{ r.change }}",
            ],
            "r in block.rows",
            [5.2, 2.6, 2.6, 2.6, 3.0],
            source="{{ block.source }}{% if block.privacy %}. {{ block.privacy }}{% endif %}",
        )
        # the pictures carry their own short titles (in their paragraph: never parted from them)
        self.tag("{%p if block.comparison %}")
        self.paragraphs("block.comparison")
        self.tag("{%p endif %}")
        self.tag("{%p if block.locator %}")
        self.paragraphs("block.locator")
        self.tag("{%p endif %}")
        self.tag("{%p if block.offers %}")
        self.p(T("doc.offers_in_area"), "Label")
        self.tag("{%p for o in block.offers %}")
        self.p("{{ o.name }} ({{ o.category }}, {{ o.provider }})", "List Bullet")
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")

    def block_survey_method(self) -> None:
        self.p(
            "{% if block.period %}{{ 'doc.survey_ran' | term(period=block.period) }}"
            "{% if block.channel %} ({{ block.channel }}){% endif %}. {% endif %}"
            "{% if block.distributed %}{{ 'doc.survey_distributed' | term(n=block.distributed) }} {% endif %}"
            "{{ 'doc.survey_received' | term(received=block.received, kept=block.kept) }} "
            "({{ block.keep_rule }}{% if block.dropped %}; {{ 'doc.survey_dropped' | term }}: "
            "{{ block.dropped }}{% endif %})."
            "{% if block.response_rate %} {{ 'doc.survey_rate' | term(rate=block.response_rate) }}{% endif %}"
        )
        self.caption("{{ 'doc.survey_channels' | term }} [[tab:ruecklauf]]")
        self.table(
            [
                T("doc.channel"),
                T("doc.distributed"),
                T("doc.received"),
                T("doc.kept"),
                T("doc.share"),
                T("doc.response_rate"),
            ],
            [
                "{{ c.name }}{{ c.mark }}",
                "{{ c.distributed }}",
                "{{ c.received }}",
                "{{ c.kept }}",
                "{{ c.share }}",
                "{{ c.rate }}",
            ],
            "c in block.channels",
            [4.4, 2.2, 2.6, 2.6, 2.0, 2.2],
            source="{{ block.source }}{% if block.sample_note %}. {{ block.sample_note }}{% endif %}",
        )
        self.p("{{ 'doc.survey_percent' | term(min=block.min_cell) }}")

    # --- analysis of needs ------------------------------------------------------------------------

    def block_findings(self) -> None:
        self.tag("{%p for f in block.findings %}")
        self.h("{{ f.id }} {{ f.title }} [[sec:befund-{{ f.id }}]]", 2)
        self.tag("{%p if f.text %}")
        self.paragraphs("f.text")
        self.tag("{%p endif %}")
        self.tag("{%p if f.offers or f.indicators or f.sources_text %}")
        self.p(
            "{% if f.offers or f.indicators %}{{ 'doc.basis' | term }}: {{ f.offers }}"
            "{% if f.offers and f.indicators %}; {% endif %}{{ f.indicators }}{% endif %}"
            "{% if (f.offers or f.indicators) and f.sources_text %} · {% endif %}"
            "{% if f.sources_text %}{{ 'doc.sources' | term }}: {{ f.sources_text }}{% endif %}",
            "Source Line",
        )
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    def block_needs(self) -> None:
        self.p(T("doc.needs_intro"))
        self.caption("{{ 'doc.needs' | term }} [[tab:handlungsbedarfe]]")
        self.table(
            [T("doc.no"), T("doc.need"), T("doc.description"), T("doc.findings")],
            ["{{ n.id }}", "{{ n.title }}", "{{ n.text.text }}", "{{ n.findings }}"],
            "n in block.needs",
            [1.2, 4.3, 8.5, 2.0],
        )

    # --- goals and indicators -----------------------------------------------------------------------

    def block_goal_system(self) -> None:
        self.tag("{%p for g in block.goals %}")
        self.h("{{ 'doc.goal' | term }} {{ g.id }}: {{ g.title }} [[sec:ziel-{{ g.id }}]]", 2)
        self.tag("{%p if g.field_of_action %}")
        self.p("{{ 'doc.field' | term }}: {{ g.field_of_action }}", "Meta Line")
        self.tag("{%p endif %}")
        self.tag("{%p if g.description %}")
        self.paragraphs("g.description")
        self.tag("{%p endif %}")
        self.caption("{{ 'doc.subgoals_of' | term }} {{ g.id }} [[tab:ziel-{{ g.id }}]]")
        self.table(
            [T("doc.no"), T("doc.subgoal"), T("doc.measures")],
            ["{{ s.id }}", "{{ s.title }}", "{{ s.measures }}"],
            "s in g.goals",
            [1.5, 11.0, 3.5],
        )
        self.tag("{%p endfor %}")

    def block_indicator_table(self) -> None:
        self.caption("{{ 'doc.indicators_targets' | term }} [[tab:kennzahlen]]")
        self.table(
            [
                T("doc.no"),
                T("monitoring.indicator"),
                T("doc.unit"),
                T("monitoring.baseline"),
                T("doc.target"),
                T("doc.source"),
            ],
            [
                "{{ k.id }}",
                "{{ k.name }}",
                "{{ k.unit }}",
                "{{ k.baseline }}",
                "{{ k.target }}",
                "{{ k.source }}",
            ],
            "k in block.indicators",
            [1.1, 4.4, 2.3, 2.4, 2.4, 3.4],
            source="{{ block.sample_note }}",
        )

    def block_indicator_definitions(self) -> None:
        self.caption("{{ 'doc.indicator_definitions' | term }} [[tab:kennzahlen-definition]]")
        self.table(
            [T("doc.no"), T("doc.definition"), T("doc.rhythm"), T("verdict"), T("detail.goals_text")],
            [
                "{{ k.id }}",
                "{{ k.definition.text }}",
                "{{ k.frequency }}{% if k.key_date %}, "
                "{{ 'doc.key_date' | term }} {{ k.key_date }}{% endif %}",
                "{{ k.direction_text }}",
                "{{ k.goals }}",
            ],
            "k in block.indicators",
            [1.1, 7.4, 3.0, 2.5, 2.0],
        )

    # --- measures ---------------------------------------------------------------------------------

    def block_measure_overview(self) -> None:
        self.p("{{ block.summary }}")
        self.caption(
            "{{ 'doc.by_priority' | term }}{% if block.subject %}: {{ block.subject }}{% endif %} "
            "[[tab:{{ block.label }}]]"
        )
        self._priority_table()

    def block_measure_sheets(self) -> None:
        self.tag("{%p for m in block.measures %}")
        # with new_page (and options.measure_sheet_new_page), every sheet but the first begins a new page
        self.tag("{%p if block.new_page and options.measure_sheet_new_page and not loop.first %}")
        self.h(
            "{{ 'doc.measure' | term }} {{ m.id }}: {{ m.title }} [[mass:{{ m.id }}]]", 2
        ).paragraph_format.page_break_before = True
        self.tag("{%p else %}")
        self.h("{{ 'doc.measure' | term }} {{ m.id }}: {{ m.title }} [[mass:{{ m.id }}]]", 2)
        self.tag("{%p endif %}")
        self.caption("{{ 'doc.sheet' | term }} {{ m.id }} [[tab:steckbrief-{{ m.id }}]]")
        self.key_value_table(
            [
                (T("doc.field"), "{{ m.field_of_action }}"),
                (T("detail.goals_text"), "PARAGRAPHS:m.goals_list"),
                ("", "TR:{%tr if m.articles_text %}"),
                ("{{ 'doc.articles_of' | term }} {{ m.treaty }}", "{{ m.articles_text }}"),
                ("", "TR:{%tr endif %}"),
                (T("doc.description"), "PARAGRAPHS:m.description"),
                (T("doc.target_group"), "{{ m.target_group }}"),
                (T("doc.lead"), "{{ m.lead }}"),
                (T("detail.partners_text"), "{{ m.partners_text }}"),
                (T("doc.priority"), "{{ m.priority_text }}"),
                (T("doc.level"), "{{ m.level }}"),
                (T("doc.period"), "{{ m.period }}"),
                (T("detail.costs"), "{{ m.costs }}"),
                (T("detail.funding"), "{{ m.funding_text }}"),
                # a measure the plan measures by none of its indicators shows no row (not a misleading one)
                ("", "TR:{%tr if m.has_indicators %}"),
                (T("detail.indicators_text"), "PARAGRAPHS:m.indicators_list"),
                ("", "TR:{%tr endif %}"),
                (T("doc.status"), "{{ m.status }}"),
            ],
            [3.5, 12.5],
            (T("doc.feature"), "{{ 'doc.measure' | term }} {{ m.id }}{{ m.mark }}"),
        )
        self.p("{{ m.sample_note }}", "Source Line")
        self.tag("{%p if m.tasks %}")
        self.caption("{{ 'doc.tasks_of' | term }} {{ m.id }} [[tab:aufgaben-{{ m.id }}]]")
        self.table(
            [T("doc.no"), T("doc.task"), T("doc.lead"), T("doc.period"), T("doc.prio"), T("doc.level")],
            [
                "{{ t.id }}{{ t.mark }} [[mass:{{ t.id }}]]",
                "{{ t.title }}",
                "{{ t.lead }}",
                "{{ t.period }}",
                "{{ t.priority_name }}",
                "{{ t.level }}",
            ],
            "t in m.tasks",
            [1.1, 5.3, 3.4, 2.4, 1.1, 2.7],
        )
        self.tag("{%p for t in m.tasks %}")
        self.tag("{%p if t.description or t.details %}")
        self.p("{{ 'doc.task' | term }} {{ t.id }}: {{ t.title }}", "Label")
        self.tag("{%p if t.details %}")
        self.p("{{ t.details_text }}", "Meta Line")
        self.tag("{%p endif %}")
        self.tag("{%p if t.description %}")
        # in the sheet's type size (Table Text), not the body's: one font size inside a measure sheet
        self.p("{{p t.description | in_table }}", "Table Text")
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")

    def block_schedule(self) -> None:
        self.caption("{{ 'doc.schedule' | term }} [[tab:zeitplan]]")
        self._schedule_table()

    def block_costs(self) -> None:
        self.caption("{{ 'doc.costs' | term }} [[tab:kosten]]")
        self._costs_table()

    def block_monitoring(self) -> None:
        self.p(T("doc.monitoring_intro"))
        self.caption("{{ 'doc.monitoring' | term }} [[tab:monitoring]]")
        self.table(
            [T("doc.no"), T("monitoring.indicator"), T("doc.rhythm"), T("doc.source"), T("doc.actuals")],
            [
                "{{ k.id }}",
                "{{ k.name }}",
                "{{ k.frequency }}",
                "{{ k.source }}",
                "{% for a in k.actuals %}{{ a.year }}: {{ a.value }}{% if not loop.last %}; {% endif %}"
                "{% endfor %}",
            ],
            "k in block.indicators",
            [1.1, 4.9, 2.2, 4.0, 3.8],
        )

    def block_bibliography(self) -> None:
        self.tag("{%p for s in block.sources %}")
        self.p("{{ s.text }}", "Bibliography")
        self.tag("{%p endfor %}")

    def block_abbreviations(self) -> None:
        self.caption("{{ 'doc.abbreviations' | term }} [[tab:abkuerzungen]]")
        self.table(
            [T("doc.abbreviation"), T("doc.meaning")],
            ["{{ a.abbreviation }}", "{{ a.meaning }}"],
            "a in block.abbreviations",
            [3.5, 12.5],
        )

    def _priority_table(self) -> None:
        headers = [T("doc.no"), T("monitoring.measure"), T("doc.level"), T("doc.lead"), T("doc.period")]
        widths = [1.1, 6.0, 2.7, 3.6, 2.6]
        table = self.doc.add_table(rows=7, cols=len(headers))
        table.style = self.doc.styles["Konzept Tabelle"]
        table.autofit = False
        rows = table.rows
        tables.mark_header_row(rows[0]._tr)
        for i, text in enumerate(headers):
            self._cell(rows[0].cells[i], text)
        self._cell(rows[1].cells[0], "{%tr for g in block.groups %}")
        group = rows[2].cells[0].merge(rows[2].cells[len(headers) - 1])
        self._cell(group, "{{ g.label }}", bold=True)
        tables.shade_cell(group._tc, "D6E0EB")
        self._cell(rows[3].cells[0], "{%tr for m in g.measures %}")
        for i, text in enumerate(
            ["{{ m.id }}{{ m.mark }}", "{{ m.title }}", "{{ m.level }}", "{{ m.lead }}", "{{ m.period }}"]
        ):
            self._cell(rows[4].cells[i], text)
        tables.prevent_row_split(rows[4]._tr)
        self._cell(rows[5].cells[0], "{%tr endfor %}")
        self._cell(rows[6].cells[0], "{%tr endfor %}")
        self._widths(table, widths)
        self.p("{{ block.sample_note }}", "Source Line")

    def _schedule_table(self) -> None:
        headers = [
            T("doc.no"),
            T("monitoring.measure"),
            T("doc.period"),
            T("doc.lead"),
            T("monitoring.status"),
        ]
        widths = [1.2, 6.6, 2.6, 3.4, 2.2]
        table = self.doc.add_table(rows=12, cols=len(headers))
        table.style = self.doc.styles["Konzept Tabelle"]
        table.autofit = False
        rows = table.rows
        tables.mark_header_row(rows[0]._tr)
        for i, text in enumerate(headers):
            self._cell(rows[0].cells[i], text)
        self._cell(rows[1].cells[0], "{%tr for m in block.measures %}")
        measure = [
            "{{ m.id }}{{ m.mark }}",
            "{{ m.title }}",
            "{{ m.period }}",
            "{{ m.lead }}",
            "{{ m.status }}",
        ]
        # a measure's row is bold only to set it apart from its tasks: without tasks, no row is
        self._cell(rows[2].cells[0], "{%tr if block.task_count %}")
        for i, text in enumerate(measure):
            self._cell(rows[3].cells[i], text, bold=True)
        tables.prevent_row_split(rows[3]._tr)
        self._cell(rows[4].cells[0], "{%tr else %}")
        for i, text in enumerate(measure):
            self._cell(rows[5].cells[i], text)
        tables.prevent_row_split(rows[5]._tr)
        self._cell(rows[6].cells[0], "{%tr endif %}")
        self._cell(rows[7].cells[0], "{%tr for t in m.tasks %}")
        for i, text in enumerate(
            ["{{ t.id }}{{ t.mark }}", "{{ t.title }}", "{{ t.period }}", "{{ t.lead }}", "{{ t.status }}"]
        ):
            self._cell(rows[8].cells[i], text)
        tables.prevent_row_split(rows[8]._tr)
        self._cell(rows[9].cells[0], "{%tr endfor %}")
        self._cell(rows[10].cells[0], "{%tr endfor %}")
        table._tbl.remove(rows[11]._tr)
        self._widths(table, widths)
        self.p("{{ block.sample_note }}", "Source Line")

    def _costs_table(self) -> None:
        headers = [T("doc.no"), T("monitoring.measure"), T("detail.costs"), T("detail.funding")]
        widths = [1.1, 6.4, 4.0, 4.5]
        table = self.doc.add_table(rows=7, cols=len(headers))
        table.style = self.doc.styles["Konzept Tabelle"]
        table.autofit = False
        rows = table.rows
        tables.mark_header_row(rows[0]._tr)
        for i, text in enumerate(headers):
            self._cell(rows[0].cells[i], text)
        self._cell(rows[1].cells[0], "{%tr for m in block.rows %}")
        for i, text in enumerate(
            ["{{ m.id }}{{ m.mark }}", "{{ m.title }}", "{{ m.costs }}", "{{ m.funding }}"]
        ):
            self._cell(rows[2].cells[i], text)
        tables.prevent_row_split(rows[2]._tr)
        self._cell(rows[3].cells[0], "{%tr endfor %}")
        self._cell(rows[4].cells[0], "{%tr for t in block.totals %}")
        total = rows[5].cells[0].merge(rows[5].cells[1])
        self._cell(total, "{{ 'total' | term }} {{ t.interval }}", bold=True)
        self._cell(rows[5].cells[2], "{{ t.amount }}", bold=True)
        tables.shade_cell(total._tc, "D6E0EB")
        for cell in rows[5].cells[2:]:
            tables.shade_cell(cell._tc, "D6E0EB")
        self._cell(rows[6].cells[0], "{%tr endfor %}")
        self._widths(table, widths)
        self.p(
            "{{ block.note }} {{ block.sample_note }}",
            "Source Line",
        )

    def build(self, target: Path) -> None:
        self.styles()
        self.page_setup()
        # python-docx's blank document starts with no paragraph; the cover begins the body.
        self.cover()
        self.body()
        self.library()
        props = self.doc.core_properties
        props.title = "Konzeptvorlage"
        props.author = "conceptgen"
        props.language = "de-DE"
        props.revision = 1
        props.created = props.modified = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        self.doc.save(target)


def main() -> None:
    target = HERE / "template.docx"
    Builder().build(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
