"""A term in the wrong case or number where a word before it decides: „nach Statistischer Bezirk“,
„des Befragungs“, „1 Beratungsstellen“.

German decides a noun's case by the word before it: a preposition governs a case („nach“ the dative,
„für“ the accusative, „wegen“ the genitive), an article is itself a case form („des“ is genitive,
„dem“ dative) and a count decides the number („1“ singular, every other count plural). A term whose
forms are known (grammar.Noun) is therefore checkable wherever it follows such a word: the words written
after it must be one of the forms that word allows. The table below is small on purpose — only words
that always govern one case (or, for the two-way prepositions, one of two); what is not in it is not
judged. ``wrong_cases`` is used by the tests that read every rendered document and scaffold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from conceptgen.terms.grammar import CASES, Noun

# prepositions and the cases they govern (the two-way prepositions: dative or accusative)
PREPOSITIONS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("aus", "bei", "mit", "nach", "seit", "von", "zu", "gegenüber", "entsprechend"), ("dat",)
    ),
    **dict.fromkeys(("durch", "für", "gegen", "ohne", "um", "pro"), ("acc",)),
    **dict.fromkeys(("wegen", "während", "innerhalb", "außerhalb", "trotz", "anhand", "aufgrund"), ("gen",)),
    **dict.fromkeys(
        ("an", "auf", "hinter", "in", "neben", "über", "unter", "vor", "zwischen"), ("dat", "acc")
    ),
}
# a preposition merged with its article: the article it holds, which then decides
CONTRACTIONS = {
    "am": "dem", "im": "dem", "vom": "dem", "zum": "dem", "beim": "dem",
    "zur": "der", "ins": "das", "ans": "das", "ums": "das",
}  # fmt: skip
DEFINITE = frozenset(("der", "die", "das", "des", "dem", "den"))
INDEFINITE = frozenset(("ein", "eine", "eines", "einem", "einen", "einer"))
_WORD = re.compile(r"[^\W\d_][\w*\-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_COUNT = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?")
_GAP = re.compile(r"[ \u00a0\u202f]+")
# endings a slip adds to a noun („Befragungs“, „Sozialraumanalyses“)
_SLIPS = ("s", "es", "n", "en", "e", "er", "ern")


@dataclass(frozen=True)
class WrongCase:
    """``governor`` followed by ``written``, which is no form of ``term`` that the governor allows
    (``expected`` names them)."""

    start: int
    end: int
    governor: str
    written: str
    term: str
    expected: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"{self.governor} {self.written}"


def _forms(term: Noun, article: str = "") -> dict[str, set[str]]:
    """Every written form of ``term`` by case (both numbers), with ``article`` (def, indef) or without."""
    found: dict[str, set[str]] = {case: set() for case in CASES}
    for case in CASES:
        for number in ("", ".pl"):
            if article == "indef" and number:
                continue
            spec = f"{case}{number}" + (f".{article}" if article else "")
            found[case].add(term.form(spec).removesuffix(term.tail))
    return found


def _looks_like(word: str, term: Noun) -> bool:
    """Whether ``word`` is meant as ``term``'s noun: one of its forms, or its singular with a slip."""
    forms = set(term.singular) | set(term.plural)
    if word in forms:
        return True
    base = term.singular[0]
    return word.startswith(base) and word[len(base) :] in _SLIPS


def _phrase(term: Noun, words: list[re.Match[str]], start: int, text: str) -> re.Match[str] | None:
    """The last word of ``term``'s phrase when it begins at ``words[start]`` (an adjective and its noun,
    or the noun alone), else None."""
    size = 2 if term.adjective else 1
    if start + size > len(words):
        return None
    if size == 2:
        first, second = words[start], words[start + 1]
        if not first.group().startswith(term.adjective) or not _GAP.fullmatch(
            text, first.end(), second.start()
        ):
            return None
    last = words[start + size - 1]
    return last if _looks_like(last.group(), term) else None


def _allowed(governor: str, term: Noun) -> tuple[set[str], bool]:
    """The forms ``governor`` allows for ``term``, and whether the governor is part of them (an article)."""
    lower = governor.lower()
    if lower in CONTRACTIONS:
        article = CONTRACTIONS[lower]
        forms = _forms(term, "def")
        return {
            f.split(" ", 1)[1] for case in CASES for f in forms[case] if f.split(" ", 1)[0] == article
        }, False
    if lower in DEFINITE or lower in INDEFINITE:
        forms = _forms(term, "def" if lower in DEFINITE else "indef")
        return {f for case in CASES for f in forms[case] if f.split(" ", 1)[0] == lower}, True
    if governor[:1].isdigit():
        number = "" if governor == "1" else ".pl"
        return {term.form(f"{case}{number}").removesuffix(term.tail) for case in CASES}, False
    forms = _forms(term)
    return {f for case in PREPOSITIONS[lower] for f in forms[case]}, False


def _governs(word: re.Match[str], text: str) -> bool:
    """Whether ``word`` decides the case or number of what follows: a preposition, an article, or a
    count standing on its own (not the „1“ of „Z4.1“)."""
    lower = word.group().lower()
    if lower[:1].isdigit():  # a count: 3, 1.000, 0,5 — not a chapter number (8.2.3)
        alone = word.start() == 0 or text[word.start() - 1] in " \u00a0(\t\n"
        return alone and _COUNT.fullmatch(lower) is not None
    return lower in PREPOSITIONS or lower in CONTRACTIONS or lower in DEFINITE or lower in INDEFINITE


def wrong_cases(text: str, terms: Iterable[Noun]) -> list[WrongCase]:
    """Every place in ``text`` where one of ``terms`` follows a preposition, article or count in a form
    that word does not allow („nach Statistischer Bezirk“ → „nach Statistischen Bezirken“)."""
    checked = [t for t in terms if isinstance(t, Noun) and t.language == "de" and t.declinable]
    words = list(_WORD.finditer(text))
    found = []
    for i, governor in enumerate(words[:-1]):
        if not _governs(governor, text) or not _GAP.fullmatch(text, governor.end(), words[i + 1].start()):
            continue
        for term in checked:
            last = _phrase(term, words, i + 1, text)
            if last is None:
                continue
            allowed, with_article = _allowed(governor.group(), term)
            written = text[words[i + 1].start() : last.end()].replace("\u00a0", " ")
            if (f"{governor.group().lower()} {written}" if with_article else written) in allowed:
                continue
            found.append(
                WrongCase(
                    governor.start(), last.end(), governor.group(), written, str(term), tuple(sorted(allowed))
                )
            )
            break
        found.extend(_after_preposition(governor, words, i, text, checked))
    return found


def _after_preposition(
    governor: re.Match[str], words: list[re.Match[str]], i: int, text: str, terms: list[Noun]
) -> list[WrongCase]:
    """A preposition, an article and a term: the article must be a form of the preposition's case too
    („mit eine Aufgabe“ → „mit einer Aufgabe“; the article alone would allow „eine Aufgabe“)."""
    lower = governor.group().lower()
    if lower not in PREPOSITIONS or i + 2 >= len(words):
        return []
    article = words[i + 1].group().lower()
    if article not in DEFINITE and article not in INDEFINITE:
        return []
    if not _GAP.fullmatch(text, governor.end(), words[i + 1].start()):
        return []
    for term in terms:
        last = _phrase(term, words, i + 2, text)
        if last is None or not _GAP.fullmatch(text, words[i + 1].end(), words[i + 2].start()):
            continue
        forms = _forms(term, "def" if article in DEFINITE else "indef")
        allowed = {f for case in PREPOSITIONS[lower] for f in forms[case]}
        written = text[words[i + 1].start() : last.end()].replace("\u00a0", " ")
        written = written[:1].lower() + written[1:]
        if written in allowed or not any(written in f for f in forms.values()):
            return []  # right, or wrong in itself: the article's own check finds that („dem Projekte“)
        return [
            WrongCase(
                governor.start(), last.end(), governor.group(), written, str(term), tuple(sorted(allowed))
            )
        ]
    return []
