"""BoundedSandbox keeps compiled template parts by source: a part met again is not compiled again, yet
each render runs in its own sandbox — with that sandbox's filters and limits."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError

from conceptgen.render import sandbox
from conceptgen.render.sandbox import BoundedSandbox


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
