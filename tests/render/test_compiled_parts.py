"""BoundedSandbox keeps compiled template parts by source: a part met again is not compiled again, yet
each render runs in its own sandbox — with that sandbox's filters and limits. A long part's code and
docxtpl's cleaned XML are kept in the project's cache for the next process (render/compiled.py)."""

from __future__ import annotations

import pytest
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError

from conceptgen.cache import Cache
from conceptgen.render import compiled, sandbox
from conceptgen.render.sandbox import BoundedSandbox
from conceptgen.render.template_engine import Template


def _sandbox(word: str) -> BoundedSandbox:
    env = BoundedSandbox()
    env.filters["term"] = sandbox.runtime_filter(lambda key: f"{word}:{key}")
    return env


def test_a_filter_jinja_may_call_while_compiling_is_part_of_the_key():
    first, second = BoundedSandbox(), BoundedSandbox()
    first.filters["term"] = lambda key: f"eins:{key}"
    second.filters["term"] = lambda key: f"zwei:{key}"
    source = "{{ 'x' | term }} unique-4be0"  # Jinja writes the constant while compiling
    assert first.from_string(source).render() == "eins:x unique-4be0"
    assert second.from_string(source).render() == "zwei:x unique-4be0"


def test_a_part_compiled_once_runs_with_each_sandboxs_filters(monkeypatch):
    source = "{{ 'x' | term }} {{ n * 2 }} unique-7f3a"
    compiled: list[str] = []
    parent = sandbox.SandboxedEnvironment.compile
    monkeypatch.setattr(
        sandbox.SandboxedEnvironment,
        "compile",
        lambda self, src, *a, **k: compiled.append(src) or parent(self, src, *a, **k),
    )
    german, english = _sandbox("de"), _sandbox("en")
    assert german.from_string(source).render(n=2) == "de:x 4 unique-7f3a"
    assert english.from_string(source).render(n=3) == "en:x 6 unique-7f3a"
    assert compiled == [source]  # the second sandbox took the first one's code
    with pytest.raises(SecurityError):  # and the size limit still holds in it
        english.from_string("{{ 'x' * n }} unique-7f3a").render(n=10**9)


def test_other_settings_compile_anew(monkeypatch):
    plain, escaping = BoundedSandbox(), BoundedSandbox()
    plain.autoescape = False
    source = "{{ v }} unique-91c2"
    assert escaping.from_string(source).render(v="<b>") == "&lt;b&gt; unique-91c2"
    assert plain.from_string(source).render(v="<b>") == "<b> unique-91c2"


# a part as long as a template's body: kept across processes (render/compiled.py); shorter ones are not
LONG = "{{ 'x' | term }} {{ n * 2 }} " + "Absatz. " * 200 + "unique-@"


def _new_process(monkeypatch) -> list[str]:
    """As in a new process: nothing compiled in this one; the sources Jinja parses from now on."""
    monkeypatch.setattr(sandbox, "_COMPILED", {})
    parsed: list[str] = []
    parent = sandbox.SandboxedEnvironment._parse
    monkeypatch.setattr(
        sandbox.SandboxedEnvironment,
        "_parse",
        lambda self, src, *a, **k: parsed.append(src) or parent(self, src, *a, **k),
    )
    return parsed


def _kept(tmp_path, word: str) -> BoundedSandbox:
    env = BoundedSandbox(store=Cache(tmp_path / "cache"))
    env.filters["term"] = sandbox.runtime_filter(lambda key: f"{word}:{key}")
    return env


def test_the_next_process_reads_a_parts_code_from_the_project_cache(tmp_path, monkeypatch):
    source = LONG.replace("@", "c41d")
    parsed = _new_process(monkeypatch)
    assert _kept(tmp_path, "de").from_string(source).render(n=2).startswith("de:x 4 Absatz.")
    assert parsed == [source]
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["jinja"]
    parsed = _new_process(monkeypatch)
    english = _kept(tmp_path, "en")
    assert english.from_string(source).render(n=3).startswith("en:x 6 Absatz.")  # its own filters
    assert parsed == []  # read, not parsed
    with pytest.raises(SecurityError):  # the sandbox's limits hold for kept code too
        english.from_string("{{ 'x' * n }} " + source).render(n=10**9)


def test_a_kept_part_is_used_only_with_the_same_settings_and_code(tmp_path, monkeypatch):
    source = LONG.replace("@", "5e0a")
    _kept(tmp_path, "de").from_string(source).render(n=1)
    parsed = _new_process(monkeypatch)
    other = _kept(tmp_path, "de")
    other.filters["upper"] = lambda value: value  # a filter Jinja could call while compiling
    other.from_string(source).render(n=1)
    plain = _kept(tmp_path, "de")
    plain.autoescape = False
    plain.from_string(source).render(n=1)
    assert parsed == [source, source]
    parsed = _new_process(monkeypatch)
    monkeypatch.setattr(compiled, "_code", lambda: "conceptgen changed")
    _kept(tmp_path, "de").from_string(source).render(n=1)
    assert parsed == [source]


def test_an_entry_not_sealed_by_this_user_never_runs(tmp_path, monkeypatch):
    source = LONG.replace("@", "9b17")
    _kept(tmp_path, "de").from_string(source).render(n=1)
    (entry,) = (tmp_path / "cache").iterdir()
    forged = sandbox.SandboxedEnvironment().compile("forged", raw=True)
    entry.write_bytes(entry.read_bytes()[:51] + forged.encode())  # a copied project's entry: other seal
    parsed = _new_process(monkeypatch)
    assert _kept(tmp_path, "de").from_string(source).render(n=1).startswith("de:x 2 Absatz.")
    assert parsed == [source]


def test_without_a_cache_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("CONCEPTGEN_CACHE", "0")
    env = BoundedSandbox(store=Cache.of_project(tmp_path))
    env.filters["term"] = sandbox.runtime_filter(str)
    assert env.from_string(LONG.replace("@", "0d3e")).render(n=1).startswith("x 2")
    assert not (tmp_path / "build").exists()


XML = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + "<w:p><w:r><w:t>{{</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t> name }}</w:t></w:r></w:p>" * 40
    + "<w:p><w:r><w:t>{%p if x %}</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>"
    + "</w:body></w:document>"
)


def test_docxtpls_cleaned_xml_is_kept_and_the_same(tmp_path, monkeypatch):
    cleaned = DocxTemplate.patch_xml(None, XML)
    assert "{{ name }}" in cleaned and "{% if x %}" in cleaned  # the tags joined: docxtpl's work
    calls: list[str] = []
    parent = DocxTemplate.patch_xml
    monkeypatch.setattr(DocxTemplate, "patch_xml", lambda self, xml: calls.append(xml) or parent(self, xml))
    for _process in range(2):
        template = Template.__new__(Template)
        template.store = Cache(tmp_path / "cache")
        assert template.patch_xml(XML) == cleaned
    assert calls == [XML]  # made once, read the second time
