"""The document's properties: docProps/core.xml (title, author, keywords, language, dates) and
docProps/app.xml (application, template, pages)."""

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


def set_app_properties(document: Any, template: str, company: str, pages: int = 0) -> None:
    """docProps/app.xml of a document conceptgen made from ``template``; ``pages`` when known."""
    from conceptgen import __version__
    from conceptgen.ooxml import properties

    major, minor, *_ = [*__version__.split("."), "0", "0"]
    properties.set_app_properties(
        document,
        application=f"conceptgen {__version__}",
        version=f"{int(major):02d}.{int(minor):04d}",
        template=template,
        company=company,
        pages=pages,
    )
