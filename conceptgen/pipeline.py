"""The pipeline: load → validate → (analyse) → build → render → write. The CLI only calls these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from conceptgen.blocks import by_name
from conceptgen.diagnostics import (
    Diagnostic,
    DiagnosticError,
    Location,
    apply_levels,
    diagnostic,
    has_errors,
    relative,
)
from conceptgen.language import Language
from conceptgen.loading import ProjectSource, load_project
from conceptgen.model import Concept
from conceptgen.model.validate import validate_concept
from conceptgen.outline import vocabulary_terms
from conceptgen.outline.nodes import DocumentOutline, external_labels
from conceptgen.outline.resolve import resolve_outlines
from conceptgen.rules import run_rules
from conceptgen.rules.citations import check_citations, check_source_years
from conceptgen.rules.documents import check_outputs, check_settings, expand_documents, resolve_templates
from conceptgen.rules.labels import check_references
from conceptgen.rules.plain_language import check_easy_read_note, check_plain_language
from conceptgen.rules.statements import check_statements
from conceptgen.workspace import Template

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Executor

    from conceptgen.cache import Cache
    from conceptgen.data import DataResult
    from conceptgen.data.charts import ChartResult
    from conceptgen.model.project import DocumentSpec
    from conceptgen.render.docx import RenderEnvironment
    from conceptgen.render.state import Citation

DEFAULT_BUILD_DIR = "build"


@dataclass
class CheckResult:
    """What `check` found: the loaded source, the model (None when invalid) and all diagnostics."""

    source: ProjectSource
    concept: Concept | None
    templates: list[Template | None] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    data: DataResult | None = None
    charts: dict[str, ChartResult] = field(default_factory=dict)
    language: Language | None = None
    outlines: list[DocumentOutline | None] = field(default_factory=list)
    # each document's template context, as the document pass built it (render takes it from here)
    contexts: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.concept is not None and not has_errors(self.diagnostics)


def check_project(root: Path, templates_instead: dict[str, str] | None = None) -> CheckResult:
    """Load and validate a project folder, its templates and texts; never raises for user errors
    except a missing project folder (DiagnosticError). ``templates_instead`` renders the documents of
    one template with another (``{"konzept": "kreisdesign"}``: the same concept in a client's design)."""
    source, found = load_project(root)
    concept, schema = validate_concept(source)
    found += schema
    if concept is not None and templates_instead:
        for spec in concept.project.documents:
            spec.template = templates_instead.get(spec.template, spec.template)
    templates: list[Template | None] = []
    outlines: list[DocumentOutline | None] = []
    contexts: list[dict] = []  # each document's context, built for the document pass
    data = None
    charts: dict[str, ChartResult] = {}
    language = None
    if concept is not None:
        language = Language.of(concept.project.locale.value, vocabulary_terms(concept))
        if not has_errors(found):
            values: dict[str, dict[int, float]] | None = {}
            if concept.datasets or concept.social_space or concept.questionnaire or concept.geometry:
                from conceptgen.data import analyse

                data, data_problems = analyse(concept, source, language.terms)
                found += data_problems
                values = data.indicator_values if not has_errors(data_problems) else None
            if concept.charts and not has_errors(found):
                from conceptgen.data.charts import compute_charts

                frames = data.frames if data else {}
                charts, chart_problems = compute_charts(concept, source, frames, values or {}, language.terms)
                found += chart_problems
            found += run_rules(concept, source, values)
            found += check_citations(concept, source, language)
            found += check_source_years(concept, source)
            found += check_statements(source, language)
            if not has_errors(found):  # phrases from the data: [[trend:K1]] … (CG343)
                from conceptgen.document.phrases import phrases

                found += phrases(concept, source, data, language)[1]
        found += check_settings(concept, source)
        found += expand_documents(concept, source)
        found += check_outputs(concept, source)
        templates, template_problems = resolve_templates(concept, source)
        found += template_problems
        if not has_errors(found):
            blocks = by_name()  # each block module imported when an outline places it
            outlines, outline_problems = resolve_outlines(
                concept, source, templates, language.terms, data, blocks=blocks, showing=blocks.showing()
            )
            found += outline_problems
            found += check_references(concept, source, outlines, templates)
            found += check_plain_language(source, outlines, templates)
            found += check_easy_read_note(concept, source, outlines, templates, blocks)
        if not has_errors(found):
            found += _check_tags(concept, source, templates, outlines, data, charts, language)
        if not has_errors(found):
            found += _proofread(concept, source, templates, outlines, data, charts, language, contexts)
    overrides = {code: level for code, level in concept.project.checks.items()} if concept else {}
    diagnostics = apply_levels(found, overrides)
    return CheckResult(source, concept, templates, diagnostics, data, charts, language, outlines, contexts)


def _export(concept: Concept, social: object, language: Language, timestamp: object) -> bytes:
    """The Sozialraum figures as a workbook for the district teams (social_space.export)."""
    from conceptgen.document.social import SocialContext
    from conceptgen.document.social_export import export_sheets
    from conceptgen.render.export import write_workbook

    sheets = export_sheets(SocialContext(social, concept, language))
    project = concept.project
    return write_workbook(sheets, title=project.title, author=project.contractor, timestamp=timestamp)


def elsewhere_texts(
    outlines: list[DocumentOutline | None], index: int, language: Language, memo: dict | None = None
) -> dict[str, str]:
    """How document ``index`` names what only another document shows: „5.2 in „Konzept““ after the word
    „Kapitel“ of a chapter reference, „Kapitel 5.2 in „Konzept““ for a table or figure. ``memo``: kept
    across the documents of a batch (550 profiles name the same 550 places of the report)."""
    if not outlines:
        return {}
    terms = language.terms
    memo = {} if memo is None else memo
    found = {}
    for label, (place, title) in external_labels(outlines, index).items():
        key = (label.startswith("sec:"), place, title)
        if key not in memo:
            text = terms("ref.elsewhere", place=place, document=title)
            memo[key] = text if key[0] else f"{terms['ref.sec']}\u00a0{text}"
        found[label] = memo[key]
    return found


def _check_tags(
    concept: Concept,
    source: ProjectSource,
    templates: list[Template | None],
    outlines: list[DocumentOutline | None],
    data: DataResult | None,
    charts: dict[str, ChartResult],
    language: Language,
) -> list[Diagnostic]:
    """Every template's tags against the data of the document it renders (CG402, CG403)."""
    from conceptgen.document import build_context
    from conceptgen.document.blocks import block_contexts
    from conceptgen.rules.templates import check_template_tags

    found: list[Diagnostic] = []
    seen: set[str] = set()
    shared: dict | None = None  # the data of the documents differs in their blocks only
    for index, (spec, template) in enumerate(zip(concept.project.documents, templates, strict=True)):
        if template is None or template.builtin:  # the built-in templates are tested with the code
            continue
        outline = outlines[index] if outlines else None
        if shared is None:
            shared = build_context(concept, source, spec, data, charts, language)
        context = {**shared, "options": dict(template.config.options)}
        blocks: dict[str, dict] = {}
        if outline is not None:
            names = dict(outline.keyed())
            for key, value in block_contexts(outline, shared, concept, language, data).items():
                blocks.setdefault(names[key].block, value)
        for problem in check_template_tags(template, context, blocks):
            if problem.message not in seen:  # a template used by several documents says it once
                seen.add(problem.message)
                found.append(problem)
    return found


def _proofread(
    concept: Concept,
    source: ProjectSource,
    templates: list[Template | None],
    outlines: list[DocumentOutline | None],
    data: DataResult | None,
    charts: dict[str, ChartResult],
    language: Language,
    contexts: list[dict],
) -> list[Diagnostic]:
    """The document pass (document/proofread.py): each document's context as render builds it, read for
    doubled words, totals, empty columns, contradicting classes, chart labels (CG320–CG325, CG311); the
    contexts are put into ``contexts`` (render uses them: built once)."""
    from conceptgen.document import build_context
    from conceptgen.document.proofread import proofread
    from conceptgen.model.template import DEFAULT_PALETTE

    documents = []
    shared: dict = {}
    for index, (spec, template) in enumerate(zip(concept.project.documents, templates, strict=True)):
        outline = outlines[index] if outlines else None
        context = build_context(concept, source, spec, data, charts, language, outline, shared)
        palette = list(template.config.palette) if template is not None else list(DEFAULT_PALETTE)
        documents.append((spec, context, palette))
        contexts.append(context)
    return proofread(concept, source, documents, language)


@dataclass
class RenderResult:
    outputs: list[Path]
    diagnostics: list[Diagnostic]
    contents: dict[Path, bytes] = field(
        default_factory=dict
    )  # what was (or, with write=False, would be) written


def render_project(
    root: Path,
    out_dir: Path | None = None,
    *,
    force: bool = False,
    libreoffice: bool = True,
    pdf: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    templates_instead: dict[str, str] | None = None,
    only: int | None = None,
    write: bool = True,
    comments: bool = False,
) -> RenderResult:
    """Check, then render every document of the project into ``out_dir`` (default ``<root>/build``).
    ``templates_instead``: documents of one template rendered with another (check_project); ``only``:
    just the document of that index; ``write=False``: nothing written, the contents returned (a preview).

    ``libreoffice``: fill the indexes' page numbers through LibreOffice when it is installed;
    ``pdf``: also write a tagged PDF of each document (needs LibreOffice); LibreOffice starts once for
    all documents. ``progress(stage, done, total)`` hears how far a batch is ("render", "libreoffice",
    "pdf"). ``comments``: the open and answered comments of kommentare.yaml as Word comments.

    Raises DiagnosticError carrying all diagnostics when the project has errors, rendering or the
    verification of a rendered document fails (CG405 for one that ran past its time limit), or an output
    was edited by hand (unless ``force``). A document that fails is not written (its file from an earlier
    render stays as it was); the documents of the batch that finished are written all the same, and the
    error names them (``written``). Nothing is written when the project has errors, an output was edited
    by hand, or every document failed.
    """
    from conceptgen.render.parallel import start_workers

    # workers warm up while the project is checked — when there will be several documents to share out
    pool = start_workers() if only is None and _several_documents(root) else None
    try:
        return _render_checked(
            root, out_dir, pool, force=force, libreoffice=libreoffice, pdf=pdf, progress=progress,
            templates_instead=templates_instead, only=only, write=write, comments=comments,
        )  # fmt: skip
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _several_documents(root: Path) -> bool:
    """Whether project.yaml asks for more than one document (a glance for planning only: check_project
    reads the file properly; a file it cannot read here counts as one document)."""
    import yaml

    path = root / "project.yaml"
    try:
        if path.stat().st_size > 1_000_000:  # an odd file: left to check_project and its limits
            return False
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        documents = yaml.load(path.read_text(encoding="utf-8"), Loader=loader).get("documents")
    except Exception:  # any problem is check_project's to report
        return False
    if not isinstance(documents, list):
        return False
    return len(documents) > 1 or any(isinstance(d, dict) and d.get("repeat") for d in documents)


def _environment(
    result: CheckResult,
    concept: Concept,
    language: Language,
    index: int,
    spec: DocumentSpec,
    template: Template,
    root: Path,
    *,
    timestamp: dt.datetime,
    citations: dict[str, Citation],
    cache: Cache,
    libreoffice: bool,
    pdf: bool,
    comments: bool,
    memo: dict,
) -> RenderEnvironment:
    """What document ``index`` of a checked project is rendered in (render/docx.py: read only). ``memo``:
    what the documents of the batch share (the project's file list, texts naming other documents)."""
    from conceptgen.document.anchors import anchor_options, draft_comments, source_files

    if "files" not in memo:
        memo["files"] = source_files(result.source)
    from conceptgen.document.properties import document_properties
    from conceptgen.render.docx import RenderEnvironment

    project = concept.project
    outline = result.outlines[index] if result.outlines else None
    return RenderEnvironment(
        language=language,
        output=spec.output,
        properties=document_properties(project, spec, language, template.config.plain_language),
        company=project.contractor,
        timestamp=timestamp,
        project_root=root,
        citations=citations,
        styles=template.config.style_names,
        palette=list(template.config.palette),
        line_breaks=template.config.plain_language,
        vector_maps=template.config.vector_maps,
        chapters=spec.chapters if outline is None else None,
        outline=outline,
        elsewhere=elsewhere_texts(result.outlines, index, language, memo.setdefault("elsewhere", {})),
        chapters_location=result.source.locate(("project", "documents", spec.origin, "chapters")),
        font=template.config.font,
        libreoffice=libreoffice,
        pdf=pdf,
        defer_libreoffice=True,
        cache=cache,
        measures=frozenset(m.id for m in concept.measures)
        | frozenset(t.id for m in concept.measures for t in m.tasks),
        tasks=frozenset(t.id for m in concept.measures for t in m.tasks),
        anchors=anchor_options(concept, result.source, spec.output, spec.origin, outline, memo["files"]),
        comments=draft_comments(concept, spec.output, language) if comments else [],
    )


def _render_checked(
    root: Path,
    out_dir: Path | None,
    pool: Executor | None,
    *,
    force: bool,
    libreoffice: bool,
    pdf: bool,
    progress: Callable[[str, int, int], None] | None,
    templates_instead: dict[str, str] | None,
    only: int | None,
    write: bool,
    comments: bool = False,
) -> RenderResult:
    from conceptgen.cache import Cache
    from conceptgen.document.properties import document_timestamp
    from conceptgen.render.finish import finish_batch
    from conceptgen.render.parallel import render_all
    from conceptgen.write import write_outputs

    result = check_project(root, templates_instead)
    if not result.ok or result.concept is None or result.language is None:
        raise DiagnosticError(result.diagnostics)
    concept, language = result.concept, result.language
    target_dir = out_dir or root / DEFAULT_BUILD_DIR
    cache = Cache.of_project(root)
    switches = {"libreoffice": libreoffice, "pdf": pdf, "comments": comments}
    jobs = _jobs(result, root, cache, only, switches)
    # the loaded files (texts, YAML nodes and their marks: ≈ 30 MB at 100× content) are not needed once
    # every document's context is built: released before the documents' trees are
    result.source = None  # type: ignore[assignment]
    outcomes = render_all(jobs, progress, pool)
    finish_batch([rendered for rendered, _failed in outcomes], progress, cache)
    outputs, found, problems, missing = _outputs(jobs, outcomes, target_dir, list(result.diagnostics))
    social = result.data.social if result.data is not None else None
    if social is not None and concept.social_space and concept.social_space.export and only is None:
        timestamp = document_timestamp(concept.project)
        outputs[target_dir / concept.social_space.export] = _export(concept, social, language, timestamp)
    overrides = dict(concept.project.checks)
    if problems and (not write or not outputs):
        raise DiagnosticError(apply_levels(found + problems, overrides))
    if not write:
        return RenderResult(list(outputs), apply_levels(found, overrides), outputs)
    write_outputs(outputs, force=force)
    cache.prune()
    if missing or problems:  # what finished is written; what did not is an error (its old file untouched)
        raise DiagnosticError(apply_levels(found + problems + missing, overrides), written=list(outputs))
    return RenderResult(list(outputs), apply_levels(found, overrides), outputs)


def _jobs(
    result: CheckResult, root: Path, cache: Cache, only: int | None, switches: dict[str, bool]
) -> list[tuple]:
    """Each document to render (all, or the one of index ``only``): its spec, template, context and the
    environment it renders in. ``switches``: libreoffice, pdf, comments."""
    from conceptgen.document import build_context
    from conceptgen.document.bibliography import bibliography
    from conceptgen.document.properties import document_timestamp
    from conceptgen.render.sandbox import count_context
    from conceptgen.render.state import Citation

    concept, language = result.concept, result.language
    assert concept is not None and language is not None
    timestamp = document_timestamp(concept.project)
    citations = {e["id"]: Citation(e["short"]) for e in bibliography(concept.sources, language)}
    jobs: list[tuple] = []
    shared: dict = {}  # what the documents' contexts have in common, built once
    batch: dict = {}  # what their environments have in common
    counted: dict[int, int] = {}  # the entries of the shared parts, for the template's time limit
    for index, (spec, template) in enumerate(zip(concept.project.documents, result.templates, strict=True)):
        if only is not None and index != only:
            continue
        outline = result.outlines[index] if result.outlines else None
        if result.contexts:  # built by the document pass of the check
            context = dict(result.contexts[index])
        else:
            context = build_context(
                concept, result.source, spec, result.data, result.charts, language, outline, shared
            )
        context["options"] = dict(template.config.options)
        env = _environment(
            result, concept, language, index, spec, template, root, timestamp=timestamp,
            citations=citations, cache=cache, memo=batch, **switches,
        )  # fmt: skip
        env = replace(env, data_items=count_context(context, counted))
        jobs.append((spec, template, context, env))
    return jobs


def _outputs(
    jobs: list[tuple], outcomes: list[tuple], target_dir: Path, found: list[Diagnostic]
) -> tuple[dict[Path, bytes], list[Diagnostic], list[Diagnostic], list[Diagnostic]]:
    """The files the finished documents make (.docx, .pdf), the warnings found, the problems of the
    documents that did not finish (failed, or CG406 for an unsound one: neither is among the files) and
    the PDFs that could not be made."""
    outputs: dict[Path, bytes] = {}
    problems: list[Diagnostic] = []
    missing: list[Diagnostic] = []  # PDFs asked for that could not be made
    for (spec, template, _context, _env), (rendered, failed) in zip(jobs, outcomes, strict=True):
        if rendered is None:
            problems += failed
            continue
        found += rendered.diagnostics
        problems += [
            diagnostic(
                "CG406",
                f"{spec.output}: {problem}",
                Location(relative(template.docx)),
                hint="die Vorlage hat ein fehlerhaftes Dokument erzeugt; ihre Tags prüfen",
            )
            for problem in rendered.unsound
        ]
        if rendered.unsound:  # not written: the file it would replace stays
            continue
        target = target_dir / spec.output
        outputs[target] = rendered.docx
        if rendered.pdf is not None:
            outputs[target.with_suffix(".pdf")] = rendered.pdf
        if rendered.pdf_problem is not None:
            missing.append(rendered.pdf_problem)
    return outputs, found, problems, missing
