"""The axes of DrawingML charts: titles, number formats, gridlines, order, bounds, and a second value axis
for a line drawn over columns."""

from __future__ import annotations

from lxml import etree

from conceptgen.ooxml.base import Element, insert_in_order
from conceptgen.ooxml.chart import (
    AXIS_ORDER,
    SERIES_ORDER,
    _a,
    _c,
    plot_area,
    solid_fill,
    text_properties,
    title,
)


def set_axis_title(axis: Element, text: str, font: str, language: str) -> None:
    insert_in_order(axis, title(text, font, language), AXIS_ORDER)


def set_axis_number_format(axis: Element, code: str) -> None:
    fmt = axis.find(_c("numFmt"))
    if fmt is None:
        fmt = insert_in_order(axis, etree.Element(_c("numFmt")), AXIS_ORDER)
    fmt.set("formatCode", code)
    fmt.set("sourceLinked", "0")


def ensure_gridlines(axis: Element, colour: str = "D9D9D9") -> None:
    """Thin major gridlines across the plot from this axis."""
    if axis.find(_c("majorGridlines")) is not None:
        return
    grid = etree.Element(_c("majorGridlines"))
    etree.SubElement(etree.SubElement(grid, _c("spPr")), _a("ln"), w="6350").append(solid_fill(colour))
    insert_in_order(axis, grid, AXIS_ORDER)


def hide_axis(axis: Element) -> None:
    """No labels, line or gridlines: the values are written on the bars."""
    axis.find(_c("delete")).set("val", "1")
    grid = axis.find(_c("majorGridlines"))
    if grid is not None:
        axis.remove(grid)


def reverse_order(axis: Element) -> None:
    """Categories from top to bottom (first category on top of a bar chart)."""
    axis.find(_c("scaling")).find(_c("orientation")).set("val", "maxMin")


def label_every_category(axis: Element, font: str, size: int, language: str, rotation: int = 0) -> None:
    """Show every category's label, in ``font`` at ``size`` (hundredths of a point), turned by
    ``rotation`` degrees (−90: read upwards, for many narrow columns). Word skips labels unless
    ``c:tickLblSkip`` is 1; LibreOffice ignores that and drops every label that would touch its
    neighbour — unless the labels' rotation is written out (then it lets them stand, and a timeline
    gives them the height they need: render/charts.py height_emu)."""
    skip = axis.find(_c("tickLblSkip"))
    if skip is None:
        skip = insert_in_order(axis, etree.Element(_c("tickLblSkip")), AXIS_ORDER)
    skip.set("val", "1")
    for old in axis.findall(_c("txPr")):
        axis.remove(old)
    insert_in_order(axis, text_properties(font, size, language, rotation=rotation), AXIS_ORDER)


def set_crosses(axis: Element, where: str) -> None:
    crosses = axis.find(_c("crosses"))
    if crosses is not None:
        crosses.set("val", where)


SCALING_ORDER = ("logBase", "orientation", "max", "min", "extLst")


def set_bounds(axis: Element, minimum: float, maximum: float) -> None:
    scaling = axis.find(_c("scaling"))
    for tag, value in (("max", maximum), ("min", minimum)):
        old = scaling.find(_c(tag))
        if old is not None:
            scaling.remove(old)
        insert_in_order(scaling, etree.Element(_c(tag), val=str(value)), SCALING_ORDER)


def set_minimum(axis: Element, minimum: float) -> None:
    """The value axis starts at ``minimum`` (a column chart at 0, not where a viewer's autoscale puts it)."""
    scaling = axis.find(_c("scaling"))
    if scaling.find(_c("min")) is None:
        etree.SubElement(scaling, _c("min")).set("val", str(minimum))


def labels_low(axis: Element) -> None:
    """Category labels at the bottom of the plot, not at the zero line (bars below zero stay readable)."""
    position = axis.find(_c("tickLblPos"))
    if position is None:
        position = insert_in_order(axis, etree.Element(_c("tickLblPos")), AXIS_ORDER)
    position.set("val", "low")


def set_major_unit(axis: Element, unit: float) -> None:
    insert_in_order(axis, etree.Element(_c("majorUnit"), val=str(unit)), AXIS_ORDER)


def secondary_line_chart(space: Element, indices: list[int]) -> tuple[Element, Element] | None:
    """Move the bar chart's series at ``indices`` into a line chart with axes of its own: a hidden category
    axis and a value axis on the right. Returns (category axis, value axis) of the new pair."""
    plot = plot_area(space)
    bar = plot.find(_c("barChart"))
    if bar is None or not indices:
        return None
    moved = [ser for i, ser in enumerate(bar.findall(_c("ser"))) if i in indices]
    line = etree.Element(_c("lineChart"))
    etree.SubElement(line, _c("grouping"), val="standard")
    etree.SubElement(line, _c("varyColors"), val="0")
    for ser in moved:
        bar.remove(ser)
        for tag in ("invertIfNegative", "pictureOptions", "shape"):
            for child in ser.findall(_c(tag)):
                ser.remove(child)
        marker = etree.Element(_c("marker"))
        etree.SubElement(marker, _c("symbol"), val="circle")
        insert_in_order(ser, marker, SERIES_ORDER)
        insert_in_order(ser, etree.Element(_c("smooth"), val="0"), SERIES_ORDER)
        line.append(ser)
    etree.SubElement(line, _c("marker"), val="1")
    category_id, value_id = "20000001", "20000002"
    etree.SubElement(line, _c("axId"), val=category_id)
    etree.SubElement(line, _c("axId"), val=value_id)
    bar.addnext(line)
    last_axis = list(plot.iter(_c("catAx"), _c("valAx")))[-1]
    category = etree.Element(_c("catAx"))
    for tag, attrs in (
        ("axId", {"val": category_id}),
        ("scaling", None),
        ("delete", {"val": "1"}),
        ("axPos", {"val": "b"}),
        ("majorTickMark", {"val": "none"}),
        ("minorTickMark", {"val": "none"}),
        ("tickLblPos", {"val": "nextTo"}),
        ("crossAx", {"val": value_id}),
        ("crosses", {"val": "autoZero"}),
        ("auto", {"val": "1"}),
        ("lblAlgn", {"val": "ctr"}),
        ("lblOffset", {"val": "100"}),
        ("noMultiLvlLbl", {"val": "0"}),
    ):
        child = etree.SubElement(category, _c(tag), **(attrs or {}))
        if tag == "scaling":
            etree.SubElement(child, _c("orientation"), val="minMax")
    value = etree.Element(_c("valAx"))
    for tag, attrs in (
        ("axId", {"val": value_id}),
        ("scaling", None),
        ("delete", {"val": "0"}),
        ("axPos", {"val": "r"}),
        ("numFmt", {"formatCode": "General", "sourceLinked": "0"}),
        ("majorTickMark", {"val": "out"}),
        ("minorTickMark", {"val": "none"}),
        ("tickLblPos", {"val": "nextTo"}),
        ("crossAx", {"val": category_id}),
        ("crosses", {"val": "max"}),
        ("crossBetween", {"val": "between"}),
    ):
        child = etree.SubElement(value, _c(tag), **(attrs or {}))
        if tag == "scaling":
            etree.SubElement(child, _c("orientation"), val="minMax")
    last_axis.addnext(category)
    category.addnext(value)
    return category, value
