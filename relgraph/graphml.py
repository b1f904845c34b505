"""GraphML, for yEd, networkx, igraph and Cytoscape desktop: a typed ``key`` for every column.

One ``<node>`` per entity (its id the entity's), one ``<edge>`` per relation
(its id the relation's: parallel relations stay apart), and a ``<data>``
element per non-empty cell, under a ``key`` declared with the column's name
and XML Schema type (``boolean``, ``long``, ``double``, ``string``). The
entity's ``id`` and the relation's ``id``, ``source`` and ``target`` are the
elements' own.

Mutual relations (``directed`` false) are ordinary edges whose ``directed``
data is false: networkx and igraph read one direction for a whole GraphML
graph and refuse edges that say otherwise. A graph of mutual relations only
is ``edgedefault="undirected"``.

Text is escaped, line breaks (a bare CR too) are kept as character references,
and the control characters XML 1.0 cannot hold are written as ``\\x1b``-style escapes.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import exchange
from .exchange import xml_escape as esc
from .exchange import xml_text
from .outputs import write_atomic


def generate_graphml(tables) -> str:
    """The GraphML document of ``tables`` (a :class:`relgraph.Dataset`, or any object with its tables).

    Examples
    --------
    >>> import io, networkx as nx, pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "Southland"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1", "r2"], "source": ["north", "north"], "target": ["south", "south"],
    ...                   "relation": ["recognition", "support"], "status": "reported", "source_id": "notes"}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
    >>> g = nx.read_graphml(io.BytesIO(generate_graphml(ds).encode()))
    >>> sorted(g.edges(keys=True)), g.edges["north", "south", "r1"]["valence"]
    ([('north', 'south', 'r1'), ('north', 'south', 'r2')], 1)
    """
    ent = tables.entities
    rel = exchange.relations(tables)
    node_cols = [c for c in ent.columns if c != "id"]
    edge_cols = [c for c in rel.columns if c not in ("id", "source", "target")]
    keys = [_key(f"n{i}", "node", c, ent[c]) for i, c in enumerate(node_cols)]
    keys += [_key(f"e{i}", "edge", c, rel[c]) for i, c in enumerate(edge_cols)]
    nodes = '<node id="' + esc(ent["id"]) + '">' + _data(ent, node_cols, "n") + "</node>"
    edges = ('<edge id="' + esc(rel["id"]) + '" source="' + esc(rel["source"]) + '" target="'
             + esc(rel["target"]) + '">' + _data(rel, edge_cols, "e") + "</edge>")
    only_mutual = len(rel) > 0 and not rel["directed"].any()
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        *keys,
        f'  <graph id="{xml_text(tables.name)}" '
        f'edgedefault="{"undirected" if only_mutual else "directed"}">',
        *("    " + nodes), *("    " + edges),
        "  </graph>",
        "</graphml>",
        "",
    ])


def write_graphml(tables, path) -> Path:
    """Write :func:`generate_graphml` to ``path`` atomically, never over one of ``tables.inputs``; returns it."""
    return write_atomic(path, generate_graphml(tables), inputs=tables.inputs)


def _key(key: str, domain: str, name: str, column: pd.Series) -> str:
    return (f'  <key id="{key}" for="{domain}" attr.name="{xml_text(name)}" '
            f'attr.type="{exchange.column_type(column)}"/>')


def _data(frame: pd.DataFrame, columns: list[str], prefix: str) -> pd.Series:
    """Each row's ``<data>`` elements, an empty cell left out."""
    parts = []
    for i, c in enumerate(columns):
        text = exchange.as_text(frame[c])
        parts.append((f'<data key="{prefix}{i}">' + esc(text) + "</data>").where(text != "", ""))
    return parts[0].str.cat(parts[1:]) if parts else pd.Series("", index=frame.index)
