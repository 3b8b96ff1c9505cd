"""Hostile and broken facts files: resource limits, encodings, unsafe YAML, and the CLI's
top-level guard. Every failure is a problem code with a location, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from factbase import FactsError, load
from factbase import loader as loader_module
from factbase.cli import cli


def codes_at(path: Path) -> list[tuple[str, int | None, int | None]]:
    with pytest.raises(FactsError) as caught:
        load(path)
    return [(p.code, p.location.line, p.location.column) for p in caught.value.problems]


def write(tmp_path: Path, data: str | bytes) -> Path:
    path = tmp_path / "facts.yaml"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def bomb(width: int, depth: int) -> str:
    lines = ["factbase: 1", "a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- YAML limits


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("billion laughs", bomb(10, 9)),          # 10**9 nodes after expansion
        ("wide bomb", bomb(4, 10)),               # ~1.4M nodes: under 5M, but 1.4M added by aliases
        ("key bomb", "factbase: 1\na: &a {x: 1, y: 2}\n"
                     + "".join(f"b{i}: &b{i} {{k1: *{'a' if i == 0 else f'b{i - 1}'}, "
                               f"k2: *{'a' if i == 0 else f'b{i - 1}'}, k3: *{'a' if i == 0 else f'b{i - 1}'}, "
                               f"k4: *{'a' if i == 0 else f'b{i - 1}'}}}\n" for i in range(12))),
        ("many aliases", "factbase: 1\n" + "".join(f"a{i}: &a{i} [x]\nb{i}: *a{i}\n" for i in range(1001))),
        ("deep flow", "factbase: 1\ntitle: " + "[" * 100 + "]" * 100 + "\n"),
        ("deep block", "factbase: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v\n"),
    ],
)
def test_resource_limits_reject_before_expanding(tmp_path: Path, name: str, text: str) -> None:
    assert codes_at(write(tmp_path, text)) == [("yaml-limit", 1, 1)]


def test_a_small_alias_expansion_is_fine(tmp_path: Path) -> None:
    text = textwrap.dedent("""\
        factbase: 1
        sources:
          - &src {id: a, path: a.txt}
        entities:
          - {id: abe, name: Shinzo Abe, kind: person, aliases: &names [Abe, Shinzo]}
          - {id: abe2, name: S. Abe, kind: person, aliases: *names}
        """)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    facts = load(write(tmp_path, text))
    assert [e.aliases for e in facts.entities] == [["Abe", "Shinzo"], ["Abe", "Shinzo"]]


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 100)
    assert codes_at(write(tmp_path, "factbase: 1\ntitle: " + "x" * 200 + "\n")) == [("facts-unreadable", None, None)]


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"factbase: 1\ntitle: caf\xe9\n", [("facts-unreadable", 2, 11)]),          # Latin-1
        (b"factbase: 1\n\xff\xfe", [("facts-unreadable", 2, 1)]),
        (b"factbase: 1\ntitle: a\x00b\n", [("facts-unreadable", None, None)]),       # binary
        (b"\xff\xfef\x00a\x00", [("facts-unreadable", None, None)]),                 # UTF-16
        (b"factbase: 1\ntitle: \x1b[31mred\n", [("yaml-syntax", 2, 8)]),             # control character
        (b"factbase: 1\n\ttitle: x\n", [("yaml-syntax", 2, 1)]),                     # tab indentation
    ],
)
def test_undecodable_files_are_reported_with_a_position(tmp_path: Path, data: bytes,
                                                        expected: list[tuple[str, int | None, int | None]]) -> None:
    assert codes_at(write(tmp_path, data)) == expected


def test_nul_after_the_first_block_is_still_refused(tmp_path: Path) -> None:
    data = b"factbase: 1\ntitle: " + b"x" * 10_000 + b"\x00\n"
    assert [c for c, _, _ in codes_at(write(tmp_path, data))] in (["facts-unreadable"], ["yaml-syntax"])


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbffactbase: 1\ntitle: BOM\n",
        b"factbase: 1\r\ntitle: CRLF\r\n",
        b"\xef\xbb\xbffactbase: 1\r\ntitle:\t\"tab after the colon\"\r\n",
        b"factbase: 1\rtitle: old Mac line ends\r",
    ],
)
def test_boms_crlf_and_tabs_load(tmp_path: Path, data: bytes) -> None:
    assert load(write(tmp_path, data)).title is not None


def test_crlf_locations_count_lines_like_lf(tmp_path: Path) -> None:
    data = b"factbase: 1\r\nclaims:\r\n  - id: Bad Id\r\n"
    assert ("schema", 3, 9) in codes_at(write(tmp_path, data))


# ---------------------------------------------------------------------------- unsafe YAML


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system"],
)
def test_python_tags_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    text = f"factbase: 1\ntitle: {tag} [touch {marker}]\n"
    with pytest.raises(FactsError) as caught:
        load(write(tmp_path, text))
    assert [p.code for p in caught.value.problems] == ["schema"]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("factbase: 1\n---\nfactbase: 1\n", [("yaml-syntax", 2, 1)]),
        ("factbase: 1\ntitle: a\ntitle: b\n", [("duplicate-key", 3, 1)]),
        ("factbase: 1\n? [a, b]\n: c\n", [("schema", 2, 3)]),
        ("factbase: 1\ntitle: *nowhere\n", [("yaml-syntax", 2, 8)]),
        ("factbase: 1\nsources:\n  - <<: {id: a}\n    path: a.txt\n", [("schema", 3, 5), ("schema", 3, 5)]),
        ("[1, 2]\n", [("schema", 1, 1)]),
        ("factbase: 2\n", [("unsupported-version", 1, 11)]),
        ("factbase: 1\nclaims: [{id: a, statement: s, value: {type: date, date: '2019-02-30'}, "
         "citations: [{source: s, quote: q}]}]\n", [("schema", 2, 58)]),
        ("factbase: 1\nsources: [{id: s, path: s.txt, published: '0000'}]\n", [("schema", 2, 43)]),
        ("factbase: 1\nsources: [{id: s, path: s.txt, published: '٢٠١٩'}]\n", [("schema", 2, 43)]),
        ("factbase: 1\nsources: [{id: s, path: \"s.txt\\0\"}]\n", [("schema", 2, 25)]),
    ],
)
def test_broken_yaml_is_a_code_and_a_location(tmp_path: Path, text: str,
                                              expected: list[tuple[str, int, int]]) -> None:
    assert codes_at(write(tmp_path, text)) == expected


# ---------------------------------------------------------------------------- the CLI guard


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


COMMANDS = [
    (["check"], "factbase.loader.load"),
    (["build", "-q", "-o", "{tmp}/x.db"], "factbase.loader.load"),
    (["coverage"], "factbase.loader.load"),
    (["pin"], "factbase.pin.pin"),
    (["schema"], "factbase.model.json_schema"),
]


@pytest.mark.parametrize(("args", "target"), COMMANDS)
def test_internal_errors_exit_2_without_a_traceback(seed_project: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    args: list[str], target: str) -> None:
    monkeypatch.setattr(target, boom)
    monkeypatch.setattr("factbase.load", boom)
    monkeypatch.delenv("FACTBASE_DEBUG", raising=False)
    argv = [a.format(tmp=tmp_path) for a in args] + ([] if args == ["schema"] else [str(seed_project)])
    result = CliRunner().invoke(cli, argv)
    assert (result.exit_code, "Traceback" in result.output, "--debug" in result.output) == (2, False, True)


@pytest.mark.parametrize(("flag", "env"), [(["--debug"], None), ([], "1")])
def test_debug_shows_the_traceback(seed_project: Path, monkeypatch: pytest.MonkeyPatch,
                                   flag: list[str], env: str | None) -> None:
    monkeypatch.setattr("factbase.model.json_schema", boom)
    if env is None:
        monkeypatch.delenv("FACTBASE_DEBUG", raising=False)
    else:
        monkeypatch.setenv("FACTBASE_DEBUG", env)
    result = CliRunner().invoke(cli, [*flag, "schema"])
    assert (result.exit_code, "Traceback" in result.output) == (2, True)


def test_every_command_is_guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    @cli.command("explode-for-test", hidden=True)
    def explode() -> None:
        raise KeyError("unhandled")

    try:
        monkeypatch.delenv("FACTBASE_DEBUG", raising=False)
        result = CliRunner().invoke(cli, ["explode-for-test"])
    finally:
        cli.commands.pop("explode-for-test")
    assert (result.exit_code, "Traceback" in result.output) == (2, False)
