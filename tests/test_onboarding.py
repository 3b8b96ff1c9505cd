"""A newcomer's path, end to end, with the real `factbase` command on an article no one here
wrote: init → add → mentions --as-claims → fill in three drafts → check → build → the claim
page served by a real Datasette on 127.0.0.1. docs/index.md ("Your own facts") shows the same
commands."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NO_BBC, REPO, bbc_corpus
from live_server import free_port, running
from page_marks import marks

FACTBASE = Path(sys.executable).with_name("factbase")
ARTICLE = "business-005.txt"  # "Pernod takeover talk lifts Domecq"

# What the user types into facts.yaml after `factbase add`: the date the article gives
# relative dates from, and the two firms it is about.
PUBLISHED = "    published: 2005-02\n"
ENTITIES = """\
entities:
  - id: allied-domecq
    name: Allied Domecq
    kind: organization
    aliases: [Domecq]
  - id: pernod-ricard
    name: Pernod Ricard
    kind: organization
    aliases: [Pernod]
"""

# The three drafts the user keeps, with the statements they write in place of TODO.
KEPT = {
    "business-005-quantity-4": "Allied Domecq shares rose 4% in London on the takeover talk.",
    "business-005-money-7-5bn-euros": "Pernod Ricard had a market value of 7.5bn euros.",
    "business-005-date-2000": "Pernod Ricard bought a third of Seagram in 2000.",
}


def factbase(*args: str, cwd: Path, typed: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the command as a user types it in ``cwd``; ``typed`` records the command line."""
    typed.append(" ".join(("factbase", *args)))
    return subprocess.run([str(FACTBASE), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def keep_drafts(facts: str, kept: dict[str, str]) -> str:
    """The facts file with only the ``kept`` drafts, each with its statement written, and the
    drafting comment gone: what a user leaves after editing."""
    head, claims = facts.split("claims:\n", 1)
    blocks = re.split(r"(?m)^(?=  - id: )", claims)
    out = []
    for block in blocks[1:]:
        claim_id = block.split()[2]
        if claim_id in kept:
            block = re.sub(r"  # .*\n", "\n", block, count=1)  # the draft's "quantity '4%' at …"
            out.append(block.replace("statement: TODO", f"statement: {kept[claim_id]}"))
    return head + "claims:\n" + "".join(out)


@contextlib.contextmanager
def serving(project: Path) -> Iterator[str]:
    """`factbase serve` (factbase.db) on a free loopback port; its base URL once it answers."""
    port = free_port()
    with running([str(FACTBASE), "serve", "--port", str(port)], port, project / "serve.log",
                 cwd=project) as base:
        yield base


def test_from_a_news_article_to_its_claim_page(tmp_path: Path) -> None:
    assert FACTBASE.is_file(), f"the factbase command is not installed beside {sys.executable}"
    corpus = bbc_corpus()
    if corpus is None:
        pytest.skip(NO_BBC)
    (tmp_path / ARTICLE).write_bytes((corpus / ARTICLE).read_bytes())
    typed: list[str] = []
    text = (corpus / ARTICLE).read_text(encoding="utf-8")

    # 1. init: a skeleton that checks, with a working editor schema.
    result = factbase("init", "pernod", cwd=tmp_path, typed=typed)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == ("created pernod/facts.yaml\ncreated pernod/facts.schema.json\n"
                             "created pernod/sources/.gitkeep\ncreated pernod/.gitignore\n")
    project = tmp_path / "pernod"
    facts = project / "facts.yaml"
    assert facts.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=facts.schema.json\n")
    schema = json.loads((project / "facts.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads((REPO / "docs" / "facts.schema.json").read_text(encoding="utf-8"))
    result = factbase("check", cwd=project, typed=typed)
    assert (result.returncode, result.stdout) == (0, "0 claims: 0 verified; 0 errors, 0 warnings\n")

    # 2. add: the article is stored under sources/ and declared with its sha256.
    result = factbase("add", f"../{ARTICLE}", cwd=project, typed=typed)
    assert result.returncode == 0, result.stderr
    stored = (project / "sources" / ARTICLE).read_bytes()
    assert stored == (corpus / ARTICLE).read_bytes()
    digest = hashlib.sha256(stored).hexdigest()
    assert result.stdout == (f"added source 'business-005' (sources/{ARTICLE}) to facts.yaml:\n"
                             f"  - id: business-005\n    path: sources/{ARTICLE}\n"
                             f"    sha256: {digest}\n")
    assert result.stderr == ("note: no publication date found in the document: set `published` "
                             "so that relative dates (\"last month\") resolve\n")
    declared = facts.read_text(encoding="utf-8")
    declared = declared.replace(f"    sha256: {digest}\n", f"    sha256: {digest}\n{PUBLISHED}", 1)
    declared = declared.replace("entities: []\n", ENTITIES, 1)
    facts.write_text(declared, encoding="utf-8")

    # 3. mentions --as-claims: one draft per mention, added to the facts file.
    result = factbase("mentions", "business-005", "--facts", "facts.yaml", "--as-claims",
                      "--into", "facts.yaml", cwd=project, typed=typed)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "added 15 drafts from business-005 to facts.yaml\n"
    drafted = facts.read_text(encoding="utf-8")
    # The drafts replace `claims: []`; nothing else the user has was touched.
    before, after = declared.split("claims: []\n")
    assert drafted.startswith(before + "claims:\n  # 15 drafts from business-005: write each "
                              "statement in place of TODO, check the value and subject, delete "
                              "the drafts you do not keep\n")
    assert drafted.endswith(after)
    ids = re.findall(r"(?m)^  - id: (business-005-\S+)", drafted)
    assert len(ids) == len(set(ids)) == 15 and set(KEPT) <= set(ids)
    assert ("  - id: business-005-quantity-4  # quantity '4%' at 370-372\n"
            "    statement: TODO\n    subject: allied-domecq\n"
            "    value: {type: change, of: quantity, direction: up, by: {amount: 4, unit: \"percent\"}}\n"
            "    citations:\n      - source: business-005\n"
            "        quote: \"Allied Domecq shares in London rose 4% by 1200 GMT\"\n") in drafted
    # Drafts verify as drafted, and --strict keeps them out until they are written.
    result = factbase("check", "--strict", cwd=project, typed=typed)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 16
    assert all(" warning draft-claim: claim " in line for line in lines[:-1])
    assert lines[-1] == "15 claims: 15 verified; 0 errors, 15 warnings (--strict: warnings fail)"

    # 4. The user keeps three drafts and writes their statements.
    facts.write_text(keep_drafts(drafted, KEPT), encoding="utf-8")
    result = factbase("check", "--strict", cwd=project, typed=typed)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "3 claims: 3 verified; 0 errors, 0 warnings\n", "")
    # The money claim's span covers "7.5bn euros" and its dollar figure "($9.7bn)".
    result = factbase("coverage", "--kind", "money", cwd=project, typed=typed)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        f"business-005 (sources/{ARTICLE}): 33.3 % of 6 mentions covered, 0 ignored")

    # 5. build: the database, its Datasette configuration, no lock file.
    result = factbase("build", cwd=project, typed=typed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ("3 claims: 3 verified; 0 errors, 0 warnings\n"
                             "wrote factbase.db, factbase.metadata.json: 3 claims, 3 citations, "
                             "0 problems\n")
    assert sorted(p.name for p in project.iterdir()) == [
        ".factbase-cache", ".gitignore", "factbase.db", "factbase.metadata.json",
        "facts.schema.json", "facts.yaml", "sources"]
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".factbase-cache/", "*.db", "factbase.metadata.json"} <= set(ignored)
    with contextlib.closing(sqlite3.connect(project / "factbase.db")) as conn:
        rows = conn.execute("SELECT id, status, subject_id, statement FROM claims ORDER BY id").fetchall()
    assert rows == [
        ("business-005-date-2000", "verified", "pernod-ricard", KEPT["business-005-date-2000"]),
        ("business-005-money-7-5bn-euros", "verified", "pernod-ricard",
         KEPT["business-005-money-7-5bn-euros"]),
        ("business-005-quantity-4", "verified", "allied-domecq", KEPT["business-005-quantity-4"]),
    ]

    # 6. The claim page, served by `factbase serve`: the span and its mention highlighted.
    typed.append("factbase serve")
    with serving(project) as base, urllib.request.urlopen(
            f"{base}/-/factbase/claims/business-005-quantity-4", timeout=30) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    quote = "Allied Domecq shares in London rose 4% by 1200 GMT"
    start = text.index(quote)
    spans = marks(page, "fb-span")
    assert [(a["data-start"], a["data-end"], t) for a, t in spans] == [
        (str(start), str(start + len(quote)), quote)]
    evidence = marks(page, "fb-evidence")
    assert [(a["class"], t) for a, t in evidence] == [("fb-depth-1 fb-evidence fb-match", "4%")]
    assert KEPT["business-005-quantity-4"] in page
    assert 'href="/-/factbase/sources/business-005"' in page

    # docs/index.md ("Your own facts") shows these commands, in this order.
    page = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    block = page.split("\n## Your own facts\n", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    shown = [line.split("  #", 1)[0].strip() for line in block.splitlines()
             if line.startswith("factbase ")]
    assert shown == typed
    assert "\ncd pernod\n" in block
