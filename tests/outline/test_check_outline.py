"""check knows what render knows: the template's place for the outline, its snippets, their tags and
labels are checked before anything is rendered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from conceptgen.pipeline import check_project, render_project
from tests.conftest import ROOT, replace_in


def edited_konzept(project: Path, old: str, new: str) -> None:
    """A copy of the built-in konzept template as the project's template ``eigen``, with the first
    paragraph whose text contains ``old`` rewritten to ``new``."""
    folder = project / "templates" / "eigen"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "konzept" / "template.yaml", folder / "template.yaml")
    doc = Document(str(ROOT / "templates" / "konzept" / "template.docx"))
    paragraphs = [
        *doc.paragraphs,
        *(p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs),
    ]
    paragraph = next(p for p in paragraphs if old in p.text)
    text = paragraph.text.replace(old, new)
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text
    doc.save(str(folder / "template.docx"))
    replace_in(
        project / "project.yaml", "  - output: test.docx", "  - output: test.docx\n    template: eigen"
    )


def errors(project: Path) -> list:
    return [d for d in check_project(project).diagnostics if d.level.value == "error"]


def test_snippet_tag_with_missing_data(minimal):
    edited_konzept(minimal, "{{ c.offer_count }}", "{{ c.offers_count }}")
    [d] = errors(minimal)
    assert d.code == "CG402" and "Snippet [[block:offer_categories]]" in d.message
    assert "c.offers_count" in d.message and "offer_count" in d.hint


def test_snippet_syntax_error(minimal):
    edited_konzept(minimal, "{%p endfor %}", "{%p endfro %}")
    [d] = errors(minimal)
    assert d.code == "CG403" and "Snippet [[block:" in d.message


def test_missing_snippet(minimal):
    edited_konzept(minimal, "[[block:costs]]", "[[block:kosten]]")
    [d] = errors(minimal)
    assert d.code == "CG409" and "kein Snippet für den Baustein „costs“" in d.message


def test_template_without_place_for_the_outline(minimal):
    edited_konzept(minimal, "{{p body }}", "")
    replace_in(
        minimal / "project.yaml",
        "    template: eigen",
        "    template: eigen\n    outline: [{chapter: A, content: [{text: einleitung}]}]",
    )
    [d] = errors(minimal)
    assert d.code == "CG409" and "keinen Platz für eine Gliederung" in d.message


def test_reference_to_a_label_the_snippet_does_not_write(minimal, tmp_path):
    edited_konzept(minimal, "[[tab:kennzahlen]]", "")
    (minimal / "text" / "rahmen.md").write_text("Siehe @tab:kennzahlen.\n", encoding="utf-8")
    [d] = errors(minimal)
    assert d.code == "CG110" and "tab:kennzahlen" in d.message and d.location.file.endswith("rahmen.md")


def test_clean_check_renders(minimal, tmp_path):
    edited_konzept(minimal, "{{ block.members_title }}", "Wer mitarbeitet: {{ block.name }}")
    assert errors(minimal) == []
    assert render_project(minimal, tmp_path / "out", libreoffice=False).outputs


def test_reference_to_a_block_the_outline_does_not_place(minimal):
    """The library's snippets write labels only where the outline places them: a reference to the
    indicator table of an outline without one is found by check, not by render."""
    replace_in(
        minimal / "project.yaml",
        "  - output: test.docx",
        "  - output: test.docx\n    outline: [{chapter: A, content: [{text: rahmen}, {block: goal_system}]}]",
    )
    (minimal / "text" / "rahmen.md").write_text("Siehe @tab:kennzahlen.\n", encoding="utf-8")
    [d] = errors(minimal)
    assert d.code == "CG110" and "tab:kennzahlen" in d.message and d.location.line == 1


@pytest.mark.parametrize("name", ["neuss", "merklinde"])
def test_builtin_templates_read_only_data_that_exists(name):
    """check skips the built-in templates (they are part of the code); this test checks their tags
    against the example projects' data instead, snippet by snippet."""
    from conceptgen.document import build_context
    from conceptgen.document.blocks import block_contexts
    from conceptgen.rules.templates import check_template_tags

    result = check_project(ROOT / "projects" / name)
    concept = result.concept
    for spec, template, outline in zip(
        concept.project.documents, result.templates, result.outlines, strict=True
    ):
        assert template.builtin
        context = build_context(concept, result.source, spec, result.data, result.charts, result.language)
        context["options"] = dict(template.config.options)
        names = dict(outline.keyed())
        blocks = {
            names[key].block: value
            for key, value in block_contexts(outline, context, concept, result.language).items()
        }
        assert check_template_tags(template, context, blocks) == []
