"""The conventions a concept implements, article by article: the UN Convention on the Rights of Persons
with Disabilities (UN-BRK, articles 1–33 of its substantive part) and the Council of Europe's Istanbul
Convention (articles 1–61; chapters VIII–XII — international cooperation, monitoring, final clauses —
bind the state, not a municipality). Titles follow the official German translations (BGBl. 2008 II
S. 1419; BGBl. 2017 II S. 1026); an English document gives the authentic English titles (UN Treaty Series
vol. 2515; Council of Europe Treaty Series No. 210).

``municipal`` is the set a municipal plan is expected to address unless the project declares its own
``relevant`` articles (docs/konzeptarten.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TreatyName(StrEnum):
    UN_BRK = "un-brk"
    ISTANBUL = "istanbul"


@dataclass(frozen=True)
class Names:
    """A treaty's names in another language: short name, title, article titles, chapter titles (in the
    order of ``Treaty.chapters``)."""

    short: str
    title: str
    articles: dict[int, str]
    chapters: tuple[str, ...]


@dataclass(frozen=True)
class Treaty:
    name: TreatyName
    short: str  # as the document names it: „UN-BRK“
    title: str
    articles: dict[int, str]
    chapters: tuple[tuple[int, int, str], ...]  # first article, last article, title
    municipal: frozenset[int]
    other: dict[str, Names] = field(default_factory=dict)  # by language code: „en“

    def in_language(self, code: str) -> Treaty:
        """The treaty with the names of language ``code`` (German when it has none in it)."""
        names = self.other.get(code)
        if names is None:
            return self
        chapters = tuple(
            (first, last, title)
            for (first, last, _), title in zip(self.chapters, names.chapters, strict=True)
        )
        return Treaty(self.name, names.short, names.title, names.articles, chapters, self.municipal)

    def chapter(self, article: int) -> str:
        return next((title for first, last, title in self.chapters if first <= article <= last), "")

    def label(self, article: int) -> str:
        """„Art. 24 Bildung“."""
        return f"Art.\u00a0{article} {self.articles[article]}"

    def labels(self, articles: list[int]) -> str:
        """„Art. 9 Zugänglichkeit; Art. 20 Persönliche Mobilität“ (unknown numbers left out)."""
        return "; ".join(self.label(a) for a in articles if a in self.articles)


UN_BRK = Treaty(
    TreatyName.UN_BRK,
    "UN-BRK",
    "Übereinkommen der Vereinten Nationen über die Rechte von Menschen mit Behinderungen",
    {
        1: "Zweck",
        2: "Begriffsbestimmungen",
        3: "Allgemeine Grundsätze",
        4: "Allgemeine Verpflichtungen",
        5: "Gleichberechtigung und Nichtdiskriminierung",
        6: "Frauen mit Behinderungen",
        7: "Kinder mit Behinderungen",
        8: "Bewusstseinsbildung",
        9: "Zugänglichkeit",
        10: "Recht auf Leben",
        11: "Gefahrensituationen und humanitäre Notlagen",
        12: "Gleiche Anerkennung vor dem Recht",
        13: "Zugang zur Justiz",
        14: "Freiheit und Sicherheit der Person",
        15: "Freiheit von Folter oder grausamer, unmenschlicher oder erniedrigender Behandlung oder Strafe",
        16: "Freiheit von Ausbeutung, Gewalt und Missbrauch",
        17: "Schutz der Unversehrtheit der Person",
        18: "Freizügigkeit und Staatsangehörigkeit",
        19: "Unabhängige Lebensführung und Einbeziehung in die Gemeinschaft",
        20: "Persönliche Mobilität",
        21: "Recht der freien Meinungsäußerung, Meinungsfreiheit und Zugang zu Informationen",
        22: "Achtung der Privatsphäre",
        23: "Achtung der Wohnung und der Familie",
        24: "Bildung",
        25: "Gesundheit",
        26: "Habilitation und Rehabilitation",
        27: "Arbeit und Beschäftigung",
        28: "Angemessener Lebensstandard und sozialer Schutz",
        29: "Teilhabe am politischen und öffentlichen Leben",
        30: "Teilhabe am kulturellen Leben sowie an Erholung, Freizeit und Sport",
        31: "Statistik und Datensammlung",
        32: "Internationale Zusammenarbeit",
        33: "Innerstaatliche Durchführung und Überwachung",
    },
    (
        (1, 4, "Zweck, Begriffe, Grundsätze und Verpflichtungen"),
        (5, 9, "Querschnittsrechte"),
        (10, 30, "Einzelne Rechte"),
        (31, 33, "Daten, Zusammenarbeit und Überwachung"),
    ),
    frozenset({5, 6, 7, 8, 9, 11, 16, 19, 20, 21, 24, 25, 26, 27, 28, 29, 30, 31, 33}),
    {
        "en": Names(
            "UN CRPD",
            "Convention on the Rights of Persons with Disabilities",
            {
                1: "Purpose",
                2: "Definitions",
                3: "General principles",
                4: "General obligations",
                5: "Equality and non-discrimination",
                6: "Women with disabilities",
                7: "Children with disabilities",
                8: "Awareness-raising",
                9: "Accessibility",
                10: "Right to life",
                11: "Situations of risk and humanitarian emergencies",
                12: "Equal recognition before the law",
                13: "Access to justice",
                14: "Liberty and security of the person",
                15: "Freedom from torture or cruel, inhuman or degrading treatment or punishment",
                16: "Freedom from exploitation, violence and abuse",
                17: "Protecting the integrity of the person",
                18: "Liberty of movement and nationality",
                19: "Living independently and being included in the community",
                20: "Personal mobility",
                21: "Freedom of expression and opinion, and access to information",
                22: "Respect for privacy",
                23: "Respect for home and the family",
                24: "Education",
                25: "Health",
                26: "Habilitation and rehabilitation",
                27: "Work and employment",
                28: "Adequate standard of living and social protection",
                29: "Participation in political and public life",
                30: "Participation in cultural life, recreation, leisure and sport",
                31: "Statistics and data collection",
                32: "International cooperation",
                33: "National implementation and monitoring",
            },
            (
                "Purpose, definitions, principles and obligations",
                "Cross-cutting rights",
                "Specific rights",
                "Data, cooperation and monitoring",
            ),
        )
    },
)

ISTANBUL = Treaty(
    TreatyName.ISTANBUL,
    "Istanbul-Konvention",
    "Übereinkommen des Europarats zur Verhütung und Bekämpfung von Gewalt gegen Frauen und häuslicher Gewalt",
    {
        1: "Zweck des Übereinkommens",
        2: "Geltungsbereich des Übereinkommens",
        3: "Begriffsbestimmungen",
        4: "Grundrechte, Gleichstellung und Nichtdiskriminierung",
        5: "Verpflichtungen des Staates und gebührende Sorgfalt",
        6: "Geschlechtersensible politische Maßnahmen",
        7: "Umfassende und koordinierte politische Maßnahmen",
        8: "Finanzielle Mittel",
        9: "Nichtstaatliche Organisationen und Zivilgesellschaft",
        10: "Koordinierungsstelle",
        11: "Datensammlung und Forschung",
        12: "Allgemeine Verpflichtungen",
        13: "Bewusstseinsbildung",
        14: "Bildung",
        15: "Aus- und Fortbildung von Angehörigen bestimmter Berufsgruppen",
        16: "Vorbeugende Interventions- und Behandlungsprogramme",
        17: "Beteiligung des privaten Sektors und der Medien",
        18: "Allgemeine Verpflichtungen",
        19: "Information",
        20: "Allgemeine Hilfsdienste",
        21: "Unterstützung bei Einzel- oder Sammelklagen",
        22: "Spezialisierte Hilfsdienste",
        23: "Schutzunterkünfte",
        24: "Telefonberatung",
        25: "Unterstützung für Opfer sexueller Gewalt",
        26: "Schutz und Unterstützung für Zeuginnen und Zeugen, die Kinder sind",
        27: "Meldung",
        28: "Meldung durch Angehörige bestimmter Berufsgruppen",
        29: "Zivilrechtliche Klagen und Rechtsbehelfe",
        30: "Schadensersatz und Entschädigung",
        31: "Sorgerecht, Besuchsrecht und Sicherheit",
        32: "Zivilrechtliche Folgen der Zwangsheirat",
        33: "Psychische Gewalt",
        34: "Nachstellung",
        35: "Körperliche Gewalt",
        36: "Sexuelle Gewalt einschließlich Vergewaltigung",
        37: "Zwangsheirat",
        38: "Verstümmelung weiblicher Genitalien",
        39: "Zwangsabtreibung und Zwangssterilisierung",
        40: "Sexuelle Belästigung",
        41: "Beihilfe oder Anstiftung und Versuch",
        42: "Inakzeptable Rechtfertigungen für Straftaten, einschließlich der im Namen der sogenannten "
        "„Ehre“ begangenen Straftaten",
        43: "Anwendung der Straftatbestände",
        44: "Gerichtsbarkeit",
        45: "Sanktionen und Maßnahmen",
        46: "Strafschärfungsgründe",
        47: "Von einer anderen Vertragspartei ausgesprochene Verurteilungen",
        48: "Verbot verpflichtender alternativer Streitbeilegungsverfahren oder Strafurteile",
        49: "Allgemeine Verpflichtungen",
        50: "Soforthilfe, Prävention und Schutz",
        51: "Gefährdungsanalyse und Gefahrenmanagement",
        52: "Eilschutzanordnungen",
        53: "Kontakt- und Näherungsverbote sowie Schutzanordnungen",
        54: "Ermittlungen und Beweise",
        55: "Verfahren auf Antrag und von Amts wegen",
        56: "Schutzmaßnahmen",
        57: "Rechtsberatung",
        58: "Verjährungsfrist",
        59: "Aufenthaltsstatus",
        60: "Asylanträge aufgrund des Geschlechts",
        61: "Verbot der Zurückweisung",
    },
    (
        (1, 6, "Kapitel I: Zweck, Begriffsbestimmungen, Gleichstellung, allgemeine Verpflichtungen"),
        (7, 11, "Kapitel II: Ineinandergreifende politische Maßnahmen und Datensammlung"),
        (12, 17, "Kapitel III: Prävention"),
        (18, 28, "Kapitel IV: Schutz und Unterstützung"),
        (29, 48, "Kapitel V: Materielles Recht"),
        (49, 58, "Kapitel VI: Ermittlungen, Strafverfolgung, Verfahrensrecht und Schutzmaßnahmen"),
        (59, 61, "Kapitel VII: Migration und Asyl"),
    ),
    frozenset({7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 23, 24, 25, 26, 31, 50, 51, 56}),
    {
        "en": Names(
            "Istanbul Convention",
            "Council of Europe Convention on preventing and combating violence against women and domestic "
            "violence",
            {
                1: "Purposes of the Convention",
                2: "Scope of the Convention",
                3: "Definitions",
                4: "Fundamental rights, equality and non-discrimination",
                5: "State obligations and due diligence",
                6: "Gender-sensitive policies",
                7: "Comprehensive and co-ordinated policies",
                8: "Financial resources",
                9: "Non-governmental organisations and civil society",
                10: "Co-ordinating body",
                11: "Data collection and research",
                12: "General obligations",
                13: "Awareness-raising",
                14: "Education",
                15: "Training of professionals",
                16: "Preventive intervention and treatment programmes",
                17: "Participation of the private sector and the media",
                18: "General obligations",
                19: "Information",
                20: "General support services",
                21: "Assistance in individual/collective complaints",
                22: "Specialist support services",
                23: "Shelters",
                24: "Telephone helplines",
                25: "Support for victims of sexual violence",
                26: "Protection and support for child witnesses",
                27: "Reporting",
                28: "Reporting by professionals",
                29: "Civil lawsuits and remedies",
                30: "Compensation",
                31: "Custody, visitation rights and safety",
                32: "Civil consequences of forced marriages",
                33: "Psychological violence",
                34: "Stalking",
                35: "Physical violence",
                36: "Sexual violence, including rape",
                37: "Forced marriage",
                38: "Female genital mutilation",
                39: "Forced abortion and forced sterilisation",
                40: "Sexual harassment",
                41: "Aiding or abetting and attempt",
                42: "Unacceptable justifications for crimes, including crimes committed in the name of "
                "so-called “honour”",
                43: "Application of criminal offences",
                44: "Jurisdiction",
                45: "Sanctions and measures",
                46: "Aggravating circumstances",
                47: "Sentences passed by another Party",
                48: "Prohibition of mandatory alternative dispute resolution processes or sentencing",
                49: "General obligations",
                50: "Immediate response, prevention and protection",
                51: "Risk assessment and risk management",
                52: "Emergency barring orders",
                53: "Restraining or protection orders",
                54: "Investigations and evidence",
                55: "Ex parte and ex officio proceedings",
                56: "Measures of protection",
                57: "Legal aid",
                58: "Statute of limitation",
                59: "Residence status",
                60: "Gender-based asylum claims",
                61: "Non-refoulement",
            },
            (
                "Chapter I: Purposes, definitions, equality and non-discrimination, general obligations",
                "Chapter II: Integrated policies and data collection",
                "Chapter III: Prevention",
                "Chapter IV: Protection and support",
                "Chapter V: Substantive law",
                "Chapter VI: Investigation, prosecution, procedural law and protective measures",
                "Chapter VII: Migration and asylum",
            ),
        )
    },
)

TREATIES = {t.name: t for t in (UN_BRK, ISTANBUL)}
