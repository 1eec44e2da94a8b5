"""Build templates/fortschritt/template.docx: the yearly progress report (Fortschrittsbericht) of an
adopted concept — the konzept design, cover and block library; the outline in template.yaml places the
report's blocks (monitoring_summary, indicator_status, measure_progress). Rebuild with
``python templates/fortschritt/build_template.py``.
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


def main() -> None:
    target = HERE / "template.docx"
    konzept.Builder().build(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
