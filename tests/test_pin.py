"""`factbase pin`: sha256 and offsets written back, everything else kept byte for byte."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import factbase
from factbase.cli import cli
from factbase.pin import Edit, apply_edits, pin, set_fields

SEED = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"
SHA = hashlib.sha256(SEED.read_bytes()).hexdigest()

MAIN = """\
# Facts about the seed article.  (comments must survive)
factbase: 1
include: [more/*.yaml]
sources:
  - id: seed                     # the Foreign Policy article
    path: sources/east-asia-alliances.txt
    title: "East Asia’s Alliances Are Falling Apart"
    sha256: null                 # written by factbase pin
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million joint fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: seed
        # the quote is copied from the article
        quote: a $9 million joint fund for the surviving comfort women
  - id: summit
    statement: Moon and Abe met in Chengdu on Dec. 24, 2019.
    value: {type: date, date: 2019-12-24}
    citations:
      - {source: seed, quote: "the Dec. 24, 2019, Moon-Abe summit in Chengdu" }
  - id: tough-year
    statement: 2019 was a tough year.
    value: {type: quote}
    citations:
      - source: seed
        quote: 2019 was a tough year
        start: 0
        end: 5
"""

MORE = """\
claims:
  # included claims are pinned in their own file
  - id: boycott
    statement: South Korea boycotted Japanese goods.
    value: {type: quote}
    citations:
      - source: seed
        quote: 'a nationwide boycott of Japanese goods'
        start: 2690      # stale offset
"""


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project(MAIN, files={"more/boycott.yaml": MORE}, dedent=False)


def test_pin_writes_only_the_pinned_fields(project: Path) -> None:
    result = pin(project)
    assert [p.code for p in result.problems] == []
    main = project.read_text(encoding="utf-8")
    more = (project.parent / "more" / "boycott.yaml").read_text(encoding="utf-8")
    assert main == MAIN.replace(
        "    sha256: null                 # written by factbase pin\n",
        f"    sha256: {SHA}                 # written by factbase pin\n",
    ).replace(
        "        quote: a $9 million joint fund for the surviving comfort women\n",
        "        quote: a $9 million joint fund for the surviving comfort women\n"
        "        start: 3838\n        end: 3893\n",
    ).replace(
        '"the Dec. 24, 2019, Moon-Abe summit in Chengdu" }',
        '"the Dec. 24, 2019, Moon-Abe summit in Chengdu", start: 3359, end: 3404 }',
    ).replace("        start: 0\n        end: 5\n", "        start: 86\n        end: 107\n")
    assert more == MORE.replace("start: 2690      # stale offset\n",
                                "start: 2690      # stale offset\n        end: 2728\n")


def test_pin_is_idempotent(project: Path) -> None:
    pin(project)
    before = project.read_bytes()
    again = pin(project)
    assert again.changes == []
    assert again.written == []
    assert project.read_bytes() == before


def test_check_writes_nothing(project: Path) -> None:
    result = pin(project, check=True)
    assert project.read_text(encoding="utf-8") == MAIN
    assert sorted((c.owner, c.field, c.old, c.new) for c in result.changes) == sorted([
        ("source seed", "sha256", None, SHA),
        ("claim fund citation 0", "start", None, "3838"),
        ("claim fund citation 0", "end", None, "3893"),
        ("claim summit citation 0", "start", None, "3359"),
        ("claim summit citation 0", "end", None, "3404"),
        ("claim tough-year citation 0", "start", "0", "86"),
        ("claim tough-year citation 0", "end", "5", "107"),
        ("claim boycott citation 0", "end", None, "2728"),
    ])


@pytest.mark.parametrize(
    ("quote", "code"),
    [
        ("2019 was a tough year for established", "quote-ambiguous"),
        ("Zebras migrate across the Serengeti every year in vast herds", "quote-not-found"),
    ],
)
def test_unanchored_citations_are_not_pinned(
    make_project: Callable[..., Path], quote: str, code: str
) -> None:
    text = MAIN.replace("include: [more/*.yaml]\n", "").replace(
        "        quote: 2019 was a tough year\n        start: 0\n        end: 5\n",
        f"        quote: {quote}\n")
    path = make_project(text, dedent=False)
    result = pin(path)
    assert [p.code for p in result.problems] == [code]
    assert result.problems[0].claim_id == "tough-year"
    assert not any(c.owner.startswith("claim tough-year") for c in result.changes)
    assert f"        quote: {quote}\n  - id:" in path.read_text(encoding="utf-8") + "  - id:"


@pytest.mark.parametrize(
    ("args", "status", "changed"),
    [
        (["--check"], 1, False),
        ([], 0, True),
    ],
)
def test_cli(project: Path, args: list[str], status: int, changed: bool) -> None:
    result = CliRunner().invoke(cli, ["pin", str(project), *args])
    assert result.exit_code == status
    assert (project.read_text(encoding="utf-8") != MAIN) == changed


VERBOSE = f"""\
facts.yaml:8: source seed: {{verb}} sha256 (none) -> {SHA}
facts.yaml:17: claim fund citation 0: {{verb}} start (none) -> 3838
facts.yaml:17: claim fund citation 0: {{verb}} end (none) -> 3893
facts.yaml:21: claim summit citation 0: {{verb}} start (none) -> 3359
facts.yaml:21: claim summit citation 0: {{verb}} end (none) -> 3404
facts.yaml:28: claim tough-year citation 0: {{verb}} start 0 -> 86
facts.yaml:29: claim tough-year citation 0: {{verb}} end 5 -> 107
more/boycott.yaml:10: claim boycott citation 0: {{verb}} end (none) -> 2728
"""


@pytest.mark.parametrize(("args", "status", "output"), [
    (["--check"], 1, "seed: 3 unpinned, 1 moved, 0 unchanged; sha256 unset\n"
                     "total: 3 unpinned, 1 moved, 0 unchanged in 1 source; 2 files would change\n"),
    ([], 0, "seed: 3 pinned, 1 moved, 0 unchanged; sha256 set\n"
            "total: 3 pinned, 1 moved, 0 unchanged in 1 source; wrote 2 files\n"),
    (["--check", "-v"], 1, VERBOSE.format(verb="would set")
     + "seed: 3 unpinned, 1 moved, 0 unchanged; sha256 unset\n"
       "total: 3 unpinned, 1 moved, 0 unchanged in 1 source; 2 files would change\n"),
    (["--verbose"], 0, VERBOSE.format(verb="set")
     + "seed: 3 pinned, 1 moved, 0 unchanged; sha256 set\n"
       "total: 3 pinned, 1 moved, 0 unchanged in 1 source; wrote 2 files\n"),
])
def test_cli_prints_a_summary_per_source(project: Path, monkeypatch: pytest.MonkeyPatch,
                                         args: list[str], status: int, output: str) -> None:
    monkeypatch.chdir(project.parent)  # file names in the details are relative to here
    result = CliRunner().invoke(cli, ["pin", *args])
    assert (result.exit_code, result.stdout) == (status, output)


@pytest.mark.parametrize(("args", "output"), [
    ([], "seed: 0 pinned, 0 moved, 4 unchanged\n"
         "total: 0 pinned, 0 moved, 4 unchanged in 1 source; nothing to write\n"),
    (["--check"], "seed: 0 unpinned, 0 moved, 4 unchanged\n"
                  "total: 0 unpinned, 0 moved, 4 unchanged in 1 source; everything is pinned\n"),
])
def test_cli_summary_once_pinned(project: Path, args: list[str], output: str) -> None:
    assert CliRunner().invoke(cli, ["pin", str(project)]).exit_code == 0
    result = CliRunner().invoke(cli, ["pin", str(project), *args])
    assert (result.exit_code, result.stdout) == (0, output)


def test_cli_summary_counts_failures_and_a_changed_hash(project: Path) -> None:
    assert CliRunner().invoke(cli, ["pin", str(project)]).exit_code == 0
    source = project.parent / "sources" / "east-asia-alliances.txt"
    text = source.read_text(encoding="utf-8")
    # 22 code points cut near the start: the three quotes after them move, and the
    # boycott's quote is gone.
    source.write_text(text[:50] + text[72:].replace("a nationwide boycott", "a boycott"),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["pin", str(project)])
    assert (result.exit_code, result.stdout) == (1, (
        "seed: 0 pinned, 3 moved, 0 unchanged, 1 failed; sha256 updated\n"
        "total: 0 pinned, 3 moved, 0 unchanged, 1 failed in 1 source; wrote 1 file\n"))
    assert "quote-not-found" in result.stderr


def test_cli_check_after_pin(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["pin", str(project)]).exit_code == 0
    assert runner.invoke(cli, ["pin", str(project), "--check"]).exit_code == 0


def test_cli_missing_file(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["pin", str(tmp_path / "nope.yaml")]).exit_code == 2


def test_cli_invalid_facts(make_project: Callable[..., Path]) -> None:
    path = make_project("factbase: 1\nclaims: [\n", dedent=False)
    assert CliRunner().invoke(cli, ["pin", str(path)]).exit_code == 1


# --------------------------------------------------------------------------- the YAML edits

EDITS = [
    # (yaml, values, expected)
    ("a: 1\nb: 2\n", {"b": "3"}, "a: 1\nb: 3\n"),
    ("a: 1\nb: 2  # keep\n", {"b": "3"}, "a: 1\nb: 3  # keep\n"),
    ("a: 1\nb: 3\n", {"b": "3"}, "a: 1\nb: 3\n"),
    ("a: 1\nb:\n", {"b": "3"}, "a: 1\nb: 3\n"),
    ("a: 1\nb: ~\n", {"b": "3"}, "a: 1\nb: 3\n"),
    ('a: 1\nb: "x"\n', {"b": "abc"}, 'a: 1\nb: "abc"\n'),
    ("a: 1\nb: 'x'\n", {"b": "abc"}, "a: 1\nb: 'abc'\n"),
    ("a: 1\n", {"b": "2", "c": "3"}, "a: 1\nb: 2\nc: 3\n"),
    ("a: 1", {"b": "2"}, "a: 1\nb: 2\n"),
    ("a: 1  # last\n# trailing\n", {"b": "2"}, "a: 1  # last\nb: 2\n# trailing\n"),
    ("a: 1\r\nz: 2\r\n", {"b": "2"}, "a: 1\r\nz: 2\r\nb: 2\r\n"),
    ("a: |\n  block\n\nc: 1\n", {"a": "00ff"}, "a: 00ff\nc: 1\n"),
    ("{a: 1}", {"b": "2"}, "{a: 1, b: 2}"),
    ("{a: 1 }", {"b": "2", "c": "3"}, "{a: 1, b: 2, c: 3 }"),
    ("{a: 1, b: 5}", {"b": "2"}, "{a: 1, b: 2}"),
    ("a: 1\n", {"h": "0123"}, 'a: 1\nh: "0123"\n'),
    ("a: 1\n", {"h": "00ff"}, "a: 1\nh: 00ff\n"),
]


@pytest.mark.parametrize(("text", "values", "expected"), EDITS)
def test_set_fields(text: str, values: dict[str, str], expected: str) -> None:
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert isinstance(node, yaml.MappingNode)
    edits = [edit for edit, _, _ in set_fields(text, node, values)]
    assert apply_edits(text, edits) == expected


def test_nested_block_mapping_indentation() -> None:
    text = "top:\n  - id: x\n    quote: q  # c\n  - id: y\n"
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert isinstance(root, yaml.MappingNode)
    item = root.value[0][1].value[0]
    edits = [edit for edit, _, _ in set_fields(text, item, {"start": "1", "end": "2"})]
    assert apply_edits(text, edits) == (
        "top:\n  - id: x\n    quote: q  # c\n    start: 1\n    end: 2\n  - id: y\n")


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_pin_writes_an_aliased_citation_once(make_project: Callable[..., Path]) -> None:
    facts = (
        "factbase: 1\nsources:\n  - id: seed\n    path: sources/east-asia-alliances.txt\n"
        "claims:\n"
        "  - id: a\n    statement: s\n    value: {type: quote}\n    citations: &fund\n"
        "      - source: seed\n        quote: a $9 million joint fund\n"
        "  - id: b\n    statement: s\n    value: {type: quote}\n    citations: *fund\n"
    )
    path = make_project(facts)
    pin(path)
    text = path.read_text(encoding="utf-8")
    assert text.count("start:") == 1 and text.count("end:") == 1
    assert factbase.check(factbase.load(path)).ok
