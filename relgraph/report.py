"""Renderings of a :class:`~relgraph.diff.Diff`: text, Markdown, JSON, CSV, the diff page, notebook display.

The comparison itself lives in :mod:`relgraph.diff`; this view layer only formats it.
"""
from __future__ import annotations

import json
from dataclasses import fields

import pandas as pd

from . import diff
from .dataset import Tables
from .diff import ID_KEY
from .errors import InputError
from .notebook import DEFAULT_HEIGHT, Inline, report_html
from .render import render_html

_SHOWN = ("id", "source", "relation", "target", "start", "end", "status")
_ENTITY_SHOWN = ("id", "name", "kind")
_CELL_WIDTH = 48  # terminal table cells are cut here; the other formats keep every character


class Diff(diff.Diff):
    """A :class:`relgraph.diff.Diff` with its renderings; what :func:`relgraph.diff` returns.

    Examples
    --------
    >>> import relgraph
    >>> d = relgraph.diff(relgraph.snapshot(as_of="2024-11-25"), relgraph.snapshot(as_of="2025-07-31"))
    >>> d.to_text().splitlines()[1]
    'relations: 2 added, 5 removed, 0 changed, 32 unchanged'
    >>> d  # doctest: +ELLIPSIS
    <Diff relgraph bundled dataset as of 2024-11-25 -> ... as of 2025-07-31: relations: 2 added, 5 removed, ...>
    """

    @classmethod
    def of(cls, changes: diff.Diff) -> Diff:
        """The same changes, with renderings."""
        return cls(**{f.name: getattr(changes, f.name) for f in fields(changes)})

    def _sections(self) -> list[tuple[str, pd.DataFrame]]:
        """The non-empty tables of a report, each with its title and count."""
        def changed(what, frame, key):
            return f"{what} changed ({len(frame.drop_duplicates(list(key)))}; {len(frame)} fields)", frame
        shown = [c for c in _SHOWN if c in self.added.columns or c in self.key]
        out = [(f"Relations added ({len(self.added)})", self.added.reindex(columns=shown)),
               (f"Relations removed ({len(self.removed)})", self.removed.reindex(columns=shown)),
               changed("Relations", self.changed, self.key)]
        if self.entities_added is not None:
            out += [(f"Entities added ({len(self.entities_added)})", self.entities_added.reindex(columns=list(_ENTITY_SHOWN))),
                    (f"Entities removed ({len(self.entities_removed)})",
                     self.entities_removed.reindex(columns=list(_ENTITY_SHOWN))),
                    changed("Entities", self.entities_changed, ID_KEY)]
        return [(title, frame) for title, frame in out if len(frame)]

    def _headline(self) -> list[str]:
        s = self.summary

        def line(what, c):
            return (f"{what}: {c['added']} added, {c['removed']} removed, {c['changed']} changed, "
                    f"{c['unchanged']} unchanged")
        lines = [line("relations", s["relations"])]
        lines.append(line("entities", s["entities"]) if s["entities"] else "entities: not compared "
                     "(a side is a bare relations CSV)")
        if self.key_note:
            lines.append(f"note: {self.key_note}")
        return lines

    def to_text(self) -> str:
        """A readable plain-text report with aligned tables (long cells cut with an ellipsis)."""
        out = [f"{self.old_name} -> {self.new_name}", *self._headline()]
        for title, frame in self._sections():
            out += ["", title, _text_table(frame)]
        return "\n".join(out) + "\n"

    def to_markdown(self) -> str:
        """A Markdown report (for a pull request or a report), every cell escaped."""
        out = [f"## Changes: {_md(self.old_name)} → {_md(self.new_name)}", "",
               *(f"- {_md(line)}" for line in self._headline())]
        for title, frame in self._sections():
            out += ["", f"### {title}", "", _md_table(frame)]
        return "\n".join(out) + "\n"

    def to_json(self) -> str:
        """The summary and every change as JSON (records; changed fields in long format)."""
        def records(f):
            return None if f is None else f.to_dict("records")
        doc = {"summary": self.summary,
               "relations": {"added": records(self.added), "removed": records(self.removed),
                             "changed": records(self.changed)},
               "entities": None if self.entities_added is None else
               {"added": records(self.entities_added), "removed": records(self.entities_removed),
                "changed": records(self.entities_changed)}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def to_frame(self) -> pd.DataFrame:
        """Every change as one long table: ``table``, ``change``, the identity columns, ``field``, ``old``, ``new``.

        Added and removed rows are spread out one field per line (new or old
        value only), so the table holds everything needed to replay the diff.
        When relations were matched without ids, a first row with ``change`` =
        ``note`` says so.
        """
        ids = list(dict.fromkeys([*ID_KEY, *self.key]))
        parts = [_long("relations", self.key, self.added, self.removed, self.changed)]
        if self.entities_added is not None:
            parts.append(_long("entities", ID_KEY, self.entities_added, self.entities_removed,
                               self.entities_changed))
        if self.key_note:
            parts.insert(0, pd.DataFrame([{"table": "relations", "change": "note", "field": "key",
                                           "new": self.key_note}]))
        columns = ["table", "change", *ids, "field", "old", "new"]
        return pd.concat(parts, ignore_index=True).reindex(columns=columns, fill_value="").fillna("")

    def to_csv(self) -> str:
        """:meth:`to_frame` as CSV text."""
        return self.to_frame().to_csv(index=False, lineterminator="\n")

    def to_html(self, **options) -> str:
        """The graph page of both sides: added relations green, removed red and dashed, changed amber
        (old and new values in the details), unchanged grey; counts in the legend.

        Options are those of :func:`relgraph.render.page_data`.
        """
        if self.old is None or self.new is None:
            raise InputError("the HTML view needs two datasets (folders, snapshot CSVs or revisions of "
                             "them), not a bare relations CSV")
        old, new = self.old, self.new

        def union(name):
            a, b = getattr(old, name), getattr(new, name)
            return pd.concat([b, a[~a["id"].isin(b["id"])]]).sort_values("id", kind="stable").reset_index(drop=True)
        both = Tables(entities=union("entities"), relations=union("relations"),
                      relation_types=union("relation_types"), sources=union("sources"),
                      name=f"{self.old_name} → {self.new_name}")
        change = pd.concat([pd.Series("added", index=self.added["id"]),
                            pd.Series("removed", index=self.removed["id"]),
                            pd.Series("changed", index=self.changed["id"].unique())])
        previous = {rid: dict(zip(g["field"], g["old"])) for rid, g in self.changed.groupby("id", sort=True)}
        return render_html(both, **{"title": both.name, **options, "diff": change, "old": previous})

    def show(self, *, height: int = DEFAULT_HEIGHT, **options) -> Inline:
        """:meth:`to_html` displayed inline in a notebook (a sandboxed ``<iframe srcdoc>``)."""
        return Inline(self.to_html(**options), height=height, title=f"{self.old_name} → {self.new_name}")

    def __repr__(self) -> str:
        return f"<Diff {self.old_name} -> {self.new_name}: " + "; ".join(self._headline()) + ">"

    def _repr_html_(self) -> str:
        return report_html(f"{self.old_name} → {self.new_name}", self._headline(),
                           self._sections())


def _long(table: str, key, added, removed, changed) -> pd.DataFrame:
    def spread(frame, change, side):
        melted = frame.melt(id_vars=list(key), var_name="field", value_name=side)
        return melted.assign(table=table, change=change)
    return pd.concat([spread(added, "added", "new"), spread(removed, "removed", "old"),
                      changed.assign(table=table, change="changed")], ignore_index=True)


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(str).apply(lambda c: c.str.replace(r"\s+", " ", regex=True))


def _text_table(frame: pd.DataFrame) -> str:
    cells = _cells(frame).apply(lambda c: c.where(c.str.len() <= _CELL_WIDTH,
                                                  c.str.slice(0, _CELL_WIDTH - 1) + "…"))
    widths = {c: max(len(c), int(cells[c].str.len().max())) for c in cells.columns}
    header = "  ".join(c.ljust(widths[c]) for c in cells.columns).rstrip()
    rule = "  ".join("-" * widths[c] for c in cells.columns)
    body = pd.Series("", index=cells.index)
    for i, c in enumerate(cells.columns):
        body = body + ("  " if i else "") + cells[c].str.pad(widths[c], side="right")
    return "\n".join([header, rule, *body.str.rstrip()])


def _md(text) -> str:
    """Markdown-safe text: no table breaks, no HTML, no emphasis or links from the data."""
    return pd.Series([text]).pipe(_md_escape).iloc[0]


def _md_escape(s: pd.Series) -> pd.Series:
    s = s.astype(str).str.replace(r"\s+", " ", regex=True)
    s = s.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False).str.replace(">", "&gt;", regex=False)
    return s.str.replace(r"([\\`*_\[\]|#])", r"\\\1", regex=True)


def _md_table(frame: pd.DataFrame) -> str:
    cells = frame.astype(str).apply(_md_escape)
    header = "| " + " | ".join(_md(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = pd.Series("|", index=cells.index)
    for c in cells.columns:
        body = body + " " + cells[c] + " |"
    return "\n".join([header, rule, *body])
