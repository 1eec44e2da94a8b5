"""The document language: number, date and money formats, and one table of terms per language."""

from __future__ import annotations

import datetime as dt

import pytest

from conceptgen.language import Language
from conceptgen.terms import TERMS, Terms


def test_german_formatting():
    f = Language("de")
    assert f.tag == "de-DE" and f.babel == "de_DE"
    assert f.number(1234.5) == "1.234,5"
    assert f.number(455000) == "455.000"
    assert f.number(25.3) == "25,3"
    assert f.number(None) == "–"
    assert f.date(dt.date(2024, 5, 2)) == "2.\u00a0Mai 2024"  # a date is never split after the day
    assert f.money(120000) == "120.000\u00a0€"
    assert f.money(1234.56) == "1.234,56\u00a0€"
    assert f.year_month("2025-07") == "07/2025"


def test_english_formatting():
    f = Language("en")
    assert f.tag == "en-GB"
    assert f.number(1234.5) == "1,234.5"
    assert f.date(dt.date(2024, 5, 2)) == "2\u00a0May 2024"
    assert f.money(120000) == "€120,000"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        Language("fr")


def test_every_language_has_every_term():
    assert set(TERMS["en"]) == set(TERMS["de"])
    for code, terms in TERMS.items():
        assert all(value.strip() for value in terms.values()), code


def test_terms_fill_placeholders_and_group_digits():
    de, en = Terms("de"), Terms("en")
    assert de("priority", n=2) == "Priorität 2" and en("priority", n=2) == "Priority 2"
    assert de.thousands(10000) == "10.000" and en.thousands(10000) == "10,000"


def test_project_vocabulary_overrides_single_terms():
    language = Language.of("de", {"region_total": "Stadt gesamt"})
    assert language.terms["region_total"] == "Stadt gesamt"
    assert language.terms["caption.tab"] == "Tabelle"


def test_counts_up_to_twelve_are_words_in_sentences():
    de, en = Language("de"), Language("en")
    assert [de.spelled(n) for n in (0, 4, 7, 12)] == ["null", "vier", "sieben", "zwölf"]
    assert de.spelled(13) == "13" and de.spelled(1234) == "1.234"
    assert de.spelled(1, "f") == "eine" and de.spelled(1, "n") == "ein" and de.spelled(1) == "eins"
    assert [de.times(n) for n in (1, 2, 7, 13)] == ["einmal", "zweimal", "siebenmal", "13-mal"]
    assert [en.times(n) for n in (1, 2, 7, 13)] == ["once", "twice", "seven times", "13 times"]
    assert en.spelled(4) == "four"
