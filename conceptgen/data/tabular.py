"""Reading outside tables (CSV and XLSX) safely: every cell with its line and column, within limits.

Data files come from statistics offices, survey tools and Excel sheets typed in by hand, so everything
about them is checked before it is trusted: the encoding (UTF-8 with or without BOM, UTF-16 with BOM,
Windows-1252), the size of a workbook once unpacked (a small .xlsx can unpack to gigabytes), the number
of rows and columns, the length of a cell, and control characters that a Word document cannot hold.
A record that spans several lines (a quoted line break) keeps the line on which it starts, so every later
error points at the right line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conceptgen.characters import control_characters, describe
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic
from conceptgen.language import grouped

if TYPE_CHECKING:
    from conceptgen.cache import Cache

MAX_FILE_BYTES = 50 * 1024 * 1024  # on disk
MAX_UNPACKED_BYTES = 150 * 1024 * 1024  # an .xlsx once unzipped
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
ENCODINGS = ("utf-8", "windows-1252", "utf-16")
_FORMULA = re.compile(rb"<(?:\w{1,20}:)?f[\s>/]")  # a formula element, with or without a prefix


@dataclass
class RawTable:
    """A table as read: header cells, data rows (text, or numbers from a workbook) and where each row
    starts in the file (line of a CSV, row of a sheet)."""

    display: str
    headers: list[str]
    rows: list[list[Any]]
    lines: list[int]
    header_line: int

    def column(self, name: str) -> int:
        """1-based column number of the header ``name`` (for locations)."""
        return self.headers.index(name) + 1


def read_table(
    file: Path,
    display: str,
    *,
    encoding: str = "utf-8",
    separator: str | None = None,
    sheet: str | None = None,
    header_row: int = 1,
    where: Location | None = None,
    encoding_key: str | None = None,
    cache: Cache | None = None,
) -> RawTable:
    """Read a CSV or XLSX file. Raises DiagnosticError (CG002 encoding, CG007 size, CG601 sheet, CG602
    empty, CG603 unreadable, CG011 control characters, CG608 limits) with every problem found.
    ``encoding_key``: the key path of the ``encoding:`` that chose ``encoding`` (None: there is none).
    ``cache``: a workbook's cells as read are kept there by its content (``KeptSheet``)."""
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise DiagnosticError(
            diagnostic("CG007", f"Datei nicht lesbar: {exc.strerror}", Location(display))
        ) from None
    if size > MAX_FILE_BYTES:
        raise DiagnosticError(
            diagnostic(
                "CG608",
                f"Datendatei zu groß ({grouped(size)} Bytes, höchstens {grouped(MAX_FILE_BYTES)})",
                Location(display),
            )
        )
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(file, display, sheet, header_row, where, cache)
    else:
        table = _read_csv(file.read_bytes(), display, encoding, separator, header_row, encoding_key)
    _check_cells(table)
    return table


# --- CSV -------------------------------------------------------------------------------------------


def decode(raw: bytes, display: str, encoding: str, encoding_key: str | None = None) -> str:
    """The text of a CSV file: a BOM decides (UTF-8 or UTF-16), as does the pattern of zero bytes of UTF-16
    without one (Windows' „Unicode text“), else ``encoding``. ``encoding_key``: the key path of the
    ``encoding:`` that chooses it, named in the hint (None: the file has no such key)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = utf16_without_bom(raw) or encoding
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        hint = (
            "encoding: windows-1252 angeben (von Excel unter Windows gespeichert) oder als UTF-8 speichern"
            if encoding_key
            else "als UTF-8 speichern (Excel: „CSV UTF-8“; ein Editor: Kodierung UTF-8)"
        )
        raise DiagnosticError(
            diagnostic(
                "CG002",
                f"{display} ist nicht in {encoding} kodiert",
                Location(display, line, 1),
                key_path=encoding_key or "",
                hint=hint,
            )
        ) from None


def utf16_without_bom(raw: bytes) -> str | None:
    """``UTF-16-LE`` or ``UTF-16-BE`` (as a message names them) when ``raw`` looks like UTF-16 text without
    a byte-order mark: one of each pair of bytes zero in most pairs (Latin letters, digits, separators),
    the other almost never."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    even = sum(1 for b in sample[0 : pairs * 2 : 2] if b == 0)
    odd = sum(1 for b in sample[1 : pairs * 2 : 2] if b == 0)
    if odd >= 0.6 * pairs and even <= 0.05 * pairs:
        return "UTF-16-LE"
    if even >= 0.6 * pairs and odd <= 0.05 * pairs:
        return "UTF-16-BE"
    return None


def _read_csv(
    raw: bytes, display: str, encoding: str, separator: str | None, header_row: int, encoding_key: str | None
) -> RawTable:
    text = decode(raw, display, encoding, encoding_key)
    if not text.strip():
        raise DiagnosticError(diagnostic("CG602", f"{display} ist leer", Location(display, 1, 1)))
    if separator is None:
        separator = sniff_separator(text, header_row)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[list[str]] = []
    starts: list[int] = []
    line = 1
    try:
        for record in reader:
            starts.append(line)
            records.append(record)
            line = reader.line_num + 1
            if len(records) > MAX_ROWS + header_row:
                raise DiagnosticError(_too_many_rows(display, line))
    except csv.Error as exc:
        raise DiagnosticError(
            diagnostic("CG603", f"{display} ist als CSV nicht lesbar: {exc}", Location(display, line, 1))
        ) from None
    if len(records) < header_row:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"{display} hat keine Zeile {header_row}",
                Location(display, 1, 1),
                hint="header_row prüfen",
            )
        )
    headers = [h.strip() for h in records[header_row - 1]]
    return RawTable(display, headers, records[header_row:], starts[header_row:], starts[header_row - 1])


def sniff_separator(text: str, header_row: int = 1) -> str:
    """``;``, ``,`` or a tab, whichever the first lines use."""
    lines = text.splitlines()
    sample = "\n".join(lines[header_row - 1 : header_row + 20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in (";", "\t", ",")}
        return max(counts, key=lambda sep: counts[sep])


# --- XLSX ------------------------------------------------------------------------------------------


def check_package(file: Path, display: str, kind: str = "XLSX") -> None:
    """Refuse a workbook (or another Office package: ``kind`` DOCX) that is not a zip or unpacks to more
    than MAX_UNPACKED_BYTES (a decompression bomb), before any XML parser sees it."""
    try:
        with zipfile.ZipFile(file) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        reason = "kein ZIP-Paket" if isinstance(exc, zipfile.BadZipFile) else exc.strerror or str(exc)
        raise DiagnosticError(
            diagnostic("CG603", f"{display} ist als {kind} nicht lesbar: {reason}", Location(display))
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise DiagnosticError(
            diagnostic(
                "CG608",
                f"{'die Arbeitsmappe' if kind == 'XLSX' else 'das Dokument'} entpackt sich zu "
                f"{grouped(unpacked)} Bytes (höchstens {grouped(MAX_UNPACKED_BYTES)})",
                Location(display),
                hint="nur das Blatt mit den Daten speichern oder es als CSV exportieren"
                if kind == "XLSX"
                else "eine Kopie ohne die großen Bilder und eingebetteten Dateien speichern",
            )
        )


def _read_xlsx(
    file: Path, display: str, sheet: str | None, header_row: int, where: Location | None, cache: Cache | None
) -> RawTable:
    kept = KeptSheet(cache, file, sheet, header_row)
    remembered = kept.get()
    if remembered is not None:
        name, records = remembered
    else:
        name, records = _sheet_of(file, display, sheet, header_row, where)
        kept.put(name, records)
    if len(records) < header_row:
        raise DiagnosticError(
            diagnostic(
                "CG602",
                f"Blatt „{name}“ hat keine Zeile {header_row}",
                Location(display),
                hint="header_row prüfen",
            )
        )
    headers = [_header(h) for h in records[header_row - 1]]
    rows = records[header_row:]
    return RawTable(
        display, headers, rows, list(range(header_row + 1, header_row + 1 + len(rows))), header_row
    )


def _sheet_of(
    file: Path, display: str, sheet: str | None, header_row: int, where: Location | None
) -> tuple[str, list[list[Any]]]:
    """The name of the sheet read and its cells, row by row ("" for an empty cell)."""
    from conceptgen.diagnostics import did_you_mean

    book = open_workbook(file, display)
    try:
        names = book.sheetnames
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise DiagnosticError(
                diagnostic(
                    "CG601",
                    f"Blatt „{name}“ nicht in {display}",
                    where or Location(display),
                    hint=did_you_mean(name, names) or f"Blätter: {', '.join(names)}",
                )
            )
        records = sheet_records(book[name], display, MAX_ROWS + header_row)
    finally:
        book.close()
    formulas = formulas_without_value(file, name, records)
    if formulas:
        raise DiagnosticError(
            [formula_diagnostic(Location(display, row, column)) for row, column in formulas[:20]]
        )
    return name, [["" if v is None else v for v in row] for row in records]


class KeptSheet:
    """A sheet's cells as read (``_sheet_of``), kept in the project's cache by the workbook's content,
    the sheet asked for and the header row (and conceptgen's code and openpyxl's files:
    cache.code_fingerprint): a check whose workbook did not change neither imports openpyxl nor reads
    it. Only a sheet read without a problem is kept; cells of a type JSON cannot tell apart are not."""

    def __init__(self, cache: Cache | None, file: Path, sheet: str | None, header_row: int):
        self.cache = cache
        self.key: str | None = None
        if cache is None or cache.folder is None:
            return
        from conceptgen.cache import MAX_ENTRY_BYTES, code_fingerprint, read_regular

        content = read_regular(file, MAX_ENTRY_BYTES)
        if content is not None:
            digest = hashlib.sha256(content).hexdigest()
            self.key = cache.key("xlsx", code_fingerprint(), digest, repr(sheet), str(header_row))

    def get(self) -> tuple[str, list[list[Any]]] | None:
        stored = self.cache.get(self.key) if self.cache is not None and self.key is not None else None
        if stored is None:
            return None
        try:
            record = json.loads(stored)
            return str(record["sheet"]), [[_decoded(v) for v in row] for row in record["rows"]]
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, name: str, records: list[list[Any]]) -> None:
        if self.cache is None or self.key is None:
            return
        try:
            rows = [[_encoded(v) for v in row] for row in records]
        except TypeError:  # a cell of another type: not kept
            return
        self.cache.put(
            self.key, json.dumps({"sheet": name, "rows": rows}, ensure_ascii=False).encode("utf-8")
        )


_PLAIN = (str, int, float, bool)  # JSON keeps these apart: "1", 1, 1.0, true


def _encoded(value: Any) -> Any:
    """A cell for JSON: text, numbers and truth values as they are, times as tagged objects."""
    import datetime as dt

    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dt.datetime:
        return {"datetime": value.isoformat()}
    if kind is dt.date:
        return {"date": value.isoformat()}
    if kind is dt.time:
        return {"time": value.isoformat()}
    if kind is dt.timedelta:
        return {"timedelta": [value.days, value.seconds, value.microseconds]}
    raise TypeError(kind)


def _decoded(value: Any) -> Any:
    import datetime as dt

    if not isinstance(value, dict):
        return value
    ((kind, text),) = value.items()
    if kind == "timedelta":
        days, seconds, microseconds = text
        return dt.timedelta(days=days, seconds=seconds, microseconds=microseconds)
    return {"datetime": dt.datetime, "date": dt.date, "time": dt.time}[kind].fromisoformat(text)


def open_workbook(file: Path, display: str):
    """A workbook opened read-only with the values Excel computed (a zip bomb refused first)."""
    check_package(file, display)
    import openpyxl

    try:
        return openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise DiagnosticError(
            diagnostic("CG603", f"{display} ist als XLSX nicht lesbar: {exc}", Location(display))
        ) from None


def sheet_records(page: Any, display: str, max_rows: int = MAX_ROWS) -> list[list[Any]]:
    """Every row of a read-only sheet up to its last filled cell (None for an empty cell). The sheet's
    stored ``<dimension>`` is not trusted: a writer may understate it, and openpyxl's read-only mode
    would stop there — the last rows would be lost without a word."""
    records: list[list[Any]] = []
    try:
        page.reset_dimensions()
        for row in page.iter_rows(values_only=True):
            records.append(list(row[: MAX_COLUMNS + 1]))
            if len(records) > max_rows:
                raise DiagnosticError(_too_many_rows(display, len(records)))
    except DiagnosticError:
        raise
    except Exception as exc:  # a broken sheet part
        raise DiagnosticError(
            diagnostic("CG603", f"{display} ist als XLSX nicht lesbar: {exc}", Location(display))
        ) from None
    while records and all(v is None or v == "" for v in records[-1]):
        records.pop()  # rows that hold only formatting
    return records


def formulas_without_value(file: Path, sheet: str, records: list[list[Any]]) -> list[tuple[int, int]]:
    """(row, column), 1-based, of the cells that hold a formula but no value Excel computed (a workbook
    written by a program, not saved in Excel): read with its values, such a cell looks empty."""
    if not _has_formulas(file):
        return []
    import openpyxl

    book = openpyxl.load_workbook(file, read_only=True, data_only=False)
    found = []
    try:
        page = book[sheet]
        page.reset_dimensions()
        for r, row in enumerate(page.iter_rows(values_only=True), start=1):
            if r > len(records):
                break
            for c, value in enumerate(row[: MAX_COLUMNS + 1], start=1):
                is_formula = (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in (
                    "ArrayFormula",
                    "DataTableFormula",
                )
                computed = records[r - 1][c - 1] if c <= len(records[r - 1]) else None
                if is_formula and computed in (None, ""):
                    found.append((r, c))
    finally:
        book.close()
    return found


def _has_formulas(file: Path) -> bool:
    """Whether any sheet part holds a formula element (read in pieces: a sheet may unpack to 150 MB)."""
    with zipfile.ZipFile(file) as package:
        for name in package.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with package.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-40:]
    return False


def formula_diagnostic(where: Location) -> Diagnostic:
    return diagnostic(
        "CG625",
        "Formel ohne berechneten Wert (die Arbeitsmappe wurde nicht von Excel oder LibreOffice gespeichert)",
        where,
        hint="die Datei in Excel oder LibreOffice öffnen und speichern oder den Wert statt der Formel "
        "eintragen",
    )


def _header(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- limits and characters -------------------------------------------------------------------------


def _too_many_rows(display: str, line: int) -> Diagnostic:
    return diagnostic(
        "CG608",
        f"mehr als {grouped(MAX_ROWS)} Zeilen",
        Location(display, line, 1),
        hint="die Daten vorher zusammenfassen oder auf mehrere Dateien aufteilen",
    )


def _check_cells(table: RawTable) -> None:
    """CG608 for too many columns or too long cells, CG011 for control characters in text cells."""
    problems: list[Diagnostic] = []
    if len(table.headers) > MAX_COLUMNS:
        problems.append(
            diagnostic(
                "CG608",
                f"mehr als {grouped(MAX_COLUMNS)} Spalten",
                Location(table.display, table.header_line, 1),
            )
        )
    for line, row in [(table.header_line, table.headers), *zip(table.lines, table.rows, strict=True)]:
        for column, value in enumerate(row, start=1):
            if not isinstance(value, str):
                continue
            if len(value) > MAX_CELL_CHARS:
                problems.append(
                    diagnostic(
                        "CG608",
                        f"die Zelle enthält {grouped(len(value))} Zeichen "
                        f"(höchstens {grouped(MAX_CELL_CHARS)})",
                        Location(table.display, line, column),
                    )
                )
            for _offset, char in control_characters(value):
                problems.append(
                    diagnostic(
                        "CG011",
                        f"Steuerzeichen {describe(char)} in einer Zelle",
                        Location(table.display, line, column),
                        hint="es aus der Datei entfernen; ein Word-Dokument kann es nicht enthalten",
                    )
                )
                break
        if len(problems) >= 50:
            break
    if problems:
        raise DiagnosticError(problems)
