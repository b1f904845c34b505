"""Synthetic datasets in relgraph's own format, for benchmarks.

    python benchmarks/generate.py 100000 /tmp/rg100k        # 100k relations, 33k entities
    python benchmarks/generate.py 30000 /tmp/rg30k --entities 10000

Relations use the bundled vocabulary and sources; a tenth cite the bundled seed article
with a real quote from it, so the evidence check does real work. Dates mix the three
precisions; lasting relations sometimes end; allegations name who alleges them.
Everything is drawn from one seeded generator: same arguments, same files.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

import relgraph
from relgraph.readers import bundled_data_dir

KINDS = np.array(["state", "government", "armed_group", "political_movement", "organisation", "person"])
KIND_P = np.array([0.2, 0.1, 0.35, 0.1, 0.15, 0.1])
STATUSES = np.array(["reported", "alleged", "denied", "intended"])
STATUS_P = np.array([0.7, 0.2, 0.05, 0.05])


def random_dates(rng, n, lo="1990-01-01", hi="2025-12-31"):
    """``n`` dates as text, a mix of years, months and days, and the day each was drawn from."""
    days = rng.integers(np.datetime64(lo, "D").astype(int), np.datetime64(hi, "D").astype(int), n)
    full = pd.Series(days.astype("datetime64[D]")).dt.strftime("%Y-%m-%d")
    precision = rng.choice([4, 7, 10], n, p=[0.15, 0.25, 0.6])
    partial = full.str.slice(0, 7).where(precision == 7, full.str.slice(0, 4))
    return full.str.slice(0, 10).where(precision == 10, partial), days


def generate(n_relations: int, out: Path, n_entities: int | None = None, seed: int = 7) -> Path:
    """Write a dataset folder (and a copy of the seed) under ``out``; return the data folder."""
    rng = np.random.default_rng(seed)
    n_entities = n_entities or max(n_relations // 3, 10)
    bundled = relgraph.load()
    data, seeds = out / "data", out / "seeds"
    data.mkdir(parents=True, exist_ok=True)
    seeds.mkdir(exist_ok=True)
    shutil.copytree(bundled_data_dir().parent / "seeds", seeds, dirs_exist_ok=True)
    for name in ("relation_types", "sources"):
        shutil.copy(bundled_data_dir() / f"{name}.csv", data / f"{name}.csv")

    ids = pd.Series(np.arange(n_entities)).map("e{:07d}".format)
    kinds = rng.choice(KINDS, n_entities, p=KIND_P)
    names = "Actor " + pd.Series(np.arange(n_entities)).astype(str) + " " + pd.Series(kinds).str.replace("_", " ")
    entities = pd.DataFrame({
        "id": ids, "name": names,
        "kind": kinds, "aliases": np.where(rng.random(n_entities) < 0.3, "Alias " + ids, ""),
        "iso3": "", "wikidata": "", "note": ""})
    entities.to_csv(data / "entities.csv", index=False)

    # Preferential attachment, roughly: a few hubs, a long tail.
    src = np.minimum((rng.pareto(1.2, n_relations) * n_entities / 50).astype(np.int64), n_entities - 1)
    tgt = rng.integers(0, n_entities, n_relations)
    tgt = np.where(tgt == src, (tgt + 1) % n_entities, tgt)
    types = bundled.relation_types
    rel_type = rng.choice(types["id"].to_numpy(), n_relations)
    temporal = types.set_index("id")["temporal"].reindex(rel_type).to_numpy()
    start, start_days = random_dates(rng, n_relations)
    end_days = start_days + rng.integers(30, 3000, n_relations)
    ends = pd.Series(end_days.astype("datetime64[D]")).dt.strftime("%Y-%m-%d")
    end = ends.where((temporal == "state") & (rng.random(n_relations) < 0.3), "")
    status = rng.choice(STATUSES, n_relations, p=STATUS_P)
    claimant = rng.integers(0, n_entities, n_relations)
    claimed_by = np.where(np.isin(status, ["alleged", "denied"]), ids.to_numpy()[claimant], "")

    seed_rows = bundled.relations[bundled.relations["evidence"] != ""]
    cites_seed = rng.random(n_relations) < 0.1
    pick = rng.integers(0, len(seed_rows), n_relations)
    url_sources = bundled.sources.loc[bundled.sources["file"] == "", "id"].to_numpy()
    source_id = np.where(cites_seed, seed_rows["source_id"].to_numpy()[pick], rng.choice(url_sources, n_relations))
    evidence = np.where(cites_seed, seed_rows["evidence"].to_numpy()[pick], "")
    relations = pd.DataFrame({
        "id": pd.Series(np.arange(n_relations)).map("x{:08d}".format), "source": ids.to_numpy()[src],
        "target": ids.to_numpy()[tgt], "relation": rel_type, "start": start, "end": end, "status": status,
        "claimed_by": claimed_by, "project": "", "source_id": source_id, "evidence": evidence,
        "note": np.where(cites_seed, "", "synthetic event")})
    relations.to_csv(data / "relations.csv", index=False)
    return data


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("relations", type=int)
    p.add_argument("out", type=Path)
    p.add_argument("--entities", type=int, default=None)
    args = p.parse_args()
    print(generate(args.relations, args.out, args.entities))
