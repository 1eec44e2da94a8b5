"""The survey formats (dialects): every module of this package (but those starting with ``_``) is one
format and defines ``DIALECT``, a :class:`conceptgen.data.survey_read.Dialect` whose ``name`` is the
module's name. :func:`dialects` finds them all; everything that names the formats asks it — the
``format:`` a response file may give (and the near miss of one it may not), the recognition of a file
whose format is not given, the file a questionnaire's ``structure:`` may be, the JSON Schema, and the list
in docs/befragung.md. Adding a format is adding one module here (and its test): docs/architecture.md,
„Adding a survey format“.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from conceptgen.data.survey_read import MAX_ERRORS, Dialect, Export, Response
from conceptgen.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Location,
    diagnostic,
    did_you_mean,
    relative,
)
from conceptgen.loading import ProjectSource
from conceptgen.model.survey import Question, Questionnaire
from conceptgen.paths import project_file

SURE = 0.5  # a format recognised at least this surely is taken when format: is left out


class RegistryError(Exception):
    """A format module breaks the rules of the registry (a bug in conceptgen, not a user's mistake)."""


@cache
def dialects() -> dict[str, Dialect]:
    """The formats by name, in the order of their ``position``."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_"):
            continue
        dialect = getattr(importlib.import_module(f"{__name__}.{module.name}"), "DIALECT", None)
        if not isinstance(dialect, Dialect) or dialect.name != module.name:
            raise RegistryError(f"survey_dialects/{module.name}.py defines no DIALECT named {module.name}")
        found.append(dialect)
    return {d.name: d for d in sorted(found, key=lambda d: (d.position, d.name))}


def recognise(path: Path, *, structure: bool = False) -> list[tuple[float, Dialect]]:
    """The formats that take ``path`` for theirs, the surest first (only those whose files can name
    the questions, with ``structure``)."""
    headers = first_row(path)
    found = []
    for dialect in dialects().values():
        if structure and not dialect.structure:
            continue
        confidence = dialect.detect(path, headers)
        if confidence > 0:
            found.append((confidence, dialect))
    return sorted(found, key=lambda pair: -pair[0])


def first_row(path: Path) -> list[str] | None:
    """The cells of a text table's first line (UTF-16 with BOM, else UTF-8; tab, semicolon or comma), or
    None for a file that is not text."""
    try:
        with path.open("rb") as file:
            raw = file.read(64 * 1024)
    except OSError:
        return None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = raw.decode("utf-16", errors="ignore")
    elif b"\0" in raw or raw[:2] == b"PK":
        return None
    else:
        text = raw.decode("utf-8-sig", errors="replace")
    line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    separator = max(("\t", ";", ","), key=line.count)
    return [cell.strip().strip('"') for cell in line.split(separator)]


def formats_markdown() -> str:
    """The list of formats in docs/befragung.md (between its markers): each with its ``format:`` name
    and its description."""
    return "\n".join(
        f"- **{d.title}** (`format: {d.name}`{', also as `structure:`' if d.structure else ''}): {d.docs}"
        for d in dialects().values()
    )


def load_responses(
    questionnaire: Questionnaire, questions: list[Question], source: ProjectSource
) -> tuple[list[Response], list[Diagnostic]]:
    """Every response of every export, read by its format, answers checked against the questions."""
    responses: list[Response] = []
    found: list[Diagnostic] = []
    for index in range(len(questionnaire.responses)):
        try:
            export, dialect = response_file(questionnaire, index, source)
            rows, problems = dialect.read(export, questions)
        except DiagnosticError as exc:
            found += exc.diagnostics[:MAX_ERRORS]
            continue
        responses += rows
        found += problems
    return responses, found


def response_file(questionnaire: Questionnaire, index: int, source: ProjectSource) -> tuple[Export, Dialect]:
    """A response file found in the project and its format: the one given (CG104 for a name that is
    none, with the nearest and the one the file looks like), or the one recognised (CG540 when none is
    sure)."""
    spec = questionnaire.responses[index]
    where = source.locate(("questionnaire", "responses", index, "file"))
    key = f"questionnaire.responses[{index}]"
    path = project_file(source.root, spec.file, "Antwortdatei", where, f"{key}.file")
    export = Export(index, spec, path, relative(path), where)
    known = dialects()
    if spec.format in known:
        return export, known[spec.format]
    guess = recognise(path)
    if spec.format is None:
        if guess and guess[0][0] >= SURE:
            return export, guess[0][1]
        raise DiagnosticError(
            diagnostic(
                "CG540",
                f"Das Format von {export.display} ist nicht angegeben und nicht sicher zu erkennen",
                where,
                key_path=f"{key}.format",
                hint=f"format: angeben, eines von: {', '.join(known)}",
            )
        )
    looks = f"die Datei sieht aus wie format: {guess[0][1].name}; " if guess and guess[0][0] >= SURE else ""
    near = did_you_mean(spec.format, known)
    raise DiagnosticError(
        diagnostic(
            "CG104",
            f"ungültiger Wert „{spec.format}“",
            source.locate(("questionnaire", "responses", index, "format")),
            key_path=f"{key}.format",
            hint=f"{near + ' ' if near else ''}{looks}erlaubt: {', '.join(known)}",
        )
    )


def load_structure(path: Path, where: Location | None, declared: list[Question]) -> list[Question]:
    """The questions a structure file names, read by the format that takes it for its own (CG541 when
    no format does)."""
    display = relative(path)
    found = recognise(path, structure=True)
    if not found:
        readers = [f"{d.title} ({', '.join(d.suffixes)})" for d in dialects().values() if d.structure]
        raise DiagnosticError(
            diagnostic(
                "CG541",
                f"{display} ist keine Datei, aus der sich die Fragen lesen lassen",
                Location(display, 1, 1),
                hint=f"Fragen lesen: {'; '.join(readers)}",
            )
        )
    return found[0][1].questions(path, display, where, declared)
