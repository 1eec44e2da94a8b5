"""The document's language: its tags, its terms and how it writes numbers, dates and amounts.

One :class:`Language` is made per project (from ``locale:`` in project.yaml) and passed down to every
stage that writes words or numbers. Babel is imported on first formatting, so ``check`` of a project
without data stays light.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conceptgen.terms import Terms

NBSP = "\u00a0"
# project locale → (language tag in the document, Babel locale)
_LANGUAGES = {"de": ("de-DE", "de_DE"), "en": ("en-GB", "en_GB")}


@dataclass(frozen=True)
class Language:
    """A document language: ``code`` (de, en), ``tag`` (de-DE), ``babel`` (de_DE) and its terms."""

    code: str = "de"
    terms: Terms = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.code not in _LANGUAGES:
            raise ValueError(f"unbekannte Sprache „{self.code}“")
        if self.terms is None:
            object.__setattr__(self, "terms", Terms(self.code))

    @classmethod
    def of(cls, code: str, vocabulary: Mapping[str, str] | None = None) -> Language:
        """The language ``code`` with the project's own words (``vocabulary``) over its terms."""
        return cls(code, Terms(code, vocabulary))

    @property
    def tag(self) -> str:
        """BCP 47 tag written into the document (``de-DE``)."""
        return _LANGUAGES[self.code][0]

    @property
    def babel(self) -> str:
        return _LANGUAGES[self.code][1]

    @property
    def german(self) -> bool:
        return self.code == "de"

    # --- formatting --------------------------------------------------------------------------------

    def number(self, value: float | int | None, decimals: int | None = None) -> str:
        """``1234.5`` → ``1.234,5``; whole numbers without decimals; None → ``–``."""
        if value is None:
            return self.terms["none"]
        if decimals is None:
            pattern = "#,##0" if float(value).is_integer() else "#,##0.0##"
        else:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        # a document prints the same figures again and again (633 numbers, 223 different, in a check
        # of projects/neuss): each is formatted once; the key tells 1 from 1.0 and 0.0 from -0.0
        return _decimal(self.babel, pattern, type(value), repr(value), value)

    def date(self, value: dt.date | None) -> str:
        """``2024-05-02`` → ``2. Mai 2024`` (a non-breaking space after the day: never split)."""
        from babel.dates import format_date

        if not value:
            return ""
        return format_date(value, format="long", locale=_locale(self.babel)).replace(" ", NBSP, 1)

    def spelled(self, n: int, gender: str = "", case: str = "nom") -> str:
        """A count as a sentence writes it: up to twelve in words (``sieben``), larger ones in digits.
        ``gender`` ``m``, ``f`` or ``n`` gives the form of one in ``case`` (nom, acc, dat, gen):
        „umfasst einen Baustein“, „mit einer Aufgabe“."""
        if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 12:
            return self.number(n)
        if n == 1 and gender in ("m", "f", "n"):
            return self.terms[f"one.{case}"].split()["mfn".index(gender)]
        return self.terms["numbers"].split()[n]

    def times(self, n: int) -> str:
        """How often: ``siebenmal``, ``13-mal`` (seven times, 13 times)."""
        if isinstance(n, int) and n in (1, 2):
            return self.terms[f"times_{n}"]
        if isinstance(n, int) and 0 <= n <= 12:
            return self.terms("times_word", word=self.spelled(n))
        return self.terms("times_digits", n=self.number(n))

    def month_year(self, value: dt.date) -> str:
        """``2024-05-02`` → ``Mai 2024``."""
        from babel.dates import format_date

        return format_date(value, format="MMMM yyyy", locale=_locale(self.babel))

    def money(self, amount: float | None) -> str:
        """``120000`` → ``120.000 €`` (cents only when there are any)."""
        from babel.numbers import format_currency

        if amount is None:
            return ""
        pattern = "#,##0\u00a0¤" if float(amount).is_integer() else "#,##0.00\u00a0¤"
        if not self.german:
            pattern = pattern.replace("\u00a0¤", "").join(["¤", ""])
        locale = _locale(self.babel)
        return format_currency(amount, "EUR", format=pattern, locale=locale, currency_digits=False)

    def year_month(self, value: str) -> str:
        """``2025-07`` → ``07/2025``; ``2025`` stays."""
        if len(value) == 7:
            return f"{value[5:]}/{value[:4]}"
        return value


def grouped(value: float, decimals: int = 0) -> str:
    """A number as a German message writes it, thousands grouped by points, a decimal comma: ``40000`` →
    ``40.000``, ``(1234.5, 2)`` → ``1.234,50`` (an English ``40,000`` reads as forty in German)."""
    return f"{value:,.{decimals}f}".translate({ord(","): ".", ord("."): ","})


@functools.cache
def _locale(name: str) -> Any:
    """Babel's locale ``name``, parsed once (Babel parses a name given as text on every call: 40 µs of a
    number's 50)."""
    from babel import Locale

    return Locale.parse(name)


@functools.lru_cache(maxsize=8192)
def _decimal(locale: str, pattern: str, kind: type, text: str, value: Any) -> str:
    """``value`` (of type ``kind``, written ``text``) formatted by ``pattern`` in ``locale``, with a real
    minus sign (U+2212), as typesetting wants it; „-0,00“ is shown as „0,00“."""
    from babel.numbers import format_decimal

    formatted = format_decimal(value, format=pattern, locale=_locale(locale))
    if formatted.startswith("-"):
        formatted = "\u2212" + formatted[1:] if formatted.strip("-0,.") else formatted[1:]
    return formatted
