"""Validated datasets: the four tables, read from a folder or built from DataFrames."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .errors import InputError, Issue, ValidationError
from .load import Table, frame_table, read_table, source_file
from .schema import Schema, bundled_data_dir, schema
from .validate import check_tables, typed

TABLES = ("entities", "relation_types", "sources", "relations")


@dataclass(frozen=True, eq=False)
class Tables:
    """The validated tables of one dataset.

    Text cells are strings, ``""`` where empty; ``relation_types.directed`` is
    bool and ``relation_types.valence`` int. ``base`` is the folder the data was
    read from (source texts are resolved against it), None for DataFrames.
    ``texts`` maps ``sources.file`` to the stored text when the data came
    without a folder to find it in (a snapshot CSV, a git revision).
    ``snapshot_info`` holds ``as_of``, ``rule`` and ``window`` of a snapshot.
    """

    entities: pd.DataFrame
    relations: pd.DataFrame
    relation_types: pd.DataFrame
    sources: pd.DataFrame
    name: str = "dataset"
    base: Path | None = None
    texts: dict | None = None
    snapshot_info: dict | None = None

    def with_relations(self, relations: pd.DataFrame, entities: pd.DataFrame | None = None):
        """A copy with other relation (and entity) rows; tables stay sorted by id."""
        entities = self.entities if entities is None else entities
        return replace(self, relations=relations.reset_index(drop=True),
                       entities=entities.reset_index(drop=True))


def _read_all(read, base: Path) -> dict:
    """Read every table with ``read(resource)`` (a table or None, and its problems), then validate them all."""
    sch = schema()
    tables, issues = {}, []
    for name in TABLES:
        table, problems = read(sch[name])
        issues += problems
        if table is not None:
            tables[name] = table
    return _finish(tables, issues, base, sch)


def _finish(tables: dict[str, Table], issues: list[Issue], base: Path, sch: Schema) -> dict:
    issues = issues + check_tables(tables, sch, base)
    if issues or len(tables) < len(TABLES):
        raise ValidationError(issues)
    return {name: typed(tables[name], sch[name]).sort_values("id", kind="stable").reset_index(drop=True)
            for name in TABLES}


def read_tables(path=None) -> dict:
    """Read and validate a dataset folder (default: the bundled one).

    Returns the keyword arguments of :class:`Tables` other than ``name`` and ``base``.

    Raises
    ------
    InputError
        If ``path`` is not a folder.
    ValidationError
        With every problem found, if there is any.
    """
    base = Path(path) if path is not None else bundled_data_dir()
    if not base.is_dir():
        raise InputError(f"{base}: not a dataset folder (expected a folder with "
                         + ", ".join(f"{n}.csv" for n in TABLES) + ")")
    # resolved: Path('.').parent is '.', not the parent where seeds/ may be
    return _read_all(lambda resource: read_table(base / resource.path, resource), base.resolve())


def _materialise(texts: dict[str, str], root: Path) -> None:
    """Write source texts under ``root`` at their ``file`` paths, so validation finds them there."""
    for rel, text in texts.items():
        target = (root / rel).resolve()
        if root.resolve() in target.parents:  # a path escaping root stays unwritten: reported missing
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def validate_with_texts(tables: dict[str, Table], issues: list[Issue], texts: dict[str, str]) -> dict:
    """Validate tables whose source texts are given in memory rather than beside them in a folder."""
    with tempfile.TemporaryDirectory(prefix="relgraph-") as tmp:
        _materialise(texts, Path(tmp))
        return _finish(tables, issues, Path(tmp), schema())


def source_texts(tables: Tables) -> dict[str, str]:
    """The stored text of each source ``file``: from ``tables.texts``, else found as validation finds it."""
    if tables.texts is not None:
        return dict(tables.texts)
    if tables.base is None:
        return {}
    found = {rel: source_file(tables.base, rel) for rel in tables.sources.loc[tables.sources["file"] != "", "file"]}
    return {rel: path.read_text(encoding="utf-8") for rel, path in found.items() if path is not None}


def frames_tables(frames: dict[str, pd.DataFrame], base: Path | None) -> dict[str, pd.DataFrame]:
    """Validate DataFrames as the tables of a dataset; file names in issues are the CSV names."""
    return _read_all(lambda resource: frame_table(frames[resource.name], resource, resource.path),
                     base or Path.cwd())


