"""Text for people: one line per problem, ``file:line:col: severity code: message``, then a
summary. With ``color`` (a terminal), rich styles the same lines; without, they are plain, so
that editors and ``grep`` can read them.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.text import Text

from ..problems import Problem
from ..results import STATUSES
from .outcome import Outcome

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
_STATUS_STYLE = {
    "verified": "green", "contradicted": "red", "unsupported": "yellow", "unanchored": "red",
    "stale": "magenta", "invalid": "red",
}


def _problem_lines(p: Problem, result: Outcome) -> list[Text]:
    head = Text()
    head.append(str(p.location), style="bold")
    head.append(": ")
    head.append(p.severity, style=_SEVERITY_STYLE.get(p.severity, ""))
    head.append(" ")
    head.append(p.code, style="cyan")
    head.append(": ")
    head.append(p.message)
    if p.claim_id:
        head.append(f" [claim {p.claim_id}]", style="dim")
    lines = [head]
    span = result.span(p)
    if span is not None:
        where = f"{span.path}:{span.line}:{span.column}" if span.line is not None else span.path
        lines.append(Text(f"    span {span.start}-{span.end} at {where}", style="dim"))
    return lines


def _summary(result: Outcome, strict: bool = False) -> Text:
    stats = result.stats
    text = Text()
    if result.loaded:
        text.append(f"{stats['claims']} claims: ")
        parts = [(s, stats[s]) for s in STATUSES if stats[s]] or [("verified", 0)]
        for i, (status, count) in enumerate(parts):
            if i:
                text.append(", ")
            text.append(f"{count} {status}", style=_STATUS_STYLE[status])
        text.append("; ")
    else:
        text.append("facts file not loaded; ")
    errors, warnings = stats["errors"], stats["warnings"]
    text.append(f"{errors} error{'' if errors == 1 else 's'}", style="bold red" if errors else "green")
    text.append(f", {warnings} warning{'' if warnings == 1 else 's'}",
                style="yellow" if warnings else "")
    if result.suppressed:
        text.append(f" ({result.suppressed} accepted by --ignore or the baseline)", style="dim")
    if strict and warnings and not errors:
        # The one case where the exit status is not read off the error count.
        text.append(" (--strict: warnings fail)", style="yellow")
    return text


def lines(result: Outcome, strict: bool = False) -> list[Text]:
    out: list[Text] = []
    for p in result.problems:
        out.extend(_problem_lines(p, result))
    out.append(_summary(result, strict))
    return out


def render(result: Outcome, *, color: bool = False, width: int = 100, strict: bool = False,
           **_: Any) -> str:
    if not color:
        return "".join(t.plain + "\n" for t in lines(result, strict))
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, highlight=False,
                      soft_wrap=True)
    for t in lines(result, strict):
        console.print(t)
    return buffer.getvalue()
