"""Build ``benchmarks/corpus/bbc_labels.jsonl`` from the hand-written ``bbc_labels.src``.

    .venv/bin/python benchmarks/bbc_labels_build.py           # writes the JSONL file
    .venv/bin/python benchmarks/bbc_labels_build.py --check   # exit 1 if it is stale

The articles are read from the BBC corpus at run time (``FACTBASE_BBC_CORPUS``, else
``<repo>/../shared/corpus/bbc``, else ``/work/shared/corpus/bbc``) and are never copied into
the project: the source file holds only the short mention strings, their values and, where a
string occurs before the one meant, a few words of context. Offsets are computed here, never
typed by hand. Format (one item a line, ``#`` starts a comment line)::

    @ business-005.txt
    ref 2004-12 | why this publication date
    d Last year = 2003                   date: ISO (``?`` for unresolved) [QUALIFIER]
    m 7.5bn euros = 7.5bn EUR            money: AMOUNT CURRENCY [QUALIFIER] [..UPPER]
    q 4% = 4 percent                     quantity: AMOUNT UNIT|- [QUALIFIER] [..UPPER]
    p Gordon Brown = Chancellor          person: the name as written = the role as written

The text left of `` = `` is searched from the end of the previous item of the article, at
word boundaries; ``left [[mention]] right`` gives context, and only the part in brackets is
the mention. Amounts take the suffixes ``k``, ``m``, ``bn`` and ``tn`` (exact decimals).
A unit of several words is written as it reads (``percentage point``).
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from bbc_corpus import find_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = HERE / "corpus" / "bbc_labels.src"
OUT = HERE / "corpus" / "bbc_labels.jsonl"
KINDS = ["date", "money", "quantity", "person"]
KIND = {"d": "date", "m": "money", "q": "quantity", "p": "person"}
QUALIFIERS = {"about", "at-least", "at-most", "more-than", "less-than", "nearly", "odd"}
DATE_QUALIFIERS = {"early", "mid", "late", "circa", "before", "after"}
SCALE = {"k": 3, "m": 6, "bn": 9, "tn": 12}
AMOUNT_RE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|tn)?$")
ISO_PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
ISO_RE = re.compile(rf"^{ISO_PART}(?:/{ISO_PART})?$")


def amount(text: str) -> str:
    match = AMOUNT_RE.match(text)
    if match is None:
        raise ValueError(f"bad amount {text!r}")
    value = Decimal(match.group(1)).scaleb(SCALE.get(match.group(2) or "", 0))
    out = format(value, "f")
    if match.group(2) and "." in out:  # 9.7bn is a whole number: no trailing ".0"
        out = out.rstrip("0").rstrip(".")
    return out


def value(kind: str, spec: str) -> dict[str, Any]:
    if kind == "person":
        if not spec.strip():
            raise ValueError("a person needs a role")
        return {"role": spec.strip()}
    parts = spec.split()
    if kind == "date":
        iso = "" if parts[0] == "?" else parts[0]
        if iso and not ISO_RE.match(iso):
            raise ValueError(f"bad iso {iso!r}")
        qualifier = parts[1] if len(parts) > 1 else None
        if (qualifier is not None and qualifier not in DATE_QUALIFIERS) or len(parts) > 2:
            raise ValueError(f"bad date {spec!r}")
        return {"iso": iso, "qualifier": qualifier}
    out: dict[str, Any] = {"amount": amount(parts[0]), "upper": None, "qualifier": None}
    rest = []
    for part in parts[1:]:
        if part in QUALIFIERS:
            out["qualifier"] = part
        elif part.startswith(".."):
            out["upper"] = amount(part[2:])
        else:
            rest.append(part)
    if kind == "money":
        if len(rest) != 1 or not re.fullmatch(r"[A-Z]{3}", rest[0]):
            raise ValueError(f"bad money {spec!r}")
        out["currency"] = rest[0]
    else:
        if not rest:
            raise ValueError(f"quantity without unit (write -) {spec!r}")
        out["unit"] = None if rest == ["-"] else " ".join(rest)
    return out


def locate(text: str, pattern: str, cursor: int) -> tuple[int, int]:
    if "[[" in pattern:
        left, _, rest = pattern.partition("[[")
        core, _, right = rest.partition("]]")
    else:
        left, core, right = "", pattern, ""
    regex = re.compile(
        re.escape(left) + ("" if left else r"(?<!\w)") + "(" + re.escape(core) + ")"
        + ("" if right else r"(?!\w)") + re.escape(right)
    )
    for match in regex.finditer(text):
        if match.start(1) >= cursor:
            return match.start(1), match.end(1)
    raise ValueError(f"not found after {cursor}: {pattern!r}")


def build(root: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    doc: dict[str, Any] | None = None
    text = ""
    cursor = 0
    for number, raw in enumerate(SRC.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            if line.startswith("@ "):
                name = line[2:].strip()
                text = (root / name).read_text(encoding="utf-8")
                doc = {"file": name, "reference": None, "reference_reason": None,
                       "kinds": KINDS, "mentions": []}
                docs.append(doc)
                cursor = 0
                continue
            if doc is None:
                raise ValueError("no article yet")
            if line.startswith("ref "):
                reference, _, reason = line[4:].partition("|")
                doc["reference"] = reference.strip()
                doc["reference_reason"] = reason.strip()
                continue
            kind = KIND[line[0]]
            if line[1] != " " or " = " not in line:
                raise ValueError("expected 'K text = value'")
            pattern, _, spec = line[2:].rpartition(" = ")
            start, end = locate(text, pattern.strip(), cursor)
            cursor = end
            mention = {"start": start, "end": end, "text": text[start:end], "kind": kind}
            mention.update(value(kind, spec))
            if kind == "person":
                mention = {**mention, "name": mention["text"], "role": mention.pop("role")}
            doc["mentions"].append(mention)
        except (ValueError, KeyError, IndexError, OSError) as error:
            raise SystemExit(f"{SRC.name}:{number}: {error}: {raw}") from None
    for doc in docs:
        doc["mentions"].sort(key=lambda m: m["start"])
        for a, b in zip(doc["mentions"], doc["mentions"][1:], strict=False):
            if b["start"] < a["end"]:
                raise SystemExit(f"{doc['file']}: overlapping {a['text']!r} and {b['text']!r}")
        if not doc["reference"]:
            raise SystemExit(f"{doc['file']}: no reference")
    names = [d["file"] for d in docs]
    if len(set(names)) != len(names):
        raise SystemExit("an article is labelled twice")
    return docs


def main(argv: list[str]) -> int:
    root = find_corpus()
    if root is None:
        print("BBC corpus not found (set FACTBASE_BBC_CORPUS)", file=sys.stderr)
        return 2
    docs = build(root)
    out = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    if "--check" in argv:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != out
        print(f"{OUT.name}: {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    OUT.write_text(out, encoding="utf-8")
    counts: dict[str, int] = {}
    for doc in docs:
        for m in doc["mentions"]:
            counts[m["kind"]] = counts.get(m["kind"], 0) + 1
    print(f"{len(docs)} articles, {sum(counts.values())} mentions: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
