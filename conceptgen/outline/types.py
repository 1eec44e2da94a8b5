"""The consultancy's concept types: each a default outline, its vocabulary and the texts it expects
(``conceptgen/outline/types/<type>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter

from conceptgen.model.outline import Outline
from conceptgen.model.project import Vocabulary

TYPES_DIR = Path(__file__).resolve().parent / "types"


@dataclass(frozen=True)
class ConceptTypeSpec:
    """A concept type: its name (as project.yaml writes it), a file name, what it is, its outline."""

    name: str
    slug: str
    description: str
    vocabulary: Vocabulary
    texts: tuple[str, ...]
    outline: Outline


@cache
def concept_types() -> dict[str, ConceptTypeSpec]:
    """Every built-in concept type by its name (``Wohnungsnotfallkonzept`` …)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster
    adapter = TypeAdapter(Outline)
    found = {}
    for path in sorted(TYPES_DIR.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader
        spec = ConceptTypeSpec(
            name=data["type"],
            slug=path.stem,
            description=data["description"],
            vocabulary=Vocabulary.model_validate(data.get("vocabulary") or {}),
            texts=tuple(data.get("texts") or ()),
            outline=adapter.validate_python(data["outline"]),
        )
        found[spec.name] = spec
    return found


def concept_type(name: str) -> ConceptTypeSpec:
    return concept_types()[name]


def by_slug(slug: str) -> ConceptTypeSpec | None:
    """The type whose file is ``<slug>.yaml`` (``wohnungsnotfallkonzept``), or whose name is ``slug``."""
    return next((t for t in concept_types().values() if slug in (t.slug, t.name)), None)
