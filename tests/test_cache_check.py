"""``conceptgen check`` remembered (conceptgen/checked.py): a check of unchanged inputs comes from the
cache, and an edit to any one file of projects/neuss changes the diagnostics exactly as a check without
the cache does — never a stale answer."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conceptgen import checked
from conceptgen.pipeline import check_project
from tests.conftest import NEUSS

FILES = sorted(str(p.relative_to(NEUSS)) for p in NEUSS.rglob("*") if p.is_file() and "build" not in p.parts)
NOT_READ = {"design/Berichtsvorlage-Kreis-Musterland.docx"}  # the client's design, for `template new`
# one file of each kind in the fast lane; every file in the slow one
FAST = {
    "project.yaml",
    "data/bevoelkerung.csv",
    "data/beratung.xlsx",
    "text/einleitung.md",
    "templates/kreisdesign-analyse/template.docx",
    "templates/kreisdesign/template.yaml",
    "bilder/prozess.png",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Iterator[Path]:
    """A copy of projects/neuss with the cache switched on (its key in a folder of the test) and primed."""
    from conceptgen import cache

    base = tmp_path_factory.mktemp("remembered")
    root = base / "neuss"
    shutil.copytree(NEUSS, root, ignore=shutil.ignore_patterns("build"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONCEPTGEN_CACHE", "1")
        patch.setenv("CONCEPTGEN_USER_DIR", str(base / "user"))
        patch.delenv("CONCEPTGEN_CACHE_DIR", raising=False)
        cache._secret.cache_clear()
        first = checked.check(root)
        assert not first.remembered
        yield root
    cache._secret.cache_clear()


def uncached(root: Path) -> checked.Checked:
    """What check finds without any cache."""
    from conceptgen.diagnostics import Level

    result = check_project(root)
    findings = [checked.Finding(d.level is Level.ERROR, d.format()) for d in result.diagnostics]
    return checked.Checked(findings, result.concept is not None)


def edit(path: Path) -> None:
    """An edit that check notices in each kind of file (one that is read at all)."""
    data = path.read_bytes()
    if path.suffix in (".yaml", ".yml"):
        path.write_bytes(data + b"\nzz_unbekannt: 1\n")  # CG101, CG403 in a template.yaml
    elif path.suffix == ".md":
        path.write_bytes(data + b"\n\nDas ist ist doppelt.\n")  # CG320
    elif path.suffix == ".csv":
        path.write_bytes(data + b"x;y;z\n")  # CG603
    elif path.suffix == ".png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8 + data[16:])  # a header without its IHDR: CG106
    else:
        path.write_bytes(data[: len(data) // 2])  # a broken zip: CG603, CG403


def test_unchanged_inputs_are_remembered(project):
    again = checked.check(project)
    assert again.remembered
    assert (again.findings, again.valid) == (uncached(project).findings, uncached(project).valid)


def test_what_does_not_count_keeps_the_entry(project):
    """A file touched without a change, and what a render writes into build/ over an earlier output,
    leave the answer remembered."""
    (project / "build").mkdir(exist_ok=True)
    (project / "build" / "Konzept.docx").write_bytes(b"rendered")
    checked.check(project)
    os.utime(project / "project.yaml")
    (project / "build" / "Konzept.docx").write_bytes(b"rendered again")
    assert checked.check(project).remembered
    (project / "build" / "Konzept.docx").unlink()


def _check_edit(project: Path, name: str) -> None:
    before = checked.check(project)
    path = project / name
    original = path.read_bytes()
    kept = _entries(project)
    try:
        edit(path)
        expected = uncached(project)
        got = checked.check(project)
        again = checked.check(project)
    finally:
        path.write_bytes(original)
    assert not got.remembered
    assert (got.findings, got.valid) == (expected.findings, expected.valid)
    assert (again.findings, again.valid) == (expected.findings, expected.valid)
    assert again.remembered == got.passed  # kept only when it passed; a failed check runs whole again
    assert (_entries(project) == kept) != got.passed
    if name in NOT_READ:
        assert got.findings == before.findings
    else:  # the edit is one check sees: a stale answer would be the one before
        assert got.findings != before.findings
    back = checked.check(project)  # restored: the earlier entry again
    assert back.remembered
    assert back.findings == before.findings


@pytest.mark.parametrize("name", sorted(FAST))
def test_an_edit_changes_the_answer_as_without_cache(project, name):
    _check_edit(project, name)


@pytest.mark.slow
@pytest.mark.parametrize("name", [f for f in FILES if f not in FAST])
def test_an_edit_to_any_file_changes_the_answer_as_without_cache(project, name):
    _check_edit(project, name)


@pytest.mark.parametrize("change", ["new text", "removed text", "new template"])
def test_a_new_or_removed_file_is_seen(project, change):
    text = project / "text" / "einleitung.md"
    original = text.read_bytes()
    template = project / "templates" / "neu"
    try:
        if change == "new text":
            (project / "text" / "neu.md").write_text("# Neu\n\nNiemand nennt ihn.\n", encoding="utf-8")
        elif change == "removed text":
            text.unlink()
        else:
            shutil.copytree(project / "templates" / "kreisdesign", template)
            (template / "template.yaml").write_bytes(b"zz_unbekannt: 1\n")
        expected = uncached(project)
        got = checked.check(project)
    finally:
        (project / "text" / "neu.md").unlink(missing_ok=True)
        text.write_bytes(original)
        shutil.rmtree(template, ignore_errors=True)
    assert not got.remembered
    assert (got.findings, got.valid) == (expected.findings, expected.valid)


def test_a_link_in_the_project_is_not_remembered(project, tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_text("# Anderswo\n", encoding="utf-8")
    link = project / "text" / "verweis.md"
    link.symlink_to(target)
    try:
        assert checked.inputs_fingerprint(project) is None
        assert not checked.check(project).remembered
        assert not checked.check(project).remembered
    finally:
        link.unlink()


def test_a_change_to_conceptgen_changes_the_fingerprint(project, tmp_path, monkeypatch):
    """A development checkout keeps its version number: the code's files count themselves."""
    from conceptgen import cache

    code = tmp_path / "code"
    shutil.copytree(Path(checked.__file__).parent / "rules", code)
    monkeypatch.setattr(cache, "PACKAGE", code)
    before = checked.inputs_fingerprint(project)
    assert checked.inputs_fingerprint(project) == before
    rules = code / "documents.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert checked.inputs_fingerprint(project) != before


def test_the_working_directory_counts(project, monkeypatch):
    """Messages name files relative to the working directory: another one is another answer."""
    before = checked.inputs_fingerprint(project)
    monkeypatch.chdir(project)
    assert checked.inputs_fingerprint(project.resolve()) != before


def test_the_workspace_templates_are_those_the_check_searches(project):
    from conceptgen.workspace import BUILTIN_TEMPLATES, template_roots

    assert checked.BUILTIN_TEMPLATES == BUILTIN_TEMPLATES
    for root in (NEUSS, project):
        found = checked.workspace_templates(root.resolve())
        fingerprinted = {(root / "templates").resolve(), BUILTIN_TEMPLATES.resolve()}
        fingerprinted |= {found} if found else set()
        assert {r.resolve() for r in template_roots(root)} == fingerprinted


def test_the_version_in_cache_keys_is_the_package_version():
    """cache.py keys by ``conceptgen.__version__`` (no importlib.metadata): it is the version pyproject.toml
    installs."""
    import tomllib

    from conceptgen import __version__

    project = tomllib.loads((NEUSS.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == __version__


def test_a_template_design_is_remembered_by_its_content(tmp_path, monkeypatch):
    """The design checks of a project's own template (CG410–CG419) come from the cache while
    template.docx and its table style are unchanged — the same diagnostics, without reading it — and are
    made again when either changes."""
    from conceptgen import cache, template_design
    from tests.test_template_safety import FIELD, edited

    monkeypatch.setenv("CONCEPTGEN_USER_DIR", str(tmp_path / "user"))
    monkeypatch.delenv("CONCEPTGEN_CACHE_DIR", raising=False)
    cache._secret.cache_clear()
    root = tmp_path / "neuss"
    shutil.copytree(NEUSS, root, ignore=shutil.ignore_patterns("build"))
    folder = root / "templates" / "kreisdesign"  # no document uses it: checked all the same
    path = folder / "template.docx"
    field = FIELD.format(code="DDE x")
    edited(path, path, {"word/header1.xml": lambda t: t.replace("</w:hdr>", field + "</w:hdr>")})
    config = folder / "template.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "styles:\n  table: Tabelle A\n", encoding="utf-8")

    def lines() -> list[str]:
        return [d.format() for d in check_project(root).diagnostics]

    def made(table: str) -> list[str]:
        monkeypatch.setenv("CONCEPTGEN_CACHE", "0")
        expected = lines()
        assert {"CG410", "CG416"} <= {line.split(" ")[1] for line in expected}, expected
        assert any(table in line for line in expected)
        monkeypatch.setenv("CONCEPTGEN_CACHE", "1")
        assert lines() == expected  # made and kept
        return expected

    expected = made("Tabelle A")
    reads: list[str] = []
    for name in ("template_findings", "package_findings"):
        real = getattr(template_design, name)
        monkeypatch.setattr(
            template_design,
            name,
            lambda *a, _real=real, _name=name, **k: [reads.append(_name), _real(*a, **k)][1],
        )
    assert lines() == expected and reads == []  # from the cache, without reading the template
    config.write_text(config.read_text(encoding="utf-8").replace("Tabelle A", "Tabelle B"), encoding="utf-8")
    again = lines()
    assert reads == ["package_findings", "template_findings"]  # another table style: read again
    assert again != expected and any("Tabelle B" in line for line in again)
    reads.clear()
    edited(path, path, {"word/header1.xml": lambda t: t.replace(field, "")})  # the field taken out
    now = lines()
    assert reads == ["package_findings", "template_findings"]  # another template.docx: read again
    assert now != again and not any("CG416" in line for line in now)
    cache._secret.cache_clear()


def test_a_workbook_is_read_once_for_its_content(tmp_path, monkeypatch):
    """A data workbook's cells are kept by its content (data/tabular.py, KeptSheet): read again from the
    cache they are the same values of the same types — text, whole and decimal numbers, truth values,
    dates with and without a time, times, durations, error cells — without opening the workbook; another
    workbook, sheet or header row is read anew."""
    import datetime as dt

    from openpyxl import Workbook

    from conceptgen import cache
    from conceptgen.cache import Cache
    from conceptgen.data import tabular

    monkeypatch.setenv("CONCEPTGEN_CACHE", "1")
    monkeypatch.setenv("CONCEPTGEN_USER_DIR", str(tmp_path / "user"))
    monkeypatch.delenv("CONCEPTGEN_CACHE_DIR", raising=False)
    cache._secret.cache_clear()
    book = Workbook()
    sheet = book.active
    sheet.title = "Daten"
    cells = [
        "Text",
        "1",
        1,
        1.0,
        2.5,
        True,
        dt.datetime(2024, 5, 2, 13, 30),
        dt.datetime(2024, 5, 2),
        dt.time(8, 15),
        dt.timedelta(hours=30),
        "#DIV/0!",
        None,
        "ä €",
    ]
    sheet.append([f"Spalte {i}" for i in range(len(cells))])
    sheet.append(cells)
    sheet.append(["zweite Zeile"])
    book.create_sheet("Andere").append(["x"])
    path = tmp_path / "daten.xlsx"
    book.save(path)
    kept = Cache.of_project(tmp_path)
    read = tabular.read_table(path, "daten.xlsx", sheet="Daten", cache=kept)
    opened: list[Path] = []
    real = tabular.open_workbook
    monkeypatch.setattr(tabular, "open_workbook", lambda *a: [opened.append(a[0]), real(*a)][1])
    again = tabular.read_table(path, "daten.xlsx", sheet="Daten", cache=kept)
    assert opened == []
    assert again == read
    assert [[(type(v), v) for v in row] for row in again.rows] == [
        [(type(v), v) for v in row] for row in read.rows
    ]
    assert {type(v) for v in read.rows[0]} >= {str, int, float, bool, dt.datetime, dt.time, dt.timedelta}
    tabular.read_table(path, "daten.xlsx", sheet="Andere", cache=kept)
    tabular.read_table(path, "daten.xlsx", sheet="Daten", header_row=2, cache=kept)
    assert len(opened) == 2  # another sheet, another header row: read
    sheet.append(["dritte Zeile"])
    book.save(path)
    changed = tabular.read_table(path, "daten.xlsx", sheet="Daten", cache=kept)
    assert len(opened) == 3 and len(changed.rows) == len(read.rows) + 1
    cache._secret.cache_clear()


def test_a_file_in_build_that_a_hint_names_counts(project):
    """The check reads nothing from build/, but a missing data file's hint names the nearest file of the
    project, build/ included (an exported workbook): the names in build/ count, .cache's do not."""
    data = project / "data" / "beratung.xlsx"
    original = data.read_bytes()
    export = project / "build" / "data" / "beratung.xlsx"
    try:
        data.unlink()
        without = checked.check(project)
        assert (without.findings, without.valid) == (uncached(project).findings, uncached(project).valid)
        export.parent.mkdir(parents=True, exist_ok=True)
        export.write_bytes(original)
        expected = uncached(project)
        got = checked.check(project)
        assert not got.remembered
        assert (got.findings, got.valid) == (expected.findings, expected.valid)
        assert got.findings != without.findings  # the hint names build/data/beratung.xlsx now
        data.write_bytes(original)
        checked.check(project)  # passed: kept
        (project / "build" / ".cache" / "anything.xlsx").write_bytes(b"")
        assert checked.check(project).remembered
    finally:
        data.write_bytes(original)
        shutil.rmtree(project / "build" / "data", ignore_errors=True)
        (project / "build" / ".cache" / "anything.xlsx").unlink(missing_ok=True)


def _entries(root: Path) -> set[str]:
    folder = root / "build" / ".cache"
    return {p.name for p in folder.iterdir() if p.name.startswith("check-")} if folder.is_dir() else set()


def test_a_folder_without_project_yaml_is_neither_read_nor_written(project, tmp_path, monkeypatch):
    """``check`` of a wrong folder (CG001: no project.yaml) reads none of its files for a fingerprint and
    leaves no build/ folder behind (``conceptgen check ~`` would have hashed the home folder)."""
    folder = tmp_path / "kein-projekt"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "notiz.md").write_text("# Notiz\n", encoding="utf-8")
    read: list[Path] = []
    real = checked.inputs_fingerprint
    monkeypatch.setattr(checked, "inputs_fingerprint", lambda root: [read.append(root), real(root)][1])
    for _ in range(2):
        got = checked.check(folder)
        assert not got.remembered and not got.valid
        assert [f.text.split(" ")[1] for f in got.findings] == ["CG001"]
    assert read == []
    assert sorted(p.name for p in folder.iterdir()) == ["text"]


@pytest.mark.parametrize(
    "name, content",
    [
        ("project.yaml", b"title: [\n"),  # a YAML syntax error: no model (CG003)
        ("measures.yaml", None),  # a field of action that is not there: an error with a model
    ],
)
def test_a_check_that_fails_is_not_kept(project, name, content):
    """A check that found an error (a render of the project stops there) writes no entry: checked again
    it runs whole and gives the same findings as without the cache."""
    path = project / name
    original = path.read_bytes()
    kept = _entries(project)
    try:
        if content is None:
            text = original.decode("utf-8")
            assert "field_of_action: HF1" in text
            content = text.replace("field_of_action: HF1", "field_of_action: HF9", 1).encode("utf-8")
        path.write_bytes(content)
        expected = uncached(project)
        assert any(f.error for f in expected.findings)
        for _ in range(2):
            got = checked.check(project)
            assert not got.remembered
            assert (got.findings, got.valid) == (expected.findings, expected.valid)
        assert _entries(project) == kept
    finally:
        path.write_bytes(original)


def test_an_entry_with_an_error_is_not_trusted(project):
    """An entry that says the project has an error (kept by an earlier conceptgen, sealed by this user's
    key) is not used: the check runs."""
    from conceptgen.cache import Cache

    key = Cache.key("check", checked.inputs_fingerprint(project))
    cache = Cache.of_project(project)
    good = cache.get(key)
    assert good is not None
    try:
        failed = checked.Checked([checked.Finding(True, "x.yaml:1:1: CG101 Fehler: alt")], True)
        cache.put(key, checked._encode(failed))
        got = checked.check(project)
        assert not got.remembered
        assert got.findings == uncached(project).findings
    finally:
        cache.put(key, good)
    assert checked.check(project).remembered


def test_a_file_saved_while_the_check_runs_is_not_remembered_by_its_old_content(project, monkeypatch):
    """The fingerprint is taken before the check reads the files: a text saved meanwhile would have put
    the new text's findings under the old text's key — a stale answer once the old text is back."""
    text = project / "text" / "einleitung.md"
    original = text.read_bytes()
    before = checked.check(project)
    assert before.remembered
    real = checked._check

    def saved_meanwhile(root: Path) -> checked.Checked:
        text.write_bytes(original + b"\n\nDas ist ist doppelt.\n")  # CG320, a warning
        return real(root)

    kept = _entries(project)
    try:
        monkeypatch.setattr(checked, "_check", saved_meanwhile)
        text.write_bytes(original + b"\n\nEin neuer Satz.\n")
        checked.check(project)
        monkeypatch.setattr(checked, "_check", real)
        assert _entries(project) == kept  # not under the key of „Ein neuer Satz.“
        text.write_bytes(original + b"\n\nEin neuer Satz.\n")
        got = checked.check(project)
        assert not got.remembered
        assert got.findings == uncached(project).findings
        assert not any("CG320" in f.text for f in got.findings)
    finally:
        text.write_bytes(original)


def _every_template() -> list[tuple[Path, str]]:
    """(project folder, template name) for every template.docx of the repository: built-in and own."""
    repository = NEUSS.parent.parent
    found = [(NEUSS, folder.name) for folder in sorted((repository / "templates").iterdir())]
    for project in sorted((repository / "projects").iterdir()):
        own = project / "templates"
        found += [(project, f.name) for f in sorted(own.iterdir())] if own.is_dir() else []
    return [(root, name) for root, name in found if (root.parent.parent / "templates" / name).is_dir()
            or (root / "templates" / name / "template.docx").is_file()]  # fmt: skip


def test_a_template_layout_is_remembered_by_its_content(tmp_path, monkeypatch):
    """Template.layout_from: every template of the repository gives the same layout (body, chapters,
    snippets, label patterns) read, kept and taken from the cache — the last without reading
    template.docx's parts; another template.docx is read anew."""
    from conceptgen import cache, workspace
    from conceptgen.cache import Cache, code_fingerprint
    from conceptgen.diagnostics import Location
    from conceptgen.ooxml import package

    monkeypatch.setenv("CONCEPTGEN_CACHE", "1")
    monkeypatch.setenv("CONCEPTGEN_USER_DIR", str(tmp_path / "user"))
    monkeypatch.delenv("CONCEPTGEN_CACHE_DIR", raising=False)
    cache._secret.cache_clear()
    kept, code = Cache(tmp_path / "cache"), code_fingerprint()
    templates = _every_template()
    assert len(templates) >= 7
    read = {}
    for root, name in templates:
        template = workspace.find_template(name, root, Location("x"))
        read[root, name] = template.layout
        fresh = workspace.find_template(name, root, Location("x"))
        assert fresh.layout_from(kept, code) == read[root, name]  # read and kept
    assert any(layout.snippet_labels for layout in read.values())
    reads: list[str] = []
    for function in ("story_texts", "heading_paragraphs"):
        real = getattr(package, function)
        monkeypatch.setattr(package, function, lambda *a, _r=real, _f=function: [reads.append(_f), _r(*a)][1])
    for root, name in templates:
        again = workspace.find_template(name, root, Location("x")).layout_from(kept, code)
        assert again == read[root, name]
        assert again.encode() == read[root, name].encode()
    assert reads == []  # from the cache
    copy = tmp_path / "eigene" / "templates" / "konzept"
    shutil.copytree(NEUSS.parent.parent / "templates" / "konzept", copy)
    from tests.test_template_safety import edited

    docx = copy / "template.docx"
    edited(docx, docx, {"word/document.xml": lambda t: t.replace("{{p body }}", "", 1)})  # the older form

    def changed():  # type: ignore[no-untyped-def]
        return workspace.find_template("konzept", copy.parent.parent, Location("x")).layout_from(kept, code)

    first = changed()
    assert reads == ["story_texts", "heading_paragraphs"]  # another template.docx: read
    assert not first.has_body and first != read[NEUSS, "konzept"]
    assert changed() == first and len(reads) == 2  # and kept
    cache._secret.cache_clear()
