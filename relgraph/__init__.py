"""relgraph: curated relations between states and armed or political groups, as graphs.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load()
>>> g = ds.graph()
>>> g.number_of_edges() == len(ds.relations)
True
"""
from .choices import OptionError
from .dataset import Dataset, from_frames, load, show, snapshot, validate
from .errors import InputError, OutputError, RelgraphError, ValidationError
from .issues import Issue, Report
from .page import PageOptions

__all__ = ["Analysis", "Dataset", "Diff", "InputError", "Issue", "OptionError", "OutputError", "OverTime",
           "PageOptions", "RelgraphError", "Report", "ValidationError",
           "diff", "from_frames", "load", "show", "snapshot", "validate"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """``relgraph.Diff``, ``relgraph.diff``, ``relgraph.Analysis`` and ``relgraph.OverTime``, imported when
    first asked for: commands that compare or analyse nothing do not load those modules."""
    if name in ("Diff", "diff"):
        from . import changes
        return getattr(changes, name)
    if name in ("Analysis", "OverTime"):
        from . import analysis
        return getattr(analysis, name)
    raise AttributeError(f"module 'relgraph' has no attribute {name!r}")
