"""Options and values checked against the valid ones, with the closest match suggested.

One wording for the library and the command line, so a typo reads the same
in ``ds.filter(relation="attacks")`` and ``relgraph render --relation attacks``.
"""
from __future__ import annotations

import difflib

from . import dates
from .schema import schema

MAX_LISTED = 30  # choices named in a message; a dataset's 300,000 entity ids are only counted


class OptionError(ValueError):
    """A keyword option of a public function has a value it cannot take.

    ``caller`` is the public function (``Dataset.show``), ``option`` the
    keyword (``relation``), ``reason`` what is wrong, as the command line says
    it too.
    """

    def __init__(self, caller: str, option: str, reason: str):
        self.caller, self.option, self.reason = caller, option, reason
        super().__init__(f"{caller}(): {option}: {reason}")


def unknown(what: str, value, valid, *, names: dict | None = None) -> str:
    """The message for a ``value`` that is not among ``valid``: the closest match, then the choices.

    ``names`` optionally maps other spellings (display names, lower case) to
    valid values, so a name finds its id.

    Examples
    --------
    >>> unknown("relation type", "attacks", ["attack", "support"])
    "unknown relation type 'attacks'; did you mean 'attack'? choose from: attack, support"
    >>> unknown("status", "sure", ["reported", "alleged"])
    "unknown status 'sure'; choose from: reported, alleged"
    >>> unknown("entity", "pakistn", [f"e{i}" for i in range(99)] + ["pak"], names={"pakistan": "pak"})
    "unknown entity 'pakistn'; did you mean 'pak'? (one of 100 entity ids)"
    """
    valid = [str(v) for v in valid]
    spellings = {**(names or {}), **{v: v for v in valid}}
    close = [spellings[s] for s in difflib.get_close_matches(str(value), list(spellings), n=1)]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    if len(valid) > MAX_LISTED:
        return f"unknown {what} {value!r}{hint} (one of {len(valid):,} {what} ids)"
    return f"unknown {what} {value!r}{hint or ';'} choose from: {', '.join(valid)}"


def listed(value, *, what: str) -> list[str] | None:
    """One value or a list of them as a sorted list of strings; None stays None (no restriction).

    Examples
    --------
    >>> listed("attack", what="relation"), listed(("b", "a"), what="relation"), listed(None, what="relation")
    (['attack'], ['a', 'b'], None)
    """
    if value is None:
        return None
    values = [value] if isinstance(value, str) else value
    try:
        values = list(values)
    except TypeError:
        raise TypeError(f"{what} must be a string or a list of strings, not {value!r}") from None
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise TypeError(f"{what} must be a string or a list of strings, not {bad[0]!r}")
    return sorted(dict.fromkeys(values))


def check(caller: str, option: str, what: str, values, valid, *, names: dict | None = None) -> None:
    """Raise :class:`OptionError` for the first of ``values`` not in ``valid`` (see :func:`unknown`).

    Examples
    --------
    >>> check("Dataset.filter", "kind", "entity kind", ["state"], ["state", "person"])
    >>> check("Dataset.filter", "kind", "entity kind", ["stat"], ["state", "person"])
    Traceback (most recent call last):
    ...
    relgraph.choices.OptionError: Dataset.filter(): kind: unknown entity kind 'stat'; did you mean 'state'? ...
    """
    known = set(valid)
    for v in values or ():
        if v not in known:
            raise OptionError(caller, option, unknown(what, v, valid, names=names))


def check_selection(caller: str, tables, *, relation=None, kind=None, status=None, focus=None) -> None:
    """Check the relation types, entity kinds, statuses and focus entity a view asks of ``tables``.

    Each of ``relation``, ``kind`` and ``status`` is a list or None; ``focus`` an entity id or None.
    """
    sch = schema()
    check(caller, "relation", "relation type", relation, tables.relation_types["id"].tolist())
    check(caller, "kind", "entity kind", kind, sch["entities"].field("kind").enum)
    check(caller, "status", "status", status, sch["relations"].field("status").enum)
    if focus is not None:
        ent = tables.entities
        check(caller, "focus", "entity", [focus], ent["id"].tolist(),
              names=dict(zip(ent["name"].str.lower(), ent["id"])))


def day(caller: str, option: str, value) -> str | None:
    """A full date option (YYYY-MM-DD text, a date or a Timestamp) as YYYY-MM-DD; None stays None.

    Examples
    --------
    >>> day("Dataset.snapshot", "as_of", "2024-11-25"), day("Dataset.snapshot", "known_by", None)
    ('2024-11-25', None)
    >>> day("Dataset.snapshot", "as_of", 20240101)
    Traceback (most recent call last):
    ...
    relgraph.choices.OptionError: Dataset.snapshot(): as_of: expected a date as YYYY-MM-DD, not the number 20240101
    """
    if value is None:
        return None
    if isinstance(value, (int, float)):  # 20240101 is not a date, whatever pandas makes of it
        raise OptionError(caller, option, f"expected a date as YYYY-MM-DD, not the number {value!r}")
    try:
        return str(dates.to_day(value))
    except (TypeError, ValueError) as e:
        raise OptionError(caller, option, str(e)) from None
