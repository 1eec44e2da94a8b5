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
        return "is not a picture (PNG, JPEG, GIF, BMP or TIFF)"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if kind not in FORMATS:
        return f"is a {kind} picture; use PNG, JPEG, GIF, BMP or TIFF"
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        return (
            f"has {width:,} × {height:,} pixels (at most {MAX_PIXELS // 1_000_000} megapixels and "
            f"{MAX_SIDE:,} pixels a side); scale it down"
        )
    return ""
