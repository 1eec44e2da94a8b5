"""Every total a council member reads equals the rows printed above it — in every document of every
example project (tests/printed_totals.py reads the rendered tables as a reader with a calculator would).
The reader itself is tested on tables built here: it must find a wrong total, or these tests prove
nothing."""

from __future__ import annotations

import pytest

from tests.docx_text import Row, Table, read_tables
from tests.examples import PROJECTS, rendered
from tests.printed_totals import check_table, number, total_rows


@pytest.mark.parametrize("project", PROJECTS)
def test_every_printed_total_equals_its_printed_rows(project):
    problems, totals = [], 0
    for name, docx in rendered(project).items():
        for table in read_tables(docx):
            body = [r for r in table.rows if not r.header]
            totals += len(total_rows(body))
            problems += [f"{name}: {p}" for p in check_table(table)]
    assert not problems, "\n".join(problems)
    if project in ("merklinde", "luenen", "neuss", "neubeckum", "bottrop-gewaltschutz"):
        assert totals, "the reader found no totals in a project that prints some"


def _table(*rows: tuple[str, ...], bold_last: int = 0, note: str = "") -> Table:
    header = Row(list(rows[0]), header=True, bold=True)
    body = [Row(list(r), header=False, bold=i >= len(rows) - 2 - bold_last) for i, r in enumerate(rows[1:])]
    return Table("Tabelle 1: Test", [header, *body], note)


def test_the_reader_finds_a_total_that_its_rows_do_not_give():
    costs = _table(
        ("Nr.", "Maßnahme", "Kosten", "Finanzierung"),
        ("2", "Begegnungszentrum", "4.200.000 € einmalig (einschl. Aufgaben)", ""),
        ("2.1", "Umbau", "3.600.000 € einmalig", ""),
        ("3", "Platz", "650.000 € einmalig", ""),
        ("4", "Fonds", "15.000 € pro Jahr", ""),
        ("Summe einmalig", "", "4.850.000 €", ""),
        ("Summe pro Jahr", "", "15.000 €", ""),
        bold_last=1,
    )
    assert [p.split("„")[1][:14] for p in check_table(costs)] == ["Summe einmalig"]
    costs.rows[2].cells[2] = "davon 3.600.000 € einmalig"  # the way the costs table prints it now
    assert check_table(costs) == []


def test_the_reader_finds_totals_by_their_bold_rows_and_by_their_columns():
    counts = _table(
        ("Kommune", "Untergebrachte", "je 10.000 EW", "Anteil in %"),
        ("Neuss", "505", "32,6", "43,9"),
        ("Dormagen", "176", "27,1", "56,1"),
        ("Rhein-Kreis Neuss", "680", "25,3", "100,0"),
    )
    assert total_rows([r for r in counts.rows if not r.header]) == [2]
    assert len(check_table(counts)) == 1  # 505 + 176 = 681; the rate column is no sum
    by_year = _table(("Projekt", "2017", "2018", "Summe"), ("1.1", "40.000", "80.000", "120.000"))
    assert check_table(by_year) == []
    by_year.rows[1].cells[3] = "130.000"
    assert len(check_table(by_year)) == 1


def test_the_reader_checks_shares_and_the_total_of_a_cross_tab():
    cross = _table(
        ("Antwort", "jung", "alt", "Gesamt"),
        ("ja", "60,0", "40,0", "50,0"),
        ("nein", "40,0", "60,0", "50,0"),
        ("n", "10", "10", "24"),
    )
    assert len(check_table(cross)) == 1  # 24 ≠ 10 + 10, and the note does not say why
    cross.note = "„Gesamt“ zählt auch 4 Befragte ohne Angabe zu „Alter“."
    assert check_table(cross) == []
    cross.rows[1].cells[1] = "70,0"
    assert len(check_table(cross)) == 1  # the column „jung“ adds up to 110 %


def test_numbers_are_read_as_printed():
    assert number("1.234,5").value == 1234.5
    assert number("−0,2").value == -0.2
    assert number("83,9 %").value == 83.9
    assert number("4.850.000 €").value == 4850000
    assert number("12*").value == 12
    assert number("2022–2024") is None
    assert number("Neuss") is None
    docx = rendered("merklinde")["Aktionsplan-Merklinde.docx"]
    captions = [t.caption.replace("\u00a0", " ") for t in read_tables(docx)]
    assert "Tabelle 26: Kosten und Finanzierung der Maßnahmen und Aufgaben" in captions


MERKLINDE_DOCUMENTS = [
    "Aktionsplan-Merklinde.docx",
    "Aktionsplan-Merklinde-Kurzfassung.docx",
    "Auszug-Teilbereich-Harkortschule.docx",
]


@pytest.mark.parametrize("name", MERKLINDE_DOCUMENTS)
def test_merklinde_summe_einmalig_is_the_sum_of_its_rows_in_every_document(name):
    """Issue 24, item 1: „Summe einmalig 4.850.000 €“ stood under rows of 8.458.000 € (report p. 20,
    Kurzfassung p. 11, Auszug p. 7). Each document's costs table, added up by hand: the rows of the
    interval without „davon“ give the printed sum — and the reader of tests/printed_totals.py agrees."""
    docx = rendered("merklinde")[name]
    costs = [t for t in read_tables(docx) if "Kosten" in t.caption]
    assert len(costs) == 1, [t.caption for t in read_tables(docx)]
    table = costs[0]
    column = next(i for i, c in enumerate(table.rows[0].cells) if c.strip() == "Kosten")
    body = [r for r in table.rows if not r.header]
    total = next(r for r in body if r.cells[0].strip() == "Summe einmalig")
    assert number(total.cells[column]).value == 4_850_000
    rows = [r.cells[column] for r in body if r is not total and not r.cells[0].startswith("Summe")]
    counted = [
        number(cell.split("€")[0]).value
        for cell in rows
        if "einmalig" in cell and not cell.strip().startswith("davon")
    ]
    assert sum(counted) == 4_850_000
    assert any(cell.strip().startswith("davon") for cell in rows)  # the tasks of measure 2, not again
    assert check_table(table) == []
