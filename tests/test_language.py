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


def _formatted_by_babel(language: Language, value, decimals=None) -> str:
    """Language.number as it was before its results were kept: Babel on every call."""
    from babel.numbers import format_decimal

    if decimals is None:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.0##"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=language.babel)
    if text.startswith("-"):
        text = "\u2212" + text[1:] if text.strip("-0,.") else text[1:]
    return text


def test_kept_numbers_are_those_babel_writes():
    """Language.number keeps each figure it wrote: 1 and 1.0, 0.0 and -0.0, 2.5 and Decimal("2.50")
    are different keys, and every figure reads as Babel writes it, in each language and precision."""
    from decimal import Decimal

    from hypothesis import given, settings
    from hypothesis import strategies as st

    values = [
        1,
        1.0,
        0.0,
        -0.0,
        -0.004,
        0.004,
        2.5,
        Decimal("2.50"),
        Decimal("-0.00"),
        1e16,
        -1234.5678,
    ]
    for code in ("de", "en"):
        language = Language(code)
        for decimals in (None, 0, 1, 2):
            for value in values + values:  # the second time from what was kept
                assert language.number(value, decimals) == _formatted_by_babel(language, value, decimals)

    @settings(max_examples=300, deadline=None)
    @given(
        st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e12, 1e12, allow_nan=False)),
        st.sampled_from([None, 0, 1, 2, 3]),
        st.sampled_from(["de", "en"]),
    )
    def same(value, decimals, code):
        language = Language(code)
        assert language.number(value, decimals) == _formatted_by_babel(language, value, decimals)
        assert language.number(value, decimals) == _formatted_by_babel(language, value, decimals)

    same()


def test_no_german_term_ends_in_a_preposition_before_a_name():
    """„Angebote in Stadt Bottrop“, „Daten aus Polizeipräsidium Recklinghausen“: a term that ends in a
    preposition is followed by a name, which lacks the article German needs there („in der Stadt“, „aus dem
    Polizeipräsidium“) — the term must say it otherwise („Angebote – Stadt Bottrop“, „Daten (Quelle: …)“).
    „Seite 3 von 12“ stands before a number, Leichte Sprache's „Von:“ is a label."""
    from conceptgen.terms.agreement import PREPOSITIONS

    before_numbers = {"doc.page_of", "easy.by"}
    ending = {
        key: str(value)
        for key, value in Terms("de").items()
        if str(value).strip() and str(value).rstrip(" :").split()[-1].lower() in PREPOSITIONS
    }
    assert set(ending) <= before_numbers, ending
