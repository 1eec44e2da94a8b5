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
from conceptgen.workspace import Template

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_MISSING_ATTR = re.compile(r"has no attribute '([^']+)'")
_MISSING_NAME = re.compile(r"'([^']+)' is undefined")


@dataclass
class RenderOptions:
    """How to render one document."""

    language: Language = field(default_factory=Language)
    properties: Mapping[str, str] = field(default_factory=dict)
    timestamp: dt.datetime | None = None
    project_root: Path = Path(".")
    citations: Mapping[str, Citation] = field(default_factory=dict)
    styles: Styles = field(default_factory=Styles)
    libreoffice: bool = True  # fill index page numbers through LibreOffice when it is installed
    pdf: bool = False  # also produce a tagged PDF (needs LibreOffice)
    measures: frozenset[str] = frozenset()  # IDs of all measures and tasks, for references across documents
    palette: list[str] = field(default_factory=list)  # chart colours (template.yaml)
    line_breaks: bool = False  # a line of a text stays a line (Leichte Sprache: one sentence a line)
    chapters: list[str] | None = None  # keep only these chapters (labels sec:<name>; older templates)
    outline: Any = None  # the document's resolved outline (outline/nodes.py), for templates with {{p body }}
    elsewhere: Mapping[str, str] = field(default_factory=dict)  # label → text, for what other documents show
    chapters_location: Location | None = None
    font: str = "Arial"
    company: str = ""  # who made the document (the contractor), for docProps/app.xml
    defer_libreoffice: bool = False  # leave page numbers and PDF to one LibreOffice run for the batch
    cache: Cache = field(default_factory=lambda: Cache(None))  # chart pictures made before (cache.py)
    anchors: AnchorOptions | None = None  # review anchors: the project and its generated parts' sources
    comments: list[DraftComment] = field(default_factory=list)  # kommentare.yaml's, as Word comments


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


def render_docx(template: Template, context: Mapping[str, Any], options: RenderOptions) -> RenderedDocument:
    """Render ``template`` with ``context`` into a finished document.

    Markdown becomes Word paragraphs, headings and captions are numbered, references resolved, footnotes
    written and the indexes filled (with page numbers from LibreOffice when it is installed and allowed).

    Raises DiagnosticError: CG403 (unreadable template or syntax error), CG402 (a tag names data the
    context lacks), CG405 (the template tries something the sandbox forbids), CG107–CG112 (problems in
    Markdown texts, references, labels, headings), CG408 (LibreOffice needed for the PDF but missing or
    failing).
    """
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from conceptgen.render.sandbox import BoundedSandbox, TemplateTimeout, deadline, template_deadline
    from conceptgen.render.template_engine import Template as DocxTemplate

    display = relative(template.docx)
    try:
        doc = DocxTemplate(str(template.docx))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise DiagnosticError(
            diagnostic(
                "CG403",
                f"template cannot be opened as a Word document: {exc}",
                Location(display),
                hint="is it a .docx saved by Word or LibreOffice?",
            )
        ) from None
    document = doc.docx
    style_map = StyleMap(document)
    renderer = BlockRenderer(
        document,
        language=options.language,
        styles=options.styles,
        style_map=style_map,
        project_root=options.project_root,
        citations=dict(options.citations),
        first_footnote_id=footnotes.next_footnote_id(document),
        tables={**context.get("tables", {}), **context.get("analyses", {})},
        charts=dict(context.get("charts", {})),
        palette=options.palette,
        font=options.font,
        cache=options.cache,
        anchors=options.anchors,
    )
    renderer.line_breaks = options.line_breaks
    env = BoundedSandbox()
    fmt = options.language
    env.filters["number"] = fmt.number
    env.filters["money"] = fmt.money
    env.filters["spelled"] = fmt.spelled
    env.filters["times"] = fmt.times
    env.filters["in_table"] = lambda block: block.in_table() if isinstance(block, RenderedBlock) else block
    prepared = prepare_context(dict(context), renderer, options.language.code)
    if options.outline is not None:
        from conceptgen.render.assemble import assemble

        assemble(document, options.outline, renderer, dict(context), prepared)
    try:
        with deadline(template_deadline()):
            doc.render(prepared, jinja_env=env, autoescape=True)
    except TemplateTimeout:
        raise DiagnosticError(
            diagnostic(
                "CG405",
                f"template ran longer than {template_deadline():.0f} s",
                Location(display),
                hint="look for loops in loops over large ranges",
            )
        ) from None
    except TemplateSyntaxError as exc:
        snippet = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        raise DiagnosticError(
            diagnostic(
                "CG403",
                f"template syntax error: {exc.message}",
                Location(display),
                hint=f"near: {snippet[:120]}" if snippet else "",
            )
        ) from None
    except UndefinedError as exc:
        raise DiagnosticError(_undefined(exc, doc, display, context)) from None
    except (SecurityError, OverflowError, MemoryError, RecursionError, TemplateNotFound) as exc:
        reason = (
            f"includes '{exc}', but templates cannot read files" if isinstance(exc, TemplateNotFound) else exc
        )
        raise DiagnosticError(
            diagnostic(
                "CG405",
                f"template tries an unsafe operation: {reason or type(exc).__name__}",
                Location(display),
                hint="templates may only read the data described in docs/templates.md",
            )
        ) from None
    except TemplateError as exc:  # any other problem Jinja finds while running the template
        raise DiagnosticError(
            diagnostic("CG403", f"template error: {exc}", Location(display), hint="check the template's tags")
        ) from None
    del prepared
    renderer.fill_slots(xml_body.stories(document))
    drawing.number_drawings(xml_body.body(document))
    for table in xml_body.tables(xml_body.body(document)):
        xml_tables.keep_together(table)
    xml_body.keep_introductions_with_next(xml_body.body(document))
    numbered = DocumentNumbering(
        document, options.language, style_map, options.styles.caption, renderer.state.labels
    )
    if options.chapters is not None:
        unknown = numbered.keep_chapters(options.chapters)
        if unknown:
            raise DiagnosticError(
                diagnostic(
                    "CG110",
                    f"no chapter labelled {', '.join('sec:' + n for n in unknown)} in the template",
                    options.chapters_location or Location(display),
                    hint="chapters are named by their labels in the template (e.g. einleitung, massnahmen)",
                )
            )
    numbered.drop_empty_before_chapters()
    numbered.number()
    elsewhere = _elsewhere(numbered.removed, options.language.terms)
    numbered.resolve(
        renderer.state.references,
        renderer.state.footnotes,
        options.measures,
        elsewhere | dict(options.elsewhere),
    )
    footnotes.append_footnotes(document, renderer.state.footnotes)
    problems = renderer.state.problems + numbered.problems + numbered.heading_gaps()
    problems = [_located(p, display) for p in problems]
    if any(p.level is Level.ERROR for p in problems):
        raise DiagnosticError(problems)
    has_indexes = fill_indexes(numbered, pages=None) > 0
    xml_styles.set_document_language(document, options.language.tag)
    settings.complete_zoom(document)
    settings.set_auto_hyphenation(document)
    set_core_properties(document, options.properties, options.timestamp)
    set_app_properties(document, template.name, options.company)
    renderer.anchors.finish(document, options.comments, options.company, options.timestamp)
    soffice = libreoffice.find_soffice() if (options.libreoffice or options.pdf) else None
    word_fills = has_indexes and soffice is None  # no LibreOffice: Word is asked to fill the indexes
    if word_fills:
        settings.set_update_fields(document)  # before the one save (not a second save after it)
    blob = _save(document)
    result = RenderedDocument(blob, diagnostics=problems)
    result.app = (template.name, options.company, display)
    if options.defer_libreoffice and soffice:  # render/finish.py runs LibreOffice once for all
        result.pending_pages = numbered.bookmarks() if has_indexes and options.libreoffice else []
        result.pending_pdf = options.pdf
        if not result.pending_pages:
            result.unsound = package.verify(result.docx)
        return result
    reason = "not installed" if options.libreoffice else "switched off (--no-libreoffice)"
    filled = False
    failed: libreoffice.LibreOfficeError | None = None
    if soffice and has_indexes:
        try:
            pdf = libreoffice.to_pdf(blob)
            pages = libreoffice.bookmark_pages(pdf, numbered.bookmarks())
            result.pages = libreoffice.page_count(pdf)
        except libreoffice.LibreOfficeError as exc:  # fall back to Word filling the indexes
            reason, failed = f"failed ({exc})", exc
        else:
            fields.set_pageref_results(document.element.body, pages)
            set_app_properties(document, template.name, options.company, result.pages)
            result.docx = _save(document)
            filled = True
    if has_indexes and not filled:
        if not word_fills:  # LibreOffice failed
            settings.set_update_fields(document)
            result.docx = _save(document)
        result.diagnostics.append(
            diagnostic(
                "CG407",
                f"LibreOffice {reason}: the table of contents has no page numbers; Word fills them when the "
                "document is opened",
                Location(display),
                hint="install LibreOffice (libreoffice-writer-nogui) to get them in the file",
            )
        )
    result.unsound = package.verify(result.docx)
    if options.pdf:  # the .docx is written even when its PDF cannot be made (a CG408 error says so)
        if soffice is None:
            result.pdf_problem = diagnostic(
                "CG408",
                "a PDF needs LibreOffice, which is not installed",
                Location(display),
                hint="apt-get install libreoffice-writer-nogui (or install LibreOffice)",
            )
        elif failed is not None and "did not finish" in str(failed):
            result.pdf_problem = diagnostic("CG408", f"no PDF: {failed}", Location(display))
        else:
            try:
                result.pdf = libreoffice.to_pdf(result.docx, tagged=True)
            except libreoffice.LibreOfficeError as exc:
                result.pdf_problem = diagnostic("CG408", f"no PDF: {exc}", Location(display))
    return result


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
        hint = f"other objects have '{name}', but not the one this tag uses"
    else:
        hint = did_you_mean(name, keys) if name else ""
    return diagnostic(
        "CG402",
        f"tag {shown} uses '{name or message}', which the project data does not provide",
        Location(display),
        hint=hint or "see docs/templates.md for the variables a template may use",
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
