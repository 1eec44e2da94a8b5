"""Checks on the texts: citations, images, measure references, abbreviations, uncited sources.

Long text fields (``description``, ``text``, ``definition``) and ``text/*.md`` are Markdown. What can be
known without Word is checked here, located at the line of the text; labels of tables and chapters come
from the template and are checked when rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from conceptgen.diagnostics import Diagnostic, Location, diagnostic, did_you_mean
from conceptgen.images import image_problem
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import KeyPath, format_path
from conceptgen.markup import (
    CITATION,
    MAX_NESTING,
    REFERENCE,
    Markdown,
    citation_items,
    embed_lines,
    might_nest_deeply,
    parser,
    too_deep,
)
from conceptgen.model import Concept
from conceptgen.paths import inside

LONG_TEXT_FIELDS = frozenset({"description", "text", "definition"})
_UNKNOWN = {"table": "unbekannte Tabelle", "chart": "unbekanntes Diagramm"}
_DEFINED = {"table": "Tabellen stehen in data.yaml", "chart": "Diagramme stehen in charts.yaml"}
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def texts(source: ProjectSource) -> Iterator[tuple[str, Location, KeyPath]]:
    """Every Markdown text of the project with the location of its first line and its key path."""
    yield from _walk(source.data, (), source)
    for text in source.texts.values():
        yield text.content, Location(text.display, 1, 1), ()


def _walk(value: Any, path: KeyPath, source: ProjectSource) -> Iterator[tuple[str, Location, KeyPath]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in LONG_TEXT_FIELDS and isinstance(item, str):
                yield item, source.text_start((*path, key)), (*path, key)
            else:
                yield from _walk(item, (*path, key), source)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i), source)


def _line(location: Location, line: int) -> Location:
    """Location of the 0-based ``line`` of a text that starts at ``location``."""
    return Location(location.file, location.line + line, 1 if line else location.column)


def offset_location(location: Location, text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset)
    if line == 0:
        return Location(location.file, location.line, location.column + offset)
    return Location(location.file, location.line + line, offset - text.rfind("\n", 0, offset))


def check_texts(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG109 unknown citations, CG107/CG108/CG010 images, CG110 unknown measures, CG113/CG114 unused."""
    found: list[Diagnostic] = []
    sources = {s.id for s in concept.sources}
    measures = {m.id for m in concept.measures} | {t.id for m in concept.measures for t in m.tasks}
    embeddable = {
        "table": {t.id for t in concept.tables} | {a.id for a in concept.analyses},
        "chart": {c.id for c in concept.charts},
    }
    cited: set[str] = {ident for finding in concept.findings for ident in finding.sources}
    all_text: list[str] = []
    for text, location, path in texts(source):
        all_text.append(text)
        key_path = format_path(path)
        for match in CITATION.finditer(text):
            for key, _locator in citation_items(match):
                cited.add(key)
                if key not in sources:
                    found.append(
                        diagnostic(
                            "CG109",
                            f"Zitat einer unbekannten Quelle „{key}“",
                            offset_location(location, text, match.start()),
                            key_path=key_path,
                            hint=did_you_mean(key, sources) or "die Quellen stehen in sources.yaml",
                        )
                    )
        for match in REFERENCE.finditer(text):
            if match.group(1) == "mass" and match.group(2) not in measures:
                found.append(
                    diagnostic(
                        "CG110",
                        f"Verweis auf die unbekannte Maßnahme „{match.group(2)}“",
                        offset_location(location, text, match.start()),
                        key_path=key_path,
                        hint=did_you_mean(match.group(2), measures) or "",
                    )
                )
        for line, kind, ident, alone in embed_lines(text):
            where = _line(location, line)
            known = embeddable[kind]
            if not alone:
                found.append(
                    diagnostic(
                        "CG116",
                        f"[[{kind}:{ident}]] steht mit Text im selben Absatz",
                        where,
                        key_path=key_path,
                        hint="davor und danach eine Leerzeile einfügen",
                    )
                )
            elif ident not in known:
                found.append(
                    diagnostic(
                        "CG110",
                        f"{_UNKNOWN[kind]} „{ident}“",
                        where,
                        key_path=key_path,
                        hint=did_you_mean(ident, known) or f"{_DEFINED[kind]}",
                    )
                )
        if might_nest_deeply(text):
            deep = too_deep(parser().parse(Markdown(text).protected))
            if deep is not None:
                found.append(
                    diagnostic(
                        "CG115",
                        f"Listen oder Zitate mehr als {MAX_NESTING // 2} Ebenen tief verschachtelt",
                        _line(location, deep),
                        key_path=key_path,
                        hint="der Rest des Textes war nicht lesbar; die Verschachtelung verringern",
                    )
                )
        for match in _IMAGE.finditer(text):
            found += _check_image(match, text, location, key_path, source)
    found += _unused(concept, source, "\n".join(all_text), cited)
    found += unlisted_abbreviations(concept, source)
    return found


# An abbreviation as the document prints it: two or more capitals, lowercase letters only in short runs
# (PolG, InHK), digits allowed; not inside a word, a path, a colour, a label or a citation key.
_ABBREVIATION = re.compile(
    r"(?<![\w#/@:.\[-])(?=(?:[a-zäöüß0-9]{0,3}[A-ZÄÖÜ]){2})[A-ZÄÖÜ](?:[A-ZÄÖÜ0-9]|[a-zäöüß]{1,3}(?=[A-ZÄÖÜ]))*"
    r"[A-ZÄÖÜa-zäöüß0-9]?(?![\w@]|\.\w|\]\])"
)
_ROMAN = re.compile(r"[IVXLCDM]+")
_ID = re.compile(r"[A-ZÄÖÜ]{1,3}\d+(?:\.\d+)*")
#: printed capitals that are no abbreviation a reader needs explained: units, currencies, formats
ABBREVIATION_EXCEPTIONS = frozenset(
    {
        "EUR",
        "TEUR",
        "USD",
        "CHF",
        "KW",
        "MW",
        "GW",
        "MWh",
        "GWh",
        "TWh",
        "CO2",
        "PDF",
        "URL",
        "DOCX",
        "CSV",
        "ID",
        "GmbH",
    }
)
_NOT_PRINTED = re.compile(
    r"[A-Z]+-[A-Z]+ ?\(\d{4}\)\d+|\[@[^\]]*\]|\[\[[^\]]*\]\]|\{#[^}]*\}|\]\([^)]*\)|https?://\S+|`[^`]*`"
)
_DATA_KEYS_NOT_PRINTED = frozenset(
    {
        "abbreviations",
        "id",
        "file",
        "path",
        "template",
        "output",
        "color",
        "colour",
        "contractor",
        "authors",
        "provider",
        "organisation",  # names of firms and clubs (SPE Dr. Panteleit, SV Merklinde)
    }
)


def abbreviation_candidates(text: str) -> Iterator[re.Match[str]]:
    """Tokens of ``text`` that look like an abbreviation (two or more capitals, not an ID or numeral)."""
    for match in _ABBREVIATION.finditer(_NOT_PRINTED.sub(lambda m: " " * len(m.group()), text)):
        token = match.group()
        if len(token) > 6 and token.isupper():  # a word in capitals (ZUHAUSE), no abbreviation
            continue
        if _ROMAN.fullmatch(token) or _ID.fullmatch(token) or token in ABBREVIATION_EXCEPTIONS:
            continue
        yield match


def unlisted_abbreviations(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG122: an abbreviation the document prints that its list of abbreviations does not explain."""
    if not concept.abbreviations and "abbreviations" not in source.data:
        return []
    listed = {part for a in concept.abbreviations for part in re.split(r"[\s/-]+", a.abbreviation)}
    found: list[Diagnostic] = []
    said: set[str] = set()
    for text, location, path in _printed_texts(source):
        for match in abbreviation_candidates(text):
            token = match.group()
            if token in listed or token in said:
                continue
            said.add(token)
            found.append(
                diagnostic(
                    "CG122",
                    f"Abkürzung „{token}“ steht nicht im Abkürzungsverzeichnis",
                    offset_location(location, text, match.start()) if location else None,
                    key_path=format_path(path),
                    hint=f"in abbreviations.yaml eintragen: {{abbreviation: {token}, meaning: …}}",
                )
            )
    return found


def _printed_texts(source: ProjectSource) -> Iterator[tuple[str, Location | None, KeyPath]]:
    yield from texts(source)
    yield from _short_strings(source.data, (), source)


def _short_strings(value: Any, path: KeyPath, source: ProjectSource) -> Iterator[tuple[str, Any, KeyPath]]:
    if isinstance(value, str) and (not path or path[-1] not in LONG_TEXT_FIELDS):
        yield value, source.locate(path), path
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _DATA_KEYS_NOT_PRINTED:
                yield from _short_strings(item, (*path, key), source)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _short_strings(item, (*path, i), source)


def _check_image(
    match: re.Match[str], text: str, location: Location, key_path: str, source: ProjectSource
) -> list[Diagnostic]:
    alt, target = match.group(1).strip(), match.group(2)
    where = offset_location(location, text, match.start())
    found = []
    if not alt:
        found.append(
            diagnostic(
                "CG107",
                f"Bild „{target}“ hat keinen Alternativtext",
                where,
                key_path=key_path,
                hint="![was das Bild zeigt](pfad) schreiben: Screenreader lesen ihn vor",
            )
        )
    if target.startswith(("http://", "https://")):
        found.append(
            diagnostic(
                "CG108",
                f"Bild „{target}“ ist keine Datei im Projekt",
                where,
                key_path=key_path,
                hint="im Projektordner speichern (z. B. bilder/) und diese Datei verlinken",
            )
        )
        return found
    path = source.root / target
    if not inside(path, source.root):
        found.append(
            diagnostic("CG010", f"Bild „{target}“ liegt außerhalb des Projekts", where, key_path=key_path)
        )
    elif not path.is_file():
        found.append(
            diagnostic(
                "CG108",
                f"Bild „{target}“ nicht gefunden",
                where,
                key_path=key_path,
                hint="Pfade gelten relativ zum Projektordner",
            )
        )
    else:
        problem = image_problem(path)
        if problem:
            found.append(diagnostic("CG108", f"Bild „{target}“ {problem}", where, key_path=key_path))
    return found


def _unused(concept: Concept, source: ProjectSource, markdown: str, cited: set[str]) -> list[Diagnostic]:
    found = []
    everything = markdown + "\n" + "\n".join(_strings(source.data, skip="abbreviations"))
    for i, entry in enumerate(concept.abbreviations):
        if not re.search(rf"(?<!\w){re.escape(entry.abbreviation)}(?!\w)", everything):
            path = ("abbreviations", i)
            found.append(
                diagnostic(
                    "CG113",
                    f"Abkürzung „{entry.abbreviation}“ wird nirgends verwendet",
                    source.locate(path),
                    key_path=format_path(path),
                    hint="aus abbreviations.yaml entfernen oder im Text verwenden",
                )
            )
    cited = cited | _cited_by_data(concept)
    for i, entry in enumerate(concept.sources):
        if entry.id not in cited:
            path = ("sources", i)
            found.append(
                diagnostic(
                    "CG114",
                    f"Quelle „{entry.id}“ wird nirgends zitiert",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=f"in einem Text als [@{entry.id}] zitieren",
                )
            )
    return found


def _strings(value: Any, skip: str) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != skip:
                yield from _strings(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, skip)


def _cited_by_data(concept: Concept) -> set[str]:
    """Sources the blocks name in their source lines: benchmarks, the convention, the financing plan."""
    found = {b.source for b in concept.benchmarks if b.source}
    for section in (concept.convention, concept.financing):
        if section is not None and section.source:
            found.add(section.source)
    return found
