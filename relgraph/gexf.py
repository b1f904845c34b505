"""GEXF 1.3, for Gephi and Gephi Lite: a dynamic graph whose relations carry their time as spells.

One ``<node>`` per entity and one ``<edge>`` per relation (the edge id is the
relation id, so parallel relations stay apart; ``kind`` is the relation type,
which Gephi keeps parallel edges apart by). Every column is an attribute of
its XML Schema type (the entity's ``id`` and the relation's ``id``,
``source`` and ``target`` are the elements' own); an empty cell is left out.
Colours, shapes and the page's layout go in the ``viz`` namespace (``y`` points up
in Gephi, so it is negated: the picture is the page's).

**Time as intervals only.** Gephi reads either point dates or intervals in one
graph, not both: relgraph writes intervals (``timerepresentation="interval"``,
days in ``timeformat="date"``, both ends included), by the as-of rule's reading
of partial dates (:func:`relgraph.exchange.spells`): a lasting relation from the
first day its ``start`` may mean to the day before its ``end`` may fall, an event
over the days its date may mean (a day for ``2024-11-25``, the month for
``2024-11``). An empty start or end leaves that side open; an element without a
date has no spell, which Gephi shows at every time. Entities get lifetimes when
their table has ``start``/``end`` columns.

**Mutual relations** (``directed`` false) are ``type="mutual"`` edges in a
directed graph: Gephi Lite's parser (graphology-gexf) reads them as undirected,
networkx as a pair of directed edges; networkx refuses a graph that mixes
``directed`` and ``undirected`` edges. graphology-gexf takes the graph's type
from the first edge and has no "mutual" graph, so directed relations come first
(each group by id); a graph of mutual relations only is ``defaultedgetype="undirected"``.

Text is escaped, line breaks are kept as character references, and the
control characters XML 1.0 cannot hold at all are written as ``\\x1b``-style escapes.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import exchange, style
from .exchange import xml_escape as esc
from .exchange import xml_text
from .outputs import write_atomic

# Gephi's edge shapes for the statuses the page dashes (style.STATUS_DASHES).
STATUS_SHAPES = {"alleged": "dashed", "denied": "dashed", "intended": "dotted"}
# Gephi's node shapes for the page's (style.KIND_SHAPES); anything else is a disc.
SHAPES = {"square": "square", "diamond": "diamond", "triangle": "triangle"}


def generate_gexf(tables) -> str:
    """The GEXF document of ``tables`` (a :class:`relgraph.Dataset`, or any object with its tables).

    Examples
    --------
    >>> import io, networkx as nx, pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "Southland"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1"], "source": ["north"], "target": ["south"], "relation": ["recognition"],
    ...                   "start": ["2024-05"], "status": ["reported"], "source_id": ["notes"]}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
    >>> g = nx.read_gexf(io.BytesIO(generate_gexf(ds).encode()))  # networkx reads GEXF 1.3
    >>> g.edges["north", "south"]["spells"], g.nodes["north"]["kind"]  # one relation: a DiGraph
    ([('2024-05-01', 'None')], 'state')
    """
    ent = tables.entities
    rel = exchange.relations(tables)
    x, y = exchange.positions(tables, rel)
    mutual = ~rel["directed"].to_numpy(bool)
    rel = rel.iloc[np.argsort(mutual, kind="stable")]  # directed first: see the module docstring
    only_mutual = len(rel) > 0 and mutual.all()
    node_spells = exchange.spells(ent, np.zeros(len(ent), dtype=bool))
    edge_spells = exchange.spells(rel, rel["temporal"].eq("event"))
    node_cols = [c for c in ent.columns if c != "id"]
    edge_cols = [c for c in rel.columns if c not in ("id", "source", "target")]

    kind_colours = ent["kind"].map(style.KIND_COLOURS).fillna(style.FALLBACK_COLOUR)
    shapes = ent["kind"].map(style.KIND_SHAPES).map(SHAPES).fillna("disc")
    nodes = ('<node id="' + esc(ent["id"]) + '" label="' + esc(ent["name"]) + '">'
             + _attvalues(ent, node_cols) + _spells(node_spells)
             + _colour(kind_colours) + '<viz:position x="' + pd.Series(x, index=ent.index).astype(str)
             + '" y="' + pd.Series(-y, index=ent.index).astype(str) + '"/><viz:shape value="' + shapes
             + '"/></node>')
    colours = rel["relation"].map(style.type_colours(tables.relation_types)).fillna(style.FALLBACK_COLOUR)
    labels = rel["relation"].map(tables.relation_types.set_index("id")["label"]).fillna(rel["relation"])
    edge_type = pd.Series(np.where(rel["directed"] | only_mutual, "", ' type="mutual"'), index=rel.index)
    edges = ('<edge id="' + esc(rel["id"]) + '" source="' + esc(rel["source"]) + '" target="'
             + esc(rel["target"]) + '" label="' + esc(labels) + '" kind="' + esc(rel["relation"]) + '"'
             + edge_type + ">" + _attvalues(rel, edge_cols) + _spells(edge_spells) + _colour(colours)
             + '<viz:shape value="' + rel["status"].map(STATUS_SHAPES).fillna("solid") + '"/></edge>')
    dynamic = any(s is not None and s.ne("").to_numpy().any() for s in (node_spells, edge_spells))
    timed = ' mode="dynamic" timeformat="date" timerepresentation="interval"' if dynamic else ' mode="static"'
    title = xml_text(tables.name)
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
        f"  <meta><creator>relgraph</creator><title>{title}</title></meta>",
        f'  <graph defaultedgetype="{"undirected" if only_mutual else "directed"}"{timed}>',
        _declarations("node", ent, node_cols),
        _declarations("edge", rel, edge_cols),
        "    <nodes>", *("      " + nodes), "    </nodes>",
        "    <edges>", *("      " + edges), "    </edges>",
        "  </graph>",
        "</gexf>",
        "",
    ])


def write_gexf(tables, path) -> Path:
    """Write :func:`generate_gexf` to ``path`` atomically, never over one of ``tables.inputs``; returns the path."""
    return write_atomic(path, generate_gexf(tables), inputs=tables.inputs)


def _declarations(cls: str, frame: pd.DataFrame, columns: list[str]) -> str:
    lines = [f'      <attribute id="{name}" title="{name}" type="{exchange.column_type(frame[c])}"/>'
             for c, name in zip(columns, esc(pd.Series(columns, dtype=str)))]
    return "\n".join([f'    <attributes class="{cls}" mode="static">', *lines, "    </attributes>"])


def _attvalues(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Each row's ``<attvalues>``, an empty cell left out."""
    parts = []
    for c in columns:
        text = exchange.as_text(frame[c])
        parts.append(('<attvalue for="' + xml_text(c) + '" value="' + esc(text) + '"/>')
                     .where(text != "", ""))
    if not parts:
        return pd.Series("", index=frame.index)
    values = parts[0].str.cat(parts[1:])
    return ("<attvalues>" + values + "</attvalues>").where(values != "", "")


def _spells(days: pd.DataFrame | None) -> pd.Series | str:
    if days is None:
        return ""
    start = ' start="' + days["start"] + '"'
    end = ' end="' + days["end"] + '"'
    spell = start.where(days["start"] != "", "") + end.where(days["end"] != "", "")
    return ("<spells><spell" + spell + "/></spells>").where(spell != "", "")


def _colour(hex_colours: pd.Series) -> pd.Series:
    rgb = hex_colours.str.slice(1)
    r, g, b = (rgb.str.slice(i, i + 2).map(lambda h: str(int(h, 16))) for i in (0, 2, 4))
    return '<viz:color r="' + r + '" g="' + g + '" b="' + b + '"/>'
