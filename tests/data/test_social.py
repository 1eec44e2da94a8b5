"""The Sozialraum numbers against hand computations: rates from counts, aggregates from summed counts,
z-scores with the population SD, the re-standardised index, classes, ranks, the dynamic index, and the
rules around them (not rated below the minimum population or with a missing value, weights of 0, ties,
data protection with secondary suppression, the join by code).

The fixture (tests/fixtures/sozialraum) has five Statistische Bezirke in two Stadtbezirke, two years.
2023: SGB-II-Quote 10, 20, 15, 5 (and 1,25 in Brechten, 200 inhabitants: not rated), Arbeitslosenquote
5, 10, 7, 3.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from conceptgen.pipeline import check_project
from tests.conftest import FIXTURES, replace_in

# By hand: SGB II 10, 20, 15, 5 → mean 12,5; population variance (2,5² + 7,5² + 2,5² + 7,5²)/4 = 31,25
SD_SGB2 = math.sqrt(31.25)
Z_SGB2 = [(10 - 12.5) / SD_SGB2, (20 - 12.5) / SD_SGB2, (15 - 12.5) / SD_SGB2, (5 - 12.5) / SD_SGB2]
# Arbeitslose 5, 10, 7, 3 → mean 6,25; variance (1,25² + 3,75² + 0,75² + 3,25²)/4 = 6,6875
SD_ALO = math.sqrt(6.6875)
Z_ALO = [(5 - 6.25) / SD_ALO, (10 - 6.25) / SD_ALO, (7 - 6.25) / SD_ALO, (3 - 6.25) / SD_ALO]
SUMS = [a + b for a, b in zip(Z_SGB2, Z_ALO, strict=True)]  # mean 0 (each z-score has mean 0)
SD_SUM = math.sqrt(sum(s * s for s in SUMS) / 4)
INDEX = [s / SD_SUM for s in SUMS]  # ≈ −0,4659, 1,3978, 0,3691, −1,3010
UNITS = ["city", "hafen", "nordmarkt", "eving"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "sozialraum"
    shutil.copytree(FIXTURES / "sozialraum", target)
    return target


def social(project: Path):
    result = check_project(project)
    errors = [d for d in result.diagnostics if d.level.value == "error"]
    assert not errors, [d.format() for d in errors]
    return result.data.social, result.diagnostics


def test_rates_and_aggregates_from_counts(project):
    s, _ = social(project)
    values = s.values["sgb2"][2023]
    assert [values[u].value for u in UNITS] == [10.0, 20.0, 15.0, 5.0]
    # Innenstadt: (80 + 320 + 180) / (800 + 1600 + 1200) × 100, not the mean of the three rates (15,0)
    assert values["sb0"].value == pytest.approx(580 / 3600 * 100)
    assert values["__total__"].value == pytest.approx(632 / 4760 * 100)
    assert s.years == [2022, 2023] and s.year == 2023


def test_status_index_by_hand(project):
    s, _ = social(project)
    index = s.indices["status"][2023]
    for unit, z_sgb2, z_alo, expected in zip(UNITS, Z_SGB2, Z_ALO, INDEX, strict=True):
        entry = index.entries[unit]
        assert entry.scores["sgb2"] == pytest.approx(z_sgb2)
        assert entry.scores["alo"] == pytest.approx(z_alo)
        assert entry.value == pytest.approx(expected)
    assert [round(index.entries[u].value, 4) for u in UNITS] == [-0.4659, 1.3978, 0.3691, -1.301]
    # MSS classes: ≤ −1 hoch, (−1, 1] mittel, (1, 1,5] niedrig, > 1,5 sehr niedrig
    assert [index.labels[index.entries[u].cls] for u in UNITS] == ["mittel", "niedrig", "mittel", "hoch"]
    assert [index.entries[u].rank for u in UNITS] == [3, 1, 2, 4]
    assert index.entries["brechten"].rated is False and index.entries["brechten"].reason == "population"


def test_dynamic_index_by_hand(project):
    s, _ = social(project)
    dynamic = s.indices["dynamik"][2023]
    assert dynamic.base_year == 2022
    # changes 2022 → 2023 in percentage points
    sgb2 = [10 - 71 / 790 * 100, 20 - 296 / 1560 * 100, 15 - 190 / 1190 * 100, 5 - 5.5]
    alo = [5 - 32 / 590 * 100, 10 - 118 / 1180 * 100, 7 - 70 / 880 * 100, 3 - 2.5]

    def z(values):
        mean = sum(values) / 4
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / 4)
        return [(v - mean) / sd for v in values]

    expected = z([a + b for a, b in zip(z(sgb2), z(alo), strict=True)])
    assert [dynamic.entries[u].value for u in UNITS] == pytest.approx(expected)
    labels = [dynamic.labels[dynamic.entries[u].cls] for u in UNITS]
    assert labels == ["stabil" if -1 < e <= 1 else ("positiv" if e <= -1 else "negativ") for e in expected]


def test_weight_zero_is_shown_but_not_counted(project):
    replace_in(
        project / "sozialraum.yaml",
        "indicators: {sgb2: 1, alo: 1}\n      population",
        "indicators: {sgb2: 2, alo: 0}\n      population",
    )
    s, _ = social(project)
    index = s.indices["status"][2023]
    # only SGB II counts: the index is its z-score (a sum of 2 × z, standardised again)
    assert [index.entries[u].value for u in UNITS] == pytest.approx(Z_SGB2)
    assert index.entries["city"].scores["alo"] == pytest.approx(Z_ALO[0])  # still computed for display


def test_missing_value_leaves_an_area_unrated(project):
    replace_in(
        project / "data" / "sozial_2023.csv",
        "110;EVING;1.200;1.000;50;800;24;100",
        "110;EVING;1.200;1.000;50;800;-;100",
    )
    s, _ = social(project)
    index = s.indices["status"][2023]
    assert index.entries["eving"].rated is False and index.entries["eving"].reason == "missing"
    # three rated areas: SGB II 10, 20, 15 → z = (x − 15) / √(50/3)
    sd = math.sqrt(50 / 3)
    assert index.entries["city"].scores["sgb2"] == pytest.approx((10 - 15) / sd)


def test_ties_share_a_rank(project):
    replace_in(
        project / "data" / "sozial_2023.csv",
        "030;NORDMARKT;1.500;1.200;180;900;63;.",
        "030;NORDMARKT;1.500;1.600;320;1.200;120;.",
    )
    s, _ = social(project)
    index = s.indices["status"][2023]
    assert index.entries["hafen"].value == pytest.approx(index.entries["nordmarkt"].value)
    assert index.entries["hafen"].rank == index.entries["nordmarkt"].rank == 1
    assert index.entries["city"].rank == 3  # competition ranking: 1, 1, 3, 4


def test_rank_method_and_quantile_classes(project):
    replace_in(
        project / "sozialraum.yaml",
        "      population: einwohner\n      min_population: 300\n    - id: dynamik",
        "      population: einwohner\n      min_population: 300\n      method: rank\n"
        "      classes: {method: quantiles, limits: [0.5], labels: [unten, oben]}\n    - id: dynamik",
    )
    s, _ = social(project)
    index = s.indices["status"][2023]
    # ranks (1 = lowest burden) scaled to 0…1: SGB II 10, 20, 15, 5 → 1/3, 1, 2/3, 0; Arbeitslose alike
    assert [index.entries[u].value for u in UNITS] == pytest.approx([1 / 3, 1.0, 2 / 3, 0.0])
    # the median of 0, 1/3, 2/3, 1 is 0,5: two areas each side
    assert index.limits == pytest.approx([0.5])
    assert [index.entries[u].cls for u in UNITS] == [0, 1, 1, 0]


def test_data_protection_with_secondary_suppression(project):
    s, _ = social(project)
    values = s.values["sgb2"][2023]
    assert values["brechten"].hidden == "count"  # 2 SGB-II recipients: fewer than 3
    # Nord = Eving + Brechten: with Nord shown, Eving's count would give Brechten's away
    assert values["eving"].hidden == "secondary"
    assert values["sb1"].hidden == "" and values["city"].hidden == ""


def test_join_by_code(project):
    replace_in(project / "data" / "sozial_2023.csv", "020;HAFEN", "021;HAFEN")
    result = check_project(project)
    [error] = [d for d in result.diagnostics if d.level.value == "error"]
    assert error.code == "CG610" and "„021“" in error.message
    assert error.location.file.endswith("sozial_2023.csv") and error.location.line == 3
    assert "020" in error.hint


def test_name_that_does_not_match_its_code(project):
    replace_in(project / "data" / "sozial_2023.csv", "030;NORDMARKT", "030;NORDSTADT")
    _, found = social(project)
    [warning] = [d for d in found if d.code == "CG611"]
    assert "„NORDSTADT“ passt nicht zum Namen des Gebiets 030 „Nordmarkt“" in warning.message
    assert warning.location.line == 4


def test_codes_keep_leading_zeros_and_spelt_out_umlauts_match(project):
    from conceptgen.data.area_data import same_name

    assert same_name("KIRCHHOERDE-LUETTRINGHAUSEN", "Kirchhörde-Lüttringhausen")
    assert not same_name("Kirchhoerde-Luettringhausen", "Hombruch")
    replace_in(project / "data" / "sozial_2023.csv", "010;CITY", "10;CITY")  # as Excel saves it
    s, _ = social(project)
    assert s.values["sgb2"][2023]["city"].value == 10.0


def test_a_new_year_is_one_more_file(project):
    text = (project / "data" / "sozial_2023.csv").read_text(encoding="utf-8")
    (project / "data" / "sozial_2024.csv").write_text(text.replace(";80;", ";88;"), encoding="utf-8")
    s, _ = social(project)
    assert s.years == [2022, 2023, 2024] and s.year == 2024
    assert s.values["sgb2"][2024]["city"].value == 11.0
