"""Draw the simple pictures of the Leichte-Sprache summary (bilder/*.png): people, a house with a ramp,
a bus at a raised stop, a workplace, people having their say. Plain shapes in two colours, large and
clear, as Leichte Sprache asks.

Run from the project folder: ``python tools/make_pictures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyBboxPatch, Polygon, Rectangle

HERE = Path(__file__).resolve().parents[1] / "bilder"
BLUE, ORANGE, GREY = "#1F4E79", "#C55A11", "#7F7F7F"


def _canvas():
    fig, ax = plt.subplots(figsize=(4, 2.4), dpi=150)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _person(ax, x: float, colour: str, wheelchair: bool = False) -> None:
    if wheelchair:
        ax.add_patch(Circle((x, 3.1), 0.4, color=colour))
        ax.add_patch(FancyBboxPatch((x - 0.35, 1.6), 0.7, 1.0, boxstyle="round,pad=0.1", color=colour))
        ax.add_patch(Circle((x, 1.1), 0.7, fill=False, lw=4, color=GREY))
        return
    ax.add_patch(Circle((x, 4.6), 0.45, color=colour))
    ax.add_patch(FancyBboxPatch((x - 0.45, 2.4), 0.9, 1.7, boxstyle="round,pad=0.1", color=colour))
    ax.add_patch(Rectangle((x - 0.4, 0.4), 0.3, 2.0, color=colour))
    ax.add_patch(Rectangle((x + 0.1, 0.4), 0.3, 2.0, color=colour))


def people(path: Path) -> None:
    fig, ax = _canvas()
    crowd = [(1.2, BLUE, False), (3.2, ORANGE, True), (5.2, BLUE, False)]
    crowd += [(7.0, ORANGE, False), (8.8, BLUE, True)]
    for x, colour, chair in crowd:
        _person(ax, x, colour, chair)
    fig.savefig(path, bbox_inches="tight", transparent=False, facecolor="white")
    plt.close(fig)


def house(path: Path) -> None:
    fig, ax = _canvas()
    ax.add_patch(Rectangle((2, 0.4), 4.5, 3.2, color=BLUE))
    ax.add_patch(Polygon([(1.6, 3.6), (4.25, 5.7), (6.9, 3.6)], color=ORANGE))
    ax.add_patch(Rectangle((3.7, 0.4), 1.1, 1.9, color="white"))
    ax.add_patch(Polygon([(4.8, 0.4), (9.5, 0.4), (4.8, 0.9)], color=GREY))  # the ramp
    fig.savefig(path, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def bus(path: Path) -> None:
    fig, ax = _canvas()
    ax.add_patch(Rectangle((0.2, 0.4), 3.0, 0.8, color=GREY))  # the raised kerb
    ax.add_patch(FancyBboxPatch((3.4, 0.9), 6.2, 3.4, boxstyle="round,pad=0.15", color=ORANGE))
    for x in (4.0, 5.6, 7.2):
        ax.add_patch(Rectangle((x, 2.6), 1.2, 1.2, color="white"))
    ax.add_patch(Rectangle((3.6, 1.2), 0.9, 2.4, color=BLUE))  # the door at kerb height
    for x in (4.6, 8.4):
        ax.add_patch(Circle((x, 0.8), 0.5, color="#404040"))
    _person(ax, 1.6, BLUE, wheelchair=True)
    fig.savefig(path, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def work(path: Path) -> None:
    """A person in a wheelchair at a desk with a screen, a colleague beside them."""
    fig, ax = _canvas()
    ax.add_patch(Rectangle((2.3, 2.2), 4.7, 0.3, color=GREY))  # the desk
    ax.add_patch(Rectangle((2.7, 0.4), 0.25, 1.8, color=GREY))
    ax.add_patch(Rectangle((6.45, 0.4), 0.25, 1.8, color=GREY))
    ax.add_patch(Rectangle((4.2, 2.6), 2.0, 1.4, color=BLUE))  # the screen
    ax.add_patch(Rectangle((4.4, 2.8), 1.6, 1.0, color="white"))
    ax.add_patch(Rectangle((5.05, 2.5), 0.3, 0.15, color=BLUE))
    _person(ax, 1.5, ORANGE, wheelchair=True)
    _person(ax, 8.4, BLUE)
    fig.savefig(path, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def say(path: Path) -> None:
    """Three people, one of them in a wheelchair raising a hand, a speech bubble above them."""
    fig, ax = _canvas()
    _person(ax, 2.0, BLUE)
    _person(ax, 4.6, ORANGE, wheelchair=True)
    ax.add_patch(Rectangle((5.0, 2.9), 0.25, 1.6, color=ORANGE))  # the raised hand
    _person(ax, 7.4, BLUE)
    ax.add_patch(FancyBboxPatch((3.4, 4.85), 2.8, 0.8, boxstyle="round,pad=0.15", color=GREY))
    ax.add_patch(Polygon([(4.4, 4.85), (5.1, 4.55), (5.0, 4.85)], color=GREY))
    for x in (4.1, 4.8, 5.5):
        ax.add_patch(Circle((x, 5.25), 0.18, color="white"))
    fig.savefig(path, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    people(HERE / "menschen.png")
    house(HERE / "haus.png")
    bus(HERE / "bus.png")
    work(HERE / "arbeit.png")
    say(HERE / "mitbestimmen.png")


if __name__ == "__main__":
    main()
