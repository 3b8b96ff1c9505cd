"""Response times of the published database through a real Datasette server on loopback.

Builds a synthetic 100,000-claim database in the declared shape (rows generated directly, not
checked), starts ``datasette serve -i`` with the generated metadata and factbase's plugin, and
reports the median response time of a claim page (``/-/factbase/claims/<id>``), of
``/factbase/claims.json`` (with the configured facets) and of a source page, each against
``/-/versions.json`` measured in the same run as the baseline. Target: <= 50 ms medians.

    .venv/bin/python benchmarks/datasette_pages.py [--claims 100000] [--requests 60]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from factbase.publish import to_json, write_rows

from factbase import __version__
from factbase.serve import config_paths, datasette_args, write_config

STATUSES = ["verified"] * 8 + ["unsupported", "contradicted"]
TAGS = ["agreements", "money", "summits", "trade", "security", "history", "people"]
WORDS = ["alliance", "treaty", "summit", "fund", "minister", "export", "control", "agreement", "court", "ruling", "companies", "forum", "talks", "negotiated", "intelligence", "sharing", "restitution", "ambassador"]


def synthetic_rows(n_claims: int, n_sources: int = 1000, n_entities: int = 500,
                   seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    texts = []
    sources = []
    for i in range(n_sources):
        text = " ".join(rng.choice(WORDS) for _ in range(600)) + f" It cost $ {i} million."
        texts.append(text)
        sources.append({
            "id": f"source-{i:05d}", "title": f"Source {i}", "publisher": "Synthetic Press",
            "authors": '["A. Writer"]', "published": "2020-01", "url": None,
            "path": f"sources/{i:05d}.txt", "sha256": f"{i:064x}", "pinned_sha256": None,
            "currency": None, "changed": 0, "length": len(text), "mentions": 0,
            "coverage": 1.0, "text": text,
        })
    entities = [{"id": f"entity-{i:04d}", "name": f"Entity {i}", "kind": "person",
                 "description": None, "url": None} for i in range(n_entities)]
    claims, citations, problems = [], [], []
    for i in range(n_claims):
        claim_id = f"claim-{i:06d}"
        source = rng.randrange(n_sources)
        text = texts[source]
        start = rng.randrange(0, len(text) - 120)
        end = start + rng.randrange(20, 120)
        status = rng.choice(STATUSES)
        tags = sorted(rng.sample(TAGS, rng.randrange(0, 3)))
        claims.append({
            "id": claim_id, "statement": f"Claim {i}: " + " ".join(rng.choice(WORDS) for _ in range(12)),
            "subject_id": f"entity-{rng.randrange(n_entities):04d}", "predicate": "says",
            "value_type": "money", "value": f"{i} USD",
            "value_json": to_json({"type": "money", "amount": str(i), "currency": "USD"}),
            "status": status, "tags": to_json(tags), "source_ids": to_json([f"source-{source:05d}"]),
            "citations": 1, "problems": int(status != "verified"), "note": None,
            "file": "facts.yaml", "line": 10 + i * 8,
        })
        evidence = [{"kind": "money", "start": start + 5, "end": start + 12, "text": text[start + 5:start + 12],
                     "value": {"amount": str(i), "currency": "USD"}, "matches": status == "verified",
                     "display": f"{i} USD"}]
        citations.append({
            "id": f"{claim_id}#0", "claim_id": claim_id, "number": 0, "source_id": f"source-{source:05d}",
            "quote": text[start:end], "start": start, "end": end, "anchor": "exact", "score": None,
            "supports": int(status == "verified"), "status": status, "evidence": to_json(evidence),
        })
        if status != "verified":
            problems.append({
                "id": len(problems) + 1, "code": "value-mismatch" if status == "contradicted" else "value-not-found",
                "severity": "error", "message": "synthetic", "claim_id": claim_id,
                "citation_id": f"{claim_id}#0", "source_id": f"source-{source:05d}", "file": "facts.yaml",
                "line": 12 + i * 8, "column": 5, "start": start, "end": end,
            })
    counts = {s: sum(1 for c in claims if c["status"] == s) for s in
              ("verified", "contradicted", "unsupported", "unanchored", "stale", "invalid")}
    build = {"id": 1, "factbase_version": __version__, "facts_hash": "0" * 64,
             "title": "Synthetic benchmark database", "description": None, "license": None,
             "license_url": None, "ok": 0, "claims": n_claims, "citations": n_claims,
             "sources": n_sources, "entities": n_entities, "mentions": 0, "errors": len(problems),
             "warnings": 0, **counts}
    return {"sources": sources, "entities": entities, "aliases": [], "roles": [], "claims": claims,
            "citations": citations, "problems": problems, "mentions": [], "factbase_build": [build]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return time.perf_counter() - started


def median_ms(urls: list[str], warmup: int = 3) -> float:
    for url in urls[:warmup]:
        _get(url)
    return statistics.median(_get(u) for u in urls) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="factbase-bench-") as folder:
        db = Path(folder) / "factbase.db"
        started = time.perf_counter()
        rows = synthetic_rows(args.claims)
        write_rows(db, rows)
        write_config(db)
        built = time.perf_counter() - started
        print(f"built {args.claims} claims in {built:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")

        port = _free_port()
        command = [sys.executable, "-m", "datasette",
                   *datasette_args(db, port=port, metadata_path=config_paths(db, "0.65")[0])]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    _get(f"{base}/-/versions.json")
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("datasette did not start") from None
                    time.sleep(0.2)
            rng = random.Random(1)
            n = args.requests
            claim_ids = [f"claim-{rng.randrange(args.claims):06d}" for _ in range(n)]
            figures = {
                "baseline /-/versions.json": median_ms([f"{base}/-/versions.json"] * n),
                "claim page /-/factbase/claims/<id>": median_ms(
                    [f"{base}/-/factbase/claims/{c}" for c in claim_ids]),
                "/factbase/claims.json": median_ms([f"{base}/factbase/claims.json"] * n),
                "/factbase/claims.json?status=contradicted": median_ms(
                    [f"{base}/factbase/claims.json?status=contradicted"] * n),
                "/factbase/claims.json?status=stale (no rows)": median_ms(
                    [f"{base}/factbase/claims.json?status=stale"] * n),
                "source page /-/factbase/sources/<id>": median_ms(
                    [f"{base}/-/factbase/sources/source-{rng.randrange(1000):05d}" for _ in range(n)]),
            }
        finally:
            server.terminate()
            server.wait(timeout=10)
    baseline = figures["baseline /-/versions.json"]
    print(f"median of {args.requests} requests each, {args.claims} claims, target <= 50 ms:")
    for name, ms in figures.items():
        verdict = "" if name.startswith("baseline") else ("  ok" if ms <= 50 else "  OVER TARGET")
        print(f"  {name:45s} {ms:7.1f} ms  ({ms / baseline:5.1f}x baseline){verdict}")
    print(json.dumps({k: round(v, 2) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
