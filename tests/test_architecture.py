"""Data flows one way: each module imports only modules of lower layers; only the CLI talks to the terminal."""
import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "relgraph"
# Lowest first. notebook.py holds HTML helpers that import nothing from relgraph.
LAYERS = [
    {"notebook", "dates", "style", "schema", "layout", "progress"},
    {"choices", "issues", "geo"},
    {"errors"},
    {"tables", "outputs"},
    {"checks", "graph"},
    {"asof"},
    {"snapshot_csv", "compare", "git", "signed"},
    {"readers"},
    {"page"},
    {"diff_formats", "svg"},
    {"exchange", "analysis"},
    {"gexf", "graphml", "cytoscape", "node_link", "ftm", "pyvis_network"},
    {"export"},
    {"dataset"},
    {"changes"},
    {"cli", "__init__"},
    {"__main__"},
]
LAYER = {name: i for i, names in enumerate(LAYERS) for name in names}


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    yield node.module.split(".")[0]
                else:
                    yield from (a.name for a in node.names)
            elif node.module:
                yield node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def test_every_module_has_a_layer():
    assert [m for m in MODULES if m not in LAYER] == []


@pytest.mark.parametrize("module", MODULES)
def test_imports_only_lower_layers(module):
    own = [m for m in _imports(PACKAGE / f"{module}.py") if m in LAYER]
    assert [m for m in own if LAYER[m] >= LAYER[module]] == []


@pytest.mark.parametrize("module", MODULES)
def test_only_the_cli_uses_click_and_nothing_prints(module):
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    if module != "cli":
        assert "click" not in set(_imports(PACKAGE / f"{module}.py"))
    calls = [n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    assert "print" not in calls


def test_readme_lists_the_modules_in_an_order_they_import_in():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    layout = readme.split("Layout: `relgraph/` is the package", 1)[1].split("`data/`", 1)[0]
    listed = [m for m in re.findall(r"`([a-z_]+)`", layout) if m in LAYER]
    assert sorted(listed) == [m for m in MODULES if not m.startswith("__")]
    for i, module in enumerate(listed):
        assert [m for m in _imports(PACKAGE / f"{module}.py") if m in LAYER and m not in listed[:i]] == [], module


# What a command must not load: the modules of other commands (and what they import).
COMPARING = ["relgraph.changes", "relgraph.compare", "relgraph.diff_formats"]
EXPORTING = ["relgraph.cytoscape", "relgraph.exchange", "relgraph.ftm", "relgraph.gexf", "relgraph.graphml",
             "relgraph.node_link", "relgraph.pyvis_network", "relgraph.svg"]
ANALYSING = ["networkx", "relgraph.analysis", "relgraph.signed"]


@pytest.mark.parametrize("args, unneeded", [
    (["render", "-o", "{tmp}/p.html"], COMPARING + EXPORTING + ANALYSING),
    (["validate"], COMPARING + EXPORTING + ANALYSING + ["igraph"]),
    (["export", "-o", "{tmp}/g.gexf"], COMPARING + ["relgraph.svg", "relgraph.pyvis_network"] + ANALYSING),
    (["diff", "--from", "2024-01-01", "--to", "2025-01-01"], EXPORTING + ANALYSING + ["igraph"]),
])
def test_a_command_imports_only_what_it_needs(tmp_path, args, unneeded):
    import subprocess
    import sys
    code = ("import sys\nfrom relgraph.cli import main\n"
            f"try:\n    main({[a.format(tmp=tmp_path) for a in args]!r})\n"
            f"finally:\n    print(sorted(m for m in sys.modules if m in {unneeded!r}))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (r.returncode, r.stdout.strip().splitlines()[-1]) == (0, "[]"), r.stderr


@pytest.mark.parametrize("command, loaded", [
    (["render", "-o", "{tmp}/p.html"], ["igraph._igraph"]),  # the layout needs igraph's core alone
    (["analyze"], ["igraph", "igraph._igraph"]),  # betweenness: igraph itself, without what it would plot with
])
def test_the_command_loads_of_igraph_only_what_it_uses(tmp_path, command, loaded):
    import subprocess
    import sys

    from helpers import ENTITIES, RELATIONS, make_dataset
    n = 400  # above the entities laid out without igraph
    entities = ENTITIES + "".join(f"n{i},Node {i},state,,,,\n" for i in range(n))
    relations = RELATIONS + "".join(f"x{i},n{i},n{(i + 1) % n},recognition,,,reported,,,web,,\n" for i in range(n))
    data = make_dataset(tmp_path, entities__csv=entities, relations__csv=relations)
    argv = ["relgraph", command[0], "--data", str(data), *[a.format(tmp=tmp_path) for a in command[1:]]]
    code = ("import sys\nfrom relgraph.cli import run\n"
            f"sys.argv = {argv!r}\n"
            "try:\n    run()\nfinally:\n    print(sorted(m for m in ('igraph', 'igraph._igraph', 'matplotlib', "
            "'wcwidth') if sys.modules.get(m) is not None))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (r.returncode, r.stdout.strip().splitlines()[-1]) == (0, str(loaded)), r.stderr
