"""Opening a returned Word file safely: a zip whose parts are read with a limit (a decompression bomb is
refused before any XML parser sees it), a Word document, made by this project with review anchors.
Every refusal is one located German line (CG900–CG903)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conceptgen.diagnostics import DiagnosticError, Location, diagnostic, relative
from conceptgen.ooxml.returned import ReadError, Returned, read_returned

MAX_UNPACKED_BYTES = 150 * 1024 * 1024  # as for a workbook (data/tabular.py)
MAX_RATIO = 200  # a part that unpacks to more than 200 times its compressed size is a bomb
_PARTS = (
    "word/document.xml",
    "word/footnotes.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "docProps/custom.xml",
)


def open_returned(path: Path) -> Returned:
    """The comments, changes and anchors of the returned file ``path``. Raises DiagnosticError."""
    where = Location(relative(path))
    if not path.is_file():
        raise DiagnosticError(
            diagnostic(
                "CG900", "Datei nicht gefunden", where, hint="den Pfad der zurückgegebenen .docx angeben"
            )
        )
    parts = _read_parts(path, where)
    try:
        return read_returned(parts)
    except ReadError as exc:
        raise DiagnosticError(
            diagnostic("CG900", f"kein lesbares Word-Dokument: {exc}", where, hint="als .docx speichern")
        ) from None


def _read_parts(path: Path, where: Location) -> dict[str, bytes]:
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        reason = "keine ZIP-Datei" if isinstance(exc, zipfile.BadZipFile) else str(exc)
        raise DiagnosticError(
            diagnostic(
                "CG900",
                f"kein Word-Dokument (.docx): {reason}",
                where,
                hint="eine .doc- oder .odt-Datei in Word oder LibreOffice als .docx speichern",
            )
        ) from None
    with package:
        infos = {info.filename: info for info in package.infolist()}
        declared = sum(info.file_size for info in infos.values())
        if declared > MAX_UNPACKED_BYTES:
            raise DiagnosticError(_bomb(where, declared))
        parts: dict[str, bytes] = {}
        total = 0
        for name in _PARTS:
            info = infos.get(name)
            if info is None:
                continue
            try:
                with package.open(info) as entry:  # the declared sizes may lie: read with a limit
                    data = entry.read(MAX_UNPACKED_BYTES - total + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise DiagnosticError(
                    diagnostic("CG900", f"{name} nicht lesbar: {exc}", where, hint="als .docx neu speichern")
                ) from None
            total += len(data)
            if total > MAX_UNPACKED_BYTES or len(data) > MAX_RATIO * max(info.compress_size, 1024):
                raise DiagnosticError(_bomb(where, total))
            parts[name] = data
    return parts


def _bomb(where: Location, size: int) -> object:
    return diagnostic(
        "CG901",
        f"die Datei entpackt sich zu mehr als {MAX_UNPACKED_BYTES // (1024 * 1024)} MB "
        f"(mindestens {size // (1024 * 1024)} MB): abgelehnt",
        where,
        hint="eine ZIP-Bombe, oder sehr große eingebettete Dateien: eine Kopie ohne sie speichern",
    )


def find_pages(path: Path, entries: list) -> list:
    """The page of each entry's anchor, from a PDF LibreOffice makes of the returned file (its bookmarks
    as named destinations); a warning when LibreOffice is missing or fails (the pages stay empty)."""
    from conceptgen.render import libreoffice

    try:
        pdf = libreoffice.to_pdf(path.read_bytes(), tagged=False, bookmarks=True, anchors=True)
        wanted = {e.anchor: _destination(e.anchor) for e in entries if e.anchor and e.page is None}
        found = libreoffice.bookmark_pages(pdf, sorted(set(wanted.values())))
    except (libreoffice.LibreOfficeError, OSError) as exc:
        where = Location(relative(path))
        return [diagnostic("CG906", f"Seiten nicht bestimmt: LibreOffice {exc}", where, hint="ohne --pages")]
    for entry in entries:
        if entry.page is None and entry.anchor:
            entry.page = found.get(wanted[entry.anchor])
    return []


def _destination(name: str) -> str:
    """A bookmark's name as LibreOffice writes it as a PDF destination (``_`` escaped as ``5F``)."""
    return name.replace("_", "5F")
