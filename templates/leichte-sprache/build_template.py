"""Build templates/leichte-sprache/template.docx: a summary in Leichte Sprache (easy-to-read German).

The konzept design with the rules of the Netzwerk Leichte Sprache that a layout can keep: large type
(14 pt body, headings 20/17/15 pt), generous line spacing (1.5) and space between paragraphs, left
aligned and never hyphenated, every line of a text its own line (``plain_language: true`` in
template.yaml makes conceptgen keep the text's line breaks and check one sentence a line), a plain cover
and a short contents list. Rebuild with ``python templates/leichte-sprache/build_template.py``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "konzept_builder", HERE.parent / "konzept" / "build_template.py"
)
konzept = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(konzept)  # type: ignore[union-attr]
design, fields, T = konzept.design, konzept.fields, konzept.T


class EasyBuilder(konzept.Builder):
    def styles(self) -> None:
        super().styles()
        styles = self.doc.styles
        for name in ("Normal", "Body Text", "List Paragraph", "List Bullet", "List Number", "Quote"):
            style = styles[name]
            style.font.size = Pt(14)
            fmt = style.paragraph_format
            fmt.line_spacing = 1.5
            fmt.space_after = Pt(12)
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
            design.suppress_hyphenation(style)
        for name, size in (("Heading 1", 20), ("Heading 2", 17), ("Heading 3", 15)):
            style = styles[name]
            style.font.size = Pt(size)
            style.paragraph_format.space_before = Pt(24 if name == "Heading 1" else 18)
            style.paragraph_format.space_after = Pt(12)
        styles["Heading 1"].paragraph_format.page_break_before = True
        for name, size in (
            ("Table Text", 13),
            ("Caption", 13),
            ("Source Line", 11),
            ("Cover Text", 14),
            ("Sample Notice", 14),
        ):
            styles[name].font.size = Pt(size)
        styles["Title"].font.size = Pt(30)
        styles["Subtitle"].font.size = Pt(18)
        for level in (1, 2, 3):
            toc = next(st for st in styles if st.name.lower() == f"toc {level}")
            toc.font.size = Pt(14)
            toc.paragraph_format.space_after = Pt(8)

    def page_setup(self) -> None:
        """The konzept page, with the document's own title in the header (the project's short title is
        written in hard language: „Inklusionsplan“ where the text says „Inklusions-Plan“)."""
        super().page_setup()
        header = self.doc.sections[0].header.paragraphs[0]
        header.runs[0].text = "{{ document.title }}\t{{ project.client }}"

    def cover(self) -> None:
        for _ in range(2):
            self.p("", "Cover Text")
        self.p("{{ document.title }}", "Title")  # its own words: not the project's title in hard language
        self.p(T("easy.subtitle"), "Subtitle")
        for _ in range(6):
            self.p("", "Cover Text")
        self.p(T("easy.by") + ": {{ project.client }}", "Cover Text")
        self.p(T("easy.as_of") + ": {{ project.date }}", "Cover Text")
        self.tag("{%p if project.sample_data %}")
        self.p(T("easy.sample"), "Sample Notice")
        self.tag("{%p endif %}")
        self.page_break()
        self.p(T("easy.contents"), "TOC Heading")
        toc = self.doc.add_paragraph(style="Body Text")
        fields.add_field(toc._p, 'TOC \\o "1-1" \\h \\z \\u', T("easy.contents_update"))

    def build(self, target: Path) -> None:
        super().build(target)


def main() -> None:
    target = HERE / "template.docx"
    EasyBuilder().build(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
