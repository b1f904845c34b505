"""The bundled dataset: valid for relgraph and, as a second opinion, for frictionless."""
from pathlib import Path

from frictionless import validate as frictionless_validate

import relgraph
from relgraph.readers import bundled_data_dir


def test_bundled_dataset_validates():
    report = relgraph.validate()
    assert report.valid and report.issues == ()


def test_bundled_datapackage_is_a_copy_of_the_schema():
    # The column rules are the program's (relgraph/schema.json); the sample keeps a copy for frictionless.
    schema = Path(relgraph.__file__).parent / "schema.json"
    assert (bundled_data_dir() / "datapackage.json").read_bytes() == schema.read_bytes()


def test_frictionless_agrees():
    report = frictionless_validate(str(bundled_data_dir() / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_seed_article_is_bundled_unchanged():
    ds = relgraph.load()
    [seed_file] = ds.sources.loc[ds.sources["file"] != "", "file"]
    assert (bundled_data_dir().parent / seed_file).read_text(encoding="utf-8").startswith("November 25, 2024")


def test_taliban_government_and_ttp_are_distinct_actors():
    ent = relgraph.load().entities.set_index("id")
    assert ent.loc["iea", "kind"] == "government"
    assert ent.loc["ttp", "kind"] == "armed_group"


def test_allegations_name_who_alleges():
    rel = relgraph.load().relations
    claims = rel[rel["status"].isin(["alleged", "denied"])]
    assert len(claims) > 0 and (claims["claimed_by"] != "").all()


def test_curated_relations_cover_the_seed_story():
    rel = relgraph.load().relations
    have = set(zip(rel["source"], rel["target"], rel["relation"]))
    for expected in [("russia", "taliban", "proscription"), ("russia", "taliban", "delisting"),
                     ("russia", "iea", "recognition"), ("kazakhstan", "taliban", "delisting"),
                     ("kyrgyzstan", "taliban", "delisting"), ("iskp", "russia", "attack"),
                     ("ttp", "pakistan", "ceasefire_break"), ("russia", "pakistan", "diplomatic_engagement")]:
        assert expected in have
