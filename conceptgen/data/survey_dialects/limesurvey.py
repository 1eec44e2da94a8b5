"""LimeSurvey: the responses as LimeSurvey exports them (CSV: UTF-8 with BOM, quoted, CRLF; or XLSX;
answers as codes or as full texts; ``Q03[SQ001]``, ``Q03[other]``), and its questionnaire — the survey file
(``.lss``, Survey → Export → „Survey structure (.lss)“) or the tab-separated structure export (``.txt``):
questions, subquestions, answers and the relevance equations as filters where they are simple.

The ``.lss`` holds its texts in the survey's first language, in the layout of LimeSurvey 4 and later
(``question_l10ns`` and ``answer_l10ns``) or the older one (texts in the rows). It is XML from outside: a
file with a document type declaration (entities, external references) is refused — LimeSurvey never
writes one — in whatever encoding it comes (UTF-8, UTF-16 with or without a byte-order mark, or the one
its declaration names: the text is decoded first, then looked at), and the rest is parsed by the standard
library's expat.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conceptgen.data.survey_read import TableDialect
from conceptgen.data.tabular import read_table
from conceptgen.diagnostics import DiagnosticError, Location, diagnostic
from conceptgen.model.survey import Question, QuestionType

MAX_BYTES = 20 * 1024 * 1024

# LimeSurvey's question types (the one letter of its structure export) → ours
LIMESURVEY_TYPES = {
    **dict.fromkeys("L!OYG5", QuestionType.SINGLE),
    **dict.fromkeys("MP", QuestionType.MULTIPLE),
    **dict.fromkeys("FABCEH", QuestionType.SCALE),
    **dict.fromkeys("NK", QuestionType.NUMBER),
    **dict.fromkeys("TSUQD", QuestionType.TEXT),
}
FIXED_ANSWERS = {
    "Y": {"Y": "Ja", "N": "Nein"},
    "G": {"F": "weiblich", "M": "männlich"},
    "5": {str(i): str(i) for i in range(1, 6)},
}
FIXED_SCALES = {
    "A": {str(i): str(i) for i in range(1, 6)},
    "B": {str(i): str(i) for i in range(1, 11)},
    "C": {"Y": "Ja", "U": "Unsicher", "N": "Nein"},
    "E": {"I": "mehr", "S": "gleich", "D": "weniger"},
}


class LimeSurvey(TableDialect):
    name = "limesurvey"
    title = "LimeSurvey"
    docs = (
        "the CSV as LimeSurvey writes it (UTF-8 with BOM, every value quoted, CRLF, line breaks inside "
        "answers), or the XLSX export. Subquestions are columns `Q03[SQ001]`, the „Sonstiges“ text "
        "`Q03[other]`; multiple choice is `Y` or empty. Answers as codes (the default) or as full texts "
        "(`answers: texts`). A questionnaire is complete when it has a `submitdate`. The questionnaire "
        "comes from the survey file (`.lss`) or the tab-separated structure export (`.txt`)."
    )
    suffixes = (".csv", ".xlsx", ".lss", ".txt")
    position = 10
    structure = True

    def detect(self, path: Path, headers: list[str] | None) -> float:
        suffix = path.suffix.lower()
        if suffix == ".lss":
            return 0.9
        names = {h.strip().casefold() for h in headers or []}
        if {"class", "type/scale", "name"} <= names:
            return 1.0  # the structure export
        if "submitdate" in names or "startlanguage" in names:
            return 0.9
        if any(re.fullmatch(r"\w+\[\w+\]", h.strip()) for h in headers or []):
            return 0.6
        return 0.2 if suffix == ".txt" else 0.0

    def questions(
        self, path: Path, display: str, where: Location | None, declared: list[Question]
    ) -> list[Question]:
        if path.suffix.lower() == ".lss":
            return build_questions(read_lss(path, display))
        return build_questions(_read_tsv(path, display, where))


DIALECT = LimeSurvey()


def read_lss(path: Path, display: str) -> list[dict[str, Any]]:
    """The questions of a ``.lss`` as records for build_questions, in the survey's order."""
    root = _lss_root(path, display)
    language = _language(root)
    texts = _texts(root, "question_l10ns", "qid", "question", language)
    groups = {r.get("gid", ""): _int(r.get("group_order")) for r in _rows(root, "groups")}
    questions: dict[str, dict[str, Any]] = {}
    subquestions: list[dict[str, str]] = []
    for row in _rows(root, "questions") + _rows(root, "subquestions"):
        if row.get("language") and row["language"] != language:
            continue  # an older file repeats every row per language
        if row.get("parent_qid", "0") not in ("", "0"):
            subquestions.append(row)
            continue
        questions[row["qid"]] = {
            "letter": row.get("type", ""),
            "code": row.get("title", ""),
            "text": plain(texts.get(row["qid"], row.get("question", ""))),
            "other": row.get("other") == "Y",
            "relevance": row.get("relevance", ""),
            "answers": {},
            "items": {},
            "order": (groups.get(row.get("gid", ""), 0), _int(row.get("question_order"))),
        }
    for row in sorted(subquestions, key=lambda r: _int(r.get("question_order"))):
        parent = questions.get(row["parent_qid"])
        if parent is not None and row.get("scale_id", "0") in ("", "0"):
            parent["items"][row.get("title", "")] = plain(texts.get(row["qid"], row.get("question", "")))
    _lss_answers(root, language, questions)
    return sorted(questions.values(), key=lambda q: q["order"])


def _lss_root(path: Path, display: str) -> Any:
    """The parsed ``.lss``: no larger than 20 MB, without a document type, readable XML, a survey."""
    import xml.etree.ElementTree as ElementTree

    if path.stat().st_size > MAX_BYTES:
        raise DiagnosticError(diagnostic("CG608", f"{display} ist größer als 20 MB", Location(display)))
    text = _lss_text(path.read_bytes(), display)
    declared = re.search(r"<!(DOCTYPE|ENTITY)", text)
    if declared:
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} erklärt einen Dokumenttyp oder Entitäten, was eine LimeSurvey-Datei nie tut",
                Location(display, text[: declared.start()].count("\n") + 1, 1),
                hint="die Umfrage noch einmal als „Survey structure (.lss)“ exportieren",
            )
        )
    try:  # parsed as UTF-8 without its declaration (it named the encoding of the bytes, decoded above)
        root = ElementTree.fromstring(_DECLARATION.sub("", text, count=1).encode("utf-8"))
    except (ElementTree.ParseError, ValueError) as exc:
        line = exc.position[0] if isinstance(exc, ElementTree.ParseError) and exc.position else 1
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} ist kein lesbares XML: {exc}",
                Location(display, line, 1),
                hint="die Umfrage noch einmal als „Survey structure (.lss)“ exportieren",
            )
        ) from None
    if root.tag != "document" or root.find("questions") is None:
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} ist keine LimeSurvey-Umfragedatei (kein <questions>)",
                Location(display, 1, 1),
                hint="die Umfrage als „Survey structure (.lss)“ oder als tabulatorgetrennte Werte (.txt) "
                "exportieren",
            )
        )
    return root


_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _lss_text(raw: bytes, display: str) -> str:
    """The text of an XML file: its byte-order mark, the zero bytes of UTF-16 without one, or the encoding
    its declaration names (UTF-8 without any). Raises DiagnosticError (CG603) when it cannot be decoded."""
    from conceptgen.data.tabular import utf16_without_bom

    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = utf16_without_bom(raw) or ""
    if not encoding:
        named = re.match(rb"\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", raw)
        encoding = named.group(1).decode("ascii") if named else "utf-8"
    try:
        return raw.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} kann nicht als {encoding} gelesen werden: {exc}",
                Location(display, 1, 1),
                hint="die Umfrage noch einmal als „Survey structure (.lss)“ exportieren",
            )
        ) from None


def _lss_answers(root: Any, language: str, questions: dict[str, dict[str, Any]]) -> None:
    """The answer codes and texts of the ``.lss`` into their questions (by qid)."""
    answer_texts = _texts(root, "answer_l10ns", "aid", "answer", language)
    by_code = {
        (r.get("qid", ""), r.get("code", "")): r.get("answer", "")
        for r in _rows(root, "answer_l10ns")
        if r.get("language", language) == language and "qid" in r
    }
    answers = [r for r in _rows(root, "answers") if r.get("language", language) == language]
    for row in sorted(answers, key=lambda r: _int(r.get("sortorder"))):
        question = questions.get(row.get("qid", ""))
        if question is None or row.get("scale_id", "0") not in ("", "0"):
            continue
        code = row.get("code", "")
        text = (
            row.get("answer") or answer_texts.get(row.get("aid", "")) or by_code.get((row["qid"], code), "")
        )
        question["answers"][code] = plain(text)


def plain(text: str) -> str:
    """LimeSurvey texts may hold HTML: the words only."""
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _rows(root: Any, section: str) -> list[dict[str, str]]:
    """The rows of a section as field → text."""
    found = []
    for row in root.findall(f"{section}/rows/row"):
        found.append({child.tag: (child.text or "").strip() for child in row if isinstance(child.tag, str)})
    return found


def _language(root: Any) -> str:
    first = root.find("languages/language")
    if first is not None and first.text:
        return first.text.strip()
    for row in _rows(root, "surveys"):
        if row.get("language"):
            return row["language"]
    return ""


def _texts(root: Any, section: str, key: str, field: str, language: str) -> dict[str, str]:
    """id → text of a localisation section in ``language`` (the first language found otherwise)."""
    found: dict[str, str] = {}
    for row in _rows(root, section):
        ident = row.get(key)
        if ident is None:
            continue
        if row.get("language", language) == language or ident not in found:
            found[ident] = row.get(field, "")
    return found


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _read_tsv(path: Path, display: str, where: Location | None) -> list[dict[str, Any]]:
    """The questions of the tab-separated structure export, as plain records (see build_questions)."""
    table = read_table(path, display, encoding="utf-8", separator="\t", where=where)
    columns = {name.strip().lower(): i for i, name in enumerate(table.headers)}
    for needed in ("class", "type/scale", "name", "text"):
        if needed not in columns:
            raise DiagnosticError(
                diagnostic(
                    "CG601",
                    f"{display} hat keine Spalte „{needed}“: kein Strukturexport von LimeSurvey",
                    Location(display, table.header_line, 1),
                    hint="die Umfrage als „Tab Separated Values format (*.txt)“ exportieren",
                )
            )

    def cell(row: list[Any], name: str) -> str:
        i = columns.get(name)
        return str(row[i]).strip() if i is not None and i < len(row) and row[i] is not None else ""

    questions: list[dict[str, Any]] = []
    language = ""
    for row in table.rows:
        kind = cell(row, "class")
        row_language = cell(row, "language")
        if kind == "Q":
            language = language or row_language
            if row_language and row_language != language:
                break  # a secondary language repeats everything: the first is enough
            letter = cell(row, "type/scale")
            questions.append(
                {
                    "letter": letter,
                    "code": cell(row, "name"),
                    "text": plain(cell(row, "text")),
                    "other": cell(row, "other") == "Y",
                    "relevance": cell(row, "relevance"),
                    "answers": {},
                    "items": {},
                }
            )
        elif kind == "SQ" and questions:
            if cell(row, "type/scale") in ("", "0"):
                questions[-1]["items"][cell(row, "name")] = plain(cell(row, "text"))
        elif kind == "A" and questions and cell(row, "type/scale") in ("", "0"):
            questions[-1]["answers"][cell(row, "name")] = plain(cell(row, "text"))
    return questions


def build_questions(questions: list[dict[str, Any]]) -> list[Question]:
    """Questions from the records of a structure export: ``letter`` (LimeSurvey's type), ``code``,
    ``text``, ``other``, ``relevance``, ``answers`` and ``items`` (code → text), in the survey's order."""
    found = []
    codes = {q["code"]: q["answers"] or FIXED_ANSWERS.get(q["letter"], {}) for q in questions}
    for q in questions:
        kind = LIMESURVEY_TYPES.get(q["letter"])
        if kind is None:
            continue  # boilerplate texts, equations, uploads: nothing to evaluate
        answers = q["answers"] or FIXED_ANSWERS.get(q["letter"], {})
        scale = q["answers"] or FIXED_SCALES.get(q["letter"], {})
        found.append(
            Question(
                code=q["code"],
                text=q["text"],
                type=kind,
                answers=answers if kind is QuestionType.SINGLE else None,
                items=q["items"] or None,
                scale=scale if kind is QuestionType.SCALE else None,
                other=q["other"],
                filter=relevance_filter(q["relevance"], codes),
            )
        )
    return found


_TERM = re.compile(
    r"""^\(*\s*(?:(!)\s*is_empty\(\s*(\w+)(?:\.NAOK)?\s*\)?|(\w+)(?:\.NAOK)?\s*(==|!=|eq|ne)\s*["'](\w+)["'])\s*\)*$"""
)


def relevance_filter(equation: str, answers: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """The filter of a LimeSurvey relevance equation, where it is simple: terms joined by ``and``, each
    ``Q01 == "A1"``, ``Q02.NAOK != "A1"`` or ``!is_empty(Q02)`` on a question with answer codes.
    Anything else (``or``, numbers, functions) gives no filter: declare it in befragung.yaml then."""
    equation = equation.strip()
    if equation in ("", "1"):
        return {}
    allowed: dict[str, set[str]] = {}
    for term in re.split(r"\s+(?:and|&&)\s+", equation.strip("() ")):
        match = _TERM.match(term.strip())
        if not match:
            return {}
        negated_empty, empty_code, code, operator, value = match.groups()
        code = code or empty_code
        if code not in answers or not answers[code]:
            return {}
        every = set(answers[code])
        if negated_empty:
            wanted = every
        elif operator in ("==", "eq"):
            wanted = {value}
        else:
            wanted = every - {value}
        allowed[code] = allowed.get(code, every) & wanted
    return {code: [c for c in answers[code] if c in wanted] for code, wanted in allowed.items()}
