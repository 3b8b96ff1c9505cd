"""Renderers of a checked Report: text, JSON, JUnit XML, SARIF, GitHub annotations, Markdown.

``render(report, fmt)`` returns the text of one format; it accepts a :class:`~factbase.Report`
or, for a facts file that did not load, the problems of the :class:`~factbase.FactsError`.
Nothing here prints or exits.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from typing import Any, cast

from ..db import BuildResult
from ..factset import FactSet
from ..problems import Problem
from ..results import Report
from .baseline import Baseline, BaselineError, Filtered, apply, fingerprint, load_baseline
from .outcome import Outcome, outcome

# Each format is the module of that name; they are imported on use, so that the CLI starts
# without loading rich or the XML writer.
FORMATS: tuple[str, ...] = ("text", "json", "junit", "sarif", "github", "markdown")


def _renderer(fmt: str) -> Callable[..., str]:
    module = importlib.import_module(f"{__name__}.{fmt}")
    return cast(Callable[..., str], module.render)


def render(
    report: Report | BuildResult | Sequence[Problem],
    fmt: str,
    *,
    facts_path: str | os.PathLike[str] | None = None,
    suppressed: int = 0,
    facts: FactSet | None = None,
    **opts: Any,
) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`).

    Options: ``strict`` (junit, markdown: warnings fail too; text: the summary says so), ``color`` (text: rich styles),
    ``link_base`` (markdown: URL prefix of file links). ``suppressed`` counts the problems that
    ``--ignore`` or a baseline accepted; ``facts_path`` names the facts file when ``report`` is
    a list of problems.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return _renderer(fmt)(outcome(report, facts_path=facts_path, suppressed=suppressed, facts=facts),
                          **opts)


__all__ = [
    "FORMATS",
    "Baseline",
    "BaselineError",
    "Filtered",
    "Outcome",
    "apply",
    "fingerprint",
    "load_baseline",
    "outcome",
    "render",
]
