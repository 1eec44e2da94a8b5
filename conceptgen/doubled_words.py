"""Doubled words in a text: „Kapitel Kapitel“, „Maßnahme Maßnahmen“, „the the“.

A word written twice in a row is almost always a slip — typed twice, or a generated word placed after
the same word of a text around it. What German writes twice on purpose is left alone: an article and a
relative pronoun („die Frauen, die die Beratung nutzen“), pronouns („weil sie sie kennt“), numbers
(„1 1“ in a table row read as text) and single letters. Only words separated by nothing but spaces
count (and a closing and opening bracket: „(Beispieldaten) (Beispieldaten)“): „Kapitel. Kapitel 3“ or
„Kapitel, Kapitel“ are two phrases.

``doubled_words`` is used by ``check``'s document pass and by the tests that read every rendered
document; ``adjacent_terms`` finds two generated nouns in a row that are not the same word („Aufgabe
Maßnahme“), given the nouns a document's vocabulary writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# a word: letters (with gender star, hyphen or apostrophe inside), or a number
_WORD = re.compile(r"[^\W\d_](?:[\w*'’\-]*\w)?|\d+(?:[.,]\d+)*", re.UNICODE)
# what may stand between two words of one phrase: spaces (also no-break and thin spaces), or the end of
# a bracket and the start of the next: „(Beispieldaten) (Beispieldaten)“ says one thing twice
_SPACE = re.compile(r"[ \u00a0\u202f\u2009\t]+|\)[ \u00a0]*\(")
# words a sentence may repeat on purpose (articles and pronouns, German and English)
ALLOWED = frozenset(
    {
        "der", "die", "das", "den", "dem", "des", "sie", "es", "ihr", "wer", "was", "man",
        "that", "had", "is", "it", "you",
    }
)  # fmt: skip
# endings by which two forms of one noun differ („Maßnahme Maßnahmen“, „Kapitel Kapiteln“)
_ENDINGS = ("", "n", "en", "e", "s", "es", "er", "ern", "nen")


@dataclass(frozen=True)
class Doubled:
    """A repeat: ``start``/``end`` cover both words in the text, ``first`` and ``second`` as written."""

    start: int
    end: int
    first: str
    second: str

    @property
    def text(self) -> str:
        return f"{self.first} {self.second}"


def _words(text: str) -> Iterator[re.Match[str]]:
    return _WORD.finditer(text)


def _pairs(text: str) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Neighbouring words with only spaces between them."""
    previous = None
    for match in _words(text):
        if previous is not None and _SPACE.fullmatch(text, previous.end(), match.start()):
            yield previous, match
        previous = match


def same_word(first: str, second: str) -> bool:
    """Whether two words are the same word, or two forms of one noun (capitalised, 4+ letters)."""
    a, b = first.casefold(), second.casefold()
    if a == b:
        return True
    if not (first[:1].isupper() and second[:1].isupper()) or min(len(a), len(b)) < 4:
        return False
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in _ENDINGS


def doubled_words(text: str) -> list[Doubled]:
    """Every word written twice in a row in ``text`` (see the module's docstring for what is allowed)."""
    found = []
    for first, second in _pairs(text):
        a, b = first.group(), second.group()
        if a[0].isdigit() or len(a) < 2 or a.casefold() in ALLOWED:
            continue
        if same_word(a, b):
            found.append(Doubled(first.start(), second.end(), a, b))
    return found


def adjacent_terms(text: str, nouns: Iterable[str]) -> list[Doubled]:
    """Two of ``nouns`` (a vocabulary's generated nouns, any form) in a row: „Aufgabe Maßnahme“."""
    known = {n.casefold() for n in nouns}
    found = []
    for first, second in _pairs(text):
        a, b = first.group(), second.group()
        if a.casefold() in known and b.casefold() in known and not same_word(a, b):
            found.append(Doubled(first.start(), second.end(), a, b))
    return found
