"""What a code-built block may insert besides tables, charts, maps and texts: a heading of its own (a
survey's topics), numbered with the chapters and listed in the table of contents."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    title: str
    level: int  # the block's place plus one
    label: str | None = None  # without the „sec:“ prefix
