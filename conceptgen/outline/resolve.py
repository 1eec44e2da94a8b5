"""The outline of each document, resolved and checked in ``check``: which chapters, texts and blocks it
holds, their levels and numbers, and every label it defines (so that references are checked before
anything is rendered, and a reference into another document becomes text instead of an error).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from conceptgen.diagnostics import Diagnostic, Location, diagnostic, did_you_mean, relative
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import KeyPath, format_path
from conceptgen.model import Concept
from conceptgen.model.concept_types import concept_type
from conceptgen.model.outline import (
    BlockItem,
    ChapterItem,
    HeadingItem,
    Item,
    PageBreakItem,
    SectionItem,
    TextItem,
)
from conceptgen.model.project import DocumentSpec
from conceptgen.model.validate import error_message_de
from conceptgen.outline.block import Block
from conceptgen.outline.ids import REFERENCE_HINTS, REFERENCE_NAMES, known_ids
from conceptgen.outline.nodes import DocumentOutline, Node
from conceptgen.outline.references import number, unused
from conceptgen.terms import Terms
from conceptgen.workspace import Template

MAX_LEVEL = 3
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def resolve_outlines(
    concept: Concept,
    source: ProjectSource,
    templates: list[Template | None],
    terms: Terms,
    data: Any = None,
    *,
    blocks: Mapping[str, Block],
    showing: Iterable[Block] | None = None,
) -> tuple[list[DocumentOutline | None], list[Diagnostic]]:
    """The outline of every document (None for a template with fixed chapters), and what is wrong.
    ``blocks``: the blocks an outline may place, by name (the registry, conceptgen/blocks); ``showing``:
    those of them that show an entry of the data (``Block.shows``; default: found among ``blocks``)."""
    outlines: list[DocumentOutline | None] = []
    found: list[Diagnostic] = []
    said: set[tuple[str, str]] = set()
    for index, (spec, template) in enumerate(zip(concept.project.documents, templates, strict=True)):
        if template is None:
            outlines.append(None)
            continue
        resolver = _Resolver(concept, source, spec, index, template, terms, blocks)
        resolver.data = data
        outlines.append(resolver.resolve())
        found += resolver.problems
        for problem in resolver.once:  # a finding at one place is said once per project (not per document)
            key = (
                (problem.code, str(problem.location), problem.key_path)
                if problem.location
                else (problem.code, problem.message)
            )
            if key not in said:
                found.append(problem)
                said.add(key)
    found += unused(concept, source, outlines, blocks.values() if showing is None else showing)
    return outlines, found


class _Resolver:
    def __init__(
        self,
        concept: Concept,
        source: ProjectSource,
        spec: DocumentSpec,
        index: int,
        template: Template,
        terms: Terms,
        blocks: Mapping[str, Block],
    ):
        self.blocks = blocks
        self.concept = concept
        self.source = source
        self.spec = spec
        self.index = index
        self.template = template
        self.terms = terms
        self.problems: list[Diagnostic] = []
        self.once: list[Diagnostic] = []  # about the template or the data, said once per project
        self.data: Any = None  # the analysed data (DataResult): which maps and survey questions exist
        self.where: KeyPath = ("project", "documents", spec.origin)
        self.document = spec.output

    def _locate(self, path: KeyPath) -> Location:
        location = self.source.locate(path) if path and path[0] in self.source.section_maps else None
        location = location or self.source.locate((*self.where, "outline"))
        if location is None:  # an outline of a template or a concept type
            location = Location(relative(self.template.folder / "template.yaml"))
        return location

    def problem(self, code: str, message: str, path: KeyPath, hint: str = "") -> None:
        self.problems.append(
            diagnostic(
                code,
                f"{message} (in {self.document})",
                self._locate(path),
                key_path=format_path(path),
                hint=hint,
            )
        )

    # --- which outline ---------------------------------------------------------------------------

    def items(self) -> tuple[list[Item], KeyPath] | None:
        outline = self.spec.outline
        path: KeyPath = (*self.where, "outline")
        if outline is None and self.template.config.outline:
            outline = self.template.config.outline  # the template's own (checked with the template)
            path = ()
        if outline is None:
            if not self.template.layout.has_body:
                return None  # a template with its chapters built in (the older form)
            return list(concept_type(self.concept.project.concept_type).outline), ()
        if not self.template.layout.has_body:
            self.problem(
                "CG409",
                f"Vorlage „{self.template.name}“ hat keinen Platz für eine Gliederung",
                path,
                hint="einen Absatz {{p body }} dorthin setzen, wo die Kapitel hingehören (docs/templates.md)",
            )
            return None
        if isinstance(outline, list):
            return list(outline), path
        if outline in self.concept.outlines:
            return list(self.concept.outlines[outline]), ("outlines", outline)
        from conceptgen.model.concept_types import by_slug

        builtin = by_slug(outline)
        if builtin is not None:
            return list(builtin.outline), ()
        from conceptgen.model.concept_types import concept_types

        known = [*self.concept.outlines, *(t.slug for t in concept_types().values())]
        self.problem("CG120", f"unbekannte Gliederung „{outline}“", path, hint=did_you_mean(outline, known))
        return None

    def resolve(self) -> DocumentOutline | None:
        found = self.items()
        if found is None:
            return None
        items, path = found
        # another document names this one by its own title, else by the short title its pages' headers
        # carry („Aktionsplan Merklinde“, not the cover's first line „Quartiersmanagement Merklinde“)
        project = self.concept.project
        document = DocumentOutline(
            self.index, self.spec.output, self.spec.title or project.short_title or project.title
        )
        self._mentions(items, document)
        if self.spec.chapters is not None:
            items = self._select(items, path)
        for i, item in enumerate(items):
            item_path = (*path, i) if path else (*self.where, "outline")
            if not isinstance(item, ChapterItem):
                self.problem("CG120", "eine Gliederung beginnt mit Kapiteln (chapter:)", item_path)
                continue
            document.nodes += self._heading(item, 1, item_path, document)
        self._labels(document)
        return document

    def _select(self, items: list[Item], path: KeyPath) -> list[Item]:
        """Only the chapters the document names in ``chapters:`` (a short version)."""
        wanted = list(self.spec.chapters or [])
        labels = [i.label for i in items if isinstance(i, ChapterItem) and i.label]
        for k, name in enumerate(wanted):
            if name not in labels:
                self.problem(
                    "CG110",
                    f"kein Kapitel mit dem Label „{name}“ (sec:{name}) in der Gliederung",
                    (*self.where, "chapters", k),
                    hint=did_you_mean(name, labels) or f"Kapitel: {', '.join(labels)}",
                )
        return [i for i in items if isinstance(i, ChapterItem) and i.label in wanted]

    def _mentions(self, items: list[Item], document: DocumentOutline) -> None:
        """Texts, tables and charts the outline names anywhere, also in chapters that ``chapters:`` leaves
        out (they are not unused: the outline places them)."""
        for item in items:
            if isinstance(item, TextItem):
                name = self.spec.texts.get(item.text, item.text)
                if "{area}" in name:  # a text per area: each area's text counts as placed
                    document.mentioned |= {name.replace("{area}", a.id) for a in self.concept.areas}
                else:
                    document.mentioned.add(name)
            elif isinstance(item, BlockItem) and item.block in self.blocks:
                block = self.blocks[item.block]
                try:
                    params = block.params.model_validate(dict(item.model_extra or {}))
                except ValidationError:
                    continue  # reported where the block is resolved
                document.mentioned |= block.mentions(self.concept, params)
            elif isinstance(item, HeadingItem):
                self._mentions(item.content, document)

    # --- items -----------------------------------------------------------------------------------

    def _heading(
        self,
        item: HeadingItem,
        level: int,
        path: KeyPath,
        document: DocumentOutline,
        area: str | None = None,
    ) -> list[Node]:
        if level > MAX_LEVEL:
            self.problem("CG112", f"Abschnitte sind tiefer als {MAX_LEVEL} Ebenen verschachtelt", path)
            return []
        if item.repeat is not None:
            return self._repeated(item, level, path, document)
        title = item.chapter if isinstance(item, ChapterItem) else item.section  # type: ignore[union-attr]
        node = Node(
            "heading", level, path, self._title(title, path, area), item.label, item.numbered, area=area
        )
        if area is not None and item.label:
            node.label = f"{item.label}-{area}"  # one label per repeated section
        children: list[Node] = []
        for j, child in enumerate(item.content):
            child_path = (*path, "content", j)
            if isinstance(child, ChapterItem):
                self.problem("CG120", "ein Kapitel in einem Kapitel; section: schreiben", child_path)
            elif isinstance(child, SectionItem):
                children += self._heading(child, level + 1, child_path, document, area)
            elif isinstance(child, TextItem):
                children += self._text(child, level, child_path, document, area)
            elif isinstance(child, BlockItem):
                children += self._block(child, level, child_path, area)
            elif isinstance(child, PageBreakItem) and child.page_break:
                children.append(Node("page_break", level, child_path))
        if item.optional and not any(c.kind in ("text", "block") for c in children):
            return []
        return [node, *children]

    def _repeated(
        self, item: HeadingItem, level: int, path: KeyPath, document: DocumentOutline
    ) -> list[Node]:
        """A section once per area of its ``repeat`` kind (by code), each about its area."""
        kind = item.repeat
        if kind == "unit" and self.concept.social_space is not None:
            kind = self.concept.social_space.unit  # the areas the analysis rates
        areas = sorted((a for a in self.concept.areas if a.kind == kind), key=lambda a: (a.code or "", a.id))
        if not areas:
            kinds = sorted({a.kind for a in self.concept.areas if a.kind})
            self.problem(
                "CG104",
                f"kein Gebiet der Art „{kind}“, über das wiederholt werden kann",
                (*path, "repeat") if path else path,
                hint=did_you_mean(str(kind), kinds) or f"Gebietsarten: {', '.join(kinds) or 'keine'}",
            )
            return []
        once = item.model_copy(update={"repeat": None})
        nodes: list[Node] = []
        for area in areas:
            found = self._heading(once, level, path, document, area.id)
            if nodes and found:  # one page per area: a profile never starts at a page's foot
                found[0].new_page = True
            nodes += found
        return nodes

    def _title(self, title: str, path: KeyPath, area: str | None = None) -> str:
        values = dict(self.terms)
        values["working_group"] = self.concept.working_group.name if self.concept.working_group else ""
        values["client"] = self.concept.project.client
        chosen = next((a for a in self.concept.areas if a.id == (area or self.spec.area)), None)
        if chosen is not None:
            values["area_name"], values["area_code"] = chosen.name, chosen.code or chosen.id
        try:
            names = {name for _text, name, _spec, _conv in string.Formatter().parse(title) if name}
        except ValueError:
            names = set()
        unknown = sorted(names - set(values))
        if unknown:
            self.problem(
                "CG104",
                f"unbekanntes Wort {{{unknown[0]}}} in einem Titel",
                (*path, "chapter") if path else path,
                hint=did_you_mean(unknown[0], values)
                or "Namen von „conceptgen terms“, working_group, client",
            )
            return title
        return title.format_map(values) if names else title

    def _text(
        self, item: TextItem, level: int, path: KeyPath, document: DocumentOutline, area: str | None = None
    ) -> list[Node]:
        name = self.spec.texts.get(item.text, item.text)
        if "{area}" in name:  # a text of each area: text/profil_{area}.md
            name = name.replace("{area}", area or self.spec.area or "")
        if name not in self.source.texts:
            if not item.optional:
                self.problem(
                    "CG404",
                    f"die Gliederung braucht text/{name}.md, die Datei gibt es nicht",
                    (*path, "text") if path else path,
                    hint=did_you_mean(name, self.source.texts) or f"text/{name}.md anlegen",
                )
            return []
        document.texts.add(name)
        return [Node("text", level, path, text=name)]

    def _block(self, item: BlockItem, level: int, path: KeyPath, area: str | None = None) -> list[Node]:
        spec = self.blocks.get(item.block)
        if spec is None:
            self.problem(
                "CG121",
                f"unbekannter Baustein „{item.block}“",
                (*path, "block") if path else path,
                hint=did_you_mean(item.block, self.blocks) or "die Bausteine listet „conceptgen blocks“",
            )
            return []
        params = self._params(spec, item, path)
        if params is None:
            return []
        area = area or self.spec.area
        fields = spec.params.model_fields
        if area is not None and "area" in fields and params.area is None:
            params = params.model_copy(update={"area": area})
        if area is not None and "areas" in fields and params.areas is None:
            params = params.model_copy(update={"areas": [area]})  # an extract shows its own area
        if "area" in fields and params.area is None and self.concept.social_space is not None:
            self.problem(
                "CG103",
                f"Baustein {spec.name} braucht ein Gebiet",
                (*path, "block") if path else path,
                hint="area: angeben oder ihn in ein Dokument oder einen Abschnitt mit repeat:/area: setzen",
            )
            return []
        for kind, ident in spec.references(params):
            known = known_ids(self.concept, self.data, kind)
            if ident not in known:
                self.problem(
                    "CG110",
                    f"{REFERENCE_NAMES.get(kind, 'unbekannte ID')} „{ident}“",
                    (*path, "id") if path else path,
                    hint=did_you_mean(ident, known)
                    or REFERENCE_HINTS.get(kind, "siehe data.yaml, charts.yaml"),
                )
                return []
        if spec.snippet and spec.name not in self.template.layout.snippets and not spec.has_look:
            self.problem(
                "CG409",
                f"Vorlage „{self.template.name}“ hat kein Snippet für den Baustein „{spec.name}“",
                (*path, "block") if path else path,
                hint=f"[[block:{spec.name}]] mit seinem Aussehen in die Bausteine der Vorlage aufnehmen",
            )
            return []
        lost = spec.lost_map(self.concept)
        if lost is not None:  # said once where the outline places it (62 profiles: one finding)
            where = (*path, "block") if path else path
            message = f"{lost[1]} (in {self.document})"
            self.once.append(
                diagnostic(lost[0], message, self._locate(where), key_path=format_path(where), hint=lost[2])
            )
        for code, message, where, hint in spec.problems(self.concept, params):
            location = self.source.locate(where) if where and where[0] in self.source.section_maps else None
            self.once.append(diagnostic(code, message, location, key_path=format_path(where), hint=hint))
        if spec.empty(self.concept, params):
            return []
        return [Node("block", level, path, block=spec.name, spec=spec, params=params, area=area)]

    def _params(self, spec: Block, item: BlockItem, path: KeyPath) -> Any:
        extra = dict(item.model_extra or {})
        try:
            return spec.params.model_validate(extra)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = tuple(error["loc"])
                if error["type"] == "extra_forbidden":
                    known = list(spec.params.model_fields)
                    self.problem(
                        "CG101",
                        f"Baustein {spec.name} hat keinen Parameter „{loc[-1]}“",
                        (*path, *loc) if path else path,
                        hint=did_you_mean(str(loc[-1]), known)
                        or f"Parameter von {spec.name}: {', '.join(known) or 'keine'}",
                    )
                else:
                    where = ".".join(str(part) for part in loc)
                    self.problem(
                        "CG103",
                        f"Baustein {spec.name}, {where}: {error_message_de(error)}",
                        (*path, *loc) if path else path,
                    )
            return None

    # --- labels ----------------------------------------------------------------------------------

    def _labels(self, document: DocumentOutline) -> None:
        """Every label the document defines, with the number of the chapter or section it is in."""
        seen: dict[str, KeyPath] = {}
        layout = self.template.layout
        for label, place, node in number(document, self.concept, self.source, self.data):
            path = node.path
            if self._own_snippet(node) and not layout.snippet_defines(node.block, label):
                document.dropped[label] = self.template.name  # the template's snippet does not write it
                continue
            if label in seen:
                self.problem(
                    "CG111",
                    f"Label „{label}“ ist doppelt vergeben",
                    path,
                    hint="Labels müssen eindeutig sein",
                )
                continue
            seen[label] = path
            document.labels[label] = place
        self._snippet_labels(document)

    def _own_snippet(self, node: Node) -> bool:
        """Whether a block node takes its look from the template's own snippet (not the block's look, which
        writes exactly the labels the block declares: tests/test_blocks.py)."""
        return (
            node.kind == "block"
            and node.spec is not None
            and node.spec.snippet
            and not node.spec.data_labels
            and node.block in self.template.layout.snippets
        )

    def _snippet_labels(self, document: DocumentOutline) -> None:
        """CG140 for a label a block declares that the template's snippet does not write (references to it
        cannot resolve), CG141 for a label a snippet writes that its block does not declare."""
        layout, where = self.template.layout, Location(relative(self.template.docx))
        declared: dict[str, list[str]] = {}
        forms: dict[str, tuple[str, ...]] = {}
        for node in document.nodes:
            if self._own_snippet(node) and node.spec is not None:
                labels = node.spec.entries_with(self.concept, self.data, node.params)
                declared.setdefault(node.block, []).extend(label for _kind, label in labels if label)
                forms[node.block] = node.spec.labels
        for block, labels in declared.items():
            missing = sorted({label for label in labels if label in document.dropped})
            marker = f"[[block:{block}]]"
            if missing:
                shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
                self.once.append(
                    diagnostic(
                        "CG140",
                        f"der Ausschnitt {marker} der Vorlage „{self.template.name}“ schreibt das Label "
                        f"{shown} nicht, das der Baustein {block} setzt: Verweise darauf laufen ins Leere",
                        where,
                        hint=f"die Beschriftung im Ausschnitt um [[{missing[0]}]] ergänzen (wie in der "
                        "Vorlage konzept) oder den Ausschnitt löschen: dann gilt das Aussehen des Bausteins",
                    )
                )
            for pattern in layout.snippet_labels.get(block, ()):
                if not any(pattern.fullmatch(form.replace("{}", "X1")) for form in forms[block]):
                    written = pattern.pattern.replace("\\", "").replace(".+", "…")
                    self.once.append(
                        diagnostic(
                            "CG141",
                            f"der Ausschnitt {marker} der Vorlage „{self.template.name}“ schreibt das Label "
                            f"{written}, das der Baustein {block} nicht setzt: check kennt es nicht",
                            where,
                            hint=f"der Baustein setzt {', '.join(forms[block]) or 'keine Labels'} "
                            "(docs/blocks.md); das Label im Ausschnitt so schreiben",
                        )
                    )
