"""The exchange formats by name, and which one a file's name asks for.

========== ===================================== =============================
format     for                                   extensions
========== ===================================== =============================
gexf       Gephi, Gephi Lite                     ``.gexf``
graphml    yEd, networkx, igraph, Cytoscape      ``.graphml``
cytoscape  Cytoscape.js, Cytoscape desktop       ``.cyjs``
node-link  networkx ``node_link_graph``, D3      ``.json``
ftm        FollowTheMoney: OpenSanctions, Aleph  ``.ftm.json``, ``.ndjson``, ``.jsonl``
========== ===================================== =============================
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path

from .choices import OptionError, unknown

# Each format's module (relgraph.gexf has generate_gexf, ...), imported by generate(): a command that
# exports nothing loads none of them.
FORMATS = {"gexf": "gexf", "graphml": "graphml", "cytoscape": "cytoscape", "node-link": "node_link", "ftm": "ftm"}
# Longest first: a.ftm.json is FtM, b.json node-link.
EXTENSIONS = {".ftm.json": "ftm", ".ndjson": "ftm", ".jsonl": "ftm", ".gexf": "gexf", ".graphml": "graphml",
              ".cyjs": "cytoscape", ".json": "node-link"}


def choose_format(format: str | None, path=None, *, caller: str) -> str:
    """``format`` if it is one of :data:`FORMATS`, else the one ``path``'s extension names.

    Raises :class:`~relgraph.choices.OptionError` for an unknown format (the
    closest one suggested) or a path whose extension names none.

    Examples
    --------
    >>> choose_format(None, "graph.ftm.json", caller="Dataset.export"), choose_format("gexf", "-", caller="x")
    ('ftm', 'gexf')
    >>> choose_format("gefx", None, caller="Dataset.export")
    Traceback (most recent call last):
    ...
    relgraph.choices.OptionError: Dataset.export(): format: unknown format 'gefx'; did you mean 'gexf'? ...
    """
    if format is not None:
        if format not in FORMATS:
            raise OptionError(caller, "format", unknown("format", format, FORMATS))
        return format
    name = Path(path).name.lower() if path is not None else ""
    for extension, fmt in EXTENSIONS.items():
        if name.endswith(extension) and len(name) > len(extension):
            return fmt
    said = f"{Path(path).name!r} does not say which" if path is not None else "no file name to tell it by"
    raise OptionError(caller, "format", f"give a format ({', '.join(FORMATS)}): {said} "
                                        f"(extensions: {', '.join(EXTENSIONS)})")



def generate(fmt: str, tables) -> str:
    """The text of ``tables`` (a :class:`relgraph.Dataset`) in the format ``fmt``, one of :data:`FORMATS`.

    Examples
    --------
    >>> import relgraph
    >>> generate("gexf", relgraph.load()).startswith("<?xml")
    True
    """
    module = FORMATS[fmt]
    return getattr(import_module(f"{__package__}.{module}"), f"generate_{module}")(tables)
