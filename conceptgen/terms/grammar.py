"""The grammar of a term: a noun declared once with its forms, and the few rules around it.

A :class:`Noun` is a ``str`` (its nominative singular, so it reads as before wherever a term is used as
text) that also knows its gender and its forms in the four cases, singular and plural, as the terms table
or the lexicon declares them — nothing is inflected by rule except the ending of an adjective before it
(„Statistischer Bezirk“ → „nach Statistischen Bezirken“) and the article, both from the small tables
below. A term names a form in a placeholder's format spec: ``{area_unit:dat.pl}`` („Kommunen“),
``{measure:gen.def}`` („der Maßnahme“, „des Projekts“), ``{measure:stem}`` („Maßnahmen“ as in
„Maßnahmensteckbriefe“), ``{measure:pl.cap}`` („Measures“ in English). :func:`count` puts a number and a
noun together so that one is singular („1 Beratungsstelle“) and every other count plural.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

CASES = ("nom", "gen", "dat", "acc")
NUMBERS = ("sg", "pl")
ARTICLES = ("def", "indef")
STYLES = ("cap", "stem")
SPEC_WORDS = frozenset(CASES + NUMBERS + ARTICLES + STYLES)

# German articles and adjective endings (nominative, genitive, dative, accusative) — the only inflection
# conceptgen does by rule; a noun's own forms are always declared
_DEFINITE = {
    "m": ("der", "des", "dem", "den"),
    "f": ("die", "der", "der", "die"),
    "n": ("das", "des", "dem", "das"),
    "pl": ("die", "der", "den", "die"),
}
_INDEFINITE = {
    "m": ("ein", "eines", "einem", "einen"),
    "f": ("eine", "einer", "einer", "eine"),
    "n": ("ein", "eines", "einem", "ein"),
}
_STRONG = {  # no article: „Statistischer Bezirk“, „nach Statistischen Bezirken“
    "m": ("er", "en", "em", "en"),
    "f": ("e", "er", "er", "e"),
    "n": ("es", "en", "em", "es"),
    "pl": ("e", "er", "en", "e"),
}
_WEAK = {  # after der/die/das: „des Statistischen Bezirks“
    "m": ("e", "en", "en", "en"),
    "f": ("e", "en", "en", "e"),
    "n": ("e", "en", "en", "e"),
    "pl": ("en", "en", "en", "en"),
}
_MIXED = {  # after ein/eine: „ein Integriertes Handlungskonzept“
    "m": ("er", "en", "en", "en"),
    "f": ("e", "en", "en", "e"),
    "n": ("es", "en", "en", "es"),
}
_ENDING = {"er": "m", "e": "f", "es": "n"}  # a strong nominative singular ending gives the gender


class Noun(str):
    """A noun or noun phrase with its forms; as a ``str`` its nominative singular.

    ``singular`` and ``plural`` hold the noun's own forms in the order nominative, genitive, dative,
    accusative; ``adjective`` is the stem of an adjective before it („Statistisch“), ``tail`` what follows
    it unchanged (a name: „Arbeitskreis gegen häusliche Gewalt“), ``stem`` the form that begins a compound
    („Maßnahmen“ in „Maßnahmensteckbrief“). ``gender`` is m, f or n; empty when unknown (then the noun is
    written as it was given, in every form).
    """

    gender: str
    singular: tuple[str, str, str, str]
    plural: tuple[str, str, str, str]
    adjective: str
    tail: str
    stem: str
    language: str

    def __new__(
        cls,
        gender: str,
        singular: tuple[str, ...] | str,
        plural: tuple[str, ...] | str,
        *,
        adjective: str = "",
        tail: str = "",
        stem: str = "",
        language: str = "de",
    ) -> Noun:
        sg = _four(singular)
        pl = _four(plural)
        prefix = f"{adjective}{_STRONG[gender][0]} " if adjective and gender in _STRONG else ""
        self = super().__new__(cls, f"{prefix}{sg[0]}{tail}")
        self.gender, self.singular, self.plural = gender, sg, pl
        self.adjective, self.tail, self.stem, self.language = adjective, tail, stem or sg[0], language
        return self

    @property
    def declinable(self) -> bool:
        return self.language != "de" or self.gender in _DEFINITE

    def form(self, spec: str = "") -> str:
        """The form a format spec names: case (nom gen dat acc), number (sg pl), article (def indef),
        ``stem`` for the start of a compound, ``cap`` for a capital first letter; dots between them."""
        words = [w for w in spec.split(".") if w]
        unknown = set(words) - SPEC_WORDS
        if unknown:
            raise ValueError(f"unbekannte Form „{'.'.join(sorted(unknown))}“ von „{self}“")
        if "stem" in words:
            return self.stem
        case = CASES.index(next((w for w in words if w in CASES), "nom"))
        plural = "pl" in words
        article = next((w for w in words if w in ARTICLES), "")
        text = (
            self._english(plural, article) if self.language == "en" else self._german(case, plural, article)
        )
        return text[:1].upper() + text[1:] if "cap" in words else text

    def _german(self, case: int, plural: bool, article: str) -> str:
        noun = (self.plural if plural else self.singular)[case]
        if not self.declinable:  # a word conceptgen has no forms of: as given
            return str(self) if not plural else f"{noun}{self.tail}"
        key = "pl" if plural else self.gender
        words = []
        if article == "def":
            words.append(_DEFINITE[key][case])
            endings = _WEAK
        elif article == "indef" and not plural:
            words.append(_INDEFINITE[key][case])
            endings = _MIXED
        else:
            endings = _STRONG
        if self.adjective:
            words.append(self.adjective + endings[key][case])
        words.append(noun)
        return " ".join(words) + self.tail

    def _english(self, plural: bool, article: str) -> str:
        noun = (self.plural if plural else self.singular)[0] + self.tail
        if article == "def":
            return f"the {noun}"
        if article == "indef" and not plural:
            return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
        return noun

    def __reduce__(self) -> tuple:  # documents render in worker processes: a Noun travels whole
        return (
            _restore,
            (self.gender, self.singular, self.plural, self.adjective, self.tail, self.stem, self.language),
        )

    def __format__(self, spec: str) -> str:
        return self.form(spec) if spec else str(self)

    def prefixed(self, prefix: str) -> Noun:
        """The compound ``prefix`` + this noun, inflected as this noun: „Schlüssel“ + „Maßnahme“ →
        „Schlüsselmaßnahme“ (German) — the last part of a compound gives its gender and forms."""

        def join(form: str) -> str:
            return prefix + (form[:1].lower() + form[1:] if self.language == "de" else form)

        return Noun(
            self.gender,
            tuple(join(f) for f in self.singular),
            tuple(join(f) for f in self.plural),
            tail=self.tail,
            language=self.language,
        )

    def with_tail(self, tail: str) -> Noun:
        return Noun(
            self.gender,
            self.singular,
            self.plural,
            adjective=self.adjective,
            tail=tail,
            stem=self.stem,
            language=self.language,
        )

    def forms(self) -> dict[str, str]:
        """Every form by its spec, for ``conceptgen terms``."""
        found = {}
        for number in NUMBERS:
            for case in CASES if self.language == "de" else ("nom",):
                found[f"{case}.{number}"] = self.form(f"{case}.{number}")
        return found

    def describe(self) -> str:
        """One line: gender and the forms, as ``conceptgen terms`` lists them."""
        if self.language == "en":
            return f"{self} (Plural {self.form('pl')})"
        if not self.declinable:
            return f"{self} (keine Formen bekannt)"
        sg = ", ".join(self.form(f"{c}.def") for c in CASES)
        pl = ", ".join(self.form(f"{c}.pl.def") for c in CASES)
        return f"{self} ({self.gender}; {sg}; {pl})"


def _restore(gender, singular, plural, adjective, tail, stem, language) -> Noun:
    return Noun(gender, singular, plural, adjective=adjective, tail=tail, stem=stem, language=language)


def _four(forms: tuple[str, ...] | str) -> tuple[str, str, str, str]:
    if isinstance(forms, str):
        return (forms, forms, forms, forms)
    if len(forms) != 4:
        raise ValueError(f"ein Nomen hat vier Formen je Numerus (nom, gen, dat, acc), nicht {len(forms)}")
    return (forms[0], forms[1], forms[2], forms[3])


def noun(
    gender: str,
    word: str,
    plural: str,
    *,
    gen: str | None = None,
    dat: str | None = None,
    acc: str | None = None,
    gen_pl: str | None = None,
    dat_pl: str | None = None,
    adjective: str = "",
    stem: str = "",
) -> Noun:
    """A German noun declared by its forms; a form not given is the nominative of its number (a feminine
    noun: „Maßnahme“ in every case of the singular, „Maßnahmen“ in every case of the plural)."""
    return Noun(
        gender,
        (word, gen or word, dat or word, acc or word),
        (plural, gen_pl or plural, dat_pl or plural, plural),
        adjective=adjective,
        stem=stem,
    )


def english(word: str, plural: str | None = None, *, stem: str = "") -> Noun:
    """An English noun: singular and plural (cases are German only)."""
    return Noun("", word, plural or word + "s", stem=stem, language="en")


# --- placeholders -----------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)(?::([\w.,]*))?\}")
TERM_REFERENCE = re.compile(r"\$\{([A-Za-z_][\w.]*)(?::([\w.]*))?\}")


class Phrase(str):
    """A term with a second wording for a name conceptgen cannot decline: „Mitglieder {group:gen.def}“
    reads „Mitglieder: Projekt X“ when the group's name begins with a word of unknown gender."""

    fallback: str

    def __new__(cls, text: str, fallback: str) -> Phrase:
        self = super().__new__(cls, text)
        self.fallback = fallback
        return self

    def __reduce__(self) -> tuple:  # documents render in worker processes: a Phrase travels whole
        return (Phrase, (str(self), self.fallback))


def fill(text: str, values: Mapping[str, Any], lookup: Callable[[str], Any] | None = None) -> str:
    """``text`` with its placeholders filled: ``{name}`` from ``values`` (else from ``lookup``, the terms),
    ``{name:spec}`` in the form the spec names when the value is a :class:`Noun` (else through
    ``format``). Raises KeyError for a name that neither knows."""
    if isinstance(text, Phrase) and any(
        isinstance(values.get(name), Noun) and spec and not values[name].declinable
        for name, spec in PLACEHOLDER.findall(text)
    ):
        text = text.fallback

    def one(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name in values:
            value = values[name]
        elif lookup is not None:
            value = lookup(name)
        else:
            raise KeyError(name)
        if isinstance(value, Noun):
            return value.form(spec)
        if spec and set(spec.split(".")) <= SPEC_WORDS:
            return str(value)  # a plain word has one form
        return format(value, spec)

    # a value that ends a sentence takes the place of the colon after it: „… zu?: Anteile“ → „… zu? Anteile“
    filled, pos = [], 0
    for match in PLACEHOLDER.finditer(text):
        value = one(match)
        filled += [text[pos : match.start()], value]
        pos = match.end()
        if value[-1:] in ("?", "!", ":") and text[pos : pos + 1] == ":":
            pos += 1
    return "".join([*filled, text[pos:]])


def placeholders(text: str) -> set[str]:
    """The names a term fills (``{n}``, ``{start}``); ``{`` for braces that are not a placeholder."""
    names = {m.group(1) for m in PLACEHOLDER.finditer(text)}
    rest = PLACEHOLDER.sub("", text)
    return names | ({"{"} if "{" in rest or "}" in rest else set())


def count(n: float | int, word: Noun | str, number: str, *, case: str = "nom", space: str = " ") -> str:
    """A count and its noun in agreement: „1 Beratungsstelle“, „2 Beratungsstellen“, „0,5 Stellen“.
    ``number`` is the count as the document writes it; only a count of exactly one is singular."""
    return f"{number}{space}{agreeing(n, word, case=case)}"


def agreeing(n: float | int, word: Noun | str, *, case: str = "nom") -> str:
    """The form of ``word`` that a count of ``n`` takes: singular for exactly one, else plural."""
    if not isinstance(word, Noun):
        return str(word)
    one = isinstance(n, int | float) and not isinstance(n, bool) and n == 1
    return word.form(case if one else f"{case}.pl")


def gender_of_adjective(word: str) -> str:
    """m, f or n for a capitalised adjective in its strong nominative singular („Statistischer“ → m)."""
    for ending in ("er", "es", "e"):
        if word.endswith(ending):
            return _ENDING[ending]
    return ""
