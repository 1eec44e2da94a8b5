"""docxtpl's listing pass is skipped only where it would change nothing."""

from __future__ import annotations

from docxtpl import DocxTemplate

from conceptgen.render.template_engine import Template

XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    '<w:p><w:pPr><w:pStyle w:val="Text"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
    "{text}</w:t></w:r></w:p></w:body></w:document>"
)


def test_same_result_as_docxtpl_with_and_without_listing_characters():
    ours, theirs = Template.__new__(Template), DocxTemplate.__new__(DocxTemplate)
    for text in ("plain text", "a\tb", "line\nbreak", "page\fbreak", "para\agraph", "<&amp;>"):
        xml = XML.format(text=text)
        assert ours.resolve_listing(xml) == theirs.resolve_listing(xml), text
    assert "<w:tab/>" in ours.resolve_listing(XML.format(text="a\tb"))
    assert "<w:br/>" in ours.resolve_listing(XML.format(text="a\nb"))
    plain = XML.format(text="plain text")
    assert ours.resolve_listing(plain) is plain  # skipped: nothing to do
