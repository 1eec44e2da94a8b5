"""A LibreOffice kept running for a preview: started once, then every refresh converts through it (UNO,
driven by LibreOffice's own Python with render/uno_worker.py) in about half a second instead of the three
seconds a start costs. Without a Python that has ``uno`` (Debian: python3-uno; the LibreOffice installers
for Windows and macOS bring their own), each conversion starts LibreOffice as ``render`` does.

The session is a process group of its own (LibreOffice and the worker), stopped on ``close`` and on exit.
Once connected, the worker lays out a hyphenated German paragraph, so that loading the hyphenation
patterns (≈ 1.6 s) does not fall on the first document; ``launch`` lets that start overlap the first
render, and the first ``convert`` waits for it.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from conceptgen.render.libreoffice import (
    TEMP_PREFIX,
    LibreOfficeError,
    environment,
    find_soffice,
    kill,
    to_pdf,
)

WORKER = Path(__file__).resolve().parent / "uno_worker.py"
START_TIMEOUT_S = 90.0
CONVERT_TIMEOUT_S = 120.0


@functools.cache
def find_uno_python(soffice: str) -> str | None:
    """A Python that can import ``uno``: LibreOffice's own (beside soffice), else the system's python3."""
    program = Path(soffice).resolve().parent
    candidates = [program / "python", program / "python.exe", program.parent / "Resources" / "python"]
    candidates += [Path(p) for p in (shutil.which("python3"), "/usr/bin/python3") if p]
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            probe = subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return str(candidate)
    return None


def _group() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
    return {"start_new_session": True}


class KeptLibreOffice:
    """``convert(docx) -> pdf`` through one LibreOffice for the whole session (``kept`` says whether it
    is: False means a cold start per conversion)."""

    def __init__(self) -> None:
        self.kept = False
        self.patched = False  # whether the last page handed early came from a patch of the loaded document
        self._soffice: subprocess.Popen | None = None
        self._worker: subprocess.Popen | None = None
        self._replies: queue.Queue[str] = queue.Queue()
        self._folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-preview-"))
        self._lock = threading.Lock()
        self._owner = os.getpid()
        self._launched = False  # a forked child never closes its parent's LibreOffice
        atexit.register(self.close)

    def start(self) -> bool:
        """Start LibreOffice and wait until it serves; False without a Python that has ``uno``."""
        return self.launch() and self.ready()

    def launch(self) -> bool:
        """Start LibreOffice and the worker without waiting (its start overlaps whatever comes next).
        ``CONCEPTGEN_KEEP_LIBREOFFICE=0`` switches this off (a start per batch, as before)."""
        if os.environ.get("CONCEPTGEN_KEEP_LIBREOFFICE") == "0":
            return False
        soffice = find_soffice()
        if soffice is None:
            return False
        python = find_uno_python(soffice)
        if python is None:
            return False
        pipe = f"pipe,name=conceptgen-{os.getpid()}-{id(self)}"
        profile = (self._folder / "profile").as_uri()
        self._soffice = subprocess.Popen(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
             "--nolockcheck", f"--accept={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment(self._folder), **_group(),
        )  # fmt: skip
        self._worker = subprocess.Popen(
            [python, str(WORKER), pipe, str(self._folder / "warm-up.pdf")], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", **_group(),
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()
        self._launched = True
        return True

    def ready(self) -> bool:
        """Wait until the launched LibreOffice serves (False: it did not come up; then close it)."""
        if self.kept:
            return True
        if not self._launched:
            return False
        self._launched = False
        try:
            ready = json.loads(self._replies.get(timeout=START_TIMEOUT_S))
        except (queue.Empty, ValueError):
            self.close()
            return False
        self.kept = bool(ready.get("ready"))
        return self.kept

    def _read(self) -> None:
        assert self._worker is not None and self._worker.stdout is not None
        for line in self._worker.stdout:
            self._replies.put(line)

    @property
    def running(self) -> bool:
        """Kept, or launched and coming up (``convert`` waits for it)."""
        return self.kept or self._launched

    def convert(
        self,
        docx: bytes,
        *,
        tagged: bool = False,
        bookmarks: bool = False,
        find: str | None = None,
        early: Callable[[bytes, int], None] | None = None,
        patch: dict[str, str] | None = None,
        base: bytes | None = None,
    ) -> bytes:
        """The PDF of ``docx``. With ``early``, a page of the new document is handed to
        ``early(pdf_of_that_page, page)`` (0-based) before the whole PDF: with ``patch`` (preview/edits.py)
        and ``base``, the .docx it changes, when that is the one converted last — the operation applied
        to the document still loaded, its page exported; else with ``find``, once the new .docx is laid
        out, the page where that text stands. A cold start per conversion hands nothing early. Raises
        LibreOfficeError."""
        with self._lock:
            if self._launched:  # launched earlier, its start overlapping the caller's work: wait for it now
                self.ready()
        if not self.kept or self._worker is None or self._worker.stdin is None:
            return to_pdf(docx, tagged=tagged, bookmarks=bookmarks)
        with self._lock:
            source, target = self._folder / "preview.docx", self._folder / "preview.pdf"
            target.unlink(missing_ok=True)
            source.write_bytes(docx)
            first = self._folder / "early.pdf"
            first.unlink(missing_ok=True)
            request = {
                "docx": str(source), "pdf": str(target), "tagged": tagged, "bookmarks": bookmarks,
                "digest": hashlib.sha256(docx).hexdigest(),
            }  # fmt: skip
            if early is not None and (find or patch):
                request.update(find=find or "", early=str(first))
            if early is not None and patch and base is not None:
                request.update(patch=patch, base=hashlib.sha256(base).hexdigest())
            self._worker.stdin.write(json.dumps(request) + "\n")
            self._worker.stdin.flush()
            reply = self._reply()
            if "early" in reply:
                page = int(reply["early"]) - 1
                try:
                    pdf = first.read_bytes()
                except OSError:
                    pdf = b""
                self.patched = bool(reply.get("patched"))
                if pdf and early is not None:
                    early(pdf, page)
                reply = self._reply()
            if not reply.get("ok") or not target.is_file():
                raise LibreOfficeError(f"LibreOffice konnte nicht umwandeln: {reply.get('error', '')}")
            return target.read_bytes()

    def _reply(self) -> dict:
        try:
            return json.loads(self._replies.get(timeout=CONVERT_TIMEOUT_S))
        except queue.Empty:
            raise LibreOfficeError(
                f"LibreOffice hat nicht innerhalb von {CONVERT_TIMEOUT_S:.0f} s umgewandelt",
                timed_out=True,
            ) from None

    def close(self) -> None:
        if os.getpid() != self._owner:
            return
        for process in (self._worker, self._soffice):
            if process is not None:
                kill(process)
        self._worker = self._soffice = None
        self.kept = False
        shutil.rmtree(self._folder, ignore_errors=True)
