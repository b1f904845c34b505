"""relgraph: curated relations between states and armed or political groups, as graphs.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load()
>>> g = ds.graph()
>>> g.number_of_edges() == len(ds.relations)
True
"""
from .api import Dataset, diff, from_frames, load, show, snapshot, validate
from .report import Diff
from .errors import InputError, Issue, RelgraphError, ValidationError

__all__ = ["Dataset", "Diff", "InputError", "Issue", "RelgraphError", "ValidationError", "from_frames", "load", "show", "snapshot", "validate", "diff"]
__version__ = "0.1.0"
