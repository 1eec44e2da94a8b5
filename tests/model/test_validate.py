"""Schema validation: every pydantic error becomes a located diagnostic with a useful hint."""

from __future__ import annotations

from conceptgen.pipeline import check_project
from tests.conftest import replace_in


def found(root):
    return [
        (d.code, d.location.file.rsplit("/", 1)[-1], d.location.line, d.hint)
        for d in check_project(root).diagnostics
    ]


def test_minimal_is_clean(minimal):
    result = check_project(minimal)
    assert result.ok and result.diagnostics == []


def test_unknown_key_with_did_you_mean(minimal):
    replace_in(minimal / "measures.yaml", "    lead: Sozialamt", "    leed: Sozialamt")
    [(code, file, line, hint)] = found(minimal)
    assert (code, file, line) == ("CG101", "measures.yaml", 6)
    assert hint == "meinten Sie „lead“?"


def test_unknown_top_level_key_names_its_file(minimal):
    (minimal / "goals.yaml").write_text("offers: []\ngoals: []\n", encoding="utf-8")
    codes = found(minimal)
    assert ("CG101", "goals.yaml", 1, "„offers“ gehört in inventory.yaml") in codes


def test_missing_required_field(minimal):
    replace_in(minimal / "inventory.yaml", "    provider: Träger e. V.\n", "")
    [(code, file, line, hint)] = found(minimal)
    assert (code, file, line) == ("CG102", "inventory.yaml", 6)
    assert "Träger" in hint


def test_missing_field_in_project_yaml(minimal):
    replace_in(minimal / "project.yaml", "client: Stadt Beispiel\n", "")
    [(code, file, line, _hint)] = found(minimal)
    assert (code, file, line) == ("CG102", "project.yaml", 1)


def test_wrong_type(minimal):
    replace_in(minimal / "inventory.yaml", "population: 12345", "population: viele")
    [(code, file, line, hint)] = found(minimal)
    assert (code, file, line) == ("CG103", "inventory.yaml", 2)
    assert "Ziffern" in hint


def test_list_where_text_expected(minimal):
    replace_in(minimal / "project.yaml", "title: Testkonzept", "title: [a, b]")
    [(code, _file, line, _hint)] = found(minimal)
    assert (code, line) == ("CG103", 1)


def test_enum_with_allowed_values_and_suggestion(minimal):
    replace_in(minimal / "measures.yaml", "level: kommunal", "level: komunal")
    [(code, _file, line, hint)] = found(minimal)
    assert (code, line) == ("CG104", 5)
    assert "meinten Sie „kommunal“?" in hint and "kreisweit" in hint


def test_out_of_range(minimal):
    replace_in(minimal / "measures.yaml", "priority: 1", "priority: 7")
    [(code, _file, line, _hint)] = found(minimal)
    assert (code, line) == ("CG105", 4)


def test_negative_cost(minimal):
    replace_in(minimal / "measures.yaml", "amount: 1234.5", "amount: -5")
    assert [c for c, *_ in found(minimal)] == ["CG105"]


def test_decimal_comma_explained(minimal):
    replace_in(
        minimal / "inventory.yaml",
        "capacity: {value: 2.5, unit: Stellen}",
        "capacity:\n      value: 2,5\n      unit: Stellen",
    )
    [(code, _file, line, _hint)] = found(minimal)
    assert (code, line) == ("CG103", 12)
    message = check_project(minimal).diagnostics[0].message
    assert "Dezimalkomma" in message


def test_german_date_accepted_and_bad_date_reported(minimal):
    replace_in(minimal / "project.yaml", "date: 2024-05-02", "date: 02.05.2024")
    assert check_project(minimal).ok
    replace_in(minimal / "project.yaml", "date: 02.05.2024", "date: 31.02.2024")
    assert [c for c, *_ in found(minimal)] == ["CG103"]


def test_yaml_boolean_words_stay_text(minimal):
    # 'no' and 'on' are booleans in YAML 1.1; here they are the text the user wrote.
    replace_in(minimal / "project.yaml", "title: Testkonzept", "title: no")
    result = check_project(minimal)
    assert result.ok and result.concept.project.title == "no"


def test_version_keeps_its_text(minimal):
    replace_in(minimal / "project.yaml", 'version: "0.1"', "version: 1.10")
    assert check_project(minimal).concept.project.version == "1.10"


def test_bad_output_file_name(minimal):
    replace_in(minimal / "project.yaml", "output: test.docx", "output: ../../etc/test.docx")
    [(code, *_)] = found(minimal)
    assert code == "CG103"


def test_errors_in_several_files_reported_together(minimal):
    replace_in(minimal / "measures.yaml", "priority: 1", "priority: hoch")
    replace_in(minimal / "inventory.yaml", "name: Beratungsstelle", "nam: Beratungsstelle")
    (minimal / "goals.yaml").write_text("goals: [\n", encoding="utf-8")
    files = sorted({f for _c, f, *_ in found(minimal)})
    assert files == ["goals.yaml", "inventory.yaml", "measures.yaml"]


def test_unknown_yaml_file_is_a_warning(minimal):
    (minimal / "measure.yaml").write_text("measures: []\n", encoding="utf-8")
    result = check_project(minimal)
    [d] = result.diagnostics
    assert d.code == "CG009" and d.level.value == "warning" and "measures.yaml" in d.hint
    assert result.ok


def test_a_sample_measures_tasks_are_sample(minimal):
    """A measure marked as sample content marks its tasks too (Neuss printed „2*“ over an unmarked
    „2.1“ while the cover called measure 2 „mit ihren Aufgaben“ sample content)."""
    from conceptgen.pipeline import check_project
    from tests.conftest import replace_in

    assert not check_project(minimal).concept.measures[0].tasks[0].sample
    replace_in(minimal / "measures.yaml", "    priority: 1\n", "    priority: 1\n    sample: true\n")
    [task] = check_project(minimal).concept.measures[0].tasks
    assert task.sample
