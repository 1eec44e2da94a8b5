"""A returned file's anchors read where LibreOffice moved their ends (ooxml/revisions.py): a paragraph's
anchor holds its paragraph to the end, wherever in it the bookmark ends; any other anchor ends where its
bookmark does. The XML is what LibreOffice 7.4 writes for a paragraph with the document's first footnote
in its middle (tests/review/test_review_libreoffice.py makes it with LibreOffice itself)."""

from __future__ import annotations

import pytest

from conceptgen.ooxml.returned import read_returned

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT = ["Ein erster Satz mit Fußnote.", " Ein zweiter Satz danach", "."]


def _document(kind: str, cut: int, trailing: str = "") -> bytes:
    """A paragraph ``TEXT`` with a footnote after its first sentence, its bookmark ended ``cut``
    characters before the paragraph's end (one per LibreOffice save), then ``trailing`` text in a
    paragraph of its own."""
    text = "".join(TEXT)
    inside, outside = text[: len(text) - cut], text[len(text) - cut :]
    first, rest = inside[: len(TEXT[0])], inside[len(TEXT[0]) :]
    name = f"_cg{kind}0_1_1_0_1"
    runs = (
        f'<w:bookmarkStart w:id="7" w:name="{name}"/><w:r><w:t>{first}</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteAnchor"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'
        f'<w:r><w:t xml:space="preserve">{rest}</w:t></w:r><w:bookmarkEnd w:id="7"/>'
        + (f"<w:r><w:t>{outside}</w:t></w:r>" if outside else "")
    )
    after = f"<w:p><w:r><w:t>{trailing}</w:t></w:r></w:p>" if trailing else ""
    return f'<w:document xmlns:w="{W}"><w:body><w:p>{runs}</w:p>{after}</w:body></w:document>'.encode()


@pytest.mark.parametrize("cut", [0, 1, 2, 5])
@pytest.mark.parametrize("kind", ["t", "g"])
def test_a_paragraph_anchor_holds_its_paragraph_wherever_its_bookmark_ends(kind, cut):
    returned = read_returned({"word/document.xml": _document(kind, cut, trailing="Nächster Absatz.")})
    [name] = returned.anchors
    assert returned.passages[name].sent == "".join(TEXT)  # not the next paragraph's text


@pytest.mark.parametrize("cut", [0, 1, 2])
@pytest.mark.parametrize("kind", ["s", "d"])
def test_a_passage_within_a_paragraph_ends_where_its_bookmark_does(kind, cut):
    returned = read_returned({"word/document.xml": _document(kind, cut)})
    [name] = returned.anchors
    text = "".join(TEXT)
    assert returned.passages[name].sent == text[: len(text) - cut]


@pytest.mark.parametrize("saves", [0, 1, 2, 3])
def test_a_footnotes_anchor_renamed_on_each_save_is_the_same_anchor(saves):
    """LibreOffice renames a footnote's bookmark on import, once more each time it saves the file."""
    from conceptgen.ooxml.anchors import parse_name

    assert parse_name("_cgt5_1_1_4_3" + "_Copy_1" * saves) == parse_name("_cgt5_1_1_4_3") is not None
