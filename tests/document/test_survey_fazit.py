"""The Fazit of neubeckum ranks the wishes of the open answers (Q09, Tabelle 20) as they were given: it
said „Sitzgelegenheiten mit Lehne, Schatten und Mülleimer … – die häufigsten Wünsche“, while the answers
mention shade 21 times, play equipment 10, backrests 9 and litter bins 4. The answers are not coded in the
project, so the coding is here: a mention is an answer that names the wish."""

from __future__ import annotations

import re

from conceptgen.pipeline import check_project
from tests.conftest import ROOT
from tests.docx_text import paragraphs
from tests.examples import rendered

# neubeckum's open answers (Q09) coded by what they ask for: a mention is an answer naming it
EQUIPMENT = {
    "Schatten": r"schatten|sonnenschirm",
    "Spielgeräte": r"spielgerät",
    "Lehne": r"lehne",
    "Mülleimer": r"mülleimer",
    "Überdachung": r"überdachung",
    "WLAN": r"wlan",
    "Fahrradbügel": r"fahrradbügel",
    "Licht": r"licht",
    "Trinkbrunnen": r"wasserspender|trinkbrunnen",
}


def _mentions(texts: list[tuple[str, int]], pattern: str) -> int:
    return sum(n for text, n in texts if re.search(pattern, text, re.IGNORECASE))


def test_the_fazit_ranks_the_wishes_as_the_open_answers_do():
    result = check_project(ROOT / "projects" / "neubeckum")
    texts = result.data.survey.results["Q09"].texts
    counts = {name: _mentions(texts, p) for name, p in EQUIPMENT.items()}
    ranking = sorted(counts, key=lambda name: -counts[name])
    [docx] = rendered("neubeckum").values()
    lines = [p.text for p in paragraphs(docx)]
    [equipment] = [t for t in lines if t.startswith("Ausstattung:")]
    named = sorted((equipment.index(n), n) for n in EQUIPMENT if n in equipment)
    named_order = [n for _i, n in named]
    # the named wishes are the most frequent ones, in the order written
    assert named_order == ranking[: len(named_order)], (counts, equipment)
    assert counts[named_order[-1]] > counts[ranking[len(named_order)]], counts
