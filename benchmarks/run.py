"""Every benchmark in one run: each step next to its baseline measured in the same run, as a ratio.

Run it from the repository root (the page rows need Debian's chromium and PyPI's playwright)::

    python benchmarks/run.py                  # full sizes: about 6 minutes on 2 cores
    python benchmarks/run.py --scale 0.01     # every size a hundredth: a quick check

Steps and baselines (sizes at ``--scale 1``):

* ``relgraph validate``, 1M relations: the CLI end to end (a fresh process:
  imports, reading, every check) against a fresh process running
  ``pandas.read_csv`` of the same relations file; peak memory is the
  process's peak RSS (``VmHWM``: Linux) against that DataFrame's
  ``memory_usage(deep=True)``.
* ``relgraph render``, 10k entities and 30k relations: the CLI end to end
  against plain pyvis in a fresh process: read the same CSVs, build a
  networkx MultiDiGraph with every column as attributes,
  ``Network(directed=True).from_nx(G)`` and ``write_html``.
* the page in headless Chromium (``page.py``), drawn as ``relgraph render``
  chooses, against the same page forced to vis-network: from navigation start
  until its pixels (the draw forced to finish), and a filter change until its
  frame's pixels; at 10k/30k and 100k. Chromium has no GPU here: WebGL is
  drawn in software.
* ``relgraph render`` of 100k relations: finishes, peak RSS, and its page as above.
* from the command until the page's pixels are stable (``page.until_stable_rows``),
  relgraph against the fastest of pyvis and gravis (d3, vis, three), at
  1k/3k, 10k/30k and 100k; needs the ``bench`` extra, else left out.
* ``relgraph render`` of 1M relations and its page (the folded view): until
  pixels and a filter change (targets: under 10 s and 1 s).
* ``relgraph diff``, two 1M-relation snapshots with 1% added, removed and
  changed (``diff.py``): against a pandas outer merge with ``indicator=True``
  plus a column comparison; in-process, peak memory by tracemalloc.

Times are the best of ``--repeat`` runs (medians for the page).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import diff
import page
from generate import generate

PYVIS = """
import sys
import networkx as nx
import pandas as pd
from pyvis.network import Network
data, out = sys.argv[1], sys.argv[2]
ent = pd.read_csv(data + "/entities.csv", dtype=str, keep_default_na=False)
rel = pd.read_csv(data + "/relations.csv", dtype=str, keep_default_na=False)
g = nx.from_pandas_edgelist(rel, "source", "target", edge_attr=True, create_using=nx.MultiDiGraph)
g.add_nodes_from(zip(ent["id"], ent.drop(columns="id").to_dict("records")))
net = Network(directed=True)
net.from_nx(g)
net.write_html(out)
"""
READ_CSV = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
print(df.memory_usage(deep=True).sum())
"""
# Runs `-m MODULE ARGS` or `-c CODE ARGS` and writes the process's peak RSS (VmHWM, Linux) at exit. The
# kernel's ru_maxrss of a child counts the forked copy of this (large) benchmark process before exec.
PEAK = """
import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    with open(os.environ["RELGRAPH_BENCH_PEAK"], "w") as out:
        out.write(str(kb * 1024))
atexit.register(peak)
mode, target, *args = sys.argv[1:]
sys.argv = [target, *args]
if mode == "-m":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    exec(compile(target, "<benchmark>", "exec"), {"__name__": "__main__"})
"""
RELGRAPH = ["-m", "relgraph"]
MB = 2 ** 20


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in bytes and standard output of a fresh Python process running ``cmd``
    (``-m MODULE ...`` or ``-c CODE ...``), which must succeed."""
    with tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "peak"
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, cwd=cwd,
                           env={**os.environ, "RELGRAPH_BENCH_PEAK": str(peak)})
        wall = time.perf_counter() - t
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed ({r.returncode}): {r.stderr}")
        return wall, int(peak.read_text()), r.stdout


def best(cmd: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, int, str]:
    runs = [run(cmd, cwd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def sized(n: int, scale: float, least: int = 30) -> int:
    return max(int(n * scale), least)


def measure(scale: float, repeat: int, tmp: Path, browser: bool) -> list[tuple]:
    """Rows of (step, size, what, ours, baseline, unit, target)."""
    rows = []
    # validate, 1M relations
    n = sized(1_000_000, scale)
    data = generate(n, tmp / "validate")
    t_ours, m_ours, _ = best([*RELGRAPH, "validate", "--data", str(data)], repeat)
    t_base, _, out = best(["-c", READ_CSV, str(data / "relations.csv")], repeat)
    size = f"{n:,} relations"
    rows += [("relgraph validate", size, "time", t_ours, t_base, "s", "<= 10x read_csv"),
             ("relgraph validate", size, "peak memory", m_ours / MB, int(out) / MB, "MB", "<= 3x the DataFrame")]
    shutil.rmtree(tmp / "validate")

    # render, 10k entities and 30k relations, and its page
    ne, nr = sized(10_000, scale, 10), sized(30_000, scale)
    data = generate(nr, tmp / "render", ne)
    size = f"{ne:,} entities, {nr:,} relations"
    html = tmp / "render" / "page.html"
    t_ours, m_ours, _ = best([*RELGRAPH, "render", "--data", str(data), "-o", str(html)], repeat)
    # Once: it takes 10-30 s. In the temp folder: pyvis writes a lib/ folder next to where it runs.
    t_base, m_base, _ = best(["-c", PYVIS, str(data), str(tmp / "render" / "pyvis.html")], 1, tmp)
    rows += [("relgraph render", size, "time", t_ours, t_base, "s", "<= 0.1x pyvis"),
             ("relgraph render", size, "peak memory", m_ours / MB, m_base / MB, "MB", "-"),
             ("relgraph render", size, "output", html.stat().st_size / MB,
              (tmp / "render" / "pyvis.html").stat().st_size / MB, "MB", "-")]
    if browser:
        rows += page_rows(ne, nr, repeat, data, size)
    shutil.rmtree(tmp / "render")

    # render, 100k relations, and its page
    n = sized(100_000, scale)
    data = generate(n, tmp / "large")
    size = f"{n:,} relations"
    html = tmp / "large" / "page.html"
    t_ours, m_ours, _ = best([*RELGRAPH, "render", "--data", str(data), "-o", str(html)], repeat)
    rows += [("relgraph render", size, "time", t_ours, None, "s", "finishes"),
             ("relgraph render", size, "peak memory", m_ours / MB, None, "MB", "< 4 GB"),
             ("relgraph render", size, "output", html.stat().st_size / MB, None, "MB", "-")]
    if browser:
        rows += page_rows(0, n, repeat, data, size, change_under=1.0)
    shutil.rmtree(tmp / "large")
    if browser:
        rows += until_stable_rows(scale, tmp)
        rows += million_rows(scale, repeat, tmp)

    # diff, two 1M-relation snapshots
    n = sized(1_000_000, scale, 300)
    a, b = diff.pair(n)
    assert diff.ours(a, b) == diff.baseline(a, b)  # both find the same changes
    size = f"2 x {n:,} relations"
    rows += [("relgraph diff", size, "time", diff.best_time(diff.ours, a, b, repeat),
              diff.best_time(diff.baseline, a, b, repeat), "s", "<= 1x merge"),
             ("relgraph diff", size, "peak memory", diff.peak_memory(diff.ours, a, b) / MB,
              diff.peak_memory(diff.baseline, a, b) / MB, "MB", "-")]
    return rows


def page_rows(n_entities: int, n_relations: int, repeat: int, data: Path, size: str, *,
              change_under: float | None = None) -> list[tuple]:
    """The page as ``relgraph render`` draws it against the same page forced to vis-network (``page.py``):
    from navigation start until its pixels, and a filter change until its frame's pixels."""
    got = {step: (ours, vis) for step, ours, vis in page.measure(n_entities, n_relations, repeat, data_dir=data,
                                                                quiet=True)}
    pixels, change = got["until pixels"], got["filter: hide a type"]
    return [("page", size, "until pixels", pixels[0] / 1000, pixels[1] / 1000, "s", "<= 0.5x vis forced"),
            ("page", size, "filter change", change[0] / 1000, change[1] / 1000, "s",
             "<= 0.5x vis forced" + (f", < {change_under:g} s" if change_under else ""))]


def until_stable_rows(scale: float, tmp: Path) -> list[tuple]:
    """From the command until the page's pixels are stable in headless Chromium, relgraph against the fastest
    of its peers (``page.until_stable_rows``; the peers come with the ``bench`` extra)."""
    try:
        import gravis  # noqa: F401
    except ImportError:
        print("gravis not installed (pip install '.[bench]'): the peer rows are left out", file=sys.stderr)
        return []
    rows = []
    for ne, nr in ((1_000, 3_000), (10_000, 30_000), (None, 100_000)):
        nr = sized(nr, scale)
        ne = sized(ne, scale, 10) if ne else None
        data = generate(nr, tmp / "stable", ne)
        got = page.until_stable_rows(data, tmp / "stable")
        ours = got[0][1] + got[0][2]
        who, peer = min(((who, written + stable) for who, written, stable in got[1:]), key=lambda w: w[1])
        size = f"{ne:,} entities, {nr:,} relations" if ne else f"{nr:,} relations"
        rows.append(("command until stable pixels", size, f"vs {who} (fastest peer)", ours, peer, "s",
                     "<= 0.5x fastest peer"))
        shutil.rmtree(tmp / "stable")
    return rows


def million_rows(scale: float, repeat: int, tmp: Path) -> list[tuple]:
    """``relgraph render`` of 1M relations (its folded page) and that page until pixels and a filter change."""
    n = sized(1_000_000, scale)
    data = generate(n, tmp / "million")
    html = tmp / "million" / "page.html"
    size = f"{n:,} relations"
    t_ours, m_ours, _ = best([*RELGRAPH, "render", "--data", str(data), "-o", str(html)], 1)
    got = {step: ours for step, ours, _ in page.measure(0, n, repeat, data_dir=data, html=html, forced=False,
                                                        quiet=True)}
    shutil.rmtree(tmp / "million")
    return [("relgraph render", size, "time", t_ours, None, "s", "finishes"),
            ("relgraph render", size, "peak memory", m_ours / MB, None, "MB", "-"),
            ("page", size, "until pixels", got["until pixels"] / 1000, None, "s", "< 10 s"),
            ("page", size, "filter change", got["filter: hide a type"] / 1000, None, "s", "< 1 s")]


def table(rows: list[tuple]) -> str:
    """The rows as a Markdown table, ratios as ours / baseline."""
    lines = ["| step | size | measure | relgraph | baseline | ratio | target |", "|---|---|---|---|---|---|---|"]
    for step, size, what, ours, base, unit, target in rows:
        ratio = f"{ours / base:.2f}x" if base else "-"
        base_text = f"{base:.3g} {unit}" if base is not None else "-"
        lines.append(f"| {step} | {size} | {what} | {ours:.3g} {unit} | {base_text} | {ratio} | {target} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this (default 1)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    browser = shutil.which("chromium") is not None
    if not browser:
        print("chromium not found: the page rows are left out", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="relgraph-run-") as tmp:
        rows = measure(args.scale, args.repeat, Path(tmp), browser)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
