"""`factbase init`: a project that checks at once, files never overwritten, CI on request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factbase import FactsError, __version__, check, load
from factbase.cli import cli
from factbase.model import VALUE_TYPES, Claim, FactsFile
from factbase.project import SCHEMA_POINTER, InitError, facts_skeleton, init, schema_text
from factbase.yamldoc import parse

GITIGNORE = """\
# factbase: the cache and the built database
.factbase-cache/
*.db
*.db-journal
.*.db.*.tmp*
factbase.metadata.json
factbase.metadata.yml
factbase.datasette.yml
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["init", *args])
    return result.exit_code, result.stdout, result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_project(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "project"
    assert run(str(folder)) == (0, (
        f"created {folder}/facts.yaml\n"
        f"created {folder}/facts.schema.json\n"
        f"created {folder}/sources/.gitkeep\n"
        f"created {folder}/.gitignore\n"), "")
    files = tree(folder)
    assert sorted(files) == [".gitignore", "facts.schema.json", "facts.yaml", "sources/.gitkeep"]
    assert files[".gitignore"].decode() == GITIGNORE
    assert files["sources/.gitkeep"] == b""
    assert files["facts.yaml"].decode().splitlines()[0] == (
        "# yaml-language-server: $schema=facts.schema.json")
    # the pointer resolves, to the schema `factbase schema` prints
    printed = CliRunner().invoke(cli, ["schema"]).stdout
    assert files["facts.schema.json"].decode() == printed == schema_text()


def test_a_new_project_checks_clean(tmp_path: Path) -> None:
    assert run(str(tmp_path))[0] == 0
    facts = load(tmp_path / "facts.yaml")
    assert (facts.sources, facts.entities, facts.records) == ([], [], [])
    report = check(facts)
    assert (report.ok, report.problems, len(report.claims)) == (True, [], 0)
    for args in ([], ["--strict"]):
        result = CliRunner().invoke(cli, ["check", str(tmp_path), *args])
        assert (result.exit_code, result.stdout) == (
            0, "0 claims: 0 verified; 0 errors, 0 warnings\n")


def test_the_current_folder_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run() == (0, "created facts.yaml\ncreated facts.schema.json\n"
                        "created sources/.gitkeep\ncreated .gitignore\n", "")


def test_running_twice_overwrites_nothing(tmp_path: Path) -> None:
    args = [str(tmp_path), "--ci", "github", "--ci", "gitlab", "--pre-commit"]
    assert run(*args)[0] == 0
    (tmp_path / "facts.yaml").write_text(
        (tmp_path / "facts.yaml").read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    before = tree(tmp_path)
    assert run(*args) == (0, "".join(f"kept {tmp_path}/{name}\n" for name in (
        "facts.yaml", "facts.schema.json", "sources/", ".gitignore",
        ".github/workflows/factbase.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml")), "")
    assert tree(tmp_path) == before


@pytest.mark.parametrize(("existing", "line", "expected"), [
    # nothing of ours: a blank line, our header and every line
    ("node_modules/\n", "appended .gitignore (7 lines)", "node_modules/\n\n" + GITIGNORE),
    # no newline at the end of the last line
    ("node_modules/", "appended .gitignore (7 lines)", "node_modules/\n\n" + GITIGNORE),
    # lines already there (spaces around them do not count) are not repeated
    ("*.db\n  .factbase-cache/  \n", "appended .gitignore (5 lines)",
     "*.db\n  .factbase-cache/  \n\n# factbase: the cache and the built database\n*.db-journal\n"
     ".*.db.*.tmp*\nfactbase.metadata.json\nfactbase.metadata.yml\nfactbase.datasette.yml\n"),
    ("", "appended .gitignore (7 lines)", GITIGNORE),
    (GITIGNORE, "kept .gitignore", GITIGNORE),
])
def test_gitignore_gets_only_the_missing_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               existing: str, line: str, expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path(".gitignore").write_text(existing, encoding="utf-8")
    code, out, _ = run()
    assert (code, out.splitlines()[3]) == (0, line)
    assert Path(".gitignore").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(("first", "line"), [
    ("factbase: 1\n", "kept facts.yaml (add `# yaml-language-server: $schema=facts.schema.json` "
                      "as its first line for the editor to check it)"),
    ("# yaml-language-server: $schema=elsewhere/schema.json\nfactbase: 1\n", "kept facts.yaml"),
])
def test_an_existing_facts_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        first: str, line: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("facts.yaml").write_text(first, encoding="utf-8")
    code, out, _ = run()
    assert (code, out.splitlines()[0]) == (0, line)
    assert Path("facts.yaml").read_text(encoding="utf-8") == first


def test_an_outdated_schema_is_kept_with_the_command_that_refreshes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("facts.schema.json").write_text("{}\n", encoding="utf-8")
    code, out, _ = run()
    assert (code, out.splitlines()[1]) == (0, (
        f"kept facts.schema.json (not the schema of factbase {__version__}; "
        "refresh it with `factbase schema -o facts.schema.json`)"))
    assert Path("facts.schema.json").read_text(encoding="utf-8") == "{}\n"
    result = CliRunner().invoke(cli, ["schema", "-o", "facts.schema.json"])
    assert (result.exit_code, result.stdout) == (0, "wrote facts.schema.json\n")
    assert run()[1].splitlines()[1] == "kept facts.schema.json"


def test_a_sources_folder_with_files_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("sources").mkdir()
    Path("sources/article.txt").write_text("text", encoding="utf-8")
    assert run()[1].splitlines()[2] == "kept sources/"
    assert sorted(p.name for p in Path("sources").iterdir()) == ["article.txt"]


@pytest.mark.parametrize(("where", "message"), [
    ("file", "error: {tmp}/file is not a folder\n"),
    ("file/below", "error: cannot create the folder {tmp}/file/below: Not a directory\n"),
    # /proc takes no new files, not even from root
    ("/proc", "error: cannot write /proc/facts.yaml: No such file or directory\n"),
])
def test_a_folder_that_cannot_hold_a_project_exits_1(tmp_path: Path, where: str,
                                                     message: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    folder = where if where.startswith("/") else f"{tmp_path}/{where}"
    assert run(folder) == (1, "", message.format(tmp=tmp_path))


def test_the_library_says_what_it_did_and_raises_init_error(tmp_path: Path) -> None:
    done = init(tmp_path, ci=("gitlab",), pre_commit=True)
    assert [(w.path, w.action, w.note) for w in done] == [
        ("facts.yaml", "created", None), ("facts.schema.json", "created", None),
        ("sources/.gitkeep", "created", None), (".gitignore", "created", None),
        (".gitlab-ci.yml", "created", None), (".pre-commit-config.yaml", "created", None)]
    with pytest.raises(InitError, match=r"^unknown CI jenkins; expected github or gitlab$"):
        init(tmp_path, ci=("jenkins",))
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--ci", "jenkins"])
    assert result.exit_code == 2 and "'jenkins' is not one of 'github', 'gitlab'" in result.stderr


def test_ci_jobs_install_this_version_and_check_strictly(tmp_path: Path) -> None:
    code, out, _ = run(str(tmp_path), "--ci", "github", "--ci", "gitlab", "--pre-commit")
    assert code == 0
    assert out.splitlines()[4:] == [f"created {tmp_path}/.github/workflows/factbase.yml",
                                    f"created {tmp_path}/.gitlab-ci.yml",
                                    f"created {tmp_path}/.pre-commit-config.yaml"]
    install = f'python -m pip install "factbase=={__version__}"'
    github = yaml.safe_load((tmp_path / ".github/workflows/factbase.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["check"]["steps"]
    assert [s.get("uses") for s in steps[:2]] == ["actions/checkout@v4", "actions/setup-python@v5"]
    assert [s["run"] for s in steps[2:]] == [
        install, 'factbase check --strict --format github --format markdown -o "$GITHUB_STEP_SUMMARY"']
    assert github[True] == ["push", "pull_request"]  # YAML 1.1 reads the key `on` as true
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["factbase"]["script"] == [
        install, "factbase check --strict --format text --format junit -o factbase.xml"]
    assert gitlab["factbase"]["artifacts"]["reports"] == {"junit": "factbase.xml"}
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks == {"repos": [{"repo": "local", "hooks": [{
        "id": "factbase", "name": "factbase check", "entry": "factbase check --strict",
        "language": "python", "additional_dependencies": [f"factbase=={__version__}"],
        "pass_filenames": False, "always_run": True}]}]}


# ---------------------------------------------------------------- the skeleton's examples

def _examples(skeleton: str) -> tuple[str, list[str]]:
    """The skeleton with its example entries uncommented (lines that start with `#  `), and
    its one-line value examples (after "A value of each type")."""
    head, marker, tail = skeleton.partition("# A value of each type:\n")
    assert marker
    lines = [line[1:] if line.startswith("#  ") else line for line in head.splitlines()]
    lines = [re.sub(r"^(sources|entities|claims): \[\]", r"\1:", line) for line in lines]
    values = [line.removeprefix("#").split("  #")[0].strip() for line in tail.splitlines()]
    return "\n".join(lines) + "\n", values


def test_the_commented_examples_are_valid_entries() -> None:
    text, _ = _examples(facts_skeleton())
    data, _, problems = parse(text, "facts.yaml")
    assert problems == []
    facts = FactsFile.model_validate(data)
    assert ([s.id for s in facts.sources], [e.id for e in facts.entities],
            [c.id for c in facts.claims]) == (["budget-speech"], ["jane-doe"], ["budget-total"])
    assert facts.claims[0].citations[0].source == facts.sources[0].id
    assert facts.claims[0].subject == facts.entities[0].id


def test_a_value_of_each_type_is_shown_and_valid() -> None:
    _, values = _examples(facts_skeleton())
    types = []
    for line in values:
        data, _, problems = parse(line, "facts.yaml")
        assert problems == []
        claim = Claim.model_validate({"id": "c", "statement": "s", "value": data["value"],
                                      "citations": [{"source": "s", "quote": "q"}]})
        types.append(claim.value if isinstance(claim.value, str) else claim.value.type)
    assert types == [*VALUE_TYPES, "$9 million"]


def test_a_facts_file_without_the_pointer_still_loads(tmp_path: Path) -> None:
    # The pointer is a comment: removing it changes nothing for factbase.
    init(tmp_path)
    path = tmp_path / "facts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(SCHEMA_POINTER + "\n", ""),
                    encoding="utf-8")
    assert check(load(path)).ok
    path.write_text("factbase: 1\nclaims: [{id: x}]\n", encoding="utf-8")
    with pytest.raises(FactsError):
        load(path)


def test_schema_output_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema", "-o", str(tmp_path / "file" / "facts.schema.json")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"factbase: cannot write {tmp_path}/file/facts.schema.json: Not a directory\n"
