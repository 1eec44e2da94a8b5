"""A reference to a figure or a table („Abbildung 11“, „Table 3“) reads the same in Word and in LibreOffice.

Word shows a REF field's cached result until its fields are updated, then the text of the bookmark it
names; LibreOffice works every REF out again on loading. So every REF to a caption's bookmark
(``cgfig…``, ``cgtab…``) is checked twice, from the document's XML, independent of the code that wrote it:

- its cached result is the text of its bookmark (what Word shows after an update);
- the PDF LibreOffice makes of the document prints the reference as its cached result says, with the
  words around it („Innenstadt (Abbildung 11).“).

LibreOffice printed Dortmund's „… in der Innenstadt (Abbildung).“ without the number while the bookmark
held „Abbildung “ and the SEQ field and a heading-number reference (``REF … \\r``, „Kapitel 3.3“) stood
before it in the same paragraph. The LibreOffice tests are slow (every example project, and a small
project with such paragraphs in German and English).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import FIXTURES, replace_in, require_libreoffice
from tests.examples import PROJECTS, laid_out, rendered

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
_CAPTION = re.compile(r"cg(?:fig|tab)\d+$")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Reference:
    """A REF field to a caption's bookmark: its cached result and the text of its paragraph around it."""

    bookmark: str
    cached: str
    before: str  # the paragraph's text before the field's result
    after: str


@dataclass
class _Field:
    instruction: str = ""
    result: bool = False  # past the separator
    start: int = 0  # where its result begins in the paragraph's text


@dataclass
class _Walk:
    """The document's text as Word shows it (cached field results, no instructions), read in order."""

    references: list[Reference] = field(default_factory=list)
    bookmarks: dict[str, str] = field(default_factory=dict)  # name → the text it encloses
    open: dict[str, str] = field(default_factory=dict)  # id → name
    fields: list[_Field] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # the current paragraph's text so far
    pending: list[tuple[str, str, int]] = field(default_factory=list)  # bookmark, cached, start

    def visible(self) -> bool:
        return all(f.result for f in self.fields)

    def add(self, text: str) -> None:
        if not self.visible():
            return
        self.text.append(text)
        for bookmark_id in self.open:
            name = self.open[bookmark_id]
            self.bookmarks[name] = self.bookmarks.get(name, "") + text

    def char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].result, self.fields[-1].start = True, len("".join(self.text))
        elif kind == "end" and self.fields:
            done = self.fields.pop()
            words = done.instruction.split()
            if len(words) >= 2 and words[0] == "REF" and _CAPTION.match(words[1]):
                text = "".join(self.text)
                self.pending.append((words[1], text[done.start :], done.start))

    def end_paragraph(self) -> None:
        text = "".join(self.text)
        for bookmark, cached, start in self.pending:
            end = start + len(cached)
            self.references.append(Reference(bookmark, cached, text[:start], text[end:]))
        self.text, self.pending = [], []


def read(docx: bytes) -> _Walk:
    """Every caption reference of ``docx`` (body and footnotes) and the text of every bookmark."""
    walk = _Walk()
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = set(package.namelist())
        roots = [etree.fromstring(package.read(part)) for part in _PARTS if part in names]
    for root in roots:
        for event, node in etree.iterwalk(root, events=("start", "end")):
            tag = node.tag
            if event == "end":
                if tag == _w("p"):
                    walk.end_paragraph()
                continue
            if tag == _w("t"):
                walk.add(node.text or "")
            elif tag in (_w("tab"), _w("br")):
                walk.add(" ")
            elif tag == _w("noBreakHyphen"):
                walk.add("-")
            elif tag == _w("instrText") and walk.fields:
                walk.fields[-1].instruction += node.text or ""
            elif tag == _w("fldChar"):
                walk.char(node.get(_w("fldCharType"), ""))
            elif tag == _w("bookmarkStart"):
                walk.open[node.get(_w("id"))] = node.get(_w("name"))
            elif tag == _w("bookmarkEnd"):
                walk.open.pop(node.get(_w("id")), None)
    return walk


def _fold(text: str) -> str:
    """Text as compared with a PDF's: no spaces, line breaks or hyphens (LibreOffice hyphenates), NFKC."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u00a0\u00ad\-\u2010\u2011]+", "", text)


def _around(reference: Reference) -> str:
    """The reference as printed with the two words before and the word after it (words end at plain
    spaces; „Abbildung 11“ is joined by a non-breaking one): „wie Tabelle 1 zeigt“ is not found in „wie
    Tabelle Tabelle 1 zeigt“."""
    before = re.split(r"[ \t\n]+", reference.before)
    after = re.split(r"[ \t\n]+", reference.after)
    token = before[-1] + reference.cached + after[0]
    return " ".join(w for w in [*before[-3:-1], token, *after[1:2]] if w)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler reads it, folded."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return _fold(done.stdout.decode("utf-8"))


def misprinted(docx: bytes, pdf: bytes) -> list[str]:
    """The caption references that the PDF does not print, with the words before and after them, as the
    .docx's cached results say."""
    printed = pdf_text(pdf)
    found = []
    for reference in read(docx).references:
        words = _around(reference)
        if _fold(words) not in printed:
            found.append(words)
    return found


# --- Word: a cached result is what an update shows ----------------------------------------------------


def test_reader_finds_a_reference_and_its_words():
    xml = (
        f'<w:document xmlns:w="{W}"><w:body><w:p>'
        '<w:r><w:t xml:space="preserve">Siehe (Abbildung\u00a0</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF cgfig7 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">). Dann</w:t></w:r>'
        '</w:p><w:p><w:r><w:t xml:space="preserve">Abbildung\u00a0</w:t></w:r><w:bookmarkStart w:id="7" '
        'w:name="cgfig7"/><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> SEQ Abbildung '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="7"/></w:p></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", xml)
    walk = read(buffer.getvalue())
    assert walk.bookmarks == {"cgfig7": "3"}
    [reference] = walk.references
    assert (reference.cached, reference.before, reference.after) == ("3", "Siehe (Abbildung\u00a0", "). Dann")
    assert _around(reference) == "Siehe (Abbildung\u00a03). Dann"
    assert _around(Reference("cgtab1", "1", "so, wie Tabelle ", " zeigt. Und")) == "wie Tabelle 1 zeigt."
    assert _fold("(Abbil-\ndung\u00a03).") == "(Abbildung3)."


@pytest.mark.slow  # renders every example
@pytest.mark.parametrize("project", PROJECTS)
def test_every_caption_reference_shows_its_bookmarks_text(project):
    found = {}
    for name, docx in rendered(project).items():
        walk = read(docx)
        assert walk.references or name != "Sozialraumanalyse-Dortmund-2024.docx"
        shown = [(r.cached, walk.bookmarks.get(r.bookmark)) for r in walk.references]
        found[name] = [(cached, text) for cached, text in shown if cached != text]
    assert {name: wrong for name, wrong in found.items() if wrong} == {}, project


# --- LibreOffice: the PDF prints what the cached results say ------------------------------------------

REFERENCES = """## Karten [[sec:karten]]

Die Planung folgt @sec:massnahmen; die Zahlen stehen in @sec:karten, mehr in {chapter} @sec:karten (@fig:bild)
und in @tab:text, wie {table} @tab:text zeigt.

{table}: Eine Tabelle im Text [[tab:text]]

| Spalte A | Spalte B |
|----------|---------:|
| a        | 1.234    |

![Ein Balkendiagramm der Fallzahlen](bild.png "Beispielbild [[fig:bild]]")

Nach dem Bild: @sec:massnahmen, dann @fig:bild und @tab:text.
"""


def _small(minimal: Path, locale: str) -> Path:
    shutil.copy(FIXTURES / "bild.png", minimal / "bild.png")
    words = (
        {"chapter": "Kapitel", "table": "Tabelle"}
        if locale == "de"
        else {"chapter": "Chapter", "table": "Table"}
    )
    (minimal / "text" / "rahmen.md").write_text(REFERENCES.format(**words), encoding="utf-8")
    if locale == "en":
        replace_in(minimal / "project.yaml", "concept_type:", "locale: en\nconcept_type:")
    return minimal


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["de", "en"])
def test_a_caption_reference_after_a_heading_number_is_printed_whole(minimal, locale):
    from conceptgen.pipeline import render_project

    require_libreoffice()
    result = render_project(_small(minimal, locale), pdf=True, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    [pdf] = [c for p, c in result.contents.items() if p.suffix == ".pdf"]
    printed = [_around(r) for r in read(docx).references]
    word, table = ("Abbildung", "Tabelle") if locale == "de" else ("Figure", "Table")
    assert f"({word}\u00a01)" in " ".join(printed) and f"{table}\u00a01," in " ".join(printed)
    assert len(printed) == 5
    assert misprinted(docx, pdf) == []


@pytest.mark.slow
@pytest.mark.parametrize("project", PROJECTS)
def test_every_caption_reference_is_printed_as_word_shows_it(project):
    require_libreoffice()
    documents = laid_out(project)
    assert documents, project
    found = {file: misprinted(docx, pdf) for file, (docx, pdf) in documents.items()}
    assert {file: wrong for file, wrong in found.items() if wrong} == {}, project
