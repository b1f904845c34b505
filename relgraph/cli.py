"""The ``relgraph`` command line. Exit codes: 0 ok, 1 invalid data, 2 usage error."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from . import api
from .dataset import TABLES, validate_path
from .errors import InputError, ValidationError
from .schema import bundled_data_dir

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
def render(data, output, title, physics):
    """Write the interactive graph page: one offline HTML file.

    Example: relgraph render --data my_data -o my_graph.html
    """
    _check_output(output, data)
    ds = _load(data)
    path = ds.write_html(output, title=title, physics=physics)
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
