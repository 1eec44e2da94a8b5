"""The key of numbers on a map reads in print: at 7 pt at least (it was 4.4 pt beside Dortmund's maps, too
small to read), below the map across the picture, each entry inside the picture and clear of the others.
Over every map that every example project's documents draw (the render spied on, no cache, one process)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.examples import PROJECTS

KEY_MIN_PT = 7.0


def _drawn_maps(project: str, monkeypatch) -> list:
    """The matplotlib figures of every choropleth map the project's documents draw."""
    from conceptgen.pipeline import render_project
    from conceptgen.render import maps

    drawn = []
    original = maps.choropleth_figure

    def spy(figure, palette, language):
        plot = original(figure, palette, language)
        drawn.append((figure, plot))
        return plot

    monkeypatch.setattr(maps, "choropleth_figure", spy)
    monkeypatch.setenv("CONCEPTGEN_CACHE", "0")  # a cached picture is not drawn again
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")  # drawn in this process, where the spy is
    render_project(ROOT / "projects" / project, libreoffice=False, write=False)
    return drawn


def _key_texts(figure, plot) -> list:
    """The key's texts: the figure-level texts that are a number on the map or the name it stands for."""
    on_map = {t.get_text() for t in plot.axes[0].texts}
    keyed = {figure.labels[a] for a in figure.labels if figure.labels[a] in on_map}
    names = {figure.names.get(a, "") for a in figure.labels if figure.labels[a] in on_map}
    return [t for t in plot.texts if t.get_text() in keyed | names and t.get_text()]


@pytest.mark.slow  # renders every example without cache
@pytest.mark.parametrize("project", PROJECTS)
def test_every_maps_key_is_large_enough_inside_and_clear(project, monkeypatch):
    drawn = _drawn_maps(project, monkeypatch)
    keyed_maps = 0
    for figure, plot in drawn:
        texts = _key_texts(figure, plot)
        if not texts:
            continue
        keyed_maps += 1
        title = figure.legend_title or figure.title
        assert all(t.get_fontsize() >= KEY_MIN_PT for t in texts), (title, {t.get_fontsize() for t in texts})
        renderer = plot.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in texts]
        for box in boxes:
            assert box.x0 >= 0 and box.x1 <= plot.bbox.width and box.y0 >= 0 and box.y1 <= plot.bbox.height
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), (title, a, b)
        map_box = plot.axes[0].get_window_extent(renderer)
        assert all(box.y1 <= map_box.y0 for box in boxes), title  # below the map, not on it
    if project == "dortmund":
        assert keyed_maps >= 9, keyed_maps  # the report's index, indicator, bivariate and 2014 maps
