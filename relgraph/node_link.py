"""node-link JSON, as ``networkx.node_link_data`` writes it: ``networkx.node_link_graph`` reads it back.

The graph of :meth:`relgraph.Dataset.graph` (a MultiDiGraph keyed by
relation id, every column an attribute, mutual relations stored once with
``directed`` false) in networkx's node-link form, ``edges="edges"``:
``{"directed": true, "multigraph": true, "graph": {"name": ...}, "nodes":
[{"id": ..., ...}], "edges": [{"source": ..., "target": ..., "key": ...,
...}]}``. D3 and other JavaScript libraries read the same shape (some call the
edges ``links``).
"""
from __future__ import annotations

import json
from pathlib import Path

from .graph import build_graph
from .outputs import write_atomic


def generate_node_link(tables) -> str:
    """The node-link JSON of ``tables`` (a :class:`relgraph.Dataset`, or any object with its tables).

    Examples
    --------
    >>> import json, networkx as nx, pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "Southland"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1"], "source": ["north"], "target": ["south"], "relation": ["recognition"],
    ...                   "status": ["reported"], "source_id": ["notes"]}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
    >>> g = nx.node_link_graph(json.loads(generate_node_link(ds)), edges="edges")
    >>> list(g.edges(keys=True)), g.nodes["south"]["name"]
    ([('north', 'south', 'r1')], 'Southland')
    """
    import networkx as nx  # here: only this format and graph() need it

    return json.dumps(nx.node_link_data(build_graph(tables), edges="edges"), ensure_ascii=False, indent=1) + "\n"


def write_node_link(tables, path) -> Path:
    """Write :func:`generate_node_link` to ``path`` atomically, never over one of ``tables.inputs``; returns it."""
    return write_atomic(path, generate_node_link(tables), inputs=tables.inputs)
