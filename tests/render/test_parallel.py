"""The documents of a batch render in worker processes the same as in one process — also when the workers
are spawned (Windows and macOS have no fork: nothing is inherited, every job travels pickled)."""

from __future__ import annotations

import pytest

from conceptgen.pipeline import render_project
from conceptgen.render import parallel
from tests.conftest import replace_in

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
