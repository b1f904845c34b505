"""How fast ``relgraph.diff`` compares two large snapshots, against a plain pandas merge (in one process;
``run.py`` times the ``relgraph diff`` command on two dataset folders made by :func:`folders`).

    python benchmarks/diff.py                 # 1,000,000 relations
    python benchmarks/diff.py --relations 200000 --repeat 5

Two synthetic relation tables: B is A with 1% of the relations removed, 1%
changed (status, end or note) and 1% added. Both sides are compared by:

* relgraph: ``relgraph.diff(a, b)`` — added, removed, and the changed fields in
  long format (id, field, old, new);
* baseline: ``a.merge(b, on="id", how="outer", indicator=True)`` plus one
  column inequality per field, giving the added and removed rows and a
  changed-row mask (less than relgraph reports: no per-field old/new table).

Time is the best of ``--repeat`` runs; peak memory is measured by tracemalloc
in a separate run (numpy and pandas report their buffers to it). Ratios are
relgraph / baseline: below 1 means relgraph is faster or leaner.
"""
from __future__ import annotations

import argparse
import gc
import shutil
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from generate import STATUSES, generate, random_dates

import relgraph

TYPES = relgraph.load().relation_types["id"].to_numpy()


def relations(n: int, rng: np.random.Generator, first_id: int = 0) -> pd.DataFrame:
    """``n`` relations with text cells, ids r0000000.. from ``first_id``."""
    ent = pd.Series(np.arange(30_000)).map("e{:05d}".format).to_numpy(object)
    start, _ = random_dates(rng, n)
    ids = pd.Series(np.arange(first_id, first_id + n)).map("r{:07d}".format)
    return pd.DataFrame({
        "id": ids, "source": ent[rng.integers(0, len(ent), n)], "target": ent[rng.integers(0, len(ent), n)],
        "relation": TYPES[rng.integers(0, len(TYPES), n)].astype(object), "start": start,
        "end": np.where(rng.random(n) < 0.2, "2026", ""), "status": STATUSES[rng.integers(0, 4, n)].astype(object),
        "claimed_by": "", "project": "", "source_id": "src" + pd.Series(rng.integers(0, 50, n)).astype(str),
        "evidence": np.where(rng.random(n) < 0.3, "a quoted sentence from the source text", ""),
        "note": "note " + ids,
    }).astype(object)


def pair(n: int, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A and B: B drops 1%, changes 1% and adds 1% of n relations."""
    rng = np.random.default_rng(seed)
    a = relations(n, rng)
    k = n // 100
    order = rng.permutation(n)
    removed, changed = order[:k], order[k:2 * k]
    b = a.copy()
    field = rng.integers(0, 3, k)
    for i, col in enumerate(["status", "end", "note"]):
        rows = changed[field == i]
        b.loc[rows, col] = b.loc[rows, col] + "*" if col != "end" else "2027"
    b = b.drop(index=removed)
    b = pd.concat([b, relations(k, rng, first_id=n)], ignore_index=True)
    return a, b


def folders(n: int, out: Path, seed: int = 3) -> tuple[Path, Path]:
    """Two valid dataset folders under ``out``: ``old`` has ``n`` relations (``generate.py``); ``new`` drops 1%,
    changes 1% (a note, or a status: reported to intended, any other to reported) and adds 1% (copies under new ids)."""
    old = generate(n, out / "old")
    new = out / "new" / "data"
    shutil.copytree(out / "old", out / "new")
    rel = pd.read_csv(old / "relations.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    k = max(n // 100, 1)
    order = rng.permutation(n)
    removed, changed, copied = order[:k], order[k:2 * k], order[2 * k:3 * k]
    note = changed[: k // 2]
    rel.loc[note, "note"] = rel.loc[note, "note"] + " (revised)"
    status = changed[k // 2:]
    rel.loc[status, "status"] = np.where(rel.loc[status, "status"] == "reported", "intended", "reported")
    added = rel.iloc[copied].assign(id=[f"y{i:08d}" for i in range(k)])
    pd.concat([rel.drop(index=removed), added]).to_csv(new / "relations.csv", index=False)
    return old, new


def ours(a: pd.DataFrame, b: pd.DataFrame):
    d = relgraph.diff(a, b)
    return len(d.added), len(d.removed), d.summary["relations"]["changed"]


def baseline(a: pd.DataFrame, b: pd.DataFrame):
    m = a.merge(b, on="id", how="outer", indicator=True, suffixes=("_old", "_new"))
    both = m[m["_merge"] == "both"]
    differs = np.zeros(len(both), dtype=bool)
    for c in a.columns.drop("id"):
        differs |= (both[f"{c}_old"] != both[f"{c}_new"]).to_numpy()
    return int((m["_merge"] == "right_only").sum()), int((m["_merge"] == "left_only").sum()), int(differs.sum())


def best_time(f, a, b, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        f(a, b)
        times.append(time.perf_counter() - t)
    return min(times)


def peak_memory(f, a, b) -> int:
    gc.collect()
    tracemalloc.start()
    f(a, b)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    a, b = pair(args.relations)
    got, expected = ours(a, b), baseline(a, b)
    assert got == expected, (got, expected)  # both find the same added, removed and changed counts
    print(f"{args.relations:,} relations: {got[0]:,} added, {got[1]:,} removed, {got[2]:,} changed")
    t_ours, t_base = best_time(ours, a, b, args.repeat), best_time(baseline, a, b, args.repeat)
    m_ours, m_base = peak_memory(ours, a, b), peak_memory(baseline, a, b)
    print(f"{'':10}{'time (s)':>10}{'peak (MB)':>11}")
    print(f"{'relgraph':10}{t_ours:10.3f}{m_ours / 2**20:11.1f}")
    print(f"{'baseline':10}{t_base:10.3f}{m_base / 2**20:11.1f}")
    print(f"{'ratio':10}{t_ours / t_base:10.2f}{m_ours / m_base:11.2f}   (relgraph / baseline)")


if __name__ == "__main__":
    main()
