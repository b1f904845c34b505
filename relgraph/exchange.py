"""What the exchange formats share: every column typed, positions, time spells and XML text.

The exporters (:mod:`relgraph.gexf`, :mod:`relgraph.graphml`,
:mod:`relgraph.cytoscape`, :mod:`relgraph.node_link`, :mod:`relgraph.ftm`,
:mod:`relgraph.pyvis_network`) take any object with the tables of a
:class:`relgraph.Dataset` (``entities``, ``relations``, ``relation_types``,
``sources``, ``name``, ``inputs``) and carry the columns they find there, so a
column added to a table reaches every format without a change here.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import layout, style
from .asof import bounds
from .graph import relations_with_types

# Types shared by GEXF and GraphML (both XML Schema names), from the pandas dtype of a column.
BOOLEAN, LONG, DOUBLE, STRING = "boolean", "long", "double", "string"


def relations(tables) -> pd.DataFrame:
    """The relations with their type's ``directed``, ``valence`` and ``temporal``, as :meth:`Dataset.graph` has
    them on its edges."""
    return relations_with_types(tables.relations, tables.relation_types)


def positions(tables, rel: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The page's positions of the entities, in entity order: :func:`relgraph.layout.positions` (fixed seed)
    with the page's wrapped labels kept apart, as :func:`relgraph.page.page_data` calls it (a test checks)."""
    sizes = style.labels(tables.entities["name"])[1]
    return layout.positions(tables.entities["id"], rel["source"], rel["target"], label_sizes=sizes)


def column_type(column: pd.Series) -> str:
    """The exchange type of a column: ``boolean``, ``long``, ``double`` or ``string``.

    Examples
    --------
    >>> [column_type(pd.Series(v)) for v in ([True], [1], [0.5], ["a"])]
    ['boolean', 'long', 'double', 'string']
    """
    if pd.api.types.is_bool_dtype(column):
        return BOOLEAN
    if pd.api.types.is_integer_dtype(column):
        return LONG
    if pd.api.types.is_float_dtype(column):
        return DOUBLE
    return STRING


def as_text(column: pd.Series) -> pd.Series:
    """A column's values written as XML Schema text (``true``/``false``, numbers as Python writes them).

    Examples
    --------
    >>> as_text(pd.Series([True, False])).tolist(), as_text(pd.Series([-1, 2])).tolist()
    (['true', 'false'], ['-1', '2'])
    """
    kind = column_type(column)
    if kind == BOOLEAN:
        return column.map({True: "true", False: "false"})
    if kind == STRING:
        return column.astype(str)
    return column.map(repr).astype(str)


# XML 1.0 cannot hold these at all, not even as character references: they are written as \x1b-style escapes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                # Character references, so that parsers keep line breaks and tabs in attributes, and bare CRs
                ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#9;"))


def xml_escape(column: pd.Series) -> pd.Series:
    r"""Text safe in an XML attribute or element: markup escaped, line breaks kept as character references.

    Examples
    --------
    >>> xml_escape(pd.Series(['<b> & "x"', "a\r\nb", "bell\x07"])).tolist()
    ['&lt;b&gt; &amp; &quot;x&quot;', 'a&#13;&#10;b', 'bell\\x07']
    """
    s = column.astype(str).str.replace(_NOT_XML, lambda m: m.group().encode("unicode_escape").decode("ascii"),
                                       regex=True)
    for char, escape in _XML_ESCAPES:
        s = s.str.replace(char, escape, regex=False)
    return s


def xml_text(text: str) -> str:
    """One string made safe for XML, as :func:`xml_escape` makes a column.

    Examples
    --------
    >>> xml_text("Al-Qa'ida & co")
    "Al-Qa'ida &amp; co"
    """
    return xml_escape(pd.Series([text], dtype=str)).iloc[0]


def spells(frame: pd.DataFrame, events) -> pd.DataFrame:
    """When each row holds, as ISO days ``start`` and ``end`` (both included; ``""`` where open), or ``None``.

    The interval rule of the as-of rule (:mod:`relgraph.asof`, rule ``possible``):
    a partial date stands for every day it could mean, so ``2022`` starts on
    2022-01-01; a lasting row ends the day before its ``end`` may fall (``end``
    is the first day it no longer holds), and an event (``events`` true) lasts
    the days its ``start`` could mean. Returns None when ``frame`` has no
    ``start`` column (entities before they have lifetimes).

    Examples
    --------
    >>> rows = pd.DataFrame({"start": ["2022", "2024-11", "2003-02-14", ""], "end": ["", "", "2025-04-17", ""]})
    >>> spells(rows, [False, True, False, True]).values.tolist()
    [['2022-01-01', ''], ['2024-11-01', '2024-11-30'], ['2003-02-14', '2025-04-16'], ['', '']]
    """
    if "start" not in frame.columns:
        return None
    b = bounds(frame if "end" in frame.columns else frame.assign(end=""))
    start_hi, end_hi = b["start_hi"].to_numpy(), b["end_hi"].to_numpy()
    # fmax: a lasting row without a start still ends; without an end (NaT) it stays open.
    lasting_end = np.where(np.isnat(end_hi), end_hi, np.fmax(end_hi - np.timedelta64(1, "D"), b["start_lo"].to_numpy()))
    end = np.where(np.asarray(events, dtype=bool), start_hi, lasting_end)
    days = pd.DataFrame({"start": b["start_lo"], "end": end}, index=frame.index)
    return days.apply(lambda d: pd.to_datetime(d).dt.strftime("%Y-%m-%d").fillna(""))
