"""Build templates/profil/template.docx: the profile (Steckbrief) of one area of a Sozialraumanalyse, a
document per area (``repeat: unit`` in project.yaml).

The konzept design and block library without cover page and table of contents: the area's name as the
title, the project below, then the outline of template.yaml. Rebuild with
``python templates/profil/build_template.py``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from docx.shared import Pt

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "konzept_builder", HERE.parent / "konzept" / "build_template.py"
)
konzept = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(konzept)  # type: ignore[union-attr]


class ProfileBuilder(konzept.Builder):
    def styles(self) -> None:
        super().styles()
        heading = self.doc.styles["Heading 1"]
        heading.paragraph_format.page_break_before = False  # a profile runs on, chapter after chapter
        heading.font.size = Pt(13)
        heading.paragraph_format.space_before = Pt(14)
        title = self.doc.styles["Title"]
        title.font.size = Pt(22)

    def cover(self) -> None:
        self.p("{{ project.title }} · {{ project.client }}", "Cover Label")
        self.p("{{ document.title }}", "Title")
        self.tag("{%p if project.sample_data %}")
        self.p(
            "{% if project.sample_summary %}{{ project.sample_summary }}"
            "{% if project.sample_note %} {% endif %}{% endif %}{{ project.sample_note }}",
            "Sample Notice",
        )
        self.tag("{%p endif %}")


def main() -> None:
    target = HERE / "template.docx"
    ProfileBuilder().build(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
