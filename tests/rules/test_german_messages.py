"""The messages and hints of conceptgen/rules/ that a consultant reads are German (issue 25 item 17):
each project below triggers codes of the completeness, reference and text checks, and no message or
hint of those codes contains an English stop word; IDs stand in „German quotes“, and the near miss of
conceptgen.diagnostics.did_you_mean reads „meinten Sie „…“?“."""

from __future__ import annotations

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import replace_in

ENGLISH = (" has no ", " missing", "unknown ", " is not ", " is never ", " lies ", " before ", " add ")
ENGLISH += (" the ", " of ", " by any ", " neither ", " not found", " known: ", " you ", " mean ")


def _completeness(root):
    replace_in(root / "measures.yaml", "    lead: Sozialamt\n", "")
    replace_in(root / "measures.yaml", "    period: {start: 2024, end: 2026}\n", "")
    replace_in(root / "measures.yaml", "goals: [Z1.1]", "goals: []")
    replace_in(root / "indicators.yaml", "    target: {value: 1000, year: 2027}\n", "")
    replace_in(root / "indicators.yaml", "    baseline: {value: 1234.5, year: 2023}\n", "")
    replace_in(root / "indicators.yaml", "goals: [Z1]", "goals: []")
    return {"CG301", "CG302", "CG303", "CG304", "CG305", "CG306"}


def _direction(root):
    replace_in(root / "indicators.yaml", "direction: lower", "direction: higher")
    return {"CG204"}


def _target_year(root):
    replace_in(root / "indicators.yaml", "year: 2027", "year: 2020")
    return {"CG205"}


def _period(root):
    replace_in(
        root / "measures.yaml",
        "period: {start: 2024, end: 2026}",
        "period: {start: 2026-07, end: 2026-03}",
    )
    return {"CG205"}


def _texts(root):
    (root / "sources.yaml").write_text(
        "sources:\n  - {id: Q1, author: Destatis, title: Statistik, year: 2024}\n", encoding="utf-8"
    )
    (root / "abbreviations.yaml").write_text(
        "abbreviations:\n  - {abbreviation: XYZ, meaning: Nie benutzt}\n", encoding="utf-8"
    )
    (root / "text" / "rahmen.md").write_text(
        "Zitat [@Q9].\n\n![](bild.png)\n\n![Alt](fehlt.png)\n\n![Web](https://example.org/a.png)\n\n"
        "@mass:7 fehlt.\n\n[[table:nix]]\n\n[[chart:nix]]\n\nText\n[[chart:nix]]\n",
        encoding="utf-8",
    )
    return {"CG107", "CG108", "CG109", "CG110", "CG113", "CG114", "CG116"}


def _labels(root):
    replace_in(
        root / "project.yaml",
        "  - output: test.docx",
        "  - output: test.docx\n    outline: [{chapter: A, content: [{text: rahmen}, {block: goal_system}]}]",
    )
    (root / "text" / "rahmen.md").write_text("Siehe @tab:kennzahlen und @sec:gibtsnicht.\n", encoding="utf-8")
    return {"CG110"}


def _ids(root):
    replace_in(
        root / "indicators.yaml",
        "    goals: [Z1]\n",
        "    goals: [Z1]\n  - {id: K1, name: Doppelt, unit: x, direction: higher}\n",
    )
    replace_in(root / "inventory.yaml", "category: beratung", "category: beratungg")
    replace_in(root / "inventory.yaml", "area: stadt", "area: dorf")
    replace_in(root / "measures.yaml", 'id: "1.1"', 'id: "2.1"')
    return {"CG201", "CG202", "CG203"}


def _subgoal(root):
    replace_in(root / "goals.yaml", "id: Z1.1", "id: Z2.1")
    replace_in(root / "measures.yaml", "goals: [Z1.1]", "goals: [Z2.1]")
    return {"CG203"}


def _documents(root):
    replace_in(
        root / "project.yaml",
        "  - output: test.docx\n",
        "  - output: test.docx\n  - output: Test.docx\n  - {output: c.docx, area: dorf}\n"
        "  - {output: d.docx, repeat: weiler}\nchecks:\n  CG33: ignore\n",
    )
    return {"CG104", "CG202", "CG206"}


MAKERS = [_completeness, _direction, _target_year, _period, _texts, _labels, _ids, _subgoal, _documents]


@pytest.mark.parametrize("make", MAKERS)
def test_rules_messages_are_german(minimal, make):
    expected = make(minimal)
    found = [d for d in check_project(minimal).diagnostics if d.code in expected]
    assert {d.code for d in found} == expected
    for d in found:
        for text in (d.message, d.hint or ""):
            assert not any(word in f" {text} " for word in ENGLISH), (d.code, text)
        assert "'" not in d.message, (d.code, d.message)


def test_near_miss_hint_is_german(minimal):
    """A misspelt area gets the German near miss, with the ID in German quotes."""
    replace_in(minimal / "inventory.yaml", "area: stadt", "area: stadtt")
    hints = [d.hint for d in check_project(minimal).diagnostics if d.code == "CG202"]
    assert "meinten Sie „stadt“?" in hints, hints


def _template(root, *paragraphs):
    from docx import Document

    folder = root / "templates" / "eigen"
    folder.mkdir(parents=True)
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(folder / "template.docx")
    replace_in(root / "project.yaml", "  - output: test.docx", "  - output: test.docx\n    template: eigen")


def _tags(root):
    _template(root, "Titel: {{ project.untertitel }}", "{{ project.title | frobnicate }}", "{{ project._x }}")
    return {"CG402", "CG403", "CG405"}


def _template_syntax(root):
    _template(root, "{% if project.title %}ohne Ende")
    return {"CG403"}


def _terms(root):
    with (root / "project.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "vocabulary:\n  terms:\n    massnahmee: Schritt\n    ref.elsewhere: '{ort} in {document}'\n"
            "    outline_introduction_data: {word: Einleitung, gender: f, genitive: Einleitung,"
            " plural: Einleitungen, dative_plural: Einleitungen}\n"
        )
    replace_in(root / "measures.yaml", "level: kommunal", "level: kommunall")
    return {"CG103", "CG104", "CG350"}


def _types(root):
    replace_in(root / "inventory.yaml", "population: 12345", "population: viele")
    replace_in(root / "indicators.yaml", "direction: lower", "direction: runter")
    replace_in(root / "measures.yaml", "    lead: Sozialamt\n", "    lead: Sozialamt\n    leed: x\n")
    return {"CG101", "CG103", "CG104"}


@pytest.mark.parametrize("make", [_tags, _template_syntax, _terms, _types])
def test_template_vocabulary_and_schema_messages_are_german(minimal, make):
    """CG402/403/405 of a project template's tags, CG103/104/350 of the vocabulary, and pydantic's own
    errors (a word for a whole number, a value of no enum, an unknown key) read German."""
    expected = make(minimal)
    found = [d for d in check_project(minimal).diagnostics if d.code in expected]
    assert {d.code for d in found} == expected, [d.format() for d in check_project(minimal).diagnostics]
    for d in found:
        for text in (d.message, d.hint or ""):
            assert not any(word in f" {text} " for word in ENGLISH + PYDANTIC), (d.code, text)
        assert "'" not in d.message, (d.code, d.message)


# pydantic's and Jinja's own words, which must not reach the consultant unquoted
PYDANTIC = (" Input ", " should ", " valid ", " integer", " Field required", " Extra inputs", " expected ")


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "message"),
    [
        (
            "inventory.yaml",
            "population: 12345",
            "population: viele",
            "CG103",
            "eine ganze Zahl erwartet, nicht „viele“",
        ),
        ("inventory.yaml", "population: 12345", "population: -5", "CG105", "„-5“ muss mindestens 0 sein"),
        (
            "inventory.yaml",
            "population: 12345",
            "population: [1]",
            "CG103",
            "eine ganze Zahl erwartet, nicht eine Liste",
        ),
        (
            "inventory.yaml",
            "population: 12345",
            "population: '12345'",
            "CG103",
            "„12345“ steht in Anführungszeichen",
        ),
        ("indicators.yaml", "direction: lower", "direction: runter", "CG104", "ungültiger Wert „runter“"),
        (
            "measures.yaml",
            "    lead: Sozialamt\n",
            "    leed: Sozialamt\n",
            "CG101",
            "unbekannter Schlüssel „leed“",
        ),
        ("indicators.yaml", "value: 1234.5", "value: 'x'", "CG103", "eine Zahl erwartet, nicht „x“"),
    ],
)
def test_pydantic_errors_in_german(minimal, file, old, new, code, message):
    """pydantic's own texts („Input should be a valid integer“) never reach the consultant: each common
    error type has its German message, with the value in „…“."""
    replace_in(minimal / file, old, new)
    found = [d for d in check_project(minimal).diagnostics if d.code == code]
    assert any(d.message.startswith(message) for d in found), [d.format() for d in found]


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))
    else:
        yield path


@pytest.mark.parametrize("wrong", ["viele", "-7", "1,5", "", "x" * 300, ["a"], {"a": 1}, "2024-13-45"])
def test_every_field_of_the_model_complains_in_german(minimal, wrong):
    """Every value of the example project replaced by a wrong one (a word, a negative number, a decimal
    comma, nothing, a long text, a list, a mapping, a date that is none): whatever pydantic finds, the
    message and hint a consultant reads have no English word (the scan of tests/test_messages_german.py
    applied to the texts at runtime), and no pydantic text („Input should be …“)."""
    import copy

    from conceptgen.loading import load_project
    from conceptgen.model.validate import validate_concept
    from tests.test_messages_german import english

    source, _problems = load_project(minimal)
    original = copy.deepcopy(source.data)
    seen = 0
    for path in list(_leaves(original)):
        source.data = copy.deepcopy(original)
        holder = source.data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = copy.deepcopy(wrong)
        _concept, found = validate_concept(source)
        for d in found:
            seen += 1
            for text in (d.message, d.hint or ""):
                assert not english(text) and "Input should" not in text, (path, d.code, text)
    assert seen >= 10  # the replacements did meet the model's types
