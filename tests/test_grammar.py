"""Terms carry their grammar: nouns declared with gender and forms, the lexicon for words conceptgen did
not write, number agreement by a function (conceptgen/terms/)."""

from __future__ import annotations

import pickle

import pytest

from conceptgen.terms import Terms, fill
from conceptgen.terms.grammar import Noun, count, english, noun
from conceptgen.terms.lexicon import declined, parse


def test_a_noun_declines_with_article_and_adjective():
    bezirk = noun("m", "Bezirk", "Bezirke", gen="Bezirks", dat_pl="Bezirken", adjective="Statistisch")
    assert str(bezirk) == "Statistischer Bezirk"
    assert bezirk.form("dat.pl") == "Statistischen Bezirken"
    assert bezirk.form("gen.def") == "des Statistischen Bezirks"
    assert bezirk.form("acc.indef") == "einen Statistischen Bezirk"
    assert bezirk.form("gen.pl") == "Statistischer Bezirke"
    assert bezirk.form("pl.def") == "die Statistischen Bezirke"
    measure = noun("f", "Maßnahme", "Maßnahmen", stem="Maßnahmen")
    assert f"{measure:gen.def}" == "der Maßnahme" and f"{measure:stem}steckbrief" == "Maßnahmensteckbrief"
    assert f"{measure.prefixed('Schlüssel'):pl}" == "Schlüsselmaßnahmen"
    with pytest.raises(ValueError):
        measure.form("genitive")


def test_english_nouns_have_articles_and_capitals():
    measure = english("measure")
    assert measure.form("pl") == "measures" and measure.form("cap") == "Measure"
    assert measure.form("def.pl") == "the measures" and english("area").form("indef") == "an area"


@pytest.mark.parametrize(
    ("text", "nominative", "genitive", "dative_plural", "plural"),
    [
        ("Projekt", "das Projekt", "des Projekts", "Projekten", False),
        (
            "Statistischer Bezirk",
            "der Statistische Bezirk",
            "des Statistischen Bezirks",
            "Statistischen Bezirken",
            False,
        ),
        (
            "Statistische Bezirke",
            "der Statistische Bezirk",
            "des Statistischen Bezirks",
            "Statistischen Bezirken",
            True,
        ),
        ("Stadtteil", "der Stadtteil", "des Stadtteils", "Stadtteilen", False),
        ("Teilräume", "der Teilraum", "des Teilraums", "Teilräumen", True),
        ("Sozialraumanalyse", "die Sozialraumanalyse", "der Sozialraumanalyse", "Sozialraumanalysen", False),
        ("Befragung", "die Befragung", "der Befragung", "Befragungen", False),
        (
            "Integriertes Handlungskonzept",
            "das Integrierte Handlungskonzept",
            "des Integrierten Handlungskonzepts",
            "Integrierten Handlungskonzepten",
            False,
        ),
        (
            "Arbeitskreis gegen häusliche Gewalt",
            "der Arbeitskreis gegen häusliche Gewalt",
            "des Arbeitskreises gegen häusliche Gewalt",
            "Arbeitskreisen gegen häusliche Gewalt",
            False,
        ),
        (
            "Steuerungsgruppe Inklusionsplanung",
            "die Steuerungsgruppe Inklusionsplanung",
            "der Steuerungsgruppe Inklusionsplanung",
            "Steuerungsgruppen Inklusionsplanung",
            False,
        ),
        ("Beratungsstellen", "die Beratungsstelle", "der Beratungsstelle", "Beratungsstellen", True),
        ("Stellen (VZÄ)", "die Stelle (VZÄ)", "der Stelle (VZÄ)", "Stellen (VZÄ)", True),
        ("Familienplätze", "der Familienplatz", "des Familienplatzes", "Familienplätzen", True),
    ],
)
def test_the_lexicon_declines_words_it_did_not_write(text, nominative, genitive, dative_plural, plural):
    found = parse(text)
    assert found is not None
    word, written_plural = found
    assert word.form("def") == nominative and word.form("gen.def") == genitive
    assert word.form("dat.pl") == dative_plural and written_plural is plural


def test_unknown_words_stay_as_written():
    assert parse("Fachtag") is None  # not „Facht|AG“
    word = declined("Zukunftswerkstatt Nord")
    assert not word.declinable and word.form("gen.def") == "Zukunftswerkstatt Nord"


def test_one_is_singular():
    stellen = declined("Beratungsstellen")
    assert count(1, stellen, "1") == "1 Beratungsstelle"
    assert count(2, stellen, "2") == "2 Beratungsstellen"
    assert count(0.5, stellen, "0,5") == "0,5 Beratungsstellen"
    assert count(1, "EW", "1") == "1 EW"


def test_a_project_word_reaches_every_term_that_names_it():
    own = Terms("de", {"measure": "Projekt", "area_unit": "Statistischer Bezirk"})
    assert own["measures"] == "Projekte" and own["ref.mass"] == "Projekt"
    assert own["area_units"] == "Statistische Bezirke"
    assert fill("Aufgaben {m:gen.def} 3", {"m": own["measure"]}) == "Aufgaben des Projekts 3"
    forms = Terms("de", {"measure": {"word": "Vorhaben", "gender": "n", "genitive": "Vorhabens"}})
    assert format(forms["measure"], "gen.def") == "des Vorhabens"


def test_nouns_travel_to_worker_processes():
    word = declined("Arbeitskreis gegen häusliche Gewalt")
    again = pickle.loads(pickle.dumps(word))
    assert isinstance(again, Noun) and again.form("gen.def") == word.form("gen.def")


def test_a_phrase_travels_whole_to_a_worker_process():
    from conceptgen.terms.grammar import Phrase

    phrase = pickle.loads(pickle.dumps(Terms("de")["doc.members_group"]))
    assert isinstance(phrase, Phrase) and phrase.fallback == "Mitglieder: {group}"
