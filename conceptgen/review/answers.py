"""The working group's answers from the review list's XLSX back into kommentare.yaml: for each row whose ID
kommentare.yaml has, a new answer (column „Antwort“) and a status that is one of kommentare.yaml's
(column „Status“; the statuses `review` wrote for changes are left alone). A row with an ID that
kommentare.yaml does not have is a located refusal (file:sheet:cell, CG907) and nothing is written while
there is one. kommentare.yaml is edited by the writer of `import` (only the changed values' characters)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.model import Concept
from conceptgen.model.review import CommentStatus
from conceptgen.review.comments import FILE

SHEET = "Rückmeldungen"


def read_answers(root: Path, concept: Concept, workbook: Path) -> tuple[list[tuple], list[Diagnostic]]:
    """The changes the list asks for — (index in kommentare.yaml, field, value, ID) — and its refusals."""
    from openpyxl import load_workbook

    from conceptgen.data.tabular import check_package

    check_package(workbook, relative(workbook))
    try:
        book = load_workbook(workbook, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise DiagnosticError(
            diagnostic("CG907", f"keine lesbare Arbeitsmappe: {exc}", Location(relative(workbook)))
        ) from None
    page = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = list(page.iter_rows(values_only=True))
    headers = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    if "ID" not in headers:
        where = Location(f"{relative(workbook)}:{page.title}")
        hint = "die Liste, die `conceptgen review` geschrieben hat"
        raise DiagnosticError(diagnostic("CG907", "keine Spalte „ID“", where, hint=hint))
    known = {c.id: (i, c) for i, c in enumerate(concept.comments)}
    allowed = {s.value for s in CommentStatus}
    changes: list[tuple] = []
    problems: list[Diagnostic] = []
    for number, cells in enumerate(rows[1:], start=2):
        value = dict(zip(headers, cells, strict=False))
        ident = _text(value.get("ID"))
        if not ident:
            continue
        if ident not in known:
            where = Location(f"{relative(workbook)}:{page.title}:{_column(headers, 'ID')}{number}")
            hint = did_you_mean(ident, known) or f"die IDs stehen in {FILE}"
            problems.append(diagnostic("CG907", f"unbekannte ID „{ident}“", where, hint=hint))
            continue
        index, comment = known[ident]
        answer, status = _text(value.get("Antwort")), _text(value.get("Status"))
        if answer and answer != (comment.answer or ""):
            changes.append((index, "answer", answer, ident))
        if status in allowed and status != comment.status.value:
            changes.append((index, "status", status, ident))
    return changes, problems


def write_answers(root: Path, changes: list[tuple]) -> Path:
    """Write the answers into kommentare.yaml (only their characters change)."""
    from conceptgen.exchange.yaml_edit import YamlText
    from conceptgen.write import write_atomically

    path = root / FILE
    text = path.read_text(encoding="utf-8-sig")
    document = YamlText(text)
    for index, field, value, _ident in changes:
        document.set(("comments", index, field), value)
    write_atomically({path: document.result().encode("utf-8")})
    return path


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _column(headers: list[str], name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(headers.index(name) + 1)
