"""Notebook display: the interactive page inline, and HTML summaries of datasets and problems.

Jupyter shows an object through its ``_repr_html_``. The page is displayed as
``<iframe srcdoc="...">``: the whole page travels, escaped, inside the
attribute, so no file is written and nothing is fetched. That works in
JupyterLab, classic Notebook and VS Code alike, where an iframe pointing at a
file stays blank. The sandbox gives each page its own opaque origin (scripts
run, ``allow-same-origin`` is withheld): several graphs in one notebook share
no ids, globals or storage, and a page cannot reach the notebook around it.
Popups are allowed, and escape the sandbox, only so that a source's link opens
as an ordinary tab; downloads, so that the page's images can be saved.

This module only formats HTML and imports nothing else from relgraph, so any
layer may use it. Every piece of data text is escaped.
"""
from __future__ import annotations

import html

import pandas as pd

DEFAULT_HEIGHT = 600  # px: the page's graph, filters and details panel fit without scrolling
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"


def iframe(page: str, *, height: int = DEFAULT_HEIGHT, title: str = "relgraph") -> str:
    """The page as a sandboxed ``<iframe srcdoc>`` element, full width and ``height`` pixels high.

    Examples
    --------
    >>> iframe('<p class="x">a & b</p>', height=100)  # doctest: +NORMALIZE_WHITESPACE
    '<iframe srcdoc="&lt;p class=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;"
     sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads" title="relgraph"
     style="box-sizing:border-box;width:100%;height:100px;border:1px solid #ddd"></iframe>'
    """
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="{SANDBOX}" '
            f'title="{html.escape(title, quote=True)}" '
            f'style="box-sizing:border-box;width:100%;height:{_pixels(height)}px;border:1px solid #ddd"></iframe>')


def _pixels(height) -> int:
    # bool is an int; a height of True is a mistake, not 1px.
    if isinstance(height, bool) or not isinstance(height, int) or height <= 0:
        raise ValueError(f"height must be a positive number of pixels, not {height!r}")
    return height


class Inline:
    """An HTML page shown inline by Jupyter; ``page`` is the document itself.

    Returned by :meth:`relgraph.Dataset.show` and :func:`relgraph.show`. It
    writes nothing and prints nothing: displaying it (as a cell's last value or
    with ``IPython.display.display``) shows the page.

    Examples
    --------
    >>> view = Inline("<!DOCTYPE html><title>t</title>", height=300, title="t")
    >>> view
    <relgraph inline page 't', 31 characters, 300 px high>
    >>> view._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """

    def __init__(self, page: str, *, height: int = DEFAULT_HEIGHT, title: str = "relgraph"):
        self.page = page
        self.height = _pixels(height)
        self.title = title

    def _repr_html_(self) -> str:
        return iframe(self.page, height=self.height, title=self.title)

    def __repr__(self) -> str:
        return f"<relgraph inline page {self.title!r}, {len(self.page)} characters, {self.height} px high>"


def counts_text(values: pd.Series) -> str:
    """``value n`` pairs, most frequent first (ties by value), comma separated.

    Examples
    --------
    >>> counts_text(pd.Series(["b", "a", "b", "c", "a", "b"]))
    'b 3, a 2, c 1'
    """
    counts = values.value_counts()
    counts = counts.rename_axis("value").reset_index().sort_values(["count", "value"], ascending=[False, True])
    return ", ".join(f"{v} {n}" for v, n in zip(counts["value"], counts["count"]))


def table_html(frame: pd.DataFrame) -> str:
    """The frame as an escaped HTML table without index, missing values blank."""
    # na_rep misses pd.NA in nullable columns (the row number of a file-level issue).
    return frame.astype(object).fillna("").to_html(index=False, escape=True, border=0)


MAX_TABLE_ROWS = 100  # a notebook output stays readable; the full frames are an attribute away


def report_html(heading: str, lines: list[str],
                tables: list[tuple[str, pd.DataFrame]] = (), *, max_rows: int = MAX_TABLE_ROWS) -> str:
    """A heading, a list of lines and captioned tables (``max_rows`` rows each), every text escaped.

    The common shape of the notebook summaries of datasets, diffs and validation problems.

    Examples
    --------
    >>> report_html("<b>x</b>", ["rows: 2 & more"])
    '<div class="relgraph-report"><strong>&lt;b&gt;x&lt;/b&gt;</strong><ul><li>rows: 2 &amp; more</li></ul></div>'
    >>> print(report_html("t", [], [("Rows", pd.DataFrame({"a": [1, 2, 3]}))], max_rows=2))  # doctest: +ELLIPSIS
    <div class="relgraph-report"><strong>t</strong><p>Rows (first 2 of 3)</p><table...<td>2</td>...
    """
    esc = html.escape
    parts = [f'<div class="relgraph-report"><strong>{esc(heading)}</strong>']
    if lines:
        parts.append("<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>")
    for caption, frame in tables:
        if len(frame) > max_rows:
            caption = f"{caption} (first {max_rows} of {len(frame)})".strip()
        parts.append((f"<p>{esc(caption)}</p>" if caption else "") + table_html(frame.head(max_rows)))
    parts.append("</div>")
    return "".join(parts)


RELATION_HEAD_COLUMNS = ["id", "source", "relation", "target", "start", "end", "status", "claimed_by"]


def dataset_html(ds, *, head: int = 5) -> str:
    """The notebook summary of a dataset: counts by kind, type and status, date range, first relations.

    ``ds`` is a :class:`relgraph.Dataset` (anything with its tables and ``summary()``).
    """
    s = ds.summary()
    ent, rel = ds.entities, ds.relations
    lines = [f"entities: {len(ent)}" + (f" ({counts_text(ent['kind'])})" if len(ent) else ""),
             f"relations: {len(rel)}" + (f" ({s['relation_types']} types)" if len(rel) else "")]
    if len(rel):
        lines += [f"by type: {counts_text(rel['relation'])}", f"by status: {counts_text(rel['status'])}"]
    if s["first_date"]:
        lines.append(f"dates: {s['first_date']} to {s['last_date']}")
    lines.append(f"sources: {s['sources']}")
    return report_html(s["name"], lines, [("Relations", rel[RELATION_HEAD_COLUMNS])] if len(rel) else [],
                       max_rows=head)


def issues_html(heading: str, issues: pd.DataFrame) -> str:
    """The notebook view of validation problems: a heading, counts by code, a row each."""
    lines = [f"by code: {counts_text(issues['code'])}"] if len(issues) else []
    return report_html(heading, lines, [("", issues)] if len(issues) else [])
