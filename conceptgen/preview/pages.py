"""The preview's pages: what each page of a PDF is (its signature, size, text and headings) and its
picture, drawn only when no page drawn before looked the same, the most wanted first.

A page's signature is the SHA-256 of everything a renderer reads to draw it: its content streams, its
boxes and rotation, and every object its resources and annotations reach (fonts with their font
programs, pictures, forms, graphic states), each by content, never by object number. Left out is only
what does not change how it looks: the page tree above it (inherited boxes and resources are taken from
it), a link's target, numbers into the structure tree. Pages with the same signature give the same
picture in any two PDFs, so pictures are kept by signature: after an edit, only the pages with a new
signature are drawn (tests/test_preview_pages.py draws an edited document from scratch and compares).
LibreOffice writes an unchanged page the same way each time (two conversions of neuss: 36 of 36 equal).

Pictures are drawn by poppler's ``pdftoppm``, one page range a process, in as many threads as there are
cores (at most ``WORKERS``): first the page with the edit, alone, then the pages nearest to the one the
browser shows, a few at a time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASE_DPI = 70  # the pictures the page shows; a zoomed page asks for one of ZOOM_DPI
ZOOM_DPI = (96, 144, 192)
WORKERS = 2
CHUNK = 4  # pages a pdftoppm process draws once the wanted page is there
LIMIT_BYTES = 150 * 1024 * 1024  # pictures kept in memory (neuss at 70 dpi: ≈ 3 MB for 36 pages)
DRAW_TIMEOUT_S = 120.0
# keys of a page or annotation that do not change its picture: the page tree, link targets, structure
_SKIP = frozenset({"/Parent", "/P", "/Dest", "/A", "/StructParent", "/StructParents"})
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Heading:
    """An entry of the PDF's outline: its level (1: a chapter), title, page (0-based) and where on the
    page it begins (0: the top edge, 1: the bottom)."""

    level: int
    title: str
    page: int
    top: float


@dataclass(frozen=True)
class Layout:
    """A PDF's pages: signature and size (points) of each, and the headings of its outline."""

    signatures: list[str]
    sizes: list[tuple[float, float]]
    headings: list[Heading]


def read_layout(pdf: bytes) -> Layout:
    """The signature and size of each page of ``pdf`` and its outline's headings. Raises ValueError for a
    PDF that cannot be read."""
    import pikepdf

    try:
        document = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PdfError as exc:
        raise ValueError(f"LibreOffice schrieb ein unlesbares PDF ({exc})") from None
    with document:
        memo: dict[tuple[int, int], bytes] = {}
        signatures, sizes = [], []
        for page in document.pages:
            signatures.append(_page_digest(page.obj, memo).hex())
            box = [float(v) for v in _inherited(page.obj, "/MediaBox") or (0, 0, 595, 842)]
            sizes.append((abs(box[2] - box[0]), abs(box[3] - box[1])))
        headings = _headings(document, sizes)
    return Layout(signatures, sizes, headings)


def _page_digest(page: Any, memo: dict[tuple[int, int], bytes]) -> bytes:
    digest = hashlib.sha256()
    for key in sorted(page.keys()):
        if key not in _SKIP and key not in _INHERITED:
            digest.update(key.encode() + _digest(page[key], memo, set()))
    for key in _INHERITED:
        value = _inherited(page, key)
        if value is not None:
            digest.update(key.encode() + _digest(value, memo, set()))
    return digest.digest()


def _inherited(page: Any, key: str) -> Any:
    node, hops = page, 0
    while node is not None and key not in node and hops < 64:
        node, hops = node.get("/Parent"), hops + 1
    return node[key] if node is not None and key in node else None


def _digest(value: Any, memo: dict[tuple[int, int], bytes], active: set[tuple[int, int]]) -> bytes:
    """The content of ``value`` and of all it refers to, as a hash (objects shared by pages hashed once)."""
    import pikepdf

    ident = value.objgen if isinstance(value, pikepdf.Object) else (0, 0)
    if ident != (0, 0):
        if ident in memo:
            return memo[ident]
        if ident in active:  # a cycle: the object is already being hashed further up
            return b"cycle"
        active.add(ident)
    digest = hashlib.sha256()
    if isinstance(value, pikepdf.Stream):
        digest.update(b"S" + _entries(value.stream_dict, memo, active) + value.read_raw_bytes())
    elif isinstance(value, pikepdf.Dictionary):
        digest.update(b"D" + _entries(value, memo, active))
    elif isinstance(value, pikepdf.Array):
        digest.update(b"A" + b"".join(_digest(item, memo, active) for item in value))
    else:
        digest.update(type(value).__name__.encode() + b":" + repr(value).encode("utf-8", "replace"))
    result = digest.digest()
    if ident != (0, 0):
        active.discard(ident)
        memo[ident] = result
    return result


def _entries(dictionary: Any, memo: dict[tuple[int, int], bytes], active: set[tuple[int, int]]) -> bytes:
    digest = hashlib.sha256()
    for key in sorted(dictionary.keys()):
        if key not in _SKIP:
            digest.update(key.encode() + _digest(dictionary[key], memo, active))
    return digest.digest()


def _headings(document: Any, sizes: list[tuple[float, float]]) -> list[Heading]:
    """The outline (LibreOffice writes the document's headings into it) with the page of each entry."""
    import pikepdf

    pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}
    found: list[Heading] = []
    try:
        with document.open_outline() as outline:
            stack = [(item, 1) for item in reversed(outline.root)]
            while stack and len(found) < 2000:
                item, level = stack.pop()
                target = item.destination
                if target is None and item.action is not None and "/D" in item.action:
                    target = item.action["/D"]
                if isinstance(target, pikepdf.Array) and len(target) > 0:
                    page = pages.get(target[0].objgen)
                    if page is not None:
                        height = sizes[page][1] or 1.0
                        top = float(target[3]) if len(target) > 3 and target[1] == "/XYZ" else height
                        found.append(
                            Heading(level, str(item.title), page, max(0.0, min(1.0, 1 - top / height)))
                        )
                stack += [(child, level + 1) for child in reversed(item.children)]
    except (pikepdf.PdfError, AttributeError, KeyError, TypeError, ValueError, IndexError):
        return found  # an odd outline: the headings found so far
    return found


def page_texts(pdf: Path, count: int) -> list[str]:
    """Each page's text, its white space collapsed: from poppler's pdftotext, else from pypdf (slower)."""
    tool = shutil.which("pdftotext")
    if tool is not None:
        done = subprocess.run(
            [tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=DRAW_TIMEOUT_S, check=False
        )
        if done.returncode == 0:
            pages = done.stdout.decode("utf-8", "replace").split("\f")
            texts = [" ".join(page.split()) for page in pages[:count]]
            return texts + [""] * (count - len(texts))
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def edited_page(old: list[str], new: list[str], changed: list[int]) -> int | None:
    """The page a change most likely was made on: the first changed page whose words (not its numbers:
    a contents page whose page numbers moved) differ from the page at its place before; else the first
    changed page."""
    for index in changed:
        before = old[index] if index < len(old) else ""
        if _DIGITS.sub("", before) != _DIGITS.sub("", new[index]):
            return index
    return changed[0] if changed else None


class Pictures:
    """The pages' pictures by signature and resolution, drawn by pdftoppm in threads: ``show`` a PDF's
    pages and they are drawn in the background (those never drawn before), ``get`` one when it is there,
    ``draw`` one now (a zoomed page). ``drawn(signature)`` hears each finished picture."""

    def __init__(self, folder: Path, drawn: Callable[[str], None] | None = None) -> None:
        self.tool = shutil.which("pdftoppm")
        self._folder = folder
        self._drawn = drawn or (lambda _signature: None)
        self._pictures: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._size = 0
        self._where: dict[str, tuple[Path, int]] = {}  # signature → a PDF with it and its page (1-based)
        self._pending: list[int] = []  # pages of the shown PDF still to draw
        self._first: int | None = None  # the page drawn before all others
        self._view = 0
        self._pdf: Path | None = None
        self._signatures: list[str] = []
        self._busy: set[tuple[str, int]] = set()
        self._condition = threading.Condition()
        self._stopped = False
        self._threads: list[threading.Thread] = []
        self.finished: dict[str, float] = {}  # signature → when its base picture was there (perf_counter)

    # --- what the preview asks -------------------------------------------------------------------------

    def show(self, pdf: Path, signatures: list[str], first: int | None) -> list[int]:
        """Draw the pages of ``pdf`` that have no picture yet, page ``first`` before the others; returns
        those pages (0-based)."""
        with self._condition:
            for page, signature in enumerate(signatures):
                self._where[signature] = (pdf, page + 1)
            self._pdf, self._signatures, self._first = pdf, list(signatures), first
            self._pending = [
                page
                for page, signature in enumerate(signatures)
                if (signature, BASE_DPI) not in self._pictures
            ]
            if first not in self._pending:
                self._first = None
            pending = list(self._pending)
            self._condition.notify_all()
        self._start()
        return pending

    def place(self, pdf: Path, signatures: list[str]) -> None:
        """Know the pages of ``pdf`` (``draw`` can draw them) without showing it."""
        with self._condition:
            for page, signature in enumerate(signatures):
                self._where[signature] = (pdf, page + 1)

    def forget(self, keep: set[Path]) -> None:
        """Stop knowing where pages of PDFs other than ``keep`` are (their files are about to go)."""
        with self._condition:
            self._where = {s: (p, n) for s, (p, n) in self._where.items() if p in keep}

    def look_at(self, page: int) -> None:
        """The browser shows ``page``: the pictures nearest to it are drawn next."""
        with self._condition:
            self._view = max(0, page)

    def ready(self, signature: str, dpi: int = BASE_DPI) -> bool:
        with self._condition:
            return (signature, dpi) in self._pictures

    def get(self, signature: str, dpi: int = BASE_DPI) -> bytes | None:
        with self._condition:
            picture = self._pictures.get((signature, dpi))
            if picture is not None:
                self._pictures.move_to_end((signature, dpi))
            return picture

    def draw(self, signature: str, dpi: int) -> bytes | None:
        """The picture of the page with ``signature`` at ``dpi``, drawn now when it is not there (None: no
        PDF known with that page, or pdftoppm failed)."""
        picture = self.get(signature, dpi)
        if picture is not None:
            return picture
        with self._condition:
            where = self._where.get(signature)
        if where is None or self.tool is None:
            return None
        self._run(where[0], [(where[1], signature)], dpi)
        return self.get(signature, dpi)

    def wait(self, timeout: float) -> bool:
        """Wait until every page of the shown PDF has its picture; False when ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or self._stopped:
                    return False
                self._condition.wait(left)
        return True

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify_all()

    # --- the drawing threads -----------------------------------------------------------------------------

    def _start(self) -> None:
        if self.tool is None or self._threads:
            return
        count = max(1, min(WORKERS, os.cpu_count() or 1))
        self._threads = [threading.Thread(target=self._work, daemon=True) for _ in range(count)]
        for thread in self._threads:
            thread.start()

    def _next(self) -> tuple[Path, list[tuple[int, str]]] | None:
        """The next pages to draw (a run of neighbours in the shown PDF), taken off the list; None: stop."""
        with self._condition:
            while not self._stopped and not self._pending:
                self._condition.wait()
            if self._stopped or self._pdf is None:
                return None
            if self._first in self._pending:
                pages, self._first = [self._first], None
            else:
                start = min(self._pending, key=lambda page: (page < self._view, abs(page - self._view)))
                pages = [start]
                while len(pages) < CHUNK and pages[-1] + 1 in self._pending:
                    pages.append(pages[-1] + 1)
            for page in pages:
                self._pending.remove(page)
                self._busy.add((self._signatures[page], BASE_DPI))
            return self._pdf, [(page + 1, self._signatures[page]) for page in pages]

    def _work(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            pdf, pages = job
            try:
                self._run(pdf, pages, BASE_DPI)
            finally:
                with self._condition:
                    for _number, signature in pages:
                        self._busy.discard((signature, BASE_DPI))
                    self._condition.notify_all()

    def _run(self, pdf: Path, pages: list[tuple[int, str]], dpi: int) -> None:
        """Draw ``pages`` (numbers 1-based, consecutive) of ``pdf`` at ``dpi`` with one pdftoppm."""
        assert self.tool is not None
        first, last = pages[0][0], pages[-1][0]
        prefix = self._folder / f"draw-{threading.get_ident()}-{dpi}-{first}"
        command = [
            self.tool,
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(first),
            "-l",
            str(last),
            str(pdf),
            str(prefix),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=DRAW_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return
        # pdftoppm numbers its files by page, padded to the width of the document's last page number
        for path in self._folder.glob(f"{prefix.name}-*.png"):
            number = int(path.stem.rsplit("-", 1)[1])
            signature = dict(pages).get(number)
            try:
                data = path.read_bytes()
            except OSError:
                continue
            with contextlib.suppress(OSError):  # Windows: a scanner holding it; gone with the folder
                path.unlink()
            if signature is not None:
                self._keep(signature, dpi, data)

    def _keep(self, signature: str, dpi: int, data: bytes) -> None:
        with self._condition:
            if (signature, dpi) not in self._pictures:
                self._pictures[(signature, dpi)] = data
                self._size += len(data)
            if dpi == BASE_DPI:
                self.finished.setdefault(signature, time.perf_counter())
            while self._size > LIMIT_BYTES and len(self._pictures) > 1:
                _key, old = self._pictures.popitem(last=False)
                self._size -= len(old)
            self._condition.notify_all()
        self._drawn(signature)
