"""What the data stage reports about figures a reader would misread: a chart whose categories repeat
(CG311), answers that a survey filter leaves out (CG312), years missing in a time series (CG313) — each
located in the YAML that caused it, each shown failing on a project that has the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conceptgen.data.years import missing_years
from conceptgen.pipeline import check_project
from tests.conftest import ROOT, replace_in


def codes(result, code):
    return [d for d in result.diagnostics if d.code == code]


# --- repeated chart categories -------------------------------------------------------------------


def test_a_chart_whose_categories_repeat_is_an_error(neuss_copy):
    """Without its year filter the view has three rows per municipality: a chart would draw one bar per
    municipality with one row's value (as it did, silently), while a table shows all rows."""
    replace_in(
        neuss_copy / "charts.yaml",
        '    filter: {jahr: "2024"}\n    category: kommune\n',
        "    category: kommune\n",
    )
    result = check_project(neuss_copy)
    [found] = codes(result, "CG311")
    assert found.level == "error"
    assert str(found.location).startswith(f"{neuss_copy / 'charts.yaml'}:")
    assert "24 Zeilen, aber nur 8 verschiedene Kategorien" in found.message
    assert "„Neuss“ (3×)" in found.message and "aggregate: sum" in found.hint


def test_a_chart_that_declares_aggregate_sums_its_repeated_categories(neuss_copy):
    replace_in(
        neuss_copy / "charts.yaml",
        '    filter: {jahr: "2024"}\n    category: kommune\n',
        "    category: kommune\n    aggregate: sum\n",
    )
    result = check_project(neuss_copy)
    assert not codes(result, "CG311")
    chart = result.charts["untergebrachte_kommunen"]
    neuss = chart.categories.index("Neuss")
    assert chart.series[0][1][neuss] == 683 + 811 + 980  # every row counted, not the last one


def test_inline_data_with_a_category_twice_is_an_error(neuss_copy):
    replace_in(
        neuss_copy / "charts.yaml",
        "Fachberatung, Prävention, Grundversorgung]",
        "Fachberatung, Prävention, Fachberatung]",
    )
    [found] = codes(check_project(neuss_copy), "CG311")
    assert "„Fachberatung“ steht zweimal" in found.message


# --- survey filters ------------------------------------------------------------------------------


@pytest.fixture
def neubeckum_copy(tmp_path: Path) -> Path:
    target = tmp_path / "neubeckum"
    shutil.copytree(ROOT / "projects" / "neubeckum", target, ignore=shutil.ignore_patterns("build"))
    return target


def test_answers_outside_a_survey_filter_are_reported(neubeckum_copy):
    """Q04 („Zu welchen Zeiten …“) is asked of all who used the terraces; a filter that forgets
    „einmal“ (A2) drops answers that were given — reported with the numbers and the codes."""
    replace_in(
        neubeckum_copy / "befragung.yaml",
        "    - {code: Q04, topic: nutzung, asked: nur wer die Terrassen genutzt hat}",
        "    - {code: Q04, topic: nutzung, asked: nur wer die Terrassen genutzt hat,"
        " filter: {Q02: [A3, A4, A5]}}",
    )
    result = check_project(neubeckum_copy)
    [found] = codes(result, "CG312")
    lines = (neubeckum_copy / "befragung.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "{code: Q04," in text)  # the filter's line
    assert found.location.file.endswith("befragung.yaml") and found.location.line == line
    q04 = result.data.survey.results["Q04"].parts[0]
    assert f"ausgewertet werden nur {q04.valid} statt" in found.message
    assert "A2" in found.hint


def test_the_example_survey_s_filters_leave_no_answer_out():
    assert not codes(check_project(ROOT / "projects" / "neubeckum"), "CG312")


# --- years missing in a time series -------------------------------------------------------------


def test_missing_years_are_read_against_the_series_rhythm():
    assert missing_years([2017, 2019, 2023]) == [2021]
    assert missing_years([2022, 2024]) == []  # every two years
    assert missing_years([2016, 2017, 2018, 2020]) == [2019]
    assert missing_years([2024]) == []


def _series(project: Path, years: list[int]) -> None:
    (project / "data" / "reihe.csv").write_text(
        "jahr;faelle\n" + "".join(f"{y};{100 + y - 2019}\n" for y in years), encoding="utf-8"
    )
    text = (project / "data.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "views:\n",
        "  - id: reihe\n    file: data/reihe.csv\n    source: Test\n    columns:\n"
        "      - {name: jahr, type: year}\n      - {name: faelle, type: integer}\n\nviews:\n"
        "  - id: reihe_vj\n    dataset: reihe\n    compute:\n"
        "      - {name: vj, label: Veränderung zum Vorjahr, change: {value: faelle, over: jahr}}\n\n",
        1,
    )
    (project / "data.yaml").write_text(text, encoding="utf-8")
    charts = (project / "charts.yaml").read_text(encoding="utf-8")
    charts += (
        "\n  - id: reihe_linie\n    type: line\n    title: Fälle\n    alt: Linie der Fälle\n"
        "    view: reihe_vj\n    category: jahr\n    series: [{column: faelle}]\n"
    )
    (project / "charts.yaml").write_text(charts, encoding="utf-8")


def test_a_change_to_the_previous_year_finds_no_previous_year_and_says_so(neuss_copy):
    _series(neuss_copy, [2019, 2020, 2022, 2023])
    result = check_project(neuss_copy)
    gaps = codes(result, "CG313")
    change = next(d for d in gaps if "Veränderung zum Vorjahr" in d.message)
    assert "2022 (Vorjahr 2021 fehlt)" in change.message
    assert change.location.file.endswith("data.yaml")
    frame = result.data.frames["reihe_vj"].data.set_index("jahr")
    assert frame.loc[2020, "vj"] == pytest.approx(1.0)  # 101 → 102 ... one year on
    assert frame.loc[2022, "vj"] != frame.loc[2022, "vj"]  # NaN: not compared with 2020
    assert frame.loc[2023, "vj"] == pytest.approx(100 / 103)


def test_a_chart_of_years_shows_the_gap_instead_of_closing_it(neuss_copy):
    _series(neuss_copy, [2019, 2020, 2022, 2023])
    result = check_project(neuss_copy)
    chart = result.charts["reihe_linie"]
    assert chart.categories == ["2019", "2020", "2021", "2022", "2023"]
    assert chart.series[0][1][2] is None  # an empty category: the line breaks there
    [found] = [d for d in codes(result, "CG313") if "reihe_linie" in d.message]
    assert "das Jahr 2021" in found.message and found.location.file.endswith("charts.yaml")


def test_a_regular_rhythm_is_no_gap(neuss_copy):
    _series(neuss_copy, [2017, 2019, 2021, 2023])
    result = check_project(neuss_copy)
    assert not [d for d in codes(result, "CG313") if "reihe_linie" in d.message]
    assert result.charts["reihe_linie"].categories == ["2017", "2019", "2021", "2023"]


def test_no_example_project_has_a_gap_or_a_repeated_category():
    for project in ("neuss", "merklinde", "bottrop-inklusion", "bottrop-gewaltschutz", "dortmund"):
        result = check_project(ROOT / "projects" / project)
        assert not codes(result, "CG311") and not codes(result, "CG313"), project
