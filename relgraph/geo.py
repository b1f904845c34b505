"""The map view's geography: where each entity stands on a map of the countries in the data.

The outlines are Natural Earth's 1:110m Admin 0 countries (public domain), vendored as
``templates/vendor/natural-earth-110m-countries.json`` from the npm package world-atlas 2.0.2
(see ``templates/vendor/README.md``). Everything is computed here, once, in map units (pixels at
zoom 1, y down, as the page's network positions): the page, its images and ``relgraph render -o
x.svg --view map`` draw the same numbers, and the same data gives the same bytes.

- **Where.** A state stands at a representative point of its territory (its ``iso3``): the point
  of its largest polygon farthest from the border (a "pole of inaccessibility", found on a grid),
  so that it is inside the country even when the country is not convex. Any other entity stands
  in the first country of its ``countries`` column (ISO 3166-1 alpha-3 codes where it is based or
  operates, separated by ``|``; all are named in its details). Several entities in one country
  are set around its point on a sunflower spiral, then moved apart until no symbol or label
  overlaps another (:func:`relgraph.layout.separate`); states stay on their point.
- **Far away.** The map is fitted to where the data is. The data's centre is its medoid (the
  country whose great-circle distances to the entities' countries add up least); an entity more
  than :data:`FAR_KM` from it (the United States in the bundled data, seen from Central Asia)
  is drawn in a labelled margin beside the map, "Far from the region", rather than stretching
  the map over half the globe. Entities with no place (or a code not on the 1:110m map) go to
  the same margin, under "No place given". Relations to them are drawn as any other.
- **Projection.** Albers equal-area conic, with standard parallels at one sixth and five sixths
  of the latitudes of the data and its central meridian at their middle: north is up along the
  central meridian, meridians are straight and converge on the pole, and areas are true, so
  that Russia does not dwarf its neighbours as on Mercator (the usual choice for a region of
  Asia's mid-latitudes). Near the equator, where a cone degenerates, the cylindrical equal-area
  projection is used instead.
- **Frame.** The box of the entities' points, padded by a fifth of its size (at least
  :data:`MIN_SPAN_KM` across, and at least :data:`ASPECT` times as wide as high, as a screen), scaled to
  :data:`WIDTH` map units; outlines are clipped to it.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import layout

_COUNTRIES_FILE = Path(__file__).parent / "templates" / "vendor" / "natural-earth-110m-countries.json"
EARTH_KM = 6371.0
FAR_KM = 6000  # beyond this from the data's centre an entity goes to the margin: Kabul-Moscow is 3,000 km
MIN_SPAN_KM = 1500  # the frame is at least this wide and high: one country's data still shows its neighbours
DEEP = 4.0  # degrees: a larger country's state stands this deep inside it, as near the data's centre as it can
WIDTH = 1200  # map units across the frame's longer side: at a screen's width, labels stay readable
PAD = 0.2  # the frame extends this share of the points' box beyond it on each side
ASPECT = 4 / 3  # the frame is at least this wide for its height (screens are wider than high)
SPIRAL = 34  # map units between neighbours on the spiral around a country's point
MARGIN_GAP = 40  # map units between the frame and the margin's column
MARGIN_HEADING = 30  # room for a margin group's heading
MAP_UNAVAILABLE = "no entity has an iso3 code or a countries column naming a country of the map"
GROUPS = {"far": "Far from the region", "none": "No place given"}


class MapUnavailable(UserWarning):
    """A map view was asked for, but no entity can be placed on a map: the page opens in network mode."""


@lru_cache(maxsize=1)
def countries() -> dict:
    """Natural Earth's countries by ISO 3166-1 alpha-3: ``{"AFG": (name, [polygon, ...])}``, each polygon a
    list of rings, each ring an ``(n, 2)`` array of longitude, latitude in degrees.

    Examples
    --------
    >>> name, polygons = countries()["AFG"]
    >>> name, len(polygons), polygons[0][0].shape[1]
    ('Afghanistan', 1, 2)
    """
    return {iso3: (c["name"], [[np.asarray(r, dtype=float).reshape(-1, 2) / 100 for r in p] for p in c["polygons"]])
            for iso3, c in _raw().items()}


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(_COUNTRIES_FILE.read_text(encoding="utf-8"))["countries"]


@lru_cache(maxsize=1)
def _rings() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every ring of every country as one array of points, where each ring starts, and whose it is."""
    rings = [(iso3, ring) for iso3, (_, polygons) in countries().items() for polygon in polygons for ring in polygon]
    starts = np.cumsum([0] + [len(r) for _, r in rings[:-1]])
    return np.concatenate([r for _, r in rings]), starts, [iso3 for iso3, _ in rings]


@lru_cache(maxsize=1)
def _cores() -> dict:
    return {iso3: np.asarray(c["core"], dtype=float).reshape(-1, 2) / 100
            for iso3, c in _raw().items() if c.get("core")}


@lru_cache(maxsize=1)
def _points() -> dict:
    return {iso3: tuple(c["point"]) for iso3, c in _raw().items()}


def _ring_area(xy: np.ndarray) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def _inside_distance(ring: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Per point, its distance to the ring's border: positive inside, negative outside."""
    a, b = ring, np.roll(ring, -1, axis=0)
    px, py = pts[:, 0:1], pts[:, 1:2]
    crosses = ((a[:, 1] > py) != (b[:, 1] > py)) & (
        px < (b[:, 0] - a[:, 0]) * (py - a[:, 1]) / np.where(b[:, 1] == a[:, 1], 1e-12, b[:, 1] - a[:, 1]) + a[:, 0])
    inside = crosses.sum(axis=1) % 2 == 1
    d = b - a
    t = np.clip(((px - a[:, 0]) * d[:, 0] + (py - a[:, 1]) * d[:, 1]) / np.maximum((d ** 2).sum(axis=1), 1e-12), 0, 1)
    dist = np.hypot(px - (a[:, 0] + t * d[:, 0]), py - (a[:, 1] + t * d[:, 1])).min(axis=1)
    return np.where(inside, dist, -dist)


def _largest(polygons: list[list[np.ndarray]]) -> tuple[np.ndarray, float]:
    """The outer ring of the largest polygon, longitudes scaled by the cosine of its middle latitude; that cosine."""
    rings = [p[0] for p in polygons]
    mid = [math.cos(math.radians((r[:, 1].min() + r[:, 1].max()) / 2)) for r in rings]
    k = int(np.argmax([_ring_area(r * [c, 1]) for r, c in zip(rings, mid)]))
    return rings[k] * [mid[k], 1], mid[k]


def pole(polygons: list[list[np.ndarray]]) -> tuple[float, float, float]:
    """Longitude, latitude and depth of the point farthest inside a country given as polygons (see
    :func:`countries`): of its largest polygon, the point farthest from its border, found on a grid refined
    six times, in degrees with longitudes scaled by the cosine of the polygon's middle latitude; the depth
    is that distance. The vendored file holds each country's (its ``point``), computed by this function
    when the file was made.

    Examples
    --------
    >>> square = [[np.array([[0, -5], [10, -5], [10, 5], [0, 5]], dtype=float)]]
    >>> pole(square)
    (5.0, 0.0, 5.0)
    """
    ring, cos = _largest(polygons)
    lo, hi = ring.min(axis=0), ring.max(axis=0)
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 13), np.linspace(-1, 1, 13)), axis=-1).reshape(-1, 2)
    for _ in range(6):
        pts = centre + grid * half
        depth = _inside_distance(ring, pts)
        centre = pts[int(np.argmax(depth))]
        half = half / 3
    return round(float(centre[0] / cos), 2), round(float(centre[1]), 2), round(float(depth.max()), 2)


def core(polygons: list[list[np.ndarray]]) -> list[tuple[float, float]]:
    """The points of a grid over a country's largest polygon that lie at least :data:`DEEP` degrees inside it
    (measured as in :func:`pole`): where a large country's state may stand. The vendored file holds each
    deeper country's (its ``core``), computed by this function when the file was made.

    Examples
    --------
    >>> square = [[np.array([[0, -10], [20, -10], [20, 10], [0, 10]], dtype=float)]]
    >>> pts = core(square)
    >>> len(pts) > 10 and all(4 <= lon <= 16 and -6 <= lat <= 6 for lon, lat in pts)
    True
    """
    ring, cos = _largest(polygons)
    lo, hi = ring.min(axis=0), ring.max(axis=0)
    pts = np.stack(np.meshgrid(np.linspace(lo[0], hi[0], 40), np.linspace(lo[1], hi[1], 30)), axis=-1).reshape(-1, 2)
    deep = pts[_inside_distance(ring, pts) >= DEEP]
    return [(round(float(x / cos), 2), round(float(y), 2)) for x, y in deep]


def representative_point(iso3: str, toward: tuple[float, float] | None = None) -> tuple[float, float]:
    """Longitude and latitude of the point a country's state stands on: its :func:`pole` (as vendored); for a
    country deeper than :data:`DEEP` degrees and a point ``toward`` (longitude, latitude), the point of its
    :func:`core` nearest it, so that Russia stands by Central Asia, not in Siberia, on a map of Central Asia.

    Examples
    --------
    >>> lon, lat = representative_point("KAZ")
    >>> 60 < lon < 75 and 44 < lat < 52
    True
    >>> representative_point("RUS")[0] > 100, representative_point("RUS", toward=(66.6, 34.1))[0] < 80
    (True, True)
    """
    lon, lat, _ = _points()[iso3]
    deep = _cores().get(iso3)
    if toward is None or deep is None:
        return lon, lat
    k = int(np.argmin(_great_circle_km(deep[:, 0], deep[:, 1], toward[0], toward[1])))
    return float(deep[k, 0]), float(deep[k, 1])


def _great_circle_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = (np.radians(v) for v in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _wrap(degrees):
    return (np.asarray(degrees, dtype=float) + 180) % 360 - 180


class Projection:
    """Albers equal-area conic fitted to some points (see the module's docstring), on a unit sphere.

    Examples
    --------
    >>> p = Projection(np.array([60.0, 80.0]), np.array([30.0, 50.0]))
    >>> p.name
    'Albers equal-area conic, standard parallels 33.3° and 46.7°, central meridian 70°'
    >>> x, y = p(np.array([70.0, 70.0]), np.array([30.0, 50.0]))
    >>> float(x[0]), bool(y[1] > y[0])  # on the central meridian; north is up (y grows northwards)
    (0.0, True)
    """

    def __init__(self, lon: np.ndarray, lat: np.ndarray):
        ref = float(lon[0])
        offsets = _wrap(lon - ref)
        self.lon0 = float(_wrap(ref + (offsets.min() + offsets.max()) / 2))
        lo, hi = float(lat.min()), float(lat.max())
        self.lat1, self.lat2 = lo + (hi - lo) / 6, hi - (hi - lo) / 6
        if hi - lo < 6:  # a cone through nearly one parallel: keep its two standard parallels apart
            self.lat1, self.lat2 = (lo + hi) / 2 - 3, (lo + hi) / 2 + 3
        self.lat0 = (lo + hi) / 2
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        self.n = (math.sin(p1) + math.sin(p2)) / 2
        self.conic = abs(self.n) > 0.05
        if self.conic:
            self.c = math.cos(p1) ** 2 + 2 * self.n * math.sin(p1)
            self.rho0 = math.sqrt(self.c - 2 * self.n * math.sin(math.radians(self.lat0))) / self.n
            self.name = (f"Albers equal-area conic, standard parallels {_deg(self.lat1)} and {_deg(self.lat2)}, "
                         f"central meridian {_deg(self.lon0)}")
        else:
            self.cos_s = math.cos(math.radians(self.lat0))
            self.name = (f"cylindrical equal-area, standard parallel {_deg(self.lat0)}, "
                         f"central meridian {_deg(self.lon0)}")

    def __call__(self, lon, lat):
        """x (east) and y (north) of longitudes and latitudes in degrees."""
        lam = np.radians(_wrap(np.asarray(lon, dtype=float) - self.lon0))
        phi = np.radians(np.asarray(lat, dtype=float))
        if not self.conic:
            return lam * self.cos_s, np.sin(phi) / self.cos_s
        rho = np.sqrt(np.maximum(self.c - 2 * self.n * np.sin(phi), 0)) / self.n
        theta = self.n * lam
        return rho * np.sin(theta), self.rho0 - rho * np.cos(theta)


def _deg(v: float) -> str:
    return f"{round(v, 1):g}°"


def _clip(ring: np.ndarray, box) -> np.ndarray:
    """Sutherland-Hodgman: the part of a closed ring inside the box (left, top, right, bottom)."""
    pts = ring
    for axis, bound, keep_below in ((0, box[0], False), (1, box[1], False), (0, box[2], True), (1, box[3], True)):
        if len(pts) == 0:
            break
        inside = pts[:, axis] <= bound if keep_below else pts[:, axis] >= bound
        prev, prev_in = np.roll(pts, 1, axis=0), np.roll(inside, 1)
        # Each point in turn: where its edge from the previous one crosses the bound, then itself if inside.
        crosses = inside != prev_in
        step = np.where(crosses, pts[:, axis] - prev[:, axis], 1.0)
        cut = prev + ((bound - prev[:, axis]) / step)[:, None] * (pts - prev)
        pts = np.stack([cut, pts], axis=1)[np.column_stack([crosses, inside])]
    return pts


def _path(rings: list[np.ndarray]) -> str:
    """An SVG path of integer points, consecutive repeats dropped."""
    parts = []
    for ring in rings:
        r = np.rint(ring).astype(np.int64)
        r = r[np.r_[True, (np.diff(r, axis=0) != 0).any(axis=1)]]
        if len(r) >= 3:
            parts.append("M" + "L".join(f"{x} {y}" for x, y in r.tolist()) + "Z")
    return "".join(parts)


def places(iso3, countries_column) -> list[list[str]]:
    """Each entity's countries: its ``iso3`` if it has one, else its ``countries`` codes, first where it is drawn.

    Examples
    --------
    >>> places(["PAK", ""], ["", "PAK|AFG"])
    [['PAK'], ['PAK', 'AFG']]
    """
    return [[code] if code else [c for c in (more or "").split("|") if c]
            for code, more in zip(iso3, countries_column)]


def map_layout(entity_ids, kinds, codes: list[list[str]], label_sizes) -> dict:
    """Where each entity stands on the map view, the outlines to draw, and the frame: JSON-ready.

    ``codes`` is each entity's countries (:func:`places`), ``label_sizes`` its label's width and height.
    Without any entity on the map: ``{"available": False, "reason": ...}``. Otherwise ``x``, ``y``
    (integers, map units), ``group`` per entity ("map", "far" or "none"), ``outlines`` (``iso3``,
    ``name``, ``d`` an SVG path, ``data`` whether an entity of the data is in it), ``labels`` (names of
    the other countries, where there is room), ``margin`` (its groups: label and box), ``frame``,
    ``extent`` (what fitting shows), ``names`` (the countries' names by code) and ``projection``.

    Examples
    --------
    >>> m = map_layout(["kaz", "pak", "x"], ["state"] * 3, [["KAZ"], ["PAK"], []], [(60, 14)] * 3)
    >>> m["group"], m["y"][0] < m["y"][1]  # Kazakhstan north of Pakistan; x has no place
    (['map', 'map', 'none'], True)
    """
    world = countries()
    n = len(codes)
    first = [c[0] if c and c[0] in world else "" for c in codes]
    on_map = np.array([bool(c) for c in first], dtype=bool)
    if not on_map.any():
        return {"available": False, "reason": MAP_UNAVAILABLE}
    used = sorted({c for c in first if c})
    poles = np.array([representative_point(c) for c in used])
    counts = Counter(first)
    weight = np.array([counts[c] for c in used])
    dist = _great_circle_km(poles[:, None, 0], poles[:, None, 1], poles[None, :, 0], poles[None, :, 1])
    centre = int(np.argmin(dist @ weight))
    point = {c: representative_point(c, toward=tuple(poles[centre])) for c in used}
    lon = np.array([point[c][0] for c in used])
    lat = np.array([point[c][1] for c in used])
    near_country = _great_circle_km(lon, lat, lon[centre], lat[centre]) <= FAR_KM
    near = {c for c, ok in zip(used, near_country) if ok}
    proj = Projection(np.r_[lon[centre], lon[near_country]], np.r_[lat[centre], lat[near_country]])
    px, py = proj(lon[near_country], lat[near_country])
    # The frame in projection units (y north), padded, at least MIN_SPAN_KM across.
    lo = np.array([px.min(), py.min()])
    hi = np.array([px.max(), py.max()])
    span = np.maximum((hi - lo) * (1 + 2 * PAD), MIN_SPAN_KM / EARTH_KM)
    span[0] = max(span[0], span[1] * ASPECT)
    mid = (lo + hi) / 2
    scale = WIDTH / span.max()
    frame_w, frame_h = span * scale

    def to_map(x, y):  # projection units to map units: origin at the frame's top left, y down
        return (np.asarray(x) - mid[0]) * scale + frame_w / 2, (mid[1] - np.asarray(y)) * scale + frame_h / 2

    frame = (0.0, 0.0, float(frame_w), float(frame_h))
    anchor = {c: to_map(*proj(*point[c])) for c in near}
    group = np.array(["map" if c in near else "far" if c else "none" for c in first], dtype=object)
    x, y = np.zeros(n), np.zeros(n)
    # Around each country's point: its state on it, the others on a spiral, in id order.
    ids = np.asarray(entity_ids, dtype=object)
    is_state = np.asarray(kinds, dtype=object) == "state"
    placed = np.flatnonzero(group == "map")
    order = pd.DataFrame({"c": np.asarray(first, dtype=object)[placed], "s": ~is_state[placed], "id": ids[placed],
                          "i": placed}).sort_values(["c", "s", "id"])
    k = order.groupby("c", sort=False).cumcount().to_numpy()
    at = order["i"].to_numpy()
    pinned = np.zeros(n, dtype=bool)
    pinned[at] = (k == 0) & is_state[at]
    ax = np.array([anchor[c][0] for c in order["c"]], dtype=float).reshape(-1)
    ay = np.array([anchor[c][1] for c in order["c"]], dtype=float).reshape(-1)
    x[at] = ax + SPIRAL * np.sqrt(k) * np.sin(k * 2.399963)
    y[at] = ay + SPIRAL * np.sqrt(k) * np.cos(k * 2.399963)
    boxes = layout.label_boxes(label_sizes)
    if 1 < len(placed) <= layout.SEPARATE_MAX:
        x[placed], y[placed] = layout.separate(x[placed], y[placed], boxes[placed], pinned=pinned[placed], rounds=100)
        # Where free entities are hemmed in by pinned ones, the states give way too (a little).
        x[placed], y[placed] = layout.separate(x[placed], y[placed], boxes[placed])
    # The margin: a column right of the frame, a labelled group for each kind of absence, in id order.
    margin = []
    out = np.flatnonzero(group != "map")
    column_x = frame[2] + MARGIN_GAP + (boxes[out, 2].max() if len(out) else layout.NODE_SIZE)
    top = 0.0
    for g, label in GROUPS.items():
        members = out[group[out] == g]
        if not len(members):
            continue
        members = members[np.argsort(ids[members], kind="stable")]
        heights = boxes[members, 3] - boxes[members, 1]
        x[members] = column_x
        y[members] = top + MARGIN_HEADING + np.cumsum(heights) - heights - boxes[members, 1]
        bottom = top + MARGIN_HEADING + heights.sum()
        margin.append({"id": g, "label": label, "left": int(frame[2] + MARGIN_GAP / 2), "top": int(top),
                       "right": int(np.ceil(column_x + boxes[members, 2].max())), "bottom": int(np.ceil(bottom))})
        top = bottom + MARGIN_GAP / 2
    x, y = np.rint(x).astype(np.int64), np.rint(y).astype(np.int64)
    # Outlines: every country with a point in the frame, clipped to it. Rings across the far side of the
    # globe (longitudes jumping by more than half a turn from the central meridian) are left out.
    data_countries = {c for cs in codes for c in cs}
    points, starts, owner = _rings()
    mx, my = to_map(*proj(points[:, 0], points[:, 1]))
    lam = _wrap(points[:, 0] - proj.lon0)
    jump = np.r_[np.abs(np.diff(lam)) > 180, False]
    ends = np.r_[starts[1:], len(points)]
    jump[ends - 1] = False  # the step from one ring to the next is no jump
    bad = np.add.reduceat(jump, starts) > 0
    lo_x, hi_x = np.minimum.reduceat(mx, starts), np.maximum.reduceat(mx, starts)
    lo_y, hi_y = np.minimum.reduceat(my, starts), np.maximum.reduceat(my, starts)
    hit = ~bad & (hi_x > frame[0]) & (lo_x < frame[2]) & (hi_y > frame[1]) & (lo_y < frame[3])
    within = (lo_x >= frame[0]) & (hi_x <= frame[2]) & (lo_y >= frame[1]) & (hi_y <= frame[3])
    rings: dict[str, list] = {}
    for k in np.flatnonzero(hit):
        ring = np.column_stack([mx[starts[k]:ends[k]], my[starts[k]:ends[k]]])
        ring = ring if within[k] else _clip(ring, frame)
        if len(ring) >= 3:
            rings.setdefault(owner[k], []).append(ring)
    outlines, labels = [], []
    for iso3 in sorted(rings):
        d = _path(rings[iso3])
        if not d:
            continue
        name = world[iso3][0]
        outlines.append({"iso3": iso3, "name": name, "d": d, "data": iso3 in data_countries})
        if iso3 not in data_countries:
            lx, ly = to_map(*proj(*representative_point(iso3, toward=tuple(poles[centre]))))
            clear = np.hypot(x[placed] - lx, y[placed] - ly).min() > 80 if len(placed) else True
            if clear and 40 < lx < frame[2] - 40 and 20 < ly < frame[3] - 20:
                labels.append({"name": name, "x": int(round(float(lx))), "y": int(round(float(ly)))})
    extent = {"left": int(min(0, (x + boxes[:, 0]).min())), "top": int(min(0, (y + boxes[:, 1]).min())),
              "right": int(np.ceil(max(frame[2], *(m["right"] for m in margin), (x + boxes[:, 2]).max()))),
              "bottom": int(np.ceil(max(frame[3], *(m["bottom"] for m in margin), (y + boxes[:, 3]).max())))}
    return {"available": True, "reason": "", "x": x.tolist(), "y": y.tolist(), "group": group.tolist(),
            "outlines": outlines, "labels": labels, "margin": margin,
            "frame": {"left": 0, "top": 0, "right": int(round(frame[2])), "bottom": int(round(frame[3]))},
            "extent": extent, "names": {c: world[c][0] for c in sorted(data_countries) if c in world},
            "projection": proj.name}
