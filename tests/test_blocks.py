"""A block is one thing (conceptgen/blocks, outline/block.py): every module of the package is one block,
the registry finds them all, each declares what the stages, the scaffold and the docs need, and no table
outside a block's module looks a block up by name."""

from __future__ import annotations

import ast
import json
import pickle
import pkgutil
import re
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import conceptgen.blocks as package
from conceptgen.blocks import GROUPS, INDEX, LazyBlocks, RegistryError, block_of, by_name, index_of, registry
from conceptgen.model.base import StrictModel
from conceptgen.outline.block import EASY_READ_NOTE, Block
from conceptgen.scaffold import FILES, describe_catalogue
from tests.conftest import ROOT

BLOCKS = registry()


def test_every_module_of_the_package_is_a_block():
    modules = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
    assert sorted(modules) == sorted(BLOCKS)
    for name, block in BLOCKS.items():
        assert type(block).__module__ == f"conceptgen.blocks.{name}"


def test_the_index_is_what_the_blocks_declare():
    """blocks/index.json — what the check asks of every block without importing each — is written from
    the blocks: after adding one that shows data or provides something, run
    `python -c "from conceptgen.blocks import write_index; write_index()"`."""
    assert json.loads(INDEX.read_text(encoding="utf-8")) == index_of(BLOCKS)


def test_the_lazy_table_holds_the_same_blocks():
    lazy = LazyBlocks()
    assert list(lazy) == sorted(BLOCKS) and len(lazy) == len(BLOCKS)
    assert {b.name for b in lazy.showing()} == {b.name for b in BLOCKS.showing()} != set()
    assert lazy.providing(EASY_READ_NOTE) == BLOCKS.providing(EASY_READ_NOTE) != []
    for name, block in BLOCKS.items():
        assert type(lazy[name]) is type(block) and name in lazy
        assert by_name()[name] is block  # registry() lists the lazy table's objects
    assert "no_such_block" not in lazy and lazy.get("no_such_block") is None
    with pytest.raises(KeyError):
        lazy["_select"]  # a helper module is no block


def test_a_check_imports_only_the_blocks_its_outlines_place():
    """A project's check (and render) imports the block modules its outlines name and those that show
    data (the index), not every block module (before: all 54)."""
    script = (
        "import json, sys; from pathlib import Path; from conceptgen.pipeline import check_project; "
        f"result = check_project(Path({str(ROOT / 'tests' / 'fixtures' / 'minimal')!r})); "
        "placed = {n.spec.name for o in result.outlines if o for n in o.nodes if n.spec}; "
        "loaded = {m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('conceptgen.blocks.')}; "
        "print(json.dumps([sorted(placed), sorted(n for n in loaded if not n.startswith('_'))]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    placed, loaded = (set(names) for names in json.loads(done.stdout.splitlines()[-1]))
    showing = set(json.loads(INDEX.read_text(encoding="utf-8"))["showing"])
    assert placed and placed | showing <= loaded
    assert len(loaded) < len(BLOCKS) / 2, sorted(loaded)


@pytest.mark.parametrize("name", list(BLOCKS))
def test_a_block_declares_what_every_stage_needs(name):
    block = BLOCKS[name]
    assert block.group in GROUPS
    assert block.description and block.docs.strip()
    assert issubclass(block.params, StrictModel)
    assert block.params.model_json_schema()["type"] == "object"
    for file in block.needs:  # conceptgen new writes them: the scaffold has each (or one per type)
        stem = Path(file).stem
        assert (FILES / file).is_file() or list(FILES.glob(f"{stem}_*.yaml")), file
    if block.picture is not None:
        assert (ROOT / "projects" / block.picture.project / "project.yaml").is_file()
        block.params.model_validate(block.picture.params)
    if block.snippet:  # its data comes from context, its look from a snippet
        assert type(block).context is not Block.context, f"{name}: a snippet block without data"
    elif block.shows is None:
        assert type(block).parts is not Block.parts, f"{name}: a block built by code without parts"


@pytest.mark.parametrize("name", list(BLOCKS))
def test_a_block_crosses_to_a_worker_process_as_itself(name):
    block = BLOCKS[name]
    again = pickle.loads(pickle.dumps(block))
    assert type(again) is type(block) and again.name == name


def test_docs_blocks_md_is_made_from_the_blocks():
    """docs/blocks.md is `conceptgen blocks --markdown`: each entry is its block's ``docs``."""
    assert (ROOT / "docs" / "blocks.md").read_text(encoding="utf-8") == describe_catalogue()


def test_the_registry_refuses_a_module_that_breaks_its_rules():
    def module(name: str, **classes: type) -> types.ModuleType:
        found = types.ModuleType(f"conceptgen.blocks.{name}")
        for key, cls in classes.items():
            cls.__module__ = found.__name__
            setattr(found, key, cls)
        return found

    class Named(Block):
        name = "other"
        group = "data"
        description = "x"

    with pytest.raises(RegistryError, match="named like its block"):
        block_of(module("mine", Named=Named))
    with pytest.raises(RegistryError, match="declares 0 blocks"):
        block_of(module("empty"))

    class NoGroup(Block):
        name = "lost"
        group = "nowhere"
        description = "x"

    with pytest.raises(RegistryError, match="group must be one of"):
        block_of(module("lost", NoGroup=NoGroup))


# --- no table outside a block's module names a block ------------------------------------------------

# The built-in templates' block library (templates/konzept/build_template.py, templates/analyse/…) still
# writes each block's look under its name; the looks move into the blocks' modules (Block.look) once the
# snippets' words have moved to the terms (issue 26), and templates/ joins the check.
CODE = [
    *sorted((ROOT / "conceptgen").rglob("*.py")),
    *sorted((ROOT / "docs").rglob("*.py")),
    *sorted((ROOT / "bench").rglob("*.py")),
]


def _words() -> frozenset[str]:
    """Block names that are also other things: a section of the project's YAML (``areas``, ``swot``) or
    the kind of an embed in Markdown (``[[table:x]]``). A list of them is the YAML's, not a blocks table."""
    from conceptgen.markup import EMBED
    from conceptgen.model import Concept

    return frozenset(Concept.model_fields) | frozenset(
        EMBED.pattern.split("(", 1)[1].split(")")[0].split("|")
    )


WORDS = _words()


def _table(hits: list[str | None]) -> bool:
    """Keys or items that are all block names, not all of them words of the YAML or of Markdown."""
    return len(hits) >= 2 and all(hits) and not set(hits) <= WORDS  # type: ignore[operator]


def _constant(node: ast.AST, names: frozenset[str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
        return node.value
    return None


def _blockish(node: ast.AST) -> bool:
    """An expression about blocks: ``node.block``, ``BLOCKS``, ``registry()``, ``block_name``, or a
    bare ``name`` (a dispatcher's parameter: ``if name == "map"``) …"""
    text = ast.unparse(node).lower()
    bare = (isinstance(node, ast.Name) and node.id == "name") or (
        isinstance(node, ast.Attribute) and node.attr == "name"
    )
    return bare or "block" in text or "registry" in text or "snippet" in text


def block_names_in(source: str, names: frozenset[str]) -> list[tuple[int, str]]:
    """(line, name) for each place in ``source`` that looks a block up by its name: compared with a block
    (``node.block == "map"``, ``name in ("table", "chart")``), used as a key of a blocks table
    (``BLOCKS["map"]``, ``blocks.get("map")``, ``snippet("map")``), a table of block names (a dict, set,
    list or tuple whose keys or items are all block names — unless all are also words of the YAML or of
    Markdown, like ``("findings", "needs", "swot")``), a method per block (``def block_map``) or a
    template marker (``"[[block:map]]"``)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_blockish(side) for side in sides):
                for side in sides:
                    items = side.elts if isinstance(side, ast.Tuple | ast.List | ast.Set) else [side]
                    found += [(line, n) for item in items if (n := _constant(item, names))]
        elif isinstance(node, ast.Subscript) and _blockish(node.value):
            if name := _constant(node.slice, names):
                found.append((line, name))
        elif isinstance(node, ast.Call) and _blockish(node.func):
            found += [(line, n) for arg in node.args if (n := _constant(arg, names))]
        elif isinstance(node, ast.Dict):
            for column in (node.keys, node.values):
                hits = [_constant(k, names) for k in column if k is not None]
                if _table(hits):
                    found += [(line, n) for n in hits if n]
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            hits = [_constant(e, names) for e in node.elts]
            if _table(hits):
                found += [(line, n) for n in hits if n]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [(line, name) for name in names if node.name == f"block_{name}"]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [(line, n) for n in names if f"[[block:{n}]]" in node.value]
    return sorted(set(found))


def test_no_table_outside_a_block_names_a_block():
    """A block is named in its own module and in the project's data (outlines), never in a table of the
    code: adding a block is adding its module."""
    names = frozenset(BLOCKS)
    wrong = []
    for path in CODE:
        module = path.relative_to(ROOT).as_posix()
        own = path.stem if path.parent == ROOT / "conceptgen" / "blocks" else None
        for line, name in block_names_in(path.read_text(encoding="utf-8"), names):
            if name != own:
                wrong.append(f"{module}:{line} names block {name}")
    assert wrong == []


def test_the_check_finds_the_tables_that_used_to_name_blocks():
    """The old tables, each kind once (outline/catalogue.py, document/blocks.py, render/assemble.py,
    scaffold, the konzept template's library, make_pictures): the check finds every one."""
    names = frozenset({"working_group", "goal_system", "table", "chart", "analysis", "map", "swot", "tables"})
    cases = {
        'BUILDERS = {"working_group": f, "goal_system": g}': 2,
        '_NEEDS = {"working_group": "participation.yaml", "map": "sozialraum.yaml"}': 2,
        'PARTS = ("map", "swot")': 2,
        'SECTIONS = ("working_group", "swot")': 0,  # sections of the project's YAML
        'KINDS = {"table": 1, "chart": 2}': 0,  # embeds in Markdown
        'if node.block in ("table", "analysis", "chart"):\n    pass': 3,
        'collection = {"table": "tables", "analysis": "analyses", "chart": "charts"}[node.block]': 3,
        'spec = BLOCKS["map"]': 1,
        'spec = registry().get("swot")': 1,
        'if name == "map":\n    figure = one_map(block)': 1,
        "class Builder:\n    def block_working_group(self):\n        pass": 1,
        'p("[[block:swot]]")': 1,
        # what is no lookup: a data key, an ID kind, a word in a sentence, a context key
        'rows = context["tables"]\nkind = "table"\nif kind == "table":\n    pass': 0,
        'text = "place a block (table, id: x)"\nwords = {"tables": "Tabellen", "charts": "Diagramme"}': 0,
    }
    for source, expected in cases.items():
        assert len(block_names_in(source, names)) == expected, source


# --- a block's look writes the labels the block declares ----------------------------------------------


def look_labels(block: Block) -> list[Any]:
    """The labels a block's own look writes, as patterns (``[[tab:ziel-{{ g.id }}]]`` → ``tab:ziel-.+``)."""
    from docx import Document

    from conceptgen.ooxml.snippets import default_snippet
    from conceptgen.workspace import _label_patterns

    document = Document(str(ROOT / "templates" / "konzept" / "template.docx"))
    elements = default_snippet(document, block.look, lambda name: name)
    texts = ["".join(t.text or "" for t in e.iter() if t.tag.endswith("}t")) for e in elements]
    return _label_patterns(texts)


PROJECTS = sorted(p.name for p in (ROOT / "projects").iterdir() if (p / "project.yaml").is_file())


@pytest.mark.parametrize("project", PROJECTS)
def test_a_blocks_own_look_writes_the_labels_it_declares(project):
    """What makes a label declared once: the look writes exactly what the block declares, for every block
    of every example project (a template's own snippet that does not is CG140/CG141)."""
    from conceptgen.pipeline import check_project

    result = check_project(ROOT / "projects" / project)
    assert not [d for d in result.diagnostics if d.code in ("CG140", "CG141")]
    patterns: dict[str, list[Any]] = {}
    for outline in result.outlines:
        for node in outline.nodes if outline else []:
            block = node.spec
            if node.kind != "block" or block is None or not block.snippet:
                continue
            forms = [re.compile(re.escape(f).replace(r"\{\}", ".+")) for f in block.labels]
            for _kind, label in block.entries_with(result.concept, result.data, node.params):
                assert label is None or any(f.fullmatch(label) for f in forms), (block.name, label)
            if not block.has_look:
                continue
            declared = [
                label for _k, label in block.entries_with(result.concept, result.data, node.params) if label
            ]
            written = patterns.setdefault(block.name, look_labels(block))
            assert all(any(p.fullmatch(label) for p in written) for label in declared), (block.name, declared)
            assert not declared or all(any(p.fullmatch(label) for label in declared) for p in written)
