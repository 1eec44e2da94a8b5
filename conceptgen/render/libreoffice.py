"""LibreOffice headless: PDF export, and the page numbers of bookmarks for our own indexes.

We never let LibreOffice write the .docx (its export loses Word features). We convert our document to a
PDF with bookmarks exported as named destinations, read the page of every heading and caption bookmark,
and write those numbers into our own TOC entries (render/indexes.py).

LibreOffice runs in a process group (a session on POSIX) of its own, in a temporary folder of its own:
on a timeout, an interrupt or the death of our process, the whole group is killed (``soffice`` starts
``soffice.bin``, which would otherwise keep running), and folders left by a killed render are removed
by the next one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from conceptgen.ooxml import anchors as xml_anchors

CANDIDATES = [
    "soffice",
    "libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
]
TEMP_PREFIX = "conceptgen-lo-"
STALE_AFTER_S = 24 * 3600
_RUNNING: set[Any] = set()  # Popen objects of LibreOffice processes started by this process


class LibreOfficeError(Exception):
    """LibreOffice is missing or failed; the message says which (German: it reaches the consultant).
    ``timed_out``: LibreOffice ran past its time limit (a PDF is not tried again then)."""

    def __init__(self, message: str, *, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out

    def __reduce__(self):  # type: ignore[no-untyped-def]  # keeps timed_out across worker processes
        return (type(self), (str(self),), {"timed_out": self.timed_out})


def find_soffice() -> str | None:
    """Path of the soffice executable, or None. ``CONCEPTGEN_SOFFICE`` overrides the search."""
    configured = os.environ.get("CONCEPTGEN_SOFFICE")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    for candidate in CANDIDATES:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    return None


def fingerprint() -> str:
    """Which LibreOffice would convert (its executable and version files: path, size, modification
    time), so that what it laid out is asked again after an update; "" without LibreOffice."""
    soffice = find_soffice()
    if soffice is None:
        return ""
    program = Path(shutil.which(soffice) or soffice).resolve()
    marks = [str(program)]
    for path in (program, program.parent / "versionrc", program.parent / "version.ini",
                 program.parent.parent / "Resources" / "versionrc"):  # fmt: skip
        try:
            status = path.stat()
        except OSError:
            continue
        marks.append(f"{path.name}:{status.st_size}:{status.st_mtime_ns}")
    return "|".join(marks)


def timeout_for(size: int) -> float:
    """Seconds a conversion of a document of ``size`` bytes may take: a minute plus half a minute per
    MB, at most ten minutes (``CONCEPTGEN_LIBREOFFICE_TIMEOUT`` overrides)."""
    configured = os.environ.get("CONCEPTGEN_LIBREOFFICE_TIMEOUT")
    if configured:
        return float(configured)
    return min(60.0 + 30.0 * size / 1_000_000, 600.0)


def to_pdf(
    docx: bytes,
    *,
    tagged: bool = True,
    bookmarks: bool = True,
    accessible: bool = False,
    anchors: bool = False,
) -> bytes:
    """Convert a .docx to PDF (tagged, bookmarks as named destinations; the review anchors among them
    only with ``anchors``). Raises LibreOfficeError."""
    [result] = to_pdf_many([docx], tagged=tagged, bookmarks=bookmarks, accessible=accessible, anchors=anchors)
    if isinstance(result, LibreOfficeError):
        raise result
    return result


def to_pdf_many(
    documents: list[bytes],
    *,
    tagged: bool = True,
    bookmarks: bool = True,
    accessible: bool = False,
    anchors: bool = False,
) -> list[bytes | LibreOfficeError]:
    """Convert several .docx to PDF with one start of LibreOffice (it takes seconds to start; a batch of
    62 profiles would otherwise start it 62 times). ``accessible``: LibreOffice's PDF/UA export
    (``PDFUACompliance``: XMP identification, title shown; render/pdf_ua.py adds what it leaves out).
    Returns a PDF or the error for each document; raises LibreOfficeError when LibreOffice cannot run at
    all. Bookmarks become named destinations, but not the review anchors (render/anchors.py: a thousand
    in a concept, a tenth of its PDF) unless ``anchors``."""
    if not documents:  # soffice without files would wait for a desktop that never comes
        return []
    if bookmarks and not anchors:
        documents = [xml_anchors.without_anchors(docx) for docx in documents]
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) nicht gefunden")
    options = _export_options(tagged=tagged, bookmarks=bookmarks, accessible=accessible)
    remove_stale_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        sources = []
        for i, docx in enumerate(documents):
            source = folder / f"document-{i:04d}.docx"
            source.write_bytes(docx)
            sources.append(source)
        failed: dict[Path, LibreOfficeError] = {}  # a document not converted: why
        for start in range(0, len(sources), MAX_PER_RUN):
            failed |= _convert_all(soffice, options, folder, sources[start : start + MAX_PER_RUN])
        results: list[bytes | LibreOfficeError] = []
        for source in sources:
            pdf = source.with_suffix(".pdf")
            if not pdf.is_file():
                results.append(failed[source])
                continue
            data = pdf.read_bytes()
            try:
                empty = page_count(data) == 0
            except LibreOfficeError as exc:
                results.append(exc)
                continue
            results.append(
                LibreOfficeError("LibreOffice hat ein PDF ohne Seiten geschrieben") if empty else data
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


# documents converted by one start of LibreOffice: LibreOffice 7.4 converted the first 245 of 490 and ended
# without a word (a 550-area batch lost 244 PDFs); 245 and fewer convert whole (measured, profiles of the
# 550-area bench)
MAX_PER_RUN = 200


def _convert_all(
    soffice: str, options: dict[str, Any], folder: Path, sources: list[Path]
) -> dict[Path, LibreOfficeError]:
    """``sources`` converted by as many starts of LibreOffice as it takes: a start that stopped on the way
    (it ends without a word) leaves the rest to the next; a start that converted nothing leaves out the
    document it stopped on. Gives up after a timeout or two starts in a row without a PDF."""
    failed: dict[Path, LibreOfficeError] = {}
    pending, fruitless = sources, 0
    while pending:
        failed |= _convert_run(soffice, options, folder, pending)
        missing = [s for s in pending if not s.with_suffix(".pdf").is_file()]
        if not missing or failed[missing[0]].timed_out:
            break
        fruitless = fruitless + 1 if len(missing) == len(pending) else 0
        if fruitless:  # nothing converted: the first is what it stopped on
            if fruitless == 2 or len(missing) == 1:
                break
            missing = missing[1:]
        pending = missing
    return failed


def _convert_run(
    soffice: str, options: dict[str, Any], folder: Path, sources: list[Path]
) -> dict[Path, LibreOfficeError]:
    """One start of LibreOffice converting ``sources`` (.docx files in ``folder``) into PDFs beside them.
    Returns what each source's failure would say: the last line LibreOffice printed, or its timeout — the
    documents of other runs keep their PDFs. Raises LibreOfficeError when LibreOffice cannot start."""
    command = [
        soffice,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":")),
        "--outdir",
        str(folder),
        *map(str, sources),
    ]
    size = sum(source.stat().st_size for source in sources)
    timeout = timeout_for(size) + 15.0 * (len(sources) - 1)  # each further document: its share
    try:
        output = run(command, timeout, env=environment(folder))
    except LibreOfficeError as exc:
        if not exc.timed_out:
            raise
        return dict.fromkeys(sources, exc)
    last = (output.strip().splitlines() or [""])[-1]
    error = LibreOfficeError(f"LibreOffice konnte das Dokument nicht umwandeln: {last}")
    return dict.fromkeys(sources, error)


def _export_options(*, tagged: bool, bookmarks: bool, accessible: bool) -> dict[str, Any]:
    """The PDF filter's options: tagged, bookmarks as named destinations, PDF/UA, pictures kept lossless
    (maps and image charts are flat colours and small text, which LibreOffice's default JPEG blurs)."""
    options = {
        "UseTaggedPDF": {"type": "boolean", "value": str(tagged).lower()},
        "UseLosslessCompression": {"type": "boolean", "value": "true"},
        "ExportBookmarksToPDFDestination": {"type": "boolean", "value": str(bookmarks).lower()},
        "ExportBookmarks": {"type": "boolean", "value": "true"},
    }
    if accessible:
        options["PDFUACompliance"] = {"type": "boolean", "value": "true"}
    return options


def environment(folder: Path) -> dict[str, str]:
    """The environment LibreOffice runs in: its temporary folder (``lu….tmp``, which a killed LibreOffice
    leaves behind) inside ``folder``, which is removed after the run or, after a crash, by the next
    run's :func:`remove_stale_folders`."""
    temporary = folder / "tmp"
    temporary.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(temporary), "TMP": str(temporary), "TEMP": str(temporary)}


def run(command: list[str], timeout: float, env: dict[str, str] | None = None) -> str:
    """Run LibreOffice in a process group of its own (in ``env``); returns its output. Raises
    LibreOfficeError when it cannot start or exceeds ``timeout`` (the whole group is killed then)."""
    group: dict[str, Any] = (
        {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
        if sys.platform == "win32"
        else {"start_new_session": True}
    )
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, **group
        )
    except OSError as exc:
        raise LibreOfficeError(f"LibreOffice ließ sich nicht starten: {exc}") from None
    _RUNNING.add(process)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process)
        raise LibreOfficeError(
            f"LibreOffice wurde nicht innerhalb von {timeout:.0f} s fertig", timed_out=True
        ) from None
    except BaseException:  # an interrupt: do not leave LibreOffice behind
        kill(process)
        raise
    finally:
        _RUNNING.discard(process)
    return output.decode("utf-8", "replace")


def kill(process: Any) -> None:
    """Kill a LibreOffice process and every process it started."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False
            )
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.kill()
        process.wait(timeout=5)


def stop_all() -> None:
    """Kill every LibreOffice this process started (when it must exit at once)."""
    for process in list(_RUNNING):
        kill(process)


def remove_stale_folders() -> None:
    """Remove temporary folders of renders that were killed (their process is gone, or they are old)."""
    root = Path(tempfile.gettempdir())
    now = time.time()
    for folder in root.glob(f"{TEMP_PREFIX}*"):
        try:
            pid = int(folder.name[len(TEMP_PREFIX) :].split("-", 1)[0])
        except ValueError:
            pid = 0
        try:
            old = now - folder.stat().st_mtime > STALE_AFTER_S
        except OSError:
            continue
        if pid != os.getpid() and (old or (pid and not _alive(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Whether a process with ``pid`` exists (never signals it on Windows, where os.kill terminates)."""
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reader(pdf: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return PdfReader(io.BytesIO(pdf))
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise LibreOfficeError(f"LibreOffice hat ein unlesbares PDF geschrieben ({exc})") from None


def bookmark_pages(pdf: bytes, names: list[str], *, complete: bool = False) -> dict[str, int]:
    """Page numbers (1-based) of the named destinations ``names`` in ``pdf``. Raises LibreOfficeError
    for a PDF that cannot be read — and, with ``complete``, for one that lacks any of them (an index
    filled from it would have entries without page numbers)."""
    from pypdf.errors import PyPdfError

    reader = _reader(pdf)
    try:
        destinations = reader.named_destinations
        pages = {}
        for name in names:
            destination = destinations.get(name) or destinations.get("/" + name)
            if destination is not None:
                pages[name] = reader.get_destination_page_number(destination) + 1
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LibreOfficeError(f"LibreOffice hat ein unlesbares PDF geschrieben ({exc})") from None
    missing = [name for name in names if name not in pages]
    if complete and missing:
        which = (
            "keine Lesezeichen"
            if len(missing) == len(names)
            else f"für {len(missing)} von {len(names)} keine Lesezeichen"
        )
        raise LibreOfficeError(
            f"sein PDF hat für die Verzeichniseinträge {which} (erster fehlender: {missing[0]})"
        )
    return pages


def page_count(pdf: bytes) -> int:
    """Pages of ``pdf``. Raises LibreOfficeError for a PDF that cannot be read."""
    from pypdf.errors import PyPdfError

    try:
        return len(_reader(pdf).pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise LibreOfficeError(f"LibreOffice hat ein unlesbares PDF geschrieben ({exc})") from None
