"""The public surface: exactly the names of ``__all__``, each documented, imported lazily, and
``factbase.verify`` always the function whatever was imported before or after."""

from __future__ import annotations

import inspect
import subprocess
import sys
from types import FunctionType, ModuleType

import pytest

import factbase

PUBLIC = [
    "ChangePart", "ChangeValue", "Citation", "CitationResult", "Claim", "ClaimResult", "DateValue", "Entity", "EntityValue",
    "Evidence", "FactSet", "FactsError", "MoneyValue", "PersonValue", "Problem",
    "QuantityValue", "QuoteValue", "Report", "Role", "Source", "__version__", "build", "check",
    "load", "loads", "open_db", "publish", "verify",
]


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_all_is_exactly_the_public_surface() -> None:
    assert sorted(factbase.__all__) == sorted(PUBLIC)
    assert len(set(factbase.__all__)) == len(factbase.__all__)


def test_dir_shows_all_and_nothing_else_even_after_submodules_are_imported() -> None:
    import factbase.db.shape
    import factbase.verify.unit

    assert dir(factbase) == sorted(PUBLIC)


@pytest.mark.parametrize("name", [n for n in PUBLIC if n != "__version__"])
def test_every_public_name_resolves_and_is_documented(name: str) -> None:
    value = getattr(factbase, name)
    assert not isinstance(value, ModuleType)
    assert inspect.getdoc(value), f"factbase.{name} has no docstring"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'loader_'"):
        factbase.loader_  # noqa: B018
    for helper in ("TYPE_CHECKING", "annotations", "Any", "sys", "import_module"):
        assert not hasattr(factbase, helper), helper


def test_importing_factbase_imports_no_part_of_it() -> None:
    loaded = _run("import sys, factbase; "
                  "print(' '.join(sorted(m for m in sys.modules if m.startswith('factbase'))))")
    assert loaded == "factbase"


def test_one_name_imports_only_its_part() -> None:
    loaded = set(_run("import sys, factbase; factbase.FactSet; "
                      "print(' '.join(m for m in sys.modules if m.startswith('factbase')))").split())
    assert "factbase.factset" in loaded
    assert not loaded & {"factbase.loader", "factbase.db", "factbase.verify.run",
                         "factbase.passage", "factbase.read", "factbase.mentions.find"}


@pytest.mark.parametrize("code", [
    # the function first, then the subpackage (as a worker unpickling a unit does)
    "import factbase; f = factbase.verify; import factbase.verify.unit; "
    "assert factbase.verify is f",
    # the subpackage first, then the function
    "import factbase.verify.unit; import factbase; f = factbase.verify",
    "import factbase.verify; import factbase; f = factbase.verify",
    "from factbase.verify.run import check; import factbase; f = factbase.verify",
    "from factbase import verify as f; import factbase.verify.rules",
    "import factbase; import factbase.verify.run as run; f = factbase.verify; "
    "assert run.check is factbase.check",
])
def test_verify_is_always_the_function(code: str) -> None:
    out = _run(code + "; import factbase; assert factbase.verify is f; "
               "print(type(factbase.verify).__name__, factbase.verify.__module__, "
               "factbase.verify('$9 million', 'a $9 million fund').status)")
    assert out == "function factbase.passage verified"


def test_the_verifier_package_is_still_reachable_through_the_function() -> None:
    import factbase.verify.run as run_module
    from factbase.verify import rules

    assert isinstance(factbase.verify, FunctionType)
    assert factbase.verify.run is run_module  # type: ignore[attr-defined]
    assert factbase.verify.rules is rules  # type: ignore[attr-defined]
    assert inspect.signature(factbase.verify).parameters["quote"].kind is inspect.Parameter.KEYWORD_ONLY


def test_other_public_names_are_not_shadowed_by_modules_either() -> None:
    import factbase.db  # a module named like nothing public, next to `publish` and `build`
    import factbase.loader

    assert isinstance(factbase.publish, FunctionType) and factbase.publish.__module__ == "factbase.db"
    assert isinstance(factbase.load, FunctionType)
    # A module's own attribute (not a public name) is bound as usual.
    assert factbase.loader is sys.modules["factbase.loader"]  # type: ignore[attr-defined]


def test_the_version_is_the_package_version() -> None:
    from importlib.metadata import version

    assert factbase.__version__ == version("factbase")
