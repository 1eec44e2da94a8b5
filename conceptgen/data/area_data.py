"""Area data of a Sozialraumanalyse read from one file per year and joined to the areas by code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading import ProjectSource
from conceptgen.model import Concept
from conceptgen.model.data import ColumnType, DataColumn, Dataset
from conceptgen.model.social import AreaData
from conceptgen.paths import inside

_CODE = "__code"
_NAME = "__name"


@dataclass
class AreaYearData:
    """The counts of one dataset: year → area ID → column → number (None: missing)."""

    counts: dict[int, dict[str, dict[str, float | None]]] = field(default_factory=dict)
    lines: dict[int, dict[str, tuple[str, int]]] = field(default_factory=dict)  # where each row came from
    warnings: list[Diagnostic] = field(default_factory=list)  # names that do not match their codes


def year_files(declared: AreaData, root: Path) -> dict[int, Path]:
    """The files of ``declared.files`` (a pattern with {year}) that exist, by year."""
    pattern = declared.files
    if "{year}" not in pattern:
        return {}
    folder = (root / pattern).parent
    name = Path(pattern).name
    matcher = re.compile(re.escape(name).replace(re.escape("{year}"), r"(\d{4})") + "$")
    found = {}
    if folder.is_dir():
        for path in folder.iterdir():
            match = matcher.match(path.name)
            if match and path.is_file():
                found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def load_area_data(declared: AreaData, concept: Concept, source: ProjectSource, path: tuple) -> AreaYearData:
    """Read the file of every year and join its rows to the areas by code.

    Raises DiagnosticError: CG615 (pattern without {year}, no file), CG610 (a code no area has), and
    what reading a file finds (CG601–CG608); CG611 (a name that does not match its code) is a warning
    kept in the result's diagnostics by the caller."""
    where = source.locate((*path, "files"))
    if "{year}" not in declared.files:
        raise DiagnosticError(
            diagnostic(
                "CG615",
                f"„{declared.files}“ enthält kein {{year}}",
                where,
                key_path=f"social_space.data[{path[2]}].files",
                hint="die Stelle des Jahres im Dateinamen angeben, z. B. data/sozialdaten_{year}.csv",
            )
        )
    files = year_files(declared, source.root)
    target = source.root / declared.files
    if not inside(target.parent, source.root):
        raise DiagnosticError(
            diagnostic(
                "CG010", f"„{declared.files}“ liegt außerhalb des Projekts", where, hint="data/… verwenden"
            )
        )
    if not files:
        raise DiagnosticError(
            diagnostic(
                "CG615",
                f"keine Datei passt zu „{declared.files}“",
                where,
                key_path=f"social_space.data[{path[2]}].files",
                hint="eine Datei je Jahr, z. B. " + declared.files.replace("{year}", "2024"),
            )
        )
    from conceptgen.data.sources import load_dataset

    unit = concept.social_space.unit if concept.social_space else None
    by_code = {a.code: a for a in concept.areas if a.code and a.kind == unit}
    padding = max((len(c) for c in by_code if c.isdigit()), default=0)
    code_map = _code_map(declared, source, path) if declared.code_map else None
    result = AreaYearData()
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    for year, file in files.items():
        columns = []
        if declared.code:
            columns.append(DataColumn(name=declared.code, id=_CODE))
        if declared.name:
            columns.append(DataColumn(name=declared.name, id=_NAME))
        for column in declared.columns:  # counts are numbers; {year} in a header is the file's year
            kind = ColumnType.NUMBER if column.type is ColumnType.TEXT else column.type
            name = column.name.replace("{year}", str(year))
            columns.append(column.model_copy(update={"type": kind, "name": name, "id": column.key}))
        dataset = Dataset(
            id=f"{declared.id}-{year}",
            file=file.relative_to(source.root).as_posix(),
            sheet=declared.sheet,
            header_row=declared.header_row,
            separator=declared.separator,
            decimal=declared.decimal,
            encoding=declared.encoding,
            source=declared.source,
            sample=declared.sample,
            key=[_CODE if declared.code else _NAME],
            columns=columns,
            missing=list(declared.missing),
        )
        try:
            loaded = load_dataset(dataset, source, path)
        except DiagnosticError as exc:
            problems += exc.diagnostics
            continue
        frame = loaded.frame
        keys = [c.key for c in declared.columns]
        counts: dict[str, dict[str, float | None]] = {}
        lines: dict[str, tuple[str, int]] = {}
        for row, line in enumerate(loaded.lines):
            if code_map is not None:
                name = str(frame[_NAME].iloc[row] or "").strip()
                if name not in code_map:
                    problems.append(_unmapped(name, code_map, declared, Location(loaded.display, line, 1)))
                    continue
                raw = code_map[name]
            else:
                raw = str(frame[_CODE].iloc[row]).strip()
            code = raw.zfill(padding) if raw.isdigit() and padding else raw
            area = by_code.get(code)
            if area is None:
                problems.append(
                    diagnostic(
                        "CG610",
                        f"kein Gebiet hat den Code „{raw}“",
                        Location(loaded.display, line, 1),
                        hint=did_you_mean(code, by_code) or "die Codes stehen in inventory.yaml (code:)",
                    )
                )
                continue
            if declared.name and code_map is None:
                name = str(frame[_NAME].iloc[row] or "")
                if name and not same_name(name, area.name):
                    warnings.append(_misnamed(name, code, area.name, Location(loaded.display, line, 1)))
            counts[area.id] = {k: _number(frame[k].iloc[row]) for k in keys}
            lines[area.id] = (loaded.display, line)
        result.counts[year] = counts
        result.lines[year] = lines
    if problems:
        raise DiagnosticError(problems[:40] + warnings[:10])
    result.warnings = warnings
    return result


def _unmapped(name: str, code_map: dict[str, str], declared: AreaData, where: Location) -> Diagnostic:
    return diagnostic(
        "CG610",
        f"„{name}“ steht nicht in der code_map {declared.code_map}",
        where,
        hint=did_you_mean(name, code_map) or "den Namen so ergänzen, wie er hier geschrieben ist",
    )


def _misnamed(name: str, code: str, expected: str, where: Location) -> Diagnostic:
    return diagnostic(
        "CG611",
        f"„{name}“ passt nicht zum Namen des Gebiets {code} „{expected}“",
        where,
        hint="Daten werden über den Code zugeordnet; den Code prüfen oder den Namen in inventory.yaml",
    )


def _code_map(declared: AreaData, source: ProjectSource, path: tuple) -> dict[str, str]:
    """name → code from ``declared.code_map`` (a CSV with the columns name and code)."""
    from conceptgen.data.tabular import read_table

    file = source.root / str(declared.code_map)
    where = source.locate((*path, "code_map"))
    key = f"social_space.data[{path[2]}].code_map"
    if not inside(file, source.root) or not file.is_file():
        raise DiagnosticError(
            diagnostic("CG001", f"code_map „{declared.code_map}“ nicht gefunden", where, key_path=key)
        )
    display = relative(file)
    table = read_table(file, display, encoding="utf-8", separator=None, sheet=None, header_row=1, where=where)
    headers = [h.strip().lower() for h in table.headers]
    if "name" not in headers or "code" not in headers:
        raise DiagnosticError(
            diagnostic(
                "CG601",
                f"{display} braucht die Spalten name und code",
                Location(display, 1, 1),
                key_path=key,
                hint=f"Spalten: {', '.join(table.headers)}",
            )
        )
    n, c = headers.index("name"), headers.index("code")
    return {str(row[n]).strip(): str(row[c]).strip() for row in table.rows if len(row) > max(n, c)}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same area: case, umlauts spelt out (ue, oe, ae, ss), hyphens,
    dots and spaces do not count; a name may also be the other's with a suffix („Mitte (Innenstadt)“)."""
    first, second = simple_name(a), simple_name(b)
    return first == second or first.startswith(second) or second.startswith(first)


def simple_name(name: str) -> str:
    text = name.casefold()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode())
