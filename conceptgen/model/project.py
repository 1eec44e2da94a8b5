"""project.yaml: what the concept is, who it is for, and which documents to produce."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import Field, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from conceptgen.diagnostics import Level
from conceptgen.model.base import Date, Id, StrictModel, Text
from conceptgen.model.outline import Outline


class DocumentStatus(StrEnum):
    ENTWURF = "Entwurf"
    ENDFASSUNG = "Endfassung"


class Locale(StrEnum):
    DE = "de"
    EN = "en"


_PLAIN_NAME = re.compile(
    r"^([^/\\:*?\"<>|\x00-\x1f.][^/\\:*?\"<>|\x00-\x1f]*/)?[^/\\:*?\"<>|\x00-\x1f]+\.docx$"
)
PLACEHOLDERS = ("{code}", "{name}", "{id}")


class DocumentSpec(StrictModel):
    """One document to produce from the project."""

    template: str = Field("konzept", description="Vorlage: Ordner unter templates/ (z. B. konzept)")
    output: str = Field(description="Dateiname der Ausgabe in build/, endet auf .docx")
    title: str | None = Field(None, description="Titel dieses Dokuments, falls abweichend vom Projekttitel")
    date: Date | None = Field(
        None, description="Datum dieses Dokuments, falls abweichend (z. B. ein Fortschrittsbericht)"
    )
    chapters: list[str] | None = Field(
        None,
        description="nur diese Kapitel (ihre Labels, z. B. [einleitung, massnahmen]): eine Kurzfassung",
    )
    outline: Id | Outline | None = Field(
        None,
        description="Gliederung: der Name einer Gliederung (outlines.yaml oder der Konzeptart) oder die "
        "Gliederung selbst; sonst die der Vorlage oder der Konzeptart",
    )
    texts: dict[Id, Id] = Field(
        default_factory=dict,
        description="Texte dieses Dokuments ersetzen: {einleitung: kurz_einleitung} nimmt "
        "text/kurz_einleitung.md, wo die Gliederung text/einleitung.md vorsieht",
    )
    area: Id | None = Field(
        None, description="das Gebiet, um das es geht (ein Auszug, ein Steckbrief): Bausteine zeigen es"
    )
    repeat: str | None = Field(
        None,
        description="ein Dokument je Gebiet dieser Art (z. B. Statistischer Bezirk; unit: die Gebiete, die "
        "die Sozialraumanalyse bewertet); output mit {code}, {name} oder {id}, z. B. "
        "Profile/Profil-{code}.docx",
    )
    _origin: int = PrivateAttr(-1)

    @property
    def origin(self) -> int:
        """The index of this document in project.yaml (a repeated document's copies share it)."""
        return self._origin

    @field_validator("output")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        if not _PLAIN_NAME.match(value) or value.startswith(".") or value.strip() != value or ".." in value:
            raise PydanticCustomError(
                "output_name",
                "„{value}“ ist kein einfacher Dateiname für eine .docx "
                '(höchstens ein Ordner, keines von :*?"<>|)',
                {"value": value},
            )
        return value


class Gender(StrEnum):
    M = "m"
    F = "f"
    N = "n"


class TermForms(StrictModel):
    """A word of vocabulary.terms given with its forms, for a noun the lexicon does not know or declines
    otherwise: {word: Vorhaben, gender: n, genitive: Vorhabens, plural: Vorhaben}. A form not given is
    the nominative of its number."""

    word: Text = Field(description="das Wort im Nominativ Singular, z. B. Projekt")
    gender: Gender | None = Field(
        None, description="Genus: m, f oder n (sonst aus dem Wörterverzeichnis von conceptgen)"
    )
    plural: str | None = Field(None, description="Nominativ Plural, z. B. Projekte")
    genitive: str | None = Field(None, description="Genitiv Singular, z. B. Projekts (des Projekts)")
    dative: str | None = Field(None, description="Dativ Singular, wenn anders als der Nominativ")
    accusative: str | None = Field(None, description="Akkusativ Singular, wenn anders als der Nominativ")
    genitive_plural: str | None = Field(None, description="Genitiv Plural, wenn anders als der Nominativ")
    dative_plural: str | None = Field(None, description="Dativ Plural, z. B. Projekten")
    adjective: str | None = Field(None, description="Stamm eines Adjektivs davor, z. B. Statistisch")
    stem: str | None = Field(None, description="Anfang eines zusammengesetzten Worts, z. B. Projekt")


class Vocabulary(StrictModel):
    """The project's own words and lists: a city says „Stadt“ and „Stadtbezirk“, a county „Kreis“ and
    „Kommune“; every generated word can be replaced (conceptgen terms lists them)."""

    levels: list[Text] | None = Field(
        None,
        description="Wirkungsebenen der Maßnahmen (sonst die der Konzeptart, z. B. kommunal, kreisweit, "
        "überregional)",
    )
    terms: dict[str, Text | TermForms] = Field(
        default_factory=dict,
        description="Wörter, die conceptgen schreibt, z. B. {region: Stadt, area_unit: Stadtbezirk}; ein "
        "Nomen mit seinen Formen, wo das Wörterverzeichnis es nicht kennt: {measure: {word: Vorhaben, "
        "gender: n, genitive: Vorhabens, plural: Vorhaben}}",
    )


class ProjectMeta(StrictModel):
    """project.yaml: title page, metadata and the documents to produce."""

    title: Text = Field(description="Titel des Konzepts (Titelblatt)")
    subtitle: str | None = Field(None, description="Untertitel")
    short_title: str | None = Field(None, description="Kurztitel für die Kopfzeile")
    client: Text = Field(description="Auftraggeber (z. B. Rhein-Kreis Neuss)")
    client_department: str | None = Field(None, description="Fachbereich des Auftraggebers")
    contractor: Text = Field(description="Auftragnehmer (Beratungsbüro)")
    date: Date = Field(description="Datum des Dokuments (2024-05-02 oder 02.05.2024)")
    version: Text = Field(description="Versionsangabe, z. B. 1.0")
    status: DocumentStatus = Field(DocumentStatus.ENTWURF, description="Entwurf oder Endfassung")
    authors: list[Text] = Field(default_factory=list, description="Autor*innen")
    locale: Locale = Field(Locale.DE, description="Sprache des Dokuments: de (Standard) oder en")
    concept_type: Text = Field(
        description="Konzeptart, eine der registrierten (conceptgen types), z. B. Wohnungsnotfallkonzept, "
        "Sozialraumanalyse, Inklusionsplanung, Gewaltschutzkonzept, Integriertes Handlungskonzept, Befragung"
    )
    sample_data: bool = Field(
        False, description="true: Projekt enthält Beispieldaten (Hinweis auf Titelblatt)"
    )
    sample_note: str | None = Field(None, description="Erläuterung zu den Beispieldaten")
    documents: list[DocumentSpec] = Field(min_length=1, description="Zu erzeugende Dokumente")
    vocabulary: Vocabulary = Field(
        default_factory=Vocabulary, description="Eigene Wörter und Listen des Projekts"
    )
    checks: dict[str, Level] = Field(
        default_factory=dict,
        description="Prüfstufen je Code: error, warning oder ignore (z. B. CG301: ignore)",
    )
