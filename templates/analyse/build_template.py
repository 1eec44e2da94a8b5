"""Build templates/analyse/template.docx: the Angebots- und Bedarfsanalyse (an Anlage to a concept).

Same corporate design as templates/konzept (it reuses that builder's styles, cover, header and footer);
its chapters show the project's data tables and supply-and-need analyses. Rebuild with
``python templates/analyse/build_template.py``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "konzept_builder", HERE.parent / "konzept" / "build_template.py"
)
konzept = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(konzept)  # type: ignore[union-attr]


class AnalysisBuilder(konzept.Builder):
    def chapters(self) -> None:
        self.h("Einleitung und Datengrundlage [[sec:a-einleitung]]", 1)
        self.paragraphs("text.analyse_einleitung")
        self.tag("{%p if tables.bevoelkerung is defined %}")
        self.h("Bevölkerung [[sec:a-bevoelkerung]]", 2)
        self.paragraphs("tables.bevoelkerung")
        self.tag("{%p endif %}")
        self.h("Wohnungsnotfälle [[sec:a-wohnungsnotfaelle]]", 1)
        self.tag("{%p if text.analyse_bedarf is defined %}")
        self.paragraphs("text.analyse_bedarf")
        self.tag("{%p endif %}")
        self.tag("{%p for t in tables.values() %}")
        self.tag("{%p if t.label not in ('tab:bevoelkerung',) %}")
        self.h("{{ t.title }}", 2)
        self.paragraphs("t")
        self.tag("{%p endif %}")
        self.tag("{%p endfor %}")
        self.h("Angebote und Versorgung [[sec:a-versorgung]]", 1)
        self.tag("{%p if text.analyse_angebote is defined %}")
        self.paragraphs("text.analyse_angebote")
        self.tag("{%p endif %}")
        self.caption("Angebote nach Kategorie [[tab:a-kategorien]]")
        self.table(
            ["Kategorie", "Anzahl", "Beschreibung"],
            ["{{ c.name }}", "{{ c.offer_count }}", "{{ c.description.text }}"],
            "c in categories",
            [4.5, 1.8, 9.7],
        )
        self.tag("{%p for a in analyses.values() %}")
        self.h("{{ a.title }}", 2)
        self.paragraphs("a")
        self.tag("{%p endfor %}")
        self.h("Angebote nach Kommune [[sec:a-angebote]]", 2)
        self.caption("Alle Angebote nach Kommune und Kategorie [[tab:a-angebote]]")
        self.table(
            ["Kommune", "Angebot", "Kategorie", "Träger", "Kapazität"],
            ["{{ o.area }}", "{{ o.name }}", "{{ o.category }}", "{{ o.provider }}", "{{ o.capacity }}"],
            "o in offers",
            [2.8, 4.6, 2.8, 3.6, 2.2],
        )
        self.h("Ergebnisse [[sec:a-ergebnisse]]", 1)
        self.paragraphs("text.analyse_fazit")
        self.h("Quellen [[sec:a-quellen]]", 1)
        self.tag("{%p for s in sources %}")
        self.p("{{ s.text }}", "Bibliography")
        self.tag("{%p endfor %}")


def main() -> None:
    target = HERE / "template.docx"
    AnalysisBuilder().build(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
