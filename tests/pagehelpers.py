"""Helpers of the browser tests (test_browser.py, test_scale.py): variants of the tiny dataset and what a
page shows, read through its one test hook, ``window.relgraph.api`` (documented in relgraph/templates/js/main.js).
"""
from __future__ import annotations

import relgraph

# Markup and script that must reach the page as plain text.
PAYLOADS = ["<script>window.__pwned = 1</script>", "<img src=x onerror=\"window.__pwned = 2\">",
            "javascript:window.__pwned = 3", "\"><svg onload=\"window.__pwned = 4\">"]


def variant(ds, **tables) -> relgraph.Dataset:
    """``ds`` with some tables replaced (``entities=``, ``relations=``, ...), validated again."""
    t = {name: tables.get(name, getattr(ds, name)) for name in ("entities", "relations", "relation_types", "sources")}
    return relgraph.from_frames(**t, texts=ds.texts, name=ds.name)


def ids(frame) -> set:
    return set(frame["id"])


def shown(page) -> tuple[set, set]:
    """The ids of the entities and relations the page shows (checking the header's counts agree)."""
    v = page.evaluate("window.relgraph.api.visible()")
    counts = page.locator("#counts")
    assert (int(counts.get_attribute("data-entities")), int(counts.get_attribute("data-relations"))) == (
        len(v["entities"]), len(v["relations"]))
    assert page.evaluate("window.relgraph.api.counts()") == {"entities": len(v["entities"]),
                                                             "relations": len(v["relations"])}
    return set(v["entities"]), set(v["relations"])


def drawn(page) -> dict:
    """What the renderer draws (``api.drawn()``): entities with page coordinates, hidden and selected flags."""
    return page.evaluate("window.relgraph.api.drawn()")


def at(page, entity: str) -> tuple[float, float]:
    """Where an entity is drawn, in page coordinates (for mouse clicks)."""
    p = drawn(page)["entities"][entity]
    return p["x"], p["y"]


def overlap(a: dict, b: dict) -> bool:
    """Whether two boxes ({left, top, right, bottom}) share any area."""
    return min(a["right"], b["right"]) > max(a["left"], b["left"]) and \
        min(a["bottom"], b["bottom"]) > max(a["top"], b["top"])


def inside(box: dict, frame: dict) -> bool:
    """Whether ``box`` lies within ``frame`` (both {left, top, right, bottom})."""
    return (box["left"] >= frame["left"] and box["right"] <= frame["right"] and box["top"] >= frame["top"]
            and box["bottom"] <= frame["bottom"])


def positions(page) -> dict:
    """Where each entity is drawn: {id: (x, y)} in page coordinates."""
    return {k: (round(e["x"], 1), round(e["y"], 1)) for k, e in drawn(page)["entities"].items()}
