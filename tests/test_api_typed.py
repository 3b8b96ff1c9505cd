"""The public API from typed code: tests/api_typed.py uses every public name, passes
`mypy --strict` and runs; misuse of the same names is caught by mypy (so the names are typed,
not ``Any`` through the lazy ``__getattr__``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api

import factbase

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "api_typed.py"


def _mypy(*args: str) -> tuple[str, int]:
    out, err, status = api.run(["--strict", "--config-file", str(REPO / "pyproject.toml"), *args])
    return out + err, status


def test_the_example_uses_every_public_name() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    missing = [n for n in factbase.__all__ if not re.search(rf"\b{re.escape(n)}\b", text)]
    assert missing == []


def test_the_example_passes_mypy_strict() -> None:
    out, status = _mypy(str(EXAMPLE))
    assert (status, out.strip()) == (0, "Success: no issues found in 1 source file")


def test_the_example_runs() -> None:
    out = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True,
                         cwd=REPO / "tests")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[:7] == [
        "paid verified ['$9 million'] []",
        "day verified ['Dec. 24, 2019'] []",
        "firms verified ['284'] []",
        "pm verified ['Shinzo Abe', 'Japanese Prime Minister'] []",
        "where verified ['Japan'] []",
        "said verified [] []",
        "verify verified ['$9 million'] []",
    ]
    assert lines[7] == "<string>:2:10 <string>:2:10 <string>:2:10"  # statement, value, citations
    assert lines[-2:] == ["change", factbase.__version__]


@pytest.mark.parametrize(("code", "error"), [
    ("factbase.verify(9000000, 'text')", 'Argument 1 to "verify" has incompatible type "int"'),
    ("factbase.verify('$9 million', 'text', quote=3)", 'Argument "quote" to "verify"'),
    ("r: int = factbase.check(factbase.load('facts.yaml'))",
     'Incompatible types in assignment (expression has type "Report"'),
    ("factbase.open_db('x.db').claims(status=1)", 'Argument "status" to "claims"'),
    ("factbase.FactSet(claims=[3])", 'List item 0 has incompatible type "int"'),
    ("factbase.load_yaml('facts.yaml')", 'Module has no attribute "load_yaml"'),
])
def test_mypy_catches_misuse(code: str, error: str, tmp_path: Path) -> None:
    snippet = tmp_path / "misuse.py"
    snippet.write_text(f"import factbase\n\n{code}\n", encoding="utf-8")
    out, status = _mypy(str(snippet))
    assert status == 1 and error in out, out
