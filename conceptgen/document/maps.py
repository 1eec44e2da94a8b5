"""Maps of a Sozialraumanalyse as plain figures for the render stage: which class each area falls in,
the legend, the labels, the source — drawn by render/maps.py.

Indicator maps show rates in five quantile classes (never counts); index maps show the index's own
classes. Areas without a value, not rated or hidden by data protection get their own legend entries,
apart from the lowest class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.social import SocialResult
from conceptgen.data.social_index import quantile
from conceptgen.language import Language
from conceptgen.model.social import Burden

QUANTILE_CLASSES = 5


@dataclass
class MapFigure:
    """A map to draw: shapes with a class each, legend, labels, outlines, title and texts."""

    id: str
    title: str
    alt: str
    source: str  # the source line under the map (geometry and data)
    geometry_source: str  # written on the map itself
    layer: Any  # data.geometry.Layer of the areas
    classes: dict[str, int | None] = field(default_factory=dict)  # area → class; None: no class
    missing: dict[str, str] = field(default_factory=dict)  # area → why it has no class (legend text)
    legend: list[str] = field(default_factory=list)  # class labels, least burden first
    labels: dict[str, str] = field(default_factory=dict)  # area → label on the map
    outline: Any = None  # Layer drawn on top as boundaries (Stadtbezirke)
    highlight: str | None = None  # a locator map: this area stands out
    reverse: bool = False  # the ramp runs the other way (a low value is the burden)
    captioned: bool = True
    width_cm: float = 16.0
    heading: str = ""  # a short title above an uncaptioned map, in its paragraph
    categorical: bool = False  # classes are kinds, not levels: palette colours instead of a ramp
    legend_title: str = ""  # what the classes are of, with the unit
    names: dict[str, str] = field(default_factory=dict)  # area → name: on the map where it fits, else keyed
    # a bivariate map: the classes of the rows (first index) and of the columns (second index), and
    # their titles; an area's class is row × len(columns) + column
    bivariate: tuple[list[str], list[str]] | None = None
    axes: tuple[str, str] = ("", "")


def _bounds_label(language: Language, low: float | None, high: float | None, decimals: int, unit: str) -> str:
    terms = language.terms
    suffix = f"\u00a0{unit}" if unit else ""
    if low is None and high is not None:
        return terms("social.class_upto", high=language.number(high, decimals)) + suffix
    if high is None and low is not None:
        return terms("social.class_above", low=language.number(low, decimals)) + suffix
    return (
        terms(
            "social.class_between", low=language.number(low, decimals), high=language.number(high, decimals)
        )
        + suffix
    )


def indicator_map(result: SocialResult, indicator_id: str, year: int, language: Language) -> MapFigure | None:
    """An indicator's values in quantile classes; hidden and missing values apart."""
    layer = result.geometry.get(result.spec.unit)
    indicator = next(i for i in result.spec.indicators if i.id == indicator_id)
    if layer is None:
        return None
    terms = language.terms
    values = result.values.get(indicator_id, {}).get(year, {})
    shown = {
        a: values[a].value
        for a in result.units
        if a in values and values[a].value is not None and not values[a].hidden
    }
    if not shown:
        return None
    numbers = sorted(shown.values())
    count = min(QUANTILE_CLASSES, len(set(numbers)))  # never more classes than different values
    limits: list[float] = []
    for k in range(1, count):
        limit = quantile(numbers, k / count)
        if not limits or limit > limits[-1] + 1e-9:
            limits.append(limit)
    limits = [limit for limit in limits if limit < numbers[-1]]
    classes: dict[str, int | None] = {}
    missing: dict[str, str] = {}
    for area in result.units:
        value = values.get(area)
        if area in shown:
            classes[area] = sum(1 for limit in limits if shown[area] > limit + 1e-12)
        elif value is not None and value.hidden:
            classes[area] = None
            missing[area] = terms["social.hidden"]
        else:
            classes[area] = None
            missing[area] = terms["social.no_value"]
    bounds = [None, *limits, None]
    legend = [
        _bounds_label(language, bounds[k], bounds[k + 1], indicator.decimals, indicator.unit)
        for k in range(len(limits) + 1)
    ]
    title = terms("social.map_title", name=indicator.name, year=year, unit=terms.noun(result.spec.unit))
    return MapFigure(
        id=f"karte-{indicator_id}-{year}",
        title=title,
        alt=_alt(result, title, values, shown, indicator.decimals, language, indicator.unit),
        source=_source(result, language, [indicator_id]),
        geometry_source=layer.source,
        layer=layer,
        classes=classes,
        missing=missing,
        legend=legend,
        labels=_labels(result),
        outline=_outline(result),
        reverse=indicator.burden is Burden.LOW,
        legend_title=f"{indicator.name} {year}" + (f" ({indicator.unit})" if indicator.unit else ""),
        names=_names(result),
    )


def index_map(result: SocialResult, index_id: str, year: int, language: Language) -> MapFigure | None:
    """An index's classes; areas not rated apart."""
    layer = result.geometry.get(result.spec.unit)
    computed = result.indices.get(index_id, {}).get(year)
    index = next(i for i in result.spec.indices if i.id == index_id)
    if layer is None or computed is None:
        return None
    terms = language.terms
    classes = {a: e.cls for a, e in computed.entries.items()}
    missing = {a: terms["social.not_rated"] for a, e in computed.entries.items() if not e.rated}
    bounds = [None, *computed.limits, None]
    legend = [
        f"{label} ({_bounds_label(language, bounds[k], bounds[k + 1], 2, '')})"
        for k, label in enumerate(computed.labels)
    ]
    title = terms("social.map_title", name=index.name, year=year, unit=terms.noun(result.spec.unit))
    ranked = sorted(computed.rated(), key=lambda a: computed.entries[a].rank or 0)
    top = ", ".join(result.names.get(a, a) for a in ranked[:3])
    alt = f"{title}: {len(computed.rated())} {terms['social.rated']}; {terms['social.highest']}: {top}"
    return MapFigure(
        id=f"karte-{index_id}-{year}",
        title=title,
        alt=alt,
        source=_source(result, language, list(index.indicators)),
        geometry_source=layer.source,
        layer=layer,
        classes=classes,
        missing=missing,
        legend=legend,
        labels=_labels(result),
        outline=_outline(result),
        legend_title=f"{index.name} {year}",
        names=_names(result),
    )


def bivariate_map(
    result: SocialResult, first_id: str, second_id: str, year: int, language: Language
) -> MapFigure | None:
    """Two indices' classes at once (status × dynamics, the groups of the Berlin MSS): one colour per pair
    of classes, the legend a grid; areas not rated by either apart."""
    layer = result.geometry.get(result.spec.unit)
    first = result.indices.get(first_id, {}).get(year)
    second = result.indices.get(second_id, {}).get(year)
    if layer is None or first is None or second is None:
        return None
    names = {i.id: i.name for i in result.spec.indices}
    terms = language.terms
    columns = len(second.labels)
    classes: dict[str, int | None] = {}
    missing: dict[str, str] = {}
    for area in result.units:
        a, b = first.entries.get(area), second.entries.get(area)
        if (
            a is not None
            and b is not None
            and a.rated
            and b.rated
            and a.cls is not None
            and b.cls is not None
        ):
            classes[area] = a.cls * columns + b.cls
        else:
            classes[area] = None
            missing[area] = terms["social.not_rated"]
    title = terms(
        "social.bivariate_title",
        first=names[first_id],
        second=names[second_id],
        year=year,
        unit=terms.noun(result.spec.unit),
    )
    alt = terms(
        "social.bivariate_alt",
        title=title,
        rated=len([c for c in classes.values() if c is not None]),
        first=names[first_id],
        second=names[second_id],
    ) + _largest_lowest(classes, first.labels, second.labels)
    return MapFigure(
        id=f"karte-{first_id}-{second_id}",
        title=title,
        alt=alt,
        source=_source(result, language, sorted({*first_indicators(result, first_id, second_id)})),
        geometry_source=layer.source,
        layer=layer,
        classes=classes,
        missing=missing,
        legend=[f"{r} / {c}" for r in first.labels for c in second.labels],
        labels=_labels(result),
        outline=_outline(result),
        legend_title=f"{year}",
        names=_names(result),
        bivariate=(list(first.labels), list(second.labels)),
        axes=(names[first_id], names[second_id]),
    )


def _largest_lowest(classes: dict[str, int | None], rows: list[str], columns: list[str]) -> str:
    """For the alt text: the most frequent group in the lowest status class, with its count."""
    counts: dict[int, int] = {}
    for cls in classes.values():
        if cls is not None and cls // len(columns) == len(rows) - 1:
            counts[cls] = counts.get(cls, 0) + 1
    if not counts:
        return ""
    worst = max(counts, key=lambda c: counts[c])
    return f"; {rows[-1]} / {columns[worst % len(columns)]}: {counts[worst]}"


def first_indicators(result: SocialResult, *index_ids: str) -> list[str]:
    """The indicators of the indices ``index_ids`` (for the source line)."""
    return [i for index in result.spec.indices if index.id in index_ids for i in index.indicators]


def locator_map(
    result: SocialResult, area: str, language: Language, name: str, code: str
) -> MapFigure | None:
    """A small map of all areas with ``area`` highlighted."""
    layer = result.geometry.get(result.spec.unit)
    if layer is None or area not in layer.shapes:
        return None
    alt = language.terms("social.locator_alt", name=name, code=code)
    return MapFigure(
        id=f"lage-{area}",
        title=alt,
        alt=alt,
        source="",
        geometry_source=layer.source,
        layer=layer,
        outline=_outline(result),
        highlight=area,
        captioned=False,
        width_cm=4.5,
        heading=language.terms["social.locator"],
    )


def _labels(result: SocialResult) -> dict[str, str]:
    return {a: result.codes.get(a, "") for a in result.units}


def _names(result: SocialResult) -> dict[str, str]:
    return {a: result.names.get(a, a) for a in result.units}


def _outline(result: SocialResult) -> Any:
    kinds = [k for k in result.geometry if k != result.spec.unit]
    return result.geometry[kinds[0]] if kinds else None


def _source(result: SocialResult, language: Language, indicators: list[str]) -> str:
    """The sources of the data of ``indicators`` and of the geometry."""
    used = {i.data for i in result.spec.indicators if i.id in indicators}
    data = [d for d in result.spec.data if d.id in used]
    layer = result.geometry.get(result.spec.unit)
    names = sorted({d.source for d in data})
    text = f"{language.terms['source']}: {', '.join(names)}; {language.terms['own_calculation']}"
    if any(d.sample for d in data):
        text += f" ({language.terms['sample']})"
    if layer is not None:
        text += f"; {layer.source}"
    return text


def _alt(result, title, values, shown, decimals, language, unit) -> str:
    terms = language.terms
    ordered = sorted(shown, key=lambda a: shown[a], reverse=True)[:3]
    top = ", ".join(
        f"{result.names.get(a, a)} ({language.number(shown[a], decimals)}\u00a0{unit})" for a in ordered
    )
    return f"{title}: {terms['social.highest']}: {top}"
