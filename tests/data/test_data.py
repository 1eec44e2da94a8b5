"""Data sources, computed views, tables, analyses and indicator values — checked against hand computations."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from docx import Document

from conceptgen.pipeline import check_project, render_project
from tests.conftest import NEUSS


@pytest.fixture(scope="module")
def neuss():
    result = check_project(NEUSS)
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.data


def row(table, first):
    return next(r for r in table.rows if r[0] == first)


def test_rates_shares_changes_ranks(neuss):
    table = neuss.tables["untergebrachte"]
    neuss_row = row(table, "Neuss")
    # Kommune, Personen, Geflüchtete, je 10.000, Anteil, Veränderung, Rang
    assert neuss_row[1] == 980 and neuss_row[2] == 398
    assert neuss_row[3] == pytest.approx(980 / 155_000 * 10_000)
    assert neuss_row[4] == pytest.approx(980 / 2231 * 100)
    assert neuss_row[5] == pytest.approx((980 - 811) / 811 * 100)
    assert neuss_row[6] == 1
    assert table.total[1] == 2231 and table.total[4] == pytest.approx(100)
    assert [r[0] for r in table.rows][:3] == ["Neuss", "Dormagen", "Grevenbroich"]  # sorted by rate


def test_total_row_computes_rates_and_changes(neuss):
    """The county's row carries its rate (sum of persons per sum of inhabitants, not a mean of rates)
    and its change (from the sums of this and last year), as the rows above it do (Neuss Tab. 16 had
    them empty)."""
    table = neuss.tables["untergebrachte"]
    assert table.total[3] == pytest.approx(2231 / 454_700 * 10_000)  # 49,1
    assert table.total[5] == pytest.approx((2231 - 1823) / 1823 * 100)  # 22,4
    assert table.total[6] is None  # a rank has no total
    beratung = neuss.tables["beratung"]
    cases = sum(r[1] for r in beratung.rows)
    inhabitants = 154_400 + 64_700 + 63_800 + 56_000 + 43_800 + 33_000 + 23_900 + 13_400  # 2023
    assert beratung.total[3] == pytest.approx(cases / inhabitants * 10_000)
    weights = [r[2] for r in beratung.rows]  # the prevention cases the quota refers to
    expected = sum(r[4] * w for r, w in zip(beratung.rows, weights, strict=True)) / sum(weights)
    assert beratung.total[4] == pytest.approx(expected)  # totals: {weighted: …}


def test_a_totals_row_with_a_gap_is_found(neuss_copy):
    """Without the weighted mean the county's „Wohnung erhalten“ stays empty: CG323 at the totals."""
    from tests.conftest import replace_in

    replace_in(neuss_copy / "data.yaml", ", weighted: {quote_wohnung_erhalten: davon_praevention}", "")
    found = [d for d in check_project(neuss_copy).diagnostics if d.code == "CG323"]
    [d] = found
    assert d.key_path == "tables[3].totals" and "„Quote Wohnung erhalten (%)“" in d.message


def test_total_row_change_absolute_and_without_base():
    import pandas as pd

    from conceptgen.data.frames import Column, Frame
    from conceptgen.data.tables import table_block
    from conceptgen.model.data import TableBlock

    data = pd.DataFrame(
        {"k": ["a", "b"], "n": [30.0, 20.0], "p": [1000.0, 3000.0], "d": [10.0, -5.0], "q": [50.0, 0.0]}
    )
    columns = {
        "n": Column("n", "n", numeric=True),
        "r": Column("r", "r", numeric=True, formula=("rate", "n", "p", 1000)),
        "d": Column("d", "d", numeric=True, formula=("change", "n", False)),
        "q": Column("q", "q", numeric=True, formula=("change", "n", True)),
    }
    data["r"] = data["n"] / data["p"] * 1000
    block = TableBlock.model_validate(
        {
            "id": "t",
            "title": "T",
            "view": "v",
            "source": "Q",
            "columns": [{"column": c} for c in ("k", "n", "r", "d", "q")],
            "totals": {"label": "Summe", "sum": ["n"]},
        }
    )
    total = table_block(block, {"v": Frame(data, columns, [])}, None, ("tables", 0), None).total
    # rate 50 per 4000 → 12,5 je 1.000; change in persons 10 − 5; in % from the bases 20 and 20 → 25 %
    assert total == ["Summe", 50.0, pytest.approx(12.5), pytest.approx(5.0), pytest.approx(25.0)]
    data.loc[1, "q"] = None  # a row without last year's value: the county's change is unknown
    total = table_block(block, {"v": Frame(data, columns, [])}, None, ("tables", 0), None).total
    assert total[4] is None


def test_aggregates_and_base_year_change(neuss):
    table = neuss.tables["entwicklung"]
    by_year = {r[0]: r for r in table.rows}
    assert by_year[2024][1] == 2231 and by_year[2022][1] == 1514
    assert by_year[2024][3] == pytest.approx(2231 / 454_700 * 10_000)
    assert by_year[2024][4] == pytest.approx((2231 - 1823) / 1823 * 100)
    assert by_year[2024][5] == pytest.approx((2231 - 1514) / 1514 * 100)
    assert by_year[2022][4] is None  # no previous year


def test_indicator_values_from_data(neuss):
    assert neuss.indicator_values["K1"] == {2022: 1514, 2023: 1823, 2024: 2231}
    assert neuss.indicator_values["K2"][2024] == pytest.approx(2231 / 454_700 * 10_000, abs=1e-3)


def test_xlsx_with_header_row(neuss):
    table = neuss.tables["beratung"]
    assert row(table, "Neuss")[1] == 655 and row(table, "Neuss")[4] == 63.0
    assert table.total[1] == sum(r[1] for r in table.rows)


def test_supply_analysis(neuss):
    analysis = neuss.analyses["fachberatung"]
    neuss_row = row(analysis, "Neuss")
    # Gebiet, EW, Angebot, Bedarf, je 10.000, Richtwert, Abweichung, Bewertung
    assert neuss_row[2] == pytest.approx(3.5 + 2.0 + 1.5)
    assert neuss_row[4] == pytest.approx(7.0 / 155_000 * 10_000)
    assert neuss_row[6] == round((7.0 / 15.5 - 0.5) / 0.5 * 100, 1)  # as printed: one decimal
    assert neuss_row[7] == "im Rahmen"
    assert row(analysis, "Dormagen")[7] == "Unterversorgung"
    assert analysis.flags[1] == "under"
    average = neuss.analyses["unterbringung"]
    total_places = 140 + 85 + 70 + 45 + 35 + 25 + 18 + 10
    assert average.total[2] == total_places
    assert row(average, "Neuss")[5] == pytest.approx(total_places / 454_700 * 10_000)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    outputs = render_project(NEUSS, tmp_path_factory.mktemp("data"), libreoffice=False).outputs
    return {p.name: Document(str(p)) for p in outputs}


def test_three_documents_from_one_project(rendered):
    assert sorted(rendered) == [
        "Angebots-und-Bedarfsanalyse-Rhein-Kreis-Neuss.docx",
        "Fortschrittsbericht-2026-Rhein-Kreis-Neuss.docx",
        "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx",
    ]


def test_german_number_formats_and_source_lines_in_docx(rendered):
    doc = rendered["Angebots-und-Bedarfsanalyse-Rhein-Kreis-Neuss.docx"]
    table = next(
        t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Kommune", "Untergebrachte"]
    )
    cells = [c.text for c in table.rows[1].cells]
    assert cells[:4] == ["Neuss", "980", "398", "63,2"]
    assert cells[4] == "43,9" and cells[5] == "20,8"
    assert [c.text for c in table.rows[-1].cells][:2] == ["Rhein-Kreis Neuss", "2.231"]
    source = table._tbl.getnext()
    text = "".join(
        t.text or "" for t in source.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    )
    assert text.startswith("Quelle: ") and "eigene Berechnung" in text and "(Beispieldaten)" in text
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert any(
        c.startswith("Tabelle\u00a02: Untergebrachte wohnungslose Personen nach Kommunen") for c in captions
    )


def test_table_embedded_in_concept_text(rendered):
    doc = rendered["Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx"]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert any("Entwicklung der Zahl untergebrachter Personen" in c for c in captions)


def test_check_without_data_does_not_import_pandas(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from conceptgen.pipeline import check_project
        assert check_project(Path(sys.argv[1])).ok
        print("pandas" in sys.modules)
        """
    )
    from tests.conftest import FIXTURES

    out = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "minimal")], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


# --- bad data ---------------------------------------------------------------------------------------

DATA_YAML = """\
datasets:
  - id: bev
    file: data/bev.csv
    source: Testquelle
    columns:
      - {name: area}
      - {name: jahr, type: year}
      - {name: einwohner, type: integer}
      - {name: quote, type: number}
tables:
  - id: t
    title: Test
    view: bev
    columns: [{column: area}, {column: einwohner}]
"""

GOOD_CSV = "area;jahr;einwohner;quote\nstadt;2023;12.345;1,5\nstadt;2024;12.400;2,25\n"


@pytest.fixture
def data_project(minimal):
    (minimal / "data").mkdir()
    (minimal / "data" / "bev.csv").write_text(GOOD_CSV, encoding="utf-8")
    (minimal / "data.yaml").write_text(DATA_YAML, encoding="utf-8")
    return minimal


def problems(project):
    return [
        (d.code, d.location.file.rsplit("/", 1)[-1], d.location.line, d.location.column, d.message, d.hint)
        for d in check_project(project).diagnostics
    ]


def test_good_csv_with_thousands_and_decimal_comma(data_project):
    result = check_project(data_project)
    assert result.ok
    frame = result.data.frames["bev"].data
    assert list(frame["einwohner"]) == [12345, 12400] and list(frame["quote"]) == [1.5, 2.25]


def test_comma_separated_with_decimal_point(data_project):
    (data_project / "data" / "bev.csv").write_text(
        "area,jahr,einwohner,quote\nstadt,2023,12345,1.5\n", encoding="utf-8"
    )
    replace = (
        (data_project / "data.yaml")
        .read_text()
        .replace("    source: Testquelle", '    source: Testquelle\n    decimal: "."')
    )
    (data_project / "data.yaml").write_text(replace)
    result = check_project(data_project)
    assert result.ok and list(result.data.frames["bev"].data["quote"]) == [1.5]


def test_windows_1252_needs_the_option(data_project):
    (data_project / "data" / "bev.csv").write_bytes(
        "area;jahr;einwohner;quote\nstadt;2023;1;Grün\n".encode("cp1252")
    )
    [(code, file, line, *_)] = problems(data_project)
    assert (code, file, line) == ("CG002", "bev.csv", 2)


def test_missing_file(data_project):
    (data_project / "data" / "bev.csv").unlink()
    [(code, file, line, _col, message, _hint)] = problems(data_project)
    assert (code, file, line) == ("CG001", "data.yaml", 3) and "data/bev.csv" in message


def test_missing_column_did_you_mean(data_project):
    (data_project / "data" / "bev.csv").write_text(
        GOOD_CSV.replace("einwohner", "einwohnerzahl"), encoding="utf-8"
    )
    [(code, file, line, _col, _message, hint)] = problems(data_project)
    assert (code, file, line) == ("CG601", "data.yaml", 8) and hint == "meinten Sie „einwohnerzahl“?"


def test_non_numeric_value_located_by_row_and_column(data_project):
    (data_project / "data" / "bev.csv").write_text(GOOD_CSV.replace("12.400", "ca. 12.400"), encoding="utf-8")
    [(code, file, line, column, message, _hint)] = problems(data_project)
    assert (code, file, line, column) == ("CG603", "bev.csv", 3, 3) and "ca. 12.400" in message


def test_mixed_decimal_separators(data_project):
    (data_project / "data" / "bev.csv").write_text(GOOD_CSV.replace("2,25", "2.25"), encoding="utf-8")
    [(code, file, line, column, message, _hint)] = problems(data_project)
    assert (code, file, line, column) == ("CG603", "bev.csv", 3, 4) and "das andere Dezimalzeichen" in message


def test_empty_table(data_project):
    (data_project / "data" / "bev.csv").write_text("area;jahr;einwohner;quote\n", encoding="utf-8")
    [(code, file, *_)] = problems(data_project)
    assert (code, file) == ("CG602", "bev.csv")


def test_data_path_outside_project(data_project):
    text = (data_project / "data.yaml").read_text().replace("file: data/bev.csv", "file: ../../etc/passwd")
    (data_project / "data.yaml").write_text(text)
    [(code, file, line, *_)] = problems(data_project)
    assert (code, file, line) == ("CG010", "data.yaml", 3)


def test_unknown_column_in_table(data_project):
    text = (data_project / "data.yaml").read_text().replace("{column: einwohner}]", "{column: einwoner}]")
    (data_project / "data.yaml").write_text(text)
    [(code, file, line, _col, _message, hint)] = problems(data_project)
    assert (code, file) == ("CG601", "data.yaml") and line == 14 and "einwohner" in hint


def test_unknown_area_in_data(data_project):
    text = (
        (data_project / "data.yaml")
        .read_text()
        .replace("    source: Testquelle", "    source: Testquelle\n    area_column: area")
    )
    (data_project / "data.yaml").write_text(text)
    (data_project / "data" / "bev.csv").write_text(
        GOOD_CSV.replace("stadt;2024", "stat;2024"), encoding="utf-8"
    )
    [(code, file, line, _col, _message, hint)] = problems(data_project)
    assert (code, file, line) == ("CG202", "bev.csv", 3) and hint == "meinten Sie „stadt“?"


def test_source_lines_say_which_columns_are_sample(minimal, tmp_path):
    from docx import Document

    (minimal / "data").mkdir()
    (minimal / "data" / "bev.csv").write_text("area;einwohner;faelle\nstadt;1000;5\n", encoding="utf-8")
    (minimal / "data.yaml").write_text(
        "datasets:\n  - id: bev\n    file: data/bev.csv\n    source: Amt\n    columns:\n"
        "      - {name: area, label: Gebiet}\n      - {name: einwohner, type: integer, label: Einwohner}\n"
        "      - {name: faelle, type: integer, label: Fälle, sample: true}\n"
        "tables:\n"
        "  - {id: echt, title: Echt, view: bev, columns: [{column: area}, {column: einwohner}]}\n"
        "  - {id: teils, title: Teils, view: bev, columns: [{column: area}, {column: faelle}]}\n",
        encoding="utf-8",
    )
    (minimal / "text" / "rahmen.md").write_text(
        "Rahmen.\n\n[[table:echt]]\n\n[[table:teils]]\n", encoding="utf-8"
    )
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    lines = [p.text for p in Document(str(path)).paragraphs if p.text.startswith("Quelle: Amt")]
    assert lines == ["Quelle: Amt", "Quelle: Amt (Beispieldaten: Fälle)"]


def test_analysis_summary_on_growth_agrees_with_its_table(neuss):
    """Anlage 2's summary: the number accommodated rose in every municipality by a fifth to a quarter
    (19.5–27.5 %), not most in the smaller ones (it said so while Korschenbroich, Grevenbroich – the third
    largest – led and Jüchen, the second smallest, stayed below the county's rise)."""
    text = (NEUSS / "text" / "analyse_fazit.md").read_text(encoding="utf-8")
    assert "in allen Kommunen gestiegen, in jeder um ein\n  Fünftel bis ein Viertel" in text
    table = neuss.tables["untergebrachte"]
    changes = {r[0]: r[5] for r in table.rows}
    assert len(changes) == 8 and all(19.5 <= c <= 27.5 for c in changes.values()), changes
    inhabitants = {r[0]: r[1] / r[3] * 10_000 for r in table.rows}
    by_size = sorted(changes, key=inhabitants.get)
    smaller = [changes[a] for a in by_size[:4]]
    larger = [changes[a] for a in by_size[4:]]
    assert not min(smaller) > max(larger)  # no „am stärksten in den kleineren Kommunen“


def test_population_source_says_approximate(neuss):
    """The domain note gives the municipalities' populations as approximate (Neuss ≈ 155,000): every
    source line built on them says so, and none dates them to the previous year's 31.12. while the table
    column says 2024."""
    lines = [t.source for t in neuss.tables.values() if "IT.NRW" in t.source]
    assert lines
    for line in lines:
        assert "Näherungswerte" in line and "Vorjahres" not in line, line
