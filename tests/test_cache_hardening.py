"""The render cache against crafted entries (issue 25, item 6): a cache folder comes along when a project
is copied, so an entry is used only when it is a regular file inside the cache, not larger than an entry
can be, and carries the seal this user's conceptgen wrote (an HMAC of its name and content): a symlink to
a system file, /dev/zero, a named pipe, a directory, an entry made elsewhere are misses, never output."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from conceptgen import cache as cache_module
from conceptgen.cache import Cache

KEY = Cache.key("pdf", "irgendein Dokument")
PAGES = Cache.key("pages", "irgendein Dokument")


@pytest.fixture(autouse=True)
def user_folder(tmp_path, monkeypatch):
    """This user's key lives in a folder of the test, not in the real home."""
    monkeypatch.setenv("CONCEPTGEN_USER_DIR", str(tmp_path / "user"))
    cache_module._secret.cache_clear()
    yield
    cache_module._secret.cache_clear()


def test_an_entry_round_trips_and_is_sealed(tmp_path):
    cache = Cache(tmp_path / "c")
    cache.put(KEY, b"%PDF-1.7 echt")
    assert cache.get(KEY) == b"%PDF-1.7 echt"
    stored = (tmp_path / "c" / KEY).read_bytes()
    assert stored != b"%PDF-1.7 echt" and stored.endswith(b"%PDF-1.7 echt")


def test_a_crafted_entry_is_a_miss(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / PAGES).write_bytes(json.dumps({"pages": {"_Toc1": 99}, "count": 99}).encode())
    assert Cache(folder).get(PAGES) is None  # plain JSON: no seal
    Cache(folder).put(PAGES, b'{"pages": {}, "count": 1}')
    sealed = (folder / PAGES).read_bytes()
    (folder / PAGES).write_bytes(sealed.replace(b'"count": 1', b'"count": 9'))
    assert Cache(folder).get(PAGES) is None  # content changed after sealing
    other = Cache(folder)
    other.put(KEY, b"a")
    (folder / KEY).rename(folder / PAGES)
    assert Cache(folder).get(PAGES) is None  # an entry under another name


def test_an_entry_sealed_by_another_user_is_a_miss(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    Cache(folder).put(KEY, b"von woanders")
    monkeypatch.setenv("CONCEPTGEN_USER_DIR", str(tmp_path / "someone-else"))
    cache_module._secret.cache_clear()
    assert Cache(folder).get(KEY) is None


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need rights on Windows")
def test_a_symlink_to_a_system_file_is_a_miss(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    secret = tmp_path / "passwd"
    Cache(tmp_path / "elsewhere").put(KEY, b"root:x:0:0")
    secret.write_bytes((tmp_path / "elsewhere" / KEY).read_bytes())  # even a sealed file outside
    (folder / KEY).symlink_to(secret)
    assert Cache(folder).get(KEY) is None


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_a_miss_without_reading_it(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / KEY).symlink_to("/dev/zero")
    assert Cache(folder).get(KEY) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_a_miss_and_does_not_hang(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    os.mkfifo(folder / KEY)
    found = []
    reader = threading.Thread(target=lambda: found.append(Cache(folder).get(KEY)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock it before failing
        with open(folder / KEY, "wb"):
            pass
        pytest.fail("reading a named pipe hangs")
    assert found == [None]


def test_a_folder_and_an_oversized_file_are_misses(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    (folder / KEY).mkdir(parents=True)
    assert Cache(folder).get(KEY) is None
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 1000)
    cache = Cache(tmp_path / "d")
    cache.put(PAGES, b"x" * 2000)  # not kept
    assert cache.get(PAGES) is None
    (tmp_path / "d").mkdir(exist_ok=True)
    with open(tmp_path / "d" / PAGES, "wb") as handle:
        handle.truncate(10**9)  # sparse: large, but nothing on disk
    assert cache.get(PAGES) is None


def test_only_names_a_key_can_have(tmp_path):
    cache = Cache(tmp_path / "c")
    for name in ("../outside", "k", "pdf-../../x", "/etc/passwd", KEY + "/x"):
        cache.put(name, b"x")
        assert cache.get(name) is None
    assert not (tmp_path / "outside").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need rights on Windows")
def test_a_cache_folder_that_leads_out_of_the_project_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("CONCEPTGEN_CACHE", "1")
    monkeypatch.delenv("CONCEPTGEN_CACHE_DIR", raising=False)
    project = tmp_path / "projekt"
    (project / "build").mkdir(parents=True)
    outside = tmp_path / "system"
    outside.mkdir()
    (project / "build" / ".cache").symlink_to(outside)
    cache = Cache.of_project(project)
    cache.put(KEY, b"x")
    assert cache.folder is None and list(outside.iterdir()) == []


def test_prune_leaves_what_is_not_an_entry(tmp_path):
    folder = tmp_path / "c"
    cache = Cache(folder)
    cache.put(KEY, b"x" * 100)
    (folder / "notiz.txt").write_text("von Hand")
    cache.prune(limit=0)
    assert sorted(p.name for p in folder.iterdir()) == ["notiz.txt"]


@pytest.fixture
def without_open_flags(monkeypatch):
    """Windows' os module: no O_NOFOLLOW, no O_NONBLOCK (the reading must not rely on them)."""
    for name in ("O_NOFOLLOW", "O_NONBLOCK"):
        monkeypatch.delattr(os, name, raising=False)
    assert not hasattr(os, "O_NOFOLLOW") and not hasattr(os, "O_NONBLOCK")


def test_without_the_open_flags_an_entry_still_round_trips(tmp_path, without_open_flags):
    Cache(tmp_path / "c").put(KEY, b"%PDF-1.7 ok")
    assert Cache(tmp_path / "c").get(KEY) == b"%PDF-1.7 ok"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need rights on Windows")
@pytest.mark.parametrize("kind", ["symlink", "dev-zero", "pipe"])
def test_without_the_open_flags_the_crafted_entries_are_misses(tmp_path, without_open_flags, kind):
    folder = tmp_path / "c"
    folder.mkdir()
    if kind == "symlink":
        Cache(tmp_path / "elsewhere").put(KEY, b"root:x:0:0")
        (folder / KEY).symlink_to(tmp_path / "elsewhere" / KEY)
    elif kind == "dev-zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        (folder / KEY).symlink_to("/dev/zero")
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes")
        os.mkfifo(folder / KEY)
    found = []
    reader = threading.Thread(target=lambda: found.append(Cache(folder).get(KEY)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():
        with open(folder / KEY, "wb"):
            pass
        pytest.fail("reading hangs without O_NONBLOCK")
    assert found == [None]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need rights on Windows")
def test_without_o_nofollow_a_link_swapped_in_after_the_check_is_a_miss(
    tmp_path, without_open_flags, monkeypatch
):
    """The race O_NOFOLLOW closes: the entry is a regular file when looked at, a link when opened. The
    file opened is compared with the one looked at (device and inode)."""
    folder = tmp_path / "c"
    Cache(folder).put(KEY, b"%PDF-1.7 ours")
    Cache(tmp_path / "elsewhere").put(KEY, b"%PDF-1.7 theirs")
    looked_at = os.lstat(folder / KEY)
    (folder / KEY).unlink()
    (folder / KEY).symlink_to(tmp_path / "elsewhere" / KEY)
    real_lstat = os.lstat
    monkeypatch.setattr(
        os, "lstat", lambda p, *a, **k: looked_at if Path(p).name == KEY else real_lstat(p, *a, **k)
    )
    assert Cache(folder).get(KEY) is None
