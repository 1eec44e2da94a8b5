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
        text == "Die Fälle sind von 1.234,5\u00a0Personen\u00a0(2023) "
        "auf 1.190,4\u00a0Personen\u00a0(2025) gesunken, "
        f"mit 1.190,4\u00a0Personen\u00a0(2025) {word}."
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
    class each profile shows, both areas in one clause per index."""
    from conceptgen.document.phrases import phrases
    from tests.conftest import ROOT

    result = check_project(ROOT / "projects" / "dortmund")
    found, problems = phrases(result.concept, result.source, result.data, result.language)
    social = result.data.social
    assert problems == []
    for index in ("status", "dynamik"):
        computed = social.indices[index][social.year]
        said = parse_classes(found[f"[[classes:{index}:scharnhorst-ost,westerfilde]]"])
        for area in ("scharnhorst-ost", "westerfilde"):
            assert said[social.names[area]] == computed.labels[computed.entries[area].cls]


CLAUSE = re.compile(
    r"(?P<names>[\w-]+(?:(?:, | und )[\w-]+)*) (?:(?P<verb>hat|haben|ist|sind) )?"
    r"(?:die Klasse „(?P<label>[^“]*)“|(?P<unrated>nicht bewertet \([^)]*\)))(?:, |$)"
)


def clauses(text: str) -> list[tuple[list[str], str | None, str]]:
    """A [[classes:…]] clause read back: (names, verb or None where it is left out, class label) per
    group, failing unless the whole text is such groups."""
    found, pos = [], 0
    for match in CLAUSE.finditer(text):
        assert match.start() == pos, text
        names = re.split(r", | und ", match.group("names"))
        assert match.group("names") == (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
        ), text
        found.append((names, match.group("verb"), match.group("label") or match.group("unrated")))
        pos = match.end()
    assert pos == len(text) and found, text
    return found


def parse_classes(text: str) -> dict[str, str]:
    return {name: label for names, _verb, label in clauses(text) for name in names}


UNRATED = "nicht bewertet (Werte fehlen)"


def assert_clause_true(areas: list[tuple[str, str, bool]], text: str) -> None:
    """What a reader takes from the clause is each area's class, once, in groups of one class, with
    verbs in agreement; a group without a verb borrows the first group's, so it must have its number."""
    said = clauses(text)
    assert parse_classes(text) == {name: label for name, label, _rated in areas}, text
    assert sum(len(names) for names, _v, _l in said) == len(areas), text
    labels = [label for _n, _v, label in said]
    assert len(labels) == len(set(labels)), text  # each class once: grouped
    assert labels == list(dict.fromkeys(label for _n, label, _r in areas)), text  # in the order written
    first_many = len(said[0][0]) > 1
    for k, (names, verb, label) in enumerate(said):
        many = len(names) > 1
        if verb is None:
            assert k > 0 and many == first_many and label != UNRATED and said[0][2] != UNRATED, text
        elif label == UNRATED:
            assert verb == ("sind" if many else "ist"), text
        else:
            assert verb == ("haben" if many else "hat"), text


CLASS_CHOICES = [("sehr niedrig", True), ("niedrig", True), (UNRATED, False)]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_class_clause_every_combination(count):
    """Every assignment of one to three areas to two classes and „nicht bewertet“ (39 in all): the clause
    says each area's class, groups equal classes („Hafen und Nordmarkt haben die Klasse …“), and its
    verbs agree („A hat …, B und C haben …“, never „A hat …, B und C die Klasse …“)."""
    import itertools

    from conceptgen.document.phrases import class_clause
    from conceptgen.terms import Terms

    terms = Terms("de")
    names = ["Hafen", "Nordmarkt", "Scharnhorst-Ost"][:count]
    for choice in itertools.product(CLASS_CHOICES, repeat=count):
        areas = [(name, label, rated) for name, (label, rated) in zip(names, choice, strict=True)]
        assert_clause_true(areas, class_clause(areas, terms))
    same = [(name, "sehr niedrig", True) for name in names]
    assert (
        class_clause(same, terms)
        == {
            1: "Hafen hat die Klasse „sehr niedrig“",
            2: "Hafen und Nordmarkt haben die Klasse „sehr niedrig“",
            3: "Hafen, Nordmarkt und Scharnhorst-Ost haben die Klasse „sehr niedrig“",
        }[count]
    )


AREA_NAMES = ["Hafen", "Nordmarkt", "Scharnhorst-Ost", "Westerfilde", "Syburg", "Marten", "Eving", "Kley"]


@given(
    st.lists(
        st.tuples(st.sampled_from(AREA_NAMES), st.sampled_from(CLASS_CHOICES)),
        min_size=1,
        max_size=8,
        unique_by=lambda a: a[0],
    )
)
def test_class_clause_any_areas(picked):
    from conceptgen.document.phrases import class_clause
    from conceptgen.terms import Terms

    areas = [(name, label, rated) for name, (label, rated) in picked]
    assert_clause_true(areas, class_clause(areas, Terms("de")))


def test_listing_joins_as_german_and_english_write():
    from conceptgen.terms import Terms

    de, en = Terms("de"), Terms("en")
    assert [de.listing(list("ABC")[:n]) for n in (1, 2, 3)] == ["A", "A und B", "A, B und C"]
    assert en.listing(["A", "B", "C"]) == "A, B and C"
    with pytest.raises(ValueError):
        de.listing([])


@pytest.mark.parametrize(
    ("placeholder", "message"),
    [
        ("[[classes:status:hafen,hafen]]", "zweimal"),
        ("[[classes:status:hafen,,nordmarkt]]", "erwartet"),
        ("[[classes:status:hafen,hafn]]", "nicht bewertet"),
        ("[[classes:statu:hafen]]", "unbekannter Index"),
    ],
)
def test_classes_placeholder_refused_where_written(tmp_path, placeholder, message):
    import shutil

    from tests.conftest import ROOT

    shutil.copytree(ROOT / "projects" / "dortmund", tmp_path / "p", ignore=shutil.ignore_patterns("build"))
    replace_in(tmp_path / "p" / "needs.yaml", "[[classes:status:scharnhorst-ost,westerfilde]]", placeholder)
    result = check_project(tmp_path / "p")
    found = [d for d in result.diagnostics if d.code == "CG343"]
    assert len(found) == 1 and message in found[0].message, [d.message for d in found]
    assert found[0].location.file.endswith("needs.yaml")


CLASS_SAID = re.compile(r"die Klasse „([^“]+)“")


@pytest.mark.parametrize("project", PROJECTS)
def test_no_sentence_names_one_class_twice(project):
    """Dortmund's finding B2 printed „Scharnhorst-Ost hat … die Klasse „sehr niedrig“, Westerfilde die
    Klasse „sehr niedrig““: two areas of one class are one group („… und … haben die Klasse …“). Every
    example document, every sentence."""
    for name, docx in rendered(project).items():
        for text in (p.text for p in paragraphs(docx)):
            for sentence in re.split(r"(?<=[.;])\s+", text):
                said = CLASS_SAID.findall(sentence)
                assert len(said) == len(set(said)), (name, sentence)


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
    assert text == "Die Quote liegt mit 1.190,4\u00a0%\u00a0(2025) deutlich über 400\u00a0%."
