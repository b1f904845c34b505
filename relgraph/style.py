"""Visual vocabulary: a colour per relation type, a shape per entity kind, dashes per status; label text.

Entity labels are drawn in :data:`LABEL_FONT` (Arial, or a font with its metrics such as Liberation
Sans), whose advance widths are known here, so Python can size labels before any browser draws them:
the layout keeps them apart and the SVG export places them exactly.
"""
from __future__ import annotations

import unicodedata

# Colour-blind-safe first (Okabe-Ito, then Tol's muted), assigned in relation-type id order.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D00", "#000000",
    "#332288", "#882255", "#44AA99", "#999933", "#AA4499", "#117733", "#DDCC77", "#6699CC",
)
FALLBACK_COLOUR = "#777777"

# vis-network shapes that keep the label below the symbol.
KIND_SHAPES = {
    "state": "square",
    "government": "diamond",
    "armed_group": "triangle",
    "political_movement": "hexagon",
    "organisation": "dot",
    "person": "star",
}
KIND_COLOURS = {
    "state": "#4C72B0",
    "government": "#2E8B57",
    "armed_group": "#C44E52",
    "political_movement": "#8172B2",
    "organisation": "#937860",
    "person": "#DA8BC3",
}
STATUS_DASHES = {"alleged": [8, 6], "intended": [2, 6], "denied": [14, 4, 2, 4]}

DIFF_COLOURS = {"added": "#1a9641", "removed": "#d7191c", "changed": "#f0a500", "unchanged": "#c8c8c8"}


def type_colours(type_ids) -> dict[str, str]:
    """A stable colour per relation type id: sorted ids take the palette in turn.

    Examples
    --------
    >>> type_colours(["support", "attack"])
    {'attack': '#0072B2', 'support': '#D55E00'}
    """
    ids = sorted(type_ids)
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(ids)}


def kind_label(kind: str) -> str:
    """Human label of an entity kind or relation type id.

    Examples
    --------
    >>> kind_label("armed_group")
    'Armed group'
    """
    return kind.replace("_", " ").capitalize()


LABEL_FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
LABEL_SIZE = 14  # px, the canvas's label font size
LABEL_LINE = 14  # px from one label line to the next (vis-network: the font size)
LABEL_WIDTH = 160  # px: labels wrap at spaces to lines this wide; a longer word keeps its line
# Arial's advance widths (thousandths of an em) for the printable ASCII characters, space to tilde.
_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
    556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
    556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, 334, 260, 334, 584)
_WIDE = 1000  # other characters: as wide as an em (CJK, emoji), after accents are taken off


def _char_width(c: str) -> int:
    base = unicodedata.normalize("NFD", c)[0]
    if " " <= base <= "~":
        return _WIDTHS[ord(base) - 32]
    return 0 if unicodedata.combining(base) else 556 if unicodedata.category(base)[0] in "PSZ" else _WIDE


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """The width in pixels of ``text`` set in :data:`LABEL_FONT` at ``size`` pixels.

    Examples
    --------
    >>> text_width("Pakistan"), text_width("Iran", 10)
    (53.69, 17.23)
    """
    return round(sum(_char_width(c) for c in text) * size / 1000, 3)


def wrap_label(name: str, width: float = LABEL_WIDTH) -> str:
    """The full ``name`` as label lines (joined by newlines), broken at spaces to fit ``width`` pixels.

    Nothing is cut: a word wider than ``width`` keeps a line of its own.

    Examples
    --------
    >>> wrap_label("Islamic Emirate of Afghanistan (Taliban government)")
    'Islamic Emirate of\\nAfghanistan (Taliban\\ngovernment)'
    >>> wrap_label("Pakistan")
    'Pakistan'
    """
    lines: list[str] = []
    for word in name.split():
        if lines and text_width(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def label_size(label: str) -> tuple[float, int]:
    """The width and height in pixels of a label's lines (joined by newlines), as the canvas draws them.

    Examples
    --------
    >>> label_size("Islamic State\\nKhorasan")
    (80.136, 28)
    """
    lines = label.split("\n")
    return max(text_width(line) for line in lines), LABEL_LINE * len(lines)
