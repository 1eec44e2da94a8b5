"""CG160: a project's word for a noun that conceptgen cannot decline is printed unchanged in the plural and
every case („13 Arbeitsschritt“, „mit ihren Arbeitsschritt“); check says so at the term. A word the
lexicon knows (also as the end of a compound) or a word given with its forms is not reported, and no
example project or concept type uses a word that would be."""

from __future__ import annotations

import pytest
import yaml

from conceptgen.pipeline import check_project
from conceptgen.terms import TERMS, Noun
from conceptgen.terms.lexicon import declined
from tests.conftest import ROOT, replace_in
from tests.examples import PROJECTS


def _with_terms(root, terms: str):
    replace_in(
        root / "project.yaml",
        "concept_type: Wohnungsnotfallkonzept",
        f"concept_type: Wohnungsnotfallkonzept\nvocabulary:\n  terms: {terms}",
    )
    return [d for d in check_project(root).diagnostics if d.code == "CG160"]


def test_an_unknown_word_for_a_noun_is_reported_at_the_term(neuss_copy):
    found = _with_terms(neuss_copy, "{task: Arbeitsschritt, measure: Projekt}")
    assert len(found) == 1
    (d,) = found
    assert d.key_path == "project.vocabulary.terms.task"
    assert d.location.file.endswith("project.yaml") and d.location.line == 18
    assert "„Arbeitsschritt“" in d.message and "plural:" in d.hint


@pytest.mark.parametrize(
    "terms",
    [
        "{task: Projekt}",  # known
        "{task: Teilprojekt}",  # a compound of a known noun
        "{task: Arbeitsschritt, tasks: Arbeitsschritte}",  # the old plural of its own (CG119)
        "{task: {word: Arbeitsschritt, gender: m, plural: Arbeitsschritte}}",  # with its forms
        "{region_wide: stadtweit}",  # a text, not a noun
    ],
)
def test_a_word_with_forms_is_not_reported(neuss_copy, terms):
    assert _with_terms(neuss_copy, terms) == []


def _noun_words(terms: dict) -> list[tuple[str, str]]:
    return [(k, v) for k, v in terms.items() if isinstance(v, str) and isinstance(TERMS["de"].get(k), Noun)]


def test_no_example_project_or_concept_type_uses_a_word_conceptgen_cannot_decline():
    words = []
    for project in PROJECTS:
        data = yaml.safe_load((ROOT / "projects" / project / "project.yaml").read_text(encoding="utf-8"))
        words += _noun_words(((data.get("vocabulary") or {}).get("terms")) or {})
    for path in sorted((ROOT / "conceptgen" / "model" / "types").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words += _noun_words(((data.get("vocabulary") or {}).get("terms")) or {})
    assert len(words) >= 10
    assert [w for w in words if not declined(w[1]).declinable] == []


def _spelled(root, terms: str):
    replace_in(
        root / "project.yaml",
        "concept_type: Wohnungsnotfallkonzept",
        f"concept_type: Wohnungsnotfallkonzept\nvocabulary:\n  terms: {terms}",
    )
    return [d for d in check_project(root).diagnostics if d.code == "CG161"]


def test_a_term_that_still_spells_a_renamed_word_is_reported(neuss_copy):
    """CG161: ``region: Stadt`` leaves ``region_wide`` „kreisweit“ (it spells „Kreis“ itself)."""
    (d,) = _spelled(neuss_copy, "{region: Stadt}")
    assert d.key_path == "project.vocabulary.terms.region"
    assert "region_wide („kreisweit“)" in d.message and "region_wide" in d.hint


@pytest.mark.parametrize(
    "terms", ["{region: Stadt, region_wide: stadtweit}", "{offer: Hilfe}", "{measure: Projekt}"]
)
def test_terms_that_follow_the_renamed_word_are_not_reported(neuss_copy, terms):
    """The terms that name „Angebot“ and „Maßnahme“ do so by reference (``${offer:pl}``): they follow."""
    assert _spelled(neuss_copy, terms) == []
