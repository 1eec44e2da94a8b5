"""Diagnostics: the only place that defines what a user-caused problem looks like.

Everything a user can cause (bad YAML, a broken reference, an unknown template) becomes a
:class:`Diagnostic` with a code, a location and, where possible, a hint. Code that finds a problem it
cannot continue past raises :class:`DiagnosticError` carrying one or more diagnostics; anything else
that escapes is a bug (shown with a traceback only under ``--debug``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Level(StrEnum):
    """How serious a finding is; ``ignore`` silences a configurable check. The values are what project.yaml
    writes under ``checks:`` and what JSON output gives; a message line says the German word."""

    ERROR = "error"
    WARNING = "warning"
    IGNORE = "ignore"


LEVEL_WORDS = {Level.ERROR: "Fehler", Level.WARNING: "Warnung"}


# Every diagnostic code, its default level and a one-line summary. docs/checks.md lists the same codes;
# tests/test_docs.py keeps the two in step.
CODES: dict[str, tuple[Level, str]] = {
    # files and YAML syntax
    "CG001": (Level.ERROR, "project folder or required file not found"),
    "CG002": (Level.ERROR, "file is not valid UTF-8"),
    "CG003": (Level.ERROR, "YAML syntax error"),
    "CG004": (Level.ERROR, "tab character used for indentation"),
    "CG005": (Level.ERROR, "duplicate key in a mapping"),
    "CG006": (Level.ERROR, "file is empty"),
    "CG007": (Level.ERROR, "file cannot be read"),
    "CG008": (Level.ERROR, "unsupported YAML feature (tags, merge keys, complex keys, huge aliases)"),
    "CG009": (Level.WARNING, "YAML file in the project folder is not part of the project format"),
    "CG010": (Level.ERROR, "path leads outside the project"),
    "CG011": (Level.ERROR, "control character in a text (cannot appear in a Word document)"),
    "CG012": (Level.WARNING, "form feed or vertical tab in a text, replaced by a space"),
    # schema
    "CG101": (Level.ERROR, "unknown key"),
    "CG102": (Level.ERROR, "required field missing"),
    "CG103": (Level.ERROR, "value has the wrong type or format"),
    "CG104": (Level.ERROR, "value is not one of the allowed values"),
    "CG105": (Level.ERROR, "value out of range"),
    "CG106": (Level.ERROR, "text contains template syntax ({{ }}, {% %}, {# #})"),
    "CG107": (Level.ERROR, "image without alternative text, or not in a paragraph of its own"),
    "CG108": (Level.ERROR, "image file missing, unreadable or not in the project"),
    "CG109": (Level.ERROR, "citation of an unknown source"),
    "CG110": (Level.ERROR, "reference to an unknown label"),
    "CG111": (Level.ERROR, "label defined twice"),
    "CG112": (Level.ERROR, "heading level skipped"),
    "CG113": (Level.WARNING, "abbreviation defined but never used"),
    "CG114": (Level.WARNING, "source never cited"),
    "CG115": (Level.ERROR, "lists or quotes nested too deeply to be read"),
    "CG122": (Level.WARNING, "abbreviation used but not in the list of abbreviations"),
    "CG116": (Level.ERROR, "a [[table:…]] or [[chart:…]] embed shares its paragraph with text"),
    "CG117": (Level.WARNING, "text file not used by any document"),
    "CG118": (Level.WARNING, "chart or table not shown in any document"),
    "CG119": (Level.WARNING, "deprecated key or value, still understood"),
    "CG120": (Level.ERROR, "outline unknown or wrongly built"),
    "CG121": (Level.ERROR, "unknown block in an outline"),
    "CG140": (Level.WARNING, "a template's snippet does not write a label its block declares"),
    "CG141": (Level.WARNING, "a template's snippet writes a label its block does not declare"),
    "CG142": (Level.WARNING, "a telephone number or e-mail address is left out of a contact list"),
    "CG143": (Level.ERROR, "conceptgen new cannot write a project of a registered concept type"),
    "CG160": (Level.WARNING, "a project's word for a noun is not in the lexicon: printed unchanged"),
    "CG161": (Level.WARNING, "a term still spells the word the project renamed"),
    # domain rules
    "CG201": (Level.ERROR, "duplicate ID"),
    "CG202": (Level.ERROR, "reference to an unknown ID"),
    "CG203": (Level.ERROR, "sub-item ID does not belong to its parent"),
    "CG204": (Level.ERROR, "indicator target contradicts its direction"),
    "CG205": (Level.ERROR, "period ends before it starts"),
    "CG206": (Level.ERROR, "two documents write the same output file"),
    "CG301": (Level.WARNING, "goal without any measure"),
    "CG302": (Level.WARNING, "indicator without target"),
    "CG303": (Level.WARNING, "measure without lead (Federführung)"),
    "CG304": (Level.WARNING, "measure without period or horizon"),
    "CG305": (Level.WARNING, "indicator without baseline"),
    "CG306": (Level.WARNING, "goal without indicator"),
    "CG307": (Level.WARNING, "pie chart with too many slices"),
    "CG308": (
        Level.WARNING,
        "a measure or task under way or done although its period starts after the document's date",
    ),
    "CG309": (Level.WARNING, "a task's period or horizon reaches beyond its measure's period"),
    # figures and texts a council reads (trust)
    "CG310": (Level.WARNING, "costs of tasks that their measure's costs include do not fit in them"),
    "CG311": (Level.ERROR, "chart category repeated in its data (declare aggregate: sum or mean)"),
    "CG312": (Level.WARNING, "survey: answers given to a question that its filter excludes"),
    "CG313": (Level.WARNING, "years missing in a time series (change to the previous year, chart)"),
    "CG314": (Level.WARNING, "a measure or task names an indicator that measures none of its goals"),
    "CG315": (Level.WARNING, "a task paid from a funding source its measure does not name"),
    # check's document pass: what render will write, read back (document/proofread.py)
    "CG320": (Level.WARNING, "a word written twice in a row in a text or a generated sentence"),
    "CG321": (Level.WARNING, "a printed total that its printed rows do not give"),
    "CG322": (Level.WARNING, "a field the document shows is empty („–“ in a measure sheet, a need's text)"),
    "CG323": (Level.WARNING, "a table column that is empty in every row"),
    "CG324": (Level.WARNING, "one printed value given two different classes in one table"),
    "CG325": (Level.WARNING, "a chart's value labels do not reach 4.5:1 contrast on their segment"),
    # citations and sentences that must agree with the data and the sources (issue 24)
    "CG340": (Level.ERROR, "two sources cited with the same label (own short: or letter)"),
    "CG341": (Level.ERROR, "own citation label 'author year' without the letter its author's year needs"),
    "CG342": (Level.WARNING, "own citation label names another year than its source"),
    "CG343": (
        Level.ERROR,
        "a phrase placeholder ([[trend:…]], [[compare:…]], [[class:…]]) the data cannot fill",
    ),
    "CG344": (Level.WARNING, "source of a later year than every document of the project, or retrieved after"),
    "CG345": (Level.WARNING, "a sentence's comparison or trend word contradicts the figures beside it"),
    # German of the terms
    "CG350": (Level.ERROR, "a term given with noun forms is not a noun"),
    # concept types
    "CG701": (Level.ERROR, "financing plan: the sources do not add up to the costs"),
    "CG702": (Level.WARNING, "financing plan and measure name different costs"),
    "CG703": (Level.ERROR, "article unknown to the convention, or no convention declared"),
    "CG704": (Level.WARNING, "measure without an article of the convention"),
    "CG705": (Level.WARNING, "article of the convention addressed by no goal or measure"),
    "CG706": (Level.ERROR, "benchmark without source"),
    "CG707": (Level.ERROR, "benchmark without the population it is computed on"),
    "CG708": (Level.WARNING, "Leichte Sprache: more than one sentence in a line, or a long sentence"),
    # data
    "CG601": (Level.ERROR, "column or sheet not found"),
    "CG602": (Level.ERROR, "data table is empty"),
    "CG603": (Level.ERROR, "value in a data file does not fit its column type"),
    "CG604": (Level.ERROR, "base year missing in the data"),
    "CG605": (Level.ERROR, "indicator data has several rows per year"),
    "CG606": (Level.ERROR, "a row of a data file repeats the dataset's key (or a whole row)"),
    "CG607": (Level.ERROR, "a join matches several rows and would multiply values"),
    "CG608": (Level.ERROR, "a data file is too large (file, unpacked workbook, rows, columns or cell)"),
    "CG610": (Level.ERROR, "area data: a code that no area has"),
    "CG611": (Level.WARNING, "area data: a name that does not match its code"),
    "CG612": (Level.WARNING, "area without data in the report year"),
    "CG613": (Level.WARNING, "area without geometry"),
    "CG614": (Level.WARNING, "geometry without area"),
    "CG615": (Level.ERROR, "area data: no file for a pattern or a year"),
    "CG616": (Level.ERROR, "index cannot be computed"),
    "CG617": (Level.WARNING, "index indicator adds nothing (the same value everywhere)"),
    "CG620": (Level.ERROR, "survey: an answer that is not a declared code"),
    "CG621": (Level.ERROR, "survey: a question without type, text, answers or items"),
    "CG622": (Level.WARNING, "survey: a column of the export that no question declares"),
    "CG540": (Level.ERROR, "survey: a response file's format is neither given nor recognisable"),
    "CG541": (Level.ERROR, "survey: no survey format reads the questions from the structure file"),
    "CG542": (Level.ERROR, "survey: an SPSS file (.sav) that is not one or is damaged"),
    "CG623": (Level.ERROR, "workbook: a cell changed both in the workbook and in the YAML since the export"),
    "CG624": (Level.WARNING, "workbook: a text longer than Excel's cell limit, cut and not exchanged"),
    "CG625": (Level.ERROR, "workbook cell with a formula but no computed value"),
    "CG626": (Level.WARNING, "workbook: it does not record what it was exported from"),
    "CG627": (Level.ERROR, "workbook: an emptied cell that needs a value"),
    "CG628": (Level.ERROR, "workbook: a text at Excel's cell limit (perhaps cut) is not written back"),
    "CG629": (
        Level.ERROR,
        "geometry: a feature or vertex that is no valid shape (0,0, NaN, empty)",
    ),
    "CG630": (Level.ERROR, "geometry: coordinates not in WGS84 and no known reference system declared"),
    "CG631": (Level.WARNING, "survey: personal data removed from open answers (review them)"),
    # templates and output
    "CG401": (Level.ERROR, "unknown template"),
    "CG402": (Level.ERROR, "template uses a variable the data does not provide"),
    "CG403": (Level.ERROR, "template is broken (syntax error or unreadable file)"),
    "CG404": (Level.ERROR, "text file required by the template is missing"),
    "CG405": (Level.ERROR, "template tries something the sandbox forbids, or runs past its time limit"),
    "CG406": (Level.ERROR, "rendered document failed verification"),
    "CG407": (Level.WARNING, "LibreOffice not used: index page numbers left to Word"),
    "CG408": (Level.ERROR, "LibreOffice missing or failed where it is required (PDF)"),
    "CG410": (Level.WARNING, "template lacks a style a concept needs"),
    "CG411": (Level.WARNING, "picture in a template's header or footer without alternative text"),
    "CG412": (Level.WARNING, "template's header taller than its top margin"),
    "CG413": (Level.WARNING, "template's table headers fail WCAG AA contrast"),
    "CG409": (Level.ERROR, "template has no place for an outline, or no snippet for a block"),
    "CG414": (Level.ERROR, "Word file declares a document type or entities (DTD)"),
    "CG415": (Level.ERROR, "picture linked from outside the Word file, or whose file is missing"),
    "CG416": (Level.ERROR, "field that fetches or runs something (INCLUDEPICTURE, DDEAUTO …)"),
    "CG417": (Level.ERROR, "picture in a Word file that is not a readable image"),
    "CG418": (Level.ERROR, "colour in a Word file that is not six hexadecimal digits"),
    "CG419": (Level.ERROR, "style based on a chain of styles deeper than the limit"),
    "CG440": (Level.WARNING, "map block in a project without geometry"),
    "CG441": (Level.WARNING, "profiles without their locator map (no geometry)"),
    "CG442": (Level.WARNING, "chart's second (right) axis without a title"),
    "CG443": (Level.WARNING, "chart axis titles swapped: the category axis names the values, or the reverse"),
    "CG444": (Level.WARNING, "chart's alt text names a figure the chart does not show"),
    "CG660": (Level.WARNING, "PDF does not meet PDF/UA-1"),
    "CG661": (Level.WARNING, "Leichte Sprache without the note who checked it (Prüfgruppe)"),
    "CG501": (Level.ERROR, "output cannot be written"),
    "CG502": (Level.ERROR, "output was changed by hand since conceptgen wrote it"),
    "CG504": (Level.ERROR, "output is open in Word or LibreOffice"),
    "CG503": (Level.ERROR, "another render of the same output is running"),
    # commands: preview, diff, schema
    "CG632": (Level.ERROR, "preview: no free port to listen on"),
    "CG633": (Level.ERROR, "diff: a revision that starts with '-' (git would read it as an option)"),
    # review: a returned Word file
    "CG900": (Level.ERROR, "returned file cannot be read as a Word document"),
    "CG901": (Level.ERROR, "returned file unpacks to too much (a decompression bomb)"),
    "CG902": (Level.ERROR, "returned file belongs to another project"),
    "CG903": (Level.ERROR, "returned file has no review anchors"),
    "CG904": (Level.ERROR, "kommentare.yaml cannot take the new comments"),
    "CG905": (Level.WARNING, "returned file lost its conceptgen properties: files taken from the project"),
    "CG906": (Level.WARNING, "pages of the review list not found (LibreOffice missing or failed)"),
    "CG907": (Level.ERROR, "review list with answers: unreadable, or a row with an unknown ID"),
}

# The same summaries in German, the product's language: `conceptgen explain` shows both (the English one
# to search for); tests/test_docs.py keeps every code here too.
TITLES_DE: dict[str, str] = {
    "CG001": "Projektordner oder benötigte Datei nicht gefunden",
    "CG002": "Datei ist kein gültiges UTF-8",
    "CG003": "YAML-Syntaxfehler",
    "CG004": "Tabulator zum Einrücken verwendet",
    "CG005": "Schlüssel doppelt in einer Zuordnung",
    "CG006": "Datei ist leer",
    "CG007": "Datei kann nicht gelesen werden",
    "CG008": "nicht unterstütztes YAML-Merkmal (Tags, Merge-Schlüssel, komplexe Schlüssel, riesige Aliase)",
    "CG009": "YAML-Datei im Projektordner gehört nicht zum Projektformat",
    "CG010": "Pfad führt aus dem Projekt hinaus",
    "CG011": "Steuerzeichen in einem Text (kann in keinem Word-Dokument stehen)",
    "CG012": "Seitenvorschub oder vertikaler Tabulator im Text, durch ein Leerzeichen ersetzt",
    "CG101": "unbekannter Schlüssel",
    "CG102": "Pflichtfeld fehlt",
    "CG103": "Wert hat den falschen Typ oder das falsche Format",
    "CG104": "Wert ist keiner der erlaubten Werte",
    "CG105": "Wert außerhalb des erlaubten Bereichs",
    "CG106": "Text enthält Vorlagensyntax ({{ }}, {% %}, {# #})",
    "CG107": "Bild ohne Alternativtext oder nicht in einem eigenen Absatz",
    "CG108": "Bilddatei fehlt, ist nicht lesbar oder liegt nicht im Projekt",
    "CG109": "Zitat einer unbekannten Quelle",
    "CG110": "Verweis auf ein unbekanntes Label",
    "CG111": "Label doppelt vergeben",
    "CG112": "Überschriftenebene übersprungen",
    "CG113": "Abkürzung definiert, aber nie verwendet",
    "CG114": "Quelle nie zitiert",
    "CG115": "Listen oder Zitate zu tief verschachtelt, um lesbar zu sein",
    "CG116": "eine Einbettung [[table:…]] oder [[chart:…]] teilt ihren Absatz mit Text",
    "CG117": "Textdatei von keinem Dokument verwendet",
    "CG118": "Diagramm oder Tabelle in keinem Dokument gezeigt",
    "CG119": "veralteter Schlüssel oder Wert, noch verstanden",
    "CG120": "Gliederung unbekannt oder falsch aufgebaut",
    "CG121": "unbekannter Baustein in einer Gliederung",
    "CG122": "Abkürzung verwendet, aber nicht im Abkürzungsverzeichnis",
    "CG140": "ein Snippet der Vorlage schreibt ein Label nicht, das sein Baustein erklärt",
    "CG141": "ein Snippet der Vorlage schreibt ein Label, das sein Baustein nicht erklärt",
    "CG142": "eine Telefonnummer oder E-Mail-Adresse bleibt aus einer Kontaktliste heraus",
    "CG143": "conceptgen new kann kein Projekt einer registrierten Konzeptart schreiben",
    "CG160": "ein eigenes Wort für ein Nomen fehlt im Wörterverzeichnis: in jeder Form unverändert gedruckt",
    "CG161": "ein Begriff schreibt noch das Wort, das das Projekt umbenannt hat",
    "CG201": "doppelte ID",
    "CG202": "Verweis auf eine unbekannte ID",
    "CG203": "ID eines Unterpunkts gehört nicht zu ihrem übergeordneten Punkt",
    "CG204": "Zielwert einer Kennzahl widerspricht ihrer Richtung",
    "CG205": "Zeitraum endet vor seinem Beginn",
    "CG206": "zwei Dokumente schreiben dieselbe Ausgabedatei",
    "CG301": "Ziel ohne Maßnahme",
    "CG302": "Kennzahl ohne Zielwert",
    "CG303": "Maßnahme ohne Federführung",
    "CG304": "Maßnahme ohne Zeitraum oder Zeithorizont",
    "CG305": "Kennzahl ohne Ausgangswert",
    "CG306": "Ziel ohne Kennzahl",
    "CG307": "Kreisdiagramm mit zu vielen Segmenten",
    "CG308": "Maßnahme oder Aufgabe „in Umsetzung“ oder „umgesetzt“, obwohl ihr Zeitraum erst nach dem "
    "Datum des Dokuments beginnt",
    "CG309": "Zeitraum oder Horizont einer Aufgabe reicht über den Zeitraum ihrer Maßnahme hinaus",
    "CG310": "Kosten von Aufgaben, die in den Kosten ihrer Maßnahme enthalten sind, passen nicht hinein",
    "CG311": "Kategorie eines Diagramms in seinen Daten wiederholt (`aggregate: sum` oder `mean` angeben)",
    "CG312": "Befragung: Antworten auf eine Frage, die ihr Filter ausschließt",
    "CG313": "Jahre fehlen in einer Zeitreihe (Veränderung zum Vorjahr, Diagramm)",
    "CG314": "eine Maßnahme oder Aufgabe nennt eine Kennzahl, die keines ihrer Ziele misst",
    "CG315": "eine Aufgabe wird aus einer Quelle bezahlt, die ihre Maßnahme nicht nennt",
    "CG320": "ein Wort zweimal hintereinander in einem Text oder einem erzeugten Satz",
    "CG321": "eine gedruckte Summe, die ihre gedruckten Zeilen nicht ergeben",
    "CG322": "ein Feld, das das Dokument zeigt, ist leer („–“ im Maßnahmensteckbrief, ein Bedarf ohne Text)",
    "CG323": "eine Tabellenspalte, die in jeder Zeile leer ist",
    "CG324": "ein gedruckter Wert in einer Tabelle zwei verschiedenen Klassen zugeordnet",
    "CG325": "die Wertbeschriftungen eines Diagramms erreichen auf ihrem Segment keinen Kontrast von 4,5:1",
    "CG340": "zwei Quellen mit demselben Kurzbeleg zitiert (eigenes short: oder Buchstabe)",
    "CG341": "eigener Kurzbeleg „Autor Jahr“ ohne den Buchstaben, den das Jahr des Autors braucht",
    "CG342": "eigener Kurzbeleg nennt ein anderes Jahr als seine Quelle",
    "CG343": "ein Platzhalter ([[trend:…]], [[compare:…]], [[class:…]]), den die Daten nicht füllen können",
    "CG344": "Quelle aus einem späteren Jahr als jedes Dokument des Projekts oder danach abgerufen",
    "CG345": "ein Vergleichs- oder Trendwort eines Satzes widerspricht den Zahlen daneben",
    "CG350": "ein Begriff mit Formen eines Nomens ist kein Nomen",
    "CG701": "Finanzierungsplan: die Finanzierungsquellen ergeben nicht die Kosten",
    "CG702": "Finanzierungsplan und Maßnahme nennen verschiedene Kosten",
    "CG703": "Artikel der Konvention unbekannt, oder keine Konvention erklärt",
    "CG704": "Maßnahme ohne Artikel der Konvention",
    "CG705": "Artikel der Konvention von keinem Ziel und keiner Maßnahme behandelt",
    "CG706": "Richtwert ohne Quelle",
    "CG707": "Richtwert ohne die Bevölkerung, auf die er sich bezieht",
    "CG708": "Leichte Sprache: mehr als ein Satz in einer Zeile, oder ein langer Satz",
    "CG601": "Spalte oder Tabellenblatt nicht gefunden",
    "CG602": "Datentabelle ist leer",
    "CG603": "Wert in einer Datendatei passt nicht zum Typ seiner Spalte",
    "CG604": "Basisjahr fehlt in den Daten",
    "CG605": "Daten einer Kennzahl haben mehrere Zeilen je Jahr",
    "CG606": "eine Zeile einer Datendatei wiederholt den Schlüssel des Datensatzes (oder eine ganze Zeile)",
    "CG607": "eine Verknüpfung trifft mehrere Zeilen und würde Werte vervielfachen",
    "CG608": "eine Datendatei ist zu groß (Datei, entpackte Arbeitsmappe, Zeilen, Spalten oder Zelle)",
    "CG610": "Gebietsdaten: ein Code, den kein Gebiet hat",
    "CG611": "Gebietsdaten: ein Name, der nicht zu seinem Code passt",
    "CG612": "Gebiet ohne Daten im Berichtsjahr",
    "CG613": "Gebiet ohne Geometrie",
    "CG614": "Geometrie ohne Gebiet",
    "CG615": "Gebietsdaten: keine Datei für ein Muster oder ein Jahr",
    "CG616": "Index kann nicht berechnet werden",
    "CG617": "Indikator des Index trägt nichts bei (überall derselbe Wert)",
    "CG620": "Befragung: eine Antwort, die kein erklärter Code ist",
    "CG621": "Befragung: eine Frage ohne Typ, Text, Antworten oder Teilfragen",
    "CG622": "Befragung: eine Spalte des Exports, die keine Frage erklärt",
    "CG540": "Befragung: das Format einer Antwortdatei ist weder angegeben noch erkennbar",
    "CG541": "Befragung: kein Befragungsformat liest die Fragen aus der Strukturdatei",
    "CG542": "Befragung: eine SPSS-Datei (.sav), die keine ist oder beschädigt ist",
    "CG623": "Arbeitsmappe: eine Zelle seit dem Export sowohl in der Arbeitsmappe als auch im YAML geändert",
    "CG624": "Arbeitsmappe: ein Text länger als Excels Zellgrenze, gekürzt und nicht ausgetauscht",
    "CG625": "Zelle einer Arbeitsmappe mit Formel, aber ohne berechneten Wert",
    "CG626": "Arbeitsmappe: sie hält nicht fest, woraus sie exportiert wurde",
    "CG627": "Arbeitsmappe: eine geleerte Zelle, die einen Wert braucht",
    "CG628": "Arbeitsmappe: ein Text an Excels Zellgrenze (vielleicht gekürzt) wird nicht zurückgeschrieben",
    "CG629": "Geometrie: ein Objekt oder Eckpunkt, der keine gültige Form ist (0,0, NaN, leer)",
    "CG630": "Geometrie: Koordinaten nicht in WGS84 und kein bekanntes Bezugssystem angegeben",
    "CG631": "Befragung: personenbezogene Daten aus offenen Antworten entfernt (bitte prüfen)",
    "CG401": "unbekannte Vorlage",
    "CG402": "Vorlage verwendet eine Variable, die die Daten nicht liefern",
    "CG403": "Vorlage ist fehlerhaft (Syntaxfehler oder unlesbare Datei)",
    "CG404": "von der Vorlage benötigte Textdatei fehlt",
    "CG405": "Vorlage versucht etwas, das die Sandbox verbietet, oder überschreitet ihr Zeitlimit",
    "CG406": "erzeugtes Dokument hat die Prüfung nicht bestanden",
    "CG407": "LibreOffice nicht verwendet: Seitenzahlen der Verzeichnisse füllt Word",
    "CG408": "LibreOffice fehlt oder scheitert, wo es gebraucht wird (PDF)",
    "CG410": "Vorlage fehlt eine Formatvorlage, die ein Konzept braucht",
    "CG411": "Bild in Kopf- oder Fußzeile einer Vorlage ohne Alternativtext",
    "CG412": "Kopfzeile der Vorlage höher als ihr oberer Seitenrand",
    "CG413": "Tabellenköpfe der Vorlage erreichen nicht den Kontrast nach WCAG AA",
    "CG409": "Vorlage hat keinen Platz für eine Gliederung oder kein Snippet für einen Baustein",
    "CG414": "Word-Datei erklärt einen Dokumenttyp oder Entitäten (DTD)",
    "CG415": "Bild von außerhalb der Word-Datei verknüpft, oder seine Datei fehlt",
    "CG416": "Feld, das etwas abruft oder ausführt (INCLUDEPICTURE, DDEAUTO …)",
    "CG417": "Bild in einer Word-Datei, das kein lesbares Bild ist",
    "CG418": "Farbe in einer Word-Datei, die nicht aus sechs Hexadezimalziffern besteht",
    "CG419": "Formatvorlage auf einer Kette von Formatvorlagen, die tiefer ist als die Grenze",
    "CG440": "Karten-Baustein in einem Projekt ohne Geometrie",
    "CG441": "Steckbriefe ohne ihre Übersichtskarte (keine Geometrie)",
    "CG442": "zweite (rechte) Achse eines Diagramms ohne Titel",
    "CG443": "Achsentitel eines Diagramms vertauscht (Kategorien und Werte)",
    "CG444": "Alternativtext eines Diagramms nennt eine Zahl, die das Diagramm nicht zeigt",
    "CG660": "PDF erfüllt PDF/UA-1 nicht",
    "CG661": "Leichte Sprache ohne den Vermerk, wer die Texte geprüft hat (Prüfgruppe)",
    "CG501": "Ausgabe kann nicht geschrieben werden",
    "CG502": "Ausgabe wurde von Hand geändert, seit conceptgen sie schrieb",
    "CG504": "Ausgabe ist in Word oder LibreOffice geöffnet",
    "CG503": "eine andere Erzeugung derselben Ausgabe läuft",
    "CG632": "Vorschau: kein freier Port zum Lauschen",
    "CG633": "diff: eine Revision, die mit '-' beginnt (git läse sie als Option)",
    "CG900": "zurückgegebene Datei kann nicht als Word-Dokument gelesen werden",
    "CG901": "zurückgegebene Datei entpackt zu viel (eine Dekompressionsbombe)",
    "CG902": "zurückgegebene Datei gehört zu einem anderen Projekt",
    "CG903": "zurückgegebene Datei hat keine Review-Anker",
    "CG904": "kommentare.yaml kann die neuen Kommentare nicht aufnehmen",
    "CG905": (
        "zurückgegebene Datei hat ihre conceptgen-Eigenschaften verloren: Dateien aus dem Projekt genommen"
    ),
    "CG906": "Seiten der Review-Liste nicht gefunden (LibreOffice fehlt oder scheitert)",
    "CG907": "Review-Liste mit Antworten: unlesbar, oder eine Zeile mit unbekannter ID",
}


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file; line and column are 1-based (0 = unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    """One finding: ``path:line:col: CODE message (key path) [hint]``."""

    code: str
    message: str
    location: Location | None = None
    key_path: str = ""
    hint: str = ""
    level: Level = field(default=Level.ERROR)

    def format(self) -> str:
        """Return the one-line form shown to the user (control characters and line breaks escaped)."""
        from conceptgen.characters import visible

        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.code} {LEVEL_WORDS.get(self.level, self.level.value)}: {self.message}"
        if self.key_path:
            text += f" [{self.key_path}]"
        if self.hint:
            text += f" — {self.hint}"
        return visible(text)

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location or Location("")
        return (loc.file, loc.line, loc.column, self.code)


def diagnostic(
    code: str,
    message: str,
    location: Location | None = None,
    *,
    key_path: str = "",
    hint: str = "",
) -> Diagnostic:
    """Build a diagnostic with the default level of ``code`` (raises KeyError for unknown codes)."""
    level, _summary = CODES[code]
    return Diagnostic(code, message, location, key_path, hint, level)


class DiagnosticError(Exception):
    """Raised when processing cannot go on; carries the diagnostics that explain why."""

    def __init__(self, diagnostics: Diagnostic | Sequence[Diagnostic], written: Sequence[Path] = ()):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        self.written = list(written)  # files that were written all the same (a render's .docx without PDF)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def apply_levels(diagnostics: Iterable[Diagnostic], overrides: dict[str, Level]) -> list[Diagnostic]:
    """Apply per-project level overrides (``checks:`` in project.yaml), drop ignored ones, sort."""
    result = []
    for d in diagnostics:
        level = overrides.get(d.code, d.level)
        if level is Level.IGNORE:
            continue
        if level is not d.level:
            d = Diagnostic(d.code, d.message, d.location, d.key_path, d.hint, level)
        result.append(d)
    return sorted(result, key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.level is Level.ERROR for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``"meinten Sie „x“?"`` (German, the product's language) for the closest candidate, or an
    empty string."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f"meinten Sie „{matches[0]}“?" if matches else ""


def relative(path: Path, base: Path | None = None) -> str:
    """Show ``path`` relative to the working directory (or ``base``) when it lies below it."""
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def explanation(code: str) -> str:
    """What ``code`` means and how to fix it: its summary in German, then in English (the code text to
    search for), and its entry in docs/checks.md (the one source of the long texts; a test keeps every
    code there), else its one-line summary (an install without the docs)."""
    import re
    import textwrap
    from pathlib import Path

    level, summary = CODES[code]
    german = TITLES_DE.get(code, summary)
    word = LEVEL_WORDS.get(level, level.value)
    text = ""
    docs = Path(__file__).resolve().parents[1] / "docs" / "checks.md"
    if docs.is_file():
        for line in docs.read_text(encoding="utf-8").splitlines():
            if line.startswith(f"| {code} |"):
                text = line.split("|", 3)[3].rstrip().rstrip("|").strip()
                break
    text = re.sub(r"^\*\*.+?\*\*\s*", "", text)  # the summary, printed first
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text) or f"{summary[0].upper()}{summary[1:]}."
    body = "\n".join(textwrap.wrap(text, 100))
    more = f"Mehr dazu: docs/checks.md. Ein Projekt ändert die Stufe in project.yaml: checks: {{{code}: …}}"
    return f"{code} ({word}): {german}\n{code} ({level.value}): {summary}\n\n{body}\n\n{more}"
