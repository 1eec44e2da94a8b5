"""Shared building blocks of the project model: strict base class and typed scalars."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

_ID = re.compile(r"^[A-Za-z0-9ÄÖÜäöüß][A-Za-z0-9ÄÖÜäöüß._-]*$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


class StrictModel(BaseModel):
    """Base of every model: unknown keys are errors, NaN/inf are not numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, use_attribute_docstrings=False)


def _check_id(value: str) -> str:
    value = value.strip()
    if not _ID.match(value):
        raise PydanticCustomError(
            "id_format",
            "„{value}“ ist keine gültige ID (Buchstaben, Ziffern, „.“, „_“, „-“; z. B. Z1.2, K3, 1.4)",
            {"value": value},
        )
    return value


def _number(value: Any) -> Any:
    # The loader keeps scalars as text; a German decimal comma deserves its own message.
    if isinstance(value, str) and re.fullmatch(r"\s*-?[\d.]*\d,\d+\s*", value):
        raise PydanticCustomError(
            "decimal_comma",
            "„{value}“ hat ein Dezimalkomma; Zahlen mit Punkt schreiben (1234.5), "
            "das Dokument zeigt sie im deutschen Format",
            {"value": value},
        )
    return value


def _date(value: Any) -> Any:
    if isinstance(value, str):
        match = _GERMAN_DATE.match(value.strip())
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise PydanticCustomError(
                    "date_invalid", "„{value}“ ist kein gültiges Datum", {"value": value}
                ) from exc
    return value


def _year_month(value: str) -> str:
    value = value.strip()
    match = _YEAR_MONTH.match(value)
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise PydanticCustomError(
            "period_format", "„{value}“ ist weder ein Jahr (2025) noch Jahr-Monat (2025-07)", {"value": value}
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
MAX_NUMBER = 1e15  # larger numbers are typing errors, and no document could format them
MAX_COUNT = 10**12
Number = Annotated[float, BeforeValidator(_number), Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Amount = Annotated[float, BeforeValidator(_number), Field(ge=0, le=MAX_NUMBER)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Date = Annotated[dt.date, BeforeValidator(_date)]
# what an editor sees (YAML 1.2): 2025 is a number there, 2025-07 a string; conceptgen reads both as text
YearMonth = Annotated[
    str,
    AfterValidator(_year_month),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2100},
                {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"},
            ],
            "description": "Jahr (2025) oder Jahr-Monat (2025-07)",
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]
