"""finanzierung.yaml: the cost and financing plan of an Integriertes Handlungskonzept — costs of each
project per year, split into sources (Bund/Land grant at the declared rate, the municipality's own
share, third parties; a Verfügungsfonds half public, half private).

Every amount is split in whole cents and the rounding remainder goes to the own share, so that each
project's sources add up to its costs in every year, and the totals per year and per source add up to
the same grand total (:meth:`Plan.verify`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import Field

from conceptgen.language import grouped
from conceptgen.model.base import Amount, Id, StrictModel, Text, Year


class Route(StrEnum):
    """How a project is financed."""

    FOERDERUNG = "städtebauförderung"  # grant at the rate, own share for the rest, third parties first
    FONDS = "verfügungsfonds"  # private share from third parties, the public share like a grant
    EIGENMITTEL = "eigenmittel"  # the municipality alone (less declared third parties)
    DRITTE = "dritte"  # third parties alone (private owners, foundations, other programmes)


class SourceSplit(StrictModel):
    """An explicit split of a project's total costs; must add up to them (CG701)."""

    grant: Amount = Field(0, description="Bund/Land (Förderung)")
    own: Amount = Field(0, description="Eigenanteil der Kommune")
    third: Amount = Field(0, description="Dritte")


class FinancedProject(StrictModel):
    measure: Id = Field(description="das Projekt: ID einer Maßnahme aus measures.yaml")
    costs: dict[Year, Amount] = Field(
        min_length=1, description="Kosten je Jahr in Euro, z. B. {2025: 120000}"
    )
    route: Route = Field(
        Route.FOERDERUNG,
        description="städtebauförderung, verfügungsfonds, eigenmittel oder dritte",
    )
    third_parties: Amount = Field(0, description="Beitrag Dritter (Summe), vor der Förderung abgezogen")
    sources: SourceSplit | None = Field(
        None, description="Aufteilung der Gesamtkosten, falls sie nicht aus route und Förderquote folgt"
    )
    note: str | None = None
    sample: bool = Field(False, description="true: Beispielangaben (im Dokument mit * gekennzeichnet)")


class FinancingPlan(StrictModel):
    """The plan: programme, grant rate and the projects with their yearly costs."""

    programme: Text = Field(description="Förderprogramm, z. B. Sozialer Zusammenhalt")
    grant_rate: float = Field(ge=0, le=100, description="Förderquote Bund/Land in Prozent, z. B. 70")
    fund_private_share: float = Field(
        50, ge=0, le=100, description="Verfügungsfonds: privater Anteil in Prozent (NRW: 50)"
    )
    source: Id | None = Field(None, description="Quelle der Förderregeln (ID aus sources.yaml)")
    projects: list[FinancedProject] = Field(min_length=1, description="Projekte mit Kosten je Jahr")


SOURCES = ("grant", "own", "third")


@dataclass
class Line:
    """One project of the plan in cents: costs and the three sources per year."""

    measure: str
    route: Route
    sample: bool
    years: dict[int, dict[str, int]] = field(default_factory=dict)  # year → {"cost", "grant", "own", "third"}

    def total(self, key: str) -> int:
        return sum(cell[key] for cell in self.years.values())


@dataclass
class Plan:
    years: list[int]
    lines: list[Line]
    problems: list[tuple[int, str, str]]  # (project index, key, message) for CG701

    def by_year(self, year: int, key: str) -> int:
        return sum(line.years.get(year, {}).get(key, 0) for line in self.lines)

    def total(self, key: str) -> int:
        return sum(line.total(key) for line in self.lines)

    def verify(self) -> list[str]:
        """Every way of adding up gives the same figures; returns what does not (empty: all add up)."""
        wrong = []
        for line in self.lines:
            for year, cell in line.years.items():
                if sum(cell[s] for s in SOURCES) != cell["cost"]:
                    wrong.append(f"{line.measure} {year}: die Quellen {cell} ergeben nicht die Kosten")
        for key in ("cost", *SOURCES):
            by_years = sum(self.by_year(y, key) for y in self.years)
            if by_years != self.total(key):
                wrong.append(f"{key}: die Jahre ergeben {by_years}, die Projekte {self.total(key)}")
        if sum(self.total(s) for s in SOURCES) != self.total("cost"):
            wrong.append("die Quellen ergeben nicht die Gesamtkosten")
        return wrong


def cents(amount: float) -> int:
    return _half_up(Decimal(str(amount)) * 100)


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def _share(amount: int, percent: float, unit: int) -> int:
    """``percent`` of ``amount`` cents in steps of ``unit`` cents, rounded half up (commercial
    rounding, not Python's)."""
    return _half_up(Decimal(amount) * Decimal(str(percent)) / 100 / unit) * unit


def _spread(total: int, weights: dict[int, int], unit: int) -> dict[int, int]:
    """``total`` cents over the years in proportion to ``weights``, in steps of ``unit`` cents (largest
    remainder: the parts add up exactly)."""
    if unit > 1 and total % unit == 0:
        return {y: v * unit for y, v in _spread(total // unit, weights, 1).items()}
    whole = sum(weights.values())
    if whole == 0:
        return dict.fromkeys(weights, 0)
    shares = {y: total * w // whole for y, w in weights.items()}
    rest = total - sum(shares.values())
    order = sorted(weights, key=lambda y: (-(total * weights[y] % whole), y))
    for y in order[:rest]:
        shares[y] += 1
    return shares


def build_plan(spec: FinancingPlan) -> Plan:
    """The plan in cents; projects whose declared figures contradict each other are reported, not split."""
    years = sorted({y for p in spec.projects for y in p.costs})
    unit = 100 if whole_euros(spec) else 1  # split in whole euros where every amount is in whole euros
    lines, problems = [], []
    for index, project in enumerate(spec.projects):
        costs = {y: cents(v) for y, v in sorted(project.costs.items())}
        total = sum(costs.values())
        line = Line(project.measure, project.route, project.sample)
        if project.sources is not None:
            declared = {s: cents(getattr(project.sources, s)) for s in SOURCES}
            if sum(declared.values()) != total:
                problems.append((index, "sources", _mismatch(sum(declared.values()), total)))
                continue
            spread = {s: _spread(declared[s], costs, unit) for s in ("grant", "third")}
            for y, cost in costs.items():
                grant, third = spread["grant"][y], spread["third"][y]
                line.years[y] = {"cost": cost, "grant": grant, "third": third, "own": cost - grant - third}
            if any(cell["own"] < 0 for cell in line.years.values()):
                problems.append(
                    (index, "sources", "die Aufteilung ergibt in einem Jahr einen negativen Eigenanteil")
                )
                continue
            lines.append(line)
            continue
        third_total = cents(project.third_parties)
        if project.route is Route.DRITTE:
            third_total = total
        elif project.route is Route.FONDS:
            if third_total:
                why = "der private Anteil eines Verfügungsfonds ist fund_private_share, nicht third_parties"
                problems.append((index, "third_parties", why))
                continue
            third_total = _share(total, spec.fund_private_share, unit)
        if third_total > total:
            problems.append((index, "third_parties", _mismatch(third_total, total, "die Dritten")))
            continue
        thirds = _spread(third_total, costs, unit)
        for y, cost in costs.items():
            third = thirds[y]
            public = cost - third
            grants = project.route in (Route.FOERDERUNG, Route.FONDS)
            grant = _share(public, spec.grant_rate, unit) if grants else 0
            line.years[y] = {"cost": cost, "grant": grant, "own": public - grant, "third": third}
        lines.append(line)
    return Plan(years, lines, problems)


def whole_euros(spec: FinancingPlan) -> bool:
    amounts = [v for p in spec.projects for v in p.costs.values()]
    amounts += [p.third_parties for p in spec.projects]
    amounts += [getattr(p.sources, s) for p in spec.projects if p.sources for s in SOURCES]
    return all(float(a).is_integer() for a in amounts)


def _mismatch(declared: int, total: int, what: str = "die Quellen") -> str:
    return f"{what} ergeben {grouped(declared / 100, 2)} €, die Kosten {grouped(total / 100, 2)} €"
