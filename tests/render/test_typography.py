"""German and English typography of user text."""

from __future__ import annotations

import pytest

from conceptgen.render.typography import NBSP, typeset


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Ein "Zitat" hier', "Ein „Zitat“ hier"),
        ("ein 'inneres' Wort, geht's", "ein ‚inneres‘ Wort, geht’s"),
        ("2024-2026", "2024–2026"),
        ("Datum 2024-05-02 bleibt", "Datum 2024-05-02 bleibt"),
        ("Telefon 02131-92820", "Telefon 02131-92820"),
        ("Seiten 12 - 15", "Seiten 12–15"),
        ("Beratung - auch mobil", "Beratung – auch mobil"),
        ("§ 67 SGB XII", f"§{NBSP}67{NBSP}SGB{NBSP}XII"),
        ("§§ 67 ff.", f"§§{NBSP}67 ff."),
        ("z. B. und d. h.", f"z.{NBSP}B. und d.{NBSP}h."),
        ("Abs. 2 Nr. 3", f"Abs.{NBSP}2 Nr.{NBSP}3"),
        ("10 % und 1.000 €", f"10{NBSP}% und 1.000{NBSP}€"),
        ("Vertreter*innen", "Vertreter*innen"),
        ("https://example.org/2020-2021", "https://example.org/2020-2021"),
    ],
)
def test_german(text, expected):
    assert typeset(text, "de") == expected


def test_english():
    assert typeset('a "quote" 2020-2021', "en") == "a “quote” 2020–2021"
    assert typeset("§ 67", "en") == "§ 67"


def test_numbers_stay_with_their_units():
    assert typeset("150.000 € und 36 % bei 2 Stellen, 12 Plätze, 5 Mio. Euro") == (
        f"150.000{NBSP}€ und 36{NBSP}% bei 2{NBSP}Stellen, 12{NBSP}Plätze, 5{NBSP}Mio. Euro"
    )
    assert typeset("2 Stellenangebote") == "2 Stellenangebote"  # only whole unit words
