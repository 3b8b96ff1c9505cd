"""factbase: check every factual claim against the exact span of the source it cites.

    import factbase
    facts = factbase.load("facts.yaml")       # FactSet; raises factbase.FactsError
    report = factbase.check(facts)            # Report: .ok, .claims, .problems
    factbase.publish(report, "factbase.db")   # atomic, deterministic
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # before the imports below: some modules read it

from .loader import FactSet, load
from .problems import FactsError, Problem

# The function shares its name with its module, and importing a submodule binds the module
# on the package: import it here, once, so that `factbase.publish` is always the function.
from .publish import publish
from .results import Report

if TYPE_CHECKING:
    from .verify import check as check


def __getattr__(name: str) -> Any:
    # check pulls in the extractors and anchoring: import it on first use so that
    # `factbase --help` and `factbase.load` stay quick.
    if name == "check":
        from .verify import check

        return check
    raise AttributeError(name)


__all__ = ["FactSet", "FactsError", "Problem", "Report", "__version__", "check", "load", "publish"]
