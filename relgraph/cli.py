"""The ``relgraph`` command line. Exit codes: 0 ok, 1 invalid data, 2 usage error."""
from __future__ import annotations

import json
import os
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

import click
from click.core import ParameterSource

from . import dataset, dates
from .asof import DEFAULT_WINDOW, parse_window
from .choices import OptionError
from .errors import InputError, OutputError, ValidationError
from .export import EXTENSIONS, FORMATS, choose_format
from .geo import MapUnavailable
from .issues import problems_found
from .outputs import check_output, visible, write_atomic
from .page import COLOR_BY, PAGE_OPTIONS, RENDERERS, VIEWS, EmptyView
from .progress import Progress
from .schema import schema

DATA_OPTION = click.option(
    "--data", "data", type=click.Path(exists=True, path_type=Path),
    default=None, help="Dataset folder with entities.csv, relations.csv, relation_types.csv, "
                       "sources.csv, or a snapshot CSV (default: the bundled dataset).")


def _fail_invalid(err: ValidationError) -> None:
    for issue in err.issues:
        click.echo(visible(str(issue)), err=True)
    click.echo(f"{problems_found(len(err.issues))}; nothing written.", err=True)
    sys.exit(1)


def _load(data: Path | None) -> dataset.Dataset:
    try:
        return dataset.load(data)
    except ValidationError as e:
        _fail_invalid(e)
    except InputError as e:
        raise click.UsageError(str(e))


STDOUT = Path("-")


def _check_output(output: Path | None, inputs=()) -> None:
    """Refuse early an output that cannot be written (an input, a device, a folder); ``-`` is standard output."""
    if output is not None and output != STDOUT:
        check_output(output, inputs)


def _write(output: Path | None, text: str, inputs=()) -> None:
    """``text`` to ``output`` atomically, then its path on standard output; to standard output for None or -."""
    if output is None or output == STDOUT:
        click.echo(text, nl=False)
    else:
        click.echo(visible(str(write_atomic(output, text, inputs=inputs))))


class _Group(click.Group):
    """Turns what the library refuses and operating-system errors into a message and exit code 2;
    every message has its control characters shown, not sent to the terminal."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException as e:
            e.message = visible(e.message)
            raise
        except OutputError as e:
            raise _usage(str(e)) from None
        except BrokenPipeError:
            # The reader went away (| head): say so once, and keep Python from failing again at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise _usage("cannot write to standard output: the pipe was closed (Broken pipe)") from None
        except OSError as e:
            where = f"cannot write {e.filename}" if e.filename else "cannot write to standard output"
            raise _usage(f"{where}: {e.strerror or e}") from None


def _usage(message: str) -> click.ClickException:
    err = click.ClickException(visible(message))
    err.exit_code = 2
    return err


def _as_of_day(ctx, param, value):
    """Check an ``--as-of`` date (YYYY-MM-DD) at parse time, so a typo is a usage error."""
    if value is not None:
        try:
            dates.to_day(value)
        except ValueError as e:
            raise click.BadParameter(str(e))
    return value


def _date_options(as_of_help: str, known_by_help: str):
    """--as-of and --known-by, checked when parsed (:func:`_as_of_day`), with each command's own help."""
    def decorate(f):
        f = click.option("--known-by", "known_by", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
                         help=known_by_help)(f)
        return click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
                            help=as_of_help)(f)
    return decorate


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="relgraph")
def main() -> None:
    """Relations between states and armed or political groups: validate, render, compare."""


def _enum(table: str, column: str) -> str:
    return ", ".join(schema()[table].field(column).enum)


def _page_options(f):
    """The page's options (relgraph.PageOptions), the same for every command that writes a page."""
    for option in reversed([
        click.option("--title", default=None, help="Page title (default: the dataset's name)."),
        click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
                     help="Open as of this date: only relations in force then (as `relgraph snapshot`)."),
        click.option("--relation", multiple=True, metavar="TYPE",
                     help="Open with only this relation type shown (repeatable)."),
        click.option("--kind", multiple=True, metavar="KIND",
                     help="Open with only the relations that have an end of this kind shown, either end "
                          f"(repeatable): {_enum('entities', 'kind')}."),
        click.option("--status", multiple=True, metavar="STATUS",
                     help="Open with only relations of this status shown (repeatable): "
                          f"{_enum('relations', 'status')}."),
        click.option("--focus", default=None, metavar="ENTITY",
                     help="Draw only the ego network of this entity id, and select it."),
        click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
                     help="Hops from --focus to include."),
        click.option("--physics/--no-physics", default=False,
                     help="Start with physics on: entities then move as the view changes (default: off, "
                          "every entity keeps its place whatever the date or the filters)."),
        click.option("--renderer", type=click.Choice(RENDERERS), default=None,
                     help="Draw with vis-network (dashes, curves, shapes, physics) or WebGL (sigma.js, for "
                          "large graphs); default: webgl above 20,000 relations."),
        click.option("--hide-isolated", is_flag=True, default=False,
                     help="Open with entities that no shown relation names hidden."),
        click.option("--known-then", "known", is_flag=True, default=False,
                     help="Open with 'Known then' on: as of the date, only what was on record by then."),
        click.option("--color-by", "color_by", type=click.Choice(COLOR_BY), default=None,
                     help="Open with the entities coloured by their camp or community at the date shown (from "
                          "the relations' signs, as `relgraph analyze`), each one's alignment in its details."),
        click.option("--view", type=click.Choice(VIEWS), default=None,
                     help="Open as a network (default) or on a map of the countries in the data: states "
                          "at their territory (iso3), other entities in their countries column."),
    ]):
        f = option(f)
    return f


def _options(params: dict) -> dict:
    """The page options given on the command line, as keywords of the library; the others keep the
    library's defaults."""
    given = {name: list(params[name]) if isinstance(params[name], tuple) else params[name]
             for name in PAGE_OPTIONS if name in params}
    return {name: value for name, value in given.items() if value not in (None, [])}


@contextmanager
def _say_if_empty():
    """Print on standard error, as a warning, that a page or image opens showing nothing (EmptyView), or
    without the map it was asked for (MapUnavailable)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EmptyView)
        warnings.simplefilter("always", MapUnavailable)
        yield
    for w in caught:
        if issubclass(w.category, EmptyView):
            click.echo(visible(f"relgraph: warning: {w.message}; widen --as-of, --relation, --kind or --status"),
                       err=True)
        elif issubclass(w.category, MapUnavailable):
            click.echo(visible(f"relgraph: warning: {w.message}"), err=True)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _option_error(e: OptionError) -> click.BadParameter:
    return click.BadParameter(e.reason, param_hint=f"'--{e.option.replace('_', '-')}'")


def run() -> None:
    """The ``relgraph`` command (its script and ``python -m relgraph``): :func:`main`, with matplotlib and
    wcwidth hidden.

    igraph imports matplotlib whenever it is installed, for plotting that no command does: half a
    second of every render; and texttable, for its printed summaries, which imports wcwidth when it is
    installed (25 ms; texttable measures with unicodedata without it). Tests call :func:`main` in their
    own process, which this leaves alone.
    """
    for unused in ("matplotlib", "wcwidth"):
        sys.modules.setdefault(unused, None)  # None: an import of it fails, and igraph goes without
    main()


@main.command()
@DATA_OPTION
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("relations.html"),
              show_default=True, help="File to write (HTML page, or an SVG image for .svg); - for standard output.")
@click.option("--format", "fmt", type=click.Choice(["html", "svg"]), default=None,
              help="html: the interactive page; svg: a static image of its start view (default: from the "
                   "output's extension, html for -).")
@_page_options
def render(data, output, fmt, **params):
    """Write the interactive graph page (one offline HTML file), or a static SVG image of its start view.

    The page holds the whole dataset (or the --focus ego network); --as-of,
    --relation, --kind and --status only set the controls it starts with. The
    SVG image draws that start view, with labels, legend, title, date and
    sources, without a browser; the same input gives the same bytes.

    \b
    Examples:
      relgraph render --data my_data -o my_graph.html --relation attack --as-of 2024-11-25
      relgraph render -o graph.svg --as-of 2024-11-25 --kind armed_group
    """
    fmt = fmt or ("svg" if output.suffix.lower() == ".svg" else "html")
    _check_output(output)
    progress = Progress()
    progress("reading and checking the data")
    ds = _load(data)
    _check_output(output, ds.inputs)
    try:
        with progress, _say_if_empty():
            text = ds.to_svg(**_options(params)) if fmt == "svg" else ds.to_html(**_options(params), progress=progress)
    except OptionError as e:
        raise _option_error(e)
    _write(output, text, ds.inputs)


@main.command()
@DATA_OPTION
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help=f"{', '.join(FORMATS)} (default: from the extension of -o: "
                   f"{', '.join(f'{e} {f}' for e, f in EXTENSIONS.items())}).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default, or -: standard output, with --format).")
@_date_options("Only the relations in force on this date (as `relgraph snapshot`).",
               "Only the relations on record by this date (with --as-of: both).")
@click.option("--relation", multiple=True, metavar="TYPE", help="Only relations of this type (repeatable).")
@click.option("--kind", multiple=True, metavar="KIND",
              help=f"Only entities of this kind (repeatable): {_enum('entities', 'kind')}.")
@click.option("--status", multiple=True, metavar="STATUS",
              help=f"Only relations of this status (repeatable): {_enum('relations', 'status')}.")
@click.option("--focus", default=None, metavar="ENTITY", help="Only the ego network of this entity id.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0), help="Hops from --focus.")
def export(data, fmt, output, as_of, known_by, relation, kind, status, focus, depth):
    """Write the dataset for another tool: Gephi and Gephi Lite (GEXF), yEd, igraph and Cytoscape
    (GraphML), Cytoscape.js, networkx (node-link JSON), OpenSanctions and Aleph (FollowTheMoney).

    Every column goes along; --focus takes the ego network first, then --as-of and --known-by
    keep what held or was known (as `relgraph snapshot`), then --relation, --kind and --status.

    \b
    Examples:
      relgraph export -o relations.gexf --as-of 2024-11-25
      relgraph export --format ftm --relation proscription > proscriptions.ftm.json
    """
    try:
        fmt = choose_format(fmt, None if output in (None, STDOUT) else output, caller="relgraph export")
    except OptionError as e:
        raise _option_error(e)
    _check_output(output)
    ds = _load(data)
    _check_output(output, ds.inputs)
    try:
        if focus is not None:
            ds = ds.ego(focus, depth)
        if as_of is not None or known_by is not None:
            ds = ds.snapshot(as_of, known_by=known_by)
        ds = ds.filter(relation=list(relation) or None, kind=list(kind) or None, status=list(status) or None)
    except OptionError as e:
        raise _option_error(e)
    _write(output, ds.export(format=fmt), ds.inputs)


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
            report = dataset.validate(data)
    except InputError as e:
        raise click.UsageError(str(e))
    click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) if as_json else visible(str(report)))
    sys.exit(0 if report.valid else 1)


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
@_date_options("What held on this date: relations in force on it are kept.",
               "What was known by this date: relations on record by then are kept (with --as-of: both).")
@_rule_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="CSV file to write (default, or -: standard output).")
def snapshot(data, as_of, known_by, certain, window, output):
    """Write the relations in force on a date (--as-of), or on record by a date (--known-by), or both,
    with the entities they need, as one canonical CSV.

    Every command reads that CSV back wherever it takes a dataset (--data, diff).

    \b
    Examples:
      relgraph snapshot --as-of 2025-07-31 -o 2025-07-31.csv
      relgraph snapshot --as-of 2024-11-25 --known-by 2024-11-25   # what held then, as known then
    """
    if as_of is None and known_by is None:
        raise click.UsageError("give --as-of (what held on a date), --known-by (what was known by a date), or both")
    _check_output(output)
    snap = _load(data).snapshot(as_of, known_by=known_by, rule="certain" if certain else "possible", window=window)
    _write(output, snap.to_csv(), snap.inputs)


def _side(spec: str, like=None, seen=None):
    try:
        from .changes import as_side  # here: only diff compares

        return as_side(spec, "relgraph diff", like=like, seen=seen)[0]
    except ValidationError as e:
        click.echo(visible(f"{spec}:"), err=True)
        _fail_invalid(e)
    except InputError as e:
        raise click.UsageError(str(e))


@main.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
              help="Compare the snapshot of --data on this date ...")
@click.option("--known", "by_knowledge", is_flag=True,
              help="With --from/--to: compare what was known by each date (what became known), not what held.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", callback=_as_of_day,
              help="... with its snapshot on this date.")
@DATA_OPTION
@_rule_options
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "csv", "html"]),
              default="text", show_default=True, help="Report format; html is the graph page coloured by change.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default, or -: standard output).")
@click.option("--exit-code", is_flag=True, help="Exit with 1 if anything changed (as git diff --exit-code).")
@_page_options
def diff(old, new, date_from, by_knowledge, date_to, data, certain, window, fmt, output, exit_code, **params):
    """Show what changed from OLD to NEW, or between two dates of one dataset.

    OLD and NEW are each a dataset folder, a snapshot CSV, a relations CSV, or
    a git revision of one of them (REV:path, read with git, nothing checked out).

    \b
    Examples:
      relgraph diff last_month.csv data --format markdown
      relgraph diff HEAD~3:data data
      relgraph diff --from 2024-11-25 --to 2025-07-31
      relgraph diff --from 2024-01-01 --to 2024-11-25 --known   # what became known
    """
    dated = date_from is not None or date_to is not None
    if dated and (old is not None or new is not None):
        raise click.UsageError("give either OLD and NEW, or --from and --to, not both")
    if dated and (date_from is None or date_to is None):
        raise click.UsageError("--from and --to go together")
    if not dated and (old is None or new is None):
        raise click.UsageError("give OLD and NEW (folders, CSVs or REV:path), or --from and --to")
    if by_knowledge and not dated:
        raise click.UsageError("--known goes with --from and --to")
    if data is not None and not dated:
        raise click.UsageError("--data goes with --from and --to; give OLD and NEW as arguments instead")
    _check_output(output)
    page = _options(params)
    typed = click.get_current_context().get_parameter_source
    given = [name for name in PAGE_OPTIONS if typed(name) is ParameterSource.COMMANDLINE]
    if given and fmt != "html":
        raise click.UsageError(f"--{given[0].replace('_', '-')} is a page option: it goes with --format html")
    from . import changes  # here: only diff compares

    if dated:
        ds = _load(data)
        rule = "certain" if certain else "possible"
        def side(day):
            return (ds.snapshot(known_by=day, rule=rule, window=window) if by_knowledge else
                    ds.snapshot(day, rule=rule, window=window))
        result = changes.diff(side(date_from), side(date_to))
    else:
        seen = {}  # the first side's records, as read
        first = _side(old, seen=seen)  # read and validated here: the second side is read knowing it
        second = _side(new, like=first, seen=seen)
        del seen  # not held while the sides are compared
        result = changes.diff(first, second)
    render = {"text": result.to_text, "markdown": result.to_markdown, "json": result.to_json,
              "csv": result.to_csv, "html": lambda: result.to_html(**page)}[fmt]
    try:
        with _say_if_empty():
            text = render()
    except InputError as e:
        raise click.UsageError(str(e))
    except OptionError as e:
        raise _option_error(e)
    # What was read: both sides' files, and a bare relations CSV given by its path.
    inputs = {Path(x).resolve() for x in (old, new) if x is not None and Path(x).is_file()}
    for side in (result.old, result.new):
        inputs |= side.inputs if side is not None else set()
    _write(output, text, inputs)
    sys.exit(1 if exit_code and not result.empty else 0)


@main.command()
@DATA_OPTION
@_date_options("The relations in force on this date (as `relgraph snapshot`; default: every relation).",
               "The relations on record by this date (with --as-of: both).")
@_rule_options
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many of the most central actors text and Markdown list.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "csv"]), default="text",
              show_default=True, help="Report format; csv is the table of actors (camp, community, centralities).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default, or -: standard output).")
def analyze(data, as_of, known_by, certain, window, top, fmt, output):
    """Print the alignment of the actors: structural balance, the two camps, unbalanced triads, communities
    and the most central actors, from the relations' signs (their types' valence, weighted by status).

    The json format is exactly Dataset.analyze(...).to_dict(); the README explains each measure.

    \b
    Examples:
      relgraph analyze --as-of 2024-11-25
      relgraph analyze --as-of 2025-07-31 --format markdown -o alignment.md
      relgraph analyze --as-of 2025-07-31 --format csv -o actors.csv
    """
    _check_output(output)
    ds = _load(data)
    _check_output(output, ds.inputs)
    try:
        result = ds.analyze(as_of, known_by=known_by, rule="certain" if certain else "possible", window=window)
    except OptionError as e:
        raise _option_error(e)
    text = {"text": lambda: result.to_text(top), "markdown": lambda: result.to_markdown(top),
            "json": result.to_json, "csv": result.to_csv}[fmt]()
    _write(output, text, ds.inputs)
