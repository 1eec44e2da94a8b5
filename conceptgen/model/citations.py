"""How each source is cited: its own ``short:`` label kept exactly, or „Autor Jahr“; the letters a, b, …
for one author's several sources of a year never collide with the project's own labels.

A label such as „Stadt Bottrop 2023a“ names its letter: that source is listed as „Stadt Bottrop (2023a)“,
and the other sources of that author and year take the letters left over. What cannot be told apart is
not re-lettered but reported (:class:`LabelProblem`, located by the rules stage): two sources cited
alike, two own labels with one letter, an own label „Autor Jahr“ without letter where the author has
several sources that year.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conceptgen.language import Language

# the year at the end of a label, with the letter that tells one author's sources of that year apart
LABEL_YEAR = re.compile(r"(?<!\d)(\d{4})([a-z])?\s*$")


@dataclass(frozen=True)
class CitationLabel:
    """How one source is cited and listed."""

    short: str  # as the text cites it: „Stadt Bottrop 2023a“, „UN-BRK 2006“
    year: str  # the year as the list shows it: „2023a“, or "" without year
    shown: bool  # an own label that the list's „Autor (Jahr)“ does not spell: printed before the entry


@dataclass(frozen=True)
class LabelProblem:
    """A citation a reader could not resolve; ``index`` is the source's position in sources.yaml."""

    index: int
    code: str
    message: str
    hint: str
    own: bool  # the source has its own ``short:`` (the diagnostic points at it)


def authors_text(author: str | list[str] | None) -> str:
    """Authors as the list shows them: a list whose names hold commas („Müller, Anna“) is joined with
    semicolons, so that it stays unambiguous; others with commas."""
    if author is None:
        return ""
    if isinstance(author, str):
        return author
    separator = "; " if any("," in name for name in author) else ", "
    return separator.join(author)


def _surname(name: str) -> str:
    return name.split(",", 1)[0].strip() if "," in name else name.strip().split()[-1]


def authors_short(author: str | list[str] | None, language: Language) -> str:
    """Authors as a citation names them: one name, two joined with a slash, more as „X u. a.“."""
    if author is None:
        return ""
    if isinstance(author, str):
        return author
    names = [_surname(n) for n in author]
    if len(names) <= 2:
        return "/".join(names)
    return f"{names[0]} {language.terms['et_al']}"


def own_letter(source: Any) -> str:
    """The letter a source's own label gives it („Stadt Bottrop 2023a“ of a 2023 source → „a“), or ""."""
    match = LABEL_YEAR.search(source.short or "")
    if match is None or source.year is None or int(match.group(1)) != source.year:
        return ""
    return match.group(2) or ""


def citation_labels(
    sources: Sequence[Any], language: Language
) -> tuple[dict[str, CitationLabel], list[LabelProblem]]:
    """Every source's label by id, and what makes a citation ambiguous (empty when every citation names
    one source). Sources of one author and year are lettered in the order of their titles; own letters
    stay, the others take the letters that neither another source nor an own label uses."""
    letters: dict[int, str] = {}
    problems: list[LabelProblem] = []
    taken = {s.short.casefold() for s in sources if s.short}
    for group in _same_author_year(sources):
        letters.update(_letter_group(sources, group, taken, language, problems))
    labels: dict[str, CitationLabel] = {}
    for i, source in enumerate(sources):
        labels[source.id] = _label(source, letters.get(i, ""), language)
    problems += _same_labels(sources, labels)
    problems += _wrong_years(sources)
    return labels, problems


def _same_author_year(sources: Sequence[Any]) -> list[list[int]]:
    """Indices of the sources of each author and year, each group in the order of its titles."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, source in enumerate(sources):
        if source.author and source.year:
            groups[(authors_text(source.author).casefold(), source.year)].append(i)
    return [sorted(g, key=lambda i: (sources[i].title.casefold(), sources[i].id)) for g in groups.values()]


def _letter_group(
    sources: Sequence[Any],
    group: list[int],
    taken: set[str],
    language: Language,
    problems: list[LabelProblem],
) -> dict[int, str]:
    """The letters of one author's sources of one year (none for a single source without own letter)."""
    own = {i: own_letter(sources[i]) for i in sorted(group) if own_letter(sources[i])}  # in file order
    if len(group) < 2 and not own:
        return {}
    first = sources[group[0]]
    name, year = authors_short(first.author, language), first.year
    letters: dict[int, str] = {}
    for i, letter in own.items():
        holder = next((j for j, other in letters.items() if other == letter), None)
        if holder is not None and sources[holder].short.casefold() != sources[i].short.casefold():
            problems.append(_letter_twice(sources, i, holder, letter))
        letters[i] = letter
    unused = (c for c in string.ascii_lowercase if c not in own.values())
    free = (c for c in unused if f"{name} {year}{c}".casefold() not in taken)
    for i in group:
        if i in own:
            continue
        letters[i] = next(free, "")
        short = sources[i].short
        if short and short.casefold() == f"{name} {year}".casefold():
            problems.append(_without_letter(sources, i, len(group), name, year, letters[i]))
    return letters


def _letter_twice(sources: Sequence[Any], i: int, holder: int, letter: str) -> LabelProblem:
    return LabelProblem(
        i,
        "CG340",
        f"Kurzbeleg „{sources[i].short}“ und „{sources[holder].short}“ (Quelle '{sources[holder].id}') "
        f"tragen beide den Buchstaben „{letter}“ — im Quellenverzeichnis stünden zwei Einträge "
        f"„({sources[i].year}{letter})“",
        "jeder Quelle eines Jahres einen eigenen Buchstaben geben (a, b, c …) oder short: weglassen, dann "
        "vergibt conceptgen die Buchstaben",
        True,
    )


def _without_letter(
    sources: Sequence[Any], i: int, count: int, name: str, year: int, letter: str
) -> LabelProblem:
    return LabelProblem(
        i,
        "CG341",
        f"Kurzbeleg „{sources[i].short}“ passt auf {count} Quellen von {name} aus {year} — ein Leser "
        "könnte nicht erkennen, welche gemeint ist",
        f"den Buchstaben ergänzen (short: {name} {year}{letter or 'a'}) oder short: weglassen",
        True,
    )


def _label(source: Any, letter: str, language: Language) -> CitationLabel:
    year = f"{source.year}{letter}" if source.year else ""
    name = authors_short(source.author, language)
    generated = (f"{name} {year}" if year else name) if name else source.title
    if not source.short:
        return CitationLabel(generated, year, False)
    return CitationLabel(source.short, year, source.short != generated)


def _same_labels(sources: Sequence[Any], labels: dict[str, CitationLabel]) -> list[LabelProblem]:
    """Two sources cited with one label: the later one (or the one whose own label it is) is reported."""
    problems = []
    first: dict[str, int] = {}
    for i, source in enumerate(sources):
        key = labels[source.id].short.casefold()
        if key not in first:
            first[key] = i
            continue
        j = first[key]
        at = i if source.short or not sources[j].short else j
        other = j if at == i else i
        problems.append(
            LabelProblem(
                at,
                "CG340",
                f"Quelle '{sources[at].id}' wird als „{labels[sources[at].id].short}“ zitiert, ebenso "
                f"Quelle '{sources[other].id}' — der Kurzbeleg führte zu zwei Quellen",
                "jeder Quelle einen eigenen Kurzbeleg geben (short:, z. B. mit Buchstaben 2023a, 2023b)",
                bool(sources[at].short),
            )
        )
    return problems


def _wrong_years(sources: Sequence[Any]) -> list[LabelProblem]:
    """An own label that names another year than its source: the list shows the source's year."""
    problems = []
    for i, source in enumerate(sources):
        match = LABEL_YEAR.search(source.short or "")
        if match and source.year and int(match.group(1)) != source.year:
            problems.append(
                LabelProblem(
                    i,
                    "CG342",
                    f"Kurzbeleg „{source.short}“ nennt das Jahr {match.group(1)}, die Quelle ist von "
                    f"{source.year} — im Quellenverzeichnis steht „({source.year})“",
                    "Jahr im Kurzbeleg (short:) oder in year: berichtigen",
                    True,
                )
            )
    return problems
