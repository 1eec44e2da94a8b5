"""Numbers, labels and references of a rendered document.

Headings and captions are numbered the way Word and LibreOffice will number them, so every cached
field result (SEQ, REF, PAGEREF, TOC entries) is already right in the file: a reader sees correct
numbers without updating fields, and a PDF made by LibreOffice shows them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.language import Language
from conceptgen.markup import LABEL
from conceptgen.ooxml import assembly, fields, styles, text
from conceptgen.ooxml import body as xml_body
from conceptgen.render.state import Reference
from conceptgen.render.stylemap import StyleMap

_HEADING = re.compile(r"^(?:Heading|heading) (\d)$")
HEADING_1 = ("Heading 1", "heading 1")


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


class DocumentNumbering:
    """Numbers headings and captions of one rendered document, keeps its labels, resolves references."""

    def __init__(
        self,
        document: Any,
        language: Language,
        style_map: StyleMap,
        caption_style: str = "Caption",
        labels: dict[Any, str] | None = None,
    ):
        self.document = document
        self.body = xml_body.body(document)
        self.text_width = xml_body.text_width_emu(document)
        self.words = {kind: language.terms[f"caption.{kind}"] for kind in ("tab", "fig")}
        self.style_map = style_map
        self.caption_style = caption_style
        self.labels = labels or {}  # paragraphs built with a label (not written as [[…]] text)
        self.numbering = Numbering()
        self._bookmark_id = 1000
        self.problems: list[Diagnostic] = []
        self.removed: dict[str, str] = {}  # labels of the chapters keep_chapters removed → chapter title

    def style_name(self, paragraph: Any) -> str | None:
        return self.style_map.name(xml_body.paragraph_style_id(paragraph))

    def _bookmark(self, paragraph: Any, prefix: str, start: int = 0, end: int | None = None) -> str:
        self._bookmark_id += 1
        name = f"cg{prefix}{self._bookmark_id}"  # letters and digits only: LibreOffice escapes the rest
        fields.bookmark(paragraph, name, self._bookmark_id, start, end)
        return name

    # --- chapters --------------------------------------------------------------------------------

    def keep_chapters(self, names: list[str]) -> list[str]:
        """Remove every chapter (Heading 1 up to the next) whose label is not ``sec:<name>`` for a name in
        ``names``; returns the names that label no chapter of the document."""
        chapters: list[tuple[str, list[Any]]] = []
        for element in self.body.iterchildren():
            if xml_body.is_section_properties(element):
                continue
            if xml_body.is_paragraph(element) and self.style_name(element) in HEADING_1:
                match = LABEL.search(xml_body.text_of(element))
                label = match.group(1) if match else ""
                chapters.append((label.removeprefix("sec:") if label.startswith("sec:") else "", [element]))
            elif chapters:
                chapters[-1][1].append(element)
        present = {name for name, _ in chapters}
        for name, elements in chapters:
            if name not in names:
                title = LABEL.sub("", xml_body.text_of(elements[0])).strip()
                for element in elements:
                    labels = {m.group(1) for m in LABEL.finditer(xml_body.text_of(element))}
                    labels |= {self.labels[p] for p in xml_body.paragraphs(element) if p in self.labels}
                    self.removed.update(dict.fromkeys(labels, title))
                    self.body.remove(element)
        return [n for n in names if n not in present]

    def drop_empty_before_chapters(self) -> int:
        """Remove empty paragraphs right before a Heading 1: with its page break they make blank pages."""
        removed = 0
        for element in list(xml_body.top_paragraphs(self.body)):
            if self.style_name(element) not in HEADING_1:
                continue
            previous = element.getprevious()
            while previous is not None and xml_body.is_paragraph(previous) and xml_body.is_empty(previous):
                candidate, previous = previous, previous.getprevious()
                xml_body.remove(candidate)
                removed += 1
        return removed

    # --- numbering -------------------------------------------------------------------------------

    def number(self) -> Numbering:
        """Number headings and captions, strip [[labels]] into bookmarks; returns what was found."""
        numbered = styles.has_outline_numbering(self.document)
        counters = [0] * 9
        seq = {"tab": 0, "fig": 0}
        previous = None
        for element in self.body.iterchildren():
            if not xml_body.is_paragraph(element):
                previous = element
                continue
            style = self.style_name(element)
            match = _HEADING.match(style or "")
            if match:
                level = int(match.group(1))
                number = ""
                if numbered and not assembly.is_unnumbered(element):
                    counters[level - 1] += 1
                    counters[level:] = [0] * (9 - level)
                    number = ".".join(str(c) for c in counters[:level])
                label = self.labels.get(element) or xml_body.cut(element, LABEL)
                heading = xml_body.text_of(element)
                if heading.strip():
                    entry = Entry("sec", level, number, heading, self._bookmark(element, "toc"))
                    self.numbering.headings.append(entry)
                    self._register(label, entry)
            elif style == self.caption_style:
                kind = self._caption_kind(element, previous)
                seq[kind] += 1
                label = self.labels.get(element) or xml_body.cut(element, LABEL)
                caption = xml_body.text_of(element).strip()
                word = self.words[kind]
                start = self._prefix_caption(element, word, seq[kind])
                # the bookmark holds the SEQ field alone (its five runs after the word): a reference
                # shows the number and writes the word before it as text (resolve)
                entry = Entry(
                    kind, 1, str(seq[kind]), caption, self._bookmark(element, kind, start + 1, start + 6)
                )
                self.numbering.captions.append(entry)
                self._register(label, entry)
            previous = element
        # labels elsewhere (a table cell, a plain paragraph) mark that paragraph
        for paragraph in xml_body.paragraphs(self.body):
            if "[[" in xml_body.text_of(paragraph):
                label = xml_body.cut(paragraph, LABEL)
                if label:
                    kind, _, name = label.partition(":")
                    entry = Entry(
                        kind, 0, name, xml_body.text_of(paragraph).strip(), self._bookmark(paragraph, kind)
                    )
                    self._register(label, entry)
        return self.numbering

    def _register(self, label: str, entry: Entry) -> None:
        if not label:
            return
        if label in self.numbering.labels:
            self.problems.append(
                diagnostic(
                    "CG111",
                    f"Label „{label}“ ist im Dokument doppelt vergeben",
                    None,
                    hint="Labels müssen eindeutig sein; in Schleifen eine ID ans Label hängen",
                )
            )
        self.numbering.labels[label] = entry

    def _caption_kind(self, paragraph: Any, previous: Any) -> str:
        if xml_body.has_drawing(paragraph):  # a picture with its caption in one paragraph
            return "fig"
        following = paragraph.getnext()
        if following is not None and xml_body.is_table(following):
            return "tab"
        for neighbour in (previous, following):
            if neighbour is not None and xml_body.has_drawing(neighbour):
                return "fig"
        return "tab"

    def _prefix_caption(self, paragraph: Any, word: str, number: int) -> int:
        """Put „Abbildung 3: “ before the caption's text; returns the position of its first run among the
        paragraph's content (after a picture that shares the paragraph)."""
        runs = [text.text_run(f"{word}\u00a0")]  # „Abbildung 3“ is never split
        runs += fields.field_runs(f"SEQ {word} \\* ARABIC", str(number))
        runs.append(text.text_run(": "))
        return xml_body.insert_runs_before_text(paragraph, runs)

    # --- references ------------------------------------------------------------------------------

    def resolve(
        self,
        references: list[Reference],
        extra_roots: list[Any] = (),
        measures: frozenset[str] = frozenset(),
        elsewhere: dict[str, str] | None = None,
    ) -> None:
        """Fill each reference with its target's number; unknown labels become located errors.

        References are found by their placeholder key in field instructions and link anchors of the
        body and of ``extra_roots`` (footnotes not yet written). A measure of the project that this
        document does not show stays plain text; a label in ``elsewhere`` (another document of the
        project has it) becomes the text given there.
        """
        elsewhere = elsewhere or {}
        by_key = {ref.key: ref for ref in references}
        targets: dict[str, Entry] = {}
        plain: set[str] = set()
        texts: dict[str, str] = {}
        for ref in references:
            entry = self.numbering.labels.get(ref.label)
            if entry is None and ref.kind == "mass" and ref.label.split(":", 1)[1] in measures:
                plain.add(ref.key)  # a measure of the project that this document does not show: text only
                continue
            if entry is None and ref.label in elsewhere:
                texts[ref.key] = elsewhere[ref.label]
                continue
            if entry is None:
                known = [k for k in self.numbering.labels if k.startswith(ref.kind + ":")]
                self.problems.append(
                    diagnostic(
                        "CG110",
                        f"Verweis auf die unbekannte Marke „{ref.label}“",
                        ref.location,
                        hint=did_you_mean(ref.label, known) or f"bekannt: {', '.join(sorted(known)[:8])}",
                    )
                )
                continue
            targets[ref.key] = entry
        for root in [self.body, *extra_roots]:
            for link in xml_body.internal_links(root):
                key = xml_body.link_anchor(link)
                if key in targets:
                    xml_body.set_link_anchor(link, targets[key].bookmark)
                elif key in plain:
                    text.unlink(link)
            for words, result, instr in fields.field_results(root, "REF"):
                if len(words) < 2 or words[1] not in by_key:
                    continue
                if words[1] in texts:
                    fields.flatten(instr, texts[words[1]])
                    continue
                ref, entry = by_key[words[1]], targets.get(words[1])
                if entry is None:
                    continue
                if ref.kind == "sec":
                    fields.set_instruction(instr, f"REF {entry.bookmark} \\r \\h")
                    result.text = entry.number or entry.text
                else:
                    # „Abbildung “ as text, then a REF that yields the number alone: LibreOffice prints
                    # a REF to a bookmark of word and SEQ field without its number when a heading-number
                    # reference (REF \\r) stands before it in the same paragraph (Dortmund's report)
                    fields.set_instruction(instr, f"REF {entry.bookmark} \\h")
                    result.text = entry.number
                    if not ref.bare:
                        fields.insert_before_field(instr, text.text_run(f"{self.words[ref.kind]}\u00a0"))

    def bookmarks(self) -> list[str]:
        """Bookmarks of every heading and caption, whose pages the indexes show."""
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
                        f"Überschrift „{entry.text}“ (Ebene {entry.level}) folgt auf eine Überschrift der "
                        f"Ebene {previous}",
                        None,
                        hint="Überschriften dürfen keine Ebene überspringen (Barrierefreiheit)",
                    )
                )
            previous = entry.level
        return found
