"""Charts: native Word charts built on python-pptx's chart XML writer, or PNG images via matplotlib.

Native charts keep their numbers in an embedded workbook, so the client can restyle them and use
„Daten bearbeiten“ in Word. Colours come from the template's palette, fonts match the template, numbers
use the document's language. DrawingML has no Gantt chart: the timeline is drawn as stacked bars whose
first, invisible series is the start.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from conceptgen.data.charts import ChartResult
from conceptgen.model.charts import ChartType, RenderAs, Stacking

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DEFAULT_PALETTE = ["1F4E79", "C55A11", "7F9FBF", "E2A16F", "548235", "A5A5A5", "7030A0", "BF9000"]
PRIORITY_COLOURS = {1: "1F4E79", 2: "7F9FBF", 3: "BFBFBF"}
EMU_PER_CM = 360000


def _c(tag: str) -> str:
    return f"{{{C}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def is_native(result: ChartResult) -> bool:
    return result.chart.render is RenderAs.NATIVE


def _timeline_series(result: ChartResult) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """A Gantt chart as stacked bars: an invisible start series, then one duration series per priority."""
    labels = [bar[0] if len(bar[0]) <= 44 else bar[0][:42].rstrip() + " …" for bar in result.bars]
    series: list[tuple[str, list[float | None]]] = [("Beginn", [bar[1] for bar in result.bars])]
    for priority in sorted({bar[3] for bar in result.bars}):
        series.append(
            (
                f"Priorität {priority}",
                [round(bar[2] - bar[1], 3) if bar[3] == priority else 0.0 for bar in result.bars],
            )
        )
    return labels, series


def native_chart(result: ChartResult, *, palette: list[str], font: str, language: str) -> tuple[bytes, bytes]:
    """The chart XML (``c:chartSpace``) and its workbook for a category chart."""
    from pptx.chart.data import CategoryChartData
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
        categories, series = _timeline_series(result)
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
    if language.startswith("de"):
        # Excel number formats are locale-neutral; the locale tag makes every viewer show 1.234,5
        number_format = "[$-407]" + number_format
    data = CategoryChartData(number_format=number_format)
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    space = etree.fromstring(ChartXmlWriter(xl_type, data).xml.encode("utf-8"))
    _style(space, result, palette, font, language, number_format)
    if kind is ChartType.TIMELINE:
        _style_timeline(space, result)
    workbook = data.xlsx_blob if hasattr(data, "xlsx_blob") else data._workbook_writer.xlsx_blob
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True), workbook


def _solid(colour: str) -> etree._Element:
    fill = etree.Element(_a("solidFill"))
    etree.SubElement(fill, _a("srgbClr")).set("val", colour)
    return fill


def _sp_pr(colour: str, line: bool) -> etree._Element:
    sp = etree.Element(_c("spPr"))
    if line:
        ln = etree.SubElement(sp, _a("ln"), w="28575", cap="rnd")
        ln.append(_solid(colour))
    else:
        sp.append(_solid(colour))
        ln = etree.SubElement(sp, _a("ln"))
        ln.append(_solid("FFFFFF"))
    return sp


def _text_props(
    font: str, size: int, language: str, bold: bool = False, colour: str = "404040"
) -> etree._Element:
    tx = etree.Element(_c("txPr"))
    etree.SubElement(tx, _a("bodyPr"))
    etree.SubElement(tx, _a("lstStyle"))
    p = etree.SubElement(tx, _a("p"))
    ppr = etree.SubElement(p, _a("pPr"))
    rpr = etree.SubElement(ppr, _a("defRPr"), sz=str(size), b="1" if bold else "0")
    rpr.append(_solid(colour))
    etree.SubElement(rpr, _a("latin"), typeface=font)
    etree.SubElement(rpr, _a("cs"), typeface=font)
    etree.SubElement(p, _a("endParaRPr"), lang=language)
    return tx


def _title(text: str, font: str, language: str) -> etree._Element:
    title = etree.Element(_c("title"))
    tx = etree.SubElement(title, _c("tx"))
    rich = etree.SubElement(tx, _c("rich"))
    etree.SubElement(rich, _a("bodyPr"))
    etree.SubElement(rich, _a("lstStyle"))
    p = etree.SubElement(rich, _a("p"))
    r = etree.SubElement(p, _a("r"))
    rpr = etree.SubElement(r, _a("rPr"), lang=language, sz="900", b="0")
    rpr.append(_solid("404040"))
    etree.SubElement(rpr, _a("latin"), typeface=font)
    etree.SubElement(r, _a("t")).text = text
    etree.SubElement(title, _c("overlay"), val="0")
    return title


def _insert_after(parent: etree._Element, new: etree._Element, after: list[str]) -> None:
    """Insert ``new`` after the last existing child named in ``after`` (schema order), else first."""
    anchor = None
    for child in parent:
        if child.tag.split("}")[1] in after:
            anchor = child
    if anchor is not None:
        anchor.addnext(new)
    else:
        parent.insert(0, new)


def _style(
    space: etree._Element,
    result: ChartResult,
    palette: list[str],
    font: str,
    language: str,
    number_format: str,
) -> None:
    chart = result.chart
    lang = etree.Element(_c("lang"), val=language)
    _insert_after(space, lang, ["date1904"])
    chart_el = space.find(_c("chart"))
    deleted = chart_el.find(_c("autoTitleDeleted"))
    if deleted is None:
        deleted = etree.Element(_c("autoTitleDeleted"))
        chart_el.insert(0, deleted)
    deleted.set("val", "1")  # the caption below the chart carries the title
    plot = chart_el.find(_c("plotArea"))
    pie = chart.type in (ChartType.PIE, ChartType.DOUGHNUT)
    line = chart.type in (ChartType.LINE, ChartType.INDICATOR)
    for index, ser in enumerate(plot.iter(_c("ser"))):
        colour = palette[index % len(palette)]
        if pie:
            for point in range(len(result.categories)):
                dpt = etree.Element(_c("dPt"))
                etree.SubElement(dpt, _c("idx"), val=str(point))
                etree.SubElement(dpt, _c("bubble3D"), val="0")
                dpt.append(_sp_pr(palette[point % len(palette)], False))
                _insert_after(ser, dpt, ["idx", "order", "tx", "spPr", "explosion", "dPt"])
        else:
            _insert_after(ser, _sp_pr(colour, line), ["idx", "order", "tx"])
            if line:
                marker = ser.find(_c("marker"))
                if marker is not None:
                    for child in list(marker):
                        if child.tag != _c("symbol"):
                            marker.remove(child)
                    marker.append(etree.Element(_c("size"), val="6"))
                    sp = etree.SubElement(marker, _c("spPr"))
                    sp.append(_solid(colour))
                if chart.type is ChartType.INDICATOR and index == 1:  # the target path: dashed
                    ln = ser.find(_c("spPr")).find(_a("ln"))
                    etree.SubElement(ln, _a("prstDash"), val="dash")
        if chart.data_labels or pie:
            labels = etree.Element(_c("dLbls"))
            etree.SubElement(
                labels, _c("numFmt"), formatCode=number_format if not pie else "0%", sourceLinked="0"
            )
            etree.SubElement(labels, _c("spPr")).append(etree.Element(_a("noFill")))
            labels.append(_text_props(font, 800, language, colour="FFFFFF" if pie else "404040"))
            for flag, value in (
                ("showLegendKey", "0"),
                ("showVal", "0" if pie else "1"),
                ("showCatName", "0"),
                ("showSerName", "0"),
                ("showPercent", "1" if pie else "0"),
                ("showBubbleSize", "0"),
            ):
                etree.SubElement(labels, _c(flag), val=value)
            old = ser.find(_c("dLbls"))
            if old is not None:
                ser.remove(old)
            _insert_after(
                ser, labels, ["idx", "order", "tx", "spPr", "invertIfNegative", "marker", "dPt", "explosion"]
            )
    for axis in list(plot.iter(_c("valAx"))) + list(plot.iter(_c("catAx"))):
        is_value = axis.tag == _c("valAx")
        horizontal_bar = chart.type is ChartType.BAR
        title_text = chart.y_title if is_value else chart.x_title
        if horizontal_bar:
            title_text = chart.x_title if is_value else chart.y_title
        if title_text:
            _insert_after(
                axis,
                _title(title_text, font, language),
                ["axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines"],
            )
        if is_value:
            fmt = axis.find(_c("numFmt"))
            if fmt is None:
                fmt = etree.Element(_c("numFmt"))
                _insert_after(
                    axis,
                    fmt,
                    ["axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title"],
                )
            fmt.set("formatCode", "0%" if chart.stacking is Stacking.PERCENT else number_format)
            fmt.set("sourceLinked", "0")
            if axis.find(_c("majorGridlines")) is None:
                grid = etree.Element(_c("majorGridlines"))
                sp = etree.SubElement(grid, _c("spPr"))
                ln = etree.SubElement(sp, _a("ln"), w="6350")
                ln.append(_solid("D9D9D9"))
                _insert_after(axis, grid, ["axId", "scaling", "delete", "axPos"])
    legend = chart_el.find(_c("legend"))
    if legend is not None:
        chart_el.remove(legend)
    if chart.legend and (len(result.series) > 1 or pie):
        legend = etree.Element(_c("legend"))
        etree.SubElement(legend, _c("legendPos"), val="b")
        etree.SubElement(legend, _c("overlay"), val="0")
        _insert_after(
            chart_el,
            legend,
            ["title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall", "plotArea"],
        )
    plot_visible = chart_el.find(_c("plotVisOnly"))
    if plot_visible is None:
        _insert_after(chart_el, etree.Element(_c("plotVisOnly"), val="1"), ["plotArea", "legend"])
    space.append(_text_props(font, 900, language))
    sp = etree.Element(_c("spPr"))
    sp.append(etree.Element(_a("noFill")))
    etree.SubElement(sp, _a("ln")).append(etree.Element(_a("noFill")))
    space.append(sp)


def _style_timeline(space: etree._Element, result: ChartResult) -> None:
    """Gantt look: start series invisible, priorities coloured, first item on top, years on the axis."""
    plot = space.find(_c("chart")).find(_c("plotArea"))
    for index, ser in enumerate(plot.iter(_c("ser"))):
        sp = ser.find(_c("spPr"))
        for child in list(sp):
            sp.remove(child)
        if index == 0:
            sp.append(etree.Element(_a("noFill")))
            etree.SubElement(sp, _a("ln")).append(etree.Element(_a("noFill")))
        else:
            sp.append(_solid(PRIORITY_COLOURS.get(index, "A5A5A5")))
    overlap = plot.find(f".//{_c('overlap')}")
    if overlap is None:
        overlap = etree.Element(_c("overlap"))
        bar_chart = plot.find(_c("barChart"))
        _insert_after(bar_chart, overlap, ["barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth"])
    overlap.set("val", "100")
    start = int(min(bar[1] for bar in result.bars))
    end = int(max(bar[2] for bar in result.bars)) + 1
    for axis in plot.iter(_c("catAx")):
        axis.find(_c("scaling")).find(_c("orientation")).set("val", "maxMin")

    for axis in plot.iter(_c("valAx")):
        crosses = axis.find(_c("crosses"))
        if crosses is not None:
            crosses.set("val", "max")  # with the items top-down, keep the year axis at the bottom
        scaling = axis.find(_c("scaling"))
        for tag, value in (("max", end), ("min", start)):
            bound = etree.SubElement(scaling, _c(tag))
            bound.set("val", str(value))
        fmt = axis.find(_c("numFmt"))
        fmt.set("formatCode", "0")
        unit = etree.Element(_c("majorUnit"), val="1")
        _insert_after(
            axis,
            unit,
            [
                "axId",
                "scaling",
                "delete",
                "axPos",
                "majorGridlines",
                "minorGridlines",
                "title",
                "numFmt",
                "majorTickMark",
                "minorTickMark",
                "tickLblPos",
                "spPr",
                "txPr",
                "crossAx",
                "crosses",
                "crossesAt",
                "crossBetween",
            ],
        )
    legend = space.find(_c("chart")).find(_c("legend"))
    if legend is not None:  # an invisible start series has no place in a legend; the source line explains
        legend.getparent().remove(legend)


def image_chart(result: ChartResult, *, palette: list[str], font: str, locale: str) -> bytes:
    """A PNG (200 dpi) of the chart, drawn with matplotlib (imported only here)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # not pyplot: no GUI backend machinery, a faster import
    from matplotlib.ticker import FuncFormatter

    from conceptgen.document.formatting import Formatter

    fmt = Formatter(locale)
    chart = result.chart
    colours = ["#" + c for c in palette]
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [font, "Liberation Sans", "DejaVu Sans"],
            "font.size": 9,
            "svg.hashsalt": "conceptgen",
        }
    )
    width_in = 16 / 2.54
    height_in = float(chart.height_cm) / 2.54
    figure = Figure(figsize=(width_in, height_in), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    number = FuncFormatter(lambda value, _pos: fmt.number(value, chart.decimals))
    if chart.type is ChartType.TIMELINE:
        labels = [bar[0] if len(bar[0]) <= 44 else bar[0][:42].rstrip() + " …" for bar in result.bars]
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
            handles=[Patch(color="#" + PRIORITY_COLOURS[p], label=f"Priorität {p}") for p in priorities],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.06),
            ncol=len(priorities),
            frameon=False,
        )
    elif chart.type in (ChartType.PIE, ChartType.DOUGHNUT):
        values = [v or 0 for v in result.series[0][1]]
        wedges = {"width": 0.45} if chart.type is ChartType.DOUGHNUT else None
        axes.pie(
            values,
            labels=result.categories,
            colors=colours,
            wedgeprops=wedges,
            autopct=lambda p: fmt.number(p, 0) + " %",
        )
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
            axes.xaxis.grid(True, color="#D9D9D9")
        else:
            axes.set_xticks(indices, result.categories)
            axes.yaxis.set_major_formatter(number)
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


def size_emu(result: ChartResult) -> tuple[int, int]:
    return int(16 * EMU_PER_CM), int(float(result.chart.height_cm) * EMU_PER_CM)


def describe(result: ChartResult) -> dict[str, Any]:
    """What a template may want to know about a chart besides inserting it."""
    return {"title": result.chart.title, "alt": result.chart.alt, "source": result.source}
