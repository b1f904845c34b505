"""The interactive page: pyvis holds the vis-network nodes and edges, our template owns the HTML.

pyvis's own templates load Bootstrap and vis-network from CDNs and inject raw
HTML from titles and headings, so only its data structures and its bundled
vis-network build are used. All data reaches the page as one JSON blob
(Jinja's ``tojson``), and the page's script builds every text node with
``textContent``: CSV text cannot become markup.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from . import dates, layout, style
from .files import write_atomic
from .snapshot import DEFAULT_RULE, DEFAULT_WINDOW, bounds
from .graph import relations_with_types

PHYSICS_MAX_ENTITIES = 300
STATUSES = ("reported", "alleged", "denied", "intended")
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=PackageLoader("relgraph", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       keep_trailing_newline=True)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    # Inlined verbatim, so they must not be able to close their own element.
    assert "</script" not in js.lower() and "</style" not in css.lower()
    return js, css


def _iso(days: pd.Series) -> list[str]:
    return days.dt.strftime("%Y-%m-%d").fillna("").tolist()


def _smooth(rel: pd.DataFrame) -> dict[int, dict]:
    """Parallel relations of one pair fan out as curves on alternating sides: {row position: smooth}."""
    src, tgt = rel["source"].to_numpy(object), rel["target"].to_numpy(object)
    swap = src > tgt
    a, b = np.where(swap, tgt, src), np.where(swap, src, tgt)
    pair = pd.DataFrame({"a": a, "b": b})
    k = pair.groupby(["a", "b"]).cumcount().to_numpy()
    m = pair.groupby(["a", "b"])["a"].transform("size").to_numpy()
    clockwise = (k % 2 == 0) ^ swap
    roundness = np.round(0.12 * (k // 2 + 1), 2)
    kinds = np.where(clockwise, "curvedCW", "curvedCCW")
    parallel = np.flatnonzero(m > 1)
    return {int(i): {"type": str(kinds[i]), "roundness": float(roundness[i])} for i in parallel}


def _edges(rel: pd.DataFrame, colours: list, dashes: pd.Series) -> list[dict]:
    """vis-network edges holding only what differs from the page's defaults (straight, no arrow, solid).

    Every option an edge carries costs vis-network time to parse: at 30,000
    relations, omitting the defaults saves a tenth of the time to open the page.
    """
    edges = [{"id": i, "from": s, "to": t, "color": c}
             for i, s, t, c in zip(rel["id"], rel["source"], rel["target"], colours)]
    for i in np.flatnonzero(rel["directed"].to_numpy(bool)):
        edges[i]["arrows"] = "to"
    for i in np.flatnonzero(dashes.ne(False).to_numpy()):
        edges[i]["dashes"] = dashes.iloc[i]
    for i, smooth in _smooth(rel).items():
        edges[i]["smooth"] = smooth
    return edges


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def page_data(tables, *, title: str | None = None, physics: bool | None = None, as_of=None,
              relation=None, kind=None, status=None, focus: str | None = None, hide_isolated: bool = False,
              diff: pd.Series | None = None, old: dict | None = None) -> dict:
    """Everything the page shows, as JSON-ready data.

    ``as_of``, ``relation``, ``kind``, ``status``, ``focus`` and
    ``hide_isolated`` set the controls the page starts with (the data stays
    whole, so a reader can widen the view); ``relation``, ``kind`` and
    ``status`` are one value or a list, None for all. ``diff`` optionally
    gives, per relation id, one of added, removed, changed, unchanged: the page
    then colours by change instead of by type, and ``old`` maps a changed
    relation's id to its previous values (``{"end": "2024-05"}``), shown as
    "field: old -> new".

    Examples
    --------
    >>> import relgraph
    >>> d = page_data(relgraph.load(), as_of="2024-11-25", relation="attack")
    >>> d["initial"]["as_of"], d["initial"]["relations"]
    ('2024-11-25', ['attack'])
    """
    ent, rel_types = tables.entities, tables.relation_types
    rel = relations_with_types(tables.relations, rel_types)
    colours = style.type_colours(rel_types["id"])
    x, y = layout.positions(ent["id"], rel["source"], rel["target"])
    n_ent = len(ent)
    physics = n_ent <= PHYSICS_MAX_ENTITIES if physics is None else physics

    net = Network(directed=True)
    net.nodes = [
        {"id": i, "label": name, "x": int(xx), "y": int(yy), "shape": style.KIND_SHAPES.get(k, "dot"),
         "color": style.KIND_COLOURS.get(k, style.FALLBACK_COLOUR)}
        for i, name, k, xx, yy in zip(ent["id"], ent["name"], ent["kind"], x, y)
    ]
    dashes = rel["status"].map(style.STATUS_DASHES).where(rel["status"].isin(list(style.STATUS_DASHES)), False)
    if diff is not None:
        change = rel["id"].map(diff).fillna("unchanged")
        edge_colours = change.map(style.DIFF_COLOURS).tolist()
        # Removed relations are dashed whatever their status: the change is what this view is about.
        dashes = dashes.mask(change == "removed", True)
    else:
        change = None
        edge_colours = rel["relation"].map(colours).fillna(style.FALLBACK_COLOUR).tolist()
    net.edges = _edges(rel, edge_colours, dashes)
    b = bounds(rel)
    relations = rel.assign(start_lo=_iso(b["start_lo"]), start_hi=_iso(b["start_hi"]),
                           end_lo=_iso(b["end_lo"]), end_hi=_iso(b["end_hi"]))
    if change is not None:
        relations["change"] = change
    records = _records(relations)
    position = pd.Index(relations["id"])
    for rid, values in (old or {}).items():
        records[position.get_loc(rid)]["old"] = dict(values)
    type_counts = rel["relation"].value_counts()
    kind_counts = ent["kind"].value_counts()
    all_dates = pd.concat([b["start_lo"], b["end_lo"]]).dropna().drop_duplicates().sort_values()
    return {
        "title": title or tables.name,
        "physics": bool(physics),
        "nodes": net.nodes,
        "edges": net.edges,
        "entities": _records(ent),
        "relations": records,
        "sources": _records(tables.sources),
        "types": [dict(r, color=colours[r["id"]], count=int(type_counts.get(r["id"], 0)))
                  for r in _records(rel_types)],
        "kinds": [{"id": k, "label": style.kind_label(k), "shape": style.KIND_SHAPES.get(k, "dot"),
                   "color": style.KIND_COLOURS.get(k, style.FALLBACK_COLOUR), "count": int(c)}
                  for k, c in sorted(kind_counts.items())],
        "statuses": [{"id": s, "dashes": style.STATUS_DASHES.get(s, False),
                      "count": int((rel["status"] == s).sum())} for s in STATUSES],
        "diff_colours": style.DIFF_COLOURS if diff is not None else None,
        "dates": _iso(all_dates),
        "snapshot": {"rule": DEFAULT_RULE, "window": DEFAULT_WINDOW},
        "initial": {"as_of": None if as_of is None else str(dates.to_day(as_of)),
                    "relations": _listed(relation), "kinds": _listed(kind), "statuses": _listed(status),
                    "focus": focus, "hide_isolated": bool(hide_isolated)},
    }


def _listed(value) -> list | None:
    return None if value is None else [value] if isinstance(value, str) else sorted(value)


def render_html(tables, **options) -> str:
    """The page as one self-contained HTML string (no network requests).

    Options are those of :func:`page_data`.

    Examples
    --------
    >>> import relgraph
    >>> page = render_html(relgraph.load(), title="<b>t</b>")
    >>> "&lt;b&gt;t&lt;/b&gt;" in page and "<b>t</b>" not in page
    True
    """
    data = page_data(tables, **options)
    js, css = _vis_assets()
    return _env().get_template("page.html").render(data=data, title=data["title"], vis_js=js, vis_css=css)


def write_html(tables, path, **options) -> Path:
    """Render the page and write it atomically to ``path``."""
    return write_atomic(path, render_html(tables, **options))
