"""The block registry: every module of this package (but those starting with ``_``) is one block.

A block module defines one subclass of :class:`conceptgen.outline.block.Block` whose ``name`` is the
module's name; :func:`registry` finds them all. Everything that used to look a block up by name — the
outline check, the document's block data, the render stage, ``conceptgen new``, ``conceptgen blocks``, the
JSON Schema, the built-in templates' block library, docs/blocks.md and its pictures — asks the registry or
the block a resolved outline node carries. Adding a block is adding one module here (and its test):
docs/architecture.md, „Adding a block“.

The registry sits above the document stage (block modules build their data with its helpers); the stages
below never import it: the pipeline hands it to the outline stage, whose resolved nodes carry their block
on to the document and render stages.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from conceptgen.outline.block import Block


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
def registry() -> Blocks:
    """Every block of conceptgen/blocks/, by name."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        found.append(block_of(importlib.import_module(f"{__name__}.{info.name}")))
    return Blocks(found)


__all__ = ["GROUPS", "Block", "Blocks", "Group", "registry"]
