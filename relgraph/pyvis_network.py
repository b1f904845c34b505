"""A ``pyvis.network.Network`` of a dataset, for people who already script pyvis.

Built from the page's colours, shapes, labels and positions: one node per
entity (its kind's shape and colour, placed where relgraph's page puts it,
physics off so it stays there) and one edge per relation (its id the relation's,
coloured by type, dashed by status, an arrow only where directed; parallel
relations curve apart as on the page). Tooltips are plain text: vis-network
shows ``title`` strings as text, and node titles are HTML-escaped too, because
pyvis's own page shows node titles as HTML once any of them holds a link.

It is not relgraph's page: pyvis's page loads Bootstrap from a CDN (and, with
``cdn_resources="remote"``, vis-network too), and has no time control, filters,
search or details panel; the network holds the dataset as it is given (use
:meth:`relgraph.Dataset.snapshot` or ``filter`` first for a date or a selection).
"""
from __future__ import annotations

import html

from . import exchange, style
from .page import _curves as curves  # the page's fan of parallel relations, so both draw them alike


def to_pyvis(tables, **network):
    """A new ``pyvis.network.Network`` of ``tables``; ``network`` goes to its constructor.

    The defaults are ``directed=True`` (mutual relations still get no arrow) and
    ``cdn_resources="in_line"`` (vis-network inlined in what ``write_html`` writes).
    Nothing of ``tables`` is changed.

    Examples
    --------
    >>> import pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "<b>South</b>"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1", "r2"], "source": ["north", "north"], "target": ["south", "south"],
    ...                   "relation": ["recognition", "alliance"], "status": "reported", "source_id": "notes"}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
    >>> net = to_pyvis(ds)
    >>> [e["id"] for e in net.edges], net.get_node("south")["title"].splitlines()[0]
    (['r1', 'r2'], '&lt;b&gt;South&lt;/b&gt;')
    """
    from pyvis.network import Network  # here: a tenth of a second that nothing else needs

    net = Network(**{"directed": True, "cdn_resources": "in_line", **network})
    ent = tables.entities
    rel = exchange.relations(tables)
    x, y = exchange.positions(tables, rel)
    for row, px, py in zip(ent.to_dict("records"), x, y):
        lines = [row["name"], style.kind_label(row["kind"]), *(row.get("aliases") or "").split("|")]
        net.add_node(row["id"], label=row["name"], title=html.escape("\n".join(filter(None, lines)), quote=False),
                     shape=style.KIND_SHAPES.get(row["kind"], "dot"),
                     color=style.KIND_COLOURS.get(row["kind"], style.FALLBACK_COLOUR), x=int(px), y=int(py))
    colours = style.type_colours(tables.relation_types)
    labels = dict(zip(tables.relation_types["id"], tables.relation_types["label"]))
    names = dict(zip(ent["id"], ent["name"]))
    for row, curve in zip(rel.to_dict("records"), curves(rel)):
        when = " to ".join(filter(None, (row["start"], row["end"])))
        title = "\n".join(filter(None, (f"{names[row['source']]} {labels.get(row['relation'], row['relation'])} "
                                        f"{names[row['target']]}", when, row["status"], row.get("evidence"))))
        options = {"id": row["id"], "title": title, "color": colours.get(row["relation"], style.FALLBACK_COLOUR),
                   "dashes": style.STATUS_DASHES.get(row["status"], False)}
        if not row["directed"]:
            options["arrows"] = ""
        if curve is not None:
            options["smooth"] = {"type": "curvedCW" if curve > 0 else "curvedCCW", "roundness": abs(curve)}
        net.add_edge(row["source"], row["target"], **options)
    net.toggle_physics(False)
    return net
