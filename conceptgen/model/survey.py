"""befragung.yaml: a survey's questionnaire, where its responses come from and how they are evaluated
(docs/befragung.md).

```yaml
questionnaire:
  title: Befragung zu den Stadt-Terrassen
  structure: data/limesurvey_survey_123456.txt     # questions from LimeSurvey's structure export
  responses:
    - {file: data/results-survey123456.csv, format: limesurvey, channel: online}
    - {file: data/papierboegen.xlsx, format: table, channel: Papier}
  questions:
    - {code: Q01, text: Haben Sie die Stadt-Terrassen bemerkt?, type: single, answers: {A1: Ja, A2: Nein}}
    - {code: Q05, type: scale, items: {SQ001: Sitzkomfort}, scale: {A1: sehr gut, …},
       neutral: {A6: weiß nicht}}
```
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from conceptgen.model.base import Id, StrictModel, Text
from conceptgen.model.data import Encoding


class QuestionType(StrEnum):
    SINGLE = "single"  # one answer of a list
    MULTIPLE = "multiple"  # any of several items (ticked or not)
    SCALE = "scale"  # a battery of items, each rated on the same scale (Likert)
    NUMBER = "number"
    TEXT = "text"  # an open answer


class Order(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    FREQUENCY = "frequency"


class Question(StrictModel):
    """A question: its code in the export, text, type, answers or items, and how it is shown."""

    code: Text = Field(description="Code der Frage im Export, z. B. Q01 (LimeSurvey) oder WO01 (SoSci)")
    text: str | None = Field(None, description="Fragetext (sonst aus der Strukturdatei)")
    short: str | None = Field(
        None, description="Kurzbezeichnung für Kreuztabellen, z. B. Altersgruppe (sonst der Fragetext)"
    )
    type: QuestionType | None = Field(None, description="single, multiple, scale, number oder text")
    topic: Id | None = Field(None, description="Thema (topics), unter dem die Frage im Bericht steht")
    answers: dict[str, Text] | None = Field(None, description="single: Antwortcodes und ihre Texte")
    items: dict[str, Text] | None = Field(None, description="multiple, scale: Teilfragen (Codes und Texte)")
    scale: dict[str, Text] | None = Field(
        None, description="scale: die Stufen (Codes und Texte), von der ersten zur letzten"
    )
    neutral: dict[str, Text] = Field(
        default_factory=dict, description="Antworten außerhalb der Skala (weiß nicht): getrennt gezeigt"
    )
    other: bool | None = Field(None, description="true: es gibt ein Feld „Sonstiges“ (Texte gesammelt)")
    filter: dict[str, list[str]] = Field(
        default_factory=dict,
        description="nur gefragt, wer so geantwortet hat: {Q01: [A1]} (die Basis ist dann kleiner)",
    )
    asked: str | None = Field(
        None,
        description="wer die Frage gestellt bekam, in Worten, z. B. „nur wer die Terrassen bemerkt hat“ "
        "(sonst aus dem Filter gebildet)",
    )
    order: Order = Field(Order.QUESTIONNAIRE, description="questionnaire oder frequency (nach Häufigkeit)")
    mean: bool = Field(False, description="scale: Mittelwert zeigen; number: Mittelwert und Median")
    unit: str | None = Field(None, description="number: Einheit, z. B. Minuten")
    chart: bool = Field(True, description="false: nur die Tabelle, kein Diagramm")


class AnswerForm(StrEnum):
    CODES = "codes"
    TEXTS = "texts"  # LimeSurvey's "full answers"


class ResponseFile(StrictModel):
    """One export of responses."""

    file: Text = Field(description="Datei im Projekt, z. B. data/results-survey123456.csv")
    format: str | None = Field(
        None,
        description="Format des Exports, eines der registrierten (docs/befragung.md), z. B. limesurvey; "
        "fehlt es, wird es an der Datei erkannt",
    )
    answers: AnswerForm = Field(AnswerForm.CODES, description="codes oder texts (Antworttexte statt Codes)")
    channel: str | None = Field(None, description="Weg, z. B. online oder Papier")
    distributed: int | None = Field(
        None, ge=1, description="auf diesem Weg verteilte Fragebögen (für seine Rücklaufquote)"
    )
    sheet: str | None = Field(None, description="XLSX: Tabellenblatt")
    encoding: Encoding | None = Field(
        None,
        description="CSV: utf-8 oder windows-1252 (Excel unter Windows); fehlt es, die des Formats "
        "(UTF-16 wird auch ohne Byte-Order-Mark erkannt)",
    )
    ignore: list[Text] = Field(
        default_factory=list,
        description="Spalten ohne Frage, die nicht gemeldet werden sollen (z. B. Bogen-Nr., Eingabe)",
    )
    sample: bool = Field(False, description="true: Beispieldaten")


class Completeness(StrEnum):
    COMPLETE = "complete"  # only submitted questionnaires (LimeSurvey submitdate, SoSci FINISHED)
    ALL = "all"


class Topic(StrictModel):
    id: Id
    title: Text
    text: str | None = Field(None, description="Einleitung des Themas (Markdown)")


class Crosstab(StrictModel):
    """A question by a grouping question."""

    question: Text = Field(description="Code der Frage (single) oder Teilfrage einer Skala: Q05[SQ001]")
    by: Text = Field(description="Code der gruppierenden Frage (single), z. B. die Altersgruppe")


class Questionnaire(StrictModel):
    """The survey: how it was done, its questions, its responses."""

    title: Text
    structure: str | None = Field(
        None,
        description="Datei mit den Fragen, Teilfragen und Antworten, gelesen vom Format, zu dem sie gehört "
        "(docs/befragung.md: LimeSurveys .lss oder Tab-getrenntes .txt, SPSS .sav); fehlt sie, nennt eine "
        "SPSS-Antwortdatei die Fragen",
    )
    responses: list[ResponseFile] = Field(min_length=1)
    period: str | None = Field(None, description="Zeitraum, z. B. 21. März bis 11. Juni 2024")
    channel: str | None = Field(None, description="Wege der Befragung, z. B. online und auf Papier")
    distributed: int | None = Field(
        None,
        ge=1,
        description="verteilte Fragebögen insgesamt (für die Rücklaufquote); sonst die Summe der Wege",
    )
    keep: Completeness = Field(
        Completeness.COMPLETE, description="complete: nur abgeschlossene Fragebögen; all: auch abgebrochene"
    )
    min_answers: int = Field(1, ge=0, description="Fragebögen mit weniger beantworteten Fragen entfallen")
    min_cell: int = Field(
        5, ge=1, description="Anzahlen darunter erscheinen in keiner Tabelle und Abbildung (·)"
    )
    redact: list[Text] = Field(
        default_factory=list, description="Namen, die in offenen Antworten entfernt werden"
    )
    topics: list[Topic] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    crosstabs: list[Crosstab] = Field(default_factory=list)
    sample: bool = Field(False, description="true: die Antworten sind Beispieldaten")

    @model_validator(mode="after")
    def _unique(self) -> Questionnaire:
        codes = [q.code for q in self.questions]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise PydanticCustomError("questions", "Frage „{code}“ ist doppelt angelegt", {"code": twice[0]})
        return self
