"""The workbook round trip as a careless user meets it (issue 25, items 1–4): every row of every sheet can
be changed, an import applies all files or none, a YAML edit made after the export is never reverted, a
cell both sides changed is a located conflict, Excel's cut texts, emptied cells and formulas without a
value are handled, and a file laid out by hand keeps every line that was not edited."""

from __future__ import annotations

import difflib
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conceptgen.pipeline import check_project
from tests.conftest import NEUSS

YAMLS = ("measures.yaml", "goals.yaml", "indicators.yaml", "monitoring.yaml")


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "neuss"
    shutil.copytree(NEUSS, target, ignore=shutil.ignore_patterns("build", "templates"))
    return target


def _edit_all(path, sheet: str, edits: dict[tuple[str, str], object]) -> None:
    book = load_workbook(path)
    page = book[sheet]
    headers = [c.value for c in page[1]]
    for row in page.iter_rows(min_row=2):
        for (key, header), value in edits.items():
            if row[0].value == key:
                row[headers.index(header)].value = value
    book.save(path)


def _snapshot(project) -> dict[str, bytes]:
    return {name: (project / name).read_bytes() for name in YAMLS}


def _changed_lines(before: bytes, after: bytes) -> list[str]:
    old, new = before.decode("utf-8").splitlines(), after.decode("utf-8").splitlines()
    return [line for line in difflib.ndiff(old, new) if line[:1] in "+-"]


def test_every_indicator_and_goal_row_can_change(project, cli):
    """Item 1: the import crashed (exit 3) on every indicator but the first."""
    assert cli("export", project).exit_code == 0
    book = project / "build" / "Arbeitsstand.xlsx"
    concept = check_project(project).concept
    targets = {  # one step better than planned, a year later
        k.id: (k.target.value + (1 if k.direction.value == "higher" else -0.5), k.target.year + 1)
        for k in concept.indicators
    }
    _edit_all(book, "Kennzahlen", {(key, "Zielwert"): value for key, (value, _y) in targets.items()})
    _edit_all(book, "Kennzahlen", {(key, "Zieljahr"): year for key, (_v, year) in targets.items()})
    goals = [(sub.id, f"Neu {sub.id}") for g in concept.goals for sub in (g, *g.goals)]
    _edit_all(book, "Ziele", {(key, "Titel"): title for key, title in goals})
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 0, result.output
    after = check_project(project).concept
    assert {k.id: (k.target.value, k.target.year) for k in after.indicators} == targets
    assert [(s.id, s.title) for g in after.goals for s in (g, *g.goals)] == goals


def test_an_import_applies_all_files_or_none(project, cli, monkeypatch):
    """Item 1: goals.yaml was written before the crash in indicators.yaml."""
    import os

    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    _edit_all(book, "Ziele", {("Z1", "Titel"): "Neuer Titel"})
    _edit_all(book, "Kennzahlen", {("K3", "Zielwert"): 75})
    _edit_all(book, "Maßnahmen", {("1.2", "Stand"): "umgesetzt"})
    before = _snapshot(project)
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr("conceptgen.write.os.replace", failing)
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 1 and "CG501" in result.output, result.output
    assert _snapshot(project) == before
    assert not [p for p in project.iterdir() if p.suffix in (".tmp", ".previous", ".import")]


def test_a_yaml_edit_after_the_export_is_kept(project, cli):
    """Item 2: an unchanged row of an older workbook silently reverted the YAML."""
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    text = (project / "measures.yaml").read_text(encoding="utf-8")
    lead = "lead: Rhein-Kreis Neuss, Sozialamt"
    (project / "measures.yaml").write_text(text.replace(lead, "lead: Kreissozialamt", 1), encoding="utf-8")
    _edit_all(book, "Maßnahmen", {("1", "Stand"): "umgesetzt"})  # another cell of the same row
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 0, result.output
    assert "lead" not in result.output
    measure = check_project(project).concept.measures[0]
    assert measure.lead == "Kreissozialamt" and measure.status.value == "umgesetzt"


def test_a_cell_changed_on_both_sides_is_a_conflict(project, cli):
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    path = project / "measures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("lead: Rhein-Kreis Neuss, Sozialamt", "lead: Sozialamt", 1),
        encoding="utf-8",
    )
    _edit_all(book, "Maßnahmen", {("1", "Federführung"): "Jobcenter", ("1.2", "Stand"): "umgesetzt"})
    before = _snapshot(project)
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "CG623" in x)
    assert "Arbeitsstand.xlsx:Maßnahmen:F2" in line
    assert "Jobcenter" in line and "Sozialamt" in line and "Rhein-Kreis Neuss, Sozialamt" in line
    assert _snapshot(project) == before


def test_a_workbook_without_its_export_record_is_said_to_be_unsafe(project, cli):
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    loaded = load_workbook(book)
    del loaded[loaded.sheetnames[-1]]
    assert "Maßnahmen" in loaded.sheetnames
    loaded.save(book)
    _edit_all(book, "Maßnahmen", {("1.2", "Stand"): "umgesetzt"})
    result = cli("import", project, book)
    assert result.exit_code == 0 and "CG626" in result.output


def test_a_text_excel_cut_is_never_written_back(project, cli):
    """Item 4: a 40,000-character text came back cut at 32,767 characters."""
    path = project / "monitoring.yaml"
    long = "Stand der Umsetzung " + "x" * 40_000
    text = path.read_text(encoding="utf-8").replace('"zwei von acht Kommunen bereit"', f'"{long}"')
    path.write_text(text, encoding="utf-8")
    exported = cli("export", project)
    assert exported.exit_code == 0 and "CG624" in exported.output  # said at export
    book = project / "build" / "Arbeitsstand.xlsx"
    page = load_workbook(book)["Fortschritt"]
    cell = next(r for r in page.iter_rows(min_row=2) if r[0].value == "2.3")[-1]
    assert len(cell.value) == 32_767 and cell.protection.locked  # cut, and locked against edits
    before = _snapshot(project)
    assert cli("import", project, book, "--apply").output.strip().endswith("keine Änderungen")
    assert _snapshot(project) == before
    _edit_all(book, "Fortschritt", {("2.3", "Bemerkung"): "y" * 32_767})  # edited at Excel's limit
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 1 and "CG628" in result.output
    assert _snapshot(project) == before


def test_an_emptied_cell_is_applied_or_refused(project, cli):
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    _edit_all(book, "Fortschritt", {("2.3", "Bemerkung"): None})
    _edit_all(book, "Maßnahmen", {("1.1", "Federführung"): ""})
    before = _snapshot(project)
    shown = cli("import", project, book)
    assert "2.3  note: zwei von acht Kommunen bereit → –" in shown.output
    assert cli("import", project, book, "--apply").exit_code == 0
    changed = _changed_lines(before["monitoring.yaml"], (project / "monitoring.yaml").read_bytes())
    report = '    - {measure: "2.3", status: {2025: geplant, 2026: geplant}%s}'
    assert changed == ["- " + report % ', note: "zwei von acht Kommunen bereit"', "+ " + report % ""]
    concept = check_project(project).concept
    assert concept.measures[0].tasks[0].lead is None
    cli("export", project)
    _edit_all(book, "Maßnahmen", {("1.1", "Titel"): None})
    refused = cli("import", project, book, "--apply")
    assert refused.exit_code == 1 and "CG627" in refused.output and "Maßnahmen:C3" in refused.output


def test_a_formula_without_a_value_is_located(project, cli):
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    _edit_all(book, "Kennzahlen", {("K4", "Zielwert"): "=90+10"})  # openpyxl saves no computed value
    result = cli("import", project, book)
    assert result.exit_code == 1
    assert "Arbeitsstand.xlsx:Kennzahlen:G5: CG625" in result.output


def test_a_quoted_number_fails_check_as_the_schema_does(minimal, cli):
    """Item 4: `priority: '3'` passed check, while the editor's schema refuses it."""
    import json

    from conceptgen.model.schemas import file_schema

    path = minimal / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    assert "priority: 1" in text
    path.write_text(text.replace("priority: 1", "priority: '1'", 1), encoding="utf-8")
    result = cli("check", minimal)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "priority" in x)
    assert "CG103" in line and "measures.yaml:" in line and "Anführungszeichen" in line
    assert json.dumps(file_schema("measures.yaml")).count('"type": "integer"')  # the schema's view
    path.write_text(text.replace("lead: Sozialamt", "lead: '2024'", 1), encoding="utf-8")
    assert cli("check", minimal).exit_code == 0  # a quoted number in a text field is text


def _reindented(mapping: int, sequence: int, offset: int):
    def layout(text: str) -> str:
        import io

        from ruamel.yaml import YAML

        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        out = io.StringIO()
        yaml.dump(yaml.load(text), out)
        return out.getvalue()

    return layout


LAYOUTS = {
    "four spaces": _reindented(4, 6, 4),
    "dash flush": _reindented(2, 2, 0),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_only_the_edited_lines_change(project, cli, layout):
    """Item 4: a file laid out differently was re-indented whole (96 lines for one status)."""
    path = project / "measures.yaml"
    text = LAYOUTS[layout](path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode("utf-8"))
    assert check_project(project).ok
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    _edit_all(book, "Maßnahmen", {("1.2", "Stand"): "umgesetzt", ("3", "Kosten (€)"): 12345})
    before = path.read_bytes()
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 0, result.output
    changed = _changed_lines(before, path.read_bytes())
    assert len(changed) == 4, changed
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (layout == "bom")
    assert (b"\r\n" in path.read_bytes()) == (layout == "crlf")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
        min_size=1,
        max_size=60,
    ).filter(lambda s: s.strip() and s == s.strip() and "{{" not in s and "}}" not in s and "{%" not in s)
)
def test_any_text_round_trips(tmp_path_factory, text):
    """What a member types in a text cell comes back from the YAML as typed, wherever it goes."""
    import yaml

    from conceptgen.exchange.yaml_edit import YamlText, _plain

    source = 'a:\n  - {measure: "1", note: x}\n  - id: "2"\n    title: alt   # Kommentar\n    lead:\n'
    edit = YamlText(source)
    edit.set(("a", 0, "note"), text)
    edit.set(("a", 1, "title"), text)
    edit.set(("a", 1, "lead"), text)
    edit.set(("a", 0, "status", "2026"), text)
    data = _plain(yaml.compose(edit.result(), Loader=yaml.SafeLoader))
    assert data["a"][0]["note"] == data["a"][1]["title"] == data["a"][1]["lead"] == text
    assert data["a"][0]["status"] == {"2026": text}
    assert "# Kommentar" in edit.result()
