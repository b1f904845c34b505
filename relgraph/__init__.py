"""relgraph: curated relations between states and armed or political groups, as graphs.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load()
>>> g = ds.graph()
>>> g.number_of_edges() == len(ds.relations)
True
"""
from .analysis import Analysis, OverTime
from .changes import Diff, diff
from .choices import OptionError
from .dataset import Dataset, from_frames, load, show, snapshot, validate
from .errors import InputError, OutputError, RelgraphError, ValidationError
from .issues import Issue, Report
from .page import PageOptions

__all__ = ["Analysis", "Dataset", "Diff", "InputError", "Issue", "OptionError", "OutputError", "OverTime",
           "PageOptions", "RelgraphError", "Report", "ValidationError",
           "diff", "from_frames", "load", "show", "snapshot", "validate"]
__version__ = "0.1.0"
