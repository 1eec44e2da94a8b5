"""A survey's responses in one frame, whatever format they arrived in: :class:`Response` (one
questionnaire and its answers), :class:`Dialect` (what a survey format offers: recognise a file, read its
responses, perhaps its questions) and :class:`TableDialect`, the reading of an export that is a table
(CSV, tab-separated, XLSX, or what a format turns into one): every answer checked against the declared
codes and located (file:row:column) when it is not one of them. The formats themselves are the modules
of ``data/survey_dialects/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from conceptgen.data.tabular import RawTable, read_table
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean
from conceptgen.model.survey import AnswerForm, Question, QuestionType, ResponseFile

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


@dataclass
class Export:
    """A response file to read: its place in befragung.yaml, its declaration, where it lies."""

    index: int
    spec: ResponseFile
    path: Path
    display: str
    where: Location | None


class Dialect:
    """A survey format: its name (the ``format:`` of befragung.yaml), how sure it is that a file is its
    own, how it reads the responses — and, for a format whose files carry the questionnaire too, the
    questions. A format is one module of ``data/survey_dialects/`` defining ``DIALECT``."""

    name: ClassVar[str]  # format: in befragung.yaml
    title: ClassVar[str]  # the tool, in docs/befragung.md
    docs: ClassVar[str]  # what the format is and how it is read (Markdown, docs/befragung.md)
    suffixes: ClassVar[tuple[str, ...]]  # the files it reads
    position: ClassVar[int] = 50  # its place in the lists
    structure: ClassVar[bool] = False  # its files may name the questions (questionnaire.structure)

    def detect(self, path: Path, headers: list[str] | None) -> float:
        """How sure (0 to 1) that ``path`` (with the column ``headers``, when the file is a table whose
        first row could be read) is an export of this format."""
        raise NotImplementedError

    def read(self, export: Export, questions: list[Question]) -> tuple[list[Response], list[Diagnostic]]:
        """Every questionnaire of the export, its answers checked against the questions; raises
        DiagnosticError when the file cannot be read at all."""
        raise NotImplementedError

    def questions(
        self, path: Path, display: str, where: Location | None, declared: list[Question]
    ) -> list[Question]:
        """The questions a file of this format names (only where ``structure`` is true); ``declared``:
        those befragung.yaml declares (a format may need them to group its columns)."""
        raise NotImplementedError


class TableDialect(Dialect):
    """A format whose export is a table: a row per questionnaire, a column per question or item. The
    formats say how their columns are named, how a tick and a missing answer look, and when a
    questionnaire is complete."""

    encoding: ClassVar[str] = "utf-8"
    separator: ClassVar[str | None] = None
    other_column: ClassVar[bool] = True  # the „Sonstiges“ text has a column Q[other]
    by_label: ClassVar[bool] = False  # answers may be written as their texts

    def column_name(self, code: str, item: str | None) -> str:
        """The header of a question's (or item's) column."""
        return code if item is None else f"{code}[{item}]"

    def alternatives(self, headers: dict[str, int], questions: list[Question]) -> dict[str, int]:
        """Other headers the questions' columns may have (header → position)."""
        return {}

    def table(self, export: Export, questions: list[Question]) -> RawTable:
        """The export as a table of headers and rows."""
        chosen = export.spec.encoding.value if export.spec.encoding else self.encoding
        encoding = chosen if export.path.suffix.lower() != ".xlsx" else "utf-8"
        return read_table(
            export.path,
            export.display,
            encoding=encoding,
            separator=self.separator,
            sheet=export.spec.sheet,
            where=export.where,
            encoding_key=f"questionnaire.responses[{export.index}].encoding",
        )

    def complete(self, finished: str) -> bool:
        """Whether a questionnaire is complete, by its cell in the finished column."""
        return bool(finished)  # LimeSurvey: a submit date

    def missing(self, text: str) -> bool:
        """A code the format writes for an answer not given."""
        return False

    def tick(self, text: str, spec: ResponseFile) -> tuple[bool | None, str]:
        """A multiple-choice cell: ticked, not ticked, or a problem."""
        folded = text.casefold()
        if folded in SELECTED or (spec.answers is AnswerForm.TEXTS and folded and folded not in NOT_SELECTED):
            return True, ""
        if folded in NOT_SELECTED:
            return False, ""
        return None, f"„{text}“ ist weder angekreuzt (Y) noch leer"

    def labels_allowed(self, spec: ResponseFile) -> bool:
        return self.by_label or spec.answers is AnswerForm.TEXTS

    def read(self, export: Export, questions: list[Question]) -> tuple[list[Response], list[Diagnostic]]:
        table = self.table(export, questions)
        layout = self._layout(table, questions, export.display)
        problems = _undeclared(
            table.headers, {p for _q, _k, p in layout}, export.spec, export.display, table.header_line
        )
        finished = _finished_column({h.strip(): i for i, h in enumerate(table.headers)})
        responses = []
        for row, line in zip(table.rows, table.lines, strict=True):
            response = Response(export.index, line, self._complete(row, finished))
            for question, key, position in layout:
                raw = row[position] if position < len(row) else None
                value, problem = self.value(question, key, raw, export.spec)
                if problem:
                    if len(problems) < MAX_ERRORS:
                        problems.append(
                            diagnostic(
                                "CG620",
                                f"{problem} in der Spalte „{table.headers[position]}“",
                                Location(export.display, line, position + 1),
                                hint=self.allowed(question, key),
                            )
                        )
                    continue
                if value is not None:
                    response.values[key] = value
            responses.append(response)
        return responses, problems

    def _columns(self, question: Question) -> list[tuple[Any, str]]:
        """(key, header) of every column a question has in an export."""
        if question.type in (QuestionType.MULTIPLE, QuestionType.SCALE):
            found = [
                ((question.code, item), self.column_name(question.code, item))
                for item in question.items or {}
            ]
        else:
            found = [(question.code, self.column_name(question.code, None))]
        if question.other and self.other_column:
            found.append(((question.code, "other"), self.column_name(question.code, "other")))
        return found

    def _layout(
        self, table: RawTable, questions: list[Question], display: str
    ) -> list[tuple[Question, Any, int]]:
        """(question, key, position) of every column the questions have; CG601 for those missing."""
        headers = {h.strip(): i for i, h in enumerate(table.headers)}
        alternatives = self.alternatives(headers, questions)
        shown = f"columns: {', '.join(list(headers)[:10])} …"
        problems: list[Diagnostic] = []
        layout: list[tuple[Question, Any, int]] = []
        for question in questions:
            for key, header in self._columns(question):
                position = headers.get(header, alternatives.get(header))
                if position is None:
                    if isinstance(key, tuple) and key[1] == "other":
                        continue  # an "other" field the export does not have
                    problems.append(
                        diagnostic(
                            "CG601",
                            f"Frage {question.code}: die Spalte „{header}“ steht nicht in {display}",
                            Location(display, table.header_line, 1),
                            hint=did_you_mean(header, headers) or shown,
                        )
                    )
                    continue
                layout.append((question, key, position))
        if problems:
            raise DiagnosticError(problems[:MAX_ERRORS])
        return layout

    def _complete(self, row: list[Any], column: int | None) -> bool:
        if column is None or column >= len(row):
            return True  # a sheet typed from paper: every questionnaire counts
        value = row[column]
        return self.complete("" if value is None else str(value).strip())

    def value(self, question: Question, key: Any, raw: Any, spec: ResponseFile) -> tuple[Any, str]:
        """The answer as a code (or True/False, a number, a text); a problem text for an unknown code."""
        text = (
            ""
            if raw is None
            else (str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)).strip()
        )
        if self.missing(text):
            return None, ""
        if isinstance(key, tuple) and key[1] == "other":
            return (text or None), ""
        kind = question.type
        if kind is QuestionType.TEXT:
            return (text or None), ""
        if kind is QuestionType.MULTIPLE:
            return self.tick(text, spec)
        if not text:
            return None, ""
        if kind is QuestionType.NUMBER:
            try:
                return float(text.replace(",", ".")), ""
            except ValueError:
                return None, f"„{text}“ ist keine Zahl"
        codes = _codes(question)
        if text in codes:
            return text, ""
        by_label = {label.casefold(): code for code, label in codes.items()}
        if self.labels_allowed(spec) and text.casefold() in by_label:
            return by_label[text.casefold()], ""
        if text.casefold() in {"-oth-", "sonstiges"} and question.other:
            return "-oth-", ""
        return None, f"„{text}“ ist keine Antwort der Frage {question.code}"

    def allowed(self, question: Question, key: Any) -> str:
        """The hint to an answer that is not allowed."""
        codes = _codes(question)
        if question.type is QuestionType.MULTIPLE:
            return "angekreuzt: Y (oder x, 1, ja); nicht angekreuzt: leer (oder N, 0)"
        if question.type is QuestionType.NUMBER:
            return "eine Zahl"
        shown = ", ".join(f"{c} ({label})" for c, label in list(codes.items())[:8])
        return f"erlaubt: {shown}"


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
            f"{len(names)} Spalte(n) von {display} gehören zu keiner erklärten Frage: {shown}",
            Location(display, line, headers.index(names[0]) + 1),
            hint="die Fragen in befragung.yaml (oder im Strukturexport) erklären oder die Spalten unter "
            "ignore: dieser Antwortdatei aufführen",
        )
    ]


def _finished_column(headers: dict[str, int]) -> int | None:
    for name in ("submitdate", "FINISHED", "abgeschlossen", "complete"):
        if name in headers:
            return headers[name]
    return None


def _codes(question: Question) -> dict[str, str]:
    if question.type is QuestionType.SCALE:
        return {**(question.scale or {}), **question.neutral}
    return {**(question.answers or {}), **question.neutral}
