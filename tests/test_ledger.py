"""The curation ledger (data/statements.csv): one row per statement of the seed article that asserts, or
could be mistaken for, a relation; its quote is in the seed and every relation citing the seed is in it."""
import re

import pandas as pd
import pytest

import relgraph
from relgraph.readers import bundled_data_dir

SEED_ID = "seed_geo_2024_11_25"


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def ds():
    return relgraph.load()


@pytest.fixture(scope="module")
def ledger():
    return pd.read_csv(bundled_data_dir() / "statements.csv", dtype=str, keep_default_na=False)


def _ids(cell: str) -> set[str]:
    return set(cell.split("|")) if cell else set()


def test_ledger_columns_and_numbering(ledger):
    assert list(ledger.columns) == ["statement", "quote", "asserts", "relations", "why_none"]
    assert ledger["statement"].tolist() == [str(i) for i in range(1, len(ledger) + 1)]


def test_every_quote_is_verbatim_in_the_seed_in_article_order(ds, ledger):
    [seed_file] = ds.sources.loc[ds.sources["id"] == SEED_ID, "file"]
    seed = _ws(ds.texts[seed_file])
    at = -1
    for n, quote in zip(ledger["statement"], ledger["quote"]):
        assert quote, f"statement {n}: empty quote"
        found = seed.find(_ws(quote), at + 1)
        assert found >= 0, f"statement {n}: quote not in the seed, or out of article order: {quote!r}"
        at = found


def test_every_relation_citing_the_seed_is_in_the_ledger(ds, ledger):
    cited = set(ds.relations.loc[ds.relations["source_id"] == SEED_ID, "id"])
    citations = getattr(ds, "citations", None)
    if citations is not None and len(citations):
        cited |= set(citations.loc[citations["source_id"] == SEED_ID, "relation_id"])
    in_ledger = set().union(*map(_ids, ledger["relations"]))
    assert sorted(cited - in_ledger) == []


def test_every_relation_in_the_ledger_exists(ds, ledger):
    in_ledger = set().union(*map(_ids, ledger["relations"]))
    assert sorted(in_ledger - set(ds.relations["id"])) == []


def test_each_statement_has_relations_or_says_why_none(ledger):
    has = ledger["relations"] != ""
    why = ledger["why_none"] != ""
    assert (has ^ why).all(), ledger.loc[~(has ^ why), "statement"].tolist()
    assert (ledger["asserts"] != "").all()
