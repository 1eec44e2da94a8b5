"""The preview draws only the pages that changed (conceptgen/preview/pages.py): a page's signature
covers everything its picture depends on and nothing else, so the pictures served after edits are the
pictures a drawing from scratch gives — checked here on made-up PDFs (each thing a page can depend on,
varied alone) and, slow, on LibreOffice's pages of an example project after several kinds of edit."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest

from conceptgen.preview.pages import BASE_DPI, Pictures, edited_page, read_layout
from tests.conftest import require_libreoffice

ROOT = Path(__file__).resolve().parents[1]
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler not installed")


def make_pdf(
    texts: list[str],
    *,
    reverse: bool = False,
    font: bytes = b"font program",
    box: tuple[int, int, int, int] = (0, 0, 595, 842),
    rotate: int = 0,
    target: int = 0,
    image: bytes = b"\x00\x80\xff" * 4,
) -> bytes:
    """A PDF with a page per text, a shared font (with a made-up embedded program), a small picture on
    the first page, a link on the last to page ``target``; ``reverse`` makes the objects in the other
    order (other object numbers, the same content)."""
    pdf = pikepdf.new()
    program = pdf.make_stream(font)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontFile2=program))
    helvetica = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            FontDescriptor=descriptor,
        )
    )
    picture = pdf.make_stream(
        image, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=2,
        ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
    )  # fmt: skip
    order = list(enumerate(texts))
    made = {}
    for index, text in reversed(order) if reverse else order:
        drawing = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica))
        if index == 0:
            drawing += b" q 100 0 0 100 72 500 cm /Im1 Do Q"
            resources.XObject = pikepdf.Dictionary(Im1=picture)
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, Resources=resources, Contents=pdf.make_stream(drawing)
        )
        if rotate:
            page.Rotate = rotate
        made[index] = page
    kids = [pdf.make_indirect(made[index]) for index in range(len(texts))]
    tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Kids=kids, Count=len(kids)))
    tree.MediaBox = pikepdf.Array(list(box))  # inherited by every page
    for kid in kids:
        kid.Parent = tree
    pdf.Root.Pages = tree
    last = pdf.pages[-1]
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 200, 100], Border=[0, 0, 0],
        Dest=pikepdf.Array([pdf.pages[target].obj, pikepdf.Name.Fit]),
    )  # fmt: skip
    last.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    import io

    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


TEXTS = ["Seite eins", "Seite zwei", "Seite drei"]


def signatures(**changes) -> list[str]:
    return read_layout(make_pdf(changes.pop("texts", TEXTS), **changes)).signatures


def test_the_same_pages_in_other_objects_have_the_same_signatures():
    assert signatures() == signatures(reverse=True)
    assert len(set(signatures())) == 3


@pytest.mark.parametrize(
    ("change", "pages"),
    [
        ({"texts": ["Seite eins", "Seite 2", "Seite drei"]}, {1}),  # one page's content
        ({"image": b"\x00\x80\xfe" * 4}, {0}),  # the picture on the first page
        ({"font": b"another font program"}, {0, 1, 2}),  # the font every page draws with
        ({"box": (0, 0, 600, 842)}, {0, 1, 2}),  # the page size, inherited from the page tree
        ({"rotate": 90}, {0, 1, 2}),
    ],
)
def test_what_changes_a_picture_changes_its_pages_signatures(change, pages):
    before, after = signatures(), signatures(**change)
    assert {i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b} == pages


def test_a_link_target_does_not_change_the_picture():
    assert signatures(target=0) == signatures(target=1)


def test_headings_and_sizes():
    layout = read_layout(make_pdf(TEXTS, box=(0, 0, 600, 800)))
    assert layout.sizes == [(600.0, 800.0)] * 3
    assert layout.headings == []


def test_the_edited_page_is_the_first_whose_words_changed():
    old = ["Inhalt 1 Einleitung 3", "Einleitung Text", "Kapitel 2 4"]
    new = ["Inhalt 1 Einleitung 4", "Einleitung Text mehr", "Kapitel 2 5"]
    assert edited_page(old, new, [0, 1, 2]) == 1  # the contents page's numbers moved only
    assert edited_page(old, ["Inhalt 1 Einleitung 4", *old[1:]], [0]) == 0
    assert edited_page(old, new, []) is None


def draw_all(pdf: Path, folder: Path) -> list[bytes]:
    """Every page drawn from scratch by one pdftoppm."""
    subprocess.run(["pdftoppm", "-png", "-r", str(BASE_DPI), str(pdf), str(folder / "all")], check=True)
    return [p.read_bytes() for p in sorted(folder.glob("all-*.png"), key=lambda p: int(p.stem.split("-")[1]))]


@needs_poppler
def test_only_new_pages_are_drawn_and_they_match_a_drawing_from_scratch(tmp_path):
    drawn: list[str] = []
    pictures = Pictures(tmp_path, drawn=drawn.append)
    try:
        texts = ["Seite eins", "Seite zwei", "Seite drei", "Seite vier", "Seite fuenf", "Seite sechs"]
        for version, (edited, first) in enumerate([(texts, None), ([*texts[:4], "Seite 5", *texts[5:]], 4)]):
            pdf = tmp_path / f"v{version}.pdf"
            pdf.write_bytes(make_pdf(edited))
            layout = read_layout(pdf.read_bytes())
            before = len(drawn)
            pending = pictures.show(pdf, layout.signatures, first)
            assert pictures.wait(60)
            assert pending == ([0, 1, 2, 3, 4, 5] if version == 0 else [4])
            assert sorted(drawn[before:]) == sorted(layout.signatures[i] for i in pending)
            scratch = draw_all(pdf, tmp_path)
            assert [pictures.get(s) for s in layout.signatures] == scratch
    finally:
        pictures.stop()


@needs_poppler
def test_the_edited_page_is_drawn_first_then_the_neighbours_of_the_view(tmp_path, monkeypatch):
    """One drawing thread, so that the order pictures finish in is the order they were asked for (with
    two, a chunk of four pages may finish before the single edited page on a busy machine: CI drew 8 and
    10 before 5): the edited page, then the run of pages from the view on, then those before it."""
    from conceptgen.preview import pages

    monkeypatch.setattr(pages, "WORKERS", 1)
    drawn: list[str] = []
    pictures = Pictures(tmp_path, drawn=drawn.append)
    try:
        pdf = tmp_path / "a.pdf"
        pdf.write_bytes(make_pdf([f"Seite {i}" for i in range(12)]))
        layout = read_layout(pdf.read_bytes())
        pictures.look_at(8)
        pictures.show(pdf, layout.signatures, 5)
        assert pictures.wait(60)
        order = [layout.signatures.index(s) for s in drawn]
        assert order[0] == 5
        assert sorted(order[1:5]) == [8, 9, 10, 11]  # the view's run (one pdftoppm, in any order)
        assert sorted(order[5:]) == [0, 1, 2, 3, 4, 6, 7]
        assert pictures.finished[layout.signatures[5]] <= min(
            pictures.finished[s] for s in layout.signatures if layout.signatures.index(s) < 5
        )
        zoomed = pictures.draw(layout.signatures[3], 144)
        assert zoomed is not None and zoomed != pictures.get(layout.signatures[3])
    finally:
        pictures.stop()


def _alike(early: bytes | None, final: bytes | None) -> bool:
    """Two page pictures show the same page: every pixel of one is within 64 grey levels of a pixel at
    most one place away in the other. LibreOffice places the glyphs of a run whose text the preview gave
    it a fraction of a pixel apart from the same run read from the .docx (Neuss p. 5 after „wachsenden“ →
    „steigenden“: 358 pixels differ by more than 8 levels, none after a shift of one pixel); the page
    before the edit differs from the page after it in 1,105 pixels even so."""
    if early is None or final is None:
        return False
    if early == final:
        return True
    import numpy as np
    from PIL import Image

    a, b = (np.asarray(Image.open(io.BytesIO(p)).convert("L"), dtype=int) for p in (early, final))
    if a.shape != b.shape:
        return False
    nearest = np.full(a.shape, 255)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            nearest = np.minimum(nearest, np.abs(a - np.roll(b, (dy, dx), axis=(0, 1))))
    return int((nearest > 64).sum()) == 0


@pytest.mark.slow
def test_the_preview_after_edits_shows_what_a_fresh_preview_shows(tmp_path):
    """Edits of several kinds, each refreshed incrementally; then a new preview (nothing drawn or kept)
    renders the same project: the same pictures and texts, page by page. The page with an edit shown
    ahead of the rest (exported alone) shows what the whole document's page there shows (_alike)."""
    require_libreoffice()
    from conceptgen.preview import Preview
    from conceptgen.render.office_session import KeptLibreOffice

    project = tmp_path / "neuss"
    shutil.copytree(ROOT / "projects" / "neuss", project, ignore=shutil.ignore_patterns("build"))
    office = KeptLibreOffice()
    office.start()
    viewer = Preview(project, 0, office)
    text = project / "text" / "einleitung.md"
    # chapters run on (no page break before a chapter): a line added shifts every page after it, so the
    # first edit changes a word in place („wachsenden“ → „steigenden“, no line longer)
    edits = [
        lambda: text.write_text(
            text.read_text(encoding="utf-8").replace("einer wachsenden Zahl", "einer steigenden Zahl", 1),
            encoding="utf-8",
        ),
        lambda: text.write_text(  # enough to push the following chapters onto later pages
            text.read_text(encoding="utf-8") + "\n" + "Ein langer Absatz zur Einleitung. " * 120 + "\n",
            encoding="utf-8",
        ),
        lambda: text.write_text(text.read_text(encoding="utf-8")[:400] + "\n", encoding="utf-8"),
    ]
    try:
        viewer.refresh()
        assert viewer.wait_drawn(300)
        counts, early = [], []
        for edit in edits:
            edit()
            drawn_before = len(viewer.pictures.finished)
            viewer.refresh()
            assert viewer.state.status == "ok", viewer.state.diagnostics
            assert viewer.wait_drawn(300)
            counts.append((viewer.state.changed, len(viewer.pictures.finished) - drawn_before))
            assert viewer.state.first_seconds <= viewer.state.seconds
            ahead = viewer.state.early  # the page with the edit, exported alone before the whole document
            if ahead is not None and ahead["after"] == viewer.state.version - 1:
                final = viewer.state.pages[ahead["page"]]["key"]
                early.append(_alike(viewer.pictures.get(ahead["key"]), viewer.pictures.get(final)))
                # the preview's own check is byte-for-byte: a page it calls the same is the same
                assert not ahead.get("same") or early[-1]
                assert viewer.state.texts[ahead["page"]], "the early page is a page of the new document"
        served = [viewer.pictures.get(page["key"]) for page in viewer.state.pages]
        texts = list(viewer.state.texts)
    finally:
        viewer.stop()
    fresh = Preview(project, 0, office)
    try:
        shutil.rmtree(project / "build", ignore_errors=True)  # no PDF from the cache either: converted anew
        fresh.refresh()
        assert fresh.wait_drawn(300)
        assert texts == fresh.state.texts
        scratch = [fresh.pictures.get(page["key"]) for page in fresh.state.pages]
        assert len(served) == len(scratch) and all(served)
        assert [i + 1 for i, (a, b) in enumerate(zip(served, scratch, strict=True)) if a != b] == []
    finally:
        fresh.stop()
        office.close()
    assert counts[0][0] < 5, counts  # one word: a page or two changed, the rest not drawn again
    assert early[:1] == [True] and all(early), early  # the early page is the whole document's page there
    assert counts[1][0] > counts[0][0], counts


def test_a_picture_is_found_by_its_signature_only(tmp_path):
    pictures = Pictures(tmp_path)
    assert pictures.draw("0" * 64, BASE_DPI) is None
    assert pictures.get("0" * 64) is None
    assert not pictures.ready("0" * 64)


class FakeOffice:
    """Converts any .docx into a made-up PDF of three pages whose second names the .docx's size, and
    counts its conversions."""

    running = True

    def __init__(self) -> None:
        self.conversions = 0

    def convert(self, docx: bytes) -> bytes:
        self.conversions += 1
        return make_pdf(["Titel", f"Text {len(docx)}", "Ende"])


def test_a_docx_converted_before_is_not_converted_again(minimal, monkeypatch):
    from conceptgen.preview import Preview

    monkeypatch.setenv("CONCEPTGEN_CACHE", "1")  # the tests' default is 0
    monkeypatch.delenv("CONCEPTGEN_CACHE_DIR", raising=False)
    office = FakeOffice()
    viewer = Preview(minimal, 0, office)
    try:
        viewer.refresh()
        assert (viewer.state.status, office.conversions, viewer.state.version) == ("ok", 1, 1)
        assert viewer.state.changed == 3 and viewer.state.edited == 0
        viewer.refresh()  # nothing changed: the same .docx, no conversion, the pages stand
        assert (office.conversions, viewer.state.version, viewer.state.unchanged) == (1, 1, True)
        text = minimal / "text" / "einleitung.md"
        text.write_text(text.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
        viewer.refresh()
        assert (office.conversions, viewer.state.version, viewer.state.unchanged) == (2, 2, False)
        assert (viewer.state.changed, viewer.state.edited) == (1, 1)  # the page naming the size
        assert viewer.state.stages.keys() == {"render", "libreoffice", "pages"}
        shown = viewer.state.texts[1]
    finally:
        viewer.stop()
    assert not Preview(minimal, 1, office).resume()  # another document was never shown
    again = Preview(minimal, 0, office)  # a preview started again: the last pages at once, then current
    try:
        assert again.resume()
        assert (again.state.resumed, again.state.version, again.state.texts[1]) == (True, 1, shown)
        again.refresh()  # the PDF of the same .docx from build/.cache: no conversion, no page changed
        assert (office.conversions, again.state.version, again.state.resumed) == (2, 2, False)
        assert again.state.changed == 0 and again.state.texts[1] == shown
    finally:
        again.stop()
    monkeypatch.setenv("CONCEPTGEN_CACHE", "0")
    uncached = Preview(minimal, 0, office)
    try:
        assert not uncached.resume()
        uncached.refresh()
        assert office.conversions == 3
    finally:
        uncached.stop()


def test_the_state_is_answered_when_it_is_newer(minimal, monkeypatch):
    """/state?after=N waits for a change newer than N (at most LONG_POLL_S), else answers at once."""
    import http.client
    import json
    import threading

    import conceptgen.preview as preview

    monkeypatch.setattr(preview, "LONG_POLL_S", 5.0)
    viewer = preview.Preview(minimal, 0, FakeOffice())
    server = viewer.serve(0)
    port = server.server_address[1]

    def state(query: str) -> tuple[dict, float]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        began = time.perf_counter()
        connection.request("GET", f"/state?{query}", headers={"Host": f"127.0.0.1:{port}"})
        body = json.loads(connection.getresponse().read())
        connection.close()
        return body, time.perf_counter() - began

    try:
        now, waited = state("after=-1")
        assert waited < 2
        threading.Timer(0.5, viewer.refresh).start()
        newer, waited = state(f"after={now['seq']}&view=2")
        assert newer["seq"] > now["seq"] and 0.3 < waited < 5
        viewer.wait_drawn(60)
        done, _ = state("after=-1")
        assert done["version"] == 1 and [p["ready"] for p in done["pages"]] == [True] * 3
        assert done["zoom_dpi"][0] == BASE_DPI
    finally:
        server.shutdown()
        server.server_close()
        viewer.stop()


def test_a_broken_pdf_or_a_bug_is_shown_and_the_pages_stay(minimal, monkeypatch):
    import conceptgen.preview as preview

    office = FakeOffice()
    viewer = preview.Preview(minimal, 0, office)
    text = minimal / "text" / "einleitung.md"
    try:
        viewer.refresh()
        pages = list(viewer.state.pages)
        monkeypatch.setattr(office, "convert", lambda docx: b"kein PDF")
        text.write_text(text.read_text(encoding="utf-8") + "\nEins.\n", encoding="utf-8")
        viewer.refresh()
        assert viewer.state.status == "error" and "unlesbares PDF" in viewer.state.diagnostics[0]["text"]
        monkeypatch.setattr(preview, "read_layout", lambda pdf: 1 / 0)
        text.write_text(text.read_text(encoding="utf-8") + "\nZwei.\n", encoding="utf-8")
        viewer.refresh()  # returns: the watcher goes on
        assert viewer.state.status == "error" and "interner Fehler" in viewer.state.diagnostics[0]["text"]
        assert viewer.state.pages == pages and viewer.state.version == 1
    finally:
        viewer.stop()


@pytest.mark.slow
def test_an_edit_to_another_documents_text_leaves_the_pages(neuss_copy):
    """neuss shows its concept; its analysis' and progress report's texts are not in it: no conversion."""
    from conceptgen.preview import Preview

    office = FakeOffice()
    viewer = Preview(neuss_copy, 0, office)
    try:
        viewer.refresh()
        for name in ("analyse_einleitung.md", "fortschritt_ausblick.md"):
            text = neuss_copy / "text" / name
            text.write_text(text.read_text(encoding="utf-8") + "\nNur dort.\n", encoding="utf-8")
            viewer.refresh()
            assert (viewer.state.unchanged, office.conversions, viewer.state.version) == (True, 1, 1)
        text = neuss_copy / "text" / "einleitung.md"
        text.write_text(text.read_text(encoding="utf-8") + "\nIm Konzept.\n", encoding="utf-8")
        viewer.refresh()
        assert (viewer.state.unchanged, office.conversions, viewer.state.version) == (False, 2, 2)
    finally:
        viewer.stop()


def test_a_stopped_preview_leaves_no_folder(minimal):
    from conceptgen.preview import Preview

    viewer = Preview(minimal, 0, FakeOffice())
    viewer.refresh()
    assert viewer._folder.is_dir()
    viewer.stop()
    assert not viewer._folder.exists()
    text = minimal / "text" / "einleitung.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nNach dem Ende.\n", encoding="utf-8")
    viewer.refresh()  # a refresh still running when the preview ended (its watcher thread)
    assert not viewer._folder.exists() and viewer.state.version == 1
