"""A survey as a document: native charts (bars, Likert bars with the neutral answer apart, grouped columns),
the base under every table and chart, hidden cross-tab cells, the open answers without personal data,
references to what the survey blocks write, and a survey question inside another concept."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from conceptgen.pipeline import render_project
from tests.conftest import FIXTURES, replace_in

pytestmark = pytest.mark.slow  # renders the example projects

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "survey"
    shutil.copytree(FIXTURES / "survey", target)
    return target


def render(project: Path, out: Path) -> Path:
    result = render_project(project, out, libreoffice=False)
    return result.outputs[0]


def charts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if re.match(r"word/charts/chart\d+\.xml$", name)
        }


def paragraphs(path: Path) -> list[str]:
    """The text of every paragraph and table row (non-breaking spaces as spaces, a chart's caption without
    the line break that parts it from its chart)."""
    document = Document(str(path))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return [text.replace("\u00a0", " ").strip() for text in found]


def test_survey_report_has_its_charts_tables_and_bases(project, tmp_path):
    replace_in(
        project / "text" / "fazit.md",
        "Das Quartier wird geschätzt.",
        "Siehe @fig:frage-q3, @tab:kreuz-q1-q6, @tab:offen-q5 und @sec:thema-person.",
    )
    path = render(project, tmp_path / "out")
    text = paragraphs(path)
    joined = "\n".join(text)
    # the topics are numbered sections of the results chapter
    assert "Im Quartier" in text and "Zur Person" in text
    # a chart per single, multiple and scale question; none for the cross-tab, whose group cells are all
    # hidden (a chart would show nothing): four native charts
    found = charts(path)
    assert len(found) == 4
    # the base under the multiple-choice chart names the filter and who did not answer
    assert (
        "Mehrfachnennungen möglich (zusammen über 100 %). Basis: 6 Befragte mit mindestens einer Nennung "
        "(nur Befragte, die bei „Wohnen Sie im Quartier?“ „Ja“ angaben); ohne Angabe: 1. Ohne Balken: < 3, "
        "nicht ausgewiesen" in joined  # „Sonstiges“: 1 of 6, below min_cell 3
    )
    # the number question has its table in the results (no chart)
    assert "Mittelwert (Minuten) | 15,0" in text and "Median (Minuten) | 12,5" in text
    # cross-tab: the group cells hidden, the totals shown
    assert "Ja | · | · | 70,0" in text and "n | 4 | 5 | 10" in text
    # appendix: the scale table with the neutral answer apart and the mean; counts below min_cell 3 (2, 1,
    # 1, 1 of 8; 1 of 9 „weiß nicht“) hidden as in every table and chart
    assert "Sauberkeit | · | 37,5 | · | · | · | 8 | · | 2,50" in text
    # open answers counted, personal data gone everywhere in the package (charts' workbooks included)
    assert "Mehr Bänke | 3" in text and "Frau [Name entfernt] fragen | 1" in text
    with zipfile.ZipFile(path) as package:
        everything = b"".join(package.read(n) for n in package.namelist())
    for secret in (b"anna@example.org", b"0171 2345678", b"Meier"):
        assert secret not in everything
    # references to the survey's figures, tables and topics resolve
    conclusion = next(t for t in text if t.startswith("Siehe "))
    assert re.fullmatch(r"Siehe Abbildung 3, Tabelle \d+, Tabelle \d+ und Kapitel 3\.2\.", conclusion), (
        conclusion
    )


def test_likert_chart_stacks_the_scale_and_sets_the_neutral_answer_apart(project, tmp_path):
    replace_in(project / "befragung.yaml", "  min_cell: 3", "  min_cell: 1")  # every count drawn
    path = render(project, tmp_path / "out")
    likert = next(
        chart
        for chart in charts(path).values()
        if chart.find(f".//{C}grouping") is not None and chart.find(f".//{C}grouping").get("val") == "stacked"
    )
    series = likert.findall(f".//{C}ser")
    names = [s.find(f"{C}tx//{C}v").text for s in series]
    # five levels, an unnamed gap, weiß nicht
    assert names == ["sehr gut", "gut", "teils/teils", "schlecht", "sehr schlecht", "\u200b", "weiß nicht"]
    values = [[float(v.text) for v in s.findall(f"{C}val//{C}v")] for s in series]
    assert values[0] == [25.0, 14.3] and values[6] == [11.1, 22.2]  # of the valid, and of all answers
    assert [round(sum(v[i] for v in values[:5]), 1) for i in range(2)] == [100.0, 100.0]
    gap = series[5].find(f"{C}spPr")
    assert gap.find("{http://schemas.openxmlformats.org/drawingml/2006/main}noFill") is not None
    categories = [v.text for v in series[0].findall(f"{C}cat//{C}v")]
    assert categories == [
        "Sauberkeit (n\u00a0=\u00a08, Ø\u00a02,5)",
        "Sicherheit (n\u00a0=\u00a07, Ø\u00a02,3)",
    ]
    value_axis = likert.find(f".//{C}valAx")
    assert value_axis.find(f"{C}delete").get("val") == "1"  # the values are on the bars
    assert value_axis.find(f"{C}scaling/{C}max").get("val") == str(100 + 4 + 22.2)
    label_format = series[0].find(f"{C}dLbls/{C}numFmt").get("formatCode")
    assert label_format.endswith('"\u00a0%"')  # 25 → „25 %“, not 2500 %


def test_crosstab_chart_shows_the_groups_with_cells_shown(project, tmp_path):
    replace_in(project / "befragung.yaml", "  min_cell: 3", "  min_cell: 1")
    path = render(project, tmp_path / "out")
    crosstab = next(c for c in charts(path).values() if len(c.findall(f".//{C}ser")) == 2)
    assert crosstab.find(f".//{C}barDir").get("val") == "col"
    series = crosstab.findall(f".//{C}ser")
    assert [s.find(f"{C}tx//{C}v").text for s in series] == ["jünger als 40", "40 und älter"]
    # jünger: Ja 2 of 4, Nein 2 of 4; älter: Ja 4 of 5, Nein 1 of 5
    values = [[float(v.text) for v in s.findall(f"{C}val//{C}v")] for s in series]
    assert values == [[50.0, 50.0], [80.0, 20.0]]


def test_single_choice_chart_is_sorted_by_frequency_when_asked(project, tmp_path):
    replace_in(
        project / "befragung.yaml",
        "{code: Q2, topic: quartier}",
        "{code: Q2, topic: quartier, order: frequency}",
    )
    replace_in(
        project / "befragung.yaml",
        "{code: Q6, topic: person, short: Alter}",
        "{code: Q6, topic: person, short: Alter, order: frequency}",
    )
    replace_in(project / "befragung.yaml", "  min_cell: 3", "  min_cell: 1")  # every count drawn
    path = render(project, tmp_path / "out")
    bars = {}
    for chart in charts(path).values():
        series = chart.findall(f".//{C}ser")
        if len(series) == 1:
            bars[tuple(v.text for v in series[0].findall(f"{C}cat//{C}v"))] = [
                float(v.text) for v in series[0].findall(f"{C}val//{C}v")
            ]
    # Q6: älter (5) before jünger (4); Q2: Park and Markt (4 each, questionnaire order), Bücherei, then
    # Sonstiges last whatever its count
    assert bars[("40 und älter", "jünger als 40")] == [55.6, 44.4]
    assert bars[("Park", "Markt", "Bücherei", "Sonstiges")] == [66.7, 66.7, 33.3, 16.7]


def test_a_survey_question_inside_another_concept(minimal, tmp_path):
    """A Wohnungsnotfallkonzept with a stakeholder survey: one question of it in the chapter on the
    procedure, by the block survey_question."""
    shutil.copy(FIXTURES / "survey" / "befragung.yaml", minimal / "befragung.yaml")
    shutil.copytree(FIXTURES / "survey" / "data", minimal / "data")
    replace_in(
        minimal / "project.yaml",
        "  - output: test.docx",
        "  - output: test.docx\n"
        "    outline:\n"
        "      - chapter: Vorgehen\n"
        "        content:\n"
        "          - text: vorgehen\n"
        "          - block: survey_question\n"
        "            question: Q3\n",
    )
    path = render(minimal, tmp_path / "out")
    text = paragraphs(path)
    assert "Abbildung 1: Wie bewerten Sie …" in text
    assert "Tabelle 1: Wie bewerten Sie …: Anteile in %" in text
    assert len(charts(path)) == 1


def test_unknown_question_of_a_block_is_reported(minimal, cli):
    shutil.copy(FIXTURES / "survey" / "befragung.yaml", minimal / "befragung.yaml")
    shutil.copytree(FIXTURES / "survey" / "data", minimal / "data")
    replace_in(
        minimal / "project.yaml",
        "  - output: test.docx",
        "  - output: test.docx\n    outline:\n      - chapter: Vorgehen\n"
        "        content: [{block: survey_question, question: Q33}]\n",
    )
    result = cli("check", minimal)
    assert result.exit_code == 1
    assert "CG110 Fehler: unbekannte Frage „Q33“" in result.output and "meinten Sie „Q3“" in result.output
