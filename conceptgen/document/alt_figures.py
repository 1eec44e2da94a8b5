"""The figures a chart's alt text names, against the figures the chart shows (check CG444).

An alt text is what a screen reader says instead of the picture, so its figures are claims like any
printed number: Neuss' alt texts still said „505 Personen … Dormagen (176)“ after the data behind the
chart had changed. A figure of the alt text is the chart's when it is one of its values or a series'
sum (as the chart labels them: one decimal), or stands in its categories or title („45 bis unter 65“,
„Grad 50“); a year, and a figure after a word that makes it a unit, a bound or a rank („je 10.000“,
„unter 20“, „Priorität 1“: the language's term ``chart.alt_not_values``) are not read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from conceptgen.language import Language


@lru_cache(maxsize=8)
def _patterns(locale: str, words: str) -> tuple[re.Pattern[str], re.Pattern[str], str, str]:
    """A figure as ``locale`` writes it, the words before a figure that is no value, the group and the
    decimal sign."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    grouped = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(decimal)}\d+)?"
    plain = rf"\d+(?:{re.escape(decimal)}\d+)?"
    figure = re.compile(rf"(?<![\w.,])[−-]?(?:{grouped}|{plain})(?!\w)")
    before = "|".join(re.escape(w) for w in words.split())
    return figure, re.compile(rf"\b(?:{before})\s+$", re.IGNORECASE), group, decimal


def figures(text: str, language: Language) -> list[tuple[str, float]]:
    """The figures ``text`` names as values, each as written and as a number (years and units left out)."""
    figure, skipped, group, decimal = _patterns(language.babel, language.terms["chart.alt_not_values"])
    found = []
    for match in figure.finditer(text):
        written = match.group(0)
        if skipped.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        number = float(written.replace("−", "-").replace(group, "").replace(decimal, "."))
        if decimal not in written and number.is_integer() and 1900 <= number <= 2100:
            continue  # a year
        found.append((written, number))
    return found


def unshown(chart: Any, language: Language) -> list[str]:
    """The figures of ``chart``'s alt text (a ChartResult) that the chart does not show, as written."""
    alt = chart.chart.alt or ""
    if not alt or not chart.series:
        return []
    shown = {round(float(v), 1) for _, values in chart.series for v in values if v is not None}
    shown |= {round(sum(v for v in values if v is not None), 1) for _, values in chart.series}
    names = [*map(str, chart.categories), *(name for name, _ in chart.series), chart.chart.title or ""]
    words = " ".join(names)
    shown |= {round(number, 1) for _, number in figures(words, language)}
    return list(dict.fromkeys(w for w, number in figures(alt, language) if round(number, 1) not in shown))
