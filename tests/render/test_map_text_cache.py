"""A map's texts measured and laid out once per process, and each glyph rendered once for a position's
fraction of a pixel (render/maps.py `_canvas_class`): the report's maps show the same labels and key, at
the same places, on every map. The pixels must be matplotlib's own: each map of the example
projects drawn with the remembering renderer, first and again (from what it remembered), is byte for byte
the map drawn by matplotlib's plain Agg canvas."""

from __future__ import annotations

import io
import shutil

import pytest

from conceptgen.language import Language
from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, ROOT

PALETTES = (["1F4E79", "C55A11"], ["7F6000"])
PROJECTS = [FIXTURES / "sozialraum", ROOT / "projects" / "dortmund"]


def _plain(figure, palette, language) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from conceptgen.render import maps

    fig = maps.choropleth_figure(figure, palette, language)
    FigureCanvasAgg(fig)  # matplotlib's canvas in place of the remembering one
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=maps.DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figures(project):
    from conceptgen.document.social_blocks import one_map

    result = check_project(project)
    assert result.ok, [d.format() for d in result.diagnostics]
    social = result.data.social
    language = Language.of("de")
    space = result.concept.social_space
    found = [one_map(social, i.id, social.year, language) for i in (*space.indices, *space.indicators)]
    return [f for f in found if f is not None], language


@pytest.mark.parametrize("source", PROJECTS, ids=lambda p: p.name)
def test_remembered_texts_draw_matplotlibs_pixels(source, tmp_path):
    from conceptgen.render import maps

    project = tmp_path / source.name
    shutil.copytree(source, project)
    figures, language = _figures(project)
    assert figures
    maps._TEXTS.clear()
    maps._GLYPHS.clear()
    for n, figure in enumerate(figures[:4]):
        palette = PALETTES[n % len(PALETTES)]
        first = maps.choropleth(figure, palette, language)
        remembered, glyphs = len(maps._TEXTS), len(maps._GLYPHS)
        again = maps.choropleth(figure, palette, language)
        assert len(maps._TEXTS) == remembered > 0  # the second drawing measured and laid out nothing anew
        assert glyphs == len(maps._GLYPHS) > 0  # nor rendered a glyph on a fraction of a pixel it knew
        assert first == again == _plain(figure, palette, language), figure.id
