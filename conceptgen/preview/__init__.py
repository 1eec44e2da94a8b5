"""``conceptgen preview PROJECT``: a local web page (127.0.0.1, a free port) with the diagnostics and the
rendered pages of one document, rendered again on every save.

A watcher polls the project's files (portable: no file-system events needed) and, once they have been
quiet for a moment, renders the document in memory. A .docx the same as the one shown is done there; a
new one is converted through a LibreOffice kept running (render/office_session.py; the PDF of a .docx
converted before comes from memory or the project's cache). When LibreOffice has laid the document out, the
page with the edit (found by its text, preview/edits.py) is exported and drawn alone, before the whole
document is exported: PDF export takes time by the page. Of the new PDF's pages only those that look
different from every page drawn before are drawn (preview/pages.py): the page with the edit first, then
those nearest to the page the browser shows; until its new picture is there, a page keeps its old one.
While a change has errors, the page shows them and keeps the last good pages. The browser asks
``/state?after=N``, which answers as soon as anything is newer than N (or after ``LONG_POLL_S``).

The server answers only requests addressed to itself — ``Host`` localhost, 127.0.0.1 or [::1] with its
port — so a page elsewhere that rebinds its DNS name to 127.0.0.1 gets 403, never the rendered PDF. A
port in use gives the next free one (up to ``PORT_TRIES``), else CG632.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from conceptgen.preview.edits import paragraphs, patch, search_text
from conceptgen.preview.page import PAGE
from conceptgen.preview.pages import BASE_DPI, ZOOM_DPI, Pictures, edited_page, page_texts, read_layout

POLL_S = 0.1
QUIET_S = 0.15  # editors save in several steps: a change counts once the files were this long unchanged
LONG_POLL_S = 10.0
SKIPPED = {"build", ".conceptgen", ".git", "__pycache__"}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
PORT_TRIES = 20  # a port in use: the next ones are tried
KEPT_PDFS = 5  # PDFs (versions, early pages) that stay on disk (a picture still being drawn from one)
MEMO_PDFS = 8  # PDFs kept in memory by their .docx


def allowed_host(host: str | None, port: int) -> bool:
    """Whether a request's ``Host`` header names this server: a local name with exactly its port."""
    if not host:
        return False
    name, sep, given = host.strip().lower().rpartition(":")
    return bool(sep) and name in LOCAL_HOSTS and given == str(port)


@dataclass
class State:
    seq: int = 0  # raised on every change: /state?after=seq waits for the next
    version: int = 0  # of the pages: a new PDF
    status: str = "starting"  # starting, rendering, layout, ok, error
    diagnostics: list[dict[str, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)  # key (signature), width, height (points)
    headings: list[dict[str, Any]] = field(default_factory=list)  # level, title, page, top
    images: bool = False
    edited: int | None = None  # the page of the last change (0-based)
    # the page with the edit ahead of the rest: page, key, after (the version it came after), patched (from
    # the edit applied to the document loaded), "same" (its picture and that of the whole document's page
    # there), once known
    early: dict[str, Any] | None = None
    changed: int = 0  # pages that looked different from the version before
    unchanged: bool = False  # the last refresh gave the same document
    resumed: bool = False  # the pages the last preview showed, until the first refresh is there
    seconds: float | None = None  # the last refresh, from the change it saw to all its pages drawn
    first_seconds: float | None = None  # … to the picture of the page with the change
    stages: dict[str, float] = field(default_factory=dict)  # render, libreoffice, pages: seconds each
    rendered_at: str = ""
    kept: bool = False
    title: str = ""
    document: str = ""
    documents: list[str] = field(default_factory=list)  # the project's documents (output names)
    shown: int = 0  # the index of the one shown
    comments: list[dict[str, str]] = field(default_factory=list)  # kommentare.yaml (review/comments.py)

    def public(self, pictures: Pictures | None = None) -> dict[str, Any]:
        found = dict(self.__dict__)
        found["pages"] = [
            {**page, "ready": pictures is not None and pictures.ready(page["key"])} for page in self.pages
        ]
        found["zoom_dpi"] = [BASE_DPI, *ZOOM_DPI]
        return found


class Preview:
    def __init__(self, root: Path, document: int = 0, office: Any = None) -> None:
        self.root = root
        self.document = document
        self.office = office
        self.state = State(kept=bool(office and office.running), shown=document)
        self.pdfs: dict[int, bytes] = {}  # version → PDF (the latest only)
        self._lock = threading.Condition()  # guards the state; notified on each change
        self._stop = threading.Event()
        # the PDFs of the versions and pdftoppm's files: made with the first pages, removed by stop()
        self._folder = Path(tempfile.gettempdir()) / f"conceptgen-preview-{os.getpid()}-{id(self)}"
        self.pictures = Pictures(self._folder, drawn=self._drawn)
        self._files: list[Path] = []  # the versions' PDFs on disk, oldest first
        self._docx = ""  # SHA-256 of the .docx shown
        self._memo: OrderedDict[str, bytes] = OrderedDict()  # .docx SHA-256 → its PDF
        self._waiting: set[str] = set()  # signatures of the shown version not drawn yet
        self._started = 0.0  # when the change being shown was seen (perf_counter)
        self._shown = b""  # the .docx shown (preview/edits.py compares the next with it)
        self._early_at: float | None = None  # when this refresh's early page was there (perf_counter)

    # --- rendering ---------------------------------------------------------------------------------

    def refresh(self, since: float | None = None) -> None:
        """Render the document; on errors keep the last good pages and show the diagnostics. Returns when
        the new pages are known (their texts, which changed); their pictures are drawn meanwhile."""
        from conceptgen.review.comments import comment_list

        started = since or time.perf_counter()
        self._early_at = None
        comments = comment_list(self.root)
        with self._lock:
            self.state.status = "rendering"
            self.state.comments = comments
            self._publish()
        rendered = self._render()
        if rendered is None:
            return
        path, docx, diagnostics = rendered
        digest = hashlib.sha256(docx).hexdigest()
        rendered_at = time.perf_counter()
        with self._lock:
            self.state.diagnostics = diagnostics
            self.state.document = path.name
            if digest == self._docx:  # the same document: its pages stand
                self._done(started, unchanged=True, stages={"render": rendered_at - started})
                return
            self.state.status = "layout"
            self._publish()
        edit = patch(self._shown, docx) if self._shown else None
        find = search_text(paragraphs(self._shown), paragraphs(docx)) if self._shown and not edit else None
        try:
            pdf = self._pdf(docx, digest, started, find=find, edit=edit)
        except Exception as exc:  # LibreOffice failed: say so, keep the pages
            self._failed(f"LibreOffice: {exc}")
            return
        self._shown = docx
        stages = {"render": rendered_at - started, "libreoffice": time.perf_counter() - rendered_at}
        if self._early_at is not None:
            stages["early"] = self._early_at - rendered_at
        try:
            self._show(pdf, digest, started, stages)
        except Exception as exc:  # a bug must not end the preview: show it, keep the pages
            self._failed(f"interner Fehler: {exc!r}")

    def _render(self) -> tuple[Path, bytes, list[dict[str, str]]] | None:
        """The document's path and bytes and the warnings; None (the state says why) on errors."""
        from conceptgen.diagnostics import DiagnosticError, Level
        from conceptgen.pipeline import render_project

        try:
            result = render_project(self.root, only=self.document, write=False, libreoffice=False)
        except DiagnosticError as exc:
            with self._lock:
                self.state.diagnostics = [_entry(d) for d in exc.diagnostics]
                self.state.status = "error"
                self._publish()
            return None
        except Exception as exc:  # a bug must not end the preview: show it
            self._failed(f"interner Fehler: {exc!r}")
            return None
        path, docx = next(iter(result.contents.items()))
        diagnostics = [  # without CG407: the pages come from LibreOffice anyway
            _entry(d) for d in result.diagnostics if d.level is not Level.IGNORE and d.code != "CG407"
        ]
        return path, docx, diagnostics

    def _failed(self, text: str) -> None:
        with self._lock:
            self.state.diagnostics = [{"where": "", "text": text, "level": "error"}]
            self.state.status = "error"
            self._publish()

    def _pdf(
        self,
        docx: bytes,
        digest: str,
        started: float = 0.0,
        *,
        find: str | None = None,
        edit: dict | None = None,
    ) -> bytes:
        """The PDF of ``docx``: converted before (in memory, or in the project's cache), else now (through
        a kept LibreOffice, with ``edit`` applied to the document shown or ``find``: the page with the edit
        shown first, ``_early``)."""
        from conceptgen.cache import Cache
        from conceptgen.render.libreoffice import fingerprint

        if digest in self._memo:
            self._memo.move_to_end(digest)
            return self._memo[digest]
        cache = Cache.of_project(self.root)
        key = Cache.key("preview_pdf", digest, fingerprint())
        pdf = cache.get(key)
        if pdf is None:
            if self.office is None:
                pdf = _cold(docx)
            elif (find or edit) and getattr(self.office, "kept", False):
                pdf = self.office.convert(
                    docx, find=find, patch=edit, base=self._shown,
                    early=lambda one, page: self._early(one, page, started),
                )  # fmt: skip
            else:
                pdf = self.office.convert(docx)
            cache.put(key, pdf)
            cache.prune()
        cache.put(self._last_key(), digest.encode())
        self._memo[digest] = pdf
        while len(self._memo) > MEMO_PDFS:
            self._memo.popitem(last=False)
        return pdf

    def _early(self, pdf: bytes, page: int, started: float) -> None:
        """Show ``pdf``, the new document's page ``page`` (0-based) exported alone, in that page's place
        while the whole document is still being exported; ``first_seconds`` says when it was there."""
        try:
            layout = read_layout(pdf)
            if len(layout.signatures) != 1 or self._stop.is_set():
                return
            with self._lock:
                if page >= len(self.state.pages):  # a page the shown version does not have yet
                    return
            key = layout.signatures[0]
            self._folder.mkdir(exist_ok=True)
            path = self._folder / f"early-{self.state.version}-{key[:12]}.pdf"
            path.write_bytes(pdf)
            self._keep_file(path)
            self.pictures.place(path, [key])
            if self.pictures.draw(key, BASE_DPI) is None:
                return
        except Exception:  # the whole document follows all the same
            return
        with self._lock:
            if page >= len(self.state.pages) or self._stop.is_set():
                return
            width, height = layout.sizes[0]
            self.state.pages[page] = {"key": key, "width": round(width, 1), "height": round(height, 1)}
            patched = bool(getattr(self.office, "patched", False))
            self.state.early = {"page": page, "key": key, "after": self.state.version, "patched": patched}
            self.state.edited = page
            self._early_at = time.perf_counter()
            self.state.first_seconds = round(self._early_at - started, 2)
            self._publish()

    def _keep_file(self, path: Path) -> None:
        """Keep ``path`` among the last KEPT_PDFS files (older ones go, with their pages' places)."""
        self._files.append(path)
        self._files, gone = self._files[-KEPT_PDFS:], self._files[:-KEPT_PDFS]
        self.pictures.forget(set(self._files))
        for file in gone:
            with contextlib.suppress(OSError):  # Windows: a pdftoppm still reading it; gone with the folder
                file.unlink(missing_ok=True)

    def _last_key(self) -> str:
        """Where the project's cache names the .docx this document's preview showed last."""
        from conceptgen.cache import Cache

        return Cache.key("preview_last", str(self.root.resolve()), str(self.document))

    def resume(self) -> bool:
        """Show the pages the last preview of this document showed (their PDF from the project's cache),
        marked as an earlier state until the first refresh; False when there are none."""
        from conceptgen.cache import Cache
        from conceptgen.render.libreoffice import fingerprint

        cache = Cache.of_project(self.root)
        digest = (cache.get(self._last_key()) or b"").decode("ascii", "replace")
        pdf = cache.get(Cache.key("preview_pdf", digest, fingerprint())) if len(digest) == 64 else None
        if pdf is None:
            return False
        self._show(pdf, "", time.perf_counter(), {})  # no .docx: the first refresh is never „unchanged“
        with self._lock:
            self.state.status, self.state.resumed = "starting", True
            self._publish()
        return True

    def _show(self, pdf: bytes, digest: str, started: float, stages: dict[str, float]) -> None:
        """Make ``pdf`` the shown version: its pages' texts and headings now, pictures of the pages that
        changed drawn from here on (the page with the edit first)."""
        begun = time.perf_counter()
        try:
            layout = read_layout(pdf)
        except ValueError as exc:
            self._failed(str(exc))
            return
        version = self.state.version + 1
        if self._stop.is_set():  # stopped meanwhile (Ctrl+C during a refresh): its folder is gone for good
            return
        self._folder.mkdir(exist_ok=True)
        path = self._folder / f"v{version}.pdf"
        path.write_bytes(pdf)
        texts = page_texts(path, len(layout.signatures))
        old = [page["key"] for page in self.state.pages]
        changed = [i for i, key in enumerate(layout.signatures) if i >= len(old) or old[i] != key]
        edited = edited_page(self.state.texts, texts, changed)
        self._keep_file(path)
        with self._lock:
            self._started, self._docx = started, digest
            if self.pictures.tool is not None:
                self.pictures.show(path, layout.signatures, edited)
            self._waiting = {s for s in layout.signatures if not self.pictures.ready(s)}
            self.pdfs = {version: pdf}
            self.state.version = version
            self.state.texts = texts
            self.state.pages = [
                {"key": key, "width": round(w, 1), "height": round(h, 1)}
                for key, (w, h) in zip(layout.signatures, layout.sizes, strict=True)
            ]
            self.state.headings = [h.__dict__ for h in layout.headings]
            self.state.images = self.pictures.tool is not None and bool(layout.signatures)
            self.state.edited, self.state.changed = edited, len(changed)
            self._check_early()
            self._done(started, unchanged=False, stages={**stages, "pages": time.perf_counter() - begun})

    def _done(self, started: float, *, unchanged: bool, stages: dict[str, float]) -> None:
        """The refresh is shown (the lock held); its times are set when its pictures are there."""
        self.state.status = "ok"
        self.state.resumed = False
        self.state.unchanged = unchanged
        self.state.stages = {name: round(seconds, 2) for name, seconds in stages.items()}
        self.state.rendered_at = time.strftime("%H:%M:%S")
        self.state.seconds = None
        self.state.first_seconds = None if self._early_at is None else round(self._early_at - started, 2)
        self._started = started
        if unchanged or not self.state.images:
            self._waiting = set()
        self._timing()
        self._publish()

    def _drawn(self, signature: str) -> None:
        """A picture is there (pages.Pictures calls this from its drawing threads)."""
        with self._lock:
            self._waiting.discard(signature)
            self._check_early()
            self._timing()
            self._publish()

    def _check_early(self) -> None:
        """Once the whole document's page at the early page's place has its picture: whether the two
        pictures are the same (``early["same"]``; the lock held)."""
        early = self.state.early
        if early is None or "same" in early or early["after"] != self.state.version - 1:
            return
        page = early["page"]
        if page >= len(self.state.pages):
            early["same"] = False
            return
        key = self.state.pages[page]["key"]
        if key == early["key"] or self.pictures.ready(key):
            early["same"] = key == early["key"] or self.pictures.get(key) == self.pictures.get(early["key"])

    def _timing(self) -> None:
        """Set the refresh's times once the page with the edit and then all pages have their pictures."""
        now = round(time.perf_counter() - self._started, 2)
        pages = self.state.pages
        edited = self.state.edited
        first = pages[edited]["key"] if edited is not None and edited < len(pages) else None
        if self.state.first_seconds is None and (first is None or first not in self._waiting):
            self.state.first_seconds = now
        if self.state.seconds is None and not self._waiting:
            self.state.seconds = now

    def _publish(self) -> None:
        """Tell waiting browsers that the state changed (the lock held)."""
        self.state.seq += 1
        self._lock.notify_all()

    def wait_drawn(self, timeout: float = 120.0) -> bool:
        """Wait until every page shown has its picture (False: ``timeout`` passed first)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.state.seconds is not None, timeout)

    def watch(self) -> None:
        """Poll the project; render once the files have been quiet for a moment after a change."""
        seen = snapshot(self.root)
        while not self._stop.is_set():
            time.sleep(POLL_S)
            now = snapshot(self.root)
            if now == seen:
                continue
            changed_at = time.perf_counter()
            while not self._stop.is_set():  # debounce: editors save in several steps
                time.sleep(QUIET_S)
                later = snapshot(self.root)
                if later == now:
                    break
                now = later
            seen = now
            self.refresh(since=changed_at)

    def stop(self) -> None:
        """End the watcher and the drawing; the pictures' folder goes."""
        self._stop.set()
        self.pictures.stop()
        shutil.rmtree(self._folder, ignore_errors=True)

    # --- serving -----------------------------------------------------------------------------------

    def serve(self, port: int = 0) -> Any:
        """The server on 127.0.0.1 at ``port`` (0: any free one; in use: the next free one), serving in
        a thread. Raises DiagnosticError (CG632) when no port can be had."""
        preview = self

        class Handler(_Handler):
            owner = preview

        server = _bind(port, Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


def _bind(port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    from conceptgen.diagnostics import DiagnosticError, diagnostic

    candidates = [port] if port == 0 else [p for p in range(port, port + PORT_TRIES) if p <= 65535]
    reason = ""
    for candidate in candidates:
        try:
            return ThreadingHTTPServer(("127.0.0.1", candidate), handler)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                break
    last = candidates[-1] if candidates else port
    span = f"{port}" if last == port else f"{port} bis {last}"
    raise DiagnosticError(
        diagnostic(
            "CG632",
            f"die Vorschau kann auf 127.0.0.1 an Port {span} nicht lauschen: {reason}",
            None,
            hint="einen anderen Port mit --port angeben (oder --port 0 für irgendeinen freien)",
        )
    )


def _entry(d: Any) -> dict[str, str]:
    return {"where": str(d.location) if d.location else "", "text": d.format(), "level": d.level.value}


def _cold(docx: bytes) -> bytes:
    from conceptgen.render.libreoffice import to_pdf

    return to_pdf(docx, tagged=False, bookmarks=False)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the project (not build/, not hidden folders) with its modification time and size."""
    found = {}
    for path in root.rglob("*"):
        parts = path.relative_to(root).parts
        if any(p in SKIPPED or p.startswith(".") for p in parts[:-1]) or parts[-1].startswith((".", "~$")):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


class _Handler(BaseHTTPRequestHandler):
    owner: Preview

    def log_message(self, *args: Any) -> None:  # no access log on the terminal
        pass

    def _send(self, status: int, kind: str, body: bytes, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if not allowed_host(self.headers.get("Host"), self.server.server_address[1]):
            self._send(
                403, "text/plain; charset=utf-8", "nur für localhost".encode()
            )  # a DNS rebinding page gets nothing
            return
        owner = self.owner
        address = urlsplit(self.path)
        parts = address.path.strip("/").split("/")
        if parts == [""]:
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif parts == ["state"]:
            self._state(parse_qs(address.query))
        elif len(parts) == 3 and parts[0] == "picture" and _signature(parts[1]) and parts[2].isdigit():
            dpi = int(parts[2])
            picture = owner.pictures.draw(parts[1], dpi) if dpi in (BASE_DPI, *ZOOM_DPI) else None
            if picture is None:
                self._send(404, "text/plain; charset=utf-8", b"diese Seite gibt es nicht")
            else:  # addressed by its content: the browser may keep it
                self._send(200, "image/png", picture, cache="private, max-age=86400, immutable")
        elif len(parts) == 2 and parts[0] == "pdf" and parts[1].isdigit() and int(parts[1]) in owner.pdfs:
            self._send(200, "application/pdf", owner.pdfs[int(parts[1])])
        else:
            self._send(404, "text/plain; charset=utf-8", b"nicht gefunden")

    def _state(self, query: dict[str, list[str]]) -> None:
        """The state as JSON, once it is newer than ``after`` (or after LONG_POLL_S); ``view``: the page
        the browser shows, whose neighbours are drawn next."""
        owner = self.owner
        view, after = query.get("view", [""])[0], query.get("after", [""])[0]
        if view.isdigit() and len(view) < 7:
            owner.pictures.look_at(int(view))
        with owner._lock:
            if after.lstrip("-").isdigit() and len(after) < 12:
                owner._lock.wait_for(lambda: owner.state.seq > int(after), LONG_POLL_S)
            body = json.dumps(owner.state.public(owner.pictures), ensure_ascii=False).encode("utf-8")
        self._send(200, "application/json; charset=utf-8", body)


def _signature(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)
