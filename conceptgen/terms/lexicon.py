"""The German nouns conceptgen can decline in words it did not write itself: a project's own terms
(``vocabulary.terms: {measure: Projekt}``), the name of a working group („Arbeitskreis gegen häusliche
Gewalt“ → „Mitglieder des Arbeitskreises …“), a concept type, an area kind („Statistischer Bezirk“ →
„nach Statistischen Bezirken“), a capacity unit („Beratungsstellen“ → „1 Beratungsstelle“).

Each noun is declared once with its forms. A word that ends in a noun of this table is a compound of it
and takes its gender and forms („Arbeits|kreis“, „Beratungs|stellen“, „Teil|räume“); a word ending in
-ung, -heit, -keit, -schaft, -ion or -tät is feminine with the plural in -en. A capitalised adjective
before the noun („Statistischer“, „Integriertes“) is declined by the adjective endings of grammar.py. A
name is declined by its first noun, the rest kept as written („Arbeitskreis“ + „ gegen häusliche Gewalt“).
What none of this finds stays as written (``Noun.declinable`` is False) and ``check`` says so (CG160).
"""

from __future__ import annotations

import re
from functools import cache

from conceptgen.terms.grammar import Noun, gender_of_adjective, noun

_NOUNS = (
    # what a concept calls its parts
    noun("f", "Maßnahme", "Maßnahmen", stem="Maßnahmen"),
    noun("f", "Aufgabe", "Aufgaben", stem="Aufgaben"),
    noun("n", "Projekt", "Projekte", gen="Projekts", dat_pl="Projekten"),
    noun("n", "Vorhaben", "Vorhaben", gen="Vorhabens"),
    noun("m", "Ansatz", "Ansätze", gen="Ansatzes", dat_pl="Ansätzen", stem="Ansatz"),
    noun("m", "Stein", "Steine", gen="Steins", dat_pl="Steinen"),  # Baustein
    noun("f", "Initiative", "Initiativen"),
    noun("n", "Ziel", "Ziele", gen="Ziels", dat_pl="Zielen"),
    noun("f", "Zahl", "Zahlen"),  # Kennzahl
    noun("m", "Indikator", "Indikatoren", gen="Indikators"),
    noun("n", "Feld", "Felder", gen="Felds", dat_pl="Feldern"),  # Handlungsfeld
    noun("n", "Angebot", "Angebote", gen="Angebots", dat_pl="Angeboten"),
    noun("m", "Bedarf", "Bedarfe", gen="Bedarfs", dat_pl="Bedarfen"),
    noun("m", "Befund", "Befunde", gen="Befunds", dat_pl="Befunden"),
    # areas
    noun("m", "Kreis", "Kreise", gen="Kreises", dat_pl="Kreisen"),
    noun("f", "Stadt", "Städte", dat_pl="Städten"),
    noun("f", "Gemeinde", "Gemeinden"),
    noun("f", "Kommune", "Kommunen"),
    noun("m", "Bezirk", "Bezirke", gen="Bezirks", dat_pl="Bezirken"),
    noun("m", "Teil", "Teile", gen="Teils", dat_pl="Teilen"),  # Stadtteil, Ortsteil
    noun("m", "Raum", "Räume", gen="Raums", dat_pl="Räumen"),  # Sozialraum, Teilraum
    noun("m", "Bereich", "Bereiche", gen="Bereichs", dat_pl="Bereichen"),
    noun("n", "Quartier", "Quartiere", gen="Quartiers", dat_pl="Quartieren"),
    noun("n", "Gebiet", "Gebiete", gen="Gebiets", dat_pl="Gebieten"),
    noun("n", "Viertel", "Viertel", gen="Viertels", dat_pl="Vierteln"),
    noun("m", "Ort", "Orte", gen="Orts", dat_pl="Orten"),
    noun("n", "Land", "Länder", gen="Landes", dat_pl="Ländern"),
    noun("m", "Standort", "Standorte", gen="Standorts", dat_pl="Standorten"),
    # groups
    noun("f", "Gruppe", "Gruppen"),
    noun("f", "AG", "AGs"),
    noun("m", "Rat", "Räte", gen="Rats", dat_pl="Räten"),  # Beirat
    noun("m", "Tisch", "Tische", gen="Tischs", dat_pl="Tischen"),  # Runder Tisch
    noun("n", "Gremium", "Gremien", gen="Gremiums"),
    noun("n", "Werk", "Werke", gen="Werks", dat_pl="Werken"),  # Netzwerk
    noun("n", "Team", "Teams", gen="Teams"),
    noun("f", "Runde", "Runden"),
    noun("f", "Konferenz", "Konferenzen"),
    noun("m", "Ausschuss", "Ausschüsse", gen="Ausschusses", dat_pl="Ausschüssen"),
    noun("n", "Forum", "Foren", gen="Forums"),
    noun("n", "Plenum", "Plenen", gen="Plenums"),
    # documents and their parts
    noun("n", "Konzept", "Konzepte", gen="Konzepts", dat_pl="Konzepten"),
    noun("f", "Analyse", "Analysen"),
    noun("m", "Plan", "Pläne", gen="Plans", dat_pl="Plänen"),
    noun("m", "Bericht", "Berichte", gen="Berichts", dat_pl="Berichten"),
    noun("n", "Kapitel", "Kapitel", gen="Kapitels", dat_pl="Kapiteln"),
    noun("m", "Abschnitt", "Abschnitte", gen="Abschnitts", dat_pl="Abschnitten"),
    noun("f", "Tabelle", "Tabellen"),
    noun("f", "Anlage", "Anlagen"),
    noun("m", "Brief", "Briefe", gen="Briefs", dat_pl="Briefen"),  # Steckbrief
    # units of capacities and benchmarks
    noun("m", "Platz", "Plätze", gen="Platzes", dat_pl="Plätzen"),
    noun("f", "Stelle", "Stellen"),
    noun("n", "Bett", "Betten", gen="Betts"),
    noun("n", "Zimmer", "Zimmer", gen="Zimmers", dat_pl="Zimmern"),
    noun("f", "Person", "Personen"),
    noun("m", "Fall", "Fälle", gen="Falls", dat_pl="Fällen"),
    noun("f", "Kraft", "Kräfte", dat_pl="Kräften"),
    noun("f", "Stunde", "Stunden"),
    noun("n", "Haus", "Häuser", gen="Hauses", dat_pl="Häusern"),
    noun("n", "Amt", "Ämter", gen="Amts", dat_pl="Ämtern"),
    noun("m", "Dienst", "Dienste", gen="Dienstes", dat_pl="Diensten"),
)
# endings that make a feminine noun with its plural in -en (Befragung, Gemeinschaft, Region, Aktivität)
_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät")
_ADJECTIVE = re.compile(r"(isch|ig|lich|iert|bar|sam|haft|los|al|ell|iv|end|ert)$")
_WORD = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*")


@cache
def _table() -> dict[str, tuple[Noun, bool]]:
    """Lower-case nominative singular and plural → (noun, is plural)."""
    found: dict[str, tuple[Noun, bool]] = {}
    for entry in _NOUNS:
        found.setdefault(entry.plural[0].lower(), (entry, True))
        found[entry.singular[0].lower()] = (entry, False)
    return found


def head(word: str) -> tuple[Noun, bool] | None:
    """The noun ``word`` is, or ends in (a compound), and whether ``word`` is its plural."""
    table = _table()
    lower = word.lower()
    if lower in table:
        return table[lower]
    for size in range(len(lower) - 1, 2, -1):  # the longest known last part
        part = lower[-size:]
        if part in table and not table[part][0].isupper():  # not an abbreviation (AG in „Fachtag“)
            entry, plural = table[part]
            return entry.prefixed(word[:-size]), plural
    for suffix in _SUFFIXES:
        for plural, ending in ((False, suffix), (True, suffix + "en")):
            if lower.endswith(ending) and len(lower) > len(ending):
                stem = word[: len(word) - len(ending)] + suffix
                return noun("f", stem, stem + "en"), plural
    return None


@cache
def parse(text: str) -> tuple[Noun, bool] | None:
    """``text`` as a noun phrase, and whether it was written in the plural: „Projekt“, „Statistische
    Bezirke“ (plural), „Arbeitskreis gegen häusliche Gewalt“, „Stellen (VZÄ)“. None when its first noun
    is unknown."""
    text = text.strip()
    words = list(_WORD.finditer(text))
    if not words or words[0].start() != 0:
        return None
    first = words[0]
    if len(words) > 1 and text[first.end() : words[1].start()] == " ":
        second = words[1]
        found = head(second.group())
        gender = gender_of_adjective(first.group())
        if found is not None and gender:
            entry, plural = found
            ending = "e" if plural else {"m": "er", "f": "e", "n": "es"}[entry.gender]
            adjective = first.group()[: -len(ending)]
            agrees = first.group().endswith(ending) and (plural or gender == entry.gender)
            # an adjective, not a noun („Statistische“, not „Statis|tische“; „Steuerungsgruppe“ is one)
            if agrees and (_ADJECTIVE.search(adjective) or head(first.group()) is None):
                phrase = Noun(
                    entry.gender, entry.singular, entry.plural, adjective=adjective, stem=entry.stem
                )
                return phrase.with_tail(text[second.end() :]), plural
    found = head(first.group())
    if found is None:
        return None
    entry, plural = found
    return entry.with_tail(text[first.end() :]), plural


def declined(text: str) -> Noun:
    """``text`` as a noun of the lexicon (its singular when it was written in the plural), or an
    undeclinable noun that is ``text`` in every form."""
    found = parse(text)
    if found is None:
        return Noun("", text, text)
    return found[0]
