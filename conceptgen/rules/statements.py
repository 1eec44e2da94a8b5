"""Sentences written by hand that state a comparison or a trend together with its figures — „von 780
(2022) auf 1.150 (2024) gesunken“, „mit 25,3 leicht unter 52“ — checked against those figures with the
classification that phrases them from the data (data/compare.py): CG345 where the word contradicts the
numbers beside it. The forms are the language's own phrases (terms ``trend.*``, ``compare.*``), so what
a placeholder would write and what a consultant wrote in its words are read alike."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from conceptgen.data.compare import comparison, trend
from conceptgen.diagnostics import Diagnostic, diagnostic
from conceptgen.language import Language
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.rules.texts import offset_location, texts

_NUMBER = r"[\u2212\-]?(?:\d[\d.,]*\d|\d)"  # a sign also before a single digit (−7)
_YEAR = r"\d{4}"
_KINDS = ("equal", "slightly_below", "slightly_above", "below", "above")


def check_statements(source: ProjectSource, language: Language) -> list[Diagnostic]:
    """CG345 for each hand-written comparison or trend whose word its own figures contradict."""
    found = []
    for text, location, path in texts(source):
        for start, said, computed, hint in _contradictions(text, language):
            found.append(
                diagnostic(
                    "CG345",
                    f"„{said}“: die Zahlen daneben ergeben „{computed}“",
                    offset_location(location, text, start),
                    key_path=format_path(path),
                    hint=hint,
                )
            )
    return found


def _contradictions(text: str, language: Language) -> Iterator[tuple[int, str, str, str]]:
    terms = language.terms
    for kind, pattern in _trend_patterns(language):
        for m in pattern.finditer(text):
            first, last = _number(m.group("first"), language), _number(m.group("last"), language)
            if first is None or last is None or trend(first, last) == kind:
                continue
            yield m.start(), m.group(0), _words(terms[f"trend.{trend(first, last)}"]), "[[trend:<Kennzahl>]]"
    for kind, pattern in _compare_patterns(language):
        for m in pattern.finditer(text):
            value, reference = _number(m.group("value"), language), _number(m.group("reference"), language)
            if value is None or reference is None or comparison(value, reference) == kind:
                continue
            computed = terms[f"compare.{comparison(value, reference)}"].replace(
                "{reference}", m.group("reference")
            )
            yield m.start(), m.group(0), computed, "[[compare:<Kennzahl>:<Vergleichswert>]]"


def _words(template: str) -> str:
    """A trend's words without its figures („gestiegen“)."""
    return re.sub(r"\{\w+\}|[()]", "", template).split()[-1]


def _number(text: str, language: Language) -> float | None:
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return float(parse_decimal(text.replace("\u2212", "-"), locale=language.babel, strict=True))
    except NumberFormatError:
        return None


def _regex(template: str, optional_years: bool) -> str:
    """A term's template as a pattern: its values numbers (with a sample mark), its years optional."""
    if optional_years:
        template = re.sub(r"\s*\(\{\w*year\}\)", "", template)
    out = []
    for part in re.split(r"(\{\w+\})", template):
        name = part[1:-1] if part.startswith("{") else ""
        if not name:
            # a space of the term, also a no-break one („1.150\u00a0(2024)“), is any white space in a text
            out.append(re.escape(part.replace("\u00a0", " ")).replace(r"\ ", r"\s+"))
        elif name.endswith("year"):
            out.append(_YEAR)
        else:
            out.append(f"(?P<{name}>{_NUMBER})\\*?")
    return "".join(out)


def _trend_patterns(language: Language) -> list[tuple[str, re.Pattern[str]]]:
    return _compiled(tuple((kind, language.terms[f"trend.{kind}"]) for kind in ("rose", "fell")))


def _compare_patterns(language: Language) -> list[tuple[str, re.Pattern[str]]]:
    phrase = language.terms["compare.with"]
    return _compiled(
        tuple((kind, phrase.replace("{comparison}", language.terms[f"compare.{kind}"])) for kind in _KINDS)
    )


@cache
def _compiled(templates: tuple[tuple[str, str], ...]) -> list[tuple[str, re.Pattern[str]]]:
    """Each (kind, template) as two patterns: with its years and without them."""
    return [(kind, re.compile(_regex(t, optional))) for kind, t in templates for optional in (False, True)]
