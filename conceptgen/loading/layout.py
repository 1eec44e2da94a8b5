"""The project folder's layout: which YAML file holds which top-level sections of the concept."""

from __future__ import annotations

# project.yaml is special: the whole file is the section `project`.
FILE_SECTIONS: dict[str, tuple[str, ...]] = {
    "project.yaml": ("project",),
    "inventory.yaml": ("areas", "categories", "offers", "benchmarks", "geometry"),
    "needs.yaml": ("findings", "needs", "swot"),
    "goals.yaml": ("fields_of_action", "goals"),
    "indicators.yaml": ("indicators",),
    "measures.yaml": ("measures",),
    "participation.yaml": ("working_group", "interviews", "surveys", "networks", "events"),
    "sources.yaml": ("sources",),
    "abbreviations.yaml": ("abbreviations",),
    "data.yaml": ("datasets", "views", "tables", "analyses"),
    "charts.yaml": ("charts",),
    "outlines.yaml": ("outlines",),
    "sozialraum.yaml": ("social_space",),
    "befragung.yaml": ("questionnaire",),
    "konvention.yaml": ("convention",),
    "finanzierung.yaml": ("financing",),
    "monitoring.yaml": ("monitoring",),
    "kommentare.yaml": ("comments",),
}
TEXT_DIR = "text"
