"""The progress report (monitoring.yaml, template fortschritt): each indicator against its path by hand,
the traffic light in symbol and word, the measures' changes, and the report of projects/neuss for 2026
with actual values for 2025 and 2026."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from conceptgen.model.content import Indicator, Status
from conceptgen.model.monitoring import Light, Rule, indicator_state, measure_change, path_value
from conceptgen.pipeline import check_project, render_project
from tests.conftest import NEUSS, replace_in

pytestmark = pytest.mark.slow  # renders the example projects

RULE = Rule(on_track=10, at_risk=25)


def _indicator(direction: str, baseline: tuple[int, float], target: tuple[int, float]) -> Indicator:
    spec = {"id": "K", "name": "K", "unit": "x", "direction": direction}
    spec["baseline"] = {"year": baseline[0], "value": baseline[1]}
    spec["target"] = {"year": target[0], "value": target[1]}
    return Indicator.model_validate(spec)


def test_path_and_lights_by_hand():
    """K1 as neuss had it: 1.150 (2024) → 950 (2028), lower is better. 2026 on the path: 1.050. Actual
    1.085: 35 of the planned 200 behind = 17,5 % → at risk. K4: 64 (2023) → 100 (2027); 2026: 91; actual
    78 → 13 of 36 = 36,1 % → off track. K5: 3 → 8; 2026: 6,75; actual 7 → ahead (−5 %) → on track."""
    assert path_value(2024, 1150, 2028, 950, 2026) == 1050
    k1 = indicator_state(_indicator("lower", (2024, 1150), (2028, 950)), {2026: 1085}, 1150, 2026, RULE)
    assert (k1.expected, round(k1.lag, 1), k1.light) == (1050, 17.5, Light.AT_RISK)
    k4 = indicator_state(_indicator("higher", (2023, 64), (2027, 100)), {2026: 78}, 64, 2026, RULE)
    assert (k4.expected, round(k4.lag, 1), k4.light) == (91, 36.1, Light.OFF_TRACK)
    k5 = indicator_state(_indicator("higher", (2023, 3), (2027, 8)), {2026: 7}, 3, 2026, RULE)
    assert (k5.expected, round(k5.lag, 1), k5.light) == (6.75, -5.0, Light.ON_TRACK)
    none = indicator_state(_indicator("higher", (2023, 0), (2026, 8)), {2025: 2}, 0, 2026, RULE)
    assert none.light is Light.NO_DATA and none.expected == 8
    # exactly at the threshold is still the better light
    edge = indicator_state(_indicator("higher", (2020, 0), (2030, 100)), {2025: 40}, 0, 2025, RULE)
    assert (edge.lag, edge.light) == (10.0, Light.ON_TRACK)


@pytest.mark.parametrize(
    ("before", "now", "change"),
    [
        (None, Status.GEPLANT, "new"),
        (Status.GEPLANT, Status.GEPLANT, "same"),
        (Status.IN_UMSETZUNG, Status.UMGESETZT, "done"),
        (Status.IN_VORBEREITUNG, Status.ZURUECKGESTELLT, "paused"),
        (Status.GEPLANT, Status.IN_UMSETZUNG, "forward"),
        (Status.ZURUECKGESTELLT, Status.GEPLANT, "forward"),
        (Status.IN_UMSETZUNG, Status.GEPLANT, "back"),
        (Status.GEPLANT, None, "none"),
    ],
)
def test_measure_changes(before, now, change):
    assert measure_change(before, now) == change


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    outputs = render_project(NEUSS, tmp_path_factory.mktemp("monitoring"), libreoffice=False).outputs
    return Document(str(next(p for p in outputs if p.name.startswith("Fortschrittsbericht"))))


def _rows(document, first_header: str) -> list[list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first_header)
    return [[c.text for c in row.cells] for row in table.rows]


def test_neuss_progress_report(report):
    rows = _rows(report, "Kennzahl")
    assert rows[0][3:5] == ["Soll 2026", "Ist 2026"]
    by_id = {r[0].split(" ")[0]: r for r in rows[1:]}
    assert by_id["K1"][3:] == ["2.041", "2.100*", "15", "◐ gefährdet"]  # 2.231 → 1.850: 59 of 381 behind
    assert by_id["K4"][6] == "○ nicht im Plan" and by_id["K5"][6] == "◐ gefährdet"
    assert by_id["K6"][4:] == ["6*", "25", "◐ gefährdet"]  # 2026 without two municipalities (task 3.2)
    # a count is whole on its path: 6 Kommunen in 2026 (6,25 rounded as the chart's label), 1 behind of 7
    assert by_id["K5"][3:6] == ["6", "5*", "14"]
    note = next(p.text for p in report.paragraphs if p.text.startswith("Quelle: Monitoring 2026. Zielpfad"))
    assert "Soll von Anzahlen auf ganze Zahlen gerundet." in note
    # the light is a word in the cell and a tint of the row
    table = next(t for t in report.tables if t.rows[0].cells[0].text == "Kennzahl")
    k4 = next(r for r in table.rows if r.cells[0].text.startswith("K4"))
    assert k4.cells[0]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "FBE3D6"
    measures = _rows(report, "Maßnahme / Aufgabe")
    assert measures[0][1:4] == ["Stand 2025", "Stand 2026", "Veränderung"]
    row = next(r for r in measures if r[0].startswith("1.3 "))
    assert row[1:] == ["in Umsetzung", "umgesetzt", "abgeschlossen", "Beratungsstelle Dormagen eröffnet"]
    assert next(r for r in measures if r[0].startswith("3.4 "))[3] == "erstmals berichtet"
    summary = _rows(report, "Bereich")
    assert ["Kennzahlen", "◐ gefährdet", "5"] in summary and [
        "Maßnahmen und Aufgaben",
        "umgesetzt",
        "3",
    ] in summary
    captions = [p.text for p in report.paragraphs if p.style.name == "Caption"]
    assert sum("Ist und Zielpfad" in c for c in captions) == 6
    cover = "\n".join(p.text for p in report.paragraphs[:40])
    assert "Fortschrittsbericht 2026" in cover and "20.\u00a0November\u00a02026" in cover.replace(
        " ", "\u00a0"
    )


def test_monitoring_references_are_checked(neuss_copy):
    replace_in(neuss_copy / "monitoring.yaml", "    K6: {2024: 1, 2025: 2, 2026: 6}", "    K9: {2024: 1}")
    replace_in(neuss_copy / "monitoring.yaml", '{measure: "3.4",', '{measure: "3.9",')
    found = [
        (d.code, str(d.location).split("/")[-1], d.message) for d in check_project(neuss_copy).diagnostics
    ]
    assert ("CG202", "monitoring.yaml:17:9", "unbekannter Indikator „K9“") in found
    assert any(c == "CG202" and "3.9" in m for c, _w, m in found)
