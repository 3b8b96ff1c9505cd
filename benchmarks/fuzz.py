"""Fuzz the loader, the anchor, the mention extractors (issue I) and the text layers of real
documents (issue 15).

Each target gets ``--count`` generated inputs (default 100,000) and reports:

- crashes: any exception other than the documented ones (``FactsError`` from the loader,
  ``AnchorError`` from the anchor);
- hangs: an input that takes more than ``--slow`` seconds (default 1 s); a watchdog dumps the
  stack and stops the run when one input takes more than ``--watchdog`` seconds;
- invariant breaks:
  loader   -- every problem has a registered code and a file; a loaded file also checks
              (``factbase.check``) without crashing, and nothing of a file outside the project
              (a marker planted next to it) ever appears in a problem or a report;
  anchor   -- offsets slice into the text; a quote taken from the text anchors by offsets or
              exactly and slices back to itself; every location of an ambiguous quote does too;
              a fuzzy anchor scores at least the threshold;
  mentions -- offsets slice to ``mention.text``; mentions are sorted and do not overlap; every
              value serializes (``to_dict``, ``str``).
  documents -- a web page, PDF or web snapshot (mutated, cut short, nested deep, tag soup, a
              decompression bomb) gives a text layer or ``LayerError``, nothing else; a layer's
              text hashes to its ``sha256``, its pages start in order inside the text, its
              boilerplate regions lie inside the text in order, and anchoring and mentions run
              on it.

Engines: ``hypothesis`` (default; strategies aimed at each target's tricky inputs, failures
recorded rather than shrunk so the run goes on) and ``atheris`` (coverage-guided libFuzzer, when
``pip install atheris`` works; not a dependency). Targets run in parallel processes (``--jobs``).

Run:  .venv/bin/python benchmarks/fuzz.py [--count 100000] [--targets loader,anchor,mentions,documents]
      [--engine hypothesis|atheris|both] [--jobs 2] [--seed 0]
Exit status: 0 clean, 1 findings.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGETS = ("loader", "anchor", "mentions", "documents")
SECRET = "OUTSIDE-SECRET-7f3a"  # planted in a file next to the fuzzed project


class Broken(AssertionError):
    """An invariant does not hold."""


@dataclass
class Finding:
    target: str
    kind: str  # crash | hang | invariant
    signature: str
    detail: str
    example: str
    count: int = 1


@dataclass
class Result:
    target: str
    engine: str
    inputs: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


# ---------------------------------------------------------------------------- the targets


class LoaderTarget:
    """Writes the input to facts.yaml in a scratch project and loads (and checks) it."""

    def __init__(self, scratch: Path | None = None) -> None:
        # In memory where there is a tmpfs: the input is rewritten for each run.
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        self.base = Path(tempfile.mkdtemp(prefix="factbase-fuzz-", dir=scratch or shm))
        self.root = self.base / "project"
        (self.root / "sources").mkdir(parents=True)
        (self.root / "sources" / "a.txt").write_text(
            "On Dec. 24, 2019, Moon and Abe met in Chengdu. Japan paid $9 million, about "
            "fivefold more than the 284 Japanese companies expected.\n", encoding="utf-8")
        (self.root / "sources" / "b.txt").write_text("Nothing to see here.\r\nLine two.", encoding="utf-8")
        (self.root / "more.yaml").write_text("claims: []\n", encoding="utf-8")
        (self.base / "secret.txt").write_text(SECRET, encoding="utf-8")
        (self.base / "secret.yaml").write_text(f"title: {SECRET}\n", encoding="utf-8")
        link = self.root / "sources" / "link.txt"
        if not link.exists():
            os.symlink(self.base / "secret.txt", link)
        self.path = self.root / "facts.yaml"

    def close(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def __call__(self, data: bytes) -> str:
        from factbase import FactsError, check, load
        from factbase.problems import REGISTRY

        self.path.write_bytes(data)
        try:
            facts = load(self.path)
        except FactsError as exc:
            if not exc.problems:
                raise Broken("FactsError without problems") from None
            for p in exc.problems:
                if p.code not in REGISTRY:
                    raise Broken(f"unregistered code {p.code!r}") from None
                if not p.location.file:
                    raise Broken(f"{p.code} without a file") from None
                if SECRET in p.message:
                    raise Broken(f"{p.code} shows an outside file") from None
            return "rejected"
        report = check(facts)
        for p in report.problems:
            if p.code not in REGISTRY:
                raise Broken(f"unregistered code {p.code!r}")
            if SECRET in p.message:
                raise Broken(f"{p.code} shows an outside file")
        for s in report.sources:
            if s.text is not None and SECRET in s.text:
                raise Broken(f"source {s.id} read a file outside the project")
        if SECRET in (facts.title or ""):
            raise Broken("an included file outside the project was read")
        return "loaded"


def anchor_target(case: tuple[str, str, str | None, str | None, int | None, int | None, bool]) -> str:
    from factbase.anchor import DEFAULT_THRESHOLD, AnchorError, anchor

    text, quote, prefix, suffix, start, end, from_text = case
    try:
        a = anchor(text, quote, prefix=prefix, suffix=suffix, start=start, end=end)
    except AnchorError:
        if from_text and quote.strip():
            raise Broken("a quote taken from the text was not found") from None
        return "not-found"
    if not 0 <= a.start <= a.end <= len(text):
        raise Broken(f"offsets {a.start}:{a.end} outside a text of {len(text)}")
    for lo, hi in a.locations:
        if not 0 <= lo <= hi <= len(text):
            raise Broken(f"location {lo}:{hi} outside a text of {len(text)}")
        if a.method in ("exact", "offsets") and text[lo:hi] != quote:
            raise Broken(f"ambiguous {a.method} location {lo}:{hi} does not slice to the quote")
    if a.method in ("exact", "offsets") and text[a.start:a.end] != quote:
        raise Broken(f"{a.method} anchor {a.start}:{a.end} does not slice to the quote")
    if from_text and a.method not in ("exact", "offsets"):
        raise Broken(f"a quote taken from the text anchored {a.method}")
    if a.method == "fuzzy" and a.score < DEFAULT_THRESHOLD:
        raise Broken(f"fuzzy anchor below the threshold ({a.score})")
    return a.method


def mentions_target(case: tuple[str, str | None, list[Any]]) -> str:
    from factbase.mentions import KINDS, find_mentions

    text, reference, entities = case
    found = find_mentions(text, reference=reference, entities=entities or None)
    last_end = 0
    previous: tuple[int, int] | None = None
    for m in found:
        if not 0 <= m.start < m.end <= len(text):
            raise Broken(f"{m.kind} offsets {m.start}:{m.end} outside a text of {len(text)}")
        if text[m.start:m.end] != m.text:
            raise Broken(f"{m.kind} {m.start}:{m.end} does not slice to its text")
        if m.kind not in KINDS:
            raise Broken(f"unknown kind {m.kind!r}")
        if previous is not None and (m.start, m.end) < previous:
            raise Broken("mentions are not sorted")
        if m.start < last_end:
            raise Broken(f"{m.kind} {m.start}:{m.end} overlaps the mention before it")
        previous, last_end = (m.start, m.end), m.end
        json.dumps(m.value.to_dict(), default=str)
        str(m.value)
    return "found" if found else "none"


def documents_target(case: tuple[str, bytes]) -> str:
    from factbase.anchor import AnchorError, anchor
    from factbase.mentions import find_mentions
    from factbase.sources.errors import LayerError
    from factbase.sources.layer import extract, text_sha256

    fmt, data = case
    try:
        text, layer = extract(fmt, data)
    except LayerError as exc:
        if not str(exc):
            raise Broken("LayerError without a reason") from None
        return "refused"
    if layer.sha256 != text_sha256(text):
        raise Broken("the layer's sha256 is not its text's")
    if layer.pages and (layer.pages[0] != 0 or layer.pages != sorted(set(layer.pages))
                        or layer.pages[-1] > len(text)):
        raise Broken(f"page starts {layer.pages[:5]} out of order or outside the text")
    last = 0
    for start, end, _ in layer.regions:
        if not last <= start < end <= len(text):
            raise Broken(f"region {start}:{end} out of order or outside a text of {len(text)}")
        last = end
    if text:
        piece = text[len(text) // 3: len(text) // 3 + 40]
        if piece.strip():
            try:
                found = anchor(text, piece)
            except AnchorError:
                raise Broken("a slice of the text layer does not anchor") from None
            if text[found.start:found.end] != piece and found.method == "exact":
                raise Broken("an exact anchor does not slice to its quote")
        for m in find_mentions(text[:20_000], reference="2020-01"):
            if text[m.start:m.end] != m.text:
                raise Broken(f"{m.kind} mention {m.start}:{m.end} does not slice to its text")
    return f"{fmt}-read"


# ---------------------------------------------------------------------------- inputs

# Characters that change under NFKC, case folding or factbase's folding, change length when
# lower-cased, combine, or are otherwise known to trip text code.
TRICKY = (
    "\u00a0\u2009\u202f\u3000\t\n\r\u2028\u0085\u201c\u201d\u2018\u2019\u2013\u2014\u2212"
    "\u2026\ufb01\u00c5\u030a\u0301\u0130\u0307\u00df\u1e9e\u00b2\u2460\uff46\uff11\u0663"
    "\u200b\u200d\ufeff\u202e\u2066\U0001f600\U0001f1ef\U0001f1f5\u01c5\u1100\u1161\u0340"
    "\u0958\u2126\u212b\u3392\u33a1\u00bd\u215f\u0000\x7f\ufdfa\u0345\u0390\ufb03"
)
SIMPLE = "abcdefghij ABC.,;:!?'\"-()0123456789$%\n"
WORDS = [
    "Dec.", "December", "24,", "2019", "2019,", "in", "the", "last", "month", "this", "past",
    "August", "spring", "early", "mid-2018", "late", "1990s", "'90s", "$", "$9", "9", "million",
    "billion", "trillion", "€", "¥", "₩", "USD", "KRW", "1,000", "1.5", "0.5", "-3", "50-odd",
    "fivefold", "five-year", "284", "percent", "%", "companies", "times", "about", "more",
    "than", "at", "least", "nearly", "a", "dozen", "hundred", "thousand", "Abe", "Moon",
    "Jae-in", "Prime", "Minister", "Japan's", "U.S.", "(", ")", "-", "–", "—", "/", ",", ".",
    "year", "years", "ago", "next", "week", "yesterday", "Q3", "first", "half", "of", "2020s",
    "9999", "0001", "10000", "99999999999999999999", "1e9", "1,,000", "$.", "$,", "12:30",
    "31", "Feb.", "29,", "1900", "2100", "1st", "22nd", "fortnight", "decade", "century",
    "21st", "BC", "AD", "between", "and", "from", "to", "until", "since", "before", "after",
    "1" * 400, "$" + "9" * 60, "٢٠١٩", "²", "½", "IX", "mid-", "-odd", "twenty-five", "¼",
]
REFERENCES = [None, "2020-01", "2019-12-24", "2020", "0001", "0001-01", "0001-01-01", "9999", "9999-12",
              "9999-12-31", "2020-02-29", "1970-01-01"]
ANCHOR_MODES = ("slice", "slice", "slice-offsets", "edited", "folded", "random")
BYTE_TOKENS = [b":", b"-", b" ", b"\n", b"\t", b"&a ", b"*a", b"!!", b"[", b"{", b"'", b'"', b"#", b"? ",
               b"<<: ", b"\xef\xbb\xbf", b"\r", b"\xff", b"\x00", b"%YAML 1.1\n", b"---\n", b"...\n",
               b"|", b">-", b"- ", b"*", b"&", b"!", b"@", b"`", b"\xc3", b"\xe2\x80\xae", b"\\"]


def _words(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        out.append(rng.choice(WORDS) if r < 0.8 else rng.choice(TRICKY) if r < 0.95 else chr(rng.randrange(0x20, 0x3000)))
    return rng.choice([" ", " ", "", "\n", ", "]).join(out)


def _anchor_case(text: str, mode: str, rng: random.Random) -> tuple[str, str, str | None, str | None, int | None,
                                                                    int | None, bool]:
    n = len(text)
    from_text = False
    start: int | None = None
    end: int | None = None
    if n and mode != "random":
        i = rng.randrange(n)
        j = rng.randint(i + 1, min(n, i + 120))
        quote = text[i:j]
        if mode.startswith("slice"):
            from_text = True
            if mode == "slice-offsets":
                start, end = i, j
        elif mode == "folded":
            quote = " ".join(quote.replace("\u201c", '"').replace("\u2019", "'").split()).upper()
        else:
            for _ in range(rng.randint(1, 4)):
                k = rng.randint(0, len(quote))
                quote = quote[:k] + rng.choice(TRICKY + SIMPLE) + quote[k + rng.randint(0, 1):]
    else:
        quote = _words(rng, rng.randint(0, 8))
    if not from_text and rng.random() < 0.5:
        start = rng.randint(-5, n + 5)
        end = rng.choice([None, rng.randint(-5, n + 5)])
    at = start if start is not None and start > 0 else 0
    prefix = rng.choice([None, None, text[max(0, at - 8):at], _words(rng, 2)])
    suffix = rng.choice([None, None, _words(rng, 1)])
    return (text, quote, prefix, suffix, start, end, from_text)


def _vary_anchor(case: Any, rng: random.Random) -> Any:
    return _anchor_case(case[0], rng.choice(ANCHOR_MODES), rng)


def _vary_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        k = rng.randint(0, len(text))
        piece = _words(rng, rng.randint(1, 3))
        text = text[:k] + piece + text[k + rng.choice([0, 0, 1, 3]):]
    return text


def _vary_mentions(case: Any, rng: random.Random) -> Any:
    text, reference, entities = case
    return (_vary_text(text, rng), rng.choice([reference, *REFERENCES]), entities)


def _vary_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        k = rng.randint(0, len(out))
        op = rng.random()
        if op < 0.45:
            out[k:k] = rng.choice(BYTE_TOKENS)
        elif op < 0.65:
            del out[k:k + rng.randint(1, 8)]
        elif op < 0.85 and k < len(out):
            out[k] = rng.randrange(256)
        else:
            j = rng.randint(0, len(out))
            out[k:k] = out[min(j, k):max(j, k)][:64]
    return bytes(out)


LOADER_WORDS = ["factbase", "sources", "entities", "claims", "citations", "include", "ignore", "id", "path",
                "quote", "prefix", "suffix", "start", "end", "value", "type", "date", "money", "quantity",
                "person", "entity", "amount", "currency", "unit", "qualifier", "published", "sha256", "name",
                "kind", "aliases", "roles", "title", "statement", "subject", "predicate", "tags", "note",
                "sources/a.txt", "../secret.txt", "sources/link.txt", "USD", "2019-12-24", "$9 million"]
LOADER_SEEDS = [
    b"factbase: 1\nsources: [{id: a, path: sources/a.txt, published: 2020-01}]\nclaims: [{id: c, "
    b"statement: s, value: $9 million, citations: [{source: a, quote: paid $9 million}]}]\n",
    b"factbase: 1\nsources:\n  - id: a\n    path: sources/a.txt\nentities:\n  - id: abe\n    name: Abe\n"
    b"    kind: person\nclaims:\n  - id: c\n    statement: s\n    value: {type: date, date: 2019-12-24}\n"
    b"    citations:\n      - source: a\n        quote: Dec. 24, 2019\n        start: 3\n        end: 16\n",
    b"factbase: 1\ninclude: [more.yaml]\nsources: [{id: b, path: ../secret.txt}]\n",
]

def _document_seeds() -> list[tuple[str, bytes]]:
    """Real documents of each format, made here (fpdf2, warcio), to be mutated."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from source_files import PAGE, make_pdf, make_scan, make_warc

    pdf = make_pdf([["The fund of $9 mil-", "lion was set up", "in Decem-"], ["ber 2019."]])
    return [
        ("html", PAGE.encode()),
        ("html", PAGE.encode("cp1252", "replace").replace(b"utf-8", b"windows-1252")),
        ("pdf", pdf),
        ("pdf", make_scan()),
        ("warc", make_warc("https://x.test/a", PAGE.encode())),
        ("warc", make_warc("https://x.test/a", PAGE.encode(), gzip=False)),
        ("warc", make_warc("https://x.test/r.pdf", pdf, "application/pdf")),
    ]


HTML_TOKENS = ["<p>", "</p>", "<div>", "</div>", "<nav>", "</nav>", "<aside>", "<footer>", "<header>",
               "<article>", "<main>", "<pre>", "</pre>", "<br>", "<table>", "<tr>", "<td>", "</table>",
               "<script>", "</script>", "<style>", "<!--", "-->", "<template>", "<noscript>", "&nbsp;",
               "&shy;", "&#xFDD1;", "&#65533;", "&amp", "<meta charset=utf-8>", "<meta charset=x>",
               "<b>", "</i>", "<p hidden>", "<span style='display:none'>", "<div role=navigation>",
               "\ufdd0", "\ufdd2", "$9 million", "Dec. 24, 2019", "<", ">", "\x00", "<svg>", "<math>"]


def _vary_document(case: Any, rng: random.Random) -> Any:
    fmt, data = case
    op = rng.random()
    if op < 0.15 and data:
        return (fmt, data[:rng.randint(0, len(data))])              # cut short
    if op < 0.3 and fmt == "html":
        soup = "".join(rng.choice(HTML_TOKENS) for _ in range(rng.randint(1, 200)))
        return (fmt, soup.encode("utf-8", "surrogatepass"))
    if op < 0.35 and fmt == "html":
        depth = rng.choice([10, 1000, 5000, 20000])
        return (fmt, (rng.choice(["<div>", "<b>", "<table>", "<font><p>", "<nav>"]) * depth).encode())
    if op < 0.4 and fmt == "warc":
        import gzip
        return (fmt, gzip.compress(b"WARC/1.0\r\n" + b"\0" * rng.choice([1 << 10, 1 << 20, 1 << 24]), 9))
    return (fmt, _vary_bytes(data, rng))


VARY: dict[str, Callable[[Any, random.Random], Any]] = {
    "loader": _vary_bytes, "anchor": _vary_anchor, "mentions": _vary_mentions,
    "documents": _vary_document,
}


def _build_strategies() -> dict[str, Any]:
    from hypothesis import strategies as st

    seeds = st.integers(0, 2**32 - 1)
    char = st.one_of(st.sampled_from(SIMPLE + TRICKY), st.characters(codec="utf-8"))
    text = st.one_of(
        st.text(char, max_size=300),
        st.builds(lambda seed, n: _words(random.Random(seed), n), seeds, st.integers(0, 60)),
    )
    anchor_case = st.builds(lambda t, mode, seed: _anchor_case(t, mode, random.Random(seed)),
                            text, st.sampled_from(ANCHOR_MODES), seeds)
    reference = st.one_of(st.sampled_from(REFERENCES),
                          st.builds(lambda d, n: d.isoformat()[:n], st.dates(), st.sampled_from([4, 7, 10])))
    name = st.one_of(st.sampled_from(WORDS), st.text(char, min_size=1, max_size=12))
    entity = st.builds(
        _entity, st.integers(0, 9), name, st.lists(name, max_size=3),
        st.sampled_from(["person", "organization", "place", "agreement", "event", "other"]),
        st.lists(st.tuples(name, st.lists(name, max_size=2)), max_size=2),
    )
    mentions_case = st.tuples(text, reference, st.lists(entity, max_size=3))
    documents_case = st.builds(lambda seed, n: _vary_document(random.Random(n).choice(DOCUMENT_SEEDS),
                                                              random.Random(seed)),
                               seeds, st.integers(0, 1000))
    return {"anchor": anchor_case, "mentions": mentions_case, "loader": _loader_strategy(st, text, reference),
            "documents": documents_case}


def _entity(i: int, name: str, aliases: list[str], kind: str, roles: list[tuple[str, list[str]]]) -> Any:
    from factbase.model import Entity, Role

    return Entity(id=f"e{i}", name=name, kind=kind, aliases=aliases,  # type: ignore[arg-type]
                  roles=[Role(title=t, aliases=a) for t, a in roles])


def _loader_strategy(st: Any, text: Any, reference: Any) -> Any:
    import yaml

    scalar = st.one_of(
        st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
        st.sampled_from(["yes", "no", "0777", "0x1F", "1e3", ".inf", "~", "2019-12-24", "12:30:00",
                         "null", "", " ", "-", "<<", "=", "!!str", "&a", "*a", "$9 million",
                         "Dec. 24, 2019", "about 50", "fivefold", "2019", "2019-02-31", "2019-13",
                         "0000", "٢٠١٩", "0001-01-01"]),
        text,
    )
    path_like = st.sampled_from([
        "sources/a.txt", "sources/b.txt", "sources/missing.txt", "../secret.txt", "/etc/passwd",
        "sources/../../secret.txt", "sources/link.txt", "sources", ".", "", "~/x", "sources/*",
        "sources/a.txt/..", "sources//a.txt", "sources/a.txt\x00", "C:\\x", "../secret.yaml",
        "*.yaml", "**/*.yaml", "more.yaml", "facts.yaml", "/dev/zero", "/proc/self/environ",
        "../*.yaml", "sources/../../*.txt", "%2e%2e/secret.txt", "sources/\u202ea.txt",
    ])
    slug = st.sampled_from(["a", "b", "e1", "c1", "c2", "x-y", "A", "", "a b"])
    value = st.one_of(
        scalar,
        st.fixed_dictionaries({"type": st.just("date")}, optional={
            "date": st.one_of(reference, scalar), "from": reference, "to": reference,
            "qualifier": st.sampled_from(["early", "mid", "late", "circa", "before", "after", "x"])}),
        st.fixed_dictionaries({"type": st.just("money"), "amount": st.one_of(st.integers(), st.floats(), scalar),
                               "currency": st.sampled_from(["USD", "KRW", "usd", "XXX", ""])},
                              optional={"qualifier": st.sampled_from(["about", "at-least", "more-than"])}),
        st.fixed_dictionaries({"type": st.just("quantity"), "amount": st.one_of(st.integers(), st.floats(), scalar)},
                              optional={"unit": scalar, "qualifier": st.sampled_from(["about", "at-most"])}),
        st.fixed_dictionaries({"type": st.sampled_from(["person", "entity"]), "entity": slug},
                              optional={"role": scalar}),
        st.fixed_dictionaries({"type": st.sampled_from(["quote", "nope"])}),
    )
    citation = st.fixed_dictionaries(
        {"source": slug, "quote": st.one_of(text, st.sampled_from(["Moon and Abe met", "$9 million", "Line two."]))},
        optional={"prefix": text, "suffix": text, "start": st.integers(-3, 200), "end": st.integers(-3, 200)})
    claim = st.fixed_dictionaries(
        {"id": slug, "statement": st.one_of(text, st.just("x")), "value": value,
         "citations": st.lists(citation, max_size=2)},
        optional={"subject": slug, "predicate": st.sampled_from(["p", "q"]), "tags": st.lists(scalar, max_size=2),
                  "note": text, "ignore": st.lists(st.fixed_dictionaries({"code": scalar, "reason": scalar}), max_size=1)})
    source = st.fixed_dictionaries(
        {"id": slug, "path": path_like},
        optional={"published": st.one_of(reference, scalar), "sha256": st.one_of(st.just("0" * 64), scalar),
                  "title": text, "url": scalar, "currency": st.sampled_from(["USD", "EUR", "x"])})
    entity = st.fixed_dictionaries(
        {"id": slug, "name": st.one_of(st.sampled_from(WORDS), text), "kind": st.sampled_from(["person", "place", "x"])},
        optional={"aliases": st.lists(st.one_of(st.sampled_from(WORDS), text), max_size=3),
                  "roles": st.lists(st.fixed_dictionaries({"title": st.sampled_from(WORDS)}), max_size=2)})
    ignore = st.fixed_dictionaries({"source": slug, "reason": st.just("r")},
                                   optional={"quote": text, "start": st.integers(-1, 50), "end": st.integers(-1, 50)})
    document = st.fixed_dictionaries(
        {"factbase": st.one_of(st.just(1), st.just(1), scalar)},
        optional={"title": text, "include": st.lists(path_like, max_size=2), "sources": st.lists(source, max_size=3),
                  "entities": st.lists(entity, max_size=2), "claims": st.lists(claim, max_size=3),
                  "ignore": st.lists(ignore, max_size=2), "extra": scalar})

    def dump(doc: dict[str, Any], flow: bool | None, width: int) -> bytes:
        return yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, width=width).encode("utf-8")

    structured = st.builds(dump, document, st.sampled_from([None, False, True]), st.integers(20, 200))
    adversarial = st.builds(_adversarial, st.sampled_from(ADVERSARIAL), st.integers(1, 200),
                              st.integers(0, 2**32 - 1))
    raw = st.one_of(st.binary(max_size=300), text.map(lambda t: t.encode("utf-8", "surrogatepass")))
    return st.one_of(structured, structured, structured, adversarial, raw)


DOCUMENT_SEEDS: list[tuple[str, bytes]] = []

ADVERSARIAL = ("bomb", "deep-seq", "deep-map", "deep-flow", "merge", "tags", "anchors", "multi", "long-line",
               "bom-crlf", "key-bomb", "wide")


def _adversarial(kind: str, n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    if kind == "bomb":
        width, depth = rng.randint(2, 12), rng.randint(2, 12)
        lines = ["factbase: 1", "a0: &a0 [x, x]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth)]
        return ("\n".join(lines) + "\n").encode()
    if kind == "key-bomb":
        lines = ["factbase: 1", "a0: &a0 {x: 1, y: 2}"]
        lines += [f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(rng.randint(2, 9))) + "}"
                  for i in range(1, rng.randint(2, 12))]
        return ("\n".join(lines) + "\n").encode()
    if kind == "deep-seq":
        return ("factbase: 1\ntitle:\n" + "".join(" " * (i + 1) + "-\n" for i in range(n)) + "\n").encode()
    if kind == "deep-map":
        return ("factbase: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(n))).encode()
    if kind == "deep-flow":
        return ("factbase: 1\ntitle: " + "[" * n * rng.randint(1, 50) + "]" * rng.randint(0, n * 10) + "\n").encode()
    if kind == "merge":
        return b"factbase: 1\nbase: &b {id: a, path: sources/a.txt}\nsources:\n  - <<: *b\n    id: b\n"
    if kind == "tags":
        tag = rng.choice(["!!python/object/apply:os.system", "!!binary", "!!set", "!!omap", "!!timestamp",
                          "!custom", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!<tag:x>"])
        return f"factbase: 1\ntitle: {tag} x\nsources: {tag} []\n".encode()
    if kind == "anchors":
        return ("factbase: 1\n" + "".join(f"k{i}: &x{i} *x{max(0, i - 1)}\n" for i in range(min(n, 50)))).encode()
    if kind == "multi":
        return b"factbase: 1\n---\nfactbase: 1\n"
    if kind == "long-line":
        return b"factbase: 1\ntitle: " + b"x" * (n * 1000) + b"\n"
    if kind == "wide":
        return ("factbase: 1\nclaims: [" + ", ".join("{}" for _ in range(n * 20)) + "]\n").encode()
    return b"\xef\xbb\xbffactbase: 1\r\ntitle:\t\"x\"\r\nsources: []\r\n"


# ---------------------------------------------------------------------------- engines


class Recorder:
    def __init__(self, target: str, engine: str, slow: float, watchdog: float):
        self.result = Result(target, engine)
        self.slow = slow
        self.watchdog = watchdog
        self._by_signature: dict[str, Finding] = {}

    def run(self, function: Callable[[Any], str], case: Any) -> None:
        # Re-arming the watchdog costs a thread join, so it is armed once per batch of inputs:
        # a batch of normal inputs takes far less than the watchdog's time, a hung input more.
        if self.result.inputs % 64 == 0:
            faulthandler.dump_traceback_later(self.watchdog, exit=True)
        began = time.perf_counter()
        try:
            outcome = function(case)
        except Broken as exc:
            self._found("invariant", f"{exc}", traceback.format_exc(limit=3), case)
            outcome = "broken"
        except Exception as exc:  # everything else is a crash
            tb = traceback.extract_tb(exc.__traceback__)
            where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb)
                          if "factbase" in f.filename), "?")
            self._found("crash", f"{type(exc).__name__} at {where}", traceback.format_exc(), case)
            outcome = "crash"
        took = time.perf_counter() - began
        self.result.slowest = max(self.result.slowest, took)
        if took > self.slow:
            self._found("hang", f"took more than {self.slow:g} s", f"{took:.2f} s", case)
        self.result.inputs += 1
        self.result.outcomes[outcome] = self.result.outcomes.get(outcome, 0) + 1

    def stop(self) -> None:
        faulthandler.cancel_dump_traceback_later()

    def _found(self, kind: str, signature: str, detail: str, case: Any) -> None:
        key = f"{kind}: {signature}"
        if key in self._by_signature:
            self._by_signature[key].count += 1
            return
        finding = Finding(self.result.target, kind, signature, detail, _show(case))
        self._by_signature[key] = finding
        self.result.findings.append(finding)


def _show(case: Any) -> str:
    text = repr(case)
    return text if len(text) <= 2000 else text[:2000] + f"... ({len(text)} characters)"


def _function(target: str, scratch: Path | None = None) -> tuple[Callable[[Any], str], Callable[[], None]]:
    """The target's function, warmed up so that import time is not taken for a hang."""
    if target == "loader":
        loader = LoaderTarget(scratch)
        loader(b"factbase: 1\nsources: [{id: a, path: sources/a.txt}]\nclaims: [{id: c, statement: s, "
               b"value: $9 million, citations: [{source: a, quote: paid $9 million}]}]\n")
        return loader, loader.close
    if target == "anchor":
        anchor_target(("some text here", "text", None, None, None, None, True))
        return anchor_target, lambda: None
    if target == "documents":
        DOCUMENT_SEEDS[:] = _document_seeds()
        for seed_case in DOCUMENT_SEEDS:
            documents_target(seed_case)
        return documents_target, lambda: None
    mentions_target(("On Dec. 24, 2019, $9 million", "2020-01", []))
    return mentions_target, lambda: None


def run_hypothesis(target: str, count: int, seed: int, slow: float, watchdog: float, variants: int) -> Result:
    """``count`` inputs: each case hypothesis generates runs as is and as ``variants - 1`` cheap
    mutations of it (hypothesis spends about a millisecond per example on its own)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    strategy = _build_strategies()[target]
    recorder = Recorder(target, "hypothesis", slow, watchdog)
    function, close = _function(target)
    vary = VARY[target]
    began = time.perf_counter()

    @hypothesis_seed(seed)
    @settings(max_examples=-(-count // variants), deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy, st_seeds())
    def drive(case: Any, mutation_seed: int) -> None:
        rng = random.Random(mutation_seed)
        recorder.run(function, case)
        for _ in range(variants - 1):
            if recorder.result.inputs >= count:
                return
            recorder.run(function, vary(case, rng))

    try:
        drive()
    finally:
        recorder.stop()
        close()
    recorder.result.seconds = time.perf_counter() - began
    return recorder.result


def st_seeds() -> Any:
    from hypothesis import strategies as st

    return st.integers(0, 2**32 - 1)


def run_atheris(target: str, count: int, seed: int, slow: float, watchdog: float) -> Result:
    """libFuzzer over bytes; runs in a child process because atheris.Fuzz() exits."""
    import subprocess

    out = Path(tempfile.mkdtemp(prefix="factbase-atheris-")) / "result.json"
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--atheris-child", target, "--count", str(count), "--seed", str(seed),
         "--slow", str(slow), "--watchdog", str(watchdog), "--result", str(out)],
        capture_output=True, text=True, check=False,
    )
    if out.exists():
        saved = json.loads(out.read_text())
        result = Result(**{k: v for k, v in saved.items() if k != "findings"})
        result.findings = [Finding(**f) for f in saved["findings"]]
        if proc.returncode != 0 and not result.findings:
            result.findings.append(Finding(target, "crash", f"atheris exited {proc.returncode}",
                                           (proc.stderr or proc.stdout)[-3000:], ""))
    else:
        result = Result(target, "atheris")
        result.findings.append(Finding(target, "crash", f"atheris exited {proc.returncode}",
                                       (proc.stderr or proc.stdout)[-3000:], ""))
    result.seconds = time.perf_counter() - began
    shutil.rmtree(out.parent, ignore_errors=True)
    return result


def _atheris_child(target: str, count: int, seed: int, slow: float, watchdog: float, result_path: Path) -> None:
    import importlib
    import pkgutil

    import atheris

    # Coverage feedback for factbase's own modules only (instrumenting everything loaded,
    # pydantic and hypothesis included, costs a minute at start).
    with atheris.instrument_imports(include=["factbase"]):
        import factbase

        for module in pkgutil.walk_packages(factbase.__path__, "factbase."):
            if not module.name.startswith(("factbase.datasette", "factbase.report", "factbase.cli")):
                with contextlib.suppress(Exception):  # a module mid-edit elsewhere is not our finding
                    importlib.import_module(module.name)
    recorder = Recorder(target, "atheris", slow, watchdog)
    function, close = _function(target, result_path.parent)  # libFuzzer's exit() skips close()
    from factbase.model import Entity

    entity = Entity(id="e1", name="Shinzo Abe", kind="person", aliases=["Abe"])

    def decode(data: bytes) -> Any:
        fdp = atheris.FuzzedDataProvider(data)
        if target == "loader":
            return data
        if target == "documents":
            return (("html", "pdf", "warc")[data[0] % 3] if data else "html", data[1:])
        if target == "anchor":
            text = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 400))
            if text and fdp.ConsumeBool():
                i = fdp.ConsumeIntInRange(0, len(text) - 1)
                j = fdp.ConsumeIntInRange(i + 1, len(text))
                return (text, text[i:j], None, None, None, None, True)
            quote = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 60))
            return (text, quote, None, None, None, None, False)
        refs = [None, "2020-01", "2019-12-24", "0001", "9999-12-31"]
        reference = refs[fdp.ConsumeIntInRange(0, len(refs) - 1)]
        return (fdp.ConsumeUnicodeNoSurrogates(len(data)), reference, [entity])

    began = time.perf_counter()

    def save() -> None:
        recorder.result.seconds = time.perf_counter() - began
        result_path.write_text(json.dumps(asdict(recorder.result)))

    def one(data: bytes) -> None:
        recorder.run(function, decode(data))
        # libFuzzer ends the process with exit() when the runs are done, past any finally:
        # the results are saved as they go.
        if recorder.result.inputs % 500 == 0 or recorder.result.inputs >= count - 2 or recorder.result.findings:
            save()

    argv = [sys.argv[0], f"-runs={count}", f"-seed={seed + 1}", "-max_len=4096", f"-timeout={int(watchdog) + 1}"]
    if target == "loader":
        # Start from valid facts files and YAML's and the format's words, or nearly every
        # input dies in the parser.
        corpus = result_path.parent / "corpus"
        corpus.mkdir(exist_ok=True)
        for i, doc in enumerate(LOADER_SEEDS):
            (corpus / f"seed{i}.yaml").write_bytes(doc)
        words = result_path.parent / "yaml.dict"
        tokens = [*BYTE_TOKENS, *(w.encode() for w in LOADER_WORDS)]
        words.write_text("".join('"' + "".join(f"\\x{b:02x}" for b in t) + '"\n' for t in tokens))
        argv += [f"-dict={words}", str(corpus)]
    atheris.Setup(argv, one)
    try:
        atheris.Fuzz()
    finally:
        save()
        close()


# ---------------------------------------------------------------------------- scaling probes

PROBE_UNITS = [
    "1,", "1 ", "1.", "$1 ", "- ", "1-", "1/", "(1", "'9", "10,000,", "€1,", "1 to 2 ", "Jan. 1 ",
    "twenty ", "hundred ", "a hundred ", "one two ", "and ", "from 1 to ", "between 1 and ", "Dec. 24 to ",
    "Abe ", "S. Abe ", "Prime Minister ", "mid-", "late ", "this past ", "last ", "\u00a0", "\u0301",
    "\u201c", " ", "-odd ", "fold ", "percent ", "$", "a dozen ", "2019-", "2019 to ", "Q", "the ",
]


def probe_scaling(small: int = 2_000, large: int = 40_000, slow: float = 1.0) -> list[Finding]:
    """Repeat short units into texts of ``small`` and ``large`` characters and time the
    extractors and the anchor on both: linear code grows ~large/small times; a quadratic
    regex or loop grows far more, and is reported when it also costs more than ``slow``."""
    from factbase.anchor import AnchorError, anchor
    from factbase.mentions import find_mentions
    from factbase.model import Entity

    entities = [Entity(id="abe", name="Shinzo Abe", kind="person", aliases=["Abe", "S. Abe"],
                       roles=[{"title": "Prime Minister", "aliases": ["PM"]}])]  # type: ignore[list-item]

    def mentions(text: str) -> None:
        find_mentions(text, reference="2020-01", entities=entities)

    def anchoring(text: str) -> None:
        with contextlib.suppress(AnchorError):
            anchor(text, (text[:40] + "zz" + text[:40]).strip() or "zz")

    findings = []
    growth = large / small
    for name, function in (("mentions", mentions), ("anchor", anchoring)):
        for unit in PROBE_UNITS + [w + " " for w in WORDS if len(w) < 20]:
            times = []
            for size in (small, large):
                text = (unit * (size // len(unit) + 1))[:size]
                began = time.perf_counter()
                function(text)
                times.append(time.perf_counter() - began)
            ratio = times[1] / max(times[0], 1e-4)
            if times[1] > slow or (ratio > 3 * growth and times[1] > 0.2):
                findings.append(Finding(name, "hang", f"superlinear on repeated {unit!r}",
                                        f"{small}: {times[0]:.3f} s, {large}: {times[1]:.3f} s (x{ratio:.0f})",
                                        f"{unit!r} * {large // len(unit)}"))
    return findings


# ---------------------------------------------------------------------------- main


def _one(job: tuple[str, str, int, int, float, float, int]) -> Result:
    engine, target, count, seed, slow, watchdog, variants = job
    if engine == "atheris":
        return run_atheris(target, count, seed, slow, watchdog)
    return run_hypothesis(target, count, seed, slow, watchdog, variants)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="inputs per target and engine")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--engine", choices=["hypothesis", "atheris", "both"], default="hypothesis")
    parser.add_argument("--jobs", type=int, default=min(3, os.cpu_count() or 1))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow", type=float, default=1.0, help="seconds per input that count as a hang")
    parser.add_argument("--watchdog", type=float, default=60.0,
                        help="stop with a stack dump when one input takes this long")
    parser.add_argument("--variants", type=int, default=4,
                        help="inputs per hypothesis example: the example and mutations of it")
    parser.add_argument("--no-probe", action="store_true", help="skip the scaling probes")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--atheris-child", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.atheris_child:
        _atheris_child(args.atheris_child, args.count, args.seed, args.slow, args.watchdog, args.result)
        return 0
    targets = [t for t in args.targets.split(",") if t]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    engines = ["hypothesis", "atheris"] if args.engine == "both" else [args.engine]
    if "atheris" in engines:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed (pip install atheris); using hypothesis only", file=sys.stderr)
            engines = [e for e in engines if e != "atheris"] or ["hypothesis"]
    jobs = [(e, t, args.count, args.seed, args.slow, args.watchdog, args.variants) for e in engines for t in targets]
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(_one, jobs))
    wall = time.perf_counter() - began

    print(f"{'engine':<11} {'target':<9} {'inputs':>8} {'seconds':>8} {'per s':>7} {'slowest':>8}  findings  outcomes")
    for r in results:
        rate = r.inputs / r.seconds if r.seconds else 0.0
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(r.outcomes.items()))
        print(f"{r.engine:<11} {r.target:<9} {r.inputs:>8} {r.seconds:>8.1f} {rate:>7.0f} {r.slowest:>7.3f}s"
              f"  {len(r.findings):>8}  {outcomes}")
    findings = [f for r in results for f in r.findings]
    if not args.no_probe and set(targets) & {"anchor", "mentions"}:
        began = time.perf_counter()
        probes = probe_scaling(slow=args.slow)
        print(f"scaling probes: {2 * (len(PROBE_UNITS) + len([w for w in WORDS if len(w) < 20]))} texts "
              f"of 2,000 and 40,000 characters in {time.perf_counter() - began:.1f} s, {len(probes)} superlinear")
        findings += probes
    for f in findings:
        print(f"\n[{f.target}] {f.kind}: {f.signature} (x{f.count})\n  input: {f.example}\n"
              + "\n".join("  " + line for line in f.detail.strip().splitlines()[-8:]))
    print(f"\n{sum(r.inputs for r in results)} inputs in {wall:.1f} s wall, {len(findings)} distinct findings")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
