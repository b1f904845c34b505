"""Signed relations and what they say about alignment: structural balance, camps, communities and
centrality, at one date or at every date where the data changes.

**The signed graph.** Every counted relation between two actors adds its type's ``valence``
(``relation_types.csv``: +1 cooperative, -1 hostile, 0 neutral) times the weight of its
status (:data:`STATUS_WEIGHTS`: reported 1, alleged 0.5, intended 0.25, denied 0, so a denial
does not count) to the pair's ``score``, whatever the direction: the pair is one undirected edge
whose ``sign`` is the sign of that sum (0 where the relations cancel out or are all neutral),
with the ids of the relations behind it. Its actors are the ends of the counted relations.

**Balance.** A triad (three actors joined pairwise by signed pairs) is balanced when the product
of its three signs is positive ("the friend of my friend is my friend, the enemy of my enemy is my
friend"). The balance ratio is balanced triads over all triads (None without any). The
frustration is the smallest number of signed pairs whose sign must flip for the whole graph to
split into two camps with only positive pairs inside each camp and negative ones between them; it
also counts unbalanced cycles longer than triangles. It is exact (every split tried) for
connected parts of up to :data:`EXACT_MAX` actors; above, it is the best split of a seeded local
search (:data:`RESTARTS` starts from random spanning trees, each improved by moving one actor at
a time while that lowers it): an upper bound, flagged ``exact=False``. The two camps are that
best split; in each connected part, camp A holds its first actor by id (parts are split
independently, so which camp of one part goes with which camp of another is a convention).

**Communities and centrality.** Communities are networkx's Louvain communities of the
positive pairs (weighted by score, seed :data:`SEED`), numbered from 1 by size, then by first
id; an actor without a positive pair has none. Degree is the share of the other actors it has a
signed pair with (``positive`` and ``negative`` count them), betweenness is over all signed pairs
(unweighted, normalised by the pairs of other actors), eigenvector centrality over the positive pairs,
weighted by score (0 for an actor without one).

networkx and igraph are imported by the functions that need them, so a command that draws no analysis
does not load them.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .asof import DEFAULT_RULE, DEFAULT_WINDOW, in_force, known_by, relation_bounds
from .choices import OptionError

if TYPE_CHECKING:
    import networkx as nx

STATUS_WEIGHTS = {"reported": 1.0, "alleged": 0.5, "intended": 0.25, "denied": 0.0}
EXACT_MAX = 20  # actors in one connected part: 2**19 splits, a fraction of a second
RESTARTS = 16
SEED = 0
_CHUNK = 1 << 15  # splits tried at once: about a few MB of flags per chunk
_DIGITS = 6  # centralities are rounded: the same input gives the same bytes on every machine


def check_weights(caller: str, weights) -> dict:
    """:data:`STATUS_WEIGHTS` updated with ``weights`` (a status -> number 0 or more mapping), checked.

    Examples
    --------
    >>> check_weights("Dataset.signed", {"alleged": 1})["alleged"]
    1.0
    >>> check_weights("Dataset.signed", {"rumoured": 1})
    Traceback (most recent call last):
    ...
    relgraph.choices.OptionError: Dataset.signed(): weights: unknown status 'rumoured'; choose from: ...
    """
    out = dict(STATUS_WEIGHTS)
    if weights is None:
        return out
    if not isinstance(weights, dict):
        raise OptionError(caller, "weights", f"must map statuses to numbers, not {weights!r}")
    for status, w in weights.items():
        if status not in STATUS_WEIGHTS:
            raise OptionError(caller, "weights", f"unknown status {status!r}; choose from: "
                                                 f"{', '.join(STATUS_WEIGHTS)}")
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not w >= 0:
            raise OptionError(caller, "weights", f"{status}: must be a number, 0 or more, not {w!r}")
        out[status] = float(w)
    return out


def search_options(exact_max: int | None, seed: int | None) -> dict:
    """``exact_max`` and ``seed`` with their defaults (:data:`EXACT_MAX`, :data:`SEED`) where None."""
    return {"exact_max": EXACT_MAX if exact_max is None else exact_max, "seed": SEED if seed is None else seed}


def signed_pairs(relations: pd.DataFrame, relation_types: pd.DataFrame, weights: dict | None = None) -> pd.DataFrame:
    """One row per pair of actors with a counted relation: ``a`` < ``b`` (ids), ``score``, ``sign``,
    ``positive`` and ``negative`` (counted relations of each valence) and ``relations`` (their ids, a tuple).

    Examples
    --------
    >>> types = pd.DataFrame({"id": ["ally", "war"], "valence": [1, -1]})
    >>> rel = pd.DataFrame({"id": ["r1", "r2", "r3"], "source": ["b", "a", "a"], "target": ["a", "b", "c"],
    ...                     "relation": ["ally", "war", "war"], "status": ["reported", "alleged", "denied"]})
    >>> signed_pairs(rel, types)[["a", "b", "score", "sign", "relations"]]
       a  b  score  sign relations
    0  a  b    0.5     1  (r1, r2)
    """
    weights = STATUS_WEIGHTS if weights is None else weights
    valence = relations["relation"].map(relation_types.set_index("id")["valence"]).fillna(0).to_numpy(float)
    weight = relations["status"].map(weights).fillna(0.0).to_numpy(float)
    counted = weight > 0
    src, tgt = relations["source"].to_numpy(object)[counted], relations["target"].to_numpy(object)[counted]
    swap = src > tgt
    frame = pd.DataFrame({"a": np.where(swap, tgt, src), "b": np.where(swap, src, tgt),
                          "score": valence[counted] * weight[counted], "id": relations["id"].to_numpy(object)[counted],
                          "positive": valence[counted] > 0, "negative": valence[counted] < 0})
    frame = frame.sort_values(["a", "b", "id"], kind="stable")
    grouped = frame.groupby(["a", "b"], sort=True)
    out = grouped.agg(score=("score", "sum"), positive=("positive", "sum"), negative=("negative", "sum"),
                      relations=("id", tuple)).reset_index()
    out["score"] = out["score"].round(9)  # 0.5 + 0.25 - 0.75 is 0, not a rounding error's sign
    out["sign"] = np.sign(out["score"]).astype(int)
    out[["positive", "negative"]] = out[["positive", "negative"]].astype(int)
    return out[["a", "b", "score", "sign", "positive", "negative", "relations"]]


def actors(pairs: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The actors of the signed pairs (``id``, ``name``, ``kind``), sorted by id."""
    ids = pd.Index(pd.unique(pd.concat([pairs["a"], pairs["b"]]))).sort_values()
    ent = entities.set_index("id").reindex(ids)
    return pd.DataFrame({"id": ids, "name": ent["name"].fillna("").to_numpy(),
                         "kind": ent["kind"].fillna("").to_numpy()})


def graph_of(pairs: pd.DataFrame, nodes: pd.DataFrame, **attrs) -> nx.Graph:
    """The signed graph: an undirected ``networkx.Graph``, nodes with ``name`` and ``kind``, edges with ``sign``,
    ``score``, ``weight`` (the score's size), ``positive``, ``negative`` and ``relations``; ``attrs`` on the graph.

    Examples
    --------
    >>> p = pd.DataFrame({"a": ["x"], "b": ["y"], "score": [-1.5], "sign": [-1], "positive": [0], "negative": [2],
    ...                   "relations": [("r1", "r2")]})
    >>> g = graph_of(p, pd.DataFrame({"id": ["x", "y"], "name": ["X", "Y"], "kind": "state"}), as_of="2024-11-25")
    >>> g.edges["x", "y"]["sign"], g.edges["x", "y"]["weight"], g.graph["as_of"]
    (-1, 1.5, '2024-11-25')
    """
    import networkx as nx

    g = nx.Graph(**attrs)
    g.add_nodes_from((r["id"], {"name": r["name"], "kind": r["kind"]}) for r in nodes.to_dict("records"))
    g.add_edges_from((r["a"], r["b"], {"sign": int(r["sign"]), "score": float(r["score"]),
                                       "weight": abs(float(r["score"])), "positive": int(r["positive"]),
                                       "negative": int(r["negative"]), "relations": r["relations"]})
                     for r in pairs.to_dict("records"))
    return g


def triads(pairs: pd.DataFrame) -> pd.DataFrame:
    """Every triad of the signed (non-zero) pairs, once, as ``a`` < ``b`` < ``c`` with the signs ``ab``,
    ``bc``, ``ac``, ``balanced`` and the relations behind each side; found by joining the pairs with
    themselves (no loop over actors).

    Examples
    --------
    >>> p = pd.DataFrame({"a": ["x", "x", "y"], "b": ["y", "z", "z"], "sign": [1, 1, -1],
    ...                   "relations": [("r1",), ("r2",), ("r3",)]})
    >>> triads(p)[["a", "b", "c", "ab", "bc", "ac", "balanced"]]
       a  b  c  ab  bc  ac  balanced
    0  x  y  z   1  -1   1     False
    """
    e = pairs.loc[pairs["sign"] != 0, ["a", "b", "sign", "relations"]]
    ab = e.rename(columns={"sign": "ab", "relations": "relations_ab"})
    bc = e.rename(columns={"a": "b", "b": "c", "sign": "bc", "relations": "relations_bc"})
    ac = e.rename(columns={"b": "c", "sign": "ac", "relations": "relations_ac"})
    t = ab.merge(bc, on="b").merge(ac, on=["a", "c"])
    t["balanced"] = (t["ab"] * t["bc"] * t["ac"]) > 0
    columns = ["a", "b", "c", "ab", "bc", "ac", "balanced", "relations_ab", "relations_bc", "relations_ac"]
    return t[columns].sort_values(["a", "b", "c"]).reset_index(drop=True)


def _exact_split(n: int, u: np.ndarray, v: np.ndarray, neg: np.ndarray) -> tuple[int, np.ndarray]:
    """The fewest frustrated pairs of one connected part over all its splits, and the first split reaching it
    (actor 0 on side 0). Vectorised: a chunk of splits at a time, one row of side flags per split."""
    best, side = len(u) + 1, np.zeros(n, dtype=np.int8)
    shifts = np.arange(n - 1, dtype=np.int64)
    for start in range(0, 1 << (n - 1), _CHUNK):
        ks = np.arange(start, min(start + _CHUNK, 1 << (n - 1)), dtype=np.int64)
        sides = np.zeros((len(ks), n), dtype=np.int8)
        sides[:, 1:] = (ks[:, None] >> shifts) & 1
        frustrated = ((sides[:, u] ^ sides[:, v]) != neg).sum(axis=1)
        k = int(frustrated.argmin())
        if frustrated[k] < best:
            best, side = int(frustrated[k]), sides[k].copy()
    return best, side


def _searched_split(n: int, u: np.ndarray, v: np.ndarray, sign: np.ndarray, seed: int) -> tuple[int, np.ndarray]:
    """A good split of a large connected part: :data:`RESTARTS` seeded starts, each a random spanning tree
    whose pairs are all satisfied, then single moves that lower the frustration until none does."""
    rng = np.random.default_rng(seed)
    ends, others, signs = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([sign, sign])
    order = np.argsort(ends, kind="stable")
    others, signs = others[order], signs[order]
    ptr = np.searchsorted(ends[order], np.arange(n + 1))
    best, best_x = len(u) + 1, None
    for _ in range(RESTARTS):
        x = np.zeros(n, dtype=np.int64)
        root = int(rng.integers(n))
        x[root], queue = 1, deque([root])
        while queue:  # breadth first, neighbours in a random order: each start its own tree
            i = queue.popleft()
            nbrs = rng.permutation(np.arange(ptr[i], ptr[i + 1]))
            for k in nbrs:
                j = others[k]
                if x[j] == 0:
                    x[j] = x[i] * signs[k]
                    queue.append(j)
        field = np.bincount(ends, weights=np.concatenate([sign * x[v], sign * x[u]]), minlength=n)
        gain = x * field  # satisfied minus frustrated pairs at each actor: moving it changes the count by that
        while True:
            i = int(gain.argmin())
            if gain[i] >= 0:
                break
            x[i] = -x[i]
            nb, s = others[ptr[i]:ptr[i + 1]], signs[ptr[i]:ptr[i + 1]]
            np.add.at(field, nb, 2 * s * x[i])
            gain[nb] = x[nb] * field[nb]
            gain[i] = -gain[i]
        count = int((sign * x[u] * x[v] < 0).sum())
        if count < best:
            best, best_x = count, x.copy()
    side = (best_x != best_x[0]).astype(np.int8)
    return best, side


def frustration(pairs: pd.DataFrame, *, exact_max: int = EXACT_MAX, seed: int = SEED) -> dict:
    """The frustration of the signed pairs and the best split (see the module docstring).

    Returns ``{"frustration": int, "exact": bool, "camp": Series id -> "A" or "B", "frustrated": bool array
    over ``pairs`` (the pairs whose sign disagrees with the split; all False where ``sign`` is 0)}``.

    Examples
    --------
    >>> p = pd.DataFrame({"a": ["x", "x", "y"], "b": ["y", "z", "z"], "sign": [1, 1, -1]})
    >>> f = frustration(p)
    >>> f["frustration"], f["exact"], f["camp"].to_dict(), f["frustrated"].tolist()
    (1, True, {'x': 'A', 'y': 'A', 'z': 'A'}, [False, False, True])
    """
    import networkx as nx

    signed = pairs[pairs["sign"] != 0]
    g = nx.Graph()
    g.add_edges_from(zip(signed["a"], signed["b"]))
    camp, total, exact = {}, 0, True
    a, b, s = signed["a"].to_numpy(object), signed["b"].to_numpy(object), signed["sign"].to_numpy()
    for part in sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: c[0]):
        index = pd.Index(part)
        inside = index.get_indexer(a) >= 0
        u, v, sign = index.get_indexer(a[inside]), index.get_indexer(b[inside]), s[inside]
        if len(part) <= exact_max:
            count, side = _exact_split(len(part), u, v, sign < 0)
        else:
            count, side = _searched_split(len(part), u, v, sign, seed)
            exact = False
        total += count
        camp.update(zip(part, np.where(side == 0, "A", "B").tolist()))
    camps = pd.Series(camp, dtype=object)
    same = camps.reindex(pairs["a"]).to_numpy() == camps.reindex(pairs["b"]).to_numpy()
    frustrated = (pairs["sign"].to_numpy() != 0) & np.where(pairs["sign"].to_numpy() > 0, ~same, same)
    return {"frustration": total, "exact": exact, "camp": camps.sort_index(), "frustrated": frustrated}


def communities(pairs: pd.DataFrame, *, seed: int = SEED) -> pd.Series:
    """Louvain communities of the positive pairs (weighted by score): id -> community number, from 1 by size.

    Examples
    --------
    >>> p = pd.DataFrame({"a": ["x", "z", "x"], "b": ["y", "w", "z"], "sign": [1, 1, -1], "score": [1.0, 1.0, -1.0]})
    >>> communities(p).to_dict()
    {'w': 1, 'x': 2, 'y': 2, 'z': 1}
    """
    import networkx as nx

    positive = pairs[pairs["sign"] > 0]
    g = nx.Graph()
    g.add_weighted_edges_from(zip(positive["a"], positive["b"], positive["score"]))
    found = sorted((sorted(c) for c in nx.community.louvain_communities(g, weight="weight", seed=seed)),
                   key=lambda c: (-len(c), c[0])) if len(g) else []
    return pd.Series({i: n for n, c in enumerate(found, 1) for i in c}, dtype=object).sort_index()


def _eigenvector(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, *, max_iter: int = 1000,
                 tol: float = 1e-6) -> np.ndarray:
    """networkx's ``eigenvector_centrality`` (power iteration on A + I from a uniform start, unit-norm steps,
    the same stopping rule) over whole arrays; 0 for actors without an edge, NaN if it does not converge."""
    touched = np.zeros(n, dtype=bool)
    touched[u] = touched[v] = True
    m = int(touched.sum())
    if not m:
        return np.zeros(n)
    x = np.where(touched, 1.0 / m, 0.0)
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(v, weights=last[u] * w, minlength=n) + np.bincount(u, weights=last[v] * w, minlength=n)
        x = x / (np.sqrt((x ** 2).sum()) or 1.0)
        if np.abs(x - last).sum() < m * tol:
            return x
    return np.full(n, np.nan)


def centrality(pairs: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Per actor of ``ids``: ``degree``, ``positive``, ``negative``, ``betweenness`` and ``eigenvector``
    (see the module docstring), rounded to six decimals. Betweenness is igraph's (C; networkx's pure-Python
    one takes minutes at 10,000 pairs), normalised as networkx does; eigenvector centrality is networkx's
    iteration on arrays. ``tests/test_analysis.py`` checks both against networkx."""
    import igraph  # here: a third of a second that commands analysing nothing don't pay

    signed = pairs[pairs["sign"] != 0]
    n = len(ids)
    u, v = ids.get_indexer(signed["a"]), ids.get_indexer(signed["b"])
    pos_, neg_ = signed["sign"].to_numpy() > 0, signed["sign"].to_numpy() < 0
    pos = np.bincount(u[pos_], minlength=n) + np.bincount(v[pos_], minlength=n)
    neg = np.bincount(u[neg_], minlength=n) + np.bincount(v[neg_], minlength=n)
    degree = (pos + neg) / (n - 1) if n > 1 else np.zeros(n)
    raw = np.array(igraph.Graph(n=n, edges=np.column_stack([u, v]).tolist()).betweenness(directed=False))
    between = raw * 2 / ((n - 1) * (n - 2)) if n > 2 else np.zeros(n)
    eigen = _eigenvector(n, u[pos_], v[pos_], signed["score"].to_numpy(float)[pos_])
    return pd.DataFrame({"degree": degree, "positive": pos, "negative": neg, "betweenness": between,
                         "eigenvector": eigen}, index=ids).round(_DIGITS)


def analyse(relations: pd.DataFrame, relation_types: pd.DataFrame, entities: pd.DataFrame, *,
            weights: dict | None = None, exact_max: int = EXACT_MAX, seed: int = SEED) -> dict:
    """Everything about the alignment of ``relations``: the signed ``pairs`` (with ``frustrated``), the
    ``actors`` (``id``, ``name``, ``kind``, ``camp``, ``community`` and the centralities), the ``triads``,
    ``frustration`` and ``exact``. The relations are taken as they are: narrow them first for a date."""
    pairs = signed_pairs(relations, relation_types, weights)
    nodes = actors(pairs, entities)
    split = frustration(pairs, exact_max=exact_max, seed=seed)
    pairs = pairs.assign(frustrated=split["frustrated"])
    ids = pd.Index(nodes["id"])
    table = nodes.assign(camp=split["camp"].reindex(ids).fillna("").to_numpy(),
                         community=communities(pairs, seed=seed).reindex(ids).to_numpy())
    table["community"] = table["community"].astype(object).where(table["community"].notna(), None)
    table = pd.concat([table, centrality(pairs, ids).reset_index(drop=True)], axis=1)
    return {"pairs": pairs, "actors": table, "triads": triads(pairs), "frustration": split["frustration"],
            "exact": split["exact"]}


def candidate_days(bounds: pd.DataFrame, *, window: int | None = DEFAULT_WINDOW) -> np.ndarray:
    """The days on which a relation's being in force may change (see :func:`change_days`), sorted, unique."""
    candidates = [bounds[c].to_numpy("datetime64[D]") for c in bounds.columns]
    if window is not None:
        candidates.append(bounds["start_hi"].to_numpy("datetime64[D]") + np.timedelta64(window, "D"))
        candidates.append(bounds["start_lo"].to_numpy("datetime64[D]") + np.timedelta64(window, "D"))
    days = np.unique(np.concatenate(candidates))
    return days[~np.isnat(days)]


def change_days(relations: pd.DataFrame, relation_types: pd.DataFrame, bounds: pd.DataFrame, *,
                known: bool = False, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW):
    """The days on which the set of relations in force (and, with ``known``, on record by then) changes, each
    with its mask over ``relations``: a list of ``(day, mask)``, the first day the earliest on which any holds.

    A relation's status in force changes only on one of its bounds (start, end, its parties' lifetimes, its
    record date) or where an event leaves the window, so only those days are tried, each by the as-of rule
    of :mod:`relgraph.asof` (vectorised over the relations).

    Examples
    --------
    >>> from relgraph.asof import relation_bounds
    >>> types = pd.DataFrame({"id": ["ally"], "temporal": ["state"]})
    >>> rel = pd.DataFrame({"id": ["r1", "r2"], "relation": "ally", "start": ["2020", "2022-06-01"],
    ...                     "end": ["", "2023-01-01"]})
    >>> [(day, mask.tolist()) for day, mask in change_days(rel, types, relation_bounds(rel))]
    [('2020-01-01', [True, False]), ('2022-06-01', [True, True]), ('2023-01-01', [True, False])]
    """
    out, previous = [], None
    for day in candidate_days(bounds, window=window):
        mask = in_force(relations, relation_types, day, rule=rule, window=window, bounds_=bounds)
        if known:
            mask &= known_by(bounds, day, rule=rule)
        if previous is None and not mask.any():
            continue
        if previous is None or not np.array_equal(mask, previous):
            out.append((str(day), mask))
        previous = mask
    return out


def over_time(relations: pd.DataFrame, relation_types: pd.DataFrame, entities: pd.DataFrame, *,
              sources: pd.DataFrame | None = None, citations: pd.DataFrame | None = None, known: bool = False,
              rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW, weights: dict | None = None,
              exact_max: int = EXACT_MAX, seed: int = SEED, max_dates: int | None = None) -> list[tuple[str, dict]]:
    """:func:`analyse` at every day where the signed graph may change (see :func:`change_days`): a list of
    ``(day, result)``. Only counted relations (status weight above 0) are looked at, so a denial coming into
    force adds no date. Each date is one analysis (tens of milliseconds on a small graph): with ``max_dates``,
    more days that may change than that raise ValueError saying how many, before any work."""
    weights = STATUS_WEIGHTS if weights is None else weights
    counted = relations[relations["status"].map(weights).fillna(0.0).to_numpy(float) > 0].reset_index(drop=True)
    b = relation_bounds(counted, entities=entities, sources=sources, citations=citations)
    if max_dates is not None and len(candidate_days(b, window=window)) > max_dates:
        raise ValueError(f"the relations may change on {len(candidate_days(b, window=window)):,} dates, more than "
                         f"the {max_dates:,} analysed at most")
    return [(day, analyse(counted[mask], relation_types, entities, weights=weights, exact_max=exact_max, seed=seed))
            for day, mask in change_days(counted, relation_types, b, known=known, rule=rule, window=window)]
