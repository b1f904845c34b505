"""Every benchmark in one run: each step next to its baseline measured in the same run, as a ratio.

Run it from the repository root, with the ``bench`` extra (pyvis, gravis, ipysigma; ``pip install
-e ".[bench]"``); the page rows also need Debian's chromium and PyPI's playwright::

    python benchmarks/run.py                  # full sizes: about half an hour on 2 cores
    python benchmarks/run.py --scale 0.01     # every size a hundredth: a quick check
    python benchmarks/run.py --no-peers       # relgraph's rows and the pandas baselines only
    python benchmarks/run.py --no-pages       # the Python processes only, no browser
    python benchmarks/run.py --only validate,diff --no-pages   # some of the Python steps

relgraph's bytecode is compiled first (an installed wheel has it; an editable install under
``PYTHONDONTWRITEBYTECODE`` would compile relgraph in every process it starts).

Every figure is a whole process (``python -m relgraph ...`` against ``python -c ...``), so imports
count; times are medians of ``--repeat`` round-robin runs (each round runs every contestant once,
so a busy machine slows all alike), peak memory is the process's peak RSS (``VmHWM``, Linux).

Steps and baselines (sizes at ``--scale 1``):

* ``relgraph render``, 300 entities and 900 relations, 1k and 3k, 10k and 30k, 100k relations: against the
  fastest peer, each reading the same CSVs with pandas into a networkx MultiDiGraph with every
  column as attributes: pyvis (``Network.from_nx`` and ``write_html``), gravis (``d3`` and ``vis``,
  ``export_html``), ipysigma (``Sigma.write_html``). relgraph computes a layout; they leave it to the
  browser. A peer slower than ``--timeout`` is stopped and shown as such.
* ``relgraph render`` of the bundled data: against ``python -c "import pandas"``.
* ``relgraph validate``, 1M relations: against ``pandas.read_csv(dtype=str,
  keep_default_na=False)`` of the same four files, time and peak memory.
* ``relgraph diff``, two 1M-relation folders with 1% added, removed and changed (``diff.py``):
  against reading both relations CSVs as above, a merge with ``indicator=True`` and a comparison
  of every column. relgraph also validates both datasets and writes its report.
* the page in headless Chromium (``page.py``) at 10k/30k and 100k until its pixels and a filter change,
  against the same page forced to vis-network; from the command until stable pixels against the
  fastest peer; the folded page of 1M relations.

Below the table: the 1-minute load average at each step (other work on the machine) and the
versions of Python, pandas and the peers.
"""
from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata, util
from pathlib import Path

import diff
import page
from generate import generate
from page import READ  # each peer reads the CSVs as the page rows' peers do

PEERS = {
    "pyvis": READ + "from pyvis.network import Network\nnet = Network(directed=True)\nnet.from_nx(g)\n"
                    "net.write_html(out)\n",
    "gravis d3": READ + "import gravis\ngravis.d3(g).export_html(out, overwrite=True)\n",
    "gravis vis": READ + "import gravis\ngravis.vis(g).export_html(out, overwrite=True)\n",
    "ipysigma": READ + "from ipysigma import Sigma\nSigma.write_html(g, out)\n",
}
PEER_PACKAGES = ("pyvis", "gravis", "ipysigma")
IMPORT_PANDAS = "import pandas"
READ_FILES = """
import sys
from pathlib import Path
import pandas as pd
for f in sorted(Path(sys.argv[1]).glob("*.csv")):
    pd.read_csv(f, dtype=str, keep_default_na=False)
"""
MERGE = """
import sys
import numpy as np
import pandas as pd
a = pd.read_csv(sys.argv[1] + "/relations.csv", dtype=str, keep_default_na=False)
b = pd.read_csv(sys.argv[2] + "/relations.csv", dtype=str, keep_default_na=False)
m = a.merge(b, on="id", how="outer", indicator=True, suffixes=("_old", "_new"))
both = m[m["_merge"] == "both"]
differs = np.zeros(len(both), dtype=bool)
for c in a.columns.drop("id"):
    differs |= (both[c + "_old"] != both[c + "_new"]).to_numpy()
print(int((m["_merge"] == "right_only").sum()), int((m["_merge"] == "left_only").sum()), int(differs.sum()))
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


def run(cmd: list[str], cwd: Path | None = None, timeout: float | None = None) -> tuple[float, int] | None:
    """Wall seconds and peak RSS in bytes of a fresh Python process running ``cmd`` (``-m MODULE ...`` or
    ``-c CODE ...``), which must succeed; None if it ran out of ``timeout`` seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "peak"
        t = time.perf_counter()
        try:
            r = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, cwd=cwd,
                               env={**os.environ, "RELGRAPH_BENCH_PEAK": str(peak)}, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        wall = time.perf_counter() - t
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed ({r.returncode}): {r.stderr}")
        return wall, int(peak.read_text())


def contest(commands: dict[str, list[str]], repeat: int, cwd: Path | None = None,
            timeout: float | None = None) -> dict[str, tuple[float, int] | None]:
    """Median time and highest peak RSS of each command over ``repeat`` round-robin rounds; None for a
    peer stopped at ``timeout`` (it is not run again); relgraph's own command is never stopped."""
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            if runs[name] is not None:
                got = run(cmd, cwd, None if name == "relgraph" else timeout)
                runs[name] = None if got is None else runs[name] + [got]
    return {name: None if r is None else (statistics.median(t for t, _ in r), max(m for _, m in r))
            for name, r in runs.items()}


def sized(n: int, scale: float, least: int = 30) -> int:
    return max(int(n * scale), least)


def load() -> float:
    return os.getloadavg()[0]


class Rows(list):
    """Table rows of (step, size, what, ours, baseline, baseline's name, unit, target, load)."""

    def add(self, step, size, what, ours, base, name, unit, target):
        self.append((step, size, what, ours, base, name, unit, target, self.load))
        print(table(self[-1:]).splitlines()[-1], file=sys.stderr)  # as it comes: a long run shows its progress


def render_rows(rows: Rows, size: str, data: Path, tmp: Path, repeat: int, peers: bool, timeout: float):
    html = tmp / "relgraph.html"
    commands = {"relgraph": [*RELGRAPH, "render", "--data", str(data), "-o", str(html)]}
    if peers:
        commands |= {name: ["-c", code, str(data), str(tmp / f"{name}.html")] for name, code in PEERS.items()
                     if util.find_spec(name.split()[0]) is not None}
    # In the temp folder: pyvis writes a lib/ folder next to where it runs.
    got = contest(commands, repeat, tmp, timeout)
    ours = got.pop("relgraph")
    finished = {name: r for name, r in got.items() if r is not None}
    fastest = min(finished, key=lambda name: finished[name][0]) if finished else None
    base = finished.get(fastest)
    stopped = [name for name, r in got.items() if r is None]
    stop = stopped and f"stopped after {timeout:.0f} s: {', '.join(stopped)}"
    note = "; ".join(filter(None, [fastest, stop])) or None
    rows.add("relgraph render", size, "time", ours[0], base and base[0], note, "s", "<= 1.0x fastest peer")
    rows.add("relgraph render", size, "peak memory", ours[1] / MB, base and base[1] / MB, fastest, "MB", "-")
    rows.add("relgraph render", size, "output", html.stat().st_size / MB,
             base and (tmp / f"{fastest}.html").stat().st_size / MB, fastest, "MB", "-")
    for name, r in sorted(finished.items()):
        if name != fastest:
            rows.add("peer render", size, name, r[0], None, None, "s", "-")


def page_rows(rows: Rows, size: str, data: Path, repeat: int, n_entities: int, n_relations: int, *,
              change_under: float | None = None) -> None:
    """The page as ``relgraph render`` draws it against the same page forced to vis-network (``page.py``):
    from navigation start until its pixels, and a filter change until its frame's pixels."""
    got = {step: (ours, vis) for step, ours, vis in page.measure(n_entities, n_relations, repeat, data_dir=data,
                                                                quiet=True)}
    pixels, change = got["until pixels"], got["filter: hide a type"]
    rows.add("page", size, "until pixels", pixels[0] / 1000, pixels[1] / 1000, "vis forced", "s",
             "<= 0.5x vis forced")
    rows.add("page", size, "filter change", change[0] / 1000, change[1] / 1000, "vis forced", "s",
             "<= 0.5x vis forced" + (f", < {change_under:g} s" if change_under else ""))


def until_stable_rows(rows: Rows, scale: float, tmp: Path) -> None:
    """From the command until the page's pixels are stable in headless Chromium, relgraph against the fastest
    of its peers (``page.until_stable_rows``; the peers come with the ``bench`` extra)."""
    if util.find_spec("gravis") is None:
        print("gravis not installed (pip install '.[bench]'): the peer rows are left out", file=sys.stderr)
        return
    for ne, nr in ((1_000, 3_000), (10_000, 30_000), (None, 100_000)):
        rows.load = load()
        nr = sized(nr, scale)
        ne = sized(ne, scale, 10) if ne else None
        data = generate(nr, tmp / "stable", ne)
        got = page.until_stable_rows(data, tmp / "stable")
        size = f"{ne:,} entities, {nr:,} relations" if ne else f"{nr:,} relations"
        finished = [(who, written + stable) for who, written, stable in got[1:] if stable is not None]
        who, peer = min(finished, key=lambda w: w[1]) if finished else (None, None)
        ours = got[0][1] + got[0][2] if got[0][2] is not None else page.STABLE_TIMEOUT
        rows.add("command until stable pixels", size, "time", ours, peer,
                 f"{who}, the fastest peer" if who else f"no peer stable in {page.STABLE_TIMEOUT} s", "s",
                 "<= 0.5x fastest peer")
        shutil.rmtree(tmp / "stable")


def million_rows(rows: Rows, scale: float, repeat: int, tmp: Path) -> None:
    """``relgraph render`` of 1M relations (its folded page) and that page until pixels and a filter change."""
    rows.load = load()
    n = sized(1_000_000, scale)
    data = generate(n, tmp / "million")
    html = tmp / "million" / "page.html"
    size = f"{n:,} relations"
    t_ours, m_ours = run([*RELGRAPH, "render", "--data", str(data), "-o", str(html)])
    got = {step: ours for step, ours, _ in page.measure(0, n, repeat, data_dir=data, html=html, forced=False,
                                                        quiet=True)}
    shutil.rmtree(tmp / "million")
    rows.add("relgraph render", size, "time", t_ours, None, None, "s", "finishes")
    rows.add("relgraph render", size, "peak memory", m_ours / MB, None, None, "MB", "-")
    rows.add("page", size, "until pixels", got["until pixels"] / 1000, None, None, "s", "< 10 s")
    rows.add("page", size, "filter change", got["filter: hide a type"] / 1000, None, None, "s", "< 1 s")


STEPS = ("render", "bundled", "validate", "diff")


def measure(scale: float, repeat: int, tmp: Path, browser: bool, peers: bool, timeout: float,
            steps=STEPS) -> Rows:
    rows = Rows()
    # render, four sizes against the peers (up to 500 entities, labels are moved apart: 300 measures that),
    # and the page at the two larger ones
    sizes = ((300, 900, None), (1_000, 3_000, None), (10_000, 30_000, False), (None, 100_000, 1.0))
    for ne, nr, page_change in sizes if "render" in steps or browser else ():
        rows.load = load()
        nr = sized(nr, scale)
        ne = sized(ne, scale, 10) if ne else None
        data = generate(nr, tmp / "render", ne)
        size = (f"{ne:,} entities, " if ne else "") + f"{nr:,} relations"
        if "render" in steps:
            render_rows(rows, size, data, tmp / "render", repeat, peers, timeout)
        if browser and page_change is not None:
            page_rows(rows, size, data, repeat, ne or 0, nr, change_under=page_change or None)
        shutil.rmtree(tmp / "render")
    if browser:
        if peers:
            until_stable_rows(rows, scale, tmp)
        million_rows(rows, scale, repeat, tmp)

    if "bundled" in steps:
        bundled_rows(rows, repeat, tmp)
    if "validate" in steps:
        validate_rows(rows, scale, repeat, tmp)
    if "diff" in steps:
        diff_rows(rows, scale, repeat, tmp)
    return rows


def bundled_rows(rows: Rows, repeat: int, tmp: Path) -> None:
    """``relgraph render`` of the bundled data against importing pandas."""
    rows.load = load()
    got = contest({"relgraph": [*RELGRAPH, "render", "-o", str(tmp / "bundled.html")],
                   "pandas": ["-c", IMPORT_PANDAS]}, max(repeat, 5))
    rows.add("relgraph render", "bundled data", "time", got["relgraph"][0], got["pandas"][0], "import pandas", "s",
             "<= 1.5x")


def validate_rows(rows: Rows, scale: float, repeat: int, tmp: Path) -> None:
    """``relgraph validate`` of 1M relations against read_csv of its four files: time and peak memory."""
    rows.load = load()
    n = sized(1_000_000, scale)
    data = generate(n, tmp / "validate")
    got = contest({"relgraph": [*RELGRAPH, "validate", "--data", str(data)],
                   "read_csv": ["-c", READ_FILES, str(data)]}, repeat)
    size = f"{n:,} relations"
    ours, base = got["relgraph"], got["read_csv"]
    rows.add("relgraph validate", size, "time", ours[0], base[0], "read_csv of the 4 files", "s", "<= 2x")
    rows.add("relgraph validate", size, "peak memory", ours[1] / MB, base[1] / MB, "read_csv of the 4 files", "MB",
             "<= 1.5x")
    shutil.rmtree(tmp / "validate")


def diff_rows(rows: Rows, scale: float, repeat: int, tmp: Path) -> None:
    """``relgraph diff`` of two 1M-relation folders against reading both, a merge and a comparison."""
    rows.load = load()
    n = sized(1_000_000, scale, 300)
    old, new = diff.folders(n, tmp / "diff")
    got = contest({"relgraph": [*RELGRAPH, "diff", str(old), str(new), "-o", str(tmp / "diff.txt")],
                   "merge": ["-c", MERGE, str(old), str(new)]}, repeat)
    size = f"2 x {n:,} relations"
    ours, base = got["relgraph"], got["merge"]
    rows.add("relgraph diff", size, "time", ours[0], base[0], "read_csv, merge, compare", "s", "<= 1.5x")
    rows.add("relgraph diff", size, "peak memory", ours[1] / MB, base[1] / MB, "read_csv, merge, compare", "MB",
             "-")


def table(rows: Rows) -> str:
    """The rows as a Markdown table, ratios as ours / baseline."""
    lines = ["| step | size | measure | relgraph | baseline | ratio | target |", "|---|---|---|---|---|---|---|"]
    for step, size, what, ours, base, name, unit, target, _ in rows:
        ratio = f"{ours / base:.2f}x" if base else "-"
        base_text = f"{base:.3g} {unit} ({name})" if base is not None else "-" if not name else f"- ({name})"
        lines.append(f"| {step} | {size} | {what} | {ours:.3g} {unit} | {base_text} | {ratio} | {target} |")
    return "\n".join(lines)


def versions() -> str:
    def version(package):
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"
    return (f"Python {sys.version.split()[0]}, pandas {version('pandas')}, "
            + ", ".join(f"{p} {version(p)}" for p in PEER_PACKAGES) + f"; {os.cpu_count()} cores")


def _steps(text: str) -> list[str]:
    steps = text.split(",")
    if unknown := [step for step in steps if step not in STEPS]:
        raise argparse.ArgumentTypeError(f"unknown step {unknown[0]!r}; choose from {', '.join(STEPS)}")
    return steps


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this (default 1)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-peers", dest="peers", action="store_false", help="leave out pyvis, gravis, ipysigma")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a peer may take (default 120)")
    parser.add_argument("--no-pages", dest="pages", action="store_false", help="leave out the rows in Chromium")
    parser.add_argument("--only", type=_steps, default=list(STEPS), metavar="STEP,...",
                        help=f"only these Python steps ({', '.join(STEPS)}; default: all)")
    args = parser.parse_args(argv)
    browser = args.pages and shutil.which("chromium") is not None
    if args.pages and not browser:
        print("chromium not found: the page rows are left out", file=sys.stderr)
    # As installed from a wheel, relgraph's bytecode is written at install time, as the peers' is; an
    # editable install under PYTHONDONTWRITEBYTECODE would compile it anew in every process (0.13 s a command).
    compileall.compile_dir(util.find_spec("relgraph").submodule_search_locations[0], quiet=1)
    with tempfile.TemporaryDirectory(prefix="relgraph-run-") as tmp:
        rows = measure(args.scale, args.repeat, Path(tmp), browser, args.peers, args.timeout, args.only)
    print(table(rows))
    print()
    steps = dict.fromkeys((size, load) for _, size, *_, load in rows)
    print("Load (1-minute average) as each size began: " + "; ".join(f"{size}: {load:.2f}" for size, load in steps))
    print(versions())
    return 0


if __name__ == "__main__":
    sys.exit(main())
