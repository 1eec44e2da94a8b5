"""The block registry: every module of this package (but those starting with ``_``) is one block.

A block module defines one subclass of :class:`conceptgen.outline.block.Block` whose ``name`` is the
module's name; :func:`registry` finds them all, :func:`by_name` each when it is first asked for (what a
check or render uses: the outlines place a few of the 54). Everything that used to look a block up by
name — the outline check, the document's block data, the render stage, ``conceptgen new``, ``conceptgen
blocks``, the JSON Schema, the built-in templates' block library, docs/blocks.md and its pictures — asks
the registry or the block a resolved outline node carries. Adding a block is adding one module here (and
its test): docs/architecture.md, „Adding a block“.

The registry sits above the document stage (block modules build their data with its helpers); the stages
below never import it: the pipeline hands it to the outline stage, whose resolved nodes carry their block
on to the document and render stages.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from conceptgen.outline.block import Block

# what the check asks of every block, kept beside the modules so that it need not import all 54 (by_name):
# the blocks that show an entry of the data (``shows``) and what blocks provide (``provides``); written by
# write_index(), kept equal to the modules by tests/test_blocks.py
INDEX = Path(__file__).with_name("index.json")


@dataclass(frozen=True)
class Group:
    """A section of docs/blocks.md and of ``conceptgen blocks``."""

    title: str
    intro: str = ""


GROUPS: dict[str, Group] = {
    "participation": Group("Participation"),
    "inventory": Group("Inventory"),
    "needs": Group("Analysis of needs"),
    "goals": Group("Goals and indicators"),
    "measures": Group("Measures"),
    "progress": Group("Progress report (monitoring.yaml, template fortschritt)"),
    "types": Group(
        "Other concept types (docs/konzeptarten.md)",
        "Built by code in the template's styles (no snippet); any concept may place them.",
    ),
    "social": Group("Sozialraumanalyse (docs/sozialraum.md)"),
    "survey": Group("Befragung (docs/befragung.md)"),
    "data": Group("Data, sources, abbreviations"),
}


class RegistryError(Exception):
    """A block module breaks the rules of the registry (a bug in conceptgen, not a user's mistake)."""


class Blocks(Mapping[str, Block]):
    """Blocks by name, in the order of their groups and their positions in them."""

    def __init__(self, blocks: list[Block]):
        order = list(GROUPS)
        ranked = sorted(blocks, key=lambda b: (order.index(b.group), b.position, b.name))
        self._blocks = {block.name: block for block in ranked}

    def __getitem__(self, name: str) -> Block:
        return self._blocks[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._blocks)

    def __len__(self) -> int:
        return len(self._blocks)

    def in_group(self, group: str) -> list[Block]:
        return [b for b in self._blocks.values() if b.group == group]

    def with_snippets(self) -> list[Block]:
        """The blocks whose look is a snippet (the built-in templates' block library)."""
        return [b for b in self._blocks.values() if b.snippet]

    def showing(self) -> list[Block]:
        """The blocks that show an entry of the document's tables, analyses or charts (``shows``)."""
        return [b for b in self._blocks.values() if b.shows is not None]

    def providing(self, what: str) -> list[str]:
        """The names of the blocks that provide ``what`` (``Block.provides``)."""
        return [name for name, b in self._blocks.items() if what in b.provides]


class LazyBlocks(Mapping[str, Block]):
    """Blocks by name, in the order of their names, each module imported when its block is first asked
    for: a check or render imports the blocks its outlines place (and those of ``INDEX``), not all
    (synthetic 1× project: 24 of 54 modules, 18 instead of 40 ms of processor time). The names are the
    package's modules, listed without importing them."""

    def __init__(self) -> None:
        names = (info.name for info in pkgutil.iter_modules(__path__))
        self._names = sorted(name for name in names if not name.startswith("_"))
        self._known = frozenset(self._names)
        self._blocks: dict[str, Block] = {}
        self._index: dict | None = None

    def __getitem__(self, name: str) -> Block:
        block = self._blocks.get(name)
        if block is None:
            if name not in self._known:
                raise KeyError(name)
            block = self._blocks[name] = block_of(importlib.import_module(f"{__name__}.{name}"))
        return block

    def __contains__(self, name: object) -> bool:
        return name in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def index(self) -> dict:
        if self._index is None:
            self._index = json.loads(INDEX.read_text(encoding="utf-8"))
        return self._index

    def showing(self) -> list[Block]:
        """As ``Blocks.showing``, importing only those blocks."""
        return [self[name] for name in self.index()["showing"]]

    def providing(self, what: str) -> list[str]:
        """As ``Blocks.providing``, without importing a block."""
        return list(self.index()["provides"].get(what, []))


def block_of(module: ModuleType) -> Block:
    """The block a module declares: its one subclass of Block, named like the module. Raises
    RegistryError for a module that breaks the rules."""
    name = module.__name__.rsplit(".", 1)[-1]
    declared = [
        cls
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Block) and cls.__module__ == module.__name__ and "name" in vars(cls)
    ]
    if len(declared) != 1:
        raise RegistryError(f"{module.__name__} declares {len(declared)} blocks; a block module declares one")
    block = declared[0]()
    if block.name != name:
        raise RegistryError(
            f"{module.__name__} declares block '{block.name}': a module is named like its block"
        )
    if getattr(block, "group", None) not in GROUPS:
        raise RegistryError(f"block {name}: group must be one of {', '.join(GROUPS)}")
    if not getattr(block, "description", ""):
        raise RegistryError(f"block {name} has no description")
    return block


@cache
def by_name() -> LazyBlocks:
    """Every block of conceptgen/blocks/, by name, each imported when first asked for (the pipeline's)."""
    return LazyBlocks()


@cache
def registry() -> Blocks:
    """Every block of conceptgen/blocks/, by name, in the order of their groups (all imported: for what
    lists them — ``conceptgen blocks``, the docs, the scaffold, the JSON Schema); the same objects as
    ``by_name()``'s."""
    return Blocks(list(by_name().values()))


def index_of(blocks: Blocks) -> dict:
    """What ``INDEX`` holds, from the blocks themselves."""
    provides: dict[str, list[str]] = {}
    for name, block in sorted(blocks.items()):
        for what in sorted(block.provides):
            provides.setdefault(what, []).append(name)
    return {"showing": sorted(b.name for b in blocks.showing()), "provides": provides}


def write_index() -> None:
    """Write ``INDEX`` from the blocks (after adding a block that shows data or provides something)."""
    INDEX.write_text(json.dumps(index_of(registry()), indent=1, sort_keys=True) + "\n", encoding="utf-8")


__all__ = ["GROUPS", "Block", "Blocks", "Group", "LazyBlocks", "by_name", "registry"]
