"""Maps as pictures: choropleth maps with matplotlib (a class colour per area, the legend of the class
limits, area numbers, a scale bar, the geometry's source on the map) and small locator maps drawn with
Pillow (fast enough for one per profile). Both at 200 dpi, the size they are printed at.
"""

from __future__ import annotations

import io
from typing import Any

from conceptgen.colours import tint
from conceptgen.render.chart_images import picture_font

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


def choropleth(figure: Any, palette: list[str], language: Any) -> bytes:
    """The map of ``figure`` (document/maps.py MapFigure) as a PNG."""
    fig = choropleth_figure(figure, palette, language)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def choropleth_figure(figure: Any, palette: list[str], language: Any) -> Any:
    """The matplotlib Figure of a map (what choropleth saves)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure  # not pyplot: no GUI machinery
    from matplotlib.patches import Patch

    matplotlib.rcParams.update(picture_font())

    layer = figure.layer
    x0, y0, x1, y1 = layer.bounds
    width_in = figure.width_cm / 2.54
    legend_rows = len(figure.legend) + len(set(figure.missing.values()))
    map_height = width_in * 0.72 * (y1 - y0) / (x1 - x0)
    height_in = max(map_height, 0.16 * legend_rows + 0.2) + 0.18  # the source below the map
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.0, 1 - map_height / height_in, 0.72, map_height / height_in))
    colours = ramp(palette[0] if palette else "1F4E79", max(len(figure.legend), 1))
    if figure.categorical:  # one colour each, lightened so that the labels stay readable
        hues = palette or ["1F4E79"]
        colours = ["#" + tint(hues[i % len(hues)], 0.55) for i in range(len(figure.legend))]
    if figure.reverse:
        colours = colours[::-1]
    # collections, not one patch per polygon: matplotlib walks every patch's curves to update the limits
    filled, faces, hatched = [], [], []
    for area, shape in layer.shapes.items():
        cls = figure.classes.get(area)
        paths = [_path(polygon) for polygon in shape.polygons]
        if cls is None and area in figure.missing:
            hatched += paths
        else:
            filled += paths
            faces += [colours[cls] if cls is not None else NO_DATA] * len(paths)
    ax.add_collection(
        PathCollection(filled, facecolors=faces, edgecolors=EDGE, linewidths=0.4), autolim=False
    )
    if hatched:
        ax.add_collection(
            PathCollection(hatched, facecolors=NOT_RATED, edgecolors=EDGE, linewidths=0.4, hatch="////"),
            autolim=False,
        )
    strays = [_path(polygon) for shape in layer.strays for polygon in shape.polygons]
    if strays:
        ax.add_collection(
            PathCollection(strays, facecolors=NO_DATA, edgecolors="#BFBFBF", linewidths=0.3), autolim=False
        )
    if figure.outline is not None:
        lines = [_path(polygon) for shape in figure.outline.shapes.values() for polygon in shape.polygons]
        ax.add_collection(
            PathCollection(lines, facecolors="none", edgecolors=OUTLINE, linewidths=0.8), autolim=False
        )
    for area, text in figure.labels.items():
        shape = layer.shapes.get(area)
        if shape is None or not text:
            continue
        cls = figure.classes.get(area)
        dark = cls is not None and cls >= max(len(figure.legend) - 2, 1) and not figure.reverse
        dark = dark and not figure.categorical
        ax.text(
            *shape.label,
            text,
            fontsize=6.5 if figure.categorical else 4.2,
            ha="center",
            va="center",
            color="white" if dark else TEXT,
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    _scale_bar(ax, x0, y0, x1, y1, language)
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
    )
    return fig


def _scale_bar(ax: Any, x0: float, y0: float, x1: float, y1: float, language: Any) -> None:
    """A bar of a round number of kilometres, about a fifth of the map's width, at its lower left."""
    span = (x1 - x0) / 5
    length = next(v for v in (0.5, 1, 2, 5, 10, 20, 50, 100, 200) if v >= span * 0.6)
    x, y = x0 + (x1 - x0) * 0.02, y0 + (y1 - y0) * 0.03
    ax.plot([x, x + length], [y, y], color=TEXT, linewidth=1.2, solid_capstyle="butt")
    label = f"{language.number(length)}\u00a0km" if language is not None else f"{length} km"
    ax.text(x + length / 2, y + (y1 - y0) * 0.015, label, fontsize=5.5, ha="center", va="bottom")


_BASES: dict[tuple, Any] = {}  # the grey map of a layer, drawn once per process


def locator(figure: Any, palette: list[str]) -> bytes:
    """A small map of all areas in grey with one highlighted, drawn with Pillow at twice the size and
    scaled down (smooth edges). The grey map is drawn once and reused for every area."""
    from PIL import Image, ImageDraw

    layer = figure.layer
    x0, y0, x1, y1 = layer.bounds
    width = round(figure.width_cm / 2.54 * DPI)
    height = round(width * (y1 - y0) / (x1 - x0))
    factor = 2
    margin = 4 * factor
    big = (width * factor, height * factor)
    sx = (big[0] - 2 * margin) / (x1 - x0)
    sy = (big[1] - 2 * margin) / (y1 - y0)

    def points(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(margin + (x - x0) * sx, big[1] - margin - (y - y0) * sy) for x, y in ring]

    key = (layer.kind, layer.bounds, len(layer.shapes), big, id(figure.outline) if figure.outline else 0)
    base = _BASES.get(key)
    if base is None:
        base = Image.new("RGB", big, "white")
        draw = ImageDraw.Draw(base)
        for shape in layer.shapes.values():
            for polygon in shape.polygons:
                draw.polygon(points(polygon[0]), fill="#D9D9D9", outline="white", width=factor)
                for hole in polygon[1:]:
                    draw.polygon(points(hole), fill="white")
        if len(_BASES) > 8:
            _BASES.clear()
        _BASES[key] = base
    image = base.copy()
    draw = ImageDraw.Draw(image)
    accent = "#" + (palette[1] if len(palette) > 1 else "C55A11")
    shape = layer.shapes.get(figure.highlight)
    if shape is not None:
        for polygon in shape.polygons:
            draw.polygon(points(polygon[0]), fill=accent, outline="white", width=factor)
            for hole in polygon[1:]:
                draw.polygon(points(hole), fill="white")
    if figure.outline is not None:
        for outline in figure.outline.shapes.values():
            for polygon in outline.polygons:
                ring = points(polygon[0])
                draw.line([*ring, ring[0]], fill="#595959", width=2 * factor)
    small = image.resize((width, height), Image.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", dpi=(DPI, DPI), compress_level=6)
    return buffer.getvalue()
