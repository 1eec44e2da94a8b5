"""A cache for results that take long to make and depend only on their inputs: chart pictures drawn with
matplotlib, the page numbers LibreOffice lays out, PDFs. A consultant renders the same project dozens of
times a day and usually changes one text; what did not change is not made again.

Entries are addressed by content: the key is the SHA-256 of everything the result depends on (the inputs,
conceptgen's version, the versions of the library or program that makes it), so an entry is never stale —
a changed input is a different key. Entries are plain bytes (a PNG, a PDF, JSON), never pickles: a cache
folder that came with a copied project can at worst hold a wrong picture, never run code.

The cache lives in ``<project>/build/.cache`` (``CONCEPTGEN_CACHE_DIR`` elsewhere, ``CONCEPTGEN_CACHE=0``
switches it off). Each entry is written beside its place and moved in (``os.replace``), so renders and
their worker processes running at the same time never read half an entry; a folder that cannot be written
just means no cache. The least recently used entries go when the folder grows over ``LIMIT_BYTES``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path

LIMIT_BYTES = 200 * 1024 * 1024
FORMAT = "1"  # raised when the meaning of an entry changes


@functools.cache
def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("conceptgen")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "source"


class Cache:
    """The cache of one project; ``folder`` None: nothing is kept (every ``get`` misses)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def of_project(cls, root: Path) -> Cache:
        if os.environ.get("CONCEPTGEN_CACHE", "1") == "0":
            return cls(None)
        elsewhere = os.environ.get("CONCEPTGEN_CACHE_DIR")
        return cls(Path(elsewhere) if elsewhere else root / "build" / ".cache")

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
        if self.folder is None:
            return None
        path = self.folder / key
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept when the folder is pruned
        return data

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            try:
                with os.fdopen(handle, "wb") as stream:
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
                status = path.stat()
                if path.name.startswith(".part-") and status.st_mtime < time.time() - 3600:
                    path.unlink()  # left by a render that was killed while writing
                    continue
            except OSError:
                continue
            entries.append((status.st_mtime, status.st_size, path))
        total = sum(size for _time, size, _path in entries)
        for _time, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                pass
