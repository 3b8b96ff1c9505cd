"""factbase: check every factual claim against the exact span of the source it cites.

    import factbase
    facts = factbase.load("facts.yaml")       # FactSet; raises factbase.FactsError
    report = factbase.check(facts)            # Report: .ok, .claims, .problems
    factbase.publish(report, "factbase.db")   # atomic, deterministic

The names are imported on first use: importing one part of factbase (the unit of work, the
mention extractors, the CLI for ``--help``) does not import the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "FactSet": "factbase.factset",
    "FactsError": "factbase.problems",
    "Problem": "factbase.problems",
    "Report": "factbase.results",
    "build": "factbase.db",
    "check": "factbase.verify.run",
    "load": "factbase.loader",
    "publish": "factbase.db",
}

if TYPE_CHECKING:
    from .db import build, publish
    from .factset import FactSet
    from .loader import load
    from .problems import FactsError, Problem
    from .results import Report
    from .verify.run import check


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factbase' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = ["FactSet", "FactsError", "Problem", "Report", "__version__", "build", "check", "load",
           "publish"]
