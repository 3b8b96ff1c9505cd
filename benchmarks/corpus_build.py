"""Build the labelled JSONL corpus files from their marked-up sources.

    .venv/bin/python benchmarks/corpus_build.py           # writes benchmarks/corpus/*.jsonl
    .venv/bin/python benchmarks/corpus_build.py --check   # exit 1 if a JSONL file is stale

Sources live in ``benchmarks/corpus/src/*.txt``. Labels are written inline, so offsets are
computed, never typed by hand:

* ``[[text|m|AMOUNT[-UPPER] CURRENCY [QUALIFIER]]]`` money,
* ``[[text|q|AMOUNT[-UPPER] UNIT [QUALIFIER]]]`` a quantity (UNIT a singular noun, ``_`` for a
  space, ``-`` for none),
* ``[[text|e|ENTITY]]`` an entity name, ``[[text|r|ENTITY/ROLE TITLE]]`` a role,
* ``[[text|d|ISO [QUALIFIER]]]`` a date.

Header comments set ``kinds:`` (the kinds labelled completely in the file), ``reference:``,
``entities:`` (an entity set of ``mentions_eval.py``) and ``source:`` (a file of which each line
is a snippet, searched in order; without it every paragraph is one document).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = HERE / "corpus" / "src"
OUT = HERE / "corpus"
MARK_RE = re.compile(r"\[\[(.+?)\|([dmqer])\|(.+?)\]\]")
RANGE_RE = re.compile(r"^(-?\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$")
KIND = {"d": "date", "m": "money", "q": "quantity", "e": "entity", "r": "role"}


def label(kind: str, value: str) -> dict[str, Any]:
    parts = value.split()
    if kind == "d":
        out: dict[str, Any] = {"kind": "date", "iso": parts[0]}
        if len(parts) > 1:
            out["qualifier"] = parts[1]
        return out
    if kind in ("m", "q"):
        match = RANGE_RE.match(parts[0])
        if match is None or len(parts) not in (2, 3):
            raise ValueError(f"bad amount label {value!r}")
        out = {"kind": KIND[kind], "amount": match.group(1), "upper": match.group(2)}
        if kind == "m":
            out["currency"] = parts[1]
        else:
            out["unit"] = None if parts[1] == "-" else parts[1].replace("_", " ")
        out["qualifier"] = parts[2] if len(parts) == 3 else None
        return out
    if kind == "e":
        return {"kind": "entity", "entity": value.strip()}
    entity, _, role = value.partition("/")
    return {"kind": "role", "entity": entity.strip(), "role": role.strip()}


def strip(marked: str) -> tuple[str, list[tuple[int, int, dict[str, Any]]]]:
    """Plain text and (start, end, label) of each marked span."""
    text: list[str] = []
    spans: list[tuple[int, int, dict[str, Any]]] = []
    position = 0
    length = 0
    for match in MARK_RE.finditer(marked):
        before = marked[position : match.start()]
        text.append(before)
        length += len(before)
        shown = match.group(1)
        spans.append((length, length + len(shown), label(match.group(2), match.group(3))))
        text.append(shown)
        length += len(shown)
        position = match.end()
    text.append(marked[position:])
    plain = "".join(text)
    if "[[" in plain or "]]" in plain:
        raise ValueError(f"unparsed markup in {marked[:80]!r}")
    return plain, spans


def build(path: Path) -> list[dict[str, Any]]:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() in ("kinds", "reference", "entities", "source"):
                header[key.strip()] = value.strip()
            continue
        body.append(line)
    common = {
        "reference": header.get("reference"),
        "entities": header.get("entities"),
        "kinds": header["kinds"].split(),
    }
    if "source" in header:
        return [dict(common, **_snippets(REPO / header["source"], body))]
    docs = []
    for paragraph in "\n".join(body).split("\n\n"):
        if not paragraph.strip():
            continue
        text, spans = strip(paragraph.strip())
        mentions = [dict(start=s, end=e, **lab) for s, e, lab in spans]
        docs.append(dict(common, text=text, mentions=mentions))
    return docs


def _snippets(source: Path, lines: list[str]) -> dict[str, Any]:
    text = source.read_text(encoding="utf-8")
    cursor = 0
    mentions = []
    for line in lines:
        if not line.strip():
            continue
        plain, spans = strip(line)
        found = text.find(plain, cursor)
        if found < 0:
            raise ValueError(f"{source.name}: snippet not found after {cursor}: {plain!r}")
        for s, e, lab in spans:
            mentions.append(dict(start=found + s, end=found + e, **lab))
        cursor = found + spans[0][0] if spans else found
    return {"text": text, "mentions": mentions}


def main(argv: list[str]) -> int:
    stale = []
    for path in sorted(SRC.glob("*.txt")):
        docs = build(path)
        out = OUT / f"{path.stem}.jsonl"
        content = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
        count = sum(len(d["mentions"]) for d in docs)
        if "--check" in argv:
            if not out.exists() or out.read_text(encoding="utf-8") != content:
                stale.append(out.name)
            continue
        out.write_text(content, encoding="utf-8")
        print(f"{out.relative_to(REPO)}: {len(docs)} documents, {count} labelled mentions")
    if stale:
        print("stale: " + ", ".join(stale) + " (run benchmarks/corpus_build.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
