"""docxtpl's template, with its listing pass run only where it can change something, its cleaned parts
kept for the next process (render/compiled.py), and its rendered body handed on as UTF-8 bytes.

After Jinja, docxtpl rewrites every paragraph and run with regular expressions to turn tabs, line
breaks, page breaks and ``\\a`` inside ``w:t`` into Word's elements (``resolve_listing``). conceptgen's
own content never carries these characters (its Markdown renderer writes Word's elements itself), and a
document without any of them anywhere after the XML declaration comes out of that pass unchanged — so it
is skipped then: the same bytes, without a regex pass over the whole document (profile: 0.12 s of a 10×
render).
"""

from __future__ import annotations

import re

from docxtpl import DocxTemplate

from conceptgen.cache import Cache
from conceptgen.ooxml import body as xml_body
from conceptgen.render.compiled import MIN_CHARS, kept_text

_LISTING = re.compile("[\t\x07\n\f]")


class Template(DocxTemplate):
    store: Cache | None = None  # the project's cache: a part's cleaned XML kept for the next process

    def patch_xml(self, src_xml):  # type: ignore[no-untyped-def]
        """docxtpl's cleaning of a part's XML for Jinja (tags split over runs joined, its own tags
        applied), read from ``store`` when an earlier process made it from the same XML."""
        if self.store is None or len(src_xml) < MIN_CHARS:
            return super().patch_xml(src_xml)
        return kept_text(self.store, "docxtpl", (src_xml,), lambda: DocxTemplate.patch_xml(self, src_xml))

    def resolve_listing(self, xml: str) -> str:
        start = xml.find("<", xml.find("?>")) if xml.startswith("<?xml") else 0  # after the declaration
        if _LISTING.search(xml, max(start, 0)) is None:
            return xml
        return super().resolve_listing(xml)

    def build_xml(self, context, jinja_env=None):  # type: ignore[no-untyped-def]
        """The rendered body as UTF-8 bytes, which lxml parses as it does the text (fix_tables): the
        text — two or four bytes a character in Python once it holds „“ — is freed before the tree is
        built (100× content: 28 MB less at the render's peak)."""
        return super().build_xml(context, jinja_env).encode("utf-8")

    def map_tree(self, tree):  # type: ignore[no-untyped-def]
        """The rendered body in place of the template's, whose children are dropped first: lxml moves a
        removed element into a document of its own, declaring every namespace its nodes use on the way
        with a linear search among those it met — quadratic for a template body holding 550 copies of a
        block's snippet, each with its own declarations (1.9 MB: 1.16 s for the move, 5 ms to empty it)."""
        xml_body.clear(self.docx.element.body)
        super().map_tree(tree)
