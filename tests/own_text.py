"""What a rendered document says, part by part, and which of it is the consultant's own text.

``texts`` reads every text of a .docx package — the paragraphs of the body, footnotes, headers and
footers (tests/docx_text.py), the words of its charts, the strings and sheet names of the workbooks
embedded in them, and the core properties. ``own`` tells whether a word at a place in such a text was
written by the consultant: it stands inside a piece of text that the project's YAML and Markdown files
hold as written (a scalar, a line of a text between its markup). Tests that look for words conceptgen
must not write (a renamed term, German in an English document) search the rest.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from functools import cache
from pathlib import Path

import yaml
from lxml import etree

from tests.docx_text import paragraphs

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# what a Markdown line holds besides its words: references, citations, emphasis, links, list marks
_MARKUP = re.compile(
    r"@\w+:[\w.-]+|\[@[^\]]*\]|\[\^[^\]]*\]:?|\*\*|[*_`#>|]|\]\([^)]*\)|!?[\[\]]|\{[^}]*\}|^\s*(?:[-+]|\d+\.)\s"
)
# a picture's or link's title in quotes, labels in double brackets
_QUOTED = re.compile(r'"|\(|\)|\[\[[^\]]*\]\]')
_CORE = ("docProps/core.xml", "docProps/app.xml")


def normal(text: str) -> str:
    """Spaces of every kind as one space; typographic quotes and dashes as written in the sources."""
    text = text.replace("„", '"').replace("“", '"').replace("”", '"').replace("‚", "'").replace("‘", "'")
    text = text.replace("’", "'").replace("–", "-").replace("…", "...")
    return _SPACES.sub(" ", text)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@cache
def fragments(project: Path) -> tuple[str, ...]:
    """The pieces of text the project's own files hold (normalised), longest first."""
    found: set[str] = set()
    for path in project.rglob("*"):
        if "build" in path.relative_to(project).parts or not path.is_file():
            continue
        if path.suffix in (".yaml", ".yml"):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError:
                continue
            for text in _strings(data):
                for line in text.splitlines():
                    found |= {normal(p).strip() for p in _MARKUP.split(line)}
        elif path.suffix == ".md":
            for line in path.read_text(encoding="utf-8").splitlines():
                found |= {normal(p).strip() for p in _MARKUP.split(line)}
                found |= {normal(p).strip() for p in _QUOTED.split(line)}
        elif path.suffix in (".csv", ".txt", ".tsv"):  # data tables, survey exports and structures
            content = path.read_text(encoding="utf-8-sig", errors="replace")
            delimiter = max(";,\t", key=content.count)
            found |= {
                normal(cell).strip()
                for row in csv.reader(io.StringIO(content), delimiter=delimiter)
                for cell in row
            }
            for line in content.splitlines():
                found |= {normal(p).strip().strip('"') for p in re.split(r"[;,\t]", line)}
                # a survey structure's cells, its questions' HTML tags taken out
                found |= {normal(p).strip().strip('"') for p in re.split(r"\t|<[^>]+>", line)}
        elif path.suffix == ".xlsx":
            found |= {normal(text).strip() for text in _cells(path)}
    # a note or an answer that begins a sentence is printed with a capital first letter, a statement quoted
    # without its full stop
    found |= {f[:1].upper() + f[1:] for f in found} | {f.rstrip(".") for f in found}
    found |= _redacted(project, found)
    return tuple(sorted((f for f in found if f), key=len, reverse=True))


def _redacted(project: Path, found: set[str]) -> set[str]:
    """Open answers as a document prints them: without the personal data conceptgen removes."""
    survey = project / "befragung.yaml"
    if not survey.is_file():
        return set()
    from conceptgen.data.redact import Redactor
    from conceptgen.terms import Terms

    data = yaml.safe_load(survey.read_text(encoding="utf-8")) or {}
    names = [str(n) for n in (data.get("questionnaire") or {}).get("redact") or []]
    redactors = [Redactor(names, Terms(code)) for code in ("de", "en")]
    return {normal(r(f)) for r in redactors for f in found} - found


def _cells(path: Path) -> list[str]:
    """The texts of a workbook's cells."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        ]
    finally:
        workbook.close()


def own(project: Path, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a piece of the project's own text found in ``text``."""
    plain = normal(text)
    # normal() keeps positions when only single characters change; collapsed spaces shift them
    if len(plain) != len(text):
        plain_start = len(normal(text[:start]))
        start, end = plain_start, plain_start + len(normal(text[start:end]))
    word = plain[start:end]
    for piece in fragments(project):
        if word not in piece:
            continue
        at = plain.find(piece)
        while at != -1:
            if at <= start and end <= at + len(piece):
                return True
            at = plain.find(piece, at + 1)
    return False


def texts(docx: bytes) -> list[tuple[str, str]]:
    """(part, text) for every text a reader or a program may show of the package: paragraphs, chart
    words, embedded workbooks' strings and sheet names, core and app properties."""
    found = [(p.part, p.text) for p in paragraphs(docx)]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            if name.endswith((".xlsx", ".xlsm")):
                found += [(f"{name}!{part}", text) for part, text in _workbook(package.read(name))]
            elif name in _CORE:
                root = etree.fromstring(package.read(name))
                found += [(name, el.text) for el in root.iter() if el.text and el.text.strip()]
    return found


def _workbook(data: bytes) -> list[tuple[str, str]]:
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            if name.endswith("sharedStrings.xml") or name.endswith("workbook.xml") or "/worksheets/" in name:
                root = etree.fromstring(book.read(name))
                for el in root.iter():
                    if not isinstance(el.tag, str):
                        continue
                    local = etree.QName(el).localname
                    if local == "t" and el.text:
                        found.append((name, el.text))
                    elif local == "sheet" and el.get("name"):
                        found.append((name, el.get("name")))
    return found
