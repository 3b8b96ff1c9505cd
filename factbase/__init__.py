"""factbase: check every factual claim against the exact span of the source it cites.

    import factbase
    facts = factbase.load("facts.yaml")       # FactSet; raises factbase.FactsError
    report = factbase.check(facts)            # Report: .ok, .claims, .problems
    factbase.publish(report, "factbase.db")   # atomic, deterministic
    factbase.verify("$9 million", passage, quote="a $9 million fund")   # one claim, in memory
    factbase.open_db("factbase.db").claims(status="contradicted")        # read it back

The names are imported on first use: importing one part of factbase (the unit of work, the
mention extractors, the CLI for ``--help``) does not import the rest. ``__all__`` is the
public surface; everything else is reached through its own module.
"""

# Imported under private names: the module's attributes are its public surface.
import sys as _sys
import typing as _typing
from importlib import import_module as _import_module
from types import ModuleType as _ModuleType

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    # loading, checking, publishing, reading back
    "load": "factbase.loader",
    "loads": "factbase.loader",
    "check": "factbase.verify.run",
    "verify": "factbase.passage",
    "publish": "factbase.db",
    "build": "factbase.db",
    "open_db": "factbase.read",
    # the facts
    "FactSet": "factbase.factset",
    "Source": "factbase.model",
    "Entity": "factbase.model",
    "Role": "factbase.model",
    "Claim": "factbase.model",
    "Citation": "factbase.model",
    # the values a claim may have
    "DateValue": "factbase.model",
    "MoneyValue": "factbase.model",
    "QuantityValue": "factbase.model",
    "ChangeValue": "factbase.model",
    "ChangePart": "factbase.model",
    "PersonValue": "factbase.model",
    "EntityValue": "factbase.model",
    "QuoteValue": "factbase.model",
    # the results
    "Report": "factbase.results",
    "ClaimResult": "factbase.results",
    "CitationResult": "factbase.results",
    "Evidence": "factbase.results",
    "Problem": "factbase.problems",
    "FactsError": "factbase.problems",
}

if _typing.TYPE_CHECKING:
    from .db import build, publish
    from .factset import FactSet
    from .loader import load, loads
    from .model import (
        ChangePart,
        ChangeValue,
        Citation,
        Claim,
        DateValue,
        Entity,
        EntityValue,
        MoneyValue,
        PersonValue,
        QuantityValue,
        QuoteValue,
        Role,
        Source,
    )
    from .passage import verify
    from .problems import FactsError, Problem
    from .read import open_db
    from .results import CitationResult, ClaimResult, Evidence, Report
    from .verify.run import check


if not _typing.TYPE_CHECKING:
    # Hidden from type checkers, which see the imports above: a misspelt name is then an
    # error to them rather than ``Any``.
    def __getattr__(name: str) -> _typing.Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'factbase' has no attribute {name!r}")
        value = getattr(_import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(_ModuleType):
    """The ``factbase`` module itself, which keeps its public names for what they export.

    Importing a submodule binds it as an attribute of its package: ``import
    factbase.verify.unit`` (as a worker does when it unpickles a unit of work) would make
    ``factbase.verify`` the subpackage rather than the function. A public name is never
    rebound to a module; the submodule stays in ``sys.modules`` and is imported by its full
    name (``from factbase.verify.run import check``)."""

    def __setattr__(self, name: str, value: _typing.Any) -> None:
        if name in _EXPORTS and isinstance(value, _ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

__all__ = [
    "ChangePart", "ChangeValue", "Citation", "CitationResult", "Claim", "ClaimResult", "DateValue", "Entity", "EntityValue",
    "Evidence", "FactSet", "FactsError", "MoneyValue", "PersonValue", "Problem",
    "QuantityValue", "QuoteValue", "Report", "Role", "Source", "__version__", "build", "check",
    "load", "loads", "open_db", "publish", "verify",
]
