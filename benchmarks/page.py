"""How fast the interactive page shows its pixels and redraws after a change, in headless Chromium.

Run it from the repository root (needs Debian's chromium and PyPI's playwright)::

    python benchmarks/page.py                      # 10,000 entities, 30,000 relations: as drawn and vis forced
    python benchmarks/page.py --entities 2000 --relations 6000 --repeat 5
    python benchmarks/page.py --relations 100000 --peers   # and the peers' pages until a stable drawing

It generates a valid synthetic dataset (``generate.py``), renders it and opens
the page in headless Chromium, drawn as ``relgraph render`` chooses and forced
to vis-network, and measures in the page's clock (``window.relgraph.api``):

* until pixels: from navigation start until the first drawing's pixels are
  there: the draw forced to finish (``gl.readPixels`` for WebGL,
  ``getImageData`` for vis-network's canvas), then the next animation frame;
* filter: unticking (then ticking) the most common relation type's checkbox,
  until the pixels of the frame that follows, measured the same way;
* as-of: setting the date field to the middle date, then back to all dates.

Headless Chromium here has no GPU: it draws WebGL in software (SwiftShader),
so WebGL figures are those of a machine without graphics acceleration; a real
GPU draws faster. Figures are medians of ``--repeat`` runs of each step.

With ``--peers`` (needs the ``bench`` extra: gravis) it also times, for
relgraph and each peer, a fresh process writing its page from the same CSVs,
plus the time from opening that page until its pixels are stable
(:func:`until_stable`: screenshots a second apart, each after two animation
frames, that differ in fewer than :data:`STILL` of their pixels; the peers lay
their graph out in the browser, so this waits for their layout to settle).
Only the fastest peer counts: a peer is stopped as soon as it takes longer
than the fastest so far.
ipysigma is left out here: its ``write_html`` page loads its widget code from
unpkg.com, so offline it never draws.
"""
from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

import relgraph

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1400, "height": 850}
STILL = 0.002  # share of pixels that may still change between two screenshots of a "stable" drawing
STABLE_TIMEOUT = 180  # seconds: a page not stable by then is reported as never stable

# Each peer, in a fresh process: read the same CSVs with pandas, build a networkx graph, write its page
# (argv: data folder, output file). They lay the graph out in the browser.
READ = """
import sys
import networkx as nx
import pandas as pd
data, out = sys.argv[1], sys.argv[2]
ent = pd.read_csv(data + "/entities.csv", dtype=str, keep_default_na=False)
rel = pd.read_csv(data + "/relations.csv", dtype=str, keep_default_na=False)
g = nx.from_pandas_edgelist(rel, "source", "target", edge_attr=True, create_using=nx.MultiDiGraph)
g.add_nodes_from(zip(ent["id"], ent.drop(columns="id").to_dict("records")))
"""
PEERS = {  # the likely fastest first: a peer is stopped once it cannot beat the fastest so far
    "gravis d3": "import gravis\ngravis.d3(g).export_html(out)",
    "gravis vis": "import gravis\ngravis.vis(g).export_html(out)",
    "gravis three": "import gravis\ngravis.three(g).export_html(out)",
    # Inlined: pyvis's default loads vis-network from a CDN, and these pages are opened offline.
    "pyvis": "from pyvis.network import Network\nnet = Network(directed=True, cdn_resources='in_line')\n"
             "net.from_nx(g)\nnet.write_html(out)",
}


def _ms(values) -> float:
    return round(statistics.median(values), 1)


def _until_pixels(page, action: str) -> float:
    """Milliseconds from running ``action`` in the page until the pixels of the frame drawn after it."""
    return page.evaluate(f"""() => new Promise(resolve => {{
        const t0 = performance.now();
        window.relgraph.api.afterPixels(now => resolve(now - t0));
        {action};
    }})""")


def _open(browser, path: Path):
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=300_000)
    page.wait_for_function("() => window.relgraph && window.relgraph.api.timings.pixels", timeout=300_000)
    return page


def timed_steps(browser, path: Path, common: str, middle: str, repeat: int) -> dict[str, float]:
    """Median milliseconds of each step on the page at ``path`` (see the module's docstring)."""
    box = f'document.querySelector(\'#filter-types input[value="{common}"]\').click()'
    field = "const f = document.getElementById('as-of'); f.value = '{}'; f.dispatchEvent(new Event('change'))"
    steps = {"until pixels": None, "filter: hide a type": box, "filter: show it again": box,
             "as-of: set a date": field.format(middle),
             "as-of: all dates": "document.getElementById('all-dates').click()"}
    got = {step: [] for step in steps}
    for _ in range(repeat):
        page = _open(browser, path)
        got["until pixels"].append(page.evaluate("window.relgraph.api.timings.pixels"))
        for step, action in steps.items():
            if action:
                got[step].append(_until_pixels(page, action))
        page.close()
    return {step: _ms(v) for step, v in got.items()}


def measure(n_entities: int, n_relations: int, repeat: int, *, data_dir: Path | None = None,
            html: Path | None = None, forced: bool = True,
            quiet: bool = False) -> list[tuple[str, float, float | None]]:
    """Rows of (step, ms as ``relgraph render`` draws it, ms forced to vis-network or None without ``forced``);
    ``data_dir`` reuses a generated dataset, ``html`` a page already written from it."""
    import pandas as pd
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="relgraph-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = data_dir or generate(n_relations, tmp, n_entities)
        if html is None or forced:
            ds = relgraph.load(data_dir)
            html = html or ds.write_html(tmp / "page.html")
            vis = ds.write_html(tmp / "vis.html", renderer="vis") if forced else None
        rel = pd.read_csv(data_dir / "relations.csv", usecols=["relation", "start"], dtype=str, keep_default_na=False)
        common = rel["relation"].value_counts().index[0]
        days = sorted(d for d in set(rel["start"]) if len(d) == 10)  # YYYY-MM-DD
        middle = days[len(days) // 2]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            page = _open(browser, html)
            renderer = page.evaluate("window.relgraph.api.renderer")
            folded = page.evaluate("window.relgraph.api.folds() !== null")
            page.close()
            got = timed_steps(browser, html, common, middle, repeat)
            vis_got = timed_steps(browser, vis, common, middle, repeat) if forced else {}
            browser.close()
        if not quiet:
            print(f"{len(rel)} relations ({common}: {int((rel['relation'] == common).sum())} relations), drawn "
                  f"with {renderer}{', folded' if folded else ''}; median of {repeat}; WebGL in software (no GPU)")
        return [(step, got[step], vis_got.get(step)) for step in got]


def until_stable(browser, path: Path, timeout: float = STABLE_TIMEOUT) -> float | None:
    """Seconds from opening ``path`` until its pixels are stable: the time of the first of two screenshots a
    second apart that differ in fewer than :data:`STILL` of their pixels (None if not within ``timeout``)."""
    from PIL import Image, ImageChops
    from playwright.sync_api import Error

    page = browser.new_page(viewport=VIEWPORT)
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=max(timeout, 60) * 1000)  # a short wait still opens
    before, at = None, 0.0
    while (now := time.perf_counter() - t0) < timeout:
        try:
            # Two animation frames first: a page whose script holds the main thread draws no new frame,
            # and its last one would look stable.
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            shot = Image.open(io.BytesIO(page.screenshot(timeout=timeout * 1000))).convert("L")
        except Error:  # no document or frame yet
            continue
        now = time.perf_counter() - t0
        if before is not None:
            changed = ImageChops.difference(shot, before).point(lambda v: 255 if v > 8 else 0).histogram()[255]
            if changed < STILL * shot.width * shot.height and shot.getextrema()[0] < 250:  # not a blank page
                page.close()
                return at
        before, at = shot, now
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - t0 - now)))
    page.close()
    return None


def _process(code_or_module: list[str], data: Path, out: Path, timeout: float | None = None) -> float | None:
    """Seconds a fresh process takes to write ``out`` from ``data``; None if stopped after ``timeout``."""
    t = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, *code_or_module, str(data), str(out)], capture_output=True, text=True,
                           cwd=out.parent, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if r.returncode != 0:
        raise RuntimeError(f"{code_or_module[:2]} failed ({r.returncode}): {r.stderr[-2000:]}")
    return time.perf_counter() - t


# The relgraph command as users run it (``run``, as ``python -m relgraph``: matplotlib hidden from igraph).
RELGRAPH = ["-c", "import sys\nfrom relgraph.cli import run\n"
                  "sys.argv[1:] = ['render', '--data', sys.argv[1], '-o', sys.argv[2]]\nrun()"]


def until_stable_rows(data: Path, tmp: Path, *, peers=tuple(PEERS), timeout: float = STABLE_TIMEOUT,
                      ) -> list[tuple[str, float | None, float | None]]:
    """(who, seconds of the process writing the page, seconds from opening it until its pixels are stable)
    for relgraph and each of ``peers``, all from the CSVs in ``data``.

    A page not stable within ``timeout`` seconds has None. Only the fastest peer counts, so a peer is
    stopped, its figures None, as soon as its process (then its process and page) take longer than the
    fastest peer so far: pyvis writes 100,000 relations in minutes, and several pages never settle.
    """
    from playwright.sync_api import sync_playwright

    rows, best = [], None  # best: the fastest peer's total so far
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for who in ("relgraph", *peers):
            out = tmp / f"{who.replace(' ', '-')}.html"
            code = RELGRAPH if who == "relgraph" else ["-c", READ + PEERS[who]]
            limit = best if who != "relgraph" else None
            written = _process(code, data, out, limit)
            wait = None if written is None else timeout if limit is None else min(timeout, limit - written)
            stable = until_stable(browser, out, wait) if wait is not None and wait > 0 else None
            if who != "relgraph" and stable is not None:
                best = written + stable if best is None else min(best, written + stable)
            rows.append((who, written, stable))
        browser.close()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--relations", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peers", action="store_true", help="also time relgraph and its peers until stable pixels")
    args = parser.parse_args(argv)
    if shutil.which("chromium") is None:
        print("chromium not found: install Debian's chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="relgraph-bench-") as tmp_name:
        data = generate(args.relations, Path(tmp_name), args.entities)
        rows = measure(args.entities, args.relations, args.repeat, data_dir=data)
        print(f"{'step':<24}{'ours ms':>10}{'vis ms':>10}{'ratio':>8}")
        for step, ours, vis in rows:
            print(f"{step:<24}{ours:>10.1f}{vis:>10.1f}{ours / vis:>8.2f}")
        if args.peers:
            print(f"\n{'from the command':<16}{'process s':>10}{'to stable s':>12}{'total s':>9}")
            for who, written, stable in until_stable_rows(data, Path(tmp_name)):
                if stable is None:
                    print(f"{who:<16}{'stopped' if written is None else f'{written:.2f}':>10}"
                          f"{'slower than the fastest, or not stable':>40}")
                else:
                    print(f"{who:<16}{written:>10.2f}{stable:>12.2f}{written + stable:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
