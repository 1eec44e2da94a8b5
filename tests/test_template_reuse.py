"""A template may show one text block in several places (issue 25, item 12): a summary on the cover and
again in the body failed with ``KeyError: 'cgslot60'`` while check passed. Each place gets the whole
text — with its footnote, its emphasis and its cross-reference — and Word opens the document unrepaired
(the conftest validator)."""

from __future__ import annotations

import copy
import shutil

import pytest
from docx import Document
from docx.text.paragraph import Paragraph

from conceptgen.workspace import BUILTIN_TEMPLATES

TEXT = "Ein *wichtiger* Satz mit Fußnote.[^1] Siehe @sec:vorgehen.\n\n[^1]: Die Fußnote.\n"


def _template_showing(project, tags: list[str]) -> None:
    folder = project / "templates" / "doppelt"
    shutil.copytree(BUILTIN_TEMPLATES / "konzept", folder)
    path = folder / "template.docx"
    document = Document(str(path))
    body = next(p for p in document.paragraphs if p.text.strip() == "{{p body }}")
    for tag in tags:
        element = copy.deepcopy(body._p)
        body._p.addprevious(element)
        paragraph = Paragraph(element, body._parent)
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = tag
    document.save(str(path))
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(
        text.replace("  - output: test.docx", "  - output: test.docx\n    template: doppelt"),
        encoding="utf-8",
    )


@pytest.mark.parametrize("times", [2, 3])
def test_a_text_shown_twice_is_rendered_in_both_places(minimal, cli, times):
    (minimal / "text" / "einleitung.md").write_text(TEXT, encoding="utf-8")
    _template_showing(minimal, ["{{p text.einleitung }}"] * times)
    assert cli("check", minimal).exit_code == 0
    result = cli("render", minimal, "--no-libreoffice")
    assert result.exit_code == 0, result.output
    document = Document(str(minimal / "build" / "test.docx"))
    shown = [p.text for p in document.paragraphs if p.text.startswith("Ein wichtiger Satz")]
    assert len(shown) == times + 1  # each place, and the chapter Einleitung of the outline
    assert all("Abschnitt" in text or "Kapitel" in text for text in shown), shown
