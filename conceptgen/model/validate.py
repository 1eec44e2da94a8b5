"""Stage 2a: validate loaded data against the pydantic model; errors become located diagnostics."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from conceptgen.diagnostics import Diagnostic, diagnostic, did_you_mean
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.model import Concept

_TYPE_NAMES = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "date": "a date (2024-05-02 or 02.05.2024)",
    "string": "text",
    "list": "a list",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
}


def validate_concept(source: ProjectSource) -> tuple[Concept | None, list[Diagnostic]]:
    """Validate the merged project data. Returns the model (None on errors) and the diagnostics."""
    quoted = _quoted_numbers(source)
    unknown_type = _concept_type(source)
    try:
        concept = Concept.model_validate(source.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if "project" not in source.data:  # already reported as a missing project.yaml (CG001)
            errors = [e for e in errors if e["loc"][:1] != ("project",)]
        found = {tuple(e["loc"]) for e in errors}
        return None, [_to_diagnostic(error, source) for error in errors] + [
            d for path, d in quoted if path not in found
        ] + unknown_type
    problems = [d for _path, d in quoted] + unknown_type
    return (None, problems) if problems else (concept, [])


def _concept_type(source: ProjectSource) -> list[Diagnostic]:
    """CG104 for a concept type that is not registered (conceptgen/model/types/*.yaml)."""
    from conceptgen.model.concept_types import concept_types

    project = source.data.get("project")
    value = project.get("concept_type") if isinstance(project, dict) else None
    known = list(concept_types())
    if not isinstance(value, str) or value in known:
        return []
    allowed = ", ".join(known)
    hint = did_you_mean(value, known)
    return [
        diagnostic(
            "CG104",
            f"invalid value '{value}'",
            source.locate(("project", "concept_type")),
            key_path="project.concept_type",
            hint=f"{hint} allowed: {allowed}" if hint else f"allowed: {allowed} (conceptgen types)",
        )
    ]


_NOT_TEXT = {int, float, bool}


def _quoted_numbers(source: ProjectSource) -> list[tuple[tuple[Any, ...], Diagnostic]]:
    """A value in quotes where the field takes only a number or true/false (``priority: '3'``): the
    files' JSON Schema refuses it in the editor, so check refuses it too (pydantic alone would convert
    it). A quoted number in a text field stays text."""
    found = []
    seen: set[int] = set()
    for section_map in source.section_maps.values():
        if id(section_map) in seen:
            continue
        seen.add(id(section_map))
        for path in sorted(section_map.quoted, key=str):
            if not path or path[0] not in source.data:
                continue
            kinds = _scalar_kinds(Concept, path)
            if not kinds or not kinds <= _NOT_TEXT:
                continue
            value = _value_at(source.data, path)
            name = "true or false" if kinds == {bool} else "a number"
            unquoted = value if kinds != {bool} else "true"
            found.append(
                (
                    tuple(path),
                    diagnostic(
                        "CG103",
                        f"'{value}' is written in quotes, which makes it text; {path[-1]} is {name}",
                        source.locate(path),
                        key_path=format_path(path),
                        hint=f"write it without quotes: {path[-1]}: {unquoted}",
                    ),
                )
            )
    return found


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _scalar_kinds(annotation: Any, path: tuple[Any, ...]) -> set[Any]:
    """The Python types a scalar at ``path`` may take (every alternative of a union followed); an empty
    set when the path leads nowhere known."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _scalar_kinds(typing.get_args(annotation)[0], path)
    if origin in (typing.Union, types.UnionType):
        kinds: set[Any] = set()
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                kinds |= _scalar_kinds(arg, path)
        return kinds
    if not path:
        return {annotation} if origin is None else {origin}
    part = path[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return _scalar_kinds(field.annotation, path[1:]) if field is not None else set()
    if origin in (list, tuple, set, frozenset) and isinstance(part, int):
        args = typing.get_args(annotation)
        return _scalar_kinds(args[0], path[1:]) if args else set()
    if origin is dict:
        args = typing.get_args(annotation)
        return _scalar_kinds(args[1], path[1:]) if len(args) == 2 else set()
    return set()


def _to_diagnostic(error: Any, source: ProjectSource) -> Diagnostic:
    loc = tuple(error["loc"])
    kind: str = error["type"]
    key_path = format_path(loc)
    name = loc[-1] if loc else ""
    value = error.get("input")
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(Concept, loc[:-1]))
        hint = did_you_mean(str(name), allowed) or f"allowed keys: {', '.join(allowed)}"
        return diagnostic(
            "CG101", f"unknown key '{name}'", source.locate(loc, key=True), key_path=key_path, hint=hint
        )
    if kind == "missing":
        if len(loc) == 1:
            where = source.locate((), key=False)
            where = type(where)(source.file_of(str(name)), where.line, where.column)
        else:
            where = source.locate(loc[:-1])
        return diagnostic(
            "CG102",
            f"required field '{name}' is missing",
            where,
            key_path=key_path,
            hint=_field_description(loc),
        )
    location = source.locate(loc)
    shown = _show(value)
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), options)
        hint = f"{hint} allowed: {expected}" if hint else f"allowed: {expected}"
        return diagnostic("CG104", f"invalid value {shown}", location, key_path=key_path, hint=hint)
    if kind == "string_too_short":
        return diagnostic("CG105", "value must not be empty", location, key_path=key_path)
    if kind in (
        "greater_than_equal",
        "less_than_equal",
        "greater_than",
        "less_than",
        "too_short",
        "too_long",
    ):
        return diagnostic("CG105", f"{shown}: {error['msg']}", location, key_path=key_path)
    expected = _expected(kind)
    message = f"expected {expected}, got {shown}" if expected else f"{error['msg']}"
    hint = ""
    if kind == "bool_parsing":
        hint = "write true or false"
    elif kind in ("int_parsing", "float_parsing", "int_from_float"):
        hint = "write digits only, e.g. 1234 or 1234.5 (no thousands separators, no units)"
    elif kind.startswith("date"):
        hint = "write 2024-05-02 or 02.05.2024"
    return diagnostic("CG103", message, location, key_path=key_path, hint=hint)


def _expected(kind: str) -> str:
    for prefix, text in _TYPE_NAMES.items():
        if kind.startswith(prefix):
            return text
    return ""


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated; step into list/dict item types."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(part, int) and origin is list:
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[str(part)].annotation
        else:
            return None
    return _unwrap(current)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    target = _model_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _field_description(loc: tuple[Any, ...]) -> str:
    parent = _model_at(Concept, loc[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        field = parent.model_fields.get(str(loc[-1]))
        if field and field.description:
            return field.description
    return ""
