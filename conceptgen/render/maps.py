"""Maps as pictures: choropleth maps with matplotlib as an atlas draws them — a class colour per area, the
legend with its title and unit, the area's name where it fits and else its number with a key below the
map (both at the area's pole of inaccessibility), a north arrow, a scale bar, the geometry's source; a
bivariate map (two indices' classes, a grid legend) — and small locator maps drawn with Pillow (fast
enough for one per profile). Both at 200 dpi, the size they are printed at.
"""

from __future__ import annotations

import io
import re
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


def draw(figure: Any, palette: list[str], language: Any, vector: bool) -> tuple[bytes, bytes | None]:
    """The pictures of a map: a locator map's PNG, or a choropleth map's PNG and (``vector``) its SVG."""
    if figure.highlight is not None:
        return locator(figure, palette), None
    if vector:
        return choropleth_pictures(figure, palette, language)
    return choropleth(figure, palette, language), None


def picture_key(figure: Any, palette: list[str], vector: bool) -> bytes:
    """What a map's pictures are drawn from, as a digest: the same for a figure and its pickled copy in
    another process (a pickle of plain data — dicts, lists, tuples, strings, numbers — keeps its order and
    which of its objects are one; a map holds no sets, whose order varies between processes)."""
    import hashlib
    import pickle

    return hashlib.blake2b(pickle.dumps((figure, palette, vector), protocol=4), digest_size=16).digest()


def choropleths(context: Any, memo: dict[int, tuple] | None = None) -> list[Any]:
    """The choropleth maps (not the locator maps) in a document's context, each once, in the context's
    order: the large pictures a worker can draw before the document needs them. ``memo``: what was found
    below each dict, list and tuple (by id) of the batch's contexts walked before — the documents share
    most of theirs (every area's data), so the batch is walked once, not once per document."""
    found, seen = [], set()
    for figure in _below(context, {} if memo is None else memo):
        if id(figure) not in seen:
            seen.add(id(figure))
            found.append(figure)
    return found


def _below(value: Any, memo: dict[int, tuple]) -> tuple:
    from conceptgen.document.maps import MapFigure

    if isinstance(value, MapFigure):
        return (value,) if value.highlight is None else ()
    if not isinstance(value, (dict, list, tuple)):
        return ()
    if id(value) in memo:
        return memo[id(value)]
    memo[id(value)] = ()  # met again below itself: nothing more there
    found: list[Any] = []
    for item in value.values() if isinstance(value, dict) else value:
        found += _below(item, memo)
    memo[id(value)] = tuple(found)
    return memo[id(value)]


def choropleth(figure: Any, palette: list[str], language: Any) -> bytes:
    """The map of ``figure`` (document/maps.py MapFigure) as a PNG."""
    fig = choropleth_figure(figure, palette, language)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def choropleth_pictures(figure: Any, palette: list[str], language: Any) -> tuple[bytes, bytes]:
    """The map of ``figure`` drawn once and saved twice: as a PNG (what every reader shows) and as an
    SVG (vector: sharp at any size and in print, for Word and LibreOffice, which draw it instead). The
    SVG's text is drawn as paths (no font needed where it is opened) and its IDs are fixed (the same map
    is the same file)."""
    import matplotlib

    fig = choropleth_figure(figure, palette, language)
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    svg = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "conceptgen"}):
        fig.savefig(svg, format="svg", metadata=dict.fromkeys(("Date", "Creator", "Format", "Type")))
    # a part of a Word package holds no DTD (OPC): matplotlib's DOCTYPE line goes
    return png.getvalue(), re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", svg.getvalue(), count=1)


def choropleth_figure(figure: Any, palette: list[str], language: Any) -> Any:
    """The matplotlib Figure of a map (what choropleth saves)."""
    import matplotlib
    from matplotlib.figure import Figure  # not pyplot: no GUI machinery

    matplotlib.rcParams.update(picture_font())

    layer = figure.layer
    x0, y0, x1, y1 = layer.bounds
    width_in = figure.width_cm / 2.54
    map_height = width_in * MAP_SHARE * (y1 - y0) / (x1 - x0)
    labels = _place_labels(figure, (x1 - x0) / (width_in * MAP_SHARE))
    keyed = [(figure.labels[a], figure.names.get(a, "")) for a, (_t, named) in labels.items() if not named]
    keyed = sorted((code, name) for code, name in keyed if name)
    columns = key_columns(keyed, width_in)
    key_in = (KEY_LINE_IN * -(-len(keyed) // columns) + KEY_GAP_IN) if keyed else 0.0
    top_in = max(map_height, _legend_height(figure))  # the map, the legend beside it, the key below both
    height_in = top_in + key_in + 0.18  # the source below the key
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    _canvas_class()(fig)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.0, 1 - map_height / height_in, MAP_SHARE, map_height / height_in))
    colours = _colours(figure, palette)
    _draw_areas(ax, figure, colours)
    for area, (text, named) in labels.items():
        cls = figure.classes.get(area)
        fill = colours[cls] if cls is not None else NOT_RATED
        size = _name_size(figure) if named else CODE_PT
        ax.text(*layer.shapes[area].label, text, fontsize=size, ha="center", va="center",
                color=text_colour(fill.lstrip("#")))  # fmt: skip
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    _scale_bar(ax, x0, y0, x1, y1, language)
    _north_arrow(ax)
    if figure.bivariate is not None:
        _grid_legend(fig, figure, colours, height_in)
    else:
        _class_legend(fig, figure, colours)
    _key(fig, keyed, 1 - (top_in + KEY_GAP_IN) / height_in, height_in, columns)
    fig.text(0.99, 0.01, figure.geometry_source, ha="right", va="bottom", fontsize=5.5, color="#595959")
    return fig


_TEXTS: dict[tuple, Any] = {}  # extents and glyph layouts by font, size, dpi and text (per process;
# each value keeps its font, so that the font's id in the key is not reused)
_GLYPHS: dict[tuple, Any] = {}  # glyph bitmaps by font, size, dpi, glyph, hinting and fraction of a pixel
_CANVAS: list[Any] = []


def _canvas_class() -> Any:
    """matplotlib's Agg canvas whose renderer remembers each text's extents and glyph layout across
    pictures. A report's maps show the same labels and key (each area's number or name) on every map, and
    matplotlib measures and lays out every text anew with FreeType, glyph by glyph (≈ 0.1 ms a letter):
    half of a map's drawing. Both are a function of the font, its size, the resolution, the hinting and
    the text; a glyph's bitmap is a function of these and of where it falls within a pixel (matplotlib
    places glyphs in 1/64 pixel): rendered once, it is placed again wherever the same glyph falls on the
    same fraction — the labels and the key stand at the same places on every map of a report. The pixels
    stay matplotlib's (tests/render/test_map_text_cache.py compares them with its plain canvas)."""
    if _CANVAS:
        return _CANVAS[0]
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag

    laid_out = hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")  # matplotlib ≥ 3.11 (libraqm)

    class Renderer(RendererAgg):
        def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
            if ismath:
                return super().get_text_width_height_descent(s, prop, ismath)
            font = self._prepare_font(prop)  # the font files of ``prop``, at its size (matplotlib's cache)
            key = ("extent", s, id(font), prop.get_size_in_points(), self.dpi, get_hinting_flag())
            if key not in _TEXTS:
                _remember(key, (font, super().get_text_width_height_descent(s, prop, ismath)))
            return _TEXTS[key][1]

        def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                      ismath: Any = False, mtext: Any = None) -> None:  # fmt: skip
            if ismath or mtext is None or not laid_out:
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            font = self._prepare_font(prop)
            features, language = mtext.get_fontfeatures(), mtext.get_language()
            size = prop.get_size_in_points()
            key = ("layout", s, id(font), size, self.dpi, get_hinting_flag(),
                   tuple(features) if features is not None else None, language)  # fmt: skip
            if key not in _TEXTS:
                items = font._layout(s, flags=get_hinting_flag(), features=features, language=language)
                _remember(key, (font, [(i.ft_object, i.glyph_index, i.x, i.y) for i in items]))
            if angle == 0:
                _draw_upright(self, gc, x, y, size, _TEXTS[key][1])
                return None
            glyphs = ((ft, size, index, 0, 1, dx, dy) for ft, index, dx, dy in _TEXTS[key][1])
            self._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, [])
            return None

    class Canvas(FigureCanvasAgg):
        def get_renderer(self, *args: Any, **kwargs: Any) -> Any:
            renderer = super().get_renderer(*args, **kwargs)
            if type(renderer) is RendererAgg:
                renderer.__class__ = Renderer
            return renderer

    _CANVAS.append(Canvas)
    return Canvas


def _draw_upright(renderer: Any, gc: Any, x: float, y: float, size: float, glyphs: list) -> None:
    """matplotlib's RendererAgg._draw_text_glyphs_and_boxes for an upright text: each glyph placed where
    it places it (in 1/64 pixel), its bitmap rendered once for a position's fraction of a pixel — FreeType
    renders an outline moved by whole pixels into the same bitmap, moved."""
    import numpy as np
    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.ft2font import RenderMode

    flags = get_hinting_flag()
    mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
    height = renderer.height
    for ft, index, dx, dy in glyphs:  # dy is upwards, as FreeType's y; cos 0° = 1, sin 0° = 0
        tx = round(0x40 * (x + dx * 1.0 - dy * 0.0))
        ty = round(0x40 * (height - y + dx * 0.0 + dy * 1.0))
        key = (id(ft), size, renderer.dpi, index, flags, mode, tx & 63, ty & 63)
        found = _GLYPHS.get(key)
        if found is None:
            ft.set_size(size, renderer.dpi)
            ft._set_transform(np.array([[0x10000, 0], [0, 0x10000]]), [tx & 63, ty & 63])
            bitmap = ft._render_glyph(index, flags, mode)
            buffer = bitmap.buffer.copy()
            if mode == RenderMode.MONO:
                buffer *= 0xFF
            found = (ft, buffer, bitmap.left, bitmap.top)  # the font kept: its id is not reused
            if len(_GLYPHS) > 60000:  # ≈ 25 MB; a map of 550 areas renders ≈ 10,000 glyphs
                _GLYPHS.clear()
            _GLYPHS[key] = found
        _ft, buffer, left, top = found
        top += ty >> 6
        renderer._renderer.draw_text_image(
            buffer, left + (tx >> 6), int(height) - top + buffer.shape[0], 0, gc
        )


def _remember(key: tuple, value: Any) -> None:
    if len(_TEXTS) > 20000:
        _TEXTS.clear()
    _TEXTS[key] = value


def _draw_areas(ax: Any, figure: Any, colours: list[str]) -> None:
    """The areas in their class colours (hatched where they have none), the features no area has, the
    outlines of the larger units on top — as collections, not one patch per polygon (matplotlib walks
    every patch's curves to update the limits)."""
    from matplotlib.collections import PathCollection

    layer = figure.layer
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


def _class_legend(fig: Any, figure: Any, colours: list[str]) -> None:
    """The classes with their limits under the legend's title (what is mapped, and its unit), then what
    has no class (hatched)."""
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=c, edgecolor="#BFBFBF", label=label)
        for c, label in zip(colours, figure.legend, strict=False)
    ]
    for label in dict.fromkeys(figure.missing.values()):
        handles.append(Patch(facecolor=NOT_RATED, edgecolor="#BFBFBF", hatch="////", label=label))
    legend = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(RIGHT, 0.98),
        frameon=False,
        fontsize=LEGEND_PT,
        handlelength=1.6,
        handleheight=1.1,
        title=_legend_title(figure) or None,
        title_fontsize=LEGEND_PT,
        alignment="left",
    )
    if figure.legend_title:
        legend.get_title().set_fontweight("bold")


NAME_PT = 5.0  # an area's name on the map
CODE_PT = 4.6  # an area's number, where its name does not fit
KEY_PT = 7.0  # the key of numbers: read in print (4.4 pt beside the map was too small)
LEGEND_PT = 8.0  # the legend's classes and title: read in print (6.5 pt was too small)
KEY_CODE_IN = 0.34  # a key entry's number, bold, before its name
KEY_GAP_IN = 0.1  # between the map and its key, and between the key's columns
MAP_SHARE = 0.66  # of the width: the map; the rest (from RIGHT) legend and key
RIGHT = 0.67
KEY_LINE_IN = KEY_PT * 1.3 / 72
BIVARIATE_SECOND = "C55A11"  # the hue of the second index when the palette has no second colour


def text_colour(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (RRGGBB)."""
    from conceptgen.colours import contrast

    return TEXT if contrast(fill, TEXT.lstrip("#")) >= contrast(fill, "FFFFFF") else "white"


def _place_labels(figure: Any, km_per_inch: float) -> dict[str, tuple[str, bool]]:
    """Each area's label: its name where the name fits in the circle around the pole of inaccessibility
    (one line), else its number (with a key beside the map)."""
    found: dict[str, tuple[str, bool]] = {}
    for area, code in figure.labels.items():
        shape = figure.layer.shapes.get(area)
        if shape is None or not code:
            continue
        name = figure.names.get(area, "")
        size = _name_size(figure)
        width_km = len(name) * size * 0.56 / 72 * km_per_inch  # DejaVu Sans: ≈ 0.56 em a letter
        height_km = size * 1.2 / 72 * km_per_inch
        half_diagonal = ((width_km / 2) ** 2 + (height_km / 2) ** 2) ** 0.5
        fits = bool(name) and half_diagonal <= shape.room * 0.95
        found[area] = (name, True) if fits else (code, False)
    return found


def _name_size(figure: Any) -> float:
    """Points of the names on the map: larger on a map of a few areas of kinds (a study area)."""
    return 7.0 if figure.categorical else NAME_PT


def _legend_height(figure: Any) -> float:
    """Inches the legend takes at the top right."""
    if figure.bivariate is not None:
        rows, _columns = figure.bivariate
        return 0.45 + 0.17 * len(rows) + 0.5 + 0.14 * bool(figure.missing)
    title = _legend_title(figure)
    rows = len(figure.legend) + len(set(figure.missing.values())) + (title.count("\n") + 1 if title else 0)
    return 0.2 * rows + 0.2


def _legend_title(figure: Any) -> str:
    """The legend's title, wrapped to the legend's width (a third of the map's) at LEGEND_PT."""
    import textwrap

    chars = int((1 - RIGHT) * figure.width_cm / 2.54 / (LEGEND_PT * 0.62 / 72))
    # a unit in brackets stays on one line: „(je 1.000)“, not „(je“ and „1.000)“
    title = re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(" ", "\u00a0"), figure.legend_title)
    return textwrap.fill(title, max(chars, 12)) if title else ""


def _colours(figure: Any, palette: list[str]) -> list[str]:
    """The class colours: a ramp of the first palette colour; for kinds, palette colours; for a bivariate
    map, the first index's ramp (lightness) mixed with the second's (hue)."""
    base = palette[0] if palette else "1F4E79"
    if figure.bivariate is not None:  # hue by the second index (columns), lightness by the first (rows)
        rows, columns = figure.bivariate
        second = palette[1] if len(palette) > 1 else BIVARIATE_SECOND
        hues = [_between(base, second, c / max(len(columns) - 1, 1)) for c in range(len(columns))]
        shades = [ramp(hue.lstrip("#"), len(rows)) for hue in hues]
        return [shades[c][r] for r in range(len(rows)) for c in range(len(columns))]
    colours = ramp(base, max(len(figure.legend), 1))
    if figure.categorical:  # one colour each, lightened so that the labels stay readable
        hues = palette or ["1F4E79"]
        colours = ["#" + tint(hues[i % len(hues)], 0.55) for i in range(len(figure.legend))]
    return colours[::-1] if figure.reverse else colours


def _between(first: str, second: str, share: float) -> str:
    """A hue ``share`` of the way from ``first`` to ``second`` through a neutral grey (the middle column
    of a bivariate map: neither better nor worse)."""
    grey = "808080"
    start, end, t = (first, grey, share * 2) if share <= 0.5 else (grey, second, share * 2 - 1)
    a = [int(start[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(end[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def _grid_legend(fig: Any, figure: Any, colours: list[str], height_in: float) -> None:
    """The legend of a bivariate map: a grid of the class pairs, the first index's classes as rows, the
    second's as columns, each with its title."""
    from matplotlib.patches import Patch, Rectangle

    rows, columns = figure.bivariate
    width_in = fig.get_figwidth()
    cell_w, cell_h = 0.2 / width_in, 0.17 / height_in
    left = RIGHT + 0.62 / width_in  # room for the row labels
    top = 1 - 0.3 / height_in
    fig.text(RIGHT, 1 - 0.06 / height_in, figure.axes[0], fontsize=6.5, fontweight="bold", va="top")
    for r, row in enumerate(rows):
        y = top - (r + 1) * cell_h
        fig.text(left - 0.04 / width_in, y + cell_h / 2, row, fontsize=5.5, ha="right", va="center")
        for c in range(len(columns)):
            fig.add_artist(
                Rectangle(
                    (left + c * cell_w, y), cell_w, cell_h, transform=fig.transFigure,
                    facecolor=colours[r * len(columns) + c], edgecolor="white", linewidth=0.6,
                )
            )  # fmt: skip
    below = top - len(rows) * cell_h
    for c, column in enumerate(columns):
        fig.text(left + (c + 0.5) * cell_w, below - 0.03 / height_in, column, fontsize=5.5, rotation=90,
                 ha="center", va="top")  # fmt: skip
    axis_y = below - 0.42 / height_in
    fig.text(left, axis_y, figure.axes[1], fontsize=6.5, fontweight="bold", va="top")
    bottom = axis_y - 0.16 / height_in
    if figure.missing:
        label = next(iter(dict.fromkeys(figure.missing.values())))
        fig.legend(
            handles=[Patch(facecolor=NOT_RATED, edgecolor="#BFBFBF", hatch="////", label=label)],
            loc="upper left", bbox_to_anchor=(RIGHT, bottom), frameon=False, fontsize=6.5,
            handlelength=1.6, handleheight=1.1, borderaxespad=0,
        )  # fmt: skip


def key_columns(keyed: list[tuple[str, str]], width_in: float) -> int:
    """How many columns of the key fit side by side across the picture's width at KEY_PT (its longest
    name decides; DejaVu Sans ≈ 0.62 em a letter, generous so that no name runs into the next column)."""
    if not keyed:
        return 1
    longest = max(len(name) for _code, name in keyed)
    column_in = KEY_CODE_IN + longest * KEY_PT * 0.62 / 72 + KEY_GAP_IN
    return max(1, min(len(keyed), int((width_in - 0.1) // column_in)))


def _key(fig: Any, keyed: list[tuple[str, str]], top: float, height_in: float, columns: int) -> None:
    """The numbers on the map and their areas' names, in columns across the picture below the map and
    its legend (beside the map, at 4.4 pt, they could not be read in print)."""
    if not keyed:
        return
    width_in = fig.get_figwidth()
    rows = -(-len(keyed) // columns)
    line = KEY_LINE_IN / height_in
    column_w = (width_in - 0.1) / columns / width_in
    for i, (code, name) in enumerate(keyed):
        column, row = divmod(i, rows)
        x = 0.05 / width_in + column * column_w
        y = top - row * line
        fig.text(x, y, code, fontsize=KEY_PT, va="top", color=TEXT, fontweight="bold")
        fig.text(x + KEY_CODE_IN / width_in, y, name, fontsize=KEY_PT, va="top", color=TEXT)


def _north_arrow(ax: Any) -> None:
    """A north arrow at the map's upper left (the projection keeps north up)."""
    ax.annotate(
        "N",
        xy=(0.03, 0.99),
        xytext=(0.03, 0.87),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="center",
        fontsize=6.5,
        fontweight="bold",
        color=TEXT,
        arrowprops={"arrowstyle": "-|>", "color": TEXT, "linewidth": 0.9, "shrinkA": 4, "shrinkB": 0},
    )


def _scale_bar(ax: Any, x0: float, y0: float, x1: float, y1: float, language: Any) -> None:
    """A bar of a round number of kilometres, about a fifth of the map's width, at its lower left."""
    span = (x1 - x0) / 5
    length = next(v for v in (0.5, 1, 2, 5, 10, 20, 50, 100, 200) if v >= span * 0.6)
    x, y = x0 + (x1 - x0) * 0.02, y0 + (y1 - y0) * 0.03
    ax.plot([x, x + length], [y, y], color=TEXT, linewidth=1.2, solid_capstyle="butt")
    label = f"{language.number(length)}\u00a0km" if language is not None else f"{length} km"
    ax.text(x + length / 2, y + (y1 - y0) * 0.015, label, fontsize=5.5, ha="center", va="bottom")


_BASES: dict[tuple, Any] = {}  # the grey map of a layer (large, and scaled down), drawn once per process


def _rescale_box(image: Any, small: Any, box: tuple[float, ...], factor: int) -> None:
    """Scale the part of ``image`` (``factor`` times larger) around ``box`` down into ``small``: the
    changed pixels, their outline's width and the reach of the Lanczos filter (3 pixels of the small
    picture) around them, on the small picture's grid."""
    from PIL import Image

    reach = 3 + factor + 2
    left = max(0, int(box[0] // factor) - reach)
    top = max(0, int(box[1] // factor) - reach)
    right = min(small.width, int(box[2] // factor) + 1 + reach)
    bottom = min(small.height, int(box[3] // factor) + 1 + reach)
    region = (left * factor, top * factor, right * factor, bottom * factor)
    small.paste(image.resize((right - left, bottom - top), Image.LANCZOS, box=region), (left, top))


def locator(figure: Any, palette: list[str]) -> bytes:
    """A small map of all areas in grey with one highlighted, drawn with Pillow at twice the size and
    scaled down (smooth edges). The grey map is drawn and scaled down once and reused for every area;
    for an area only the box around it is drawn and scaled again (with the margin the filter reaches
    into, so that every pixel is the one the whole map scaled down would have)."""
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

    def outlines(draw: Any) -> None:
        if figure.outline is not None:
            for outline in figure.outline.shapes.values():
                for polygon in outline.polygons:
                    ring = points(polygon[0])
                    draw.line([*ring, ring[0]], fill="#595959", width=2 * factor)

    key = (layer.kind, layer.bounds, len(layer.shapes), big, id(figure.outline) if figure.outline else 0)
    if key not in _BASES:
        base = Image.new("RGB", big, "white")
        draw = ImageDraw.Draw(base)
        for shape in layer.shapes.values():
            for polygon in shape.polygons:
                draw.polygon(points(polygon[0]), fill="#D9D9D9", outline="white", width=factor)
                for hole in polygon[1:]:
                    draw.polygon(points(hole), fill="white")
        lined = base.copy()
        outlines(ImageDraw.Draw(lined))
        if len(_BASES) > 8:
            _BASES.clear()
        _BASES[key] = (base, lined.resize((width, height), Image.LANCZOS))
    base, scaled = _BASES[key]
    image = base.copy()
    draw = ImageDraw.Draw(image)
    accent = "#" + (palette[1] if len(palette) > 1 else "C55A11")
    shape = layer.shapes.get(figure.highlight)
    box = None
    if shape is not None:
        for polygon in shape.polygons:
            ring = points(polygon[0])
            draw.polygon(ring, fill=accent, outline="white", width=factor)
            for hole in polygon[1:]:
                draw.polygon(points(hole), fill="white")
            xs, ys = [x for x, _ in ring], [y for _, y in ring]
            found = (min(xs), min(ys), max(xs), max(ys))
            box = found if box is None else (min(box[0], found[0]), min(box[1], found[1]),
                                             max(box[2], found[2]), max(box[3], found[3]))  # fmt: skip
    outlines(draw)
    small = scaled.copy()
    if box is not None:
        _rescale_box(image, small, box, factor)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", dpi=(DPI, DPI), compress_level=6)
    return buffer.getvalue()
