"""Angebots- und Bedarfsanalyse: offer capacity per inhabitants and area against a reference value."""

from __future__ import annotations

from conceptgen.data.frames import Column, Frame, filter_rows, frame_by_id, need_columns, sample_mark
from conceptgen.data.tables import TableResult
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.model.data import SupplyAnalysis
from conceptgen.terms import Terms


def supply_analysis(
    analysis: SupplyAnalysis,
    concept: Concept,
    frames: dict[str, Frame],
    source: ProjectSource,
    path: tuple,
    terms: Terms,
) -> TableResult:
    """Supply (offer capacity) per inhabitants and area against a reference value or the average."""
    population = frame_by_id(frames, analysis.population, source, (*path, "population"))
    area_column = (
        next((d.area_column for d in concept.datasets if d.id == analysis.population), None) or "area"
    )
    need_columns(population, [area_column, analysis.population_column], source, (*path, "population_column"))
    data = filter_rows(population, analysis.filter, source, (*path, "filter"))
    inhabitants = {
        str(a): float(v) for a, v in zip(data[area_column], data[analysis.population_column], strict=True)
    }
    capacity: dict[str, float] = {}
    for offer in concept.offers:
        if offer.category != analysis.category or offer.capacity is None:
            continue
        if analysis.capacity_unit and offer.capacity.unit != analysis.capacity_unit:
            continue
        capacity[offer.area] = capacity.get(offer.area, 0.0) + offer.capacity.value
    need: dict[str, float] = {}
    if analysis.need:
        need_frame = frame_by_id(frames, analysis.need, source, (*path, "need"))
        need_area = (
            next((d.area_column for d in concept.datasets if d.id == analysis.need), None) or area_column
        )
        need_columns(need_frame, [need_area, analysis.need_column or ""], source, (*path, "need_column"))
        need_data = (
            filter_rows(need_frame, analysis.filter, source, (*path, "filter"))
            if all(k in need_frame.data.columns for k in analysis.filter)
            else need_frame.data
        )
        need = {
            str(a): float(v)
            for a, v in zip(need_data[need_area], need_data[analysis.need_column], strict=True)
        }
    areas = [a for a in concept.areas if a.id in inhabitants]
    total_inhabitants = sum(inhabitants[a.id] for a in areas)
    total_capacity = sum(capacity.get(a.id, 0.0) for a in areas)
    average = total_capacity / total_inhabitants * analysis.per if total_inhabitants else 0.0
    reference = average if analysis.reference.average else float(analysis.reference.value or 0)
    rows, flags = [], []
    for area in areas:
        supply = capacity.get(area.id, 0.0)
        rate = supply / inhabitants[area.id] * analysis.per if inhabitants[area.id] else 0.0
        deviation, flag, verdict = _verdict(rate, reference, float(analysis.tolerance), terms)
        row = [area.name, inhabitants[area.id], supply, rate, reference, deviation, verdict]
        if analysis.need:
            row.insert(3, need.get(area.id))
        rows.append(row)
        flags.append(flag)
    per = terms.thousands(analysis.per)
    columns = [
        Column("area", terms["area"]),
        Column("inhabitants", terms["inhabitants"], "", True, 0),
        Column("supply", terms["supply"], analysis.capacity_unit or "", True, 1),
        Column("rate", terms("supply_per", per=per), "", True, 2),
        Column(
            "reference",
            terms["reference_value"] if not analysis.reference.average else terms["region_average"],
            "",
            True,
            2,
        ),
        Column("deviation", terms["deviation"], "%", True, 1, percent=True),
        Column("verdict", terms["verdict"]),
    ]
    if analysis.need:
        columns.insert(
            3, Column("need", analysis.need_label or analysis.need_column or terms["need"], "", True, 1)
        )
    offers_county = sum(
        o.capacity.value
        for o in concept.offers
        if o.category == analysis.category
        and o.capacity
        and o.area not in inhabitants
        and (not analysis.capacity_unit or o.capacity.unit == analysis.capacity_unit)
    )
    note = ""
    if offers_county:
        amount = f"{offers_county:g} {analysis.capacity_unit or ''}".strip()
        note = terms("region_wide_offers", amount=amount)
    total = [terms["region_total"], total_inhabitants, total_capacity, average, reference, None, ""]
    if analysis.need:
        total.insert(3, None)
    line = "; ".join([*population.sources, terms["inventory"], terms["own_calculation"]])
    used = [
        population.columns[c] for c in (area_column, analysis.population_column) if c in population.columns
    ]
    line += sample_mark(used, terms)
    return TableResult(
        analysis.id, analysis.title, columns, rows, total, line, note, flags, heading=analysis.heading or ""
    )


def _verdict(rate: float, reference: float, tolerance: float, terms: Terms) -> tuple[float | None, str, str]:
    """The deviation from the reference in percent to one decimal, as the table prints it, and the class
    it gives. The class is decided on that figure, not on a whole percent (7,50 against 9,41 is −20,3 %,
    more than 20 % below: „Unterversorgung“, where the whole percent −20 said „im Rahmen“), and never
    beyond it: a printed −20,0 is within a 20 % tolerance whatever the next decimal. Without a reference
    value, the rate decides."""
    deviation = round((rate - reference) / reference * 100, 1) + 0.0 if reference else None
    limit = tolerance * 100
    below = deviation < -limit if deviation is not None else rate < reference
    above = deviation > limit if deviation is not None else rate > reference
    if below:
        return deviation, "under", terms["under_supplied"]
    if above:
        return deviation, "over", terms["above_average"]
    return deviation, "", terms["within_range"]
