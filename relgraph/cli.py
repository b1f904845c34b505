"""The ``relgraph`` command line. Exit codes: 0 ok, 1 invalid data, 2 usage error."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from . import api, dates
from .dataset import TABLES
from .errors import InputError, ValidationError, problems_found
from .files import write_atomic
from .inputs import read_side
from .progress import Progress
from .render import RENDERERS
from .snapshot import DEFAULT_WINDOW, parse_window
from .schema import bundled_data_dir, schema

DATA_OPTION = click.option(
    "--data", "data", type=click.Path(exists=True, path_type=Path),
    default=None, help="Dataset folder with entities.csv, relations.csv, relation_types.csv, "
                       "sources.csv, or a snapshot CSV (default: the bundled dataset).")


def _fail_invalid(err: ValidationError) -> None:
    for issue in err.issues:
        click.echo(str(issue), err=True)
    click.echo(f"{problems_found(len(err.issues))}; nothing written.", err=True)
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
    inputs = {base / f"{t}.csv" for t in TABLES} | {base / "datapackage.json", base}
    if output.resolve() in inputs:
        raise click.UsageError(f"{output} is an input file of the dataset; choose another output")
    if output.is_dir():
        raise click.UsageError(f"{output} is a folder; give a file name such as relations.html")
    if not output.resolve().parent.is_dir():
        raise click.UsageError(f"cannot write {output}: folder {output.parent} does not exist")


class _Group(click.Group):
    """Turns an operating-system error (permissions, full disk) into a message and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OSError as e:
            err = click.ClickException(f"cannot {'write' if e.filename else 'do that'}"
                                       f"{' ' + str(e.filename) if e.filename else ''}: {e.strerror or e}")
            err.exit_code = 2
            raise err from None


def _as_of_day(ctx, param, value):
    """Check an ``--as-of`` date (YYYY-MM-DD) at parse time, so a typo is a usage error."""
    if value is not None:
        try:
            dates.to_day(value)
        except ValueError as e:
            raise click.BadParameter(str(e))
    return value


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--renderer", type=click.Choice(RENDERERS), default=None,
              help="Draw with vis-network (dashes, curves, shapes, physics) or WebGL (sigma.js, for large "
                   "graphs); default: webgl above 20,000 relations.")
def render(data, output, title, physics, as_of, relation_types, kinds, focus, depth, renderer):
    """Write the interactive graph page: one offline HTML file.

    The page holds the whole dataset (or the --focus ego network); --as-of,
    --relation and --kind only set the controls it starts with.

    Example: relgraph render --data my_data -o my_graph.html --relation attack --as-of 2024-11-25
    """
    _check_output(output, data)
    progress = Progress()
    progress("reading and checking the data")
    ds = _load(data)
    known = ds.relation_types["id"].tolist()
    unknown = [t for t in relation_types if t not in known]
    if unknown:
        raise click.BadParameter(f"unknown relation type {', '.join(map(repr, unknown))}; "
                                 f"choose from {', '.join(known)}", param_hint="'--relation'")
    try:
        with progress:
            path = ds.write_html(output, title=title, physics=physics, as_of=as_of, focus=focus, depth=depth,
                                 relation=list(relation_types) or None, kind=list(kinds) or None,
                                 renderer=renderer, progress=progress)
    except InputError as e:
        raise click.BadParameter(str(e), param_hint="'--focus'")
    click.echo(str(path))


@main.command()
@DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(data, as_json):
    """Check a dataset; report every problem at once (exit 1 if any).

    Example: relgraph validate --data my_data --json
    """
    try:
        with Progress() as progress:
            progress("reading and checking the data")
            summary, issues = api.load(data).summary(), []
    except ValidationError as e:
        summary, issues = None, list(e.issues)
    except InputError as e:
        raise click.UsageError(str(e))
    if as_json:
        click.echo(json.dumps({"valid": not issues, "issues": [asdict(i) for i in issues]},
                              indent=2, ensure_ascii=False))
    elif issues:
        for issue in issues:
            click.echo(str(issue))
        click.echo(f"{problems_found(len(issues))}.")
    else:
        s = summary
        click.echo(f"ok: {s['entities']} entities, {s['relations']} relations, "
                   f"{s['relation_types']} relation types, {s['sources']} sources "
                   f"in {data or bundled_data_dir()}")
    sys.exit(1 if issues else 0)


# snapshot and diff ------------------------------------------------------------------------------

def _window(ctx, param, value):
    try:
        return parse_window(value)
    except ValueError as e:
        raise click.BadParameter(str(e))


def _rule_options(f):
    f = click.option("--window", default=str(DEFAULT_WINDOW), show_default=True, metavar="DAYS|all",
                     callback=_window, help="Events (attacks, visits, delistings) count for this many days "
                                            "after they happen; 'all' keeps every past event.")(f)
    return click.option("--certain", is_flag=True,
                        help="Count only relations certainly in force on the date (default: those that "
                             "may be, given dates like 2022 or 2024-11).")(f)


@main.command()
@DATA_OPTION
@click.option("--as-of", "as_of", required=True, metavar="YYYY-MM-DD", callback=_as_of_day,
              help="The date: relations in force on it are kept.")
@_rule_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="CSV file to write (default: standard output).")
def snapshot(data, as_of, certain, window, output):
    """Write the relations in force on a date, with the entities they need, as one canonical CSV.

    Every command reads that CSV back wherever it takes a dataset (--data, diff).

    Example: relgraph snapshot --as-of 2025-07-31 -o 2025-07-31.csv
    """
    if output is not None:
        _check_output(output, data)
    snap = _load(data).snapshot(as_of, rule="certain" if certain else "possible", window=window)
    text = snap.to_csv(output)
    click.echo(str(output) if output is not None else text, nl=output is not None)


def _side(spec: str):
    try:
        return read_side(spec)
    except ValidationError as e:
        click.echo(f"{spec}:", err=True)
        _fail_invalid(e)
    except InputError as e:
        raise click.UsageError(str(e))


@main.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
              help="Compare the snapshot of --data on this date ...")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
              help="... with its snapshot on this date.")
@DATA_OPTION
@_rule_options
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "csv", "html"]),
              default="text", show_default=True, help="Report format; html is the graph page coloured by change.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--exit-code", is_flag=True, help="Exit with 1 if anything changed (as git diff --exit-code).")
def diff(old, new, date_from, date_to, data, certain, window, fmt, output, exit_code):
    """Show what changed from OLD to NEW, or between two dates of one dataset.

    OLD and NEW are each a dataset folder, a snapshot CSV, a relations CSV, or
    a git revision of one of them (REV:path, read with git, nothing checked out).

    \b
    Examples:
      relgraph diff last_month.csv data --format markdown
      relgraph diff HEAD~3:data data
      relgraph diff --from 2024-11-25 --to 2025-07-31
    """
    dated = date_from is not None or date_to is not None
    if dated and (old is not None or new is not None):
        raise click.UsageError("give either OLD and NEW, or --from and --to, not both")
    if dated and (date_from is None or date_to is None):
        raise click.UsageError("--from and --to go together")
    if not dated and (old is None or new is None):
        raise click.UsageError("give OLD and NEW (folders, CSVs or REV:path), or --from and --to")
    if data is not None and not dated:
        raise click.UsageError("--data goes with --from and --to; give OLD and NEW as arguments instead")
    if output is not None:
        for side in (data, *(Path(x) for x in (old, new) if x is not None and Path(x).exists())):
            _check_output(output, side)
    if dated:
        ds = _load(data)
        rule = "certain" if certain else "possible"
        result = api.diff(ds.snapshot(date_from, rule=rule, window=window),
                          ds.snapshot(date_to, rule=rule, window=window))
    else:
        result = api.diff(_side(old), _side(new))
    render = {"text": result.to_text, "markdown": result.to_markdown, "json": result.to_json,
              "csv": result.to_csv, "html": result.to_html}[fmt]
    try:
        text = render()
    except InputError as e:
        raise click.UsageError(str(e))
    if output is not None:
        write_atomic(output, text)
        click.echo(str(output))
    else:
        click.echo(text, nl=False)
    sys.exit(1 if exit_code and not result.empty else 0)
