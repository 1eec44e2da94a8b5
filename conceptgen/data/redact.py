"""Personal data out of free texts before they reach a document: e-mail addresses, telephone numbers and
the names a project lists (open answers of a survey)."""

from __future__ import annotations

import re

from conceptgen.terms import Terms

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{2}[\s/-]?(?:\(0\)\s?)?|\(?0)\d[\d\s/()-]{4,}\d")


class Redactor:
    """Removes e-mail addresses, telephone numbers and the listed names from a text."""

    def __init__(self, names: list[str], terms: Terms):
        self.terms = terms
        self.names = [
            re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE)
            for n in sorted(names, key=len, reverse=True)
        ]

    def __call__(self, text: str) -> str:
        text = EMAIL.sub(self.terms["survey.email_removed"], text)
        text = PHONE.sub(self._phone, text)
        for pattern in self.names:
            text = pattern.sub(self.terms["survey.name_removed"], text)
        return text

    def _phone(self, match: re.Match[str]) -> str:
        digits = sum(c.isdigit() for c in match.group(0))
        return self.terms["survey.phone_removed"] if digits >= 7 else match.group(0)
