"""Values checked against the project's own lists: the Wirkungsebenen of measures (vocabulary.levels,
else those of the concept type), and the project's own words (vocabulary.terms): known terms only, with
the placeholders the term fills."""

from __future__ import annotations

import re

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept
from conceptgen.outline import levels, vocabulary_terms
from conceptgen.terms import FORM_OF, TERMS, Noun, placeholders
from conceptgen.terms.grammar import TERM_REFERENCE
from conceptgen.terms.lexicon import declined


def check_terms(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG104 for a term the language does not have; CG103 for one whose placeholders differ."""
    known = TERMS.get(concept.project.locale.value, TERMS["de"])
    found = []
    for key, value in concept.project.vocabulary.terms.items():
        path = ("project", "vocabulary", "terms", key)
        if key not in known:
            found.append(
                diagnostic(
                    "CG104",
                    f"unbekannter Begriff „{key}“",
                    source.locate(path, key=True),
                    key_path=format_path(path),
                    hint=did_you_mean(key, known)
                    or "die Begriffe, die ein Projekt setzen kann: docs/outlines.md",
                )
            )
            continue
        if not isinstance(value, str):
            if not isinstance(known[key], Noun):
                found.append(
                    diagnostic(
                        "CG350",
                        f"Begriff „{key}“ ist kein Nomen: er nimmt einen Text, kein Wort mit seinen Formen",
                        source.locate(path),
                        key_path=format_path(path),
                        hint=f"`{key}:` mit dem Text dahinter schreiben (conceptgen terms zeigt ihn)",
                    )
                )
            continue
        wanted, given = placeholders(known[key]), placeholders(value)
        if given - wanted:
            names = ", ".join("{" + n + "}" for n in sorted(wanted)) or "keine"
            found.append(
                diagnostic(
                    "CG103",
                    f"Begriff „{key}“ verwendet {', '.join('{' + n + '}' for n in sorted(given - wanted))}, "
                    "was er nicht füllen kann",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=f"Platzhalter von {key}: {names}",
                )
            )
    return found


def check_declinable(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG160 for a German word given for a noun term that the lexicon cannot decline: it would be printed
    unchanged in the plural and every case („13 Arbeitsschritt“)."""
    if concept.project.locale.value != "de":
        return []
    terms = concept.project.vocabulary.terms
    plurals = {base for key, (base, _form) in FORM_OF.items() if key in terms}
    found = []
    for key, value in terms.items():
        known = TERMS["de"].get(key)
        if not isinstance(value, str) or not isinstance(known, Noun) or key in plurals:
            continue
        if declined(value).declinable:
            continue
        path = ("project", "vocabulary", "terms", key)
        found.append(
            diagnostic(
                "CG160",
                f"„{value}“ steht nicht im Wörterverzeichnis: conceptgen druckt es in Mehrzahl und "
                f"jedem Fall unverändert („13 {value}“)",
                source.locate(path),
                key_path=format_path(path),
                hint=f"das Wort mit seinen Formen angeben: {key}: {{word: {value}, gender: m|f|n, "
                "genitive: …, plural: …, dative_plural: …}",
            )
        )
    return found


def _spelled(text: str) -> str:
    """What a term spells itself: without its references to other terms and its placeholders."""
    return re.sub(r"\{[^}]*\}", " ", TERM_REFERENCE.sub(" ", text)).lower()


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39].rstrip() + "…"


def check_spelled_terms(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG161 for a text term that still spells the word of a noun the project renamed: ``region: Stadt``
    keeps ``region_wide`` „kreisweit“ unless the project sets it too."""
    table = TERMS.get(concept.project.locale.value, TERMS["de"])
    own = concept.project.vocabulary.terms
    words = vocabulary_terms(concept)
    found = []
    for key in own:
        default = table.get(key)
        if not isinstance(default, Noun) or not default.declinable or key in FORM_OF:
            continue
        old = default.singular[0].lower()
        word = own[key] if isinstance(own[key], str) else getattr(own[key], "word", "")
        if str(word).strip().lower() in (old, default.plural[0].lower()):
            continue  # the word conceptgen writes anyway: nothing renamed
        old = old[:-1] if len(old) > 4 and old.endswith("e") else old  # „Tabell|e“ in „Tabellenverzeichnis“
        still = sorted(
            k
            for k, v in table.items()
            if k not in words and not isinstance(v, Noun) and re.search(rf"\b{re.escape(old)}", _spelled(v))
        )
        if not still:
            continue
        path = ("project", "vocabulary", "terms", key)
        shown = ", ".join(f"{k} („{_short(table[k])}“)" for k in still[:3]) + (" …" if len(still) > 3 else "")
        found.append(
            diagnostic(
                "CG161",
                f"„{key}“ heißt im Projekt „{words[key] if isinstance(words[key], str) else key}“, aber "
                f"{_counted(len(still), 'Begriff schreibt', 'Begriffe schreiben')} noch „{default}“: {shown}",
                source.locate(path),
                key_path=format_path(path),
                hint=f"auch {', '.join(still[:3])} in vocabulary.terms setzen (conceptgen terms zeigt alle)",
            )
        )
    return found


def check_vocabulary(concept: Concept, source: ProjectSource) -> list[Diagnostic]:
    """CG104 for a Wirkungsebene that is not in the project's list; the terms (check_terms, CG160)."""
    found = check_terms(concept, source) + check_declinable(concept, source)
    found += check_spelled_terms(concept, source)
    allowed = levels(concept)
    if not allowed:
        return found
    for i, measure in enumerate(concept.measures):
        items = [(("measures", i), measure)] + [
            (("measures", i, "tasks", j), t) for j, t in enumerate(measure.tasks)
        ]
        for path, item in items:
            if item.level is not None and item.level not in allowed:
                where = (*path, "level")
                hint = did_you_mean(item.level, allowed)
                allowed_text = ", ".join(allowed)
                found.append(
                    diagnostic(
                        "CG104",
                        f"ungültiger Wert „{item.level}“",
                        source.locate(where),
                        key_path=format_path(where),
                        hint=f"{hint} Erlaubt: {allowed_text}"
                        if hint
                        else f"erlaubt: {allowed_text} "
                        "(eigene Ebenen setzt project.yaml unter vocabulary.levels)",
                    )
                )
    return found
