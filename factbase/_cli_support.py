"""What the commands share: exit statuses, the guard for internal errors, and the checks of
arguments that name the facts file or a date."""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from .factset import FactSet

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def internal_error(exc: BaseException) -> NoReturn:
    click.echo(f"factbase: internal error: {type(exc).__name__}: {exc}", err=True)
    ctx = click.get_current_context(silent=True)
    debug = ctx is not None and bool(ctx.meta.get("factbase.debug"))
    if debug or os.environ.get("FACTBASE_DEBUG", "") not in ("", "0"):
        traceback.print_exception(exc)
    else:
        click.echo("factbase: run again with --debug (or FACTBASE_DEBUG=1) to see the "
                   "traceback", err=True)
    raise click.exceptions.Exit(EXIT_USAGE)


def facts_file(ctx: click.Context, facts: Path) -> Path:
    """FACTS as given, or FOLDER/facts.yaml; a usage error (exit 2) when it does not exist."""
    if facts.is_dir():
        facts = facts / "facts.yaml"
    if not facts.exists():
        ctx.fail(f"facts file {facts} does not exist")
    return facts


_PARTIAL_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def partial_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
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


def load_facts(ctx: click.Context, facts: Path, *, says: str | None = None) -> FactSet:
    """FACTS loaded (see :func:`facts_file`); when it does not load, its problems on stderr
    (then ``says``, a last line) and exit status 1."""
    from . import FactsError, load
    from .report import render

    facts = facts_file(ctx, facts)
    try:
        return load(facts)
    except FactsError as exc:
        click.echo(render(exc.problems, "text", facts_path=facts), nl=False, err=True)
        if says is not None:
            click.echo(says, err=True)
        ctx.exit(EXIT_PROBLEMS)
