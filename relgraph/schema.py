"""The column rules of a dataset, read from relgraph's own ``schema.json``.

``schema.json`` (package data beside this module) is a Frictionless Data
Package descriptor and the single source of truth for columns, types, required
fields, vocabularies, patterns and foreign keys; nothing here repeats it. The
bundled sample's ``data/datapackage.json`` is a copy of it for frictionless
users, checked equal by a test.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_SCHEMA_FILE = Path(__file__).resolve().parent / "schema.json"
# The tables of a dataset, in the order they are read and validated.
TABLES = ("entities", "relation_types", "sources", "relations", "citations")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    unique: bool = False
    enum: tuple | None = None
    pattern: re.Pattern | None = None
    partial_date: bool = False


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    ref_field: str


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    fields: tuple[Field, ...]
    foreign_keys: tuple[ForeignKey, ...]
    primary_key: tuple[str, ...] = ()
    optional: bool = False  # a dataset may leave the file out: the table is then empty

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def key(resource: Resource) -> tuple[str, ...]:
    """The columns that identify a row: the primary key, else ``id``.

    Examples
    --------
    >>> key(schema()["relations"]), key(schema()["citations"])
    (('id',), ('relation_id', 'source_id'))
    """
    return resource.primary_key or ("id",)


@dataclass(frozen=True)
class Schema:
    """All resources of the data package, in dependency order of the file."""

    resources: tuple[Resource, ...]

    def __getitem__(self, name: str) -> Resource:
        for r in self.resources:
            if r.name == name:
                return r
        raise KeyError(name)

    @classmethod
    def from_file(cls, path: Path) -> Schema:
        package = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(tuple(_resource(r) for r in package["resources"]))


def _field(spec: dict) -> Field:
    c = spec.get("constraints", {})
    pattern = c.get("pattern")
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        required=bool(c.get("required", False)),
        unique=bool(c.get("unique", False)),
        enum=tuple(c["enum"]) if "enum" in c else None,
        pattern=re.compile(pattern) if pattern else None,
        partial_date=bool(spec.get("x-partial-date", False)),
    )


def _resource(spec: dict) -> Resource:
    schema = spec["schema"]
    fks = tuple(
        ForeignKey(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for fk in schema.get("foreignKeys", [])
    )
    return Resource(
        name=spec["name"],
        path=spec["path"],
        fields=tuple(_field(f) for f in schema["fields"]),
        foreign_keys=fks,
        primary_key=tuple(schema.get("primaryKey", ())),
        optional=bool(spec.get("x-optional", False)),
    )


@lru_cache(maxsize=1)
def schema() -> Schema:
    """relgraph's column rules (``schema.json``).

    Examples
    --------
    >>> schema()["relations"].columns[:4]
    ['id', 'source', 'target', 'relation']
    """
    return Schema.from_file(_SCHEMA_FILE)
