"""conceptgen new, types, blocks and terms: every concept type scaffolds a project that checks clean and
renders at once; the listings show what an outline can hold."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from docx import Document

from conceptgen.blocks import registry
from conceptgen.model.concept_types import concept_types
from conceptgen.pipeline import check_project, render_project
from conceptgen.scaffold import blocks_of, new_project
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
    # every chapter of the type's outline has content in the scaffold (its title with the type's words)
    titles = [n.title for n in checked.outlines[0].nodes if n.kind == "heading" and n.level == 1]
    assert chapters == titles and len(titles) == len(spec.outline)
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


# a scaffold made on the first and the last day of years before, at and after the files were written
ORIGINS = [dt.date(2018, 1, 1), dt.date(2026, 12, 31), dt.date(2041, 6, 15)]
YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.])")
DAY = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")


def _dates_agree(folder, origin: dt.date) -> None:
    """Every year a scaffold's files name (text and file names) lies around its date — the past from
    five years before (data, sources, indicators' baselines), the future up to the measure's end three
    years on — every day it names is not after its date, and its measure (if any) begins in its date's
    year."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".yaml", ".csv", ".md"}):
        text = path.read_text(encoding="utf-8-sig")
        years = [int(y) for y in YEAR.findall(text + " " + path.name)]
        assert all(origin.year - 5 <= y <= origin.year + 3 for y in years), (path.name, years, origin)
        days = [dt.date(*map(int, day)) for day in DAY.findall(text)]
        assert all(day <= origin for day in days), (path.name, max(days), origin)
    checked = check_project(folder)
    assert checked.diagnostics == [], [d.format() for d in checked.diagnostics]
    assert checked.concept.project.date == origin
    assert {m.period.start[:4] for m in checked.concept.measures if m.period} <= {str(origin.year)}


@pytest.mark.parametrize("slug", SLUGS)
def test_the_scaffolds_dates_agree_in_any_year(slug, tmp_path):
    """One origin: the day the scaffold is made. Checked in any year, it names no source newer than
    itself (CG344), no task past its measure (CG309), no year far from its own."""
    for origin in ORIGINS:
        folder = tmp_path / str(origin)
        new_project(folder, slug, today=origin)
        _dates_agree(folder, origin)


def test_the_scaffold_reads_the_clock_once(tmp_path, monkeypatch):
    """A clock that turns to the new year while the scaffold is made: its date and its measure's period
    still come from the same day."""
    import conceptgen.scaffold as scaffold

    days = iter([dt.date(2026, 12, 31)] + [dt.date(2027, 1, 1)] * 20)

    class Clock(dt.date):
        @classmethod
        def today(cls):
            return next(days)

    monkeypatch.setattr(scaffold, "dt", type("dt", (), {"date": Clock}))
    new_project(tmp_path / "p", "wohnungsnotfallkonzept")
    _dates_agree(tmp_path / "p", dt.date(2026, 12, 31))


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


def test_new_unknown_type_lists_every_registered_one(tmp_path, cli):
    result = cli("new", tmp_path / "p", "--type", "pflegeplanung")
    assert result.exit_code == 1 and "CG104" in result.output
    assert all(slug in result.output for slug in SLUGS)
    assert not (tmp_path / "p").exists()


PFLEGE = """\
type: Pflegeplanung
description: Kommunale Pflegeplanung mit Bestand, Zielen und Maßnahmen
vocabulary:
  terms: {region: Kreis, area_unit: Kommune, area_units: Kommunen}
texts: [einleitung, bestand, ziele, massnahmen]
outline:
  - chapter: Einleitung
    label: einleitung
    optional: false
    content: [{text: einleitung}]
  - chapter: Angebote der Pflege
    label: bestand
    content: [{text: bestand}, {block: offers_by_area}]
  - chapter: Ziele
    label: ziele
    content: [{text: ziele}, {block: goal_system}]
  - chapter: Maßnahmen
    label: massnahmen
    content: [{text: massnahmen}, {block: measure_overview}, {block: measure_sheets}, {block: contact_list}]
"""


@pytest.fixture
def types_dir(tmp_path, monkeypatch):
    """The registered concept types in a folder of the test's own, to register one more."""
    from conceptgen.model import concept_types as module

    folder = tmp_path / "types"
    shutil.copytree(module.TYPES_DIR, folder)
    monkeypatch.setattr(module, "TYPES_DIR", folder)
    module.concept_types.cache_clear()
    yield folder
    module.concept_types.cache_clear()


def test_a_type_registered_by_its_file_works_end_to_end(types_dir, tmp_path, cli):
    """A new concept type is one file: new writes its project, check accepts its name, render draws its
    outline (no enum to extend; issue 26: `new --type pflegeplanung` used to write files that failed)."""
    (types_dir / "pflegeplanung.yaml").write_text(PFLEGE, encoding="utf-8")
    folder = tmp_path / "pflege"
    assert cli("new", folder, "--type", "pflegeplanung").exit_code == 0
    assert "concept_type: Pflegeplanung" in (folder / "project.yaml").read_text(encoding="utf-8")
    checked = check_project(folder)
    assert checked.ok and checked.diagnostics == [], [d.format() for d in checked.diagnostics]
    path = render_project(folder, tmp_path / "out", libreoffice=False).outputs[0]
    chapters = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert chapters == ["Einleitung", "Angebote der Pflege", "Ziele", "Maßnahmen"]
    assert "Pflegeplanung" in cli("types").output
    schema = json.loads(cli("schema", "project.yaml").output)
    assert "Pflegeplanung" in schema["properties"]["concept_type"]["enum"]


def test_a_type_the_scaffold_cannot_write_is_refused_up_front(types_dir, tmp_path, cli):
    """A registered type whose outline needs a file of its own that the scaffold lacks (a convention's
    konvention_<type>.yaml) is refused before anything is written."""
    text = PFLEGE.replace("{block: contact_list}", "{block: article_register}")
    (types_dir / "pflegeplanung.yaml").write_text(text, encoding="utf-8")
    result = cli("new", tmp_path / "pflege", "--type", "pflegeplanung")
    assert (
        result.exit_code == 1
        and "CG143" in result.output
        and "konvention_pflegeplanung.yaml" in result.output
    )
    assert not (tmp_path / "pflege").exists()


def test_an_unregistered_concept_type_in_project_yaml_is_located(minimal):
    replace_in(
        minimal / "project.yaml", "concept_type: Wohnungsnotfallkonzept", "concept_type: Pflegeplanung"
    )
    result = check_project(minimal)
    (problem,) = [d for d in result.diagnostics if d.code == "CG104"]
    assert problem.location.line == 6 and "Wohnungsnotfallkonzept" in problem.hint


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
    assert found["CG104"].hint == "meinten Sie „region“?" and found["CG104"].location.line == 9
    assert "{stufe}" in found["CG103"].message and "{n}" in found["CG103"].hint
