"""Colour arithmetic for a design: WCAG 2 contrast (text on coloured table headers and chart segments must
reach 4.5:1, level AA), the better of black and white text on a colour, tints for banding."""

from __future__ import annotations

AA_TEXT = 4.5  # WCAG 2.1, 1.4.3: normal text
AA_GRAPHICS = 3.0  # WCAG 2.1, 1.4.11: bars, lines and segments against their background
WHITE, BLACK = "FFFFFF", "000000"


def luminance(colour: str) -> float:
    """Relative luminance of a hex colour (``1F4E79``), 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def best_text(fill: str) -> tuple[str, float]:
    """White or black text on ``fill``, whichever contrasts more, and its ratio (always ≥ 4.58)."""
    white, black = contrast(WHITE, fill), contrast(BLACK, fill)
    return (WHITE, white) if white >= black else (BLACK, black)


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with ``share`` (0–1) of white."""
    rgb = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in rgb)


def ratio_text(value: float) -> str:
    """„2.9:1“ — cut, not rounded, so that a ratio below a threshold never reads as reaching it."""
    return f"{int(value * 10) / 10:.1f}:1"
