"""Precision, recall and speed of factbase's mention extractors on the labelled corpus.

    .venv/bin/python benchmarks/mentions_eval.py [--errors] [--mb 2] [--bbc-only]

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

The BBC set is scored and reported separately: ``benchmarks/corpus/bbc_labels.jsonl`` holds
hand labels (date, money, quantity, person) for 150 articles of the BBC News corpus, which is
read at run time from ``FACTBASE_BBC_CORPUS``, else ``<repo>/../shared/corpus/bbc``, else
``/work/shared/corpus/bbc`` (see ``benchmarks/corpus/bbc_guide.md``). Each article is read
with ``find_mentions(text, reference=<its inferred date>)`` and no declared entities. A
``person`` prediction (value with ``.name`` and ``.role``) is a hit when its offsets equal the
label's (the span of the name) and the roles, folded for case and typography, contain one
another. The table adds F1 and, for dates, false positives per 100 labelled dates; the speed
section adds the throughput of all kinds together over all 300 BBC articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from bbc_corpus import find_corpus

from factbase.mentions import KINDS, Mention, find_mentions
from factbase.model import Entity

CORPUS = Path(__file__).resolve().parent / "corpus"
REPO = Path(__file__).resolve().parent.parent
BBC_LABELS = CORPUS / "bbc_labels.jsonl"
BBC_KINDS = ["date", "money", "quantity", "person"]


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
        if path == BBC_LABELS:  # labels only: the texts live outside the project
            continue
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


def load_bbc(root: Path) -> list[dict[str, Any]]:
    """The labelled BBC articles with their texts read from ``root``. A label whose text no
    longer sits at its offsets means the corpus changed: that stops the run."""
    docs = []
    for line in BBC_LABELS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        doc["text"] = (root / doc["file"]).read_text(encoding="utf-8")
        for label in doc["mentions"]:
            if doc["text"][label["start"] : label["end"]] != label["text"]:
                raise SystemExit(f"{root / doc['file']}: label {label['text']!r} is not at "
                                 f"{label['start']}-{label['end']}; the corpus has changed")
        docs.append(doc)
    return docs


# ---------------------------------------------------------------------------- scoring


def _amount_equal(label: str | None, value: Decimal | Fraction | None) -> bool:
    if label is None or value is None:
        return label is None and value is None
    wanted = Decimal(label)
    if value == wanted:
        return True
    exponent = wanted.as_tuple().exponent
    if isinstance(value, Fraction):  # an exact fraction (1/3) against its rounded label (0.3333)
        value = Decimal(value.numerator) / Decimal(value.denominator)
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
    if kind == "person":
        return _roles_match(label["role"], getattr(value, "role", None))
    return bool(value.entity == label["entity"])


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                             "-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ",
                             "\u2014": " ", "\u00a0": " "})


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return " ".join(folded.split())


def _roles_match(label: str, predicted: object) -> bool:
    """Roles match when, folded for case and typography, either contains the other."""
    if not isinstance(predicted, str) or not predicted.strip():
        return False
    wanted, found = _fold(label), _fold(predicted)
    return wanted in found or found in wanted


def _shown(mention: Mention) -> str:
    kind: str = mention.kind  # "person" is not a kind of the current extractor yet
    if kind == "person":
        value = mention.value
        return f"{getattr(value, 'name', None)!r} as {getattr(value, 'role', None)!r}"
    return str(mention.value)


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
                                   f"{mention.end} {mention.text!r} -> {_shown(mention)}")
            else:
                used.add(match)
                self.hits[mention.kind] += 1
        for i, label in enumerate(labels):
            self.gold[label["kind"]] += 1
            if i not in used:
                text = doc["text"][label["start"] : label["end"]]
                shown = {k: v for k, v in label.items()
                         if k not in ("kind", "start", "end", "text")}
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


def print_bbc_table(score: Score) -> None:
    print(f"  {'kind':9} {'labels':>7} {'found':>7} {'hits':>6} {'precision':>10} {'recall':>8}"
          f" {'F1':>6} {'FP/100':>7}")
    for kind in BBC_KINDS:
        gold, predicted, hits = score.gold[kind], score.predicted[kind], score.hits[kind]
        precision = hits / predicted if predicted else 1.0
        recall = hits / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        extra = (f"{100 * (predicted - hits) / gold:7.1f}" if kind == "date" and gold
                 else f"{'':7}")
        print(f"  {kind:9} {gold:7d} {predicted:7d} {hits:6d} {precision:10.3f} {recall:8.3f}"
              f" {f1:6.3f} {extra}")
    print("  (FP/100: date predictions that hit no label, per 100 labelled dates)")


def evaluate_bbc(docs: list[dict[str, Any]]) -> Score:
    score = Score()
    for doc in docs:
        score.add(doc, find_mentions(doc["text"], reference=doc["reference"]))
    return score


def bbc_speed(root: Path, docs: list[dict[str, Any]]) -> None:
    """All kinds together over every article of the BBC corpus, one call per article, with
    its labelled reference (2005 for the unlabelled ones) and no entities."""
    references = {doc["file"]: doc["reference"] for doc in docs}
    articles = [(path.read_text(encoding="utf-8"), references.get(path.name, "2005"))
                for path in sorted(root.glob("*.txt"))]
    nbytes = sum(len(text.encode("utf-8")) for text, _ in articles)

    def run() -> None:
        for text, reference in articles:
            find_mentions(text, reference=reference)

    seconds = best_of(3, run)
    print(f"  factbase, BBC corpus     {nbytes / seconds / 1e6:8.2f} MB/s  "
          f"({len(articles)} articles, {nbytes / 1e6:.2f} MB, one call per article, "
          f"no entities, best of 3, CPU time)")


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


def speed(docs: list[dict[str, Any]], megabytes: float,
          bbc: tuple[Path, list[dict[str, Any]]] | None = None) -> None:
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
    if bbc is not None:
        bbc_speed(*bbc)
    else:
        print("  factbase, BBC corpus     not measured (corpus not found)")
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


def run_bbc(root: Path | None, errors: bool) -> tuple[Path, list[dict[str, Any]]] | None:
    if root is None:
        print("BBC set: corpus NOT FOUND (set FACTBASE_BBC_CORPUS, or put it at "
              f"{REPO.parent / 'shared' / 'corpus' / 'bbc'} or /work/shared/corpus/bbc); "
              "skipped")
        return None
    docs = load_bbc(root)
    labels = sum(len(d["mentions"]) for d in docs)
    print(f"BBC set ({root}): {len(docs)} articles, {labels} labelled mentions, "
          f"{sum(len(d['text']) for d in docs):,} characters; reported separately")
    score = evaluate_bbc(docs)
    print_bbc_table(score)
    if errors:
        for line in score.errors:
            print("  " + line)
    return root, docs


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true",
                        help="list every miss and extra (of the BBC set too)")
    parser.add_argument("--mb", type=float, default=2.0, help="text size for the speed run")
    parser.add_argument("--bbc-only", action="store_true",
                        help="score and time only the BBC set")
    args = parser.parse_args(argv)
    if args.bbc_only:
        bbc = run_bbc(find_corpus(), args.errors)
        if bbc is None:
            return 2
        print("throughput:")
        bbc_speed(*bbc)
        return 0
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
    bbc = run_bbc(find_corpus(), args.errors)
    speed(docs, args.mb, bbc)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
