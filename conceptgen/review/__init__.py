"""``conceptgen review PROJECT RETURNED.docx``: the client's answer — the comments and tracked changes of a
returned Word file — taken back to the YAML fields and Markdown texts that made each passage.

- returned.py: the file, opened safely (CG900–CG901);
- ooxml/revisions.py: its comments, replies and changes, each with the review anchor it lies in;
- entries.py: the review list, each entry with its source (file:line:column, key path);
- apply.py: ``--apply``, changes carried into the sources (texts and plain scalars; generated parts
  only listed);
- report.py: the list as a terminal table, an XLSX for the working group, a Markdown page;
- comments.py: ``kommentare.yaml``, the comments with their answers, carried into the next draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conceptgen.diagnostics import Diagnostic, DiagnosticError, Level, Location, relative
from conceptgen.loading import ProjectSource, load_project
from conceptgen.model import Concept
from conceptgen.model.validate import validate_concept
from conceptgen.ooxml.returned import Returned
from conceptgen.review.apply import Edit, plan
from conceptgen.review.entries import Entry, SourceIndex, build_entries, check_returned
from conceptgen.review.returned import find_pages, open_returned


@dataclass
class Review:
    """A returned file read against its project."""

    root: Path
    file: Path
    document: str  # the document's output name, as written into it
    concept: Concept
    source: ProjectSource
    returned: Returned
    entries: list[Entry]
    edits: list[Edit]
    warnings: list[Diagnostic]


def review(root: Path, file: Path, *, pages: bool = False) -> Review:
    """Read ``file`` (a document of the project ``root`` returned with comments and changes) into its
    review list; ``pages``: find each entry's page with LibreOffice when the file does not record where
    its pages broke (Word's files do, LibreOffice's do not). Raises DiagnosticError for a project that
    does not load or a file that is refused."""
    source, found = load_project(root)
    concept, schema = validate_concept(source)
    problems = [d for d in [*found, *schema] if d.level is Level.ERROR]
    if concept is None or problems:
        raise DiagnosticError(problems or found + schema)
    returned = open_returned(file)
    files, lost = check_returned(returned, concept, source, Location(relative(file)))
    index = SourceIndex(root, source, files)
    entries = build_entries(returned, index)
    if pages and not returned.paged:
        lost += find_pages(file, entries)
    edits = plan(root, source, returned, entries)
    return Review(
        root,
        file,
        returned.properties.get("dokument", file.name),
        concept,
        source,
        returned,
        entries,
        edits,
        [d for d in [*found, *schema] if d.level is not Level.ERROR] + lost,
    )
