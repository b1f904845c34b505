"""Visual vocabulary: a colour per relation type, a shape per entity kind, dashes per status."""
from __future__ import annotations

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
