"""``conceptgen diff OLD NEW``: what changed between two versions of a project — two folders, or a folder
at a git revision (``projects/neuss@v1.0``) — in goals, indicators, measures, offers and texts; in the
terminal, and as an „Änderungsnachweis“ document for the council (``--docx``)."""

from __future__ import annotations

import difflib
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conceptgen.diagnostics import DiagnosticError, Location, diagnostic
from conceptgen.loading import ProjectSource, load_project
from conceptgen.model import Concept
from conceptgen.model.validate import validate_concept

SECTIONS = {
    "goals": "Ziele",
    "indicators": "Kennzahlen",
    "measures": "Maßnahmen",
    "offers": "Angebote",
    "texts": "Texte",
}
FIELDS = {  # what is compared, with the German word for it
    "goals": {"title": "Titel", "field_of_action": "Handlungsfeld", "description": "Beschreibung"},
    "indicators": {
        "name": "Name",
        "unit": "Einheit",
        "baseline": "Ausgangswert",
        "target": "Zielwert",
        "direction": "Richtung",
        "actuals": "Istwerte",
    },
    "measures": {
        "title": "Titel",
        "priority": "Priorität",
        "lead": "Federführung",
        "period": "Zeitraum",
        "horizon": "Zeithorizont",
        "status": "Stand",
        "costs": "Kosten",
        "goals": "Ziele",
        "description": "Beschreibung",
    },
    "offers": {
        "name": "Name",
        "provider": "Träger",
        "category": "Kategorie",
        "area": "Gebiet",
        "capacity": "Kapazität",
    },
}


@dataclass(frozen=True)
class Difference:
    section: str  # goals, indicators, measures, offers, texts
    kind: str  # added, removed, changed
    key: str
    title: str
    detail: str = ""

    def line(self) -> str:
        sign = {"added": "+", "removed": "-", "changed": "~"}[self.kind]
        rest = f": {self.detail}" if self.detail else ""
        return f"{sign} {SECTIONS[self.section]} {self.key} {self.title}{rest}"


def load_version(spec: str, scratch: Path) -> tuple[Concept, ProjectSource]:
    """A project folder, or ``folder@revision`` taken from git into ``scratch``."""
    folder, _sep, revision = spec.partition("@")
    root = Path(folder)
    if revision:
        root = _checkout(root, revision, scratch)
    source, problems = load_project(root)
    concept, schema = validate_concept(source)
    if concept is None:
        raise DiagnosticError(problems + schema)
    return concept, source


def _checkout(folder: Path, revision: str, scratch: Path) -> Path:
    """The project ``folder`` as it was at ``revision``, unpacked into ``scratch``. Raises DiagnosticError:
    CG633 for a revision git would read as an option, CG001 for one git cannot give, CG010 for a file
    that is a link leading out of the project."""
    where = Location(f"{folder}@{revision}")
    if not revision or revision.startswith("-"):  # git would take it for an option (--output=FILE …)
        raise DiagnosticError(
            diagnostic(
                "CG633",
                f"Revision „{revision}“ beginnt mit „-“: git läse sie als Option",
                where,
                hint="ein Tag, einen Branch oder einen Commit angeben (git tag, git log --oneline)",
            )
        )

    def git(*args: str) -> bytes:
        try:
            return subprocess.run(["git", *args], cwd=folder, capture_output=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            message = getattr(exc, "stderr", b"") or str(exc).encode()
            raise DiagnosticError(
                diagnostic(
                    "CG001",
                    f"git kann {folder}@{revision} nicht liefern: {message.decode(errors='replace').strip()}",
                    Location(str(folder)),
                    hint="ein Ordner in einem git-Repository, eine Revision, die git kennt (Tag, Branch …)",
                )
            ) from None

    commit = git("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    archive = git("archive", "--format=tar", commit, "--", ".")
    target = scratch / commit
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = tar.getmembers()
        outside = [m.name for m in members if (m.issym() or m.islnk()) and not _inside(m)]
        if outside:
            raise DiagnosticError(
                [
                    diagnostic(
                        "CG010",
                        f"{name} ist in {revision} ein Link, der aus dem Projekt hinausführt",
                        Location(f"{folder}@{revision}:{name}"),
                        hint="die Dateien eines Projekts liegen in ihm: den Link durch die Datei ersetzen",
                    )
                    for name in outside
                ]
            )
        tar.extractall(target, members, filter="data")
    return target  # git archive run in the project's folder gives paths from there


def _inside(member: tarfile.TarInfo) -> bool:
    """Whether a link of the archive (git archive of the project's folder: paths from the project's root)
    points into the project."""
    import posixpath

    if member.linkname.startswith("/") or ":" in member.linkname[:2] or "\\" in member.linkname:
        return False
    base = posixpath.dirname(member.name) if member.issym() else ""
    resolved = posixpath.normpath(posixpath.join(base, member.linkname))
    return resolved != ".." and not resolved.startswith("../")


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return getattr(value, "value", value)


def _figure(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        from conceptgen.language import Language

        return Language.of("de").number(value)
    return str(value)


def _value_text(value: Any) -> str:
    value = _plain(value)
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, dict):
        if "year" in value and set(value) <= {"value", "year"}:  # baseline, target
            return f"{_figure(value.get('value', '–'))} ({value['year']})"
        if "start" in value and set(value) <= {"start", "end"}:  # a period
            return f"{value['start']}–{value.get('end', '')}"
        if "amount" in value:  # costs
            return f"{_figure(value['amount'])} € {value.get('interval', 'einmalig')}"
        return ", ".join(f"{k}: {_figure(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _entries(concept: Concept, section: str) -> dict[str, tuple[str, Any]]:
    if section == "goals":
        items = [i for g in concept.goals for i in (g, *g.goals)]
        return {i.id: (i.title, i) for i in items}
    if section == "measures":
        return {i.id: (i.title, i) for m in concept.measures for i in (m, *m.tasks)}
    if section == "indicators":
        return {k.id: (k.name, k) for k in concept.indicators}
    return {o.id: (o.name, o) for o in concept.offers}


def differences(old: tuple[Concept, ProjectSource], new: tuple[Concept, ProjectSource]) -> list[Difference]:
    found: list[Difference] = []
    for section, fields in FIELDS.items():
        before, after = _entries(old[0], section), _entries(new[0], section)
        for key in sorted(set(before) | set(after), key=_natural):
            if key not in before:
                found.append(Difference(section, "added", key, after[key][0]))
            elif key not in after:
                found.append(Difference(section, "removed", key, before[key][0]))
            else:
                a, b = before[key][1], after[key][1]
                changes = [
                    f"{word} {_value_text(getattr(a, name, None))} → {_value_text(getattr(b, name, None))}"
                    for name, word in fields.items()
                    if _plain(getattr(a, name, None)) != _plain(getattr(b, name, None))
                ]
                if changes:
                    found.append(Difference(section, "changed", key, after[key][0], "; ".join(changes)))
    texts_old, texts_new = old[1].texts, new[1].texts
    for name in sorted(set(texts_old) | set(texts_new)):
        if name not in texts_old:
            found.append(Difference("texts", "added", name, f"text/{name}.md"))
        elif name not in texts_new:
            found.append(Difference("texts", "removed", name, f"text/{name}.md"))
        elif texts_old[name].content != texts_new[name].content:
            a, b = texts_old[name].content.splitlines(), texts_new[name].content.splitlines()
            changed = sum(1 for line in difflib.ndiff(a, b) if line[:1] in "+-")
            lines = "1 Zeile" if changed == 1 else f"{changed} Zeilen"
            found.append(Difference("texts", "changed", name, f"text/{name}.md", f"{lines} geändert"))
    return found


def _natural(key: str) -> list:
    import re

    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key)]


def compare(old: str, new: str) -> list[Difference]:
    with tempfile.TemporaryDirectory() as scratch:
        return differences(load_version(old, Path(scratch)), load_version(new, Path(scratch)))


def change_document(found: list[Difference], old: str, new: str, title: str, date: str) -> bytes:
    """„Änderungsnachweis“: a table per section (kind of change, ID, title, what changed)."""
    from docx import Document
    from docx.shared import Cm, Pt

    from conceptgen.ooxml import settings, styles, tables

    document = Document()
    styles.set_document_language(document, "de-DE")
    for name in ("Normal", "Title", "Heading 1"):
        document.styles[name].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    settings.complete_zoom(document)
    document.add_heading("Änderungsnachweis", 0)
    document.add_paragraph(f"{title}: Fassung {new} gegenüber Fassung {old}, Stand {date}.")
    words = {"added": "neu", "removed": "entfallen", "changed": "geändert"}
    if not found:
        document.add_paragraph(
            "Keine inhaltlichen Änderungen an Zielen, Kennzahlen, Maßnahmen, Angeboten und Texten."
        )
    for section, heading in SECTIONS.items():
        rows = [d for d in found if d.section == section]
        if not rows:
            continue
        document.add_heading(heading, 1)
        table = document.add_table(rows=1 + len(rows), cols=4)
        table.style = document.styles["Table Grid"]
        tables.mark_header_row(table.rows[0]._tr)
        for cell, text in zip(table.rows[0].cells, ("Art", "Nr.", "Bezeichnung", "Änderung"), strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row, difference in zip(table.rows[1:], rows, strict=True):
            values = (words[difference.kind], difference.key, difference.title, difference.detail)
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
        table.autofit = False
        for column, width in zip(table.columns, (2.0, 1.6, 6.0, 6.4), strict=True):
            column.width = Cm(width)  # the grid (LibreOffice)
        for row in table.rows:
            for cell, width in zip(row.cells, (2.0, 1.6, 6.0, 6.4), strict=True):
                cell.width = Cm(width)
    document.add_paragraph()  # a body never ends with a table (Word would add the paragraph itself)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
