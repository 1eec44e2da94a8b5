"""Write the SAMPLE survey data of projects/neubeckum (run once; the files are kept in the project).

The questionnaire follows the evaluations of such deployments (residents asked whether they noticed the
Stadt-Terrassen, used them, where, when and what for, how they rate them on a 5-point scale, whether the
town should keep street furniture, their ideas, age group and how they came). The answers are made up:
plausible distributions, nothing measured.

- data/limesurvey_survey_482731.txt: the structure export of LimeSurvey (tab-separated, S/SL/G/Q/SQ/A rows)
- data/results-survey482731.csv: the response export as LimeSurvey writes it: UTF-8 with BOM, every value
  in double quotes, CRLF, the first columns id, submitdate, lastpage, startlanguage, seed, startdate,
  datestamp, subquestions as Q03[SQ001], "other" texts as Q03[other], answers as codes, multiple choice
  as Y or empty, incomplete interviews without submitdate, open answers with line breaks, quotes, e-mail
  addresses, telephone numbers and names
- data/papierboegen.xlsx: the paper questionnaires typed into a sheet: Q03_SQ001 columns, answers partly
  as words, ticks as x
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DATA = HERE / "data"
SURVEY_ID = 482731
SEED = 20240611

LIKERT_RATING = {"A1": "sehr gut", "A2": "gut", "A3": "teils/teils", "A4": "schlecht", "A5": "sehr schlecht"}
LIKERT_AGREE = {
    "A1": "stimme voll zu",
    "A2": "stimme eher zu",
    "A3": "teils/teils",
    "A4": "stimme eher nicht zu",
    "A5": "stimme gar nicht zu",
}
DONT_KNOW = {"A6": "weiß nicht"}

# code, LimeSurvey type, group, text, answers, subquestions, other, relevance
QUESTIONS = [
    ("Q01", "Y", 1, "Haben Sie die Stadt-Terrassen in Neubeckum bemerkt?", {}, {}, False, "1"),
    (
        "Q02",
        "L",
        1,
        "Wie oft haben Sie die Stadt-Terrassen genutzt?",
        {
            "A1": "nie",
            "A2": "einmal",
            "A3": "mehrmals",
            "A4": "mindestens einmal pro Woche",
            "A5": "(fast) täglich",
        },
        {},
        False,
        '((Q01.NAOK == "Y"))',
    ),
    (
        "Q03",
        "M",
        1,
        "An welchen Standorten haben Sie die Stadt-Terrassen gesehen oder genutzt?",
        {},
        {"SQ001": "Hauptstraße", "SQ002": "Bahnhof", "SQ003": "Rathausplatz"},
        True,
        '((Q01.NAOK == "Y"))',
    ),
    (
        "Q04",
        "M",
        1,
        "Zu welchen Zeiten nutzen Sie die Stadt-Terrassen?",
        {},
        {
            "SQ001": "vormittags",
            "SQ002": "mittags",
            "SQ003": "nachmittags",
            "SQ004": "abends",
            "SQ005": "am Wochenende",
        },
        False,
        '((Q02.NAOK != "A1" and !is_empty(Q02.NAOK)))',
    ),
    (
        "Q05",
        "M",
        1,
        "Wofür nutzen Sie die Stadt-Terrassen?",
        {},
        {
            "SQ001": "ausruhen, eine Pause machen",
            "SQ002": "mich mit anderen treffen",
            "SQ003": "etwas essen oder trinken",
            "SQ004": "auf Bus oder Bahn warten",
            "SQ005": "Kinder spielen lassen",
        },
        True,
        '((Q02.NAOK != "A1" and !is_empty(Q02.NAOK)))',
    ),
    (
        "Q06",
        "F",
        2,
        "Wie bewerten Sie die Stadt-Terrassen in den folgenden Punkten?",
        {**LIKERT_RATING, **DONT_KNOW},
        {
            "SQ001": "Sitzkomfort",
            "SQ002": "Gestaltung und Optik",
            "SQ003": "Bepflanzung durch die Kitas",
            "SQ004": "Standorte",
            "SQ005": "Sauberkeit",
            "SQ006": "Aufenthaltsqualität insgesamt",
        },
        False,
        '((Q01.NAOK == "Y"))',
    ),
    (
        "Q07",
        "F",
        2,
        "Wie sehr stimmen Sie den folgenden Aussagen zu?",
        {**LIKERT_AGREE, **DONT_KNOW},
        {
            "SQ001": "Die Innenstadt wirkt durch die Terrassen lebendiger.",
            "SQ002": "Die Terrassen nehmen zu viele Parkplätze weg.",
            "SQ003": "Ich halte mich wegen der Terrassen länger in der Innenstadt auf.",
            "SQ004": "Die Stadt-Terrassen sollten dauerhaft bleiben.",
        },
        False,
        "1",
    ),
    (
        "Q08",
        "L",
        3,
        "Sollte Neubeckum eigene Stadtmöbel dauerhaft aufstellen?",
        {
            "A1": "ja, an den bisherigen Standorten",
            "A2": "ja, an anderen Standorten",
            "A3": "nein",
            "A4": "weiß nicht",
        },
        {},
        False,
        "1",
    ),
    (
        "Q09",
        "T",
        3,
        "Was wünschen Sie sich für die Innenstadt von Neubeckum? "
        "Haben Sie Anregungen zu den Stadt-Terrassen?",
        {},
        {},
        False,
        "1",
    ),
    (
        "Q10",
        "L",
        4,
        "Wie alt sind Sie?",
        {
            "A1": "unter 18 Jahre",
            "A2": "18 bis 29 Jahre",
            "A3": "30 bis 44 Jahre",
            "A4": "45 bis 64 Jahre",
            "A5": "65 bis 79 Jahre",
            "A6": "80 Jahre und älter",
        },
        {},
        False,
        "1",
    ),
    (
        "Q11",
        "L",
        4,
        "Wie sind Sie heute in die Innenstadt gekommen?",
        {"A1": "zu Fuß", "A2": "mit dem Fahrrad", "A3": "mit Bus oder Bahn", "A4": "mit dem Auto"},
        {},
        True,
        "1",
    ),
    (
        "Q12",
        "L",
        4,
        "Wo wohnen Sie?",
        {"A1": "in Neubeckum", "A2": "in einem anderen Stadtteil von Beckum", "A3": "außerhalb von Beckum"},
        {},
        False,
        "1",
    ),
    ("Q13", "N", 4, "Wie viele Minuten brauchen Sie von zu Hause in die Innenstadt?", {}, {}, False, "1"),
]
GROUPS = {1: "Bekanntheit und Nutzung", 2: "Bewertung", 3: "Wünsche und Anregungen", 4: "Angaben zu Ihnen"}

WISHES = [
    "Mehr Schatten, im Sommer ist es auf der Hauptstraße zu heiß.",
    "mehr Schatten",
    "Mehr Schatten",
    "Sonnenschirme oder Bäume an den Terrassen",
    "Bitte dauerhaft aufstellen!",
    "Bitte dauerhaft aufstellen",
    "Die Terrassen sollen bleiben.",
    "Mehr Mülleimer an den Sitzplätzen",
    "Mehr Mülleimer",
    "Ein Wasserspender oder Trinkbrunnen am Rathausplatz",
    "Spielgeräte für Kinder neben den Bänken",
    "Sitzbänke mit Lehne und Armlehnen für Ältere",
    "Bänke mit Lehne, die Hocker sind für Ältere zu niedrig",
    "Weniger Autos in der Hauptstraße, dann wird es gemütlicher",
    "Die Parkplätze werden gebraucht, bitte nicht dauerhaft",
    "Abends mehr Licht, damit man sich sicher fühlt",
    "Ein Wochenmarkt am Rathausplatz würde gut passen",
    "Mehr Cafés mit Außengastronomie",
    "Kostenloses WLAN an den Terrassen",
    "Fahrradbügel neben den Terrassen",
    "Die Bepflanzung der Kitas war toll, gerne wieder!",
    "Die Blumen der Kitas waren schön, aber im Mai vertrocknet",
    "Öfter reinigen, am Bahnhof lag viel Müll",
    "Am Bahnhof wirken die Möbel verloren, lieber an die Hauptstraße",
    "Überdachung gegen Regen",
    "Leerstände in der Hauptstraße beleben",
    "Mehr Veranstaltungen in der Innenstadt, z. B. Musik am Abend",
    "Nichts, alles gut so",
    "keine",
    "Mehr Grün statt Beton",
]
PERSONAL = [
    "Ich würde gern bei der Bepflanzung helfen, meine E-Mail: k.lammers@example.de",
    "Frau Kemper vom Stadtmarketing hat uns toll beraten, danke!",
    "Rufen Sie mich gern an: 02525 938417, ich hätte Ideen für den Rathausplatz.",
    "Herr Hölscher aus der Hauptstraße 12 beschwert sich ständig über die Terrassen,\r\n"
    "bitte trotzdem bleiben!",
    "Der Stammtisch von Jürgen Brinkmann trifft sich jetzt immer dort :-)",
    "Kontakt: 0171/4429187 (Nachbarschaftsverein)",
    'Ein "Lieblingsplatz" für ganz Neubeckum – bitte mehr davon!',
]
PLACES_OTHER = ["vor der Eisdiele", "an der Kirche", "Spiekersstraße", "vor der Eisdiele"]
PURPOSE_OTHER = ["Zeitung lesen", "auf den Markt warten", "mit dem Hund Pause machen", "Zeitung lesen"]
CAME_OTHER = ["mit dem Rollator", "E-Scooter", "mit dem Rollator", "Taxi"]


OPENERS = ["", "", "", "Ich finde: ", "Mein Wunsch: ", "Vorschlag: ", "Toll wäre: "]
CLOSERS = ["", "", "", " Danke!", " Weiter so!", " Bitte mehr davon.", " Das fehlt in Neubeckum."]


def wish(rng: random.Random) -> str:
    """An open answer: often one of the frequent wishes as it is (those are counted), otherwise in a
    respondent's own words, sometimes two wishes together."""
    first = rng.choice(WISHES)
    if rng.random() < 0.45:
        return first
    text = rng.choice(OPENERS) + (first[0].lower() + first[1:] if rng.random() < 0.3 else first)
    if rng.random() < 0.35:
        second = rng.choice(WISHES)
        if second != first:
            text = f"{text.rstrip('.!')}; {second[0].lower()}{second[1:]}"
    closer = rng.choice(CLOSERS)
    if closer and text[-1] not in ".!?":
        text += "."
    return text + closer


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def likert(rng: random.Random, centre: float, dont_know: float) -> str:
    """A rating around ``centre`` (1 best … 5 worst), or A6 (weiß nicht)."""
    if rng.random() < dont_know:
        return "A6"
    value = round(rng.gauss(centre, 0.95))
    return f"A{min(max(value, 1), 5)}"


def respondent(rng: random.Random) -> dict[str, str]:
    """One questionnaire's answers by column (codes; empty for not asked or not answered)."""
    a: dict[str, str] = {}
    age = pick(rng, {"A1": 3, "A2": 14, "A3": 24, "A4": 33, "A5": 21, "A6": 5})
    young = age in ("A1", "A2", "A3")
    noticed = rng.random() < 0.84
    a["Q01"] = "Y" if noticed else "N"
    if noticed:
        used = {"A1": 18, "A2": 22, "A3": 38, "A4": 15, "A5": 7}
        if age in ("A5", "A6"):
            used = {"A1": 12, "A2": 18, "A3": 40, "A4": 20, "A5": 10}
        a["Q02"] = pick(rng, used) if rng.random() > 0.02 else ""
        for item, share in (("SQ001", 0.7), ("SQ002", 0.35), ("SQ003", 0.48)):
            a[f"Q03[{item}]"] = "Y" if rng.random() < share else ""
        if rng.random() < 0.05:
            a["Q03[other]"] = rng.choice(PLACES_OTHER)
        if a["Q02"] not in ("", "A1"):
            shares = (0.3, 0.35, 0.55, 0.25 if young else 0.12, 0.4)
            for i, share in enumerate(shares, 1):
                a[f"Q04[SQ00{i}]"] = "Y" if rng.random() < share else ""
            for i, share in enumerate((0.6, 0.45, 0.35, 0.2, 0.18 if young else 0.08), 1):
                a[f"Q05[SQ00{i}]"] = "Y" if rng.random() < share else ""
            if rng.random() < 0.06:
                a["Q05[other]"] = rng.choice(PURPOSE_OTHER)
        for i, (centre, dont_know) in enumerate(
            ((2.6, 0.04), (2.0, 0.05), (1.7, 0.18), (2.3, 0.08), (2.5, 0.2), (2.1, 0.05)), 1
        ):
            a[f"Q06[SQ00{i}]"] = likert(rng, centre, dont_know) if rng.random() > 0.03 else ""
    keep = 1.9 if young else 2.5
    for i, (centre, dont_know) in enumerate(((2.0, 0.05), (3.1, 0.1), (2.9, 0.06), (keep, 0.08)), 1):
        a[f"Q07[SQ00{i}]"] = likert(rng, centre, dont_know) if rng.random() > 0.03 else ""
    a["Q08"] = pick(rng, {"A1": 46, "A2": 22, "A3": 20, "A4": 12})
    if rng.random() < 0.42:
        a["Q09"] = wish(rng)
    a["Q10"] = age if rng.random() > 0.04 else ""
    came = pick(rng, {"A1": 42, "A2": 24, "A3": 9, "A4": 22, "-oth-": 3})
    a["Q11"] = came
    if came == "-oth-":
        a["Q11[other]"] = rng.choice(CAME_OTHER)
    a["Q12"] = pick(rng, {"A1": 72, "A2": 18, "A3": 10})
    if rng.random() < 0.85:
        minutes = rng.lognormvariate(2.2, 0.55) * (2.2 if a["Q12"] == "A3" else 1)
        a["Q13"] = str(max(1, round(minutes)))
    return a


def columns() -> list[str]:
    found = []
    for code, _kind, _group, _text, _answers, items, other, _rel in QUESTIONS:
        if items:
            found += [f"{code}[{item}]" for item in items]
        else:
            found.append(code)
        if other:
            found.append(f"{code}[other]")
    return found


def structure() -> str:
    """The tab-separated structure export (the columns LimeSurvey writes first; it writes many more)."""
    header = ["id", "related_id", "class", "type/scale", "name", "relevance", "text", "help", "language"]
    header += ["validation", "mandatory", "encrypted", "other", "default", "same_default"]
    rows = [header]

    def row(**values: str) -> list[str]:
        return [values.get(h.replace("/", "_"), "") for h in header]

    rows.append(row(**{"class": "S", "name": "sid", "text": str(SURVEY_ID)}))
    rows.append(row(**{"class": "S", "name": "language", "text": "de"}))
    rows.append(row(**{"class": "S", "name": "format", "text": "G"}))
    rows.append(
        row(
            **{
                "class": "SL",
                "name": "surveyls_title",
                "text": "Befragung zu den Stadt-Terrassen",
                "language": "de",
            }
        )
    )
    ident = 100
    for group, title in GROUPS.items():
        rows.append(
            row(
                id=str(group),
                **{"class": "G", "type_scale": "", "name": title, "relevance": "1", "language": "de"},
            )
        )
        for code, kind, q_group, text, answers, items, other, relevance in QUESTIONS:
            if q_group != group:
                continue
            ident += 1
            rows.append(
                row(
                    id=str(ident),
                    relevance=relevance,
                    text=f"<p>{text}</p>",
                    language="de",
                    mandatory="N",
                    encrypted="N",
                    other="Y" if other else "N",
                    **{"class": "Q", "type_scale": kind, "name": code},
                )
            )
            for item, label in items.items():
                ident += 1
                rows.append(
                    row(
                        id=str(ident),
                        text=label,
                        language="de",
                        **{"class": "SQ", "type_scale": "0", "name": item, "relevance": "1"},
                    )
                )
            for answer, label in answers.items():
                rows.append(
                    row(
                        id=str(ident),
                        text=label,
                        language="de",
                        **{"class": "A", "type_scale": "0", "name": answer, "relevance": "0"},
                    )
                )
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(rows)
    return out.getvalue()


def online(rng: random.Random, count: int) -> bytes:
    """The response export: BOM, all quoted, CRLF; incomplete interviews stop at some page."""
    head = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    body = columns()
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(head + body)
    start = dt.datetime(2024, 3, 21, 9, 0)
    personal = dict(zip(rng.sample(range(1, count + 1), len(PERSONAL)), PERSONAL, strict=True))
    for i in range(1, count + 1):
        answers = respondent(rng)
        if i in personal:
            answers["Q09"] = personal[i]
        day = start.replace(hour=0) + dt.timedelta(days=rng.randrange(0, 82))
        when = day + dt.timedelta(minutes=rng.randrange(7 * 60, 22 * 60))
        done = when + dt.timedelta(seconds=rng.randrange(150, 900))
        complete = i in personal or rng.random() > 0.085
        page = 4
        if not complete:  # stopped after page 1 or 2: later answers are missing
            page = rng.choice((1, 1, 2))
            for column in body:
                group = int(next(q[2] for q in QUESTIONS if column.split("[")[0] == q[0]))
                if group > page:
                    answers.pop(column, None)
        values = [
            str(i),
            done.strftime("%Y-%m-%d %H:%M:%S") if complete else "",
            str(page),
            "de",
            str(rng.randrange(10**8, 10**9)),
            when.strftime("%Y-%m-%d %H:%M:%S"),
            (done if complete else when).strftime("%Y-%m-%d %H:%M:%S"),
        ]
        writer.writerow(values + [answers.get(c, "") for c in body])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def paper(rng: random.Random, count: int, path: Path) -> None:
    """The paper questionnaires as typed in: Q03_SQ001 columns, some answers as words, ticks as x."""
    from openpyxl import Workbook

    labels = {code: answers for code, _k, _g, _t, answers, _i, _o, _r in QUESTIONS}
    head = ["Bogen-Nr.", "Eingabe"] + [c.replace("[", "_").replace("]", "") for c in columns()]
    book = Workbook()
    sheet = book.active
    sheet.title = "Papierbögen"
    sheet.append(head)
    for i in range(1, count + 1):
        answers = respondent(rng)
        row: list[object] = [f"P{i:03d}", "AK" if i % 2 else "MB"]
        for column in columns():
            value = answers.get(column, "")
            code = column.split("[")[0]
            if value == "Y" and "[" in column:
                value = "x"
            elif code in ("Q02", "Q08", "Q10", "Q12") and value and rng.random() < 0.5:
                value = labels[code][value]  # typed as the word on the questionnaire
            elif code == "Q01" and value:
                value = {"Y": "ja", "N": "nein"}[value] if rng.random() < 0.5 else value
            elif code == "Q13" and value:
                value = int(value)
            row.append(value if value != "" else None)
        sheet.append(row)
    book.save(path)


def main() -> None:
    rng = random.Random(SEED)
    DATA.mkdir(exist_ok=True)
    (DATA / f"limesurvey_survey_{SURVEY_ID}.txt").write_text(structure(), encoding="utf-8", newline="")
    (DATA / f"results-survey{SURVEY_ID}.csv").write_bytes(online(rng, 262))
    paper(rng, 48, DATA / "papierboegen.xlsx")
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main()
