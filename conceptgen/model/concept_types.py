"""The consultancy's concept types, each registered by one file ``conceptgen/model/types/<slug>.yaml``:
its name (as project.yaml writes it), a description, its default outline, its vocabulary, the texts it
expects and what ``conceptgen new`` writes for it. No list elsewhere names them: ``check`` accepts the
registered names (CG104 names them all), ``conceptgen types`` and ``conceptgen new`` offer them."""

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
    article: str | None = None  # conceptgen new: the article of its convention the examples name


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
            article=str((data.get("scaffold") or {}).get("article") or "") or None,
        )
        found[spec.name] = spec
    return found


def concept_type(name: str) -> ConceptTypeSpec:
    return concept_types()[name]


def by_slug(slug: str) -> ConceptTypeSpec | None:
    """The type whose file is ``<slug>.yaml`` (``wohnungsnotfallkonzept``), or whose name is ``slug``."""
    return next((t for t in concept_types().values() if slug in (t.slug, t.name)), None)
