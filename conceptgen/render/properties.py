"""The document's properties (docProps/core.xml): title, author, keywords, language, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def set_core_properties(document: Any, properties: Mapping[str, str], timestamp: dt.datetime | None) -> None:
    """Set the core properties from ``properties`` (title, subject, author …) and fix the dates to
    ``timestamp``, so the same input gives the same file."""
    props = document.core_properties
    for key, value in properties.items():
        setattr(props, key, value)
    if timestamp is not None:
        props.created = props.modified = timestamp
        props.last_printed = timestamp
    props.revision = 1
    props.last_modified_by = "conceptgen"
