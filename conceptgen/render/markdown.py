"""Markdown → WordprocessingML, in the template's own styles.

Paragraphs, **bold**, *italic*, ~~strike~~, `code`, real hyperlinks, bullet and numbered lists (nested;
every list restarts at 1), block quotes, pipe tables in the template's table style, images with alt text,
real Word footnotes (``[^1]``), headings, citations (``[@Q3]``) and references to labelled tables,
figures, chapters and measures (``@tab:kennzahlen``). Text goes through the language's typography.
Each paragraph gets its review anchor here, where its source line is known (render/anchors.py).

Longer than 400 lines: one walk over a text's tokens (blocks, inline, footnotes) that shares the list,
quote and line state; split, each part would need all of it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conceptgen.diagnostics import did_you_mean
from conceptgen.doubled_words import same_word
from conceptgen.images import image_problem
from conceptgen.markup import (
    CITATION,
    EMBED,
    LABEL,
    MAX_NESTING,
    REFERENCE,
    Markdown,
    citation_items,
    parser,
    too_deep,
)
from conceptgen.ooxml import drawing, fields, footnotes, lists
from conceptgen.ooxml import text as xml_text
from conceptgen.render.state import Reference
from conceptgen.render.typography import typeset

if TYPE_CHECKING:
    from conceptgen.render.blocks import BlockRenderer

# CG110 for an embed of a table or chart nobody declared: the message's start and the hint
_UNKNOWN_EMBED = {
    "table": ("unbekannte Tabelle", "Tabellen stehen in data.yaml"),
    "chart": ("unbekanntes Diagramm", "Diagramme stehen in charts.yaml"),
}


class MarkdownWriter:
    """Walks the markdown-it tokens of one text and builds paragraphs in the renderer's scratch body."""

    def __init__(
        self, renderer: BlockRenderer, markdown: Markdown, *, in_table: bool, heading_offset: int = 0
    ):
        self.r = renderer
        self.heading_offset = heading_offset
        self.md = markdown
        self.tokens = parser().parse(markdown.protected)
        self.in_table = in_table
        self.body_style = renderer.styles.cell if in_table else renderer.styles.body
        self.lists: list[tuple[int, int]] = []  # (numId, level) stack
        self.quote = 0
        self.footnote_ids: dict[int, int] = {}
        self.line = 0

    def write(self) -> None:
        """Append the text's blocks to the scratch body."""
        tokens = self.tokens
        deep = too_deep(tokens)
        if deep is not None:
            self.r.problem(
                "CG115",
                f"Listen oder Zitate mehr als {MAX_NESTING // 2} Ebenen tief verschachtelt",
                self.md,
                deep,
                hint="der Rest des Textes war nicht lesbar; die Verschachtelung verringern",
            )
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
            lines = inline.content.strip().split("\n")
            embeds = [EMBED.fullmatch(line.strip()) for line in lines]
            if all(embeds):  # one embed per line: each its table or chart
                for offset, embed in enumerate(embeds):
                    self._embed(embed.group(1), embed.group(2), self.line + offset)
                return i + 3
            for offset, embed in enumerate(embeds):
                if embed:
                    self.r.problem(
                        "CG116",
                        f"[[{embed.group(1)}:{embed.group(2)}]] steht mit Text im selben Absatz",
                        self.md,
                        self.line + offset,
                        hint="davor und danach eine Leerzeile einfügen",
                    )
            if self._is_figure(inline):
                self._figure(inline.children[0])
            elif self._is_table_caption(inline, tokens, i):
                self._paragraph(inline, self.r.styles.caption, strip_prefix=True)
            else:
                self._paragraph(inline, self._paragraph_style())
            return i + 3
        if kind == "heading_open":
            level = min(int(token.tag[1]) + self.heading_offset, 9)
            self._paragraph(tokens[i + 1], f"Heading {level}")
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = int(token.attrs.get("start", 1)) if ordered else 1
            num_id = lists.new_list(self.r.numbering, ordered, start)
            # Word's lists have nine levels, conceptgen's six: deeper ones stay at the sixth
            self.lists.append((num_id, min(len(self.lists), lists.LEVELS - 1)))
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
            self._code(token.content, self.line + (kind == "fence"))
            return i + 1
        if kind == "hr":
            return i + 1
        if kind == "html_block":
            paragraph = self.r.paragraph(self.r.style(self.body_style))
            paragraph.add_run(token.content.strip())
            self.anchor(paragraph)
            return i + 1
        return i + 1  # list_item_open/close and other structure tokens carry no content

    def _embed(self, kind: str, ident: str, line: int) -> None:
        known = self.r.tables if kind == "table" else self.r.charts
        if ident not in known:
            unknown, defined = _UNKNOWN_EMBED[kind]
            self.r.problem(
                "CG110",
                f"{unknown} „{ident}“",
                self.md,
                line,
                hint=did_you_mean(ident, known) or defined,
            )
        elif kind == "table":
            self.r.add_table(known[ident])
        else:
            self.r.add_chart(known[ident])

    def _paragraph_style(self) -> str | None:
        if self.quote:
            return self.r.style(self.r.styles.quote) or self.r.style(self.body_style)
        if self.lists and self.in_table:  # a list in a cell in the cell's type size (the numbering indents)
            return self.r.style(self.body_style)
        if self.lists:
            return self.r.style(self.r.styles.list) or self.r.style(self.body_style)
        return self.r.style(self.body_style)

    def _paragraph(self, inline: Any, style: str | None, *, strip_prefix: bool = False):
        paragraph = self.r.paragraph(self.r.style(style) if style else None)
        if self.lists and not self.quote:
            num_id, level = self.lists[-1]
            xml_text.set_numbering(paragraph._p.get_or_add_pPr(), num_id, level)
        children = inline.children or []
        if strip_prefix and children and children[0].type == "text":
            children = [copy.copy(c) for c in children]
            children[0].content = children[0].content.split(":", 1)[1].lstrip()
        self.inline(paragraph, children)
        self.anchor(paragraph)
        return paragraph

    def _code(self, content: str, first: int) -> None:
        """A code block: a paragraph in Courier New per line (``first``: its first line in the text)."""
        for offset, line in enumerate(content.rstrip("\n").splitlines() or [""]):
            paragraph = self.r.paragraph(self.r.style(self.body_style))
            run = paragraph.add_run(line)
            run.font.name = "Courier New"
            self.anchor(paragraph, first + offset)

    def anchor(self, paragraph: Any, line: int | None = None) -> None:  # for `conceptgen review`
        self.r.anchors.wrap(paragraph._p, "t", self.md.location, self.line if line is None else line)

    def _is_figure(self, inline: Any) -> bool:
        children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
        return len(children) == 1 and children[0].type == "image"

    def _is_table_caption(self, inline: Any, tokens: list[Any], i: int) -> bool:
        text = inline.content
        follows_table = i + 3 < len(tokens) and tokens[i + 3].type == "table_open"
        return follows_table and text.split(":", 1)[0] == self.r.language.terms["caption.tab"]

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
                f"Bild „{src}“ hat keinen Alternativtext",
                self.md,
                self.line,
                hint="![was das Bild zeigt](pfad) schreiben: Screenreader lesen ihn vor",
            )
        paragraph = self.r.figure_paragraph(captioned=bool(title))
        problem = image_problem(path)
        if problem:
            self.r.problem("CG108", f"Bild „{src}“ {problem}", self.md, self.line)
            return
        try:
            shape = paragraph.add_run().add_picture(str(path))
        except Exception as exc:  # python-docx raises several kinds for unreadable images
            reason = str(exc) or type(exc).__name__
            self.r.problem("CG108", f"Bild „{src}“ ist nicht lesbar: {reason}", self.md, self.line)
            return
        if shape.width > self.r.text_width:
            ratio = self.r.text_width / shape.width
            shape.width, shape.height = self.r.text_width, int(shape.height * ratio)
        drawing.set_alt_text(shape._inline, typeset(alt, self.r.locale), LABEL.sub("", title))
        if title:
            paragraph.add_run().add_break()
            self._text(paragraph, title, {})
            self.anchor(paragraph)

    def _image_path(self, src: str) -> Path | None:
        from conceptgen.paths import inside

        path = (self.r.project_root / src).resolve()
        if src.startswith(("http://", "https://")):
            self.r.problem(
                "CG108",
                f"Bild „{src}“ ist keine Datei im Projekt",
                self.md,
                self.line,
                hint="im Projektordner speichern (z. B. bilder/) und diese Datei verlinken",
            )
            return None
        if not inside(path, self.r.project_root):
            self.r.problem("CG010", f"Bild „{src}“ liegt außerhalb des Projekts", self.md, self.line)
            return None
        if not path.is_file():
            self.r.problem(
                "CG108",
                f"Bild „{src}“ nicht gefunden",
                self.md,
                self.line,
                hint="Pfade gelten relativ zum Projektordner",
            )
            return None
        return path

    def _table(self, tokens: list[Any]) -> None:
        from conceptgen.render.tables import add_markdown_table

        add_markdown_table(self, tokens)

    # --- inline ----------------------------------------------------------------------------------

    def inline(self, paragraph: Any, children: list[Any]) -> None:
        """Append inline tokens (text, emphasis, links, footnote marks …) to ``paragraph``."""
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
            elif kind == "hardbreak" or (kind == "softbreak" and self.r.line_breaks):
                paragraph.add_run().add_break()  # Leichte Sprache keeps every line a line
            elif kind == "softbreak":
                self._text(paragraph, " ", fmt)
            elif kind == "link_open":
                end = next(j for j in range(i, len(children)) if children[j].type == "link_close")
                label = "".join(c.content for c in children[i + 1 : end] if c.type in ("text", "code_inline"))
                href = child.attrs.get("href", "")
                if href.startswith(("http://", "https://", "mailto:")):
                    from docx.opc.constants import RELATIONSHIP_TYPE as RT

                    r_id = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
                    xml_text.add_hyperlink(
                        paragraph._p, r_id, typeset(label, self.r.locale), self.r.hyperlink_style
                    )
                else:
                    self._text(paragraph, label, fmt)
                i = end
            elif kind == "image":
                self.r.problem(
                    "CG107",
                    "ein Bild muss in einem eigenen Absatz stehen",
                    self.md,
                    self.line,
                    hint="![Alternativtext](pfad) in eine eigene Zeile schreiben",
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
        xml_text.append_run(
            paragraph._p,
            typeset(text, self.r.locale),
            bold=bool(fmt.get("strong")),
            italic=bool(fmt.get("em")),
            strike=bool(fmt.get("s")),
        )

    def _citation(self, paragraph: Any, match: Any, fmt: dict[str, bool]) -> None:
        parts = []
        for key, locator in citation_items(match):
            source = self.r.citations.get(key)
            if source is None:
                self.r.problem(
                    "CG109",
                    f"Zitat einer unbekannten Quelle „{key}“",
                    self.md,
                    self.line,
                    hint=did_you_mean(key, self.r.citations) or "die Quellen stehen in sources.yaml",
                )
                parts.append(key)
                continue
            self.r.state.cited.add(key)
            parts.append(f"{source.short}, {locator}" if locator else source.short)
        self._run(paragraph, f"({'; '.join(parts)})", fmt)

    def _reference(self, paragraph: Any, kind: str, label: str) -> None:
        terms = self.r.language.terms
        word = terms[f"caption.{kind}"] if kind in ("tab", "fig") else terms[f"ref.{kind}"]
        if kind == "mass" and label in self.r.tasks:  # a task is an „Aufgabe“, not a „Maßnahme“
            word = terms["ref.task"]
        # the XML is copied into the document as text, so the placeholder is found again by its key
        key = f"cgref{len(self.r.state.references) + 1}"
        bare = _says(paragraph.text, word)  # „Kapitel @sec:x“: the text names the word already
        if kind == "mass":  # „Maßnahme @mass:2.1“ as written before tasks said „Aufgabe“: kept as it was
            bare = bare or _says(paragraph.text, terms["ref.mass"])
        word = "" if bare else word
        if kind == "sec" and word:
            self._run(paragraph, f"{word}\u00a0", {})
        if kind == "mass":
            xml_text.add_internal_link(paragraph._p, key, f"{word}\u00a0{label}" if word else label)
        else:
            paragraph._p.extend(fields.field_runs(f"REF {key} \\h", f"@{kind}:{label}"))
        self.r.state.references.append(
            Reference(kind, f"{kind}:{label}", key, self.md.line_location(self.line), bare)
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
                        self.inline(p, tokens[j].children or [])
                        self.anchor(p, tokens[j].map[0] if tokens[j].map else self.line)
                        paragraphs.append(p._p)
                for p in paragraphs:
                    p.getparent().remove(p)
                global_id = self.r.next_footnote
                self.r.next_footnote += 1
                self.footnote_ids[local_id] = global_id
                self.r.state.footnotes.append(
                    footnotes.footnote_element(global_id, paragraphs, self.r.footnote_ref_style)
                )
                i = end
            i += 1

    def _footnote_reference(self, paragraph: Any, local_id: int) -> None:
        global_id = self.footnote_ids.get(local_id)
        if global_id is None:
            return
        paragraph._p.append(footnotes.footnote_reference_run(global_id, self.r.footnote_ref_style))


def _says(before: str, word: str) -> bool:
    """Whether the text ``before`` a reference ends in ``word`` (in any of its forms) and a space, so
    the reference's own word would double it („Kapitel Kapitel 6“)."""
    if not word or before.rstrip(" \u00a0") == before:
        return False
    words = re.findall(r"[^\W\d_][\w*\-]*", before)
    return bool(words) and same_word(words[-1], str(word))
