"""Every word conceptgen writes into a document by itself: one table per language (``de.py``, ``en.py``).

Captions, legends, table headers, the words of the built-in templates' snippets, outline titles, status
words, sentences around numbers: nothing generated is spelled anywhere else, so an English document is
English throughout and a project's own word reaches every place. A term is a string with placeholders
(``{n}``, ``{start}``; ``{unit:dat.pl}`` names a form of a noun it is given) and references to other terms
(``${measure:gen.def}``), or a noun (grammar.Noun) declared once with its gender and forms. A project's
vocabulary (``vocabulary.terms`` in project.yaml) replaces single terms: a word for a noun is found in the
lexicon (lexicon.py) or given with its forms (``{word: Projekt, gender: n, genitive: Projekts, plural:
Projekte, dative_plural: Projekten}``), and every term that names it follows („Aufgaben des Projekts 3“).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from conceptgen.terms import de, en
from conceptgen.terms.grammar import TERM_REFERENCE, Noun, Phrase, english, fill, placeholders
from conceptgen.terms.lexicon import declined, parse

TERMS: dict[str, dict[str, str]] = {"de": de.TERMS, "en": en.TERMS}
# terms that were words of their own before nouns had forms: now a form of the noun (CG119 when set)
FORM_OF = {"area_units": ("area_unit", "pl"), "measures": ("measure", "pl"), "tasks": ("task", "pl")}
# the keys of a term given with its forms (project.yaml vocabulary.terms)
FORM_KEYS = {
    "genitive": (0, 1),
    "dative": (0, 2),
    "accusative": (0, 3),
    "genitive_plural": (1, 1),
    "dative_plural": (1, 2),
}

__all__ = ["FORM_OF", "TERMS", "Noun", "Phrase", "Terms", "fill", "own_noun", "placeholders"]


def own_noun(code: str, value: Any) -> Noun:
    """A project's word for a noun term: ``Projekt`` (its forms from the lexicon), or a mapping with
    its forms (``word``, ``gender``, ``plural``, ``genitive`` …)."""
    if isinstance(value, Mapping):
        word = str(value.get("word", ""))
        plural = str(value.get("plural") or word)
        if code == "en":
            return english(word, plural, stem=str(value.get("stem") or ""))
        known = declined(word) if code == "de" and not value.get("gender") else None
        if known is not None and known.declinable and not value.get("plural"):
            return known  # the lexicon's forms when only the word is given
        gender = str(value.get("gender") or (known.gender if known is not None else ""))
        forms = [[word] * 4, [plural] * 4]
        for key, (number, case) in FORM_KEYS.items():
            if value.get(key):
                forms[number][case] = str(value[key])
        return Noun(
            gender,
            tuple(forms[0]),
            tuple(forms[1]),
            adjective=str(value.get("adjective") or ""),
            stem=str(value.get("stem") or ""),
        )
    if code == "en":
        return english(str(value))
    return declined(str(value))


class Terms(Mapping[str, str]):
    """The terms of one language, with a project's own words on top."""

    def __init__(self, code: str, overrides: Mapping[str, Any] | None = None):
        self.code = code if code in TERMS else "de"
        table = TERMS[self.code]
        merged: dict[str, str] = dict(table)
        for key, value in (overrides or {}).items():
            merged[key] = own_noun(self.code, value) if isinstance(table.get(key), Noun) else str(value)
        for key, (base, _form) in FORM_OF.items():  # an old plural of its own: the noun's, if it has none
            noun = merged.get(base)
            if key in (overrides or {}) and isinstance(noun, Noun) and not noun.declinable:
                merged[base] = Noun("", noun.singular, str(merged[key]), tail=noun.tail)
        self._terms: dict[str, str] = {}
        for key in merged:
            self._terms[key] = self._resolve(key, merged, ())

    def _resolve(self, key: str, merged: Mapping[str, str], seen: tuple[str, ...]) -> str:
        """A term with its ``${name}`` and ``${name:form}`` references to other terms filled."""
        if key in self.__dict__.get("_terms", {}):
            return self._terms[key]
        value = merged[key]
        if isinstance(value, Noun) or "${" not in value:
            return value

        def one(match: Any) -> str:
            name, spec = match.group(1), match.group(2) or ""
            if name not in merged or name in seen:
                return match.group(0)
            target = self._resolve(name, merged, (*seen, key))
            return target.form(spec) if isinstance(target, Noun) else target

        text = TERM_REFERENCE.sub(one, value)
        if isinstance(value, Phrase):
            return Phrase(text, TERM_REFERENCE.sub(one, value.fallback))
        return text

    def __getitem__(self, key: str) -> str:
        return self._terms[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def thousands(self, number: int) -> str:
        """A whole number with the language's thousands separator (10.000 · 10,000), without Babel."""
        grouped = f"{number:,}"
        return grouped.replace(",", ".") if self.code == "de" else grouped

    def listing(self, items: Sequence[str]) -> str:
        """``items`` as a sentence lists them: „A“, „A und B“, „A, B und C“ (English: „A, B and C“).
        Raises ValueError for no item: a list of nothing is no phrase."""
        if not items:
            raise ValueError("listing() braucht mindestens einen Eintrag")
        if len(items) == 1:
            return items[0]
        return f"{', '.join(items[:-1])} {self._terms['list.and']} {items[-1]}"

    def __call__(self, key: str, **values: object) -> str:
        """The term ``key`` with its placeholders filled: ``terms("priority", n=1)``."""
        return fill(self._terms[key], values)

    def noun(self, word: str) -> Noun:
        """``word`` (an area kind, a unit, a name) as a noun: the project's term of that name when there
        is one („Statistischer Bezirk“ as declared in vocabulary.terms), else from the lexicon, else as
        written."""
        for value in self._terms.values():
            if isinstance(value, Noun) and word in (str(value), value.form("pl")):
                return value
        if self.code == "en":
            return english(word, word)
        return declined(word)

    def plural_of(self, word: str) -> tuple[Noun, bool] | None:
        """``word`` as a noun and whether it is written in the plural („Beratungsstellen“), if known."""
        return None if self.code == "en" else parse(word)

    def tree(self) -> dict[str, Any]:
        """The terms as templates read them: ``terms.caption.tab``, ``terms.block.members`` (a key's dots
        are levels)."""
        tree: dict[str, Any] = {}
        for key, value in self._terms.items():
            *parents, leaf = key.split(".")
            level = tree
            for part in parents:
                level = level.setdefault(part, {})
            level[leaf] = value
        return tree
