"""The document stage's parts on their own: bibliography entries, the inventory, table formatting,
document properties."""

from __future__ import annotations

import datetime as dt

from conceptgen.data.frames import Column
from conceptgen.data.tables import TableResult
from conceptgen.document.bibliography import bibliography
from conceptgen.document.inventory import InventoryContext
from conceptgen.document.properties import document_properties, document_timestamp
from conceptgen.document.tables import format_table
from conceptgen.language import Language
from conceptgen.markup import Markdown
from conceptgen.model import Concept
from conceptgen.model.content import Source

GERMAN = Language("de")


def test_source_entry_lists_author_year_title_publisher_url():
    source = Source(
        id="Q1",
        author="Destatis",
        year=2024,
        title="Statistik untergebrachter wohnungsloser Personen",
        publisher="Statistisches Bundesamt",
        url="https://www.destatis.de",
        accessed=dt.date(2024, 3, 1),
    )
    [entry] = bibliography([source], GERMAN)
    assert entry["text"] == (
        "Destatis (2024): Statistik untergebrachter wohnungsloser Personen. Statistisches Bundesamt. "
        "https://www.destatis.de (abgerufen am 1.\u00a0März 2024)."
    )
    assert entry["short"] == "Destatis 2024"


def test_source_entry_without_author_starts_with_title():
    [entry] = bibliography([Source(id="Q2", title="Landesprogramm")], Language("en"))
    assert entry["text"] == "Landesprogramm." and entry["short"] == "Landesprogramm"


def concept() -> Concept:
    return Concept.model_validate(
        {
            "project": {
                "title": "T",
                "client": "K",
                "contractor": "B",
                "date": "2024-05-02",
                "version": "1",
                "concept_type": "Wohnungsnotfallkonzept",
                "documents": [{"output": "a.docx"}],
            },
            "areas": [
                {"id": "a", "name": "Aheim"},
                {"id": "b", "name": "Bdorf"},
                {"id": "k", "name": "Kreis"},
            ],
            "categories": [{"id": "c1", "name": "Beratung"}, {"id": "c2", "name": "Unterbringung"}],
            "offers": [
                {"id": "o1", "name": "B1", "category": "c1", "provider": "P", "area": "a"},
                {"id": "o2", "name": "U1", "category": "c2", "provider": "P", "area": "a"},
                {"id": "o3", "name": "U2", "category": "c2", "provider": "P", "area": "b",
                 "capacity": {"value": 1234.5, "unit": "Plätze"}},
            ],
        }
    )  # fmt: skip


def test_inventory_groups_offers_by_area_and_counts_a_matrix():
    inventory = InventoryContext(concept(), GERMAN, lambda text, path: Markdown(text or "")).build()
    assert [a["offer_count"] for a in inventory["areas"]] == [2, 1, 0]
    by_area = inventory["inventory"]["by_area"]
    assert [a["area"] for a in by_area] == ["Aheim", "Bdorf"]  # areas without offers are left out
    assert [g["category"] for g in by_area[0]["groups"]] == ["Beratung", "Unterbringung"]
    assert inventory["inventory"]["matrix"] == [
        {"category": "Beratung", "counts": [1, 0, 0], "total": 1},
        {"category": "Unterbringung", "counts": [1, 1, 0], "total": 2},
    ]
    offers = {o["id"]: o for o in inventory["offers"]}
    assert offers["o3"]["capacity"] == "1.234,5\u00a0Plätze" and offers["o1"]["capacity"] == "–"


def test_format_table_puts_units_in_headers_and_formats_numbers():
    result = TableResult(
        "t",
        "Titel",
        [
            Column("gebiet", "Gebiet"),
            Column("ew", "Einwohner", "Personen", True, 0),
            Column("anteil", "Anteil", "%", True, 1, percent=True),
            Column("jahr", "Jahr", year=True),
        ],
        [["Aheim", 12345, 12.345, 2024], ["Bdorf", None, 3.0, 2023]],
        ["Summe", 12345, None, None],
        source="IT.NRW",
    )  # fmt: skip
    de = format_table(result, GERMAN)
    assert de.headers == ["Gebiet", "Einwohner (Personen)", "Anteil in %", "Jahr"]
    assert de.rows == [["Aheim", "12.345", "12,3", "2024"], ["Bdorf", "–", "3,0", "2023"]]
    assert de.total == ["Summe", "12.345", "", ""] and de.source == "Quelle: IT.NRW"
    en = format_table(result, Language("en"))
    assert en.rows[0][1] == "12,345" and en.source == "Source: IT.NRW"


def test_document_properties_and_fixed_timestamp():
    c = concept()
    properties = document_properties(c.project, c.project.documents[0], GERMAN)
    assert properties["title"] == "T" and properties["language"] == "de-DE"
    assert properties["keywords"] == "Wohnungsnotfallkonzept; K"
    assert document_timestamp(c.project) == dt.datetime(2024, 5, 2, tzinfo=dt.UTC)


def test_bibliography_sorts_by_author_and_year_and_tells_equal_years_apart():
    sources = [
        Source(id="B", author="Zentrum", title="Zweiter Bericht", year=2023),
        Source(id="A", author="Zentrum", title="Erster Bericht", year=2023, note="stichtag 31. Januar"),
        Source(id="C", author="Amt", title="Statistik", year=2024),
        Source(id="D", author=["Busch-Geertsema, Volker", "Henke, Jutta"], title="Studie", year=2019),
        Source(id="E", author=["Meier, A.", "Müller, B.", "Schulz, C."], title="Gutachten", year=2020),
    ]
    entries = bibliography(sources, GERMAN)
    assert [e["id"] for e in entries] == ["C", "D", "E", "A", "B"]
    short = {e["id"]: e["short"] for e in entries}
    assert short == {
        "A": "Zentrum 2023a",
        "B": "Zentrum 2023b",
        "C": "Amt 2024",
        "D": "Busch-Geertsema/Henke 2019",
        "E": "Meier u. a. 2020",
    }
    text = {e["id"]: e["text"] for e in entries}
    assert text["A"] == "Zentrum (2023a): Erster Bericht. Stichtag 31. Januar."
    assert text["D"].startswith("Busch-Geertsema, Volker; Henke, Jutta (2019): Studie")
