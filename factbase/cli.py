"""The factbase command line: a thin click layer over the library.

Each command parses its options, calls one library function and turns the result into output
and an exit code. Exit codes: 0 no errors, 1 problems found, 2 usage error or internal failure.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from ._cli_authoring import (
    add_command,
    coverage_command,
    export_command,
    init_command,
    mentions_command,
)
from ._cli_support import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, facts_file, internal_error, load_facts
from .problems import Problem
from .report import FORMATS


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
            internal_error(exc)


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
    facts = facts_file(ctx, facts)
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
        internal_error(exc)
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

    from . import check
    from .report.explain import nearest_claims
    from .report.explain import render as explain

    facts = facts_file(ctx, facts)
    loaded = load_facts(ctx, facts)
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
        internal_error(exc)
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

    facts = facts_file(ctx, facts)
    try:
        loaded = load(facts)
        with engine(ctx, facts_path=facts, workers=workers, scheduler=scheduler,
                    use_cache=not no_cache) as kwargs:
            result = build(loaded, output, metadata=config_version != "none",
                           datasette_config=config_version if config_version != "none" else "0.65",
                           **kwargs)
    except PublishError as exc:  # the output, not the facts, failed: like `check -o`, exit 2
        for p in exc.problems:
            click.echo(f"factbase: {p.severity} {p.code}: {p.message}", err=True)
        ctx.exit(EXIT_USAGE)
    except FactsError as exc:
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        ctx.exit(EXIT_PROBLEMS)
    except click.exceptions.ClickException:
        raise
    except Exception as exc:
        internal_error(exc)
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
        internal_error(exc)
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

    facts = facts_file(ctx, facts)
    try:
        result = pin(facts, check=check_only)
    except FactsError as exc:
        for p in exc.problems:
            click.echo(f"{p.location}: {p.severity}: {p.code}: {p.message}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    except Exception as exc:
        internal_error(exc)
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


for _command in (init_command, add_command, mentions_command, coverage_command, export_command):
    cli.add_command(_command)
