"""A document's outline put into its template before docxtpl renders it.

The template's paragraph ``{{p body }}`` is replaced by the outline in order: headings and texts as
placeholders filled by code (their labels kept as data, never as template text), each block as a copy of
its snippet from the template's block library wrapped in ``{%p with block = … %}`` (so a designer's look
and tags apply) — or, where the template has none, of the block's own look written in the template's
styles (``Block.look``) —, data tables and charts as placeholders. A snippet's headings move down by the
level of the block's place: snippets are written as if the block stood directly in a chapter (its
headings at Heading 2). The library itself is removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from conceptgen.markup import Markdown
from conceptgen.ooxml import anchors, assembly
from conceptgen.ooxml import body as xml_body
from conceptgen.ooxml import snippets as snippet_writer
from conceptgen.outline.nodes import DocumentOutline, Node
from conceptgen.render.adapters import RenderedBlock, RenderedParts
from conceptgen.render.blocks import BlockRenderer

_HEADING = re.compile(r"^[Hh]eading (\d)$")
NODES = "outline_nodes"  # context key of the code-built parts (headings, texts, tables, charts)
BLOCKS_KEY = "outline_blocks"  # context key of the blocks' data (document/blocks.py)
PARTS = "outline_parts"  # context key of code-built parts: tables and maps of a Sozialraumanalyse


class Placeholder:
    """A part built by code where the template says ``{{p outline_nodes.nK }}``."""

    def __init__(self, build: Any):
        self._build = build

    def __html__(self) -> str:
        return self._build()

    __str__ = __html__


def assemble(
    document: Any, outline: DocumentOutline, renderer: BlockRenderer, context: dict, prepared: dict
) -> None:
    """Replace ``{{p body }}`` of ``document`` (the template, before rendering) by the outline's parts
    and remove the block library; adds the code-built parts to ``prepared`` (the template context)."""
    body = xml_body.body(document)
    snippets = assembly.cut_library(body)
    place = assembly.body_paragraph(body)
    if place is None:  # check makes sure there is one (CG409)
        raise ValueError("die Vorlage hat keinen Absatz {{p body }}")
    parts: dict[str, Any] = {}
    for key, node in outline.keyed():
        for element in _elements(key, node, snippets, renderer, context, prepared, parts):
            place.addprevious(element)
    xml_body.remove(place)
    prepared[NODES] = parts


def _elements(
    key: str,
    node: Node,
    snippets: dict[str, list[Any]],
    renderer: BlockRenderer,
    context: dict,
    prepared: dict,
    parts: dict[str, Any],
) -> list[Any]:
    slot = [assembly.tag_paragraph(f"{{{{p {NODES}.{key} }}}}")]
    if node.kind == "heading":
        parts[key] = Placeholder(
            lambda: renderer.render_heading(
                node.title,
                node.level,
                node.label,
                numbered=node.numbered,
                new_page=node.new_page,
                key=key,
            )
        )
        return slot
    if node.kind == "text":
        markdown = context["text"].get(node.text) or Markdown("")
        parts[key] = RenderedBlock(renderer, markdown, heading_offset=node.level - 1)
        return slot
    if node.kind == "page_break":
        return [assembly.page_break_paragraph()]
    spec = node.spec
    if spec is None:
        raise ValueError(f"Gliederungsknoten {key} hat keinen Baustein")
    if spec.shows is not None:  # an entry of the document's tables, analyses or charts
        parts[key] = prepared[spec.shows.collection][node.params.id]
        return slot
    if not spec.snippet:  # built by the document stage: tables, charts, maps, headings, texts
        value = prepared.get(PARTS, {}).get(key)
        if value is None or value == []:
            return []
        parts[key] = RenderedParts(value) if isinstance(value, list) else value
        return slot
    offset = node.level - 1
    if node.block not in snippets:  # the template has none: the block's own look, in its styles
        snippets[node.block] = snippet_writer.default_snippet(renderer.document, spec.look, _styles(renderer))
    copies = assembly.snippet_copy(snippets[node.block], lambda style: _moved(renderer, style, offset))
    elements = [
        assembly.tag_paragraph(f"{{%p with block = {BLOCKS_KEY}.{key} %}}"),
        *copies,
        assembly.tag_paragraph("{%p endwith %}"),
    ]
    if renderer.anchors.enabled:  # review anchors for its paragraphs (render/anchors.py wrap_blocks)
        elements = [anchors.block_sentinel(key), *elements, anchors.block_sentinel(key, end=True)]
    return elements


def _styles(renderer: BlockRenderer) -> Callable[[str], str | None]:
    """The template's style for each style a block's look names (the built-in konzept names): Body Text,
    Table Text, Caption, Quote and the table style as template.yaml maps them; a paragraph style the
    template lacks is made (on its body text); no table style, no style on the table."""
    styles, style_map = renderer.styles, renderer.style_map
    mapped = {
        "Body Text": styles.body,
        "Table Text": styles.cell,
        "Caption": styles.caption,
        "Quote": styles.quote,
        snippet_writer.TABLE_STYLE: styles.table,
    }
    base = styles.body if style_map.has(styles.body) else "Normal"

    def style(name: str) -> str | None:
        wanted = mapped.get(name, name)
        if name == snippet_writer.TABLE_STYLE:
            return wanted if style_map.has(wanted) else None
        if not style_map.has(wanted):
            style_map.ensure_paragraph(wanted, base=base)
        return wanted

    return style


def _moved(renderer: BlockRenderer, style_id: str | None, offset: int) -> str | None:
    """The style id of the heading ``offset`` levels below ``style_id``'s, or None for other styles."""
    match = _HEADING.match(renderer.style_map.name(style_id) or "")
    if not match or offset == 0:
        return None
    level = min(int(match.group(1)) + offset, 9)
    return renderer.style_map.id(f"Heading {level}") or renderer.style_map.ensure_paragraph(
        f"Heading {level}", base=f"Heading {level - 1}"
    )
