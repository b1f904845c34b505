"""The text renderings of a :class:`relgraph.Diff`: plain text, Markdown, JSON, CSV and the notebook summary.

Each function takes the diff and returns a string (or a DataFrame); the diff's
methods delegate to them. The graph page of a diff is :meth:`relgraph.Diff.to_html`.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from .compare import ID_KEY
from .notebook import report_html
from .outputs import csv_text, one_line, spreadsheet_safe, visible, visible_cells

_SHOWN = ("id", "source", "relation", "target", "start", "end", "status")
_ENTITY_SHOWN = ("id", "name", "kind")
_CELL_WIDTH = 48  # terminal table cells are cut here; the other formats keep every character


def sections(d) -> list[tuple[str, pd.DataFrame]]:
    """The non-empty tables of a report, each with its title and count."""
    def changed(what, frame, key):
        return f"{what} changed ({len(frame.drop_duplicates(list(key)))}; {len(frame)} fields)", frame
    shown = [c for c in _SHOWN if c in d.added.columns or c in d.key]

    def relations(frame):  # a reader must not take an empty start for a missing cell
        frame = frame.reindex(columns=shown)
        return frame.assign(start=frame["start"].replace("", "unknown")) if "start" in frame.columns else frame
    out = [(f"Relations added ({len(d.added)})", relations(d.added)),
           (f"Relations removed ({len(d.removed)})", relations(d.removed)),
           changed("Relations", d.changed, d.key)]
    if d.entities_added is not None:
        out += [(f"Entities added ({len(d.entities_added)})", d.entities_added.reindex(columns=list(_ENTITY_SHOWN))),
                (f"Entities removed ({len(d.entities_removed)})",
                 d.entities_removed.reindex(columns=list(_ENTITY_SHOWN))),
                changed("Entities", d.entities_changed, ID_KEY)]
    return [(title, frame) for title, frame in out if len(frame)]


def headline(d) -> list[str]:
    """The counts, one line for relations and one for entities, and the identity note if any."""
    s = d.summary

    def line(what, c):
        return (f"{what}: {c['added']} added, {c['removed']} removed, {c['changed']} changed, "
                f"{c['unchanged']} unchanged")
    lines = [line("relations", s["relations"])]
    lines.append(line("entities", s["entities"]) if s["entities"] else "entities: not compared "
                 "(a side is a bare relations CSV)")
    if d.key_note:
        lines.append(f"note: {d.key_note}")
    return lines


def to_text(d) -> str:
    """A readable plain-text report with aligned tables (long cells cut with an ellipsis)."""
    out = [visible(f"{d.old_name} -> {d.new_name}", newlines=False), *map(visible, headline(d))]
    for title, frame in sections(d):
        out += ["", title, _text_table(frame)]
    return "\n".join(out) + "\n"


def to_markdown(d) -> str:
    """A Markdown report (for a pull request or a report), every cell escaped."""
    out = [f"## Changes: {_md(d.old_name)} → {_md(d.new_name)}", "",
           *(f"- {_md(line)}" for line in headline(d))]
    for title, frame in sections(d):
        out += ["", f"### {title}", "", _md_table(frame)]
    return "\n".join(out) + "\n"


def to_json(d) -> str:
    """The summary and every change as JSON (records; changed fields in long format)."""
    def records(f):
        return None if f is None else f.to_dict("records")
    doc = {"summary": d.summary,
           "relations": {"added": records(d.added), "removed": records(d.removed), "changed": records(d.changed)},
           "entities": None if d.entities_added is None else
           {"added": records(d.entities_added), "removed": records(d.entities_removed),
            "changed": records(d.entities_changed)}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_frame(d) -> pd.DataFrame:
    """Every change as one long table: ``table``, ``change``, the identity columns, ``field``, ``old``, ``new``.

    Added and removed rows are spread out one field per line (new or old
    value only), so the table holds everything needed to replay the diff.
    When relations were matched without ids, a first row with ``change`` =
    ``note`` says so.
    """
    ids = list(dict.fromkeys([*ID_KEY, *d.key]))
    parts = [_long("relations", d.key, d.added, d.removed, d.changed)]
    if d.entities_added is not None:
        parts.append(_long("entities", ID_KEY, d.entities_added, d.entities_removed, d.entities_changed))
    if d.key_note:
        parts.insert(0, pd.DataFrame([{"table": "relations", "change": "note", "field": "key", "new": d.key_note}]))
    columns = ["table", "change", *ids, "field", "old", "new"]
    return pd.concat(parts, ignore_index=True).reindex(columns=columns, fill_value="").fillna("")


def to_csv(d) -> str:
    """:func:`to_frame` as CSV text, safe to open in a spreadsheet: a cell that would run as a formula
    (``=``, ``+``, ``-``, ``@``, tab, CR first) is prefixed with ``'``
    (:func:`relgraph.outputs.spreadsheet_safe`; :func:`~relgraph.outputs.from_spreadsheet_safe` undoes it)."""
    return csv_text(to_frame(d).astype(str).apply(spreadsheet_safe))


def to_html_summary(d) -> str:
    """The notebook summary of a diff: its counts and change tables, escaped."""
    return report_html(f"{d.old_name} → {d.new_name}", headline(d), sections(d))


def _long(table: str, key, added, removed, changed) -> pd.DataFrame:
    def spread(frame, change, side):
        melted = frame.melt(id_vars=list(key), var_name="field", value_name=side)
        return melted.assign(table=table, change=change)
    return pd.concat([spread(added, "added", "new"), spread(removed, "removed", "old"),
                      changed.assign(table=table, change="changed")], ignore_index=True)


def _text_table(frame: pd.DataFrame) -> str:
    """The frame as aligned plain text: cells on one line, control characters shown as escapes (never sent),
    long ones cut with an ellipsis. Each column's distinct values are made into cells once.

    Examples
    --------
    >>> print(_text_table(pd.DataFrame({"id": ["r1", "r22"], "note": ["a\\nb", "\\x1b[2J"]})))
    id   note
    ---  -------
    r1   a b
    r22  \\x1b[2J
    """
    columns, widths = [], []
    for c in frame.columns:
        codes, values = pd.factorize(frame[c].astype(str).to_numpy(dtype=object))
        cells = visible_cells(one_line(pd.Series(values, dtype=object)))
        cells = cells.where(cells.str.len() <= _CELL_WIDTH, cells.str.slice(0, _CELL_WIDTH - 1) + "…")
        widths.append(max([len(c), *cells.str.len()]))
        columns.append(cells.str.pad(widths[-1], side="right").to_numpy(dtype=object)[codes])
    header = "  ".join(c.ljust(w) for c, w in zip(frame.columns, widths)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = np.full(len(frame), "", dtype=object)
    for i, column in enumerate(columns):
        body = body + ("  " if i else "") + column  # numpy object arrays: one concatenation per cell, in C
    return "\n".join([header, rule, *map(str.rstrip, body)])


def _md(text) -> str:
    """Markdown-safe text: no table breaks, no HTML, no emphasis or links from the data."""
    return pd.Series([text]).pipe(_md_escape).iloc[0]


def _md_escape(s: pd.Series) -> pd.Series:
    s = visible_cells(one_line(s))
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        s = s.str.replace(char, entity, regex=False)
    return s.str.replace(r"([\\`*_\[\]|#])", r"\\\1", regex=True)


def _md_table(frame: pd.DataFrame) -> str:
    cells = frame.astype(str).apply(_md_escape)
    header = "| " + " | ".join(_md(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = pd.Series("|", index=cells.index)
    for c in cells.columns:
        body = body + " " + cells[c] + " |"
    return "\n".join([header, rule, *body])
