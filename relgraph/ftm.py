"""FollowTheMoney entities as JSON lines, for OpenSanctions, Aleph and the ``ftm`` tools.

One line per entity, then one per relation, each
``{"id": ..., "schema": ..., "properties": {name: [values]}}`` with sorted keys.
Schemata are the closest FtM has:

* entities by kind: ``state`` and ``government`` are ``PublicBody``;
  ``armed_group``, ``political_movement`` and ``organisation`` are
  ``Organization``; ``person`` is ``Person`` (any other kind ``LegalEntity``);
* relations by type: ``proscription`` is a ``Sanction`` (``entity`` the
  target, ``authority`` the source's name); other event types (``temporal``
  event: attacks, visits, accusations, delistings) are an ``Event``
  (``organizer`` the source, ``involved`` the target, ``date`` its start); other
  lasting types are an ``UnknownLink`` (``subject``, ``object``, ``role`` the
  type's label, ``status``, ``startDate``, ``endDate``).

Every relation carries ``recordId`` (its id), ``summary`` (the quotes: its
``evidence`` and its citations'), ``sourceUrl`` and ``publisher`` (of its source
and citations). FtM ids hold only letters, digits, ``.`` and ``-``: an entity's is its id
with ``-`` for ``_``, a relation's ``rel-`` and the same (``rel-r001``); one that would
still be invalid, or the same as another's, ends in a hash of the id. A column FtM has
no property for (``iso3``: FtM's countries are alpha-2 codes; ``claimed_by``,
``project``, and any column added later) is a ``column: value`` line in the
entity's ``notes`` or the relation's ``description``.
Values are JSON strings: nothing is markup.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import pandas as pd

from . import style
from .outputs import write_atomic

ENTITY_SCHEMATA = {"state": "PublicBody", "government": "PublicBody", "armed_group": "Organization",
                   "political_movement": "Organization", "organisation": "Organization", "person": "Person"}
# Column -> property, for every schema an entity can get; a person's lifetime and role have their own.
ENTITY_PROPERTIES = {"name": "name", "aliases": "alias", "wikidata": "wikidataId", "note": "notes",
                     "start": "incorporationDate", "end": "dissolutionDate"}
PERSON_PROPERTIES = {**ENTITY_PROPERTIES, "start": "birthDate", "end": "deathDate", "role": "position"}
SANCTION_TYPES = {"proscription"}
# What a relation's schema says with its ends; the other columns go to properties below or description.
RELATION_ENDS = {"Event": ("organizer", "involved"), "UnknownLink": ("subject", "object"), "Sanction": (None, "entity")}
RELATION_PROPERTIES = {
    "Event": {"start": "date", "note": "description"},
    "UnknownLink": {"start": "startDate", "end": "endDate", "status": "status", "note": "description"},
    "Sanction": {"start": "startDate", "end": "endDate", "status": "status", "note": "description"},
}
# Said by the schema, the ids or the properties built from sources: no line of their own.
_FTM_ID = r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$"  # followthemoney's entity id type
STRUCTURAL = {"id", "source", "target", "relation", "kind", "evidence"}


def ftm_entities(tables) -> list[dict]:
    """The FtM entities of ``tables`` (a :class:`relgraph.Dataset`, or any object with its tables), as dicts.

    Examples
    --------
    >>> import pandas as pd, relgraph
    >>> ds = relgraph.from_frames(
    ...     pd.DataFrame({"id": ["north", "rebels"], "name": ["Northland", "Rebels"],
    ...                   "kind": ["state", "armed_group"]}),
    ...     pd.DataFrame({"id": ["r1"], "source": ["rebels"], "target": ["north"], "relation": ["attack"],
    ...                   "start": ["2024-05"], "status": ["reported"], "source_id": ["notes"]}),
    ...     sources=pd.DataFrame({"id": ["notes"], "title": ["Field notes"], "url": ["https://example.org/n"]}))
    >>> [(e["id"], e["schema"]) for e in ftm_entities(ds)]
    [('north', 'PublicBody'), ('rebels', 'Organization'), ('rel-r1', 'Event')]
    >>> ftm_entities(ds)[2]["properties"]["organizer"], ftm_entities(ds)[2]["properties"]["sourceUrl"]
    (['rebels'], ['https://example.org/n'])
    """
    ent, rel = tables.entities, tables.relations
    ids = ftm_ids(pd.concat([ent["id"], rel["id"]], ignore_index=True),
                  pd.Series([""] * len(ent) + ["rel-"] * len(rel), dtype=str))
    ids = dict(zip(ent["id"], ids[:len(ent)])), dict(zip(rel["id"], ids[len(ent):]))
    names = dict(zip(ent["id"], ent["name"]))
    entities = [_entity(row, ids[0]) for row in ent.to_dict("records")]
    labels = dict(zip(tables.relation_types["id"], tables.relation_types["label"]))
    temporal = dict(zip(tables.relation_types["id"], tables.relation_types["temporal"]))
    cited = _cited(tables)
    for row in rel.to_dict("records"):
        if row["relation"] in SANCTION_TYPES:
            schema = "Sanction"
        else:
            schema = "Event" if temporal.get(row["relation"]) == "event" else "UnknownLink"
        entities.append(_relation(row, schema, ids, names, labels.get(row["relation"], row["relation"]), cited))
    return entities


def ftm_ids(ids: pd.Series, prefixes: pd.Series) -> list[str]:
    """FtM ids for relgraph ids: the prefix and the id with ``-`` for ``_``; a hash of the id is added to one
    that is still invalid or the same as another's.

    Examples
    --------
    >>> ftm_ids(pd.Series(["al_qaeda", "r1", "r_2", "r-2"]), pd.Series(["", "rel-", "rel-", "rel-"]))
    ['al-qaeda', 'rel-r1', 'rel-r-2-1f7e7553', 'rel-r-2-16a705e3']
    """
    ids, prefixes = ids.reset_index(drop=True), prefixes.reset_index(drop=True)
    slugs = prefixes + ids.str.replace("_", "-", regex=False)
    clash = slugs.duplicated(keep=False) | ~slugs.str.match(_FTM_ID)
    hashed = slugs.str.strip(".-") + "-" + ids.map(lambda i: hashlib.sha1(i.encode("utf-8")).hexdigest()[:8])
    return slugs.where(~clash, hashed).tolist()


def generate_ftm(tables) -> str:
    """:func:`ftm_entities` as JSON lines (UTF-8)."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ftm_entities(tables))


def write_ftm(tables, path) -> Path:
    """Write :func:`generate_ftm` to ``path`` atomically, never over one of ``tables.inputs``; returns it."""
    return write_atomic(path, generate_ftm(tables), inputs=tables.inputs)


def _entity(row: dict, ids: dict) -> dict:
    schema = ENTITY_SCHEMATA.get(row["kind"], "LegalEntity")
    mapping = PERSON_PROPERTIES if schema == "Person" else ENTITY_PROPERTIES
    props = _properties(row, mapping, text="notes")
    if "alias" in props:
        props["alias"] = props["alias"][0].split("|")
    for prop in ("name", "alias"):  # as FtM cleans names: whitespace runs one space, control characters gone
        if prop in props:
            props[prop] = [_name(v) for v in props[prop]]
    props["classification"] = [style.kind_label(row["kind"])]
    return {"id": ids[row["id"]], "schema": schema, "properties": dict(sorted(props.items()))}


def _relation(row: dict, schema: str, ids: tuple[dict, dict], names: dict, label: str, cited: dict) -> dict:
    props = _properties(row, RELATION_PROPERTIES[schema], text="description")
    source_end, target_end = RELATION_ENDS[schema]
    if source_end is None:  # a sanction names its authority, which FtM keeps as text
        props["authority"] = [names.get(row["source"], row["source"])]
    else:
        props[source_end] = [ids[0][row["source"]]]
    props[target_end] = [ids[0][row["target"]]]
    if schema == "UnknownLink":
        props["role"] = [label]
    elif schema == "Event":  # a sanction has no name of its own: FtM captions it by its entity
        props["name"] = [_name(f"{names.get(row['source'], row['source'])} {label} "
                               f"{names.get(row['target'], row['target'])}")]
    props["recordId"] = [row["id"]]
    quotes, urls, publishers = cited.get(row["id"], ([], [], []))
    for prop, values in (("summary", [row.get("evidence", ""), *quotes]), ("sourceUrl", urls),
                         ("publisher", publishers)):
        values = list(dict.fromkeys(v for v in values if v))
        if values:
            props[prop] = values
    return {"id": ids[1][row["id"]], "schema": schema, "properties": dict(sorted(props.items()))}


def _name(text: str) -> str:
    return "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")


def _properties(row: dict, mapping: dict, *, text: str) -> dict:
    """The properties ``mapping`` names, and a ``column: value`` line in ``text`` for each other column."""
    props, lines = {}, []
    for column, value in row.items():
        if value == "" or column in STRUCTURAL:
            continue
        if column in mapping:
            props.setdefault(mapping[column], []).append(str(value))
        else:
            lines.append(f"{column}: {value}")
    if lines:
        props[text] = ["\n".join([*props.get(text, []), *lines])]
    return props


def _cited(tables) -> dict:
    """Per relation id: the quotes of its citations, and the URLs and publishers of all its sources."""
    rel = tables.relations[["id", "source_id"]].assign(quote="")
    citations = getattr(tables, "citations", None)
    if citations is not None and len(citations):
        extra = citations.rename(columns={"relation_id": "id"})[["id", "source_id", "quote"]]
        rel = pd.concat([rel, extra], ignore_index=True)
    src = tables.sources.set_index("id")
    rel = rel.assign(url=rel["source_id"].map(src["url"]).fillna(""),
                     publisher=rel["source_id"].map(src["publisher"]).fillna(""))
    return {rid: (g["quote"].tolist(), g["url"].tolist(), g["publisher"].tolist())
            for rid, g in rel.groupby("id", sort=False)}
