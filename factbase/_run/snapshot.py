"""The snapshot of a whole run: what a check of an unchanged base needs besides the units'
own entries, so that it does not plan or check across claims again.

Keyed by factbase's code, the working folder (problems show paths relative to it), every facts
file's name and bytes, every source's declaration and the hash of its bytes, and the declared
entities. It holds, per unit, its entry's key and which claim and citation each of its
positions is; each claim's own problems; the citations of undeclared sources; and the problems
found across claims. Every position in it is one the facts files still have: any edit changes
the key.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from ..factset import FactSet
from ..problems import Problem
from ..sources.layer import extractor_fingerprint
from ..verify.types import CitationVerdict
from . import cache as cache_module
from . import codec
from .cache import Cache

__all__ = ["Snapshot", "lookup", "run_key", "store"]


@dataclass
class Snapshot:
    """A run as it was planned and finished."""

    unit_keys: list[str]
    # per unit: the claim index and the citation number of each position
    claims: list[array[int]]
    numbers: list[array[int]]
    claim_problems: dict[int, list[Problem]]
    unplaced: list[CitationVerdict]
    head: list[Problem]
    ignore_problems: list[Problem]
    tail: list[Problem]

    def dumps(self) -> bytes:
        pack_problem = codec.pack_problem
        return codec.dumps((
            self.unit_keys,
            [a.tobytes() for a in self.claims],
            [a.tobytes() for a in self.numbers],
            [(ci, [pack_problem(p) for p in found]) for ci, found in self.claim_problems.items()],
            [codec.pack_verdict(v) for v in self.unplaced],
            [pack_problem(p) for p in self.head],
            [pack_problem(p) for p in self.ignore_problems],
            [pack_problem(p) for p in self.tail],
        ))

    @classmethod
    def loads(cls, blob: bytes) -> Snapshot:
        data = codec.loads(blob)
        try:
            keys, claims, numbers, claim_problems, unplaced, head, ignores, tail = data
            unpack_problem = codec.unpack_problem
            return cls(
                list(keys), [_ints(b) for b in claims], [_ints(b) for b in numbers],
                {ci: [unpack_problem(p) for p in found] for ci, found in claim_problems},
                [codec.unpack_verdict(v) for v in unplaced], [unpack_problem(p) for p in head],
                [unpack_problem(p) for p in ignores], [unpack_problem(p) for p in tail])
        except codec.CodecError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise codec.CodecError(f"damaged snapshot: {exc}") from exc


def _ints(data: bytes) -> array[int]:
    found = array("q")
    found.frombytes(data)
    return found


def run_key(facts: FactSet, shas: Sequence[str | None], entities_fp: str) -> str | None:
    """The key of a run of ``facts`` whose unique sources hash to ``shas``; None when a facts
    file cannot be read."""
    found = hashlib.sha256(f"run\x1f{cache_module.code_fingerprint()}\x1f{extractor_fingerprint()}"
                           f"\x1f{os.getcwd()}\x1f{facts.path}\n".encode())
    for file in facts.files:
        try:
            data = file.read_bytes()
        except OSError:
            return None
        found.update(f"\nfile {file} {len(data)}\n".encode())
        found.update(data)
    found.update(f"\nsources {list(shas)!r}\nentities {entities_fp}".encode())
    return found.hexdigest()


def lookup(cache: Cache, key: str) -> Snapshot | None:
    blob = cache.get("run", [key]).get(key)
    if blob is None:
        return None
    try:
        return Snapshot.loads(blob)
    except codec.CodecError:
        return None


def store(cache: Cache, key: str, snapshot: Snapshot) -> None:
    with contextlib.suppress(codec.CodecError):
        cache.put("run", key, snapshot.dumps())

