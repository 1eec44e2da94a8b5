"""Domain rules: IDs, references, hierarchy, direction, periods, completeness warnings, levels."""

from __future__ import annotations

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import replace_in


def diags(root):
    return check_project(root).diagnostics


def test_duplicate_id(minimal):
    replace_in(
        minimal / "indicators.yaml",
        "    goals: [Z1]\n",
        "    goals: [Z1]\n  - {id: K1, name: Doppelt, unit: x, direction: higher}\n",
    )
    [d] = [d for d in diags(minimal) if d.code == "CG201"]
    assert d.location.line == 9 and "indicators.yaml:2" in d.hint


def test_broken_reference_with_suggestion(minimal):
    replace_in(minimal / "measures.yaml", "goals: [Z1.1]", "goals: [Z1.2, Z9]")
    found = [d for d in diags(minimal) if d.code == "CG202"]
    assert [(d.location.line, d.location.column) for d in found] == [(9, 13), (9, 19)]
    assert found[0].hint == "meinten Sie „Z1.1“?"
    assert found[0].key_path == "measures[0].goals[0]"


def test_broken_offer_references(minimal):
    replace_in(minimal / "inventory.yaml", "category: beratung", "category: beratungg")
    replace_in(minimal / "inventory.yaml", "area: stadt", "area: dorf")
    found = sorted((d.code, d.location.line) for d in diags(minimal))
    assert found == [("CG202", 8), ("CG202", 10)]


def test_task_outside_its_measure(minimal):
    replace_in(minimal / "measures.yaml", 'id: "1.1"', 'id: "2.1"')
    [d] = diags(minimal)
    assert d.code == "CG203" and d.location.line == 12


def test_subgoal_outside_its_goal(minimal):
    replace_in(minimal / "goals.yaml", "id: Z1.1", "id: Z2.1")
    replace_in(minimal / "measures.yaml", "goals: [Z1.1]", "goals: [Z2.1]")
    assert [d.code for d in diags(minimal)] == ["CG203"]


def test_target_against_direction(minimal):
    replace_in(minimal / "indicators.yaml", "direction: lower", "direction: higher")
    [d] = diags(minimal)
    assert d.code == "CG204" and d.location.line == 7


def test_target_year_before_baseline(minimal):
    replace_in(minimal / "indicators.yaml", "year: 2027", "year: 2020")
    assert [d.code for d in diags(minimal)] == ["CG205"]


def test_period_end_before_start(minimal):
    replace_in(
        minimal / "measures.yaml",
        "period: {start: 2024, end: 2026}",
        "period: {start: 2026-07, end: 2026-03}",
    )
    [d] = diags(minimal)
    assert d.code == "CG205" and d.location.line == 7


def test_bad_period_format(minimal):
    replace_in(minimal / "measures.yaml", "start: 2024,", "start: Frühjahr 2024,")
    assert [d.code for d in diags(minimal)] == ["CG103"]


def test_completeness_warnings(minimal):
    replace_in(minimal / "measures.yaml", "    lead: Sozialamt\n", "")
    replace_in(minimal / "measures.yaml", "    period: {start: 2024, end: 2026}\n", "")
    replace_in(minimal / "measures.yaml", "goals: [Z1.1]", "goals: []")
    replace_in(minimal / "indicators.yaml", "    target: {value: 1000, year: 2027}\n", "")
    replace_in(minimal / "indicators.yaml", "    baseline: {value: 1234.5, year: 2023}\n", "")
    replace_in(minimal / "indicators.yaml", "goals: [Z1]", "goals: []")
    result = check_project(minimal)
    assert sorted(d.code for d in result.diagnostics) == [
        "CG301",
        "CG302",
        "CG303",
        "CG304",
        "CG305",
        "CG306",
        "CG322",  # the measure sheet's „Ziele“ row shows „–“ (lead and period are CG303/CG304 only)
    ]  # no CG323 for the monitoring table's empty „Istwerte“: CG305 at the indicator says it
    assert all(d.level.value == "warning" for d in result.diagnostics)
    assert result.ok  # warnings do not fail


def test_an_indicator_without_values_is_one_finding(minimal):
    """One indicator without baseline: CG305 at the indicator, not CG323 at the monitoring table too; with
    CG305 switched off the table's empty column is said (CG323), so the gap is never silent."""
    replace_in(minimal / "indicators.yaml", "    baseline: {value: 1234.5, year: 2023}\n", "")
    assert [d.code for d in diags(minimal)] == ["CG305"]
    project = minimal / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "checks:\n  CG305: ignore\n", encoding="utf-8")
    [d] = diags(minimal)
    assert d.code == "CG323" and "„Istwerte“" in d.message


def test_levels_configurable_per_project(minimal):
    replace_in(minimal / "measures.yaml", "    lead: Sozialamt\n", "")
    (minimal / "project.yaml").write_text(
        (minimal / "project.yaml").read_text(encoding="utf-8") + "checks:\n  CG303: error\n", encoding="utf-8"
    )
    result = check_project(minimal)
    assert [(d.code, d.level.value) for d in result.diagnostics] == [("CG303", "error")]
    assert not result.ok
    replace_in(minimal / "project.yaml", "CG303: error", "CG303: ignore")
    assert check_project(minimal).diagnostics == []


def test_unknown_check_code(minimal):
    (minimal / "project.yaml").write_text(
        (minimal / "project.yaml").read_text(encoding="utf-8") + "checks:\n  CG33: ignore\n", encoding="utf-8"
    )
    [d] = diags(minimal)
    assert d.code == "CG104" and d.location.line == 10


def test_rules_skipped_when_a_file_failed_to_load(minimal):
    (minimal / "goals.yaml").write_text("goals: [\n", encoding="utf-8")
    # references to goals would all be 'broken'; only the syntax error is reported
    assert [d.code for d in diags(minimal)] == ["CG003"]


def test_neuss_is_clean():
    from tests.conftest import NEUSS

    result = check_project(NEUSS)
    assert result.ok
    assert [d.format() for d in result.diagnostics] == []


def test_costs_without_funding_in_the_costs_table(minimal):
    """The costs table has a funding cell in every row with costs (Neuss task 2.4 printed a blank)."""
    replace_in(
        minimal / "measures.yaml",
        "        horizon: kurzfristig\n",
        "        horizon: kurzfristig\n        costs: {amount: 5000, interval: einmalig}\n",
    )
    [d] = [d for d in diags(minimal) if d.code == "CG322"]
    assert d.key_path == "measures[0].tasks[0].costs.funding" and "Aufgabe 1.1" in d.message
    replace_in(minimal / "measures.yaml", "interval: einmalig}", "interval: einmalig, funding: Kreis}")
    assert [d for d in diags(minimal) if d.code == "CG322"] == []
    replace_in(minimal / "measures.yaml", "interval: jährlich, funding: Kreis}", "interval: jährlich}")
    [d] = [d for d in diags(minimal) if d.code == "CG322"]
    assert d.key_path == "measures[0].costs.funding"


def _measured_by(minimal, goals: str, indicator_goals: str, task_goals: str = "") -> list[str]:
    """CG314's findings in the minimal project with a second Handlungsziel Z1.2, measure 1 serving
    ``goals`` and naming K1 (its task ``task_goals``), K1 measuring ``indicator_goals``."""
    replace_in(
        minimal / "goals.yaml",
        "      - {id: Z1.1, title: Handlungsziel eins}\n",
        "      - {id: Z1.1, title: Handlungsziel eins}\n      - {id: Z1.2, title: Handlungsziel zwei}\n",
    )
    replace_in(minimal / "measures.yaml", "    goals: [Z1.1]\n", f"    goals: {goals}\n")
    replace_in(minimal / "indicators.yaml", "    goals: [Z1]\n", f"    goals: {indicator_goals}\n")
    if task_goals:
        replace_in(
            minimal / "measures.yaml",
            "        horizon: kurzfristig\n",
            f"        horizon: kurzfristig\n        goals: {task_goals}\n",
        )
    return [d.message for d in diags(minimal) if d.code == "CG314"]


def test_a_measure_names_an_indicator_of_another_goal(minimal):
    """Lünen's path to the Seepark (Z2.2) was „measured“ by the satisfaction with the park (Z2.1)."""
    [message] = _measured_by(minimal, "[Z1.2]", "[Z1.1]")
    assert message == (
        "Maßnahme „1“ nennt die Kennzahl „K1“, die keines ihrer Ziele misst („K1“ misst Z1.1, die "
        "Maßnahme verfolgt Z1.2)"
    )


@pytest.mark.parametrize("indicator_goals", ["[Z1]", "[Z1.2]", "[Z1.1, Z1.2]"])
def test_an_indicator_of_a_leitziel_measures_every_handlungsziel_under_it(minimal, indicator_goals):
    assert _measured_by(minimal, "[Z1.2]", indicator_goals) == []


def test_a_measure_with_only_the_leitziel_is_not_measured_by_one_handlungsziel(minimal):
    """A measure for the Leitziel as a whole (an information leaflet for „every woman finds protection“)
    is not measured by the places of one Handlungsziel."""
    assert len(_measured_by(minimal, "[Z1]", "[Z1.1]")) == 1


def test_a_measures_goals_include_its_tasks(minimal):
    assert _measured_by(minimal, "[Z1.2]", "[Z1.1]", task_goals="[Z1.1]") == []


@pytest.mark.parametrize("goals", ["[Z7]", "[Z7, Z1.2]"])
def test_an_unknown_goal_is_reported_once_not_again_as_unmeasured(minimal, goals):
    """A misspelt goal (Z7) is CG202's error; CG314 does not add a warning that K1 measures none of
    the measure's goals because of it — but still warns for the known goal beside it."""
    found = _measured_by(minimal, goals, "[Z1.1]")
    assert len(found) == (1 if "Z1.2" in goals else 0), found
    assert all("Z7" not in message for message in found)
    assert any(d.code == "CG202" and "Z7" in d.message for d in diags(minimal))


def test_no_example_measure_names_an_indicator_that_measures_none_of_its_goals():
    """Every example: each indicator a measure or task names measures one of its goals (fails before on
    Lünen 7.3, the evaluation „measured“ by K1–K3, and Neuss 3 and 3.2 by K2)."""
    from tests.conftest import ROOT
    from tests.examples import PROJECTS

    found = {}
    for project in PROJECTS:
        messages = [d.message for d in diags(ROOT / "projects" / project) if d.code == "CG314"]
        if messages:
            found[project] = messages
    assert found == {}
