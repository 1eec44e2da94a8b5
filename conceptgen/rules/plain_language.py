"""Leichte Sprache (CG708): in the texts of a document whose template is made for it, one sentence a
line and no sentence over 15 words — the two rules of the Netzwerk Leichte Sprache a program can check.
Whether a text is easy to understand, only its readers (the Prüfgruppe) can say: such a document says who
checked it (the block ``easy_read_check``), and one that does not is reported (CG661)."""

from __future__ import annotations

import re
from typing import Any

from conceptgen.diagnostics import Diagnostic, Location, diagnostic
from conceptgen.loading import ProjectSource

MAX_WORDS = 15
# a sentence ends at . ! ? followed by a space — not after a number, a single letter (z. B., d. h.) or a
# common abbreviation
_ABBREVIATIONS = ("bzw", "Nr", "Art", "Abs", "ca", "Dr", "Str", "Tel", "Std")
_END = re.compile(
    r"(?<!\d)(?<!\b\w)" + "".join(rf"(?<!\b{re.escape(a)})" for a in _ABBREVIATIONS) + r"[.!?](?=\s+\S)"
)
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|\[@[^\]]+\]|\[\[[^\]]+\]\]|[*_`#>]")


def check_plain_language(
    source: ProjectSource, outlines: list[Any], templates: list[Any]
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    done: set[str] = set()
    for outline, template in zip(outlines, templates, strict=False):
        if outline is None or template is None or not template.config.plain_language:
            continue
        for name in sorted(outline.texts):
            text = source.texts.get(name)
            if text is None or name in done:
                continue
            done.add(name)
            found += _check(text.content, text.display)
    return found


def _check(content: str, display: str) -> list[Diagnostic]:
    found = []
    for number, raw in enumerate(content.splitlines(), start=1):
        line = _MARKUP.sub(lambda m: m.group(1) or "", raw).strip()
        line = re.sub(r"^(\d+\.|[-+])\s+", "", line)  # a list item's marker
        if not line or raw.lstrip().startswith(("|", "<!--", "![", "[[")):
            continue
        ends = list(_END.finditer(line))
        where = Location(display, number, 1)
        if ends:
            found.append(
                diagnostic(
                    "CG708",
                    f"{len(ends) + 1} Sätze in einer Zeile",
                    where,
                    hint="Leichte Sprache: ein Satz je Zeile — nach dem Punkt eine neue Zeile beginnen",
                )
            )
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            words = len(sentence.split())
            if words > MAX_WORDS:
                found.append(
                    diagnostic(
                        "CG708",
                        f"ein Satz mit {words} Wörtern: „{' '.join(sentence.split()[:6])} …“",
                        where,
                        hint=f"Leichte Sprache: höchstens {MAX_WORDS} Wörter je Satz — den Satz teilen",
                    )
                )
    return found


def check_easy_read_note(
    concept: Any, source: ProjectSource, outlines: list[Any], templates: list[Any], blocks: Any
) -> list[Diagnostic]:
    """CG661 for each document whose template is made for Leichte Sprache and whose outline has no block
    that gives the note who checked it (``Block.provides``; once per document entry of project.yaml: a
    repeated document is one entry). ``blocks``: the registry (``providing``), for the hint's block name."""
    from conceptgen.outline.block import EASY_READ_NOTE

    names = blocks.providing(EASY_READ_NOTE)
    found: list[Diagnostic] = []
    seen: set[int] = set()
    for spec, outline, template in zip(concept.project.documents, outlines, templates, strict=False):
        if outline is None or template is None or not template.config.plain_language:
            continue
        if spec.origin in seen or any(n.spec and EASY_READ_NOTE in n.spec.provides for n in outline.nodes):
            continue
        seen.add(spec.origin)
        found.append(
            diagnostic(
                "CG661",
                f"{spec.output} ist in Leichter Sprache, sagt aber nicht, wer die Texte geprüft hat",
                source.locate(("project", "documents", spec.origin, "template")),
                hint=f"den Baustein {' oder '.join(names)} mit der Prüfgruppe (group:) in die Gliederung "
                f"aufnehmen, z. B. am Ende: {{block: {names[0] if names else '…'}, group: …, date: …}}",
            )
        )
    return found
