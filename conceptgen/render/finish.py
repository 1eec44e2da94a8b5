"""What is left after the documents of a batch are rendered: LibreOffice, started once for all of them —
first to learn the pages of the indexes' entries (documents with a table of contents), then to write the
PDFs that were asked for. Starting LibreOffice takes seconds; 62 profiles must not start it 62 times.

What LibreOffice found before is not asked again: the pages of a document's bookmarks and its PDF are
kept in the project's cache (cache.py), addressed by the document's exact bytes and the LibreOffice
installation, so a render in which a document did not change starts LibreOffice only for the others.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from conceptgen.cache import Cache
from conceptgen.diagnostics import Location, diagnostic
from conceptgen.ooxml import fields, package, settings
from conceptgen.render import libreoffice
from conceptgen.render.properties import set_app_properties

Progress = Callable[[str, int, int], None]


def finish_batch(documents: list[Any], progress: Progress | None = None, cache: Cache | None = None) -> None:
    """Fill page numbers and make PDFs for ``documents`` (RenderedDocument, None for failed ones);
    ``cache``: what LibreOffice found in earlier renders of the same bytes."""
    cache = cache or Cache(None)
    # which LibreOffice lays out, and the code that reads its PDF (a fix there is a new reading)
    installation = libreoffice.fingerprint() + _reading_code() if cache.folder is not None else ""
    pending = [d for d in documents if d is not None and d.pending_pages]
    if pending:
        keys = {id(d): Cache.key("pages", d.docx, "\0".join(d.pending_pages), installation) for d in pending}
        convert = []
        for document in pending:
            known = _known_pages(cache.get(keys[id(document)]), document.pending_pages)
            if known is None:
                convert.append(document)
                continue
            pages, count = known
            document.pages = count
            document.docx = _fill_pages(document.docx, pages, count, document.app)
        if progress and convert:
            progress("libreoffice", 0, len(convert))
        for document, pdf in zip(convert, _convert([d.docx for d in convert], tagged=False), strict=True):
            if isinstance(pdf, libreoffice.LibreOfficeError):
                document.docx = _update_fields(document.docx)
                document.diagnostics.append(_no_page_numbers(document, pdf))
                if pdf.timed_out and document.pending_pdf:
                    document.pending_pdf = False
                    document.pdf_problem = diagnostic("CG408", f"kein PDF: {pdf}", Location(document.app[2]))
                continue
            try:
                pages = libreoffice.bookmark_pages(pdf, document.pending_pages, complete=True)
                count = libreoffice.page_count(pdf)
            except libreoffice.LibreOfficeError as exc:
                document.docx = _update_fields(document.docx)
                document.diagnostics.append(_no_page_numbers(document, exc))
                continue
            cache.put(keys[id(document)], json.dumps({"pages": pages, "count": count}).encode())
            document.pages = count
            document.docx = _fill_pages(document.docx, pages, count, document.app)
        for document in pending:
            document.pending_pages = []
            document.unsound = package.verify(document.docx)
    _make_pdfs(documents, progress, cache, installation)


def _make_pdfs(documents: list[Any], progress: Progress | None, cache: Cache, installation: str) -> None:
    """The PDFs asked for (PDF/UA-1, from the cache where the same bytes were converted before), each
    read back by the PDF/UA check."""
    wanted = []
    for document in documents:
        if document is None or not document.pending_pdf:
            continue
        document.pdf = cache.get(Cache.key("pdf", document.docx, installation))
        if document.pdf is None:
            wanted.append(document)
        else:
            document.pending_pdf = False
    if wanted:
        if progress:
            progress("pdf", 0, len(wanted))
        converted = _convert([d.docx for d in wanted], tagged=True, accessible=True)
        for document, pdf in zip(wanted, converted, strict=True):
            document.pending_pdf = False
            if isinstance(pdf, libreoffice.LibreOfficeError):
                document.pdf_problem = diagnostic("CG408", f"kein PDF: {pdf}", Location(document.app[2]))
            else:
                document.pdf = pdf
                cache.put(Cache.key("pdf", document.docx, installation), pdf)
    for document in documents:
        if document is not None and document.pdf is not None:
            document.diagnostics += accessibility_problems(document.pdf, document.app[2])


def accessibility_problems(pdf: bytes, where: str) -> list[Any]:
    """CG660 for what the PDF/UA-1 check (render/pdf_check.py) finds in a finished PDF."""
    from conceptgen.render import pdf_check

    report = pdf_check.check(pdf)
    if report.passed:
        return []
    shown = "; ".join(report.failures[:3]) + (
        f" (und {len(report.failures) - 3} weitere)" if len(report.failures) > 3 else ""
    )
    return [
        diagnostic(
            "CG660",
            f"das PDF erfüllt PDF/UA-1 nicht: {shown}",
            Location(where),
            hint="Abbildungen brauchen einen Alternativtext (alt), Tabellen eine Kopfzeile; "
            "die Nummern sind Abschnitte der ISO 14289-1 (PDF/UA-1)",
        )
    ]


def _known_pages(entry: bytes | None, wanted: list[str]) -> tuple[dict[str, int], int] | None:
    """The pages and page count a cache entry holds; None when there is none, it is not what this code
    writes or it lacks a page of ``wanted`` (a damaged or foreign file is asked again, never trusted)."""
    if entry is None:
        return None
    try:
        found = json.loads(entry)
        pages, count = found["pages"], found["count"]
    except (ValueError, TypeError, KeyError):
        return None
    valid = isinstance(pages, dict) and all(
        isinstance(k, str) and type(v) is int and v > 0 for k, v in pages.items()
    )
    valid = valid and all(name in pages for name in wanted)
    return (pages, count) if valid and type(count) is int and count > 0 else None


def _reading_code() -> str:
    """The code that reads and completes LibreOffice's PDF: a fix there is a new PDF."""
    import hashlib
    from pathlib import Path

    from conceptgen.ooxml import package_facts
    from conceptgen.render import pdf_ua

    modules = (libreoffice, pdf_ua, package_facts)
    return hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in modules)).hexdigest()


def _convert(documents: list[bytes], *, tagged: bool, accessible: bool = False) -> list[Any]:
    """The PDFs of ``documents``, from one LibreOffice run per core (at most ``MAX_INSTANCES``, the
    documents shared out by size) — each in a worker process that watches this one, so that LibreOffice
    dies with us even when we are killed (render/parallel.py watch_parent)."""
    import multiprocessing
    import os

    from conceptgen.render.parallel import worker_count

    if not documents:  # soffice without files would wait for a desktop that never comes
        return []
    if multiprocessing.current_process().daemon or os.environ.get("CONCEPTGEN_WORKERS") == "1":
        return _convert_here(documents, tagged, accessible)  # inside someone's pool, or asked for one process
    instances = max(1, min(worker_count(len(documents)), MAX_INSTANCES))
    from concurrent.futures import ProcessPoolExecutor

    from conceptgen.render.parallel import watch_parent

    groups = share_out([len(d) for d in documents], instances)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        max_workers=len(groups), mp_context=multiprocessing.get_context(method), initializer=watch_parent
    ) as pool:
        futures = [
            pool.submit(_convert_here, [documents[i] for i in group], tagged, accessible) for group in groups
        ]
        results: list[Any] = [None] * len(documents)
        for group, future in zip(groups, futures, strict=True):
            for index, pdf in zip(group, future.result(), strict=True):
                results[index] = pdf
        return results


MAX_INSTANCES = 4  # LibreOffice takes ≈ 250 MB a run


def share_out(sizes: list[int], groups: int) -> list[list[int]]:
    """The indexes of ``sizes`` in at most ``groups`` groups of about equal total size (largest first into
    the lightest group), each group in the original order; no empty group."""
    loads = [[0, []] for _ in range(max(1, min(groups, len(sizes))))]
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = min(loads, key=lambda load: load[0])
        lightest[0] += sizes[index]
        lightest[1].append(index)
    return [sorted(members) for _total, members in loads if members]


def _convert_here(documents: list[bytes], tagged: bool, accessible: bool = False) -> list[Any]:
    """PDFs of ``documents`` from one LibreOffice; ``accessible``: PDF/UA-1, completed by pdf_ua (in the
    worker, beside LibreOffice, so that the batch's pieces are completed in parallel)."""
    try:
        pdfs = libreoffice.to_pdf_many(documents, tagged=tagged, accessible=accessible)
    except libreoffice.LibreOfficeError as exc:
        return [exc] * len(documents)
    if not accessible:
        return pdfs
    from conceptgen.render import pdf_ua

    return [
        pdf if isinstance(pdf, Exception) else pdf_ua.make_accessible(pdf, docx)[0]
        for pdf, docx in zip(pdfs, documents, strict=True)
    ]


def _open(docx: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(docx))


def _save(document: Any) -> bytes:
    return package.save(document)


def _fill_pages(docx: bytes, pages: dict[str, int], count: int, app: tuple[str, str, str]) -> bytes:
    """The page numbers written into the index entries, the page count into docProps/app.xml."""
    document = _open(docx)
    fields.set_pageref_results(document.element.body, pages)
    set_app_properties(document, app[0], app[1], count)
    return _save(document)


def _update_fields(docx: bytes) -> bytes:
    """Without page numbers from LibreOffice: Word is asked to update the fields when it opens the file."""
    document = _open(docx)
    settings.set_update_fields(document)
    return _save(document)


def _no_page_numbers(document: Any, error: Exception) -> Any:
    return diagnostic(
        "CG407",
        f"LibreOffice gescheitert ({error}): das Inhaltsverzeichnis hat keine Seitenzahlen; Word ergänzt "
        "sie beim Öffnen des Dokuments",
        Location(document.app[2]),
        hint="LibreOffice (libreoffice-writer-nogui) installieren, damit sie in der Datei stehen",
    )
