"""A static SVG image of a page's start view: ``relgraph render -o graph.svg`` and :meth:`Dataset.to_svg`.

The image draws what the page shows when it opens with the same options
(:func:`relgraph.page.start_view`): the entities at the positions computed in
Python, with their full names, the relations in their colours, dashes and
curves, and beside them a legend of what is drawn; above, the title and the
date; below, the sources of the relations drawn. It needs no browser, and the
same input gives the same bytes. The page's "Download SVG" draws the reader's
current view the same way (``templates/js/image.js``), from the same layout
(:data:`relgraph.style.IMAGE`) and shapes (:data:`relgraph.style.SHAPE_POINTS`). With ``view="map"``
the entities stand at their places on the map (:mod:`relgraph.geo`) over its outlines (:func:`map_layer`).
"""
from __future__ import annotations

import html
import warnings

import numpy as np

from . import layout, style
from .page import EmptyView, PageOptions, empty_message, map_warning, page_data, start_view

FONT = style.LABEL_FONT


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _num(v: float) -> str:
    """A coordinate as the image writes it: at most one decimal, no trailing zero."""
    return f"{round(float(v), 1):g}"


def shape(kind_shape: str, x: float, y: float, size: float, colour: str) -> str:
    """An entity's symbol at ``x``, ``y``: a circle for "dot", else the polygon of ``style.SHAPE_POINTS``.

    Examples
    --------
    >>> shape("square", 0, 0, 2, "#000")
    '<polygon points="-2,-2 2,-2 2,2 -2,2" fill="#000"/>'
    >>> shape("dot", 1, 1, 3, "#fff")
    '<circle cx="1" cy="1" r="3" fill="#fff"/>'
    """
    points = style.SHAPE_POINTS.get(kind_shape)
    if points is None:
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(size)}" fill="{_esc(colour)}"/>'
    pts = " ".join(f"{_num(x + px * size)},{_num(y + py * size)}" for px, py in points)
    return f'<polygon points="{pts}" fill="{_esc(colour)}"/>'


def _dash(dashes) -> str:
    if dashes is None or dashes is False:
        return ""
    pattern = [5, 5] if dashes is True else dashes
    return f' stroke-dasharray="{" ".join(str(d) for d in pattern)}"'


def edge_path(x1, y1, x2, y2, curve) -> str:
    """The ``d`` of a relation's line: straight, or bent to one side by ``curve`` (its signed roundness).

    Examples
    --------
    >>> edge_path(0, 0, 100, 0, None), edge_path(0, 0, 100, 0, 0.2)
    ('M0,0 L100,0', 'M0,0 Q50,20 100,0')
    """
    if not curve:
        return f"M{_num(x1)},{_num(y1)} L{_num(x2)},{_num(y2)}"
    dx, dy = x2 - x1, y2 - y1
    cx, cy = (x1 + x2) / 2 - dy * curve, (y1 + y2) / 2 + dx * curve
    return f"M{_num(x1)},{_num(y1)} Q{_num(cx)},{_num(cy)} {_num(x2)},{_num(y2)}"


def _legend(data: dict, ents: np.ndarray, rels: np.ndarray) -> list[tuple]:
    """The legend's lines for what is drawn: ("heading", text) and ("item", swatch, text)."""
    counts = {}
    for f in data["filters"]:
        table = ents if f["applies_to"] == "entities" else rels
        column = data[f["applies_to"]][f["column"]]
        counts[f["id"]] = {}
        for value, on in zip(column, table):
            if on and isinstance(value, str):
                counts[f["id"]][value] = counts[f["id"]].get(value, 0) + 1
    lines = []
    for f in data["filters"]:
        if f["id"] not in ("changes", "types", "kinds", "statuses"):
            continue
        items = [it for it in f["items"] if counts[f["id"]].get(it["id"])]
        if items:
            lines.append(("heading", f["label"]))
            lines += [("item", it, f"{it['label']} ({counts[f['id']][it['id']]})") for it in items]
    return lines


def _sources(data: dict, rels: np.ndarray) -> list[str]:
    """One line of text per source cited by a relation drawn, by title."""
    cited = set()
    for on, ids in zip(rels, data["relations"].get("sources") or [[s] for s in data["relations"]["source_id"]]):
        if on:
            cited.update(ids)
    src = data["sources"]
    rows = sorted((src["title"][k] or src["id"][k], k) for k in range(len(src["id"])) if src["id"][k] in cited)
    return [", ".join(filter(None, [title, src["publisher"][k], src["published"][k], src["url"][k]]))
            for title, k in rows]


def map_layer(m: dict) -> list[str]:
    """The map view's background (:func:`relgraph.geo.map_layout`) as SVG elements in map units, as the
    page's ``templates/js/map.js`` draws it: sea, outlines, the other countries' names, north, the margin."""
    c, f = style.MAP, m["frame"]
    frame = f'x="{f["left"]}" y="{f["top"]}" width="{f["right"] - f["left"]}" height="{f["bottom"] - f["top"]}"'
    out = ['<g class="map">', f'<rect {frame} fill="{c["sea"]}"/>',
           f'<g stroke="{c["border"]}" stroke-width="0.8" fill-rule="evenodd">']
    out += [f'<path d="{o["d"]}" fill="{c["data"] if o["data"] else c["land"]}"/>' for o in m["outlines"]]
    out += ["</g>", f'<rect {frame} fill="none" stroke="{c["border"]}"/>',
            f'<g fill="{c["label"]}" font-size="{c["label_size"]}" font-style="italic" text-anchor="middle">']
    out += [f'<text x="{label["x"]}" y="{label["y"]}">{_esc(label["name"])}</text>' for label in m["labels"]]
    out += ["</g>", f'<text x="{f["right"] - 24}" y="{f["top"] + 22}" fill="{c["label"]}" '
            f'font-size="{c["label_size"]}" font-weight="bold" text-anchor="middle">N \u2191</text>']
    for g in m["margin"]:
        out += [f'<rect x="{g["left"]}" y="{g["top"]}" width="{g["right"] - g["left"]}" '
                f'height="{g["bottom"] - g["top"]}" fill="none" stroke="{c["border"]}" stroke-dasharray="4 4"/>',
                f'<text x="{g["left"] + 8}" y="{g["top"] + 20}" fill="{c["label"]}" font-size="{c["label_size"]}" '
                f'font-weight="bold">{_esc(g["label"])}</text>']
    return out + ["</g>"]


def svg_image(data: dict, ents: np.ndarray, rels: np.ndarray) -> str:
    """The SVG text of the entities and relations flagged in ``ents`` and ``rels``, from the page's ``data``
    (:func:`relgraph.page.page_data`): title, date, graph (or map, when the page opens on it), legend of what
    is drawn, sources."""
    im, size = style.IMAGE, data["drawing"]["node"]
    on_map = data["initial"].get("view") == "map"
    where = data["map"] if on_map else data["nodes"]
    x, y = np.asarray(where["x"], dtype=float), np.asarray(where["y"], dtype=float)
    labels = data["nodes"]["label"]
    sizes = [style.label_size(label) for label in labels]
    shown = np.flatnonzero(ents)
    if on_map:
        box = data["map"]["extent"]
    elif len(shown):
        box = layout.extent(x[shown], y[shown], [sizes[i] for i in shown])
    else:
        box = {"left": 0, "top": 0, "right": 400, "bottom": 200}
    graph_w, graph_h = max(box["right"] - box["left"], 400), box["bottom"] - box["top"]
    legend = _legend(data, ents, rels)
    legend_w = max([im["legend"]] + [style.text_width(line[-1], im["text"]) + im["swatch"] + 8 for line in legend])
    width = im["margin"] * 2 + graph_w + im["gap"] + legend_w
    sources = [line for s in _sources(data, rels) for line in style.wrap_lines(s, width - 2 * im["margin"], im["text"])]
    credit = f"Drawn by relgraph from {data['title']}; " + (
        f"map: Natural Earth (public domain), {data['map']['projection']}." if on_map else
        "positions computed once for the whole dataset.")
    body_h = max(graph_h, len(legend) * im["line"])
    height = im["header"] + body_h + im["margin"] + (len(sources) + 2) * im["line"] + im["margin"]
    ox = im["margin"] - box["left"] + (graph_w - (box["right"] - box["left"])) / 2
    oy = im["header"] - box["top"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
           f'viewBox="0 0 {_num(width)} {_num(height)}" font-family="{_esc(FONT)}" font-size="{im["text"]}">',
           f"<title>{_esc(data['title'])}</title>",
           f'<rect width="{_num(width)}" height="{_num(height)}" fill="#fff"/>']
    if on_map:
        out += [f'<g transform="translate({_num(ox)},{_num(oy)})">', *map_layer(data["map"]), "</g>"]
    colours = sorted({data["edges"]["color"][i] for i in np.flatnonzero(rels)})
    out.append("<defs>" + "".join(
        f'<marker id="arrow{k}" viewBox="0 0 10 10" refX="{10 + size + 2}" refY="5" markerWidth="9" '
        f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{_esc(c)}"/></marker>' for k, c in enumerate(colours)) + "</defs>")
    day = data["initial"]["as_of"]
    when = (f"as of {day}" + (", as known then" if data["initial"].get("known") else "")) if day else "all dates"
    out.append(f'<text x="{im["margin"]}" y="{im["margin"] + 4}" font-size="{im["title"]}" font-weight="bold">'
               f"{_esc(data['title'])}</text>")
    out.append(f'<text x="{im["margin"]}" y="{im["margin"] + 26}" fill="#333">{_esc(when)}: '
               f"{int(ents.sum())} entities, {int(rels.sum())} relations</text>")
    src_i = {e: k for k, e in enumerate(data["entities"]["id"])}
    out.append('<g fill="none" stroke-width="2">')
    for i in np.flatnonzero(rels):
        a, b = src_i[data["relations"]["source"][i]], src_i[data["relations"]["target"][i]]
        colour = data["edges"]["color"][i]
        arrow = f' marker-end="url(#arrow{colours.index(colour)})"' if data["relations"]["directed"][i] else ""
        d = edge_path(x[a] + ox, y[a] + oy, x[b] + ox, y[b] + oy, data["edges"]["curve"][i])
        out.append(f'<path d="{d}" stroke="{_esc(colour)}"{_dash(data["edges"]["dashes"][i])}{arrow}/>')
    out.append("</g>")
    kinds = {k["id"]: k for k in data["kinds"]}
    out.append('<g stroke="#fff" stroke-width="1">')
    for i in shown:
        kind = kinds.get(data["entities"]["kind"][i], {"shape": "dot", "color": style.FALLBACK_COLOUR})
        out.append(shape(kind["shape"], x[i] + ox, y[i] + oy, size, kind["color"]))
    out.append("</g>")
    out.append(f'<g font-size="{style.LABEL_SIZE}" text-anchor="middle" fill="#222" stroke="#fff" '
               'stroke-width="3" paint-order="stroke">')
    for i in shown:
        first = y[i] + oy + size + layout.LABEL_GAP + style.LABEL_SIZE * 0.8
        lines = labels[i].split("\n")
        spans = "".join(f'<tspan x="{_num(x[i] + ox)}" y="{_num(first + k * style.LABEL_LINE)}">{_esc(t)}</tspan>'
                        for k, t in enumerate(lines))
        out.append(f"<text>{spans}</text>")
    out.append("</g>")
    lx, ly = im["margin"] + graph_w + im["gap"], im["header"]
    for k, line in enumerate(legend):
        at = ly + k * im["line"] + 12
        if line[0] == "heading":
            out.append(f'<text x="{_num(lx)}" y="{_num(at)}" font-weight="bold">{_esc(line[1])}</text>')
            continue
        it, text = line[1], line[2]
        if it.get("shape"):
            out.append(shape(it["shape"], lx + im["swatch"] / 2, at - 4, 6, it["color"]))
        else:
            out.append(f'<line x1="{_num(lx)}" y1="{_num(at - 4)}" x2="{_num(lx + im["swatch"])}" y2="{_num(at - 4)}" '
                       f'stroke="{_esc(it.get("color") or "#555")}" stroke-width="3"{_dash(it.get("dashes"))}/>')
        out.append(f'<text x="{_num(lx + im["swatch"] + 8)}" y="{_num(at)}">{_esc(text)}</text>')
    fy = im["header"] + body_h + im["margin"]
    footer = [("Sources", True)] + [(s, False) for s in sources] + [(credit, False)]
    for k, (line, bold) in enumerate(footer):
        look = ' font-weight="bold"' if bold else ' fill="#333"'
        out.append(f'<text x="{im["margin"]}" y="{_num(fy + k * im["line"] + 12)}"{look}>{_esc(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def render_svg(tables, options: PageOptions | None = None) -> str:
    """The start view of the page of ``tables`` with ``options`` as one static SVG image.

    ``tables`` is what the page draws (the ego network for ``options.focus``).
    When the view shows none of the relations there are, an
    :class:`~relgraph.page.EmptyView` warning says which options leave nothing.

    Examples
    --------
    >>> import relgraph
    >>> image = render_svg(relgraph.load(), PageOptions(as_of="2024-11-25", relation="attack"))
    >>> image.startswith("<svg"), "Islamic State \u2013 Khorasan" in image, image == render_svg(
    ...     relgraph.load(), PageOptions(as_of="2024-11-25", relation="attack"))
    (True, True, True)
    """
    options = options or PageOptions()
    data = page_data(tables, options)
    map_warning(data, options)
    ents, rels = start_view(tables, options)
    if len(tables.relations) and not rels.any():
        warnings.warn(EmptyView(f"the image shows nothing: {empty_message(options)}"), stacklevel=2)
    return svg_image(data, ents, rels)
