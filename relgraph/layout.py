"""Node positions computed in Python with a fixed seed, so pages are reproducible.

Up to 300 entities, stress majorization (:func:`stress`: Kamada and Kawai's
energy, minimised with numpy, started from classical scaling, no randomness)
gives even relation lengths (labels overlap less) without loading igraph; above
that, igraph's Fruchterman-Reingold.

igraph's Fruchterman-Reingold (C, grid-accelerated) lays out 10k nodes in about
a second at 500 iterations, where networkx's spring_layout takes minutes. Its grid
is asked for at every size: left to choose, igraph uses it only above 1,000 nodes,
and 1,000 entities took 0.9 s against 0.2 s for 2,000. Its
cost grows with nodes times iterations, so graphs get at most 250 iterations
(:func:`iterations`; 1,000 entities in ten planted communities came out as
well separated as with 500, in half the time, and visibly less so with 150), 150 at
10,000 entities, 50 from 30,000, which keeps the layout of 100,000 relations under
half a second.

Entities without any relation are not laid out: they sit on a shelf of rows
below the others, so that fitting the view to everything does not shrink the
connected part to a dot.

Given the entities' labels (:func:`positions`' ``labels``), up to
:data:`SEPARATE_MAX` entities are then moved apart until no entity's symbol
and label block (:func:`label_boxes`) overlaps another's (:func:`separate`):
at any zoom, no label covers another label or an entity. Positions are
computed once for the whole dataset; the page keeps them whatever the date or
the filters, so a change shows relations coming and going on a fixed map.
"""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20241125
EDGE_LENGTH = 170  # pixels: the median relation is drawn this long, so labels have room
SPACING = 140  # pixels between the linked entities and the shelf of those without relations
SHELF_SPACING = 60  # pixels between entities on that shelf
STRESS_MAX = 300  # small graphs: even relation lengths, fewer overlapping labels
MAX_ITERATIONS, MIN_ITERATIONS = 250, 50
NODE_ITERATIONS = 1_500_000  # budget of nodes x iterations above 3,000 nodes
NODE_SIZE = 14  # px: an entity's symbol reaches this far from its centre (vis-network's node size)
LABEL_GAP = 11  # px between the symbol's box and the top of its label, as vis-network draws it
CLEARANCE = 8  # px kept free between one entity's symbol and label block and the next
SEPARATE_MAX = 500  # entities: above, labels are left to overlap (they are read zoomed in)
# Labels may cover at most this share of the layout's box before it is spread out to make room: pushing
# boxes apart in a layout two to five times too small for its labels took seconds and never converged.
LABEL_DENSITY = 0.3
SEPARATE_WORK = 25_000_000  # pairs of boxes separate() may look at in all rounds


def iterations(n_nodes: int) -> int:
    """Fruchterman-Reingold iterations for a graph of ``n_nodes``.

    Examples
    --------
    >>> iterations(100), iterations(10_000), iterations(1_000_000)
    (250, 150, 50)
    """
    return int(np.clip(NODE_ITERATIONS // max(n_nodes, 1), MIN_ITERATIONS, MAX_ITERATIONS))


def positions(node_ids: pd.Series, sources: pd.Series, targets: pd.Series, *, label_sizes=None,
              seed: int = SEED):
    """Integer x and y arrays, one per node, in ``node_ids`` order.

    ``label_sizes``, if given, holds each node's label width and height in pixels: up to
    :data:`SEPARATE_MAX` nodes, no node's symbol and label block then overlaps another's.

    Examples
    --------
    >>> x, y = positions(pd.Series(["a", "b", "c"]), pd.Series(["a"]), pd.Series(["b"]))
    >>> len(x), bool((x == positions(pd.Series(["a", "b", "c"]), pd.Series(["a"]), pd.Series(["b"]))[0]).all())
    (3, True)
    """
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
        x[linked], y[linked] = _spring(int(linked.sum()), order[edges], seed)
    alone = np.flatnonzero(~linked)
    if len(alone):
        width = int(x[linked].max() - x[linked].min()) if linked.any() else 0
        columns = max(int(np.ceil(np.sqrt(len(alone)))), width // SHELF_SPACING + 1)
        k = np.arange(len(alone))
        left = x[linked].min() if linked.any() else 0
        top = y[linked].max() + SPACING if linked.any() else 0
        x[alone] = left + (k % columns) * SHELF_SPACING
        y[alone] = top + (k // columns) * SHELF_SPACING
    if label_sizes is not None and 1 < n <= SEPARATE_MAX:
        boxes = label_boxes(label_sizes)
        x, y = spread(x, y, boxes)
        x, y = separate(x, y, boxes)
    return x, y


def spread(x, y, boxes: np.ndarray, density: float = LABEL_DENSITY) -> tuple[np.ndarray, np.ndarray]:
    """``x``, ``y`` scaled about their centre so that the ``boxes`` (offsets as from :func:`label_boxes`)
    cover at most ``density`` of the box around them; as they are when they already do.

    Examples
    --------
    >>> box = np.array([[-5, -5, 5, 5]] * 4)  # four 10 x 10 boxes in a box of 20 x 20: a density of 1
    >>> spread(np.array([0, 10, 0, 10]), np.array([0, 0, 10, 10]), box, density=0.25)
    (array([-5, 15, -5, 15]), array([-5, -5, 15, 15]))
    """
    if len(x) < 2:
        return x, y
    area = ((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])).sum()
    room = ((x + boxes[:, 2]).max() - (x + boxes[:, 0]).min()) * ((y + boxes[:, 3]).max() - (y + boxes[:, 1]).min())
    if area <= density * room:
        return x, y
    s = np.sqrt(area / (density * room))
    cx, cy = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    return np.rint(cx + (x - cx) * s).astype(np.int64), np.rint(cy + (y - cy) * s).astype(np.int64)


def label_boxes(sizes) -> np.ndarray:
    """Per entity, the box of its symbol and label block around its centre, with :data:`CLEARANCE`:
    an ``(n, 4)`` array of left, top, right, bottom offsets in pixels (left and top negative).

    ``sizes`` holds each label's width and height in pixels; the label is centred under the symbol.

    Examples
    --------
    >>> label_boxes([(27.6, 14), (94.0, 28)]).tolist()
    [[-18.0, -18.0, 18.0, 43.0], [-51.0, -18.0, 51.0, 57.0]]
    """
    sizes = np.asarray(sizes, dtype=float).reshape(-1, 2)
    half = np.maximum(sizes[:, 0] / 2, NODE_SIZE) + CLEARANCE / 2
    top = np.full(len(half), -(NODE_SIZE + CLEARANCE / 2))
    bottom = NODE_SIZE + LABEL_GAP + sizes[:, 1] + CLEARANCE / 2
    return np.column_stack([-half, top, half, bottom])


def extent(x, y, label_sizes) -> dict:
    """The box holding every entity's symbol and label (without clearance): what fitting the view shows.

    Examples
    --------
    >>> extent(np.array([0, 100]), np.array([0, 50]), [(40.0, 14), (200.0, 28)])
    {'left': -20, 'top': -14, 'right': 200, 'bottom': 103}
    """
    if len(x) == 0:
        return {"left": 0, "top": 0, "right": 0, "bottom": 0}
    box = label_boxes(label_sizes) + np.array([CLEARANCE / 2, CLEARANCE / 2, -CLEARANCE / 2, -CLEARANCE / 2])
    return {"left": int(np.floor((x + box[:, 0]).min())), "top": int(np.floor((y + box[:, 1]).min())),
            "right": int(np.ceil((x + box[:, 2]).max())), "bottom": int(np.ceil((y + box[:, 3]).max()))}


def separate(x, y, boxes: np.ndarray, *, rounds: int = 1000, pinned=None) -> tuple[np.ndarray, np.ndarray]:
    """Integer positions near ``x``, ``y`` where no two ``boxes`` (offsets as from :func:`label_boxes`) overlap.

    Each round, every overlapping pair is pushed apart along the axis where they overlap least, each
    box half the way; at most ``rounds`` rounds, and at most :data:`SEPARATE_WORK` pairs looked at in all
    (a round looks at the pairs whose x ranges meet, :func:`overlapping`). Deterministic: ties go by
    position in the arrays. ``pinned`` (booleans) marks boxes that stay put while the other of a pair moves
    all the way (the map's states, on their country's point); two pinned boxes still share the way.

    Examples
    --------
    >>> box = np.array([[-10, -10, 10, 10]] * 2)
    >>> separate(np.array([0, 5]), np.array([0, 0]), box)
    (array([-8, 14]), array([0, 0]))
    """
    px, py = np.asarray(x, dtype=float).copy(), np.asarray(y, dtype=float).copy()
    boxes = np.asarray(boxes, dtype=float)
    middle_x, middle_y = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
    n = len(px)
    pin = np.zeros(n, dtype=bool) if pinned is None else np.asarray(pinned, dtype=bool)
    work = 0
    for _ in range(rounds):
        i, j, ox, oy, looked = overlapping(px, py, boxes)
        work += looked
        if not len(i) or work > SEPARATE_WORK:
            break
        # Along the axis where they overlap least, i (before j in the arrays) away from j: towards negative
        # on a tie of centres. Half the overlap each, plus a pixel so that rounding cannot leave them touching.
        along_x = ox <= oy
        centre_i = np.where(along_x, px[i] + middle_x[i], py[i] + middle_y[i])
        centre_j = np.where(along_x, px[j] + middle_x[j], py[j] + middle_y[j])
        step = np.where(centre_i > centre_j, 1.0, -1.0) * (np.where(along_x, ox, oy) / 2 + 1)
        # Each box's share of a pair's way: 1 each, 0 pinned against free, 2 free against pinned.
        share_i = 1.0 + (pin[j] & ~pin[i]) - (pin[i] & ~pin[j])
        # A box moves by the mean of its pushes along each axis: bins 0..n-1 are x, n..2n-1 are y.
        axis = np.where(along_x, 0, n)
        who = np.concatenate([i + axis, j + axis])
        push = np.concatenate([step * share_i, -step * (2.0 - share_i)])
        move = np.bincount(who, weights=push, minlength=2 * n) / np.maximum(np.bincount(who, minlength=2 * n), 1)
        px += move[:n]
        py += move[n:]
    return np.rint(px).astype(np.int64), np.rint(py).astype(np.int64)


def overlapping(x, y, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """The pairs of ``boxes`` (offsets as from :func:`label_boxes`) at ``x``, ``y`` that overlap: their
    positions ``i < j``, how far they overlap along x and along y, and how many pairs were looked at.

    Only pairs whose x ranges meet are looked at (boxes sorted by their left side: each meets those
    after it that start before it ends), not all n² of them.

    Examples
    --------
    >>> box = np.array([[-10, -10, 10, 10]] * 3)
    >>> i, j, ox, oy, looked = overlapping(np.array([0, 5, 40]), np.array([0, 0, 0]), box)
    >>> i.tolist(), j.tolist(), ox.tolist(), oy.tolist(), looked
    ([0], [1], [15], [20], 1)
    """
    lo_x, hi_x, lo_y, hi_y = x + boxes[:, 0], x + boxes[:, 2], y + boxes[:, 1], y + boxes[:, 3]
    by_left = np.argsort(lo_x, kind="stable")
    ends = np.searchsorted(lo_x[by_left], hi_x[by_left], side="left")  # the first box starting past each end
    after = np.maximum(ends - np.arange(len(x)) - 1, 0)
    first = np.repeat(np.arange(len(x)), after)
    second = np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after) + first + 1
    a, b = by_left[first], by_left[second]
    i, j = np.minimum(a, b), np.maximum(a, b)
    ox = np.minimum(hi_x[i], hi_x[j]) - np.maximum(lo_x[i], lo_x[j])
    oy = np.minimum(hi_y[i], hi_y[j]) - np.maximum(lo_y[i], lo_y[j])
    hit = (ox > 0) & (oy > 0)
    return i[hit], j[hit], ox[hit], oy[hit], len(first)


def stress(n: int, edges: np.ndarray, *, rounds: int = 500, tolerance: float = 1e-4) -> np.ndarray:
    """Positions (an ``(n, 2)`` array) whose distances follow the graph's: stress majorization.

    It minimises Kamada and Kawai's energy, the sum over pairs of ``(|xi - xj| - dij)**2 / dij**2`` with
    ``dij`` the number of hops between them (pairs in different parts: one more than the longest path),
    starting from classical scaling of those distances (its two leading eigenvectors by power iteration,
    signs fixed), so the result has no randomness. Each round moves every node to the weighted mean of
    where each other node would put it (the majorization's Jacobi step: array products only, no linear
    algebra library call, which can cost seconds on a busy machine); at most ``rounds``, until the energy
    changes by less than ``tolerance`` of itself.

    Examples
    --------
    >>> xy = stress(3, np.array([[0, 1], [1, 2]]))  # a path: the ends twice as far apart as neighbours
    >>> d = np.hypot(*(xy[:, None] - xy[None, :]).transpose(2, 0, 1))
    >>> round(float(d[0, 2] / d[0, 1]), 2)
    2.0
    """
    adjacent = np.zeros((n, n))  # floats: the products below go to BLAS
    adjacent[edges[:, 0], edges[:, 1]] = adjacent[edges[:, 1], edges[:, 0]] = 1.0
    # Hops between every pair, by breadth-first steps on the whole matrix at once.
    hops = np.where(np.eye(n, dtype=bool), 0.0, np.inf)
    reached, frontier, step = np.eye(n, dtype=bool), np.eye(n, dtype=bool), 0
    while frontier.any():
        step += 1
        frontier = ((frontier.astype(np.float64) @ adjacent) > 0) & ~reached
        hops[frontier] = step
        reached |= frontier
    far = np.isinf(hops)
    hops[far] = (hops[~far].max() if (~far).any() else 0) + 1
    # Classical scaling: the double-centred squared distances' two leading eigenvectors.
    b = -0.5 * hops ** 2
    b = b - b.mean(axis=0) - b.mean(axis=1)[:, None] + b.mean()
    v = np.column_stack([np.cos(np.arange(n)), np.sin(1.7 * np.arange(n))])
    for _ in range(100):
        v = b @ v
        v[:, 0] /= np.linalg.norm(v[:, 0]) or 1
        v[:, 1] -= v[:, 0] * (v[:, 0] @ v[:, 1])
        v[:, 1] /= np.linalg.norm(v[:, 1]) or 1
    xy = v * np.sqrt(np.maximum(np.einsum("ij,ij->j", v, b @ v), 0))
    xy *= np.where(xy[np.abs(xy).argmax(axis=0), [0, 1]] < 0, -1, 1)  # deterministic signs
    xy += 1e-9 * np.arange(2 * n).reshape(n, 2)  # no two nodes start on one point
    weight = np.divide(1.0, hops ** 2, out=np.zeros_like(hops), where=hops > 0)
    target, total = weight * hops, weight.sum(axis=1)
    previous = np.inf
    for _ in range(rounds):
        dx, dy = xy[:, 0, None] - xy[None, :, 0], xy[:, 1, None] - xy[None, :, 1]
        gap = np.sqrt(dx * dx + dy * dy)
        energy = float((weight * (gap - hops) ** 2).sum())
        if previous - energy < tolerance * energy:
            break
        previous = energy
        reach = target * np.divide(1.0, gap, out=np.zeros_like(gap), where=gap > 0)  # 0 where two coincide
        xy = np.column_stack([weight @ xy[:, 0] + (reach * dx).sum(axis=1),
                              weight @ xy[:, 1] + (reach * dy).sum(axis=1)]) / total[:, None]
    return xy


def _igraph_core():
    """igraph's C core, ``igraph._igraph``, where Fruchterman-Reingold is: loaded on its own, because
    importing the ``igraph`` package also loads its clustering, drawing, configuration and summary
    code (80 ms of a render, 16 ms for the core). Once igraph is imported, or if the core is not
    where it has been since igraph 0.10, igraph's own import.

    Examples
    --------
    >>> _igraph_core().GraphBase(3, [(0, 1), (1, 2)]).ecount()
    2
    """
    import sys
    from importlib.util import find_spec, module_from_spec, spec_from_file_location

    name = "igraph._igraph"
    if name not in sys.modules:
        package = find_spec("igraph")
        found = package and package.submodule_search_locations and sorted(
            Path(package.submodule_search_locations[0]).glob("_igraph.*"))
        spec = found and spec_from_file_location(name, found[0])
        if not spec:
            import igraph  # noqa: F401 (it imports its core)
            return sys.modules[name]
        core = module_from_spec(spec)
        spec.loader.exec_module(core)
        sys.modules[name] = core  # igraph, imported later (a notebook's analysis), takes this core
    return sys.modules[name]


def _spring(n: int, edges: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Integer positions of a graph whose every node has a relation, the median relation EDGE_LENGTH long."""
    if n <= STRESS_MAX:
        coords = stress(n, edges)
    else:
        core = _igraph_core()
        g = core.GraphBase(n, edges.tolist())
        g.simplify()  # parallel relations pull no harder than one
        core.set_random_number_generator(random.Random(seed))
        try:
            coords = np.array(g.layout_fruchterman_reingold(niter=iterations(n), grid=True))
        finally:
            core.set_random_number_generator(random)  # igraph's default
    coords -= np.median(coords, axis=0)
    # Small components drift far from the main one; bring the stragglers in to its rim.
    radius = np.hypot(coords[:, 0], coords[:, 1])
    rim = 1.1 * np.percentile(radius, 95)
    coords *= np.minimum(1.0, rim / np.maximum(radius, 1e-9))[:, None]
    typical = np.median(np.hypot(*(coords[edges[:, 0]] - coords[edges[:, 1]]).T))
    xy = np.rint(coords * (EDGE_LENGTH / typical if typical > 0 else 1.0)).astype(np.int64)
    return xy[:, 0], xy[:, 1]
