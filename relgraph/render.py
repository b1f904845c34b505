"""The interactive page: our Jinja template, vis-network or sigma.js drawing it, one JSON blob of data.

pyvis's own templates load Bootstrap and vis-network from CDNs and inject raw
HTML from titles and headings, so only its bundled vis-network build is used.
All data reaches the page as one JSON blob (Jinja's ``tojson``), table by
table as columns (a list per column: no key repeated per row, and pandas
writes columns without a Python loop), and the page's script builds every
text node with ``textContent``: CSV text cannot become markup.

Above :data:`WEBGL_MIN_RELATIONS` relations the page draws with sigma.js
(WebGL, vendored from npm with graphology under ``templates/vendor``) instead
of vis-network, which needs seconds per redraw there; the controls and the
details panel are the same code in both.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from . import dates, layout, style
from .files import write_atomic
from .snapshot import DEFAULT_RULE, DEFAULT_WINDOW, bounds
from .graph import relations_with_types

PHYSICS_MAX_ENTITIES = 300
STATUSES = ("reported", "alleged", "denied", "intended")
# Located, not imported: importing pyvis costs a tenth of a second of every render.
_VIS_DIR = Path(find_spec("pyvis").origin).parent / "templates" / "lib" / "vis-9.1.2"
_VENDOR_DIR = Path(__file__).parent / "templates" / "vendor"
RENDERERS = ("vis", "webgl")
# vis-network takes about 2.5 s to draw 30,000 relations and half a second per filter change; sigma.js
# a fraction of that (benchmarks/run.py). Below this, vis-network's dashes, curves, shapes and tooltips win.
WEBGL_MIN_RELATIONS = 20_000


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


@lru_cache(maxsize=1)
def _sigma_js() -> str:
    js = "\n".join((_VENDOR_DIR / name).read_text(encoding="utf-8")
                   for name in ("graphology-0.26.0.umd.min.js", "sigma-3.0.3.min.js"))
    assert "</script" not in js.lower()
    return js


def choose_renderer(n_relations: int, renderer: str | None = None) -> str:
    """``renderer`` if given, else ``"webgl"`` above :data:`WEBGL_MIN_RELATIONS` relations, else ``"vis"``.

    Examples
    --------
    >>> choose_renderer(100), choose_renderer(100_000), choose_renderer(100_000, "vis")
    ('vis', 'webgl', 'vis')
    """
    if renderer is None:
        return "webgl" if n_relations > WEBGL_MIN_RELATIONS else "vis"
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, not {renderer!r}")
    return renderer


def _iso(days: pd.Series) -> list[str]:
    return days.dt.strftime("%Y-%m-%d").fillna("").tolist()


def _curves(rel: pd.DataFrame) -> list:
    """Parallel relations of one pair fan out as curves on alternating sides.

    One number per relation, None where it is the only one of its pair (drawn
    straight): the curve's roundness, positive for vis-network's ``curvedCW``,
    negative for ``curvedCCW``.
    """
    src, tgt = rel["source"].to_numpy(object), rel["target"].to_numpy(object)
    swap = src > tgt
    pair = pd.DataFrame({"a": np.where(swap, tgt, src), "b": np.where(swap, src, tgt)})
    k = pair.groupby(["a", "b"]).cumcount().to_numpy()
    m = pair.groupby(["a", "b"])["a"].transform("size").to_numpy()
    clockwise = (k % 2 == 0) ^ swap
    roundness = np.round(0.12 * (k // 2 + 1), 2)
    curve = np.where(clockwise, roundness, -roundness).tolist()  # Python floats
    return np.where(m > 1, np.array(curve, dtype=object), None).tolist()


def _edges(rel: pd.DataFrame, colours: pd.Series, dashes: pd.Series) -> dict[str, list]:
    """How each relation is drawn, as columns: colour, dashes and curve (None where solid or straight).

    Arrows follow the relations' ``directed`` column. Every option an edge
    carries costs vis-network time to parse, so the page sets only those that
    differ from its defaults (straight, no arrow, solid).
    """
    return {"color": colours.tolist(), "dashes": dashes.where(dashes.ne(False), None).tolist(),
            "curve": _curves(rel)}


def page_data(tables, *, title: str | None = None, physics: bool | None = None, as_of=None,
              relation=None, kind=None, status=None, focus: str | None = None, hide_isolated: bool = False,
              diff: pd.Series | None = None, old: dict | None = None, renderer: str | None = None,
              progress=None) -> dict:
    """Everything the page shows, as JSON-ready data.

    ``as_of``, ``relation``, ``kind``, ``status``, ``focus`` and
    ``hide_isolated`` set the controls the page starts with (the data stays
    whole, so a reader can widen the view); ``relation``, ``kind`` and
    ``status`` are one value or a list, None for all. ``diff`` optionally
    gives, per relation id, one of added, removed, changed, unchanged: the page
    then colours by change instead of by type, and ``old`` maps a changed
    relation's id to its previous values (``{"end": "2024-05"}``), shown as
    "field: old -> new".

    ``renderer`` is ``"vis"`` (vis-network: dashes, curves, shapes, tooltips,
    physics) or ``"webgl"`` (sigma.js: draws 100,000 relations); None chooses
    by size (:func:`choose_renderer`). ``progress``, if given, is called with
    the name of each step as it starts (see :mod:`relgraph.progress`).

    Tables reach the page as columns (``{"id": [...], "name": [...]}``);
    ``nodes`` holds the entities' positions, ``edges`` how relations are drawn.

    Examples
    --------
    >>> import relgraph
    >>> d = page_data(relgraph.load(), as_of="2024-11-25", relation="attack")
    >>> d["initial"]["as_of"], d["initial"]["relations"]
    ('2024-11-25', ['attack'])
    """
    step = progress or (lambda name: None)
    ent, rel_types = tables.entities, tables.relation_types
    rel = relations_with_types(tables.relations, rel_types)
    renderer = choose_renderer(len(rel), renderer)
    colours = style.type_colours(rel_types["id"])
    step("layout")
    x, y = layout.positions(ent["id"], rel["source"], rel["target"])
    physics = len(ent) <= PHYSICS_MAX_ENTITIES and renderer == "vis" if physics is None else physics
    step("page data")
    dashes = rel["status"].map(style.STATUS_DASHES).where(rel["status"].isin(list(style.STATUS_DASHES)), False)
    relations = rel.copy()
    if diff is not None:
        change = rel["id"].map(diff).fillna("unchanged")
        edge_colours = change.map(style.DIFF_COLOURS)
        # Removed relations are dashed whatever their status: the change is what this view is about.
        dashes = dashes.mask(change == "removed", True)
        relations["change"] = change
        relations["old"] = rel["id"].map(old or {})
        relations["old"] = relations["old"].astype(object).where(relations["old"].notna(), None)
    else:
        edge_colours = rel["relation"].map(colours).fillna(style.FALLBACK_COLOUR)
    b = bounds(rel)
    for col in ("start_lo", "start_hi", "end_lo", "end_hi"):
        relations[col] = _iso(b[col])
    type_counts = rel["relation"].value_counts()
    kind_counts = ent["kind"].value_counts()
    status_counts = rel["status"].value_counts()
    all_dates = pd.concat([b["start_lo"], b["end_lo"]]).dropna().drop_duplicates().sort_values()
    return {
        "title": title or tables.name,
        "renderer": renderer,
        "physics": bool(physics),
        "nodes": {"x": x.tolist(), "y": y.tolist()},
        "edges": _edges(rel, edge_colours, dashes),
        "entities": ent.to_dict("list"),
        "relations": relations.to_dict("list"),
        "sources": tables.sources.to_dict("list"),
        "types": [dict(r, color=colours[r["id"]], count=int(type_counts.get(r["id"], 0)))
                  for r in rel_types.to_dict("records")],
        "kinds": [{"id": k, "label": style.kind_label(k), "shape": style.KIND_SHAPES.get(k, "dot"),
                   "color": style.KIND_COLOURS.get(k, style.FALLBACK_COLOUR), "count": int(c)}
                  for k, c in sorted(kind_counts.items())],
        "statuses": [{"id": s, "dashes": style.STATUS_DASHES.get(s, False),
                      "count": int(status_counts.get(s, 0))} for s in STATUSES],
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
    progress = options.get("progress") or (lambda name: None)
    data = page_data(tables, **options)
    progress("HTML")
    if data["renderer"] == "webgl":
        js, css = _sigma_js(), ""
    else:
        js, css = _vis_assets()
    return _env().get_template("page.html").render(data=data, title=data["title"], vis_js=js, vis_css=css)


def write_html(tables, path, **options) -> Path:
    """Render the page and write it atomically to ``path``."""
    return write_atomic(path, render_html(tables, **options))
