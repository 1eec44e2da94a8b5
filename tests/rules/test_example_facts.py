"""Rules a council member found broken in the example projects, checked over every example: what one
project got wrong, another can get wrong the same way."""

from __future__ import annotations

import re

import pytest

from conceptgen.loading import load_project
from tests.conftest import ROOT
from tests.examples import PROJECTS


def data(project: str) -> dict:
    source, _ = load_project(ROOT / "projects" / project)
    return source.data


@pytest.mark.parametrize("project", PROJECTS)
def test_no_offer_is_counted_twice(project):
    """One service of one provider for one target group in one area is one offer with its capacity, not
    two (Bottrop's Frauenzentrum Courage as „Frauenberatungsstelle“ and „Beratungskapazität“ made „sechs
    Angebote“ of five)."""
    seen: dict[tuple, str] = {}
    for offer in data(project).get("offers") or []:
        key = tuple(offer.get(k) for k in ("provider", "category", "area", "target_group"))
        assert key not in seen, f"{project}: {offer['id']} und {seen[key]} sind ein Angebot"
        seen[key] = offer["id"]


def strings(value):
    """Every string in a loaded YAML value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


ARTICLE_RANGE = re.compile(r"\b(?:Artikeln?|Art\.)\s*(\d+)\s*(?:bis|–|-)\s*(\d+)")


@pytest.mark.parametrize("project", PROJECTS)
def test_a_range_of_rated_articles_holds_every_rated_article(project):
    """A text that says the articles „7 bis 51“ were rated names a range holding every article the
    assessment rates (Bottrop's meeting result left out Art. 56 of Tabelle 9). Ranges of the Convention's
    chapters („Art. 12–17 Prävention“) in a sentence without „Bewertung“ are not read."""
    source, _ = load_project(ROOT / "projects" / project)
    rated = [a["article"] for a in (source.data.get("convention") or {}).get("assessment") or []]
    texts = [*strings(source.data), *(t.content for t in source.texts.values())]
    for text in texts:
        for sentence in re.split(r"(?<=[.;\]])\s+", text):
            if "Bewert" not in sentence:
                continue
            for match in ARTICLE_RANGE.finditer(sentence):
                low, high = int(match[1]), int(match[2])
                outside = [a for a in rated if not low <= a <= high]
                assert not outside, f"{project}: „{match[0]}“ ohne Art. {outside}"


def start(item: dict, measure: dict | None) -> str | None:
    """When a measure or task begins: its period's start; a task without one („dauerhaft“) its measure's."""
    period = item.get("period") or {}
    if not period and item.get("horizon") == "dauerhaft":  # other horizons count from the concept's year
        period = (measure or {}).get("period") or {}
    return str(period["start"]) if period.get("start") is not None else None


@pytest.mark.parametrize("project", PROJECTS)
def test_what_began_before_the_concept_is_not_planned(project):
    """A measure or task that began before the concept's date and has not ended is not „geplant“
    (Merklinde's 1.1, office hours of the quarter management running since 12/2021, two a week in
    Tabelle 4, stood as „geplant“)."""
    loaded = data(project)
    date = str(loaded["project"].get("date") or "")[:7]
    wrong = []
    for measure in loaded.get("measures") or []:
        for item, parent in [(measure, None), *((t, measure) for t in measure.get("tasks") or [])]:
            begins = start(item, parent)
            if begins is None or not date or begins[:7] >= date:
                continue
            end = str(((item.get("period") or {}).get("end")) or "9999")
            if end[:7] >= date and item.get("status", "geplant") == "geplant":
                wrong.append(item["id"])
    assert not wrong, f"{project}: begonnen, aber „geplant“: {wrong}"


@pytest.mark.parametrize("project", PROJECTS)
def test_a_finding_rests_on_offers_the_document_shows(project):
    """„Grundlage: …“ under a finding names offers the reader can find elsewhere in the document (Lünen's
    B2 rested on „Stadtgarten Lünen“, an offer no table or text of the concept showed)."""
    if not any(f.get("offers") for f in data(project).get("findings") or []):
        pytest.skip("no finding rests on offers")
    from tests.docx_text import paragraphs
    from tests.examples import rendered

    for name, docx in rendered(project).items():
        texts = [p.text for p in paragraphs(docx)]
        for i, text in enumerate(texts):
            if not text.startswith("Grundlage: "):
                continue
            basis = text.removeprefix("Grundlage: ").split(" · ")[0]
            others = texts[:i] + texts[i + 1 :]
            for offer in (o.strip().rstrip("*") for o in re.split(r"[,;] ", basis)):
                assert any(offer in t for t in others if not t.startswith("Grundlage: ")), (
                    f"{project} {name}: „{offer}“ steht nur unter „Grundlage:“"
                )


def test_neuss_k3_starts_where_the_case_statistics_stand():
    """K3 (homes kept, %) starts in 2023 at the county's rate of the case statistics that Tabelle 4 shows
    per municipality: the cases' weighted mean of „Quote Wohnung erhalten“ (the council member read 58 %
    beside a table whose rows give 60,3 %)."""
    import pandas as pd

    from conceptgen.model.validate import validate_concept

    source, _ = load_project(ROOT / "projects" / "neuss")
    concept, _ = validate_concept(source)
    [k3] = [k for k in concept.indicators if k.id == "K3"]
    table = pd.read_excel(ROOT / "projects/neuss/data/beratung.xlsx", sheet_name="Fallzahlen", header=2)
    year = table[table.jahr == k3.baseline.year]
    assert len(year) == 8  # every municipality of the county
    rate = (year.beratungsfaelle * year.quote_wohnung_erhalten).sum() / year.beratungsfaelle.sum()
    assert k3.baseline.value == round(rate, 1)
    assert k3.actuals[k3.baseline.year] == round(rate, 1)
