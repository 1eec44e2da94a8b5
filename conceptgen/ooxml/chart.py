"""DrawingML chart parts (``c:chartSpace``): series colours, data labels, axes, legend, text.

python-pptx writes the chart's structure and data cache; these functions give it conceptgen's look. Each
inserts at the schema position (Word refuses charts whose children are out of order).
"""

from __future__ import annotations

import copy

from lxml import etree

from conceptgen.ooxml.base import A, C, Element, R, insert_in_order, local_name

CHART_SPACE_ORDER = (
    "date1904", "lang", "roundedCorners", "AlternateContent", "clrMapOvr", "pivotSource", "protection",
    "chart", "spPr", "txPr", "externalData", "printSettings", "userShapes", "extLst",
)  # fmt: skip
CHART_ORDER = (
    "title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall", "plotArea",
    "legend", "plotVisOnly", "dispBlanksAs", "showDLblsOverMax", "extLst",
)  # fmt: skip
# one order for the series of every chart type: explosion is a pie's, invertIfNegative a bar's, marker a
# line's, so no two of them meet in one series
SERIES_ORDER = (
    "idx", "order", "tx", "spPr", "explosion", "invertIfNegative", "pictureOptions", "marker", "dPt",
    "dLbls", "trendline", "errBars", "cat", "val", "smooth", "shape", "extLst",
)  # fmt: skip
AXIS_ORDER = (
    "axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title", "numFmt",
    "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx", "crosses", "crossesAt",
    "crossBetween", "auto", "lblAlgn", "lblOffset", "majorUnit", "minorUnit", "dispUnits",
    "tickLblSkip", "tickMarkSkip", "noMultiLvlLbl", "extLst",
)  # fmt: skip
BAR_CHART_ORDER = (
    "barDir",
    "grouping",
    "varyColors",
    "ser",
    "dLbls",
    "gapWidth",
    "overlap",
    "serLines",
    "axId",
)


def _c(tag: str) -> str:
    return f"{{{C}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def parse(xml: str) -> Element:
    """The ``c:chartSpace`` element of a chart part's XML text."""
    return etree.fromstring(xml.encode("utf-8"))


def serialize(space: Element) -> bytes:
    """The chart part's bytes, children in schema order."""
    children = sorted(space, key=lambda e: _position(CHART_SPACE_ORDER, local_name(e)))
    for child in children:
        space.append(child)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def _position(order: tuple[str, ...], name: str) -> int:
    return order.index(name) if name in order else len(order)


# --- building blocks --------------------------------------------------------------------------------


def solid_fill(colour: str) -> Element:
    fill = etree.Element(_a("solidFill"))
    etree.SubElement(fill, _a("srgbClr")).set("val", colour)
    return fill


def shape_properties(colour: str, line: bool) -> Element:
    """``c:spPr`` of a series: a coloured line, or a coloured area with a white outline."""
    sp = etree.Element(_c("spPr"))
    if line:
        ln = etree.SubElement(sp, _a("ln"), w="28575", cap="rnd")
        ln.append(solid_fill(colour))
    else:
        sp.append(solid_fill(colour))
        ln = etree.SubElement(sp, _a("ln"))
        ln.append(solid_fill("FFFFFF"))
    return sp


def text_properties(
    font: str,
    size: int,
    language: str,
    bold: bool = False,
    colour: str = "404040",
    rotation: int | None = None,
) -> Element:
    """``c:txPr``: font, size (hundredths of a point), colour of a chart text; ``rotation`` (degrees)
    written out when given, horizontal text as ``0``."""
    tx = etree.Element(_c("txPr"))
    body = etree.SubElement(tx, _a("bodyPr"))
    if rotation is not None:
        body.set("rot", str(rotation * 60000))
        body.set("vert", "horz")
    etree.SubElement(tx, _a("lstStyle"))
    p = etree.SubElement(tx, _a("p"))
    ppr = etree.SubElement(p, _a("pPr"))
    rpr = etree.SubElement(ppr, _a("defRPr"), sz=str(size), b="1" if bold else "0")
    rpr.append(solid_fill(colour))
    etree.SubElement(rpr, _a("latin"), typeface=font)
    etree.SubElement(rpr, _a("cs"), typeface=font)
    etree.SubElement(p, _a("endParaRPr"), lang=language)
    return tx


def title(text: str, font: str, language: str) -> Element:
    """A ``c:title`` with rich text (axis titles)."""
    element = etree.Element(_c("title"))
    rich = etree.SubElement(etree.SubElement(element, _c("tx")), _c("rich"))
    etree.SubElement(rich, _a("bodyPr"))
    etree.SubElement(rich, _a("lstStyle"))
    r = etree.SubElement(etree.SubElement(rich, _a("p")), _a("r"))
    rpr = etree.SubElement(r, _a("rPr"), lang=language, sz="900", b="0")
    rpr.append(solid_fill("404040"))
    etree.SubElement(rpr, _a("latin"), typeface=font)
    etree.SubElement(r, _a("t")).text = text
    etree.SubElement(element, _c("overlay"), val="0")
    return element


# --- the chart space --------------------------------------------------------------------------------


def chart_element(space: Element) -> Element:
    return space.find(_c("chart"))


def plot_area(space: Element) -> Element:
    return chart_element(space).find(_c("plotArea"))


def series(space: Element) -> list[Element]:
    """Every ``c:ser`` of the plot area, in order."""
    return list(plot_area(space).iter(_c("ser")))


def value_axes(space: Element) -> list[Element]:
    return list(plot_area(space).iter(_c("valAx")))


def category_axes(space: Element) -> list[Element]:
    return list(plot_area(space).iter(_c("catAx")))


def is_value_axis(axis: Element) -> bool:
    return axis.tag == _c("valAx")


def set_language(space: Element, language: str) -> None:
    insert_in_order(space, etree.Element(_c("lang"), val=language), CHART_SPACE_ORDER)


def delete_auto_title(space: Element) -> None:
    """No title inside the chart: the caption below it carries the title."""
    chart = chart_element(space)
    deleted = chart.find(_c("autoTitleDeleted"))
    if deleted is None:
        deleted = etree.Element(_c("autoTitleDeleted"))
        chart.insert(0, deleted)
    deleted.set("val", "1")


def set_text_properties(space: Element, font: str, size: int, language: str) -> None:
    """The chart's default text look, replacing python-pptx's (a chart space holds one ``c:txPr``)."""
    for old in space.findall(_c("txPr")):
        space.remove(old)
    insert_in_order(space, text_properties(font, size, language), CHART_SPACE_ORDER)


def number_axes(space: Element, first: int = 10_000_001) -> None:
    """Positive axis ids (python-pptx writes negative ones, which the schema's unsignedInt forbids)."""
    ids: dict[str, str] = {}
    for element in space.iter(_c("axId"), _c("crossAx")):
        value = element.get("val")
        ids.setdefault(value, str(first + len(ids)))
        element.set("val", ids[value])


def append_no_fill(space: Element) -> None:
    """A transparent chart area without border."""
    sp = etree.SubElement(space, _c("spPr"))
    sp.append(etree.Element(_a("noFill")))
    etree.SubElement(sp, _a("ln")).append(etree.Element(_a("noFill")))


def attach_workbook(space: Element, r_id: str) -> None:
    """Point the chart at its embedded workbook (``c:externalData``), never updated automatically."""
    external = etree.SubElement(space, _c("externalData"))
    external.set(f"{{{R}}}id", r_id)
    etree.SubElement(external, _c("autoUpdate")).set("val", "0")


def set_legend(space: Element, position: str | None) -> None:
    """A legend at ``position`` (``b``, ``r`` …) or none."""
    chart = chart_element(space)
    legend = chart.find(_c("legend"))
    if legend is not None:
        chart.remove(legend)
    if position:
        legend = etree.Element(_c("legend"))
        etree.SubElement(legend, _c("legendPos"), val=position)
        etree.SubElement(legend, _c("overlay"), val="0")
        insert_in_order(chart, legend, CHART_ORDER)


def ensure_plot_visible_only(space: Element) -> None:
    chart = chart_element(space)
    if chart.find(_c("plotVisOnly")) is None:
        insert_in_order(chart, etree.Element(_c("plotVisOnly"), val="1"), CHART_ORDER)


# --- series -----------------------------------------------------------------------------------------


def colour_points(ser: Element, colours: list[str]) -> None:
    """One colour per data point (pie and doughnut slices)."""
    for point, colour in enumerate(colours):
        dpt = etree.Element(_c("dPt"))
        etree.SubElement(dpt, _c("idx"), val=str(point))
        etree.SubElement(dpt, _c("bubble3D"), val="0")
        dpt.append(shape_properties(colour, False))
        insert_in_order(ser, dpt, SERIES_ORDER)


def colour_point(ser: Element, index: int, colour: str) -> None:
    """One data point of a column or bar series in its own colour."""
    dpt = etree.Element(_c("dPt"))
    etree.SubElement(dpt, _c("idx"), val=str(index))
    etree.SubElement(dpt, _c("invertIfNegative"), val="0")
    etree.SubElement(dpt, _c("bubble3D"), val="0")
    dpt.append(shape_properties(colour, False))
    insert_in_order(ser, dpt, SERIES_ORDER)


def colour_series(ser: Element, colour: str, line: bool) -> None:
    insert_in_order(ser, shape_properties(colour, line), SERIES_ORDER)


def style_markers(ser: Element, colour: str, size: int = 6) -> None:
    """Markers of a line series: their symbol kept, size and fill set."""
    marker = ser.find(_c("marker"))
    if marker is None:
        return
    for child in list(marker):
        if child.tag != _c("symbol"):
            marker.remove(child)
    marker.append(etree.Element(_c("size"), val=str(size)))
    etree.SubElement(marker, _c("spPr")).append(solid_fill(colour))


def dash_line(ser: Element) -> None:
    etree.SubElement(ser.find(_c("spPr")).find(_a("ln")), _a("prstDash"), val="dash")


def set_data_labels(
    ser: Element,
    number_format: str,
    *,
    show_value: bool,
    show_percent: bool,
    font: str,
    language: str,
    colour: str,
    position: str = "",
) -> None:
    """Data labels of a series: number format, which value, the label text's font and colour, and where
    they sit (``t`` above a point, ``outEnd`` beyond a bar; empty: the chart type's default)."""
    labels = etree.Element(_c("dLbls"))
    etree.SubElement(labels, _c("numFmt"), formatCode=number_format, sourceLinked="0")
    etree.SubElement(labels, _c("spPr")).append(etree.Element(_a("noFill")))
    labels.append(text_properties(font, 800, language, colour=colour))
    if position:
        etree.SubElement(labels, _c("dLblPos"), val=position)
    for flag, value in (
        ("showLegendKey", False),
        ("showVal", show_value),
        ("showCatName", False),
        ("showSerName", False),
        ("showPercent", show_percent),
        ("showBubbleSize", False),
    ):
        etree.SubElement(labels, _c(flag), val="1" if value else "0")
    old = ser.find(_c("dLbls"))
    if old is not None:
        ser.remove(old)
    insert_in_order(ser, labels, SERIES_ORDER)


def hide_point_labels(ser: Element, points: list[int]) -> None:
    """No data label on these points of a series that has data labels (a segment too narrow for one)."""
    labels = ser.find(_c("dLbls"))
    if labels is None:
        return
    for offset, point in enumerate(points):
        label = etree.Element(_c("dLbl"))
        etree.SubElement(label, _c("idx"), val=str(point))
        etree.SubElement(label, _c("delete"), val="1")
        labels.insert(offset, label)  # dLbl elements come first in c:dLbls


def place_point_labels(ser: Element, positions: dict[int, str]) -> None:
    """Per point a label position of its own (``b`` below, ``t`` above), the other label settings as
    the point's own label or, without one, the series'."""
    labels = ser.find(_c("dLbls"))
    if labels is None:
        return
    own = {int(d.find(_c("idx")).get("val")): d for d in labels.findall(_c("dLbl"))}
    shared = [c for c in labels if c.tag != _c("dLbl")]
    for point, position in sorted(positions.items()):
        label = own.get(point)
        if label is None:
            label = etree.Element(_c("dLbl"))
            etree.SubElement(label, _c("idx"), val=str(point))
            for child in shared:
                label.append(copy.deepcopy(child))
            labels.insert(len(own), label)  # dLbl elements come first in c:dLbls
            own[point] = label
        if label.find(_c("delete")) is not None:
            continue
        old = label.find(_c("dLblPos"))
        if old is not None:
            label.remove(old)
        before = label.find(_c("showLegendKey"))
        placed = etree.Element(_c("dLblPos"), val=position)
        if before is not None:
            before.addprevious(placed)
        else:
            label.append(placed)


def colour_point_labels(ser: Element, colours: dict[int, str], font: str, language: str) -> None:
    """Per point a label colour of its own (white on a dark slice, black on a light one), the other
    label settings as the series'."""
    labels = ser.find(_c("dLbls"))
    if labels is None:
        return
    shared = [c for c in labels if c.tag != _c("dLbl") and c.tag not in (_c("spPr"), _c("txPr"))]
    for offset, (point, colour) in enumerate(sorted(colours.items())):
        label = etree.Element(_c("dLbl"))
        etree.SubElement(label, _c("idx"), val=str(point))
        for child in shared:
            if child.tag == _c("numFmt"):
                label.append(copy.deepcopy(child))
        etree.SubElement(label, _c("spPr")).append(etree.Element(_a("noFill")))
        label.append(text_properties(font, 800, language, colour=colour))
        for child in shared:
            if child.tag != _c("numFmt"):
                label.append(copy.deepcopy(child))
        labels.insert(offset, label)  # dLbl elements come first in c:dLbls


def hide_series(ser: Element) -> None:
    """No fill and no line: the series takes space but is invisible (a Gantt chart's start)."""
    sp = _empty_shape_properties(ser)
    sp.append(etree.Element(_a("noFill")))
    etree.SubElement(sp, _a("ln")).append(etree.Element(_a("noFill")))


def fill_series(ser: Element, colour: str) -> None:
    """A plain solid fill, replacing the series' shape properties."""
    _empty_shape_properties(ser).append(solid_fill(colour))


def _empty_shape_properties(ser: Element) -> Element:
    sp = ser.find(_c("spPr"))
    for child in list(sp):
        sp.remove(child)
    return sp


def set_gap_width(space: Element, percent: int) -> None:
    """The gap between bars, in percent of a bar's width (narrow gaps for many categories)."""
    plot = plot_area(space)
    gap = plot.find(f".//{_c('gapWidth')}")
    if gap is None:
        gap = etree.Element(_c("gapWidth"))
        insert_in_order(plot.find(_c("barChart")), gap, BAR_CHART_ORDER)
    gap.set("val", str(percent))


def set_overlap(space: Element, percent: int) -> None:
    """Bars of a bar chart's series overlap by ``percent`` (100: stacked on one line)."""
    plot = plot_area(space)
    overlap = plot.find(f".//{_c('overlap')}")
    if overlap is None:
        overlap = etree.Element(_c("overlap"))
        insert_in_order(plot.find(_c("barChart")), overlap, BAR_CHART_ORDER)
    overlap.set("val", str(percent))


# --- open periods, lines ------------------------------------------------------------------------


def line_series(space: Element) -> list[Element]:
    """The series of the plot area's line charts, in order."""
    return [ser for chart in plot_area(space).iter(_c("lineChart")) for ser in chart.iter(_c("ser"))]


def fade_point(ser: Element, index: int, colour: str) -> None:
    """Draw data point ``index`` of a bar series fading out to the right: a period without an end."""
    dpt = etree.Element(_c("dPt"))
    etree.SubElement(dpt, _c("idx"), val=str(index))
    etree.SubElement(dpt, _c("invertIfNegative"), val="0")
    etree.SubElement(dpt, _c("bubble3D"), val="0")
    sp = etree.SubElement(dpt, _c("spPr"))
    gradient = etree.SubElement(sp, _a("gradFill"), rotWithShape="1")
    stops = etree.SubElement(gradient, _a("gsLst"))
    for position, alpha in (("0", None), ("60000", None), ("100000", "15000")):
        stop = etree.SubElement(stops, _a("gs"), pos=position)
        colour_element = etree.SubElement(stop, _a("srgbClr"), val=colour)
        if alpha:
            etree.SubElement(colour_element, _a("alpha"), val=alpha)
    etree.SubElement(gradient, _a("lin"), ang="0", scaled="0")
    insert_in_order(ser, dpt, SERIES_ORDER)
