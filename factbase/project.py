"""`factbase init`: lay out a new project in a folder, never overwriting anything.

A project is a ``facts.yaml`` (whose first line points editors at ``facts.schema.json``), that
schema itself (so that an editor resolves it offline, at the version of factbase that wrote
it), a ``sources/`` folder, ``.gitignore`` lines for the cache and the built databases, and on
request a CI job and a pre-commit hook that run ``factbase check --strict``. Each file that
exists already is kept as it is (``.gitignore`` gets only the lines it lacks). The result says
what was done to each file; nothing is printed here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import __version__

__all__ = [
    "CI_FILES", "GITIGNORE_LINES", "SCHEMA_FILE", "SCHEMA_POINTER", "InitError", "Written",
    "facts_skeleton", "init", "schema_text",
]

SCHEMA_FILE = "facts.schema.json"
SCHEMA_POINTER = f"# yaml-language-server: $schema={SCHEMA_FILE}"
GITIGNORE_LINES = (
    ".factbase-cache/",         # the incremental cache of `check` and `build`
    "*.db",                     # `factbase build` output
    "*.db-journal",
    ".*.db.*.tmp*",             # the temporary file of a build that was killed
    "factbase.metadata.json",   # the Datasette configuration `build` writes beside the database
    "factbase.metadata.yml",
    "factbase.datasette.yml",
)
_GITIGNORE_HEADER = "# factbase: the cache and the built database"

Action = Literal["created", "appended", "kept"]


class InitError(Exception):
    """The folder cannot hold a project (not a folder, or not writable); the message says why."""


@dataclass(frozen=True)
class Written:
    """What ``init`` did to one file: its path relative to the project folder, the action,
    and a note for a file that was kept but needs a hand (or the lines appended)."""

    path: str
    action: Action
    note: str | None = None


def schema_text() -> str:
    """The JSON Schema of facts.yaml as ``factbase schema`` prints it (and init writes it)."""
    from .model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def facts_skeleton() -> str:
    """A facts.yaml with no sources, entities or claims (``factbase check`` passes it) and a
    commented example of each, and of each value type."""
    return _SKELETON


_SKELETON = f"""\
{SCHEMA_POINTER}
#
# The facts of this project: the documents they come from (sources), the people and things
# they are about (entities), and the claims, each with a typed value and the exact words of a
# source that support it. `factbase check` verifies every claim; `factbase build` publishes
# them to a database that `factbase serve` opens in Datasette.
factbase: 1
# title: The title of the published database
# license: CC-BY-4.0

# `factbase add FILE-OR-URL` stores a document under sources/ and declares it here.
sources: []
#  - id: budget-speech
#    path: sources/budget-speech.html
#    published: 2024-03-06    # the date that relative dates ("last year") count from

# Replace [] with a list of entities, like this one:
entities: []
#  - id: jane-doe
#    name: Jane Doe
#    kind: person             # person, organization, place, agreement, event or other
#    aliases: [Doe]
#    roles:
#      - title: Finance Minister

# Replace [] with a list of claims, like this one
# (`factbase mentions SOURCE-ID --facts facts.yaml --as-claims` drafts them):
claims: []
#  - id: budget-total
#    statement: Jane Doe announced a budget of £1.2bn.
#    subject: jane-doe
#    value: {{type: money, amount: 1200000000, currency: GBP}}
#    citations:
#      - source: budget-speech
#        quote: a budget of £1.2bn
#
# A value of each type:
#    value: {{type: date, date: 2024-03-06}}                  # or from: 2023-12, to: 2024-01
#    value: {{type: money, amount: 9000000, currency: USD}}   # "$9 million"
#    value: {{type: quantity, amount: 284, unit: companies}}  # "284 companies"
#    value: {{type: change, of: quantity, direction: down, to: {{amount: 4.5, unit: percent}}}}
#    value: {{type: person, entity: jane-doe, role: Finance Minister}}
#    value: {{type: entity, entity: jane-doe}}
#    value: {{type: quote}}                                   # the quote itself is the claim
#    value: "$9 million"                                    # a shorthand, read like the sources
"""


def _github_workflow() -> str:
    return f"""\
# Check the claims on every push and pull request (written by `factbase init --ci github`).
name: factbase
on: [push, pull_request]

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install "factbase=={__version__}"
      # Warnings fail too; problems are annotated on the pull request and summarized.
      - run: >-
          factbase check --strict
          --format github
          --format markdown -o "$GITHUB_STEP_SUMMARY"
"""


def _gitlab_ci() -> str:
    return f"""\
# Check the claims in every pipeline (written by `factbase init --ci gitlab`).
factbase:
  image: python:3.12-slim
  script:
    - python -m pip install "factbase=={__version__}"
    # Warnings fail too; one JUnit test case per claim shows in merge requests.
    - factbase check --strict --format text --format junit -o factbase.xml
  artifacts:
    when: always
    reports:
      junit: factbase.xml
"""


def _pre_commit() -> str:
    return f"""\
# Check the claims before each commit (written by `factbase init --pre-commit`).
# pre-commit installs factbase in its own environment: run `pre-commit install` once.
repos:
  - repo: local
    hooks:
      - id: factbase
        name: factbase check
        entry: factbase check --strict
        language: python
        additional_dependencies: ["factbase=={__version__}"]
        pass_filenames: false
        always_run: true     # a changed source matters as much as a changed facts file
"""


CI_FILES: dict[str, tuple[str, str]] = {
    # --ci NAME: (path in the project, what it runs)
    "github": (".github/workflows/factbase.yml", "GitHub Actions"),
    "gitlab": (".gitlab-ci.yml", "GitLab CI"),
}
_CI_TEXT = {"github": _github_workflow, "gitlab": _gitlab_ci}


def init(folder: str | os.PathLike[str] = ".", *, ci: tuple[str, ...] = (),
         pre_commit: bool = False) -> list[Written]:
    """Lay out a project in ``folder`` (created when missing) and say what was done to each
    file, in order: ``facts.yaml``, ``facts.schema.json``, ``sources/``, ``.gitignore``, then
    the CI files of ``ci`` (``github``, ``gitlab``) and, with ``pre_commit``,
    ``.pre-commit-config.yaml``.

    Raises :class:`InitError` when ``folder`` is not a folder that can be written to.
    """
    root = Path(folder)
    unknown = sorted(set(ci) - set(CI_FILES))
    if unknown:
        raise InitError(f"unknown CI {', '.join(unknown)}; expected {' or '.join(CI_FILES)}")
    _writable_folder(root)
    try:
        done = [_facts(root), _schema(root), _sources(root), _gitignore(root)]
        for name in dict.fromkeys(ci):
            path, _ = CI_FILES[name]
            done.append(_create(root, path, _CI_TEXT[name]()))
        if pre_commit:
            done.append(_create(root, ".pre-commit-config.yaml", _pre_commit()))
    except OSError as exc:
        raise InitError(f"cannot write {exc.filename or root}: {exc.strerror or exc}") from None
    return done


def _writable_folder(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise InitError(f"{root} is not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InitError(f"cannot create the folder {root}: {exc.strerror or exc}") from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise InitError(f"{root} is not a folder you can write to")


def _create(root: Path, rel: str, text: str) -> Written:
    """Create ``root/rel`` with ``text``, unless it exists: exclusive creation, so that a file
    made meanwhile by someone else is kept too."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return Written(rel, "kept")
    return Written(rel, "created")


def _facts(root: Path) -> Written:
    done = _create(root, "facts.yaml", _SKELETON)
    if done.action == "kept":
        first = _first_line(root / "facts.yaml")
        if "yaml-language-server: $schema=" not in first:
            return Written(done.path, "kept", f"add `{SCHEMA_POINTER}` as its first line "
                           "for the editor to check it")
    return done


def _first_line(path: Path) -> str:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.readline()
    except OSError:
        return ""


def _schema(root: Path) -> Written:
    text = schema_text()
    done = _create(root, SCHEMA_FILE, text)
    if done.action == "kept":
        try:
            same = (root / SCHEMA_FILE).read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            return Written(done.path, "kept", f"not the schema of factbase {__version__}; "
                           f"refresh it with `factbase schema -o {SCHEMA_FILE}`")
    return done


def _sources(root: Path) -> Written:
    folder = root / "sources"
    if folder.is_dir() and any(folder.iterdir()):
        return Written("sources/", "kept")
    # git keeps no empty folder: the .gitkeep makes sources/ part of the first commit.
    return _create(root, "sources/.gitkeep", "")


def _gitignore(root: Path) -> Written:
    path = root / ".gitignore"
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    present = set() if old is None else {line.strip() for line in old.splitlines()}
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if not missing:
        return Written(".gitignore", "kept")
    lines = "\n".join([_GITIGNORE_HEADER, *missing]) + "\n"
    if old is None:
        created = _create(root, ".gitignore", lines)
        if created.action == "created":
            return created
        return _gitignore(root)  # made meanwhile: append to it instead
    lead = "" if not old or old.endswith("\n") else "\n"
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write(lead + ("\n" if old.strip() else "") + lines)
    count = len(missing)
    return Written(".gitignore", "appended", f"{count} line{'s' * (count != 1)}")
