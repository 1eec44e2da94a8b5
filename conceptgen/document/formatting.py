"""Locale-aware formatting of numbers, dates and amounts for the document (via Babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

_BABEL_LOCALES = {"de": "de_DE", "en": "en_GB"}


class Formatter:
    """Formats values the way the document's language writes them (1.234,5 · 2. Mai 2024 · 1.200 €)."""

    def __init__(self, locale: str = "de"):
        self.locale = _BABEL_LOCALES.get(locale, locale)

    def number(self, value: float | int | None, decimals: int | None = None) -> str:
        """``1234.5`` → ``1.234,5``; whole numbers without decimals; None → ``–``."""
        if value is None:
            return "–"
        if decimals is None:
            pattern = "#,##0" if float(value).is_integer() else "#,##0.0##"
        else:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def date(self, value: dt.date | None) -> str:
        """``2024-05-02`` → ``2. Mai 2024``."""
        return format_date(value, format="long", locale=self.locale) if value else ""

    def month_year(self, value: dt.date) -> str:
        """``2024-05-02`` → ``Mai 2024``."""
        return format_date(value, format="MMMM yyyy", locale=self.locale)

    def money(self, amount: float | None) -> str:
        """``120000`` → ``120.000 €`` (cents only when there are any)."""
        if amount is None:
            return ""
        pattern = "#,##0\u00a0¤" if float(amount).is_integer() else "#,##0.00\u00a0¤"
        if self.locale.startswith("en"):
            pattern = pattern.replace("\u00a0¤", "").join(["¤", ""])
        return format_currency(amount, "EUR", format=pattern, locale=self.locale, currency_digits=False)

    def year_month(self, value: str) -> str:
        """``2025-07`` → ``07/2025``; ``2025`` stays."""
        if len(value) == 7:
            return f"{value[5:]}/{value[:4]}"
        return value
