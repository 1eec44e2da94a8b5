"""Charts as pictures: a PNG at 200 dpi drawn with matplotlib (imported only here), for charts that ask
for ``render: image``."""

from __future__ import annotations

import io

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
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # not pyplot: no GUI backend machinery, a faster import
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from conceptgen.model.template import PRIORITY_COLOURS

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
        labels = [bar[0] for bar in result.bars]
        positions = list(range(len(result.bars)))[::-1]
        for position, (_label, start, end, priority) in zip(positions, result.bars, strict=True):
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
        from matplotlib.patches import Patch

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
    elif chart.type in (ChartType.PIE, ChartType.DOUGHNUT):
        _pie(axes, result, palette, language)
        axes.axis("equal")
    else:
        count = len(result.series)
        indices = list(range(len(result.categories)))
        bottom = [0.0] * len(indices)
        for n, (name, values) in enumerate(result.series):
            data = [v or 0 for v in values]
            colour = colours[n % len(colours)]
            if chart.type in (ChartType.LINE, ChartType.INDICATOR):
                style = "--" if chart.type is ChartType.INDICATOR and n == 1 else "-"
                points = [(i, v) for i, v in zip(indices, values, strict=True) if v is not None]
                axes.plot(
                    [p[0] for p in points],
                    [p[1] for p in points],
                    style,
                    marker="o",
                    color=colour,
                    label=name,
                )
            elif chart.stacking is not Stacking.NONE:
                if chart.type is ChartType.BAR:
                    axes.barh(indices, data, 0.6, left=bottom, color=colour, label=name)
                else:
                    axes.bar(indices, data, 0.6, bottom=bottom, color=colour, label=name)
                bottom = [b + d for b, d in zip(bottom, data, strict=True)]
            else:
                width = 0.8 / count
                offset = [i - 0.4 + width * (n + 0.5) for i in indices]
                if chart.type is ChartType.BAR:
                    axes.barh(offset, data, width, color=colour, label=name)
                else:
                    axes.bar(offset, data, width, color=colour, label=name)
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
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


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
