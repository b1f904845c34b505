"""Make natural-earth-110m-countries.json from world-atlas 2.0.2's countries-110m.json (see README.md).

Run once by hand when the vendored file is remade, not by relgraph:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    pip download pycountry==26.2.16 --no-deps   # ISO 3166 numeric -> alpha-3, at build time only
    PYTHONPATH=pycountry-wheel:../../.. python world-atlas-trim.py package/countries-110m.json \
        > natural-earth-110m-countries.json

The TopoJSON is decoded (delta-encoded, quantized arcs) into one list of polygons per country, each a
list of rings, each ring a flat list of longitude, latitude in hundredths of a degree (integers), keyed
by ISO 3166-1 alpha-3. Natural Earth features with no ISO code (N. Cyprus, Somaliland) are left out;
Kosovo gets XKX, the code in common use. Each country's ``point``, where the map view draws its state,
and for a large one its ``core``, are computed here once by relgraph.geo.pole and core (a test checks).
"""
import json
import sys

import numpy as np

from relgraph.geo import DEEP, core, pole

EXTRA = {"Kosovo": "XKX"}


def main(path):
    import pycountry  # here: only this script needs it, and only when the file is remade
    topo = json.load(open(path, encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        out = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        flat = []
        for lon, lat in out:
            p = [round(lon * 100), round(lat * 100)]
            if flat[-2:] != p:  # rounding joins near points: keep one
                flat += p
        return flat

    countries = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        if "id" in g:
            iso3 = pycountry.countries.get(numeric=g["id"]).alpha_3
        elif name in EXTRA:
            iso3 = EXTRA[name]
        else:
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = [[ring(r) for r in p] for p in polygons]
        degrees = [[np.asarray(r, dtype=float).reshape(-1, 2) / 100 for r in p] for p in rings]
        point = pole(degrees)
        countries[iso3] = {"name": name, "point": list(point), "polygons": rings}
        if point[2] > DEEP:  # where a large country's state may stand: the points DEEP inside it
            countries[iso3]["core"] = [round(v * 100) for p in core(degrees) for v in p]
    about = ("Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), version 4.1.0, "
             "from the npm package world-atlas 2.0.2 (ISC, world-atlas-LICENSE.txt); "
             "coordinates: longitude, latitude in hundredths of a degree")
    json.dump({"about": about, "countries": dict(sorted(countries.items()))}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
