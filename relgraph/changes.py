"""What changed between two datasets or snapshots: the :class:`Diff`, and :func:`diff` that makes one.

Identity is the relation id. When either side has no usable ids (a relations
CSV exported from elsewhere, with the ``id`` column missing, empty or
repeated), relations are matched on (source, target, relation, start) instead,
and every rendering says so. A relation is *changed* when its identity is on
both sides and any other column differs; :attr:`Diff.changed` lists one row per
changed field (long format: the identity columns, ``field``, ``old``, ``new``).
The comparison is :mod:`relgraph.compare`; the text renderings are
:mod:`relgraph.diff_formats`, the graph page :mod:`relgraph.page`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import diff_formats, readers
from .compare import ID_KEY, apply_changes, compare, match_on
from .dataset import Dataset
from .errors import InputError
from .notebook import DEFAULT_HEIGHT, Inline
from .page import PageOptions, render_html, takes_page_options
from .schema import TABLES, key, schema
from .tables import as_text


@dataclass(frozen=True, eq=False)
class Diff:
    """The changes from ``old`` to ``new``; every output format is a rendering of this one object.

    ``added`` and ``removed`` are relation rows (all columns); ``changed`` has
    one row per changed field: the identity columns (``key``), ``field``,
    ``old``, ``new``. The ``entities_*`` frames are the same for entities, None
    when a side is a bare relations CSV (no entities to compare). ``old`` and
    ``new`` are the two :class:`~relgraph.Dataset` sides (None for a bare
    relations CSV).

    Examples
    --------
    >>> import relgraph
    >>> d = relgraph.diff(relgraph.snapshot(as_of="2024-11-25"), relgraph.snapshot(as_of="2025-07-31"))
    >>> d.to_text().splitlines()[0]
    'relgraph bundled dataset as of 2024-11-25 -> relgraph bundled dataset as of 2025-07-31'
    >>> type(d.old).__name__, d.summary["relations"]["added"] == len(d.added)
    ('Dataset', True)
    """

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    unchanged: int
    entities_added: pd.DataFrame | None
    entities_removed: pd.DataFrame | None
    entities_changed: pd.DataFrame | None
    entities_unchanged: int | None
    key: tuple[str, ...]
    old_name: str
    new_name: str
    old: Dataset | None = None
    new: Dataset | None = None

    @property
    def key_note(self) -> str | None:
        """Why relations were not matched by id, or None when they were."""
        if self.key == ID_KEY:
            return None
        return ("relations have no usable ids (missing, empty or repeated) on at least one side, so they "
                "were matched on (" + ", ".join(self.key) + ")")

    @property
    def summary(self) -> dict:
        """Counts, the identity used and how often each field changed, as a dict."""
        def counts(added, removed, changed, key, unchanged):
            return {"added": len(added), "removed": len(removed),
                    "changed": len(changed.drop_duplicates(list(key))), "unchanged": unchanged}
        ent = None
        if self.entities_added is not None:
            ent = counts(self.entities_added, self.entities_removed, self.entities_changed, ID_KEY,
                         self.entities_unchanged)
        return {"old": self.old_name, "new": self.new_name, "key": list(self.key), "key_note": self.key_note,
                "relations": counts(self.added, self.removed, self.changed, self.key, self.unchanged),
                "entities": ent,
                "changed_fields": {str(k): int(v) for k, v in self.changed["field"].value_counts(sort=False).items()}}

    @property
    def empty(self) -> bool:
        """True when nothing was added, removed or changed."""
        frames = [self.added, self.removed, self.changed, self.entities_added, self.entities_removed,
                  self.entities_changed]
        return all(f is None or f.empty for f in frames)

    def apply(self, old):
        """``old`` with this diff applied: a :class:`~relgraph.Dataset`, or a relations DataFrame for one.

        ``diff(a, b).apply(a)`` has the relations and entities of ``b``.

        Examples
        --------
        >>> import relgraph
        >>> a, b = relgraph.snapshot(as_of="2024-11-25"), relgraph.snapshot(as_of="2025-07-31")
        >>> relgraph.diff(a, b).apply(a).relations.id.tolist() == b.relations.id.tolist()
        True
        """
        frame = old if isinstance(old, pd.DataFrame) else old.relations
        # The citations column is the diff's summary of another table: its rows come from the new side.
        columns = list(frame.columns)
        rel = apply_changes(frame, self.key, self.added.reindex(columns=columns),
                            self.removed.reindex(columns=columns), self.changed[self.changed["field"].isin(columns)])
        if isinstance(old, pd.DataFrame):
            return rel
        ent = old.entities
        if self.entities_added is not None:
            ent = apply_changes(ent, ID_KEY, self.entities_added, self.entities_removed, self.entities_changed)
        out = old.with_relations(rel, ent)
        if self.new is not None:
            citations = self.new.citations[self.new.citations["relation_id"].isin(rel["id"])].reset_index(drop=True)
            out = replace(out, citations=citations)
        return out

    def to_text(self) -> str:
        """A readable plain-text report with aligned tables (long cells cut with an ellipsis)."""
        return diff_formats.to_text(self)

    def to_markdown(self) -> str:
        """A Markdown report (for a pull request or a report), every cell escaped."""
        return diff_formats.to_markdown(self)

    def to_json(self) -> str:
        """The summary and every change as JSON (records; changed fields in long format)."""
        return diff_formats.to_json(self)

    def to_frame(self) -> pd.DataFrame:
        """Every change as one long table (see :func:`relgraph.diff_formats.to_frame`)."""
        return diff_formats.to_frame(self)

    def to_csv(self) -> str:
        """:meth:`to_frame` as CSV text."""
        return diff_formats.to_csv(self)

    @takes_page_options
    def to_html(self, options: PageOptions) -> str:
        """The graph page of both sides: added relations green, removed red and dashed, changed amber
        (old and new values in the details), unchanged grey; counts in the legend.

        Raises :class:`~relgraph.errors.InputError` when a side is a bare relations CSV.

        Parameters
        ----------
        {page_options}
        """
        return self._page(options)

    def _page(self, options: PageOptions) -> str:
        if self.old is None or self.new is None:
            raise InputError("the HTML view needs two datasets (folders, snapshot CSVs or revisions of "
                             "them), not a bare relations CSV")
        old, new = self.old, self.new

        def union(name):
            a, b, cols = getattr(old, name), getattr(new, name), list(key(schema()[name]))
            gone = ~pd.MultiIndex.from_frame(a[cols]).isin(pd.MultiIndex.from_frame(b[cols]))
            return pd.concat([b, a[gone]]).sort_values(cols, kind="stable").reset_index(drop=True)
        both = Dataset(**{name: union(name) for name in TABLES}, name=f"{self.old_name} → {self.new_name}")
        options.check(both)
        if options.focus is not None:
            both = both.ego(options.focus, options.depth)
        change = pd.concat([pd.Series("added", index=self.added["id"]),
                            pd.Series("removed", index=self.removed["id"]),
                            pd.Series("changed", index=self.changed["id"].unique())])
        previous = {rid: dict(zip(g["field"], g["old"])) for rid, g in self.changed.groupby("id", sort=True)}
        return render_html(both, options, diff=change, old=previous)

    @takes_page_options
    def show(self, options: PageOptions, *, height: int = DEFAULT_HEIGHT) -> Inline:
        """:meth:`to_html` displayed inline in a notebook (a sandboxed ``<iframe srcdoc>``).

        Parameters
        ----------
        {page_options}
        height : int, default 600
            Height of the inline page in pixels.
        """
        return Inline(self._page(options), height=height, title=options.title or f"{self.old_name} → {self.new_name}")

    def __repr__(self) -> str:
        return f"<Diff {self.old_name} -> {self.new_name}: " + "; ".join(diff_formats.headline(self)) + ">"

    def _repr_html_(self) -> str:
        return diff_formats.to_html_summary(self)


def as_side(x, caller: str, *, like: Dataset | None = None, seen: dict | None = None):
    """A diff side as a Dataset or a relations DataFrame, and the name a report gives it (None: its own).
    ``like``: the other side, read and validated just before (see :func:`relgraph.readers.read_side`);
    only a Dataset can be known so. ``seen``: a dict; without ``like``, the records of the files read are
    put in it, and with ``like``, it holds those of ``like``'s files."""
    if isinstance(x, Dataset):
        return x, None
    if isinstance(x, pd.DataFrame):
        # Compared as the text a CSV holds: NaN, None and "" are one empty, 1 and "1" one value.
        return x.apply(as_text) if len(x.columns) else x, None
    if not isinstance(x, str) and not hasattr(x, "__fspath__"):
        raise TypeError(f"{caller}(): each side is a Dataset, a relations DataFrame, a path or a 'REV:path' "
                        f"string, not {x!r}")
    if isinstance(like, Dataset):
        known = {**{name: getattr(like, name) for name in TABLES}, "texts": like.texts, "records": seen or {}}
        read = readers.read_side(x, like=known)
    else:
        read = readers.read_side(x, keep=seen)
    # A bare relations CSV has no dataset name: the report names it as it was given.
    return (read, str(x)) if isinstance(read, pd.DataFrame) else (Dataset(**read), None)


CITATIONS_FIELD = "citations"


def _with_citations(ds: Dataset) -> pd.DataFrame:
    """The relations with a ``citations`` column: each relation's further sources (``source: quote``,
    sorted, ``" | "`` between them), so that a diff sees a citation added, removed or requoted."""
    c = ds.citations
    cited = np.full(len(ds.relations), "", dtype=object)
    if len(c):
        text = (c["source_id"] + (": " + c["quote"]).where(c["quote"] != "", "")).groupby(c["relation_id"]).agg(
            lambda s: " | ".join(sorted(s)))
        at = pd.Index(ds.relations["id"], dtype=object).get_indexer(text.index)
        found = at >= 0
        cited[at[found]] = text.to_numpy(dtype=object)[found]
    return ds.relations.assign(**{CITATIONS_FIELD: cited})


def _name(side, given: str | None, default: str) -> str:
    if given or isinstance(side, pd.DataFrame):
        return given or default
    info = side.snapshot_info or {}
    when = [f"as of {info['as_of']}"] if info.get("as_of") else []
    when += [f"known by {info['known_by']}"] if info.get("known_by") else []
    return " ".join([side.name, *when])


def diff(old, new) -> Diff:
    """What changed from ``old`` to ``new``: a :class:`Diff`.

    Each side is a :class:`~relgraph.Dataset`, a relations DataFrame, a dataset
    folder, a snapshot CSV, a bare relations CSV, or a git revision ``REV:path``.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> d = relgraph.diff(ds.snapshot("2023-06-30"), ds.snapshot("2024-11-25"))
    >>> d.apply(d.old).relations.id.tolist() == d.new.relations.id.tolist()
    True
    >>> set(d.added.id) == set(d.new.relations.id) - set(d.old.relations.id)
    True
    """
    seen = {}
    a, a_name = as_side(old, "relgraph.diff", seen=seen)
    # A first side read here is valid: the second is then read knowing it (the same records are not parsed
    # and the same rows not checked one by one again). A Dataset given as it is may have been changed since
    # it was validated.
    first = None if isinstance(old, Dataset) else a
    b, b_name = as_side(new, "relgraph.diff", like=first, seen=seen if first is not None else None)
    del seen  # the first side's records: not held while the sides are compared
    both = isinstance(a, Dataset) and isinstance(b, Dataset)
    old_rel = a if isinstance(a, pd.DataFrame) else a.relations
    new_rel = b if isinstance(b, pd.DataFrame) else b.relations
    if both:  # a source added to or taken from a relation is a change of that relation
        old_rel, new_rel = _with_citations(a), _with_citations(b)
    key, *index = match_on(old_rel, new_rel)
    added, removed, changed, unchanged = compare(old_rel, new_rel, key, index)
    ent = compare(a.entities, b.entities, ID_KEY) if both else (None, None, None, None)
    return Diff(added, removed, changed, unchanged, *ent, key=key,
                old_name=_name(a, a_name, "old"), new_name=_name(b, b_name, "new"),
                old=a if both else None, new=b if both else None)
