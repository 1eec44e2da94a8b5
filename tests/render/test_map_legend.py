"""A map's legend reads in print: its classes and title at 8 pt at least (6.5 pt printed ≈ 5 pt read
as unreadable in Dortmund's report), and inside the picture — a long title wraps, a unit in brackets
stays whole. Over every indicator map of every example with a Sozialraumanalyse."""

from __future__ import annotations

import pytest

from conceptgen.language import Language
from conceptgen.pipeline import check_project
from tests.conftest import ROOT
from tests.examples import PROJECTS


@pytest.mark.slow  # draws every indicator map
@pytest.mark.parametrize("project", PROJECTS)
def test_legend_is_large_enough_and_inside_the_map(project):
    from conceptgen.document.maps import indicator_map
    from conceptgen.render.maps import choropleth_figure

    social = getattr(check_project(ROOT / "projects" / project).data, "social", None)
    if social is None:
        pytest.skip("no Sozialraumanalyse")
    language = Language.of("de")
    for indicator in social.spec.indicators:
        figure = indicator_map(social, indicator.id, social.year, language)
        if figure is None:  # no values that year
            continue
        plot = choropleth_figure(figure, ["1F4E79"], language)
        renderer = plot.canvas.get_renderer()
        width = plot.bbox.width
        legend = plot.legends[0]
        texts = [*legend.get_texts(), legend.get_title()]
        assert all(t.get_fontsize() >= 8 for t in texts), indicator.id
        right = max(t.get_window_extent(renderer).x1 for t in texts)
        assert right <= width, (indicator.id, right, width)
        assert "(je\n" not in legend.get_title().get_text(), indicator.id
