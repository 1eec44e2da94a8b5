"""A survey's responses as they arrive: LimeSurvey's exports (CSV: UTF-8 with BOM, quoted, CRLF; or XLSX;
answers as codes or as full texts), SoSci Survey (tab-separated UTF-16, ``WO02_01``, negative codes for
missing answers) and a sheet typed from paper questionnaires. Every answer is checked against the
declared codes and located (file:row:column) when it is not one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from conceptgen.data.tabular import read_table
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading import ProjectSource
from conceptgen.model.survey import (
    AnswerForm,
    Question,
    Questionnaire,
    QuestionType,
    ResponseFile,
    ResponseFormat,
)
from conceptgen.paths import project_file

SELECTED = {"y", "yes", "ja", "x", "1", "true", "wahr"}
NOT_SELECTED = {"", "n", "no", "nein", "0", "false", "falsch", "nicht gewählt", "not selected"}
MAX_ERRORS = 40


@dataclass
class Response:
    """One questionnaire: where it came from and its answers (question code → code, number or text;
    (code, item) → code or True/False; (code, "other") → text)."""

    source: int  # index of the response file
    line: int
    complete: bool
    values: dict[Any, Any] = field(default_factory=dict)


def column_name(form: ResponseFormat, code: str, item: str | None) -> str:
    """The header of a question's (or item's) column in an export of ``form``."""
    if item is None:
        return code
    if form is ResponseFormat.SOSCI:
        return f"{code}_{item}"
    return f"{code}[{item}]"


def _columns(question: Question, form: ResponseFormat) -> list[tuple[Any, str]]:
    """(key, header) of every column a question has in an export."""
    if question.type in (QuestionType.MULTIPLE, QuestionType.SCALE):
        found = [
            ((question.code, item), column_name(form, question.code, item)) for item in question.items or {}
        ]
    else:
        found = [(question.code, column_name(form, question.code, None))]
    if question.other and form is not ResponseFormat.SOSCI:
        found.append(((question.code, "other"), column_name(form, question.code, "other")))
    return found


def load_responses(
    questionnaire: Questionnaire, questions: list[Question], source: ProjectSource
) -> tuple[list[Response], list[Diagnostic]]:
    """Every response of every export, answers checked against the questions' codes."""
    responses: list[Response] = []
    found: list[Diagnostic] = []
    for index, spec in enumerate(questionnaire.responses):
        try:
            rows, problems = _read(index, spec, questions, source)
        except DiagnosticError as exc:
            found += exc.diagnostics
            continue
        responses += rows
        found += problems
    return responses, found


def _read(
    index: int, spec: ResponseFile, questions: list[Question], source: ProjectSource
) -> tuple[list[Response], list[Diagnostic]]:
    where = source.locate(("questionnaire", "responses", index, "file"))
    key = f"questionnaire.responses[{index}].file"
    path = project_file(source.root, spec.file, "response file", where, key)
    display = relative(path)
    encoding = "utf-16" if spec.format is ResponseFormat.SOSCI and path.suffix.lower() != ".xlsx" else "utf-8"
    separator = "\t" if spec.format is ResponseFormat.SOSCI else None
    table = read_table(path, display, encoding=encoding, separator=separator, sheet=spec.sheet, where=where)
    headers = {h.strip(): i for i, h in enumerate(table.headers)}
    alternatives = {}  # a sheet typed from paper may write Q02_SQ001 or Q02[SQ001]
    if spec.format is ResponseFormat.TABLE:
        for header, i in list(headers.items()):
            if "_" in header and "[" not in header:
                code, _, item = header.partition("_")
                alternatives[f"{code}[{item}]"] = i
    problems: list[Diagnostic] = []
    layout: list[tuple[Question, Any, int]] = []
    for question in questions:
        for key, header in _columns(question, spec.format):
            position = headers.get(header, alternatives.get(header))
            if position is None:
                if isinstance(key, tuple) and key[1] == "other":
                    continue  # an "other" field the export does not have
                problems.append(
                    diagnostic(
                        "CG601",
                        f"question {question.code}: column '{header}' is not in {display}",
                        Location(display, table.header_line, 1),
                        hint=did_you_mean(header, headers) or f"columns: {', '.join(list(headers)[:10])} …",
                    )
                )
                continue
            layout.append((question, key, position))
    if problems:
        raise DiagnosticError(problems[:MAX_ERRORS])
    problems += _undeclared(table.headers, {p for _q, _k, p in layout}, spec, display, table.header_line)
    finished = _finished_column(spec.format, headers)
    responses = []
    for row, line in zip(table.rows, table.lines, strict=True):
        complete = _complete(spec.format, row, finished)
        response = Response(index, line, complete)
        for question, key, position in layout:
            raw = row[position] if position < len(row) else None
            value, problem = _value(question, key, raw, spec)
            if problem:
                if len(problems) < MAX_ERRORS:
                    problems.append(
                        diagnostic(
                            "CG620",
                            f"{problem} in column '{table.headers[position]}'",
                            Location(display, line, position + 1),
                            hint=_allowed(question, key),
                        )
                    )
                continue
            if value is not None:
                response.values[key] = value
        responses.append(response)
    return responses, problems


# what the tools write besides the answers: ids, dates, pages, timings, SoSci's system variables
META = {
    "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "token", "ipaddr",
    "refurl", "interviewtime", "case", "serial", "ref", "questnnr", "mode", "started", "finished",
    "q_viewer", "maxpage", "missing", "missrel", "time_rsi", "deg_time", "lastdata", "time_sum",
}  # fmt: skip
META_PATTERN = re.compile(
    r"(?i)^(time\d+|.*time|groupTime\d+|.*X\d+time|FINISHED|LASTPAGE|DEG_TIME|MISSING)$"
)


def _undeclared(
    headers: list[str], used: set[int], spec: ResponseFile, display: str, line: int
) -> list[Diagnostic]:
    """CG622: columns of the export that no question declares (their answers would go unseen)."""
    ignored = {name.strip().casefold() for name in spec.ignore}
    names = [
        h
        for i, h in enumerate(headers)
        if i not in used
        and h.strip()
        and h.strip().casefold() not in META | ignored
        and not META_PATTERN.match(h.strip())
    ]
    if not names:
        return []
    shown = ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
    return [
        diagnostic(
            "CG622",
            f"{len(names)} column(s) of {display} belong to no declared question: {shown}",
            Location(display, line, headers.index(names[0]) + 1),
            hint="declare the questions in befragung.yaml (or the structure export), or list the columns "
            "under ignore: of this response file",
        )
    ]


def _finished_column(form: ResponseFormat, headers: dict[str, int]) -> int | None:
    for name in ("submitdate", "FINISHED", "abgeschlossen", "complete"):
        if name in headers:
            return headers[name]
    return None


def _complete(form: ResponseFormat, row: list[Any], column: int | None) -> bool:
    if column is None or column >= len(row):
        return True  # a sheet typed from paper: every questionnaire counts
    value = row[column]
    text = "" if value is None else str(value).strip()
    if form is ResponseFormat.SOSCI:
        return text in ("1", "1.0")
    return bool(text)  # LimeSurvey: a submit date


def _value(question: Question, key: Any, raw: Any, spec: ResponseFile) -> tuple[Any, str]:
    """The answer as a code (or True/False, a number, a text); a problem text for an unknown code."""
    text = (
        ""
        if raw is None
        else (str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)).strip()
    )
    if spec.format is ResponseFormat.SOSCI and text.startswith("-") and text[1:].isdigit():
        return None, ""  # SoSci: negative codes (-1 not asked, -9 not answered) are missing answers
    if isinstance(key, tuple) and key[1] == "other":
        return (text or None), ""
    kind = question.type
    if kind is QuestionType.TEXT:
        return (text or None), ""
    if kind is QuestionType.MULTIPLE:
        folded = text.casefold()
        if spec.format is ResponseFormat.SOSCI:  # 2 ticked, 1 not ticked
            if text in ("1", "2", ""):
                return {"2": True, "1": False}.get(text), ""
            return None, f"'{text}' is not 1 (not ticked) or 2 (ticked)"
        if folded in SELECTED or (spec.answers is AnswerForm.TEXTS and folded and folded not in NOT_SELECTED):
            return True, ""
        if folded in NOT_SELECTED:
            return False, ""
        return None, f"'{text}' is neither ticked (Y) nor empty"
    if not text:
        return None, ""
    if kind is QuestionType.NUMBER:
        try:
            return float(text.replace(",", ".")), ""
        except ValueError:
            return None, f"'{text}' is not a number"
    codes = _codes(question, key)
    if text in codes:
        return text, ""
    by_label = {label.casefold(): code for code, label in codes.items()}
    if (
        spec.answers is AnswerForm.TEXTS or spec.format is ResponseFormat.TABLE
    ) and text.casefold() in by_label:
        return by_label[text.casefold()], ""
    if text.casefold() in {"-oth-", "sonstiges"} and question.other:
        return "-oth-", ""
    return None, f"'{text}' is not an answer of question {question.code}"


def _codes(question: Question, key: Any) -> dict[str, str]:
    if question.type is QuestionType.SCALE:
        return {**(question.scale or {}), **question.neutral}
    return {**(question.answers or {}), **question.neutral}


def _allowed(question: Question, key: Any) -> str:
    codes = _codes(question, key)
    if question.type is QuestionType.MULTIPLE:
        return "ticked: Y (or x, 1, ja); not ticked: empty (or N, 0)"
    if question.type is QuestionType.NUMBER:
        return "a number"
    shown = ", ".join(f"{c} ({label})" for c, label in list(codes.items())[:8])
    return f"allowed: {shown}"
