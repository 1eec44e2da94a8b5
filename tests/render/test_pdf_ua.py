"""PDF/UA-1: the check that reads a PDF back (render/pdf_check.py) and what render/pdf_ua.py adds to
LibreOffice's export — on small PDFs built here, so that every rule is seen failing and then passing
without LibreOffice. tests/render/test_pages.py runs both on every example's real PDF."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest

from conceptgen.render import pdf_check, pdf_ua

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _tagged_pdf(*, figures: list[str | None], path_tagged: bool = False, th_scope: bool = False) -> bytes:
    """One page: a tagged paragraph (a path with MCID 0), a rule painted outside any marked content
    (unless ``path_tagged``), a table with a header row, and one Figure per entry of ``figures`` (its
    /Alt, or None)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    content = b"/P <</MCID 0>> BDC 10 10 m 50 10 l S EMC\n"
    content += b"/P <</MCID 1>> BDC 10 20 m 50 20 l S EMC\n" if path_tagged else b"10 20 m 50 20 l S\n"
    page.obj.Contents = pdf.make_stream(content)
    page.obj.StructParents = 0
    tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
    paragraph = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=document, Pg=page.obj, K=0)
    )
    header = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.TH)
    if th_scope:
        header.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Column)
    row = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.TR, K=pikepdf.Array([header]))
    table = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Table, K=pikepdf.Array([row]))
    )
    kids = [paragraph, table]
    for alt in figures:
        figure = pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, P=document, Pg=page.obj
        )
        if alt is not None:
            figure.Alt = pikepdf.String(alt)
        kids.append(pdf.make_indirect(figure))
    document.K = pikepdf.Array(kids)
    tree.K = document
    tree.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([paragraph])]))
    tree.ParentTreeNextKey = 1
    pdf.Root.StructTreeRoot = tree
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _docx(figures: list[tuple[str, str]], title: str = "Kreiskonzept", language: str = "de-DE") -> bytes:
    drawings = "".join(
        f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="{i}" name="d" title="{t}" descr="{d}"/>'
        "</wp:inline></w:drawing></w:r></w:p>"
        for i, (t, d) in enumerate(figures, start=1)
    )
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:wp="{WP}"><w:body>{drawings}</w:body></w:document>'
    )
    core = (
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{title}</dc:title><dc:language>{language}</dc:language>"
        "<dcterms:created>2024-05-02T00:00:00Z</dcterms:created></cp:coreProperties>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml", body)
        package.writestr("docProps/core.xml", core)
    return out.getvalue()


def _clauses(report: pdf_check.Report) -> set[str]:
    return {failure.split(":", 1)[0] for failure in report.failures}


def test_a_bare_tagged_pdf_fails_each_rule_it_breaks():
    report = pdf_check.check(_tagged_pdf(figures=[None, "Karte"]))
    assert (report.figures, report.figures_with_alt, report.tables) == (2, 1, 1)
    assert {"7.1", "7.2", "7.3", "7.5"} <= _clauses(report)
    assert any("weder getaggt noch als Artefakt" in f for f in report.failures)
    assert any("Kopfzelle (TH) ohne Scope" in f for f in report.failures)


def test_completed_pdf_passes_and_carries_the_docx_alt_texts():
    docx = _docx([("Karte", "Choroplethenkarte der Bezirke"), ("Diagramm", "Säulen je Jahr")])
    pdf, notes = pdf_ua.make_accessible(
        _tagged_pdf(figures=["Karte - Choroplethenkarte der Bezirke", None]), docx
    )
    assert notes == []
    report = pdf_check.check(pdf)
    assert report.failures == []
    assert (report.figures, report.figures_with_alt) == (2, 2)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        alts = [
            str(e.get("/Alt")) for e in pdf_ua._elements(document.Root.StructTreeRoot) if e.S == "/Figure"
        ]
        assert alts == ["Karte - Choroplethenkarte der Bezirke", "Säulen je Jahr"]
        assert str(document.Root.Lang) == "de-DE"
        with document.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1" and meta["dc:title"] == "Kreiskonzept"
            assert meta["xmp:CreateDate"].startswith("2024-05-02")


def test_completion_is_deterministic():
    docx = _docx([("", "Säulen je Jahr")])
    source = _tagged_pdf(figures=[None])
    assert pdf_ua.make_accessible(source, docx)[0] == pdf_ua.make_accessible(source, docx)[0]


@pytest.mark.parametrize(
    "figures, docx_figures",
    [
        ([None, None], [("", "nur eine")]),  # the counts differ
        (["Karte - etwas anderes", None], [("Karte", "Choroplethe"), ("", "Säulen")]),  # out of step
    ],
)
def test_alt_texts_are_never_guessed(figures, docx_figures):
    pdf, notes = pdf_ua.make_accessible(_tagged_pdf(figures=figures), _docx(docx_figures))
    assert notes and "nicht sicher zuordnen" in notes[0]
    report = pdf_check.check(pdf)
    assert report.figures_with_alt < report.figures
    assert any(f.startswith("7.3:") for f in report.failures)


def test_skipped_heading_level_and_remapped_standard_type():
    report = pdf_check.Report(headings=[1, 3])
    pdf_check._check_headings(report)
    assert report.failures == ["7.4.2: Überschriftenebene übersprungen: H1 → H3"]
    report = pdf_check.Report()
    pdf_check._check_role_map({"/Quote": "/P", "/Text body": "/P", "/Odd": "/Unknown"}, report)
    assert report.failures == [
        "7.1: der Standard-Typ /Quote ist umgewidmet (auf /P)",
        "7.1: der Typ /Odd führt auf keinen Standard-Typ",
    ]


def test_tagged_inside_artifact_and_untagged_pdf():
    report = pdf_check.check(_tagged_pdf(figures=[], path_tagged=True, th_scope=True))
    assert not any("Artefakt" in f or "Kopfzelle" in f for f in report.failures)
    plain = pikepdf.new()
    plain.add_blank_page()
    out = io.BytesIO()
    plain.save(out)
    assert any("nicht getaggt" in f for f in pdf_check.check(out.getvalue()).failures)


def test_a_number_with_its_unit_gets_its_column_width():
    """„je 10.000 EW“ in a narrow header: the column holds „10.000 EW“ on one line (a non-breaking
    space joins them), so LibreOffice never breaks it as „10.000 E / W“."""
    from conceptgen.render.tables import _BREAKS, _header_room
    from conceptgen.render.typography import typeset

    words = [w for w in _BREAKS.split(typeset("je 10.000 EW")) if w]
    assert words == ["je", "10.000\u00a0EW"]
    assert _header_room(words[1]) == 9 and _header_room("Wohnungsnotfallhilfe") == 8
