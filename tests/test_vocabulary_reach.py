"""A project's own word reaches every place conceptgen writes the word: neuss with
``vocabulary.terms: {measure: Projekt}`` (likewise ``task``, ``region``) has no form of „Maßnahme“ left
in any part of any document
(body, tables, headers, footers, footnotes, charts, embedded workbooks, properties) outside the
consultant's own text (tests/own_text.py) — captions, table headers and headings of the built-in
templates, outline titles and generated sentences included — and its words are declined („Aufgaben des
Projekts 1“, „Projektsteckbriefe“)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import replace_in
from tests.own_text import own, texts

pytestmark = pytest.mark.slow  # renders neuss

# term renamed → its new word, what the old word's generated forms look like, phrases the new word must
# form (declined, compounded)
RENAMES = {
    "measure": (
        "Projekt",
        r"\w*maßnahme\w*",
        ("Aufgaben des Projekts 1", "Projektsteckbriefe", "Steckbrief Projekt 1", "Projekt / Aufgabe"),
    ),
    # a word the lexicon does not know, given with its forms (CG160 without them)
    "task": (
        "{word: Arbeitsschritt, gender: m, genitive: Arbeitsschritts, plural: Arbeitsschritte, "
        "dative_plural: Arbeitsschritten}",
        r"\w*aufgabe\w*",
        ("mit ihren Arbeitsschritten", "13 Arbeitsschritte", "Arbeitsschritte der"),
    ),
    "offer": ("{word: Einrichtung, gender: f, plural: Einrichtungen}", r"\w*angebot\w*", ()),
    "region": ("Stadt", r"(?<![a-zäöüß])kreis\w*", ("Stadt gesamt",)),
}


@pytest.mark.parametrize("term", sorted(RENAMES))
def test_a_renamed_term_reaches_every_occurrence(neuss_copy, term):
    from conceptgen.pipeline import render_project

    word, old, phrases = RENAMES[term]
    replace_in(
        neuss_copy / "project.yaml",
        "concept_type: Wohnungsnotfallkonzept",
        f"concept_type: Wohnungsnotfallkonzept\nvocabulary:\n  terms: {{{term}: {word}}}",
    )
    result = render_project(neuss_copy, libreoffice=False, write=False)
    documents = {p.name: c for p, c in result.contents.items() if p.suffix == ".docx"}
    assert len(documents) == 3
    left, said = [], []
    for name, docx in documents.items():
        for part, text in texts(docx):
            said.append(text)
            for match in re.finditer(old, text, re.IGNORECASE):
                if not own(neuss_copy, text, match.start(), match.end()):
                    around = text[max(0, match.start() - 40) : match.end() + 40]
                    left.append(f"{name} {part}: „{match.group()}“ in …{around}…")
    assert not left, f"{len(left)} generated forms of the old word left:\n" + "\n".join(left)
    everything = "\n".join(said)
    for phrase in phrases:
        assert phrase in everything, phrase
