"""Render the documents of a project in parallel processes."""

from __future__ import annotations

from conceptgen.diagnostics import DiagnosticError

# Documents of one project render in parallel processes (forked, so nothing is imported or pickled twice);
# CONCEPTGEN_WORKERS=1 renders one after the other.
_JOBS: list[tuple] = []


def render_all(jobs: list[tuple]) -> list[tuple]:
    """Render every (spec, template, context, options); returns (RenderedDocument | None, diagnostics)."""
    import multiprocessing
    import os

    workers = min(len(jobs), os.cpu_count() or 1, int(os.environ.get("CONCEPTGEN_WORKERS", "8")))
    if (
        workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon  # inside someone's pool: no children allowed
    ):
        return [_render_one(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    global _JOBS
    _JOBS = jobs
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_render_indexed, range(len(jobs))))
    finally:
        _JOBS = []


def _render_indexed(index: int) -> tuple:
    return _render_one(_JOBS[index])


def _render_one(job: tuple) -> tuple:
    from conceptgen.render.docx import render_docx

    _spec, template, context, options = job
    try:
        return render_docx(template, context, options), []
    except DiagnosticError as exc:  # returned, not raised: it crosses a process boundary
        return None, exc.diagnostics
