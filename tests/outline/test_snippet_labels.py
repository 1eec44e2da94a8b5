"""A label is declared once, by its block: a template's own snippet that does not write it is said where
it happens (CG140 at the template, and as the hint of the reference it leaves without a target), one that
writes another label too (CG141) — never dropped in silence."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from conceptgen.pipeline import check_project
from tests.conftest import ROOT, replace_in


def own_template(project: Path, old: str, new: str) -> None:
    """The built-in konzept template as the project's own, with ``old`` replaced in its text."""
    folder = project / "templates" / "kreis"
    shutil.copytree(ROOT / "templates" / "konzept", folder, ignore=shutil.ignore_patterns("*.py"))
    source = folder / "template.docx"
    changed = folder / "changed.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(item, data)
    changed.replace(source)
    replace_in(folder / "template.yaml", "name: konzept", "name: kreis")


def test_a_snippet_without_the_label_its_block_declares(neuss_copy):
    own_template(neuss_copy, "[[tab:mitglieder]]", "[[tab:mitglied]]")
    replace_in(neuss_copy / "project.yaml", "template: konzept", "template: kreis")
    text = neuss_copy / "text" / "vorgehen.md"
    text.write_text(
        text.read_text(encoding="utf-8") + "\nDie Mitglieder nennt @tab:mitglieder.\n", encoding="utf-8"
    )
    result = check_project(neuss_copy)
    by_code = {
        code: [d for d in result.diagnostics if d.code == code] for code in ("CG140", "CG141", "CG110")
    }
    (missing,), (other,) = by_code["CG140"], by_code["CG141"]
    assert "[[block:working_group]]" in missing.message and "tab:mitglieder" in missing.message
    assert missing.location.file.endswith("kreis/template.docx")
    assert "tab:mitglied" in other.message and "tab:mitglieder" in other.hint
    references = by_code["CG110"]  # each place that refers to the members' table (text/vorgehen.md …)
    assert "vorgehen.md" in {Path(d.location.file).name for d in references}
    assert all(
        "tab:mitglieder" in d.message and "„kreis“" in d.hint and "CG140" in d.hint for d in references
    )


def test_the_built_in_snippets_write_what_their_blocks_declare(neuss_copy):
    result = check_project(neuss_copy)
    assert result.ok
    assert not [d for d in result.diagnostics if d.code in ("CG140", "CG141")]
