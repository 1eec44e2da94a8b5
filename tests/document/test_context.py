"""The template context: completeness, located Markdown, and keys that templates can reach."""

from __future__ import annotations

from conceptgen.document import build_context
from conceptgen.markup import Markdown
from conceptgen.pipeline import check_project
from tests.conftest import NEUSS


def neuss_context():
    result = check_project(NEUSS)
    return build_context(result.concept, result.source, result.concept.project.documents[0])


def test_markdown_plain_form():
    text = Markdown("Ein **fettes** Wort, ein [Link](https://x.de) und eine Fußnote[^1].\n\n- Liste")
    assert text.plain == "Ein fettes Wort, ein Link und eine Fußnote. Liste"
    assert not Markdown("  \n")


def test_long_texts_are_located_markdown():
    context = neuss_context()
    description = context["measures"][0]["description"]
    assert isinstance(description, Markdown)
    assert description.location.file.endswith("measures.yaml")
    assert description.location.line == 9  # block scalar: the text starts on the line after '|'
    assert context["text"]["einleitung"].location.line == 1


def _keys(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, f"{path}.{key}"
            yield from _keys(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item, f"{path}[]")


def test_no_key_shadowed_by_dict_methods():
    # Jinja resolves `x.items` to dict.items before the key 'items': such keys would be unreachable.
    shadowed = {name for name in dir(dict) if not name.startswith("_")}
    bad = {path for key, path in _keys(neuss_context()) if key in shadowed}
    assert bad == set()


def test_measures_by_priority_groups_key_measures_and_tasks():
    context = neuss_context()
    groups = {g["priority"]: [m["id"] for m in g["measures"]] for g in context["measures_by_priority"]}
    assert groups[1] == ["1", "2", "3"]
    assert len(groups[2]) == 13
    assert context["measure_count"] == 3 and context["task_count"] == 13


def test_goal_lists_serving_measures():
    goals = {g["id"]: g for g in neuss_context()["goals"]}
    z11 = next(s for s in goals["Z1"]["goals"] if s["id"] == "Z1.1")
    assert z11["measures"] == "1, 1.3, 1.4"
