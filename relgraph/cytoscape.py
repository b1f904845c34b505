"""Cytoscape.js JSON, for web apps built on Cytoscape.js and for Cytoscape desktop (``.cyjs``).

The document Cytoscape.js's ``cy.json()`` reads and writes:
``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}, "style": [...]}``.
Each element's ``data`` holds every column of its row as JSON (entities:
their columns, ``id`` included; relations: theirs, ``id``, ``source`` and
``target`` included, with their type's ``directed``, ``valence`` and
``temporal``), nodes have the page's ``position``, and ``classes`` name what
the style draws by: ``kind-<kind>`` on nodes; ``type-<relation type>``,
``status-<status>`` and ``directed`` or ``mutual`` on edges. ``style`` is a
stylesheet in the page's colours and shapes: relations coloured by type,
arrows on directed ones, alleged and denied relations dashed, intended ones
dotted, parallel relations fanned out (``curve-style: bezier``).

Cytoscape.js treats ``data`` as data, never as markup; nothing is escaped beyond JSON.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import exchange, style
from .outputs import write_atomic

# Cytoscape.js shapes for the page's (style.KIND_SHAPES).
SHAPES = {"square": "rectangle", "diamond": "diamond", "triangle": "triangle", "hexagon": "hexagon",
          "dot": "ellipse", "star": "star"}
LINE_STYLES = {"alleged": "dashed", "denied": "dashed", "intended": "dotted"}


def cytoscape_data(tables) -> dict:
    """The Cytoscape.js JSON of ``tables`` (a :class:`relgraph.Dataset`, or any object with its tables), as a dict.

    Examples
    --------
    >>> import pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "Southland"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1"], "source": ["north"], "target": ["south"], "relation": ["alliance"],
    ...                   "status": ["alleged"], "claimed_by": ["south"], "source_id": ["notes"]}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
    >>> edge = cytoscape_data(ds)["elements"]["edges"][0]
    >>> edge["data"]["id"], edge["data"]["directed"], edge["classes"]
    ('r1', False, 'type-alliance status-alleged mutual')
    """
    ent = tables.entities
    rel = exchange.relations(tables)
    x, y = exchange.positions(tables, rel)
    nodes = [{"data": row, "position": {"x": int(px), "y": int(py)}, "classes": f"kind-{row['kind']}"}
             for row, px, py in zip(ent.to_dict("records"), x, y)]
    edges = [{"data": row, "classes": f"type-{row['relation']} status-{row['status']} "
                                      + ("directed" if row["directed"] else "mutual")}
             for row in rel.to_dict("records")]
    return {"format_version": "1.0", "generated_by": "relgraph", "target_cytoscapejs_version": "~3",
            "data": {"name": tables.name}, "elements": {"nodes": nodes, "edges": edges},
            "style": _style(tables.relation_types, ent["kind"])}


def generate_cytoscape(tables) -> str:
    """:func:`cytoscape_data` as JSON text."""
    return json.dumps(cytoscape_data(tables), ensure_ascii=False, indent=1) + "\n"


def write_cytoscape(tables, path) -> Path:
    """Write :func:`generate_cytoscape` to ``path`` atomically, never over one of ``tables.inputs``; returns it."""
    return write_atomic(path, generate_cytoscape(tables), inputs=tables.inputs)


def _style(relation_types: pd.DataFrame, kinds: pd.Series) -> list[dict]:
    """A stylesheet in the page's colours and shapes, for the kinds and types there are."""
    rules = [{"selector": "node", "style": {"label": "data(name)", "font-size": 10, "text-valign": "bottom"}},
             {"selector": "edge", "style": {"curve-style": "bezier", "width": 1.5}},
             {"selector": "edge.directed", "style": {"target-arrow-shape": "triangle"}}]
    rules += [{"selector": f"node.kind-{k}", "style": {
        "shape": SHAPES.get(style.KIND_SHAPES.get(k, "dot"), "ellipse"),
        "background-color": style.KIND_COLOURS.get(k, style.FALLBACK_COLOUR)}} for k in sorted(kinds.unique())]
    rules += [{"selector": f"edge.type-{t}", "style": {"line-color": c, "target-arrow-color": c}}
              for t, c in style.type_colours(relation_types).items()]
    rules += [{"selector": f"edge.status-{s}", "style": {"line-style": line}} for s, line in LINE_STYLES.items()]
    return rules
