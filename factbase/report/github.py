"""GitHub Actions workflow commands: one ``::error`` or ``::warning`` line per problem.

GitHub turns these lines into annotations on the pull request's files. The escaping follows
the runner's rules: in the message ``%``, CR and LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from typing import Any

from ..problems import REGISTRY, Problem
from .outcome import Outcome


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(p: Problem, result: Outcome) -> str:
    props: list[tuple[str, str]] = []
    if p.file:
        props.append(("file", p.file))
        if p.line is not None:
            props.append(("line", str(p.line)))
            if p.column is not None:
                props.append(("col", str(p.column)))
    elif result.facts_path:
        props.append(("file", result.facts_path))
    kind = REGISTRY.get(p.code)
    props.append(("title", f"{kind.title if kind else p.code} ({p.code})"))
    message = p.message
    span = result.span(p)
    if span is not None:
        where = f"{span.path}:{span.line}:{span.column}" if span.line is not None else span.path
        message += f"\nspan {span.start}-{span.end} in {where}"
    if p.claim_id:
        message += f"\nclaim {p.claim_id}"
    level = "error" if p.severity == "error" else "warning"
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{level} {joined}::{escape_data(message)}"


def render(result: Outcome, **_: Any) -> str:
    return "".join(command(p, result) + "\n" for p in result.problems)
