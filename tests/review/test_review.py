"""`conceptgen review`: a rendered neuss concept returned with 10 comments and 10 tracked changes, written
as Word writes them, gives 20 entries, each with the right source; `--apply` changes exactly the text
edits in the sources (git diff); generated passages are listed, not applied; bad input is refused."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conceptgen.review import review
from conceptgen.review.apply import apply
from tests.review.word_edits import WordEdits

DOCUMENT = "Wohnungsnotfallkonzept-Rhein-Kreis-Neuss.docx"
AUTHORS = ("Anna Amt", "Bernd Büro", "Carla Kreis")


def at(root: Path, file: str, text: str, *, column: bool = True, first: bool = False, after: str = "") -> str:
    """``file:line:column`` (or ``file:line``) where ``text`` begins in a file of the project (its only
    occurrence, or the ``first``; below the line that starts with ``after``)."""
    lines = (root / file).read_text(encoding="utf-8").split("\n")
    skip = next((n for n, line in enumerate(lines, 1) if after and line.startswith(after)), 0)
    found = [(n, line.index(text)) for n, line in enumerate(lines, 1) if text in line and n > skip]
    assert len(found) == 1 or (first and found), f"{text!r} in {file}: {found}"
    line, index = found[0]
    return f"{root.name}/{file}:{line}:{index + 1}" if column else f"{root.name}/{file}:{line}"


def word_returned(blob: bytes) -> bytes:
    """The concept with 10 comments (one reply, one done) and 10 tracked changes, as Word writes them."""
    a, b, c = AUTHORS
    edits = WordEdits(blob)
    first = edits.comment(
        "Ausschuss für Soziales und Wohnen", "Bitte das Datum prüfen.", a, within="einstimmig"
    )
    edits.reply(first, "Geprüft: 2. Mai 2024.", b)
    edits.comment("Pflichtaufgabe", "Rechtsgrundlage nennen.", a)
    edits.comment("rund 2.230", "Quelle der Zahl?", c)
    edits.comment("Notunterkunft Neuss", "Öffnungszeiten ergänzen?", a, exact=True)
    edits.comment(
        "Tabelle\u00a016", "Reihenfolge nach Einwohnern?", b, within="Tabelle\u00a016: Untergebrachte"
    )
    edits.comment("Abbildung\u00a03", "Farben zu blass.", c, within="Abbildung\u00a03: Untergebrachte")
    edits.comment(
        "Rhein-Kreis Neuss, Sozialamt", "Zuständig ist das Amt 50.", a, exact=True, after="Federführung"
    )
    edits.comment("Einleitung", "Kürzer fassen.", b, exact=True, done=True)
    edits.comment("Drohende Wohnungsverluste", "Einverstanden.", c, within="Leitziel Z2: Drohende")
    edits.comment("Abgewendete Wohnungsverluste", "Wie gezählt?", a, exact=True)
    edits.replace("einstimmig", "mit großer Mehrheit", a)
    edits.delete(" und Trägern", b, within="Bestandsaufnahme der Angebote bei Kommunen und Trägern (")
    edits.insert_after("der Wohnungsnotfallhilfe im Kreis", " und in den Kommunen", c)
    edits.replace("mobile und aufsuchende Hilfen", "mobile, aufsuchende Hilfen", a, within="ergänzend kommen")
    edits.replace(
        "ganzen",
        "gesamten",
        b,
        exact=True,
        within="Wohnungslose und von Wohnungslosigkeit bedrohte Menschen im ganzen Kreis",
    )
    edits.replace("2.231", "2.241", c, paragraph=edits.cell("Tabelle\u00a015: Entwicklung", 3, 1))
    edits.replace("2.231", "2.251", a, paragraph=edits.cell("Tabelle\u00a016: Untergebrachte", -1, 1))
    edits.replace("nach Kategorie", "je Kategorie", b, within="Abbildung\u00a02: Angebote nach Kategorie")
    edits.move("Bedarfsanalyse", "Bestandsaufnahme der Angebote", c)
    edits.replace("05/2024–12/2027", "06/2024–12/2027", a, exact=True, after="Zeitraum")
    edits.page_breaks()
    return edits.save()


def expected(root: Path) -> list[tuple[str, str, str]]:
    """(kind, source, status) of the 20 entries."""
    return [
        (
            "comment",
            at(root, "text/einleitung.md", "Der Ausschuss für Soziales und Wohnen hat", column=False),
            "offen",
        ),
        ("comment", at(root, "text/rahmen.md", "Pflichtaufgabe", column=False), "offen"),
        ("comment", at(root, "needs.yaml", "rund 2.230", column=False), "offen"),
        ("comment", at(root, "inventory.yaml", "Notunterkunft Neuss"), "offen"),
        ("comment", at(root, "data.yaml", "id: untergebrachte", after="tables:"), "offen"),
        ("comment", at(root, "charts.yaml", "id: quote_kreis"), "offen"),
        ("comment", at(root, "measures.yaml", "Rhein-Kreis Neuss, Sozialamt", first=True), "offen"),
        ("comment", at(root, "project.yaml", "template: konzept"), "erledigt"),
        ("comment", at(root, "goals.yaml", "Drohende Wohnungsverluste"), "offen"),
        ("comment", at(root, "indicators.yaml", "Abgewendete Wohnungsverluste"), "offen"),
        ("replace", at(root, "text/einleitung.md", "einstimmig", column=False), "übernehmbar"),
        ("delete", at(root, "text/vorgehen.md", "**Bestandsaufnahme**", column=False), "übernehmbar"),
        ("move", at(root, "text/vorgehen.md", "**Bedarfsanalyse**", column=False), "von Hand"),
        ("insert", at(root, "text/bestand.md", "Die Bestandsaufnahme erfasst", column=False), "übernehmbar"),
        ("replace", at(root, "charts.yaml", "id: kategorien"), "nur Liste"),
        ("replace", at(root, "data.yaml", "id: entwicklung", after="tables:"), "nur Liste"),
        ("replace", at(root, "data.yaml", "id: untergebrachte", after="tables:"), "nur Liste"),
        ("replace", at(root, "measures.yaml", "{start: 2024-05, end: 2027-12}"), "nur Liste"),
        (
            "replace",
            at(root, "measures.yaml", "Die Fachberatung nach § 67 SGB XII wird", column=False),
            "übernehmbar",
        ),
        (
            "replace",
            at(
                root,
                "measures.yaml",
                "Wohnungslose und von Wohnungslosigkeit bedrohte Menschen im ganzen Kreis",
            ),
            "übernehmbar",
        ),
    ]


def entries_of(root: Path, returned: bytes, tmp_path: Path):
    file = tmp_path / "returned.docx"
    file.write_bytes(returned)
    return review(root, file)


def test_word_file_gives_twenty_entries_each_at_its_source(rendered, tmp_path, monkeypatch):
    root, blob = rendered
    monkeypatch.chdir(root.parent)
    result = entries_of(Path(root.name), word_returned(blob), tmp_path)
    found = [
        (e.kind, e.source.display(Path(root.name)) if e.source else "", e.status) for e in result.entries
    ]
    want = expected(Path(root.name))
    assert sorted((k, s) for k, s, _ in found) == sorted((k, s) for k, s, _ in want)
    statuses = {(k, s): st for k, s, st in found}
    assert all(statuses[(k, s)].startswith(w) for k, s, w in want), statuses


def test_comments_keep_author_text_passage_and_replies(rendered, tmp_path):
    root, blob = rendered
    result = entries_of(root, word_returned(blob), tmp_path)
    first = next(e for e in result.entries if e.text == "Bitte das Datum prüfen.")
    assert (first.author, first.text, first.passage) == (
        "Anna Amt",
        "Bitte das Datum prüfen.",
        "Ausschuss für Soziales und Wohnen",
    )
    assert [(a, t) for a, _d, t in first.replies] == [("Bernd Büro", "Geprüft: 2. Mai 2024.")]
    assert first.date is not None and first.page is not None
    done = [e for e in result.entries if e.done]
    assert [e.text for e in done] == ["Kürzer fassen."]
    move = next(e for e in result.entries if e.kind == "move")
    assert move.target is not None and move.target.file == "text/vorgehen.md"


def test_apply_changes_exactly_the_text_edits(rendered, tmp_path):
    """The five edits of texts and plain fields land in the sources, nothing else changes."""
    root, blob = rendered
    project = tmp_path / "neuss"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("build"))
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "sent"], check=True)
    result = entries_of(project, word_returned(blob), tmp_path)
    written = apply(project, result.source, result.edits)
    assert sorted(p.relative_to(project).as_posix() for p in written) == [
        "measures.yaml",
        "text/bestand.md",
        "text/einleitung.md",
        "text/vorgehen.md",
    ]
    diff = subprocess.run(
        [*git, "diff", "-U0", "--no-color"], capture_output=True, text=True, check=True
    ).stdout
    changed = sorted(
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    )
    before = {line[1:] for line in changed if line[0] == "-"}
    after = {line[1:] for line in changed if line[0] == "+"}
    assert len(before) == len(after) == 5
    assert {(b.replace("einstimmig", "mit großer Mehrheit")) for b in before if "einstimmig" in b} <= after
    assert any("Kommunen (@sec:bestand)" in a and "und Trägern" not in a for a in after)
    assert any("im Kreis und in den Kommunen nach Kategorie" in a for a in after)
    assert any("mobile, aufsuchende Hilfen" in a for a in after)
    assert any("Menschen im gesamten Kreis" in a for a in after)
    assert [x.entry.status for x in result.edits] == ["übernommen"] * 5


def test_generated_passages_are_listed_against_their_data(rendered, tmp_path):
    root, blob = rendered
    result = entries_of(root, word_returned(blob), tmp_path)
    listed = [e for e in result.entries if e.status.startswith("nur Liste")]
    assert {e.source.file for e in listed} == {"data.yaml", "charts.yaml", "measures.yaml"}
    assert not any(e is x.entry for e in listed for x in result.edits)
    assert len(listed) == 4


def _docx_with(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("no zip", lambda blob: b"Dies ist kein Word-Dokument", "CG900"),
        ("a zip without document", lambda blob: _docx_with({"a.txt": b"x"}), "CG900"),
        (
            "a bomb",
            lambda blob: _docx_with({"word/document.xml": b"<" + b" " * (160 * 1024 * 1024)}),
            "CG901",
        ),
        ("no anchors", lambda blob: _without_anchors(blob), "CG903"),
        ("another project", lambda blob: _other_project(blob), "CG902"),
    ],
)
def test_bad_input_is_refused_in_one_located_german_line(rendered, tmp_path, cli, name, make, code):
    root, blob = rendered
    file = tmp_path / "zurueck.docx"
    file.write_bytes(make(blob))
    result = cli("review", root, file)
    assert result.exit_code == 1, name
    lines = [line for line in result.stderr.splitlines() if code in line]
    assert len(lines) == 1, result.stderr
    assert "zurueck.docx" in lines[0] and "Traceback" not in result.stderr


def _rewrite(blob: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    return _docx_with({n: change(n, source.read(n)) for n in source.namelist()})


def _without_anchors(blob: bytes) -> bytes:
    import re

    def change(name: str, data: bytes) -> bytes:
        if name in ("word/document.xml", "word/footnotes.xml"):
            return re.sub(rb'<w:bookmark(Start|End) w:id="1\d{6}"[^>]*/>', b"", data)
        return data

    return _rewrite(blob, change)


def _other_project(blob: bytes) -> bytes:
    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/custom.xml":
            return data.replace(b"Rhein-Kreis Neuss", b"Stadt Bottrop")
        return data

    return _rewrite(blob, change)


def test_comments_are_listed_in_kommentare_yaml_once_and_their_answers_kept(rendered, tmp_path, cli):
    root, blob = rendered
    project = tmp_path / "neuss"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("build"))
    returned = tmp_path / "zurueck.docx"
    returned.write_bytes(word_returned(blob))
    assert cli("review", project, returned).exit_code == 0
    text = (project / "kommentare.yaml").read_text(encoding="utf-8")
    assert text.count("  - id: r-") == 10 + 5  # the comments and the changes that stay to do
    answered = text.replace('text: "Öffnungszeiten ergänzen?"', 'text: "Öffnungszeiten ergänzen?"', 1)
    marker = 'text: "Öffnungszeiten ergänzen?"'
    block_end = answered.index("    answer:", answered.index(marker))
    answered = (
        answered[:block_end] + '    answer: "Werden ergänzt."' + answered[block_end + len("    answer:") :]
    )
    (project / "kommentare.yaml").write_text(answered, encoding="utf-8")
    again = cli("review", project, returned, "--xlsx", tmp_path / "liste.xlsx")
    assert again.exit_code == 0, again.stderr
    assert (project / "kommentare.yaml").read_text(encoding="utf-8") == answered  # nothing added twice

    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "liste.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:6] == ["Nr.", "Art", "Quelle", "Feld", "Seite", "Von"] and len(rows) == 21
    answer = next(r for r in rows if r[7] == "Öffnungszeiten ergänzen?")
    assert answer[rows[0].index("Antwort")] == "Werden ergänzt." and answer[3] == "offers[8].name"


def test_answered_comments_come_back_as_word_comments_at_their_source(rendered, tmp_path, cli):
    """render --comments puts each open comment of kommentare.yaml with its answer where its source's
    passage now is; reviewing that draft finds the comment at the same source again."""
    root, _blob = rendered
    project = tmp_path / "neuss"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("build"))
    (project / "kommentare.yaml").write_text(
        "comments:\n"
        "  - id: r-1\n    author: Anna Amt\n    date: 2026-03-05\n    text: Öffnungszeiten ergänzen?\n"
        "    source: inventory.yaml:107:11\n    answer: Werden ergänzt.\n    status: beantwortet\n"
        "  - id: r-2\n    author: Anna Amt\n    text: Erledigt.\n    source: inventory.yaml:107:11\n"
        "    status: erledigt\n",
        encoding="utf-8",
    )
    result = cli("render", project, "--no-libreoffice", "--comments")
    assert result.exit_code == 0, result.stderr
    draft = project / "build" / DOCUMENT
    again = review(project, draft)
    comments = [e for e in again.entries if e.kind == "comment"]
    assert [(e.text, e.source.display(project)) for e in comments] == [
        (
            "Anna Amt, 5.\u00a0März 2026: Öffnungszeiten ergänzen?\nAntwort: Werden ergänzt.",
            at(project, "inventory.yaml", "Notunterkunft Neuss").replace("neuss/", f"{project}/", 1),
        )
    ]


def test_a_file_without_its_properties_is_read_with_the_projects_files(rendered, tmp_path):
    """Word's document inspector removes custom properties: the anchors still lead to their sources."""
    root, blob = rendered
    stripped = _rewrite(
        word_returned(blob),
        lambda name, data: (
            data.replace(b"conceptgen.", b"entfernt.") if name == "docProps/custom.xml" else data
        ),
    )
    result = entries_of(root, stripped, tmp_path)
    assert [d.code for d in result.warnings] == ["CG905"]
    want = expected(root)
    assert sorted((e.kind, e.source.display(root)) for e in result.entries) == sorted(
        (k, str(root.parent / s)) for k, s, _ in want
    )


def test_answers_of_the_list_go_back_into_kommentare_yaml(rendered, tmp_path, cli):
    from openpyxl import load_workbook

    root, blob = rendered
    project = tmp_path / "neuss"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("build"))
    returned = tmp_path / "zurueck.docx"
    returned.write_bytes(word_returned(blob))
    liste = tmp_path / "liste.xlsx"
    assert cli("review", project, returned, "--xlsx", liste).exit_code == 0
    book = load_workbook(liste)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    row = next(
        r
        for r in sheet.iter_rows(min_row=2)
        if r[headers.index("Kommentar / Änderung")].value == "Wie gezählt?"
    )
    row[headers.index("Antwort")].value = "Fälle der Fachstellen, gezählt je Haushalt."
    row[headers.index("Status")].value = "beantwortet"
    ident = row[headers.index("ID")].value
    book.save(liste)
    result = cli("review", project, liste)
    assert result.exit_code == 0, result.stderr
    import yaml

    listed = yaml.safe_load((project / "kommentare.yaml").read_text(encoding="utf-8"))["comments"]
    entry = next(c for c in listed if c["id"] == ident)
    assert (entry["answer"], entry["status"]) == (
        "Fälle der Fachstellen, gezählt je Haushalt.",
        "beantwortet",
    )
    assert cli("review", project, liste).stdout.strip() == "keine neuen Antworten"  # the second time

    row[headers.index("ID")].value = "r-00000000"
    book.save(liste)
    refused = cli("review", project, liste)
    assert (
        refused.exit_code == 1
        and "CG907" in refused.stderr
        and "liste.xlsx:Rückmeldungen:N" in refused.stderr
    )


def test_a_pdf_is_made_without_the_anchors(rendered):
    """LibreOffice turns bookmarks into named destinations: the anchors would only make a PDF larger, so
    the copy it converts has none; every other bookmark (headings, captions) stays."""
    import re

    from conceptgen.ooxml.anchors import without_anchors
    from tests.ooxml.validator import validate

    _root, blob = rendered
    stripped = without_anchors(blob)
    names = re.findall(rb'w:name="([^"]+)"', zipfile.ZipFile(io.BytesIO(stripped)).read("word/document.xml"))
    before = re.findall(rb'w:name="([^"]+)"', zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))
    assert names == [n for n in before if not n.startswith(b"_cg")] and len(names) > 50
    assert validate(stripped, "ohne Anker") == []
