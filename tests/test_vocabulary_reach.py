"""A project's own word reaches every place conceptgen writes the word: neuss with
``vocabulary.terms: {measure: Projekt}`` has no form of „Maßnahme“ left in any part of any document
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

MEASURE = re.compile(r"\w*maßnahme\w*", re.IGNORECASE)


def test_a_renamed_measure_reaches_every_occurrence(neuss_copy):
    from conceptgen.pipeline import render_project

    replace_in(
        neuss_copy / "project.yaml",
        "concept_type: Wohnungsnotfallkonzept",
        "concept_type: Wohnungsnotfallkonzept\nvocabulary:\n  terms: {measure: Projekt}",
    )
    result = render_project(neuss_copy, libreoffice=False, write=False)
    documents = {p.name: c for p, c in result.contents.items() if p.suffix == ".docx"}
    assert len(documents) == 3
    left, said = [], []
    for name, docx in documents.items():
        for part, text in texts(docx):
            said.append(text)
            for match in MEASURE.finditer(text):
                if not own(neuss_copy, text, match.start(), match.end()):
                    around = text[max(0, match.start() - 40) : match.end() + 40]
                    left.append(f"{name} {part}: „{match.group()}“ in …{around}…")
    assert not left, f"{len(left)} generated forms of „Maßnahme“ left:\n" + "\n".join(left)
    everything = "\n".join(said)
    for phrase in (
        "Aufgaben des Projekts 1",
        "Projektsteckbriefe",
        "Steckbrief Projekt 1",
        "Projekt / Aufgabe",
    ):
        assert phrase in everything, phrase
