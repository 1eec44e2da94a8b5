"""``conceptgen new``: a small, valid project of a concept type that renders at once, with commented
YAML for every section its outline shows and one example each; and the listings of ``conceptgen types``,
``conceptgen blocks`` and ``conceptgen terms``.

The files come from ``conceptgen/scaffold/files/`` (``$name`` placeholders, string.Template); a file is
written when the type's outline shows what it holds. Every date of the example is counted from one origin,
the day the project is made: ``${year}``, ``${year-3}``, ``${year+1}`` in any file (and file name) are that
day's year and the years around it, so that the measure's period, its tasks' horizons (counted from the
project's date), the indicators' years, the sources, the process and the data files agree in any year.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conceptgen.blocks import registry
from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading.layout import FILE_SECTIONS
from conceptgen.model.concept_types import TYPES_DIR, ConceptTypeSpec, by_slug, concept_types
from conceptgen.model.schemas import MODELINE, file_schema, modeline, schema_path
from conceptgen.outline.block import Block
from conceptgen.terms import Terms
from conceptgen.terms.lexicon import declined

FILES = Path(__file__).resolve().parent / "files"

# what a file's examples refer to
_WITH = {
    "measures.yaml": ("goals.yaml", "indicators.yaml"),
    "indicators.yaml": ("goals.yaml",),
    "needs.yaml": ("inventory.yaml", "sources.yaml"),
    "goals.yaml": ("needs.yaml",),
    "sozialraum.yaml": ("inventory.yaml",),
    "konvention.yaml": ("inventory.yaml", "goals.yaml", "measures.yaml"),
    "finanzierung.yaml": ("measures.yaml", "sources.yaml"),
}
PROFILES = """  # Ein Steckbrief je Gebiet, das die Sozialraumanalyse bewertet (Vorlage profil):
  - template: profil
    repeat: unit
    output: Profile/Profil-{code}.docx
"""
_PER_TYPE = ("konvention.yaml", "data.yaml")  # written from <stem>_<type>.yaml


def blocks_of(spec: ConceptTypeSpec) -> set[str]:
    found: set[str] = set()

    def walk(items: list) -> None:
        for item in items:
            if getattr(item, "block", None):
                found.add(item.block)
            walk(getattr(item, "content", []) or [])

    walk(list(spec.outline))
    return found


def new_project(
    target: Path, type_name: str, *, title: str | None = None, today: dt.date | None = None
) -> list[Path]:
    """Write a new project of concept type ``type_name`` (its file name or its name) into ``target``,
    which must not exist or be empty, dated ``today`` (default: the clock's day, read once). Returns the
    files written.

    Raises DiagnosticError: CG104 for an unknown type (the hint lists the registered ones), CG143 for a
    registered type whose project conceptgen cannot write (before anything is written), CG501 when
    ``target`` holds files.
    """
    spec = _concept_type(type_name)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DiagnosticError(
            diagnostic(
                "CG501",
                f"{relative(target)} gibt es schon und ist kein leerer Ordner",
                Location(relative(target)),
                hint="einen neuen Ordner wählen; conceptgen new überschreibt nie",
            )
        )
    blocks, files = _needs(spec)
    written = _project_files(target, spec, blocks, files, title, today or dt.date.today())
    for path, content in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_text(content, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    return list(written)


def _concept_type(type_name: str) -> ConceptTypeSpec:
    """The registered type ``type_name`` names (its file name or its name); CG104 naming every
    registered type when there is none."""
    spec = by_slug(type_name)
    if spec is not None:
        return spec
    known = [t.slug for t in concept_types().values()]
    near = did_you_mean(type_name, known)
    listed = f"Konzeptarten: {', '.join(known)} (conceptgen types)"
    raise DiagnosticError(
        diagnostic(
            "CG104", f"unbekannte Konzeptart „{type_name}“", None, hint=f"{near} {listed}" if near else listed
        )
    )


def _needs(spec: ConceptTypeSpec) -> tuple[list[Block], set[str]]:
    """The blocks the type's outline places and the files a project of it needs (with what their examples
    refer to). Raises DiagnosticError (CG143) when the scaffold cannot write them: a block that is not
    registered, a file of the type's own (``konvention_<type>.yaml``, ``data_<type>.yaml`` and its data)
    that does not exist — refused before anything is written, never a project that fails ``check``."""
    every = registry()
    names = blocks_of(spec)
    problems = [f"der Baustein „{name}“ ist nicht registriert" for name in sorted(names - set(every))]
    blocks = [every[name] for name in sorted(names & set(every))]
    files = {file for block in blocks for file in block.needs}
    while True:  # and what their examples refer to, transitively
        more = files | {needed for name in files for needed in _WITH.get(name, ())}
        if more == files:
            break
        files = more
    for name in sorted(files & set(_PER_TYPE)):
        own = f"{Path(name).stem}_{spec.slug}.yaml"
        if not (FILES / own).is_file():
            problems.append(f"sie braucht {name}, und in scaffold/files/ fehlt {own}")
    if "data.yaml" in files and not (FILES / "daten" / spec.slug).is_dir():
        problems.append(f"ihre data.yaml braucht Datendateien, und scaffold/files/daten/{spec.slug}/ fehlt")
    if problems:
        raise DiagnosticError(
            diagnostic(
                "CG143",
                f"conceptgen new kann kein Projekt der Konzeptart „{spec.slug}“ schreiben: "
                f"{'; '.join(problems)}",
                Location(relative(TYPES_DIR / f"{spec.slug}.yaml")),
                hint="die Beispieldateien in conceptgen/scaffold/files/ ergänzen (wie bei den anderen Arten) "
                "oder die Bausteine aus der Gliederung der Art nehmen",
            )
        )
    return blocks, files


def _values(spec: ConceptTypeSpec, files: set[str], title: str | None, origin: dt.date) -> dict[str, str]:
    """What the scaffold's files say of the type (``$name`` placeholders); the date is the origin of
    every year the files name (``${year±n}``, _years)."""
    terms = {**spec.vocabulary.terms}
    levels = list(spec.vocabulary.levels or ["gesamtstädtisch"])
    return {
        "type_name": spec.name,
        "type_genitive": declined(spec.name).form("gen.def"),
        "slug": spec.slug,
        "description": spec.description,
        "title": title or f"{spec.name} Beispielstadt",
        "date": origin.isoformat(),
        "year": str(origin.year),
        "levels": ", ".join(levels),
        "level": levels[0],
        "level2": levels[1] if len(levels) > 1 else levels[0],
        "region": terms.get("region", "Kreis"),
        "area_unit": terms.get("area_unit", "Kommune"),
        "area_units": terms.get("area_units", "Kommunen"),
        "output": f"{spec.slug.capitalize()}-Beispielstadt.docx",
        "chapters": ", ".join(item.label for item in spec.outline[:2] if getattr(item, "label", None)),
        "profiles": PROFILES if "sozialraum.yaml" in files else "",
        "articles": (
            f"    articles: [{spec.article}]      # Artikel der Konvention (konvention.yaml)\n"
            if "konvention.yaml" in files and spec.article
            else ""
        ),
    }


def _project_files(
    target: Path,
    spec: ConceptTypeSpec,
    blocks: list[Block],
    files: set[str],
    title: str | None,
    origin: dt.date,
) -> dict[Path, str]:
    """Every file of the new project with its content, made before any is written; every year in a
    file's text and name counted from ``origin`` (_years)."""
    values = _values(spec, files, title, origin)
    written: dict[Path, str] = {target / "project.yaml": _fill("project.yaml", values)}
    social = "sozialraum.yaml" in files
    shown = {block.section or block.name for block in blocks}
    for name in sorted(files):
        source = "inventory_sozialraum.yaml" if social and name == "inventory.yaml" else name
        if name in _PER_TYPE:
            source = f"{Path(name).stem}_{spec.slug}.yaml"
        written[target / name] = _sections(_fill(source, values), shown)
    written[target / "outlines.yaml"] = _fill("outlines.yaml", values)
    for text in spec.texts:
        written[target / "text" / f"{text}.md"] = _text(text, spec)
    folders = [("sozialraum.yaml", "sozialraum"), ("befragung.yaml", "befragung")]
    folders += [("data.yaml", f"daten/{spec.slug}")] + (
        [("inventory.yaml", "gebiet")] if "geometry" in shown else []
    )
    for name, folder in folders:
        if name in files:  # the area data and boundaries; a survey's export; data files; boundaries
            for file in sorted((FILES / folder).rglob("*.*")):
                name = _years(str(file.relative_to(FILES / folder)), origin.year)
                written[target / name] = _years(file.read_text(encoding="utf-8"), origin.year)
    for path in list(written):  # each YAML file names its schema, for the editor
        if path.parent == target and path.name in FILE_SECTIONS:
            written[path] = modeline(path.name) + "\n" + written[path]
    written.update(_schemas(target))
    return written


def _schemas(target: Path) -> dict[Path, str]:
    import json

    from conceptgen.data.survey_dialects import dialects

    blocks, formats = list(registry().values()), list(dialects())
    return {
        target / schema_path(name): json.dumps(
            file_schema(name, blocks, formats), ensure_ascii=False, indent=2
        )
        + "\n"
        for name in FILE_SECTIONS
    }


def write_schemas(project: Path, *, modelines: bool = False) -> list[Path]:
    """The schemas into ``project/.conceptgen/schemas/``; with ``modelines``, a first line naming its
    schema in each YAML file of the project that has none (nothing else in the file changes). Every file
    is read first: one that is not UTF-8 (cp1252, UTF-16, binary) raises DiagnosticError (CG002, all of
    them together) before anything is written."""
    if not project.is_dir():
        raise DiagnosticError(
            diagnostic(
                "CG001", f"Projektordner {relative(project)} nicht gefunden", Location(relative(project))
            )
        )
    pending = _modelines(project) if modelines else {}
    written = []
    for path, content in _schemas(project).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    for path, content in pending.items():
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_bytes(content)
        os.replace(temporary, path)
        written.append(path)
    return written


def _modelines(project: Path) -> dict[Path, bytes]:
    """Each YAML file of the project without a modeline, with its new content. Raises DiagnosticError for
    every file that cannot be read as UTF-8 text."""
    from conceptgen.loading import read_text

    pending: dict[Path, bytes] = {}
    problems = []
    for name in FILE_SECTIONS:
        path = project / name
        if not path.is_file():
            continue
        try:
            text = read_text(path, relative(path))
        except DiagnosticError as exc:
            problems += exc.diagnostics
            continue
        if text.startswith(MODELINE):
            continue
        newline = "\r\n" if "\r\n" in text else "\n"
        pending[path] = (modeline(name) + newline + text).encode("utf-8")
    if problems:
        raise DiagnosticError(problems)
    return pending


_YEAR = re.compile(r"\$\{year(?:([+-])(\d+))?\}")


def _years(text: str, year: int) -> str:
    """``${year}``, ``${year-3}``, ``${year+1}`` in ``text``: the origin's year and the years around it."""
    return _YEAR.sub(lambda m: str(year + (int(m[2]) if m[1] == "+" else -int(m[2] or 0))), text)


def _fill(name: str, values: dict[str, str]) -> str:
    text = _years((FILES / name).read_text(encoding="utf-8"), int(values["year"]))
    return string.Template(text).substitute(values)


def _sections(text: str, wanted: set[str]) -> str:
    """Keep the parts of ``text`` between ``# [name]`` and ``# [/name]`` whose name is wanted: a part of a
    file is written when the outline places a block that shows it (its ``section``, else its name)."""
    kept, keep = [], True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("# [/") and stripped.endswith("]"):
            keep = True
            continue
        if stripped.startswith("# [") and stripped.endswith("]"):
            keep = stripped[3:-1] in wanted
            continue
        if keep:
            kept.append(line)
    return "".join(kept)


def _text(name: str, spec: ConceptTypeSpec) -> str:
    hints = string.Template((FILES / "texts.txt").read_text(encoding="utf-8"))
    table = dict(
        line.split(": ", 1)
        for line in hints.substitute(
            type_name=spec.name, type_genitive=declined(spec.name).form("gen.def")
        ).splitlines()
        if ": " in line and not line.startswith("#")
    )
    body = table.get(name, f"Hier steht der Text „{name}“ des Dokuments.")
    return body.replace("\\n", "\n") + "\n"


def describe_types() -> str:
    """The concept types with their outlines (``conceptgen types``)."""
    lines = []
    for spec in concept_types().values():
        lines.append(f"{spec.slug}: {spec.name} — {spec.description}")
        terms = Terms("de", {k: v for k, v in spec.vocabulary.terms.items() if isinstance(v, str)})
        lines += [f"  {line}" for line in outline_lines(list(spec.outline), terms=terms)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def outline_lines(items: list, depth: int = 0, terms: Mapping[str, Any] | None = None) -> list[str]:
    """An outline as indented lines: chapters and sections with their labels, texts and blocks; a title's
    terms ({outline_introduction}, {measure:pl}) as ``terms`` says them, other names kept."""
    lines = []
    indent = "  " * depth
    for item in items:
        if hasattr(item, "chapter") or hasattr(item, "section"):
            title = getattr(item, "chapter", None) or getattr(item, "section", "")
            label = f"  [{item.label}]" if item.label else ""
            lines.append(f"{indent}{_said(title, terms or {})}{label}")
            lines += outline_lines(item.content, depth + 1, terms)
        elif hasattr(item, "text"):
            lines.append(f"{indent}· text/{item.text}.md{' (optional)' if item.optional else ''}")
        elif hasattr(item, "block"):
            params = item.model_extra or {}
            extra = f" {params}" if params else ""
            lines.append(f"{indent}· block {item.block}{extra}")
        else:
            lines.append(f"{indent}· Seitenumbruch")
    return lines


def describe_blocks() -> str:
    """Every block with what it shows and its parameters (``conceptgen blocks``)."""
    lines = []
    for spec in registry().values():
        params = ", ".join(
            f"{name} ({field.description})" for name, field in spec.params.model_fields.items()
        )
        lines.append(f"{spec.name}: {spec.description}")
        if params:
            lines.append(f"  Parameter: {params}")
    return "\n".join(lines) + "\n"


CATALOGUE_INTRO = """\
# The block catalogue

Blocks are the generated parts of a document: an outline (docs/outlines.md) places them, a template's
block library gives them their look (docs/templates.md, „Outlines“). `conceptgen blocks` lists them with
their parameters. Each entry says what the block shows, its parameters, the data its snippet reads as
`block.…` (all values formatted, as in docs/templates.md), the labels it writes (targets of `@tab:…`,
`@sec:…`, `@mass:…`) and when it is empty (then its section falls away). The pictures show each block in the
built-in `konzept` design with the data of projects/neuss; `python docs/blocks/make_pictures.py` makes
them again.

This file is made from the blocks themselves (`conceptgen blocks --markdown > docs/blocks.md`): each
block's entry is the `docs` of its module in conceptgen/blocks/.

A block whose data list is empty is left out. A parameter listing IDs (`measures: ["1", "3"]`) selects
entries; they keep the project's order (only `only` of `tables` and `analyses` sets an order).
"""


def describe_catalogue() -> str:
    """docs/blocks.md: every block of the registry by group, its entry and its picture."""
    from conceptgen.blocks import GROUPS

    every = registry()
    parts = [CATALOGUE_INTRO]
    for key, group in GROUPS.items():
        blocks = every.in_group(key)
        if not blocks:
            continue
        parts.append(f"## {group.title}\n")
        if group.intro:
            parts.append(group.intro + "\n")
        for block in blocks:
            picture = f"\n![{block.name}](blocks/{block.name}.png)\n" if block.picture else ""
            parts.append(f"### {block.name}\n{block.docs.strip()}\n{picture}")
    return "\n".join(parts)


def describe_terms(code: str = "de") -> str:
    """The words conceptgen writes by itself, which ``vocabulary.terms`` may replace."""
    from conceptgen.terms import TERMS

    terms = TERMS.get(code, TERMS["de"])
    return "\n".join(f"{key}: {value}" for key, value in terms.items()) + "\n"


class _Kept(dict):
    """Names a title may use that are not terms ({working_group}, {area_name}): kept as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _said(title: str, terms: Mapping[str, Any]) -> str:
    """A title with the terms it names filled in; as written when it is not a format string."""
    try:
        return title.format_map(_Kept(terms))
    except (ValueError, AttributeError, IndexError):
        return title
