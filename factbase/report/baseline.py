"""Problem fingerprints, baselines and `--ignore`: how a team adopts factbase gradually.

A fingerprint names a problem by what it is about (code, claim, citation, source and a few
identity details), never by where it is written, so it survives unrelated edits: moving a
claim, adding claims above it, or re-wrapping a source file. A baseline is an earlier JSON
report; a check against it fails only on problems whose fingerprints it does not hold.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..problems import REGISTRY, Problem
from ..results import ClaimResult, Report

FINGERPRINT_KEY = "factbase/v1"

# Details that say *what* a problem is about. Details that say *where* (line numbers, offsets,
# scores, hints) are left out on purpose.
_IDENTITY_DETAILS = ("kind", "id", "key", "field", "entity", "role", "pattern", "path", "other")
_INDEX = re.compile(r"(?<=[.\[])\d+(?=[.\]]|$)")


class BaselineError(ValueError):
    """A baseline file that cannot be read or is not a factbase JSON report."""


def _citation_index(citation_id: str | None) -> str:
    if not citation_id:
        return ""
    _, _, index = citation_id.rpartition("#")
    return index


def fingerprint(p: Problem) -> str:
    """A stable hex id of a problem, the same across runs and unrelated edits."""
    parts: list[str] = [p.code, p.claim_id or "", _citation_index(p.citation_id), p.source_id or ""]
    for key in _IDENTITY_DETAILS:
        value = p.details.get(key)
        if value is not None:
            # list positions ("claims.3.value") move when unrelated entries are added
            parts.append(f"{key}={_INDEX.sub('*', str(value))}")
    if not (p.claim_id or p.source_id):
        # a problem of the facts file itself: only its file tells two of them apart
        parts.append(f"file={(p.file or '').replace(os.sep, '/')}")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:32]


@dataclass(frozen=True)
class Baseline:
    """The fingerprints of an earlier report's problems, with multiplicity."""

    fingerprints: Counter[str]

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> Baseline:
        return cls(Counter(fingerprint(p) for p in problems))

    def __len__(self) -> int:
        return sum(self.fingerprints.values())


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline: a JSON report written by ``factbase check --format json``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not JSON: {exc}") from exc
    problems = data.get("problems") if isinstance(data, dict) else None
    if not isinstance(problems, list):
        raise BaselineError(f"{path}: not a factbase JSON report (no `problems` list)")
    found: Counter[str] = Counter()
    for item in problems:
        fp = _stored_fingerprint(item)
        if fp is None:
            raise BaselineError(f"{path}: a problem has no `fingerprint`; write the baseline "
                                "with `factbase check --format json -o FILE`")
        found[fp] += 1
    return Baseline(found)


def _stored_fingerprint(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    fp = item.get("fingerprint")
    return fp if isinstance(fp, str) and fp else None


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes given to ``--ignore`` that the registry does not know."""
    return sorted({c for c in codes if c not in REGISTRY})


@dataclass(frozen=True)
class Filtered:
    kept: list[Problem]
    ignored: list[Problem]  # by code (--ignore)
    baselined: list[Problem]  # already in the baseline

    @property
    def suppressed(self) -> int:
        return len(self.ignored) + len(self.baselined)


def filter_problems(
    problems: Sequence[Problem],
    *,
    baseline: Baseline | None = None,
    ignore: Iterable[str] = (),
) -> Filtered:
    """Split problems into those to report and those ``--ignore`` or the baseline accept.

    Each baseline fingerprint absorbs one problem: when a baseline held a problem once and the
    report has it twice, the second one is new.
    """
    codes = set(ignore)
    budget = Counter(baseline.fingerprints) if baseline is not None else Counter()
    kept: list[Problem] = []
    ignored: list[Problem] = []
    baselined: list[Problem] = []
    for p in problems:
        if p.code in codes:
            ignored.append(p)
            continue
        fp = fingerprint(p)
        if budget[fp] > 0:
            budget[fp] -= 1
            baselined.append(p)
            continue
        kept.append(p)
    return Filtered(kept, ignored, baselined)


def apply(
    report: Report,
    *,
    baseline: Baseline | None = None,
    ignore: Iterable[str] = (),
) -> tuple[Report, Filtered]:
    """A copy of ``report`` without the problems that ``--ignore`` or the baseline accept.

    Claim statuses are kept: a baseline changes what fails, not what the sources say.
    """
    result = filter_problems(report.problems, baseline=baseline, ignore=ignore)
    if not result.suppressed:
        return report, result  # nothing to take out: the claims need not be built
    keep = {_key(p) for p in result.kept}
    claims = [_filter_claim(c, keep) for c in report.claims]
    return replace(report, claims=claims, problems=list(result.kept)), result


_Key = tuple[Any, ...]


def _key(p: Problem) -> _Key:
    # claims may hold copies of the report's problems, so match by value, not identity
    return (p.code, p.severity, p.message, p.file, p.line, p.column, p.claim_id, p.citation_id,
            p.source_id, p.start, p.end)


def _filter_claim(claim: ClaimResult, keep: set[_Key]) -> ClaimResult:
    citations = [
        replace(c, problems=[p for p in c.problems if _key(p) in keep]) for c in claim.citations
    ]
    return replace(claim, citations=citations,
                   problems=[p for p in claim.problems if _key(p) in keep])
