"""``conceptgen import PROJECT WORKBOOK``: read the working group's workbook back, show what changed, and
with ``--apply`` write the changes into the YAML files — keeping their comments, order and formatting
(ruamel.yaml's round trip), each file replaced atomically. A cell that cannot be taken (an unknown ID, a
word where a number belongs, a status not in the list) is reported as ``file:sheet:cell`` and nothing is
applied while any is."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.exchange.sheets import Column, Sheet, sheets
from conceptgen.model import Concept


@dataclass(frozen=True)
class Change:
    file: str
    kind: str  # measure, goal, indicator, report
    key: str  # the entry's ID
    field: tuple[str, ...]
    old: Any
    new: Any

    def line(self) -> str:
        def show(value: Any) -> str:
            return "–" if value in (None, "") else str(value)

        return f"{self.file}  {self.key}  {'.'.join(self.field)}: {show(self.old)} → {show(self.new)}"


def read_changes(concept: Concept, workbook: Path) -> tuple[list[Change], list[Diagnostic]]:
    """Every cell that differs from the project, and every cell that cannot be taken."""
    from openpyxl import load_workbook

    from conceptgen.data.tabular import check_package

    try:
        check_package(workbook, relative(workbook))  # not a zip, or a decompression bomb
    except DiagnosticError as exc:
        return [], exc.diagnostics
    try:
        book = load_workbook(workbook, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        where = Location(relative(workbook))
        return [], [
            diagnostic("CG603", f"not a readable workbook: {exc}", where, hint="an .xlsx from export")
        ]
    changes: list[Change] = []
    problems: list[Diagnostic] = []
    for sheet in sheets(concept):
        if sheet.name not in book.sheetnames:
            continue
        _sheet_changes(book[sheet.name], sheet, workbook, changes, problems)
    return changes, problems


def _where(workbook: Path, sheet: str, row: int, column: int) -> Location:
    from openpyxl.utils import get_column_letter

    return Location(f"{relative(workbook)}:{sheet}:{get_column_letter(column + 1)}{row}")


def _sheet_changes(
    page, sheet: Sheet, workbook: Path, changes: list[Change], problems: list[Diagnostic]
) -> None:
    rows = list(page.iter_rows(values_only=True))
    if not rows:
        return
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    positions = {h: i for i, h in enumerate(headers)}
    known = {row.key: row for row in sheet.rows}
    for index, cells in enumerate(rows[1:], start=2):
        key = cells[positions["ID"]] if "ID" in positions and positions["ID"] < len(cells) else None
        if key is None or str(key).strip() == "":
            continue
        key = str(key).strip()
        if key.endswith(".0") and key[:-2].isdigit():
            key = key[:-2]  # an ID typed as a number
        row = known.get(key)
        if row is None:
            hint = did_you_mean(key, known) or "new entries are added in the YAML files"
            problems.append(
                diagnostic(
                    "CG202",
                    f"unknown ID '{key}'",
                    _where(workbook, sheet.name, index, positions["ID"]),
                    hint=hint,
                )
            )
            continue
        for c, column in enumerate(sheet.columns):
            if not column.editable or column.header not in positions:
                continue
            position = positions[column.header]
            raw = cells[position] if position < len(cells) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue  # an empty cell changes nothing (remove a value in the YAML)
            value, problem = _convert(raw, column)
            if problem:
                problems.append(
                    diagnostic(
                        "CG603", problem, _where(workbook, sheet.name, index, position), hint=_allowed(column)
                    )
                )
                continue
            old = row.values[c]
            if not _same(old, value):
                file = row.target[0]
                if row.target[1] == "indicator" and column.field[0] == "actuals":
                    file = row.target[3]  # the progress report's data, or the indicator's own
                changes.append(Change(file, row.target[1], key, column.field, old, value))


def _allowed(column: Column) -> str:
    if column.choices:
        return f"allowed: {', '.join(column.choices)}"
    return {
        "int": "a whole number",
        "year": "a year like 2026",
        "yearmonth": "a year (2026) or year and month (2026-07)",
        "number": "a number",
    }.get(column.kind, "")


def _convert(raw: Any, column: Column) -> tuple[Any, str]:
    """The cell as the YAML value, or a message why it cannot be."""
    import datetime as dt
    import re

    text = str(raw).strip()
    if column.kind == "text":
        return text, ""
    if column.choices:
        value = text[:-2] if text.endswith(".0") else text
        return (
            (value, "") if value in column.choices else (None, f"'{text}' is not one of the allowed values")
        )
    if column.kind in ("int", "year"):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            low, high = column.low, column.high
            if (low is not None and raw < low) or (high is not None and raw > high):
                return None, f"{raw} is out of range"
            return raw, ""
        return None, f"'{text}' is not a whole number"
    if column.kind == "yearmonth":
        if isinstance(raw, dt.datetime | dt.date):
            return f"{raw.year}-{raw.month:02d}", ""
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?|(\d{1,2})/(\d{4})", text)
        if not match:
            return None, f"'{text}' is not a year or year-month"
        if match.group(3):
            return f"{match.group(4)}-{int(match.group(3)):02d}", ""
        return (f"{match.group(1)}-{int(match.group(2)):02d}" if match.group(2) else match.group(1)), ""
    if column.kind == "number":
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            value = raw
        else:
            cleaned = text.replace("€", "").replace(" ", "").replace(".", "").replace(",", ".")
            try:
                value = float(cleaned)
            except ValueError:
                return None, f"'{text}' is not a number"
        if column.low is not None and value < column.low:
            return None, f"{value} is below {column.low}"
        return (int(value) if float(value).is_integer() else round(float(value), 6)), ""
    return text, ""


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float):
        return abs(float(old) - float(new)) < 1e-9
    return str(old) == str(new) if old is not None else False


# --- applying ---------------------------------------------------------------------------------------


def apply_changes(root: Path, changes: list[Change]) -> list[Path]:
    """Write ``changes`` into the project's YAML files (comments, order, quoting kept); returns the
    files written. Each file is written beside itself and renamed into place."""
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    written = []
    for file in sorted({c.file for c in changes}):
        path = root / file
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        data = yaml.load(text) if text.strip() else None
        if data is None:
            from ruamel.yaml.comments import CommentedMap

            data = CommentedMap()
        for change in (c for c in changes if c.file == file):
            _set(data, change)
        out = io.StringIO()
        yaml.dump(data, out)
        result = out.getvalue()
        if b"\r\n" in raw:
            result = result.replace("\n", "\r\n")
        temporary = path.with_name(f".{path.name}.import")
        temporary.write_bytes(
            (b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + result.encode("utf-8")
        )
        os.replace(temporary, path)
        written.append(path)
    return written


def _entry(data: Any, change: Change) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if change.file == "monitoring.yaml":
        monitoring = data.setdefault("monitoring", CommentedMap())
        if change.field[0] == "actuals":
            return monitoring
        reports = monitoring.setdefault("measures", [])
        for report in reports:
            if str(report.get("measure")) == change.key:
                return report
        report = CommentedMap([("measure", change.key)])
        report.fa.set_flow_style()
        reports.append(report)
        return report
    section = {"measure": "measures", "goal": "goals", "indicator": "indicators"}[change.kind]
    for item in data.get(section, []):
        if str(item.get("id")) == change.key:
            return item
        for child in item.get("tasks" if change.kind == "measure" else "goals", []) or []:
            if str(child.get("id")) == change.key:
                return child
    raise KeyError(change.key)


def _set(data: Any, change: Change) -> None:
    from ruamel.yaml.comments import CommentedMap

    entry = _entry(data, change)
    path = list(change.field)
    if change.file == "monitoring.yaml" and path[0] == "actuals":
        path = ["actuals", change.key, path[1]]
    for key in path[:-1]:
        if key not in entry or entry[key] is None:
            entry[key] = CommentedMap()
            entry[key].fa.set_flow_style()
        entry = entry[key]
    last = path[-1]
    entry[int(last) if last.isdigit() else last] = change.new
