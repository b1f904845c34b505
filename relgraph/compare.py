"""The comparison engine: matching two tables' rows and finding what was added, removed and changed.

Identity is the relation id. When either side has no usable ids (a relations
CSV exported from elsewhere, with the ``id`` column missing, empty or
repeated), relations are matched on (source, target, relation, start) instead,
and every rendering says so. A relation is *changed* when its identity is on
both sides and any other column differs; :func:`compare` lists one row per
changed field (long format: the identity columns, ``field``, ``old``, ``new``).

Matching is one merge of the two sorted id columns (:func:`relgraph.tables.positions`; a hash
lookup for others) and the comparison one vectorised inequality per column: no
Python loop over rows.
:class:`relgraph.Diff` holds the result and its renderings.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .tables import positions

ID_KEY = ("id",)
FALLBACK_KEY = ("source", "target", "relation", "start")


def _key_index(frame: pd.DataFrame, key: tuple[str, ...], occurrence: bool = True) -> pd.Index:
    """An index of the identity: the id, or the fallback key plus (to make it unique) its occurrence number."""
    if key == ID_KEY:
        return pd.Index(frame["id"].to_numpy(), dtype=object)
    cols = list(key)
    levels = [frame[c].to_numpy() for c in cols]
    if occurrence:  # repeated keys pair up in order of appearance
        levels.append(frame.groupby(cols, sort=False).cumcount().to_numpy())
    return pd.MultiIndex.from_arrays(levels, names=[*cols, "n"][:len(levels)])


def id_index(frame: pd.DataFrame) -> pd.Index | None:
    """The ids as an index when every one is present and unique, else None."""
    if "id" not in frame.columns:
        return None
    ids = pd.Index(frame["id"].to_numpy(), dtype=object)
    if ids.is_monotonic_increasing:  # as relgraph sorts them: unique and without "" (it would come first) at a look
        return ids if ids.is_unique and (len(ids) == 0 or ids[0] != "") else None
    # is_unique builds the hash table that get_indexer then reuses, and makes `in` a lookup.
    return ids if ids.is_unique and "" not in ids else None


def match_on(old: pd.DataFrame, new: pd.DataFrame) -> tuple[tuple[str, ...], pd.Index, pd.Index]:
    """The identity to match relations on, and each side's index of it.

    ``("id",)`` when both sides have unique, non-empty ids, else the fallback key.

    Examples
    --------
    >>> a = pd.DataFrame({"id": ["r1"], "source": ["a"], "target": ["b"], "relation": ["x"], "start": [""]})
    >>> match_on(a, a)[0], match_on(a, a.assign(id=""))[0]
    (('id',), ('source', 'target', 'relation', 'start'))
    """
    old_ids, new_ids = id_index(old), id_index(new)
    if old_ids is not None and new_ids is not None:
        return ID_KEY, old_ids, new_ids
    return FALLBACK_KEY, _key_index(old, FALLBACK_KEY), _key_index(new, FALLBACK_KEY)


def compare(old: pd.DataFrame, new: pd.DataFrame, key: tuple[str, ...] = ID_KEY, index=None):
    """Rows only in ``new``, rows only in ``old``, and the changed fields (long) of rows in both.

    Returns ``(added, removed, changed, unchanged)``; ``unchanged`` is a count.
    Columns compared are those of ``new`` that ``old`` also has, the key excepted.
    ``index`` is the pair of key indexes from :func:`match_on`, if already built.
    """
    old_index, new_index = index or (_key_index(old, key), _key_index(new, key))
    pos = positions(old_index, new_index) if key == ID_KEY else old_index.get_indexer(new_index)
    matched = pos >= 0
    in_new = np.zeros(len(old), dtype=bool)
    in_new[pos[matched]] = True
    old_rows, new_rows = pos[matched], np.flatnonzero(matched)
    # Without ids, an id on one side only is not a change.
    fields = [c for c in new.columns if c in old.columns and c not in key and (key == ID_KEY or c != "id")]
    parts, any_change = [], np.zeros(len(new_rows), dtype=bool)
    old_at, new_at = _run(old_rows), _run(new_rows)
    for c in fields:
        was, now = old[c].to_numpy()[old_at], new[c].to_numpy()[new_at]
        differs = was != now
        if differs.any():
            any_change |= differs
            rows = new_rows[differs]
            parts.append(pd.DataFrame({**{k: new[k].to_numpy()[rows] for k in key}, "field": c,
                                       "old": was[differs], "new": now[differs], "_order": fields.index(c)}))
    changed = pd.DataFrame(columns=[*key, "field", "old", "new"])
    if parts:
        changed = (pd.concat(parts, ignore_index=True).sort_values([*key, "_order"], kind="stable")
                   .drop(columns="_order").reset_index(drop=True))
    added = new[~matched].sort_values(list(key), kind="stable").reset_index(drop=True)
    removed = old[~in_new].sort_values(list(key), kind="stable").reset_index(drop=True)
    return added, removed, changed, int((~any_change).sum())


def _run(rows: np.ndarray) -> slice | np.ndarray:
    """``rows`` as a slice when they are consecutive (a side with nothing removed): a view, not a copy.

    Examples
    --------
    >>> _run(np.array([3, 4, 5])), _run(np.array([3, 5])).tolist()
    (slice(3, 6, None), [3, 5])
    """
    return slice(int(rows[0]), int(rows[-1]) + 1) if len(rows) and (np.diff(rows) == 1).all() else rows


def apply_changes(frame: pd.DataFrame, key, added, removed, changed) -> pd.DataFrame:
    """``frame`` with the rows of ``removed`` dropped, the fields of ``changed`` set and ``added`` appended."""
    # Exact when identities are unique, as ids always are.
    out = frame[~_key_index(frame, key, False).isin(_key_index(removed, key, False))].reset_index(drop=True)
    where = _key_index(out, key, False)
    for field, rows in changed.groupby("field", sort=False):
        at = where.get_indexer(_key_index(rows, key, False))
        column = out[field].to_numpy(copy=True)
        column[at] = rows["new"].to_numpy()
        out[field] = column
    return pd.concat([out, added], ignore_index=True).sort_values(list(key), kind="stable").reset_index(drop=True)
