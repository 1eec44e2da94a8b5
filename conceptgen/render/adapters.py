"""What a template sees of generated content: docxtpl adapters that insert Markdown texts, data tables and
charts where a template writes ``{{p value }}``, and the context with every string typeset."""

from __future__ import annotations

from typing import Any

from conceptgen.data.charts import ChartResult
from conceptgen.document.tables import DataTable
from conceptgen.markup import Located, Markdown
from conceptgen.render.blocks import BlockRenderer
from conceptgen.render.typography import typeset


class RenderedBlock:
    """A Markdown text in a template context; ``{{p value }}`` inserts it, ``.text`` is plain."""

    def __init__(
        self, renderer: BlockRenderer, markdown: Markdown, *, in_table: bool = False, heading_offset: int = 0
    ):
        self._renderer = renderer
        self._markdown = markdown
        self._in_table = in_table
        self._heading_offset = heading_offset
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The text without markup, typeset (made when a template asks: most never do)."""
        if self._text is None:
            self._text = typeset(self._markdown.plain, self._renderer.locale)
        return self._text

    def __bool__(self) -> bool:
        return bool(self._markdown)

    def __html__(self) -> str:
        # made anew each time a template shows it: every place gets its own slot (a slot is filled once)
        return self._renderer.render(
            self._markdown, in_table=self._in_table, heading_offset=self._heading_offset
        )

    __str__ = __html__

    def in_table(self) -> RenderedBlock:
        return RenderedBlock(self._renderer, self._markdown, in_table=True)


class RenderedTable:
    """A data table in a template context: ``{{p tables.x }}`` inserts caption, table and source line;
    ``headers``, ``rows``, ``total``, ``source``, ``title`` allow a table of the template's own design;
    ``heading`` is data.yaml's short section heading above it (empty: none)."""

    def __init__(self, renderer: BlockRenderer, table: DataTable):
        self._renderer = renderer
        self._table = table
        self.title = typeset(table.title, renderer.locale)
        self.heading = typeset(table.heading, renderer.locale)  # data.yaml's section heading above it
        self.headers = table.headers
        self.rows = table.rows
        self.total = table.total
        self.source = table.source
        self.note = table.note
        self.flags = table.flags
        self.label = table.label

    def __bool__(self) -> bool:
        return bool(self._table.rows)

    def __html__(self) -> str:
        return self._renderer.render_table(self._table)

    __str__ = __html__


class RenderedChart:
    """A chart in a template context: ``{{p charts.x }}`` inserts chart, caption and source line."""

    def __init__(self, renderer: BlockRenderer, result: Any):
        self._renderer = renderer
        self._result = result
        self.title = typeset(result.chart.title, renderer.locale)
        self.alt = result.chart.alt
        self.source = result.source

    def __html__(self) -> str:
        return self._renderer.render_chart(self._result)

    __str__ = __html__


class RenderedMap:
    """A map in a template context: ``{{p block.locator }}`` inserts the picture (and its caption)."""

    def __init__(self, renderer: BlockRenderer, figure: Any):
        self._renderer = renderer
        self._figure = figure
        self.title = typeset(figure.title, renderer.locale)
        self.alt = figure.alt

    def __html__(self) -> str:
        return self._renderer.render_map(self._figure)

    __str__ = __html__


class RenderedHeading:
    """A heading a code-built block writes (document/parts.py Heading)."""

    def __init__(self, renderer: BlockRenderer, heading: Any):
        self._renderer = renderer
        self._heading = heading

    def __html__(self) -> str:
        heading = self._heading
        return self._renderer.render_heading(heading.title, heading.level, heading.label)

    __str__ = __html__


class RenderedParts:
    """Several generated parts in a row (the maps of the block maps)."""

    def __init__(self, parts: list[Any]):
        self._parts = parts

    def __html__(self) -> str:
        return "".join(part.__html__() for part in self._parts)

    __str__ = __html__


def prepare_context(value: Any, renderer: BlockRenderer, locale: str, _done: dict | None = None) -> Any:
    """Turn every Markdown into a RenderedBlock and typeset every plain string, recursively. A dict or
    list met again (the measures in several blocks' data) is prepared once and shared, as it was."""
    kind = type(value)
    if kind is str:  # by far the most common: checked first, by exact type
        return typeset(value, locale)
    if value is None or kind in (int, float, bool):
        return value
    done: dict[int, Any] = {} if _done is None else _done
    if isinstance(value, (dict, list)):
        found = done.get(id(value))
        if found is not None:
            return found[1]
        if isinstance(value, dict):
            prepared: Any = {k: prepare_context(v, renderer, locale, done) for k, v in value.items()}
        else:
            prepared = [prepare_context(v, renderer, locale, done) for v in value]
        done[id(value)] = (value, prepared)  # the original kept: its id is not reused meanwhile
        return prepared
    from conceptgen.document.maps import MapFigure
    from conceptgen.document.parts import Heading

    if isinstance(value, Heading):
        return RenderedHeading(renderer, value)
    if isinstance(value, MapFigure):
        return RenderedMap(renderer, value)
    if isinstance(value, Markdown):
        return RenderedBlock(renderer, value)
    if isinstance(value, DataTable):
        return RenderedTable(renderer, value)
    if isinstance(value, ChartResult):
        return RenderedChart(renderer, value)
    if isinstance(value, Located):  # a YAML scalar: its passage gets a review anchor
        return renderer.anchors.mark(typeset(str(value), locale), value)
    if isinstance(value, str):  # a str subclass
        return typeset(value, locale)
    return value
