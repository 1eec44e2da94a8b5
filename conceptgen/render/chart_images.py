"""Charts as pictures: a PNG at 200 dpi drawn with matplotlib (imported only here), for charts that ask
for ``render: image``."""

from __future__ import annotations

import io
from typing import Any

from conceptgen.data.chart_colours import PAGE, label_colour, point_fill
from conceptgen.data.charts import ChartResult
from conceptgen.language import Language
from conceptgen.model.charts import ChartType, Stacking


def picture_font() -> dict[str, object]:
    """matplotlib settings for text in pictures: DejaVu Sans, the font matplotlib ships.

    A picture is the same on every machine only if its font is: the template's font or a system font
    (two Liberation packages side by side) would draw other pixels on another laptop. matplotlib lists
    its own fonts before the system's, so the family name resolves to the shipped file."""
    return {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}


def image_chart(result: ChartResult, *, palette: list[str], language: Language, width_emu: int) -> bytes:
    """A PNG (200 dpi) of the chart, drawn with matplotlib (imported only here)."""
    figure = draw(result, palette=palette, language=language, width_emu=width_emu)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def draw(result: ChartResult, *, palette: list[str], language: Language, width_emu: int) -> Any:
    """The chart as a matplotlib figure."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # not pyplot: no GUI backend machinery, a faster import
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fmt = language
    chart = result.chart
    colours = ["#" + c for c in palette]
    matplotlib.rcParams.update({**picture_font(), "font.size": 9, "svg.hashsalt": "conceptgen"})
    width_in = width_emu / 914400  # EMU per inch
    height_in = float(chart.height_cm) / 2.54
    figure = Figure(figsize=(width_in, height_in), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    numbers = [v for _name, values in result.series for v in values if v is not None]
    whole = chart.axis_decimals == 0 or (
        chart.axis_decimals is None and all(float(v).is_integer() for v in numbers)
    )
    axis_decimals = (
        0 if whole else (chart.axis_decimals if chart.axis_decimals is not None else chart.decimals)
    )
    number = FuncFormatter(lambda value, _pos: fmt.number(value, axis_decimals))
    if chart.type is ChartType.TIMELINE:
        _timeline(axes, result, palette, language)
    elif chart.type in (ChartType.PIE, ChartType.DOUGHNUT):
        _pie(axes, result, palette, language)
        axes.axis("equal")
    else:
        count = len(result.series)
        indices = list(range(len(result.categories)))
        _series(axes, result, colours)
        if chart.type is ChartType.BAR:
            axes.set_yticks(indices, result.categories)
            axes.invert_yaxis()
            axes.xaxis.set_major_formatter(number)
            if whole:
                axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            axes.xaxis.grid(True, color="#D9D9D9")
        else:
            axes.set_xticks(indices, result.categories)
            axes.yaxis.set_major_formatter(number)
            if whole:
                axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            axes.yaxis.grid(True, color="#D9D9D9")
        axes.set_axisbelow(True)
        if chart.legend and count > 1:
            axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(count, 4))
        if chart.x_title:
            axes.set_xlabel(chart.x_title)
        if chart.y_title:
            axes.set_ylabel(chart.y_title)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    figure.tight_layout()
    return figure


def _timeline(axes: Any, result: ChartResult, palette: list[str], language: Language) -> None:
    """A Gantt chart: a bar per measure from its start to its end, in its priority's colour."""
    from matplotlib.patches import Patch

    from conceptgen.model.template import PRIORITY_COLOURS

    labels = [bar[0] for bar in result.bars]
    positions = list(range(len(result.bars)))[::-1]
    for position, (_label, start, end, priority, _open) in zip(positions, result.bars, strict=True):
        axes.barh(
            position,
            end - start,
            left=start,
            height=0.6,
            color="#" + PRIORITY_COLOURS.get(priority, palette[0]),
        )
    axes.set_yticks(positions, labels)
    years = range(int(min(b[1] for b in result.bars)), int(max(b[2] for b in result.bars)) + 1)
    axes.set_xticks(list(years))
    axes.xaxis.grid(True, color="#D9D9D9")
    axes.set_axisbelow(True)
    priorities = sorted({b[3] for b in result.bars})
    axes.legend(
        handles=[
            Patch(
                color="#" + PRIORITY_COLOURS[p],
                label=language.terms("priority", n=language.terms[f"priority_n_{p}"]),
            )
            for p in priorities
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06),
        ncol=len(priorities),
        frameon=False,
    )


def _series(axes: Any, result: ChartResult, colours: list[str]) -> None:
    """Lines, stacked or grouped bars (columns), a series after the other. A missing value (None) draws
    no bar — never one of 0 — and, where the chart marks withheld values (a survey's small cells),
    the mark („< 5“) stands in its place on the axis."""
    chart = result.chart
    count = len(result.series)
    indices = list(range(len(result.categories)))
    bottom = [0.0] * len(indices)
    horizontal = chart.type is ChartType.BAR
    for n, (name, values) in enumerate(result.series):
        colour = colours[n % len(colours)]
        present = [(i, v) for i, v in zip(indices, values, strict=True) if v is not None]
        if chart.type in (ChartType.LINE, ChartType.INDICATOR):
            style = "--" if chart.type is ChartType.INDICATOR and n == 1 else "-"
            axes.plot(
                [p[0] for p in present], [p[1] for p in present], style, marker="o", color=colour, label=name
            )
            continue
        if chart.stacking is not Stacking.NONE:
            width, places = 0.6, [float(i) for i in indices]
        else:
            width = 0.8 / count
            places = [i - 0.4 + width * (n + 0.5) for i in indices]
        at = [places[i] for i, _v in present]
        data = [v for _i, v in present]
        base = [bottom[i] for i, _v in present]
        if horizontal:
            axes.barh(at, data, width, left=base, color=colour, label=name)
        else:
            axes.bar(at, data, width, bottom=base, color=colour, label=name)
        for i, v in present:
            bottom[i] += v if chart.stacking is not Stacking.NONE else 0.0
        if result.suppressed:
            for i in (i for i, v in enumerate(values) if v is None):
                _withheld(axes, result.suppressed, places[i], bottom[i], horizontal)


def _withheld(axes: Any, mark: str, place: float, base: float, horizontal: bool) -> None:
    """The mark of a withheld value where its bar would stand, at the axis."""
    if horizontal:
        axes.annotate(mark, (base, place), xytext=(2, 0), textcoords="offset points", va="center",
                      ha="left", fontsize=7, color="#595959")  # fmt: skip
    else:
        axes.annotate(mark, (place, base), xytext=(0, 2), textcoords="offset points", ha="center",
                      va="bottom", fontsize=7, color="#595959", rotation=90)  # fmt: skip


def _pie(axes: object, result: ChartResult, palette: list[str], language: Language) -> None:
    """A pie or doughnut with each slice's share written on it, black or white, whichever reads best on
    the slice (data/chart_colours.py, as in the native chart)."""
    values = [v or 0 for v in result.series[0][1]]
    wedges = {"width": 0.45} if result.chart.type is ChartType.DOUGHNUT else None
    _wedges, _names, shares = axes.pie(  # type: ignore[attr-defined]
        values,
        labels=result.categories,
        colors=["#" + c for c in palette],
        wedgeprops=wedges,
        autopct=lambda p: language.number(p, 0) + " %",
    )
    for point, share in enumerate(shares):
        fill = point_fill(result, palette, 0, point) or PAGE
        share.set_color("#" + label_colour(fill, inside=True))
