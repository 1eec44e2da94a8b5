"""Personal data out of free texts before they reach a document: e-mail addresses, telephone numbers,
street addresses with house numbers and the names a project lists (open answers of a survey).

Respondents type these in many ways, so the patterns take them as typed: a listed name with any
whitespace between its words (two spaces, a line break, a no-break space), in capitals, with spelt-out
umlauts (Hoelscher), reversed (Brinkmann, Jürgen) or with a genitive s; invisible characters (soft
hyphens, zero-width spaces) are dropped first. E-mail addresses with ``(at)``, ``[at]``, `` @ `` and
``(dot)``/``(punkt)``; telephone numbers with dashes of every kind, dots or single spaces between the
digits, and local numbers after a word that announces one (Tel., Handy, erreichbar unter); addresses as a
street name (…straße, …str., …weg, …platz, …, or „Am Markt“) with a house number. What looks like a
date (or a range of dates), a year, an amount or a count stays; a comma ends a number like any
punctuation.
:meth:`Redactor.redact` says what it removed, so that the consultant can be told per question (CG631).
"""

from __future__ import annotations

import re
from collections import Counter

from conceptgen.terms import Terms

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

_AT = r"(?:[ \t]*@[ \t]*|[ \t]*[(\[{<][ \t]*(?:at|ät|@)[ \t]*[)\]}>][ \t]*|[ \t]+(?:at|ät)[ \t]+)"
_DOT = r"(?:\.|[ \t]*[(\[{<][ \t]*(?:dot|punkt|\.)[ \t]*[)\]}>][ \t]*|[ \t]+(?:dot|punkt)[ \t]+)"
EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}[a-z]{{2,}}(?![\w@])", re.IGNORECASE)

_SEP = r"[ \t\u00a0/()\-\u2010-\u2015\u2212.]"  # what people type between the digits of a number
_PREFIX = rf"(?:(?:\+|00)[ ]?\d{{2}}{_SEP}{{0,3}}(?:\(0\){_SEP}{{0,3}})?|\(?0{_SEP}?)"  # +49 (0) …, 0049, 0…
# a comma after the number ends it („ruf an: 02525 938417, ich …“); only a decimal comma („0,5“) does not
PHONE = re.compile(rf"(?<![\w+.,]){_PREFIX}\d(?:{_SEP}{{0,3}}\d){{4,}}(?!\w|,\d)")
_CUE = (
    r"(?:Tel(?:efon)?\.?(?:-?Nr\.?)?|Telefonnummer|Handy(?:nummer)?|Mobil(?:nummer)?|Fon|Phone|"
    r"Ruf(?:nummer)?|Rückruf|Durchwahl|Fax|erreichbar\s+unter|anrufen\s+unter|Nummer)"
)
LOCAL_PHONE = re.compile(
    rf"(?<!\w)({_CUE}[:\s]*)(\d(?:[ \-/\u2010-\u2015]?\d){{3,}})(?![\w,.]\d|\d)", re.IGNORECASE
)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})|\d+\.\d+\.\d+")
# a date or month and year, alone or as a range („05/2024 – 06/2024“, „01.06.2024 - 11.06.2024“)
_ONE_DATE = r"(?:\d{1,2}[./]\d{1,2}[./](?:\d{2}|\d{4})|(?:0?[1-9]|1[0-2])[./](?:19|20)\d{2})"
_DATES = re.compile(rf"{_ONE_DATE}(?:[ ]?[-/\u2010-\u2015][ ]?{_ONE_DATE})*")

_HOUSE = (
    r"\d{1,3}(?:[ ]?[a-zA-Z](?![\w]))?(?:[ ]?[-\u2013/][ ]?\d{1,3}[a-zA-Z]?)?"
    r"(?![\d.,]\d|[\d%]|\s*(?:%|€|Uhr|Jahr|Monat|Woche|Tag|Stunde|Minute|Mal\b|mal\b|km\b|m\b|Meter|Prozent|Euro|"
    r"Stück|Personen|Leute|Kinder))"
)
_SUFFIX = (
    r"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|pfad|steig|stieg|chaussee|promenade|"
    r"wall|graben|kamp|twiete|winkel|markt)"
)
_WORD = r"(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee|Ring|Damm|Ufer|Pfad|Markt|Wall|Graben|Kamp|Winkel)"
_NOT_A_PLACE = (
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende|Morgen|Abend|Mittag|Tag|"
    r"Jahr|Ende|Anfang|Sommer|Winter|Frühling|Herbst|Januar|Februar|März|April|Mai|Juni|Juli|August|"
    r"September|Oktober|November|Dezember|Vormittag|Nachmittag)\b"
)
ADDRESS_PATTERNS = (
    # Hauptstraße 12, Hauptstr. 12a, Eichenweg 7, Lange Straße 5-7
    re.compile(
        rf"(?<!\w)(?:[A-ZÄÖÜ][\wäöüß-]*[ ])?(?:[A-ZÄÖÜ][\wäöüß-]*?(?i:{_SUFFIX})|{_WORD})[ ]?{_HOUSE}"
    ),
    # Am Markt 3, An der Kirche 5, Auf dem Kamp 7
    re.compile(
        rf"(?<!\w)(?:Am|An der|An den|Auf dem|Auf der|Im|In der|Zum|Zur|Hinter der|Unter den)[ ]"
        rf"(?!{_NOT_A_PLACE})[A-ZÄÖÜ][\wäöüß-]+[ ]{_HOUSE}"
    ),
)


def _name_pattern(name: str) -> re.Pattern[str]:
    """A listed name as typed: any whitespace between its words, spelt-out umlauts, reversed with a
    comma, a genitive s."""
    space = r"\s+"
    words = [_spelling(word) for word in name.split()]
    forms = [space.join(words)]
    if len(words) > 1:
        forms.append(words[-1] + r"\s*,\s*" + space.join(words[:-1]))
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?:s|'s|’s)?(?!\w)", re.IGNORECASE)


def _spelling(word: str) -> str:
    umlauts = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    spelt = {v: k for k, v in umlauts.items()}
    out, i = [], 0
    while i < len(word):
        pair, char = word[i : i + 2].lower(), word[i].lower()
        if pair in spelt:
            out.append(f"(?:{pair}|{spelt[pair]})")
            i += 2
        elif char in umlauts:
            out.append(f"(?:{char}|{umlauts[char]})")
            i += 1
        else:
            out.append(re.escape(word[i]))
            i += 1
    return "".join(out)


class Redactor:
    """Removes e-mail addresses, telephone numbers, street addresses and the listed names from a text."""

    def __init__(self, names: list[str], terms: Terms):
        self.terms = terms
        self.names = [_name_pattern(n) for n in sorted(names, key=len, reverse=True) if n.strip()]
        # per question: what was removed, and where the first answer with it was given
        self.removed: dict[str, Counter[str]] = {}
        self.first: dict[str, tuple[int, int]] = {}

    def __call__(self, text: str) -> str:
        return self.redact(text)[0]

    def answer(self, question: str, text: str, source: int, line: int) -> str:
        """An answer to ``question`` (from response file ``source``, ``line``) without personal data;
        what was removed is counted for the question."""
        clean, found = self.redact(text)
        if found:
            self.removed.setdefault(question, Counter()).update(found)
            self.first.setdefault(question, (source, line))
        return clean

    def redact(self, text: str) -> tuple[str, Counter[str]]:
        """The text without personal data, and how many of each kind were removed."""
        found: Counter[str] = Counter()

        def replace(kind: str, key: str):
            def sub(match: re.Match[str]) -> str:
                found[kind] += 1
                return self.terms[key]

            return sub

        text = _INVISIBLE.sub("", text)
        text = EMAIL.sub(replace("email", "survey.email_removed"), text)
        text = PHONE.sub(lambda m: self._phone(m, found), text)
        text = LOCAL_PHONE.sub(lambda m: self._local(m, found), text)
        for pattern in ADDRESS_PATTERNS:
            text = pattern.sub(replace("address", "survey.address_removed"), text)
        for pattern in self.names:
            text = pattern.sub(replace("name", "survey.name_removed"), text)
        return text, found

    def _phone(self, match: re.Match[str], found: Counter[str]) -> str:
        number = match.group(0)
        digits = sum(c.isdigit() for c in number)
        bare = number.strip(" .()")
        if digits < 7 or _DATE.fullmatch(bare) or _DATES.fullmatch(bare):
            return number
        found["phone"] += 1
        return self.terms["survey.phone_removed"]

    def _local(self, match: re.Match[str], found: Counter[str]) -> str:
        found["phone"] += 1
        return match.group(1) + self.terms["survey.phone_removed"]
