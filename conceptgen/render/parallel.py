"""Render the documents of a project in parallel processes, on every platform.

Jobs travel to the workers pickled, so the same code runs with ``fork`` (Linux: nothing imported twice)
and ``spawn`` (Windows, macOS). A worker returns what happened — the rendered document, the diagnostics
that stopped it, or the description of a bug — never an exception object (some cannot cross a process
boundary), so the parent reports exactly what one process would. Workers die with their parent: each
watches it and exits, killing its LibreOffice, when the parent is gone (``kill -9`` included).
``CONCEPTGEN_WORKERS=1`` renders one document after the other in the calling process.

The workers can be started before the project is checked (``start_workers``): they import the render
libraries (docxtpl, python-docx, python-pptx's chart writer, XlsxWriter, Pillow) on the second core while
this process loads and checks the project, so that the documents' render starts warm.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from conceptgen.diagnostics import Diagnostic, DiagnosticError

if TYPE_CHECKING:
    from concurrent.futures import Executor


@dataclass
class WorkerBug:
    """A bug inside a worker, described so that the parent can show it as it would its own."""

    kind: str
    message: str
    trace: str


class RenderBug(Exception):
    """A bug that happened in a worker process; shown with the worker's exception type and message."""

    def __init__(self, bug: WorkerBug):
        super().__init__(bug.message)
        self.kind = bug.kind
        self.trace = bug.trace


Outcome = tuple[Any, list[Diagnostic]]  # (RenderedDocument or None, diagnostics)


def worker_count(jobs: int | None = None) -> int:
    """How many worker processes render: one per core (``CONCEPTGEN_WORKERS`` at most), never more than
    there are ``jobs``; 0 inside a daemon process (someone's pool: no children)."""
    import multiprocessing

    if multiprocessing.current_process().daemon:
        return 0
    workers = min(os.cpu_count() or 1, int(os.environ.get("CONCEPTGEN_WORKERS", "8")))
    return workers if jobs is None else min(workers, jobs)


def start_method() -> str:
    """How worker processes start: ``fork`` where the system has it (Linux: nothing imported twice), else
    ``spawn`` (Windows, macOS) — which the tests force on Linux too (tests/render/test_parallel.py)."""
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def start_workers() -> Executor | None:
    """Worker processes, started now and warming up (importing the render libraries) while the caller
    checks the project; None where one process renders (one core, ``CONCEPTGEN_WORKERS=1``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = worker_count()
    if workers < 2:
        return None
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(start_method()), initializer=_warm_worker
    )
    for _ in range(workers):  # processes start with the first task (fork: all at once)
        pool.submit(_ready)
    return pool


def _warm_worker() -> None:
    watch_parent()
    import conceptgen.render.blocks
    import conceptgen.render.charts
    import conceptgen.render.docx  # noqa: F401


def _ready() -> bool:
    return True


def render_all(
    jobs: list[tuple], progress: Callable[[str, int, int], None] | None = None, pool: Executor | None = None
) -> list[Outcome]:
    """Render every (spec, template, context, environment); returns (RenderedDocument | None, diagnostics)
    per job, in order. A bug in any job is raised (RenderBug from a worker). ``progress("render", done,
    total)`` is told of every finished document. ``pool``: workers from start_workers (shut down here);
    without one, workers are started for two or more jobs."""
    if pool is None and worker_count(len(jobs)) >= 2:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            max_workers=worker_count(len(jobs)),
            mp_context=multiprocessing.get_context(start_method()),
            initializer=watch_parent,
        )
    if pool is None:
        outcomes = []
        for job in jobs:
            outcomes.append(_unwrap(render_one(job)))
            if progress:
                progress("render", len(outcomes), len(jobs))
        return outcomes
    with pool:
        return [_unwrap(outcome) for outcome in _Schedule(pool, jobs, progress).run()]


class _Schedule:
    """The jobs of a batch handed to the workers, a few at a time (every worker busy, one job waiting),
    so that what is handed out next can be chosen: first the choropleth maps of every document (a report's
    nine maps took 58 % of the report, which held one core while the other rendered the profiles), then a
    document whose maps are drawn (they travel with it: render/maps.py picture_key), then the others in
    their order. A map whose drawing failed is left to its document (which reports what went wrong)."""

    def __init__(self, pool: Executor, jobs: list[tuple], progress: Callable[[str, int, int], None] | None):
        from collections import deque

        from conceptgen.model.template import DEFAULT_PALETTE
        from conceptgen.render import maps

        self.pool, self.jobs, self.progress = pool, jobs, progress
        self.results: list[Any] = [None] * len(jobs)
        self.done = 0
        self.maps: dict[bytes, tuple] = {}  # key → what draw_map is given
        self.keys: dict[int, set[bytes]] = {}  # document → the keys of its maps
        self.drawn: dict[bytes, tuple[bytes, bytes | None]] = {}
        walked: dict[int, tuple] = {}  # the contexts share most of their data: walked once
        for index, (_spec, _template, context, env) in enumerate(jobs):
            palette = list(env.palette) or list(DEFAULT_PALETTE)
            for figure in maps.choropleths(context, walked):
                key = maps.picture_key(figure, palette, env.vector_maps)
                self.maps.setdefault(key, (figure, palette, env.language, env.vector_maps))
                self.keys.setdefault(index, set()).add(key)
        self.needs = {index: set(keys) for index, keys in self.keys.items()}  # … not drawn yet
        self.to_draw = deque(self.maps)
        self.ready: deque[int] = deque()  # documents whose maps are drawn
        self.plain = deque(i for i in range(len(jobs)) if i not in self.keys)
        self.running: dict[Any, tuple[str, Any]] = {}
        self.slots = getattr(pool, "_max_workers", 2) + 1

    def run(self) -> list[Any]:
        from concurrent.futures import FIRST_COMPLETED, wait

        while self.done < len(self.jobs):
            self._hand_out()
            finished, _ = wait(self.running, return_when=FIRST_COMPLETED)
            for future in finished:
                kind, what = self.running.pop(future)
                if kind == "map":
                    self._drawn(what, future.result())
                else:
                    self.results[what] = future.result()
                    self.done += 1
                    if self.progress:
                        self.progress("render", self.done, len(self.jobs))
        return self.results

    def _hand_out(self) -> None:
        while len(self.running) < self.slots and (self.ready or self.to_draw or self.plain):
            if self.ready:
                index = self.ready.popleft()
                spec, template, context, env = self.jobs[index]
                pictures = {key: self.drawn[key] for key in self.keys[index] if key in self.drawn}
                job = (spec, template, context, replace(env, pictures=pictures))
                self.running[self.pool.submit(render_one, job)] = ("document", index)
            elif self.to_draw:
                key = self.to_draw.popleft()
                self.running[self.pool.submit(draw_map, *self.maps[key])] = ("map", key)
            else:
                index = self.plain.popleft()
                self.running[self.pool.submit(render_one, self.jobs[index])] = ("document", index)

    def _drawn(self, key: bytes, outcome: Any) -> None:
        if not isinstance(outcome, WorkerBug):
            self.drawn[key] = outcome
        for index, keys in list(self.needs.items()):
            keys.discard(key)
            if not keys:
                del self.needs[index]
                self.ready.append(index)


def draw_map(figure: Any, palette: list[str], language: Any, vector: bool) -> tuple | WorkerBug:
    """In a worker: a map's pictures (render/maps.py draw), or the description of a bug."""
    from conceptgen.render import maps

    try:
        return maps.draw(figure, palette, language, vector)
    except Exception as exc:  # the document draws it again and reports it as its own
        return WorkerBug(type(exc).__name__, str(exc), traceback.format_exc())


def render_one(job: tuple) -> Outcome | WorkerBug:
    """Render one job; user errors come back as diagnostics, bugs as a WorkerBug."""
    from conceptgen.render.docx import render_docx

    _spec, template, context, env = job
    try:
        return render_docx(template, context, env), []
    except DiagnosticError as exc:
        return None, exc.diagnostics
    except Exception as exc:  # a bug: described, not raised (its exception may not pickle)
        return WorkerBug(type(exc).__name__, str(exc), traceback.format_exc())


def _unwrap(outcome: Outcome | WorkerBug) -> Outcome:
    if isinstance(outcome, WorkerBug):
        raise RenderBug(outcome)
    return outcome


def watch_parent() -> None:
    """In a worker: exit (and stop this worker's LibreOffice) as soon as the parent process is gone."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait() -> None:
        from multiprocessing.connection import wait as wait_for

        wait_for([parent.sentinel])
        from conceptgen.render import libreoffice

        libreoffice.stop_all()
        os._exit(1)

    threading.Thread(target=wait, name="conceptgen-parent-watch", daemon=True).start()
