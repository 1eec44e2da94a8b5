"""vocabulary.terms with a noun's forms: a word the lexicon does not know is given with gender and forms
and every generated phrase declines it; a text term given with forms is refused (CG350); a word the
lexicon knows needs no forms."""

from __future__ import annotations

from conceptgen.pipeline import check_project
from conceptgen.terms import Terms

VORHABEN = {"word": "Vorhaben", "gender": "n", "genitive": "Vorhabens", "plural": "Vorhaben"}


def test_a_noun_given_with_its_forms_is_declined_everywhere():
    terms = Terms("de", {"measure": VORHABEN})
    assert terms["measure"].form("gen.def") == "des Vorhabens"
    assert terms["doc.tasks_of"] == "Aufgaben des Vorhabens"
    assert terms["monitoring.measure"] == "Vorhaben / Aufgabe"
    assert terms["doc.sheet"] == "Steckbrief Vorhaben"


def test_a_known_word_given_alone_keeps_the_lexicons_forms():
    terms = Terms("de", {"measure": {"word": "Projekt"}})
    assert terms["measure"].form("dat.pl") == "Projekten"
    assert terms["doc.tasks_of"] == "Aufgaben des Projekts"


def _with_terms(minimal, block: str):
    path = minimal / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    return check_project(minimal)


def test_forms_in_project_yaml_are_read_and_checked(minimal):
    result = _with_terms(
        minimal,
        "vocabulary:\n  terms:\n"
        "    measure: {word: Vorhaben, gender: n, genitive: Vorhabens, plural: Vorhaben}\n",
    )
    assert [d.code for d in result.diagnostics if d.level.value == "error"] == []
    assert result.language.terms["doc.tasks_of"] == "Aufgaben des Vorhabens"


def test_a_text_term_given_with_forms_is_refused(minimal):
    result = _with_terms(minimal, "vocabulary:\n  terms:\n    source: {word: Herkunft, gender: f}\n")
    [problem] = [d for d in result.diagnostics if d.code == "CG350"]
    assert problem.key_path == "project.vocabulary.terms.source"
    assert problem.location.file.endswith("project.yaml") and problem.location.line == 11
