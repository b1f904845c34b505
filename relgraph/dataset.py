"""The :class:`Dataset`: one validated dataset, and the functions that make one.

Every dataset a user can reach is a :class:`Dataset`: what :func:`load` and
:func:`from_frames` return, both sides of a :class:`relgraph.Diff`, and the
result of :meth:`Dataset.filter`, :meth:`Dataset.snapshot` and
:meth:`Dataset.ego`. Renderings live in their own modules (:mod:`relgraph.page`,
:mod:`relgraph.snapshot_csv`, :mod:`relgraph.graph`); the methods delegate to them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import readers
from .asof import DEFAULT_RULE, DEFAULT_WINDOW, RULES, in_force, parse_window, relation_bounds
from .asof import known_by as known
from .choices import OptionError, check_selection, day, listed, unknown
from .errors import InputError
from .graph import build_graph
from .issues import Report
from .notebook import DEFAULT_HEIGHT, Inline, dataset_html
from .outputs import check_output, write_atomic
from .page import PageOptions, render_html, takes_page_options
from .schema import TABLES
from .snapshot_csv import snapshot_csv

if TYPE_CHECKING:  # networkx and the analysis by the methods that need them: validate, render and diff don't
    import networkx as nx

    from .analysis import Analysis, OverTime


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated dataset: ``entities``, ``relations``, ``relation_types``, ``sources`` and ``citations``
    (further sources of a relation, beside its own ``source_id``; empty when the dataset has none).

    Text cells are strings, ``""`` where empty; ``relation_types.directed`` is
    bool and ``relation_types.valence`` int. ``texts`` maps a source's
    ``file`` to its stored text (read with the tables), ``snapshot_info`` holds
    ``as_of``, ``rule`` and ``window`` of a snapshot (None otherwise).
    ``inputs`` are the files it was read from (tables and texts): no method
    writes over them.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load()
    >>> list(ds.relations.columns[:4])
    ['id', 'source', 'target', 'relation']
    >>> ds.filter(relation="recognition").relations.relation.unique().tolist()
    ['recognition']
    """

    entities: pd.DataFrame
    relations: pd.DataFrame
    relation_types: pd.DataFrame
    sources: pd.DataFrame
    citations: pd.DataFrame
    name: str = "dataset"
    texts: dict | None = None
    snapshot_info: dict | None = None
    inputs: frozenset = frozenset()

    def with_relations(self, relations: pd.DataFrame, entities: pd.DataFrame | None = None) -> Dataset:
        """A copy with other relation (and entity) rows, and the citations of those relations; tables stay sorted."""
        entities = self.entities if entities is None else entities
        citations = self.citations[self.citations["relation_id"].isin(relations["id"])]
        return replace(self, relations=relations.reset_index(drop=True), entities=entities.reset_index(drop=True),
                       citations=citations.reset_index(drop=True))

    def graph(self) -> nx.MultiDiGraph:
        """The relation graph: a networkx MultiDiGraph keyed by relation id (see :func:`relgraph.graph.build_graph`).

        Examples
        --------
        >>> import relgraph
        >>> relgraph.load().graph().number_of_edges() == len(relgraph.load().relations)
        True
        """
        return build_graph(self)

    def filter(self, *, relation=None, kind=None, status=None) -> Dataset:
        """Relations of the given types and statuses with an end of the given kinds, and the entities.

        Parameters
        ----------
        relation, kind, status : str or list of str, optional
            Relation type ids, entity kinds and statuses to keep; None keeps all.
            A value the dataset's vocabulary does not have raises
            :class:`~relgraph.choices.OptionError` (a ValueError) naming the
            closest valid one.

        Relations are kept if they match ``relation`` and ``status`` and either
        end matches ``kind`` (as on the page: ``kind="armed_group"`` keeps the
        attacks of armed groups on states); entities if they match ``kind`` or
        are an end of a kept relation. Use :meth:`drop_isolated` to remove
        entities left alone.

        Examples
        --------
        >>> import relgraph
        >>> attacks = relgraph.load().filter(relation="attack", kind="armed_group")
        >>> sorted(set(attacks.entities.kind))  # the armed groups, and the states they attack
        ['armed_group', 'government', 'state']
        >>> relgraph.load().filter(relation="attacks")
        Traceback (most recent call last):
        ...
        relgraph.choices.OptionError: Dataset.filter(): relation: unknown relation type 'attacks'; did you mean ...
        """
        relation, kind, status = (listed(v, what=w) for v, w in ((relation, "relation"), (kind, "kind"),
                                                                  (status, "status")))
        check_selection("Dataset.filter", self, relation=relation, kind=kind, status=status)

        def wanted(col: pd.Series, values) -> pd.Series:
            return pd.Series(True, index=col.index) if values is None else col.isin(values)

        ids, rel = self.entities["id"], self.relations
        of_kind = ids[wanted(self.entities["kind"], kind)]
        keep = (wanted(rel["relation"], relation) & wanted(rel["status"], status)
                & rel["source"].isin(ids) & rel["target"].isin(ids)
                & (rel["source"].isin(of_kind) | rel["target"].isin(of_kind)))
        ends = pd.concat([rel["source"][keep], rel["target"][keep]])
        return self.with_relations(rel[keep], self.entities[ids.isin(of_kind) | ids.isin(ends)])

    def drop_isolated(self) -> Dataset:
        """The dataset without entities that have no relation.

        Examples
        --------
        >>> import relgraph
        >>> attacks = relgraph.load().filter(relation="attack").drop_isolated()
        >>> set(attacks.entities.id) == set(attacks.relations.source) | set(attacks.relations.target)
        True
        """
        rel = self.relations
        linked = pd.concat([rel["source"], rel["target"]])
        return self.with_relations(rel, self.entities[self.entities["id"].isin(linked)])

    def ego(self, entity: str, depth: int = 1) -> Dataset:
        """The entities within ``depth`` hops of ``entity`` (either direction) and the relations among them.

        An unknown entity id raises :class:`~relgraph.choices.OptionError`
        naming the closest id.

        Examples
        --------
        >>> import pandas as pd, relgraph
        >>> chain = relgraph.from_frames(
        ...     pd.DataFrame({"id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"], "kind": "state"}),
        ...     pd.DataFrame({"id": ["r1", "r2", "r3"], "source": ["a", "c", "c"], "target": ["b", "b", "d"],
        ...                   "relation": "support", "status": "reported", "source_id": "notes"}),
        ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}))
        >>> sorted(chain.ego("b", 1).entities.id), sorted(chain.ego("b", 2).relations.id)
        (['a', 'b', 'c'], ['r1', 'r2', 'r3'])
        """
        options = PageOptions(focus=entity, depth=depth, caller="Dataset.ego")
        options.check(self)
        ids, rel = self.entities["id"], self.relations
        # Breadth-first by whole columns: one isin per hop, whatever the number of relations.
        reached = frontier = pd.Index([entity])
        for _ in range(options.depth):
            touching = rel["source"].isin(frontier) | rel["target"].isin(frontier)
            ends = pd.concat([rel["source"][touching], rel["target"][touching]])
            frontier = pd.Index(ends.unique()).difference(reached)
            if frontier.empty:
                break
            reached = reached.union(frontier)
        keep = rel["source"].isin(reached) & rel["target"].isin(reached)
        return self.with_relations(rel[keep], self.entities[ids.isin(reached)])

    def snapshot(self, as_of=None, *, known_by=None, rule: str = DEFAULT_RULE,
                 window: int | None = DEFAULT_WINDOW) -> Dataset:
        """What held on ``as_of`` and what was known by ``known_by`` (either or both; see :mod:`relgraph.asof`):
        the relations in force on ``as_of`` that were on record by ``known_by``, and the entities they name
        (ends and claimants); ``snapshot_info`` records ``as_of``, ``known_by``, ``rule`` and ``window``.

        Examples
        --------
        >>> import relgraph
        >>> s = relgraph.load().snapshot("2025-07-31")
        >>> s.snapshot_info
        {'as_of': '2025-07-31', 'known_by': None, 'rule': 'possible', 'window': 365}
        >>> known = relgraph.load().snapshot(known_by="2024-11-25")  # whatever its time, on record by then
        >>> set(known.relations.id) <= set(relgraph.load().relations.id)
        True
        """
        caller = "Dataset.snapshot"
        as_of, known_by = day(caller, "as_of", as_of), day(caller, "known_by", known_by)
        if as_of is None and known_by is None:
            raise OptionError(caller, "as_of", "give as_of (what held on a day), known_by (what was known by a "
                                               "day), or both")
        window = _rule_window(caller, rule, window)
        b = self.bounds()
        keep = np.ones(len(self.relations), dtype=bool)
        if as_of is not None:
            keep &= in_force(self.relations, self.relation_types, as_of, rule=rule, window=window, bounds_=b)
        if known_by is not None:
            keep &= known(b, known_by, rule=rule)
        rel = self.relations[keep]
        needed = pd.concat([rel["source"], rel["target"], rel["claimed_by"]])
        ent = self.entities[self.entities["id"].isin(needed)]
        info = {"as_of": as_of, "known_by": known_by, "rule": rule, "window": window}
        return replace(self.with_relations(rel, ent), snapshot_info=info)

    def _at(self, caller: str, as_of, known_by, rule, window) -> Dataset:
        """The snapshot an analysis looks at: the whole dataset when neither date is given."""
        if as_of is None and known_by is None:
            return self
        try:
            return self.snapshot(as_of, known_by=known_by, rule=rule, window=window)
        except OptionError as e:
            raise OptionError(caller, e.option, e.reason) from None

    def signed(self, as_of=None, *, known_by=None, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW,
               weights: dict | None = None) -> nx.Graph:
        """The signed graph of the actors: what held on ``as_of``, known by ``known_by`` (as :meth:`snapshot`;
        neither: every relation), one undirected edge per pair of actors with a counted relation.

        A pair's ``score`` is the sum over its relations (either direction) of their type's ``valence``
        times their status's weight (``weights`` updates :data:`relgraph.signed.STATUS_WEIGHTS`: reported
        1, alleged 0.5, intended 0.25, denied 0, which does not count); its ``sign`` is the sign of the
        score, ``weight`` its size, ``relations`` the ids behind it (see :mod:`relgraph.signed`).

        Examples
        --------
        >>> import relgraph
        >>> g = relgraph.load().signed("2025-07-31")
        >>> g.edges["iea", "russia"]["sign"], g.edges["iea", "russia"]["relations"]  # a visit, a recognition
        (1, ('r033', 'r036'))
        >>> g.graph["as_of"]
        '2025-07-31'
        """
        from . import signed  # the module: this method's name only inside the class

        weights = signed.check_weights("Dataset.signed", weights)
        ds = self._at("Dataset.signed", as_of, known_by, rule, window)
        pairs = signed.signed_pairs(ds.relations, ds.relation_types, weights)
        info = ds.snapshot_info or {}
        return signed.graph_of(pairs, signed.actors(pairs, ds.entities), name=self.name, as_of=info.get("as_of"),
                               known_by=info.get("known_by"))

    def analyze(self, as_of=None, *, known_by=None, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW,
                weights: dict | None = None, exact_max: int | None = None, seed: int | None = None) -> Analysis:
        """The alignment of the actors on ``as_of`` (known by ``known_by``; neither: every relation): the
        signed pairs, balanced and unbalanced triads, balance ratio, frustration, the two camps, communities
        and centralities, as an :class:`~relgraph.analysis.Analysis` (what ``relgraph analyze`` prints).

        The frustration is exact for connected parts of up to ``exact_max`` actors (default 20), above that
        the best of a local search seeded with ``seed`` (default 0; see :mod:`relgraph.signed`).

        Examples
        --------
        >>> import relgraph
        >>> a = relgraph.load().analyze("2025-07-31")
        >>> a.summary()["frustration"] == len(a.frustrated), "russia" in a.camps["A"] + a.camps["B"]
        (True, True)
        """
        from . import analysis, signed

        caller = "Dataset.analyze"
        weights = signed.check_weights(caller, weights)
        ds = self._at(caller, as_of, known_by, rule, window)
        result = signed.analyse(ds.relations, ds.relation_types, ds.entities, weights=weights,
                                **signed.search_options(exact_max, seed))
        info = ds.snapshot_info or {"as_of": None, "known_by": None, "rule": rule, "window": window}
        return analysis.make(result, name=self.name, weights=weights, **info)

    def over_time(self, *, known: bool = False, rule: str = DEFAULT_RULE, window: int | None = DEFAULT_WINDOW,
                  weights: dict | None = None, exact_max: int | None = None, seed: int | None = None) -> OverTime:
        """:meth:`analyze` at every date where the signed graph may change (with ``known``: what held then,
        as known then), as an :class:`~relgraph.analysis.OverTime` with its ``balance``, ``triads`` and
        ``actors`` tables.

        Examples
        --------
        >>> import relgraph
        >>> t = relgraph.load().over_time()
        >>> t.at("2025-07-31").camps == relgraph.load().analyze("2025-07-31").camps
        True
        """
        from . import analysis, signed

        caller = "Dataset.over_time"
        weights = signed.check_weights(caller, weights)
        window = _rule_window(caller, rule, window)
        found = signed.over_time(self.relations, self.relation_types, self.entities, sources=self.sources,
                                 citations=self.citations, known=known, rule=rule, window=window, weights=weights,
                                 **signed.search_options(exact_max, seed))
        return analysis.OverTime(tuple(
            analysis.make(r, as_of=day, known_by=day if known else None, rule=rule, window=window, weights=weights,
                          name=self.name) for day, r in found), known=known)

    def bounds(self) -> pd.DataFrame:
        """Per relation, every day bound the as-of rule works on: its dates, its parties' lifetimes and its
        record date (see :func:`relgraph.asof.relation_bounds`)."""
        return relation_bounds(self.relations, entities=self.entities, sources=self.sources, citations=self.citations)

    def to_csv(self, path=None) -> str:
        """The dataset as one canonical snapshot CSV (see :mod:`relgraph.snapshot_csv`); written atomically
        to ``path`` if given. :func:`load` reads it back as the same dataset.

        Examples
        --------
        >>> import relgraph
        >>> relgraph.load().snapshot("2025-07-31").to_csv().splitlines()[0][:30]
        'table,id,source,target,relatio'
        """
        text = snapshot_csv(self, self.texts)
        if path is not None:
            write_atomic(path, text, inputs=self.inputs)
        return text

    def export(self, path=None, *, format: str | None = None) -> str:
        """The dataset in an exchange format, as text; written atomically to ``path`` if given.

        ``format`` is ``"gexf"`` (Gephi, Gephi Lite), ``"graphml"``, ``"cytoscape"``
        (Cytoscape.js JSON), ``"node-link"`` (networkx's node-link JSON) or ``"ftm"``
        (FollowTheMoney JSON lines); without it, ``path``'s extension says (``.gexf``,
        ``.graphml``, ``.cyjs``, ``.json``, ``.ftm.json``/``.ndjson``/``.jsonl``). Each
        format is described in its module (:mod:`relgraph.gexf`, ...). Narrow the
        dataset first for a date or a selection: ``ds.snapshot(...).filter(...).export(...)``.

        Examples
        --------
        >>> import relgraph
        >>> relgraph.load().export(format="gexf").splitlines()[1][:33]
        '<gexf xmlns="http://gexf.net/1.3"'
        >>> relgraph.load().export("graph.gephi")
        Traceback (most recent call last):
        ...
        relgraph.choices.OptionError: Dataset.export(): format: give a format (gexf, graphml, ...): 'graph.gephi' ...
        """
        from .export import choose_format, generate  # here: only an export needs the exchange formats

        fmt = choose_format(format, path, caller="Dataset.export")
        if path is not None:
            check_output(path, self.inputs)  # before the work, not after it
        text = generate(fmt, self)
        if path is not None:
            write_atomic(path, text, inputs=self.inputs)
        return text

    def to_pyvis(self, **network):
        """A new ``pyvis.network.Network`` of the dataset, in the page's colours, shapes and positions
        (see :mod:`relgraph.pyvis_network`); ``network`` goes to its constructor.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load()
        >>> len(ds.to_pyvis(height="500px").edges) == len(ds.relations)
        True
        """
        from .pyvis_network import to_pyvis

        return to_pyvis(self, **network)

    @takes_page_options
    def to_html(self, options: PageOptions, *, progress=None) -> str:
        """The interactive page as a string, as ``relgraph render`` writes it.

        Parameters
        ----------
        {page_options}
        progress : callable, optional
            Called with the name of each step as it starts (see :mod:`relgraph.progress`).

        Examples
        --------
        >>> import relgraph
        >>> page = relgraph.load().to_html(focus="ttp", as_of="2024-11-25")
        >>> page.startswith("<!DOCTYPE html>"), "Tehrik-i-Taliban Pakistan" in page
        (True, True)
        >>> relgraph.load().to_html(focs="ttp")
        Traceback (most recent call last):
        ...
        TypeError: Dataset.to_html() got an unknown option 'focs'; did you mean 'focus'? choose from: title, ...
        """
        return self._page(options, progress)

    def _page(self, options: PageOptions, progress=None) -> str:
        return render_html(self._drawn(options), options, progress=progress)

    def _drawn(self, options: PageOptions) -> Dataset:
        """What a page or image with ``options`` draws: the dataset, or the ego network of ``focus``."""
        options.check(self)
        return self if options.focus is None else self.ego(options.focus, options.depth)

    @takes_page_options
    def to_svg(self, options: PageOptions) -> str:
        """The page's start view as one static SVG image (as ``relgraph render -o graph.svg`` writes it):
        the entities and relations it shows, their labels, a legend of what is drawn, the title, the date
        and the sources. Deterministic and drawn without a browser (see :mod:`relgraph.svg`).

        Parameters
        ----------
        {page_options}

        Examples
        --------
        >>> import relgraph
        >>> image = relgraph.load().to_svg(as_of="2024-11-25", kind="armed_group", relation="attack")
        >>> image.startswith("<svg"), "as of 2024-11-25" in image, "Kazakhstan" in image
        (True, True, False)
        """
        from .svg import render_svg

        return render_svg(self._drawn(options), options)

    @takes_page_options
    def write_html(self, path, options: PageOptions, *, progress=None) -> Path:
        """Write the page of :meth:`to_html` to ``path`` atomically; returns the path.

        Parameters
        ----------
        path : str or Path
            The HTML file to write.
        {page_options}
        progress : callable, optional
            Called with the name of each step as it starts.
        """
        check_output(path, self.inputs)  # before the work, not after it
        return write_atomic(path, self._page(options, progress), inputs=self.inputs)

    @takes_page_options
    def show(self, options: PageOptions, *, height: int = DEFAULT_HEIGHT) -> Inline:
        """The interactive page of :meth:`to_html` displayed inline in a notebook.

        Writes no file: the page is embedded in a sandboxed ``<iframe srcdoc>``.

        Parameters
        ----------
        {page_options}
        height : int, default 600
            Height of the inline page in pixels.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load()
        >>> ds.show(height=400).page == ds.to_html()
        True
        >>> ds.show(focus="ttp").page == ds.ego("ttp").to_html(focus="ttp")
        True
        """
        return Inline(self._page(options), height=height, title=options.title or self.name)

    def _repr_html_(self) -> str:
        return dataset_html(self)

    def summary(self) -> dict:
        """Counts and the date range, as a dict: the size of each table (the vocabulary of relation
        types, even those no relation uses) and the first and last date written.

        Examples
        --------
        >>> import relgraph
        >>> s = relgraph.load().summary()
        >>> sorted(s)
        ['citations', 'entities', 'first_date', 'last_date', 'name', 'relation_types', 'relations', 'sources']
        """
        dated = pd.concat([self.relations["start"], self.relations["end"]])
        dated = dated[dated != ""]
        return {
            "name": self.name,
            **{name: len(getattr(self, name)) for name in TABLES},
            "first_date": dated.min() if len(dated) else None,
            "last_date": dated.max() if len(dated) else None,
        }

    def __repr__(self) -> str:
        s = self.summary()
        span = f", {s['first_date']} to {s['last_date']}" if s["first_date"] else ""
        return f"<Dataset {s['name']!r}: {s['entities']} entities, {s['relations']} relations{span}>"


def _rule_window(caller: str, rule: str, window) -> int | None:
    """``window`` in days (None: every past event), once ``rule`` and ``window`` are checked for ``caller``."""
    if rule not in RULES:
        raise OptionError(caller, "rule", unknown("rule", rule, RULES))
    try:
        return parse_window(window)
    except ValueError as e:
        raise OptionError(caller, "window", str(e).removeprefix("window ")) from None


def _path(path, caller: str):
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{caller}(): expected a dataset folder or snapshot CSV as a path, or None for the "
                        f"bundled data, not {path!r}")
    return path


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
    return Dataset(**readers.read_dataset(_path(path, "relgraph.load")))


def validate(path=None) -> Report:
    """The :class:`~relgraph.issues.Report` of a dataset folder or snapshot CSV (the bundled data when None).

    A path that is neither raises :class:`~relgraph.errors.InputError`.

    Examples
    --------
    >>> import relgraph
    >>> report = relgraph.validate()
    >>> report.valid, report.issues
    (True, ())
    """
    return readers.validate(_path(path, "relgraph.validate"))


def _dataset(data, caller: str) -> Dataset:
    if data is None or isinstance(data, (str, os.PathLike)):
        return load(data)
    if isinstance(data, Dataset):
        return data
    raise TypeError(f"{caller}(): expected a Dataset, a dataset folder or snapshot CSV, or None, not {data!r}")


def snapshot(data=None, *, as_of=None, known_by=None, rule: str = DEFAULT_RULE,
             window: int | None = DEFAULT_WINDOW) -> Dataset:
    """What held on ``as_of``, what was known by ``known_by``, or both: :meth:`Dataset.snapshot` of ``data``.

    ``data`` is a :class:`Dataset`, a dataset folder or snapshot CSV, or None
    for the bundled data. ``rule`` is ``"possible"`` (the default) or
    ``"certain"``; ``window`` is in days for events, None for all of them.
    ``.to_csv()`` gives the canonical CSV that ``relgraph snapshot`` writes.

    Examples
    --------
    >>> import relgraph
    >>> relgraph.snapshot(as_of="2025-07-31").snapshot_info["as_of"]
    '2025-07-31'
    """
    return _dataset(data, "relgraph.snapshot").snapshot(as_of, known_by=known_by, rule=rule, window=window)


@takes_page_options
def show(data=None, *, options: PageOptions, height: int = DEFAULT_HEIGHT) -> Inline:
    """Display a dataset's interactive page inline: :meth:`Dataset.show` of ``data``.

    Parameters
    ----------
    data : Dataset, str or Path, optional
        A dataset, a dataset folder or snapshot CSV; None for the bundled data.
    {page_options}
    height : int, default 600
        Height of the inline page in pixels.

    Examples
    --------
    >>> import relgraph
    >>> relgraph.show(title="Bundled")  # doctest: +ELLIPSIS
    <relgraph inline page 'Bundled', ... characters, 600 px high>
    """
    ds = _dataset(data, "relgraph.show")
    return Inline(ds._page(options), height=height, title=options.title or ds.name)


def from_frames(entities: pd.DataFrame, relations: pd.DataFrame, relation_types: pd.DataFrame | None = None,
                sources: pd.DataFrame | None = None, *, citations: pd.DataFrame | None = None, name: str = "dataset",
                texts: dict | None = None, base=None) -> Dataset:
    """Build and validate a dataset from DataFrames.

    ``relation_types`` and ``sources`` default to the bundled vocabulary and
    sources (with their stored texts); ``citations`` to none. The stored texts of other sources come
    from ``texts`` (a ``file`` -> text mapping) or are read from the files
    under ``base``. Raises :class:`~relgraph.errors.ValidationError` listing
    every problem, with rows numbered as in a CSV (header = row 1).

    Examples
    --------
    >>> import pandas as pd, relgraph
    >>> two = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "south"], "name": ["Northland", "Southland"], "kind": "state"}),
    ...     pd.DataFrame({"id": ["r1"], "source": ["north"], "target": ["south"], "relation": ["recognition"],
    ...                   "start": ["2024-05"], "status": ["reported"], "source_id": ["notes"]}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"]}), name="two")
    >>> two
    <Dataset 'two': 2 entities, 1 relations, 2024-05 to 2024-05>
    """
    for label, frame in (("entities", entities), ("relations", relations), ("relation_types", relation_types),
                         ("sources", sources), ("citations", citations)):
        if frame is not None and not isinstance(frame, pd.DataFrame):
            raise TypeError(f"relgraph.from_frames(): {label} must be a pandas DataFrame, not {type(frame).__name__}")
    if base is not None and not Path(base).is_dir():
        raise InputError(f"relgraph.from_frames(): base {base} is not a folder")
    bundled = load() if relation_types is None or sources is None else None
    given = dict(bundled.texts) if bundled is not None and sources is None else {}
    given.update(texts or {})
    frames = {"entities": entities, "relations": relations,
              "relation_types": bundled.relation_types if relation_types is None else relation_types,
              "sources": bundled.sources if sources is None else sources,
              "citations": pd.DataFrame(columns=["relation_id", "source_id"]) if citations is None else citations}
    return Dataset(**readers.read_frames(frames, texts=given, base=base, name=name))
