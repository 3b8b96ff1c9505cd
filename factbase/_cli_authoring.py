"""The commands of the authoring path: start a project (init), store a source (add), find
its mentions and draft claims from them (mentions), see what is not covered yet (coverage) and
export the citations (export). :mod:`factbase.cli` registers them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ._cli_support import (
    EXIT_OK,
    EXIT_PROBLEMS,
    facts_file,
    internal_error,
    load_facts,
    partial_date,
)

if TYPE_CHECKING:
    from .factset import FactSet
    from .mentions import Mention

__all__ = ["add_command", "coverage_command", "export_command", "init_command", "mentions_command"]


# --- init (issue 16)

@click.command("init")
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


# --- coverage (issue C)

@click.command("coverage")
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

    from . import check
    from .coverage import coverage, outcome, total_percent

    facts = facts_file(ctx, facts)
    loaded = load_facts(ctx, facts, says=f"exit 1: {facts} does not load")
    try:
        report = check(loaded)
    except Exception as exc:
        internal_error(exc)
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


# --- mentions (issue B)

@click.command("mentions")
@click.argument("source")
@click.option("--published", callback=partial_date, metavar="DATE",
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
        from .report import render
        from .sources import read_source

        facts = facts_file(ctx, facts)
        fact_set = load_facts(ctx, facts)
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
        internal_error(exc)
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

@click.command("add")
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
        internal_error(exc)
    for origin, status, target in added.redirects:
        click.echo(f"followed {status} {origin} -> {target}")
    click.echo(f"added source {added.id!r} ({added.path}) to {added.facts}:")
    click.echo(added.lines, nl=False)
    for note in added.notes:
        click.echo(f"note: {note}", err=True)
    ctx.exit(EXIT_OK)


# --- export (issue 15)

@click.command("export")
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
    from . import check
    from .export import render_w3c

    loaded = load_facts(ctx, facts)
    try:
        report = check(loaded)
    except Exception as exc:
        internal_error(exc)
    text = render_w3c(report)
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {sum(len(c.citations) for c in report.claims)} annotations to {output}",
                   err=True)
    ctx.exit(EXIT_OK)
