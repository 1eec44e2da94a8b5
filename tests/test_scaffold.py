"""conceptgen new, types, blocks and terms: every concept type scaffolds a project that checks clean and
renders at once; the listings show what an outline can hold."""

from __future__ import annotations

import pytest
from docx import Document

from conceptgen.blocks import registry
from conceptgen.outline.types import concept_types
from conceptgen.pipeline import check_project, render_project
from conceptgen.scaffold import blocks_of
from tests.conftest import replace_in

SLUGS = sorted(t.slug for t in concept_types().values())


def test_every_type_is_offered():
    assert len(SLUGS) == 6 and "sozialraumanalyse" in SLUGS and "befragung" in SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_new_project_checks_clean_and_renders(slug, tmp_path, cli):
    folder = tmp_path / slug
    result = cli("new", folder, "--type", slug)
    assert result.exit_code == 0, result.output
    checked = check_project(folder)
    assert checked.ok and checked.diagnostics == [], [d.format() for d in checked.diagnostics]
    outputs = render_project(folder, tmp_path / "out", libreoffice=False).outputs
    path = next(p for p in outputs if p.parent == tmp_path / "out")  # the concept (profiles go in a folder)
    doc = Document(str(path))
    chapters = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    spec = next(t for t in concept_types().values() if t.slug == slug)
    # every chapter of the type's outline has content in the scaffold
    assert chapters == [item.chapter for item in spec.outline]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "{{" not in text and "[[" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_new_project_shows_every_block_of_its_outline(slug, tmp_path):
    """The examples fill each block the outline places (none falls away as empty)."""
    from conceptgen.scaffold import new_project

    new_project(tmp_path / "p", slug)
    result = check_project(tmp_path / "p")
    outline = result.outlines[0]
    shown = {node.block for node in outline.nodes if node.kind == "block"}
    spec = next(t for t in concept_types().values() if t.slug == slug)
    assert shown == blocks_of(spec)


def test_new_refuses_a_folder_with_files(tmp_path, cli):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "notizen.txt").write_text("x", encoding="utf-8")
    result = cli("new", tmp_path / "p")
    assert result.exit_code == 1 and "CG501" in result.output
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["notizen.txt"]


def test_new_unknown_type_suggests(tmp_path, cli):
    result = cli("new", tmp_path / "p", "--type", "sozialraumanalys")
    assert result.exit_code == 1 and "CG104" in result.output and "sozialraumanalyse" in result.output
    assert not (tmp_path / "p").exists()


def test_types_and_blocks_listings(cli):
    types = cli("types").output
    assert "sozialraumanalyse: Sozialraumanalyse" in types and "· block measure_sheets" in types
    blocks = cli("blocks").output
    assert all(f"{name}:" in blocks for name in registry())
    assert "measures (nur diese Schlüsselmaßnahmen" in blocks
    terms = cli("terms").output
    assert "area_unit: Kommune" in terms


def test_unknown_term_and_wrong_placeholder(minimal):
    replace_in(
        minimal / "project.yaml",
        "concept_type: Wohnungsnotfallkonzept\n",
        "concept_type: Wohnungsnotfallkonzept\nvocabulary:\n  terms:\n    regoin: Stadt\n"
        "    priority: Stufe {stufe}\n",
    )
    found = {d.code: d for d in check_project(minimal).diagnostics}
    assert found["CG104"].hint == "did you mean 'region'?" and found["CG104"].location.line == 9
    assert "{stufe}" in found["CG103"].message and "{n}" in found["CG103"].hint
