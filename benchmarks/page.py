"""How fast the interactive page opens and filters, against vis-network's own floor.

Run it from the repository root (needs Debian's chromium and PyPI's playwright)::

    /work/venv/bin/python benchmarks/page.py                      # 10,000 entities, 30,000 relations
    /work/venv/bin/python benchmarks/page.py --entities 2000 --relations 6000 --repeat 5
    /work/venv/bin/python benchmarks/page.py --renderer webgl          # sigma.js, as above 20,000 relations

It generates a valid synthetic dataset (``generate.py``), renders it, opens
the page in headless Chromium and measures, in the page's own clock:

* first draw: from navigation start until the first frame is drawn (vis-network's
  first ``afterDrawing``; sigma.js draws its first frame as it is created);
* filter: unticking (then ticking) the most common relation type's checkbox,
  until the redraw that follows has finished;
* as-of: setting the date field to the middle date, then back to all dates.

The floor is vis-network alone in the same browser: a page with the same
vis-network build, the same nodes and edges with positions, physics off, and
none of our controls; its "filter" hides the same edges with one
``DataSet.update``. Ratios are ours / floor. Figures are medians of
``--repeat`` runs of each step; a step ends at the animation frame after
its redraw, so a synchronous (WebGL) draw is not timed before it is shown.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

import relgraph
from relgraph.page import PageOptions, _vis_assets, page_data

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

FLOOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style>
<style>html,body,#graph{{margin:0;height:100%}}</style></head><body><div id="graph"></div>
<script id="data" type="application/json">{data}</script><script>{js}</script><script>
var D = JSON.parse(document.getElementById("data").textContent);
var nodes = new vis.DataSet(D.nodes), edges = new vis.DataSet(D.edges), timings = {{}};
var network = new vis.Network(document.getElementById("graph"), {{nodes: nodes, edges: edges}},
                              {{physics: {{enabled: false}}, edges: {{smooth: false}}}});
network.once("afterDrawing", function () {{ timings.firstDraw = performance.now(); }});
// The same hook as our page's window.relgraph.api, as far as the measures need it.
window.floor = {{api: {{afterDraw: function (f) {{ network.once("afterDrawing", f); }}, timings: timings}},
                edges: edges}};
</script></body></html>"""


def _ms(values) -> float:
    return round(statistics.median(values), 1)


def _after_draw(page, handle: str, action: str) -> float:
    """Milliseconds from running ``action`` in the page until the frame after its redraw."""
    return page.evaluate(f"""() => new Promise(resolve => {{
        const t0 = performance.now();
        {handle}.api.afterDraw(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        {action};
    }})""")


def vis_items(data: dict) -> tuple[list, list]:
    """The vis-network nodes and edges our page draws, with positions, built from its columnar data."""
    ent, rel, look = data["entities"], data["relations"], data["edges"]
    kinds = {k["id"]: k for k in data["kinds"]}
    nodes = [{"id": i, "label": name, "x": x, "y": y, "shape": kinds[k]["shape"], "color": kinds[k]["color"]}
             for i, name, k, x, y in zip(ent["id"], ent["name"], ent["kind"], data["nodes"]["x"], data["nodes"]["y"])]
    edges = []
    for i, s, t, directed, colour, dashes, curve in zip(rel["id"], rel["source"], rel["target"], rel["directed"],
                                                        look["color"], look["dashes"], look["curve"]):
        e = {"id": i, "from": s, "to": t, "color": colour}
        smooth = None if curve is None else {"type": "curvedCW" if curve > 0 else "curvedCCW", "roundness": abs(curve)}
        e.update({k: v for k, v in (("arrows", "to" if directed else None), ("dashes", dashes), ("smooth", smooth))
                  if v is not None})
        edges.append(e)
    return nodes, edges


def measure(n_entities: int, n_relations: int, repeat: int, *, renderer: str | None = None,
            data_dir: Path | None = None, floor: bool = True,
            quiet: bool = False) -> list[tuple[str, float, float | None]]:
    """Rows of (step, ours in ms, floor in ms or None); ``data_dir`` reuses a generated dataset."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="relgraph-bench-") as tmp_name:
        tmp = Path(tmp_name)
        t = time.perf_counter()
        ds = relgraph.load(data_dir or generate(n_relations, tmp, n_entities))
        built = time.perf_counter() - t
        t = time.perf_counter()
        ours = ds.write_html(tmp / "page.html", renderer=renderer)
        rendered = time.perf_counter() - t
        data = page_data(ds, PageOptions(renderer=renderer))
        floor_page = tmp / "floor.html"
        if floor:
            js, css = _vis_assets()
            nodes, edges = vis_items(data)
            floor_page.write_text(FLOOR_PAGE.format(css=css, js=js, data=json.dumps(
                {"nodes": nodes, "edges": edges}).replace("</", "<\\/")), encoding="utf-8")
        common = ds.relations["relation"].value_counts().index[0]
        hide = json.dumps(ds.relations.loc[ds.relations["relation"] == common, "id"].tolist())
        middle = data["dates"][len(data["dates"]) // 2]

        rows = {"first draw": ([], []), "filter: hide a type": ([], []), "filter: show it again": ([], []),
                "as-of: set a date": ([], []), "as-of: all dates": ([], [])}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            for _ in range(repeat):
                pages = (("ours", ours, "window.relgraph"), ("floor", floor_page, "window.floor"))
                for which, path, handle in pages[:2 if floor else 1]:
                    page = browser.new_page(viewport={"width": 1400, "height": 850})
                    page.goto(path.resolve().as_uri())
                    page.wait_for_function(f"() => {handle} && {handle}.api.timings.firstDraw", timeout=120_000)
                    col = 0 if which == "ours" else 1
                    rows["first draw"][col].append(page.evaluate(f"{handle}.api.timings.firstDraw"))
                    if which == "ours":
                        box = f'document.querySelector(\'#filter-types input[value="{common}"]\').click()'
                        rows["filter: hide a type"][0].append(_after_draw(page, handle, box))
                        rows["filter: show it again"][0].append(_after_draw(page, handle, box))
                        field = ("const f = document.getElementById('as-of'); f.value = '{}'; "
                                 "f.dispatchEvent(new Event('change'))")
                        rows["as-of: set a date"][0].append(_after_draw(page, handle, field.format(middle)))
                        rows["as-of: all dates"][0].append(
                            _after_draw(page, handle, "document.getElementById('all-dates').click()"))
                    else:
                        update = f"{handle}.edges.update({hide}.map(id => ({{id: id, hidden: %s}})))"
                        rows["filter: hide a type"][1].append(_after_draw(page, handle, update % "true"))
                        rows["filter: show it again"][1].append(_after_draw(page, handle, update % "false"))
                    page.close()
            browser.close()
        if not quiet:
            print(f"{len(ds.entities)} entities, {len(ds.relations)} relations ({common}: {hide.count(',') + 1} "
                  f"relations), drawn with {data['renderer']}; dataset generated and loaded in {built:.1f} s, page "
                  f"rendered in {rendered:.1f} s ({ours.stat().st_size / 1e6:.1f} MB); median of {repeat}")
        return [(step, _ms(o), _ms(f) if f else None) for step, (o, f) in rows.items()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--relations", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--renderer", choices=["vis", "webgl"], default=None, help="default: by size, as render")
    args = parser.parse_args(argv)
    if shutil.which("chromium") is None:
        print("chromium not found: install Debian's chromium", file=sys.stderr)
        return 2
    rows = measure(args.entities, args.relations, args.repeat, renderer=args.renderer)
    print(f"{'step':<24}{'ours ms':>10}{'floor ms':>10}{'ratio':>8}")
    for step, ours, floor in rows:
        ratio = f"{ours / floor:.2f}" if floor else "-"
        print(f"{step:<24}{ours:>10.1f}{floor if floor is not None else '-':>10}{ratio:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
