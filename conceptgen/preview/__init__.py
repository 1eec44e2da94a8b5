"""``conceptgen preview PROJECT``: a local web page (127.0.0.1, a free port) with the diagnostics and the
rendered pages of one document, rendered again on every save.

A watcher polls the project's files (portable: no file-system events needed) and, once they have been
quiet for a moment, renders the document in memory, converts it through a LibreOffice kept running
(render/office_session.py) and turns the PDF into page images (poppler's pdftoppm) and page texts. While
a change has errors, the page shows them and keeps the last good pages. The browser asks ``/state``
twice a second and loads what is new.

The server answers only requests addressed to itself — ``Host`` localhost, 127.0.0.1 or [::1] with its
port — so a page elsewhere that rebinds its DNS name to 127.0.0.1 gets 403, never the rendered PDF. A
port in use gives the next free one (up to ``PORT_TRIES``), else CG632.
"""

from __future__ import annotations

import errno
import io
import json
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from conceptgen.preview.page import PAGE

POLL_S = 0.25
QUIET_S = 0.35
SKIPPED = {"build", ".conceptgen", ".git", "__pycache__"}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
PORT_TRIES = 20  # a port in use: the next ones are tried


def allowed_host(host: str | None, port: int) -> bool:
    """Whether a request's ``Host`` header names this server: a local name with exactly its port."""
    if not host:
        return False
    name, sep, given = host.strip().lower().rpartition(":")
    return bool(sep) and name in LOCAL_HOSTS and given == str(port)


@dataclass
class State:
    version: int = 0  # of the pages: the browser reloads them when it changes
    status: str = "starting"  # starting, rendering, ok, error
    diagnostics: list[dict[str, str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    images: bool = False
    seconds: float | None = None  # the last refresh, from the change it saw to the new pages
    rendered_at: str = ""
    kept: bool = False
    title: str = ""
    document: str = ""
    comments: list[dict[str, str]] = field(default_factory=list)  # kommentare.yaml (review/comments.py)

    def public(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


class Preview:
    def __init__(self, root: Path, document: int = 0, office: Any = None) -> None:
        self.root = root
        self.document = document
        self.office = office
        self.state = State(kept=bool(office and office.running))
        self.pages: dict[int, list[bytes]] = {}  # version → PNG pages
        self.pdfs: dict[int, bytes] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    # --- rendering ---------------------------------------------------------------------------------

    def refresh(self, since: float | None = None) -> None:
        """Render the document; on errors keep the last good pages and show the diagnostics."""
        from conceptgen.diagnostics import DiagnosticError, Level
        from conceptgen.pipeline import render_project
        from conceptgen.review.comments import comment_list

        started = since or time.perf_counter()
        comments = comment_list(self.root)
        with self._lock:
            self.state.status = "rendering"
            self.state.comments = comments
        try:
            result = render_project(self.root, only=self.document, write=False, libreoffice=False)
        except DiagnosticError as exc:
            with self._lock:
                self.state.diagnostics = [_entry(d) for d in exc.diagnostics]
                self.state.status = "error"
            return
        except Exception as exc:  # a bug must not end the preview: show it
            with self._lock:
                self.state.diagnostics = [
                    {"where": "", "text": f"interner Fehler: {exc!r}", "level": "error"}
                ]
                self.state.status = "error"
            return
        path, docx = next(iter(result.contents.items()))
        try:
            pdf = self.office.convert(docx) if self.office is not None else _cold(docx)
        except Exception as exc:  # LibreOffice failed: say so, keep the pages
            with self._lock:
                self.state.diagnostics = [{"where": "", "text": f"LibreOffice: {exc}", "level": "error"}]
                self.state.status = "error"
            return
        images, texts = pages_of(pdf)
        with self._lock:
            version = self.state.version + 1
            self.pages = {version: images}
            self.pdfs = {version: pdf}
            self.state.version = version
            self.state.texts = texts
            self.state.images = bool(images)
            self.state.diagnostics = [  # without CG407: the pages come from LibreOffice anyway
                _entry(d) for d in result.diagnostics if d.level is not Level.IGNORE and d.code != "CG407"
            ]
            self.state.status = "ok"
            self.state.document = path.name
            self.state.seconds = round(time.perf_counter() - started, 2)
            self.state.rendered_at = time.strftime("%H:%M:%S")

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
        self._stop.set()

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


def pages_of(pdf: bytes, dpi: int = 70) -> tuple[list[bytes], list[str]]:
    """Each page as PNG (when poppler's pdftoppm is there) and as text. The pictures are drawn by two
    pdftoppm processes, each for half of the pages, while the text is read here: the three overlap."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    count = len(reader.pages)
    tool = shutil.which("pdftoppm")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "preview.pdf"
        source.write_bytes(pdf)
        halves = [(1, count)] if count < 6 or tool is None else [(1, count // 2), (count // 2 + 1, count)]
        drawing = [
            subprocess.Popen(
                [
                    tool,
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    str(first),
                    "-l",
                    str(last),
                    str(source),
                    str(Path(folder) / "page"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for first, last in (halves if tool is not None and count else [])
        ]
        try:
            texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
            for process in drawing:
                _, errors = process.communicate(timeout=120)
                if process.returncode:
                    raise subprocess.CalledProcessError(process.returncode, tool or "pdftoppm", stderr=errors)
        finally:
            for process in drawing:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        # pdftoppm numbers its files by page, padded to the width of the last page's number
        pictures = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        images = [p.read_bytes() for p in pictures]
    return images, texts


class _Handler(BaseHTTPRequestHandler):
    owner: Preview

    def log_message(self, *args: Any) -> None:  # no access log on the terminal
        pass

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
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
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts == [""]:
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif parts == ["state"]:
            with owner._lock:
                body = json.dumps(owner.state.public(), ensure_ascii=False).encode("utf-8")
            self._send(200, "application/json; charset=utf-8", body)
        elif len(parts) == 3 and parts[0] == "page" and parts[1].isdigit() and parts[2].isdigit():
            images = owner.pages.get(int(parts[1]), [])
            index = int(parts[2])
            if 0 <= index < len(images):
                self._send(200, "image/png", images[index])
            else:
                self._send(404, "text/plain; charset=utf-8", b"diese Seite gibt es nicht")
        elif len(parts) == 2 and parts[0] == "pdf" and parts[1].isdigit() and int(parts[1]) in owner.pdfs:
            self._send(200, "application/pdf", owner.pdfs[int(parts[1])])
        else:
            self._send(404, "text/plain; charset=utf-8", b"nicht gefunden")
