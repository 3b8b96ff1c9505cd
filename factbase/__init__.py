"""factbase: check every factual claim against the exact span of the source it cites.

    import factbase
    facts = factbase.load("facts.yaml")       # FactSet; raises factbase.FactsError
    report = factbase.check(facts)            # Report: .ok, .claims, .problems
    factbase.publish(report, "factbase.db")   # atomic, deterministic
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .loader import FactSet, load
from .problems import FactsError, Problem
from .results import Report

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .verify import check as check


def __getattr__(name: str) -> Any:
    # check and publish pull in the extractors, anchoring and sqlite-utils: import them on
    # first use so that `factbase --help` and `factbase.load` stay quick.
    if name == "check":
        from .verify import check

        return check
    if name == "publish":
        from .publish import publish

        return publish
    raise AttributeError(name)


__all__ = ["FactSet", "FactsError", "Problem", "Report", "__version__", "check", "load", "publish"]
