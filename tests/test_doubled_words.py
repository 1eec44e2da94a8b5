"""conceptgen.doubled_words: a word written twice is found wherever it stands, what German repeats on
purpose is not, and the reader of rendered documents (tests/docx_text.py) separates table cells."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conceptgen.doubled_words import ALLOWED, adjacent_terms, doubled_words, same_word

NOUNS = ["Kapitel", "Maßnahme", "Aufgabe", "Befragung", "Sozialraum", "Kennzahl", "Vertreter*innen"]
FILLER = st.lists(
    st.sampled_from(["Der", "Plan", "zeigt", "in", "2024", "Ziele", "für", "alle", "und", "Gebiete"]),
    max_size=6,
    unique=True,
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, busy machine
@given(before=FILLER, word=st.sampled_from(NOUNS), after=FILLER, space=st.sampled_from([" ", "\u00a0", "  "]))
def test_a_word_written_twice_is_found_wherever_it_stands(before, word, after, space):
    text = " ".join([*before, f"{word}{space}{word}", *after])
    found = doubled_words(text)
    assert [d.text for d in found] == [f"{word} {word}"]
    assert text[found[0].start : found[0].end] == f"{word}{space}{word}"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("siehe Kapitel Kapitel 6", "Kapitel Kapitel"),
        ("(Maßnahme Maßnahme M14)", "Maßnahme Maßnahme"),
        ("drei Maßnahme Maßnahmen", "Maßnahme Maßnahmen"),
        ("the the plan", "the the"),
        ("Es gibt gibt zwei", "gibt gibt"),
        ("Quelle: Statistikstelle (Beispieldaten) (Beispieldaten)", "Beispieldaten Beispieldaten"),
    ],
)
def test_doubled_words_in_context(text, pair):
    assert [d.text for d in doubled_words(text)] == [pair]


@pytest.mark.parametrize(
    "text",
    [
        "Frauen, die die Beratung nutzen",
        "Der Verein, der der Stadt hilft",
        "weil sie sie kennt",
        "Kapitel. Kapitel 3 zeigt",
        "Kapitel, Kapitel und Abschnitt",
        "Tabelle 1 1 Angebote",
        "a a",
        "Maßnahme 1 Maßnahme 2",
        "Haus Hausarzt",  # not one noun in two forms
    ],
)
def test_what_german_repeats_on_purpose_is_left_alone(text):
    assert doubled_words(text) == []


def test_the_allowed_words_are_articles_and_pronouns():
    assert {"die", "der", "das", "sie"} <= ALLOWED
    assert "kapitel" not in ALLOWED


def test_two_forms_of_one_noun_are_the_same_word():
    assert same_word("Kapitel", "Kapiteln")
    assert same_word("Maßnahme", "Maßnahmen")
    assert not same_word("Haus", "Hausarzt")
    assert not same_word("Rat", "Rate")  # too short to be sure


def test_two_generated_nouns_in_a_row():
    found = adjacent_terms("die Aufgabe Maßnahme 2.1 und Maßnahme 3", ["Maßnahme", "Aufgabe", "Kapitel"])
    assert [d.text for d in found] == ["Aufgabe Maßnahme"]
    assert adjacent_terms("Maßnahme Maßnahme", ["Maßnahme"]) == []  # that is doubled_words' case


def test_rendered_table_cells_are_read_apart(neuss_copy):
    """„Personen | Personen“ in two cells of a row is not a doubled word; the reader keeps cells apart."""
    from conceptgen.pipeline import render_project
    from tests.docx_text import paragraphs, tables

    result = render_project(neuss_copy, libreoffice=False, write=False)
    docx = next(c for p, c in result.contents.items() if p.name.startswith("Wohnungsnotfallkonzept"))
    rows = [row for table in tables(docx) for row in table]
    assert any(row.count("Personen") == 1 and "Personen" in " ".join(row) for row in rows)
    texts = [p.text for p in paragraphs(docx)]
    assert "Personen" in texts  # the unit cell is a paragraph of its own
    assert not any("Personen Personen" in t for t in texts)
