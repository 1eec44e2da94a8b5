"""The documents of a batch render in worker processes the same as in one process — also when the workers
are spawned (Windows and macOS have no fork: nothing is inherited, every job travels pickled)."""

from __future__ import annotations

import pickle
import shutil
from concurrent.futures import Executor, Future, ProcessPoolExecutor

import pytest

from conceptgen.pipeline import check_project, render_project
from conceptgen.render import parallel
from tests.conftest import FIXTURES, replace_in

THREE = "documents:\n  - output: erster.docx\n  - output: Profile/zweiter.docx\n    title: Zweiter Teil\n"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_render_what_one_process_renders(minimal, tmp_path, monkeypatch, method):
    replace_in(minimal / "project.yaml", "documents:\n", THREE)
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")
    alone = render_project(minimal, tmp_path / "one", libreoffice=False, write=False).contents
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "2")
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    used = []
    original = parallel.worker_count
    monkeypatch.setattr(parallel, "worker_count", lambda *a: used.append(original(*a)) or used[-1])
    workers = render_project(minimal, tmp_path / "two", libreoffice=False, write=False).contents
    assert max(used) == 2  # workers rendered (two cores at least on the test machines)
    assert len(alone) == 3
    assert [p.relative_to(tmp_path / "one") for p in alone] == [
        p.relative_to(tmp_path / "two") for p in workers
    ]
    assert list(alone.values()) == list(workers.values())  # byte for byte


# the maps of a report are drawn by the workers before the report needs them (render/parallel.py
# _Schedule): two copies of the Sozialraum fixture's report, so that a map two documents show is drawn once
TWO_REPORTS = "  - output: bericht.docx\n  - output: Zweiter/bericht.docx\n    title: Zweiter Bericht\n"


@pytest.fixture
def two_reports(tmp_path):
    project = tmp_path / "sozialraum"
    shutil.copytree(FIXTURES / "sozialraum", project)
    replace_in(project / "project.yaml", "  - output: bericht.docx\n", TWO_REPORTS)
    return project


def _jobs(project):
    from conceptgen.cache import Cache
    from conceptgen.pipeline import _jobs as jobs_of

    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    switches = {"libreoffice": False, "pdf": False, "comments": False}
    return jobs_of(result, project, Cache(None), None, switches)


def _keys(job) -> list[bytes]:
    """In a worker: the keys of the job's maps, as its document computes them."""
    from conceptgen.model.template import DEFAULT_PALETTE
    from conceptgen.render import maps

    _spec, _template, context, env = job
    palette = list(env.palette) or list(DEFAULT_PALETTE)
    return [maps.picture_key(f, palette, env.vector_maps) for f in maps.choropleths(context)]


class _PicklingPool(Executor):
    """Runs each task at once in this process, its arguments pickled and unpickled as a worker gets them;
    records what it was given."""

    _max_workers = 2

    def __init__(self):
        self.tasks: list[tuple] = []

    def submit(self, fn, /, *args, **kwargs):
        self.tasks.append((fn.__name__, args))
        future = Future()
        future.set_result(fn(*pickle.loads(pickle.dumps(args))))
        return future


@pytest.mark.slow  # two renders of two reports, in workers
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_maps_drawn_by_workers_are_the_documents_own(two_reports, tmp_path, monkeypatch, method):
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")
    alone = render_project(two_reports, tmp_path / "one", libreoffice=False, write=False).contents
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "2")
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    handed: list[str] = []
    original = parallel._Schedule._hand_out

    def hand_out(self):
        before = set(self.running)
        original(self)
        handed.extend(self.running[f][0] for f in self.running if f not in before)

    monkeypatch.setattr(parallel._Schedule, "_hand_out", hand_out)
    workers = render_project(two_reports, tmp_path / "two", libreoffice=False, write=False).contents
    assert handed[:5] == ["map"] * 5 and handed.count("map") == 5  # once each, though both show them
    assert sorted(handed[5:]) == ["document", "document"]
    assert len(alone) == 2
    assert list(alone.values()) == list(workers.values())  # byte for byte


@pytest.mark.slow  # a spawned worker imports conceptgen anew
def test_a_maps_key_is_the_same_in_a_spawned_worker(two_reports):
    """A spawned worker has its own hash seed: a key that depended on a set's order would differ there,
    and the document would draw its maps again (right, but slow)."""
    import multiprocessing

    jobs = _jobs(two_reports)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        theirs = [pool.submit(_keys, job).result() for job in jobs]
    assert [_keys(job) for job in jobs] == theirs
    assert len(theirs[0]) == 5 and theirs[0] == theirs[1]


def draw_map(*_args):
    return parallel.WorkerBug("ValueError", "kaputt", "")


_failing_draw_map = draw_map  # named as the task it stands for


@pytest.mark.parametrize("fails", [False, True])
def test_documents_use_the_maps_drawn_for_them(two_reports, monkeypatch, fails):
    """Each map drawn once, by a task before the documents; a document draws none of its own — unless
    drawing it failed in the worker: then the document draws it (and would report the error)."""
    from conceptgen.render import maps

    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")
    jobs = _jobs(two_reports)
    alone = [rendered.docx for rendered, _found in parallel.render_all(jobs)]
    drawn = []
    draw = maps.draw
    monkeypatch.setattr(maps, "draw", lambda figure, *a: drawn.append(figure.highlight) or draw(figure, *a))
    if fails:
        monkeypatch.setattr(parallel, "draw_map", _failing_draw_map)
    pool = _PicklingPool()
    shared = [rendered.docx for rendered, _found in parallel.render_all(jobs, pool=pool)]
    names = [name for name, _args in pool.tasks]
    assert names == ["draw_map"] * 5 + ["render_one"] * 2
    given = [args[0][3].pictures for name, args in pool.tasks if name == "render_one"]
    assert [len(pictures) for pictures in given] == ([0, 0] if fails else [5, 5])
    choropleths = [h for h in drawn if h is None]
    assert len(choropleths) == (10 if fails else 5)  # by the documents (twice) or by the tasks (once)
    assert shared == alone  # byte for byte
