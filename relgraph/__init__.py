"""relgraph: curated relations between states and armed or political groups, as graphs.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load()
>>> g = ds.graph()
>>> g.number_of_edges() == len(ds.relations)
True
"""
from .api import Dataset, from_frames, load, show
from .errors import InputError, Issue, RelgraphError, ValidationError

__all__ = ["Dataset", "InputError", "Issue", "RelgraphError", "ValidationError", "from_frames", "load", "show"]
__version__ = "0.1.0"
