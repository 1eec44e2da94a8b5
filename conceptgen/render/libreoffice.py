"""LibreOffice headless: PDF export, and the page numbers of bookmarks for our own indexes.

We never let LibreOffice write the .docx (its export loses Word features). We convert our document to a
PDF with bookmarks exported as named destinations, read the page of every heading and caption bookmark,
and write those numbers into our own TOC entries (render/indexes.py).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = [
    "soffice",
    "libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
]
TIMEOUT_S = 300


class LibreOfficeError(Exception):
    """LibreOffice is missing or failed; the message says which."""


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


def to_pdf(docx: bytes, *, tagged: bool = True, bookmarks: bool = True) -> bytes:
    """Convert a .docx to PDF (tagged, bookmarks as named destinations). Raises LibreOfficeError."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) not found")
    options = {
        "UseTaggedPDF": {"type": "boolean", "value": str(tagged).lower()},
        "ExportBookmarksToPDFDestination": {"type": "boolean", "value": str(bookmarks).lower()},
        "ExportBookmarks": {"type": "boolean", "value": "true"},
    }
    with tempfile.TemporaryDirectory(prefix="conceptgen-lo-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
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
            str(source),
        ]
        try:
            run = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise LibreOfficeError(f"LibreOffice did not finish within {TIMEOUT_S} s") from None
        except OSError as exc:
            raise LibreOfficeError(f"LibreOffice could not be started: {exc}") from None
        pdf = folder / "document.pdf"
        if not pdf.is_file():
            output = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
            raise LibreOfficeError(
                f"LibreOffice could not convert the document: {output[-1] if output else ''}"
            )
        return pdf.read_bytes()


def bookmark_pages(pdf: bytes, names: list[str]) -> dict[str, int]:
    """Page numbers (1-based) of the named destinations ``names`` in ``pdf``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    destinations = reader.named_destinations
    pages = {}
    for name in names:
        destination = destinations.get(name) or destinations.get("/" + name)
        if destination is not None:
            pages[name] = reader.get_destination_page_number(destination) + 1
    return pages


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
