"""Find templates for a project: the project's own, the workspace's, then the built-in ones."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from conceptgen.cache import MAX_ENTRY_BYTES, Cache, read_regular
from conceptgen.diagnostics import Diagnostic, DiagnosticError, Location, diagnostic, did_you_mean, relative
from conceptgen.loading.yaml_loader import format_path, load_yaml
from conceptgen.model.template import TemplateConfig
from conceptgen.paths import inside

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_FILE = "template.docx"
TEMPLATE_CONFIG = "template.yaml"


BODY_MARKERS = ("{{p body }}", "{{p body}}")  # where a document's outline goes
LIBRARY_MARKER = "[[blocks]]"  # what follows are the template's block snippets
_SNIPPET = re.compile(r"^\[\[block:([a-z_]+)\]\]$")
_LABEL = re.compile(r"\[\[((?:tab|fig|sec|mass):[^\]]+)\]\]")


@dataclass(frozen=True)
class TemplateLayout:
    """What a template offers an outline: a place for it, block snippets, labels in its own text."""

    has_body: bool
    chapters: int  # Heading 1 paragraphs written in the template (chapters built in: the older form)
    snippets: frozenset[str]
    labels: tuple[re.Pattern[str], ...]  # labels written in the template, ``{{ … }}`` parts as wildcards
    snippet_labels: dict[str, tuple[re.Pattern[str], ...]]  # the same per block snippet

    def defines(self, label: str) -> bool:
        return any(pattern.fullmatch(label) for pattern in self.labels)

    def encode(self) -> bytes:
        """The layout as JSON (the patterns as their source; Template.layout_from keeps it)."""
        record = {
            "has_body": self.has_body,
            "chapters": self.chapters,
            "labels": [p.pattern for p in self.labels],
            "snippet_labels": {
                block: [p.pattern for p in found] for block, found in self.snippet_labels.items()
            },
        }
        return json.dumps(record, ensure_ascii=False).encode("utf-8")

    @classmethod
    def decode(cls, data: bytes) -> TemplateLayout | None:
        """The layout ``encode`` wrote, or None for anything else."""
        try:
            record = json.loads(data)
            snippet_labels = {
                str(block): tuple(re.compile(str(p)) for p in found)
                for block, found in record["snippet_labels"].items()
            }
            labels = tuple(re.compile(str(p)) for p in record["labels"])
            return cls(bool(record["has_body"]), int(record["chapters"]), frozenset(snippet_labels), labels,
                       snippet_labels)  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError, re.error):
            return None

    def snippet_defines(self, block: str, label: str) -> bool:
        """Whether the snippet of ``block`` writes ``label`` (``[[tab:ziel-{{ g.id }}]]`` writes
        ``tab:ziel-Z1``)."""
        return any(pattern.fullmatch(label) for pattern in self.snippet_labels.get(block, ()))


@dataclass(frozen=True)
class Template:
    """A template folder: template.docx and its template.yaml."""

    name: str
    folder: Path
    config: TemplateConfig

    @property
    def builtin(self) -> bool:
        """One of conceptgen's own templates (tested with the code, not checked per project)."""
        return self.folder.parent == BUILTIN_TEMPLATES

    @property
    def docx(self) -> Path:
        return self.folder / TEMPLATE_FILE

    def parts(self) -> list[tuple[str, str | None, list[str]]]:
        """(part, block name or None, paragraph texts): headers, footers, the body before the block
        library, and each snippet of the library."""
        return self._parts

    @cached_property
    def _parts(self) -> list[tuple[str, str | None, list[str]]]:
        return list(self._read_parts())

    def _read_parts(self) -> Iterator[tuple[str, str | None, list[str]]]:
        from conceptgen.ooxml.package import story_texts

        for part, texts in story_texts(str(self.docx)).items():
            stripped = [t.strip() for t in texts]
            if part != "word/document.xml" or LIBRARY_MARKER not in stripped:
                yield part, None, texts
                continue
            start = stripped.index(LIBRARY_MARKER)
            yield part, None, texts[:start]
            name, current = None, []
            for text in texts[start + 1 :]:
                match = _SNIPPET.match(text.strip())
                if match:
                    if name:
                        yield part, name, current
                    name, current = match.group(1), []
                elif name:
                    current.append(text)
            if name:
                yield part, name, current

    def layout_from(self, cache: Cache, code: str) -> TemplateLayout:
        """``layout``, kept in ``cache`` by template.docx's content and conceptgen's code (``code``:
        cache.code_fingerprint): a template read before is not parsed again, nor lxml imported for it."""
        if "layout" in self.__dict__ or cache.folder is None:
            return self.layout
        content = read_regular(self.docx, MAX_ENTRY_BYTES)
        if content is None:
            return self.layout
        key = Cache.key("layout", code, hashlib.sha256(content).hexdigest())
        stored = cache.get(key)
        layout = TemplateLayout.decode(stored) if stored is not None else None
        if layout is None:
            layout = self.layout
            cache.put(key, layout.encode())
        self.__dict__["layout"] = layout  # where the cached_property below keeps it
        return layout

    @cached_property
    def layout(self) -> TemplateLayout:
        """The template's structure, read from its text (markers, snippets, labels)."""
        from conceptgen.ooxml.package import heading_paragraphs

        parts = self.parts()
        texts = [t.strip() for part, _block, lines in parts if part == "word/document.xml" for t in lines]
        has_body = any(t in BODY_MARKERS for t in texts)
        snippet_labels = {block: tuple(_label_patterns(lines)) for _part, block, lines in parts if block}
        own = [line for _part, block, lines in parts if block is None for line in lines]  # not the library
        return TemplateLayout(
            has_body,
            0 if has_body else heading_paragraphs(str(self.docx)),
            frozenset(snippet_labels),
            tuple(_label_patterns(own)),
            snippet_labels,
        )


def _label_patterns(texts: list[str]) -> list[re.Pattern[str]]:
    """The labels written in ``texts`` as patterns: ``{{ … }}`` parts match anything."""
    patterns = []
    for text in texts:
        for match in _LABEL.finditer(text):
            parts = re.split(r"\{\{.*?\}\}", match.group(1))
            patterns.append(re.compile(".+".join(re.escape(p) for p in parts)))
    return patterns


def template_roots(project_root: Path) -> list[Path]:
    """Folders searched for templates, most specific first."""
    roots = [project_root / "templates"]
    for parent in project_root.resolve().parents:
        candidate = parent / "templates"
        if candidate.is_dir():
            roots.append(candidate)
            break
    roots.append(BUILTIN_TEMPLATES)
    unique: list[Path] = []
    for root in roots:
        if root.resolve() not in [u.resolve() for u in unique]:
            unique.append(root)
    return unique


def find_template(name: str, project_root: Path, location: Location) -> Template:
    """Resolve a template name. Raises DiagnosticError (CG401/CG403) when it is unknown or broken."""
    roots = [r for r in template_roots(project_root) if r.is_dir()]
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise DiagnosticError(
            diagnostic("CG401", f"Vorlagenname „{name}“ muss ein einfacher Ordnername sein", location)
        )
    for root in roots:
        folder = root / name
        if (folder / TEMPLATE_FILE).is_file():
            # a template must lie in the folder it is found in: the project's templates/ may not link
            # to files elsewhere (templates are untrusted and paths stay inside the project)
            owner = project_root if root == project_root / "templates" else root
            for path in (folder, folder / TEMPLATE_FILE, folder / TEMPLATE_CONFIG):
                if path.exists() and not inside(path, owner):
                    raise DiagnosticError(
                        diagnostic(
                            "CG010",
                            f"Vorlage „{name}“ führt aus {relative(owner)} hinaus (nach {path.resolve()})",
                            location,
                            hint="den Vorlagenordner kopieren, statt auf ihn zu verweisen",
                        )
                    )
            _check_package(folder / TEMPLATE_FILE)
            return Template(name, folder, _load_config(folder, name))
    known = sorted({p.name for root in roots for p in root.iterdir() if (p / TEMPLATE_FILE).is_file()})
    hint = did_you_mean(name, known) or (
        f"vorhanden: {', '.join(known)}" if known else "keine Vorlagen gefunden"
    )
    raise DiagnosticError(diagnostic("CG401", f"unbekannte Vorlage „{name}“", location, hint=hint))


def _check_package(path: Path) -> None:
    """CG403 unless ``path`` is a Word package (a zip with word/document.xml)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile:
        names, reason = set(), "keine ZIP-Datei, wie es eine .docx ist"
    except OSError as exc:
        names, reason = set(), f"nicht lesbar ({exc.strerror or exc})"
    else:
        reason = "word/document.xml fehlt"
    if "word/document.xml" not in names:
        raise DiagnosticError(
            diagnostic(
                "CG403",
                f"Vorlage lässt sich nicht als Word-Dokument öffnen: {reason}",
                Location(relative(path)),
                hint="ist es eine mit Word oder LibreOffice gespeicherte .docx?",
            )
        )


def _load_config(folder: Path, name: str) -> TemplateConfig:
    path = folder / TEMPLATE_CONFIG
    if not path.is_file():
        return TemplateConfig(name=name)
    try:
        loaded = load_yaml(path, relative(path))
    except DiagnosticError as exc:  # the file's own problems are the template's (CG403)
        raise DiagnosticError(
            [Diagnostic("CG403", d.message, d.location, d.key_path, d.hint, d.level) for d in exc.diagnostics]
        ) from None
    from conceptgen.model.validate import error_message_de

    try:
        return TemplateConfig.model_validate(loaded.data)
    except ValidationError as exc:
        problems: list[Diagnostic] = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            problems.append(
                diagnostic(
                    "CG403",
                    f"template.yaml: {error_message_de(error)}",
                    loaded.source_map.locate(loc),
                    key_path=format_path(loc),
                )
            )
        raise DiagnosticError(problems) from None


# Jinja's token names in its syntax errors, in German.
_JINJA_TOKENS = {
    "end of print statement": "Ende des Ausdrucks „}}“",
    "end of statement block": "Ende der Anweisung „%}“",
    "end of template": "Ende der Vorlage",
    "name": "ein Name",
}


def _token(name: str) -> str:
    return _JINJA_TOKENS.get(name, f"„{name}“")


def jinja_message_de(message: str) -> str:
    """A Jinja syntax error (English) in German; one this does not know stays as Jinja's own words in
    backticks (``Jinja meldet `…```), so that nothing is lost."""
    tags = ", ".join(
        f"„{t}“"
        for t in re.findall(r"'(\w+)'", message.partition("looking for")[2].partition("innermost")[0])
    )
    block = re.search(r"needs to be closed is '(\w+)'", message)
    still_open = f"; offen ist noch der Block „{block.group(1)}“ (erwartet: {tags})" if block else ""
    if message.startswith("Unexpected end of template"):
        return f"die Vorlage endet, bevor ein Block geschlossen ist{still_open}"
    match = re.match(r"Encountered unknown tag '(.+?)'", message)
    if match:
        return f"unbekanntes Tag „{match.group(1)}“{still_open}"
    match = re.match(r"expected token '(.+?)', got '(.+?)'", message)
    if match:
        return f"{_token(match.group(1))} erwartet, gefunden: {_token(match.group(2))}"
    match = re.match(r"Expected an expression, got '(.+?)'", message)
    if match:
        return f"ein Ausdruck erwartet, gefunden: {_token(match.group(1))}"
    match = re.match(r"""unexpected char (['"])(.+?)\1 at \d+""", message)
    if match:
        return f"unerwartetes Zeichen „{match.group(2)}“"
    match = re.match(r"unexpected '(.+?)'(?:, expected '(.+?)')?$", message)
    if match:
        expected = f" („{match.group(2)}“ erwartet)" if match.group(2) else ""
        return f"unerwartetes „{match.group(1)}“{expected}"
    return f"Jinja meldet `{message}`"
