"""JSON Schemas per file kind, for editors: ``measures.yaml`` holds ``measures:``, ``project.yaml`` the
project's flat keys — each file validated as it is written, not as a part of the whole model.

``conceptgen schema --write PROJECT`` puts them into ``PROJECT/.conceptgen/schemas/`` and each YAML file
names its schema in its first line (``# yaml-language-server: $schema=…``), which the YAML extension of
VS Code (Red Hat) and other editors with the YAML language server read (docs/editors.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import create_model

from conceptgen.loading.layout import FILE_SECTIONS
from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.model.project import ProjectMeta

SCHEMA_DIR = Path(".conceptgen") / "schemas"
MODELINE = "# yaml-language-server: $schema="


def file_schema(file_name: str, blocks: Iterable[Any] = (), formats: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON Schema of one file kind (``measures.yaml``). ``blocks``: the blocks an outline may place
    (the registry, conceptgen/blocks): an outline's ``block:`` then names one of them and takes its
    parameters, so that an editor completes both. ``formats``: the survey formats a response file may
    name (the registry, conceptgen/data/survey_dialects)."""
    if file_name not in FILE_SECTIONS:
        raise KeyError(file_name)
    if file_name == "project.yaml":
        from conceptgen.model.concept_types import concept_types

        schema = ProjectMeta.model_json_schema()
        schema["properties"]["concept_type"]["enum"] = list(concept_types())  # the registered types
    else:
        fields: dict[str, Any] = {}
        for section in FILE_SECTIONS[file_name]:
            info = Concept.model_fields[section]
            fields[section] = (info.annotation, info)
        model = create_model(f"File_{Path(file_name).stem}", __base__=StrictModel, **fields)
        schema = model.model_json_schema()
    definitions = schema.get("$defs", {})
    if "BlockItem" in definitions and blocks:
        definitions["BlockItem"] = block_items(blocks, definitions)
    formats = list(formats)
    if "ResponseFile" in definitions and formats:
        field = definitions["ResponseFile"]["properties"]["format"]
        definitions["ResponseFile"]["properties"]["format"] = {
            "title": field.get("title", "Format"),
            "description": field.get("description", ""),
            "enum": formats,
        }
    schema["title"] = f"conceptgen: {file_name}"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def block_items(blocks: Iterable[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """An outline's block entry as one of the blocks, each with its own parameters (``block: costs`` takes
    ``measures``, ``fields``, ``financed``); models the parameters share go into ``definitions``."""
    variants = []
    for block in blocks:
        params = block.params.model_json_schema(ref_template="#/$defs/{model}")
        definitions.update(params.pop("$defs", {}))
        properties = {"block": {"const": block.name, "description": block.description}}
        properties.update(params.get("properties", {}))
        variants.append(
            {
                "type": "object",
                "title": block.name,
                "description": block.description,
                "properties": properties,
                "required": ["block", *params.get("required", [])],
                "additionalProperties": False,
            }
        )
    return {
        "description": "Ein Baustein mit seinen Parametern (conceptgen blocks listet sie)",
        "anyOf": variants,
    }


def schema_path(file_name: str) -> Path:
    """Where a project keeps the schema of a file kind, relative to the project folder."""
    return SCHEMA_DIR / f"{Path(file_name).stem}.schema.json"


def modeline(file_name: str) -> str:
    """The first line that makes an editor validate ``file_name`` against its schema."""
    return f"{MODELINE}{schema_path(file_name).as_posix()}"


__all__ = ["MODELINE", "SCHEMA_DIR", "file_schema", "modeline", "schema_path"]
