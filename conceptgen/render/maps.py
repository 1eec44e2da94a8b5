"""Maps as pictures: choropleth maps with matplotlib (a class colour per area, the legend of the class
limits, area numbers, a scale bar, the geometry's source on the map) and small locator maps drawn with
Pillow (fast enough for one per profile). Both at 200 dpi, the size they are printed at.
"""

from __future__ import annotations

import io
from typing import Any

DPI = 200
NOT_RATED = "#D9D9D9"  # light grey, hatched: never to be read as the lowest class
NO_DATA = "#FFFFFF"
EDGE = "#FFFFFF"
OUTLINE = "#404040"
TEXT = "#262626"


def ramp(colour: str, n: int) -> list[str]:
    """``n`` colours from a light tint of ``colour`` to the colour itself (then a little darker)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    found = []
    for k in range(n):
        t = 0.15 + 0.85 * (k / (n - 1) if n > 1 else 1.0)
        dark = max(0.0, t - 0.85) * 2  # the last steps go beyond the colour towards black
        mix = [round((255 * (1 - t) + c * t) * (1 - dark)) for c in (r, g, b)]
        found.append("#" + "".join(f"{min(255, max(0, v)):02X}" for v in mix))
    return found


def _path(polygon: list[list[tuple[float, float]]]) -> Any:
    from matplotlib.path import Path

    vertices, codes = [], []
    for ring in polygon:
        if len(ring) < 3:
            continue
        vertices += [*ring, ring[0]]
        codes += [Path.MOVETO, *([Path.LINETO] * (len(ring) - 1)), Path.CLOSEPOLY]
    return Path(vertices, codes)


def choropleth(figure: Any, palette: list[str], font: str, language: Any) -> bytes:
    """The map of ``figure`` (document/maps.py MapFigure) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, PathPatch

    layer = figure.layer
    x0, y0, x1, y1 = layer.bounds
    width_in = figure.width_cm / 2.54
    legend_rows = len(figure.legend) + len(set(figure.missing.values()))
    map_height = width_in * 0.72 * (y1 - y0) / (x1 - x0)
    height_in = max(map_height, 0.16 * legend_rows + 0.2) + 0.18  # the source below the map
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.0, 1 - map_height / height_in, 0.72, map_height / height_in))
    colours = ramp(palette[0] if palette else "1F4E79", max(len(figure.legend), 1))
    if figure.reverse:
        colours = colours[::-1]
    for area, shape in layer.shapes.items():
        cls = figure.classes.get(area)
        face = colours[cls] if cls is not None else (NOT_RATED if area in figure.missing else NO_DATA)
        hatch = "////" if cls is None and area in figure.missing else None
        for polygon in shape.polygons:
            ax.add_patch(
                PathPatch(_path(polygon), facecolor=face, edgecolor=EDGE, linewidth=0.4, hatch=hatch)
            )
    for shape in layer.strays:
        for polygon in shape.polygons:
            ax.add_patch(PathPatch(_path(polygon), facecolor=NO_DATA, edgecolor="#BFBFBF", linewidth=0.3))
    if figure.outline is not None:
        for shape in figure.outline.shapes.values():
            for polygon in shape.polygons:
                ax.add_patch(PathPatch(_path(polygon), fill=False, edgecolor=OUTLINE, linewidth=0.8))
    for area, text in figure.labels.items():
        shape = layer.shapes.get(area)
        if shape is None or not text:
            continue
        cls = figure.classes.get(area)
        dark = cls is not None and cls >= max(len(figure.legend) - 2, 1) and not figure.reverse
        ax.text(
            *shape.label,
            text,
            fontsize=4.2,
            ha="center",
            va="center",
            color="white" if dark else TEXT,
            family=font,
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    _scale_bar(ax, x0, y0, x1, y1, font, language)
    handles = [
        Patch(facecolor=c, edgecolor="#BFBFBF", label=label)
        for c, label in zip(colours, figure.legend, strict=False)
    ]
    for label in dict.fromkeys(figure.missing.values()):
        handles.append(Patch(facecolor=NOT_RATED, edgecolor="#BFBFBF", hatch="////", label=label))
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.73, 1 - 0.02),
        frameon=False,
        fontsize=6.5,
        prop={"family": font, "size": 6.5},
        handlelength=1.6,
        handleheight=1.1,
    )
    fig.text(
        0.99,
        0.01,
        figure.geometry_source,
        ha="right",
        va="bottom",
        fontsize=5.5,
        color="#595959",
        family=font,
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _scale_bar(ax: Any, x0: float, y0: float, x1: float, y1: float, font: str, language: Any) -> None:
    """A bar of a round number of kilometres, about a fifth of the map's width, at its lower left."""
    span = (x1 - x0) / 5
    length = next(v for v in (0.5, 1, 2, 5, 10, 20, 50, 100, 200) if v >= span * 0.6)
    x, y = x0 + (x1 - x0) * 0.02, y0 + (y1 - y0) * 0.03
    ax.plot([x, x + length], [y, y], color=TEXT, linewidth=1.2, solid_capstyle="butt")
    label = f"{language.number(length)}\u00a0km" if language is not None else f"{length} km"
    ax.text(x + length / 2, y + (y1 - y0) * 0.015, label, fontsize=5.5, ha="center", va="bottom", family=font)


def locator(figure: Any, palette: list[str]) -> bytes:
    """A small map of all areas in grey with one highlighted, drawn with Pillow at three times the size
    and scaled down (smooth edges)."""
    from PIL import Image, ImageDraw

    layer = figure.layer
    x0, y0, x1, y1 = layer.bounds
    width = round(figure.width_cm / 2.54 * DPI)
    height = round(width * (y1 - y0) / (x1 - x0))
    factor = 3
    margin = 4 * factor
    big = (width * factor, height * factor)
    image = Image.new("RGB", big, "white")
    draw = ImageDraw.Draw(image)
    sx = (big[0] - 2 * margin) / (x1 - x0)
    sy = (big[1] - 2 * margin) / (y1 - y0)

    def points(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(margin + (x - x0) * sx, big[1] - margin - (y - y0) * sy) for x, y in ring]

    accent = "#" + (palette[1] if len(palette) > 1 else "C55A11")
    for area, shape in layer.shapes.items():
        fill = accent if area == figure.highlight else "#D9D9D9"
        for polygon in shape.polygons:
            draw.polygon(points(polygon[0]), fill=fill, outline="white", width=factor)
            for hole in polygon[1:]:
                draw.polygon(points(hole), fill="white")
    if figure.outline is not None:
        for shape in figure.outline.shapes.values():
            for polygon in shape.polygons:
                draw.line(points(polygon[0]) + points(polygon[0])[:1], fill="#595959", width=2 * factor)
    small = image.resize((width, height), Image.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=True)
    return buffer.getvalue()
