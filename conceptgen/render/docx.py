"""Stage 5: render a template with docxtpl inside a Jinja sandbox and return the .docx bytes.

Templates may come from a client, so they run in Jinja's SandboxedEnvironment with StrictUndefined:
a tag naming data that does not exist is an error that names the template and the tag, never an empty
string. Values are XML-escaped (autoescape), so user text can never inject markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conceptgen.cache import Cache
from conceptgen.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Level,
    Location,
    diagnostic,
    did_you_mean,
    relative,
)
from conceptgen.document.anchors import AnchorOptions, DraftComment
from conceptgen.language import Language
from conceptgen.model.template import Styles
from conceptgen.ooxml import body as xml_body
from conceptgen.ooxml import drawing, fields, footnotes, package, settings
from conceptgen.ooxml import styles as xml_styles
from conceptgen.ooxml import tables as xml_tables
from conceptgen.render import libreoffice
from conceptgen.render.adapters import RenderedBlock, prepare_context
from conceptgen.render.blocks import BlockRenderer
from conceptgen.render.indexes import fill_indexes
from conceptgen.render.numbering import DocumentNumbering
from conceptgen.render.properties import set_app_properties, set_core_properties
from conceptgen.render.state import Citation
from conceptgen.render.stylemap import StyleMap
from conceptgen.workspace import Template, jinja_message_de

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_MISSING_ATTR = re.compile(r"has no attribute '([^']+)'")
_MISSING_NAME = re.compile(r"'([^']+)' is undefined")


@dataclass(frozen=True)
class RenderEnvironment:
    """What a document is rendered in, read only from the first phase to the last (as pandoc's Docx writer
    reads its WriterOptions and WriterEnv and keeps what it builds in a WriterState, here ``RenderRun``):
    the language with the project's vocabulary, the template's design (style names, chart palette and
    font, a text's lines kept for Leichte Sprache), what the document is (its properties and date, its
    outline or its chapters, what other documents show), where the project lies, its sources and
    measures, what LibreOffice is asked for, and the cache."""

    # the language and its words (the project's vocabulary over the terms)
    language: Language = field(default_factory=Language)
    # the design: style names, chart colours and font, a line of a text kept (Leichte Sprache)
    styles: Styles = field(default_factory=Styles)
    palette: list[str] = field(default_factory=list)
    font: str = "Arial"
    line_breaks: bool = False
    vector_maps: bool = False  # maps with their SVG beside the PNG (template.yaml vector_maps)
    # the document: its file (as project.yaml names it), how many entries its data's lists and mappings
    # hold (its template's time limit grows with them; -1: counted when it renders), docProps, its date,
    # who made it
    output: str = ""
    data_items: int = -1
    properties: Mapping[str, str] = field(default_factory=dict)
    timestamp: dt.datetime | None = None
    company: str = ""
    # its structure: the resolved outline (templates with {{p body }}), or the chapters to keep (older
    # templates, with where the project names them), and label → text for what other documents show
    outline: Any = None
    chapters: list[str] | None = None
    chapters_location: Location | None = None
    elsewhere: Mapping[str, str] = field(default_factory=dict)
    # the project: pictures' folder, its sources, the IDs of all measures and tasks (references across
    # documents)
    project_root: Path = Path(".")
    citations: Mapping[str, Citation] = field(default_factory=dict)
    measures: frozenset[str] = frozenset()
    tasks: frozenset[str] = frozenset()  # of those, the tasks: a reference to one says „Aufgabe 2.1“
    # LibreOffice: page numbers for the indexes, a tagged PDF, or both left to one run for the batch
    libreoffice: bool = True
    pdf: bool = False
    defer_libreoffice: bool = False
    cache: Cache = field(default_factory=lambda: Cache(None))  # chart pictures and pages made before
    # maps drawn by another worker before this document needed them (render/maps.py picture_key → PNG and
    # SVG): a report's maps are drawn on every core (render/parallel.py)
    pictures: Mapping[bytes, tuple[bytes, bytes | None]] = field(default_factory=dict)
    # review: anchors for the project and its generated parts' sources, kommentare.yaml's comments
    anchors: AnchorOptions | None = None
    comments: list[DraftComment] = field(default_factory=list)


RenderOptions = RenderEnvironment  # the name before the split (issue 26)


@dataclass
class RenderedDocument:
    """The finished document, optionally its PDF, and what rendering found."""

    docx: bytes
    pdf: bytes | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pages: int = 0
    unsound: list[str] = field(default_factory=list)  # what the verification of the .docx found
    pdf_problem: Diagnostic | None = None  # the PDF that was asked for and could not be made
    # left for one LibreOffice run over the whole batch (render/finish.py):
    pending_pages: list[str] = field(default_factory=list)  # bookmarks whose pages the indexes need
    pending_pdf: bool = False
    app: tuple[str, str, str] = ("", "", "")  # template name, company, the template's display name


@dataclass
class RenderRun:
    """What one render of a document builds up, phase by phase (pandoc's WriterState): the template opened
    as a docxtpl document and its python-docx document, the renderer with its state (references,
    footnotes, labels, slots), the numbering, the problems found and the result."""

    template: Template
    display: str  # the template as diagnostics name it
    doc: Any  # docxtpl's template
    document: Any  # its python-docx document
    style_map: StyleMap
    renderer: BlockRenderer
    numbered: DocumentNumbering | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    has_indexes: bool = False
    soffice: Any = None  # LibreOffice, where it is installed and asked for
    result: RenderedDocument | None = None


def render_docx(template: Template, context: Mapping[str, Any], env: RenderEnvironment) -> RenderedDocument:
    """Render ``template`` with ``context`` into a finished document, in named phases.

    Markdown becomes Word paragraphs, headings and captions are numbered, references resolved, footnotes
    written and the indexes filled (with page numbers from LibreOffice when it is installed and allowed).

    Raises DiagnosticError: CG403 (unreadable template or syntax error), CG402 (a tag names data the
    context lacks), CG405 (the template tries something the sandbox forbids), CG107–CG112 (problems in
    Markdown texts, references, labels, headings), CG408 (LibreOffice needed for the PDF but missing or
    failing).
    """
    run = open_template(template, context, env)  # the template as a document, a renderer on it
    fill_template(run, context, env)  # the outline put in, the tags run in the sandbox
    place_parts(run)  # the parts built by code in their places
    number_and_resolve(run, env)  # headings and captions numbered, references and footnotes resolved
    finish_package(run, env)  # indexes, language, settings, properties: the .docx bytes
    return pages_and_pdf(run, env)  # LibreOffice: the indexes' page numbers and the PDF


def open_template(template: Template, context: Mapping[str, Any], env: RenderEnvironment) -> RenderRun:
    """Phase 1: the template opened (CG403 when Word could not), a renderer on its document."""
    from conceptgen.render.template_engine import Template as DocxTemplate

    display = relative(template.docx)
    try:
        doc = DocxTemplate(str(template.docx))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise DiagnosticError(
            diagnostic(
                "CG403",
                f"Vorlage lässt sich nicht als Word-Dokument öffnen: {_unreadable(exc)}",
                Location(display),
                hint="ist es eine mit Word oder LibreOffice gespeicherte .docx?",
            )
        ) from None
    document = doc.docx
    style_map = StyleMap(document)
    renderer = BlockRenderer(
        document,
        language=env.language,
        styles=env.styles,
        style_map=style_map,
        project_root=env.project_root,
        citations=dict(env.citations),
        first_footnote_id=footnotes.next_footnote_id(document),
        tables={**context.get("tables", {}), **context.get("analyses", {})},
        charts=dict(context.get("charts", {})),
        palette=env.palette,
        font=env.font,
        cache=env.cache,
        anchors=env.anchors,
    )
    renderer.line_breaks = env.line_breaks
    renderer.vector_maps = env.vector_maps
    renderer.pictures = dict(env.pictures)
    renderer.tasks = env.tasks
    return RenderRun(template, display, doc, document, style_map, renderer)


def _sandbox(language: Language, cache: Cache) -> Any:
    """The Jinja sandbox a template runs in, with conceptgen's filters in the document's language; the
    code of the template's parts kept in ``cache`` for the next process (render/compiled.py)."""
    from conceptgen.render.sandbox import BoundedSandbox, runtime_filter

    sandbox = BoundedSandbox(store=cache)
    # called while the template runs, never while Jinja compiles it: compiled parts are kept for the
    # next document, whose language may have other words (sandbox.py BoundedSandbox.compile)
    sandbox.filters["number"] = runtime_filter(language.number)
    sandbox.filters["money"] = runtime_filter(language.money)
    sandbox.filters["spelled"] = runtime_filter(language.spelled)
    sandbox.filters["times"] = runtime_filter(language.times)
    sandbox.filters["term"] = runtime_filter(lambda key, **values: language.terms(str(key), **values))
    sandbox.filters["in_table"] = runtime_filter(
        lambda block: block.in_table() if isinstance(block, RenderedBlock) else block
    )
    return sandbox


def fill_template(run: RenderRun, context: Mapping[str, Any], env: RenderEnvironment) -> None:
    """Phase 2: the outline put into the template (render/assemble.py), then the template's tags run
    with the context in the sandbox, bounded in time; every template error a located diagnostic."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from conceptgen.render.sandbox import TemplateTimeout, count_items, deadline, template_limit

    display = Location(run.display)
    prepared = prepare_context(dict(context), run.renderer, env.language.code)
    if env.outline is not None:
        from conceptgen.render.assemble import assemble

        assemble(run.document, env.outline, run.renderer, dict(context), prepared)
    # the limit grows with the work: the template's paragraphs and tables, the entries of the data's lists
    parts = sum(1 for _ in xml_body.paragraphs(xml_body.body(run.document)))
    items = env.data_items if env.data_items >= 0 else count_items(prepared)
    limit = template_limit(parts + len(xml_body.tables(xml_body.body(run.document))) + items)
    try:
        run.renderer.drawings.shape_ids_fixed = True  # blocks are built detached while Jinja runs
        with deadline(limit.seconds) as watch:
            run.doc.store = env.cache
            run.doc.render(prepared, jinja_env=_sandbox(env.language, env.cache), autoescape=True)
    except TemplateTimeout:
        raise DiagnosticError(_timeout(run, env, limit, watch)) from None
    except TemplateSyntaxError as exc:
        near = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        hint = f"in der Nähe von: `{near[:120]}`" if near else ""
        message = f"Syntaxfehler der Vorlage: {jinja_message_de(exc.message or '')}"
        raise DiagnosticError(diagnostic("CG403", message, display, hint=hint)) from None
    except UndefinedError as exc:
        raise DiagnosticError(_undefined(exc, run.doc, run.display, context)) from None
    except (SecurityError, OverflowError, MemoryError, RecursionError, TemplateNotFound) as exc:
        message = f"die Vorlage versucht etwas Unsicheres: {_unsafe_reason(exc)}"
        hint = "Vorlagen dürfen nur die Daten lesen, die docs/templates.md beschreibt"
        raise DiagnosticError(diagnostic("CG405", message, display, hint=hint)) from None
    except TemplateError as exc:  # any other problem Jinja finds while running the template
        hint = "die Tags der Vorlage prüfen"
        message = f"Fehler in der Vorlage: Jinja meldet `{exc}`"
        raise DiagnosticError(diagnostic("CG403", message, display, hint=hint)) from None
    finally:
        run.renderer.drawings.shape_ids_fixed = False


def _unreadable(exc: Exception) -> str:
    """Why python-docx cannot open a template, in German (its own words in backticks)."""
    import zipfile

    if isinstance(exc, zipfile.BadZipFile):
        return "keine ZIP-Datei, wie es eine .docx ist"
    return f"python-docx meldet `{exc}`"


def _unsafe_reason(exc: BaseException) -> str:
    """Why the sandbox stopped a template, in German (the sandbox's own messages are German already)."""
    from jinja2 import TemplateNotFound

    if isinstance(exc, TemplateNotFound):
        return f"bindet „{exc}“ ein, aber Vorlagen können keine Dateien lesen"
    if isinstance(exc, RecursionError):
        return "zu tiefe Rekursion"
    if isinstance(exc, MemoryError):
        return "zu viel Speicher"
    if isinstance(exc, OverflowError):
        return "eine Zahl zu groß zum Rechnen"
    access = re.match(r"access to attribute '(.+?)' of '(.+?)' object is unsafe", str(exc))
    if access:
        return f"Zugriff auf das Attribut „{access.group(1)}“ (eines Werts vom Typ {access.group(2)})"
    return str(exc) or type(exc).__name__


def _timeout(run: RenderRun, env: RenderEnvironment, limit: Any, watch: Any) -> Diagnostic:
    """CG405 for a template that used up its time limit: which template, which document, where it was
    and how the limit is made up; for a built-in template the machine or the size, not the user's loops."""
    template = run.template
    which = f"Vorlage „{template.name}“" + (" (mitgeliefert)" if template.builtin else "")
    clock = "Rechenzeit" if watch.clock == "cpu" else "Zeit"
    message = (
        f"{which} brauchte für „{env.output or run.display}“ mehr {clock} als ihr Limit von "
        f"{limit.describe()}; abgebrochen {watch.where or 'beim Ausfüllen'}"
    )
    if template.builtin:
        hint = (
            "die mitgelieferte Vorlage hat keine Endlosschleife: das Dokument ist sehr groß oder der Rechner "
            "ausgelastet — das Limit mit CONCEPTGEN_TEMPLATE_TIMEOUT (Grundwert, Sekunden) oder "
            "CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM (je Teil) erhöhen; die übrigen Dokumente wurden geschrieben"
        )
    else:
        hint = (
            "Schleifen in Schleifen über große Bereiche in der Vorlage suchen; ein großes Dokument braucht "
            "ein höheres Limit: CONCEPTGEN_TEMPLATE_TIMEOUT, CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM"
        )
    return diagnostic("CG405", message, Location(run.display), hint=hint)


def place_parts(run: RenderRun) -> None:
    """Phase 3: the parts built by code (texts, tables, charts, blocks) into their slots; drawings
    numbered, tables kept together, an introduction kept with what it introduces."""
    document = run.document
    run.renderer.fill_slots(xml_body.stories(document))
    drawing.number_drawings(xml_body.body(document))
    for table in xml_body.tables(xml_body.body(document)):
        xml_tables.keep_together(table)
    xml_body.keep_introductions_with_next(xml_body.body(document))


def number_and_resolve(run: RenderRun, env: RenderEnvironment) -> None:
    """Phase 4: chapters kept (``chapters:`` of an older template, CG110), headings and captions numbered
    as Word will, references and footnotes resolved; the problems found, errors raised together."""
    state = run.renderer.state
    numbered = DocumentNumbering(run.document, env.language, run.style_map, env.styles.caption, state.labels)
    if env.chapters is not None:
        unknown = numbered.keep_chapters(env.chapters)
        if unknown:
            raise DiagnosticError(
                diagnostic(
                    "CG110",
                    f"kein Kapitel mit dem Label {', '.join('sec:' + n for n in unknown)} in der Vorlage",
                    env.chapters_location or Location(run.display),
                    hint="Kapitel heißen nach ihren Labels in der Vorlage (z. B. einleitung, massnahmen)",
                )
            )
    numbered.drop_empty_before_chapters()
    numbered.number()
    elsewhere = _elsewhere(numbered.removed, env.language.terms)
    numbered.resolve(state.references, state.footnotes, env.measures, elsewhere | dict(env.elsewhere))
    footnotes.append_footnotes(run.document, state.footnotes)
    problems = state.problems + numbered.problems + numbered.heading_gaps()
    run.problems = [_located(p, run.display) for p in problems]
    if any(p.level is Level.ERROR for p in run.problems):
        raise DiagnosticError(run.problems)
    run.numbered = numbered


def finish_package(run: RenderRun, env: RenderEnvironment) -> None:
    """Phase 5: the indexes filled (without page numbers), the language, settings and properties set,
    the .docx saved once — with Word asked to fill the indexes where LibreOffice will not."""
    document, numbered = run.document, run.numbered
    assert numbered is not None
    run.has_indexes = fill_indexes(numbered, pages=None) > 0
    xml_styles.set_document_language(document, env.language.tag)
    settings.complete_zoom(document)
    settings.set_auto_hyphenation(document)
    set_core_properties(document, env.properties, env.timestamp)
    set_app_properties(document, run.template.name, env.company)
    run.renderer.anchors.finish(document, env.comments, env.company, env.timestamp)
    run.soffice = libreoffice.find_soffice() if (env.libreoffice or env.pdf) else None
    if run.has_indexes and run.soffice is None:  # no LibreOffice: Word is asked to fill the indexes
        settings.set_update_fields(document)  # before the one save (not a second save after it)
    run.result = RenderedDocument(_save(document), diagnostics=run.problems)
    run.result.app = (run.template.name, env.company, run.display)


def pages_and_pdf(run: RenderRun, env: RenderEnvironment) -> RenderedDocument:
    """Phase 6: LibreOffice fills the indexes' page numbers and makes the PDF — or both are left to one
    run for the whole batch (render/finish.py). Without LibreOffice (or when it fails) Word fills the
    indexes on opening (CG407); a PDF that cannot be made is CG408, the .docx is written all the same."""
    result, numbered, display = run.result, run.numbered, Location(run.display)
    assert result is not None and numbered is not None
    soffice = run.soffice
    if env.defer_libreoffice and soffice:  # render/finish.py runs LibreOffice once for all
        result.pending_pages = numbered.bookmarks() if run.has_indexes and env.libreoffice else []
        result.pending_pdf = env.pdf
        if not result.pending_pages:
            result.unsound = package.verify(result.docx)
        return result
    failed = _page_numbers(run, env, soffice)
    result.unsound = package.verify(result.docx)
    if env.pdf:  # the .docx is written even when its PDF cannot be made (a CG408 error says so)
        if soffice is None:
            result.pdf_problem = diagnostic(
                "CG408",
                "ein PDF braucht LibreOffice, das nicht installiert ist",
                display,
                hint="`apt-get install libreoffice-writer-nogui` (oder LibreOffice anders installieren)",
            )
        elif isinstance(failed, libreoffice.LibreOfficeError) and failed.timed_out:
            result.pdf_problem = diagnostic("CG408", f"kein PDF: {failed}", display)
        else:
            try:
                result.pdf = libreoffice.to_pdf(result.docx, tagged=True)
            except libreoffice.LibreOfficeError as exc:
                result.pdf_problem = diagnostic("CG408", f"kein PDF: {exc}", display)
    return result


def _page_numbers(run: RenderRun, env: RenderEnvironment, soffice: Any) -> Exception | None:
    """The indexes' page numbers from LibreOffice (the document saved again with them); CG407 when they
    stay to Word. Returns LibreOffice's failure, if it failed."""
    result, numbered = run.result, run.numbered
    assert result is not None and numbered is not None
    if not run.has_indexes:
        return None
    reason = "nicht installiert" if env.libreoffice else "abgeschaltet (--no-libreoffice)"
    failed: libreoffice.LibreOfficeError | None = None
    if soffice:
        try:
            pdf = libreoffice.to_pdf(result.docx)
            pages = libreoffice.bookmark_pages(pdf, numbered.bookmarks(), complete=True)
            result.pages = libreoffice.page_count(pdf)
        except libreoffice.LibreOfficeError as exc:  # fall back to Word filling the indexes
            reason, failed = f"gescheitert ({exc})", exc
        else:
            fields.set_pageref_results(run.document.element.body, pages)
            set_app_properties(run.document, run.template.name, env.company, result.pages)
            result.docx = _save(run.document)
            return None
        settings.set_update_fields(run.document)  # LibreOffice failed: Word fills them
        result.docx = _save(run.document)
    result.diagnostics.append(
        diagnostic(
            "CG407",
            f"LibreOffice {reason}: das Inhaltsverzeichnis hat keine Seitenzahlen; Word ergänzt sie beim "
            "Öffnen des Dokuments",
            Location(run.display),
            hint="LibreOffice (libreoffice-writer-nogui) installieren, damit sie in der Datei stehen",
        )
    )
    return failed


def _elsewhere(removed: Mapping[str, str], terms: Any) -> dict[str, str]:
    """References into chapters that ``chapters:`` removed name the chapter of the full document."""
    elsewhere = {}
    for label, title in removed.items():
        text = terms("ref.omitted", title=title)  # a chapter reference already reads „Kapitel …“
        elsewhere[label] = text if label.startswith("sec:") else f"{terms['ref.sec']}\u00a0{text}"
    return elsewhere


def _save(document: Any) -> bytes:
    return package.save(document)


def _located(problem: Diagnostic, display: str) -> Diagnostic:
    """Problems found in the rendered document (no source line) point at the template."""
    if problem.location is not None:
        return problem
    return Diagnostic(
        problem.code, problem.message, Location(display), problem.key_path, problem.hint, problem.level
    )


def _undefined(exc: Exception, doc: Any, display: str, context: Mapping[str, Any]) -> Any:
    message = str(exc)
    match = _MISSING_ATTR.search(message) or _MISSING_NAME.search(message)
    name = match.group(1) if match else ""
    tags = [t for t in template_tags(doc) if name and re.search(rf"\b{re.escape(name)}\b", t)]
    shown = tags[0] if tags else message
    keys = set(_all_keys(context))
    if name in keys:
        hint = f"andere Objekte haben „{name}“, aber nicht das, welches dieses Tag verwendet"
    else:
        hint = did_you_mean(name, keys) if name else ""
    return diagnostic(
        "CG402",
        f"Tag {shown} verwendet „{name or message}“, was die Projektdaten nicht liefern",
        Location(display),
        hint=hint or "welche Variablen eine Vorlage verwenden darf: docs/templates.md",
    )


def template_tags(doc: Any) -> list[str]:
    """Every Jinja tag of the template body, headers and footers, as the user typed it."""
    text = "\n".join(doc.patch_xml(doc.xml_to_string(part)) for part in xml_body.stories(doc.docx))
    text = re.sub(r"<[^>]+>", "", text)
    return [re.sub(r"\s+", " ", t) for t in _TAG.findall(text)]


def _all_keys(value: Any) -> Iterator[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _all_keys(item)
    elif isinstance(value, list):
        for item in value[:3]:
            yield from _all_keys(item)
