"""Document mechanics after the template is rendered: numbering, captions, labels, references,
footnotes and the indexes (table of contents, list of tables, list of figures).

Headings and captions are numbered the way Word and LibreOffice will number them, so every cached
field result (SEQ, REF, PAGEREF, TOC entries) is already right in the file: a reader sees correct
numbers without updating fields, and a PDF made by LibreOffice shows them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.markup import LABEL
from conceptgen.render import ooxml
from conceptgen.render.markdown import Reference

_HEADING = re.compile(r"^(?:Heading|heading) (\d)$")
_TOC_SWITCH_C = re.compile(r'\\c\s+"([^"]+)"')
_TOC_SWITCH_O = re.compile(r'\\o\s+"(\d)-(\d)"')
CAPTION_WORDS = {"de": {"tab": "Tabelle", "fig": "Abbildung"}, "en": {"tab": "Table", "fig": "Figure"}}


@dataclass
class Entry:
    """A numbered thing that indexes list: a heading or a caption."""

    kind: str  # "sec", "tab" or "fig"
    level: int
    number: str
    text: str
    bookmark: str


@dataclass
class Numbering:
    """Everything labelled or listed in the document."""

    headings: list[Entry] = field(default_factory=list)
    captions: list[Entry] = field(default_factory=list)
    labels: dict[str, Entry] = field(default_factory=dict)


class Mechanics:
    """Numbers, labels and indexes of one rendered document."""

    def __init__(self, document: Any, locale: str):
        self.document = document
        self.locale = locale
        self.words = CAPTION_WORDS.get(locale, CAPTION_WORDS["de"])
        self.numbering = Numbering()
        self._bookmark_id = 1000
        self._style_names: dict[str, str] | None = None
        self.problems: list[Diagnostic] = []

    def _bookmark(self, paragraph: Any, prefix: str, start: int = 0, end: int | None = None) -> str:
        self._bookmark_id += 1
        name = f"cg{prefix}{self._bookmark_id}"  # letters and digits only: LibreOffice escapes the rest
        ooxml.bookmark(paragraph, name, self._bookmark_id, start, end)
        return name

    # --- numbering -------------------------------------------------------------------------------

    def number(self) -> Numbering:
        """Number headings and captions, strip [[labels]] into bookmarks; returns what was found."""
        body = self.document.element.body
        numbered = self._headings_numbered()
        counters = [0] * 9
        seq = {"tab": 0, "fig": 0}
        previous = None
        for element in body.iterchildren():
            if element.tag != qn("w:p"):
                previous = element
                continue
            style = self._style_name(element)
            match = _HEADING.match(style or "")
            if match:
                level = int(match.group(1))
                counters[level - 1] += 1
                counters[level:] = [0] * (9 - level)
                number = ".".join(str(c) for c in counters[:level]) if numbered else ""
                label = self._take_label(element)
                text = _text(element)
                if text.strip():
                    entry = Entry("sec", level, number, text, self._bookmark(element, "toc"))
                    self.numbering.headings.append(entry)
                    self._register(label, entry)
            elif style == self._caption_style():
                kind = self._caption_kind(element, previous)
                seq[kind] += 1
                label = self._take_label(element)
                text = _text(element).strip()
                word = self.words[kind]
                self._prefix_caption(element, word, kind, seq[kind])
                entry = Entry(kind, 1, str(seq[kind]), text, self._bookmark(element, kind, 0, 6))
                self.numbering.captions.append(entry)
                self._register(label, entry)
            previous = element
        # labels elsewhere (a table cell, a plain paragraph) mark that paragraph
        for paragraph in body.iter(qn("w:p")):
            if "[[" in _text(paragraph):
                label = self._take_label(paragraph)
                if label:
                    kind, _, name = label.partition(":")
                    entry = Entry(kind, 0, name, _text(paragraph).strip(), self._bookmark(paragraph, kind))
                    self._register(label, entry)
        return self.numbering

    def keep_chapters(self, names: list[str]) -> list[str]:
        """Remove every chapter (Heading 1 up to the next) whose label is not ``sec:<name>`` for a name in
        ``names``; returns the names that label no chapter of the document."""
        body = self.document.element.body
        chapters: list[tuple[str, list[Any]]] = []
        for element in body.iterchildren():
            if element.tag == qn("w:sectPr"):
                continue
            if element.tag == qn("w:p") and self._style_name(element) in ("Heading 1", "heading 1"):
                match = LABEL.search(_text(element))
                label = match.group(1) if match else ""
                chapters.append((label.removeprefix("sec:") if label.startswith("sec:") else "", [element]))
            elif chapters:
                chapters[-1][1].append(element)
        present = {name for name, _ in chapters}
        for name, elements in chapters:
            if name not in names:
                for element in elements:
                    body.remove(element)
        return [n for n in names if n not in present]

    def drop_empty_before_chapters(self) -> int:
        """Remove empty paragraphs right before a Heading 1: with its page break they make blank pages."""
        removed = 0
        for element in list(self.document.element.body.iterchildren(qn("w:p"))):
            if self._style_name(element) not in ("Heading 1", "heading 1"):
                continue
            previous = element.getprevious()
            while previous is not None and previous.tag == qn("w:p") and _is_empty(previous):
                candidate, previous = previous, previous.getprevious()
                candidate.getparent().remove(candidate)
                removed += 1
        return removed

    def _register(self, label: str, entry: Entry) -> None:
        if not label:
            return
        if label in self.numbering.labels:
            self.problems.append(
                diagnostic(
                    "CG111",
                    f"label '{label}' is defined twice in the document",
                    None,
                    hint="labels must be unique; add an ID to labels in loops",
                )
            )
        self.numbering.labels[label] = entry

    def _headings_numbered(self) -> bool:
        try:
            ppr = self.document.styles["Heading 1"].element.pPr
        except KeyError:
            return False
        return ppr is not None and ppr.find(qn("w:numPr")) is not None

    def _style_name(self, paragraph: Any) -> str | None:
        ppr = paragraph.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if style is None:
            return None
        style_id = style.get(qn("w:val"))
        if self._style_names is None:  # one pass over styles.xml, not one per paragraph
            self._style_names = {st.style_id: st.name for st in self.document.styles}
        return self._style_names.get(style_id, style_id)

    def _caption_style(self) -> str:
        return "Caption"

    def _caption_kind(self, paragraph: Any, previous: Any) -> str:
        following = paragraph.getnext()
        if following is not None and following.tag == qn("w:tbl"):
            return "tab"
        for neighbour in (previous, following):
            if neighbour is not None and neighbour.find(".//" + qn("w:drawing")) is not None:
                return "fig"
        return "tab"

    def _take_label(self, paragraph: Any) -> str:
        """Remove ``[[kind:label]]`` from the paragraph text; return the label."""
        found = ""
        for t in paragraph.iter(qn("w:t")):
            if t.text and "[[" in t.text:
                match = LABEL.search(t.text)
                if match:
                    found = match.group(1)
                    t.text = LABEL.sub("", t.text)
        return found

    def _prefix_caption(self, paragraph: Any, word: str, kind: str, number: int) -> None:
        runs = [ooxml._text_run(f"{word} ")]
        runs += ooxml.field_runs(f"SEQ {word} \\* ARABIC", str(number))
        runs.append(ooxml._text_run(": "))
        ppr = paragraph.find(qn("w:pPr"))
        anchor = ppr
        for run in runs:
            if anchor is None:
                paragraph.insert(0, run)
            else:
                anchor.addnext(run)
            anchor = run

    # --- references ------------------------------------------------------------------------------

    def resolve(
        self, references: list[Reference], extra_roots: list[Any] = (), measures: frozenset[str] = frozenset()
    ) -> None:
        """Fill each reference with its target's number; unknown labels become located errors.

        References are found by their placeholder key in field instructions and link anchors of the
        body and of ``extra_roots`` (footnotes not yet written).
        """
        by_key = {ref.key: ref for ref in references}
        targets: dict[str, Entry] = {}
        plain: set[str] = set()
        for ref in references:
            entry = self.numbering.labels.get(ref.label)
            if entry is None and ref.kind == "mass" and ref.label.split(":", 1)[1] in measures:
                plain.add(ref.key)  # a measure of the project that this document does not show: text only
                continue
            if entry is None:
                known = [k for k in self.numbering.labels if k.startswith(ref.kind + ":")]
                self.problems.append(
                    diagnostic(
                        "CG110",
                        f"reference to unknown label '{ref.label}'",
                        ref.location,
                        hint=did_you_mean(ref.label, known) or f"known: {', '.join(sorted(known)[:8])}",
                    )
                )
                continue
            targets[ref.key] = entry
        for root in [self.document.element.body, *extra_roots]:
            for link in list(root.iter(qn("w:hyperlink"))):
                key = link.get(qn("w:anchor"))
                if key in targets:
                    link.set(qn("w:anchor"), targets[key].bookmark)
                elif key in plain:
                    for run in link:
                        style = run.find(qn("w:rPr"))
                        if style is not None:
                            run.remove(style)
                        link.addprevious(run)
                    link.getparent().remove(link)
            for instr in root.iter(qn("w:instrText")):
                words = (instr.text or "").split()
                if len(words) < 2 or words[0] != "REF" or words[1] not in by_key:
                    continue
                ref, entry = by_key[words[1]], targets.get(words[1])
                if entry is None:
                    continue
                result = instr.getparent().getnext().getnext().find(qn("w:t"))
                if ref.kind == "sec":
                    instr.text = f" REF {entry.bookmark} \\r \\h "
                    result.text = entry.number or entry.text
                else:
                    instr.text = f" REF {entry.bookmark} \\h "
                    result.text = f"{self.words[ref.kind]} {entry.number}"

    # --- footnotes -------------------------------------------------------------------------------

    def add_footnotes(self, footnotes: list[Any]) -> None:
        """Append rendered footnotes to the footnotes part."""
        if not footnotes:
            return
        from lxml import etree

        part = ooxml.footnotes_part(self.document)
        root = etree.fromstring(part.blob)
        for note in footnotes:
            root.append(note)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # --- indexes ---------------------------------------------------------------------------------

    def fill_indexes(self, pages: dict[str, int] | None) -> int:
        """Write the entries of every TOC field (contents, tables, figures) with page numbers.

        ``pages`` maps bookmark names to page numbers (from LibreOffice); without it the page column
        holds a placeholder. Returns the number of index fields filled. An index of tables or figures
        without entries is removed together with its heading.
        """
        filled = 0
        for paragraph, instruction in self._toc_fields():
            caption = _TOC_SWITCH_C.search(instruction)
            if caption:
                kind = next((k for k, w in self.words.items() if w == caption.group(1)), "tab")
                entries = [e for e in self.numbering.captions if e.kind == kind]
            else:
                levels = _TOC_SWITCH_O.search(instruction)
                top = int(levels.group(2)) if levels else 3
                entries = [e for e in self.numbering.headings if e.level <= top]
            if not entries:
                heading = paragraph.getprevious()
                if heading is not None and self._style_name(heading) in ("TOC Heading", "toc heading"):
                    heading.getparent().remove(heading)
                paragraph.getparent().remove(paragraph)
                continue
            self._write_entries(paragraph, instruction, entries, pages, bool(caption))
            filled += 1
        return filled

    def _toc_fields(self) -> list[tuple[Any, str]]:
        found = []
        for paragraph in self.document.element.body.iterchildren(qn("w:p")):
            instr = "".join(t.text or "" for t in paragraph.iter(qn("w:instrText"))).strip()
            if instr.startswith("TOC"):
                found.append((paragraph, instr))
        return found

    def _write_entries(
        self,
        placeholder: Any,
        instruction: str,
        entries: list[Entry],
        pages: dict[str, int] | None,
        captions: bool,
    ) -> None:
        style_ids = {
            level: ooxml.ensure_paragraph_style(self.document, f"toc {level}") for level in (1, 2, 3)
        }
        figure_style = ooxml.ensure_paragraph_style(self.document, "table of figures")
        new = []
        for i, entry in enumerate(entries):
            style = figure_style if captions else style_ids.get(entry.level, style_ids[3])
            p = ooxml.toc_entry(
                style_id=style,
                anchor=entry.bookmark,
                number=(f"{self.words[entry.kind]} {entry.number}:" if captions else entry.number),
                text=entry.text,
                page=str(pages.get(entry.bookmark, "")) if pages else "",
                begin_field=instruction if i == 0 else None,
                end_field=i == len(entries) - 1,
            )
            new.append(p)
        anchor = placeholder
        for p in new:
            anchor.addnext(p)
            anchor = p
        placeholder.getparent().remove(placeholder)

    def bookmarks(self) -> list[str]:
        return [e.bookmark for e in self.numbering.headings + self.numbering.captions]

    def heading_gaps(self) -> list[Diagnostic]:
        """Headings that skip a level (Heading 1 → Heading 3) are an accessibility error."""
        found = []
        previous = 0
        for entry in self.numbering.headings:
            if entry.level > previous + 1:
                found.append(
                    diagnostic(
                        "CG112",
                        f"heading '{entry.text}' (level {entry.level}) follows a level-{previous} heading",
                        None,
                        hint="heading levels must not skip a level (accessibility)",
                    )
                )
            previous = entry.level
        return found


def _is_empty(paragraph: Any) -> bool:
    """No text, no picture, no field, no break, no section properties, no bookmark."""
    if _text(paragraph).strip():
        return False
    for tag in (
        "w:drawing",
        "w:fldChar",
        "w:br",
        "w:sectPr",
        "w:bookmarkStart",
        "w:footnoteReference",
        "w:tab",
    ):
        if paragraph.find(".//" + qn(tag)) is not None:
            return False
    return True


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
