"""The relation graph: a networkx MultiDiGraph keyed by relation id."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import networkx as nx


def relations_with_types(relations: pd.DataFrame, relation_types: pd.DataFrame) -> pd.DataFrame:
    """Relations joined with their type's ``directed``, ``valence`` and ``temporal``."""
    types = relation_types.set_index("id")[["directed", "valence", "temporal"]]
    return relations.join(types, on="relation")


def build_graph(tables) -> nx.MultiDiGraph:
    """One node per entity, one edge per relation, every column as attributes.

    Edges are keyed by relation id, so parallel relations between the same pair
    survive. Mutual relation types (``directed`` false) are stored once, in the
    order written, with ``directed=False`` on the edge.

    Examples
    --------
    >>> import pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "Southland"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1", "r2"], "source": ["north", "south"], "target": ["south", "north"],
    ...                   "relation": ["recognition", "alliance"], "status": "reported", "source_id": "notes"}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
    >>> g = ds.graph()
    >>> sorted(g.edges(keys=True)), g.edges["north", "south", "r1"]["relation"]
    ([('north', 'south', 'r1'), ('south', 'north', 'r2')], 'recognition')
    >>> g.edges["south", "north", "r2"]["directed"]  # an alliance is mutual: stored once, undirected
    False
    """
    import networkx as nx  # here: a fifth of a second that commands building no graph don't pay

    g = nx.MultiDiGraph(name=tables.name)
    ent = tables.entities
    g.add_nodes_from(zip(ent["id"], ent.to_dict("records")))
    rel = relations_with_types(tables.relations, tables.relation_types)
    g.add_edges_from(zip(rel["source"], rel["target"], rel["id"], rel.to_dict("records")))
    return g
