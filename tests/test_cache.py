"""The project cache (cache.py): what took long is made once, a changed input is made again, and a
document rendered from the cache is the same, byte for byte, as one made from scratch."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from conceptgen.cache import Cache
from conceptgen.pipeline import render_project
from conceptgen.render.parallel import RenderBug
from tests.conftest import replace_in, require_libreoffice
from tests.golden.digests import describe

pytestmark = pytest.mark.slow  # LibreOffice


@pytest.fixture(autouse=True)
def user_folder(tmp_path, monkeypatch):
    """The key that seals this user's entries lives in a folder of the test, not in the real home."""
    from conceptgen import cache

    monkeypatch.setenv("CONCEPTGEN_USER_DIR", str(tmp_path / "user"))
    cache._secret.cache_clear()
    yield
    cache._secret.cache_clear()


K = Cache.key("test", "k")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONCEPTGEN_CACHE", "1")
    monkeypatch.setenv("CONCEPTGEN_CACHE_DIR", str(folder))
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")  # the drawing functions are watched in this process
    return folder


def test_keys_separate_their_parts_and_kinds():
    assert Cache.key("a", "ab", "c") != Cache.key("a", "a", "bc")
    assert Cache.key("a", "x") != Cache.key("b", "x")
    assert Cache.key("a", "x") == Cache.key("a", b"x")
    assert Cache.key("pdf", "x").startswith("pdf-")


def test_get_put_and_switched_off(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "c")
    assert cache.get(K) is None
    cache.put(K, b"data")
    assert cache.get(K) == b"data"
    assert [p.name for p in (tmp_path / "c").iterdir()] == [K]  # no temporary file left
    monkeypatch.setenv("CONCEPTGEN_CACHE", "0")
    off = Cache.of_project(tmp_path)
    off.put(K, b"x")
    assert off.folder is None and off.get(K) is None


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes read-only folders")
def test_a_folder_that_cannot_be_written_means_no_cache(tmp_path):
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    try:
        cache = Cache(tmp_path / "ro" / "cache")
        cache.put(K, b"x")  # no error
        assert cache.get(K) is None
    finally:
        (tmp_path / "ro").chmod(0o700)


def test_a_file_in_the_way_means_no_cache(tmp_path):
    (tmp_path / "blocked").write_text("not a folder")
    cache = Cache(tmp_path / "blocked")
    cache.put(K, b"x")
    assert cache.get(K) is None


def test_prune_removes_least_recently_used_and_left_over_parts(tmp_path):
    folder = tmp_path / "c"
    cache = Cache(folder)
    names = {name: Cache.key("test", name) for name in ("old", "used", "new")}
    for i, name in enumerate(names.values()):
        cache.put(name, b"x" * 100)
        os.utime(folder / name, (1000 + i, 1000 + i))
    (folder / ".part-abc").write_bytes(b"half")
    os.utime(folder / ".part-abc", (1000, 1000))
    assert cache.get(names["old"]) == b"x" * 100  # read now: the most recently used
    size = (folder / names["old"]).stat().st_size  # the content and its seal
    cache.prune(limit=2 * size)
    assert sorted(p.name for p in folder.iterdir()) == sorted([names["new"], names["old"]])


def test_chart_picture_is_drawn_once_and_again_when_its_data_changes(
    neuss_copy, tmp_path, cache_dir, monkeypatch
):
    from conceptgen.render import chart_images

    first = render_project(neuss_copy, tmp_path / "a", libreoffice=False, write=False)
    # one chart picture (besides check's entries: its data workbook's cells, the templates' design checks)
    assert [p.name.split("-")[0] for p in cache_dir.iterdir() if p.name.startswith("chart")] == ["chart.png"]

    def must_not_draw(*_args, **_kwargs):
        raise AssertionError("drawn although the same chart is in the cache")

    monkeypatch.setattr(chart_images, "image_chart", must_not_draw)
    second = render_project(neuss_copy, tmp_path / "b", libreoffice=False, write=False)
    assert [describe(c) for c in first.contents.values()] == [describe(c) for c in second.contents.values()]

    # another title is another picture: drawn again
    replace_in(
        neuss_copy / "charts.yaml",
        "title: Fälle der Fachberatung je 10.000 Einwohner*innen 2023",
        "title: Fälle der Fachberatung je 10.000 Einwohner 2023",
    )
    with pytest.raises(RenderBug, match="drawn although"):
        render_project(neuss_copy, tmp_path / "c", libreoffice=False, write=False)


STUB = """#!{python}
import sys
sys.exit(3)
"""


def test_libreoffice_pages_and_pdf_come_from_the_cache_for_unchanged_documents(
    minimal, tmp_path, cache_dir, monkeypatch
):
    require_libreoffice()
    first = render_project(minimal, tmp_path / "a", pdf=True)
    assert not [d for d in first.diagnostics if d.code in {"CG407", "CG408"}]
    kinds = sorted(p.name.split("-")[0] for p in cache_dir.iterdir())
    # one page layout and one PDF kept for the one document (the rest: the template's compile cache and
    # its layout, workspace.py)
    assert [k for k in kinds if k in {"pages", "pdf"}] == ["pages", "pdf"], kinds
    assert set(kinds) <= {"pages", "pdf", "docxtpl", "jinja", "layout"}, kinds
    from conceptgen.render import libreoffice

    real = libreoffice.fingerprint()
    # LibreOffice "updated": another installation is asked again
    stub = tmp_path / "soffice"
    stub.write_text(STUB.format(python=sys.executable), encoding="utf-8")
    stub.chmod(0o755)
    monkeypatch.setenv("CONCEPTGEN_SOFFICE", str(stub))
    asked = render_project(minimal, tmp_path / "b", pdf=True, write=False)
    assert {d.code for d in asked.diagnostics} >= {"CG407"}
    # the same LibreOffice, stubbed so that any start fails: everything comes from the cache
    monkeypatch.setattr(libreoffice, "fingerprint", lambda: real)
    started = time.monotonic()
    again = render_project(minimal, tmp_path / "c", pdf=True)
    assert not [d for d in again.diagnostics if d.code in {"CG407", "CG408"}]
    assert time.monotonic() - started < 20
    for output in first.outputs:
        assert (tmp_path / "c" / output.name).read_bytes() == output.read_bytes()
    # a damaged entry is not trusted: the document is laid out again (the stub is asked and fails)
    [entry] = [p for p in cache_dir.iterdir() if p.name.startswith("pages-")]
    for damage in (b"garbage", b'{"pages": {"x": "1"}, "count": 3}', b"[]"):
        Cache(cache_dir).put(entry.name, damage)  # sealed, and still not trusted
        damaged = render_project(minimal, tmp_path / "e", pdf=True, write=False)
        assert "CG407" in {d.code for d in damaged.diagnostics}, damage
    # a changed text: its document is laid out again (the failing stub is asked and says so)
    replace_in(minimal / "project.yaml", "title: Testkonzept", "title: Testkonzept neu")
    changed = render_project(minimal, tmp_path / "d", pdf=True, write=False)
    assert "CG407" in {d.code for d in changed.diagnostics}
