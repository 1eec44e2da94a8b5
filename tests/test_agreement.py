"""conceptgen.terms.agreement: a term after a preposition, article or count in a form that word does not
allow is found; every right form — in every case and number the word allows — is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conceptgen.terms.agreement import CONTRACTIONS, PREPOSITIONS, wrong_cases
from conceptgen.terms.grammar import CASES, noun
from conceptgen.terms.lexicon import declined

BEZIRK = noun("m", "Bezirk", "Bezirke", gen="Bezirks", dat_pl="Bezirken", adjective="Statistisch")
BEFRAGUNG = declined("Befragung")
ANALYSE = declined("Sozialraumanalyse")
STELLE = declined("Beratungsstellen")
PROJEKT = declined("Projekt")
MASSNAHME = noun("f", "Maßnahme", "Maßnahmen")
TERMS = [BEZIRK, BEFRAGUNG, ANALYSE, STELLE, PROJEKT, MASSNAHME]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Statusindex 2024 nach Statistischer Bezirk", "nach Statistischer Bezirk"),
        ("Hier steht die Einleitung des Befragungs: Anlass", "des Befragungs"),
        ("die Einleitung des Sozialraumanalyses", "des Sozialraumanalyses"),
        ("Richtwert: 1 Beratungsstellen je 50.000 Frauen", "1 Beratungsstellen"),
        ("Es gibt 3 Beratungsstelle im Kreis", "3 Beratungsstelle"),
        ("Ziele des Projekt 3", "des Projekt"),
        ("mit dem Projekte", "dem Projekte"),
        ("für Statistischen Bezirken", "für Statistischen Bezirken"),
        ("im Projekte", "im Projekte"),
        ("zur Projekt", "zur Projekt"),
        ("Nach Statistischer Bezirk gegliedert", "Nach Statistischer Bezirk"),
        ("Das Konzept umfasst acht Maßnahmen mit eine Maßnahme", "mit eine Maßnahme"),
        ("für ein Statistischer Bezirk", "für ein Statistischer Bezirk"),
    ],
)
def test_a_term_in_a_wrong_form_is_found(text, wrong):
    found = wrong_cases(text, TERMS)
    assert [w.text for w in found] == [wrong]
    assert text[found[0].start : found[0].end] == wrong


@pytest.mark.parametrize(
    "text",
    [
        "Statusindex 2024 nach Statistischen Bezirken",
        "Statusindex 2024 nach Statistischem Bezirk",
        "Die Einleitung der Befragung und der Sozialraumanalyse",
        "1 Beratungsstelle je 50.000 Frauen; 2 Beratungsstellen je 100.000",
        "0,5 Beratungsstellen",
        "Aufgaben des Projekts 3 und des Statistischen Bezirks",
        "im Projekt, zum Projekt, zur Befragung, ins Projekt",
        "Z4.1 Beratungsstellen sind barrierefrei",  # the 1 of an identifier counts nothing
        "die Befragung, die Befragungen, den Befragungen",
        "Der Bezirk",  # a word that is not the term's phrase („Bezirk“ without its adjective)
        "nach Befragungsergebnissen",  # a compound of the term is another word
        "Maßnahme 1 Maßnahme 2",
        "8.2.3 Maßnahme 3: Koordinierung",  # a chapter number counts nothing
        "für das Projekt",  # an article between preposition and term: the article decides
    ],
)
def test_right_forms_are_left_alone(text):
    assert wrong_cases(text, TERMS) == []


@given(
    term=st.sampled_from(TERMS),
    preposition=st.sampled_from(sorted(PREPOSITIONS)),
    plural=st.booleans(),
    case=st.sampled_from(CASES),
)
def test_a_preposition_accepts_exactly_the_cases_it_governs(term, preposition, plural, case):
    form = term.form(case + (".pl" if plural else ""))
    text = f"Angebote {preposition} {form} im Kreis"
    governed = PREPOSITIONS[preposition]
    # the form is right when it is the form of a governed case (forms of different cases may coincide)
    right = any(form in (term.form(c), term.form(f"{c}.pl")) for c in governed)
    assert (wrong_cases(text, [term]) == []) is right


@given(
    term=st.sampled_from(TERMS),
    case=st.sampled_from(CASES),
    plural=st.booleans(),
    article=st.sampled_from(["def", "indef"]),
)
def test_every_article_form_of_a_term_is_right(term, case, plural, article):
    if article == "indef" and plural:
        return
    spec = f"{case}.pl.{article}" if plural else f"{case}.{article}"
    assert wrong_cases(f"Hier steht {term.form(spec)} im Kreis", [term]) == []


@given(
    term=st.sampled_from(TERMS),
    preposition=st.sampled_from(sorted(PREPOSITIONS)),
    case=st.sampled_from(CASES),
    plural=st.booleans(),
    article=st.sampled_from(["def", "indef"]),
)
def test_an_article_after_a_preposition_must_be_of_a_case_it_governs(
    term, preposition, case, plural, article
):
    """„mit eine Aufgabe“: the article alone allows „eine Aufgabe“, the preposition does not."""
    if article == "indef" and plural:
        return
    number = ".pl" if plural else ""
    written = term.form(f"{case}{number}.{article}")
    governed = PREPOSITIONS[preposition]
    right = any(written == term.form(f"{c}{number}.{article}") for c in governed)
    assert (wrong_cases(f"Angebote {preposition} {written} im Kreis", [term]) == []) is right


def test_a_contraction_decides_by_its_article():
    assert set(CONTRACTIONS.values()) <= {"dem", "der", "das"}
    assert wrong_cases("beim Projekt und am Statistischen Bezirk", TERMS) == []
    assert [w.text for w in wrong_cases("vom Befragung", TERMS)] == ["vom Befragung"]


def test_english_and_undeclinable_terms_are_not_judged():
    from conceptgen.terms.grammar import english

    assert wrong_cases("nach measures", [english("measure")]) == []
    assert wrong_cases("des Xyzs", [declined("Xyz")]) == []
