"""``conceptgen import --apply``: the changes read from the workbook (exchange/imports.py) into the YAML
files. Only the characters of the changed values are edited (exchange/yaml_edit.py: layout, comments and
quoting of every other line stay); every file is prepared and verified first, then all are replaced
together, or none (write.write_atomically)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, relative
from conceptgen.exchange.imports import Change


def apply_changes(root: Path, changes: list[Change]) -> list[Path]:
    """Write ``changes`` into the project's YAML files, changing only the edited values; every file is
    prepared and verified first, then all are replaced together (none on any failure). Returns the
    files written. Raises DiagnosticError (CG501) when a file cannot be read or written."""
    from conceptgen.exchange.yaml_edit import YamlText
    from conceptgen.write import write_atomically

    contents: dict[Path, bytes] = {}
    for file in sorted({c.file for c in changes}):
        path = root / file
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DiagnosticError(
                diagnostic(
                    "CG501", f"{file} ist nicht lesbar: {exc.strerror or exc}", Location(relative(path))
                )
            ) from None
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        if not text.strip():
            text = "monitoring:\n" if file == "monitoring.yaml" else text
        edit = YamlText(text)
        for change in (c for c in changes if c.file == file):
            _apply(edit, change)
        contents[path] = (b"\xef\xbb\xbf" if bom else b"") + edit.result().encode("utf-8")
    write_atomically(contents)
    return list(contents)


def _apply(edit: Any, change: Change) -> None:
    from conceptgen.exchange.yaml_edit import Quoted

    field = list(change.field)
    if change.file == "monitoring.yaml" and field[0] == "actuals":
        path: list[Any] = ["monitoring", "actuals", change.key, field[1]]
    elif change.file == "monitoring.yaml":
        entry = _report_index(edit.expected, change.key)
        if entry is None:
            if change.new is None:
                return
            item: dict[str, Any] = {"measure": Quoted(change.key)}
            nested: Any = change.new
            for key in reversed(field[1:]):
                nested = {key: nested}
            item[field[0]] = nested
            edit.append(("monitoring", "measures"), item)
            return
        path = ["monitoring", "measures", entry, *field]
    else:
        path = [*_entry_path(edit.expected, change), *field]
    if change.new is None:
        # an emptied amount takes its interval along; costs with a funding text keep it (check says so)
        edit.delete(path, parent_with=("interval",) if change.clear == "parent" else None)
    else:
        edit.set(path, change.new)


def _report_index(data: Any, key: str) -> int | None:
    reports = ((data or {}).get("monitoring") or {}).get("measures") or []
    for index, report in enumerate(reports):
        if isinstance(report, dict) and str(report.get("measure")) == key:
            return index
    return None


def _entry_path(data: Any, change: Change) -> list[Any]:
    """The key path of the entry a change belongs to: a measure or its task, a Leitziel or its
    Handlungsziel, an indicator (which has no children: its ``goals`` are references)."""
    section, children = {
        "measure": ("measures", "tasks"),
        "goal": ("goals", "goals"),
        "indicator": ("indicators", None),
    }[change.kind]
    for i, item in enumerate((data or {}).get(section) or []):
        if not isinstance(item, dict):
            continue
        if str(item.get("id")) == change.key:
            return [section, i]
        for j, child in enumerate((item.get(children) or []) if children else []):
            if isinstance(child, dict) and str(child.get("id")) == change.key:
                return [section, i, children, j]
    raise DiagnosticError(
        diagnostic("CG202", f"„{change.key}“ steht nicht mehr in {change.file}", Location(change.file))
    )
