"""Reading declared data files (CSV, XLSX) into typed pandas DataFrames, with located errors.

pandas reads the file with every cell as text; we convert each declared column ourselves, so that a
bad cell is reported as ``file:row:column`` with its value, and German number formats are understood.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import MAX_FILE_BYTES
from conceptgen.model.data import ColumnType, Dataset
from conceptgen.paths import inside

_NUMBER_DOT = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
_NUMBER_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_MISSING = {"", "-", "–", "k. A.", "k.A.", "n. v.", "n.v.", ".", "x"}


@dataclass
class LoadedData:
    """A dataset as a DataFrame plus what the tables need to know of its columns."""

    frame: Any  # pandas.DataFrame
    display: str


def load_dataset(dataset: Dataset, source: ProjectSource, path: tuple) -> LoadedData:
    """Read and type one dataset. Raises DiagnosticError with every problem found in it."""
    import pandas as pd

    where = source.locate((*path, "file"))
    file = source.root / dataset.file
    display = relative(file)
    if not inside(file, source.root):
        raise DiagnosticError(
            diagnostic(
                "CG010",
                f"data file '{dataset.file}' lies outside the project",
                where,
                key_path=f"datasets[{path[1]}].file",
                hint="copy the file into the project (e.g. data/)",
            )
        )
    if not file.is_file():
        candidates = [
            p.relative_to(source.root).as_posix()
            for p in source.root.rglob("*.*")
            if p.suffix.lower() in (".csv", ".xlsx")
        ]
        raise DiagnosticError(
            diagnostic(
                "CG001",
                f"data file '{dataset.file}' not found",
                where,
                key_path=f"datasets[{path[1]}].file",
                hint=did_you_mean(dataset.file, candidates) or "paths are relative to the project folder",
            )
        )
    if file.stat().st_size > 10 * MAX_FILE_BYTES:
        raise DiagnosticError(
            diagnostic("CG007", "data file is too large (at most 50 MB)", Location(display))
        )
    suffix = file.suffix.lower()
    if suffix == ".csv":
        frame, first_data_line = _read_csv(file, display, dataset)
    elif suffix in (".xlsx", ".xlsm"):
        frame, first_data_line = _read_xlsx(file, display, dataset, where)
    else:
        raise DiagnosticError(
            diagnostic(
                "CG103",
                f"'{dataset.file}' is neither .csv nor .xlsx",
                where,
                key_path=f"datasets[{path[1]}].file",
            )
        )
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, column in enumerate(dataset.columns):
        for key in {column.name, column.key}:
            if key in seen and seen[key] != i:
                problems.append(
                    diagnostic(
                        "CG201",
                        f"column '{key}' is declared twice",
                        source.locate((*path, "columns", i)),
                        key_path=f"datasets[{path[1]}].columns[{i}]",
                        hint=f"first declared as columns[{seen[key]}]",
                    )
                )
            seen.setdefault(key, i)
    if problems:
        raise DiagnosticError(problems)
    headers = [str(c).strip() for c in frame.columns]
    frame.columns = headers
    for i, column in enumerate(dataset.columns):
        if column.name not in headers:
            problems.append(
                diagnostic(
                    "CG601",
                    f"column '{column.name}' not in {display}",
                    source.locate((*path, "columns", i, "name")),
                    key_path=f"datasets[{path[1]}].columns[{i}].name",
                    hint=did_you_mean(column.name, headers) or f"columns: {', '.join(headers[:12])}",
                )
            )
    if problems:
        raise DiagnosticError(problems)
    frame = frame[[c.name for c in dataset.columns]].copy()
    frame = frame[~frame.apply(lambda row: all(str(v).strip() in ("", "nan") for v in row), axis=1)]
    if frame.empty:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"{display} has no data rows",
                Location(display, first_data_line, 1),
                hint="check header_row and the sheet",
            )
        )
    for column in dataset.columns:
        col_index = headers.index(column.name) + 1
        values = []
        for row_index, raw in zip(frame.index, frame[column.name], strict=True):
            line = first_data_line + int(row_index)
            value, problem = _convert(raw, column.type, dataset.decimal)
            if problem:
                problems.append(
                    diagnostic(
                        "CG603",
                        f"{problem} in column '{column.name}'",
                        Location(display, line, col_index),
                        hint=_hint(column.type, dataset.decimal),
                    )
                )
            values.append(value)
        frame[column.name] = pd.Series(values, index=frame.index, dtype="object")
    if problems:
        raise DiagnosticError(problems[:50])
    for column in dataset.columns:
        if column.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.YEAR):
            frame[column.name] = pd.to_numeric(frame[column.name])
    frame = frame.rename(columns={c.name: c.key for c in dataset.columns})
    return LoadedData(frame.reset_index(drop=True), display)


def _read_csv(file: Path, display: str, dataset: Dataset) -> tuple[Any, int]:
    import pandas as pd

    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode(dataset.encoding.value)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DiagnosticError(
            diagnostic(
                "CG002",
                f"{display} is not {dataset.encoding.value}",
                Location(display, line, 1),
                hint="set encoding: windows-1252 for files saved by Excel on Windows, or save as UTF-8",
            )
        ) from None
    if not text.strip():
        raise DiagnosticError(diagnostic("CG602", f"{display} is empty", Location(display, 1, 1)))
    separator = dataset.separator
    if separator is None:
        lines = text.splitlines()
        sample = "\n".join(lines[dataset.header_row - 1 : dataset.header_row + 20])
        try:
            separator = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
        except csv.Error:
            separator = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            dtype=str,
            keep_default_na=False,
            skiprows=dataset.header_row - 1,
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise DiagnosticError(
            diagnostic("CG603", f"{display} cannot be read as CSV: {exc}", Location(display))
        ) from None
    return frame, dataset.header_row + 1


def _read_xlsx(file: Path, display: str, dataset: Dataset, where: Location) -> tuple[Any, int]:
    import pandas as pd

    try:
        sheets = pd.ExcelFile(file, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise DiagnosticError(
            diagnostic("CG603", f"{display} cannot be read as XLSX: {exc}", Location(display))
        ) from None
    sheet = dataset.sheet if dataset.sheet is not None else sheets.sheet_names[0]
    if sheet not in sheets.sheet_names:
        raise DiagnosticError(
            diagnostic(
                "CG601",
                f"sheet '{sheet}' not in {display}",
                where,
                hint=did_you_mean(sheet, sheets.sheet_names) or f"sheets: {', '.join(sheets.sheet_names)}",
            )
        )
    frame = pd.read_excel(
        sheets, sheet_name=sheet, dtype=str, header=dataset.header_row - 1, keep_default_na=False
    )
    return frame, dataset.header_row + 1


def _convert(raw: Any, kind: ColumnType, decimal: str) -> tuple[Any, str]:
    """The typed value of a cell and a problem description ('' when fine)."""
    text = "" if raw is None else str(raw).strip()
    if kind is ColumnType.TEXT:
        return text, ""
    if text in _MISSING or text.lower() == "nan":
        return None, ""
    if kind in (ColumnType.INTEGER, ColumnType.YEAR):
        cleaned = text.replace(".", "").replace(" ", "") if decimal == "," else text.replace(",", "")
        if cleaned.endswith(".0"):
            cleaned = cleaned[:-2]
        if not re.fullmatch(r"-?\d+", cleaned):
            return None, f"'{text}' is not a whole number"
        number = int(cleaned)
        if kind is ColumnType.YEAR and not 1900 <= number <= 2100:
            return None, f"'{text}' is not a year"
        return number, ""
    pattern = _NUMBER_COMMA if decimal == "," else _NUMBER_DOT
    if not pattern.match(text):
        other = _NUMBER_DOT if decimal == "," else _NUMBER_COMMA
        if other.match(text) and ("," in text or "." in text):
            return (
                None,
                f"'{text}' uses the other decimal separator (the file is set to decimal: '{decimal}')",
            )
        return None, f"'{text}' is not a number"
    if decimal == ",":
        return float(text.replace(".", "").replace(",", ".")), ""
    return float(text.replace(",", "")), ""


def _hint(kind: ColumnType, decimal: str) -> str:
    if kind is ColumnType.NUMBER:
        return f"numbers like 1.234{decimal}5 (decimal '{decimal}'); empty, '-' or 'k. A.' for missing values"
    return "whole numbers only; empty, '-' or 'k. A.' for missing values"
