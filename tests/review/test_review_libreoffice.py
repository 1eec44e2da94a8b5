"""`conceptgen review` of a file that LibreOffice saved: the rendered neuss concept opened in LibreOffice,
10 comments and 10 tracked changes made through its API (tests/review/uno_edits.py), saved as .docx —
20 entries, each at its source; the anchors survive LibreOffice's save."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conceptgen.review import review
from tests.conftest import require_libreoffice
from tests.review.test_review import at
from tests.review.word_edits import WordEdits, _text, w

UNO_EDITS = Path(__file__).resolve().parent / "uno_edits.py"


def occurrence(blob: bytes, text: str, **where) -> int:
    """Which occurrence of ``text`` in the document's paragraphs (tables' cells in order) is the one in
    the paragraph WordEdits finds with ``where`` (LibreOffice counts the same way)."""
    edits = WordEdits(blob)
    target = edits.paragraph(where.pop("within", text), **where)
    count = 0
    for paragraph in edits.root.iter(w("p")):
        if paragraph is target:
            return count
        count += _text(paragraph).count(text)
    raise AssertionError(f"{text!r} not found")


def lo_edits(blob: bytes) -> list[dict]:
    def edit(op: str, text: str, author: str, **more) -> dict:
        where = {k: more.pop(k) for k in ("within", "exact", "after") if k in more}
        return {"op": op, "text": text, "nth": occurrence(blob, text, **where), "author": author, **more}

    a, b, c = "Anna Amt", "Bernd Büro", "Carla Kreis"
    return [
        edit("comment", "Ausschuss für Soziales und Wohnen", a, within="einstimmig", comment="Datum prüfen."),
        edit("comment", "Pflichtaufgabe", a, comment="Rechtsgrundlage nennen."),
        edit("comment", "rund 2.230", c, comment="Quelle der Zahl?"),
        edit("comment", "Notunterkunft Neuss", a, exact=True, comment="Öffnungszeiten?"),
        edit(
            "comment",
            "Untergebrachte wohnungslose Personen nach Kommunen, Stichtag",
            b,
            within="Tabelle\u00a016: Untergebrachte",
            comment="Reihenfolge?",
        ),
        edit(
            "comment",
            "Untergebrachte Personen je 10.000",
            c,
            within="Abbildung\u00a03: Untergebrachte",
            comment="Farben zu blass.",
        ),
        edit(
            "comment", "Rhein-Kreis Neuss, Sozialamt", a, exact=True, after="Federführung", comment="Amt 50."
        ),
        edit("comment", "Einleitung", b, exact=True, comment="Kürzer fassen."),
        edit("comment", "Drohende Wohnungsverluste", c, within="Leitziel Z2: Drohende", comment="Gut."),
        edit("comment", "Abgewendete Wohnungsverluste", a, exact=True, comment="Wie gezählt?"),
        edit("replace", "einstimmig", a, new="mit großer Mehrheit"),
        edit("delete", " und Trägern", b, within="Bestandsaufnahme der Angebote bei Kommunen und Trägern ("),
        edit("replace", "Jobcenter Rhein-Kreis Neuss", c, exact=True, new="Jobcenter des Kreises"),
        edit("insert_after", "der Wohnungsnotfallhilfe im Kreis", c, new=" und in den Kommunen"),
        edit(
            "replace",
            "nach Kategorie",
            b,
            within="Abbildung\u00a02: Angebote nach Kategorie",
            new="je Kategorie",
        ),
        edit("replace", "2.231", c, exact=True, after="Jahr", new="2.241"),
        edit("replace", "05/2024–12/2027", a, exact=True, after="Zeitraum", new="06/2024–12/2027"),
        edit(
            "replace",
            "mobile und aufsuchende Hilfen",
            a,
            within="ergänzend kommen",
            new="mobile, aufsuchende Hilfen",
        ),
        edit(
            "replace",
            "ganzen",
            b,
            exact=True,
            within="Wohnungslose und von Wohnungslosigkeit bedrohte Menschen im ganzen Kreis",
            new="gesamten",
        ),
        edit("delete", " (Bund)", c, within="Untergebrachte Personen (Bund)"),
    ]


def test_file_saved_by_libreoffice_gives_twenty_entries_each_at_its_source(rendered, tmp_path):
    require_libreoffice()
    from conceptgen.render.libreoffice import find_soffice
    from conceptgen.render.office_session import find_uno_python

    python = find_uno_python(find_soffice())
    if python is None:
        if os.environ.get("CI"):
            pytest.fail("python3-uno missing in CI: .ci/run must install it")
        pytest.skip("no Python with uno (apt-get install python3-uno)")
    root, blob = rendered
    source, target, spec = tmp_path / "sent.docx", tmp_path / "returned.docx", tmp_path / "edits.json"
    source.write_bytes(blob)
    spec.write_text(json.dumps(lo_edits(blob), ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [python, str(UNO_EDITS), str(source), str(target), str(spec), str(tmp_path / "profile")],
        check=True,
        timeout=300,
    )
    result = review(root, target, pages=True)
    found = [(e.kind, e.source.display(root) if e.source else "", e.author) for e in result.entries]
    want = [
        (
            "comment",
            at(root, "text/einleitung.md", "Der Ausschuss für Soziales und Wohnen hat", column=False),
        ),
        ("comment", at(root, "text/rahmen.md", "Pflichtaufgabe", column=False)),
        ("comment", at(root, "needs.yaml", "rund 2.230", column=False)),
        ("comment", at(root, "inventory.yaml", "Notunterkunft Neuss")),
        ("comment", at(root, "data.yaml", "id: untergebrachte", after="tables:")),
        ("comment", at(root, "charts.yaml", "id: quote_kreis")),
        ("comment", at(root, "measures.yaml", "Rhein-Kreis Neuss, Sozialamt", first=True)),
        ("comment", at(root, "project.yaml", "template: konzept")),
        ("comment", at(root, "goals.yaml", "Drohende Wohnungsverluste")),
        ("comment", at(root, "indicators.yaml", "Abgewendete Wohnungsverluste")),
        ("replace", at(root, "text/einleitung.md", "einstimmig", column=False)),
        ("delete", at(root, "text/vorgehen.md", "**Bestandsaufnahme**", column=False)),
        ("replace", at(root, "participation.yaml", "Jobcenter Rhein-Kreis Neuss")),
        ("insert", at(root, "text/bestand.md", "Die Bestandsaufnahme erfasst", column=False)),
        ("delete", at(root, "text/rahmen.md", "| Jahr |", column=False)),
        ("replace", at(root, "charts.yaml", "id: kategorien")),
        ("replace", at(root, "data.yaml", "id: entwicklung", after="tables:")),
        ("replace", at(root, "measures.yaml", "{start: 2024-05, end: 2027-12}")),
        ("replace", at(root, "measures.yaml", "Die Fachberatung nach § 67 SGB XII wird", column=False)),
        (
            "replace",
            at(
                root,
                "measures.yaml",
                "Wohnungslose und von Wohnungslosigkeit bedrohte Menschen im ganzen",
            ),
        ),
    ]
    assert sorted((k, s) for k, s, _ in found) == sorted((k, str(root.parent / s)) for k, s in want)
    assert {a for _, _, a in found} == {"Anna Amt", "Bernd Büro", "Carla Kreis"}
    assert len(result.edits) == 7  # texts and plain fields; the chart, table and period only listed
    # LibreOffice records no page breaks: the pages come from a PDF it makes of the file
    changes = [e.page for e in result.entries if e.kind != "comment"]
    assert all(changes) and changes == sorted(changes)
    first = next(e for e in result.entries if e.kind == "replace")
    assert first.page == 5  # „1 Einleitung … 5“ in the table of contents


def _parts(blob: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    package = zipfile.ZipFile(io.BytesIO(blob))
    return {n: package.read(n) for n in package.namelist()}


def test_every_anchor_survives_libreoffice_saving_the_file(rendered, tmp_path):
    """Opened and saved again as .docx by LibreOffice, the concept keeps every anchor around the same
    text, and the properties that make them readable."""
    require_libreoffice()
    from conceptgen.ooxml.returned import read_returned
    from conceptgen.render.libreoffice import find_soffice, run

    _root, blob = rendered
    sent = tmp_path / "sent.docx"
    sent.write_bytes(blob)
    out = tmp_path / "out"
    run(
        [
            find_soffice(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(sent),
        ],
        180,
    )
    before, after = read_returned(_parts(blob)), read_returned(_parts((out / "sent.docx").read_bytes()))
    assert len(before.anchors) > 1000
    assert [n.split("_Copy_")[0] for n in after.anchors] == before.anchors
    after.passages = {n.split("_Copy_")[0]: p for n, p in after.passages.items()}
    changed = [
        n
        for n in before.anchors
        if " ".join(after.passages[n].sent.split()) != " ".join(before.passages[n].sent.split())
    ]
    assert changed == []
    assert after.properties == before.properties


FOOTNOTED = {
    # the document's first footnote in the middle of its paragraph: LibreOffice moved the paragraph's
    # anchor end back one character on each save (the full stop, then the „h“ of „danach“)
    "middle": "Ein Satz mit Fußnote.[^a] Ein zweiter Satz danach.\n\nOhne Fußnote.\n\n[^a]: Die Fußnote.\n",
    "two in one paragraph": "Erst eine.[^a] Dann noch eine[^b] und ein Ende.\n\n[^a]: Eins.\n\n[^b]: Zwei.\n",
    "first at the start": "[^a]Gleich am Anfang, dann Text.\n\nZweiter Absatz.[^b] Mit Text danach.\n\n"
    "[^a]: Eins.\n\n[^b]: Zwei.\n",
    "in a list": "Eine Liste:\n\n- Punkt eins.[^a] Weiter im Punkt.\n- Punkt zwei.\n\n[^a]: Eins.\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(FOOTNOTED))
def test_a_footnote_in_the_middle_of_a_paragraph_survives_libreoffice_saving_twice(case, minimal, tmp_path):
    """Every anchor's passage read from the file LibreOffice saved, and saved again, is the passage sent:
    the full stop after a mid-paragraph footnote stays in its paragraph's anchor (ooxml/revisions.py)."""
    require_libreoffice()
    from conceptgen.ooxml.returned import read_returned
    from conceptgen.pipeline import render_project
    from conceptgen.render.libreoffice import find_soffice, run

    (minimal / "text" / "einleitung.md").write_text(FOOTNOTED[case], encoding="utf-8")
    result = render_project(minimal, tmp_path / "sent", libreoffice=False)
    sent = next(p for p in result.outputs if p.suffix == ".docx")
    before = read_returned(_parts(sent.read_bytes()))
    assert len(before.anchors) > 3
    path = sent
    for save in ("once", "twice"):
        command = [find_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
        command += ["--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / save)]
        run([*command, str(path)], 180)
        path = tmp_path / save / sent.name
        after = read_returned(_parts(path.read_bytes()))
        passages = {n.split("_Copy_")[0]: p.sent for n, p in after.passages.items()}
        changed = [
            (before.passages[n].sent, passages.get(n))
            for n in before.anchors
            if " ".join((passages.get(n) or "").split()) != " ".join(before.passages[n].sent.split())
        ]
        assert changed == [], save
