"""The interactive page: our Jinja template, vis-network or sigma.js drawing it, one JSON blob of data.

pyvis's own templates load Bootstrap and vis-network from CDNs and inject raw
HTML from titles and headings, so only its bundled vis-network build is used.
All data reaches the page as one JSON blob (Jinja's ``tojson``), table by
table as columns (a list per column: no key repeated per row, and pandas
writes columns without a Python loop; a column whose values repeat
dictionary-encoded, :func:`compact`), and the page's script builds every
text node with ``textContent``: CSV text cannot become markup.

Above :data:`WEBGL_MIN_RELATIONS` relations the page draws with sigma.js
(WebGL, vendored from npm with graphology under ``templates/vendor``) instead
of vis-network, which needs seconds per redraw there; the controls and the
details panel are the same code in both.

The map view (the Map tab, ``view="map"``) draws the same entities and relations with vis-network at
places computed in :mod:`relgraph.geo` (``data["map"]``), over the outlines it gives; the page only
draws them (``templates/js/map.js``).

The page's script is small files with one job each under ``templates/js``
(:data:`PAGE_JS`, in order: helpers, the data, its texts, dates typed by the reader, the one
state object, the folded view's lines, the diff view, legend and filters, the notice of an empty
view, time control, search, the panels opening and closing, details panel, colours by kind, camp or
community, the tabs and table of relations, the timeline, the view in the URL's hash, the map view's
drawing, each renderer, the view as an image, wiring), joined here into the page's one inline
``<script>``: each file runs in its own function scope and they share one namespace object, ``RG`` (see
``templates/js/main.js``). The legend's
filters are declared as data (:func:`_filters`): the script builds a group of
checkboxes for each entry and filters on its column, so a new filter is one
more entry there.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import inspect
import warnings
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from . import geo, layout, style
from .asof import DEFAULT_RULE, DEFAULT_WINDOW, in_force, known_by, relation_bounds
from .choices import OptionError, check_selection, day, listed, unknown
from .graph import relations_with_types

STATUSES = ("reported", "alleged", "denied", "intended")
# Located, not imported: importing pyvis costs a tenth of a second of every render.
_VIS_DIR = Path(find_spec("pyvis").origin).parent / "templates" / "lib" / "vis-9.1.2"
_VENDOR_DIR = Path(__file__).parent / "templates" / "vendor"
_JS_DIR = Path(__file__).parent / "templates" / "js"
# The page's script files, in the order they run: each may use what the ones before it define.
PAGE_JS = ("util.js", "data.js", "text.js", "dates.js", "state.js", "fold.js", "diff.js", "filters.js", "empty.js",
           "time.js", "search.js", "panels.js", "details.js", "alignment.js", "table.js", "timeline.js", "hash.js",
           "map.js", "render-vis.js", "render-webgl.js", "image.js", "main.js")
RENDERERS = ("vis", "webgl")
COLOR_BY = ("camp", "community")
VIEWS = ("network", "map")
KIND_HINT = "A relation shows if either end is of a ticked kind."
WEBGL_STATUS_HINT = "Drawn alike on a graph this large: each relation's status is in its details."
# Measured until the pixels are drawn (benchmarks/page.py, WebGL in software, sigma.js with thin lines): at
# 3,000 relations sigma.js opens in 0.6x vis-network's time and changes alike; at 10,000 in 0.5x to 0.8x and
# changes in a third; at 20,000 and 30,000 in about half and changes in a third to a fifth. Below 20,000
# vis-network's dashes, curves, shapes, tooltips, physics and map are worth the difference. A GPU draws
# sigma.js far faster than software does.
WEBGL_MIN_RELATIONS = 20_000
MAP_WEBGL = f"the map view draws graphs of up to {WEBGL_MIN_RELATIONS:,} relations; this one is drawn with WebGL"
# A page coloured by camp or community holds one analysis per date where the signs may change (tens of
# milliseconds each on a small graph): more dates than this are refused, not computed for minutes.
ALIGNMENT_MAX_DATES = 500
# Above this many relations the WebGL page draws the folded view (:func:`fold`): one line per pair and type.
FOLD_MIN_RELATIONS = 100_000
# A WebGL page drawing more lines than this uses sigma.js's cheapest programs (``drawing.thin``): entities as
# points, relations as 1-pixel lines, a directed one fading from its source to its target. In software WebGL a
# frame of 30,000 relations took 3 s as triangles with arrowheads and 0.2 s so (benchmarks/page.py).
THIN_MIN_LINES = 10_000


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


@lru_cache(maxsize=1)
def _page_js() -> str:
    """The page's own script: :data:`PAGE_JS` joined, each file in its own function, all sharing ``RG``."""
    parts = [f"// ---- js/{name}\n(function () {{\n{(_JS_DIR / name).read_text(encoding='utf-8')}}})();\n"
             for name in PAGE_JS]
    js = '(function () {\n"use strict";\nvar RG = {};\n' + "".join(parts) + "})();\n"
    assert "</script" not in js.lower()
    return js


@dataclass(frozen=True)
class PageOptions:
    """What a page shows when it opens: one set of options with one meaning wherever a page is made.

    ``relgraph render``, ``relgraph diff --format html``, :meth:`relgraph.Dataset.to_html`,
    ``write_html`` and ``show``, :func:`relgraph.show` and :meth:`relgraph.Diff.to_html` and
    ``show`` all take these keywords. The page always holds all the data it is given, so a
    reader can widen the view; only ``focus`` draws less.

    Parameters
    ----------
    title : str, optional
        The page's title; default: the dataset's name.
    as_of : str or date, optional
        Open as of this day (YYYY-MM-DD): the relations in force then (as ``relgraph snapshot``).
    relation : str or list of str, optional
        Open with only these relation types shown (ids of ``relation_types.csv``).
    kind : str or list of str, optional
        Open with only the relations that have an end of one of these entity kinds shown (either end:
        ``kind="armed_group"`` shows the attacks of armed groups on states), and the entities they join.
    status : str or list of str, optional
        Open with only the relations of these statuses shown.
    focus : str, optional
        Draw only the ego network of this entity id (see ``depth``), and select it.
    depth : int, default 1
        With ``focus``: how many hops from it, in either direction, are drawn.
    physics : bool, default False
        Start with vis-network's physics on: entities then move as the view changes. Off, every
        entity keeps the position computed in Python whatever the date or the filters.
    renderer : {"vis", "webgl"}, optional
        vis-network (dashes, curves, shapes, tooltips, physics) or sigma.js (WebGL, for large
        graphs); default: WebGL above 20,000 relations.
    hide_isolated : bool, default False
        Open with the entities that no shown relation names hidden.
    known : bool, default False
        Open with the "known then" toggle on: as of a date, only the relations on record by that
        date (as ``relgraph snapshot --as-of D --known-by D``).
    color_by : {"camp", "community"}, optional
        Open with the entities coloured by their camp or community at the date shown (see
        :meth:`relgraph.Dataset.analyze`), with a legend, a choice of colouring (kind, camp,
        community) that links keep, and each entity's camp, community and centralities in its details.
        Default: by kind, and the page holds no analysis.
    view : {"network", "map"}, default "network"
        Open as a network, or on a map of the countries in the data (states at their territory,
        other entities in the first of their ``countries``; see :mod:`relgraph.geo`). Where no entity
        can be placed the page opens as a network and a :class:`~relgraph.geo.MapUnavailable`
        warning says why; the reader switches between the two on the page.

    Examples
    --------
    >>> PageOptions(relation="attack", as_of="2024-11-25").relation
    ('attack',)
    >>> PageOptions(depth=-1)
    Traceback (most recent call last):
    ...
    relgraph.choices.OptionError: PageOptions(): depth: must be a whole number, 0 or more, not -1
    """

    title: str | None = None
    as_of: str | None = None
    relation: tuple | None = None
    kind: tuple | None = None
    status: tuple | None = None
    focus: str | None = None
    depth: int = 1
    physics: bool = False
    renderer: str | None = None
    hide_isolated: bool = False
    known: bool = False
    color_by: str | None = None
    view: str = "network"
    # The public function the options were given to, named in every message about them.
    caller: str = field(default="PageOptions", repr=False, compare=False)

    def __post_init__(self):
        def fail(option, reason):
            raise OptionError(self.caller, option, reason)

        def optional_text(option):
            value = getattr(self, option)
            if value is not None and not isinstance(value, str):
                fail(option, f"must be a string, not {value!r}")
        optional_text("title")
        optional_text("focus")
        object.__setattr__(self, "as_of", day(self.caller, "as_of", self.as_of))
        for option in ("relation", "kind", "status"):
            try:
                values = listed(getattr(self, option), what=option)
            except TypeError as e:
                fail(option, str(e))
            object.__setattr__(self, option, None if values is None else tuple(values))
        if isinstance(self.depth, bool) or not isinstance(self.depth, int) or self.depth < 0:
            fail("depth", f"must be a whole number, 0 or more, not {self.depth!r}")
        for option in ("physics", "hide_isolated", "known"):
            value = getattr(self, option)
            if not isinstance(value, bool):
                fail(option, f"must be True or False, not {value!r}")
        if self.renderer is not None and self.renderer not in RENDERERS:
            fail("renderer", unknown("renderer", self.renderer, RENDERERS))
        if self.color_by is not None and self.color_by not in COLOR_BY:
            fail("color_by", unknown("colouring", self.color_by, COLOR_BY))
        if self.view not in VIEWS:
            fail("view", unknown("view", self.view, VIEWS))

    def check(self, tables) -> None:
        """Check the relation types, kinds, statuses and focus entity against the data the page shows."""
        check_selection(self.caller, tables, relation=self.relation, kind=self.kind, status=self.status,
                        focus=self.focus)


PAGE_OPTIONS = tuple(f.name for f in fields(PageOptions) if f.name != "caller")
_OPTIONS_DOC = inspect.getdoc(PageOptions).split("Parameters\n----------\n", 1)[1].split("\n\nExamples", 1)[0]


def public_name(func) -> str:
    """How messages name a public function: ``Dataset.show``, ``relgraph.show``."""
    return func.__qualname__ if "." in func.__qualname__ else f"relgraph.{func.__qualname__}"


def takes_page_options(func):
    """Give ``func(..., options, *, own keywords)`` the page's keyword options, checked, as its own.

    The wrapper's signature lists every option of :class:`PageOptions`
    explicitly (help, tab completion and ``inspect`` show them); an unknown
    keyword raises TypeError naming the function, the closest option and the
    valid ones, a wrong value :class:`~relgraph.choices.OptionError`. The
    docstring's ``{page_options}`` line becomes the options' descriptions.
    """
    sig = inspect.signature(func)
    params = list(sig.parameters.values())
    at = [p.name for p in params].index("options")
    own = [p for p in params[at + 1:]]
    caller = public_name(func)
    defaults = PageOptions()
    option_params = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=getattr(defaults, name))
                     for name in PAGE_OPTIONS]
    valid = [*PAGE_OPTIONS, *(p.name for p in own)]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        for name in kwargs:
            if name not in valid:
                raise TypeError(f"{caller}() got an unknown option {name!r}; "
                                + unknown("option", name, valid).split("; ", 1)[1])
        given = {k: kwargs.pop(k) for k in list(kwargs) if k in PAGE_OPTIONS}
        return func(*args, options=PageOptions(**given, caller=caller), **kwargs)

    wrapper.__signature__ = sig.replace(parameters=[*params[:at], *option_params, *own])
    if wrapper.__doc__:
        wrapper.__doc__ = wrapper.__doc__.replace(
            "{page_options}", _OPTIONS_DOC.replace("\n", "\n" + " " * 4 * (func.__qualname__.count(".") + 1)))
    return wrapper


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
    """YYYY-MM-DD of each day, "" where none: each distinct day formatted once (a million relations' dates
    are a few thousand days), in C (strftime goes value by value).

    Examples
    --------
    >>> _iso(pd.Series(pd.to_datetime(["2024-11-25", None, "2024-11-25", "1999-01-31"])))
    ['2024-11-25', '', '2024-11-25', '1999-01-31']
    """
    codes, distinct = pd.factorize(days.to_numpy(dtype="datetime64[D]"))  # NaT: code -1
    text = np.append(np.datetime_as_string(np.asarray(distinct, dtype="datetime64[D]"), unit="D"), "")
    return text.astype(object)[codes].tolist()


def _columns(frame: pd.DataFrame) -> dict[str, list]:
    """``frame.to_dict("list")``, column by column: 37 times faster (it boxes every cell on its own)."""
    return {c: frame[c].tolist() for c in frame.columns}


# The page's tables whose repeating columns travel dictionary-encoded (:func:`compact`).
COMPACT_TABLES = ("entities", "relations", "edges", "folds")


def compact(columns: dict[str, list]) -> dict[str, list | dict]:
    """``columns`` with each column whose values repeat, text or lists of text, dictionary-encoded as
    ``{"values": [...], "codes": "...", "bytes": n}``; other columns as they are.

    ``codes`` is row i's index into ``values`` for every row, as unsigned little-endian integers of
    ``bytes`` bytes (1, 2 or 4: the fewest that hold them) in base64. A million relations name a few
    dozen types, statuses and publishers and a few thousand dates: each is written once and a row
    costs a byte or two, so the page is smaller, parses faster and holds one string per value. The page
    expands them as it starts (``RG.expand`` in ``templates/js/util.js``). A column is encoded when it
    has at most half as many distinct values as rows; values are in order of first use.

    Examples
    --------
    >>> c = compact({"id": ["r1", "r2", "r3", "r4"], "type": ["ally", "ally", "rival", "ally"],
    ...              "sources": [["s1"], ["s1"], ["s1", "s2"], ["s1"]], "x": [1, 1, 1, 1]})
    >>> c["id"], c["x"]
    (['r1', 'r2', 'r3', 'r4'], [1, 1, 1, 1])
    >>> c["type"], c["sources"]["values"]
    ({'values': ['ally', 'rival'], 'codes': 'AAABAA==', 'bytes': 1}, [['s1'], ['s1', 's2']])
    >>> list(base64.b64decode(c["type"]["codes"]))
    [0, 0, 1, 0]
    """
    out = {}
    for name, values in columns.items():
        kind = pd.api.types.infer_dtype(values, skipna=False)  # "string": every value is a str
        lists = kind == "mixed" and set(map(type, values)) == {list}
        if kind == "string" or lists:
            cells = pd.Series(values, dtype=object).map(tuple).to_numpy() if lists else np.asarray(values, dtype=object)
            codes, distinct = pd.factorize(cells)
            if 2 * len(distinct) <= len(values):
                width = 1 if len(distinct) <= 2**8 else 2 if len(distinct) <= 2**16 else 4
                values = {"values": [list(v) for v in distinct] if lists else distinct.tolist(),
                          "codes": base64.b64encode(codes.astype(f"<u{width}").tobytes()).decode("ascii"),
                          "bytes": width}
        out[name] = values
    return out


def _curves(rel: pd.DataFrame) -> list:
    """Parallel relations of one pair fan out as curves on alternating sides.

    One number per relation, None where it is the only one of its pair (drawn
    straight): the curve's roundness, positive for vis-network's ``curvedCW``,
    negative for ``curvedCCW``.
    """
    src, tgt = rel["source"].to_numpy(object), rel["target"].to_numpy(object)
    swap = src > tgt
    # Each pair as one number (its ends' codes): grouping a million pairs of strings took seconds.
    ends = pd.factorize(np.concatenate([src, tgt]))[0].astype(np.int64)
    s, t = ends[:len(src)], ends[len(src):]
    pair = pd.factorize(np.where(swap, t, s) * (len(ends) + 1) + np.where(swap, s, t))[0]
    k = pd.Series(pair).groupby(pair).cumcount().to_numpy()
    m = np.bincount(pair)[pair] if len(pair) else pair
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


def fold(rel: pd.DataFrame, bounds: pd.DataFrame) -> dict[str, list]:
    """The folded view's lines: the relations of one pair and one type drawn as one line, with a count and
    the time range they cover.

    ``rel`` holds the relations with their type's ``directed`` column, ``bounds`` their day bounds
    (:func:`relgraph.asof.relation_bounds`). A directed type's pair is ordered (a to b and b to a are two
    lines), a mutual type's is not. Lines are numbered in order of their first relation; ``of`` gives each
    relation's line, and per line ``source``, ``target``, ``relation``, ``directed``, ``count``, ``first``
    (the earliest start) and ``last`` (the latest end, or start where a relation has no end), as
    YYYY-MM-DD ("" where none of its relations is dated).

    Examples
    --------
    >>> rel = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "b"], "relation": ["ally"] * 3,
    ...                     "directed": [False] * 3, "start": ["2020", "2021-05", ""], "end": ["", "2022", ""]})
    >>> f = fold(rel, relation_bounds(rel))
    >>> f["of"], f["count"], f["first"], f["last"]
    ([0, 0, 0], [3], ['2020-01-01'], ['2022-12-31'])
    """
    src, tgt = rel["source"].to_numpy(object), rel["target"].to_numpy(object)
    directed = rel["directed"].fillna(True).astype(bool).to_numpy()
    ordered = directed | (src <= tgt)
    pair = pd.DataFrame({"a": np.where(ordered, src, tgt), "b": np.where(ordered, tgt, src),
                         "type": rel["relation"].to_numpy(object)})
    of = pair.groupby(["a", "b", "type"], sort=False).ngroup().to_numpy()
    first_row = np.unique(of, return_index=True)[1]
    last = bounds["end_hi"].fillna(bounds["start_hi"])
    return {"of": of.tolist(), "source": pair["a"].to_numpy()[first_row].tolist(),
            "target": pair["b"].to_numpy()[first_row].tolist(), "relation": pair["type"].to_numpy()[first_row].tolist(),
            "directed": directed[first_row].tolist(), "count": np.bincount(of).tolist(),
            "first": _iso(bounds["start_lo"].groupby(of).min()), "last": _iso(last.groupby(of).max())}


def _sources(rel: pd.DataFrame, citations: pd.DataFrame, sources: pd.DataFrame) -> tuple[list, list]:
    """Per relation, its sources (its own ``source_id``, then its citations' in their order) and their
    publishers (sorted, without empty ones), as lists.

    Examples
    --------
    >>> rel = pd.DataFrame({"id": ["r1", "r2"], "source_id": ["s1", "s2"]})
    >>> cit = pd.DataFrame({"relation_id": ["r1"], "source_id": ["s2"]})
    >>> src = pd.DataFrame({"id": ["s1", "s2"], "publisher": ["Dawn", ""]})
    >>> _sources(rel, cit, src)
    ([['s1', 's2'], ['s2']], [['Dawn'], []])
    """
    publisher = dict(zip(sources["id"], sources["publisher"]))
    own = rel["source_id"].tolist()
    lists = [[s] for s in own]
    pubs = [[p] if (p := publisher.get(s, "")) else [] for s in own]
    # Most relations have one source: only those with citations need more than one list item.
    at = pd.Index(rel["id"]).get_indexer(citations["relation_id"])
    for i, s in zip(at.tolist(), citations["source_id"].tolist()):
        if i >= 0:
            lists[i].append(s)
    for i in np.unique(at[at >= 0]).tolist():
        pubs[i] = sorted({publisher.get(s, "") for s in lists[i]} - {""})
    return lists, pubs


def page_data(tables, options: PageOptions = PageOptions(), *, diff: pd.Series | None = None,
              old: dict | None = None, progress=None) -> dict:
    """Everything the page shows, as JSON-ready data.

    ``tables`` is what the page draws (a :class:`relgraph.Dataset`, already
    narrowed to the ego network when ``options.focus`` asks for one);
    ``options`` (:class:`PageOptions`) sets the controls it starts with.
    ``diff`` optionally gives, per relation id, one of added, removed,
    changed, unchanged: the page then colours by change instead of by type, and
    ``old`` maps a changed relation's id to its previous values
    (``{"end": "2024-05"}``), shown as "field: old -> new". ``progress``, if
    given, is called with the name of each step as it starts (see
    :mod:`relgraph.progress`).

    Tables reach the page as columns (``{"id": [...], "name": [...]}``);
    ``nodes`` holds the entities' positions, ``edges`` how relations are drawn.

    Examples
    --------
    >>> import relgraph
    >>> d = page_data(relgraph.load(), PageOptions(as_of="2024-11-25", relation="attack"))
    >>> d["initial"]["as_of"], d["initial"]["relations"]
    ('2024-11-25', ['attack'])
    """
    options.check(tables)
    step = progress or (lambda name: None)
    ent, rel_types = tables.entities, tables.relation_types
    rel = relations_with_types(tables.relations, rel_types)
    renderer = choose_renderer(len(rel), options.renderer)
    colours = style.type_colours(rel_types)
    step("layout")
    labels, sizes = style.labels(ent["name"])
    x, y = layout.positions(ent["id"], rel["source"], rel["target"], label_sizes=sizes)
    geography = _map(ent, sizes, renderer)
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
    b = relation_bounds(rel, entities=ent, sources=tables.sources, citations=tables.citations)
    for col in b.columns:  # the relation's dates, its parties' lifetimes, its record date
        relations[col] = _iso(b[col])
    relations["dating"] = np.where(rel["start"] == "", "undated", "dated")
    relations["sources"], relations["publishers"] = _sources(rel, tables.citations, tables.sources)
    type_counts = rel["relation"].value_counts()
    kind_counts = ent["kind"].value_counts()
    status_counts = rel["status"].value_counts()
    all_dates = pd.concat([b["start_lo"], b["end_lo"]]).dropna().drop_duplicates().sort_values()
    data = {
        "title": options.title or tables.name,
        "renderer": renderer,
        "physics": options.physics and renderer == "vis",
        "drawing": {"node": layout.NODE_SIZE, "size": style.LABEL_SIZE, "font": style.LABEL_FONT,
                    "line": style.LABEL_LINE, "gap": layout.LABEL_GAP, "clearance": layout.CLEARANCE,
                    "extent": layout.extent(x, y, sizes), "image": style.IMAGE, "shapes": style.SHAPE_POINTS,
                    "map": style.MAP},
        "nodes": {"x": x.tolist(), "y": y.tolist(), "label": labels},
        "edges": _edges(rel, edge_colours, dashes),
        "folds": fold(rel, b) if renderer == "webgl" and len(rel) > FOLD_MIN_RELATIONS else None,
        "entities": _columns(ent),
        "relations": _columns(relations),
        "sources": _columns(tables.sources),
        "citations": _columns(tables.citations),
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
        "initial": {"as_of": options.as_of, "relations": _list(options.relation), "kinds": _list(options.kind),
                    "statuses": _list(options.status), "focus": options.focus,
                    "hide_isolated": options.hide_isolated, "known": options.known,
                    "color_by": options.color_by,
                    "view": options.view if geography["available"] else "network"},
        "map": geography,
    }
    lines = len(data["folds"]["count"]) if data["folds"] else len(rel)
    data["drawing"]["thin"] = renderer == "webgl" and lines > THIN_MIN_LINES
    if options.color_by is not None:
        step("alignment")
        data["alignment"] = _alignment(tables, options.caller)
    data["filters"] = _filters(data, options)
    return data


def _alignment(tables, caller: str) -> dict:
    """Each entity's camp, community and centralities at every date where they may change, and over every
    relation (for "All dates"), as columns in the order of the entities; with the colours to draw them in.
    The page picks the last date on or before the one shown (``templates/js/alignment.js``)."""
    from . import signed  # only a page coloured by camp or community pays for the analysis

    ids = pd.Index(tables.entities["id"])

    def columns(result: dict) -> dict:
        a = result["actors"].set_index("id").reindex(ids)
        a["camp"] = a["camp"].fillna("")
        return {c: a[c].astype(object).where(a[c].notna(), None).tolist()
                for c in ("camp", "community", "degree", "betweenness", "eigenvector")}
    try:
        steps = signed.over_time(tables.relations, tables.relation_types, tables.entities, sources=tables.sources,
                                 citations=tables.citations, max_dates=ALIGNMENT_MAX_DATES)
    except ValueError as e:
        raise OptionError(caller, "color_by", f"{e} for a page; narrow the data first (Dataset.snapshot or "
                                              "filter, or focus on an entity)") from None
    return {"dates": [day for day, _ in steps], "at": [columns(r) for _, r in steps],
            "all": columns(signed.analyse(tables.relations, tables.relation_types, tables.entities)),
            "camp_colours": style.CAMP_COLOURS, "community_colours": style.COMMUNITY_COLOURS,
            "none": style.NO_GROUP_COLOUR}


def _map(ent: pd.DataFrame, sizes: list, renderer: str) -> dict:
    """The map view's layout (:func:`relgraph.geo.map_layout`), or why there is none."""
    if renderer == "webgl":
        return {"available": False, "reason": MAP_WEBGL}
    blank = pd.Series("", index=ent.index)
    codes = geo.places(ent.get("iso3", blank), ent.get("countries", blank))
    return geo.map_layout(ent["id"], ent["kind"], codes, sizes)


def map_warning(data: dict, options: PageOptions) -> None:
    """Warn (:class:`relgraph.geo.MapUnavailable`) when ``options`` ask for a map that ``data`` cannot show."""
    if options.view == "map" and not data["map"]["available"]:
        warnings.warn(geo.MapUnavailable(f"the map view is unavailable: {data['map']['reason']}; "
                                         "the network is shown instead"), stacklevel=3)


class EmptyView(UserWarning):
    """A page (or image) would open showing no relation: its options leave nothing to see."""


def start_view(tables, options: PageOptions = PageOptions()) -> tuple[np.ndarray, np.ndarray]:
    """What a page of ``tables`` shows when it opens with ``options``, as the page's script computes it
    (``templates/js/state.js``): a boolean mask over the entities and one over the relations.

    A relation shows if it has one of the types and statuses asked for, either end is of a kind asked
    for and, with ``as_of``, it is in force then (and, with ``known``, on record by then). Its ends show
    with it, and its claimant if of a kind asked for; with no date and ``hide_isolated`` off, so does
    every entity of a kind asked for. ``tables`` is what the page draws (the ego network for ``focus``).

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> ents, rels = start_view(ds, PageOptions(as_of="2024-11-25", relation="attack", kind="armed_group"))
    >>> sorted(set(ds.relations.relation[rels])), "russia" in set(ds.entities.id[ents])  # attacked by ISKP
    (['attack'], True)
    """
    ent, rel = tables.entities, tables.relations
    ids = pd.Index(ent["id"])
    src, tgt, claim = (ids.get_indexer(rel[c]) for c in ("source", "target", "claimed_by"))
    on = np.ones(len(ent), dtype=bool) if options.kind is None else ent["kind"].isin(options.kind).to_numpy()
    on_ = np.append(on, False)  # position -1, no such entity, is not of any kind
    keep = (src >= 0) & (tgt >= 0) & (on_[src] | on_[tgt])
    for option, column in (("relation", "relation"), ("status", "status")):
        if getattr(options, option) is not None:
            keep &= rel[column].isin(getattr(options, option)).to_numpy()
    if options.as_of is not None:
        b = relation_bounds(rel, entities=ent, sources=tables.sources, citations=tables.citations)
        keep &= in_force(rel, tables.relation_types, options.as_of, bounds_=b)
        if options.known:
            keep &= known_by(b, options.as_of)
    shown = np.zeros(len(ent), dtype=bool)
    shown[src[keep]] = shown[tgt[keep]] = True
    claimants = claim[keep]
    claimants = claimants[claimants >= 0]
    shown[claimants[on[claimants]]] = True
    if options.as_of is None and not options.hide_isolated:
        shown |= on
    return shown, keep


def empty_message(options: PageOptions) -> str:
    """Why a view opens with no relation shown, in words: which of its options leave nothing.

    Examples
    --------
    >>> empty_message(PageOptions(as_of="2024-11-25", relation=["attack", "sanctuary"], kind="state"))
    'no relation of type attack or sanctuary with an end of kind state is in force on 2024-11-25'
    """
    words = "no relation"
    for option, what in (("relation", "of type"), ("kind", "with an end of kind"), ("status", "of status")):
        if getattr(options, option) is not None:
            words += f" {what} {' or '.join(getattr(options, option)) or 'none'}"
    if options.focus is not None:
        words += f" near {options.focus}"
    if options.as_of is None:
        return words + " is in the data"
    return words + f" is in force on {options.as_of}" + (" and known then" if options.known else "")


def _filter(id: str, label: str, applies_to: str, column: str, items: list[dict], selected=None, *,
            ends: str = "both", hint: str = "") -> dict:
    """One filter of the legend: its checkboxes (``items``) hide the rows of ``applies_to`` ("entities" or
    "relations") whose ``column`` holds an unticked item's id; ``selected``, if given, lists the items ticked
    at the start. Each item is ``{"id", "label", "count"}`` (count: rows with that value), optionally with a
    ``description`` (its tooltip) and a swatch: ``color`` and ``dashes`` (a line), or ``color`` and ``shape``,
    and a ``group``: the legend heads each run of items of one group with its name. A filter of entities
    keeps the relations whose ``ends`` ("both" or "either") pass it; ``hint`` is a line the legend shows
    under the filter's name."""
    return {"id": id, "label": label, "applies_to": applies_to, "column": column, "selected": _list(selected),
            "items": items, "ends": ends, "hint": hint}


def _filters(data: dict, options: PageOptions) -> list[dict]:
    """The legend's filters, as data built from the page's other parts (see :func:`_filter`).

    Only values that occur are listed. In a diff view a "Changes" filter
    comes first and the relation types lose their colours (the colour says
    the change). With WebGL the legend shows only what sigma.js draws: dots
    for every kind, no dashes.
    """
    diff, webgl = data["diff_colours"], data["renderer"] == "webgl"
    filters = [
        _filter("types", "Relation types", "relations", "relation", [
            {"id": t["id"], "label": t["label"] + (" \u2192" if t["directed"] else " \u2194"), "count": t["count"],
             "description": t["description"], "color": "#bbb" if diff else t["color"],
             "group": style.FAMILIES.get(t["valence"], "neutral")}
            for t in sorted(data["types"], key=_by_family) if t["count"]], options.relation),
        _filter("kinds", "Entity kinds", "entities", "kind", [
            dict(kind, shape="dot") if webgl else dict(kind) for kind in data["kinds"]], options.kind, ends="either",
            hint=KIND_HINT),
        _filter("statuses", "Status", "relations", "status", [
            {"id": s["id"], "label": s["id"], "count": s["count"],
             **({} if webgl else {"color": "#555", "dashes": s["dashes"]})}
            for s in data["statuses"] if s["count"]], options.status, hint=WEBGL_STATUS_HINT if webgl else ""),
    ]
    ent = data["entities"]
    # A person is named with the role he speaks in: "Asif Durrani, former ... special representative".
    roles = ent.get("role", [""] * len(ent["id"]))
    names = {i: n + (", " + r if r else "") for i, n, r in zip(ent["id"], ent["name"], roles)}
    rel = data["relations"]
    # A relation has one dating and one claimant, but may have several sources and publishers:
    # it shows while any of them is ticked.
    dating = pd.Series(rel["dating"], dtype=object).value_counts()
    filters.append(_filter("dating", "Dates", "relations", "dating", [
        {"id": d, "label": {"dated": "dated", "undated": "date unknown"}[d], "count": int(dating[d])}
        for d in ("dated", "undated") if d in dating.index]))
    claimants = pd.Series(rel["claimed_by"], dtype=object).value_counts()
    if len(claimants.drop("", errors="ignore")):
        filters.append(_filter("claimants", "Claimed by", "relations", "claimed_by", [
            {"id": c, "label": names.get(c, c) if c else "(nobody: reported)", "count": int(n)}
            for c, n in sorted(claimants.items(), key=lambda kv: (kv[0] == "", names.get(kv[0], kv[0])))]))
    for id, label, column, title in (("sources", "Sources", "sources", dict(zip(data["sources"]["id"],
                                      data["sources"]["title"]))), ("publishers", "Publishers", "publishers", {})):
        counts = pd.Series([v for values in rel[column] for v in values], dtype=object).value_counts()
        if len(counts) > 1:
            filters.append(_filter(id, label, "relations", column, [
                {"id": v, "label": title.get(v, v), "count": int(n)} for v, n in sorted(counts.items())]))
    if diff:
        changes = pd.Series(data["relations"]["change"], dtype=object).value_counts()
        filters.insert(0, _filter("changes", "Changes", "relations", "change", [
            {"id": c, "label": c, "count": int(changes.get(c, 0)), "color": colour,
             "dashes": c == "removed" and not webgl}
            for c, colour in diff.items()]))
    return filters


def _by_family(t: dict) -> tuple:
    """Relation types in the legend: hostile, then cooperative, then neutral ones, each by label."""
    return ([-1, 1, 0].index(t["valence"]) if t["valence"] in (-1, 0, 1) else 3, t["label"])


def _list(values: tuple | None) -> list | None:
    return None if values is None else list(values)


def render_html(tables, options: PageOptions = PageOptions(), *, diff: pd.Series | None = None,
                old: dict | None = None, progress=None) -> str:
    """The page as one self-contained HTML string (no network requests); arguments as for :func:`page_data`.

    When the page would open showing none of the relations it holds (see :func:`start_view`), an
    :class:`EmptyView` warning says which options leave nothing (the command line prints it).

    Examples
    --------
    >>> import relgraph
    >>> page = render_html(relgraph.load(), PageOptions(title="<b>t</b>"))
    >>> "&lt;b&gt;t&lt;/b&gt;" in page and "<b>t</b>" not in page
    True
    """
    data = page_data(tables, options, diff=diff, old=old, progress=progress)
    map_warning(data, options)
    if len(tables.relations) and not start_view(tables, options)[1].any():
        warnings.warn(EmptyView(f"the page opens showing nothing: {empty_message(options)}"), stacklevel=2)
    (progress or (lambda name: None))("HTML")
    if data["renderer"] == "webgl":
        js, css = _sigma_js(), ""
    else:
        js, css = _vis_assets()
    encoded = [table for table in COMPACT_TABLES if data[table]]
    blob = dict(data, **{table: compact(data[table]) for table in encoded}, compact=encoded)
    return _env().get_template("page.html").render(data=blob, title=data["title"], vis_js=js, vis_css=css,
                                                   page_js=_page_js(), script_hashes=_script_hashes(js))


@lru_cache(maxsize=2)
def _script_hashes(library_js: str) -> str:
    """The CSP sources of the page's two scripts, by hash: no other inline script can run.

    The scripts do not depend on the data (that travels in a JSON element, which is
    not run), so each renderer's page has the same two hashes.
    """
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(js.encode('utf-8')).digest()).decode()}'"
                    for js in (library_js, _page_js()))
