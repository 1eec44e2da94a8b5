"""Reads every printed total of a rendered document back against the rows it sums, as a reader with a
calculator would: only what the page shows counts.

A total is a row that says so („Summe …“, „Gesamt“, „… gesamt“, „Insgesamt“, „Gültige Antworten“) or the
bold rows that close a table, and a column headed „Summe“/„Gesamt“/„Insgesamt“. A total row adds up the
numbers above it in its column (rows set off by „davon“ are part of another row and do not count; „Summe
einmalig“ adds the rows that say „einmalig“); a total column adds up the numbers left of it in its row.
Columns of rates, averages, ranks and changes are not sums: their totals are left alone. Printed figures
with decimals are rounded, so their sum may differ by half a unit of the last digit per figure; whole
numbers (counts, amounts) must add up exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.docx_text import Row, Table

_NUMBER = re.compile(r"[+−-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?|[+−-]?\d+(?:,\d+)?")
_TOTAL_LABEL = re.compile(r"^(Summe|Gesamt|Insgesamt|Gültige Antworten|Total)\b|\bgesamt$", re.I)
_TOTAL_COLUMN = re.compile(r"^(Summe|Gesamt|Insgesamt|Total)$", re.I)
# headers of columns whose bottom line is not a sum
_NOT_SUMMED = re.compile(
    r"\bje\b|Quote|Ø|Mittel|Median|Richtwert|Rang|Abw|Deckung|Veränd|Rückstand|Soll|Ist\b|Jahr|Nr\.|"
    r"Kennwert|Wert\b|Stand|Zielwert|Ausgangswert|Minimum|Maximum|Indexwert|index",
    re.I,
)
HIDDEN = {"·", "–", "-", ""}


@dataclass
class Number:
    value: float
    decimals: int


def number(cell: str) -> Number | None:
    """The number a cell shows (1.234,5 · −0,2 · 4.850.000 € · 83,9 %), or None for text."""
    text = cell.replace("\u00a0", " ").replace("*", "").strip()
    text = re.sub(r"\s*(€|%|Mio\.)$", "", text).strip()
    if not _NUMBER.fullmatch(text):
        return None
    decimals = len(text.split(",")[1]) if "," in text else 0
    value = float(text.replace("−", "-").replace(".", "").replace(",", "."))
    return Number(value, decimals)


def _amount(cell: str) -> Number | None:
    """A costs cell („4.200.000 € einmalig (einschl. Aufgaben)“): its amount in euros."""
    match = re.match(r"\s*([\d.]+(?:,\d+)?)\s*€", cell)
    return number(match.group(1)) if match else None


def _close(total: Number, parts: list[Number]) -> bool:
    """Equal up to the rounding of figures with decimals (whole numbers are counts and amounts: exact)."""
    slack = sum(0.5 * 10**-n.decimals for n in (total, *parts) if n.decimals) + 1e-9
    return abs(total.value - sum(p.value for p in parts)) <= slack


def _is_total_row(row: Row) -> bool:
    label = next((c.strip() for c in row.cells if c.strip()), "")
    return bool(_TOTAL_LABEL.search(label))


def total_rows(rows: list[Row]) -> list[int]:
    """Indexes of the totals rows: rows that say so, and the bold rows closing a table (below rows that
    are not bold: a table of bold rows only has none)."""
    found = {i for i, r in enumerate(rows) if not r.header and _is_total_row(r)}
    end = len(rows)
    while end > 0 and rows[end - 1].bold and not rows[end - 1].header:
        end -= 1
    if 0 < end < len(rows) and not rows[end - 1].header:
        found |= set(range(end, len(rows)))
    return sorted(found)


def check_shares(table: Table) -> list[str]:
    """A table of shares per column with a row „n“ (a cross-tab): every column whose shares are all shown
    adds up to 100 %, and the „Gesamt“ column's n is the sum of the groups' n — or the note says why not
    (respondents without an answer to the grouping question)."""
    problems: list[str] = []
    header = next((r.cells for r in table.rows if r.header), [])
    body = [r for r in table.rows if not r.header]
    n_row = body[-1]
    shares = [r for r in body if r is not n_row]
    for c, name in enumerate(header[1:], start=1):
        values = [r.cells[c].strip() for r in shares]
        parts = [number(v) for v in values]
        if "·" in values or any(p is None for p in parts):
            continue
        if not _close(Number(100.0, 1), [p for p in parts if p is not None]):
            got = sum(p.value for p in parts if p is not None)
            problems.append(f"{table.caption}: column „{name}“ shares add up to {got:.1f} %")
    if header and _TOTAL_COLUMN.match(header[-1].strip()):
        counts = [number(v) for v in n_row.cells[1:-1]]
        total = number(n_row.cells[-1])
        if total is not None and all(counts):
            got = sum(p.value for p in counts if p is not None)
            if got != total.value and "ohne Angabe" not in table.note:
                problems.append(
                    f"{table.caption}: „n“ [{header[-1]}] prints {total.value:.0f}, the groups give {got:.0f}"
                    " and the note does not say why"
                )
    return problems


def check_table(table: Table) -> list[str]:
    """Every total of one table that its printed rows do not give, described for an assertion message."""
    caption, rows = table.caption, table.rows
    problems: list[str] = []
    header = next((r.cells for r in rows if r.header), rows[0].cells if rows else [])
    body = [r for r in rows if not r.header]
    if len(body) > 1 and body[-1].cells[0].strip() == "n":
        return check_shares(table)
    totals = total_rows(body)
    for t in totals:
        row = body[t]
        label = next((c.strip() for c in row.cells if c.strip()), "")
        # the rows this total adds up: above it, back to the previous total that is not its neighbour
        start = max((i + 1 for i in totals if i < t and i + 1 < t and t - i > 1), default=0)
        while start < t and start in totals:
            start += 1
        parts_rows = [body[i] for i in range(start, t) if i not in totals]
        interval = re.sub(r"^(Summe|Gesamt|Total)\s*", "", label).strip()
        for c, cell in enumerate(row.cells):
            if c == 0 or c >= len(header) or _NOT_SUMMED.search(header[c]):
                continue
            costs = "Kosten" in header[c] or "€" in cell
            total = _amount(cell) if costs else number(cell)
            if total is None:
                continue
            parts, unknown = [], False
            for r in parts_rows:
                value = r.cells[c] if c < len(r.cells) else ""
                if value.strip().startswith(("davon", "of which")):
                    continue
                if costs and interval and not _amount(value):
                    continue
                if costs and interval and interval not in value:
                    continue
                found = _amount(value) if costs else number(value)
                if found is None:
                    unknown |= value.strip() not in HIDDEN or value.strip() == "·"
                    continue
                parts.append(found)
            if unknown or not parts:
                continue
            if not _close(total, parts):
                got = sum(p.value for p in parts)
                problems.append(
                    f"{caption}: „{label}“ [{header[c]}] prints {cell.strip()}, its rows give {got:,.2f}"
                )
    for c, name in enumerate(header):
        if c == 0 or not _TOTAL_COLUMN.match(name.strip()):
            continue
        for row in body:
            total = number(row.cells[c]) if c < len(row.cells) else None
            if total is None:
                continue
            values = [row.cells[i] for i in range(1, c) if not _NOT_SUMMED.search(header[i])]
            parts = [n for n in map(number, values) if n is not None]
            if any(v.strip() == "·" for v in values) or not parts:
                continue
            if not _close(total, parts):
                got = sum(p.value for p in parts)
                problems.append(
                    f"{caption}: row „{row.cells[0]}“ [{name}] prints {row.cells[c]}, cells give {got:,.2f}"
                )
    return problems
