"""``check``'s document pass: what render will write, read as a second reader would before a council does.

Every document's context is built as render builds it (the texts, tables, totals and charts as resolved),
without Word or LibreOffice; what a reader would stop at is reported at the YAML or Markdown that caused
it (docs/checks.md):

- CG320 a word written twice in a row („Kapitel Kapitel“), in a text or in a generated sentence;
- CG321 a printed total that its printed rows do not give (costs per interval, a table's sum row);
- CG323 a table column with nothing in it;
- CG324 one printed value given two classes in one table (−20 „im Rahmen“, then −20 „Unterversorgung“);
- CG325 a value on a chart in a colour that does not read on its segment (below 4.5:1);
- CG311 a chart a block draws whose categories repeat (charts.yaml's are checked with their data).

A measure sheet's empty description (CG322) is said by the block that shows it (its ``problems``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from conceptgen.colours import AA_TEXT, ratio_text
from conceptgen.data.chart_colours import value_labels
from conceptgen.data.charts import ChartResult
from conceptgen.diagnostics import Diagnostic, Location, diagnostic
from conceptgen.document.alt_figures import unshown
from conceptgen.document.tables import DataTable
from conceptgen.doubled_words import Doubled, doubled_words, same_word
from conceptgen.loading import ProjectSource
from conceptgen.loading.yaml_loader import format_path
from conceptgen.markup import REFERENCE, Located, Markdown
from conceptgen.terms.grammar import Noun

if TYPE_CHECKING:
    from conceptgen.language import Language
    from conceptgen.model import Concept
    from conceptgen.model.project import DocumentSpec

Context = dict[str, Any]


def document_charts(context: Context) -> list[ChartResult]:
    """Every chart a document's context holds: charts.yaml's, and those its blocks draw (a survey's,
    a profile's, the financing plan's, the progress report's), each once."""
    found: dict[int, ChartResult] = {}
    for value in _walk(context, set()):
        if isinstance(value, ChartResult):
            found.setdefault(id(value), value)
    return list(found.values())


def _walk(value: Any, seen: set[int]) -> Iterator[Any]:
    """``value`` and what it holds, depth first: mappings, sequences and dataclasses (a chart and a text
    are not entered); each object once. A stack, not nested generators (a document's context holds
    ≈ 13,000 objects; each level of ``yield from`` cost every value it passed on)."""
    stack = [value]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        yield value
        kind = type(value)
        if kind is str or isinstance(value, (ChartResult, Markdown)):
            continue
        if isinstance(value, dict):
            children: Any = list(value.values())
        elif isinstance(value, (list, tuple)):
            children = list(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            children = [getattr(value, f.name) for f in dataclasses.fields(value)]
        else:
            continue
        children.reverse()  # the first child on top: the same order as walking it recursively
        stack.extend(children)


@dataclasses.dataclass
class Reader:
    """The pass over a project's documents: what it found, each finding once."""

    concept: Concept
    source: ProjectSource
    language: Language
    found: list[Diagnostic] = dataclasses.field(default_factory=list)
    said: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)
    # a doubled text of generated sentences → the document that prints it
    generated: dict[str, tuple[Location, tuple]] = dataclasses.field(default_factory=dict)
    written: set[str] = dataclasses.field(default_factory=set)  # doubled texts found in the sources
    classes: frozenset[str] = frozenset()  # the words conceptgen classes values with
    # the objects read, per document origin and palette (the contexts live until the pass ends)
    seen: dict[tuple, set[int]] = dataclasses.field(default_factory=dict)

    nouns: frozenset[str] = frozenset()  # every form of the nouns conceptgen writes, case-folded
    tasks: frozenset[str] = frozenset()  # the IDs of tasks: a reference to one writes „Aufgabe“

    def __post_init__(self) -> None:
        self.classes = _class_words(self.concept, self.language)
        self.nouns = _nouns(self.language)
        self.tasks = frozenset(t.id for m in self.concept.measures for t in m.tasks)

    def say(
        self, code: str, message: str, location: Location | None, path: tuple = (), hint: str = ""
    ) -> None:
        key = (code, message, str(location))
        if key not in self.said:
            self.said.add(key)
            self.found.append(diagnostic(code, message, location, key_path=format_path(path), hint=hint))

    def document(self, spec: DocumentSpec, context: Context, palette: list[str]) -> None:
        """Read one document's context."""
        path = ("project", "documents", spec.origin)
        place = self.source.locate(path)
        # what an earlier document of the same place and palette showed was read there (the documents
        # of a batch share most of their context: 550 profiles would read the same areas 550 times)
        seen = self.seen.setdefault((spec.origin, tuple(palette)), set())
        tables: list[DataTable] = []
        charts: list[ChartResult] = []
        for value in _walk(context, seen):
            if isinstance(value, Markdown):
                self._doubled_in_source(value.source, value.location)
                self._before_references(value.source, value.location)
            elif isinstance(value, Located):
                self._doubled_in_source(str(value), value.location)
            elif isinstance(value, str):
                for found in _doubled(value):
                    self.generated.setdefault(found.text, (place, path))
            elif isinstance(value, DataTable):
                tables.append(value)
            elif isinstance(value, ChartResult):
                charts.append(value)
            elif isinstance(value, dict) and _is_cost_summary(value):
                self._cost_totals(value)
        for table in tables:
            self._table(table, place)
        for chart in charts:
            self._chart(chart, palette, place)

    def finish(self) -> list[Diagnostic]:
        """The findings, with doubled words of generated text that no source holds."""
        for text, (place, path) in self.generated.items():
            if text not in self.written:
                self.say(
                    "CG320",
                    f"„{text}“: im erzeugten Text steht ein Wort zweimal hintereinander",
                    place,
                    path,
                    "ein Begriff des Vokabulars (project.yaml vocabulary) wiederholt das Wort davor; "
                    "den Begriff oder die Überschrift ändern",
                )
        return self.found

    # --- doubled words ---------------------------------------------------------------------------------

    def _doubled_in_source(self, text: str, location: Location | None) -> None:
        for found in _doubled(text):
            self.written.add(found.text)
            self.say(
                "CG320",
                f"„{found.text}“: ein Wort steht zweimal hintereinander",
                _at(text, found.start, location),
                hint="eines der beiden streichen",
            )

    def _before_references(self, text: str, location: Location | None) -> None:
        """A reference writes its word (@mass:2.1 → „Maßnahme 2.1“, @sec:x → „Kapitel 3“) unless the text
        says it already; another generated noun right before it makes two in a row („Aufgabe Maßnahme
        2.1“, as render would write it)."""
        if "@" not in text:
            return
        terms = self.language.terms
        for match in REFERENCE.finditer(text):
            kind = match.group(1)
            word = str(terms[f"caption.{kind}"] if kind in ("tab", "fig") else terms[f"ref.{kind}"])
            if kind == "mass" and match.group(2) in self.tasks:  # as render writes it
                word = str(terms["ref.task"])
            before = text[: match.start()]
            last = re.search(r"([^\W\d_][\w*\-]*)[ \u00a0]+$", before)
            said = (word, str(terms["ref.mass"])) if kind == "mass" else (word,)
            if not word or last is None or any(same_word(last.group(1), w) for w in said):
                continue
            if last.group(1).casefold() in self.nouns:
                written = f"{last.group(1)} {word} {match.group(2)}"
                self.say(
                    "CG320",
                    f"„{written}“: vor dem Verweis {match.group(0)} steht schon ein Begriff, der Verweis "
                    f"schreibt „{word}“ dazu",
                    _at(text, last.start(1), location),
                    hint=f"„{last.group(1)}“ streichen oder den Satz umstellen",
                )

    # --- totals ----------------------------------------------------------------------------------------

    def _cost_totals(self, block: Context) -> None:
        """Each printed total per interval against the rows that count (a „davon“ row does not)."""
        for total in block["totals"]:
            interval, printed = total["interval"], _amount(total["amount"], self.language)
            rows = [r for r in block["rows"] if not r.get("included")]
            parts = [_amount(str(r["costs"]), self.language) for r in rows if interval in str(r["costs"])]
            if printed is None or any(p is None for p in parts):
                continue
            got = sum(p for p in parts if p is not None)
            if abs(got - printed) > 0.005:
                self.say(
                    "CG321",
                    f"„{total['text']}“ steht unter Zeilen, die zusammen {self.language.money(got)} "
                    f"{interval} ergeben",
                    self.source.locate(("measures",)),
                    ("measures",),
                    "Kosten einer Aufgabe, die ihre Maßnahme schon enthält, mit costs: {includes_tasks: "
                    "true} an der Maßnahme kennzeichnen",
                )

    def _table(self, table: DataTable, place: Location) -> None:
        where = self._table_path(table)
        location = self.source.locate(where) if where else place
        if table.total is not None and where:
            self._table_total(table, where, location)
            if where[0] == "tables":
                self._total_gaps(table, where, location)
        none = self.language.terms["none"]
        for column, header in enumerate(table.headers):
            cells = [row[column].strip() for row in table.rows if column < len(row)]
            if cells and all(cell in ("", none, "–", "-") for cell in cells):
                path = (*where, "columns", column) if where and where[0] == "tables" else where
                self.say(
                    "CG323",
                    f"Tabelle „{table.title}“: die Spalte „{header}“ ist in jeder Zeile leer",
                    self.source.locate(path) if path else place,
                    path,
                    "die Spalte weglassen oder ihre Daten ergänzen",
                )
        self._classes(table, location, where)

    def _table_path(self, table: DataTable) -> tuple:
        for i, spec in enumerate(self.concept.tables):
            if spec.id == table.id:
                return ("tables", i)
        for i, spec in enumerate(self.concept.analyses):
            if spec.id == table.id:
                return ("analyses", i)
        return ()

    def _total_gaps(self, table: DataTable, where: tuple, location: Location) -> None:
        """A totals row that leaves a column of figures empty (the county's rate per 10.000 EW): CG323. A
        rank has no total."""
        ranks = {c.name for view in self.concept.views for c in view.compute if c.rank}
        names = [c.column for c in self.concept.tables[where[1]].columns]
        assert table.total is not None
        for column, header in enumerate(table.headers):
            if column == 0 or column >= len(names) or names[column] in ranks:
                continue
            cell = str(table.total[column] if column < len(table.total) else "").strip()
            numbers = [_number(row[column], self.language) for row in table.rows if column < len(row)]
            if cell in ("", "–", "-", self.language.terms["none"]) and numbers and None not in numbers:
                self.say(
                    "CG323",
                    f"Tabelle „{table.title}“: die Summenzeile lässt die Spalte „{header}“ leer",
                    self.source.locate((*where, "totals")),
                    (*where, "totals"),
                    "die Spalte unter totals: `sum`, `mean` oder `weighted` aufnehmen (Raten und "
                    "Veränderungen aus compute rechnet die Summenzeile selbst)",
                )

    def _table_total(self, table: DataTable, where: tuple, location: Location) -> None:
        """A table's sum row against its printed rows (data.yaml totals.sum; an analysis' counts)."""
        if where[0] == "tables":
            spec = self.concept.tables[where[1]]
            names = set(spec.totals.sum) if spec.totals else set()
            summed = [i for i, c in enumerate(spec.columns) if c.column in names]
        else:
            summed = [1, 2]  # inhabitants and supply; rate, reference and deviation are no sums
        assert table.total is not None
        for column in summed:
            printed = _number(table.total[column], self.language)
            parts = [_number(row[column], self.language) for row in table.rows]
            if printed is None or any(p is None for p in parts):
                continue
            numbers = [p for p in parts if p is not None]
            slack = sum(0.5 * 10**-d for _v, d in [printed, *numbers] if d) + 1e-9
            got = sum(v for v, _d in numbers)
            if abs(got - printed[0]) > slack:
                self.say(
                    "CG321",
                    f"Tabelle „{table.title}“: die Summe „{table.total[column]}“ der Spalte "
                    f"„{table.headers[column]}“ ergibt sich nicht aus ihren Zeilen "
                    f"({self.language.number(got, max(d for _v, d in [printed, *numbers]))})",
                    location,
                    (*where, "totals"),
                    "gerundete Werte: mehr Nachkommastellen zeigen; sonst die Summe prüfen",
                )

    def _classes(self, table: DataTable, location: Location, where: tuple) -> None:
        """A class column (words conceptgen writes: „Unterversorgung“, „im Rahmen“ …) next to the value it
        classes: one printed value with two classes is a contradiction a reader sees at once."""
        words = self.classes
        for column in range(1, len(table.headers)):
            cells = [row[column] for row in table.rows if column < len(row)]
            if not cells or not all(cell in words for cell in cells):
                continue
            classes: dict[str, set[str]] = {}
            for row in table.rows:
                classes.setdefault(row[column - 1], set()).add(row[column])
            for value, given in classes.items():
                if len(given) > 1 and value.strip():
                    self.say(
                        "CG324",
                        f"Tabelle „{table.title}“: {value} ist in einer Zeile „{sorted(given)[0]}“, in "
                        f"einer anderen „{sorted(given)[1]}“",
                        location,
                        where,
                        "die Einstufung folgt dem gedruckten Wert: Toleranz und Rundung prüfen",
                    )

    # --- charts ----------------------------------------------------------------------------------------

    def _chart(self, chart: ChartResult, palette: list[str], place: Location) -> None:
        where = next((("charts", i) for i, c in enumerate(self.concept.charts) if c is chart.chart), ())
        location = self.source.locate(where) if where else place
        for label in value_labels(chart, palette):
            if label.contrast < AA_TEXT:
                self.say(
                    "CG325",
                    f"Diagramm „{chart.chart.title}“: Werte in #{label.text} auf #{label.fill} erreichen nur "
                    f"{ratio_text(label.contrast)}",
                    location,
                    where,
                    "eine Palette der Vorlage mit anderen Farben wählen",
                )
                break
        stale = unshown(chart, self.language) if where else []
        if stale:
            self.say(
                "CG444",
                f"Diagramm „{chart.chart.title}“: der Alternativtext nennt {', '.join(stale)}, was das "
                "Diagramm nicht zeigt",
                self.source.locate((*where, "alt")),
                (*where, "alt"),
                "den Alternativtext an die Daten anpassen (ein Wert, eine Summe oder eine Zahl der "
                "Kategorien oder des Titels); eine Schwelle mit „unter“/„über“ davor wird nicht gelesen",
            )
        repeated = sorted({c for c in chart.categories if chart.categories.count(c) > 1})
        if repeated and not where and not chart.likert:
            self.say(
                "CG311",
                f"Diagramm „{chart.chart.title}“: die Kategorie „{repeated[0]}“ kommt mehrmals vor",
                place,
                ("project", "documents"),
                "Namen der Einträge eindeutig machen",
            )


def proofread(
    concept: Concept,
    source: ProjectSource,
    documents: list[tuple[DocumentSpec, Context, list[str]]],
    language: Language,
) -> list[Diagnostic]:
    """The document pass over each (document, context as render builds it, chart palette)."""
    reader = Reader(concept, source, language)
    for spec, context, palette in documents:
        reader.document(spec, context, palette)
    return reader.finish()


# --- helpers ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _doubled(text: str) -> tuple[Doubled, ...]:
    return tuple(doubled_words(text))


def _at(text: str, offset: int, location: Location | None) -> Location | None:
    """The location of ``offset`` in a text that starts at ``location``."""
    if location is None:
        return None
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    if line == 0:
        return Location(location.file, location.line, (location.column or 1) + column)
    return Location(location.file, location.line + line, column + 1)


def _is_cost_summary(value: Context) -> bool:
    rows, totals = value.get("rows"), value.get("totals")
    return (
        isinstance(rows, list)
        and isinstance(totals, list)
        and all(isinstance(r, dict) and "costs" in r and "included" in r for r in rows)
        and all(isinstance(t, dict) and {"interval", "amount", "text"} <= set(t) for t in totals)
    )


def _number(cell: str, language: Language) -> tuple[float, int] | None:
    """The number a cell prints (German 1.234,5 or English 1,234.5) and its decimals, or None for text."""
    text = str(cell).replace("\u00a0", " ").replace("\u2212", "-").strip()
    text = re.sub(r"\s*(€|%)$", "", text).strip()
    thousands, decimal = (".", ",") if language.german else (",", ".")
    pattern = rf"-?\d{{1,3}}(?:\{thousands}\d{{3}})*(?:\{decimal}\d+)?|-?\d+(?:\{decimal}\d+)?"
    if not re.fullmatch(pattern, text):
        return None
    whole, _sep, fraction = text.replace(thousands, "").partition(decimal)
    return float(f"{whole}.{fraction or 0}"), len(fraction)


def _amount(text: str, language: Language) -> float | None:
    """The amount of a costs text („davon 3.600.000 € einmalig“, „4.200.000 € einmalig (…)“)."""
    match = re.search(r"(-?[\d.,]+)\s*€|€\s*(-?[\d.,]+)", text.replace("\u00a0", " "))
    if not match:
        return None
    found = _number(match.group(1) or match.group(2), language)
    return found[0] if found else None


def _nouns(language: Language) -> frozenset[str]:
    """Every form of the nouns the language's terms write (Kapitel, Maßnahme, Aufgabe …), case-folded."""
    terms = language.terms
    found: set[str] = set()
    for key in terms:
        value = terms[key]
        if isinstance(value, Noun):
            found |= {form.casefold() for form in value.forms().values() if form and " " not in form}
    return frozenset(found)


def _class_words(concept: Concept, language: Language) -> frozenset[str]:
    """The words conceptgen classes a value with in a table: supply verdicts, the classes of a
    Sozialraumanalyse's indicators."""
    terms = language.terms
    words = {terms["under_supplied"], terms["above_average"], terms["within_range"]}
    social = concept.social_space
    if social is not None:
        for item in _walk(social.model_dump(), set()):
            if isinstance(item, dict) and isinstance(item.get("labels"), list) and "limits" in item:
                words |= {str(label) for label in item["labels"]}
    return frozenset(words)
