"""What the blocks of a Sozialraumanalyse show (conceptgen/blocks: index_method, area_profile,
index_ranking, index_groups, map, maps): an area's profile with its pictures, the ranking and group
tables, the maps."""

from __future__ import annotations

from typing import Any

from conceptgen.data.social import SocialResult
from conceptgen.document.maps import MapFigure, index_map, indicator_map, locator_map
from conceptgen.document.social import SocialContext
from conceptgen.language import Language
from conceptgen.model import Concept


def social_context(concept: Concept, data: Any, language: Language) -> SocialContext | None:
    result = getattr(data, "social", None) if data is not None else None
    return SocialContext(result, concept, language) if result is not None else None


def profile(social: SocialContext, area: str) -> dict[str, Any]:
    """The data of an area's profile (block area_profile) with its locator map and comparison chart —
    side by side in one paragraph when it has both (one page a profile). Made once for ``social``: the
    report and the area's own document show the same (contexts are read, never changed)."""
    if area in social.profiles:
        return social.profiles[area]
    found = social.profiles[area] = social.profile(area)
    locator = locator_map(social.result, area, social.language, found["name"], found["code"])
    found["comparison"] = comparison_chart(social, area)
    if found["comparison"] is not None and locator is not None:
        found["comparison"].beside, locator = locator, None
    found["locator"] = locator
    return found


def ranking(social: SocialContext, params: Any) -> Any:
    """The ranking table of an index (block index_ranking): ``params.index``, else the first status index."""
    return social.ranking(_index(social, params.index), params.year)


def groups(social: SocialContext, params: Any) -> Any:
    """The areas by status and dynamic class (block index_groups), or None without both indices."""
    status = params.status or _first(social.result, dynamic=False)
    dynamic = params.dynamic or _first(social.result, dynamic=True)
    return social.groups(status, dynamic) if status and dynamic else None


def one_map(result: SocialResult, ident: str, year: int, language: Language) -> MapFigure | None:
    indices = {i.id for i in result.spec.indices}
    figure = (
        index_map(result, ident, year, language)
        if ident in indices
        else indicator_map(result, ident, year, language)
    )
    if figure is not None and year == result.year:
        figure.id = f"karte-{ident}"  # the label the blocks declare: fig:karte-<id>
    return figure


def _index(social: SocialContext, chosen: str | None) -> str:
    return chosen or _first(social.result, dynamic=False) or social.result.spec.indices[0].id


def _first(result: SocialResult, dynamic: bool) -> str | None:
    return next((i.id for i in result.spec.indices if bool(i.dynamic) == dynamic), None)


# a profile's comparison shows every rated area up to this many: each bar's label (a code, 9 pt, read
# upwards) needs ≈ 0.4 cm of the ≈ 7.5 cm of plot beside the locator map. Dortmund's 62 bars labelled
# only every third code (a reader could not find their area).
MAX_BARS = 18
NEIGHBOURS = 5  # beyond it: the areas this many ranks above and below, and the city's distribution


def comparison_chart(social: SocialContext, area: str) -> Any:
    """The first status index of the rated areas, largest first, with ``area`` in the accent colour: all
    of them up to MAX_BARS; beyond, a strip of the areas with the nearest ranks and, in grey, the city's
    distribution (highest value, quartiles, median, lowest value) under short labels („Max“, „Q3“, „Md“ …)
    that a note under the chart explains — 2 × NEIGHBOURS + 6 bars, each labelled."""
    from conceptgen.data.charts import ChartResult
    from conceptgen.model.charts import Chart, InlineData, InlineSeries

    result = social.result
    index_id = _first(result, dynamic=False)
    computed = result.indices.get(index_id, {}).get(result.year) if index_id else None
    if computed is None or not computed.entries.get(area) or not computed.entries[area].rated:
        return None
    index = next(i for i in result.spec.indices if i.id == index_id)
    rated = sorted(computed.rated(), key=lambda a: -(computed.entries[a].value or 0))
    terms = social.language.terms
    entry = computed.entries[area]
    name = result.names.get(area, area)
    bars = [(result.codes.get(a) or a, round(computed.entries[a].value or 0.0, 2), a == area) for a in rated]
    grey: list[int] = []
    note = ""
    heading = terms("social.comparison", index=index.name)
    alt = terms("social.comparison_alt", index=index.name, name=name, rank=entry.rank, of=len(rated))
    if len(rated) > MAX_BARS:
        bars, grey = _strip(bars, rated.index(area), terms)
        heading = terms("social.comparison_strip", index=index.name, rank=entry.rank, of=len(rated))
        alt = terms(
            "social.comparison_strip_alt", index=index.name, name=name, rank=entry.rank, of=len(rated),
            shown=len(bars) - len(grey) - 1,
        )  # fmt: skip
        note = terms("social.comparison_strip_note", region=social.region())
    codes, values = [b[0] for b in bars], [b[1] for b in bars]
    chart = Chart(
        id=f"vergleich-{area}",
        type="column",
        title=terms("social.comparison_title", index=index.name, year=result.year, name=name),
        alt=alt,
        data=InlineData(categories=codes, series=[InlineSeries(name=index.name, values=values)]),
        legend=False,
        decimals=2,
        height_cm=4.0 if grey else 4.5,  # the strip's note takes a line under it: the profile keeps its page
    )
    own = next(i for i, b in enumerate(bars) if b[2])
    return ChartResult(
        chart, codes, [(index.name, values)], highlight=own, captioned=False, heading=heading, grey=grey,
        note=note,
    )  # fmt: skip


def _strip(
    bars: list[tuple[str, float, bool]], own: int, terms: Any
) -> tuple[list[tuple[str, float, bool]], list[int]]:
    """The bars of the areas NEIGHBOURS ranks around ``own`` (fewer on one side at the ends of the
    ranking, more on the other) and the city's distribution among them by value; the latter's places."""
    import statistics

    start = max(0, min(own - NEIGHBOURS, len(bars) - 2 * NEIGHBOURS - 1))
    near = bars[start : start + 2 * NEIGHBOURS + 1]
    values = sorted(b[1] for b in bars)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    city = [
        (terms["social.city_max"], values[-1]),
        (terms["social.city_q3"], q3),
        (terms["social.city_median"], median),
        (terms["social.city_q1"], q1),
        (terms["social.city_min"], values[0]),
    ]
    merged: list[tuple[str, float, bool]] = list(near)
    for label, value in city:  # each after the last bar of at least its value: the order stays by size
        place = sum(1 for b in merged if b[1] >= value)
        merged.insert(place, (label, round(value, 2), False))
    labels = {label for label, _value in city}
    grey = [i for i, b in enumerate(merged) if b[0] in labels and not b[2]]
    return merged, grey
