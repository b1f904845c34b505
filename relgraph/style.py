"""Visual vocabulary: a colour per relation type, a shape per entity kind, dashes per status; label text.

Entity labels are drawn in :data:`LABEL_FONT` (Arial, or a font with its metrics such as Liberation
Sans), whose advance widths are known here, so Python can size labels before any browser draws them:
the layout keeps them apart and the SVG export places them exactly.
"""
from __future__ import annotations

import functools
import math
import unicodedata
import zlib

import numpy as np

# Relation types are coloured by family, their valence: hostile ones warm (reds, oranges, purple-reds),
# cooperative ones cool (blues, greens, teals), neutral ones grey. Warm against cool stays apart for readers
# with any common colour-vision deficiency (Okabe-Ito and Paul Tol's colour-blind-safe schemes).
FAMILIES = {-1: "hostile", 1: "cooperative", 0: "neutral"}
FAMILY_PALETTES = {
    -1: ("#D55E00", "#882255", "#E69F00", "#CC79A7", "#CC3311", "#AA3377", "#EE7733", "#EE3377"),
    1: ("#0072B2", "#009E73", "#56B4E9", "#332288", "#44AA99", "#117733", "#4477AA", "#88CCEE", "#225555",
        "#33BBEE"),
    0: ("#777777", "#999933", "#444444", "#AAAAAA"),
}
# The colour of each type of the vocabulary relgraph ships (data/relation_types.csv), as a place in its
# family's palette: distinct within each family. Other types take a place from a hash of their id, so no
# type's colour depends on which other types there are; a ``color`` in relation_types.csv overrides both.
VOCABULARY = {
    "attack": 0, "accusation": 1, "attack_campaign": 2, "proscription": 3, "tension": 4, "ceasefire_break": 5,
    "rejection": 6,
    "support": 0, "pipeline_partnership": 1, "diplomatic_engagement": 2, "infrastructure_partnership": 3,
    "delisting": 4, "sanctuary": 5, "recognition": 6, "diplomatic_upgrade": 7, "agreement": 8, "alliance": 9,
}
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
# The outline of each shape, as points around its centre for an entity of size 1 (it reaches 1 from the
# centre, as vis-network draws it); "dot" is a circle. The SVG images draw entities with these.
SHAPE_POINTS = {
    "square": [(-1, -1), (1, -1), (1, 1), (-1, 1)],
    "diamond": [(0, -1), (1, 0), (0, 1), (-1, 0)],
    "triangle": [(0, -1), (1, 0.8), (-1, 0.8)],
    "hexagon": [(round(math.cos(math.pi / 3 * k), 4), round(math.sin(math.pi / 3 * k), 4)) for k in range(6)],
    "star": [(round(r * math.sin(math.pi / 5 * k), 4), round(-r * math.cos(math.pi / 5 * k), 4))
             for k, r in zip(range(10), [1, 0.45] * 5)],
}
STATUS_DASHES = {"alleged": [8, 6], "intended": [2, 6], "denied": [14, 4, 2, 4]}

DIFF_COLOURS = {"added": "#1a9641", "removed": "#d7191c", "changed": "#f0a500", "unchanged": "#c8c8c8"}


def type_colour(type_id: str, valence: int = 0, color: str = "") -> str:
    """The colour of one relation type: ``color`` if given, else a place in its valence family's palette.

    The place depends on the type's id alone (:data:`VOCABULARY`, else a hash of the id), so adding
    or removing other types never changes it.

    Examples
    --------
    >>> type_colour("attack", -1), type_colour("alliance", 1), type_colour("attack", -1, "#123456")
    ('#D55E00', '#33BBEE', '#123456')
    >>> type_colour("blockade", -1) in FAMILY_PALETTES[-1]
    True
    """
    if color:
        return color
    palette = FAMILY_PALETTES.get(int(valence) if valence in FAMILIES else 0)
    place = VOCABULARY.get(type_id, zlib.crc32(type_id.encode("utf-8")))
    return palette[place % len(palette)]


def type_colours(relation_types) -> dict[str, str]:
    """Each relation type's colour (:func:`type_colour`), from a table with ``id``, ``valence`` and,
    optionally, ``color``.

    Examples
    --------
    >>> import pandas as pd
    >>> type_colours(pd.DataFrame({"id": ["support", "attack"], "valence": [1, -1]}))
    {'support': '#0072B2', 'attack': '#D55E00'}
    """
    colors = relation_types["color"] if "color" in relation_types else [""] * len(relation_types)
    return {t: type_colour(t, v, c) for t, v, c in zip(relation_types["id"], relation_types["valence"], colors)}


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


@functools.cache  # labels repeat their letters: each is looked up once
def _char_width(c: str) -> int:
    base = unicodedata.normalize("NFD", c)[0]
    if " " <= base <= "~":
        return _WIDTHS[ord(base) - 32]
    return 0 if unicodedata.combining(base) else 556 if unicodedata.category(base)[0] in "PSZ" else _WIDE


def _units(text: str) -> int:
    """The width of ``text`` in thousandths of an em."""
    return sum(map(_char_width, text))


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """The width in pixels of ``text`` set in :data:`LABEL_FONT` at ``size`` pixels.

    Examples
    --------
    >>> text_width("Pakistan"), text_width("Iran", 10)
    (53.69, 17.23)
    """
    return round(_units(text) * size / 1000, 3)


def wrap_lines(text: str, width: float = LABEL_WIDTH, size: float = LABEL_SIZE) -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` pixels at ``size`` pixels ([""] for none).

    Nothing is cut: a word wider than ``width`` keeps a line of its own.

    Examples
    --------
    >>> wrap_lines("one two three four", 60, 13)
    ['one two', 'three four']
    """
    return _wrapped(text, width, size)[0]


def _wrapped(text: str, width: float, size: float) -> tuple[list[str], int]:
    """:func:`wrap_lines`, and the widest line's width in thousandths of an em."""
    lines: list[str] = []
    # Widths add up: each word is measured once, not each candidate line.
    line_units, widest, space = 0, 0, _char_width(" ")
    for word in text.split():
        units = _units(word)
        if lines and round((line_units + space + units) * size / 1000, 3) <= width:
            lines[-1] += " " + word
            line_units += space + units
        else:
            lines.append(word)
            line_units = units
        widest = max(widest, line_units)
    return lines or [""], widest


def labels(names) -> tuple[list[str], list[tuple[float, int]]]:
    """Each name's label (:func:`wrap_label`) and its size (:func:`label_size`), measured once.

    Examples
    --------
    >>> names = ["Islamic Emirate of Afghanistan (Taliban government)", "Iran"]
    >>> labels(names)
    (['Islamic Emirate of\\nAfghanistan (Taliban\\ngovernment)', 'Iran'], [(128.394, 42), (24.122, 14)])
    >>> labels(names)[1] == [label_size(wrap_label(name)) for name in names]
    True
    """
    names = list(names)
    units = _simple_units(names)
    # A simple name that fits, with a thousandth of a pixel to spare for rounding, is its own one line.
    one_line = (units >= 0) & (units * LABEL_SIZE / 1000 <= LABEL_WIDTH - 0.001)
    out, sizes = list(names), [None] * len(names)
    for i, u in zip(np.flatnonzero(one_line).tolist(), units[one_line].tolist()):
        sizes[i] = (round(u * LABEL_SIZE / 1000, 3), LABEL_LINE)
    for i in np.flatnonzero(~one_line).tolist():
        lines, widest = _wrapped(names[i], LABEL_WIDTH, LABEL_SIZE)
        out[i] = "\n".join(lines)
        sizes[i] = (round(widest * LABEL_SIZE / 1000, 3), LABEL_LINE * len(lines))
    return out, sizes


_ASCII_UNITS = np.array([_WIDTHS[c - 32] if 32 <= c <= 126 else 0 for c in range(128)], dtype=np.int64)


def _simple_units(names: list[str]) -> np.ndarray:
    """The width (:func:`_units`) of each name made of printable ASCII words one space apart, measured in
    one pass over all of them; -1 for the others. Such a name's one line is itself while it fits: a
    third of a million names took seconds word by word.

    Examples
    --------
    >>> _simple_units(["Iran", "Iran  Iraq", "Irán", ""]).tolist(), _units("Iran")
    ([1723, -1, -1, -1], 1723)
    """
    simple = np.fromiter((n.isascii() and n.isprintable() and n != "" and " ".join(n.split()) == n
                          for n in names), dtype=bool, count=len(names))
    units = np.full(len(names), -1, dtype=np.int64)
    picked = [n for n, s in zip(names, simple.tolist()) if s]
    if picked:
        codes = np.frombuffer("".join(picked).encode("ascii"), dtype=np.uint8)
        starts = np.concatenate([[0], np.cumsum([len(n) for n in picked[:-1]], dtype=np.int64)])
        units[simple] = np.add.reduceat(_ASCII_UNITS[codes], starts)
    return units


def wrap_label(name: str, width: float = LABEL_WIDTH) -> str:
    """The full ``name`` as label lines (joined by newlines), broken at spaces to fit ``width`` pixels
    (:func:`wrap_lines`).

    Examples
    --------
    >>> wrap_label("Islamic Emirate of Afghanistan (Taliban government)")
    'Islamic Emirate of\\nAfghanistan (Taliban\\ngovernment)'
    >>> wrap_label("Pakistan")
    'Pakistan'
    """
    return "\n".join(wrap_lines(name, width))


def label_size(label: str) -> tuple[float, int]:
    """The width and height in pixels of a label's lines (joined by newlines), as the canvas draws them.

    Examples
    --------
    >>> label_size("Islamic State\\nKhorasan")
    (80.136, 28)
    """
    lines = label.split("\n")
    return max(text_width(line) for line in lines), LABEL_LINE * len(lines)


# How the SVG and PNG images are laid out (relgraph/svg.py, and the page's templates/js/image.js): pixels.
IMAGE = {"margin": 24, "legend": 240, "gap": 24, "title": 20, "text": 13, "line": 18, "header": 64,
         "swatch": 28}

# Entities coloured by camp or community (the page option color_by): Okabe-Ito blue and orange for the two
# camps, Paul Tol's muted palette for communities 1, 2, ...; grey for none, and past the palette's end.
CAMP_COLOURS = {"A": "#0072B2", "B": "#E69F00", "": "#BBBBBB"}
COMMUNITY_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                     "#AA4499"]
NO_GROUP_COLOUR = "#BBBBBB"

# The map view's colours (relgraph/geo.py places, templates/js/map.js and relgraph/svg.py draw): sea, other
# countries, the countries of the data, those of the entity selected, borders and the grey of the map's words
# (4.5:1 against the land).
MAP = {"sea": "#e8f0f7", "land": "#fafaf7", "data": "#efe8d6", "chosen": "#dfcd9c", "border": "#9aa5b1",
       "label": "#666666", "label_size": 13}
