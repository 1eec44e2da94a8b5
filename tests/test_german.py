"""German a reader would not stop at: every document of every example project and of every scaffold
`conceptgen new` writes (one per registered concept type) is read back — body, tables, footnotes, headers,
footers and charts (tests/docx_text.py) — and searched for doubled words („Kapitel Kapitel“) and for
each of the project's terms in a case or number that the word before it does not allow („nach
Statistischer Bezirk“, „des Befragungs“, „1 Beratungsstellen“) — conceptgen/terms/agreement.py, whose
own tests are in tests/test_agreement.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from conceptgen.doubled_words import doubled_words
from conceptgen.model.concept_types import concept_types
from conceptgen.terms.agreement import wrong_cases
from conceptgen.terms.grammar import Noun
from tests.conftest import ROOT
from tests.docx_text import paragraphs
from tests.examples import PROJECTS, rendered

pytestmark = pytest.mark.slow  # renders every example and every scaffold


def project_terms(root: Path) -> list[Noun]:
    """The nouns a project's documents write: its terms (with its vocabulary), and the words it declares
    that conceptgen declines — its concept type, its area kind, its capacity and benchmark units."""
    from conceptgen.language import Language
    from conceptgen.outline import vocabulary_terms
    from conceptgen.pipeline import check_project

    concept = check_project(root).concept
    assert concept is not None
    terms = Language.of(concept.project.locale.value, vocabulary_terms(concept)).terms
    words = [concept.project.concept_type]
    if concept.working_group is not None:
        words.append(concept.working_group.name)
    if concept.social_space is not None:
        words.append(concept.social_space.unit)
    words += [b.unit for b in concept.benchmarks]
    words += [o.capacity.unit for o in concept.offers if o.capacity]
    nouns = [v for v in terms.values() if isinstance(v, Noun)] + [terms.noun(w) for w in words]
    return [n for n in nouns if n.declinable]


def stops(docx: bytes, terms: list[Noun]) -> list[str]:
    """What a reader would stop at in one document: part, the words, and the text around them."""
    found = []
    for paragraph in paragraphs(docx):
        text = paragraph.text
        for slip in [*doubled_words(text), *wrong_cases(text, terms)]:
            around = text[max(0, slip.start - 30) : slip.end + 30].replace("\n", " ")
            found.append(f"{paragraph.part}: „{slip.text}“ in …{around}…")
    return found


@pytest.mark.parametrize("project", PROJECTS)
def test_no_doubled_word_and_no_term_in_a_wrong_case_in_any_example(project):
    terms = project_terms(ROOT / "projects" / project)
    assert any(t.adjective or t.gender for t in terms)
    problems = [f"{name}: {p}" for name, docx in rendered(project).items() for p in stops(docx, terms)]
    assert not problems, "\n".join(problems)


def _scaffold(type_name: str, folder: Path) -> dict[str, bytes]:
    from conceptgen.pipeline import render_project
    from conceptgen.scaffold import new_project

    new_project(folder, type_name)
    result = render_project(folder, libreoffice=False, write=False)
    return {Path(p).name: c for p, c in result.contents.items() if p.suffix == ".docx"}


@pytest.mark.parametrize("type_name", sorted(concept_types()))
def test_no_doubled_word_and_no_term_in_a_wrong_case_in_any_scaffold(type_name, tmp_path):
    folder = tmp_path / "neu"
    documents = _scaffold(type_name, folder)
    terms = project_terms(folder)
    assert documents
    problems = [f"{name}: {p}" for name, docx in documents.items() for p in stops(docx, terms)]
    assert not problems, "\n".join(problems)
