"""Axis titles the wrong way round (CG443): a chart whose category axis is titled with what its values
measure, or whose value axis is titled with what its categories are.

``x_title`` is the horizontal axis and ``y_title`` the vertical one: the categories and the values of a
column or line chart, the values and the categories of a bar chart (its bars lie across). The signal is
the chart's own data, never a guess at what a word means: a title shares a word with the names and labels
of the columns on one side and none with the other side's; or the category axis carries a unit („%“,
„€“, „Anzahl“, „je 10.000 EW“) while its categories are names or years, not numbers that could have one.
A title that matches neither side says nothing either way and is left alone."""

from __future__ import annotations

import re
from typing import Any

from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model.charts import Chart, ChartType

_AXES = (ChartType.COLUMN, ChartType.BAR, ChartType.LINE, ChartType.INDICATOR)
_STOP = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "und", "oder", "von", "vom", "bis"}
    | {"mit", "nach", "für", "je", "pro", "unter", "über", "ohne", "insgesamt", "darunter", "davon", "bei"}
    | {"als", "zum", "zur"}
)
_UNIT_WORDS = frozenset({"anzahl", "prozent", "euro", "anteil", "anteile"})
_UNIT = re.compile(r"[%‰€]|(?:^|\s)(?:je|pro)\s", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TIME = frozenset({"jahr", "jahre", "jahren"})


def words(text: str) -> set[str]:
    """The words of a title, a label or a column name that can tell what it names (no short words, no
    articles or prepositions; „je_10000“ → nothing, „Untergebrachte Personen“ → both)."""
    return {w for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in _STOP}


def swapped_titles(
    chart: Chart,
    categories: list[str],
    series: list[str],
    labels: dict[str, tuple[str, str]],
    unit: str,
    source: ProjectSource,
    path: tuple,
) -> list[Diagnostic]:
    """CG443 for a chart of ``categories`` and ``series`` (their names) whose axis titles are the wrong
    way round. ``labels``: a view's columns by name, each its label and unit; ``unit``: an indicator's."""
    if chart.type not in _AXES:
        return []
    bar = chart.type is ChartType.BAR
    keys = ("y_title", "x_title") if bar else ("x_title", "y_title")  # the category axis, the value axis
    category_title, value_title = (getattr(chart, key) or "" for key in keys)
    years = bool(categories) and all(_YEAR.fullmatch(c.strip()) for c in categories)
    side = _category_words(chart, labels) | (_TIME if years else set())
    values = _value_words(chart, series, labels, unit)
    # categories that are numbers (a grade, an age, an interval) may carry a unit on their axis
    named = years or not any(ch.isdigit() for c in categories for ch in c)
    said = words(category_title)
    if category_title and (
        (named and (_UNIT.search(category_title) or said & _UNIT_WORDS))
        or (said & values and not said & side)
    ):
        wrong, key = category_title, keys[0]
    elif value_title and words(value_title) & side and not words(value_title) & values:
        wrong, key = value_title, keys[1]
    else:
        return []
    at = (*path, key)
    axis = "Werte" if key == keys[1] else "Kategorien"
    other = "Kategorien" if key == keys[1] else "Werte"
    return [
        diagnostic(
            "CG443",
            f"Diagramm „{chart.id}“: die Achse der {axis} ({key}) heißt „{wrong}“ — so heißen die "
            f"{other}; die Achsentitel sind vertauscht",
            source.locate(at),
            key_path=format_path(at),
            hint="x_title ist die waagerechte Achse, y_title die senkrechte: bei Säulen und Linien die "
            "Kategorien und die Werte, bei Balken (bar, quer) die Werte und die Kategorien",
        )
    ]


def _category_words(chart: Chart, labels: dict[str, tuple[str, str]]) -> set[str]:
    name = chart.category or ""
    return words(name.replace("_", " ")) | words(labels.get(name, ("", ""))[0])


def _value_words(chart: Chart, series: list[str], labels: dict[str, tuple[str, str]], unit: str) -> set[str]:
    columns = [s.column for s in chart.series] + ([chart.value] if chart.value else [])
    found = words(unit) | {w for name in series for w in words(name)}
    for column in columns:
        label, column_unit = labels.get(column, ("", ""))
        found |= words(column.replace("_", " ")) | words(label) | words(column_unit)
    if chart.indicator:
        found |= words(chart.indicator)
    return found


def view_labels(frame: Any, names: list[str]) -> dict[str, tuple[str, str]]:
    """Label and unit of each of ``names`` that the view ``frame`` has."""
    return {n: (frame.columns[n].label, frame.columns[n].unit) for n in names if n in frame.columns}
