"""The factbase command line: a thin click layer over the library.

Each command parses its options, calls one library function and turns the result into output
and an exit code. Exit codes: 0 no errors, 1 problems found, 2 usage error or internal failure.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .problems import Problem
from .report import FORMATS

if TYPE_CHECKING:
    from .factset import FactSet
    from .mentions import Mention

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class _GuardedGroup(click.Group):
    """Every command runs inside one guard: an unexpected exception becomes exit status 2 and
    a one-line message, with the traceback only under --debug (or FACTBASE_DEBUG=1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                KeyboardInterrupt, EOFError):
            raise
        except BrokenPipeError:
            raise  # click's main() handles a closed pipe (`factbase check | head`)
        except Exception as exc:
            _internal_error(exc)


@click.group(cls=_GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factbase")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error "
              "(FACTBASE_DEBUG=1 does the same).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check factual claims against the exact spans of their sources, and publish them."""
    ctx.meta["factbase.debug"] = debug


# --- commands below are added per feature; keep each one thin.


# --- speed: workers, a Dask cluster, the incremental cache, progress on a terminal

def _speed_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--no-cache", is_flag=True,
        help="Neither read nor write the incremental cache in .factbase-cache/.")(command)
    command = click.option(
        "--scheduler", metavar="ADDRESS",
        help="Run the units of work on the Dask cluster whose scheduler listens at ADDRESS "
             "(tcp://host:8786; needs factbase[dask]).")(command)
    return click.option(
        "-j", "--workers", type=click.IntRange(min=1), default=None, metavar="N",
        help="Local processes that check sources (default: the CPUs, for large bases; "
             "FACTBASE_WORKERS sets it too; 1 for none).")(command)


@contextlib.contextmanager
def engine(ctx: click.Context, *, facts_path: Path, workers: int | None, scheduler: str | None,
           use_cache: bool) -> Iterator[dict[str, Any]]:
    """The keyword arguments of ``check``/``build``: the executor or workers, the cache
    beside FACTS, and a progress bar on a terminal."""
    from ._run.cache import Cache
    from ._run.executor import SchedulerError, dask_executor

    if scheduler is not None and workers is not None:
        ctx.fail("give --scheduler or -j, not both")
    close: Callable[[], None] = lambda: None  # noqa: E731
    kwargs: dict[str, Any] = {"workers": workers}
    if scheduler is not None:
        try:
            executor, close = dask_executor(scheduler)
        except SchedulerError as exc:
            ctx.fail(str(exc))
        kwargs = {"executor": executor}
    cache = Cache.beside(facts_path) if use_cache and os.environ.get("FACTBASE_CACHE") != "0" else None
    try:
        with _progress() as progress:
            yield {**kwargs, "cache": cache, "progress": progress}
    finally:
        if cache is not None:
            cache.close()
        close()


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    tasks: dict[str, Any] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(f"checking {phase}", total=total)
        bar.update(tasks[phase], completed=done, total=total)

    with bar:
        yield update


# --- init (issue 16)

@cli.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--ci", "ci", multiple=True, type=click.Choice(["github", "gitlab"]),
              help="Also write a CI job that runs `factbase check --strict`: "
                   ".github/workflows/factbase.yml or .gitlab-ci.yml (repeatable).")
@click.option("--pre-commit", "pre_commit", is_flag=True,
              help="Also write .pre-commit-config.yaml with a hook that runs "
                   "`factbase check --strict`.")
@click.pass_context
def init_command(ctx: click.Context, folder: Path, ci: tuple[str, ...], pre_commit: bool) -> None:
    """Start a project in FOLDER (default: the current one, created when missing): facts.yaml,
    the editor schema facts.schema.json, sources/ and .gitignore lines for the cache and the
    databases.

    A file that exists is never overwritten: it is kept (.gitignore gets only the lines it
    lacks). Prints one line per file: created, appended or kept. Exit status: 0 done, 1 FOLDER
    is not a folder that can be written to.
    """
    from .project import InitError, init

    try:
        done = init(folder, ci=ci, pre_commit=pre_commit)
    except InitError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    for written in done:
        note = f" ({written.note})" if written.note else ""
        click.echo(f"{written.action} {_shown(folder, written.path)}{note}")
    ctx.exit(EXIT_OK)


def _shown(folder: Path, rel: str) -> str:
    """A path of the project as the user named its folder (``rel`` alone for ``.``)."""
    return rel if folder == Path(".") else f"{folder.as_posix().rstrip('/')}/{rel}"


# --- check and schema (reports, issue F)

def exit_code(problems: Sequence[Problem], *, strict: bool = False) -> int:
    """The exit status of a check: 1 when errors remain (or, with --strict, any problem)."""
    if any(p.severity == "error" for p in problems) or (strict and problems):
        return EXIT_PROBLEMS
    return EXIT_OK


class _OrderedCommand(click.Command):
    """Keeps the order in which --format and -o were given, which pairs them; click's
    multiple options keep each option's values but not how they interleave."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            try:
                _, _, order = self.make_parser(ctx).parse_args(args=list(args))
                ctx.meta["factbase.order"] = [param.name for param in order]
            except click.UsageError:
                pass  # the real parse below reports it
        return super().parse_args(ctx, args)


def _pair_outputs(order: Sequence[str | None], formats: Sequence[str],
                  outputs: Sequence[str]) -> list[tuple[str, str | None]]:
    """Each -o writes the --format given just before it; a format without -o goes to stdout."""
    pairs: list[list[str | None]] = []
    fi = oi = 0
    for name in order:
        if name == "formats":
            pairs.append([formats[fi], None])
            fi += 1
        elif name == "outputs":
            target = outputs[oi]
            oi += 1
            if not pairs:
                if formats:
                    raise click.UsageError(f"-o {target} comes before any --format; give "
                                           "each -o right after the --format it writes")
                pairs.append(["text", None])
            if pairs[-1][1] is not None:
                raise click.UsageError(f"--format {pairs[-1][0]} has two -o; give a --format "
                                       "before each -o")
            pairs[-1][1] = target
    files = [out for _, out in pairs if out not in (None, "-")]
    if len(files) != len(set(files)):
        raise click.UsageError("two formats write the same -o file")
    return [(str(fmt), out) for fmt, out in pairs] or [("text", None)]


def _link_base() -> str | None:
    server, repo, sha = (os.environ.get(k) for k in
                         ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    return f"{server}/{repo}/blob/{sha}/" if server and repo and sha else None


@cli.command("check", cls=_OrderedCommand)
@click.argument("facts", required=False, default="facts.yaml",
                type=click.Path(path_type=Path))
@click.option("--format", "-f", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Report format; repeat for several reports (default: text).")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FILE",
              help="Write the --format given just before it to FILE ('-' for stdout).")
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@_speed_options
@click.option("--baseline", type=click.Path(path_type=Path), metavar="REPORT.json",
              help="Fail only on problems not in this earlier JSON report.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODE",
              help="Leave out problems with this code; repeatable.")
@click.pass_context
def check_command(ctx: click.Context, facts: Path, formats: tuple[str, ...],
                  outputs: tuple[str, ...], strict: bool, baseline: Path | None,
                  ignore: tuple[str, ...], workers: int | None, scheduler: str | None,
                  no_cache: bool) -> None:
    """Check FACTS (default: facts.yaml) and report its problems.

    Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage
    error or internal failure.
    """
    from . import FactsError, check, load
    from .report import render
    from .report.baseline import BaselineError, apply, filter_problems, load_baseline, unknown_codes

    pairs = _pair_outputs(ctx.meta.get("factbase.order", []), formats, outputs)
    facts = _facts_file(ctx, facts)
    unknown = unknown_codes(ignore)
    if unknown:
        ctx.fail(f"--ignore: unknown problem code {', '.join(unknown)}")
    try:
        accepted = load_baseline(baseline) if baseline is not None else None
    except BaselineError as exc:
        ctx.fail(f"--baseline: {exc}")

    subject: Any
    try:
        loaded = load(facts)
        with engine(ctx, facts_path=facts, workers=workers, scheduler=scheduler,
                    use_cache=not no_cache) as kwargs:
            report = check(loaded, **kwargs)
    except FactsError as exc:
        kept = filter_problems(exc.problems, baseline=accepted, ignore=ignore)
        subject, problems, suppressed = kept.kept, kept.kept, kept.suppressed
    except Exception as exc:  # an internal failure: exit 2, not a traceback, unless debugging
        _internal_error(exc)
    else:
        subject, filtered = apply(report, baseline=accepted, ignore=ignore)
        problems, suppressed = subject.problems, filtered.suppressed

    for fmt, target in pairs:
        to_stdout = target in (None, "-")
        text = render(subject, fmt, facts_path=facts, suppressed=suppressed, strict=strict,
                      link_base=_link_base(),
                      color=fmt == "text" and to_stdout and sys.stdout.isatty())
        if to_stdout:
            click.echo(text, nl=False)
            continue
        try:
            Path(str(target)).write_text(text, encoding="utf-8")
        except OSError as exc:
            click.echo(f"factbase: cannot write {target}: {exc.strerror or exc}", err=True)
            ctx.exit(EXIT_USAGE)
    ctx.exit(exit_code(problems, strict=strict))


def _internal_error(exc: BaseException) -> NoReturn:
    click.echo(f"factbase: internal error: {type(exc).__name__}: {exc}", err=True)
    ctx = click.get_current_context(silent=True)
    debug = ctx is not None and bool(ctx.meta.get("factbase.debug"))
    if debug or os.environ.get("FACTBASE_DEBUG", "") not in ("", "0"):
        traceback.print_exception(exc)
    else:
        click.echo("factbase: run again with --debug (or FACTBASE_DEBUG=1) to see the "
                   "traceback", err=True)
    raise click.exceptions.Exit(EXIT_USAGE)


@cli.command("schema")
@click.option("--report", "of_report", is_flag=True,
              help="The schema of the JSON report instead of facts.yaml.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write it to FILE (such as facts.schema.json, the file the first line of "
                   "facts.yaml points editors at) instead of printing it.")
@click.pass_context
def schema_command(ctx: click.Context, of_report: bool, output: Path | None) -> None:
    """Print the JSON Schema of facts.yaml (for editors), or of the JSON report."""
    import json

    if of_report:
        from .report.schema import report_schema

        text = json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
    else:
        from .project import schema_text

        text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        ctx.exit(EXIT_OK)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"factbase: cannot write {output}: {exc.strerror or exc}", err=True)
        ctx.exit(EXIT_USAGE)
    click.echo(f"wrote {output}")


# --- explain (issue 16)

@cli.command("explain")
@click.argument("claim")
@click.argument("facts", required=False, default="facts.yaml",
                type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people; json: the claim's result as in the "
              "JSON report.")
@click.option("--no-color", is_flag=True, help="Plain text, even on a terminal.")
@_speed_options
@click.pass_context
def explain_command(ctx: click.Context, claim: str, facts: Path, fmt: str, no_color: bool,
                    workers: int | None, scheduler: str | None, no_cache: bool) -> None:
    """Explain the verdict on CLAIM (an id) of FACTS (default: facts.yaml): the claim and its
    value, then each citation's span in context with the mentions inside it, which of them
    match, and why the citation is verified or not.

    FACTS is checked whole (through the cache), so the verdict is the one `factbase check`
    gives. Exit status: 0 the claim is verified, 1 it is not (or FACTS has errors and does not
    load), 2 CLAIM is not a claim of FACTS (the nearest ids are suggested) or usage error.
    """
    import json

    from . import FactsError, check, load
    from .report import render
    from .report.explain import nearest_claims
    from .report.explain import render as explain

    facts = _facts_file(ctx, facts)
    try:
        loaded = load(facts)
    except FactsError as exc:
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        ctx.exit(EXIT_PROBLEMS)
    ids = [record.id for record in loaded.records]
    if claim not in ids:
        near = nearest_claims(ids, claim)
        hint = f"; did you mean {', '.join(near)}?" if near else f" ({len(ids)} claims)"
        ctx.fail(f"no claim {claim!r} in {facts}{hint}")
    try:
        with engine(ctx, facts_path=facts, workers=workers, scheduler=scheduler,
                    use_cache=not no_cache) as kwargs:
            report = check(loaded, **kwargs)
        result = report.claim(claim)
        if fmt == "json":
            text = json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
        else:
            text = explain(report, claim, color=not no_color and sys.stdout.isatty())
    except Exception as exc:
        _internal_error(exc)
    click.echo(text, nl=False)
    ctx.exit(EXIT_OK if result.status == "verified" else EXIT_PROBLEMS)


# --- build and serve (the published database, issue E)

@cli.command("build")
@click.argument("facts", required=False, default="facts.yaml",
                type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", default="factbase.db", show_default=True,
              type=click.Path(path_type=Path), help="The SQLite database to write.")
@click.option("--datasette-config", "config_version", default="0.65", show_default=True,
              type=click.Choice(["0.65", "1.0", "none"]),
              help="Datasette configuration to write next to the database: 0.65's "
                   "NAME.metadata.json, 1.0's NAME.metadata.yml + NAME.datasette.yml, or none.")
@click.option("--strict", is_flag=True, help="Warnings fail the build's exit status too.")
@_speed_options
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@click.pass_context
def build_command(ctx: click.Context, facts: Path, output: Path, config_version: str,
                  strict: bool, quiet: bool, workers: int | None, scheduler: str | None,
                  no_cache: bool) -> None:
    """Check FACTS, then publish everything to a SQLite database for Datasette.

    Each source's rows are written as soon as it is checked, so a build holds one source at
    a time, not the whole report. The database is written atomically (to a temporary file,
    then moved into place) and the same inputs give a byte-identical file. It is written even
    when claims fail, so that the failures can be browsed; the exit status is that of
    `factbase check`, or 2 when the database cannot be written (output-error). Builds into
    one folder take turns (a lock on the folder; no file is left beside the database).
    """
    from . import FactsError, build, load
    from .db import PublishError
    from .report import render

    facts = _facts_file(ctx, facts)
    try:
        loaded = load(facts)
        with engine(ctx, facts_path=facts, workers=workers, scheduler=scheduler,
                    use_cache=not no_cache) as kwargs:
            result = build(loaded, output, metadata=config_version != "none",
                           datasette_config=config_version if config_version != "none" else "0.65",
                           **kwargs)
    except PublishError as exc:  # the output, not the facts, failed: like `check -o`, exit 2
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        ctx.exit(EXIT_USAGE)
    except FactsError as exc:
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        ctx.exit(EXIT_PROBLEMS)
    except click.exceptions.ClickException:
        raise
    except Exception as exc:
        _internal_error(exc)
    if not quiet:
        click.echo(render(result, "text", facts_path=facts, facts=loaded, strict=strict,
                          color=sys.stdout.isatty()), nl=False)
    written = ", ".join(str(p) for p in [result.path, *result.config_files])
    click.echo(f"wrote {written}: {result.counts['claims']} claims, "
               f"{result.counts['citations']} citations, {result.counts['problems']} problems")
    ctx.exit(exit_code(result.problems, strict=strict))


@cli.command("serve")
@click.argument("db", required=False, default="factbase.db",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--public", is_flag=True,
              help="For a public server: no arbitrary SQL (canned queries stay) and a "
                   "query time limit.")
@click.pass_context
def serve_command(ctx: click.Context, db: Path, host: str, port: int, public: bool) -> None:
    """Serve DB (default: factbase.db) with Datasette, factbase's metadata and plugin.

    The database is opened immutable: after `factbase build` rewrites it, restart the
    server to see the new file.
    """
    from .serve import serve

    if not db.exists():
        ctx.fail(f"database {db} does not exist; run `factbase build` first")
    try:
        status = serve(db, host=host, port=port, public=public)
    except Exception as exc:
        _internal_error(exc)
    ctx.exit(EXIT_OK if status == 0 else EXIT_USAGE)


# --- pin (anchoring, issue D)

@cli.command("pin")
@click.argument("facts", required=False, default="facts.yaml",
                type=click.Path(path_type=Path))
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when pinning would change a file (for CI).")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print each field written (file:line: owner: set FIELD OLD -> NEW).")
@click.pass_context
def pin_command(ctx: click.Context, facts: Path, check_only: bool, verbose: bool) -> None:
    """Write each source's sha256 and each citation's start/end into FACTS (default:
    facts.yaml) and the files it includes, keeping comments and formatting.

    Prints one line per source (citations pinned, moved and unchanged) and a total; -v adds
    every field written. Citations that do not anchor, or anchor ambiguously, are reported
    and left alone. Exit status: 0 done (or, with --check, nothing to change), 1 a pin would
    change or a citation could not be pinned, 2 usage error.
    """
    from . import FactsError
    from .pin import pin, summary_lines

    facts = _facts_file(ctx, facts)
    try:
        result = pin(facts, check=check_only)
    except FactsError as exc:
        for p in exc.problems:
            click.echo(f"{p.location}: {p.severity}: {p.code}: {p.message}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    except Exception as exc:
        _internal_error(exc)
    if verbose:
        for change in result.changes:
            old = "(none)" if change.old is None else change.old
            verb = "would set" if check_only else "set"
            click.echo(f"{change.file}:{change.line}: {change.owner}: {verb} {change.field} "
                       f"{old} -> {change.new}")
    for p in result.problems:
        click.echo(f"{p.location}: {p.severity}: {p.code}: {p.message}", err=True)
    for line in summary_lines(result, check=check_only):
        click.echo(line)
    failed = (check_only and result.changed) or any(p.severity == "error" for p in result.problems)
    ctx.exit(EXIT_PROBLEMS if failed else EXIT_OK)


# --- coverage (issue C)

@cli.command("coverage")
@click.argument("facts", required=False, default="facts.yaml",
                type=click.Path(path_type=Path))
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["date", "money", "quantity", "entity", "role", "person"]),
              help="Count only these kinds of mention (repeatable); all by default.")
@click.option("--min", "minimum", type=click.FloatRange(0, 100), metavar="PCT",
              help="Exit 1 when a source's coverage is below PCT percent.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.pass_context
def coverage_command(ctx: click.Context, facts: Path, kinds: tuple[str, ...],
                     minimum: float | None, fmt: str) -> None:
    """List, per source, the typed mentions that no claim covers yet, with offsets and
    context: dates, amounts, quantities and named officials outside every cited span, and
    declared entities (counted once per source) that no claim citing the source is about.

    Mentions inside an `ignore:` entry of FACTS are left out. Exit status: 0, or 1 when FACTS
    has errors or, with --min, a source is covered less than PCT percent; the last line says
    which.
    """
    import json

    from . import FactsError, check, load
    from .coverage import coverage, outcome, total_percent
    from .report import render

    facts = _facts_file(ctx, facts)
    try:
        report = check(load(facts))
    except FactsError as exc:
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        click.echo(f"exit 1: {facts} does not load", err=True)
        ctx.exit(EXIT_PROBLEMS)
    except Exception as exc:
        _internal_error(exc)
    items = coverage(report, kinds or None)
    status, reason = outcome(items, minimum, len(report.errors))
    if fmt == "json":
        click.echo(json.dumps({"percent": round(total_percent(items), 2),
                               "sources": [c.to_dict() for c in items],
                               "exit_status": status, "exit_reason": reason},
                              indent=2, ensure_ascii=False))
    else:
        for c in items:
            click.echo(f"{c.source_id} ({c.path}): {c.percent:.1f} % of {c.mentions - c.ignored} "
                       f"mentions covered, {c.ignored} ignored")
            for u in c.uncovered:
                m = u.mention
                named = (f" (named {u.occurrences} times)" if u.occurrences > 1 else "")
                click.echo(f"  {m.start}-{m.end} {m.kind} {m.text!r} = {m.value}{named}  {u.context}")
        click.echo(reason)
    ctx.exit(status)


def _facts_file(ctx: click.Context, facts: Path) -> Path:
    """FACTS as given, or FOLDER/facts.yaml; a usage error (exit 2) when it does not exist."""
    if facts.is_dir():
        facts = facts / "facts.yaml"
    if not facts.exists():
        ctx.fail(f"facts file {facts} does not exist")
    return facts


# --- mentions (issue B)

_PARTIAL_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def _partial_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import datetime as dt
    import re

    if value is None:
        return None
    if not re.match(_PARTIAL_DATE, value):
        raise click.BadParameter("give YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        raise click.BadParameter(f"{value} is not a day of the calendar") from None
    return value


@cli.command("mentions")
@click.argument("source")
@click.option("--published", callback=_partial_date, metavar="DATE",
              help="Reference date for relative dates (YYYY, YYYY-MM or YYYY-MM-DD); "
                   "defaults to the source's `published` with --facts.")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["date", "money", "quantity", "entity", "role", "person"]),
              help="Only these kinds (repeatable); all by default, and date, money and "
                   "quantity with --as-claims.")
@click.option("--facts", "facts", type=click.Path(path_type=Path), metavar="FACTS",
              help="A facts file: its entities are matched, and SOURCE may be one of its "
                   "source ids.")
@click.option("--currency", metavar="CODE", help="Currency of a bare \"$\" (default USD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--as-claims", is_flag=True,
              help="Print draft claims (YAML) instead: with --facts and a source id, one for "
                   "each mention no claim covers yet; otherwise one per mention.")
@click.option("--into", "into", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="With --as-claims: add the drafts to FILE (created when missing), under "
                   "its claims: list, instead of printing them.")
@click.pass_context
def mentions_command(ctx: click.Context, source: str, published: str | None,
                     kinds: tuple[str, ...], facts: Path | None, currency: str | None,
                     fmt: str, as_claims: bool, into: Path | None) -> None:
    """Typed mentions (dates, money, quantities, names, named officials) in SOURCE, a file
    (text, web page, PDF or web snapshot, by its name's ending) or, with --facts, a source id,
    with code-point offsets into its text layer and normalized values."""
    import json

    from .mentions import find_mentions

    entities: list[Any] = []
    text: str | None = None
    fact_set = declared = None
    if facts is not None:
        from . import FactsError, load
        from .report import render
        from .sources import read_source

        facts = _facts_file(ctx, facts)
        try:
            fact_set = load(facts)
        except FactsError as exc:
            click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
            ctx.exit(EXIT_PROBLEMS)
        entities = list(fact_set.entities)
        declared = fact_set.source(source)
        if declared is not None:
            read = read_source(fact_set, declared)
            if read.text is None:
                click.echo(render(read.problems, "text", facts_path=facts), nl=False, err=True)
                ctx.exit(EXIT_PROBLEMS)
            text = read.text
            published = published or declared.published
            currency = currency or declared.currency
    if text is None:
        from .sources import read_file

        path = Path(source)
        if not path.is_file():
            ctx.fail(f"source {source} is not a file" + (" nor a source id" if facts else ""))
        text, reason = read_file(path)
        if text is None:
            ctx.fail(f"cannot read {source}: {reason}")
    if into is not None and not as_claims:
        ctx.fail("--into needs --as-claims")
    try:
        # Drafting reads every mention: clauses are not cut inside one, names suggest subjects.
        found = find_mentions(text, reference=published, kinds=None if as_claims else kinds or None,
                              entities=entities, currency=currency)
    except Exception as exc:
        _internal_error(exc)
    if as_claims:
        _draft(ctx, text, declared.id if declared is not None else None, source, found,
               kinds, fact_set, facts, published, currency, into)
    if fmt == "json":
        click.echo(json.dumps({"source": source, "published": published,
                               "mentions": [m.to_dict() for m in found]},
                              indent=2, ensure_ascii=False))
        ctx.exit(EXIT_OK)
    from rich.console import Console
    from rich.table import Table

    table = Table("kind", "start", "end", "text", "value", "clause", box=None, pad_edge=False)
    for m in found:
        clause = getattr(m.value, "clause", None)
        table.add_row(m.kind, str(m.start), str(m.end), m.text, str(m.value),
                      "" if clause is None else str(clause))
    console = Console(highlight=False, soft_wrap=False, width=max(100, Console().width))
    console.print(table)
    console.print(f"{len(found)} mentions")
    ctx.exit(EXIT_OK)


def _draft(ctx: click.Context, text: str, source_id: str | None, source: str,
           found: Sequence[Mention], kinds: tuple[str, ...], fact_set: FactSet | None,
           facts: Path | None, published: str | None, currency: str | None,
           into: Path | None) -> NoReturn:
    """`mentions --as-claims`: print the drafts, or add them to the file `--into` names."""
    from .drafts import DRAFT_KINDS, draft_source, source_slug
    from .drafts_file import DraftsFileError, add_drafts, claim_ids_in

    try:
        taken = claim_ids_in(into) if into is not None else set()
        drafts = draft_source(text, source_id or source_slug(source), found,
                              kinds=kinds or DRAFT_KINDS, facts=fact_set, reference=published,
                              currency=currency, taken=taken)
        if into is None:
            click.echo(drafts.yaml(), nl=False)
            ctx.exit(EXIT_OK)
        added = add_drafts(into, drafts)
    except DraftsFileError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    click.echo(f"added {added} draft{'s' if added != 1 else ''} from {drafts.source_id} to {into}",
               err=True)
    if fact_set is not None and facts is not None and added and into.resolve() not in {
            f.resolve() for f in fact_set.files}:
        click.echo(f"note: {facts} does not include {into}: add it to its `include:` list so "
                   "that check sees the drafts", err=True)
    ctx.exit(EXIT_OK)


# --- add (issue 15)

@cli.command("add")
@click.argument("source")
@click.option("--id", "source_id", metavar="ID", help="Id of the new source (default: from the "
              "file or URL name).")
@click.option("--facts", "facts", type=click.Path(path_type=Path), default="facts.yaml",
              show_default=True, metavar="FACTS", help="The facts file to add it to (created "
              "when missing).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              metavar="SECONDS", help="How long to wait for a web server.")
@click.pass_context
def add_command(ctx: click.Context, source: str, source_id: str | None, facts: Path,
                timeout: float) -> None:
    """Store SOURCE (a file, or an http(s) URL fetched into a web snapshot) under sources/ and
    append it to FACTS with its title, authors, publication date and sha256.

    A file is copied under sources/ next to FACTS; a URL is kept as sources/ID.warc.gz with
    the request, the response, every redirect and the fetch time. Exit status: 0 added, 1 it
    could not be fetched or gives no text, 2 usage error.
    """
    from .add import AddError, add

    if facts.is_dir():
        facts = facts / "facts.yaml"
    try:
        added = add(source, facts, source_id=source_id, timeout=timeout)
    except AddError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    except Exception as exc:
        _internal_error(exc)
    for origin, status, target in added.redirects:
        click.echo(f"followed {status} {origin} -> {target}")
    click.echo(f"added source {added.id!r} ({added.path}) to {added.facts}:")
    click.echo(added.lines, nl=False)
    for note in added.notes:
        click.echo(f"note: {note}", err=True)
    ctx.exit(EXIT_OK)


# --- export (issue 15)

@cli.command("export")
@click.argument("facts", required=False, default="facts.yaml",
                type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["w3c"]), default="w3c", show_default=True,
              help="w3c: W3C Web Annotations (JSON-LD), one per citation.")
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), default="-",
              show_default=True, metavar="FILE", help="Where to write (- for standard output).")
@click.pass_context
def export_command(ctx: click.Context, facts: Path, fmt: str, output: Path) -> None:
    """Export the citations of FACTS (default: facts.yaml), checked, for other tools.

    The W3C format targets each source's URL (or its file) with a TextQuoteSelector and a
    TextPositionSelector, and carries the claim's statement, typed value and verdict. Exit
    status: 0 written, 1 FACTS does not load, 2 usage error.
    """
    from . import FactsError, check, load
    from .export import render_w3c
    from .report import render

    facts = _facts_file(ctx, facts)
    try:
        report = check(load(facts))
    except FactsError as exc:
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        ctx.exit(EXIT_PROBLEMS)
    except Exception as exc:
        _internal_error(exc)
    text = render_w3c(report)
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {sum(len(c.citations) for c in report.claims)} annotations to {output}",
                   err=True)
    ctx.exit(EXIT_OK)
