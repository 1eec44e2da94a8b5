"""A timeline keeps every label: LibreOffice drops category labels that would touch their neighbours (11 of
22 in a real concept) unless their rotation is written out as 0, and labels too tall for their bar's slot
overlap. Fast here: the chart's XML and the labels' size and height; slow: 22 bars laid out by LibreOffice
and every label read back from the PDF's figure."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from conceptgen.data.charts import ChartResult
from conceptgen.model.charts import Chart
from conceptgen.render import charts
from tests.conftest import FIXTURES, require_libreoffice

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TITLES = [
    "Erweiterung der kreisweiten Fachberatungsstruktur",
    "Prävention von Wohnungsverlusten gemeinsam mit der Wohnungswirtschaft",
    "Kreisweite Koordinierung, Datengrundlage und Unterbringungsstandards",
    "Mobile Wohnhilfen für Menschen in Notunterkünften",
    "Fachberatungs- und Kontaktstelle für Wohnungsnotfälle in Dormagen",
    "Offene Sprechstunden in Kaarst, Korschenbroich und Jüchen",
    "Verstetigung der Kümmerer-Stellen aus „Endlich ein ZUHAUSE!“",
    "Frühwarnsystem bei Mietrückständen und Räumungsklagen",
    "Kooperationsvereinbarungen zum Kündigungsmanagement",
    "Fachstellen Wohnungssicherung in allen Kommunen",
    "Einheitliches Verfahren zur Übernahme von Mietschulden",
]


def _result(labels: list[str]) -> ChartResult:
    from conceptgen.data.charts import _bar_label

    chart = Chart.model_validate({"id": "plan", "type": "timeline", "title": "Zeitplan", "alt": "Zeitplan"})
    bars = [(_bar_label(label), 2024.0 + i % 3, 2028.0, 1 + i % 2, False) for i, label in enumerate(labels)]
    return ChartResult(chart, bars=bars)


def _twenty_two() -> list[str]:
    return [
        label
        for n, title in enumerate(TITLES, start=1)
        for label in (f"{n} {title}", f"{n}.1 Aufgabe {n} – {TITLES[-n]} (Umsetzung vor Ort)")
    ]


def test_few_bars_keep_their_labels_at_nine_points():
    result = _result(_twenty_two()[:6])
    labels, size, height = charts.timeline_labels(result)
    assert size == 900 and labels == [bar[0] for bar in result.bars]
    assert height <= charts.MAX_HEIGHT_CM


def test_twenty_two_bars_get_smaller_wider_labels():
    result = _result(_twenty_two())
    labels, size, height = charts.timeline_labels(result)
    assert size == 700  # at 9 and 8 pt their slots would not fit onto a page
    assert charts.height_emu(result) == int(min(height, charts.MAX_HEIGHT_CM) * charts.EMU_PER_CM)
    assert max(label.count("\n") for label in labels) < max(bar[0].count("\n") for bar in result.bars)


@given(
    st.lists(
        st.sampled_from([*TITLES, "Kümmerer-Stellen", "Fachberatungs- und Kontaktstelle"]),
        min_size=1,
        max_size=40,
    )
)
def test_every_word_of_every_label_is_kept(titles):
    labels = [f"{n} {t}" for n, t in enumerate(titles, start=1)]
    wrapped, _size, _height = charts.timeline_labels(_result(labels))
    assert [" ".join(w.split("\n")) for w in wrapped] == labels


def test_the_category_axis_keeps_every_label(minimal):
    """c:tickLblSkip 1 for Word, and the labels' rotation written out as 0 for LibreOffice."""
    from conceptgen.pipeline import render_project

    (minimal / "charts.yaml").write_text(
        "charts:\n  - {id: plan, type: timeline, title: Zeitplan, alt: Zeitplan}\n", encoding="utf-8"
    )
    (minimal / "text" / "rahmen.md").write_text("Der Zeitplan.\n\n[[chart:plan]]\n", encoding="utf-8")
    result = render_project(minimal, libreoffice=False, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        [name] = [n for n in package.namelist() if n.startswith("word/charts/chart")]
        axis = etree.fromstring(package.read(name)).find(f".//{{{C}}}catAx")
    assert axis.find(f"{{{C}}}tickLblSkip").get("val") == "1"
    body = axis.find(f"{{{C}}}txPr/{{{A}}}bodyPr")
    assert body.get("rot") == "0" and body.get("vert") == "horz"


def test_the_year_axis_does_not_label_the_end_of_the_last_year(minimal):
    """A plan of 2017–2022 ends at 2023.0 (the end of 2022): Lünen's axis read „2023“ under a caption
    of 2017–2022. The axis runs to that tick and labels the years before it only."""
    from conceptgen.pipeline import render_project

    (minimal / "charts.yaml").write_text(
        "charts:\n  - {id: plan, type: timeline, title: Zeitplan, alt: Zeitplan}\n", encoding="utf-8"
    )
    (minimal / "text" / "rahmen.md").write_text("Der Zeitplan.\n\n[[chart:plan]]\n", encoding="utf-8")
    result = render_project(minimal, libreoffice=False, write=False)
    [docx] = [c for p, c in result.contents.items() if p.suffix == ".docx"]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        [name] = [n for n in package.namelist() if n.startswith("word/charts/chart")]
        axis = etree.fromstring(package.read(name)).find(f".//{{{C}}}valAx")
    end = axis.find(f"{{{C}}}scaling/{{{C}}}max").get("val")
    assert axis.find(f"{{{C}}}numFmt").get("formatCode") == f'[<{float(end):g}]0;""'


@pytest.mark.slow
def test_twenty_two_bars_keep_all_their_labels_in_the_pdf(tmp_path):
    """The case of the issue: 11 measures with a task each, laid out by LibreOffice; the figure's text in
    the PDF holds every one of the 22 labels."""
    require_libreoffice()
    from conceptgen.pipeline import render_project
    from conceptgen.render import pdf_pages

    project = tmp_path / "zeitplan"
    shutil.copytree(FIXTURES / "minimal", project)
    lines = ["measures:"]
    for n, title in enumerate(TITLES, start=1):
        lines += [
            f'  - id: "{n}"',
            f'    title: "{title}"',
            f"    priority: {1 + n % 2}",
            "    level: kommunal",
            "    lead: Sozialamt",
            f"    period: {{start: {2024 + n % 3}, end: {2027 + n % 4}}}",
            "    goals: [Z1.1]",
            "    indicators: [K1]",
            "    tasks:",
            f'      - id: "{n}.1"',
            f'        title: "Aufgabe {n} – {TITLES[-n]} (Umsetzung vor Ort)"',
            "        priority: 2",
            "        lead: Träger e. V.",
            f"        period: {{start: {2025 + n % 2}-03, end: {2028 + n % 3}-09}}",
        ]
    (project / "measures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (project / "charts.yaml").write_text(
        "charts:\n  - {id: plan, type: timeline, title: Zeitplan, alt: Zeitplan der Maßnahmen}\n",
        encoding="utf-8",
    )
    (project / "text" / "rahmen.md").write_text("Der Zeitplan.\n\n[[chart:plan]]\n", encoding="utf-8")
    result = render_project(project, pdf=True, write=False)
    [pdf] = [c for p, c in result.contents.items() if p.suffix == ".pdf"]
    [shown] = [text for alt, text in pdf_pages.figure_texts(pdf) if alt == "Zeitplan der Maßnahmen"]
    plain = "".join(shown.split())
    missing = [label for label in _twenty_two() if "".join(label.split()) not in plain]
    assert missing == [], f"{len(missing)} of 22 labels missing in the PDF: {missing[:3]}"
