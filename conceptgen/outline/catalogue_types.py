"""Blocks of the other concept types (docs/konzeptarten.md): the article register of an Inklusionsplan,
the article assessment and the benchmarks of a Gewaltschutzkonzept, the SWOT and the cost and financing
plan of an Integriertes Handlungskonzept. Built by code (document/type_blocks.py) in the template's
styles; any concept may place them."""

from __future__ import annotations

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import StrictModel
from conceptgen.model.monitoring import actual_values
from conceptgen.outline.block_spec import BlockSpec, tab


class ArticleChoice(StrictModel):
    articles: list[int] | None = Field(
        None,
        description="nur diese Artikel; sonst die relevanten (konvention.yaml) und alle, die Ziele und "
        "Maßnahmen nennen",
    )


class AssessmentChoice(StrictModel):
    summary: bool = Field(True, description="vor der Tabelle der Stand je Kapitel der Konvention")


class FinancingChoice(StrictModel):
    chart: bool = Field(True, description="gestapelte Säulen: Kosten je Jahr nach Quellen")
    years: bool = Field(True, description="Tabelle: Finanzierung je Jahr nach Quellen")


class AreaMapChoice(StrictModel):
    kind: str | None = Field(None, description="Gebietsart der Karte (wie in geometry); sonst die erste")
    title: str | None = Field(None, description="Titel; sonst „Das Untersuchungsgebiet und seine Teilräume“")


def area_map_kind(concept: Concept, params: StrictModel) -> str | None:
    kind = getattr(params, "kind", None)
    if kind:
        return kind
    return concept.geometry[0].kind if concept.geometry else None


def area_map_label(concept: Concept, params: StrictModel) -> str:
    kind = area_map_kind(concept, params) or ""
    return "fig:karte-" + "".join(c if c.isalnum() else "-" for c in kind.lower())


class StatusChoice(StrictModel):
    charts: bool = Field(True, description="je Kennzahl mit Ziel ein Liniendiagramm: Ist und Zielpfad")


def charted(concept: Concept, data: object = None) -> list[str]:
    """The indicators the block indicator_status draws: a target and a baseline value (typed, or from
    the data or the actual values in its year)."""
    values = getattr(data, "indicator_values", None) or {}
    found = []
    for k in concept.indicators:
        if k.target is None or k.baseline is None:
            continue
        actuals = actual_values(k, concept.monitoring, values)
        if k.baseline.value is not None or k.baseline.year in actuals:
            found.append(k.id)
    return found


def _status_entries(concept: Concept, data: object, params: StrictModel) -> list:
    if concept.monitoring is None:
        return []
    charts = [f"fig:pfad-{i}" for i in charted(concept, data)] if getattr(params, "charts", True) else []
    return tab("tab:kennzahlen-stand", *charts)


def _convention(concept: Concept) -> bool:
    return concept.convention is not None


def _assessed(concept: Concept) -> bool:
    return concept.convention is not None and bool(concept.convention.assessment)


def _financing_entries(concept: Concept, params: StrictModel) -> list:
    labels = ["tab:kosten-jahre", "tab:finanzierung-quellen"]
    if getattr(params, "years", True):
        labels.append("tab:finanzierung-jahre")
    if getattr(params, "chart", True):
        labels.append("fig:finanzierung")
    return tab(*labels)


TYPE_BLOCKS: dict[str, BlockSpec] = {
    spec.name: spec
    for spec in (
        BlockSpec(
            "area_map",
            "Karte der Gebiete einer Art aus inventory.yaml (geometry): das Untersuchungsgebiet mit seinen "
            "Teilräumen, je Gebiet eine Farbe und sein Name",
            AreaMapChoice,
            snippet=False,
            entries=lambda c, p: [("label", area_map_label(c, p))] if c.geometry else [],
            data_entries=lambda c, d, p: (
                [("label", area_map_label(c, p))] if area_map_kind(c, p) in d.geometry else []
            ),
            empty=lambda c, p: not c.geometry,
        ),
        BlockSpec(
            "monitoring_summary",
            "Fortschrittsbericht: der Stand im Berichtsjahr auf einen Blick — Kennzahlen je Ampelstufe, "
            "Maßnahmen je Umsetzungsstand",
            snippet=False,
            entries=lambda c, p: tab("tab:monitoring-stand") if c.monitoring else [],
            empty=lambda c, p: c.monitoring is None,
        ),
        BlockSpec(
            "indicator_status",
            "Fortschrittsbericht: je Kennzahl Ausgangswert, Ziel, Soll und Ist im Berichtsjahr, Rückstand "
            "auf den Zielpfad und Ampel (Symbol und Wort), dazu je Kennzahl ein Diagramm Ist gegen Zielpfad",
            StatusChoice,
            snippet=False,
            entries=lambda c, p: _status_entries(c, None, p),
            data_entries=_status_entries,
            empty=lambda c, p: c.monitoring is None or not c.indicators,
        ),
        BlockSpec(
            "measure_progress",
            "Fortschrittsbericht: Stand jeder Maßnahme im Berichtsjahr und im letzten Bericht, mit der "
            "Veränderung (vorangekommen, abgeschlossen, zurückgestellt …) und Bemerkungen",
            snippet=False,
            entries=lambda c, p: tab("tab:massnahmen-stand") if c.monitoring else [],
            empty=lambda c, p: c.monitoring is None or not c.monitoring.measures,
        ),
        BlockSpec(
            "article_register",
            "Artikelregister: je Artikel der Konvention (UN-BRK, Istanbul-Konvention) die Ziele und "
            "Maßnahmen, die ihn aufgreifen; nicht aufgegriffene Artikel benannt",
            ArticleChoice,
            snippet=False,
            entries=lambda c, p: tab("tab:artikelregister") if _convention(c) else [],
            empty=lambda c, p: not _convention(c),
        ),
        BlockSpec(
            "article_assessment",
            "Bestandsaufnahme nach Artikeln: Artikel × Stand (erfüllt, teilweise, nicht erfüllt) mit "
            "Befund, Angeboten und Maßnahmen, dazu der Stand je Kapitel",
            AssessmentChoice,
            snippet=False,
            entries=lambda c, p: (
                tab(*(["tab:artikel-stand"] if p.summary else []), "tab:artikel-bewertung")
                if _assessed(c)
                else []
            ),
            empty=lambda c, p: not _assessed(c),
        ),
        BlockSpec(
            "benchmarks",
            "Plätze und Kapazitäten gegenüber Richtwerten je Einwohner*innen oder Frauen: Soll, Bestand, "
            "Differenz, Deckung, mit der Quelle jedes Richtwerts",
            snippet=False,
            entries=lambda c, p: tab("tab:richtwerte") if c.benchmarks else [],
            empty=lambda c, p: not c.benchmarks,
        ),
        BlockSpec(
            "swot",
            "SWOT: Stärken, Schwächen, Chancen und Risiken in vier Feldern",
            snippet=False,
            entries=lambda c, p: tab("tab:swot") if c.swot else [],
            empty=lambda c, p: c.swot is None,
        ),
        BlockSpec(
            "financing_plan",
            "Kosten- und Finanzierungsplan: Kosten je Projekt und Jahr, Finanzierung je Projekt nach "
            "Bund/Land, Eigenanteil und Dritten, je Jahr nach Quellen, mit Summen, die aufgehen",
            FinancingChoice,
            snippet=False,
            entries=lambda c, p: _financing_entries(c, p) if c.financing else [],
            empty=lambda c, p: c.financing is None,
        ),
    )
}
