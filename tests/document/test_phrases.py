"""Sentences that state a comparison, a trend or a class are written from the data: one classification
(data/compare.py) over any values, the placeholders [[trend:…]], [[compare:…]], [[class:…]] phrased
from the figures they print, and every such phrase in every example read back against its figures."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conceptgen.data.compare import EQUAL, SLIGHT, comparison, trend
from conceptgen.pipeline import check_project, render_project
from tests.conftest import replace_in
from tests.docx_text import paragraphs
from tests.examples import PROJECTS, rendered

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(values, values)
def test_comparison_side_follows_the_sign(value, reference):
    word = comparison(value, reference)
    if value > reference and word != "equal":
        assert word.endswith("above")
    if value < reference and word != "equal":
        assert word.endswith("below")
    if value == reference:
        assert word == "equal"


@given(positive, st.floats(min_value=-0.99, max_value=3, allow_nan=False))
def test_comparison_thresholds(reference, share):
    value = reference * (1 + share)
    word = comparison(value, reference)
    real = (value - reference) / reference  # the share as the floats give it
    if abs(real) <= EQUAL:
        assert word == "equal"
    elif abs(real) <= SLIGHT:
        assert word.startswith("slightly_")
    else:
        assert word in ("above", "below")


@given(positive, positive, positive)
def test_comparison_is_monotonic_in_the_value(reference, a, b):
    """A larger value is never called lower than a smaller one against the same reference."""
    order = ["below", "slightly_below", "equal", "slightly_above", "above"]
    low, high = sorted((a, b))
    assert order.index(comparison(low, reference)) <= order.index(comparison(high, reference))


@given(values, values)
def test_trend_follows_the_figures(first, last):
    assert trend(first, last) == ("rose" if last > first else "fell" if last < first else "same")


def _number(text: str) -> float:
    return float(text.replace("\u2212", "-").replace(".", "").replace(",", "."))


NUMBER = r"([\u2212\-]?[\d.]+(?:,\d+)?)\*?"
COMPARED = re.compile(
    rf"mit {NUMBER} \((\d{{4}})\) "
    r"(etwa gleich hoch wie|leicht unter|leicht über|deutlich unter|deutlich über) "
    rf"{NUMBER}"
)
TREND = re.compile(rf"von {NUMBER} \((\d{{4}})\) auf {NUMBER} \((\d{{4}})\) (gestiegen|gesunken)")
WORDS = {
    "etwa gleich hoch wie": "equal",
    "leicht unter": "slightly_below",
    "leicht über": "slightly_above",
    "deutlich unter": "below",
    "deutlich über": "above",
    "gestiegen": "rose",
    "gesunken": "fell",
}


def stated(texts: list[str]) -> list[tuple[str, str, str]]:
    """Every comparison and trend a text states with its figures: (sentence part, stated, computed)."""
    found = []
    for text in texts:
        for m in COMPARED.finditer(text):
            found.append(
                (m.group(0), WORDS[m.group(3)], comparison(_number(m.group(1)), _number(m.group(4))))
            )
        for m in TREND.finditer(text):
            found.append((m.group(0), WORDS[m.group(5)], trend(_number(m.group(1)), _number(m.group(3)))))
    return found


def _with_placeholders(minimal, text: str):
    replace_in(
        minimal / "indicators.yaml",
        "    target: {value: 1000, year: 2027}\n",
        "    target: {value: 1000, year: 2027}\n    actuals: {2024: 1180, 2025: 1190.4}\n",
    )
    path = minimal / "text" / "einleitung.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")
    return minimal


@pytest.mark.parametrize(
    ("reference", "word"),
    [("1190", "etwa gleich hoch wie 1.190"), ("1.400", "leicht unter 1.400"),
     ("2000", "deutlich unter 2.000"), ("1050,5", "leicht über 1.050,5"), ("400", "deutlich über 400")],
)  # fmt: skip
def test_placeholders_phrase_the_indicator(minimal, reference, word):
    root = _with_placeholders(minimal, f"Die Fälle sind [[trend:K1]], [[compare:K1:{reference}]].")
    result = render_project(root, libreoffice=False, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    [text] = [p.text for p in paragraphs(docx) if p.text.startswith("Die Fälle sind")]
    assert (
        text == "Die Fälle sind von 1.234,5\u00a0Personen (2023) auf 1.190,4\u00a0Personen (2025) gesunken, "
        f"mit 1.190,4\u00a0Personen (2025) {word}."
    )
    assert all(said == computed for _part, said, computed in stated([text]))


@pytest.mark.parametrize(
    ("placeholder", "column"),
    [("[[trend:K9]]", 16), ("[[compare:K1]]", 16), ("[[compare:K1:viel]]", 16), ("[[class:status:x]]", 16)],
)
def test_placeholder_the_data_cannot_fill_is_refused_where_written(minimal, placeholder, column):
    root = _with_placeholders(minimal, f"Die Fälle sind {placeholder}.")
    [d] = [d for d in check_project(root).diagnostics if d.code == "CG343"]
    assert d.location.file.endswith("einleitung.md") and (d.location.line, d.location.column) == (6, column)
    assert placeholder in d.message


@pytest.mark.slow
@pytest.mark.parametrize("project", PROJECTS)
def test_every_stated_comparison_agrees_with_its_figures(project):
    """Every example document: each „mit 25,3 (2024) deutlich unter 51,9“ and „von … auf … gestiegen“
    says what its own figures give, and no placeholder is left unphrased."""
    for name, docx in rendered(project).items():
        texts = [p.text for p in paragraphs(docx)]
        assert not [t for t in texts if re.search(r"\[\[(trend|compare|class):", t)], name
        wrong = [(part, said, computed) for part, said, computed in stated(texts) if said != computed]
        assert not wrong, (name, wrong)


def test_dortmund_finding_states_the_classes_its_profiles_show():
    """„improve more slowly“ stood where the profiles say „negativ“ and „stabil“: the finding now names the
    class each profile shows."""
    from conceptgen.document.phrases import phrases
    from tests.conftest import ROOT

    result = check_project(ROOT / "projects" / "dortmund")
    found, problems = phrases(result.concept, result.source, result.data, result.language)
    social = result.data.social
    dynamic = social.indices["dynamik"][social.year]
    status = social.indices["status"][social.year]
    for area in ("scharnhorst-ost", "westerfilde"):
        entry = dynamic.entries[area]
        assert found[f"[[class:dynamik:{area}]]"] == dynamic.labels[entry.cls]
        assert found[f"[[class:status:{area}]]"] == status.labels[status.entries[area].cls]
    assert problems == []


COMPARISON_WORDS = re.compile(r"\b(etwa gleich hoch wie|leicht (?:unter|über)|deutlich (?:unter|über))\b")


@pytest.mark.parametrize("project", PROJECTS)
def test_example_texts_leave_comparisons_to_the_data(project):
    """No example text writes „leicht unter“, „deutlich über“ … by hand, except a statement it cites
    from a source ([@…] in the same paragraph): the figures' comparisons come from placeholders."""
    from conceptgen.loading import load_project
    from conceptgen.rules.texts import texts
    from tests.conftest import ROOT

    source, _problems = load_project(ROOT / "projects" / project)
    by_hand = []
    for text, location, _path in texts(source):
        for paragraph in re.split(r"\n\s*\n", text):
            if COMPARISON_WORDS.search(paragraph) and "[@" not in paragraph:
                by_hand.append((location.file, paragraph[:80]))
    assert by_hand == []


@given(st.text(alphabet="ab 1*_[]#<>|`\\", max_size=40))
def test_escaped_text_shows_as_written_in_plain_text(text):
    """A phrase's sample mark („25,3*“) reaches a template's plain text as written, not as a backslash
    or as emphasis: whatever escape_markdown escaped, Markdown.plain shows as itself."""
    from conceptgen.markup import Markdown, escape_markdown

    assert Markdown(escape_markdown(text)).plain == " ".join(text.split())


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        ("de", "51,9", 51.9),
        ("de", "1.400", 1400.0),
        ("en", "51.9", 51.9),
        ("en", "1,400", 1400.0),
        ("en", "51,9", 51.9),  # a German text in an English document: 51,9 cannot be English
    ],
)
def test_reference_is_read_as_the_text_writes_it(code, text, value):
    from conceptgen.document.phrases import _reference
    from conceptgen.language import Language

    assert _reference(text, Language.of(code)) == value


@pytest.mark.parametrize("text", ["5x", "51,9,1", "", "eins"])
def test_reference_that_is_no_number_is_refused(text):
    from conceptgen.document.phrases import PhraseError, _reference
    from conceptgen.language import Language

    with pytest.raises(PhraseError, match="ist keine Zahl"):
        _reference(text, Language.of("en"))


def test_a_sign_unit_is_printed_with_value_and_reference(minimal):
    """Lünen: „mit 24,5* (2015) deutlich über 15,2“ — a share without its „%“ on either side."""
    replace_in(minimal / "indicators.yaml", "unit: Personen", 'unit: "%"')
    root = _with_placeholders(minimal, "Die Quote liegt [[compare:K1:400]].")
    result = render_project(root, libreoffice=False, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    [text] = [p.text for p in paragraphs(docx) if p.text.startswith("Die Quote liegt")]
    assert text == "Die Quote liegt mit 1.190,4\u00a0% (2025) deutlich über 400\u00a0%."
