"""Declared data files (CSV, XLSX) as typed pandas DataFrames, with located errors.

The file is read cell by cell (data/tabular.py: encodings, limits, control characters); each declared
column is converted here, so that a bad cell is reported as ``file:line:column`` with its value, German
number formats are understood, and rows that repeat the dataset's key are found before they are summed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from conceptgen.cache import Cache
from conceptgen.data.tabular import read_table
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading import ProjectSource
from conceptgen.model.base import MAX_NUMBER
from conceptgen.model.data import ColumnType, Dataset
from conceptgen.paths import project_file

_NUMBER_DOT = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
_NUMBER_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_MISSING = {"", "-", "–", "k. A.", "k.A.", "n. v.", "n.v.", ".", "x"}


@dataclass
class LoadedData:
    """A dataset as a DataFrame, the file it came from and the line of each row."""

    frame: Any  # pandas.DataFrame
    display: str
    lines: list[int]


def _declared_twice(dataset: Dataset, source: ProjectSource, path: tuple) -> list[Diagnostic]:
    """CG201 for each column of ``dataset`` whose name or key an earlier column already has."""
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, column in enumerate(dataset.columns):
        for key in {column.name, column.key}:
            if key in seen and seen[key] != i:
                problems.append(
                    diagnostic(
                        "CG201",
                        f"die Spalte „{key}“ ist doppelt erklärt",
                        source.locate((*path, "columns", i)),
                        key_path=f"datasets[{path[1]}].columns[{i}]",
                        hint=f"zuerst erklärt als columns[{seen[key]}]",
                    )
                )
            seen.setdefault(key, i)
    return problems


def load_dataset(dataset: Dataset, source: ProjectSource, path: tuple) -> LoadedData:
    """Read and type one dataset. Raises DiagnosticError with every problem found in it."""
    import pandas as pd

    where = source.locate((*path, "file"))
    file = project_file(
        source.root, dataset.file, "Datendatei", where, f"datasets[{path[1]}].file", kinds=(".csv", ".xlsx")
    )
    display = relative(file)
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise DiagnosticError(
            diagnostic(
                "CG103",
                f"„{dataset.file}“ ist weder .csv noch .xlsx",
                where,
                key_path=f"datasets[{path[1]}].file",
            )
        )
    problems = _declared_twice(dataset, source, path)
    if problems:
        raise DiagnosticError(problems)
    table = read_table(
        file,
        display,
        encoding=dataset.encoding.value,
        separator=dataset.separator,
        sheet=dataset.sheet,
        header_row=dataset.header_row,
        where=where,
        encoding_key=f"datasets[{path[1]}].encoding",
        cache=Cache.of_project(source.root),
    )
    headers = table.headers
    for i, column in enumerate(dataset.columns):
        if column.name not in headers:
            problems.append(
                diagnostic(
                    "CG601",
                    f"Spalte „{column.name}“ nicht in {display}",
                    source.locate((*path, "columns", i, "name")),
                    key_path=f"datasets[{path[1]}].columns[{i}].name",
                    hint=did_you_mean(column.name, headers) or f"Spalten: {', '.join(headers[:12])}",
                )
            )
    if problems:
        raise DiagnosticError(problems)
    positions = [headers.index(c.name) for c in dataset.columns]
    rows: list[list[Any]] = []
    lines: list[int] = []
    for line, row in zip(table.lines, table.rows, strict=True):
        cells = [row[i] if i < len(row) else "" for i in positions]
        if all(_blank(v) for v in cells):
            continue
        rows.append(cells)
        lines.append(line)
    if not rows:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"{display} hat keine Datenzeilen",
                Location(display, table.header_line + 1, 1),
                hint="header_row und das Blatt prüfen",
            )
        )
    columns: dict[str, list[Any]] = {}
    missing = frozenset(dataset.missing) if dataset.missing is not None else _MISSING
    for index, (column, position) in enumerate(zip(dataset.columns, positions, strict=True)):
        values = []
        for line, row in zip(lines, rows, strict=True):
            value, problem = _convert(row[index], column.type, dataset.decimal, missing)
            if problem:
                problems.append(
                    diagnostic(
                        "CG603",
                        f"{problem} in der Spalte „{column.name}“",
                        Location(display, line, position + 1),
                        hint=_hint(column.type, dataset.decimal),
                    )
                )
            values.append(value)
        columns[column.key] = values
    if problems:
        raise DiagnosticError(problems[:50])
    duplicates = _duplicates(dataset, columns, lines, display, source, path)
    if duplicates:
        raise DiagnosticError(duplicates[:20])
    frame = pd.DataFrame(
        {
            key: pd.to_numeric(pd.Series(values, dtype="object"))
            if column.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.YEAR)
            else pd.Series(values, dtype="object")
            for (key, values), column in zip(columns.items(), dataset.columns, strict=True)
        }
    )
    return LoadedData(frame, display, lines)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in ("", "nan"))


def _duplicates(
    dataset: Dataset,
    columns: dict[str, list[Any]],
    lines: list[int],
    display: str,
    source: ProjectSource,
    path: tuple,
) -> list[Diagnostic]:
    """CG606 for rows that repeat the dataset's declared ``key`` (or, without one, a whole row)."""
    key = dataset.key or list(columns)
    unknown = [k for k in key if k not in columns]
    if unknown:
        return [
            diagnostic(
                "CG601",
                f"die Schlüsselspalte „{name}“ ist keine erklärte Spalte",
                source.locate((*path, "key")),
                key_path=f"datasets[{path[1]}].key",
                hint=did_you_mean(name, columns) or f"Spalten: {', '.join(columns)}",
            )
            for name in unknown
        ]
    first: dict[tuple, int] = {}
    found = []
    for i, line in enumerate(lines):
        values = tuple(columns[k][i] for k in key)
        if values in first:
            what = (
                f"der Schlüssel {', '.join(f'{k}={v}' for k, v in zip(key, values, strict=True))}"
                if dataset.key
                else "die Zeile"
            )
            found.append(
                diagnostic(
                    "CG606",
                    f"{what} wiederholt Zeile {first[values]}",
                    Location(display, line, 1),
                    hint="die wiederholte Zeile entfernen; wiederholte Zeilen zählen in Summen doppelt",
                )
            )
        else:
            first[values] = line
    return found


def _convert(
    raw: Any, kind: ColumnType, decimal: str, missing: frozenset[str] = frozenset()
) -> tuple[Any, str]:
    """The typed value of a cell and a problem description ('' when fine); ``missing``: the texts that
    mean "no value"."""
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, dt.datetime | dt.date):
        raw = raw.date().isoformat() if isinstance(raw, dt.datetime) else raw.isoformat()
    if isinstance(raw, int | float) and kind is not ColumnType.TEXT:
        return _number(raw, kind)
    text = "" if raw is None else str(raw).strip()
    if kind is ColumnType.TEXT:
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw)), ""
        return text, ""
    if text in (missing or _MISSING) or text == "" or text.lower() == "nan":
        return None, ""
    if kind in (ColumnType.INTEGER, ColumnType.YEAR):
        cleaned = text.replace(".", "").replace(" ", "") if decimal == "," else text.replace(",", "")
        if cleaned.endswith(".0"):
            cleaned = cleaned[:-2]
        if not re.fullmatch(r"-?\d+", cleaned):
            return None, f"„{text}“ ist keine ganze Zahl"
        return _number(int(cleaned), kind, text)
    pattern = _NUMBER_COMMA if decimal == "," else _NUMBER_DOT
    if not pattern.match(text):
        other = _NUMBER_DOT if decimal == "," else _NUMBER_COMMA
        if other.match(text) and ("," in text or "." in text):
            return (
                None,
                f"„{text}“ verwendet das andere Dezimalzeichen (die Datei ist auf decimal: „{decimal}“ "
                "gestellt)",
            )
        return None, f"„{text}“ ist keine Zahl"
    if decimal == ",":
        return _number(float(text.replace(".", "").replace(",", ".")), kind, text)
    return _number(float(text.replace(",", "")), kind, text)


def _number(value: float | int, kind: ColumnType, text: str = "") -> tuple[Any, str]:
    """A number checked against its column type and range."""
    text = text or f"{value:g}"
    if value != value or abs(value) > MAX_NUMBER:
        return None, f"„{text}“ liegt außerhalb des erlaubten Bereichs (höchstens {MAX_NUMBER:.0e})"
    if kind in (ColumnType.INTEGER, ColumnType.YEAR):
        if isinstance(value, float) and not value.is_integer():
            return None, f"„{text}“ ist keine ganze Zahl"
        value = int(value)
        if kind is ColumnType.YEAR and not 1900 <= value <= 2100:
            return None, f"„{text}“ ist kein Jahr"
    return value, ""


def _hint(kind: ColumnType, decimal: str) -> str:
    if kind is ColumnType.NUMBER:
        missing = "leer, „-“ oder „k. A.“ für fehlende Werte"
        return f"Zahlen wie 1.234{decimal}5 (Dezimalzeichen „{decimal}“); {missing}"
    return "nur ganze Zahlen; leer, „-“ oder „k. A.“ für fehlende Werte"
