"""Typography of the document's language: quotes, dashes and non-breaking spaces.

German: „…“ and ‚…‘, en dash in ranges (2024–2026) and as Gedankenstrich, non-breaking spaces inside
„§ 67“, „z. B.“, „Abs. 2“, „10 %“. English: “…” and ‘…’, en dash in ranges. Applied to user text only;
numbers and dates are formatted by Babel before they get here.
"""

from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"

_QUOTES = {"de": ("„", "“", "‚", "‘"), "en": ("“", "”", "‘", "’")}
_DOUBLE = re.compile(r'"(?=\S)([^"\n]*?\S)"')
_SINGLE = re.compile(r"(?<![\w'])'(?=\S)([^'\n]*?[^\s'])'(?!\w)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_RANGE = re.compile(r"(?<![\d.\-/])(\d{1,4})\s?-\s?(\d{1,4})(?!\d)(?![\-/.]\d)")
_DASH = re.compile(r"(?<=\S) - (?=\S)")
_SECTION = re.compile(r"(§§?|Art\.|Abs\.|Nr\.|S\.|Kap\.|Ziff\.|Anl\.) (?=[\dIVX])")
_LAW = re.compile(r"(?<=\d) (?=(?:SGB|BGB|OBG|GG|AufenthG|WoBindG|BauGB)\b)")
_BOOK = re.compile(r"\bSGB (?=[IVX]+\b)")
_ABBREVIATION = re.compile(r"\b(z|d|u|i|s|v|o|z\.\s?T|u\.\s?a)\. (?=(B|h|a|ä|R|o|u|g|Ä|d\.\s?R|T)\.)")
_PERCENT = re.compile(r"(?<=\d) (?=(%|€|‰)(?!\w))")
# a number and its unit stay on one line: 150.000 €, 36 %, 2 Stellen, 12 Plätze, 5 Mio.
_UNIT = re.compile(
    r"(?<=\d) (?=(?:Mio\.|Mrd\.|Tsd\.|km|m²|ha|EW|VZÄ|Stellen|Stelle|Plätze|Platz|Personen|Jahre"
    r"|Monate|Wochen|Tage|Prozent|Euro)(?![\wäöüß]))"
)


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=65536)
def typeset(text: str, locale: str = "de") -> str:
    """Apply the language's typography to a piece of user text (never to URLs). Kept per text: a
    document's context repeats the same strings (names, units, periods) many times."""
    if not text or text.startswith(("http://", "https://", "mailto:")):
        return text
    # each rule runs only when its trigger character is there: most strings need none of them
    open_double, close_double, open_single, close_single = _QUOTES.get(locale, _QUOTES["de"])
    if '"' in text:
        text = _DOUBLE.sub(lambda m: f"{open_double}{m.group(1)}{close_double}", text)
    if "'" in text:
        text = _SINGLE.sub(lambda m: f"{open_single}{m.group(1)}{close_single}", text)
        text = _APOSTROPHE.sub("’", text)
    if "-" in text:
        text = _RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", text)
        text = _DASH.sub(" – ", text)
    if locale == "de" and " " in text:
        if "§" in text or "." in text:
            text = _SECTION.sub(lambda m: m.group(1) + NBSP, text)
            text = _ABBREVIATION.sub(lambda m: m.group(1) + "." + NBSP, text)
        digits = _DIGIT.search(text) is not None
        if digits or "SGB" in text:
            text = _LAW.sub(NBSP, text)
            text = _BOOK.sub("SGB" + NBSP, text)
        if digits and ("%" in text or "€" in text or "‰" in text):
            text = _PERCENT.sub(NBSP, text)
        if digits:
            text = _UNIT.sub(NBSP, text)
    return text
