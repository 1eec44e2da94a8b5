"""Frames: datasets and views as DataFrames with what tables need to know of their columns, and the
helpers every computation shares (lookup, column checks, filters, the source line)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conceptgen.diagnostics import DiagnosticError, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.terms import Terms


@dataclass
class Column:
    """What a table needs to know about a column."""

    name: str
    label: str
    unit: str = ""
    numeric: bool = False
    decimals: int | None = None
    percent: bool = False
    year: bool = False
    sample: bool = False  # the column holds sample figures (marked in every source line that shows it)
    # how a totals row computes the column from its rows: ("rate", value, population, per) or
    # ("change", value, percent); None: a totals row leaves it empty unless summed or averaged
    formula: tuple | None = None


@dataclass
class Frame:
    """A dataset or view: the DataFrame, its columns and the sources it rests on."""

    data: Any  # pandas.DataFrame
    columns: dict[str, Column]
    sources: list[str]
    computed: bool = False


def frame_by_id(frames: dict[str, Frame], ident: str, source: ProjectSource, path: tuple) -> Frame:
    if ident not in frames:
        raise DiagnosticError(
            diagnostic(
                "CG202",
                f"unbekannter Datensatz oder unbekannte Sicht „{ident}“",
                source.locate(path),
                key_path=format_path(path),
                hint=did_you_mean(ident, frames) or f"bekannt: {', '.join(sorted(frames))}",
            )
        )
    return frames[ident]


def need_columns(frame: Frame, names: list[str], source: ProjectSource, path: tuple) -> None:
    missing = [n for n in names if n not in frame.data.columns]
    if missing:
        raise DiagnosticError(
            [
                diagnostic(
                    "CG601",
                    f"unbekannte Spalte „{name}“",
                    source.locate(path),
                    key_path=format_path(path),
                    hint=did_you_mean(name, list(frame.data.columns))
                    or f"Spalten: {', '.join(map(str, frame.data.columns))}",
                )
                for name in missing
            ]
        )


def filter_rows(frame: Frame, filters: dict[str, Any], source: ProjectSource, path: tuple) -> Any:
    data = frame.data
    need_columns(frame, list(filters), source, path)
    for column, wanted in filters.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if frame.columns.get(column, Column(column, column)).numeric or data[column].dtype.kind in "if":
            try:
                numbers = [float(v) for v in values]
            except ValueError:
                raise DiagnosticError(
                    diagnostic(
                        "CG103",
                        f"der Filterwert für die Zahlenspalte „{column}“ ist keine Zahl",
                        source.locate((*path, column)),
                        key_path=format_path((*path, column)),
                    )
                ) from None
            data = data[data[column].isin(numbers)]
        else:
            data = data[data[column].astype(str).isin([str(v) for v in values])]
    return data


def source_line(frame: Frame, terms: Terms, shown: list[str] | None = None) -> str:
    """The sources of a frame, „eigene Berechnung“ when computed, and precisely what of it is sample data:
    „(Beispieldaten)“ when every ``shown`` column is, „(Beispieldaten: Einwohner)“ when some are."""
    text = "; ".join(frame.sources)
    if frame.computed:
        text = f"{text}; {terms['own_calculation']}" if text else terms["own_calculation"]
    mark = sample_mark([frame.columns[c] for c in (shown or frame.columns) if c in frame.columns], terms)
    return text + ("" if mark and mark.strip() in text else mark)  # said once, even if the source says it


def sample_mark(columns: list[Column], terms: Terms) -> str:
    """`` (Beispieldaten)`` or `` (Beispieldaten: A, B)`` for the sample ones among ``columns``."""
    sample = [c for c in columns if c.sample]
    if not sample:
        return ""
    if len(sample) == len(columns):
        return f" {terms['sample_marked']}"
    return " " + terms("sample_columns", columns=", ".join(c.label for c in sample))
