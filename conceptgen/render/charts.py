"""Native Word charts: python-pptx's chart XML writer builds the chart and its workbook, conceptgen
decides its look (conceptgen/ooxml/chart.py writes it).

Native charts keep their numbers in an embedded workbook, so the client can restyle them and use
„Daten bearbeiten“ in Word. Colours come from the template's palette, fonts match the template, numbers
use the document's language. DrawingML has no Gantt chart: the timeline is drawn as stacked bars whose
first, invisible series is the start. Charts that ask for ``render: image`` are drawn by
render/chart_images.py.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

from conceptgen.cache import Cache
from conceptgen.data.chart_colours import (
    MIN_LABELLED,
    PAGE,
    ValueLabel,
    label_colour,
    labels_inside,
    point_fill,
    series_fill,
    value_labels,
)
from conceptgen.data.charts import ChartResult
from conceptgen.language import Language
from conceptgen.model.charts import ChartType, PieLabels, RenderAs, Stacking
from conceptgen.model.template import PRIORITY_COLOURS
from conceptgen.ooxml import chart as xml_chart
from conceptgen.ooxml import chart_axes as xml_axes
from conceptgen.render.workbooks import SafeCategoryChartData
from conceptgen.terms import Terms

EMU_PER_CM = 360000
LABEL_SIZE = 900  # hundredths of a point: the chart text's size, for the labels that keep every category
UPRIGHT_LABELS = 8  # a highlighted area's comparison beyond this many bars labels each upwards (−90°)


def is_native(result: ChartResult) -> bool:
    return result.chart.render is RenderAs.NATIVE


def image_chart(
    result: ChartResult,
    *,
    palette: list[str],
    language: Language,
    width_emu: int,
    cache: Cache | None = None,
) -> bytes:
    """A PNG of the chart ``width_emu`` wide (matplotlib, imported only for such charts), taken from the
    ``cache`` when the same chart was drawn before by the same matplotlib."""
    key = None
    if cache is not None and cache.folder is not None:
        from importlib.metadata import version

        key = Cache.key(
            "chart.png",
            repr(result),  # every field: the chart's settings, categories, values, source
            repr(palette),
            repr(sorted(language.terms.items())),
            str(width_emu),
            version("matplotlib"),
            _drawing_code(),  # a changed drawing is a new picture, also between releases
        )
        found = cache.get(key)
        if found is not None:
            return found
    from conceptgen.render.chart_images import image_chart as draw

    png = draw(result, palette=palette, language=language, width_emu=width_emu)
    if key is not None:
        cache.put(key, png)
    return png


@functools.cache
def _drawing_code() -> bytes:
    """The source of render/chart_images.py (read, not imported: matplotlib stays unloaded)."""
    return (Path(__file__).with_name("chart_images.py")).read_bytes()


def _timeline_series(
    result: ChartResult, terms: Terms
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """A Gantt chart as stacked bars: an invisible start series, then one duration series per priority."""
    labels = timeline_labels(result)[0]
    series: list[tuple[str, list[float | None]]] = [
        # no name: the invisible start series must not show in the legend (Word and LibreOffice disagree
        # on which entry c:legendEntry hides when the category axis runs top-down)
        ("\u200b", [bar[1] for bar in result.bars])
    ]
    for priority in sorted({bar[3] for bar in result.bars}):
        series.append(
            (
                terms("priority", n=terms[f"priority_n_{priority}"]),
                [round(bar[2] - bar[1], 3) if bar[3] == priority else 0.0 for bar in result.bars],
            )
        )
    return labels, series


def native_chart(
    result: ChartResult, *, palette: list[str], font: str, language: Language
) -> tuple[Any, bytes]:
    """The chart (its ``c:chartSpace`` element) and its workbook."""
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE

    chart = result.chart
    kind = chart.type
    stacking = chart.stacking
    types = {
        (ChartType.COLUMN, Stacking.NONE): XL_CHART_TYPE.COLUMN_CLUSTERED,
        (ChartType.COLUMN, Stacking.STACKED): XL_CHART_TYPE.COLUMN_STACKED,
        (ChartType.COLUMN, Stacking.PERCENT): XL_CHART_TYPE.COLUMN_STACKED_100,
        (ChartType.BAR, Stacking.NONE): XL_CHART_TYPE.BAR_CLUSTERED,
        (ChartType.BAR, Stacking.STACKED): XL_CHART_TYPE.BAR_STACKED,
        (ChartType.BAR, Stacking.PERCENT): XL_CHART_TYPE.BAR_STACKED_100,
    }
    categories, series = result.categories, result.series
    if kind is ChartType.TIMELINE:
        categories, series = _timeline_series(result, language.terms)
        xl_type = XL_CHART_TYPE.BAR_STACKED
    elif kind in (ChartType.LINE, ChartType.INDICATOR):
        xl_type = XL_CHART_TYPE.LINE_MARKERS
    elif kind is ChartType.PIE:
        xl_type = XL_CHART_TYPE.PIE
    elif kind is ChartType.DOUGHNUT:
        xl_type = XL_CHART_TYPE.DOUGHNUT
    else:
        xl_type = types[(kind, stacking)]
    number_format = _number_format(chart.decimals, language, PERCENT_SIGN if result.percent else "")
    data = SafeCategoryChartData(number_format=number_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    space = xml_chart.parse(ChartXmlWriter(xl_type, data).xml)
    _style(space, result, palette, font, language, number_format)
    if kind is ChartType.TIMELINE:
        _style_timeline(space, result, font, language.tag)
    if result.likert:
        _style_likert(space, result, palette, font, language, number_format)
    xml_chart.number_axes(space)
    return space, data.xlsx_blob


def _number_format(decimals: int, language: Language, suffix: str = "") -> str:
    code = "#,##0" + ("." + "0" * decimals if decimals else "") + suffix
    # Excel number formats are locale-neutral; the locale tag makes every viewer show 1.234,5
    return "[$-407]" + code if language.german else code


PERCENT = "0\\\u00a0%"  # „36 %“: a non-breaking space before the percent sign, as German writes it
PERCENT_SIGN = '"\u00a0%"'  # values that are percentages already (36.2, not 0.362): the sign as text


def _axis_format(result: ChartResult, language: Language, values: list[float]) -> str:
    """The value axis' format: its own decimals, else none for values from ten up, one below."""
    chart = result.chart
    if chart.stacking is Stacking.PERCENT:
        return PERCENT
    suffix = PERCENT_SIGN if result.percent else ""
    decimals = chart.axis_decimals
    if decimals is None:
        largest = max((abs(v) for v in values), default=0)
        decimals = (
            0 if largest >= 10 or all(float(v).is_integer() for v in values) else min(chart.decimals, 1)
        )
    return _number_format(decimals, language, suffix)


def _style(
    space: Any, result: ChartResult, palette: list[str], font: str, language: Language, number_format: str
):
    chart = result.chart
    tag = language.tag
    xml_chart.set_language(space, tag)
    xml_chart.delete_auto_title(space)
    pie = chart.type in (ChartType.PIE, ChartType.DOUGHNUT)
    line = chart.type in (ChartType.LINE, ChartType.INDICATOR)
    by_series: dict[int, list[ValueLabel]] = {}
    for label in value_labels(result, palette):
        by_series.setdefault(label.series, []).append(label)
    for index, ser in enumerate(xml_chart.series(space)):
        colour = palette[index % len(palette)]
        on_line = line or index in result.secondary
        if pie:
            xml_chart.colour_points(ser, [palette[p % len(palette)] for p in range(len(result.categories))])
        else:
            xml_chart.colour_series(ser, colour, on_line)
            if not (on_line or result.likert or chart.type is ChartType.TIMELINE):
                # the highlighted area in the accent colour, a survey's „weiß nicht“ grey
                for point in range(len(result.categories)):
                    fill = point_fill(result, palette, index, point)
                    if fill is not None and fill != colour:
                        xml_chart.colour_point(ser, point, fill)
            if line:
                xml_chart.style_markers(ser, colour)
                if chart.type is ChartType.INDICATOR and index == 1:  # the target path: dashed
                    xml_chart.dash_line(ser)
        labels = by_series.get(index, [])
        if pie and chart.labels is not PieLabels.NONE:
            xml_chart.set_data_labels(
                ser,
                PERCENT if chart.labels is PieLabels.PERCENT else number_format,
                show_value=chart.labels in (PieLabels.VALUE, PieLabels.BOTH),
                show_percent=chart.labels in (PieLabels.PERCENT, PieLabels.BOTH),
                font=font,
                language=tag,
                colour="FFFFFF",
            )
            # each label in the colour that reads best on its slice (WCAG contrast, not a guess)
            xml_chart.colour_point_labels(ser, {label.point: label.text for label in labels}, font, tag)
        elif chart.data_labels and not pie and labels:
            _value_labels(ser, result, palette, index, labels, number_format, font, tag)
    primary = [
        v
        for i, (_n, values) in enumerate(result.series)
        if i not in result.secondary
        for v in values
        if v is not None
    ]
    horizontal_bar = chart.type is ChartType.BAR
    for axis in xml_chart.value_axes(space) + xml_chart.category_axes(space):
        is_value = xml_chart.is_value_axis(axis)
        title_text = chart.y_title if is_value else chart.x_title
        if horizontal_bar:
            title_text = chart.x_title if is_value else chart.y_title
        if title_text:
            xml_axes.set_axis_title(axis, title_text, font, tag)
        if is_value:
            xml_axes.set_axis_number_format(axis, _axis_format(result, language, primary))
            xml_axes.ensure_gridlines(axis)
            bars = chart.type in (ChartType.COLUMN, ChartType.BAR)
            if bars and primary and min(primary) >= 0 and axis in xml_chart.value_axes(space)[:1]:
                xml_axes.set_minimum(axis, 0)  # bars start at zero, whatever a viewer's autoscale does
        elif result.highlight is not None:
            xml_axes.labels_low(axis)
            if len(result.categories) > UPRIGHT_LABELS:  # every bar's label, read upwards: none dropped
                xml_axes.label_every_category(axis, font, LABEL_SIZE, tag, rotation=-90)
    if horizontal_bar:  # read from the top: the first category is the top bar
        for axis in xml_chart.category_axes(space):
            xml_axes.reverse_order(axis)
        for axis in xml_chart.value_axes(space):
            xml_axes.set_crosses(axis, "max")
    if result.secondary:
        _secondary_line(space, result, palette, font, language)
    if result.highlight is not None and len(result.categories) > 20:
        xml_chart.set_gap_width(space, 30)  # many thin bars: narrow gaps
    show_legend = chart.legend and (len(result.series) > 1 or pie)
    xml_chart.set_legend(space, "b" if show_legend else None)
    xml_chart.ensure_plot_visible_only(space)
    xml_chart.set_text_properties(space, font, 900, tag)
    xml_chart.append_no_fill(space)


def _value_labels(
    ser: Any,
    result: ChartResult,
    palette: list[str],
    index: int,
    labels: list[ValueLabel],
    number_format: str,
    font: str,
    tag: str,
) -> None:
    """The values of a series: inside a stacked segment black or white by the segment's colour, beyond
    a bar or above a point dark grey on the page; a point whose fill differs from its series' (the
    highlighted area, a grey answer) gets a label colour of its own (chart_colours.py decides them all)."""
    inside = labels_inside(result, index)
    fill = series_fill(result, palette, index) or PAGE
    colour = label_colour(fill if inside else PAGE, inside)
    xml_chart.set_data_labels(
        ser,
        number_format,
        show_value=True,
        show_percent=False,
        font=font,
        language=tag,
        colour=colour,
        position="t" if _on_line(result, index) else ("" if inside else "outEnd"),
    )
    own = {label.point: label.text for label in labels if label.text != colour}
    if own:
        xml_chart.colour_point_labels(ser, own, font, tag)
    below = labels_below(result, index)
    if below:
        xml_chart.place_point_labels(ser, dict.fromkeys(below, "b"))


def labels_below(result: ChartResult, index: int) -> list[int]:
    """A line chart of two series (an indicator's actual values and target path): where both have a
    value, the lower one's label below its point, the higher one's above (both above printed „24,6“
    over „24,1“ as one)."""
    line = result.chart.type in (ChartType.LINE, ChartType.INDICATOR)
    if not line or len(result.series) != 2 or result.secondary:
        return []
    own, other = result.series[index][1], result.series[1 - index][1]
    return [
        point
        for point, (mine, theirs) in enumerate(zip(own, other, strict=False))
        if mine is not None and theirs is not None and (mine < theirs or (mine == theirs and index == 1))
    ]


def _on_line(result: ChartResult, index: int) -> bool:
    return result.chart.type in (ChartType.LINE, ChartType.INDICATOR) or index in result.secondary


def _style_likert(
    space: Any, result: ChartResult, palette: list[str], font: str, language: Language, number_format: str
) -> None:
    """A Likert battery: the scale's levels in diverging colours from the palette's first colour to its
    second through light grey, the gap before the neutral answers invisible, the neutral answers grey;
    the values written on the bars (white or black, whichever contrasts more), none on segments too
    narrow for them; no
    value axis (the bars of the scale fill 100 %, the neutral bar stands apart)."""
    levels = result.likert
    neutral = max((v or 0.0 for _n, values in result.series[levels + 1 :] for v in values), default=0.0)
    for index, ser in enumerate(xml_chart.series(space)):
        values = result.series[index][1]
        colour = series_fill(result, palette, index)
        if colour is None:  # the gap
            xml_chart.hide_series(ser)
            old = ser.find(xml_chart._c("dLbls"))
            if old is not None:
                ser.remove(old)
            continue
        xml_chart.fill_series(ser, colour)
        xml_chart.set_data_labels(
            ser,
            number_format,
            show_value=True,
            show_percent=False,
            font=font,
            language=language.tag,
            colour=label_colour(colour, inside=True),
            position="ctr",
        )
        xml_chart.hide_point_labels(ser, [i for i, v in enumerate(values) if (v or 0.0) < MIN_LABELLED])
    xml_chart.set_overlap(space, 100)
    xml_chart.set_gap_width(space, 60)
    for axis in xml_chart.value_axes(space):
        xml_axes.set_bounds(axis, 0, 100 + (4 + neutral if levels < len(result.series) else 0))
        xml_axes.hide_axis(axis)
    for axis in xml_chart.category_axes(space):
        xml_axes.label_every_category(axis, font, LABEL_SIZE, language.tag)
    xml_chart.set_legend(space, "b")


def _secondary_line(
    space: Any, result: ChartResult, palette: list[str], font: str, language: Language
) -> None:
    """Series marked ``axis: secondary`` as lines with markers on a value axis of their own, right."""
    axes = xml_axes.secondary_line_chart(space, result.secondary)
    if axes is None:
        return
    _category, value = axes
    for offset, ser in enumerate(xml_chart.line_series(space)):
        xml_chart.style_markers(ser, palette[result.secondary[offset] % len(palette)])
    values = [v for i in result.secondary for v in result.series[i][1] if v is not None]
    xml_axes.set_axis_number_format(value, _axis_format(result, language, values))
    if result.chart.y2_title:
        xml_axes.set_axis_title(value, result.chart.y2_title, font, language.tag)


def _style_timeline(space: Any, result: ChartResult, font: str, language: str) -> None:
    """Gantt look: start series invisible (and out of the legend), priorities coloured, open periods
    fading out, first item on top, whole years on the axis."""
    priorities = sorted({bar[3] for bar in result.bars})
    for index, ser in enumerate(xml_chart.series(space)):
        if index == 0:
            xml_chart.hide_series(ser)
            continue
        priority = priorities[index - 1]
        colour = PRIORITY_COLOURS.get(priority, "A5A5A5")
        xml_chart.fill_series(ser, colour)
        for point, bar in enumerate(result.bars):
            if bar[3] == priority and bar[4]:
                xml_chart.fade_point(ser, point, colour)
    xml_chart.set_overlap(space, 100)
    start = int(min(bar[1] for bar in result.bars))
    end = math.ceil(max(bar[2] for bar in result.bars))
    for axis in xml_chart.category_axes(space):
        xml_axes.reverse_order(axis)
        xml_axes.label_every_category(axis, font, timeline_labels(result)[1], language)
    for axis in xml_chart.value_axes(space):
        xml_axes.set_crosses(axis, "max")  # with the items top-down, keep the year axis at the bottom
        xml_axes.set_bounds(axis, start, end)
        # the last tick is where the last year ends (31.12.2022 = 2023.0): it carries no label, so that
        # a plan of 2017–2022 does not read as running to 2023
        xml_axes.set_axis_number_format(axis, f'[<{end}]0;""')
        xml_axes.set_major_unit(axis, 1)
    xml_chart.set_legend(space, "b")


def height_emu(result: ChartResult) -> int:
    """The chart's height; a timeline grows with its bars so that every (wrapped) label has room."""
    height = float(result.chart.height_cm)
    if result.chart.type is ChartType.TIMELINE and result.bars:
        height = max(height, timeline_labels(result)[2])
    return int(min(height, MAX_HEIGHT_CM) * EMU_PER_CM)


MAX_HEIGHT_CM = 22.0  # a page's body less its caption
TIMELINE_FRAME_CM = 2.0  # the year axis and the legend
LABEL_GAP_CM = 0.15  # between two bars' labels
LINE_CM = 0.38  # a label's line at 9 pt
LABEL_WIDTH = 34  # characters of a label's line at 9 pt (data/charts.py wraps them so)


def timeline_labels(result: ChartResult) -> tuple[list[str], int, float]:
    """The bars' labels, their size (hundredths of a point) and the height (cm) they need. LibreOffice
    and Word give every bar the same slot, so the longest label sets it: at 9 pt when the bars fit onto a
    page so, else smaller (8, then 7 pt) and wrapped wider in the same space — never hidden or cut."""
    words = [_unwrap(bar[0]) for bar in result.bars]
    for size in (900, 800, 700):
        width = round(LABEL_WIDTH * 900 / size)
        labels = [_wrap(text, width) for text in words]
        lines = max(label.count("\n") + 1 for label in labels)
        height = TIMELINE_FRAME_CM + len(labels) * (lines * LINE_CM * size / 900 + LABEL_GAP_CM)
        if height <= MAX_HEIGHT_CM:
            break
    return labels if size != 900 else [bar[0] for bar in result.bars], size, height


def _unwrap(label: str) -> str:
    """A wrapped label as one line again (data/charts.py breaks lines only at spaces)."""
    return " ".join(label.split("\n"))


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text
