"""Running costs are typed per year: Lünen's Quartiersmanagement (565.000 €), its Eigentümerberatung,
Öffentlichkeitsarbeit („ein jährliches Quartiersfest“) and Verfügungsfonds were costs „einmalig“ although
paid every year. In every example project, a measure or task whose title, description or cost note says
that it runs (jährlich, pro Jahr, laufend …) or that is by its nature a standing service
(Quartiersmanagement, Verfügungs-/Quartiersfonds) has costs per year or month, not one-off."""

from __future__ import annotations

import re

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import ROOT
from tests.examples import PROJECTS

RUNNING = re.compile(
    r"\b(jährlich\w*|pro Jahr|je Jahr|im Jahr|laufend\w*|monatlich\w*|Quartiersmanagement|"
    r"Verfügungsfonds|Quartiersfonds)\b",
    re.IGNORECASE,
)


def one_off_but_running(items) -> list[str]:
    """The items whose costs are one-off while their own words say they run."""
    found = []
    for item in items:
        if item.costs is None or item.costs.interval.value != "einmalig":
            continue
        words = " ".join(filter(None, (item.title, item.description, item.costs.note)))
        hit = RUNNING.search(words)
        if hit:
            found.append(f"{item.id} „{item.title}“: einmalig, but „{hit.group(0)}“")
    return found


@pytest.mark.parametrize("project", PROJECTS)
def test_running_costs_are_per_year(project):
    concept = check_project(ROOT / "projects" / project).concept
    items = [item for m in concept.measures for item in (m, *m.tasks)]
    assert one_off_but_running(items) == []


def test_the_reader_finds_running_costs_typed_one_off():
    from conceptgen.model.content import Measure

    def measure(title, description, interval):
        return Measure.model_validate(
            {
                "id": "1",
                "title": title,
                "description": description,
                "priority": 1,
                "costs": {"amount": 1000, "interval": interval},
            }
        )

    assert one_off_but_running([measure("Quartiersfest", "Ein jährliches Fest.", "einmalig")])
    assert one_off_but_running([measure("Verfügungsfonds", "Kleine Projekte.", "einmalig")])
    assert not one_off_but_running([measure("Verfügungsfonds", "Kleine Projekte.", "jährlich")])
    assert not one_off_but_running([measure("Platz", "Umbau des Platzes.", "einmalig")])
