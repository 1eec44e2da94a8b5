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
    """The konzept design with a block library of its own: the outline is in template.yaml."""

    def library(self) -> None:
        marker = self.p("[[blocks]]")
        marker.paragraph_format.page_break_before = True
        self.p(
            "Bausteinbibliothek der Analyse: Alles ab [[blocks]] erscheint nicht im Dokument; die Gliederung "
            "steht in template.yaml (outline)."
        )
        for name in ("offer_categories", "offer_list", "tables", "analyses", "bibliography"):
            self.p(f"[[block:{name}]]", "Meta Line")
            getattr(self, f"block_{name}")()

    def block_offer_categories(self) -> None:
        self.caption(konzept.T("doc.offers_by_category") + " [[tab:kategorien]]")
        self.table(
            [konzept.T("doc.category"), konzept.T("survey.count"), konzept.T("doc.description")],
            ["{{ c.name }}", "{{ c.offer_count }}", "{{ c.description.text }}"],
            "c in block.categories",
            [4.5, 1.8, 9.7],
        )


def main() -> None:
    target = HERE / "template.docx"
    AnalysisBuilder().build(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
