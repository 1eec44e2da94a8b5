"""Native Word charts: python-pptx's chart XML writer builds the chart and its workbook, conceptgen
decides its look (conceptgen/ooxml/chart.py writes it).

Native charts keep their numbers in an embedded workbook, so the client can restyle them and use
„Daten bearbeiten“ in Word. Colours come from the template's palette, fonts match the template, numbers
use the document's language. DrawingML has no Gantt chart: the timeline is drawn as stacked bars whose
first, invisible series is the start. Charts that ask for ``render: image`` are drawn by
render/chart_images.py.
"""

from __future__ import annotations

from typing import Any

from conceptgen.data.charts import ChartResult
from conceptgen.language import Language
from conceptgen.model.charts import ChartType, RenderAs, Stacking
from conceptgen.model.template import PRIORITY_COLOURS
from conceptgen.ooxml import chart as xml_chart
from conceptgen.render.workbooks import SafeCategoryChartData
from conceptgen.terms import Terms

EMU_PER_CM = 360000


def is_native(result: ChartResult) -> bool:
    return result.chart.render is RenderAs.NATIVE


def image_chart(
    result: ChartResult, *, palette: list[str], font: str, language: Language, width_emu: int
) -> bytes:
    """A PNG of the chart ``width_emu`` wide (matplotlib, imported only for such charts)."""
    from conceptgen.render.chart_images import image_chart as draw

    return draw(result, palette=palette, font=font, language=language, width_emu=width_emu)


def _timeline_series(
    result: ChartResult, terms: Terms
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """A Gantt chart as stacked bars: an invisible start series, then one duration series per priority."""
    labels = [bar[0] for bar in result.bars]
    series: list[tuple[str, list[float | None]]] = [
        (terms["timeline.start"], [bar[1] for bar in result.bars])
    ]
    for priority in sorted({bar[3] for bar in result.bars}):
        series.append(
            (
                terms("priority", n=priority),
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
    number_format = "#,##0" + ("." + "0" * chart.decimals if chart.decimals else "")
    if language.german:
        # Excel number formats are locale-neutral; the locale tag makes every viewer show 1.234,5
        number_format = "[$-407]" + number_format
    data = SafeCategoryChartData(number_format=number_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    space = xml_chart.parse(ChartXmlWriter(xl_type, data).xml)
    _style(space, result, palette, font, language.tag, number_format)
    if kind is ChartType.TIMELINE:
        _style_timeline(space, result)
    workbook = data.xlsx_blob
    return space, workbook


def _style(space: Any, result: ChartResult, palette: list[str], font: str, language: str, number_format: str):
    chart = result.chart
    xml_chart.set_language(space, language)
    xml_chart.delete_auto_title(space)
    pie = chart.type in (ChartType.PIE, ChartType.DOUGHNUT)
    line = chart.type in (ChartType.LINE, ChartType.INDICATOR)
    for index, ser in enumerate(xml_chart.series(space)):
        colour = palette[index % len(palette)]
        if pie:
            xml_chart.colour_points(ser, [palette[p % len(palette)] for p in range(len(result.categories))])
        else:
            xml_chart.colour_series(ser, colour, line)
            if line:
                xml_chart.style_markers(ser, colour)
                if chart.type is ChartType.INDICATOR and index == 1:  # the target path: dashed
                    xml_chart.dash_line(ser)
        if chart.data_labels or pie:
            xml_chart.set_data_labels(
                ser,
                number_format if not pie else "0%",
                show_value=not pie,
                show_percent=pie,
                font=font,
                language=language,
                colour="FFFFFF" if pie else "404040",
            )
    horizontal_bar = chart.type is ChartType.BAR
    for axis in xml_chart.value_axes(space) + xml_chart.category_axes(space):
        is_value = xml_chart.is_value_axis(axis)
        title_text = chart.y_title if is_value else chart.x_title
        if horizontal_bar:
            title_text = chart.x_title if is_value else chart.y_title
        if title_text:
            xml_chart.set_axis_title(axis, title_text, font, language)
        if is_value:
            xml_chart.set_axis_number_format(
                axis, "0%" if chart.stacking is Stacking.PERCENT else number_format
            )
            xml_chart.ensure_gridlines(axis)
    show_legend = chart.legend and (len(result.series) > 1 or pie)
    xml_chart.set_legend(space, "b" if show_legend else None)
    xml_chart.ensure_plot_visible_only(space)
    xml_chart.set_text_properties(space, font, 900, language)
    xml_chart.number_axes(space)
    xml_chart.append_no_fill(space)


def _style_timeline(space: Any, result: ChartResult) -> None:
    """Gantt look: start series invisible, priorities coloured, first item on top, years on the axis."""
    for index, ser in enumerate(xml_chart.series(space)):
        if index == 0:
            xml_chart.hide_series(ser)
        else:
            xml_chart.fill_series(ser, PRIORITY_COLOURS.get(index, "A5A5A5"))
    xml_chart.set_overlap(space, 100)
    start = int(min(bar[1] for bar in result.bars))
    end = int(max(bar[2] for bar in result.bars)) + 1
    for axis in xml_chart.category_axes(space):
        xml_chart.reverse_order(axis)
    for axis in xml_chart.value_axes(space):
        xml_chart.set_crosses(axis, "max")  # with the items top-down, keep the year axis at the bottom
        xml_chart.set_bounds(axis, start, end)
        xml_chart.set_axis_number_format(axis, "0")
        xml_chart.set_major_unit(axis, 1)
    xml_chart.set_legend(space, None)  # an invisible start series has no place in a legend


def height_emu(result: ChartResult) -> int:
    return int(float(result.chart.height_cm) * EMU_PER_CM)
