"""A cache for results that take long to make and depend only on their inputs: chart pictures drawn with
matplotlib, the page numbers LibreOffice lays out, PDFs. A consultant renders the same project dozens of
times a day and usually changes one text; what did not change is not made again.

Entries are addressed by content: the key is the SHA-256 of everything the result depends on (the inputs,
conceptgen's version, the versions of the library or program that makes it), so an entry is never stale —
a changed input is a different key. What ``check`` keeps (its findings: checked.py; a template's design
findings: rules/documents.py; a workbook's cells: data/tabular.py) is keyed by ``code_fingerprint`` too —
conceptgen's own files, which change in a development checkout while the version stays. Entries are plain
bytes (a PNG, a PDF, JSON, text), never pickles. One kind is code: the Python Jinja generates from a
template's part (render/compiled.py), which runs in the template's sandbox — like every entry it is read
only when this user's conceptgen sealed it (below), so a cache folder that came with a copied project
can at worst hold a wrong picture, never run code.

The cache lives in ``<project>/build/.cache`` (``CONCEPTGEN_CACHE_DIR`` elsewhere, ``CONCEPTGEN_CACHE=0``
switches it off). Each entry is written beside its place and moved in (``os.replace``), so renders and
their worker processes running at the same time never read half an entry; a folder that cannot be written
just means no cache. The least recently used entries go when the folder grows over ``LIMIT_BYTES``.

A cache folder travels with a copied project, so nothing in it is trusted: an entry is used only when its
name is a key, it is a regular file inside the folder (no symlink to a system file, no /dev/zero, no named
pipe — opened without following links or blocking), at most ``MAX_ENTRY_BYTES``, and sealed by this
user's conceptgen: an HMAC of its name and content with a key kept in the user's own folder
(``CONCEPTGEN_USER_DIR``, else the platform's cache folder). Anything else is a miss and is made again.
A default cache folder that leads out of the project (``build/.cache`` a link elsewhere) is not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

LIMIT_BYTES = 200 * 1024 * 1024
MAX_ENTRY_BYTES = 100 * 1024 * 1024  # a PDF with many pictures; nothing cached is larger
FORMAT = "1"  # raised when the meaning of an entry changes
SEAL = b"conceptgen-cache-1\n"  # then the 32 bytes of the HMAC, then the content
_NAME = re.compile(r"[a-z0-9_.]{1,40}-[0-9a-f]{64}")
PACKAGE = Path(__file__).resolve().parent
BUILTIN_TEMPLATES = PACKAGE.parent / "templates"  # workspace.BUILTIN_TEMPLATES (a test keeps them equal)
# the libraries whose version can change what check finds: reading, validating, formatting the inputs
LIBRARIES = ("pydantic", "pydantic_core", "yaml", "pandas", "numpy", "openpyxl", "babel", "docx", "lxml")


def user_folder() -> Path:
    """conceptgen's folder of this user on this machine (``CONCEPTGEN_USER_DIR`` overrides it)."""
    given = os.environ.get("CONCEPTGEN_USER_DIR")
    if given:
        return Path(given)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "conceptgen"


@functools.cache
def _secret() -> bytes | None:
    """This user's key for sealing entries, made once (None: no place for it, so no cache)."""
    path = user_folder() / "cache.key"
    for _attempt in range(3):
        try:
            data = path.read_bytes()
            if len(data) == 32:
                return data
        except OSError:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(os.urandom(32))
            try:
                os.link(temporary, path)  # the first process to get here makes the key
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                os.replace(temporary, path)
            finally:
                Path(temporary).unlink(missing_ok=True)
        except OSError:
            return None
    return None


def _seal(key: str, data: bytes) -> bytes | None:
    secret = _secret()
    if secret is None:
        return None
    return hmac.new(secret, key.encode("ascii") + b"\0" + data, hashlib.sha256).digest()


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes, else None — without
    following a symlink and without blocking on a named pipe, also when the file is swapped meanwhile."""
    try:
        before = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(before.st_mode) or before.st_size > limit:
        return None
    flags = (
        os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        now = os.fstat(handle)
        if not stat.S_ISREG(now.st_mode) or (now.st_ino, now.st_dev) != (before.st_ino, before.st_dev):
            return None
        chunks, size = [], 0
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def _version() -> str:
    """conceptgen's version (the package's own number, as pyproject.toml states it: a test keeps them
    equal); read without importlib.metadata, which costs a check ≈ 60 ms of looking through every
    installed distribution."""
    from conceptgen import __version__

    return __version__


class Cache:
    """The cache of one project; ``folder`` None: nothing is kept (every ``get`` misses)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def of_project(cls, root: Path) -> Cache:
        if os.environ.get("CONCEPTGEN_CACHE", "1") == "0":
            return cls(None)
        elsewhere = os.environ.get("CONCEPTGEN_CACHE_DIR")
        if elsewhere:
            return cls(Path(elsewhere))
        folder = root / "build" / ".cache"
        try:
            inside = folder.resolve().is_relative_to(root.resolve())
        except OSError:
            inside = False
        return cls(folder if inside else None)

    @staticmethod
    def key(kind: str, *parts: str | bytes) -> str:
        """The address of a result of ``kind`` made from ``parts`` (by conceptgen's version)."""
        digest = hashlib.sha256(f"{kind}\0{FORMAT}\0{_version()}".encode())
        for part in parts:
            data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))  # "ab","c" is not "a","bc"
            digest.update(data)
        return f"{kind}-{digest.hexdigest()}"

    def get(self, key: str) -> bytes | None:
        """The content kept under ``key``, or None: nothing there, or nothing to trust (module docstring)."""
        if self.folder is None or not _NAME.fullmatch(key):
            return None
        path = self.folder / key
        stored = read_regular(path, MAX_ENTRY_BYTES + len(SEAL) + 32)
        if stored is None or not stored.startswith(SEAL):
            return None
        mac, data = stored[len(SEAL) : len(SEAL) + 32], stored[len(SEAL) + 32 :]
        expected = _seal(key, data)
        if expected is None or not hmac.compare_digest(mac, expected):
            return None
        with contextlib.suppress(OSError):
            os.utime(path, follow_symlinks=False)  # recently used: kept when the folder is pruned
        return data

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None or not _NAME.fullmatch(key) or len(data) > MAX_ENTRY_BYTES:
            return
        mac = _seal(key, data)
        if mac is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(SEAL + mac)
                    stream.write(data)
                os.replace(temporary, self.folder / key)
            except OSError:
                Path(temporary).unlink(missing_ok=True)
        except OSError:  # read-only project, full disk, a file locked on Windows: no cache, no error
            pass

    def prune(self, limit: int = LIMIT_BYTES) -> None:
        """Remove the least recently used entries until the folder holds at most ``limit`` bytes."""
        if self.folder is None or not self.folder.is_dir():
            return
        import time

        entries = []
        for path in self.folder.iterdir():
            try:
                status = path.lstat()
                if path.name.startswith(".part-") and status.st_mtime < time.time() - 3600:
                    path.unlink()  # left by a render that was killed while writing
                    continue
            except OSError:
                continue
            if _NAME.fullmatch(path.name) and not stat.S_ISDIR(status.st_mode):
                entries.append((status.st_mtime, status.st_size, path))  # only what could be an entry
        total = sum(size for _time, size, _path in entries)
        for _time, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                pass


def code_fingerprint() -> str:
    """conceptgen's files and the built-in templates by name, size and time of change; the libraries'
    package files the same way; Python's version. A changed or reinstalled conceptgen or library changes
    it (a development checkout included, whose version number stays the same): results that conceptgen's
    code makes from the inputs (check's findings) are keyed by it, not only by the version number."""
    from importlib.util import find_spec

    digest = hashlib.sha256(sys.version.encode())
    for folder in (PACKAGE, BUILTIN_TEMPLATES):
        for directory, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                try:
                    status = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                digest.update(f"{directory}/{name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    for library in LIBRARIES:
        spec = find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin is None:
            digest.update(f"{library}: none\n".encode())
            continue
        try:
            status = os.stat(origin)  # an installation writes its files anew
        except OSError:
            continue
        digest.update(f"{library}\0{origin}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()
