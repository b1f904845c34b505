"""The :class:`Analysis` of a dataset's alignment at one date, :class:`OverTime` at every date where it
changes, and their renderings (text, Markdown, JSON, CSV), as ``relgraph analyze`` prints them.

What each measure means is in :mod:`relgraph.signed`, which computes them;
:meth:`relgraph.Dataset.analyze` and :meth:`relgraph.Dataset.over_time` make these objects.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from . import signed
from .diff_formats import _md, _md_table, _text_table
from .outputs import csv_text, spreadsheet_safe, visible

if TYPE_CHECKING:
    import networkx as nx

TOP = 10  # the most central actors the reports list
_TRIAD = ["a", "b", "c", "ab", "bc", "ac"]
_CENTRAL = ["id", "name", "camp", "community", "degree", "positive", "negative", "betweenness", "eigenvector"]


def _ids(values) -> list:
    return [list(v) for v in values]


@dataclass(frozen=True, eq=False)
class Analysis:
    """The alignment of a dataset's actors at one date: signed pairs, structural balance, camps, communities
    and centralities (see :mod:`relgraph.signed` for each measure).

    ``pairs`` holds one row per pair of actors (``a``, ``b``, ``score``, ``sign``, ``positive``,
    ``negative``, ``relations``, ``frustrated``), ``actors`` one per actor (``id``, ``name``, ``kind``,
    ``camp``, ``community``, ``degree``, ``positive``, ``negative``, ``betweenness``, ``eigenvector``),
    ``triads`` one per triad (``a`` < ``b`` < ``c``, their signs ``ab``, ``bc``, ``ac``, ``balanced`` and
    the relations behind each side). ``as_of`` and ``known_by`` say which relations were looked at (None:
    all of them).

    Examples
    --------
    >>> import relgraph
    >>> a = relgraph.load().analyze("2024-11-25")
    >>> 0 <= a.balance_ratio <= 1, a.exact, sorted(a.camps) == ["A", "B"]
    (True, True, True)
    >>> a.to_dict()["summary"]["frustration"] == a.frustration == int(a.pairs.frustrated.sum())
    True
    """

    pairs: pd.DataFrame
    actors: pd.DataFrame
    triads: pd.DataFrame
    frustration: int
    exact: bool
    as_of: str | None = None
    known_by: str | None = None
    rule: str = "possible"
    window: int | None = 365
    weights: dict = field(default_factory=lambda: dict(signed.STATUS_WEIGHTS))
    name: str = "dataset"

    @property
    def balanced(self) -> pd.DataFrame:
        """The balanced triads."""
        return self.triads[self.triads["balanced"]].reset_index(drop=True)

    @property
    def unbalanced(self) -> pd.DataFrame:
        """The unbalanced triads, with the relations behind each side."""
        return self.triads[~self.triads["balanced"]].reset_index(drop=True)

    @property
    def balance_ratio(self) -> float | None:
        """Balanced triads over all triads; None without any triad."""
        return round(float(self.triads["balanced"].mean()), 6) if len(self.triads) else None

    @property
    def camps(self) -> dict:
        """The two camps of the best split, ``{"A": [ids], "B": [ids]}`` (actors with a signed pair only)."""
        camp = self.actors.set_index("id")["camp"]
        return {c: camp.index[camp == c].tolist() for c in ("A", "B")}

    @property
    def frustrated(self) -> pd.DataFrame:
        """The pairs whose sign disagrees with the camps: flipping them balances the graph."""
        return self.pairs[self.pairs["frustrated"]].reset_index(drop=True)

    @property
    def communities(self) -> list[list[str]]:
        """The communities, largest first, each a sorted list of ids."""
        c = self.actors.dropna(subset=["community"])
        return [sorted(g["id"]) for _, g in sorted(c.groupby("community"), key=lambda kv: kv[0])]

    def central(self, top: int = TOP) -> pd.DataFrame:
        """The ``top`` most central actors: by betweenness, then degree, then eigenvector centrality."""
        order = self.actors.sort_values(["betweenness", "degree", "eigenvector", "id"],
                                        ascending=[False, False, False, True], kind="stable")
        return order[_CENTRAL].head(top).reset_index(drop=True)

    @cached_property
    def graph(self) -> nx.Graph:
        """The signed graph (see :func:`relgraph.signed.graph_of`), with ``as_of`` and ``known_by`` on it."""
        return signed.graph_of(self.pairs.drop(columns="frustrated"), self.actors, name=self.name,
                               as_of=self.as_of, known_by=self.known_by)

    def summary(self) -> dict:
        """The counts and measures, as a dict (the ``summary`` of :meth:`to_dict`)."""
        s = self.pairs["sign"]
        return {"actors": len(self.actors), "pairs": len(self.pairs), "positive": int((s > 0).sum()),
                "negative": int((s < 0).sum()), "neutral": int((s == 0).sum()), "triads": len(self.triads),
                "balanced": int(self.triads["balanced"].sum()), "unbalanced": int((~self.triads["balanced"]).sum()),
                "balance_ratio": self.balance_ratio, "frustration": self.frustration, "exact": self.exact}

    def to_dict(self) -> dict:
        """Everything, JSON-ready (as ``relgraph analyze --format json`` prints it): what was looked at, the
        ``summary``, ``camps``, ``communities``, ``unbalanced_triads``, ``frustrated_pairs``, every actor
        and every pair."""
        def records(frame):
            out = frame.copy()
            for c in out.columns:
                if c.startswith("relations"):
                    out[c] = _ids(out[c])
            return out.astype(object).where(out.notna(), None).to_dict("records")
        return {"name": self.name, "as_of": self.as_of, "known_by": self.known_by, "rule": self.rule,
                "window": self.window, "weights": dict(self.weights), "summary": self.summary(),
                "camps": self.camps, "communities": self.communities,
                "unbalanced_triads": records(self.unbalanced.drop(columns="balanced")),
                "frustrated_pairs": records(self.frustrated.drop(columns="frustrated")),
                "actors": records(self.actors), "pairs": records(self.pairs)}

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def _headline(self) -> list[str]:
        s = self.summary()
        when = "every relation" if self.as_of is None and self.known_by is None else ", ".join(
            w for w in (self.as_of and f"as of {self.as_of}", self.known_by and f"known by {self.known_by}") if w)
        ratio = "none (no triad)" if s["balance_ratio"] is None else f"{s['balance_ratio']:.2f}"
        return [f"{self.name}: {when}",
                f"actors: {s['actors']}; signed pairs: {s['pairs']} ({s['positive']} positive, {s['negative']} "
                f"negative, {s['neutral']} neutral)",
                f"triads: {s['triads']} ({s['balanced']} balanced, {s['unbalanced']} unbalanced); "
                f"balance ratio: {ratio}",
                f"frustration: {s['frustration']} ({'exact' if s['exact'] else 'upper bound, seeded search'}): "
                f"pairs to flip for two camps",
                *(f"camp {c} ({len(ids)}): {', '.join(ids) or '-'}" for c, ids in self.camps.items()),
                *(f"community {n} ({len(ids)}): {', '.join(ids)}" for n, ids in enumerate(self.communities, 1))]

    def _sections(self, top: int) -> list[tuple[str, pd.DataFrame]]:
        def joined(frame):
            out = frame.copy()
            for c in out.columns:
                if c.startswith("relations"):
                    out[c] = out[c].map(" ".join)
            return out
        return [(f"Unbalanced triads ({len(self.unbalanced)})", joined(self.unbalanced.drop(columns="balanced"))),
                (f"Pairs against the camps ({len(self.frustrated)})",
                 joined(self.frustrated[["a", "b", "sign", "score", "relations"]])),
                (f"Most central actors (top {min(top, len(self.actors))} of {len(self.actors)})", self.central(top))]

    def to_text(self, top: int = TOP) -> str:
        """A plain-text report (terminal-safe: control characters shown as escapes)."""
        out = [visible(line, newlines=False) for line in self._headline()]
        for title, frame in self._sections(top):
            if len(frame):
                out += ["", title, _text_table(frame)]
        return "\n".join(out) + "\n"

    def to_markdown(self, top: int = TOP) -> str:
        """A Markdown report, every cell escaped."""
        out = [f"## Alignment: {_md(self._headline()[0])}", "", *(f"- {_md(line)}" for line in self._headline()[1:])]
        for title, frame in self._sections(top):
            if len(frame):
                out += ["", f"### {title}", "", _md_table(frame)]
        return "\n".join(out) + "\n"

    def to_csv(self) -> str:
        """The actors table as CSV, safe to open in a spreadsheet (see :func:`relgraph.outputs.spreadsheet_safe`)."""
        frame = self.actors.astype(object).where(self.actors.notna(), "").astype(str)
        return csv_text(frame.apply(spreadsheet_safe))

    def __repr__(self) -> str:
        s = self.summary()
        return (f"<Analysis {self.name!r} {self._headline()[0].split(': ', 1)[1]}: {s['actors']} actors, "
                f"{s['triads']} triads, balance ratio {s['balance_ratio']}, frustration {s['frustration']}>")


def make(result: dict, **info) -> Analysis:
    """An :class:`Analysis` from :func:`relgraph.signed.analyse`'s result and what was looked at."""
    return Analysis(**result, **info)


@dataclass(frozen=True, eq=False)
class OverTime:
    """The alignment at every date where the signed graph may change: the :class:`Analysis` of each date,
    and three tables over them.

    ``balance``: one row per date (``date`` and the :meth:`Analysis.summary` counts, ``camp_a``, ``camp_b``);
    ``triads``: one row per triad and date (``date``, ``a``, ``b``, ``c``, the signs, ``balanced``);
    ``actors``: one row per actor and date (``date``, ``id``, ``name``, ``camp``, ``community`` and the
    centralities). A date's analysis holds until the next date.

    Examples
    --------
    >>> import relgraph
    >>> t = relgraph.load().over_time()
    >>> t.balance.date.is_monotonic_increasing, t.at("2025-07-31").as_of <= "2025-07-31"
    (True, True)
    """

    analyses: tuple
    known: bool = False

    @property
    def dates(self) -> list[str]:
        """The dates, in order."""
        return [a.as_of for a in self.analyses]

    def at(self, day) -> Analysis | None:
        """The analysis in force on ``day`` (YYYY-MM-DD): the last one dated on or before it; None before the first."""
        day = str(day)
        before = [a for a in self.analyses if a.as_of <= day]
        return before[-1] if before else None

    @cached_property
    def balance(self) -> pd.DataFrame:
        """One row per date: the counts and measures of :meth:`Analysis.summary` and the two camps."""
        rows = [{"date": a.as_of, **a.summary(), "camp_a": tuple(a.camps["A"]), "camp_b": tuple(a.camps["B"])}
                for a in self.analyses]
        return pd.DataFrame(rows, columns=["date", "actors", "pairs", "positive", "negative", "neutral", "triads",
                                           "balanced", "unbalanced", "balance_ratio", "frustration", "exact",
                                           "camp_a", "camp_b"])

    @cached_property
    def triads(self) -> pd.DataFrame:
        """One row per date and triad: its actors, signs and whether it is balanced."""
        return self._long("triads", [*_TRIAD, "balanced"])

    @cached_property
    def actors(self) -> pd.DataFrame:
        """One row per date and actor: its camp, community and centralities."""
        return self._long("actors", list(_CENTRAL))

    def _long(self, table: str, columns: list) -> pd.DataFrame:
        parts = [getattr(a, table)[columns].assign(date=a.as_of) for a in self.analyses]
        if not parts:
            return pd.DataFrame(columns=["date", *columns])
        return pd.concat(parts, ignore_index=True)[["date", *columns]]

    def __repr__(self) -> str:
        span = f"{self.dates[0]} to {self.dates[-1]}" if self.analyses else "no date"
        return f"<OverTime: {len(self.analyses)} dates, {span}>"
