"""Node positions computed in Python with a fixed seed, so pages are reproducible.

Up to 300 entities igraph's Kamada-Kawai gives even relation lengths (labels
overlap less); above that, Fruchterman-Reingold.

igraph's Fruchterman-Reingold (C, grid-accelerated) lays out 10k nodes in about
a second at 500 iterations, where networkx's spring_layout takes minutes. Its
cost grows with nodes times iterations, so large graphs get fewer iterations
(:func:`iterations`): 150 at 10,000 entities, 50 from 30,000, which keeps the
layout of 100,000 relations under half a second.

Entities without any relation are not laid out: they sit on a shelf of rows
below the others, so that fitting the view to everything does not shrink the
connected part to a dot.
"""
from __future__ import annotations

import random

import numpy as np
import pandas as pd

SEED = 20241125
EDGE_LENGTH = 170  # pixels: the median relation is drawn this long, so labels have room
SPACING = 140  # pixels between the linked entities and the shelf of those without relations
SHELF_SPACING = 60  # pixels between entities on that shelf
KAMADA_KAWAI_MAX = 300  # small graphs: even relation lengths, fewer overlapping labels
MAX_ITERATIONS, MIN_ITERATIONS = 500, 50
NODE_ITERATIONS = 1_500_000  # budget of nodes x iterations above 3,000 nodes


def iterations(n_nodes: int) -> int:
    """Fruchterman-Reingold iterations for a graph of ``n_nodes``.

    Examples
    --------
    >>> iterations(100), iterations(10_000), iterations(1_000_000)
    (500, 150, 50)
    """
    return int(np.clip(NODE_ITERATIONS // max(n_nodes, 1), MIN_ITERATIONS, MAX_ITERATIONS))


def positions(node_ids: pd.Series, sources: pd.Series, targets: pd.Series, *, seed: int = SEED):
    """Integer x and y arrays, one per node, in ``node_ids`` order.

    Examples
    --------
    >>> x, y = positions(pd.Series(["a", "b", "c"]), pd.Series(["a"]), pd.Series(["b"]))
    >>> len(x), bool((x == positions(pd.Series(["a", "b", "c"]), pd.Series(["a"]), pd.Series(["b"]))[0]).all())
    (3, True)
    """
    import igraph  # here: its import (and the matplotlib it finds) costs 0.3 s that validate and diff don't need

    n = len(node_ids)
    index = pd.Index(node_ids)
    edges = np.column_stack([index.get_indexer(sources), index.get_indexer(targets)])
    edges = edges[(edges >= 0).all(axis=1) & (edges[:, 0] != edges[:, 1])]
    # Entities without relations would be flung to the rim and squash the rest when the view is
    # fitted: lay out the connected ones, then shelve the isolated ones in rows below them.
    linked = np.zeros(n, dtype=bool)
    linked[edges.ravel()] = True
    order = np.cumsum(linked) - 1  # position of each linked node among the linked ones
    x = np.zeros(n, dtype=np.int64)
    y = np.zeros(n, dtype=np.int64)
    if linked.any():
        x[linked], y[linked] = _spring(igraph, int(linked.sum()), order[edges], seed)
    alone = np.flatnonzero(~linked)
    if len(alone):
        width = int(x[linked].max() - x[linked].min()) if linked.any() else 0
        columns = max(int(np.ceil(np.sqrt(len(alone)))), width // SHELF_SPACING + 1)
        k = np.arange(len(alone))
        left = x[linked].min() if linked.any() else 0
        top = y[linked].max() + SPACING if linked.any() else 0
        x[alone] = left + (k % columns) * SHELF_SPACING
        y[alone] = top + (k // columns) * SHELF_SPACING
    return x, y


def _spring(igraph, n: int, edges: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Integer positions of a graph whose every node has a relation, the median relation EDGE_LENGTH long."""
    g = igraph.Graph(n=n, edges=edges.tolist())
    g.simplify()  # parallel relations pull no harder than one
    igraph.set_random_number_generator(random.Random(seed))
    try:
        if n <= KAMADA_KAWAI_MAX:
            coords = np.array(g.layout_kamada_kawai(maxiter=100 * n).coords)
        else:
            coords = np.array(g.layout_fruchterman_reingold(niter=iterations(n), grid="auto").coords)
    finally:
        igraph.set_random_number_generator(random)  # igraph's default
    coords -= np.median(coords, axis=0)
    # Small components drift far from the main one; bring the stragglers in to its rim.
    radius = np.hypot(coords[:, 0], coords[:, 1])
    rim = 1.1 * np.percentile(radius, 95)
    coords *= np.minimum(1.0, rim / np.maximum(radius, 1e-9))[:, None]
    typical = np.median(np.hypot(*(coords[edges[:, 0]] - coords[edges[:, 1]]).T))
    xy = np.rint(coords * (EDGE_LENGTH / typical if typical > 0 else 1.0)).astype(np.int64)
    return xy[:, 0], xy[:, 1]
