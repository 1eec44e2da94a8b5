"""kommentare.yaml: the client's comments on a draft, as `conceptgen review` found them, with the
consultancy's answers — shown in the preview and, on request, as Word comments in the next draft."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from conceptgen.model.base import Date, StrictModel


class CommentStatus(StrEnum):
    OPEN = "offen"
    ANSWERED = "beantwortet"
    DONE = "erledigt"
    REJECTED = "abgelehnt"
    APPLIED = "übernommen"


class ReviewReply(StrictModel):
    author: str = Field("", description="Wer geantwortet hat")
    date: Date | None = None
    text: str = Field(description="Die Antwort im Dokument")


class ReviewComment(StrictModel):
    id: str = Field(description="Kennung, die conceptgen review vergibt (bleibt bei jedem Lauf gleich)")
    document: str = Field("", description="Das Dokument (Ausgabedatei), in dem kommentiert wurde")
    kind: str = Field("Kommentar", description="Kommentar oder Art der Änderung (Ersetzung, Löschung …)")
    author: str = ""
    date: Date | None = None
    text: str = Field(description="Der Kommentar, oder was die Änderung vorschlägt")
    passage: str = Field("", description="Die kommentierte Textstelle")
    source: str = Field("", description="Woher die Stelle kommt: Datei:Zeile:Spalte im Projekt")
    key: str = Field("", description="Das YAML-Feld der Stelle, z. B. measures[0].lead")
    page: int | None = Field(None, ge=1, description="Seite im zurückgegebenen Dokument")
    replies: list[ReviewReply] = Field(default_factory=list, description="Antworten im Dokument")
    status: CommentStatus = Field(
        CommentStatus.OPEN, description="offen, beantwortet, erledigt, abgelehnt, übernommen"
    )
    answer: str | None = Field(
        None, description="Die Antwort des Büros; erscheint mit render --comments im nächsten Entwurf"
    )
