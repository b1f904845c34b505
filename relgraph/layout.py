"""Node positions computed in Python with a fixed seed, so pages are reproducible.

igraph's Fruchterman-Reingold (C, grid-accelerated) lays out 10k nodes in about
a second, where networkx's spring_layout takes minutes.
"""
from __future__ import annotations

import random

import igraph
import numpy as np
import pandas as pd

SEED = 20241125
SPACING = 140  # pixels per node along each axis, roughly


def positions(node_ids: pd.Series, sources: pd.Series, targets: pd.Series, *, seed: int = SEED):
    """Integer x and y arrays, one per node, in ``node_ids`` order.

    Examples
    --------
    >>> x, y = positions(pd.Series(["a", "b", "c"]), pd.Series(["a"]), pd.Series(["b"]))
    >>> len(x), bool((x == positions(pd.Series(["a", "b", "c"]), pd.Series(["a"]), pd.Series(["b"]))[0]).all())
    (3, True)
    """
    n = len(node_ids)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    index = pd.Index(node_ids)
    edges = np.column_stack([index.get_indexer(sources), index.get_indexer(targets)])
    g = igraph.Graph(n=n, edges=edges[(edges >= 0).all(axis=1)].tolist())
    g.simplify()  # parallel relations pull no harder than one
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = np.array(g.layout_fruchterman_reingold(niter=500, grid="auto").coords)
    finally:
        igraph.set_random_number_generator(random)  # igraph's default
    coords -= coords.mean(axis=0)
    extent = np.abs(coords).max() or 1.0
    scale = SPACING * np.sqrt(n) / 2 / extent
    xy = np.rint(coords * scale).astype(np.int64)
    return xy[:, 0], xy[:, 1]
