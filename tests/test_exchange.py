"""The working-group workbook: export formats it for people (frozen header, filters, drop-downs, number
formats, read-only columns locked), import reads it back — unchanged means no change, edits become exactly
those lines in the YAML (comments, order, quoting kept), a cell that cannot be taken is reported as
file:sheet:cell and nothing is applied."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from conceptgen.pipeline import check_project
from tests.conftest import NEUSS


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "neuss"
    shutil.copytree(NEUSS, target, ignore=shutil.ignore_patterns("build", "templates"))
    return target


def _edit(path, sheet: str, key: str, header: str, value, target=None) -> str:
    book = load_workbook(path)
    page = book[sheet]
    headers = [c.value for c in page[1]]
    for row in page.iter_rows(min_row=2):
        if row[0].value == key:
            cell = row[headers.index(header)]
            cell.value = value
            book.save(target or path)
            return cell.coordinate
    raise AssertionError(key)


def test_export_is_made_for_people(project, cli):
    assert cli("export", project, "--xlsx").exit_code == 0
    book = load_workbook(project / "build" / "Arbeitsstand.xlsx")
    assert book.sheetnames == ["Maßnahmen", "Ziele", "Kennzahlen", "Fortschritt", "conceptgen"]
    assert book["conceptgen"].sheet_state == "veryHidden"  # what it was exported from (import reads it)
    page = book["Maßnahmen"]
    assert [c.value for c in page[1]][:3] == ["ID", "Ebene", "Titel"] and page["A1"].font.b
    assert page.freeze_panes == "C2" and page.auto_filter.ref.startswith("A1:K")
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in page.data_validations.dataValidation}
    assert lists["I"] == '"geplant,in Vorbereitung,in Umsetzung,umgesetzt,zurückgestellt"'
    assert lists["E"] == '"1,2,3"'
    row = next(r for r in page.iter_rows(min_row=2) if r[0].value == "1")
    assert row[9].number_format == '#,##0 "€"' and row[9].value == 500000
    assert row[0].protection.locked and not row[2].protection.locked  # the ID is locked, the title not
    indicators = book["Kennzahlen"]
    assert [c.value for c in indicators[1]][-2:] == ["Ist 2025", "Ist 2026"]
    k3 = next(r for r in indicators.iter_rows(min_row=2) if r[0].value == "K3")
    assert k3[-1].value == 66 and k3[-1].number_format == "#,##0.##"


def test_unchanged_workbook_changes_nothing(project, cli):
    cli("export", project)
    result = cli("import", project, project / "build" / "Arbeitsstand.xlsx")
    assert result.exit_code == 0 and result.output.strip() == "keine Änderungen"


def test_edits_round_trip_into_the_yaml(project, cli):
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    _edit(book, "Maßnahmen", "1.2", "Stand", "in Umsetzung")
    _edit(book, "Maßnahmen", "2.1", "Ende", "06/2027")  # as a German would type it
    _edit(book, "Kennzahlen", "K6", "Ist 2026", 4)
    _edit(book, "Fortschritt", "2.3", "Bemerkung", "vier von acht Kommunen bereit")
    before = {
        name: (project / name).read_text(encoding="utf-8") for name in ("measures.yaml", "monitoring.yaml")
    }
    shown = cli("import", project, book)
    assert shown.exit_code == 0 and "4 Änderung(en)" in shown.output
    assert "measures.yaml  1.2  status: geplant → in Umsetzung" in shown.output
    assert (project / "measures.yaml").read_text(encoding="utf-8") == before["measures.yaml"]  # only shown
    applied = cli("import", project, book, "--apply")
    assert applied.exit_code == 0, applied.output
    for name, text in before.items():
        old, new = text.splitlines(), (project / name).read_text(encoding="utf-8").splitlines()
        changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        if name == "measures.yaml":
            assert changed == [
                ("        status: geplant", "        status: in Umsetzung"),
                (
                    "        period: {start: 2024-09, end: 2025-06}",
                    "        period: {start: 2024-09, end: 2027-06}",
                ),
            ]
        else:
            report = '    - {measure: "2.3", status: {2025: geplant, 2026: geplant}, note: "%s"}'
            assert changed == [
                (
                    "    K6: {2024: 1, 2025: 2, 2026: 6}   # Bericht 2026 ohne zwei Kommunen (Aufgabe 3.2)",
                    "    K6: {2024: 1, 2025: 2, 2026: 4}   # Bericht 2026 ohne zwei Kommunen (Aufgabe 3.2)",
                ),
                (report % "zwei von acht Kommunen bereit", report % "vier von acht Kommunen bereit"),
            ]
    assert check_project(project).ok
    again = cli("import", project, book)
    assert again.output.strip() == "keine Änderungen"


def test_rejected_cells_are_located_and_nothing_is_applied(project, cli):
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    status = _edit(book, "Maßnahmen", "3.3", "Stand", "läuft")
    _edit(book, "Maßnahmen", "1.1", "Stand", "umgesetzt")
    costs = _edit(book, "Maßnahmen", "1", "Kosten (€)", "viel")
    _edit(book, "Maßnahmen", "1.4", "ID", "1.9")
    before = (project / "measures.yaml").read_bytes()
    result = cli("import", project, book, "--apply")
    assert result.exit_code == 1
    assert f"Arbeitsstand.xlsx:Maßnahmen:{status}: CG603 Fehler: „läuft“ ist keiner der erlaubten Werte" in (
        result.output
    )
    assert f"Arbeitsstand.xlsx:Maßnahmen:{costs}: CG603 Fehler: „viel“ ist keine Zahl" in result.output
    assert "unbekannte ID „1.9“" in result.output and "meinten Sie" in result.output
    assert (project / "measures.yaml").read_bytes() == before


def test_crlf_files_stay_crlf(project, cli):
    path = project / "measures.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    cli("export", project)
    book = project / "build" / "Arbeitsstand.xlsx"
    _edit(book, "Maßnahmen", "1.2", "Stand", "in Umsetzung")
    assert cli("import", project, book, "--apply").exit_code == 0
    data = path.read_bytes()
    assert b"status: in Umsetzung\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_not_a_workbook_and_a_bomb(project, tmp_path, cli):
    from tests.test_design import bomb

    text = tmp_path / "Arbeitsstand.xlsx"
    text.write_text("kein Arbeitsblatt", encoding="utf-8")
    result = cli("import", project, text)
    assert result.exit_code == 1 and "CG603" in result.output and "ist als XLSX nicht lesbar" in result.output
    result = cli("import", project, bomb(tmp_path / "bombe.xlsx"))
    assert result.exit_code == 1 and "CG608" in result.output and "entpackt sich zu" in result.output
