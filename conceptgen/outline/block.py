"""What a block is: one object that says everything about one generated part of a document.

A block is a subclass of :class:`Block` in a module of its own in ``conceptgen/blocks/`` (the module is
named like the block). The class declares, in one place, what every stage needs to know:

- its **name** and **parameters** (a pydantic model: checked by ``check``, published in the JSON Schema so
  that editors complete block names and parameters, listed by ``conceptgen blocks``),
- the **labels and headings it writes** (``entries``: ``check`` numbers them and resolves references before
  anything is rendered) and **when it is empty** (then its section falls away),
- the **IDs its parameters name** (``references``: checked, with a near miss as hint),
- its **data**: ``context`` for a block whose look is a snippet (what the snippet reads as ``block.…``),
  ``parts`` for a block built by code (tables, charts, maps, headings, texts), or ``shows`` for one that
  shows an entry of the document's tables, analyses or charts,
- its **look**: ``look(kit)`` writes the default snippet (the built-in templates' block library is made
  from it, and a template without a snippet for the block renders it from this default),
- what ``conceptgen new`` writes for it (``needs``: the project files it shows),
- its **entry in docs/blocks.md** (``docs``) and the picture made for it (``picture``).

The stages call a block through this protocol and never look one up by name: ``check`` resolves an
outline's ``block: name`` once (outline/resolve.py, against the registry it is given) and every resolved
node carries its block (``Node.spec``). This module is low in the layer order (the outline stage); the
block modules sit above the document stage and plug in through the registry (``conceptgen/blocks``), which
the pipeline hands down — see docs/architecture.md, „Adding a block“.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from conceptgen.model.base import StrictModel

if TYPE_CHECKING:
    from conceptgen.model import Concept
    from conceptgen.outline.nodes import Node

Entry = tuple[str, "str | None"]
EASY_READ_NOTE = (
    "easy_read_note"  # what ``Block.provides`` names: the note who checked a Leichte Sprache text
)


class NoParams(StrictModel):
    """The block takes no parameters."""


def tab(*labels: str) -> list[Entry]:
    """Entries for labelled captions (or other labelled entries) in this order."""
    return [("label", label) for label in labels]


@dataclass(frozen=True)
class Shows:
    """What a block that shows one entry of the document's data tables, analyses or charts shows: the
    concept's list and the context's mapping (``tables``), the prefix of its labels (``tab``) and the kind
    of ID its ``id`` names (outline/ids.py ``known_ids``)."""

    collection: str
    prefix: str
    kind: str


@dataclass(frozen=True)
class Picture:
    """How docs/blocks/make_pictures.py shows a block: placed with ``params`` in a copy of the example
    project ``project`` (with ``extra`` YAML appended to ``extra_file``)."""

    project: str = "neuss"
    params: dict[str, Any] = field(default_factory=dict)
    extra: str = ""
    extra_file: str = "participation.yaml"


class SnippetKit(Protocol):
    """What a block's ``look`` writes its default snippet with (conceptgen/ooxml/snippets.py): paragraphs
    and tables in the template's styles, with docxtpl tags where the block's data goes."""

    def p(self, text: str = "", style: str = "Body Text") -> Any: ...
    def tag(self, tag: str) -> None: ...
    def h(self, text: str, level: int) -> Any: ...
    def paragraphs(self, expr: str) -> None: ...
    def caption(self, text: str) -> None: ...
    def table(
        self, headers: list[str], cells: list[str], loop: str, widths: list[float], source: str | None = None
    ) -> None: ...


class Block:
    """A block an outline can place (``block: name``). Subclasses set the class attributes and override
    the methods that apply; a block module holds one subclass (docs/architecture.md)."""

    name: ClassVar[str]
    group: ClassVar[str]  # its section in docs/blocks.md and ``conceptgen blocks`` (blocks.GROUPS)
    position: ClassVar[int] = 0  # its place in its group
    description: ClassVar[str]  # one line: what it shows (``conceptgen blocks``, the JSON Schema)
    params: ClassVar[type[StrictModel]] = NoParams
    # its look: a snippet (the template's [[block:name]], else ``look``) or built by code (``parts``)
    snippet: ClassVar[bool] = True
    # a block that shows one entry of the document's data tables, analyses or charts (``id`` names it)
    shows: ClassVar[Shows | None] = None
    # the labels it may write, ``{}`` for an ID (``tab:ziel-{}``): its entries write them, its look writes
    # them, and check compares a template's own snippet with them (CG140, CG141)
    labels: ClassVar[tuple[str, ...]] = ()
    data_labels: ClassVar[bool] = False  # its labels come with the tables it inserts, not its snippet
    needs: ClassVar[tuple[str, ...]] = ()  # the project files it shows (``conceptgen new`` writes them)
    section: ClassVar[str | None] = None  # the part of that file it shows (``# [section]`` in the scaffold)
    docs: ClassVar[str] = ""  # its entry in docs/blocks.md (Markdown, without the heading)
    picture: ClassVar[Picture | None] = Picture()
    # what a kind of document needs that this block gives it (rules ask for it, not for a block's name):
    # EASY_READ_NOTE — a document in Leichte Sprache says who checked it (CG661)
    provides: ClassVar[frozenset[str]] = frozenset()

    # --- the outline stage: labels, emptiness, references ---------------------------------------------

    def entries(self, concept: Concept, params: Any) -> list[Entry]:
        """What it writes, in order: ("heading", label or None) for a heading one level below its place
        (it counts in the chapter numbers), ("label", label) for a labelled caption or entry."""
        return []

    def data_entries(self, concept: Concept, data: Any, params: Any) -> list[Entry] | None:
        """What it writes once the data is analysed (None: as ``entries``)."""
        return None

    def empty(self, concept: Concept, params: Any) -> bool:
        """Whether it has nothing to show (then its section may fall away)."""
        return False

    def lost_map(self, concept: Concept) -> tuple[str, str, str] | None:
        """(code, message, hint) when it would draw a map but the project has no geometry for it (CG440,
        CG441: reported where the outline places it, never dropped in silence); None otherwise."""
        return None

    def references(self, params: Any) -> list[tuple[str, str]]:
        """The IDs its parameters name, as (kind, id): checked against the project (outline/ids.py)."""
        if self.shows is not None:
            return [(self.shows.kind, params.id)]
        return []

    def mentions(self, concept: Concept, params: Any) -> set[str]:
        """The tables and charts (``tab:id``, ``fig:id``) it places: they count as used."""
        if self.shows is not None:
            return {f"{self.shows.prefix}:{params.id}"}
        return set()

    def samples(self, concept: Concept, params: Any) -> set[str]:
        """The entries it shows that may be marked as sample content, as ``kind:id`` (kinds: measure,
        task, offer, indicator, event, network): the cover's note names only what a block shows."""
        return set()

    def problems(self, concept: Concept, params: Any) -> list[tuple[str, str, tuple, str]]:
        """What ``check`` should say about the data the block shows: (code, message, key path in the
        project's YAML, hint), located by the outline check and said once per project."""
        return []

    def entries_with(self, concept: Concept, data: Any, params: Any) -> list[Entry]:
        """What it writes, knowing the data when it has been analysed."""
        if data is not None:
            found = self.data_entries(concept, data, params)
            if found is not None:
                return found
        return self.entries(concept, params)

    # --- the document stage: its data ----------------------------------------------------------------

    def context(self, inputs: Any, params: Any) -> dict[str, Any] | None:
        """What its snippet reads as ``block`` (document/blocks.py BlockInputs: the document's context,
        the concept, the language, the analysed data); None: nothing to show."""
        return None

    def parts(self, inputs: Any, params: Any, node: Node) -> Any:
        """What a block built by code inserts: a list of tables, charts, maps, headings and texts (or one
        of them, or None)."""
        return None

    # --- the render stage: its default look -------------------------------------------------------------

    def look(self, kit: SnippetKit) -> None:
        """Write the block's default snippet (only for ``snippet`` blocks): the built-in templates' block
        library has it, and a template without a snippet for the block renders it from here."""
        raise NotImplementedError(f"block {self.name} has no look")

    @property
    def has_look(self) -> bool:
        return type(self).look is not Block.look

    def __repr__(self) -> str:
        return f"<block {self.name}>"

    def __reduce__(self) -> tuple[Callable[[], Block], tuple[()]]:
        return type(self), ()  # a block is its class: it crosses to a worker process by reference
