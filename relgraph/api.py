"""The public, notebook-friendly API: :class:`Dataset` and the functions that make one."""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .dataset import Tables, frames_tables, source_texts
from .snapfile import read_dataset, snapshot_csv, validate_path
from .diff import diff_tables
from .report import Diff
from .files import write_atomic
from .errors import InputError
from .graph import build_graph
from .notebook import DEFAULT_HEIGHT, Inline, dataset_html
from .render import render_html
from .inputs import read_side
from .snapshot import DEFAULT_RULE, DEFAULT_WINDOW, snapshot_tables
from .schema import bundled_data_dir

if TYPE_CHECKING:  # networkx is imported by graph() alone: validate, render and diff don't need it
    import networkx as nx


class Dataset(Tables):
    """A validated dataset: ``entities``, ``relations``, ``relation_types``, ``sources``.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> list(ds.relations.columns[:4])
    ['id', 'source', 'target', 'relation']
    >>> ds.filter(relation="recognition").relations.relation.unique().tolist()
    ['recognition']
    """

    def graph(self) -> nx.MultiDiGraph:
        """The relation graph: a networkx MultiDiGraph keyed by relation id (see :func:`relgraph.graph.build_graph`).

        Examples
        --------
        >>> import relgraph
        >>> relgraph.load().graph().edges["russia", "iea", "r036"]["relation"]
        'recognition'
        """
        return build_graph(self)

    def filter(self, *, relation=None, kind=None, status=None) -> Dataset:
        """Relations of the given types and statuses between entities of the given kinds.

        Each argument is one value or a list. Entities are kept if they match
        ``kind``; relations if they match ``relation`` and ``status`` and both
        ends are kept. Use :meth:`drop_isolated` to remove entities left alone.
        """
        def wanted(col: pd.Series, value) -> pd.Series:
            if value is None:
                return pd.Series(True, index=col.index)
            return col.isin([value] if isinstance(value, str) else list(value))

        ent = self.entities[wanted(self.entities["kind"], kind)]
        rel = self.relations
        keep = (wanted(rel["relation"], relation) & wanted(rel["status"], status)
                & rel["source"].isin(ent["id"]) & rel["target"].isin(ent["id"]))
        return self.with_relations(rel[keep], ent)

    def drop_isolated(self) -> Dataset:
        """The dataset without entities that have no relation.

        Examples
        --------
        >>> import relgraph
        >>> attacks = relgraph.load().filter(relation="attack")
        >>> len(attacks.entities), len(attacks.drop_isolated().entities)
        (19, 10)
        """
        rel = self.relations
        return self.with_relations(rel, self.entities[self.entities["id"].isin(pd.concat([rel["source"], rel["target"]]))])

    def ego(self, entity: str, depth: int = 1) -> Dataset:
        """The entities within ``depth`` hops of ``entity`` (either direction) and the relations among them.

        Raises :class:`~relgraph.errors.InputError` for an unknown entity id,
        naming the closest ids and names.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load()
        >>> sorted(ds.ego("tajikistan", 1).entities.id)
        ['iskp', 'tajikistan']
        >>> len(ds.ego("tajikistan", 2).entities) > 2
        True
        """
        ids, rel = self.entities["id"], self.relations
        if not ids.eq(entity).any():
            names = dict(zip(self.entities["name"].str.lower(), ids))
            close = difflib.get_close_matches(entity, ids.tolist(), n=5) + [
                names[n] for n in difflib.get_close_matches(entity.lower(), list(names), n=5)]
            hint = f"; close matches: {', '.join(dict.fromkeys(close))}" if close else ""
            raise InputError(f"no entity with id {entity!r}{hint}")
        if depth < 0:
            raise ValueError(f"depth must be 0 or more, not {depth}")
        # Breadth-first by whole columns: one isin per hop, whatever the number of relations.
        reached = frontier = pd.Index([entity])
        for _ in range(depth):
            touching = rel["source"].isin(frontier) | rel["target"].isin(frontier)
            frontier = pd.Index(pd.concat([rel["source"][touching], rel["target"][touching]]).unique()).difference(reached)
            if frontier.empty:
                break
            reached = reached.union(frontier)
        keep = rel["source"].isin(reached) & rel["target"].isin(reached)
        return self.with_relations(rel[keep], self.entities[ids.isin(reached)])

    def snapshot(self, as_of, *, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW) -> Dataset:
        """The relations in force on ``as_of`` (see :mod:`relgraph.snapshot`) and the entities they name.

        Examples
        --------
        >>> import relgraph
        >>> len(relgraph.load().snapshot("2025-07-31").relations)
        34
        """
        return snapshot_tables(self, as_of, rule=rule, window=window)

    def to_csv(self, path=None) -> str:
        """The dataset as one canonical snapshot CSV (see :mod:`relgraph.snapshot`); written atomically
        to ``path`` if given. :func:`load` reads it back as the same dataset.

        Examples
        --------
        >>> import relgraph
        >>> relgraph.load().snapshot("2025-07-31").to_csv().splitlines()[1][:30]
        'snapshot,,,,,,,,,,,,,,,,,,,,,,'
        """
        text = snapshot_csv(self, source_texts(self))
        if path is not None:
            write_atomic(path, text)
        return text

    def to_html(self, *, focus: str | None = None, depth: int = 1, **options) -> str:
        """The interactive page as a string, as ``relgraph render`` writes it.

        Options are those of ``relgraph render``: ``title``, ``physics``,
        ``as_of``, ``relation``, ``kind``, and ``focus`` with ``depth``, which
        keep only that entity's ego network (:meth:`ego`) and select it.

        Examples
        --------
        >>> import relgraph
        >>> page = relgraph.load().to_html(focus="ttp", as_of="2024-11-25")
        >>> page.startswith("<!DOCTYPE html>"), "Tehrik-i-Taliban Pakistan" in page
        (True, True)
        """
        ds = self if focus is None else self.ego(focus, depth)
        return render_html(ds, focus=focus, **options)

    def write_html(self, path, **options) -> Path:
        """Write the page of :meth:`to_html` to ``path`` atomically."""
        return write_atomic(path, self.to_html(**options))

    def show(self, *, height: int = DEFAULT_HEIGHT, **options) -> Inline:
        """The interactive page of :meth:`to_html` displayed inline in a notebook.

        ``height`` is in pixels. Writes no file: the page is embedded in a
        sandboxed ``<iframe srcdoc>``.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load()
        >>> ds.show(height=400).page == ds.to_html()
        True
        >>> ds.show(focus="ttp").page == ds.ego("ttp").to_html(focus="ttp")
        True
        """
        return Inline(self.to_html(**options), height=height, title=options.get("title") or self.name)

    def _repr_html_(self) -> str:
        return dataset_html(self)

    def summary(self) -> dict:
        """Counts and the date range, as a dict: the size of each table (the vocabulary of relation
        types, even those no relation uses) and the first and last date written.

        Examples
        --------
        >>> import relgraph
        >>> s = relgraph.load().snapshot("2025-07-31").summary()
        >>> s["relations"], s["relation_types"], s["last_date"]
        (34, 16, '2025-07-03')
        """
        dated = pd.concat([self.relations["start"], self.relations["end"]])
        dated = dated[dated != ""]
        return {
            "name": self.name,
            "entities": len(self.entities),
            "relations": len(self.relations),
            "relation_types": len(self.relation_types),
            "sources": len(self.sources),
            "first_date": dated.min() if len(dated) else None,
            "last_date": dated.max() if len(dated) else None,
        }

    def __repr__(self) -> str:
        s = self.summary()
        span = f", {s['first_date']} to {s['last_date']}" if s["first_date"] else ""
        return f"<Dataset {s['name']!r}: {s['entities']} entities, {s['relations']} relations{span}>"


def load(path=None) -> Dataset:
    """Read and validate a dataset folder or snapshot CSV; the bundled dataset when ``path`` is None.

    Raises :class:`~relgraph.errors.ValidationError` listing every problem, and
    :class:`~relgraph.errors.InputError` when ``path`` is neither a folder nor a snapshot CSV.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> ds.relations.id.is_unique
    True
    """
    base = Path(path) if path is not None else bundled_data_dir()
    name = "relgraph bundled dataset" if path is None else base.resolve().name
    return Dataset(**read_dataset(base), name=name, base=base if not base.is_file() else base.parent)


# relgraph.snapshot and relgraph.diff ----------------------------------------------------------------

def snapshot(data=None, *, as_of, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW) -> Dataset:
    """The relations in force on ``as_of`` and the entities they need: :meth:`Dataset.snapshot` of ``data``.

    ``data`` is a :class:`Dataset`, a dataset folder or snapshot CSV, or None
    for the bundled data. ``rule`` is ``"possible"`` (the default) or
    ``"certain"``; ``window`` is in days for events, None for all of them.
    ``.to_csv()`` gives the canonical CSV that ``relgraph snapshot`` writes.

    Examples
    --------
    >>> import relgraph
    >>> s = relgraph.snapshot(as_of="2025-07-31")
    >>> s.snapshot_info
    {'as_of': '2025-07-31', 'rule': 'possible', 'window': 365}
    >>> "r036" in set(s.relations.id), "r034" in set(s.relations.id)
    (True, False)
    """
    ds = data if isinstance(data, Dataset) else load(data)
    return ds.snapshot(as_of, rule=rule, window=window)


def diff(old, new) -> Diff:
    """What changed from ``old`` to ``new``: a :class:`~relgraph.report.Diff`.

    Each side is a :class:`Dataset`, a relations DataFrame, a dataset folder,
    a snapshot CSV, a bare relations CSV, or a git revision ``REV:path``.

    Examples
    --------
    >>> import relgraph
    >>> d = relgraph.diff(relgraph.snapshot(as_of="2023-06-30"), relgraph.snapshot(as_of="2024-11-25"))
    >>> sorted(set(d.added.id) & {"r021", "r038", "r040"})
    ['r021', 'r038', 'r040']
    """
    def side(x):
        return x if isinstance(x, (Tables, pd.DataFrame)) else read_side(x)

    def name(x, read):  # a bare relations CSV has no dataset name: the report names it as it was given
        return str(x) if isinstance(read, pd.DataFrame) and not isinstance(x, pd.DataFrame) else None
    a, b = side(old), side(new)
    return Diff.of(diff_tables(a, b, old_name=name(old, a), new_name=name(new, b)))


def validate(path=None) -> list:
    """Every problem of a dataset folder or snapshot CSV as :class:`~relgraph.errors.Issue` records;
    empty if valid. A path that is neither raises :class:`~relgraph.errors.InputError`.

    Examples
    --------
    >>> import relgraph
    >>> relgraph.validate()
    []
    """
    return validate_path(path)


def show(data=None, *, height: int = DEFAULT_HEIGHT, **options) -> Inline:
    """Display a dataset's interactive page inline: :meth:`Dataset.show` of ``data``.

    ``data`` is a :class:`Dataset`, a dataset folder, or None for the bundled data.

    Examples
    --------
    >>> import relgraph
    >>> relgraph.show(title="Bundled")  # doctest: +ELLIPSIS
    <relgraph inline page 'Bundled', ... characters, 600 px high>
    """
    ds = data if isinstance(data, Dataset) else load(data)
    return ds.show(height=height, **options)


def from_frames(entities: pd.DataFrame, relations: pd.DataFrame, relation_types: pd.DataFrame | None = None,
                sources: pd.DataFrame | None = None, *, name: str = "dataset", base=None) -> Dataset:
    """Build and validate a dataset from DataFrames.

    ``relation_types`` and ``sources`` default to the bundled vocabulary and
    sources. Source texts (``sources.file``) are looked up under ``base``
    (default: the bundled data folder when the bundled sources are used).
    Raises :class:`~relgraph.errors.ValidationError` listing every problem,
    with rows numbered as in a CSV (header = row 1).

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> two = relgraph.from_frames(ds.entities[ds.entities.id.isin(["russia", "taliban"])],
    ...                            ds.relations[ds.relations.id.isin(["r034", "r035"])], name="two")
    >>> two
    <Dataset 'two': 2 entities, 2 relations, 2003-02-14 to 2025-04-17>
    """
    bundled = None
    if relation_types is None or sources is None:
        bundled = load()
    base = Path(base) if base is not None else (bundled.base if bundled is not None and sources is None else None)
    frames = {"entities": entities, "relations": relations,
              "relation_types": bundled.relation_types if relation_types is None else relation_types,
              "sources": bundled.sources if sources is None else sources}
    return Dataset(**frames_tables(frames, base), name=name, base=base)
