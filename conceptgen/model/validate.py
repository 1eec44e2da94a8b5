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

# What a field of pydantic's type takes, in German (the start of pydantic's error type: int_parsing …).
_TYPE_NAMES = {
    "int": "eine ganze Zahl",
    "float": "eine Zahl",
    "bool": "`true` oder `false`",
    "datetime": "Datum und Uhrzeit",
    "date": "ein Datum (2024-05-02 oder 02.05.2024)",
    "string": "ein Text",
    "list": "eine Liste",
    "tuple": "eine Liste",
    "set": "eine Liste",
    "dict": "eine Zuordnung (`schlüssel: wert`)",
    "model": "eine Zuordnung (`schlüssel: wert`)",
    "enum": "einer der erlaubten Werte",
    "decimal": "eine Zahl",
    "url": "eine Adresse (URL)",
}

# pydantic's own error texts (English) for a range or length, in German; {…} are the error's ctx.
_LIMITS_DE = {
    "greater_than_equal": "muss mindestens {ge} sein",
    "less_than_equal": "darf höchstens {le} sein",
    "greater_than": "muss größer als {gt} sein",
    "less_than": "muss kleiner als {lt} sein",
    "too_short": "braucht mindestens {min_length} Einträge",
    "too_long": "darf höchstens {max_length} Einträge haben",
}

# Other errors of pydantic's with a German text of their own (CG103).
_OTHERS_DE = {
    "string_too_long": "ist zu lang: höchstens {max_length} Zeichen",
    "multiple_of": "muss ein Vielfaches von {multiple_of} sein",
    "finite_number": "ist keine endliche Zahl",
    "string_pattern_mismatch": "hat nicht die verlangte Form ({pattern})",
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
            f"ungültiger Wert „{value}“",
            source.locate(("project", "concept_type")),
            key_path="project.concept_type",
            hint=f"{hint} Erlaubt: {allowed}" if hint else f"erlaubt: {allowed} (conceptgen types)",
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
            name = "`true` oder `false`" if kinds == {bool} else "eine Zahl"
            unquoted = value if kinds != {bool} else "true"
            found.append(
                (
                    tuple(path),
                    diagnostic(
                        "CG103",
                        f"„{value}“ steht in Anführungszeichen und ist damit Text; {path[-1]} ist {name}",
                        source.locate(path),
                        key_path=format_path(path),
                        hint=f"ohne Anführungszeichen schreiben: `{path[-1]}: {unquoted}`",
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
        hint = did_you_mean(str(name), allowed) or f"erlaubte Schlüssel: {', '.join(allowed)}"
        return diagnostic(
            "CG101",
            f"unbekannter Schlüssel „{name}“",
            source.locate(loc, key=True),
            key_path=key_path,
            hint=hint,
        )
    if kind == "missing":
        if len(loc) == 1:
            where = source.locate((), key=False)
            where = type(where)(source.file_of(str(name)), where.line, where.column)
        else:
            where = source.locate(loc[:-1])
        return diagnostic(
            "CG102",
            f"Pflichtfeld „{name}“ fehlt",
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
        allowed = ", ".join(o for o in options if o)
        hint = f"{hint} Erlaubt: {allowed}" if hint else f"erlaubt: {allowed}"
        return diagnostic("CG104", f"ungültiger Wert {shown}", location, key_path=key_path, hint=hint)
    if kind == "string_too_short":
        return diagnostic("CG105", "der Wert darf nicht leer sein", location, key_path=key_path)
    if kind in _LIMITS_DE:
        limit = _LIMITS_DE[kind].format_map(_Context(error.get("ctx") or {}))
        return diagnostic("CG105", f"{shown} {limit}", location, key_path=key_path)
    return diagnostic(
        "CG103", _type_message(error, shown), location, key_path=key_path, hint=_type_hint(kind)
    )


class _Context(dict):
    """The ctx of a pydantic error; a key it lacks shows as „?“ rather than failing."""

    def __missing__(self, key: str) -> str:
        return "?"


def _type_message(error: Any, shown: str) -> str:
    """The German message of a type error: pydantic's built-in types by what the field takes; our own
    validators' texts (PydanticCustomError, ValueError) as they are, they are German already."""
    kind: str = error["type"]
    if kind not in _BUILTIN_TYPES:  # a PydanticCustomError of conceptgen/model: its text is ours
        return str(error["msg"])
    if kind in ("value_error", "assertion_error"):  # raise ValueError(…) in a validator: our text
        return str(error["msg"]).split(", ", 1)[-1]
    if kind in _OTHERS_DE:
        return f"{shown} {_OTHERS_DE[kind].format_map(_Context(error.get('ctx') or {}))}"
    expected = _expected(kind)
    if expected:
        return f"{expected} erwartet, nicht {shown}"
    return f"ungültiger Wert {shown} ({kind})"


def _type_hint(kind: str) -> str:
    if kind == "bool_parsing":
        return "`true` oder `false` schreiben"
    if kind in ("int_parsing", "float_parsing", "int_from_float"):
        return "nur Ziffern schreiben, z. B. 1234 oder 1234.5 (ohne Tausenderpunkte, ohne Einheit)"
    if kind.startswith("date"):
        return "2024-05-02 oder 02.05.2024 schreiben"
    return ""


def _builtin_types() -> frozenset[str]:
    from pydantic_core.core_schema import ErrorType

    return frozenset(typing.get_args(ErrorType))


_BUILTIN_TYPES = _builtin_types()


def _expected(kind: str) -> str:
    for prefix, text in _TYPE_NAMES.items():
        if kind.startswith(prefix):
            return text
    return ""


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "eine Zuordnung"
    if isinstance(value, list):
        return "eine Liste"
    if value is None:
        return "nichts"
    text = str(value)
    return f"„{text if len(text) <= 40 else text[:39] + '…'}“"


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


def error_message_de(error: Any) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) as a German message, for code that
    validates a model of its own (a block's parameters): pydantic's own texts are English."""
    kind: str = error["type"]
    shown = _show(error.get("input"))
    if kind == "missing":
        return "Pflichtfeld fehlt"
    if kind == "extra_forbidden":
        return "unbekannter Schlüssel"
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        options = ", ".join(o.strip(" '") for o in expected.replace(" or ", ", ").split(",") if o.strip())
        return f"ungültiger Wert {shown} (erlaubt: {options})"
    if kind == "string_too_short":
        return "der Wert darf nicht leer sein"
    if kind in _LIMITS_DE:
        return f"{shown} {_LIMITS_DE[kind].format_map(_Context(error.get('ctx') or {}))}"
    return _type_message(error, shown)
