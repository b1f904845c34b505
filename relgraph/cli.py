"""The ``relgraph`` command line. Exit codes: 0 ok, 1 invalid data, 2 usage error."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from . import api, dates
from .dataset import TABLES, validate_path
from .errors import InputError, ValidationError
from .schema import bundled_data_dir, schema

DATA_OPTION = click.option(
    "--data", "data", type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None, help="Dataset folder with entities.csv, relations.csv, relation_types.csv, "
                       "sources.csv (default: the bundled dataset).")


def _fail_invalid(err: ValidationError) -> None:
    for issue in err.issues:
        click.echo(str(issue), err=True)
    n = len(err.issues)
    click.echo(f"{n} problem{'s' if n != 1 else ''} found; nothing written.", err=True)
    sys.exit(1)


def _load(data: Path | None) -> api.Dataset:
    try:
        return api.load(data)
    except ValidationError as e:
        _fail_invalid(e)
    except InputError as e:
        raise click.UsageError(str(e))


def _check_output(output: Path, data: Path | None) -> None:
    """Refuse to write over an input file."""
    base = (data or bundled_data_dir()).resolve()
    inputs = {base / f"{t}.csv" for t in TABLES} | {base / "datapackage.json"}
    if output.resolve() in inputs:
        raise click.UsageError(f"{output} is an input file of the dataset; choose another output")
    if output.is_dir():
        raise click.UsageError(f"{output} is a folder; give a file name such as relations.html")


def _as_of_day(ctx, param, value):
    """Check an ``--as-of`` date (YYYY-MM-DD) at parse time, so a typo is a usage error."""
    if value is not None:
        try:
            dates.to_day(value)
        except ValueError as e:
            raise click.BadParameter(str(e))
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="relgraph")
def main() -> None:
    """Relations between states and armed or political groups: validate, render, compare."""


@main.command()
@DATA_OPTION
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("relations.html"),
              show_default=True, help="HTML file to write.")
@click.option("--title", default=None, help="Page title (default: the dataset's name).")
@click.option("--physics/--no-physics", default=None,
              help="Start with physics on or off (default: on up to 300 entities).")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
              help="Start at this date: only relations in force then (as `relgraph snapshot`).")
@click.option("--relation", "relation_types", multiple=True, metavar="TYPE",
              help="Start with only this relation type shown (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(schema()["entities"].field("kind").enum),
              help="Start with only this entity kind shown (repeatable).")
@click.option("--focus", default=None, metavar="ENTITY",
              help="Draw only the ego network of this entity id, centred on it.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="Hops from --focus to include.")
def render(data, output, title, physics, as_of, relation_types, kinds, focus, depth):
    """Write the interactive graph page: one offline HTML file.

    The page holds the whole dataset (or the --focus ego network); --as-of,
    --relation and --kind only set the controls it starts with.

    Example: relgraph render --data my_data -o my_graph.html --relation attack --as-of 2024-11-25
    """
    _check_output(output, data)
    ds = _load(data)
    known = ds.relation_types["id"].tolist()
    unknown = [t for t in relation_types if t not in known]
    if unknown:
        raise click.BadParameter(f"unknown relation type {', '.join(map(repr, unknown))}; "
                                 f"choose from {', '.join(known)}", param_hint="'--relation'")
    if focus is not None:
        try:
            ds = ds.ego(focus, depth)
        except InputError as e:
            raise click.BadParameter(str(e), param_hint="'--focus'")
    path = ds.write_html(output, title=title, physics=physics, as_of=as_of, focus=focus,
                         relation=list(relation_types) or None, kind=list(kinds) or None)
    click.echo(str(path))


@main.command()
@DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(data, as_json):
    """Check a dataset; report every problem at once (exit 1 if any).

    Example: relgraph validate --data my_data --json
    """
    issues = validate_path(data)
    if as_json:
        click.echo(json.dumps({"valid": not issues, "issues": [asdict(i) for i in issues]},
                              indent=2, ensure_ascii=False))
    elif issues:
        for issue in issues:
            click.echo(str(issue))
        click.echo(f"{len(issues)} problem{'s' if len(issues) != 1 else ''} found.")
    else:
        s = api.load(data).summary()
        click.echo(f"ok: {s['entities']} entities, {s['relations']} relations, "
                   f"{s['relation_types']} relation types, {s['sources']} sources "
                   f"in {data or bundled_data_dir()}")
    sys.exit(1 if issues else 0)
