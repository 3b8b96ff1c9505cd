"""Precision, recall and speed of factbase's mention extractors on the labelled corpus.

    .venv/bin/python benchmarks/mentions_eval.py [--errors] [--mb 2]

Reads ``benchmarks/corpus/*.jsonl`` (one document per line: ``text``, ``reference``,
``entities`` (an entity set below, or null), ``kinds`` (the kinds labelled completely; for
files without it, the kinds their labels use, and ``date`` for ``dates.jsonl``) and
``mentions``). A prediction is a hit when its kind, offsets and normalized value equal a
label's: ``iso`` for dates (and the qualifier when labelled), amount/currency/upper/qualifier
for money, amount/unit/upper/qualifier for quantities, the entity (and role) for names. An
amount labelled with N decimals (two-thirds as 0.6667) matches a value that rounds to it.

Then it measures throughput of all kinds together on ~2 MB of the corpus text (single
process, best of three), against two baselines measured in the same run: a plain regex
tokenizer (the machine's speed) and, when it is importable, ``dateparser.search.search_dates``,
which is also scored on the date labels (dateparser is not a dependency: ``pip install
dateparser`` into the venv to include it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from factbase.mentions import KINDS, Mention, find_mentions
from factbase.model import Entity

CORPUS = Path(__file__).resolve().parent / "corpus"


def _person(
    id: str, name: str, aliases: list[str], roles: Sequence[tuple[str, list[str]]] = ()
) -> Entity:
    return Entity.model_validate(
        {"id": id, "name": name, "kind": "person", "aliases": aliases,
         "roles": [{"title": t, "aliases": a} for t, a in roles]}
    )


def _thing(id: str, name: str, kind: str, aliases: Sequence[str] = ()) -> Entity:
    return Entity.model_validate({"id": id, "name": name, "kind": kind, "aliases": list(aliases)})


PRESIDENT = "President of the United States"
ENTITY_SETS: dict[str, list[Entity]] = {
    "seed": [
        _person("shinzo-abe", "Shinzo Abe", ["Abe"],
                [("Prime Minister of Japan", ["Japanese Prime Minister"])]),
        _person("moon-jae-in", "Moon Jae-in", ["Moon"],
                [("President of South Korea", ["South Korean president"])]),
        _person("donald-trump", "Donald Trump", ["Trump"], [(PRESIDENT, ["U.S. President"])]),
        _person("barack-obama", "Barack Obama", ["Obama"], [(PRESIDENT, ["President"])]),
        _person("park-geun-hye", "Park Geun-hye", ["Park"]),
        _person("park-chung-hee", "Park Chung-hee", []),
        _person("koji-tomita", "Koji Tomita", ["Tomita"]),
        _person("james-mattis", "James Mattis", ["Mattis"],
                [("Secretary of Defense", ["U.S. Defense Secretary", "Defense Secretary"])]),
        _person("james-kelly", "James Kelly", []),
        _person("elliot-silverberg", "Elliot Silverberg", []),
        _person("andrew-injoo-park", "Andrew Injoo Park", []),
        _thing("gsomia", "General Security of Military Information Agreement", "agreement",
               ["GSOMIA"]),
        _thing("special-measures-agreement", "Special Measures Agreement", "agreement"),
    ],
    "news": [
        _person("joe-biden", "Joe Biden", ["Biden"], [(PRESIDENT, ["U.S. President", "President"])]),
        _person("barack-obama", "Barack Obama", ["Obama"], [(PRESIDENT, ["President"])]),
        _person("xi-jinping", "Xi Jinping", ["Xi"], [("President of China", ["Chinese President"])]),
        _person("emmanuel-macron", "Emmanuel Macron", ["Macron"],
                [("President of France", ["French President", "President"])]),
        _person("angela-merkel", "Angela Merkel", ["Merkel"],
                [("Chancellor of Germany", ["German Chancellor", "Chancellor"])]),
        _person("olaf-scholz", "Olaf Scholz", ["Scholz"],
                [("Chancellor of Germany", ["German Chancellor", "Chancellor"])]),
        _person("fumio-kishida", "Fumio Kishida", ["Kishida"],
                [("Prime Minister of Japan", ["Japanese Prime Minister"])]),
        _person("yoon-suk-yeol", "Yoon Suk-yeol", ["Yoon"],
                [("President of South Korea", ["South Korean President"])]),
        _person("moon-jae-in", "Moon Jae-in", ["Moon"],
                [("President of South Korea", ["South Korean President"])]),
        _person("kim-jong-un", "Kim Jong-un", ["Kim"],
                [("Supreme Leader of North Korea", ["North Korean leader"])]),
        _person("lee-jae-myung", "Lee Jae-myung", ["Lee"]),
        _person("jerome-powell", "Jerome Powell", ["Powell"],
                [("Chair of the Federal Reserve", ["Fed Chair", "Fed chairman"])]),
        _person("christine-lagarde", "Christine Lagarde", ["Lagarde"],
                [("President of the European Central Bank", ["ECB President"])]),
        _person("antonio-guterres", "António Guterres", ["Antonio Guterres", "Guterres"],
                [("Secretary-General of the United Nations",
                  ["U.N. Secretary-General", "UN Secretary-General"])]),
        _person("tedros", "Tedros Adhanom Ghebreyesus", ["Tedros"]),
        _person("elon-musk", "Elon Musk", ["Musk"]),
        _person("john-kerry", "John Kerry", ["Kerry"], [("Secretary of State", [])]),
        _thing("federal-reserve", "Federal Reserve", "organization", ["Fed"]),
        _thing("ecb", "European Central Bank", "organization", ["ECB"]),
        _thing("imf", "International Monetary Fund", "organization", ["IMF"]),
        _thing("who", "World Health Organization", "organization", ["WHO"]),
        _thing("united-nations", "United Nations", "organization", ["UN", "U.N."]),
        _thing("nato", "North Atlantic Treaty Organization", "organization", ["NATO"]),
        _thing("european-union", "European Union", "organization", ["EU", "E.U."]),
        _thing("congress", "Congress", "organization"),
        _thing("toyota", "Toyota Motor", "organization", ["Toyota"]),
        _thing("samsung", "Samsung Electronics", "organization", ["Samsung"]),
        _thing("tesla", "Tesla", "organization", ["Tesla Inc."]),
        _thing("united-states", "United States", "place", ["U.S."]),
        _thing("south-korea", "South Korea", "place", ["Republic of Korea"]),
        _thing("north-korea", "North Korea", "place", ["DPRK"]),
        _thing("japan", "Japan", "place"),
        _thing("china", "China", "place", ["People's Republic of China"]),
        _thing("germany", "Germany", "place"),
        _thing("france", "France", "place"),
        _thing("finland", "Finland", "place"),
        _thing("europe", "Europe", "place"),
        _thing("washington", "Washington", "place"),
        _thing("seoul", "Seoul", "place"),
        _thing("tokyo", "Tokyo", "place"),
        _thing("beijing", "Beijing", "place"),
        _thing("pyongyang", "Pyongyang", "place"),
    ],
}


# ---------------------------------------------------------------------------- loading


def load() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            doc = json.loads(line)
            doc["file"] = f"{path.name}:{number}"
            if not doc.get("kinds"):
                labelled = {m["kind"] for m in doc["mentions"]}
                doc["kinds"] = sorted(labelled | ({"date"} if path.stem == "dates" else set()))
            docs.append(doc)
    return docs


# ---------------------------------------------------------------------------- scoring


def _amount_equal(label: str | None, value: Decimal | None) -> bool:
    if label is None or value is None:
        return label is None and value is None
    wanted = Decimal(label)
    if value == wanted:
        return True
    exponent = wanted.as_tuple().exponent
    return isinstance(exponent, int) and exponent < 0 and value.quantize(wanted) == wanted


def hit(label: dict[str, Any], mention: Mention) -> bool:
    if (label["kind"], label["start"], label["end"]) != (mention.kind, mention.start, mention.end):
        return False
    value: Any = mention.value
    kind = label["kind"]
    if kind == "date":
        return bool(value.iso == label["iso"] and (
            "qualifier" not in label or value.qualifier == label["qualifier"]))
    if kind in ("money", "quantity"):
        same = (
            _amount_equal(label["amount"], value.amount)
            and _amount_equal(label.get("upper"), value.upper)
            and value.qualifier == label.get("qualifier")
        )
        if kind == "money":
            return same and value.currency == label["currency"]
        return same and value.unit == label["unit"]
    if kind == "role":
        return bool(value.entity == label["entity"] and value.role == label["role"])
    return bool(value.entity == label["entity"])


class Score:
    def __init__(self) -> None:
        self.gold: dict[str, int] = defaultdict(int)
        self.predicted: dict[str, int] = defaultdict(int)
        self.hits: dict[str, int] = defaultdict(int)
        self.errors: list[str] = []

    def add(self, doc: dict[str, Any], mentions: list[Mention]) -> None:
        kinds = set(doc["kinds"])
        labels = [m for m in doc["mentions"] if m["kind"] in kinds]
        predicted = [m for m in mentions if m.kind in kinds]
        used: set[int] = set()
        for mention in predicted:
            self.predicted[mention.kind] += 1
            match = next(
                (i for i, label in enumerate(labels) if i not in used and hit(label, mention)), None
            )
            if match is None:
                self.errors.append(f"{doc['file']}: extra  {mention.kind} {mention.start}-"
                                   f"{mention.end} {mention.text!r} -> {mention.value}")
            else:
                used.add(match)
                self.hits[mention.kind] += 1
        for i, label in enumerate(labels):
            self.gold[label["kind"]] += 1
            if i not in used:
                text = doc["text"][label["start"] : label["end"]]
                shown = {k: v for k, v in label.items() if k not in ("kind", "start", "end")}
                self.errors.append(f"{doc['file']}: missed {label['kind']} {label['start']}-"
                                   f"{label['end']} {text!r} {shown}")

    def rows(self, kinds: Iterable[str]) -> list[tuple[str, int, int, int, float, float]]:
        out = []
        for kind in kinds:
            gold, predicted, hits = self.gold[kind], self.predicted[kind], self.hits[kind]
            if not gold and not predicted:
                continue
            precision = hits / predicted if predicted else 1.0
            recall = hits / gold if gold else 1.0
            out.append((kind, gold, predicted, hits, precision, recall))
        return out


def print_table(title: str, rows: list[tuple[str, int, int, int, float, float]]) -> None:
    print(title)
    print(f"  {'kind':9} {'labels':>7} {'found':>7} {'hits':>6} {'precision':>10} {'recall':>8}")
    for kind, gold, predicted, hits, precision, recall in rows:
        print(f"  {kind:9} {gold:7d} {predicted:7d} {hits:6d} {precision:10.3f} {recall:8.3f}")


def evaluate(docs: list[dict[str, Any]]) -> Score:
    score = Score()
    for doc in docs:
        entities = ENTITY_SETS.get(doc.get("entities") or "", [])
        mentions = find_mentions(doc["text"], reference=doc.get("reference"), entities=entities)
        score.add(doc, mentions)
    return score


# ---------------------------------------------------------------------------- dateparser


def dateparser_score(docs: list[dict[str, Any]]) -> tuple[Score, int] | None:
    """dateparser's score with the same rule as ours, and a lenient count: its spans that
    merely overlap a date label whose value they give (at the label's precision)."""
    try:
        from dateparser.search import search_dates  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    from factbase.values import When

    score = Score()
    lenient = 0
    for doc in docs:
        if "date" not in doc["kinds"]:
            continue
        settings: dict[str, Any] = {}
        if doc.get("reference"):
            parts = [int(p) for p in doc["reference"].split("-")] + [1, 1]
            settings["RELATIVE_BASE"] = dt.datetime(parts[0], parts[1], parts[2])
        found = search_dates(doc["text"], languages=["en"], settings=settings) or []
        mentions: list[Mention] = []
        cursor = 0
        for piece, when in found:
            start = doc["text"].find(piece, cursor)
            if start < 0:
                continue
            cursor = start + len(piece)
            labels = [m for m in doc["mentions"]
                      if m["kind"] == "date" and (m["start"], m["end"]) == (start, cursor)]
            # dateparser gives a datetime: credit it at the label's own precision
            iso = when.date().isoformat()
            if labels and "/" not in labels[0]["iso"]:
                iso = iso[: len(labels[0]["iso"])]
            value = When(iso=iso, precision="day", first=when.date(), last=when.date(),
                         qualifier=labels[0].get("qualifier") if labels else None)
            mentions.append(Mention("date", start, cursor, piece, value))
            day = when.date().isoformat()
            lenient += any(
                m["kind"] == "date" and m["start"] < cursor and start < m["end"]
                and "/" not in m["iso"] and day.startswith(m["iso"])
                for m in doc["mentions"]
            )
        score.add({**doc, "kinds": ["date"]}, mentions)
    return score, lenient


# ---------------------------------------------------------------------------- speed


def best_of(runs: int, call: Callable[[], object]) -> float:
    """The least CPU time of ``runs`` calls: process time, so that other processes on a
    shared machine do not count against us."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        call()
        best = min(best, time.process_time() - started)
    return best


def speed(docs: list[dict[str, Any]], megabytes: float) -> None:
    texts = [d["text"] for d in docs]
    block = "\n\n".join(texts)
    size = len(block.encode("utf-8"))
    text = "\n\n".join([block] * max(1, round(megabytes * 1e6 / size)))
    nbytes = len(text.encode("utf-8"))
    entities = [e for group in ENTITY_SETS.values() for e in group]
    entities = list({e.id: e for e in entities}.values())
    seconds = best_of(3, lambda: find_mentions(text, reference="2020-01", entities=entities))
    tokens = re.compile(r"\w+")
    baseline = best_of(3, lambda: sum(1 for _ in tokens.finditer(text)))
    rate = nbytes / seconds / 1e6
    print(f"throughput, all kinds, {len(entities)} entities, {nbytes / 1e6:.2f} MB "
          f"(corpus repeated), one process, best of 3, CPU time:")
    print(f"  factbase find_mentions   {rate:8.2f} MB/s  {len(text) / seconds:12,.0f} chars/s")
    print(f"  regex \\w+ tokenizer      {nbytes / baseline / 1e6:8.2f} MB/s  "
          f"(baseline: factbase runs at {baseline / seconds:.2f}x its speed)")
    try:
        from dateparser.search import search_dates  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        print("  dateparser               not installed (pip install dateparser to compare)")
        return
    sample = block[:100_000]
    sample_bytes = len(sample.encode("utf-8"))
    dp = best_of(1, lambda: search_dates(sample, languages=["en"]))
    ours = best_of(3, lambda: find_mentions(sample, reference="2020-01", entities=entities))
    print(f"  dateparser search_dates  {sample_bytes / dp / 1e6:8.3f} MB/s  (dates only, on "
          f"{sample_bytes / 1e3:.0f} KB; factbase is {dp / ours:.0f}x faster with all kinds)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    parser.add_argument("--mb", type=float, default=2.0, help="text size for the speed run")
    args = parser.parse_args(argv)
    docs = load()
    labels = sum(len(d["mentions"]) for d in docs)
    print(f"corpus: {len(docs)} documents, {labels} labelled mentions, "
          f"{sum(len(d['text']) for d in docs):,} characters")
    score = evaluate(docs)
    print_table("factbase", score.rows(KINDS))
    if args.errors:
        for line in score.errors:
            print("  " + line)
    theirs = dateparser_score(docs)
    if theirs is None:
        print("dateparser: not installed, skipped (pip install dateparser to compare)")
    else:
        print_table("dateparser.search.search_dates (dates only)", theirs[0].rows(["date"]))
        print(f"  lenient: {theirs[1]} of its spans overlap a date label and give its value")
    speed(docs, args.mb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
