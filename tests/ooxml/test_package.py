"""Verification of a rendered package before it is written."""

from __future__ import annotations

import io
import zipfile

from conceptgen.ooxml.package import normalize, verify
from conceptgen.pipeline import render_project


def rebuild(blob: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)
    return out.getvalue()


def rendered(minimal, tmp_path) -> bytes:
    return render_project(minimal, tmp_path / "out", libreoffice=False).outputs[0].read_bytes()


def test_sound_document_verifies(minimal, tmp_path):
    assert verify(rendered(minimal, tmp_path)) == []


def test_not_a_zip():
    assert verify(b"nope")[0].startswith("kein ZIP-Paket")


def test_broken_xml_missing_part_and_leftover_tag(minimal, tmp_path):
    blob = rendered(minimal, tmp_path)

    def break_xml(name, data):
        return data[:-20] if name == "word/styles.xml" else data

    assert any("kein wohlgeformtes" in p for p in verify(rebuild(blob, break_xml)))

    def drop_styles(name, data):
        return None if name == "word/styles.xml" else data

    assert any("fehlenden Teil word/styles.xml" in p for p in verify(rebuild(blob, drop_styles)))

    def leave_tag(name, data):
        if name == "word/document.xml":
            return data.replace(b"Testkonzept", b"{{ project.title }}", 1)
        return data

    assert any("Vorlagen-Tag übrig" in p for p in verify(rebuild(blob, leave_tag)))


def test_normalize_is_idempotent(minimal, tmp_path):
    blob = rendered(minimal, tmp_path)
    assert normalize(blob) == blob


def test_every_way_a_part_can_be_broken_is_found_by_both_parsers(minimal, tmp_path):
    """Every part is proven well-formed by expat, piece by piece from the zip; one whose text could hold a
    tag (a brace) is then read by lxml for its text. Each fault is found with and without a brace."""
    blob = rendered(minimal, tmp_path)
    document = zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml")
    assert b"{" not in document  # the fast path is the one taken here
    faults = {
        "cut": lambda d: d[:-20],
        "unbound prefix": lambda d: d.replace(b"<w:body>", b"<w:body><x:p/>", 1),
        "mismatched tag": lambda d: d.replace(b"</w:body>", b"</w:bodx>", 1),
        "bad character": lambda d: d.replace(b"Testkonzept", b"Test\x01konzept", 1),
    }
    for fault, change in faults.items():
        for extra in (b"", b"<!-- { -->"):  # without and with a brace (then lxml reads the text)

            def broken(name, data, change=change, extra=extra):
                if name != "word/document.xml":
                    return data
                return change(data.replace(b"<w:body>", extra + b"<w:body>", 1) if extra else data)

            problems = verify(rebuild(blob, broken))
            assert any("word/document.xml ist kein wohlgeformtes" in p for p in problems), (fault, extra)


def test_tags_split_over_runs_or_written_as_references_are_found(minimal, tmp_path):
    blob = rendered(minimal, tmp_path)
    split = b'{</w:t></w:r><w:r><w:t xml:space="preserve">{ project.title }}'
    for tag in (split, b"&#123;&#123; project.title &#125;&#125;", b"{% if x %}"):

        def leave(name, data, tag=tag):
            return data.replace(b"Testkonzept", tag, 1) if name == "word/document.xml" else data

        assert any("Vorlagen-Tag übrig" in p for p in verify(rebuild(blob, leave))), tag


def test_a_character_reference_cut_between_two_pieces_is_still_seen(minimal, tmp_path, monkeypatch):
    from conceptgen.ooxml import package

    blob = rendered(minimal, tmp_path)
    document = zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml")
    cut = document.index(b"Testkonzept") + 6  # "Test%&" ends one piece, "#125;" starts the next
    monkeypatch.setattr(package, "_CHUNK", cut)
    monkeypatch.setattr(package, "_KNOWN_SIZE", 0)  # every part read in pieces, as a large one is

    def leave(name, data):
        if name != "word/document.xml":
            return data
        return data.replace(b"Testkonzept", b"Test%&#125;", 1)  # the only "&#", and no brace: "%}"

    assert any("Vorlagen-Tag übrig" in p for p in verify(rebuild(blob, leave)))


def test_parts_known_well_formed_are_known_by_their_bytes(minimal, tmp_path, monkeypatch):
    """A part verified before (the template's styles in every document of a batch) is not parsed again —
    but the same part changed by one byte is, and its fault found; a faulty part is never remembered."""
    from conceptgen.ooxml import package

    blob = rendered(minimal, tmp_path)
    assert verify(blob) == []
    parsed: list[str] = []
    create = package.expat.ParserCreate
    monkeypatch.setattr(package.expat, "ParserCreate", lambda *a, **k: parsed.append("x") or create(*a, **k))
    assert verify(blob) == []
    assert parsed == []  # every part known

    def broken(name, data):
        return data.replace(b"</w:styles>", b"</w:stylez>", 1) if name == "word/styles.xml" else data

    for _ in range(2):
        assert any("word/styles.xml ist kein wohlgeformtes XML" in p for p in verify(rebuild(blob, broken)))
    assert len(parsed) == 2
