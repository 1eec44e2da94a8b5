"""LimeSurvey's survey file (``.lss``, Survey → Export → „Survey structure (.lss)“): its questions,
subquestions and answers with their texts in the survey's first language — both the layout of LimeSurvey 4
and later (texts in ``question_l10ns`` and ``answer_l10ns``) and the older one (texts in the rows).

The file is XML from outside: a file with a document type declaration (entities, external references) is
refused — LimeSurvey never writes one — and the rest is parsed by the standard library's expat.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conceptgen.diagnostics import DiagnosticError, Location, diagnostic

MAX_BYTES = 20 * 1024 * 1024


def read_lss(path: Path, display: str) -> list[dict[str, Any]]:
    """The questions of a ``.lss`` as records for build_questions, in the survey's order."""
    import xml.etree.ElementTree as ElementTree

    if path.stat().st_size > MAX_BYTES:
        raise DiagnosticError(diagnostic("CG608", f"{display} is larger than 20 MB", Location(display)))
    raw = path.read_bytes()
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} declares a document type or entities, which a LimeSurvey file never does",
                Location(display, raw[: raw.find(b"<!")].count(b"\n") + 1, 1),
                hint="export the survey again as „Survey structure (.lss)“",
            )
        )
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} is not readable XML: {exc}",
                Location(display, line, 1),
                hint="export the survey again as „Survey structure (.lss)“",
            )
        ) from None
    if root.tag != "document" or root.find("questions") is None:
        raise DiagnosticError(
            diagnostic(
                "CG603",
                f"{display} is not a LimeSurvey survey file (no <questions>)",
                Location(display, 1, 1),
                hint="export the survey as „Survey structure (.lss)“, or as tab-separated values (.txt)",
            )
        )
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
    return sorted(questions.values(), key=lambda q: q["order"])


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
