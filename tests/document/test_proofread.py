"""check's document pass (document/proofread.py): every finding on input made to have it, located where it
was caused; and the example projects read clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conceptgen.diagnostics import Level
from conceptgen.document.proofread import Reader, proofread
from conceptgen.document.tables import DataTable
from conceptgen.model.template import DEFAULT_PALETTE
from conceptgen.pipeline import check_project
from tests.conftest import ROOT, replace_in
from tests.examples import PROJECTS

PASS = {"CG320", "CG321", "CG322", "CG323", "CG324", "CG325"}
MERKLINDE = ROOT / "projects" / "merklinde"


@pytest.fixture
def merklinde(tmp_path: Path) -> Path:
    target = tmp_path / "merklinde"
    shutil.copytree(MERKLINDE, target, ignore=shutil.ignore_patterns("build"))
    return target


@pytest.fixture(scope="module")
def checked():
    result = check_project(MERKLINDE)
    assert result.ok and result.concept is not None and result.language is not None
    return result


def read(checked, context: dict, palette: list[str] | None = None):
    """The pass over one document (merklinde's first) whose context is ``context``."""
    spec = checked.concept.project.documents[0]
    documents = [(spec, context, palette or list(DEFAULT_PALETTE))]
    return proofread(checked.concept, checked.source, documents, checked.language)


def codes(found) -> list[str]:
    return [d.code for d in found]


@pytest.mark.parametrize("project", PROJECTS)
def test_examples_have_no_finding_of_the_pass(project):
    """The seven example projects are complete: no measure sheet without a description, no empty column,
    no doubled word, every total right, no contradicting class, every chart label readable."""
    result = check_project(ROOT / "projects" / project)
    found = [str(d) for d in result.diagnostics if d.code in PASS | {"CG311"}]
    assert found == []


def test_doubled_word_in_a_text_file_at_its_line_and_column(merklinde):
    text = merklinde / "text" / "einleitung.md"
    lines = text.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if len(line.split()) > 3)
    lines[row] = "Die Stadt Stadt " + lines[row]
    text.write_text("\n".join(lines), encoding="utf-8")
    found = [d for d in check_project(merklinde).diagnostics if d.code == "CG320"]
    assert len(found) == 1, found
    assert "„Stadt Stadt“" in found[0].message
    assert (found[0].location.file.endswith("text/einleitung.md"), found[0].location.line) == (True, row + 1)
    assert found[0].location.column == 5


def test_doubled_word_in_a_yaml_field_at_its_line(merklinde):
    replace_in(
        merklinde / "measures.yaml",
        "title: Quartiersmanagement Merklinde",
        "title: Quartiersmanagement Quartiersmanagement Merklinde",
    )
    found = [d for d in check_project(merklinde).diagnostics if d.code == "CG320"]
    assert found and all(d.location.file.endswith("measures.yaml") for d in found), found
    assert {d.location.line for d in found} == {6}
    assert found[0].location.column == 12  # the first of the two words


def test_doubled_word_only_a_generated_sentence_makes_is_located_at_the_document(checked):
    found = read(checked, {"intro": "Im Kapitel Kapitel 3 stehen die Maßnahmen."})
    assert codes(found) == ["CG320"]
    assert found[0].location.file.endswith("project.yaml") and found[0].key_path.startswith(
        "project.documents"
    )
    assert read(checked, {"intro": "Frauen, die die Beratung nutzen, sagen es."}) == []


def cost_block(task_costs: str, included: bool) -> dict:
    return {
        "rows": [
            {"id": "2", "costs": "4.200.000\u00a0€ einmalig (einschl. Aufgaben)", "included": False},
            {"id": "2.1", "costs": task_costs, "included": included},
            {"id": "3", "costs": "650.000\u00a0€ einmalig", "included": False},
            {"id": "4", "costs": "15.000\u00a0€ pro Jahr", "included": False},
        ],
        "totals": [
            {"interval": "einmalig", "amount": "4.850.000\u00a0€", "text": "4.850.000\u00a0€ einmalig"},
            {"interval": "pro Jahr", "amount": "15.000\u00a0€", "text": "15.000\u00a0€ pro Jahr"},
        ],
        "note": "",
    }


def test_a_cost_total_its_rows_do_not_give(checked):
    """Merklinde as it was: „Summe einmalig 4.850.000 €“ under rows of 8.450.000 €."""
    found = read(checked, {"outline_blocks": {"n1": cost_block("3.600.000\u00a0€ einmalig", False)}})
    assert codes(found) == ["CG321"]
    assert "8.450.000" in found[0].message and found[0].location.file.endswith("measures.yaml")
    fine = read(checked, {"outline_blocks": {"n1": cost_block("davon 3.600.000\u00a0€ einmalig", True)}})
    assert fine == []


def fonds(rows: list[list[str]], total: list[str]) -> DataTable:
    headers = ["Jahr", "Anträge", "bewilligt", "Förderung (€)", "privat"]
    return DataTable("fonds", "Quartiersfonds", headers, [False, True, True, True, True], rows, total)


def test_a_table_sum_its_rows_do_not_give(checked):
    rows = [["2022", "12", "10", "40.000", "5.000"], ["2023", "15", "11", "42.000", "6.000"]]
    assert (
        read(checked, {"tables": {"fonds": fonds(rows, ["2022–2024", "27", "21", "82.000", "11.000"])}}) == []
    )
    found = read(checked, {"tables": {"fonds": fonds(rows, ["2022–2024", "27", "22", "82.000", "11.000"])}})
    assert codes(found) == ["CG321"] and "„bewilligt“" in found[0].message
    assert found[0].location.file.endswith("data.yaml") and found[0].key_path.endswith(".totals")


def test_an_empty_column_at_its_definition(checked):
    rows = [["2022", "12", "", "40.000", "5.000"], ["2023", "15", "–", "42.000", "6.000"]]
    found = read(checked, {"tables": {"fonds": fonds(rows, None)}})
    assert codes(found) == ["CG323"] and "„bewilligt“" in found[0].message
    assert found[0].key_path.endswith("columns[2]") and found[0].location.file.endswith("data.yaml")


def test_one_value_two_classes(checked):
    headers = ["Gebiet", "Abweichung (%)", "Bewertung"]
    rows = [["A", "−20", "im Rahmen"], ["B", "−20", "Unterversorgung"], ["C", "5", "im Rahmen"]]
    table = DataTable("versorgung", "Versorgung", headers, [False, True, False], rows)
    found = read(checked, {"analyses": {"versorgung": table}})
    assert codes(found) == ["CG324"] and "−20" in found[0].message
    rows[1][1] = "−25"
    assert read(checked, {"analyses": {"versorgung": table}}) == []


def test_chart_labels_that_do_not_read(checked, monkeypatch):
    """Values inside stacked columns in the old fixed #404040 on the default blue (1.20:1)."""
    import conceptgen.data.chart_colours as chart_colours
    from conceptgen.model.charts import Stacking

    charts = dict(checked.charts)
    columns = charts["fonds_jahre"]
    monkeypatch.setattr(columns.chart, "stacking", Stacking.STACKED)
    assert read(checked, {"charts": charts}) == []  # black or white by the segment: readable
    monkeypatch.setattr(chart_colours, "label_colour", lambda fill, inside: "404040")
    found = read(checked, {"charts": charts})
    assert codes(found) == ["CG325"] and "1.1:1" in found[0].message, found
    assert found[0].location.file.endswith("charts.yaml") and found[0].key_path == "charts[0]"


def test_a_block_chart_whose_categories_repeat(checked):
    import dataclasses

    chart = next(iter(checked.charts.values()))
    twice = dataclasses.replace(chart, chart=chart.chart.model_copy(), categories=["A", "B", "A"])
    found = read(checked, {"outline_parts": {"n3": [twice]}})
    assert codes(found) == ["CG311"] and "„A“" in found[0].message


def test_a_measure_sheet_with_an_empty_description(merklinde):
    measures = merklinde / "measures.yaml"
    lines = measures.read_text(encoding="utf-8").split("\n")
    title = lines.index("    title: Begegnungszentrum Harkortschule")
    first = next(i for i in range(title, len(lines)) if lines[i] == "    description: |")
    last = next(
        i for i in range(first + 1, len(lines)) if lines[i].strip() and not lines[i].startswith("      ")
    )
    measures.write_text("\n".join(lines[:first] + lines[last:]), encoding="utf-8")
    found = [d for d in check_project(merklinde).diagnostics if d.code == "CG322"]
    assert len(found) == 1, found
    assert found[0].key_path == "measures[1].description" and "Begegnungszentrum" in found[0].message
    assert found[0].location.file.endswith("measures.yaml")


def test_reader_says_each_finding_once(checked):
    reader = Reader(checked.concept, checked.source, checked.language)
    spec = checked.concept.project.documents[0]
    for _ in range(3):
        reader.document(spec, {"intro": "Kapitel Kapitel"}, list(DEFAULT_PALETTE))
    assert codes(reader.finish()) == ["CG320"]


def test_a_need_without_text_in_the_needs_table(tmp_path):
    project = tmp_path / "bottrop"
    shutil.copytree(
        ROOT / "projects" / "bottrop-gewaltschutz", project, ignore=shutil.ignore_patterns("build")
    )
    needs = project / "needs.yaml"
    lines = needs.read_text(encoding="utf-8").split("\n")
    at = lines.index("    title: Hochrisikomanagement aufbauen")
    assert lines[at + 1].startswith("    text: ")
    needs.write_text("\n".join(lines[: at + 1] + lines[at + 2 :]), encoding="utf-8")
    found = [d for d in check_project(project).diagnostics if d.code == "CG322"]
    assert [d.key_path for d in found] == ["needs[4].text"] and "H5" in found[0].message
    assert found[0].location.file.endswith("needs.yaml")


def test_monitoring_shows_the_baseline_before_the_first_actual_value():
    """A concept before its first report: the column „Istwerte“ holds each indicator's baseline."""
    from conceptgen.blocks.monitoring import Monitoring
    from conceptgen.document import build_context

    result = check_project(ROOT / "projects" / "bottrop-gewaltschutz")
    concept = result.concept
    spec = concept.project.documents[0]
    outline = result.outlines[0]
    context = build_context(
        concept, result.source, spec, result.data, result.charts, result.language, outline
    )
    keys = [key for key, node in outline.keyed() if isinstance(node.spec, Monitoring)]
    assert keys
    shown = context["outline_blocks"][keys[0]]["indicators"]
    baselines = {k.id: (k.baseline.year, k.baseline.value, k.sample) for k in concept.indicators}
    assert {sample for *_, sample in baselines.values()} == {True, False}  # K1 is a published figure
    for indicator in shown:
        year, value, sample = baselines[indicator["id"]]
        star = "*" if sample else ""  # a sample figure is marked, a published one is not
        assert indicator["actuals"] == [{"year": year, "value": f"{value:g}{star}"}], indicator
    assert Monitoring().problems(concept, Monitoring.params()) == []


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("empty", [None, "value"])
def test_an_empty_monitoring_column_is_said_once(project, empty):
    """Every example's indicators stripped of their values (no baseline, or a baseline without value):
    each indicator's finding (CG305, CG102) says it and the monitoring table's empty „Istwerte“ is not said
    again (CG323) — unless that finding is switched off under checks:."""
    from conceptgen.blocks.monitoring import Monitoring
    from conceptgen.loading import load_project
    from conceptgen.model.validate import validate_concept
    from conceptgen.rules.completeness import check_completeness

    source, _ = load_project(ROOT / "projects" / project)
    concept, _ = validate_concept(source)
    assert concept is not None
    if not concept.indicators:
        pytest.skip("no indicators")
    strip = {"actuals": {}, "data": None}
    bare = concept.model_copy(
        update={
            "indicators": [
                k.model_copy(
                    update=strip
                    | {"baseline": None if empty is None else k.baseline.model_copy(update={"value": None})}
                )
                for k in concept.indicators
                if empty is None or k.baseline is not None
            ]
        }
    )
    code = "CG305" if empty is None else "CG102"
    said = [d for d in check_completeness(bare, source, {}) if d.code == code]
    assert len(said) == len(bare.indicators) > 0
    params = Monitoring.params()
    assert Monitoring().problems(bare, params) == []
    silenced = bare.model_copy(
        update={"project": bare.project.model_copy(update={"checks": {code: Level.IGNORE}})}
    )
    assert [p[0] for p in Monitoring().problems(silenced, params)] == ["CG323"]


@pytest.mark.slow
def test_no_example_document_prints_a_column_empty_in_every_row():
    """Read back from every rendered example document (tables of blocks and snippets included)."""
    from tests.docx_text import read_tables
    from tests.examples import documents, rendered

    empty = []
    for project, name in documents():
        for table in read_tables(rendered(project)[name]):
            header = next((r.cells for r in table.rows if r.header), None)
            body = [r for r in table.rows if not r.header]
            for column, title in enumerate(header or []):
                cells = [r.cells[column].strip() if column < len(r.cells) else "" for r in body]
                if cells and all(cell in ("", "–", "-") for cell in cells):
                    empty.append(f"{project}/{name}: {table.caption} [{title}]")
    assert empty == []


def test_a_term_before_a_reference_that_writes_another(merklinde):
    """„die Aufgabe @mass:3“ would print „die Aufgabe Maßnahme 3“ (measure 3 is no task); a task's
    reference says „Aufgabe“ itself, so „Aufgabe @mass:2.1“ is right, and so is „Maßnahme @mass:2.1“ as
    older texts wrote it."""
    text = merklinde / "text" / "einleitung.md"
    lines = text.read_text(encoding="utf-8").split("\n")
    lines[0:0] = ["Dazu gehören die Aufgabe @mass:3, die Aufgabe @mass:2.1 und die Maßnahme @mass:2.3.", ""]
    text.write_text("\n".join(lines), encoding="utf-8")
    found = [d for d in check_project(merklinde).diagnostics if d.code == "CG320"]
    assert [d.message.split("“")[0] for d in found] == ["„Aufgabe Maßnahme 3"], found
    assert (found[0].location.line, found[0].location.column) == (1, 18)


@pytest.mark.parametrize("project", PROJECTS)
def test_no_example_shows_an_empty_field(project):
    """Every field a measure sheet or a table shows is filled in every example (Lünen's twelve sheets
    printed „–“ as Zielgruppe and Kennzahlen, Bottrop's as Zielgruppe, Kosten, Finanzierung)."""
    found = [d for d in check_project(ROOT / "projects" / project).diagnostics if d.code == "CG322"]
    assert [f"{d.key_path}: {d.message}" for d in found] == []


def test_each_empty_field_of_a_sheet_is_said_at_its_own_key(tmp_path):
    """Two empty fields of one measure are two findings (they share the measure's place in the file)."""
    project = tmp_path / "luenen"
    shutil.copytree(ROOT / "projects" / "luenen", project, ignore=shutil.ignore_patterns("build"))
    replace_in(
        project / "measures.yaml",
        '    target_group: "Eigentümer*innen von Wohn- und Geschäftshäusern im Quartier"\n',
        "",
    )
    # (a measure without indicators is no finding: its sheet shows no Kennzahlen row)
    replace_in(project / "measures.yaml", "    partners: [Eigentümer*innen, Quartiersarchitekt*in]\n", "")
    found = [d for d in check_project(project).diagnostics if d.code == "CG322"]
    assert sorted(d.key_path for d in found) == ["measures[0].partners", "measures[0].target_group"]
    assert all("Hof- und Fassadenprogramm" in d.message for d in found)


def _walk_recursively(value, seen):
    """The document pass's walk as it was written first: nested generators (the reference)."""
    import dataclasses

    from conceptgen.data.charts import ChartResult
    from conceptgen.markup import Markdown

    if id(value) in seen:
        return
    seen.add(id(value))
    yield value
    if isinstance(value, (ChartResult, Markdown)):
        return
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, (list, tuple)):
        children = value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    else:
        return
    for child in children:
        yield from _walk_recursively(child, seen)


@pytest.mark.parametrize("name", ["neuss", "bottrop-inklusion"])
def test_the_walk_meets_every_object_in_the_order_of_a_recursive_walk(name):
    """_walk (a stack) yields the same objects in the same order as the recursive walk, also when the
    documents of a project share what an earlier one showed (one ``seen`` for all)."""
    from conceptgen.document.proofread import _walk

    contexts = check_project(ROOT / "projects" / name).contexts
    assert contexts
    seen_stack: set[int] = set()
    seen_recursive: set[int] = set()
    for context in contexts + contexts[:1]:
        walked = [id(v) for v in _walk(context, seen_stack)]
        expected = [id(v) for v in _walk_recursively(context, seen_recursive)]
        assert walked == expected
    assert len(seen_stack) > 1000
