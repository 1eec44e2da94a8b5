"""Pictures a document may take: a format Word reads, a size a page can hold.

Only the file's header is read (Pillow does not decode the pixels here), so ``check`` finds a file that is
not a picture, or a 30,000 × 30,000 pixel one that would be silently left out of a PDF, at once.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {"PNG", "JPEG", "GIF", "BMP", "TIFF"}  # what python-docx places in a document
MAX_PIXELS = 50_000_000  # 50 megapixels: ten times a full-page picture at 300 dpi
MAX_SIDE = 20_000


def image_problem(path: Path) -> str:
    """Why ``path`` cannot be placed in a document, or '' when it can."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # only the header is read here; the limits below apply
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        return "ist keine Bilddatei (PNG, JPEG, GIF, BMP oder TIFF)"
    except OSError as exc:
        return f"kann nicht gelesen werden ({exc.strerror or exc})"
    if kind not in FORMATS:
        return f"ist ein {kind}-Bild; PNG, JPEG, GIF, BMP oder TIFF verwenden"
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        return (
            f"hat {width:_} × {height:_} Pixel (höchstens {MAX_PIXELS // 1_000_000} Megapixel und "
            f"{MAX_SIDE:_} Pixel je Seite); bitte verkleinern"
        ).replace("_", ".")
    return ""
