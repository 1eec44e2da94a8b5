"""The other concept types' own figures and rules: the financing plan adds up (against hand computations),
benchmarks, the article matrix and register, and the check codes CG701–CG708 at their places."""

from __future__ import annotations

import shutil

import pytest

from conceptgen.model import Concept
from conceptgen.model.financing import FinancingPlan, build_plan
from conceptgen.model.frameworks import evaluate_benchmark
from conceptgen.pipeline import check_project
from tests.conftest import ROOT, replace_in


def _plan(**spec) -> FinancingPlan:
    return FinancingPlan.model_validate({"programme": "Sozialer Zusammenhalt", "grant_rate": 70, **spec})


def test_grant_route_by_hand():
    """100.000 € in 2025 and 50.000 € in 2026, 30.000 € third parties, grant rate 70 %:
    third parties spread 2:1 → 20.000 / 10.000; eligible 80.000 / 40.000; Bund/Land 56.000 / 28.000;
    own share 24.000 / 12.000."""
    plan = build_plan(
        _plan(projects=[{"measure": "1", "costs": {2025: 100000, 2026: 50000}, "third_parties": 30000}])
    )
    line = plan.lines[0]
    assert line.years[2025] == {"cost": 10000000, "grant": 5600000, "own": 2400000, "third": 2000000}
    assert line.years[2026] == {"cost": 5000000, "grant": 2800000, "own": 1200000, "third": 1000000}
    assert plan.verify() == []


def test_fund_own_and_third_routes_by_hand():
    """Verfügungsfonds 10.000 €: 5.000 private (third), 5.000 public of which 70 % = 3.500 grant,
    1.500 own. Eigenmittel 8.000 €: all own. Dritte 4.000 €: all third parties."""
    plan = build_plan(
        _plan(
            projects=[
                {"measure": "F", "costs": {2025: 10000}, "route": "verfügungsfonds"},
                {"measure": "E", "costs": {2025: 8000}, "route": "eigenmittel"},
                {"measure": "D", "costs": {2025: 4000}, "route": "dritte"},
            ]
        )
    )
    cells = [line.years[2025] for line in plan.lines]
    assert cells[0] == {"cost": 1000000, "grant": 350000, "own": 150000, "third": 500000}
    assert cells[1] == {"cost": 800000, "grant": 0, "own": 800000, "third": 0}
    assert cells[2] == {"cost": 400000, "grant": 0, "own": 0, "third": 400000}
    assert plan.total("grant") == 350000 and plan.total("own") == 950000 and plan.total("third") == 900000


def test_rounding_stays_in_whole_euros_and_adds_up():
    """33.333 € at 70 % is 23.333,1 € → 23.333 € grant (commercial rounding to euros), 10.000 € own; three
    years of 10.001 € with 10.000 € third parties spread 3.334 / 3.333 / 3.333 (largest remainder)."""
    plan = build_plan(
        _plan(
            projects=[
                {"measure": "A", "costs": {2025: 33333}},
                {"measure": "B", "costs": {2025: 10001, 2026: 10001, 2027: 10001}, "third_parties": 10000},
            ]
        )
    )
    assert plan.lines[0].years[2025]["grant"] == 2333300 and plan.lines[0].years[2025]["own"] == 1000000
    assert [plan.lines[1].years[y]["third"] for y in (2025, 2026, 2027)] == [333400, 333300, 333300]
    assert all(v % 100 == 0 for line in plan.lines for cell in line.years.values() for v in cell.values())
    assert plan.verify() == []


def test_half_euro_rounds_up_not_to_even():
    """5 € at 50 %: 2,50 € → 3 € grant (Python's round would give 2)."""
    plan = build_plan(_plan(grant_rate=50, projects=[{"measure": "A", "costs": {2025: 5}}]))
    assert plan.lines[0].years[2025]["grant"] == 300


def test_declared_sources_must_add_up():
    plan = build_plan(
        _plan(projects=[{"measure": "A", "costs": {2025: 1000}, "sources": {"grant": 600, "own": 300}}])
    )
    assert plan.lines == [] and plan.problems and "900,00 €" in plan.problems[0][2]


def test_luenen_plan_adds_up_every_way():
    from conceptgen.loading import load_project
    from conceptgen.model.validate import validate_concept

    source, _ = load_project(ROOT / "projects" / "luenen")
    concept, problems = validate_concept(source)
    assert concept is not None and not problems
    plan = build_plan(concept.financing)
    assert plan.verify() == [] and plan.problems == []
    assert plan.total("cost") == 590300000  # 5.903.000 € over twelve projects
    assert sum(plan.by_year(y, "cost") for y in plan.years) == plan.total("cost")
    assert plan.total("grant") + plan.total("own") + plan.total("third") == plan.total("cost")
    for project in concept.financing.projects:  # the plan's totals are the measures' costs
        line = next(x for x in plan.lines if x.measure == project.measure)
        measure = next(m for m in concept.measures if m.id == project.measure)
        years = 1 if measure.costs.interval.value == "einmalig" else len(project.costs)
        assert line.total("cost") == round(measure.costs.amount * 100) * years


def test_benchmark_by_hand():
    """Bottrop: 118.113 inhabitants, 1 family place per 10.000 → 11,8 required; 12 family places exist
    (AWO-Frauenhaus) → coverage 101,6 %. Women 59.800, 1 counselling centre per 50.000 → 1,196."""
    from conceptgen.loading import load_project
    from conceptgen.model.validate import validate_concept

    source, _ = load_project(ROOT / "projects" / "bottrop-gewaltschutz")
    concept, _ = validate_concept(source)
    assert isinstance(concept, Concept)
    by_id = {b.id: b for b in concept.benchmarks}
    shelter = evaluate_benchmark(by_id["schutzplaetze"], concept.areas, concept.offers)
    assert shelter.required == pytest.approx(11.8113) and shelter.existing == 12
    assert shelter.coverage == pytest.approx(101.6, abs=0.05) and shelter.offers == ("frauenhaus",)
    counselling = evaluate_benchmark(by_id["beratungsstellen"], concept.areas, concept.offers)
    # only capacities in the benchmark's unit count: the Stellen (VZÄ) of Courage do not
    assert counselling.required == pytest.approx(1.196) and counselling.existing == 1
    assert counselling.offers == ("courage",)
    rape = evaluate_benchmark(by_id["sexualisierte_gewalt"], concept.areas, concept.offers)
    assert rape.existing == 0 and rape.gap == pytest.approx(0.299)


def test_benchmark_factor_converts_capacities():
    from conceptgen.model.content import Area, Offer
    from conceptgen.model.frameworks import Benchmark

    areas = [Area(id="s", name="Stadt", population=100000)]
    offers = [Offer(id="fh", name="Frauenhaus", category="schutz", provider="T", area="s",
                    capacity={"value": 25, "unit": "Betten"})]  # fmt: skip
    benchmark = Benchmark(id="b", name="Plätze", value=1, per=10000, unit="Familienplätze", category="schutz",
                          capacity_unit="Betten", factor=2.5, source="Q")  # fmt: skip
    result = evaluate_benchmark(benchmark, areas, offers)
    assert result.required == 10 and result.existing == 10 and result.capacity == 25


@pytest.fixture
def gewaltschutz(tmp_path):
    target = tmp_path / "gs"
    shutil.copytree(
        ROOT / "projects" / "bottrop-gewaltschutz", target, ignore=shutil.ignore_patterns("build")
    )
    return target


@pytest.fixture
def inklusion(tmp_path):
    target = tmp_path / "ik"
    shutil.copytree(ROOT / "projects" / "bottrop-inklusion", target, ignore=shutil.ignore_patterns("build"))
    return target


@pytest.fixture
def luenen(tmp_path):
    target = tmp_path / "lu"
    shutil.copytree(ROOT / "projects" / "luenen", target, ignore=shutil.ignore_patterns("build"))
    return target


def _codes(folder) -> list[tuple[str, str, str]]:
    return [(d.code, str(d.location), d.message) for d in check_project(folder).diagnostics]


def test_example_projects_check_clean(gewaltschutz, inklusion, luenen):
    for folder in (gewaltschutz, inklusion, luenen):
        assert _codes(folder) == []


def _line_of(path, text: str) -> int:
    """The 1-based line holding ``text`` (so that edits of the example elsewhere keep the test)."""
    [line] = [n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in row]
    return line


def test_measure_without_article_and_article_never_addressed(inklusion):
    replace_in(inklusion / "measures.yaml", "    articles: [30]\n", "")  # M9, the only one for Art. 30
    replace_in(inklusion / "goals.yaml", "    articles: [30]\n", "")
    replace_in(inklusion / "goals.yaml", "laden ein., articles: [30]}", "laden ein.}")
    found = _codes(inklusion)
    assert sorted(c for c, _w, _m in found) == ["CG704", "CG705"]
    by_code = {c: (w, m) for c, w, m in found}
    m9 = _line_of(inklusion / "measures.yaml", "  - id: M9")
    assert by_code["CG704"][0].endswith(f"measures.yaml:{m9}:5") and "M9" in by_code["CG704"][1]
    assert "Art.\u00a030 Teilhabe am kulturellen Leben" in by_code["CG705"][1]
    assert by_code["CG705"][0].split("/")[-1].startswith("konvention.yaml:")


def test_unknown_article_is_located(inklusion):
    replace_in(
        inklusion / "measures.yaml",
        "articles: [27]\n    sample: true\n  - id: M4",
        "articles: [72]\n    sample: true\n  - id: M4",
    )
    found = _codes(inklusion)
    line = _line_of(inklusion / "measures.yaml", "articles: [72]")
    assert ("CG703", f"measures.yaml:{line}:16") in [(c, w.split("/")[-1]) for c, w, _m in found]
    assert any("Artikel 72 ist kein Artikel der UN-BRK" in m for _c, _w, m in found)


def test_articles_without_a_convention(inklusion):
    (inklusion / "konvention.yaml").unlink()
    found = _codes(inklusion)
    assert [c for c, _w, _m in found] == ["CG703"] and "keine Konvention ist erklärt" in found[0][2]


def test_benchmark_without_source_and_without_population(gewaltschutz):
    replace_in(
        gewaltschutz / "inventory.yaml", "    source: coe_taskforce\n    article: 22\n", "    article: 22\n"
    )
    replace_in(gewaltschutz / "inventory.yaml", "    population_women: 59800\n", "")
    found = _codes(gewaltschutz)
    codes = sorted(c for c, _w, _m in found)
    assert codes == ["CG706", "CG707", "CG707"]
    assert any("Richtwert „beratungsstellen“ hat keine Quelle" in m for _c, _w, m in found)


def test_financing_plan_that_does_not_add_up(luenen):
    costs = "2020: 25000, 2021: 25000}\n"  # measure 1.2: 125.000 € in five years
    replace_in(luenen / "finanzierung.yaml", costs, costs + "      sources: {grant: 80000, own: 40000}\n")
    replace_in(
        luenen / "finanzierung.yaml", "      third_parties: 100000\n", "      third_parties: 2000000\n"
    )
    found = _codes(luenen)
    cg701 = [(w.split("/")[-1], m) for c, w, m in found if c == "CG701"]
    assert len(cg701) == 2
    assert cg701[0][0] == "finanzierung.yaml:15:16" and "120.000,00 €" in cg701[0][1]
    assert "die Dritten ergeben 2.000.000,00 €" in cg701[1][1]


def test_financing_plan_and_measure_disagree(luenen):
    replace_in(luenen / "finanzierung.yaml", "{2018: 150000, 2019: 620000,", "{2018: 150000, 2019: 630000,")
    found = _codes(luenen)
    assert [c for c, _w, _m in found] == ["CG702"]
    assert "einmalig 1.800.000 € in measures.yaml, 1.810.000 € im Finanzierungsplan" in found[0][2]


def test_leichte_sprache_lines(inklusion):
    (inklusion / "text" / "ls_weiter.md").write_text(
        "Der Rat entscheidet. Danach fängt die Arbeit an.\n"
        "Alle zwei Jahre schreibt die Stadt einen langen Bericht über alles, was im Plan steht und was noch "
        "fehlt.\n",
        encoding="utf-8",
    )
    found = [(c, w.split("/")[-1], m) for c, w, m in _codes(inklusion)]
    assert found == [
        ("CG708", "ls_weiter.md:1:1", "2 Sätze in einer Zeile"),
        ("CG708", "ls_weiter.md:2:1", "ein Satz mit 19 Wörtern: „Alle zwei Jahre schreibt die Stadt …“"),
    ]
