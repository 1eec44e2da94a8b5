"""The review list shown three ways: a table in the terminal, an XLSX for the working group (one row per
comment or change: source, page, author, text, proposed text, status, and a column for the answer) and a
Markdown page (the preview shows it as HTML)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import textwrap
from pathlib import Path

from conceptgen.review.entries import Entry

HEADERS = [
    "Nr.",
    "Art",
    "Quelle",
    "Feld",
    "Seite",
    "Von",
    "Datum",
    "Kommentar / Änderung",
    "Textstelle",
    "Vorschlag",
    "Antworten",
    "Status",
    "Antwort",
    "ID",
]
WIDTHS = [5, 13, 34, 26, 6, 16, 11, 48, 48, 48, 36, 30, 40, 12]


def _date(value: dt.datetime | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _source(entry: Entry, root: Path) -> str:
    if entry.source is None:
        return "–"
    text = entry.source.display(root)
    if entry.source.generated:
        text += " (Daten)"
    elif not entry.source.inside:
        text += " (nahe)"
    if entry.target is not None:
        text += f" → {entry.target.display(root)}"
    return text


def row(entry: Entry, root: Path, answers: dict[int, str] | None = None) -> list[str]:
    """One entry as the list's cells (strings; the page may be empty)."""
    replies = "\n".join(f"{author}: {text}" for author, _date_, text in entry.replies)
    return [
        str(entry.number),
        entry.kind_name,
        _source(entry, root),
        entry.source.key if entry.source else "",
        str(entry.page) if entry.page else "",
        entry.author,
        _date(entry.date),
        entry.text,
        entry.passage,
        entry.proposed if entry.kind != "comment" else "",
        replies,
        entry.status,
        (answers or {}).get(entry.number, ""),
        entry.ident,
    ]


def table(entries: list[Entry], root: Path, width: int | None = None) -> str:
    """The list as a plain-text table that fits the terminal: number, kind, source, author, text,
    status (passages are left to the XLSX)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    columns = [(0, 4), (1, 13), (2, 34), (4, 5), (5, 14), (7, 0), (11, 24)]
    fixed = sum(w for _, w in columns) + 2 * (len(columns) - 1)
    text_width = max(width - fixed, 24)
    lines = ["  ".join(_cell(HEADERS[i], w or text_width) for i, w in columns).rstrip()]
    lines.append("-" * min(width, fixed + text_width))
    for entry in entries:
        cells = row(entry, root)
        wrapped = [textwrap.wrap(cells[i].replace("\n", " "), w or text_width) or [""] for i, w in columns]
        for line in range(max(len(c) for c in wrapped)):
            parts = [
                _cell(c[line] if line < len(c) else "", w or text_width)
                for c, (_, w) in zip(wrapped, columns, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _cell(text: str, width: int) -> str:
    return text[:width].ljust(width)


def summary(entries: list[Entry]) -> str:
    comments = sum(1 for e in entries if e.kind == "comment")
    changes = len(entries) - comments
    applicable = sum(1 for e in entries if e.status in ("übernehmbar", "übernommen"))
    listed = sum(1 for e in entries if e.status.startswith("nur Liste"))
    by_hand = sum(1 for e in entries if e.status.startswith("von Hand"))
    plural = {"Kommentar": "Kommentare", "Änderung": "Änderungen"}
    counted = ", ".join(
        f"{n} {word if n == 1 else plural[word]}"
        for n, word in ((comments, "Kommentar"), (changes, "Änderung"))
    )
    return f"{counted}: {applicable} übernehmbar, {listed} nur Liste (aus Daten erzeugt), {by_hand} von Hand"


def workbook(entries: list[Entry], root: Path, title: str, answers: dict[int, str] | None = None) -> bytes:
    """The list as an XLSX: a bold, frozen header with filters, wrapped text, the answer column open."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    book.set_properties({"title": title, "created": dt.datetime(2000, 1, 1)})
    header = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#D6E0EB"}
    )
    cell = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Rückmeldungen")
    for column, (name, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.write_string(0, column, name, header)
        sheet.set_column(column, column, width)
    for number, entry in enumerate(entries, start=1):
        for column, value in enumerate(row(entry, root, answers)):
            sheet.write_string(number, column, value, cell)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(entries), 1), len(HEADERS) - 1)
    book.close()
    return buffer.getvalue()


def markdown(entries: list[Entry], root: Path, title: str) -> str:
    """The list as Markdown: one section per entry (for the preview and for reading)."""
    lines = [f"# Rückmeldungen: {title}", "", summary(entries), ""]
    for entry in entries:
        cells = row(entry, root)
        lines.append(f"## {entry.number}. {entry.kind_name} von {entry.author or 'unbekannt'}")
        lines.append("")
        lines.append(f"- Quelle: `{cells[2]}`" + (f" ({cells[3]})" if cells[3] else ""))
        if cells[4]:
            lines.append(f"- Seite: {cells[4]}")
        lines.append(f"- Status: {entry.status}")
        lines.append("")
        lines.append(f"> {entry.text}")
        for author, _when, text in entry.replies:
            lines.append(f">\n> *{author}:* {text}")
        lines.append("")
    return "\n".join(lines)
