"""Templates are untrusted: missing data, syntax errors and sandbox escapes are located errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from conceptgen.diagnostics import DiagnosticError
from conceptgen.pipeline import render_project
from tests.conftest import replace_in


def use_template(project: Path, *paragraphs: str, name: str = "eigen") -> Path:
    folder = project / "templates" / name
    folder.mkdir(parents=True)
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(folder / "template.docx")
    replace_in(
        project / "project.yaml", "  - output: test.docx", f"  - output: test.docx\n    template: {name}"
    )
    return folder


def render_error(project: Path, tmp_path: Path):
    out = tmp_path / "out"
    with pytest.raises(DiagnosticError) as exc:
        render_project(project, out, libreoffice=False)
    assert not out.exists() or not any(out.iterdir())
    return exc.value.diagnostics[-1]


def test_project_template_is_used(minimal, tmp_path):
    use_template(minimal, "{{ project.title }} für {{ project.client }}")
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    assert Document(str(path)).paragraphs[0].text == "Testkonzept für Stadt Beispiel"


def test_missing_attribute_names_template_and_tag(minimal, tmp_path):
    use_template(minimal, "Titel: {{ project.untertitel }}")
    d = render_error(minimal, tmp_path)
    assert d.code == "CG402"
    assert d.location.file.endswith("templates/eigen/template.docx")
    assert "{{ project.untertitel }}" in d.message and "„project.untertitel“" in d.message


def test_missing_top_level_name(minimal, tmp_path):
    use_template(minimal, "{{ massnahmen }}")
    d = render_error(minimal, tmp_path)
    assert d.code == "CG402" and "{{ massnahmen }}" in d.message


def test_syntax_error(minimal, tmp_path):
    use_template(minimal, "{% if project.title %}ohne Ende")
    d = render_error(minimal, tmp_path)
    assert d.code == "CG403"


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ project.title.__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ project.__class__ }}",
    ],
)
def test_sandbox_blocks_payloads(minimal, tmp_path, payload):
    use_template(minimal, payload)
    d = render_error(minimal, tmp_path)
    assert d.code in ("CG402", "CG405")


def test_markup_in_user_text_is_escaped(minimal, tmp_path):
    replace_in(minimal / "project.yaml", "title: Testkonzept", 'title: "<b>A & B</b> </w:t>"')
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    cover = [p.text for p in Document(str(path)).paragraphs]
    assert "<b>A & B</b> </w:t>" in cover


USER_PAYLOADS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{% endfor %}",
    "{# Kommentar #}",
    "Text mit }} am Ende",
]


@pytest.mark.parametrize("payload", USER_PAYLOADS)
def test_template_syntax_in_yaml_is_a_located_error(minimal, payload):
    from conceptgen.pipeline import check_project

    quoted = payload.replace("'", "''")
    replace_in(minimal / "measures.yaml", "    title: Maßnahme eins", f"    title: '{quoted}'")
    [d] = check_project(minimal).diagnostics
    assert d.code == "CG106" and d.location.line == 3 and d.key_path == "measures[0].title"


@pytest.mark.parametrize("payload", USER_PAYLOADS)
def test_template_syntax_in_markdown_is_a_located_error(minimal, payload):
    from conceptgen.pipeline import check_project

    (minimal / "text" / "rahmen.md").write_text(f"Erster Absatz.\n\nZweiter {payload}\n", encoding="utf-8")
    [d] = check_project(minimal).diagnostics
    first = re.search(r"\{\{|\{%|\{#|\}\}|%\}|#\}", payload).start()
    assert d.code == "CG106" and (d.location.line, d.location.column) == (3, len("Zweiter ") + first + 1)


def test_broken_template_file(minimal, tmp_path):
    folder = use_template(minimal, "x")
    (folder / "template.docx").write_bytes(b"not a zip")
    d = render_error(minimal, tmp_path)
    assert d.code == "CG403"


def test_template_yaml_requires_texts(minimal, tmp_path):
    folder = use_template(minimal, "{{ project.title }}")
    (folder / "template.yaml").write_text("name: eigen\nrequired_texts: [fazit]\n", encoding="utf-8")
    from conceptgen.pipeline import check_project

    [d] = check_project(minimal).diagnostics
    assert d.code == "CG404" and "text/fazit.md" in d.message


def test_document_with_chosen_chapters(minimal, tmp_path):
    replace_in(
        minimal / "project.yaml",
        "  - output: test.docx",
        "  - output: test.docx\n    chapters: [einleitung, massnahmen, umsetzung]",
    )
    [path] = render_project(minimal, tmp_path / "out", libreoffice=False).outputs
    doc = Document(str(path))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "Einleitung",
        "Maßnahmen",
        "Umsetzung, Finanzierung und Monitoring",
    ]
    toc = [p.text for p in doc.paragraphs if p.style.name == "toc 1"]
    assert [t.split("\t")[0] for t in toc] == [
        "1 Einleitung",
        "2 Maßnahmen",
        "3 Umsetzung, Finanzierung und Monitoring",
    ]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Tabelle\u00a01: Maßnahmen und Aufgaben nach Priorität")


def test_unknown_chapter_is_located(minimal, tmp_path):
    replace_in(
        minimal / "project.yaml",
        "  - output: test.docx",
        "  - output: test.docx\n    chapters: [einleitung, massnahmn]",
    )
    render_error(minimal, tmp_path)
    with pytest.raises(DiagnosticError) as exc:
        render_project(minimal, tmp_path / "out", libreoffice=False)
    [d] = [d for d in exc.value.diagnostics if d.code != "CG117"]
    assert d.code == "CG110" and d.location.file.endswith("project.yaml") and d.location.line == 9
    assert "sec:massnahmn" in d.message


@pytest.mark.parametrize(
    "tag",
    [
        "{{ 'x' * 10**10 }}",
        "{{ ('x' * 1000000) * 1000 }}",
        "{{ 'x' | center(10**10) }}",
        "{{ 'x' | indent(10**10) }}",
        "{{ 2 ** 100000000 }}",
        "{{ range(1000000) | list }}",
        "{{ lipsum(100000000) }}",
        "{{ ('ab' * 100000) | replace('', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') }}",
        '{% include "/etc/passwd" %}',
        "{% import 'x.html' as x %}",
    ],
)
def test_template_cannot_exhaust_memory_or_read_files(minimal, tmp_path, tag):
    use_template(minimal, tag)
    d = render_error(minimal, tmp_path)
    assert d.code in ("CG405", "CG402"), d.format()
    assert d.location.file.endswith("templates/eigen/template.docx")


def test_template_that_never_ends_is_stopped(minimal, tmp_path, monkeypatch):
    monkeypatch.setenv("CONCEPTGEN_TEMPLATE_TIMEOUT", "1.5")
    monkeypatch.setenv("CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM", "0")
    monkeypatch.setenv("CONCEPTGEN_WORKERS", "1")
    use_template(
        minimal,
        "{% set many = range(100000) | list %}{% for i in many %}{% for j in many %}{% endfor %}{% endfor %}",
    )
    d = render_error(minimal, tmp_path)
    assert d.code == "CG405" and "Limit von 1,5 s" in d.message


NEVER_ENDS = (
    "{% set many = range(100000) | list %}{% for i in many %}{% for j in many %}{% endfor %}{% endfor %}"
)


@pytest.mark.parametrize("workers", ["1", "2", "2 spawned"])
def test_batch_under_a_small_limit_keeps_the_finished_documents(minimal, tmp_path, monkeypatch, workers):
    """Three documents, one of which cannot finish within the (artificially small) limit: the two that
    finished are written, the third is reported by template, document and where it was; its file from
    an earlier render stays as it was, nothing half-written. Workers forked, or spawned (Windows, macOS)."""
    from conceptgen.render import parallel

    monkeypatch.setenv("CONCEPTGEN_TEMPLATE_TIMEOUT", "1")
    monkeypatch.setenv("CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM", "0")
    monkeypatch.setenv("CONCEPTGEN_WORKERS", workers.split()[0])
    if workers.endswith("spawned"):
        monkeypatch.setattr(parallel, "start_method", lambda: "spawn")
    use_template(minimal, NEVER_ENDS)
    replace_in(
        minimal / "project.yaml",
        "documents:\n",
        "documents:\n  - output: erster.docx\n  - output: Profile/zweiter.docx\n    title: Zweiter Teil\n",
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "test.docx").write_bytes(b"earlier render")
    with pytest.raises(DiagnosticError) as exc:
        render_project(minimal, out, libreoffice=False, force=True)
    [d] = [d for d in exc.value.diagnostics if d.level == "error"]
    assert d.code == "CG405", d.format()
    assert "Vorlage „eigen“" in d.message and "„test.docx“" in d.message
    assert "2 ineinander verschachtelten Schleifen" in d.message and "„i“, „j“" in d.message
    assert "1 s Grundwert" in d.message
    assert sorted(p.relative_to(out).as_posix() for p in exc.value.written) == [
        "Profile/zweiter.docx",
        "erster.docx",
    ]
    for name in ("erster.docx", "Profile/zweiter.docx"):
        assert Document(str(out / name)).paragraphs  # whole Word documents
    assert (out / "test.docx").read_bytes() == b"earlier render"
    leftovers = [p.name for p in out.rglob("*") if p.is_file() and not p.name.endswith((".docx", ".lock"))]
    assert leftovers == [] or all(name.startswith(".") for name in leftovers), leftovers


def test_limit_grows_with_the_work(monkeypatch):
    from conceptgen.render.sandbox import count_items, template_limit

    monkeypatch.delenv("CONCEPTGEN_TEMPLATE_TIMEOUT", raising=False)
    monkeypatch.delenv("CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM", raising=False)
    small, large = template_limit(100), template_limit(100_000)
    assert small.seconds < large.seconds and large.seconds >= small.seconds + 99_900 * large.per_item
    monkeypatch.setenv("CONCEPTGEN_TEMPLATE_TIMEOUT", "3")
    monkeypatch.setenv("CONCEPTGEN_TEMPLATE_TIMEOUT_PER_ITEM", "0.5")
    assert template_limit(4).seconds == 5.0
    shared = [1, 2, 3]
    assert count_items({"a": shared, "b": shared, "c": {"d": [[1], [2]]}}) == 3 + 3 + 1 + 2 + 1 + 1


def test_timeout_of_a_built_in_template_blames_size_or_load_not_loops(minimal):
    from types import SimpleNamespace

    from conceptgen.diagnostics import Location
    from conceptgen.render.docx import RenderEnvironment, _timeout
    from conceptgen.render.sandbox import TemplateLimit, Watch
    from conceptgen.workspace import find_template

    template = find_template("konzept", minimal, Location("project.yaml"))
    assert template.builtin
    run = SimpleNamespace(template=template, display="templates/konzept/template.docx")
    env = RenderEnvironment(output="Profile/Profil-0001.docx")
    watch = Watch(where="in docxtpl (patch_xml)", clock="cpu")
    d = _timeout(run, env, TemplateLimit(120, 0.05, 2000), watch)
    assert d.code == "CG405"
    assert "Vorlage „konzept“ (mitgeliefert)" in d.message and "„Profile/Profil-0001.docx“" in d.message
    assert "220 s (120 s Grundwert + 0,05 s je Teil × 2.000 Teile)" in d.message
    assert "in docxtpl (patch_xml)" in d.message
    assert "Schleifen in Schleifen" not in d.hint and "CONCEPTGEN_TEMPLATE_TIMEOUT" in d.hint
