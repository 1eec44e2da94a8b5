"""SPSS: a system file (``.sav``, also compressed ``.zsav``) as field institutes deliver it — the
questionnaire and the responses in one file, read through pyreadstat (imported when a file is read).

- a variable with a **variable label** is a question (its label the text): with **value labels** one of
  single choice (the labels its answers, the values their codes: ``1``, ``2`` or ``A1``), without them a
  number or, for a string variable, an open answer; a variable without a label only when befragung.yaml
  declares it;
- **user-defined missing values** (−9 „keine Angabe“) are answers not given, and no answer option;
- **multiple-response sets** (multiple dichotomy sets, ``$Q02``) are multiple choice, ticked where a
  variable holds the set's counted value; without sets, a question declared ``type: multiple`` (or
  ``scale``) takes the variables named ``Q02_…`` as its items (``Q02_other``: the „Sonstiges“ text) —
  ticked is 1 (or a value labelled „ja“, „gewählt“, „genannt“), not ticked 0 or missing;
- a questionnaire is complete unless a ``FINISHED`` (or ``submitdate``) variable says 0 or nothing.

A problem in a cell is located as file:case:variable (the case's number, the variable's position).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from conceptgen.data.survey_read import META, SELECTED, Export, TableDialect
from conceptgen.data.tabular import MAX_FILE_BYTES, RawTable
from conceptgen.diagnostics import DiagnosticError, Location, diagnostic
from conceptgen.model.survey import Question, QuestionType

MAGIC = (b"$FL2", b"$FL3")  # the first bytes of a system file (.sav, .zsav)
TICKED = SELECTED | {"gewählt", "ausgewählt", "genannt", "angekreuzt", "zutreffend", "trifft zu"}
GROUPED = (QuestionType.MULTIPLE, QuestionType.SCALE)


class Spss(TableDialect):
    name = "spss"
    title = "SPSS"
    docs = (
        "a system file (`.sav`, `.zsav`) holds the questionnaire and the responses: give it as the "
        "response file (and, without `structure:`, the questions come from it). Variable labels are the "
        "questions, value labels their answers, user-defined missing values (−9 „keine Angabe“) answers "
        "not given; multiple-response sets (dichotomies) are multiple choice, and a question declared "
        "`type: multiple` or `scale` takes the variables `Q02_…` as its items (ticked: 1). A problem "
        "is located as file:case:variable."
    )
    suffixes = (".sav", ".zsav")
    position = 40
    structure = True

    def detect(self, path: Path, headers: list[str] | None) -> float:
        try:
            with path.open("rb") as file:
                start = file.read(4)
        except OSError:
            return 0.0
        if start in MAGIC:
            return 1.0
        return 0.5 if path.suffix.lower() in self.suffixes else 0.0

    def column_name(self, code: str, item: str | None) -> str:
        return code if item is None else f"{code}_{item}"

    def alternatives(self, headers: dict[str, int], questions: list[Question]) -> dict[str, int]:
        """The items of a multiple-response set are its variables, whatever their names."""
        found = {}
        for question in questions:
            for item in question.items or {} if question.type in GROUPED else {}:
                if self.column_name(question.code, item) not in headers and item in headers:
                    found[self.column_name(question.code, item)] = headers[item]
        return found

    def complete(self, finished: str) -> bool:
        return finished not in ("", "0", "0.0")

    def table(self, export: Export, questions: list[Question]) -> RawTable:
        """The cases as rows (missing values empty), the ticks of multiple choice as Y or empty."""
        frame, meta = _read(export.path, export.display, metadata_only=False)
        names = list(frame.columns)
        ticks = _tick_columns(meta, questions, names, self)
        rows = []
        for record in frame.itertuples(index=False, name=None):
            row = [_cell(v) for v in record]
            for i, ticked in ticks.items():
                row[i] = "" if row[i] is None else ("Y" if ticked(row[i]) else "")
            rows.append(row)
        return RawTable(export.display, names, rows, list(range(1, len(rows) + 1)), 1)

    def questions(
        self, path: Path, display: str, where: Location | None, declared: list[Question]
    ) -> list[Question]:
        _frame, meta = _read(path, display, metadata_only=True)
        labels = meta.column_names_to_labels
        groups = _groups(meta, declared)
        owner = {var: code for code, (_kind, items, _label) in groups.items() for var in items.values()}
        wanted = {q.code for q in declared}
        found: list[Question] = []
        for var in meta.column_names:
            code = owner.get(var) or (var.removesuffix("_other") if var.endswith("_other") else None)
            if code in groups:
                if code not in {q.code for q in found}:
                    found.append(_group_question(code, groups[code], meta))
                continue
            if var.casefold() in META or not (labels.get(var) or var in wanted):
                continue  # a variable without a label is asked for by befragung.yaml only
            found.append(_question(var, meta))
        return found


def _read(path: Path, display: str, *, metadata_only: bool) -> tuple[Any, Any]:
    """The data (missing values as missing) and the metadata (with the missing values' definitions);
    CG542 for a file that is not an SPSS system file or is damaged."""
    try:
        import pyreadstat
    except ImportError:  # pragma: no cover - a dependency of conceptgen
        raise DiagnosticError(
            diagnostic(
                "CG542", f"{display}: pyreadstat fehlt", Location(display), hint="pip install pyreadstat"
            )
        ) from None
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DiagnosticError(
            diagnostic("CG608", f"{display} ist größer als {MAX_FILE_BYTES // 2**20} MB", Location(display))
        )
    try:
        _f, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)
        if metadata_only:
            return None, meta
        frame, _m = pyreadstat.read_sav(str(path), disable_datetime_conversion=True)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError, UnicodeError, ValueError) as exc:
        start = path.read_bytes()[:4]
        # pyreadstat's own words say only for a damaged SPSS file more than „no SPSS file“
        what = f"beschädigt oder unvollständig: {exc}" if start in MAGIC else "keine SPSS-Datei (.sav)"
        raise DiagnosticError(
            diagnostic(
                "CG542",
                f"{display} ist {what}",
                Location(display, 1, 1),
                hint="die Datei noch einmal aus SPSS (Speichern unter … .sav) oder dem Befragungswerkzeug "
                "exportieren",
            )
        ) from None
    return frame, meta


def _cell(value: Any) -> Any:
    """A value of the file as the table holds it: missing as None, text stripped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return value.strip() or None
    return value


def _code(value: Any) -> str:
    """A value as an answer code: 1.0 → "1", text as it is."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _missing(value: Any, ranges: list[dict[str, Any]]) -> bool:
    """Whether a value is one of a variable's user-defined missing values (or in a missing range)."""
    for span in ranges:
        low, high = span.get("lo"), span.get("hi")
        try:
            if low <= value <= high:
                return True
        except TypeError:
            continue
    return False


def _answers(meta: Any, var: str) -> dict[str, str]:
    """A variable's value labels as answer codes and texts, its missing values left out."""
    ranges = meta.missing_ranges.get(var, [])
    labelled = meta.variable_value_labels.get(var, {})
    return {_code(v): str(label) for v, label in labelled.items() if not _missing(v, ranges)}


def _groups(meta: Any, declared: list[Question]) -> dict[str, tuple[QuestionType, dict[str, str], str]]:
    """Questions made of several variables (code → type, item → variable, label): the file's
    multiple dichotomy sets, then the questions befragung.yaml declares as multiple or scale."""
    names = list(meta.column_names)
    found: dict[str, tuple[QuestionType, dict[str, str], str]] = {}
    for name, spec in (meta.mr_sets or {}).items():
        if spec.get("is_dichotomy") or spec.get("type") in ("D", "E"):
            code = name.lstrip("$")
            variables = [v for v in spec.get("variable_list", []) if v in names]
            items = {v.removeprefix(f"{code}_"): v for v in variables}
            if items:
                found[code] = (QuestionType.MULTIPLE, items, spec.get("label") or "")
    for question in declared:
        if question.type not in GROUPED or question.code in found or question.code in names:
            continue
        prefix = f"{question.code}_"
        if question.items:
            items = {item: f"{prefix}{item}" for item in question.items if f"{prefix}{item}" in names}
        else:
            items = {v[len(prefix) :]: v for v in names if v.startswith(prefix) and v != f"{prefix}other"}
        if items:
            found[question.code] = (question.type, items, "")
    return found


def _group_question(code: str, group: tuple[QuestionType, dict[str, str], str], meta: Any) -> Question:
    """A question of several variables: its items named by their labels (less the words all of them begin
    with, which are the question's text unless the set has a label of its own)."""
    kind, items, label = group
    labels = meta.column_names_to_labels
    texts = {item: labels.get(var) or item for item, var in items.items()}
    start = _common_start(list(texts.values()))
    if start:
        texts = {item: text[len(start) :].strip(" :–-") or text for item, text in texts.items()}
    first = next(iter(items.values()))
    return Question(
        code=code,
        text=label or start.rstrip(" :–-") or None,
        type=kind,
        items=texts,
        scale=_answers(meta, first) or None if kind is QuestionType.SCALE else None,
        other=f"{code}_other" in meta.column_names,
    )


def _question(var: str, meta: Any) -> Question:
    answers = _answers(meta, var)
    if answers:
        kind = QuestionType.SINGLE
    elif meta.readstat_variable_types.get(var) == "string":
        kind = QuestionType.TEXT
    else:
        kind = QuestionType.NUMBER
    return Question(
        code=var,
        text=meta.column_names_to_labels.get(var) or None,
        type=kind,
        answers=answers or None if kind is QuestionType.SINGLE else None,
    )


def _common_start(texts: list[str]) -> str:
    """The words the items' labels all begin with („Genutzt: Park“, „Genutzt: Markt“ → „Genutzt: “), up
    to a space, colon or dash; empty when they share fewer than three letters."""
    if len(texts) < 2:
        return ""
    start = texts[0]
    for text in texts[1:]:
        while not text.startswith(start):
            start = start[:-1]
    cut = max(start.rfind(mark) for mark in " :–-")
    start = start if all(t == start for t in texts) else start[: cut + 1]
    return start if len(start.rstrip(" :–-")) >= 3 else ""


def _tick_columns(meta: Any, questions: list[Question], names: list[str], dialect: Spss) -> dict[int, Any]:
    """Column → whether a value is a tick, for the items of every multiple-choice question: the set's
    counted value, else a value labelled as chosen, else 1."""
    counted = {
        v: spec.get("counted_value")
        for spec in (meta.mr_sets or {}).values()
        for v in spec.get("variable_list", [])
        if spec.get("counted_value") is not None
    }
    found = {}
    for question in questions:
        if question.type is not QuestionType.MULTIPLE:
            continue
        for item in question.items or {}:
            var = dialect.column_name(question.code, item)
            var = var if var in names else item
            if var not in names:
                continue
            labelled = {
                _code(v): str(t).casefold() for v, t in meta.variable_value_labels.get(var, {}).items()
            }
            found[names.index(var)] = _ticked(counted.get(var), labelled)
    return found


def _ticked(counted: Any, labelled: dict[str, str]) -> Any:
    def ticked(value: Any) -> bool:
        if counted is not None:
            return _code(value) == _code(counted)
        label = labelled.get(_code(value))
        if label is not None:
            return label in TICKED
        return _code(value) in SELECTED

    return ticked


DIALECT = Spss()
