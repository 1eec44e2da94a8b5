"""``conceptgen import PROJECT WORKBOOK``: read the working group's workbook back, show what changed, and
with ``--apply`` write the changes into the YAML files.

Each cell is compared three ways: with what the workbook was exported from (the fingerprints of the hidden
record sheet, exchange/export.py), and with what the YAML holds now. A cell the members did not change
changes nothing, even when the YAML was edited since the export; a cell changed on both sides is a
located conflict (CG623). A cell that cannot be taken — an unknown ID, a word where a number belongs, a
text Excel may have cut (CG628), a formula without a computed value (CG625), an emptied cell that must
hold a value (CG627) — is reported as ``file:sheet:cell`` and nothing is applied while any is.

Applying them is exchange/apply.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Location,
    diagnostic,
    did_you_mean,
    relative,
)
from conceptgen.exchange.sheets import (
    EXCEL_CELL_CHARS,
    RECORD_MARK,
    RECORD_SHEET,
    Column,
    Sheet,
    canonical,
    digest,
    sheets,
)
from conceptgen.language import grouped
from conceptgen.model import Concept


@dataclass(frozen=True)
class Change:
    file: str
    kind: str  # measure, goal, indicator, report
    key: str  # the entry's ID
    field: tuple[str, ...]
    old: Any
    new: Any  # None: the value is removed (an emptied cell)
    clear: str = ""  # how an emptied cell is removed: "key" or "parent" (sheets.Column.clear)

    def line(self) -> str:
        def show(value: Any) -> str:
            return "–" if value in (None, "") else str(value)

        return f"{self.file}  {self.key}  {'.'.join(self.field)}: {show(self.old)} → {show(self.new)}"


@dataclass(frozen=True)
class Base:
    """A cell as exported: its fingerprint, and its value where the record keeps it (short ones)."""

    digest: str
    shown: str | None


@dataclass
class _Cell:
    where: Location
    raw: Any  # as read (None: empty)
    formula: bool  # a formula without a computed value


def read_changes(concept: Concept, workbook: Path) -> tuple[list[Change], list[Diagnostic]]:
    """Every cell that differs from the project, and every cell that cannot be taken (errors) or that
    the consultant should know of (warnings)."""
    from conceptgen.data.tabular import formulas_without_value, open_workbook, sheet_records

    display = relative(workbook)
    try:
        book = open_workbook(workbook, display)
    except DiagnosticError as exc:
        return [], exc.diagnostics
    try:
        names = book.sheetnames
        wanted = [s for s in sheets(concept) if s.name in names]
        pages = {s.name: sheet_records(book[s.name], display) for s in wanted}
        record = _record(sheet_records(book[RECORD_SHEET], display)) if RECORD_SHEET in names else None
    except DiagnosticError as exc:
        return [], exc.diagnostics
    finally:
        book.close()
    changes: list[Change] = []
    problems: list[Diagnostic] = []
    if record is None:
        problems.append(
            diagnostic(
                "CG626",
                "die Arbeitsmappe hält nicht fest, woraus sie exportiert wurde",
                Location(display),
                hint="eine Änderung, die seit dem Export in der YAML gemacht wurde, würde von derselben "
                "Zelle zurückgesetzt: die Änderungen unten mit der YAML vergleichen oder neu exportieren und "
                "die Änderungen übertragen",
            )
        )
    for sheet in wanted:
        formulas = set(formulas_without_value(workbook, sheet.name, pages[sheet.name]))
        _sheet_changes(pages[sheet.name], formulas, sheet, display, record, changes, problems)
    return changes, problems


def _record(rows: list[list[Any]]) -> dict[tuple[str, str], dict[str, Base]] | None:
    """The export record: (sheet, ID) → header → fingerprint; None when the sheet is not one."""
    if not rows or not rows[0] or rows[0][0] != RECORD_MARK:
        return None
    found = {}
    for row in rows[1:]:
        if len(row) >= 3 and row[0] is not None and row[1] is not None:
            try:
                cells = json.loads(str(row[2]))
            except ValueError:
                continue
            if isinstance(cells, dict):
                found[(str(row[0]), str(row[1]))] = {
                    str(k): Base(str(v[0]), v[1] if len(v) > 1 else None)
                    for k, v in cells.items()
                    if isinstance(v, list) and v
                }
    return found


def _where(display: str, sheet: str, row: int, column: int) -> Location:
    from openpyxl.utils import get_column_letter

    return Location(f"{display}:{sheet}:{get_column_letter(column + 1)}{row}")


def _sheet_changes(
    rows: list[list[Any]],
    formulas: set[tuple[int, int]],
    sheet: Sheet,
    display: str,
    record: dict[tuple[str, str], dict[str, Base]] | None,
    changes: list[Change],
    problems: list[Diagnostic],
) -> None:
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
        exported = record.get((sheet.name, key)) if record is not None else None
        if row is None:
            hint = did_you_mean(key, known) or "neue Einträge werden in den YAML-Dateien angelegt"
            if exported is not None:
                hint = "seit dem Export aus der YAML entfernt"
            where = _where(display, sheet.name, index, positions["ID"])
            problems.append(diagnostic("CG202", f"unbekannte ID „{key}“", where, hint=hint))
            continue
        for c, column in enumerate(sheet.columns):
            if not column.editable or column.header not in positions:
                continue
            position = positions[column.header]
            cell = _Cell(
                _where(display, sheet.name, index, position),
                cells[position] if position < len(cells) else None,
                (index, position + 1) in formulas,
            )
            base = exported.get(column.header) if exported is not None else None
            _cell_change(cell, column, row.values[c], base, record is not None, row, changes, problems)


def _cell_change(
    cell: _Cell,
    column: Column,
    old: Any,
    base: Base | None,
    recorded: bool,
    row: Any,
    changes: list[Change],
    problems: list[Diagnostic],
) -> None:
    """One cell, three ways: as exported (``base``, a fingerprint), in the workbook, in the YAML now."""
    if cell.formula:
        from conceptgen.data.tabular import formula_diagnostic

        problems.append(formula_diagnostic(cell.where))
        return
    raw = cell.raw
    empty = raw is None or (isinstance(raw, str) and not raw.strip())
    if empty:
        value: Any = None
    else:
        value, problem = _convert(raw, column)
        if problem:
            problems.append(diagnostic("CG603", problem, cell.where, hint=_allowed(column)))
            return
    if base is not None and digest(value) == base.digest:
        return  # the members left it as exported: whatever the YAML holds now stays
    if _same(old, value):
        return
    if value is None and not recorded:
        return  # an older workbook: an empty cell may be a value added to the YAML since its export
    refusal = _refusal(cell, column, old, value, base, row.key)
    if refusal is not None:
        problems.append(refusal)
        return
    file = row.target[0]
    if row.target[1] == "indicator" and column.field[0] == "actuals":
        file = row.target[3]  # the progress report's data, or the indicator's own
    changes.append(Change(file, row.target[1], row.key, column.field, old, value, column.clear))


def _refusal(
    cell: _Cell, column: Column, old: Any, value: Any, base: Base | None, key: str
) -> Diagnostic | None:
    """Why a changed cell cannot be taken: a text Excel may have cut, a cell the YAML changed too since
    the export, an emptied cell that needs a value."""
    if isinstance(value, str) and len(value) >= EXCEL_CELL_CHARS:
        return diagnostic(
            "CG628",
            f"die Zelle enthält {grouped(len(value))} Zeichen, die Grenze von Excel: der Text ist "
            "vielleicht abgeschnitten",
            cell.where,
            hint="einen so langen Text in der YAML ändern, nicht in der Arbeitsmappe",
        )
    if base is not None and digest(old) != base.digest:
        exported = f"von „{base.shown}“ " if base.shown is not None else ""
        return diagnostic(
            "CG623",
            f"seit dem Export {exported}geändert, in der Arbeitsmappe in {_show(value)} und in der YAML "
            f"in {_show(old)}",
            cell.where,
            key_path=f"{key}: {column.header}",
            hint="in der YAML oder in der Arbeitsmappe entscheiden, dann noch einmal importieren",
        )
    if value is None and not column.clear:
        return diagnostic(
            "CG627",
            f"„{column.header}“ wurde geleert, braucht aber einen Wert",
            cell.where,
            key_path=key,
            hint=f"die YAML enthält {_show(old)}; einen Wert eintragen oder den Eintrag in der YAML "
            "entfernen",
        )
    return None


def _show(value: Any) -> str:
    if value in (None, ""):
        return "nichts (leer)"
    text = canonical(value)
    return f"„{text[:60]}…“" if len(text) > 60 else f"„{text}“"


def _allowed(column: Column) -> str:
    if column.choices:
        return f"erlaubt: {', '.join(column.choices)}"
    return {
        "int": "eine ganze Zahl",
        "year": "ein Jahr wie 2026",
        "yearmonth": "ein Jahr (2026) oder Jahr und Monat (2026-07)",
        "number": "eine Zahl",
    }.get(column.kind, "")


def _convert(raw: Any, column: Column) -> tuple[Any, str]:
    """The cell as the YAML value, or a message why it cannot be."""
    import datetime as dt
    import re

    text = str(raw).strip()
    if column.kind == "text":
        return (raw if isinstance(raw, str) else text), ""
    if column.choices and column.kind not in ("int", "year"):
        value = text[:-2] if text.endswith(".0") else text
        return (value, "") if value in column.choices else (None, f"„{text}“ ist keiner der erlaubten Werte")
    if column.kind in ("int", "year"):
        if isinstance(raw, str) and re.fullmatch(r"-?\d+", text):
            raw = int(text)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, int) and not isinstance(raw, bool):
            low, high = column.low, column.high
            if (low is not None and raw < low) or (high is not None and raw > high):
                return None, f"{raw} liegt außerhalb des erlaubten Bereichs"
            return raw, ""
        return None, f"„{text}“ ist keine ganze Zahl"
    if column.kind == "yearmonth":
        if isinstance(raw, dt.datetime | dt.date):
            return f"{raw.year}-{raw.month:02d}", ""
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?|(\d{1,2})/(\d{4})", text)
        if not match:
            return None, f"„{text}“ ist kein Jahr und kein Jahr-Monat"
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
                return None, f"„{text}“ ist keine Zahl"
        if value != value or value in (float("inf"), float("-inf")):
            return None, f"„{text}“ ist keine Zahl"
        if column.low is not None and value < column.low:
            return None, f"{value} liegt unter {column.low}"
        return (int(value) if float(value).is_integer() else round(float(value), 6)), ""
    return text, ""


def _same(old: Any, new: Any) -> bool:
    if old in (None, "") or new in (None, ""):
        return old in (None, "") and new in (None, "")
    if isinstance(old, str) and isinstance(new, str) and len(old) > EXCEL_CELL_CHARS:
        return old.startswith(new)  # the export wrote it cut
    return canonical(old) == canonical(new)
